package hwauth

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// An ID token file with surrounding white space (a Windows line end, an
// indented secret) gives IAM the JWT alone: its identity provider accepts
// only the exact token.
func TestAnIDTokenFileIsSentWithoutSurroundingWhiteSpace(t *testing.T) {
	srv := oidcServer(t, nil)
	srv.Mock.DefaultState = "running"
	file := filepath.Join(t.TempDir(), "id-token")
	if err := os.WriteFile(file, []byte("  "+firstJWT+" \r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := newBase(t, srv, nil)
	client := base.WithCredentials(AssumeRoleWithOIDC(base, mustURL(t, srv.URL+"/v3"), mustURL(t, srv.URL), testOIDC(file), nil))
	if _, err := readWithin(t, client, "a read with a padded ID token file"); err != nil {
		t.Fatalf("the padded token was not sent as the JWT alone: %v", err)
	}
}

// An OIDC agency without a duration asks STS for DefaultAgencyDuration (1h).
func TestAnOIDCAgencyWithoutADurationAsksForTheDefault(t *testing.T) {
	srv := oidcServer(t, nil)
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, nil)
	client := base.WithCredentials(AssumeRoleWithOIDC(base, mustURL(t, srv.URL+"/v3"), mustURL(t, srv.URL), testOIDC(tokenFile(t)), nil))
	if _, err := readWithin(t, client, "a read with the default duration"); err != nil {
		t.Fatal(err)
	}
	if got := srv.Mock.STSDurations(); !slices.Equal(got, []time.Duration{DefaultAgencyDuration}) {
		t.Fatalf("STS was asked for %v, want %v", got, DefaultAgencyDuration)
	}
}
