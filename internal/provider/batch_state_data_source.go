package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

type batchStateModel struct {
	batchArgs
	batchStatus
}

// newBatchStateDataSource is dli_batch_state: a batch's state, and with
// wait_for a gate on it.
func newBatchStateDataSource() datasource.DataSource {
	return &oneJobDataSource[dli.BatchState, batchStateModel, *batchStateModel]{
		dataSourceBase: dataSourceBase{subject: batchSubject},
		typeName:       "_batch_state",
		once:           (*dli.Client).BatchState,
		wait:           dli.Waiter.WaitBatchState,
		description:    "Reads the state of a DLI batch (Spark) job and, with `wait_for`, waits until it reaches one of the given states, so that downstream resources can be gated on the batch's outcome.",
		attributes: func() map[string]schema.Attribute {
			return merge(batchArgAttributes(), batchStatusAttributes(readBatchIDDescription))
		},
	}
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
