# Tests of the rules module alone (../rules), driven with plain variables:
# no provider, no mocks, each event with its own values. Run with
# `terraform test` (Terraform 1.7 or later) or `tofu test` (OpenTofu 1.8 or
# later) in the example's directory, after `terraform init`.

run "critical_waf_events_are_picked_out" {
  command = plan

  module {
    source = "./rules"
  }

  variables {
    waf_events = {
      "crit-b"   = { level = "critical" }
      "low-1"    = { level = "low" }
      "crit-a"   = { level = "critical" }
      "high-1"   = { level = "high" }
      "no-level" = { level = null }
      "odd"      = { level = "urgent" }
      "crit-c"   = { level = "Critical" }
    }
    dsc_events = {}
  }

  # An event without a level, or with one WAF does not document, is of
  # unknown severity: it is picked out with the critical ones, and listed.
  assert {
    condition     = output.critical_waf_events == tolist(["crit-a", "crit-b", "crit-c", "no-level", "odd"])
    error_message = "The critical events and those of unknown level, sorted, must be picked out."
  }
  assert {
    condition     = output.unknown_level_waf_events == tolist(["no-level", "odd"])
    error_message = "The events of unknown level, sorted, must be listed."
  }
}

run "unhandled_dsc_events_are_picked_out" {
  command = plan

  module {
    source = "./rules"
  }

  variables {
    waf_events = {}
    dsc_events = {
      "9003" = { status = 0 }
      "9002" = { status = 1 } # confirmed since it was listed
      "9001" = { status = 0 }
      "9004" = { status = 2 }
      "9005" = { status = null } # no status: not known to be handled
      "9006" = { status = 7 }    # not a documented status
    }
  }

  assert {
    condition     = output.unhandled_dsc_events == tolist(["9001", "9003", "9005", "9006"])
    error_message = "The events not known to be handled (status 0, null or undocumented), sorted, must be picked out."
  }
}

run "quiet_window_picks_nothing" {
  command = plan

  module {
    source = "./rules"
  }

  variables {
    waf_events = {
      "low-1"  = { level = "low" }
      "high-1" = { level = "high" }
    }
    dsc_events = {
      "9002" = { status = 2 }
    }
  }

  assert {
    condition     = length(output.critical_waf_events) == 0 && length(output.unknown_level_waf_events) == 0 && length(output.unhandled_dsc_events) == 0
    error_message = "A window without critical or unhandled events must pick out nothing."
  }
}
