package fakecloud

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// How far a request's Timestamp may be from the server's clock, and how
// long a SignatureNonce is remembered: the gateway's 15 minutes.
const timestampSkew = 15 * time.Minute

var commonParams = []string{
	"Action", "Version", "Format", "AccessKeyId", "SignatureMethod",
	"SignatureVersion", "SignatureNonce", "Timestamp", "Signature",
}

// authenticate checks signature V1 the way the gateway does, before anything
// else about the request is looked at.
func (s *Server) authenticate(method string, params url.Values) *apiError {
	if e := requireParams(params, commonParams...); e != nil {
		return e
	}
	if params.Get("SignatureMethod") != "HMAC-SHA1" {
		return &apiError{http.StatusBadRequest, "InvalidParameter.SignatureMethod", "Specified signature method is not supported."}
	}
	if params.Get("SignatureVersion") != "1.0" {
		return &apiError{http.StatusBadRequest, "InvalidParameter.SignatureVersion", "Specified signature version is not supported."}
	}
	secret, e := s.secretFor(params)
	if e != nil {
		return e
	}
	stringToSign := rpcStringToSign(method, params)
	if !hmac.Equal([]byte(params.Get("Signature")), []byte(signV1(stringToSign, secret))) {
		return errSignature(stringToSign)
	}
	return s.checkFreshness(params.Get("Timestamp"), params.Get("SignatureNonce"))
}

// secretFor finds the signing secret of the request's AccessKeyId: a
// long-term key, or a temporary STS key whose SecurityToken must match.
func (s *Server) secretFor(params url.Values) (string, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := params.Get("AccessKeyId")
	if account, ok := s.accounts[id]; ok {
		return account.AccessKeySecret, nil
	}
	session, ok := s.sessions[id]
	if !ok {
		return "", errAccessKeyNotFound()
	}
	switch {
	case params.Get("SecurityToken") == "":
		return "", errMissingParameter("SecurityToken")
	case params.Get("SecurityToken") != session.token:
		return "", &apiError{http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."}
	case s.now().After(session.expires):
		return "", &apiError{http.StatusBadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."}
	}
	return session.secret, nil
}

func (s *Server) checkFreshness(timestamp, nonce string) *apiError {
	ts, err := time.Parse("2006-01-02T15:04:05Z", timestamp)
	if err != nil {
		return &apiError{http.StatusBadRequest, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if ts.Before(now.Add(-timestampSkew)) || ts.After(now.Add(timestampSkew)) {
		return &apiError{http.StatusBadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."}
	}
	s.forgetOldNonces(now)
	if seen, used := s.nonces[nonce]; used && now.Sub(seen) <= timestampSkew {
		return &apiError{http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already."}
	}
	s.nonces[nonce] = now
	return nil
}

// forgetOldNonces drops nonces older than the skew window, at most once per
// window: sweeping the whole map on every request, under the server lock,
// made each request cost as much as all before it (quadratic in a
// benchmark). Expiry itself is checked on lookup, so a late sweep is harmless.
// The caller holds s.mu.
func (s *Server) forgetOldNonces(now time.Time) {
	if now.Sub(s.noncesSwept) < timestampSkew {
		return
	}
	for n, seen := range s.nonces {
		if now.Sub(seen) > timestampSkew {
			delete(s.nonces, n)
		}
	}
	s.noncesSwept = now
}

// rpcStringToSign is HTTPMethod & percentEncode("/") & percentEncode(the
// sorted, percent-encoded parameters other than Signature).
func rpcStringToSign(method string, params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, percentEncode(k)+"="+percentEncode(params.Get(k)))
	}
	return method + "&" + percentEncode("/") + "&" + percentEncode(strings.Join(pairs, "&"))
}

// percentEncode is RFC 3986 encoding: unreserved characters stay, everything
// else is %XX, a space is %20 rather than +.
func percentEncode(v string) string {
	e := url.QueryEscape(v)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

func signV1(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func requireParams(params url.Values, names ...string) *apiError {
	for _, name := range names {
		if strings.TrimSpace(params.Get(name)) == "" {
			return errMissingParameter(name)
		}
	}
	return nil
}
