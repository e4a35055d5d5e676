# Submit a Spark job only once its queue is ready: not restarting, and
# scaled out to at least 64 CUs. A queue that is still restarting or
# scaling when timeouts.read runs out fails the run, saying what it last
# saw.
data "dli_queue" "etl_ready" {
  name           = "etl"
  wait_for_ready = true
  min_cu_count   = 64

  timeouts {
    read = "30m"
  }
}

# Stands for the job: huaweicloud_dli_spark_job with
# queue_name = data.dli_queue.etl_ready.id (see examples/composition/queue-gate).
resource "terraform_data" "spark_job" {
  input = {
    queue_name    = data.dli_queue.etl_ready.id
    spark_version = data.dli_queue.etl_ready.default_spark_version
  }
}
