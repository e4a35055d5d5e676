terraform {
  required_providers {
    dli = {
      source = "dli-terraform/dli"
    }
  }
}

# Credentials and the region usually come from the environment variables
# that the huaweicloud provider reads too (HW_REGION_NAME, HW_ACCESS_KEY,
# HW_SECRET_KEY, ...), an hcloud CLI profile, or an ECS's agency; the
# project ID is looked up from IAM when none is set.
provider "dli" {
  region = "cn-north-4"
}
