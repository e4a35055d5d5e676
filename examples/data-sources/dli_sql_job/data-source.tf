# Read a SQL job's current status and what it did, e.g. to show them in the plan.
data "dli_sql_job" "current" {
  job_id = "1b2c3d4e-0000-4000-8000-00000000beef"
}

output "load_sales" {
  value = {
    status       = data.dli_sql_job.current.status
    table        = "${data.dli_sql_job.current.database_name}.${data.dli_sql_job.current.table_name}"
    result_count = data.dli_sql_job.current.result_count
    duration     = data.dli_sql_job.current.duration
  }
}
