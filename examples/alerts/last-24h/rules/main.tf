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

locals {
  # WAF's documented levels. An event whose level is null (the API sent
  # none) or not one of these (in any case) is of unknown severity, which
  # counts as critical: a gap in the data must not read as a quiet day.
  waf_levels = ["low", "medium", "high", "critical"]

  unknown_level_waf_events = sort([
    for id, e in var.waf_events : id
    if e.level == null ? true : !contains(local.waf_levels, lower(e.level))
  ])
}

output "critical_waf_events" {
  description = "IDs of the alert-worthy WAF events, sorted: those whose level is critical (any case), and those of unknown level (also in unknown_level_waf_events)."
  value = sort(concat(
    [for id, e in var.waf_events : id if e.level == null ? false : lower(e.level) == "critical"],
    local.unknown_level_waf_events,
  ))
}

output "unknown_level_waf_events" {
  description = "IDs of the WAF events whose level is null or not low, medium, high or critical, sorted. They are in critical_waf_events too."
  value       = local.unknown_level_waf_events
}

output "unhandled_dsc_events" {
  description = "IDs of the DSC events not known to be handled when read in detail, sorted: status 0 (unhandled), null (the API sent none) or any value other than 1 (confirmed) and 2 (dismissed). The list asked for unhandled events only; one handled since is left out."
  value       = sort([for id, e in var.dsc_events : id if e.status == null ? true : !contains([1, 2], e.status)])
}
