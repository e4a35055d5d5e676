# Act through an agency of another account: the base credentials (here the
# environment's HW_ACCESS_KEY and HW_SECRET_KEY) obtain the agency's temporary
# keys from IAM, and every DLI request uses those.
provider "dli" {
  region = "cn-north-4"

  assume_role {
    agency_name = "dli-reader"
    domain_name = "acme"
    duration    = 3600
  }
}
