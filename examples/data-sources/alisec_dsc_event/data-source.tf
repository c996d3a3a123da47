# A Data Security Center anomalous activity, by the ID DescribeEvents returns.
data "alisec_dsc_event" "exfil" {
  event_id = 52234
  lang     = "en"
  # The API region: cn-zhangjiakou (Chinese mainland), cn-hongkong or
  # ap-southeast-1. Unset, it follows the provider region. Hong Kong accounts
  # whose reads fail with "Endpoint Unreachable" can try "ap-southeast-1".
  region_id = "cn-zhangjiakou"
}

# Alert while an anomalous data flow is unhandled and nothing (such as an
# automatic whitelist removal) acted on it: a failed check is reported as a
# warning on every plan and apply.
check "data_flow_events_handled" {
  assert {
    condition = (
      data.alisec_dsc_event.exfil.type_code != "02" ||
      data.alisec_dsc_event.exfil.status != 0 ||
      data.alisec_dsc_event.exfil.handle_info_list != null
    )
    error_message = "DSC event ${data.alisec_dsc_event.exfil.id} (${trimspace(data.alisec_dsc_event.exfil.sub_type_name)}) on ${data.alisec_dsc_event.exfil.data_instance} is unhandled."
  }
}

output "dsc_event" {
  value = {
    status       = data.alisec_dsc_event.exfil.status_name # "Pending"
    occurred     = data.alisec_dsc_event.exfil.event_time_rfc3339
    product      = data.alisec_dsc_event.exfil.product_code
    handler_type = data.alisec_dsc_event.exfil.handle_info_list[0].handler_type # "rds_security_ip"
    description  = data.alisec_dsc_event.exfil.detail.content[0].value
    chart_z      = data.alisec_dsc_event.exfil.detail.chart[0].data.z
    risk         = data.alisec_dsc_event.exfil.detail.resource_info[0].value
    # LogDetail's shape is undocumented, so it stays JSON text.
    client_ips = jsondecode(data.alisec_dsc_event.exfil.log_detail_json).client_ip
  }
}
