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

variable "max_events" {
  description = "Read at most this many events of each list (and so at most this many details each). null: all of them. When a list is cut short, the check window_read_in_full fails."
  type        = number
  default     = null

  validation {
    condition     = var.max_events == null || try(var.max_events >= 1, false)
    error_message = "max_events must be at least 1, or null."
  }
}

variable "now" {
  description = "RFC 3339 end of the window. null: the time of the plan (plantimestamp()). Set it to replay a past window, as the tests and backfills do."
  type        = string
  default     = null

  validation {
    condition     = var.now == null || can(formatdate("YYYY", var.now))
    error_message = "now must be an RFC 3339 time such as 2025-06-14T16:00:00Z, or null."
  }
}
