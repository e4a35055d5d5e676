# Gate on the latest load of a table that a scheduler submits, so that its
# job ID is not known to this configuration: wait for the newest INSERT into
# db1.sales started in the last day, and create the report once it finished.
data "dli_sql_jobs" "latest_sales_load" {
  job_type      = "INSERT"
  database_name = "db1"
  table_name    = "sales"
  started_after = timeadd(plantimestamp(), "-24h")
  limit         = 1
}

data "dli_sql_job" "latest_sales_load" {
  job_id   = data.dli_sql_jobs.latest_sales_load.ids[0]
  wait_for = ["FINISHED"]

  timeouts {
    read = "1h"
  }

  lifecycle {
    precondition {
      condition     = length(data.dli_sql_jobs.latest_sales_load.ids) > 0
      error_message = "No INSERT into db1.sales started in the last 24 hours, so there is no load to gate on."
    }
  }
}

resource "terraform_data" "daily_sales_report" {
  input = {
    filled_by = data.dli_sql_job.latest_sales_load.id
  }
}
