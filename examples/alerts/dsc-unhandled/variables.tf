variable "event_id" {
  description = "ID of the DSC anomalous activity, as returned by DescribeEvents or shown in the console."
  type        = number

  validation {
    condition     = var.event_id >= 1
    error_message = "event_id must be a positive integer."
  }
}

variable "max_unhandled_hours" {
  description = "How long an event may stay unhandled (status 0) after it occurred before the check fails, in hours; fractions are allowed."
  type        = number
  default     = 24

  validation {
    condition     = var.max_unhandled_hours >= 0
    error_message = "max_unhandled_hours must be 0 or more."
  }
}

variable "lang" {
  description = "Language of the event's names and texts: en or zh."
  type        = string
  default     = "en"
}

variable "now" {
  description = "RFC 3339 time to compare the deadline with. null: the time of the plan (plantimestamp()). Set it to replay a past moment, as the tests do."
  type        = string
  default     = null

  validation {
    condition     = var.now == null || can(formatdate("YYYY", var.now))
    error_message = "now must be an RFC 3339 time such as 2025-06-14T16:00:00Z, or null."
  }
}
