package provider

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// credentialSource says which credentials the provider signs with and where
// they were configured, so that a refusal points at what was used and
// never at a source that was not.
type credentialSource struct {
	kind alicloud.CredentialKind
	// describe names the source: "access key LTAI****mo01 from
	// environment variable ALIBABA_CLOUD_ACCESS_KEY_ID, with the secret
	// from ...". It holds no secret.
	describe string
	// keyFrom, secretFrom and tokenFrom name the configuration static keys
	// were taken from.
	keyFrom, secretFrom, tokenFrom string
	profile, profileFile           string
	assumesRole                    bool
}

// credentialSource works out the source the client will use from the
// same settings, in the client's own order (alicloud.Credentials.Kind).
func (s settings) credentialSource(c alicloud.Credentials) credentialSource {
	src := credentialSource{kind: c.Kind(), assumesRole: c.AssumeRole != nil}
	switch src.kind {
	case alicloud.CredentialsStaticKey, alicloud.CredentialsStaticSTS:
		src.keyFrom, src.secretFrom = s.accessKey.origin(), s.secretKey.origin()
		src.describe = fmt.Sprintf("access key %s from %s, with the secret from %s",
			alicloud.MaskAccessKeyID(c.AccessKey), src.keyFrom, src.secretFrom)
		if src.kind == alicloud.CredentialsStaticSTS {
			src.tokenFrom = s.securityToken.origin()
			src.describe += " and the security token from " + src.tokenFrom
		}
	case alicloud.CredentialsPartialKey:
		if c.AccessKey != "" {
			src.keyFrom = s.accessKey.origin()
			src.describe = fmt.Sprintf("access key %s from %s, without its secret", alicloud.MaskAccessKeyID(c.AccessKey), src.keyFrom)
		} else {
			src.secretFrom = s.secretKey.origin()
			src.describe = fmt.Sprintf("an access key secret from %s, without its access key ID", src.secretFrom)
		}
	case alicloud.CredentialsOIDC:
		src.describe = fmt.Sprintf("assume_role_with_oidc (role %s, OIDC token file %s)",
			c.AssumeRoleWithOIDC.RoleARN, c.AssumeRoleWithOIDC.OIDCTokenFile)
	case alicloud.CredentialsProfile:
		src.profile, src.profileFile = c.Profile, c.SharedCredentialsFile
		if src.profileFile == "" {
			src.profileFile = "~/.aliyun/config.json"
		}
		name := "the current profile"
		if src.profile != "" {
			name = fmt.Sprintf("profile %q (from %s)", src.profile, s.profile.origin())
		}
		src.describe = fmt.Sprintf("%s of the Alibaba Cloud CLI configuration %s", name, src.profileFile)
	case alicloud.CredentialsECSRole:
		src.describe = fmt.Sprintf("the RAM role %q of this ECS instance (from %s)", c.ECSRoleName, s.ecsRoleName.origin())
	case alicloud.CredentialsURI:
		src.describe = fmt.Sprintf("the credentials URI %s (from %s)", withoutSecrets(c.CredentialsURI), s.credentialsURI.origin())
	default:
		src.describe = "no credentials"
	}
	if src.assumesRole {
		src.describe += fmt.Sprintf(", then the role %s (assume_role)", c.AssumeRole.RoleARN)
	}
	return src
}

// withoutSecrets is a URL without the user information and query a
// credentials service may take a token in.
func withoutSecrets(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(a URL that does not parse)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}

// rejectedFix says what to check when the API refused the credentials,
// naming the configuration they came from.
func (c credentialSource) rejectedFix(e *alicloud.APIError) string {
	key := e.AccessKeyID
	if key == "" {
		key = "(unknown)"
	}
	used := fmt.Sprintf("The request was signed with access key %s, from %s.", key, c.describe)
	switch {
	case c.issuedForRole():
		return used + " These are temporary credentials issued for a role: check that the role exists and may be assumed, " +
			"and this machine's clock (temporary credentials and tokens expire)."
	case c.kind == alicloud.CredentialsProfile:
		return used + fmt.Sprintf(" Correct the profile's access_key_id, access_key_secret or sts_token in %s "+
			"(aliyun configure --profile NAME), and check that the key is active in the RAM console.", c.profileFile)
	case e.Code == "SignatureDoesNotMatch" || e.Code == "IncompleteSignature":
		return used + fmt.Sprintf(" The secret from %s is not the secret of that access key: correct it.", c.secretFrom)
	case strings.HasPrefix(e.Code, "InvalidSecurityToken") && c.tokenFrom != "":
		return used + fmt.Sprintf(" The security token from %s is expired or belongs to another key: refresh it together with its "+
			"access key pair, or let assume_role obtain and refresh one.", c.tokenFrom)
	}
	return used + fmt.Sprintf(" The access key from %s is unknown or disabled: check it, and its state in the RAM console.", c.keyFrom)
}

// issuedForRole reports temporary credentials that a service issued, which
// the user configures only indirectly.
func (c credentialSource) issuedForRole() bool {
	switch c.kind {
	case alicloud.CredentialsOIDC, alicloud.CredentialsECSRole, alicloud.CredentialsURI:
		return true
	}
	return c.assumesRole
}

// sourceFix says what to check when credentials could not be obtained.
func (c credentialSource) sourceFix() string {
	switch c.kind {
	case alicloud.CredentialsOIDC:
		return "Check that the OIDC token file exists and is fresh, and that the role trusts the OIDC provider."
	case alicloud.CredentialsProfile:
		return fmt.Sprintf("Check the profile in %s (aliyun configure list).", c.profileFile)
	case alicloud.CredentialsECSRole:
		return "Check that Terraform runs on an ECS instance with this RAM role attached, and that its metadata service is reachable."
	case alicloud.CredentialsURI:
		return "Check that the credentials service runs and answers AccessKeyId, AccessKeySecret, SecurityToken and Expiration."
	}
	if c.assumesRole {
		return "Check the assume_role block's role_arn, and that the credentials above may assume it (sts:AssumeRole)."
	}
	return "Check the credentials configured for the provider."
}

// missingFix says how to complete the credentials: for a half-set access
// key, which half to add and where; otherwise every source there is.
func (c credentialSource) missingFix() string {
	switch {
	case c.kind != alicloud.CredentialsPartialKey:
		return credentialSources
	case c.keyFrom != "":
		return fmt.Sprintf("Found the %s. Set its secret with secret_key in the provider block or ALIBABA_CLOUD_ACCESS_KEY_SECRET "+
			"(or ALICLOUD_SECRET_KEY), or unset %s to use another credential source.", c.describe, c.keyFrom)
	default:
		return fmt.Sprintf("Found %s. Set the access key ID with access_key in the provider block or ALIBABA_CLOUD_ACCESS_KEY_ID "+
			"(or ALICLOUD_ACCESS_KEY), or unset %s to use another credential source.", c.describe, c.secretFrom)
	}
}
