package dli

import (
	"slices"
	"testing"
)

// Bugs of the fifth outside round that no test caught, each with the test
// that now does: which credentials are taken, and which are redacted.

// A token with half an access key pair is a conflict, refused when the
// client is built: the token is not silently used in its stead.
func TestATokenWithHalfAKeyPairIsRefused(t *testing.T) {
	for name, creds := range map[string]Credentials{
		"token and access key": {Token: "test-iam-token-value", AccessKey: testAK},
		"token and secret key": {Token: "test-iam-token-value", SecretKey: testSK},
	} {
		_, err := New(Config{Endpoint: "https://dli.cn-north-4.example.invalid", Credentials: creds})
		if want := "credentials: use either a token or an access key pair, not both"; err == nil || err.Error() != want {
			t.Errorf("%s: err = %v, want %q", name, err, want)
		}
	}
}

// A secret of exactly minRedactedLength characters is long enough to be
// redacted; one shorter is not kept.
func TestASecretOfTheMinimumLengthIsRedacted(t *testing.T) {
	c, err := New(Config{Endpoint: "https://dli.cn-north-4.example.invalid", Credentials: Credentials{AccessKey: "AK34567", SecretKey: "SK345678"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Secrets(); !slices.Equal(got, []string{"SK345678"}) {
		t.Fatalf("secrets = %q, want the 8-character secret key only (the access key has 7)", got)
	}
}
