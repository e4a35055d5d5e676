# AK/SK in the provider block, from variables kept out of the configuration.
# No project_id: the provider looks up the ID of the project named after the
# region (cn-north-4) from IAM, once, at the first read.
variable "access_key" {
  type      = string
  sensitive = true
}

variable "secret_key" {
  type      = string
  sensitive = true
}

provider "dli" {
  region     = "cn-north-4"
  access_key = var.access_key
  secret_key = var.secret_key
}
