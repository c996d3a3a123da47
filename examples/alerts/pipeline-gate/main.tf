# A pipeline gate: `terraform plan` fails, and so stops the pipeline, while
# any listed WAF event is critical or any listed DSC event is unhandled.
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

  lifecycle {
    postcondition {
      condition = self.event_level != "critical"
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

  lifecycle {
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
