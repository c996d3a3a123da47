# Reached only when every event passed its gate.
output "gate" {
  description = "The events the gate checked, with the state that let them pass."
  value = {
    waf_events = { for e in data.alisec_waf_threat_event.gate : "${e.instance_id}/${e.event_id}" => e.event_level }
    dsc_events = { for e in data.alisec_dsc_event.gate : tostring(e.event_id) => e.status_name }
  }
}
