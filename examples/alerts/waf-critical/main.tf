# Alert on one WAF 3.0 security event: the check below fails (a warning on
# every plan and apply) when the event is critical or persistent, and the
# `alert` output hands the event to a notifier as typed JSON.
terraform {
  required_version = ">= 1.5.0" # check blocks

  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

data "alisec_waf_threat_event" "this" {
  instance_id = var.instance_id
  event_id    = var.event_id
  region_id   = var.region_id
}

locals {
  event = data.alisec_waf_threat_event.this

  # A level the API did not send (null), or one outside the four WAF
  # documents, may be the worst: it raises the alert rather than passing
  # quietly. A missing persistence flag does not (comparisons with null are
  # false).
  level_known = local.event.event_level == null ? false : contains(["low", "medium", "high", "critical"], lower(local.event.event_level))
  critical    = local.event.event_level == "critical"
  persistent  = local.event.is_persistent == true
  reasons = compact([
    local.critical ? "critical" : "",
    local.persistent ? "persistent" : "",
    local.level_known ? "" : "of unknown level",
  ])

  # null when the event has no decodable log filter.
  attacker_ips = try(local.event.event_condition.real_client_ips, null)
}

check "waf_event_not_critical" {
  assert {
    condition = length(local.reasons) == 0
    error_message = format(
      "WAF event %s on %s is %s (level %s, %s): %s of %s attacks blocked from %s (%s), last at %s; attacker IPs: %s. Suggested response: %s.",
      var.event_id,
      var.instance_id,
      join(" and ", local.reasons),
      coalesce(local.event.event_level, "unknown"),
      coalesce(local.event.event_tag, "unknown"),
      coalesce(tostring(local.event.event_block), "?"),
      coalesce(tostring(local.event.event_cnt), "?"),
      coalesce(local.event.event_src, "unknown"),
      coalesce(local.event.event_src_country, "unknown"),
      coalesce(local.event.end_time_rfc3339, "unknown"),
      local.attacker_ips == null ? "unknown" : join(", ", local.attacker_ips),
      coalesce(local.event.event_suggest, "none"),
    )
  }
}
