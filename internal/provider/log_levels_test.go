package provider

import (
	"maps"
	"testing"
)

func TestQuietLogsUnlessWanted(t *testing.T) {
	t.Parallel()
	allOff := map[string]string{"TF_LOG_SDK": "off", "TF_LOG_SDK_PROTO": "off", "TF_LOG_SDK_FRAMEWORK": "off", "TF_LOG_PROVIDER_ALISEC": "off"}
	with := func(base map[string]string, kv ...string) map[string]string {
		m := maps.Clone(base)
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{name: "no logging asked for", env: map[string]string{}, want: allOff},
		{name: "TF_LOG", env: map[string]string{"TF_LOG": "debug"}, want: map[string]string{"TF_LOG": "debug"}},
		{name: "TF_LOG unknown level is trace", env: map[string]string{"TF_LOG": "1"}, want: map[string]string{"TF_LOG": "1"}},
		{name: "TF_LOG_PROVIDER", env: map[string]string{"TF_LOG_PROVIDER": "TRACE"}, want: map[string]string{"TF_LOG_PROVIDER": "TRACE"}},
		{name: "TF_LOG off", env: map[string]string{"TF_LOG": "OFF"}, want: with(allOff, "TF_LOG", "OFF")},
		{name: "TF_LOG_PROVIDER off wins over TF_LOG",
			env:  map[string]string{"TF_LOG": "trace", "TF_LOG_PROVIDER": "off"},
			want: with(allOff, "TF_LOG", "trace", "TF_LOG_PROVIDER", "off")},
		{name: "only core logs", env: map[string]string{"TF_LOG_CORE": "trace"}, want: with(allOff, "TF_LOG_CORE", "trace")},
		{name: "an explicit level is kept",
			env:  map[string]string{"TF_LOG_SDK_PROTO": "debug"},
			want: with(allOff, "TF_LOG_SDK_PROTO", "debug")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := maps.Clone(tt.env)
			err := QuietLogsUnlessWanted(func(k string) string { return env[k] }, func(k, v string) error {
				env[k] = v
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(env, tt.want) {
				t.Errorf("environment = %v, want %v", env, tt.want)
			}
		})
	}
}
