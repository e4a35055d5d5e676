# Gate on a pool: wait until it is AVAILABLE (it rescales by itself, and a
# new one sits in CREATING) before the jobs that use its queues are set up.
# A pool that FAILED fails the read at once, quoting its fail_reason.
data "dli_elastic_resource_pool" "etl" {
  name     = "pool_a"
  wait_for = ["AVAILABLE"]

  timeouts {
    read = "30m"
  }

  lifecycle {
    postcondition {
      condition     = contains(self.queues, "etl")
      error_message = "Queue etl is not in pool ${self.id} (its queues: ${join(", ", self.queues)})."
    }
  }
}

# Stands for whatever needs the pool's capacity: a job, a schedule.
resource "terraform_data" "nightly_jobs" {
  input = {
    pool = data.dli_elastic_resource_pool.etl.id
  }
}
