# Read an elastic resource pool's status and CUs. DLI's name filter
# matches part of a name; the provider keeps the exact match only.
data "dli_elastic_resource_pool" "pool_a" {
  name = "pool_a"
}

output "pool_a" {
  value = "${data.dli_elastic_resource_pool.pool_a.status}: ${data.dli_elastic_resource_pool.pool_a.actual_cu} of ${data.dli_elastic_resource_pool.pool_a.current_cu} CUs"
}
