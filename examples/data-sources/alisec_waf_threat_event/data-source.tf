# A WAF 3.0 threat event, by instance and event ID (both shown in the WAF
# console's security event list).
data "alisec_waf_threat_event" "scan" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  event_id    = "1661131a028f72a976703f4a4082ad87"
  # region_id = "cn-hangzhou" # default: follows the provider region
}

# Alert when a high-level attack got through: a failed check is reported as a
# warning on every plan and apply.
check "high_level_attacks_blocked" {
  assert {
    condition = (
      data.alisec_waf_threat_event.scan.event_level != "high" ||
      data.alisec_waf_threat_event.scan.event_block == data.alisec_waf_threat_event.scan.event_cnt
    )
    error_message = format(
      "WAF blocked only %d of %d attacks of high-level event %s from %s.",
      data.alisec_waf_threat_event.scan.event_block,
      data.alisec_waf_threat_event.scan.event_cnt,
      data.alisec_waf_threat_event.scan.event_id,
      join(", ", data.alisec_waf_threat_event.scan.event_condition.real_client_ips),
    )
  }
}

# Typed values, ready for a notifier or a blocklist.
output "waf_attack" {
  value = {
    level        = data.alisec_waf_threat_event.scan.event_level      # "high"
    blocked      = data.alisec_waf_threat_event.scan.event_block      # 20, a number
    persistent   = data.alisec_waf_threat_event.scan.is_persistent    # true
    last_seen    = data.alisec_waf_threat_event.scan.end_time_rfc3339 # "2025-06-14T16:00:00Z"
    intelligence = data.alisec_waf_threat_event.scan.event_intelligence
    attacker_ips = data.alisec_waf_threat_event.scan.event_condition.real_client_ips
  }
}
