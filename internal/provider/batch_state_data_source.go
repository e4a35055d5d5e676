package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

type batchStateModel struct {
	batchArgs
	batchStatus
}

type batchStateDataSource struct {
	dataSourceBase
}

var _ datasource.DataSourceWithConfigure = (*batchStateDataSource)(nil)

func newBatchStateDataSource() datasource.DataSource {
	return &batchStateDataSource{dataSourceBase{subject: batchSubject}}
}

func (d *batchStateDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_batch_state"
}

func (d *batchStateDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the state of a DLI batch (Spark) job and, with `wait_for`, waits until it reaches one of the given states, so that downstream resources can be gated on the batch's outcome.",
		Attributes:          merge(batchArgAttributes(), batchStatusAttributes(readBatchIDDescription)),
		Blocks:              timeoutsBlocks(ctx),
	}
}

func (d *batchStateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m batchStateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state, ok := readJob(ctx, &d.dataSourceBase, m.BatchID.ValueString(), &m.waitArgs, &resp.Diagnostics, (*dli.Client).BatchState, dli.Waiter.Wait)
	if !ok {
		return
	}
	m.set(state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// merge joins schema attribute maps.
func merge[V any](maps ...map[string]V) map[string]V {
	out := map[string]V{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
