# Read a queue as its project's queue list shows it: its CUs, whether it
# is restarting, its Spark versions.
data "dli_queue" "etl" {
  name = "etl"
}

output "etl_queue" {
  value = {
    ready         = data.dli_queue.etl.ready
    is_restarting = data.dli_queue.etl.is_restarting
    cu_count      = data.dli_queue.etl.cu_count
  }
}
