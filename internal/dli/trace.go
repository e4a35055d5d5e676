package dli

import (
	"net/http"

	"github.com/hashicorp/go-retryablehttp"
)

// The hooks below run in retryablehttp's loop, once per attempt of a call:
// they keep the call's trace and write the client's request log lines.

// trace follows one logical call across its attempts, so that errors can say
// how many were made and what the last one saw.
type trace struct {
	attempts      int
	lastStatus    int
	lastRequestID string
	lastErr       error
}

type traceKey struct{}

func traceFrom(req *http.Request) *trace {
	if tr, ok := req.Context().Value(traceKey{}).(*trace); ok {
		return tr
	}
	return &trace{}
}

func (c *Client) logAttempt(_ retryablehttp.Logger, req *http.Request, retry int) {
	*traceFrom(req) = trace{attempts: retry + 1} // what the last attempt saw, only
	c.logger.Debug(req.Context(), "DLI request", map[string]any{
		"method":  req.Method,
		"url":     req.URL.String(),
		"attempt": retry + 1,
	})
}

func (c *Client) logResponse(_ retryablehttp.Logger, resp *http.Response) {
	tr := traceFrom(resp.Request)
	tr.lastStatus, tr.lastRequestID = resp.StatusCode, resp.Header.Get(requestIDHeader)
	c.logger.Debug(resp.Request.Context(), "DLI response", map[string]any{
		"status":     resp.StatusCode,
		"request_id": resp.Header.Get(requestIDHeader),
		"attempt":    tr.attempts,
	})
}
