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
	if req.ProviderData == nil {
		return // validation runs before the provider is configured
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("got %T; this is a bug in the provider, please report it", req.ProviderData))
		return
	}
	b.data = data
}

// readScope is what a started read knows besides its context.
type readScope struct {
	projectID string
	timeout   time.Duration
}

// startRead begins every read the same way: secrets masked in ctx's logs
// (unless logging is off), ctx ended by timeouts.read (default 20m) or the
// process's first Ctrl-C, and the project resolved within it (it may be
// looked up from IAM). The caller must call cancel when the returned
// diagnostics have no error.
func (b *dataSourceBase) startRead(ctx context.Context, project types.String, t timeouts.Value) (_ context.Context, _ context.CancelFunc, _ readScope, diags diag.Diagnostics) {
	if b.data == nil {
		diags.AddError("DLI provider not configured", "The provider was not configured before the read; this is a bug in the provider, please report it.")
		return ctx, nil, readScope{}, diags
	}
	if !b.data.quiet { // with logging off, there is no log line to mask
		ctx = maskSecrets(ctx, b.data.client.Secrets())
	}
	timeout, d := t.Read(ctx, defaultReadTimeout)
	diags.Append(d...)
	if diags.HasError() {
		return ctx, nil, readScope{}, diags
	}
	ctx, stop := b.data.stopOnInterrupt(ctx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	cancel := func() { cancelTimeout(); stop() }
	projectID, d := b.data.projectFor(ctx, project, b.subject, timeout)
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
