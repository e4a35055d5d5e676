package provider

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// A terminal's Ctrl-C sends SIGINT to Terraform and to this provider alike.
// During plan, Terraform then tells the provider to stop, which cancels the
// reads' contexts; during apply it does not, and a wait would go on until
// timeouts.read, or until a second Ctrl-C kills the provider. So the served
// provider listens for SIGINT itself. go-plugin also listens (to keep the
// process alive), and still does. SIGTERM (a CI runner's, or `kill` of the
// process group) is the same: Terraform stops gracefully on it, and the
// provider, which go-plugin does not guard against it, would otherwise die
// at once and Terraform say "Plugin did not respond".

// interruptedOnSIGINT returns a context that ends at the process's first
// SIGINT or SIGTERM, for the lifetime of the process. Only the served binary
// calls it (through New): in a test process, go test's own Ctrl-C must still work.
func interruptedOnSIGINT() context.Context {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	return ctx
}

// stopOnInterrupt ends ctx when the process is interrupted. Each data
// source's Read wraps its context with it, once, before any request.
func (p *providerData) stopOnInterrupt(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	if p.interrupted == nil {
		return ctx, cancel
	}
	unregister := context.AfterFunc(p.interrupted, cancel)
	return ctx, func() { unregister(); cancel() }
}
