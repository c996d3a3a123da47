# The unhandled Data Security Center events of a time range. Every filter is
# optional.
data "alisec_dsc_events" "unhandled" {
  start_time = "2018-12-01T00:00:00Z"
  end_time   = "2019-01-01T00:00:00Z"
  status     = 0
  lang       = "en"
  region_id  = "cn-zhangjiakou" # unset: follows the provider region
}

# Only the list fields are read; feed `ids` to alisec_dsc_event with
# for_each for the handling history and charts.
output "unhandled_dsc_events" {
  value = {
    count = data.alisec_dsc_events.unhandled.total_count
    ids   = data.alisec_dsc_events.unhandled.ids
    when  = [for e in data.alisec_dsc_events.unhandled.events : e.event_time_rfc3339]
  }
}
