# A pipeline gate: `terraform plan` fails, and so stops the pipeline, while
# any listed WAF event is critical or any listed DSC event is unhandled, and
# also when an event's level or status is missing or not one the gate knows.
# A postcondition failure is an error (a failed check block is only a
# warning), and data sources are read during plan, so the plan fails before
# anything is applied.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

# count rather than for_each: data sources keep nothing between runs, so
# instance keys do not matter, and the messages name each event.
data "alisec_waf_threat_event" "gate" {
  count = length(var.waf_events)

  instance_id = var.waf_events[count.index].instance_id
  event_id    = var.waf_events[count.index].event_id
  region_id   = var.waf_events[count.index].region_id

  # A level the API did not send (null), or one the gate does not know,
  # stops the pipeline like a critical one: an event of unknown severity is
  # severe until shown otherwise. The guards (cond ? true : ...) keep lower()
  # away from a null level, which the first postcondition reports.
  lifecycle {
    postcondition {
      condition = self.event_level != null
      error_message = format(
        "Pipeline stopped: WAF event %s on %s has no level (the API sent no EventLevel), so the gate cannot tell whether it is critical. Look the event up in the WAF console; the gate passes it once its level is low, medium or high.",
        self.event_id,
        self.instance_id,
      )
    }
    postcondition {
      condition = self.event_level == null ? true : contains(["low", "medium", "high", "critical"], lower(self.event_level))
      error_message = format(
        "Pipeline stopped: WAF event %s on %s has level %q, none of low, medium, high or critical, so the gate cannot tell whether it is critical. Look the event up in the WAF console.",
        self.event_id,
        self.instance_id,
        coalesce(self.event_level, "null"),
      )
    }
    postcondition {
      condition = self.event_level == null ? true : lower(self.event_level) != "critical"
      error_message = format(
        "Pipeline stopped: WAF event %s on %s is critical (%s, %s of %s attacks blocked, from %s). Suggested response: %s.",
        self.event_id,
        self.instance_id,
        coalesce(self.event_tag, "unknown"),
        coalesce(tostring(self.event_block), "?"),
        coalesce(tostring(self.event_cnt), "?"),
        coalesce(self.event_src, "unknown"),
        coalesce(self.event_suggest, "none"),
      )
    }
  }
}

data "alisec_dsc_event" "gate" {
  count = length(var.dsc_event_ids)

  event_id = var.dsc_event_ids[count.index]
  lang     = "en"

  # A status the API did not send (null), or one other than 0 (unhandled),
  # 1 (confirmed) and 2 (dismissed), stops the pipeline like an unhandled
  # event: the gate passes only events it knows were handled.
  lifecycle {
    postcondition {
      condition = self.status != null
      error_message = format(
        "Pipeline stopped: DSC event %s has no status (the API sent no Status), so the gate cannot tell whether it was handled. Look the event up in the Data Security Center console; the gate passes it once it is confirmed or dismissed.",
        self.id,
      )
    }
    postcondition {
      condition = self.status == null ? true : contains([0, 1, 2], self.status)
      error_message = format(
        "Pipeline stopped: DSC event %s has status %s, none of 0 (unhandled), 1 (confirmed) or 2 (dismissed), so the gate cannot tell whether it was handled. Look the event up in the Data Security Center console.",
        self.id,
        self.status == null ? "null" : tostring(self.status),
      )
    }
    postcondition {
      condition = self.status != 0
      error_message = format(
        "Pipeline stopped: DSC event %s (%s) on %s %s is unhandled since %s. Confirm or dismiss it in the Data Security Center console.",
        self.id,
        try(trimspace(self.sub_type_name), "unknown subtype"),
        coalesce(self.product_code, "unknown product"),
        coalesce(self.data_instance, "unknown instance"),
        coalesce(self.event_time_rfc3339, "an unknown time"),
      )
    }
  }
}
