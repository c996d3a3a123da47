# Offline tests of the rule in ../main.tf: `terraform test` (Terraform 1.7 or
# later) or `tofu test` (OpenTofu 1.8 or later) in the example's directory.
# mock_provider answers every read without credentials or network; each run
# sets the fields the rule reads with override_data. "Now" is pinned with
# var.now, so the runs mean the same thing on any day.

mock_provider "alisec" {}

variables {
  event_id = 7001
  now      = "2025-06-14T16:00:00Z"
}

run "unhandled_for_two_days_fires" {
  command = plan

  override_data {
    target = data.alisec_dsc_event.this
    values = {
      status             = 0
      status_name        = "Pending"
      event_time_rfc3339 = "2025-06-12T16:00:00Z"
    }
  }

  expect_failures = [check.dsc_event_handled_in_time]

  assert {
    condition     = output.alert.firing && output.alert.handle_by_rfc3339 == "2025-06-13T16:00:00Z"
    error_message = "An event unhandled 48 hours after it occurred must fire, with a deadline 24 hours after it."
  }
}

run "unhandled_for_an_hour_is_quiet" {
  command = plan

  override_data {
    target = data.alisec_dsc_event.this
    values = {
      status             = 0
      event_time_rfc3339 = "2025-06-14T15:00:00Z"
    }
  }

  assert {
    condition     = !output.alert.firing
    error_message = "An event unhandled for an hour is within its 24 hours of grace."
  }
}

# The deadline itself is not overdue: the check fails strictly after it.
run "unhandled_at_the_deadline_is_quiet" {
  command = plan

  override_data {
    target = data.alisec_dsc_event.this
    values = {
      status             = 0
      event_time_rfc3339 = "2025-06-13T16:00:00Z"
    }
  }

  assert {
    condition     = !output.alert.firing && output.alert.handle_by_rfc3339 == var.now
    error_message = "An event exactly at its deadline must not fire yet."
  }
}

run "shorter_grace_period_fires" {
  command = plan

  variables {
    max_unhandled_hours = 0.5
  }

  override_data {
    target = data.alisec_dsc_event.this
    values = {
      status             = 0
      event_time_rfc3339 = "2025-06-14T15:00:00Z"
    }
  }

  expect_failures = [check.dsc_event_handled_in_time]

  assert {
    condition     = output.alert.handle_by_rfc3339 == "2025-06-14T15:30:00Z"
    error_message = "Half an hour of grace after 15:00 ends at 15:30."
  }
}

run "confirmed_event_is_quiet" {
  command = plan

  override_data {
    target = data.alisec_dsc_event.this
    values = {
      status             = 1
      status_name        = "Confirmed"
      event_time_rfc3339 = "2025-06-12T16:00:00Z"
    }
  }

  assert {
    condition     = !output.alert.firing
    error_message = "A confirmed event never fires, however old."
  }
}

# An unhandled event whose time the API did not send cannot be shown to be
# recent, so it fires; the message renders with placeholders.
run "unhandled_without_event_time_fires" {
  command = plan

  override_data {
    target = data.alisec_dsc_event.this
    values = {
      status             = 0
      status_name        = null
      type_name          = null
      sub_type_name      = null
      product_code       = null
      data_instance      = null
      event_time_rfc3339 = null
      alert_time_rfc3339 = null
    }
  }

  expect_failures = [check.dsc_event_handled_in_time]

  assert {
    condition     = output.alert.firing && output.alert.handle_by_rfc3339 == null
    error_message = "An unhandled event without event time must fire."
  }
}

# A malformed now would make every unhandled event look overdue: refused.
run "malformed_now_is_refused" {
  command = plan

  variables {
    now = "today"
  }

  expect_failures = [var.now]
}
