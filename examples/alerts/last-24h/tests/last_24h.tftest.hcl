# Offline tests of the sweep in ../main.tf: the window, the reads and the
# checks. `terraform test` (Terraform 1.7 or later) or `tofu test` (OpenTofu
# 1.8 or later) in the example's directory, after `terraform init`.
#
# mock_provider answers every read without credentials or network; when a
# run does not override a list, the mock lists nothing (ids = [], truncated
# = false). override_data gives every for_each instance of a detail data
# source the same values, so these runs read events that all look alike;
# tests/rules.tftest.hcl tests the rules with events that differ.

mock_provider "alisec" {}

variables {
  waf_instance_id = "waf_v2_public_cn-test"
  now             = "2025-06-14T16:00:00Z"
}

run "window_ends_now_and_reaches_back" {
  command = plan

  variables {
    window_hours = 2
  }

  assert {
    condition = (
      data.alisec_waf_threat_events.recent.start_time == "2025-06-14T14:00:00Z" &&
      data.alisec_waf_threat_events.recent.end_time == "2025-06-14T16:00:00Z" &&
      data.alisec_dsc_events.unhandled.start_time == "2025-06-14T14:00:00Z" &&
      data.alisec_dsc_events.unhandled.end_time == "2025-06-14T16:00:00Z"
    )
    error_message = "Both lists must ask for [now - window_hours, now]."
  }
}

run "critical_waf_events_fire" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_events.recent
    values = {
      ids         = ["evt-b", "evt-a"]
      total_count = 2
      truncated   = false
    }
  }
  override_data {
    target = data.alisec_waf_threat_event.recent
    values = { event_level = "critical" }
  }

  expect_failures = [check.no_critical_waf_event_in_window]

  assert {
    condition     = output.summary.critical_waf_events == tolist(["evt-a", "evt-b"]) && length(output.summary.waf_events) == 2
    error_message = "Both listed events must be read in detail and reported, sorted."
  }
}

run "non_critical_waf_events_are_quiet" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_events.recent
    values = {
      ids         = ["evt-a", "evt-b"]
      total_count = 2
      truncated   = false
    }
  }
  override_data {
    target = data.alisec_waf_threat_event.recent
    values = { event_level = "high" }
  }

  assert {
    condition     = length(output.summary.critical_waf_events) == 0 && output.summary.waf_events["evt-a"].level == "high"
    error_message = "High events must be listed in the summary without firing."
  }
}

# The API sent no level: the event is of unknown severity, and fires the
# check with the critical ones rather than pass as quiet.
run "waf_events_without_level_fire" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_events.recent
    values = {
      ids         = ["evt-a"]
      total_count = 1
      truncated   = false
    }
  }
  override_data {
    target = data.alisec_waf_threat_event.recent
    values = { event_level = null }
  }

  expect_failures = [check.no_critical_waf_event_in_window]

  assert {
    condition     = output.summary.critical_waf_events == tolist(["evt-a"]) && output.summary.unknown_level_waf_events == tolist(["evt-a"])
    error_message = "An event without a level must be reported as alert-worthy and as of unknown level."
  }
}

# The API sent no status: the event, listed as unhandled, is not known to
# have been handled since.
run "dsc_events_without_status_fire" {
  command = plan

  override_data {
    target = data.alisec_dsc_events.unhandled
    values = {
      ids         = ["9001"]
      total_count = 1
      truncated   = false
    }
  }
  override_data {
    target = data.alisec_dsc_event.unhandled
    values = { status = null }
  }

  expect_failures = [check.no_unhandled_dsc_event_in_window]

  assert {
    condition     = output.summary.unhandled_dsc_events == tolist(["9001"])
    error_message = "An event without a status must be reported as unhandled."
  }
}

run "unhandled_dsc_events_fire" {
  command = plan

  override_data {
    target = data.alisec_dsc_events.unhandled
    values = {
      ids         = ["9001"]
      total_count = 1
      truncated   = false
    }
  }
  override_data {
    target = data.alisec_dsc_event.unhandled
    values = { status = 0 }
  }

  expect_failures = [check.no_unhandled_dsc_event_in_window]

  assert {
    condition     = output.summary.unhandled_dsc_events == tolist(["9001"])
    error_message = "The unhandled event must be reported."
  }
}

# Listed as unhandled, confirmed by the time its detail is read.
run "dsc_event_handled_since_listing_is_quiet" {
  command = plan

  override_data {
    target = data.alisec_dsc_events.unhandled
    values = {
      ids         = ["9001"]
      total_count = 1
      truncated   = false
    }
  }
  override_data {
    target = data.alisec_dsc_event.unhandled
    values = { status = 1 }
  }

  assert {
    condition     = length(output.summary.unhandled_dsc_events) == 0
    error_message = "An event handled since it was listed must not fire."
  }
}

run "list_cut_short_fires" {
  command = plan

  variables {
    max_events = 1
  }

  override_data {
    target = data.alisec_waf_threat_events.recent
    values = {
      ids         = ["evt-a"]
      total_count = 3
      truncated   = true
    }
  }
  override_data {
    target = data.alisec_waf_threat_event.recent
    values = { event_level = "low" }
  }

  expect_failures = [check.window_read_in_full]

  assert {
    condition     = data.alisec_waf_threat_events.recent.max_results == 1 && output.summary.truncated
    error_message = "max_events must reach the list, and a list cut short must show in the summary."
  }
}

run "malformed_now_is_refused" {
  command = plan

  variables {
    now = "yesterday"
  }

  expect_failures = [var.now]
}
