# Offline tests of the rule in ../main.tf: `terraform test` (Terraform 1.7 or
# later) or `tofu test` (OpenTofu 1.8 or later) in the example's directory.
# mock_provider answers every read without credentials or network: each run
# sets, with override_data, the fields the rule reads, and the mock makes up
# the rest (random strings, zeros, false, empty lists).
#
# A run with expect_failures passes only if that check fails; a run without
# it fails if any check fails. So each pair below proves the rule fires on a
# bad event and stays silent on a benign one.

mock_provider "alisec" {}

variables {
  instance_id = "waf_v2_public_cn-test"
  event_id    = "evt-1"
}

run "critical_event_fires" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level   = "critical"
      is_persistent = false
    }
  }

  expect_failures = [check.waf_event_not_critical]

  assert {
    condition     = output.alert.firing && output.alert.reasons == tolist(["critical"])
    error_message = "A critical event must raise the alert for \"critical\" alone."
  }
}

run "persistent_event_fires" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level   = "medium"
      is_persistent = true
    }
  }

  expect_failures = [check.waf_event_not_critical]

  assert {
    condition     = output.alert.firing && output.alert.reasons == tolist(["persistent"])
    error_message = "A persistent event must raise the alert, whatever its level."
  }
}

# The API may leave fields out: the check's message must still render (a
# message that fails to evaluate is an error, and the run would fail).
run "sparse_critical_persistent_event_fires" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level       = "critical"
      is_persistent     = true
      event_tag         = null
      event_block       = null
      event_cnt         = null
      event_src         = null
      event_src_country = null
      end_time_rfc3339  = null
      # A nested attribute cannot be mocked as null on Terraform, and
      # OpenTofu wants every one of its attributes: null them one by one.
      event_condition = {
        start_time         = null
        start_time_rfc3339 = null
        end_time           = null
        end_time_rfc3339   = null
        real_client_ips    = null
      }
      event_suggest = null
    }
  }

  expect_failures = [check.waf_event_not_critical]

  assert {
    condition     = output.alert.reasons == tolist(["critical", "persistent"]) && output.alert.attacker_ips == null
    error_message = "Both reasons must be given, and a missing log filter must leave attacker_ips null."
  }
}

run "high_event_is_quiet" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level   = "high"
      is_persistent = false
    }
  }

  assert {
    condition     = !output.alert.firing && length(output.alert.reasons) == 0
    error_message = "A high, not persistent event must not raise the alert."
  }
}

# A level the API did not send raises the alert: unknown severity may be
# the worst. A missing persistence flag alone does not.
run "missing_level_fires" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level   = null
      is_persistent = null
    }
  }

  expect_failures = [check.waf_event_not_critical]

  assert {
    condition     = output.alert.firing && output.alert.reasons == tolist(["of unknown level"])
    error_message = "An event without a level must raise the alert, for its unknown level."
  }
}

run "level_outside_the_documented_four_fires" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level   = "severe"
      is_persistent = false
    }
  }

  expect_failures = [check.waf_event_not_critical]

  assert {
    condition     = output.alert.reasons == tolist(["of unknown level"])
    error_message = "A level WAF does not document must raise the alert."
  }
}

run "missing_persistence_flag_is_quiet" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level   = "High"
      is_persistent = null
    }
  }

  assert {
    condition     = !output.alert.firing
    error_message = "A high event without a persistence flag must not raise the alert."
  }
}
