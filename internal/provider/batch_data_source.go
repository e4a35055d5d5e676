package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

type batchModel struct {
	batchArgs
	batchDetails
}

// batchDataSource is dli_batch: dli_batch_state's arguments and read, on
// the details call.
type batchDataSource struct {
	dataSourceBase
}

var _ datasource.DataSourceWithConfigure = (*batchDataSource)(nil)

func newBatchDataSource() datasource.DataSource {
	return &batchDataSource{dataSourceBase{subject: batchSubject}}
}

func (d *batchDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_batch"
}

func (d *batchDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a DLI batch (Spark) job's details (name, queue, Spark application IDs, times, the last log lines) and, with `wait_for`, waits as `dli_batch_state` does.",
		Attributes:          merge(batchArgAttributes(), batchStatusAttributes(readBatchIDDescription), batchDetailAttributes()),
		Blocks:              timeoutsBlocks(ctx),
	}
}

func (d *batchDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m batchModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	batch, ok := readJob(ctx, &d.dataSourceBase, m.BatchID.ValueString(), &m.waitArgs, &resp.Diagnostics, (*dli.Client).Batch, dli.Waiter.WaitBatch)
	if !ok {
		return
	}
	m.set(batch)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
