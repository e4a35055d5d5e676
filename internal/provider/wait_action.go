package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// Actions wait once, where a data source waits on every plan (Terraform
// 1.14+): a downstream resource triggers one with a lifecycle
// action_trigger, so the wait runs only when that resource changes. Each
// is the data source's identifying arguments, a required wait_for and
// timeouts.invoke around the one wait loop, which tells its progress.

// waitAction waits for a job (T) of subject's kind to reach a status in
// wait_for, sending Terraform each progress line the wait tells.
type waitAction[T any] struct {
	data          *providerData
	typeName      string // after the provider's name, e.g. "_batch_wait"
	description   string
	subject       subject // its idAttribute names the job
	idDescription string
	idValidator   validator.String
	wait          func(dli.Waiter, context.Context, string, string, []string) (T, error)
}

// actionSubject is a data source's subject, waited on by an action.
func actionSubject(s subject) subject {
	s.allowMissing, s.action = false, true
	return s
}

func (a *waitAction[T]) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + a.typeName
}

func (a *waitAction[T]) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	kind := a.subject.kind
	resp.Schema = schema.Schema{
		MarkdownDescription: a.description,
		Attributes: map[string]schema.Attribute{
			a.subject.idAttribute: schema.StringAttribute{
				Required:            true,
				MarkdownDescription: a.idDescription,
				Validators:          []validator.String{a.idValidator},
			},
			"project_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: projectIDDescription(jobDescription(kind)),
				Validators:          projectIDValidators,
			},
			"wait_for": schema.SetAttribute{
				ElementType:         types.StringType,
				Required:            true,
				MarkdownDescription: waitForDescription(kind, "timeouts.invoke"),
				Validators:          waitForValidators(kind, ""),
			},
		},
		Blocks: map[string]schema.Block{"timeouts": invokeTimeoutsBlock(ctx)},
	}
}

func (a *waitAction[T]) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = providerDataOf(req.ProviderData, &resp.Diagnostics)
}

func (a *waitAction[T]) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	if a.data == nil {
		resp.Diagnostics.AddError("DLI provider not configured", "The provider was not configured before the action; this is a bug in the provider, please report it.")
		return
	}
	var (
		id, project types.String
		waitFor     []string
		t           timeouts.Value
	)
	for name, target := range map[string]any{a.subject.idAttribute: &id, "project_id": &project, "wait_for": &waitFor, "timeouts": &t} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), target)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := t.Invoke(ctx, defaultInvokeTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, scope, diags := a.data.start(ctx, project, a.subject, timeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	w := a.data.waiter
	w.Observe = func(p dli.Progress) { resp.SendProgress(action.InvokeProgressEvent{Message: p.String()}) }
	if _, err := a.wait(w, ctx, scope.projectID, id.ValueString(), waitFor); err != nil {
		resp.Diagnostics.Append(readErrorDiagnostic(err, a.subject, a.data.auth, timeout))
	}
}

// newWaitAction is the action that waits on a job of s's kind, which
// dataSource reads on every plan.
func newWaitAction[T any](typeName, dataSource string, s subject, idDescription string, idValidator validator.String,
	wait func(dli.Waiter, context.Context, string, string, []string) (T, error),
) action.Action {
	return &waitAction[T]{
		typeName: typeName, subject: actionSubject(s), idDescription: idDescription, idValidator: idValidator, wait: wait,
		description: fmt.Sprintf("Waits, once, until a DLI %s reaches one of the given %s, telling its progress (a line at each change, and at least every 30 seconds); "+
			"a %s it can no longer leave fails the action with DLI's reason. "+
			"Trigger it from the resource that must wait (`lifecycle { action_trigger { ... } }`): unlike the `%s` data source, it waits only when that resource is created or changed, not on every plan. Needs Terraform 1.14 or newer.",
			s.kind.Noun, s.kind.StatusWords(), s.kind.StatusWord, dataSource),
	}
}
