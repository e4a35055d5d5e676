package dli

import (
	"context"
	"testing"
)

// Debug logs count HTTP attempts (retries of one request) and wait polls
// (one request each, plus its retries) under different names, so that
// "attempt 2" always means a retry.
func TestLogsNameAttemptsAndPollsApart(t *testing.T) {
	logger := &logRecorder{}
	c, srv := newTestClient(t, func(c *Config) { c.Logger = logger })
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "success")
	if _, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: &fakeClock{}}, "a wait for success", "success"); err != nil {
		t.Fatal(err)
	}
	var polls []any
	for _, l := range logger.all() {
		_, hasAttempt := l.fields["attempt"]
		poll, hasPoll := l.fields["poll"]
		switch l.msg {
		case "DLI request", "DLI response":
			if !hasAttempt || hasPoll || l.fields["attempt"] != 1 {
				t.Errorf("%s: fields %v, want attempt 1 and no poll", l.msg, l.fields)
			}
		case "DLI job not yet in a target state":
			if hasAttempt || !hasPoll {
				t.Errorf("%s: fields %v, want a poll number and no attempt", l.msg, l.fields)
			}
			polls = append(polls, poll)
		}
	}
	if len(polls) != 2 || polls[0] != 1 || polls[1] != 2 {
		t.Fatalf("logged polls %v, want [1 2]", polls)
	}
}
