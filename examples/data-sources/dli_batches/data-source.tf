# The last ten runs of a job, newest first, e.g. to show them in the plan.
data "dli_batches" "recent" {
  name       = "nightly-etl"
  queue_name = "etl"
  limit      = 10
}

output "nightly_runs" {
  value = [for b in data.dli_batches.recent.batches : {
    id         = b.id
    state      = b.state
    created_at = b.created_at
    duration   = b.duration
  }]
}
