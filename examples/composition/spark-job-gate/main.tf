# The composition this provider exists for: the official huaweicloud
# provider submits a Spark batch, this provider waits on its ID, and the
# downstream resource waits on this provider.

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

# Both read HW_REGION_NAME, HW_ACCESS_KEY and HW_SECRET_KEY (and the other
# HW_* variables they share), so the blocks can stay empty.
provider "huaweicloud" {}
provider "dli" {}

variable "queue_name" {
  description = "DLI queue that runs the load."
  type        = string
  default     = "etl"
}

# Submits the batch. Creating it returns as soon as DLI has accepted the
# batch, not when the batch has finished; destroying it cancels the batch.
resource "huaweicloud_dli_spark_job" "load_sales" {
  queue_name = var.queue_name
  name       = "load-sales"
  app_name   = "obs://etl-jobs/load_sales.jar"
  main_class = "com.example.LoadSales"
}

# Waits until the batch has finished, and stops the run unless it succeeded.
# The batch ID is known only once the job is submitted, so this read happens
# during the apply, after the submission.
data "dli_batch_state" "load_sales" {
  batch_id = huaweicloud_dli_spark_job.load_sales.id
  wait_for = ["success", "dead"]

  timeouts {
    read = "1h"
  }

  lifecycle {
    postcondition {
      condition     = lower(self.state) == "success"
      error_message = "The load-sales batch ${self.id} ended ${self.state}, so the sales report is not created."
    }
  }
}

# Stands for any downstream resource: a table, a schedule, an export.
# Created only once the load has succeeded.
resource "terraform_data" "sales_report" {
  input = {
    loaded_by = data.dli_batch_state.load_sales.id
  }
}
