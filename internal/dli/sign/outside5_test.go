package sign

import (
	"net/http"
	"testing"
)

// Bugs of the fifth outside round that no test caught, each with the test
// that now does.

// A signed header's value is signed trimmed, as the official SDK's
// canonicalHeaders does (strings.TrimSpace) and as a server reads it (HTTP
// drops the white space around a field value): vector 1 with its values
// padded still gives the published canonical request hash.
func TestSignedHeaderValuesAreTrimmed(t *testing.T) {
	vector1CanonicalRequest(t, "  application/json\t", " service.region.example.com ", "\t20191115T033655Z  ")
}

// Only host falls back to the request's Host when the header map has none
// (Go keeps it on the request; the SDK takes it from the endpoint): any
// other signed header without a value is signed empty, as the SDK signs
// the value it is given.
func TestOnlyHostFallsBackToTheRequestsHost(t *testing.T) {
	h := http.Header{}
	h.Set("X-Sdk-Date", "20261129T080000Z")
	h.Set("X-Project-Id", "")
	cr := CanonicalRequest(Request{
		Method: "GET", Path: "/v2.0/p/batches", Header: h, Host: "dli.example.invalid",
		SignedHeaders: []string{"host", "x-project-id", "x-sdk-date", "x-security-token"},
	})
	want := "GET\n/v2.0/p/batches/\n\n" +
		"host:dli.example.invalid\nx-project-id:\nx-sdk-date:20261129T080000Z\nx-security-token:\n\n" +
		"host;x-project-id;x-sdk-date;x-security-token\n" + emptyBodyHash
	if cr != want {
		t.Fatalf("canonical request =\n%s\nwant\n%s", cr, want)
	}
}
