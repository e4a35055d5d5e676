package hwauth

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// An ECS without session tokens is asked for the keys with no
// X-Metadata-Token header at all, not an empty one.
func TestMetadataWithoutSessionTokensSendsNoEmptyTokenHeader(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.ServeMetadataWithoutSessionTokens()
	if err := readWithMetadata(t, srv); err != nil {
		t.Fatal(err)
	}
	keys := 0
	for _, r := range srv.Mock.Requests() {
		if r.Path != "/openstack/latest/securitykey" {
			continue
		}
		keys++
		if v, sent := r.Header["X-Metadata-Token"]; sent {
			t.Fatalf("the key request sent X-Metadata-Token %q, want no such header", v)
		}
	}
	if keys != 1 {
		t.Fatalf("%d key requests, want 1", keys)
	}
}

// Once the service has said it has no session tokens, renewing the keys
// asks for them only: not for a token again at every renewal.
func TestMetadataWithoutSessionTokensIsNotAskedForOneAtEveryRenewal(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, clock)
	srv.Mock.ServeMetadataWithoutSessionTokens()
	srv.Mock.TemporaryTTL = 30 * time.Minute
	base := newBase(t, srv, clock)
	source := FromMetadata(base, mustURL(t, srv.URL), clock.Now)
	for range 3 {
		if _, err := source.Retrieve(context.Background()); err != nil {
			t.Fatal(err)
		}
		_ = clock.Sleep(context.Background(), 25*time.Minute) // stale: renewed on the next Retrieve
	}
	want := "PUT /meta-data/latest/api/token ttl=21600|GET /openstack/latest/securitykey|" +
		"GET /openstack/latest/securitykey|GET /openstack/latest/securitykey"
	if got := strings.Join(metadataCalls(srv), "|"); got != want {
		t.Fatalf("metadata calls\n%q, want\n%q", got, want)
	}
}

// A token answer ending in whitespace (a newline) is the token without it:
// the keys are asked for with exactly the token issued.
func TestAMetadataTokenEndingInANewlineIsSentWithoutIt(t *testing.T) {
	for _, pad := range []string{"\n", "\r\n", " \t\n"} {
		t.Run(strings.ReplaceAll(strings.ReplaceAll(pad, "\n", `\n`), "\r", `\r`), func(t *testing.T) {
			srv := newServer(t, nil)
			srv.Mock.ServeMetadata()
			srv.Mock.PadMetadataTokens(pad)
			if err := readWithMetadata(t, srv); err != nil {
				t.Fatal(err)
			}
			issued := srv.Mock.IssuedMetadataTokens()
			var sent []string
			for _, r := range srv.Mock.Requests() {
				if r.Path == "/openstack/latest/securitykey" {
					sent = append(sent, r.Header.Get("X-Metadata-Token"))
				}
			}
			if len(issued) != 1 || !slices.Equal(sent, issued) {
				t.Fatalf("sent tokens %q, want exactly the one issued, %q", sent, issued)
			}
		})
	}
}
