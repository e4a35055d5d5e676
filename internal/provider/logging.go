package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// tflogLogger passes the client's log lines to Terraform's provider log.
type tflogLogger struct{}

func (tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
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
