# The INSERTs into db1.sales of the last day, newest first.
data "dli_sql_jobs" "recent_loads" {
  job_type      = "INSERT"
  database_name = "db1"
  table_name    = "sales"
  started_after = timeadd(plantimestamp(), "-24h")
  limit         = 10
}

output "sales_loads" {
  value = [for j in data.dli_sql_jobs.recent_loads.jobs : {
    id           = j.id
    status       = j.status
    started_at   = j.started_at
    result_count = j.result_count
  }]
}
