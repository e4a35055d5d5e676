# An IAM token (X-Auth-Token) instead of keys; HW_AUTH_TOKEN works too.
variable "iam_token" {
  type      = string
  sensitive = true
}

provider "dli" {
  region = "cn-north-4"
  token  = var.iam_token
}
