# One threshold for WAF and DSC events alike: "high or worse".
data "alisec_waf_threat_event" "scan" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  event_id    = "1661131a028f72a976703f4a4082ad87"
}

data "alisec_dsc_events" "december" {
  start_time = "2018-12-01T00:00:00Z"
  end_time   = "2019-01-01T00:00:00Z"
}

# A level the API did not send is null, which is an argument error: pass
# "unknown" instead, which is at least every threshold, so that an event
# without a level raises the alert rather than passing quietly.
check "no_severe_waf_event" {
  assert {
    condition = !provider::alisec::severity_at_least(
      coalesce(data.alisec_waf_threat_event.scan.event_level, "unknown"), "high"
    )
    error_message = "WAF event ${data.alisec_waf_threat_event.scan.event_id} is ${coalesce(data.alisec_waf_threat_event.scan.event_level, "of unknown level")}."
  }
}

# DSC activities of warn_level 3 (high), and those without a warn_level,
# which may be as bad.
output "severe_dsc_events" {
  value = [
    for e in data.alisec_dsc_events.december.events : e.id
    if provider::alisec::severity_at_least(coalesce(e.warn_level, "unknown"), "high")
  ]
}

# counts_by_level's keys are levels too, "unknown" included: the levels at
# least high that some listed activity has.
output "severe_dsc_levels" {
  value = [
    for level, n in data.alisec_dsc_events.december.counts_by_level : level
    if n > 0 && provider::alisec::severity_at_least(level, "high")
  ]
}

output "examples" {
  value = {
    critical_is_high_or_worse = provider::alisec::severity_at_least("critical", "high")    # true
    dsc_3_is_high_or_worse    = provider::alisec::severity_at_least(3, "high")             # true
    medium_is_not             = provider::alisec::severity_at_least("medium", 3)           # false
    unknown_is_always         = provider::alisec::severity_at_least("unknown", "critical") # true
  }
}
