package dli

import (
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// The hooks below run in retryablehttp's loop, once per attempt of a call:
// they keep the call's trace and write the client's request log lines.

// trace follows one logical call across its attempts, so that errors can say
// how many were made and what the last one saw.
type trace struct {
	service        string
	attemptTimeout time.Duration
	attempts       int
	lastStatus     int
	lastRequestID  string
	lastErr        error
	timedOut       int   // attempts that got no answer within attemptTimeout
	final          []int // statuses never retried (the call's)
}

type traceKey struct{}

func traceFrom(req *http.Request) *trace {
	if tr, ok := req.Context().Value(traceKey{}).(*trace); ok {
		return tr
	}
	return &trace{}
}

func (c *Client) logAttempt(_ retryablehttp.Logger, req *http.Request, retry int) {
	tr := traceFrom(req)
	// What the last attempt saw, only.
	tr.attempts, tr.lastStatus, tr.lastRequestID, tr.lastErr = retry+1, 0, "", nil
	c.logger.Debug(req.Context(), tr.service+" request", map[string]any{
		"method":  req.Method,
		"url":     req.URL.String(),
		"attempt": retry + 1,
	})
}

func (c *Client) logResponse(_ retryablehttp.Logger, resp *http.Response) {
	tr := traceFrom(resp.Request)
	tr.lastStatus, tr.lastRequestID = resp.StatusCode, resp.Header.Get(requestIDHeader)
	c.logger.Debug(resp.Request.Context(), tr.service+" response", map[string]any{
		"status":     resp.StatusCode,
		"request_id": resp.Header.Get(requestIDHeader),
		"attempt":    tr.attempts,
	})
}
