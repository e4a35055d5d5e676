# Read a Flink job's current status.
data "dli_flink_job" "current" {
  job_id = "71001"
}

output "clicks_stream_status" {
  value = data.dli_flink_job.current.status
}
