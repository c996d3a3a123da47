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

variable "min_level" {
  description = "Lowest level that alerts: low, medium, high or critical, or a DSC-style number 1 to 3 (\"3\" is high)."
  type        = string
  default     = "high"
}

variable "max_age_hours" {
  description = "Events whose last attack is older than this many hours do not alert."
  type        = number
  default     = 24
}

variable "allowed_cidrs" {
  description = "CIDR blocks of your own scanners and agreed penetration tests, IPv4 or IPv6. An event whose every attacker IP lies in them does not alert."
  type        = list(string)
  default     = []
}

variable "now" {
  description = "RFC 3339 time to measure the event's age to. null: the time of the plan (plantimestamp()). Set it to replay a past day."
  type        = string
  default     = null
}
