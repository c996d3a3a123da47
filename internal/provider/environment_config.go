package provider

import (
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// ClientConfigFromEnvironment is the client configuration the provider
// would build from an empty provider block: every setting from the
// environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_REGION,
// ALIBABA_CLOUD_ENDPOINT_*, ALIBABA_CLOUD_PROFILE, ...), checked as
// Configure checks it. Tools outside Terraform (the conformance probe) use
// it so that they authenticate and reach the same endpoints as the
// provider does. A setting that fails its check is an error naming each
// problem; the error holds no secret.
func ClientConfigFromEnvironment(lookup func(string) (string, bool), version string) (alicloud.Config, error) {
	s := resolveSettings(providerModel{}, lookup)
	if err := diagnosticsError(s.validate()); err != nil {
		return alicloud.Config{}, err
	}
	return s.clientConfig(version), nil
}

// diagnosticsError joins the errors among diags, each as "summary:
// detail"; nil when there are none. Warnings are left out: they do not
// stop the provider either.
func diagnosticsError(diags diag.Diagnostics) error {
	var problems []string
	for _, d := range diags.Errors() {
		problems = append(problems, d.Summary()+": "+d.Detail())
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(problems, "; "))
}
