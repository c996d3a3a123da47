# One object a notifier can post as is, from the saved plan:
# `terraform show -json tfplan`, .planned_values.outputs.alert.value.
# Absent API fields are null.
output "alert" {
  description = "The WAF event, typed, and whether it raises the alert."
  value = {
    firing      = length(local.reasons) > 0
    reasons     = local.reasons # "critical", "persistent", "of unknown level"
    instance_id = var.instance_id
    event_id    = var.event_id

    level      = local.event.event_level   # critical, high, medium, low
    tag        = local.event.event_tag     # such as "SingleURLSqlattack"
    suggestion = local.event.event_suggest # such as "BlockIP"
    persistent = local.event.is_persistent

    source_ip      = local.event.event_src
    source_region  = local.event.event_src_region
    source_country = local.event.event_src_country
    attacker_ips   = local.attacker_ips
    intelligence   = local.event.event_intelligence

    attack_count  = local.event.event_cnt
    blocked_count = local.event.event_block

    # RFC 3339, UTC.
    last_attack_rfc3339      = local.event.end_time_rfc3339
    log_window_start_rfc3339 = try(local.event.event_condition.start_time_rfc3339, null)
    log_window_end_rfc3339   = try(local.event.event_condition.end_time_rfc3339, null)
  }
}
