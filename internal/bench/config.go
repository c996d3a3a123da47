package bench

import (
	"fmt"
	"strings"
	"time"
)

// The configurations the scenarios plan. Endpoints and keys come from the
// environment, so one file serves every fake cloud.

// PlanConfig is a configuration with one data source per event.
func PlanConfig(events []Event) string {
	var b strings.Builder
	writeHeader(&b, 0)
	for i, e := range events {
		if e.WAF {
			fmt.Fprintf(&b, "\ndata \"alisec_waf_threat_event\" \"e%05d\" {\n  instance_id = %q\n  event_id    = %q\n}\n", i, benchInstance, e.ID)
			continue
		}
		fmt.Fprintf(&b, "\ndata \"alisec_dsc_event\" \"e%05d\" {\n  event_id = %s\n  lang     = \"en\"\n}\n", i, e.ID)
	}
	return b.String()
}

// ForEachConfig reads events in detail through two for_each data sources
// over sets of IDs kept in locals, as a plan fed by the list data sources
// does. A throttlingTimeout of 0 leaves the provider's default.
func ForEachConfig(events []Event, throttlingTimeout time.Duration) string {
	var b strings.Builder
	writeHeader(&b, throttlingTimeout)
	var waf, dsc []string
	for _, e := range events {
		if e.WAF {
			waf = append(waf, e.ID)
		} else {
			dsc = append(dsc, e.ID)
		}
	}
	b.WriteString("\nlocals {\n")
	writeSet(&b, "waf_event_ids", waf)
	writeSet(&b, "dsc_event_ids", dsc)
	fmt.Fprintf(&b, `}

data "alisec_waf_threat_event" "each" {
  for_each    = local.waf_event_ids
  instance_id = %q
  event_id    = each.value
}

data "alisec_dsc_event" "each" {
  for_each = local.dsc_event_ids
  event_id = tonumber(each.value)
  lang     = "en"
}
`, benchInstance)
	return b.String()
}

// writeSet writes a local holding a set of strings, one a line.
func writeSet(b *strings.Builder, name string, ids []string) {
	fmt.Fprintf(b, "  %s = toset([\n", name)
	for _, id := range ids {
		fmt.Fprintf(b, "    %q,\n", id)
	}
	b.WriteString("  ])\n")
}

// ListConfig lists every WAF and DSC event the cloud serves, in a window
// around the time they all carry, and outputs how many each list holds as
// "<WAF> <DSC>", which the plan prints.
func ListConfig() string {
	var b strings.Builder
	writeHeader(&b, 0)
	window := func(ms int64) (string, string) {
		at := time.UnixMilli(ms).UTC()
		return at.Add(-12 * time.Hour).Format(time.RFC3339), at.Add(12 * time.Hour).Format(time.RFC3339)
	}
	wafStart, wafEnd := window(wafEndTime)
	dscStart, dscEnd := window(listDSCEventTime)
	fmt.Fprintf(&b, `
data "alisec_waf_threat_events" "all" {
  instance_id = %q
  start_time  = %q
  end_time    = %q
}

data "alisec_dsc_events" "all" {
  start_time = %q
  end_time   = %q
  lang       = "en"
}

output %s {
  value = "${length(data.alisec_waf_threat_events.all.ids)} ${length(data.alisec_dsc_events.all.ids)}"
}
`, benchInstance, wafStart, wafEnd, dscStart, dscEnd, listCountsOutput)
	return b.String()
}

// listCountsOutput names ListConfig's output.
const listCountsOutput = "listed"

// writeHeader writes the terraform and provider blocks every configuration
// starts with; a throttlingTimeout of 0 leaves the provider's default.
func writeHeader(b *strings.Builder, throttlingTimeout time.Duration) {
	b.WriteString(`terraform {
  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

provider "alisec" {
  region = "` + benchRegion + `"
`)
	if throttlingTimeout > 0 {
		fmt.Fprintf(b, "  throttling_timeout = %q\n", throttlingTimeout.String())
	}
	b.WriteString("}\n")
}
