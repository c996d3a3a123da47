variable "waf_events" {
  description = "WAF 3.0 events that must not be critical."
  type = list(object({
    instance_id = string
    event_id    = string
    region_id   = optional(string) # null: follow the provider's region
  }))
  default = []
}

variable "dsc_event_ids" {
  description = "IDs of DSC anomalous activities that must have been handled (confirmed or dismissed)."
  type        = list(number)
  default     = []
}
