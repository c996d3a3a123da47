package bench

import (
	"strings"
	"testing"
	"time"
)

func TestPlanConfig(t *testing.T) {
	t.Parallel()
	config := PlanConfig(Events(3))
	for _, want := range []string{
		`source = "alisec/alisec"`,
		"data \"alisec_waf_threat_event\" \"e00000\" {\n  instance_id = \"" + benchInstance + "\"\n  event_id    = \"bench000000000000000000000000000\"\n}",
		"data \"alisec_dsc_event\" \"e00001\" {\n  event_id = 100001\n  lang     = \"en\"\n}",
		`data "alisec_waf_threat_event" "e00002"`,
	} {
		if !strings.Contains(config, want) {
			t.Errorf("the configuration lacks %q:\n%s", want, config)
		}
	}
	if n := strings.Count(config, "\ndata "); n != 3 {
		t.Errorf("%d data sources, want 3", n)
	}
}

func TestForEachConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		timeout time.Duration
		want    []string
		notWant []string
	}{
		{
			name: "default budget",
			want: []string{
				"provider \"alisec\" {\n  region = \"cn-hangzhou\"\n}\n",
				"  waf_event_ids = toset([\n    \"bench000000000000000000000000000\",\n    \"bench000000000000000000000000002\",\n  ])\n",
				"  dsc_event_ids = toset([\n    \"100001\",\n  ])\n",
				"data \"alisec_waf_threat_event\" \"each\" {\n  for_each    = local.waf_event_ids\n  instance_id = \"" + benchInstance + "\"\n  event_id    = each.value\n}",
				"data \"alisec_dsc_event\" \"each\" {\n  for_each = local.dsc_event_ids\n  event_id = tonumber(each.value)\n  lang     = \"en\"\n}",
			},
			notWant: []string{"throttling_timeout"},
		},
		{
			name:    "a short budget",
			timeout: 15 * time.Second,
			want:    []string{"provider \"alisec\" {\n  region = \"cn-hangzhou\"\n  throttling_timeout = \"15s\"\n}\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			config := ForEachConfig(Events(3), tt.timeout)
			for _, want := range tt.want {
				if !strings.Contains(config, want) {
					t.Errorf("the configuration lacks %q:\n%s", want, config)
				}
			}
			for _, notWant := range tt.notWant {
				if strings.Contains(config, notWant) {
					t.Errorf("the configuration has %q:\n%s", notWant, config)
				}
			}
			if n := strings.Count(config, "\ndata "); n != 2 {
				t.Errorf("%d data blocks, want the two for_each ones", n)
			}
		})
	}
}

func TestListConfig(t *testing.T) {
	t.Parallel()
	config := ListConfig()
	for _, want := range []string{
		// 12 hours either side of the events' times.
		"data \"alisec_waf_threat_events\" \"all\" {\n  instance_id = \"" + benchInstance + "\"\n  start_time  = \"2025-06-14T04:00:00Z\"\n  end_time    = \"2025-06-15T04:00:00Z\"\n}",
		"data \"alisec_dsc_events\" \"all\" {\n  start_time = \"2025-01-01T00:00:00Z\"\n  end_time   = \"2025-01-02T00:00:00Z\"\n  lang       = \"en\"\n}",
		"output " + listCountsOutput + " {",
	} {
		if !strings.Contains(config, want) {
			t.Errorf("the configuration lacks %q:\n%s", want, config)
		}
	}
}
