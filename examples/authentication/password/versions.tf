# The provider's address: without it, terraform init looks for hashicorp/dli.
terraform {
  required_providers {
    dli = {
      source = "dli-terraform/dli"
    }
  }
}
