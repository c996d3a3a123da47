package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// TestCredentialSource_hintsNameTheSourceUsed: the fix for refused
// credentials points at where they came from, and never at a source that
// was not used.
func TestCredentialSource_hintsNameTheSourceUsed(t *testing.T) {
	t.Parallel()
	const key = "LTAI5tExampleKey0001"
	tests := []struct {
		name     string
		config   providerModel
		env      map[string]string
		code     string
		want     []string
		mustNot  []string
		wantKind alicloud.CredentialKind
	}{
		{
			name:    "static keys from the environment",
			env:     map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": key, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s"},
			code:    "SignatureDoesNotMatch",
			want:    []string{"access key LTAI****0001 from environment variable ALIBABA_CLOUD_ACCESS_KEY_ID", "The secret from environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is not the secret"},
			mustNot: []string{"secret_key", "profile"}, wantKind: alicloud.CredentialsStaticKey,
		},
		{
			name:    "static keys from the block",
			config:  providerModel{AccessKey: types.StringValue(key), SecretKey: types.StringValue("s")},
			code:    "InvalidAccessKeyId.NotFound",
			want:    []string{"from the provider's access_key argument, with the secret from the provider's secret_key argument", "The access key from the provider's access_key argument is unknown or disabled"},
			mustNot: []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "profile"}, wantKind: alicloud.CredentialsStaticKey,
		},
		{
			name:    "an STS token from the ALICLOUD variables",
			env:     map[string]string{"ALICLOUD_ACCESS_KEY": key, "ALICLOUD_SECRET_KEY": "s", "ALICLOUD_SECURITY_TOKEN": "t"},
			code:    "InvalidSecurityToken.Expired",
			want:    []string{"The security token from environment variable ALICLOUD_SECURITY_TOKEN is expired"},
			mustNot: []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "security_token "}, wantKind: alicloud.CredentialsStaticSTS,
		},
		{
			name:    "a profile",
			config:  providerModel{Profile: types.StringValue("prod"), SharedCredentialsFile: types.StringValue("/etc/aliyun.json")},
			code:    "SignatureDoesNotMatch",
			want:    []string{`profile "prod" (from the provider's profile argument) of the Alibaba Cloud CLI configuration /etc/aliyun.json`, "Correct the profile's"},
			mustNot: []string{"secret_key", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"}, wantKind: alicloud.CredentialsProfile,
		},
		{
			name:    "an ECS role",
			env:     map[string]string{"ALIBABA_CLOUD_ECS_METADATA": "reader"},
			code:    "InvalidSecurityToken.Expired",
			want:    []string{`the RAM role "reader" of this ECS instance (from environment variable ALIBABA_CLOUD_ECS_METADATA)`, "temporary credentials"},
			mustNot: []string{"secret_key", "security_token", "profile"}, wantKind: alicloud.CredentialsECSRole,
		},
		{
			name:     "a credentials URI with a token in it",
			env:      map[string]string{"ALIBABA_CLOUD_CREDENTIALS_URI": "http://user:pass@127.0.0.1:9/creds?token=t0ps3cret"},
			code:     "InvalidSecurityToken.Expired",
			want:     []string{"the credentials URI http://127.0.0.1:9/creds (from environment variable ALIBABA_CLOUD_CREDENTIALS_URI)"},
			mustNot:  []string{"t0ps3cret", "pass"},
			wantKind: alicloud.CredentialsURI,
		},
		{
			name: "static keys then assume_role",
			config: providerModel{AccessKey: types.StringValue(key), SecretKey: types.StringValue("s"),
				AssumeRole: &assumeRoleModel{RoleARN: types.StringValue("acs:ram::1:role/reader")}},
			code:     "InvalidSecurityToken.Expired",
			want:     []string{"then the role acs:ram::1:role/reader (assume_role)", "temporary credentials issued for a role"},
			mustNot:  []string{"refresh it together"},
			wantKind: alicloud.CredentialsStaticKey,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := resolveSettings(tt.config, lookupFrom(tt.env))
			src := s.credentialSource(s.clientConfig("test").Credentials)
			if src.kind != tt.wantKind {
				t.Errorf("kind = %q, want %q", src.kind, tt.wantKind)
			}
			_, detail := describeReadError(wafThreatEventTarget, src, &alicloud.APIError{
				Action: "DescribeThreatEventDetail", Code: tt.code, HTTPStatus: 400, RequestID: "R", AccessKeyID: alicloud.MaskAccessKeyID(key),
			})
			for _, w := range tt.want {
				if !strings.Contains(detail, w) {
					t.Errorf("detail lacks %q:\n%s", w, detail)
				}
			}
			for _, n := range tt.mustNot {
				if strings.Contains(detail, n) {
					t.Errorf("detail names %q, a source not in use:\n%s", n, detail)
				}
			}
		})
	}
}
