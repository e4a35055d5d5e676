# Wait for a batch to finish, then output its last log lines.
variable "batch_id" {
  type = string
}

data "dli_batch" "finished" {
  batch_id = var.batch_id
  wait_for = ["success", "dead"]
}

output "last_log_lines" {
  value = data.dli_batch.finished.log
}
