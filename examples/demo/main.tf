# The demo runs against the bundled mock DLI (make demo), never a real cloud.
# It reads four seeded batches, waits for one that is still starting, for
# the SQL job that loads the sales table and for the clicks-stream Flink job
# to run, and gates a downstream resource on all three.

terraform {
  required_providers {
    dli = {
      source = "dli-terraform/dli"
    }
  }
}

variable "endpoint" {
  description = "URL of the mock DLI that make demo started."
  type        = string
}

provider "dli" {
  region   = "cn-north-4"
  endpoint = var.endpoint
  # No project_id: the provider looks the project up by the region's name
  # from IAM, which the mock plays too, once for all reads.
  auth_url = "${var.endpoint}/v3"
  # The mock checks real SDK-HMAC-SHA256 signatures made with these demo keys.
  access_key = "DEMOACCESSKEY"
  secret_key = "demo-secret-key"
}

# Still starting when the plan begins: the read polls until it succeeds.
data "dli_batch_state" "etl" {
  batch_id = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
  wait_for = ["success", "dead"]

  timeouts {
    read = "2m"
  }

  lifecycle {
    postcondition {
      condition     = lower(self.state) == "success"
      error_message = "The ETL batch did not succeed."
    }
  }
}

# Launching when the plan begins: the read polls until it has finished.
data "dli_sql_job" "load_sales" {
  job_id   = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
  wait_for = ["FINISHED", "FAILED", "CANCELLED"]

  timeouts {
    read = "2m"
  }

  lifecycle {
    postcondition {
      condition     = self.status == "FINISHED"
      error_message = "The SQL job that loads the sales table did not finish."
    }
  }
}

# Submitting when the plan begins: the read polls until the stream runs.
data "dli_flink_job" "clicks" {
  job_id   = "71001"
  wait_for = ["job_running"]

  timeouts {
    read = "2m"
  }
}

# Created only once the ETL batch has succeeded, the sales table is loaded
# and the clicks stream runs.
resource "terraform_data" "downstream_table" {
  input = {
    batch      = data.dli_batch_state.etl.id
    state      = data.dli_batch_state.etl.state
    sales_rows = data.dli_sql_job.load_sales.result_count
    clicks     = data.dli_flink_job.clicks.status
  }
}

# Plain reads, no waiting.
data "dli_batch_state" "reported" {
  batch_id = "4b9d2a57-3f5e-4c1a-9d8e-7a6b5c4d3e2f"
}

data "dli_batch_state" "nightly" {
  batch_id = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
}

data "dli_batch_state" "failed" {
  batch_id = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
}

# make demo prints this once the apply is done (an output would be printed
# by the plan and the apply as well).
locals {
  batch_states = join("\n", concat([
    for name, b in {
      etl      = data.dli_batch_state.etl
      reported = data.dli_batch_state.reported
      nightly  = data.dli_batch_state.nightly
      failed   = data.dli_batch_state.failed
    } : format("%-9s %s  %s%s", name, b.id, b.state, b.terminal ? " (terminal)" : "")
    ], [
    format("%-9s %s  %s (%d rows)", "sales", data.dli_sql_job.load_sales.id, data.dli_sql_job.load_sales.status, data.dli_sql_job.load_sales.result_count),
    format("%-9s %-36s  %s", "clicks", data.dli_flink_job.clicks.id, data.dli_flink_job.clicks.status),
  ]))
}
