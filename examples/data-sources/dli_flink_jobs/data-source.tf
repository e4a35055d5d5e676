# Every running Flink job on a queue, newest first.
data "dli_flink_jobs" "running" {
  queue_name = "flink_queue"
  status     = "job_running"
}

output "running_flink_jobs" {
  value = { for j in data.dli_flink_jobs.running.jobs : j.name => j.id }
}
