package provider

import (
	"strings"
)

// sdkLogLevelVars are the variables terraform-plugin-go, the framework and
// tflog read this provider's log levels from. Unset, each logs at TRACE.
var sdkLogLevelVars = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_ALISEC"}

// QuietLogsUnlessWanted turns the provider's logs off when Terraform would
// discard them anyway. The SDKs log at TRACE by default and write every line
// as JSON to the plugin's stderr, which Terraform parses line by line and
// then drops unless TF_LOG_PROVIDER, or else TF_LOG, names a level: over a
// plan of 500 reads that was 40% of the CPU time of Terraform and the
// provider together (README "Performance"). A level set explicitly for one
// of sdkLogLevelVars is kept. The main package calls it before serving,
// except under -debug, where the provider's own stderr is the log.
func QuietLogsUnlessWanted(getenv func(string) string, setenv func(string, string) error) error {
	if logsWanted(getenv) {
		return nil
	}
	for _, name := range sdkLogLevelVars {
		if getenv(name) != "" {
			continue
		}
		if err := setenv(name, "off"); err != nil {
			return err
		}
	}
	return nil
}

// logsWanted mirrors how Terraform picks the level of provider logs:
// TF_LOG_PROVIDER, else TF_LOG; any value but "off" enables them, since
// Terraform reads an unknown one as TRACE.
func logsWanted(getenv func(string) string) bool {
	level := getenv("TF_LOG_PROVIDER")
	if level == "" {
		level = getenv("TF_LOG")
	}
	return level != "" && !strings.EqualFold(level, "off")
}
