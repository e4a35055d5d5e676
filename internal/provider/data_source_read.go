package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// dataSourceBase is what every data source of this provider shares: the
// provider's data, what it reads, and the way a read starts and fails.
type dataSourceBase struct {
	data    *providerData
	subject subject
}

func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.data = providerDataOf(req.ProviderData, &resp.Diagnostics)
}

// providerDataOf is what Configure hands to data sources and actions; nil
// before the provider is configured (validation runs before).
func providerDataOf(given any, diags *diag.Diagnostics) *providerData {
	if given == nil {
		return nil
	}
	data, ok := given.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("got %T; this is a bug in the provider, please report it", given))
	}
	return data
}

// readScope is what a started read (or wait) knows besides its context.
type readScope struct {
	projectID string
	timeout   time.Duration
}

// startRead begins every read: timeouts.read (default 20m), then start.
// The caller must call cancel when the returned diagnostics have no error.
func (b *dataSourceBase) startRead(ctx context.Context, project types.String, t timeouts.Value) (_ context.Context, _ context.CancelFunc, _ readScope, diags diag.Diagnostics) {
	if b.data == nil {
		diags.AddError("DLI provider not configured", "The provider was not configured before the read; this is a bug in the provider, please report it.")
		return ctx, nil, readScope{}, diags
	}
	timeout, diags := t.Read(ctx, defaultReadTimeout)
	if diags.HasError() {
		return ctx, nil, readScope{}, diags
	}
	return b.data.start(ctx, project, b.subject, timeout)
}

// start begins every read and every action's wait the same way: secrets
// masked in ctx's logs (unless logging is off), ctx ended by timeout or
// the process's first Ctrl-C, and the project resolved within it (it may
// be looked up from IAM). The caller must call cancel when the returned
// diagnostics have no error.
func (p *providerData) start(ctx context.Context, project types.String, s subject, timeout time.Duration) (_ context.Context, _ context.CancelFunc, _ readScope, diags diag.Diagnostics) {
	if !p.quiet { // with logging off, there is no log line to mask
		ctx = maskSecrets(ctx, p.client.Secrets())
	}
	ctx, stop := p.stopOnInterrupt(ctx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	cancel := func() { cancelTimeout(); stop() }
	projectID, d := p.projectFor(ctx, project, s, timeout)
	diags.Append(d...)
	if diags.HasError() {
		cancel()
		return ctx, nil, readScope{}, diags
	}
	return ctx, cancel, readScope{projectID: projectID, timeout: timeout}, diags
}

// failed is the diagnostic of a read that the client could not complete.
func (b *dataSourceBase) failed(err error, scope readScope) diag.Diagnostic {
	return readErrorDiagnostic(err, b.subject, b.data.auth, scope.timeout)
}
