# A batch's details: the Spark application ID to find its logs, the job's
# name and queue, and when it ran.
data "dli_batch" "etl" {
  batch_id = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
}

output "etl_batch" {
  value = {
    name       = data.dli_batch.etl.name
    queue      = data.dli_batch.etl.queue
    state      = data.dli_batch.etl.state
    app_ids    = data.dli_batch.etl.app_ids
    created_at = data.dli_batch.etl.created_at
    updated_at = data.dli_batch.etl.updated_at
  }
}
