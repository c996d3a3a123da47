# Triage one WAF 3.0 security event with the provider's functions: the check
# below fails (a warning on every plan and apply) when the event is at least
# var.min_level, its last attack is at most var.max_age_hours old, and an
# attacker IP lies outside var.allowed_cidrs, the ranges of your own scanners.
# The `alert` output hands the verdict to a notifier as typed JSON.
terraform {
  required_version = ">= 1.8.0" # provider-defined functions (OpenTofu: 1.7)

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

  # A null level is an argument error; a level the API did not send is
  # "unknown" instead, which ranks 5 (above critical) and is at least every
  # min_level: an event of unknown severity is severe until shown otherwise.
  level  = coalesce(local.event.event_level, "unknown")
  rank   = provider::alisec::severity_rank(local.level)
  severe = provider::alisec::severity_at_least(local.level, var.min_level)

  # Hours from the last attack (end_time, Unix milliseconds) to the plan, or
  # to var.now when replaying. An event without an end time counts as recent.
  now       = coalesce(var.now, plantimestamp())
  age_hours = local.event.end_time == null ? null : provider::alisec::event_age(local.event.end_time, local.now) / 3600
  recent    = local.age_hours == null ? true : local.age_hours <= var.max_age_hours

  # Attackers outside the allow-list. One call per address: cidr_contains_any
  # is true when any one address matches, and one foreign attacker is enough.
  attacker_ips      = coalesce(try(local.event.event_condition.real_client_ips, null), [])
  foreign_ips       = [for ip in local.attacker_ips : ip if !provider::alisec::cidr_contains_any(var.allowed_cidrs, [ip])]
  only_allow_listed = length(local.attacker_ips) > 0 && length(local.foreign_ips) == 0

  firing = local.severe && local.recent && !local.only_allow_listed
}

# Terraform renders error_message even when the condition holds, so every
# value that may be null has a placeholder.
check "waf_event_triaged" {
  assert {
    condition = !local.firing
    error_message = format(
      "WAF event %s on %s is %s (rank %s, threshold %s), last attack %s hours ago at %s, from outside the allow-list: %s. Suggested response: %s.",
      var.event_id,
      var.instance_id,
      local.event.event_level == null ? "of unknown level" : local.event.event_level,
      local.rank > 4 ? "unknown, above critical" : format("%d of 4", local.rank),
      var.min_level,
      local.age_hours == null ? "?" : format("%.1f", local.age_hours),
      coalesce(local.event.end_time_rfc3339, "unknown"),
      length(local.foreign_ips) == 0 ? "attacker IPs unknown" : join(", ", local.foreign_ips),
      coalesce(local.event.event_suggest, "none"),
    )
  }
}
