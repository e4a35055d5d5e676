# Create the report once the SQL job that fills the sales table has
# finished; a FAILED or CANCELLED job fails the apply with DLI's message.
action "dli_sql_job_wait" "load_sales" {
  config {
    job_id   = "1b2c3d4e-0000-4000-8000-00000000beef"
    wait_for = ["FINISHED"]
  }
}

resource "terraform_data" "sales_report" {
  input = "sales"

  lifecycle {
    action_trigger {
      events  = [before_create, before_update]
      actions = [action.dli_sql_job_wait.load_sales]
    }
  }
}
