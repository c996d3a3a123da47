output "summary" {
  description = "The window's events, for a notifier: every WAF event with its level, counts by level, and the unhandled DSC events."
  value = {
    window_start_rfc3339 = local.window_start
    window_end_rfc3339   = local.window_end
    waf_event_count      = data.alisec_waf_threat_events.recent.total_count
    waf_counts_by_level  = data.alisec_waf_threat_events.recent.counts_by_level # of the events read: low, medium, high, critical, unknown
    waf_events = {
      for id, e in data.alisec_waf_threat_event.recent : id => {
        level       = e.event_level
        source_ip   = e.event_src
        country     = e.event_src_country
        suggestion  = e.event_suggest
        last_attack = e.end_time_rfc3339
      }
    }
    critical_waf_events      = module.rules.critical_waf_events      # critical, or of unknown level
    unknown_level_waf_events = module.rules.unknown_level_waf_events # level null or not low/medium/high/critical
    unhandled_dsc_events     = module.rules.unhandled_dsc_events
    unhandled_dsc_by_level   = data.alisec_dsc_events.unhandled.counts_by_level # warn_level: low, medium, high, unknown
    truncated                = data.alisec_waf_threat_events.recent.truncated || data.alisec_dsc_events.unhandled.truncated
  }
}
