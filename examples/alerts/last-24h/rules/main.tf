# The rules of last-24h: which of the window's events break one. Plain HCL
# over typed inputs, with no provider and no data source, so that
# ../tests/rules.tftest.hcl can give each event its own values with plain
# variables, on Terraform and OpenTofu alike. The caller reports the results
# in check blocks.

variable "waf_events" {
  description = "The window's WAF events by event ID: level is event_level (null if the API sent none)."
  type = map(object({
    level = string
  }))
}

variable "dsc_events" {
  description = "The window's DSC events by event ID: status is 0 unhandled, 1 confirmed, 2 dismissed (null if the API sent none)."
  type = map(object({
    status = number
  }))
}

output "critical_waf_events" {
  description = "IDs of the WAF events whose level is critical, sorted."
  value       = sort([for id, e in var.waf_events : id if e.level == "critical"])
}

output "unhandled_dsc_events" {
  description = "IDs of the DSC events still unhandled when read in detail, sorted. The list asked for unhandled events only; one handled since is left out."
  value       = sort([for id, e in var.dsc_events : id if e.status == 0])
}
