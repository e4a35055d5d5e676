package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

type batchModel struct {
	batchArgs
	batchDetails
}

// newBatchDataSource is dli_batch: dli_batch_state's arguments and read,
// on the details call.
func newBatchDataSource() datasource.DataSource {
	return &oneJobDataSource[dli.Batch, batchModel, *batchModel]{
		dataSourceBase: dataSourceBase{subject: batchSubject},
		typeName:       "_batch",
		once:           (*dli.Client).Batch,
		wait:           dli.Waiter.WaitBatch,
		description:    "Reads a DLI batch (Spark) job's details (name, queue, Spark application IDs, times, the last log lines) and, with `wait_for`, waits as `dli_batch_state` does.",
		attributes: func() map[string]schema.Attribute {
			return merge(batchArgAttributes(), batchStatusAttributes(readBatchIDDescription), batchDetailAttributes())
		},
	}
}
