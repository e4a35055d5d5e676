# Gate: create the downstream table only once the Spark batch that fills it
# has succeeded. The read waits until the batch has finished (success or
# dead) and the postcondition stops the run if it did not succeed.
variable "etl_batch_id" {
  description = "ID of the Spark batch that loads the sales data."
  type        = string
}

data "dli_batch_state" "etl" {
  batch_id = var.etl_batch_id
  wait_for = ["success", "dead"]

  timeouts {
    read = "45m"
  }

  lifecycle {
    postcondition {
      condition     = lower(self.state) == "success"
      error_message = "The ETL batch did not succeed, so the report table is not created."
    }
  }
}

# Stands for any downstream resource: a table, a schedule, an export.
resource "terraform_data" "sales_report_table" {
  input = {
    loaded_by = data.dli_batch_state.etl.id
  }
}
