# On an ECS with an agency attached, set no credentials at all: the provider
# takes temporary keys from the ECS metadata service at the first read, and
# fetches new ones 10 minutes before they expire.
provider "dli" {
  region = "cn-north-4"
}
