# Submit to the pool's queues only once the pool has been created, or has
# finished scaling; a FAILED pool fails the apply with its fail_reason.
action "dli_elastic_resource_pool_wait" "etl" {
  config {
    name     = "pool_a"
    wait_for = ["AVAILABLE"]
  }
}

resource "terraform_data" "nightly_jobs" {
  input = "pool_a"

  lifecycle {
    action_trigger {
      events  = [before_create, before_update]
      actions = [action.dli_elastic_resource_pool_wait.etl]
    }
  }
}
