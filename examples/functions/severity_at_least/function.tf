# One threshold for WAF and DSC events alike: "high or worse".
data "alisec_waf_threat_event" "scan" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  event_id    = "1661131a028f72a976703f4a4082ad87"
}

data "alisec_dsc_events" "december" {
  start_time = "2018-12-01T00:00:00Z"
  end_time   = "2019-01-01T00:00:00Z"
}

check "no_severe_waf_event" {
  assert {
    condition = !provider::alisec::severity_at_least(
      coalesce(data.alisec_waf_threat_event.scan.event_level, "low"), "high"
    )
    error_message = "WAF event ${data.alisec_waf_threat_event.scan.event_id} is ${data.alisec_waf_threat_event.scan.event_level}."
  }
}

# DSC activities of warn_level 3 (high); an activity without a level is left
# out (a null level is an error, so test for it first).
output "severe_dsc_events" {
  value = [
    for e in data.alisec_dsc_events.december.events : e.id
    if e.warn_level == null ? false : provider::alisec::severity_at_least(e.warn_level, "high")
  ]
}

output "examples" {
  value = {
    critical_is_high_or_worse = provider::alisec::severity_at_least("critical", "high") # true
    dsc_3_is_high_or_worse    = provider::alisec::severity_at_least(3, "high")          # true
    medium_is_not             = provider::alisec::severity_at_least("medium", 3)        # false
  }
}
