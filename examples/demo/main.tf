# The demo of `make demo`: reads the two API reference pages' example events
# from the embedded fake cloud and shows them as outputs. `make demo` supplies
# credentials and endpoints through ALIBABA_CLOUD_* environment variables, so
# the same configuration runs against a real account once those point there.
terraform {
  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

provider "alisec" {
  region = "cn-hangzhou"
}

data "alisec_waf_threat_event" "scan" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  event_id    = "1661131a028f72a976703f4a4082ad87"
}

data "alisec_dsc_event" "exfil" {
  event_id = 52234
  lang     = "en"
}

output "waf_threat_event" {
  description = "The WAF 3.0 threat event, typed."
  value = {
    level              = data.alisec_waf_threat_event.scan.event_level
    tag                = data.alisec_waf_threat_event.scan.event_tag
    suggestion         = data.alisec_waf_threat_event.scan.event_suggest
    source_ip          = data.alisec_waf_threat_event.scan.event_src
    source_country     = data.alisec_waf_threat_event.scan.event_src_country
    blocked            = data.alisec_waf_threat_event.scan.event_block
    attacks            = data.alisec_waf_threat_event.scan.event_cnt
    persistent         = data.alisec_waf_threat_event.scan.is_persistent
    last_attack        = data.alisec_waf_threat_event.scan.end_time_rfc3339
    intelligence       = data.alisec_waf_threat_event.scan.event_intelligence
    attacker_ips       = data.alisec_waf_threat_event.scan.event_condition.real_client_ips
    log_window_started = data.alisec_waf_threat_event.scan.event_condition.start_time_rfc3339
  }
}

output "dsc_event" {
  description = "The Data Security Center event, with its handling history and charts."
  value = {
    status          = data.alisec_dsc_event.exfil.status
    status_name     = data.alisec_dsc_event.exfil.status_name
    type            = trimspace(data.alisec_dsc_event.exfil.type_name)
    product         = data.alisec_dsc_event.exfil.product_code
    occurred        = data.alisec_dsc_event.exfil.event_time_rfc3339
    new_alarm       = data.alisec_dsc_event.exfil.new_alarm
    first_handler   = data.alisec_dsc_event.exfil.handle_info_list[0].handler_type
    handler_enabled = data.alisec_dsc_event.exfil.handle_info_list[0].enable_time_rfc3339
    content_name    = data.alisec_dsc_event.exfil.detail.content[0].name
    chart_type      = data.alisec_dsc_event.exfil.detail.chart[0].chat_type
    chart_z         = data.alisec_dsc_event.exfil.detail.chart[0].data.z
    risk            = data.alisec_dsc_event.exfil.detail.resource_info[0].label
    client_ips      = jsondecode(data.alisec_dsc_event.exfil.log_detail_json).client_ip
  }
}
