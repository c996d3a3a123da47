# Alert on one Data Security Center (DSC) anomalous activity: the check below
# fails (a warning on every plan and apply) while the event is still
# unhandled more than var.max_unhandled_hours after it occurred, and the
# `alert` output hands the event to a notifier as typed JSON.
terraform {
  required_version = ">= 1.5.0" # check blocks and plantimestamp()

  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

data "alisec_dsc_event" "this" {
  event_id = var.event_id
  lang     = var.lang
}

locals {
  event     = data.alisec_dsc_event.this
  unhandled = local.event.status == 0 # 1 confirmed, 2 dismissed

  # When the event stops being "new": event_time plus the grace period.
  # null if the API sent no event time.
  handle_by = try(timeadd(local.event.event_time_rfc3339, "${var.max_unhandled_hours}h"), null)

  # "Now" is var.now when replaying (tests, backfills), else plantimestamp(),
  # fixed for a whole plan and apply, unlike timestamp(). Overdue strictly
  # after handle_by. An unhandled event without an event time is overdue.
  now     = coalesce(var.now, plantimestamp())
  overdue = local.unhandled && try(timecmp(local.now, local.handle_by) > 0, true)

  handling = local.event.handle_info_list == null ? [] : local.event.handle_info_list
}

check "dsc_event_handled_in_time" {
  assert {
    condition = !local.overdue
    error_message = format(
      "DSC event %s (%s: %s) on %s %s is still %s, more than %v hours after it occurred at %s (alerted at %s). Confirm or dismiss it in the Data Security Center console.",
      local.event.id,
      try(trimspace(local.event.type_name), "unknown type"),
      try(trimspace(local.event.sub_type_name), "unknown subtype"),
      coalesce(local.event.product_code, "unknown product"),
      coalesce(local.event.data_instance, "unknown instance"),
      coalesce(local.event.status_name, "unhandled"),
      var.max_unhandled_hours,
      coalesce(local.event.event_time_rfc3339, "an unknown time"),
      coalesce(local.event.alert_time_rfc3339, "an unknown time"),
    )
  }
}
