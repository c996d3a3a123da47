variable "waf_instance_id" {
  description = "ID of the WAF 3.0 instance whose events are listed (waf_v2_public_cn-...)."
  type        = string
}

variable "window_hours" {
  description = "How far back from the plan the window reaches, in hours."
  type        = number
  default     = 24

  validation {
    condition     = var.window_hours > 0
    error_message = "window_hours must be positive."
  }
}
