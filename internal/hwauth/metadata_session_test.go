package hwauth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// metadataCalls lists the method, path and session token header of the
// metadata calls the mock saw, in order.
func metadataCalls(srv *dlimock.Server) []string {
	var out []string
	for _, r := range srv.Mock.Requests() {
		if strings.HasPrefix(r.Path, "/meta-data/") || strings.HasPrefix(r.Path, "/openstack/") {
			call := r.Method + " " + r.Path
			if ttl := r.Header.Get("X-Metadata-Token-Ttl-Seconds"); ttl != "" {
				call += " ttl=" + ttl
			}
			if r.Header.Get("X-Metadata-Token") != "" {
				call += " with token"
			}
			if r.Header.Get("Authorization") != "" || r.Header.Get("X-Auth-Token") != "" {
				call += " WITH CREDENTIALS"
			}
			out = append(out, call)
		}
	}
	return out
}

func readWithMetadata(t *testing.T, srv *dlimock.Server) error {
	t.Helper()
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, nil)
	client := base.WithCredentials(FromMetadata(base, mustURL(t, srv.URL), nil))
	_, err := client.BatchState(context.Background(), testProject, testBatch)
	return err
}

func TestMetadataSessionTokenIsAskedForFirstAndSent(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.ServeMetadata()
	if err := readWithMetadata(t, srv); err != nil {
		t.Fatal(err)
	}
	want := "PUT /meta-data/latest/api/token ttl=21600|GET /openstack/latest/securitykey with token"
	if got := strings.Join(metadataCalls(srv), "|"); got != want {
		t.Fatalf("metadata calls %q, want %q", got, want)
	}
}

// An ECS without session tokens answers the token request 404, 405 or 503:
// the keys are asked for without a token, after one attempt at the token.
func TestMetadataWithoutSessionTokensIsAskedWithoutOne(t *testing.T) {
	for _, status := range []int{404, 405, 503} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			srv := newServer(t, nil)
			srv.Mock.ServeMetadataWithoutSessionTokens()
			if status != 404 {
				srv.Mock.InjectFault(dlimock.Fault{Status: status, Body: "no", ContentType: "text/plain", Times: 1})
			}
			if err := readWithMetadata(t, srv); err != nil {
				t.Fatal(err)
			}
			want := "PUT /meta-data/latest/api/token ttl=21600|GET /openstack/latest/securitykey"
			if got := strings.Join(metadataCalls(srv), "|"); got != want {
				t.Fatalf("metadata calls %q, want %q", got, want)
			}
		})
	}
}

// A 401 on the keys means the session token expired: a new one is asked
// for once, and the keys again.
func TestAnExpiredMetadataTokenIsRenewedOnce(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, clock)
	srv.Mock.ServeMetadata()
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, clock)
	source := FromMetadata(base, mustURL(t, srv.URL), clock.Now)
	if _, err := source.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv.Mock.ExpireMetadataTokens()
	_ = clock.Sleep(context.Background(), 55*60e9) // the keys are stale after 50 minutes
	if _, err := source.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := "PUT /meta-data/latest/api/token ttl=21600|GET /openstack/latest/securitykey with token|" +
		"GET /openstack/latest/securitykey with token|PUT /meta-data/latest/api/token ttl=21600|GET /openstack/latest/securitykey with token"
	if got := strings.Join(metadataCalls(srv), "|"); got != want {
		t.Fatalf("metadata calls\n%q, want\n%q", got, want)
	}
}

// A 401 that a new token does not cure is reported after one renewal, and
// one that says no agency is attached is reported without any.
func TestAMetadataRefusalIsNotRetriedForever(t *testing.T) {
	for name, c := range map[string]struct {
		body  string
		calls int
	}{
		"still unauthorized": {`{"error":"unauthorized"}`, 4},
		"no agency attached": {`Please configure Cloud Service Agency first`, 2},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, nil)
			srv.Mock.ServeMetadata()
			// The token requests answer normally, the key requests 401.
			for range 2 {
				srv.Mock.InjectFault(dlimock.Fault{Status: 0, Times: 1})
				srv.Mock.InjectFault(dlimock.Fault{Status: 401, Body: c.body, ContentType: "text/plain", Times: 1})
			}
			err := readWithMetadata(t, srv)
			var metadata *MetadataError
			var apiErr *dli.APIError
			if !errors.As(err, &metadata) || !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
				t.Fatalf("err = %v, want the metadata service's 401", err)
			}
			if got := metadataCalls(srv); len(got) != c.calls {
				t.Fatalf("metadata calls %q, want %d", got, c.calls)
			}
		})
	}
}

// The metadata calls carry no credentials, whatever the client has.
func TestMetadataCallsCarryNoCredentials(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.ServeMetadata()
	base := newBase(t, srv, nil).WithCredentials(baseCreds)
	if _, err := FromMetadata(base, mustURL(t, srv.URL), nil).Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, call := range metadataCalls(srv) {
		if strings.Contains(call, "WITH CREDENTIALS") {
			t.Fatalf("a metadata call carried credentials: %s", call)
		}
	}
}
