# Find the last day's security events, read each one in detail, and raise a
# check warning for any critical WAF event or any DSC event still unhandled.
# Event IDs change every day: the list data sources find them, `for_each`
# feeds them to the detail data sources, and the `rules` module, plain HCL
# over typed values, picks out the events that break a rule.
terraform {
  required_version = ">= 1.5.0" # check blocks, plantimestamp()

  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

locals {
  # The window reaches back window_hours from "now": var.now when replaying
  # (tests, backfills), else the time the plan started. Both ends are sent to
  # the API in Unix milliseconds; whether it includes an event at exactly
  # either end is not documented (see README.md for an hourly schedule).
  window_end   = coalesce(var.now, plantimestamp())
  window_start = timeadd(local.window_end, "-${var.window_hours}h")
}

data "alisec_waf_threat_events" "recent" {
  instance_id = var.waf_instance_id
  start_time  = local.window_start
  end_time    = local.window_end
  max_results = var.max_events
}

data "alisec_waf_threat_event" "recent" {
  for_each = toset(data.alisec_waf_threat_events.recent.ids)

  instance_id = var.waf_instance_id
  event_id    = each.value
}

data "alisec_dsc_events" "unhandled" {
  start_time  = local.window_start
  end_time    = local.window_end
  status      = 0
  max_results = var.max_events
}

data "alisec_dsc_event" "unhandled" {
  for_each = toset(data.alisec_dsc_events.unhandled.ids)

  event_id = each.value
}

# Which events break a rule. The module reads no data source: its inputs are
# plain maps, so tests/rules.tftest.hcl drives it with variables, giving each
# event its own values, which mocked data sources cannot do on every CLI
# (see ../README.md, "Rules that can be mocked").
module "rules" {
  source = "./rules"

  waf_events = { for id, e in data.alisec_waf_threat_event.recent : id => { level = e.event_level } }
  dsc_events = { for id, e in data.alisec_dsc_event.unhandled : id => { status = e.status } }
}

check "no_critical_waf_event_in_window" {
  assert {
    condition     = length(module.rules.critical_waf_events) == 0
    error_message = "Critical WAF events in the last ${var.window_hours}h on ${var.waf_instance_id}: ${join(", ", module.rules.critical_waf_events)}.${length(module.rules.unknown_level_waf_events) == 0 ? "" : " Of unknown level, counted as critical: ${join(", ", module.rules.unknown_level_waf_events)}."}"
  }
}

check "no_unhandled_dsc_event_in_window" {
  assert {
    condition     = length(module.rules.unhandled_dsc_events) == 0
    error_message = "Unhandled Data Security Center events in the last ${var.window_hours}h: ${join(", ", module.rules.unhandled_dsc_events)}."
  }
}

# With max_events set, a busy window is read only in part: say so, rather
# than let the events not read pass as a quiet day.
check "window_read_in_full" {
  assert {
    condition = !data.alisec_waf_threat_events.recent.truncated && !data.alisec_dsc_events.unhandled.truncated
    error_message = format(
      "The sweep of the last %sh read only part of the window: %d of %d WAF events, %d of %d unhandled DSC events (max_events = %s). Raise max_events or shorten window_hours.",
      var.window_hours,
      length(data.alisec_waf_threat_events.recent.ids),
      data.alisec_waf_threat_events.recent.total_count,
      length(data.alisec_dsc_events.unhandled.ids),
      data.alisec_dsc_events.unhandled.total_count,
      var.max_events == null ? "unset" : tostring(var.max_events),
    )
  }
}
