# WAF's event_level strings and DSC's warn_level numbers on one scale:
# 1 low, 2 medium, 3 high, 4 critical; 5 for "unknown".
output "ranks" {
  value = {
    waf_high     = provider::alisec::severity_rank("high")     # 3
    waf_critical = provider::alisec::severity_rank("CRITICAL") # 4: any case
    dsc_medium   = provider::alisec::severity_rank(2)          # 2: DSC warn_level 2
    dsc_high     = provider::alisec::severity_rank("3")        # 3: a number in a string
    unknown      = provider::alisec::severity_rank("unknown")  # 5: counts_by_level's key for no known level
  }
}

data "alisec_waf_threat_event" "scan" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  event_id    = "1661131a028f72a976703f4a4082ad87"
}

# A number a notifier can compare or sort by. The API may leave the level
# out, and a null level is an error: "unknown" ranks 5, above critical, so
# an event without a level sorts first and passes no ">= 3" rule quietly.
output "scan_rank" {
  value = provider::alisec::severity_rank(coalesce(data.alisec_waf_threat_event.scan.event_level, "unknown"))
}
