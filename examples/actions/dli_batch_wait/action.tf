# Gate with an action (Terraform 1.14+): the report table is created, or
# changed, only once the Spark batch that fills it has succeeded. Unlike a
# data source, the wait runs only when the table is about to be created or
# changed, not on every plan; once DLI purges the batch from its history,
# plans go on. A dead batch fails the apply with the last line of its log.
#
# terraform apply shows the wait as it goes: a line at each change of state,
# and at least every 30 seconds while nothing changes.
#
#   Action started: action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table)
#   Action action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table): batch 0a324461-d9d9-45da-a52a-3b3c7a3d809e is starting (0s)
#   Action action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table): batch 0a324461-d9d9-45da-a52a-3b3c7a3d809e is running (6s)
#   Action action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table): batch 0a324461-d9d9-45da-a52a-3b3c7a3d809e is still running (36s)
#   ...
#   Action action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table): batch 0a324461-d9d9-45da-a52a-3b3c7a3d809e reached success (12m4s)
#   Action complete: action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table)
#
# To wait again without changing the table:
#   terraform apply -invoke=action.dli_batch_wait.etl
variable "etl_batch_id" {
  description = "ID of the Spark batch that loads the sales data."
  type        = string
}

action "dli_batch_wait" "etl" {
  config {
    batch_id = var.etl_batch_id
    wait_for = ["success"]

    timeouts {
      invoke = "45m"
    }
  }
}

# Stands for any downstream resource: a table, a schedule, an export.
resource "terraform_data" "sales_report_table" {
  input = {
    loaded_by = var.etl_batch_id
  }

  lifecycle {
    action_trigger {
      events  = [before_create, before_update]
      actions = [action.dli_batch_wait.etl]
    }
  }
}
