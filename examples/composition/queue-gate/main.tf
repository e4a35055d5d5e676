# A Spark job submitted only when its queue is ready: this provider waits
# until the queue has stopped restarting and has the CUs the job needs,
# the official huaweicloud provider submits the job to it, and this
# provider waits on the job.

terraform {
  required_providers {
    huaweicloud = {
      source = "huaweicloud/huaweicloud"
    }
    dli = {
      source = "dli-terraform/dli"
    }
  }
}

# Both read HW_REGION_NAME, HW_ACCESS_KEY and HW_SECRET_KEY.
provider "huaweicloud" {}
provider "dli" {}

# Waits until the queue is not restarting and has at least 64 CUs (a
# queue scales out and restarts asynchronously; the official provider's
# huaweicloud_dli_queues exposes neither).
data "dli_queue" "etl" {
  name           = "etl"
  wait_for_ready = true
  min_cu_count   = 64

  timeouts {
    read = "30m"
  }
}

# Submitted only once the queue is ready: its queue_name comes from the gate.
resource "huaweicloud_dli_spark_job" "load_sales" {
  queue_name = data.dli_queue.etl.id
  name       = "load-sales"
  app_name   = "obs://etl-jobs/load_sales.jar"
  main_class = "com.example.LoadSales"
}

# Waits until the job has finished, and stops the run unless it succeeded.
data "dli_batch_state" "load_sales" {
  batch_id = huaweicloud_dli_spark_job.load_sales.id
  wait_for = ["success", "dead"]

  timeouts {
    read = "1h"
  }

  lifecycle {
    postcondition {
      condition     = lower(self.state) == "success"
      error_message = "The load-sales batch ${self.id} ended ${self.state}."
    }
  }
}
