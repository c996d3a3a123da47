variable "instance_id" {
  description = "ID of the WAF 3.0 instance (waf_v2_public_cn-...)."
  type        = string
}

variable "event_id" {
  description = "ID of the security event, as shown in the WAF console's security event list."
  type        = string
}

variable "region_id" {
  description = "Region of the WAF instance, cn-hangzhou or ap-southeast-1. null: follow the provider's region."
  type        = string
  default     = null
}
