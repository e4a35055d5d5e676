# Act through an agency with a CI system's OpenID Connect ID token: no stored
# secret. The token is exchanged at IAM and STS for the agency's temporary keys,
# renewed 10 minutes before they expire, reading the token file again.
provider "dli" {
  region = "cn-north-4"

  assume_role_with_oidc {
    agency_name   = "ci-deployer"
    domain_id     = "0d1e2f30415263748596a7b8c9d0e1f2" # the agency's account
    idp_id        = "github-actions"                   # IAM's identity provider for the issuer
    id_token_file = "/tmp/id-token"                    # or id_token
    duration      = 3600
  }
}
