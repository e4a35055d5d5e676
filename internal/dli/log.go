package dli

import "context"

// Logger receives the client's structured log lines. The provider plugs in
// tflog; the client never passes it a header or a credential.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}

// redactingLogger removes every credential value the client knows from
// the messages and string fields it passes on: the client logs no
// credential by design, and this keeps it so should one slip into a URL
// or a message, before any masking the logger itself may do.
type redactingLogger struct {
	next    Logger
	secrets *secretSet
}

func (l redactingLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	secrets := l.secrets.list()
	redacted := make(map[string]any, len(fields))
	for k, v := range fields {
		if s, ok := v.(string); ok {
			v = redactAll(s, secrets)
		}
		redacted[k] = v
	}
	l.next.Debug(ctx, redactAll(msg, secrets), redacted)
}
