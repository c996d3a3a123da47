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
    }
    dsc_events = {}
  }

  assert {
    condition     = output.critical_waf_events == tolist(["crit-a", "crit-b"])
    error_message = "Only the critical events, sorted, must be picked out."
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
      "9005" = { status = null }
    }
  }

  assert {
    condition     = output.unhandled_dsc_events == tolist(["9001", "9003"])
    error_message = "Only the events still unhandled (status 0), sorted, must be picked out."
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
    condition     = length(output.critical_waf_events) == 0 && length(output.unhandled_dsc_events) == 0
    error_message = "A window without critical or unhandled events must pick out nothing."
  }
}
