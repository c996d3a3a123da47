terraform {
  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

# Credentials are taken from the first source that is set, in this order.
# Every argument can also come from its environment variable; when both an
# ALIBABA_CLOUD_* variable and its ALICLOUD_* twin are set, ALIBABA_CLOUD_* wins.
provider "alisec" {
  region = "cn-hangzhou" # ALIBABA_CLOUD_REGION or ALICLOUD_REGION; picks the default endpoints

  # 1. Static access keys, plus a security token for temporary STS keys.
  #    Prefer the environment variables to keeping keys in configuration.
  # access_key     = var.access_key # ALIBABA_CLOUD_ACCESS_KEY_ID     or ALICLOUD_ACCESS_KEY
  # secret_key     = var.secret_key # ALIBABA_CLOUD_ACCESS_KEY_SECRET or ALICLOUD_SECRET_KEY
  # security_token = var.sts_token  # ALIBABA_CLOUD_SECURITY_TOKEN    or ALICLOUD_SECURITY_TOKEN

  # 2. An OIDC token (ACK RRSA, CI workload identity). The variables
  #    ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE and
  #    ALIBABA_CLOUD_ROLE_ARN work without the block.
  # assume_role_with_oidc {
  #   oidc_provider_arn = "acs:ram::123456789012:oidc-provider/ack-rrsa"
  #   oidc_token_file   = "/var/run/secrets/tokens/oidc-token"
  #   role_arn          = "acs:ram::123456789012:role/security-reader"
  #   role_session_name = "terraform"
  # }

  # 3. A profile of the Alibaba Cloud CLI (modes AK, StsToken, RamRoleArn,
  #    EcsRamRole and OIDC).
  # profile                 = "security"              # ALIBABA_CLOUD_PROFILE or ALICLOUD_PROFILE
  # shared_credentials_file = "~/.aliyun/config.json" # the default; ALIBABA_CLOUD_SHARED_CREDENTIALS_FILE

  # 4. The RAM role of the ECS instance Terraform runs on.
  # ecs_role_name = "terraform-runner" # ALIBABA_CLOUD_ECS_METADATA

  # 5. A local credentials service.
  # credentials_uri = "http://127.0.0.1:8080/credentials" # ALIBABA_CLOUD_CREDENTIALS_URI

  # Any of the sources above can then assume a RAM role.
  # assume_role {
  #   role_arn           = "acs:ram::123456789012:role/security-reader" # ALIBABA_CLOUD_ROLE_ARN
  #   session_name       = "terraform"
  #   session_expiration = 3600
  # }

  max_retries        = 5     # 5xx and dropped connections; 0 disables retries. ALIBABA_CLOUD_MAX_RETRIES
  request_timeout    = "30s" # per attempt. ALIBABA_CLOUD_REQUEST_TIMEOUT
  throttling_timeout = "60s" # how long a throttled read keeps trying. ALIBABA_CLOUD_THROTTLING_TIMEOUT

  # Calls per second for each action of a product, for all reads together.
  # Unset or 0: the action's documented limit (DescribeEvents: 10 per second;
  # the others document none), lowered when the API throttles.
  # rate_limits {
  #   waf_openapi = 5  # ALIBABA_CLOUD_RATE_LIMIT_WAF_OPENAPI
  #   sddp        = 10 # ALIBABA_CLOUD_RATE_LIMIT_SDDP
  # }

  # Leave endpoints out: the defaults follow region (WAF: cn-hangzhou for the
  # Chinese mainland, else ap-southeast-1; Data Security Center: cn-zhangjiakou,
  # cn-hongkong or ap-southeast-1). Set them only for a private endpoint, a
  # proxy or a local fake cloud. An endpoint set here is called whatever
  # region or a data source's region_id says: with the values below and
  # region = "ap-southeast-1", every read would still go to the Chinese
  # mainland. A host name is reached over HTTPS; a URL may say http://.
  # endpoints {
  #   waf_openapi = "wafopenapi.cn-hangzhou.aliyuncs.com" # ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI
  #   sddp        = "sddp.cn-zhangjiakou.aliyuncs.com"    # ALIBABA_CLOUD_ENDPOINT_SDDP
  #   sts         = "sts.cn-hangzhou.aliyuncs.com"        # ALIBABA_CLOUD_ENDPOINT_STS (always HTTPS)
  # }
}
