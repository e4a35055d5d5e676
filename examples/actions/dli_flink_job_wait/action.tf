# Create the consumer once the Flink job that feeds it runs.
action "dli_flink_job_wait" "clicks" {
  config {
    job_id   = "71001"
    wait_for = ["job_running"]

    timeouts {
      invoke = "10m"
    }
  }
}

resource "terraform_data" "clicks_consumer" {
  input = "clicks"

  lifecycle {
    action_trigger {
      events  = [before_create, before_update]
      actions = [action.dli_flink_job_wait.clicks]
    }
  }
}
