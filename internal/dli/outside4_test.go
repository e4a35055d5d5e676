package dli

import (
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// STS is asked for an agency's keys in seconds, the unit of its
// duration_seconds: 2 hours is 7200, which STS accepts (900 to 43200).
func TestSTSIsAskedForTheDurationInSeconds(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddSTSAgency(dlimock.DefaultDomainID, "ci")
	sts, _ := url.Parse(srv.URL)
	if _, err := c.AssumeAgency(shortCtx(t), sts, Credentials{AccessKey: testAK, SecretKey: testSK}, dlimock.DefaultDomainID, "ci", 2*time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := srv.Mock.STSDurations(); !slices.Equal(got, []time.Duration{2 * time.Hour}) {
		t.Fatalf("STS was asked for %v, want duration_seconds 7200 (2h)", got)
	}
}
