# Gate: create the report only once the SQL job that fills the sales table
# (an INSERT submitted by a scheduler) has finished. The read waits until
# the job has ended (FINISHED, FAILED or CANCELLED: it fails at once on the
# last two, with DLI's message) and the postcondition insists that it wrote
# rows.
variable "load_sales_job_id" {
  description = "ID of the SQL job (INSERT INTO sales ...) that fills the table."
  type        = string
}

data "dli_sql_job" "load_sales" {
  job_id   = var.load_sales_job_id
  wait_for = ["FINISHED"]

  timeouts {
    read = "30m"
  }

  lifecycle {
    postcondition {
      condition     = self.table_name == "sales" && self.result_count > 0
      error_message = "The SQL job finished without filling the sales table, so the report is not created."
    }
  }
}

# Stands for any downstream resource: a view, an export, a schedule.
resource "terraform_data" "sales_report" {
  input = {
    filled_by = data.dli_sql_job.load_sales.id
    rows      = data.dli_sql_job.load_sales.result_count
  }
}
