# Find the last day's security events, read each one in detail, and raise a
# check warning for any critical WAF event or any DSC event still unhandled.
# Event IDs change every day: the list data sources find them, `for_each`
# feeds them to the detail data sources.
terraform {
  required_version = ">= 1.5.0" # check blocks, plantimestamp()

  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

locals {
  # The window ends when the plan is made and reaches back window_hours.
  window_end   = plantimestamp()
  window_start = timeadd(local.window_end, "-${var.window_hours}h")
}

data "alisec_waf_threat_events" "recent" {
  instance_id = var.waf_instance_id
  start_time  = local.window_start
  end_time    = local.window_end
}

data "alisec_waf_threat_event" "recent" {
  for_each = toset(data.alisec_waf_threat_events.recent.ids)

  instance_id = var.waf_instance_id
  event_id    = each.value
}

data "alisec_dsc_events" "unhandled" {
  start_time = local.window_start
  end_time   = local.window_end
  status     = 0
}

data "alisec_dsc_event" "unhandled" {
  for_each = toset(data.alisec_dsc_events.unhandled.ids)

  event_id = each.value
}

locals {
  critical_waf_events = sort([
    for id, e in data.alisec_waf_threat_event.recent : id if e.event_level == "critical"
  ])
  unhandled_dsc_events = sort([
    for id, e in data.alisec_dsc_event.unhandled : id if e.status == 0
  ])
}

check "no_critical_waf_event_in_window" {
  assert {
    condition     = length(local.critical_waf_events) == 0
    error_message = "Critical WAF events in the last ${var.window_hours}h on ${var.waf_instance_id}: ${join(", ", local.critical_waf_events)}."
  }
}

check "no_unhandled_dsc_event_in_window" {
  assert {
    condition     = length(local.unhandled_dsc_events) == 0
    error_message = "Unhandled Data Security Center events in the last ${var.window_hours}h: ${join(", ", local.unhandled_dsc_events)}."
  }
}
