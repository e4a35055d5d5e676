package dli

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Bugs of the outside round (issue 30) that no test caught, each with the
// test that now does.

// A tags filter goes to DLI as the SDK sends it: key=value pairs, sorted,
// comma-separated; "key:value" would filter on tags no job has.
func TestTagFiltersAreSentAsSortedKeyEqualsValuePairs(t *testing.T) {
	tags := map[string]string{"team": "etl", "env": "prod"}
	for name, list := range map[string]func(*Client) error{
		"SQL jobs": func(c *Client) error {
			_, err := c.SQLJobs(shortCtx(t), testProject, SQLJobFilter{Tags: tags}, 10)
			return err
		},
		"Flink jobs": func(c *Client) error {
			_, err := c.FlinkJobs(shortCtx(t), testProject, FlinkJobFilter{Tags: tags}, 10)
			return err
		},
	} {
		c, srv := newTestClient(t)
		if err := list(c); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		requests := srv.Mock.Requests()
		if len(requests) == 0 {
			t.Fatalf("%s: no request", name)
		}
		q, err := url.ParseQuery(requests[len(requests)-1].Query)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Get("tags"); got != "env=prod,team=etl" {
			t.Errorf("%s: tags=%q, want env=prod,team=etl", name, got)
		}
	}
}

// A wait whose deadline cuts a poll short says what that poll met (its
// Cause); one whose deadline falls while it sleeps between polls has no
// cause to give (the deadline is the whole story).
func TestAWaitTimeoutGivesTheCauseOnlyOfACutPoll(t *testing.T) {
	t.Run("deadline during a poll", func(t *testing.T) {
		c, srv := newTestClient(t, func(c *Config) { c.MaxRetries = 0 })
		srv.Mock.AddBatch(testProject, testBatch, "running")
		srv.Mock.InjectFault(dlimock.Fault{Delay: time.Minute})
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		_, err := waitWithin(t, ctx, Waiter{Client: c}, "waiting on a poll the deadline cuts", "success")
		var to *WaitTimeoutError
		if !errors.As(err, &to) || to.Cause == nil {
			t.Fatalf("err = %v, want a wait timeout with the cut poll as its cause", err)
		}
	})
	t.Run("deadline during a sleep", func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Mock.AddBatch(testProject, testBatch, "running")
		ctx := newEndableCtx()
		clock := &fakeClock{ctx: ctx, budget: 35 * time.Second}
		_, err := waitWithin(t, ctx, Waiter{Client: c, Clock: clock, Schedule: everyTenSeconds}, "waiting past the deadline", "success")
		var to *WaitTimeoutError
		if !errors.As(err, &to) || to.Cause != nil || strings.Contains(err.Error(), "deadline exceeded)") {
			t.Fatalf("err = %v (cause %v), want a wait timeout without a cause", err, to.Cause)
		}
	})
}

// DLI's job_name filter matches part of a name: the batch list keeps the
// exact name only, so that "nightly" does not gate on "nightly-backfill".
func TestBatchesNameKeepsExactMatchesOnly(t *testing.T) {
	c, srv := newTestClient(t)
	addBatches(srv, 3) // "nightly"
	for i, name := range []string{"nightly-backfill", "Nightly"} {
		id := "10000000-0000-4000-8000-00000000000" + string(rune('0'+i))
		srv.Mock.AddBatch(testProject, id, "success")
		srv.Mock.SetDetails(testProject, id, map[string]any{"name": name, "create_time": int64(1732900000000 + i)})
	}
	batches, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{JobName: "nightly"}, 100))
	if err != nil || len(batches) != 3 {
		t.Fatalf("got %d batches, %v; want the 3 named exactly nightly", len(batches), err)
	}
	for _, b := range batches {
		if b.Name == nil || *b.Name != "nightly" {
			t.Fatalf("kept %+v, want only batches named exactly nightly", b)
		}
	}
}

// A pool whose name only starts with the one asked for is not it: reading
// pool_a where only pool_a_backup exists says pool_a is not there.
func TestAPoolIsNotReadByAPrefixOfItsName(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddElasticResourcePool(testProject, "pool_a_backup", nil, dlimock.PoolStep{Status: "AVAILABLE"})
	p, err := c.ElasticResourcePool(shortCtx(t), testProject, "pool_a")
	var notListed *NotListedError
	if !errors.As(err, &notListed) || strings.Join(notListed.Listed, ",") != "pool_a_backup" {
		t.Fatalf("got %+v, %v; want pool_a not listed, pool_a_backup named as a near miss", p, err)
	}
}

// Two IAM projects of the name looked up are not a guess: the lookup fails
// naming both, so that project_id is set rather than the first one taken.
func TestAProjectNameIAMListsTwiceIsNotGuessed(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"projects":[` +
		`{"id":"0123456789abcdef0123456789abcdef","name":"cn-north-4"},{"id":"fedcba9876543210fedcba9876543210","name":"cn-north-4"}]}`})
	authURL, _ := url.Parse(srv.URL + "/v3")
	id, err := c.ProjectID(shortCtx(t), authURL, "cn-north-4")
	var lookup *ProjectLookupError
	if !errors.As(err, &lookup) || len(lookup.Found) != 2 || !strings.Contains(err.Error(), "IAM lists 2 projects named") {
		t.Fatalf("got %q, %v; want a lookup error naming both projects", id, err)
	}
}

// The agency's keys last the duration asked for: duration_seconds is
// seconds (IAM refuses under 900), not minutes.
func TestAnAgencysKeysLastTheDurationAskedFor(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddAgency("acme", "dli-reader")
	authURL, _ := url.Parse(srv.URL + "/v3")
	base := Credentials{AccessKey: testAK, SecretKey: testSK}
	before := time.Now()
	keys, err := c.AssumeRole(shortCtx(t), authURL, base, dlimock.DefaultDomainID, "dli-reader", "acme", 2*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if lasts := keys.ExpiresAt.Sub(before); lasts < 2*time.Hour-time.Minute || lasts > 2*time.Hour+time.Minute {
		t.Fatalf("the keys last %v, want the 2h asked for", lasts)
	}
}

// STS's assume answer is read as IAM's credential answers are: whole (no
// trailing data) and never quoted, since it holds keys not yet redacted.
func TestAnSTSAnswerWithTrailingDataIsMalformedAndNotQuoted(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"credentials":{"access_key_id":"STSAK","secret_access_key":"sts-secret-never-shown","security_token":"tok","expiration":"2030-01-01T00:00:00Z"}} {"more":1}`})
	base, _ := url.Parse(srv.URL)
	_, err := c.AssumeAgency(shortCtx(t), base, Credentials{AccessKey: testAK, SecretKey: testSK}, dlimock.DefaultDomainID, "agency", time.Hour)
	if err == nil || !strings.Contains(err.Error(), "the assume answer is not the expected JSON") || strings.Contains(err.Error(), "sts-secret-never-shown") {
		t.Fatalf("err = %v, want a malformed answer that quotes nothing", err)
	}
}
