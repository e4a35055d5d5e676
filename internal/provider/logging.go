package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// tflogLogger passes the client's log lines to Terraform's provider log.
// The client logs no credential; as a backstop, each line is masked with
// every credential the client knows at that moment, temporary ones fetched
// during the read included (secrets may be nil).
type tflogLogger struct {
	secrets func() []string
}

func (l *tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	if l.secrets != nil {
		ctx = maskSecrets(ctx, l.secrets())
	}
	tflog.Debug(ctx, msg, fields)
}

// maskSecrets makes every log line written with ctx hide the credentials'
// values and any header that carries them, wherever they would appear.
func maskSecrets(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	ctx = tflog.MaskMessageStrings(ctx, secrets...)
	return tflog.MaskFieldValuesWithFieldKeys(ctx,
		"Authorization", "X-Auth-Token", "X-Security-Token",
		"access_key", "secret_key", "security_token", "token")
}
