# One object a notifier can post as is (`terraform output -json alert`).
output "alert" {
  description = "The triage verdict on the WAF event and what it rests on."
  value = {
    firing      = local.firing
    instance_id = var.instance_id
    event_id    = var.event_id

    level     = local.event.event_level # critical, high, medium, low; null if the API sent none
    rank      = local.rank              # 1 low to 4 critical; 5 without a level
    severe    = local.severe            # level at least min_level
    min_level = var.min_level

    age_hours           = local.age_hours # fractional; null without an end time
    recent              = local.recent    # age_hours at most max_age_hours
    last_attack_rfc3339 = local.event.end_time_rfc3339

    attacker_ips      = local.attacker_ips
    foreign_ips       = local.foreign_ips       # attacker IPs outside allowed_cidrs
    only_allow_listed = local.only_allow_listed # every attacker IP allow-listed
    suggestion        = local.event.event_suggest
  }
}
