# Offline tests of the gate in ../main.tf: `terraform test` (Terraform 1.7 or
# later) or `tofu test` (OpenTofu 1.8 or later) in the example's directory.
# mock_provider answers every read without credentials or network.
#
# The gate is a postcondition on the data sources, so a run that expects it
# to fire names the data source in expect_failures; a run that expects it to
# pass checks the `gate` output, which only exists when every event passed.
#
# override_data gives every instance of a data source the same values
# (OpenTofu does not take instance keys such as gate[1] as a target), so each
# run gates events that all look alike.

mock_provider "alisec" {}

variables {
  waf_events = [
    { instance_id = "waf_v2_public_cn-test", event_id = "evt-1" },
    { instance_id = "waf_v2_public_cn-test", event_id = "evt-2" },
  ]
  dsc_event_ids = [7001, 7004]
}

run "critical_waf_event_stops_the_pipeline" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.gate
    values = { event_level = "critical" }
  }
  override_data {
    target = data.alisec_dsc_event.gate
    values = { status = 2 }
  }

  expect_failures = [data.alisec_waf_threat_event.gate]
}

run "unhandled_dsc_event_stops_the_pipeline" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.gate
    values = { event_level = "high" }
  }
  override_data {
    target = data.alisec_dsc_event.gate
    values = { status = 0 }
  }

  expect_failures = [data.alisec_dsc_event.gate]
}

# The API sent no level: the gate cannot tell the event is not critical, so
# it stops the pipeline, saying the level is missing.
run "waf_event_without_level_stops_the_pipeline" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.gate
    values = { event_level = null }
  }
  override_data {
    target = data.alisec_dsc_event.gate
    values = { status = 2 }
  }

  expect_failures = [data.alisec_waf_threat_event.gate]
}

# A level the gate does not know, and one in another case, are not passed.
run "waf_event_of_unknown_level_stops_the_pipeline" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.gate
    values = { event_level = "urgent" }
  }
  override_data {
    target = data.alisec_dsc_event.gate
    values = { status = 2 }
  }

  expect_failures = [data.alisec_waf_threat_event.gate]
}

run "waf_event_critical_in_capitals_stops_the_pipeline" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.gate
    values = { event_level = "Critical" }
  }
  override_data {
    target = data.alisec_dsc_event.gate
    values = { status = 2 }
  }

  expect_failures = [data.alisec_waf_threat_event.gate]
}

# The API sent no status: the gate cannot tell the event was handled.
run "dsc_event_without_status_stops_the_pipeline" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.gate
    values = { event_level = "high" }
  }
  override_data {
    target = data.alisec_dsc_event.gate
    values = { status = null }
  }

  expect_failures = [data.alisec_dsc_event.gate]
}

run "dsc_event_of_unknown_status_stops_the_pipeline" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.gate
    values = { event_level = "high" }
  }
  override_data {
    target = data.alisec_dsc_event.gate
    values = { status = 3 }
  }

  expect_failures = [data.alisec_dsc_event.gate]
}

# Persistent but not critical, and confirmed: both pass, and the output
# lists what was checked.
run "handled_events_pass" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.gate
    values = {
      event_level   = "high"
      is_persistent = true
    }
  }
  override_data {
    target = data.alisec_dsc_event.gate
    values = {
      status      = 1
      status_name = "Confirmed"
    }
  }

  assert {
    condition = output.gate == {
      waf_events = {
        "waf_v2_public_cn-test/evt-1" = "high"
        "waf_v2_public_cn-test/evt-2" = "high"
      }
      dsc_events = {
        "7001" = "Confirmed"
        "7004" = "Confirmed"
      }
    }
    error_message = "The gate output must list every event checked, with its level or status."
  }
}

run "no_events_pass" {
  command = plan

  variables {
    waf_events    = []
    dsc_event_ids = []
  }

  assert {
    condition     = length(output.gate.waf_events) == 0 && length(output.gate.dsc_events) == 0
    error_message = "With nothing to gate, the gate passes."
  }
}
