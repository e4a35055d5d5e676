# Gate on "the Flink job named clicks-stream is running", when only its name
# is known: find it by name (exact: DLI's own filter would also return
# clicks-stream-backfill), then wait until it runs.
data "dli_flink_jobs" "clicks" {
  name  = "clicks-stream"
  limit = 1
}

data "dli_flink_job" "clicks" {
  job_id   = data.dli_flink_jobs.clicks.ids[0]
  wait_for = ["job_running"]

  timeouts {
    read = "10m"
  }

  lifecycle {
    precondition {
      condition     = length(data.dli_flink_jobs.clicks.ids) == 1
      error_message = "There is no Flink job named clicks-stream in this project."
    }
  }
}

# Stands for the consumer of the stream.
resource "terraform_data" "clicks_dashboard" {
  input = {
    stream_job = data.dli_flink_job.clicks.id
  }
}
