# Temporary AK/SK issued by IAM (for a federated user, say): the security
# token is sent with every signed request. Here from the environment:
# HW_ACCESS_KEY, HW_SECRET_KEY and HW_SECURITY_TOKEN.
provider "dli" {
  region     = "cn-north-4"
  project_id = "0123456789abcdef0123456789abcdef"
}
