# A gate module: it waits for a DLI batch and fails the run unless the
# batch succeeded. Its tests (tests/) mock this provider, so that
# `terraform test` needs neither credentials nor a network.

terraform {
  required_providers {
    dli = {
      source = "dli-terraform/dli"
    }
  }
}

variable "batch_id" {
  description = "ID of the DLI batch to gate on."
  type        = string
}

variable "timeout" {
  description = "How long to wait for the batch to finish."
  type        = string
  default     = "45m"
}

data "dli_batch_state" "gate" {
  batch_id = var.batch_id
  wait_for = ["success", "dead"]

  timeouts {
    read = var.timeout
  }

  lifecycle {
    postcondition {
      condition     = lower(self.state) == "success"
      error_message = "Batch ${self.id} ended ${self.state}, not success."
    }
  }
}

output "batch_id" {
  description = "The batch's ID, known once it has succeeded: depend on it to gate."
  value       = data.dli_batch_state.gate.id
}
