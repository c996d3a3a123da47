package alicloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// Credentials says how to authenticate. The first source that is set wins,
// in this order: static keys, assume_role_with_oidc, profile, ECS role,
// credentials URI. AssumeRole, when set, is assumed with whichever of them
// is in use.
type Credentials struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string

	Profile               string
	SharedCredentialsFile string

	ECSRoleName    string
	CredentialsURI string

	AssumeRole         *AssumeRole
	AssumeRoleWithOIDC *AssumeRoleWithOIDC
}

// AssumeRole is an STS AssumeRole request.
type AssumeRole struct {
	RoleARN           string
	SessionName       string
	Policy            string
	ExternalID        string
	SessionExpiration int // seconds; 0 lets the SDK choose
}

// AssumeRoleWithOIDC is an STS AssumeRoleWithOIDC request.
type AssumeRoleWithOIDC struct {
	OIDCProviderARN   string
	OIDCTokenFile     string
	RoleARN           string
	RoleSessionName   string
	Policy            string
	SessionExpiration int // seconds; 0 lets the SDK choose
}

// MissingCredentialsError explains what was found instead of usable credentials.
type MissingCredentialsError struct{ Reason string }

func (e *MissingCredentialsError) Error() string {
	return ErrMissingCredentials.Error() + ": " + e.Reason
}

func (e *MissingCredentialsError) Unwrap() error { return ErrMissingCredentials }

// credentialError keeps a missing-credentials error recognisable through the
// SDK's wrapping, and labels anything else the signer reports.
func credentialError(err error) error {
	var missing *MissingCredentialsError
	if errors.As(err, &missing) {
		return missing
	}
	return &CredentialsError{Err: redactCredentialError(err)}
}

// CredentialsError is a failure to obtain credentials from the configured
// source (a profile file, STS, ECS metadata, a credentials URI).
type CredentialsError struct{ Err error }

func (e *CredentialsError) Error() string {
	return "obtaining Alibaba Cloud credentials: " + e.Err.Error()
}

func (e *CredentialsError) Unwrap() error { return e.Err }

// CredentialKind names the source a Client takes its credentials from.
type CredentialKind string

// The credential sources, in the order the first one set wins.
const (
	CredentialsStaticKey  CredentialKind = "static access key"
	CredentialsStaticSTS  CredentialKind = "static STS token"
	CredentialsPartialKey CredentialKind = "incomplete access key"
	CredentialsOIDC       CredentialKind = "OIDC role"
	CredentialsProfile    CredentialKind = "CLI profile"
	CredentialsECSRole    CredentialKind = "ECS RAM role"
	CredentialsURI        CredentialKind = "credentials URI"
	CredentialsNone       CredentialKind = "none"
)

// Kind is the source the client signs with: the first one set.
func (c Credentials) Kind() CredentialKind {
	switch {
	case c.AccessKey != "" && c.SecretKey != "" && c.SecurityToken != "":
		return CredentialsStaticSTS
	case c.AccessKey != "" && c.SecretKey != "":
		return CredentialsStaticKey
	case c.AccessKey != "" || c.SecretKey != "":
		return CredentialsPartialKey
	case c.AssumeRoleWithOIDC != nil:
		return CredentialsOIDC
	case c.Profile != "" || c.SharedCredentialsFile != "":
		return CredentialsProfile
	case c.ECSRoleName != "":
		return CredentialsECSRole
	case c.CredentialsURI != "":
		return CredentialsURI
	}
	return CredentialsNone
}

// Secrets lists the configured values that must never be shown, for log masking.
func (c Credentials) Secrets() []string {
	return nonEmpty(c.SecretKey, c.SecurityToken)
}

// newCredentialsProvider builds the SDK providers for c. It reads no file and
// makes no network call: those happen on the first GetCredentials.
func newCredentialsProvider(c Credentials, stsHost string) (credentials.CredentialsProvider, error) {
	base, err := baseCredentialsProvider(c, stsHost)
	if err != nil || c.AssumeRole == nil {
		return base, err
	}
	ar := c.AssumeRole
	return credentials.NewRAMRoleARNCredentialsProviderBuilder().
		WithCredentialsProvider(base).
		WithRoleArn(ar.RoleARN).
		WithRoleSessionName(ar.SessionName).
		WithPolicy(ar.Policy).
		WithExternalId(ar.ExternalID).
		WithDurationSeconds(ar.SessionExpiration).
		WithStsEndpoint(stsHost).
		Build()
}

func baseCredentialsProvider(c Credentials, stsHost string) (credentials.CredentialsProvider, error) {
	switch c.Kind() {
	case CredentialsStaticSTS:
		return credentials.NewStaticSTSCredentialsProvider(c.AccessKey, c.SecretKey, c.SecurityToken), nil
	case CredentialsStaticKey:
		return credentials.NewStaticAKCredentialsProvider(c.AccessKey, c.SecretKey), nil
	case CredentialsPartialKey:
		if c.AccessKey != "" {
			return missing("the access key ID (access_key) is set but its secret (secret_key) is not; both are needed"), nil
		}
		return missing("the access key secret (secret_key) is set but its ID (access_key) is not; both are needed"), nil
	case CredentialsOIDC:
		o := c.AssumeRoleWithOIDC
		return credentials.NewOIDCCredentialsProviderBuilder().
			WithOIDCProviderARN(o.OIDCProviderARN).
			WithOIDCTokenFilePath(o.OIDCTokenFile).
			WithRoleArn(o.RoleARN).
			WithRoleSessionName(o.RoleSessionName).
			WithPolicy(o.Policy).
			WithDurationSeconds(o.SessionExpiration).
			WithSTSEndpoint(stsHost).
			Build()
	case CredentialsProfile:
		return &cliProfileProvider{profile: c.Profile, path: c.SharedCredentialsFile, stsHost: stsHost}, nil
	case CredentialsECSRole:
		return credentials.NewECSRAMRoleCredentialsProviderBuilder().WithRoleName(c.ECSRoleName).Build()
	case CredentialsURI:
		return credentials.NewURLCredentialsProviderBuilderBuilder().WithUrl(c.CredentialsURI).Build()
	}
	return missing("no access key, profile, role or credentials URI is set"), nil
}

// missingProvider fails every use with the reason credentials are missing, so
// that a configuration without credentials only fails when it reads.
type missingProvider struct{ reason string }

func missing(reason string) *missingProvider { return &missingProvider{reason: reason} }

func (p *missingProvider) GetCredentials() (*credentials.Credentials, error) {
	return nil, &MissingCredentialsError{Reason: p.reason}
}

func (p *missingProvider) GetProviderName() string { return "missing" }

// cliProfileProvider reads a profile of the Alibaba Cloud CLI's config.json
// and hands it to the matching SDK provider. The SDK's own
// CLIProfileCredentialsProvider only reads ~/.aliyun/config.json, and
// shared_credentials_file must be able to name another file.
type cliProfileProvider struct {
	profile string
	path    string
	stsHost string
	inner   credentials.CredentialsProvider
}

type cliConfig struct {
	Current  string       `json:"current"`
	Profiles []cliProfile `json:"profiles"`
}

type cliProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	SecurityToken   string `json:"sts_token"`
	RoleArn         string `json:"ram_role_arn"`
	RoleSessionName string `json:"ram_session_name"`
	DurationSeconds int    `json:"expired_seconds"`
	RoleName        string `json:"ram_role_name"`
	OIDCTokenFile   string `json:"oidc_token_file"`
	OIDCProviderARN string `json:"oidc_provider_arn"`
	Policy          string `json:"policy"`
	ExternalID      string `json:"external_id"`
}

func (p *cliProfileProvider) GetProviderName() string { return "cli_profile" }

func (p *cliProfileProvider) GetCredentials() (*credentials.Credentials, error) {
	if p.inner == nil {
		inner, err := p.load()
		if err != nil {
			return nil, err
		}
		p.inner = inner
	}
	return p.inner.GetCredentials()
}

func (p *cliProfileProvider) load() (credentials.CredentialsProvider, error) {
	path := p.path
	if path == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, &MissingCredentialsError{Reason: "profile is set but the home directory is unknown; set shared_credentials_file"}
		}
		path = filepath.Join(home, ".aliyun", "config.json")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &MissingCredentialsError{Reason: fmt.Sprintf("cannot read the shared credentials file %s: %v", path, err)}
	}
	var cfg cliConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		// The file's content is not quoted: it holds secrets.
		return nil, &MissingCredentialsError{Reason: fmt.Sprintf("the shared credentials file %s is not valid JSON", path)}
	}
	name := p.profile
	if name == "" {
		name = cfg.Current
	}
	for _, prof := range cfg.Profiles {
		if prof.Name == name {
			return p.providerFor(prof, path)
		}
	}
	return nil, &MissingCredentialsError{Reason: fmt.Sprintf("profile %q is not in the shared credentials file %s, %s", name, path, profileNames(cfg))}
}

// profileNames lists the profiles a file has, for a name that is not one.
func profileNames(cfg cliConfig) string {
	names := make([]string, 0, len(cfg.Profiles))
	for _, prof := range cfg.Profiles {
		names = append(names, strconv.Quote(prof.Name))
	}
	if len(names) == 0 {
		return "which has no profiles"
	}
	return "which has the profiles " + strings.Join(names, ", ")
}

func (p *cliProfileProvider) providerFor(prof cliProfile, path string) (credentials.CredentialsProvider, error) {
	switch prof.Mode {
	case "AK", "":
		if prof.AccessKeyID == "" || prof.AccessKeySecret == "" {
			return nil, &MissingCredentialsError{Reason: fmt.Sprintf("profile %q in %s has no access_key_id or access_key_secret", prof.Name, path)}
		}
		return credentials.NewStaticAKCredentialsProvider(prof.AccessKeyID, prof.AccessKeySecret), nil
	case "StsToken":
		return credentials.NewStaticSTSCredentialsProvider(prof.AccessKeyID, prof.AccessKeySecret, prof.SecurityToken), nil
	case "RamRoleArn":
		return credentials.NewRAMRoleARNCredentialsProviderBuilder().
			WithCredentialsProvider(credentials.NewStaticAKCredentialsProvider(prof.AccessKeyID, prof.AccessKeySecret)).
			WithRoleArn(prof.RoleArn).
			WithRoleSessionName(prof.RoleSessionName).
			WithDurationSeconds(prof.DurationSeconds).
			WithPolicy(prof.Policy).
			WithExternalId(prof.ExternalID).
			WithStsEndpoint(p.stsHost).
			Build()
	case "EcsRamRole":
		return credentials.NewECSRAMRoleCredentialsProviderBuilder().WithRoleName(prof.RoleName).Build()
	case "OIDC":
		return credentials.NewOIDCCredentialsProviderBuilder().
			WithOIDCProviderARN(prof.OIDCProviderARN).
			WithOIDCTokenFilePath(prof.OIDCTokenFile).
			WithRoleArn(prof.RoleArn).
			WithRoleSessionName(prof.RoleSessionName).
			WithDurationSeconds(prof.DurationSeconds).
			WithPolicy(prof.Policy).
			WithSTSEndpoint(p.stsHost).
			Build()
	}
	return nil, &MissingCredentialsError{Reason: fmt.Sprintf("profile %q in %s has mode %q; supported modes are AK, StsToken, RamRoleArn, EcsRamRole and OIDC", prof.Name, path, prof.Mode)}
}

func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
