# Offline tests of the rule in ../main.tf: `terraform test` (Terraform 1.8 or
# later: provider functions) or `tofu test` (OpenTofu 1.8 or later) in the
# example's directory. The mock provider answers the read without
# credentials or network; the provider's functions still run for real.
#
# The event's last attack is at 16:00 and "now" is 18:00, two hours later.
# OpenTofu wants every attribute of a nested object listed, so
# event_condition lists the log window too.

mock_provider "alisec" {}

variables {
  instance_id = "waf_v2_public_cn-test"
  event_id    = "evt-1"
  now         = "2025-06-14T18:00:00Z"
}

run "critical_recent_foreign_fires" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level      = "critical"
      end_time         = 1749916800000 # 2025-06-14T16:00:00Z
      end_time_rfc3339 = "2025-06-14T16:00:00Z"
      event_condition = {
        start_time         = 1749913200000
        start_time_rfc3339 = "2025-06-14T15:00:00Z"
        end_time           = 1749916800000
        end_time_rfc3339   = "2025-06-14T16:00:00Z"
        real_client_ips    = ["203.0.113.7", "198.51.100.8"]
      }
    }
  }

  variables {
    allowed_cidrs = ["203.0.113.0/24"]
  }

  expect_failures = [check.waf_event_triaged]

  assert {
    condition     = output.alert.rank == 4 && output.alert.age_hours == 2 && output.alert.foreign_ips == ["198.51.100.8"]
    error_message = "Expected rank 4, 2 hours of age and 198.51.100.8 as the one foreign attacker."
  }
}

run "only_allow_listed_attackers_are_quiet" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level = "critical"
      end_time    = 1749916800000
      event_condition = {
        start_time         = null
        start_time_rfc3339 = null
        end_time           = null
        end_time_rfc3339   = null
        real_client_ips    = ["203.0.113.7", "2001:db8:5ca::7"]
      }
    }
  }

  variables {
    allowed_cidrs = ["203.0.113.0/24", "2001:db8:5ca::/48"]
  }

  assert {
    condition     = output.alert.only_allow_listed && !output.alert.firing
    error_message = "Attacks only from allow-listed scanners (IPv4 and IPv6) must not fire."
  }
}

run "below_threshold_is_quiet" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level = "medium"
      end_time    = 1749916800000
      event_condition = {
        start_time         = null
        start_time_rfc3339 = null
        end_time           = null
        end_time_rfc3339   = null
        real_client_ips    = ["198.51.100.8"]
      }
    }
  }

  assert {
    condition     = !output.alert.severe && !output.alert.firing
    error_message = "A medium event is below the default threshold, high."
  }
}

run "lower_threshold_fires" {
  command = plan

  variables {
    min_level = "medium"
  }

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level = "Medium"
      end_time    = 1749916800000
      event_condition = {
        start_time         = null
        start_time_rfc3339 = null
        end_time           = null
        end_time_rfc3339   = null
        real_client_ips    = ["198.51.100.8"]
      }
    }
  }

  expect_failures = [check.waf_event_triaged]
}

run "old_event_is_quiet" {
  command = plan

  variables {
    now = "2025-06-16T16:00:00Z"
  }

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level = "critical"
      end_time    = 1749916800000
      event_condition = {
        start_time         = null
        start_time_rfc3339 = null
        end_time           = null
        end_time_rfc3339   = null
        real_client_ips    = ["198.51.100.8"]
      }
    }
  }

  assert {
    condition     = output.alert.age_hours == 48 && !output.alert.recent && !output.alert.firing
    error_message = "A last attack 48 hours ago is older than max_age_hours (24)."
  }
}

# An event without a level, time or attackers fires: its level is
# "unknown", which is at least every min_level, a missing time counts as
# recent, and no attacker is known to be allow-listed. Nulls never fail the
# plan: a null level becomes "unknown", the time's call is guarded.
run "missing_fields_fire" {
  command = plan

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level      = null
      end_time         = null
      end_time_rfc3339 = null
      event_condition = {
        start_time         = null
        start_time_rfc3339 = null
        end_time           = null
        end_time_rfc3339   = null
        real_client_ips    = null
      }
    }
  }

  expect_failures = [check.waf_event_triaged]

  assert {
    condition     = output.alert.firing && output.alert.severe && output.alert.rank == 5 && output.alert.age_hours == null
    error_message = "An event without level, time or attackers must fire: a level the API did not send is unknown, and unknown is severe."
  }
}

# A level the API did not send does not override the allow-list: attackers
# all allow-listed keep the check quiet whatever the level.
run "missing_level_from_allow_listed_attackers_is_quiet" {
  command = plan

  variables {
    allowed_cidrs = ["203.0.113.0/24"]
  }

  override_data {
    target = data.alisec_waf_threat_event.this
    values = {
      event_level = null
      end_time    = 1749916800000
      event_condition = {
        start_time         = null
        start_time_rfc3339 = null
        end_time           = null
        end_time_rfc3339   = null
        real_client_ips    = ["203.0.113.7"]
      }
    }
  }

  assert {
    condition     = !output.alert.firing && output.alert.severe && output.alert.only_allow_listed
    error_message = "An event of unknown level from allow-listed attackers only is severe but must not fire."
  }
}
