data "alisec_waf_threat_event" "scan" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  event_id    = "1661131a028f72a976703f4a4082ad87"
}

locals {
  # Seconds since the event's last attack, up to the time of the plan.
  # end_time is Unix milliseconds; plantimestamp() stays the same for a whole
  # plan and apply. null when the API sent no end time.
  scan_age = (
    data.alisec_waf_threat_event.scan.end_time == null ? null :
    provider::alisec::event_age(data.alisec_waf_threat_event.scan.end_time, plantimestamp())
  )
}

# Quiet once the last attack is more than a day old.
check "no_attack_in_the_last_day" {
  assert {
    condition     = local.scan_age == null ? true : local.scan_age > 86400
    error_message = "WAF event ${data.alisec_waf_threat_event.scan.event_id} attacked ${floor(local.scan_age / 60)} minutes ago."
  }
}

output "examples" {
  value = {
    # 2025-06-14T16:00:00Z in milliseconds, an hour and a half before now: 5400.
    from_milliseconds = provider::alisec::event_age(1749916800000, "2025-06-14T17:30:00Z")
    # The same instant in Unix seconds, as WAF's event_condition_json sends
    # end_ts (a number below 10^11 is seconds): 5400.
    from_seconds = provider::alisec::event_age(1749916800, "2025-06-14T17:30:00Z")
    # The same instant in RFC 3339 with an offset: 5400.
    from_rfc3339 = provider::alisec::event_age("2025-06-15T00:00:00+08:00", "2025-06-14T17:30:00Z")
    # Fractions of a second are kept: 0.25.
    fractional = provider::alisec::event_age(1749916799750, "2025-06-14T16:00:00Z")
  }
}
