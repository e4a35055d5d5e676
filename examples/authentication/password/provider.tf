# Log in to IAM with an IAM user's password, for users without access keys.
# The token is renewed 10 minutes before it expires; a refused password is
# never sent again (IAM locks users after repeated failures). Leave the
# password out of the configuration: export HW_USER_PASSWORD instead, or
# pass a sensitive variable with TF_VAR_dli_password.
variable "dli_password" {
  type      = string
  sensitive = true
}

provider "dli" {
  region      = "cn-north-4"
  user_name   = "demo" # or user_id, without domain_name
  domain_name = "acme" # or domain_id
  password    = var.dli_password
}
