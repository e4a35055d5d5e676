package provider

// Terraform keeps a provider's log lines only when TF_LOG or TF_LOG_PROVIDER
// is set in its environment, which it passes on to the provider. Otherwise
// it reads and drops every line. The plugin SDK, though, logs at TRACE by
// default: every call's framework and protocol lines are formatted as JSON
// on stderr, and parsed by Terraform, for nobody. Profiled on a plan of 500
// reads, that was a quarter of the provider's CPU.

// sdkLogLevelVariables set the level of each logger the plugin SDK makes:
// terraform-plugin-go's root and protocol loggers, terraform-plugin-
// framework's, and this provider's own tflog logger (TF_LOG_PROVIDER_ and
// the provider's type). A subsystem logger left unset would still format
// its lines before its parent's level drops them, so each is set.
var sdkLogLevelVariables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_DLI"}

// quietUnlessLogged turns the plugin SDK's logging off when neither
// TF_LOG nor TF_LOG_PROVIDER is set, by setting its level variables to
// "off" before the SDK reads them, and says whether it did, so that the
// provider can leave its client's log lines out too. With either set, it
// changes nothing and the logs are as they always were. The served binary
// applies it to its own environment (through New); a test process keeps
// its own, whose in-process tests set up the SDK's logging themselves.
func quietUnlessLogged(getenv func(string) string, setenv func(string, string) error) bool {
	if getenv("TF_LOG") != "" || getenv("TF_LOG_PROVIDER") != "" {
		return false
	}
	for _, name := range sdkLogLevelVariables {
		_ = setenv(name, "off") // os.Setenv fails only for an invalid name
	}
	return true
}
