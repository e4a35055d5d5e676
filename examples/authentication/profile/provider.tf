# The keys (and region, project and agency, unless set here) of a profile of
# the hcloud CLI, in ~/.hcloud/config.json unless shared_config_file says
# otherwise. HW_PROFILE and HW_SHARED_CONFIG_FILE work too. The CLI must keep
# the keys unencrypted: hcloud configure set --cli-auth-encrypt=false.
provider "dli" {
  profile = "ci"
}
