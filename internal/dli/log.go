package dli

import "context"

// Logger receives the client's structured log lines. The provider plugs in
// tflog; the client never passes it a header or a credential.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
