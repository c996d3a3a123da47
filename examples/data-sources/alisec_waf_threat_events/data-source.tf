# The security events of a WAF 3.0 instance in a time range. For a rolling
# window, use start_time = timeadd(plantimestamp(), "-24h") and
# end_time = plantimestamp().
data "alisec_waf_threat_events" "june" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  start_time  = "2025-06-14T00:00:00Z"
  end_time    = "2025-06-15T00:00:00Z"
}

# Only the list fields are read; feed `ids` to alisec_waf_threat_event with
# for_each for the details.
output "waf_events" {
  value = {
    count  = data.alisec_waf_threat_events.june.total_count
    ids    = data.alisec_waf_threat_events.june.ids
    levels = [for e in data.alisec_waf_threat_events.june.events : e.event_level]
  }
}
