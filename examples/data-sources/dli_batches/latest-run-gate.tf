# Gate on the latest run of a job that a scheduler (DataArts, Airflow)
# submits, so that its batch ID is not known to this configuration: create
# the report table only when the latest run of nightly-etl on queue etl,
# started in the last 24 hours, has succeeded.
data "dli_batches" "nightly" {
  name          = "nightly-etl"
  queue_name    = "etl"
  created_after = timeadd(plantimestamp(), "-24h")
  limit         = 1
}

data "dli_batch_state" "nightly" {
  batch_id = data.dli_batches.nightly.batches[0].id
  wait_for = ["success", "dead"]

  timeouts {
    read = "2h"
  }

  lifecycle {
    precondition {
      condition     = length(data.dli_batches.nightly.batches) > 0
      error_message = "No run of job nightly-etl on queue etl started in the last 24 hours, so there is no batch to gate on."
    }
    postcondition {
      condition     = lower(self.state) == "success"
      error_message = "The latest run of job nightly-etl did not succeed, so the report table is not created."
    }
  }
}

# Stands for any downstream resource: a table, a schedule, an export.
resource "terraform_data" "report_table" {
  input = {
    loaded_by = data.dli_batch_state.nightly.id
  }
}
