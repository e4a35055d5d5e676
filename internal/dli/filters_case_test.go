package dli

import (
	"net/url"
	"strings"
	"testing"
)

// swapCase turns "flink_jar_job" into "FLINK_JAR_JOB" and "FINISHED" into
// "finished": every enum value in the case the API does not use.
func swapCase(s string) string {
	if strings.ToLower(s) == s {
		return strings.ToUpper(s)
	}
	return strings.ToLower(s)
}

// The enum filters are documented as accepted in any case: each value of
// each, given in the case the API does not use, is sent in the case it
// does (SQL upper, Flink and batches lower), whatever the kind.
func TestEveryEnumFilterIsSentInTheAPIsCase(t *testing.T) {
	sql := func(f func(string) SQLJobFilter) func(*Client, string) error {
		return func(c *Client, v string) error { _, err := c.SQLJobs(shortCtx(t), testProject, f(v), 1); return err }
	}
	flink := func(f func(string) FlinkJobFilter) func(*Client, string) error {
		return func(c *Client, v string) error { _, err := c.FlinkJobs(shortCtx(t), testProject, f(v), 1); return err }
	}
	batches := func(c *Client, v string) error {
		_, err := c.Batches(shortCtx(t), testProject, BatchFilter{State: v}, 1)
		return err
	}
	filters := []struct {
		param  string
		values []string
		list   func(*Client, string) error
	}{
		{"job-type", SQLJobTypes, sql(func(v string) SQLJobFilter { return SQLJobFilter{JobType: v} })},
		{"job-status", SQLJobKind.Statuses, sql(func(v string) SQLJobFilter { return SQLJobFilter{Status: v} })},
		{"job_type", FlinkJobTypes, flink(func(v string) FlinkJobFilter { return FlinkJobFilter{JobType: v} })},
		{"status", FlinkJobKind.Statuses, flink(func(v string) FlinkJobFilter { return FlinkJobFilter{Status: v} })},
		{"state", BatchKind.Statuses, batches},
	}
	c, srv := newTestClient(t)
	for _, f := range filters {
		for _, v := range f.values {
			before := len(srv.Mock.Requests())
			if err := f.list(c, swapCase(v)); err != nil {
				t.Fatalf("%s %s: %v", f.param, swapCase(v), err)
			}
			r := srv.Mock.Requests()[before:]
			q, err := url.ParseQuery(r[0].Query)
			if err != nil || q.Get(f.param) != v {
				t.Fatalf("%s given as %q was sent as %q (query %s), want %q", f.param, swapCase(v), q.Get(f.param), r[0].Query, v)
			}
		}
	}
}
