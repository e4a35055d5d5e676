# Read a SQL job's current status and what it did, e.g. to show them in the plan.
data "dli_sql_job" "current" {
  job_id = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
}

output "load_sales" {
  value = {
    status       = data.dli_sql_job.current.status
    table        = "${data.dli_sql_job.current.database_name}.${data.dli_sql_job.current.table_name}"
    result_count = data.dli_sql_job.current.result_count
    duration     = data.dli_sql_job.current.duration
  }
}
