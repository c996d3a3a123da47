# Source ranges of our own vulnerability scanner and of an agreed
# penetration test, IPv4 and IPv6.
locals {
  allowed_sources = ["203.0.113.0/24", "2001:db8:5ca::/48"]
}

data "alisec_waf_threat_event" "scan" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  event_id    = "1661131a028f72a976703f4a4082ad87"
}

locals {
  attacker_ips = coalesce(try(data.alisec_waf_threat_event.scan.event_condition.real_client_ips, null), [])

  # The attackers that are not ours: one call per address, as
  # cidr_contains_any is true when any one address matches.
  foreign_attackers = [
    for ip in local.attacker_ips : ip
    if !provider::alisec::cidr_contains_any(local.allowed_sources, [ip])
  ]
}

check "attacks_only_from_our_scanners" {
  assert {
    condition     = length(local.foreign_attackers) == 0
    error_message = "WAF event ${data.alisec_waf_threat_event.scan.event_id} came from outside the allow-list: ${join(", ", local.foreign_attackers)}."
  }
}

output "examples" {
  value = {
    ipv4      = provider::alisec::cidr_contains_any(local.allowed_sources, ["203.0.113.7"])                 # true
    ipv6      = provider::alisec::cidr_contains_any(local.allowed_sources, ["2001:db8:5ca::9"])             # true
    any_of    = provider::alisec::cidr_contains_any(local.allowed_sources, ["198.51.100.1", "203.0.113.7"]) # true
    elsewhere = provider::alisec::cidr_contains_any(local.allowed_sources, ["198.51.100.1"])                # false
  }
}
