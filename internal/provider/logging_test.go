package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// Defence in depth: even a careless log line cannot show a credential.
func TestMaskSecretsHidesCredentialsAnywhereInALogLine(t *testing.T) {
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	creds := dli.Credentials{AccessKey: "AK-SECRET-1", SecretKey: "SK-SECRET-2", SecurityToken: "ST-SECRET-3", Token: "TOK-SECRET-4"}
	ctx = maskSecrets(ctx, creds.Secrets())

	tflog.Debug(ctx, "signed with SK-SECRET-2 and TOK-SECRET-4", map[string]any{
		"note":          "AK-SECRET-1 with ST-SECRET-3",
		"Authorization": "SDK-HMAC-SHA256 Access=whatever",
		"X-Auth-Token":  "anything",
	})
	(&tflogLogger{}).Debug(ctx, "DLI request", map[string]any{"url": "https://x.invalid/?t=TOK-SECRET-4"})
	// Temporary credentials fetched after the read began are masked too.
	(&tflogLogger{secrets: func() []string { return []string{"TEMP-SECRET-5"} }}).Debug(ctx, "signed with TEMP-SECRET-5", map[string]any{"k": "TEMP-SECRET-5"})

	logs := out.String()
	if !strings.Contains(logs, "DLI request") {
		t.Fatalf("nothing was logged: %s", logs)
	}
	for _, leak := range []string{"SECRET-", "Access=whatever", "anything"} {
		if strings.Contains(logs, leak) {
			t.Fatalf("log shows %q:\n%s", leak, logs)
		}
	}
}
