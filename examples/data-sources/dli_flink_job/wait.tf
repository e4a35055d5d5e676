# Wait until a Flink job that another pipeline started is running before a
# consumer of its output is created. A job that ends instead (it failed to
# submit, stopped with an exception, was cancelled) fails the read at once,
# with DLI's status description.
variable "clicks_job_id" {
  description = "ID of the Flink job that writes the click stream."
  type        = string
}

data "dli_flink_job" "clicks" {
  job_id   = var.clicks_job_id
  wait_for = ["job_running"]

  timeouts {
    read = "10m"
  }
}

# Stands for the consumer: a subscription, a sink, a dashboard.
resource "terraform_data" "clicks_consumer" {
  input = {
    reads_from = data.dli_flink_job.clicks.name
  }
}
