package provider

import (
	"github.com/alisec/terraform-provider-alisec/internal/products"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

func providerSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The alisec provider reads Alibaba Cloud security events as typed data: " +
			"Web Application Firewall 3.0 threat events and Data Security Center anomalous activities. " +
			"It only reads: it creates, changes and deletes nothing.\n\n" +
			"Credentials are taken from the first source that is set: `access_key`/`secret_key` (with `security_token` for STS keys), " +
			"`assume_role_with_oidc`, `profile`/`shared_credentials_file`, `ecs_role_name`, `credentials_uri`. " +
			"`assume_role` is then assumed with them. Every top-level argument and those of `endpoints` and `rate_limits` also have an " +
			"environment variable, named in their descriptions (of the role blocks, the ARNs and the OIDC token file have one); " +
			"when both an `ALIBABA_CLOUD_*` and an `ALICLOUD_*` variable are set, the `ALIBABA_CLOUD_*` one wins. " +
			"Configuring the provider makes no network call: credentials are resolved on the first read.",
		Attributes: map[string]schema.Attribute{
			"access_key": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Access key ID. Environment: `ALIBABA_CLOUD_ACCESS_KEY_ID`, then `ALICLOUD_ACCESS_KEY`. " +
					"Logs show it masked (`LTAI****abcd`).",
			},
			"secret_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Access key secret. Environment: `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, then `ALICLOUD_SECRET_KEY`.",
			},
			"security_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "STS security token, for temporary access keys. Environment: `ALIBABA_CLOUD_SECURITY_TOKEN`, then `ALICLOUD_SECURITY_TOKEN`.",
			},
			"region": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Region ID, such as `cn-hangzhou`. Picks the default API endpoints: WAF is served from " +
					"`cn-hangzhou` for mainland China regions and `ap-southeast-1` for the rest; Data Security Center from " +
					"`cn-zhangjiakou` for mainland China, `cn-hongkong` for Hong Kong and `ap-southeast-1` for the rest " +
					"(Hong Kong's endpoint has two readings, see `endpoints.sddp`); a data source's `region_id` overrides the choice. " +
					"Environment: `ALIBABA_CLOUD_REGION`, then `ALICLOUD_REGION`. Default: `cn-hangzhou`.",
				Validators: []validator.String{regionIDValidator()},
			},
			"profile": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Name of a profile in the Alibaba Cloud CLI configuration (`~/.aliyun/config.json`). " +
					"Modes `AK`, `StsToken`, `RamRoleArn`, `EcsRamRole` and `OIDC` are supported. " +
					"Environment: `ALIBABA_CLOUD_PROFILE`, then `ALICLOUD_PROFILE`.",
			},
			"shared_credentials_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Path of the Alibaba Cloud CLI configuration file that holds `profile`. " +
					"Environment: `ALIBABA_CLOUD_SHARED_CREDENTIALS_FILE`, then `ALICLOUD_SHARED_CREDENTIALS_FILE`. Default: `~/.aliyun/config.json`.",
			},
			"ecs_role_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "RAM role attached to the ECS instance Terraform runs on; credentials come from the instance metadata service. Environment: `ALIBABA_CLOUD_ECS_METADATA`.",
			},
			"credentials_uri": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "URL of a local credentials service that answers `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and `Expiration`. Environment: `ALIBABA_CLOUD_CREDENTIALS_URI`.",
				Validators:          []validator.String{urlValidator()},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "How many times an unavailable (5xx, `ServiceUnavailable`) or dropped call is retried, " +
					"with exponential back-off and jitter. `0` disables retries. Throttled calls are retried within `throttling_timeout` instead. " +
					"Environment: `ALIBABA_CLOUD_MAX_RETRIES`. Default: `5`.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Time limit of one API call attempt, as a Go duration (`30s`, `2m`). An endpoint that does not answer " +
					"within it twice in a row is given up for the rest of the plan: its other reads fail at once with \"Endpoint Timed Out\". " +
					"Environment: `ALIBABA_CLOUD_REQUEST_TIMEOUT`. Default: `30s`.",
				Validators: []validator.String{durationValidator()},
			},
			"read_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Time limit of one data source read as a whole: every attempt, retry, wait for flow control and page, " +
					"as a Go duration (`2m`, `10m`). Must be longer than `throttling_timeout` and `request_timeout`. " +
					"When it runs out the read fails with \"Read Timed Out\". Environment: `ALIBABA_CLOUD_READ_TIMEOUT`. Default: `2m`.",
				Validators: []validator.String{durationValidator()},
			},
			"throttling_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long a read keeps retrying while the API answers `Throttling*` (flow control), counted from the first " +
					"throttled answer, as a Go duration (`60s`, `5m`). Throttled retries are paced and backed off, and do not count against " +
					"`max_retries`. When it runs out the read fails with \"API Throttled\". Environment: `ALIBABA_CLOUD_THROTTLING_TIMEOUT`. Default: `60s`.",
				Validators: []validator.String{durationValidator()},
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role":           assumeRoleBlock(),
			"assume_role_with_oidc": assumeRoleWithOIDCBlock(),
			"endpoints":             endpointsBlock(),
			"rate_limits":           rateLimitsBlock(),
		},
	}
}

func assumeRoleBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Assume a RAM role with STS `AssumeRole`, using the credentials configured above.",
		Attributes: map[string]schema.Attribute{
			"role_arn": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ARN of the role to assume, `acs:ram::<account>:role/<name>`. Required in the block. Environment: `ALIBABA_CLOUD_ROLE_ARN`.",
			},
			"session_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Session name shown in ActionTrail. Default: chosen by the SDK (`aliyun-go-sdk-<time>`).",
			},
			"policy": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "JSON policy that further restricts the assumed role's permissions.",
			},
			"session_expiration": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Session lifetime in seconds, 900 to 43200 (up to the role's maximum). Default: 3600.",
				Validators:          []validator.Int64{int64validator.Between(900, 43200)},
			},
			"external_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "External ID the role's trust policy requires, if any.",
			},
		},
	}
}

func assumeRoleWithOIDCBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Obtain credentials with STS `AssumeRoleWithOIDC` from an OIDC token, as in ACK RRSA or CI workload identity.",
		Attributes: map[string]schema.Attribute{
			"oidc_provider_arn": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ARN of the OIDC identity provider. Environment: `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`.",
			},
			"oidc_token_file": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Path of the file holding the OIDC token; it is read on every refresh. Environment: `ALIBABA_CLOUD_OIDC_TOKEN_FILE`.",
			},
			"role_arn": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ARN of the role to assume. Environment: `ALIBABA_CLOUD_ROLE_ARN`.",
			},
			"role_session_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Session name shown in ActionTrail. Default: chosen by the SDK.",
			},
			"policy": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "JSON policy that further restricts the assumed role's permissions.",
			},
			"session_expiration": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Session lifetime in seconds, 900 to 43200. Default: 3600.",
				Validators:          []validator.Int64{int64validator.Between(900, 43200)},
			},
		},
	}
}

func rateLimitsBlock() schema.SingleNestedBlock {
	attrs := map[string]schema.Attribute{}
	for _, p := range products.All {
		attrs[p.Key] = schema.Float64Attribute{
			Optional: true,
			MarkdownDescription: "Calls per second allowed to each " + p.Title + " API action, for all reads of this provider together. " +
				"Replaces the action's documented limit; the provider still slows down if the API throttles. " +
				"`0` or unset: start at the documented limit (unpaced where none is documented) and adapt. Environment: `" + p.RateLimitEnv + "`.",
			Validators: []validator.Float64{rateLimitValidator{}},
		}
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: "Client-side flow control. Alibaba Cloud limits each API action per account (all its RAM users and " +
			"tools together) and answers `Throttling.User` above the limit. The provider paces every action at its documented " +
			"limit (Data Security Center `DescribeEvents`: 10 per second; the other actions document none), lowers the pace when " +
			"the API throttles and raises it again while calls succeed. Set a limit here when other tools share the account's quota, " +
			"or when Alibaba Cloud raised it for you.",
		Attributes: attrs,
	}
}

func endpointsBlock() schema.SingleNestedBlock {
	endpoint := func(what, env, example string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Endpoint of " + what + ": a host name (`" + example + "`, reached over HTTPS) or a full URL " +
				"(`http://127.0.0.1:8080`). Environment: `" + env + "`.",
			Validators: []validator.String{endpointValidator(example)},
		}
	}
	attrs := map[string]schema.Attribute{
		"sts": endpoint("STS, used by `assume_role` and `assume_role_with_oidc`; the SDK always reaches STS over HTTPS, so only the host is used",
			"ALIBABA_CLOUD_ENDPOINT_STS", stsExampleHost),
	}
	// notes adds what a product's default endpoints leave open.
	notes := map[string]string{products.Sddp.Key: sddpHongKongRouting()}
	for _, p := range products.All {
		attr := endpoint("the "+p.Title+" "+p.APIName, p.EndpointEnv, exampleHost(p))
		if note, ok := notes[p.Key]; ok {
			attr.MarkdownDescription += " " + note
		}
		attrs[p.Key] = attr
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: "Override API endpoints, for private endpoints, proxies or a local fake cloud.",
		Attributes:          attrs,
	}
}

// stsExampleHost is the STS endpoint's example host name.
const stsExampleHost = "sts.aliyuncs.com"

// exampleHost is p's endpoint in cn-hangzhou, the example host name its
// endpoint's description and errors give.
func exampleHost(p products.Product) string { return p.Endpoint(p.APIRegion("cn-hangzhou")) }
