# One object a notifier can post as is, from the saved plan:
# `terraform show -json tfplan`, .planned_values.outputs.alert.value.
# Absent API fields are null.
output "alert" {
  description = "The DSC event, typed, and whether it raises the alert."
  value = {
    firing   = local.overdue
    event_id = local.event.id

    status      = local.event.status # 0 unhandled, 1 confirmed, 2 dismissed
    status_name = local.event.status_name
    type_code   = local.event.type_code # 01 permission access, 02 data flow, 03 data operation
    type        = try(trimspace(local.event.type_name), null)
    subtype     = try(trimspace(local.event.sub_type_name), null)
    product     = local.event.product_code # MaxCompute, OSS, RDS, ...
    instance    = local.event.data_instance
    account     = local.event.login_name

    # RFC 3339, UTC. handle_by is when an unhandled event starts to fire.
    occurred_rfc3339  = local.event.event_time_rfc3339
    alerted_rfc3339   = local.event.alert_time_rfc3339
    handle_by_rfc3339 = local.handle_by
    dealt_rfc3339     = local.event.deal_time_rfc3339
    dealt_by          = local.event.deal_login_name
    deal_reason       = try(trimspace(local.event.deal_reason), null)

    # The handling history (HandleInfoList), one item per handling action.
    handling_active = anytrue([for h in local.handling : h.status == 1])
    handling = [for h in local.handling : {
      action           = try(trimspace(h.handler_name), null)
      type             = h.handler_type # such as rds_security_ip
      target           = h.current_value
      status           = h.status        # 0 disabled, 1 enabled, -1/-2 failed
      minutes          = h.handler_value # null: permanent
      enabled_rfc3339  = h.enable_time_rfc3339
      disabled_rfc3339 = h.disable_time_rfc3339
    }]
  }
}
