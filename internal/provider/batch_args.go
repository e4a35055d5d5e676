package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// batchArgs are the arguments of a read of one batch.
type batchArgs struct {
	BatchID types.String `tfsdk:"batch_id"`
	waitArgs
	presenceArgs
}

func (a *batchArgs) jobID() string            { return a.BatchID.ValueString() }
func (a *batchArgs) waitArguments() *waitArgs { return &a.waitArgs }

// batchStatus is what every read of a batch returns.
type batchStatus struct {
	ID       types.String `tfsdk:"id"`
	State    types.String `tfsdk:"state"`
	Terminal types.Bool   `tfsdk:"terminal"`
}

func (s *batchStatus) set(b dli.BatchState) {
	s.ID = types.StringValue(b.ID)
	s.State, s.Terminal = statusValues(b.State, b.Terminal())
}

// batchArgAttributes are the schema of batchArgs but timeouts (a block).
func batchArgAttributes() map[string]schema.Attribute {
	return merge(waitArgAttributes(dli.BatchKind, "batch_id", batchIDDescription, batchIDValidator), presenceAttributes(dli.BatchKind))
}

// batchStatusAttributes are the schema of batchStatus.
func batchStatusAttributes(idDescription string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: idDescription,
		},
		"state": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The batch's state exactly as the API returned it, e.g. `running` or `success`. Compare it case-insensitively (`lower(...)`): the API has been seen to answer `Success`.",
		},
		"terminal": schema.BoolAttribute{
			Computed:            true,
			MarkdownDescription: "Whether the state will not change by itself: `success` or `dead`, ignoring case. Both are final.",
		},
	}
}

const readBatchIDDescription = "The batch ID as the API returned it (`batch_id` when the answer has none)."
