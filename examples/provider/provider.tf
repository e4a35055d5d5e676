terraform {
  required_providers {
    dli = {
      source = "dli-terraform/dli"
    }
  }
}

# Credentials usually come from the environment variables that the
# huaweicloud provider reads too: HW_REGION_NAME, HW_PROJECT_ID,
# HW_ACCESS_KEY and HW_SECRET_KEY (or HW_AUTH_TOKEN).
provider "dli" {
  region     = "cn-north-4"
  project_id = "0123456789abcdef0123456789abcdef"
}
