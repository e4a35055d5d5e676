package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
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

// batchSubject is a batch read by its ID, in dli_batch_state, dli_batch
// and dli_batch_wait; the ID rule is the kind's.
var (
	batchSubject       = subject{kind: dli.BatchKind, idAttribute: "batch_id", allowMissing: true}
	batchIDValidator   = idValidator(dli.BatchKind, nil)
	batchIDDescription = "ID of the batch job" + dli.BatchKind.IDRule + " (any case)."
)

// newBatchWaitAction is dli_batch_wait.
func newBatchWaitAction() action.Action {
	return newWaitAction("_batch_wait", "dli_batch_state", batchSubject, batchIDDescription, batchIDValidator, dli.Waiter.WaitBatch)
}
