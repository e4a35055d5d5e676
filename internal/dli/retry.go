package dli

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Backoff bounds: the first retry waits about a second, later ones double,
// never more than RetryWaitMax unless the server asks for more.
const (
	RetryWaitMin = time.Second
	RetryWaitMax = 30 * time.Second

	// maxRetryAfterSeconds keeps an absurd Retry-After from overflowing;
	// a day is past any read's deadline anyway.
	maxRetryAfterSeconds = 24 * 60 * 60

	// maxTimedOutAttempts ends a call whose attempts got no answer within
	// the per-attempt limit this many times, whatever max_retries says: a
	// server that accepted the connection and stayed silent three times will
	// not answer the fourth, and each try costs a whole request_timeout.
	maxTimedOutAttempts = 3
)

// retryPolicy retries network errors, 429 and every 5xx but 501, and never
// past the caller's deadline.
func retryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	tr, _ := ctx.Value(traceKey{}).(*trace)
	if tr != nil && err != nil {
		tr.lastErr = err
	}
	if err != nil {
		if _, permanent := permanentFailure(err); permanent {
			return false, nil
		}
		if tr != nil && isTimeout(err) {
			if tr.timedOut++; tr.timedOut >= maxTimedOutAttempts {
				return false, nil
			}
		}
		// The library's policy knows the other permanent transport errors
		// (bad schemes, bad headers).
		return retryablehttp.DefaultRetryPolicy(ctx, nil, err)
	}
	if !retryableStatus(resp.StatusCode) || (tr != nil && slices.Contains(tr.final, resp.StatusCode)) {
		return false, nil
	}
	// A server that asks us to come back after our deadline gets its answer
	// reported now rather than a timeout later.
	if wait, ok := retryAfter(resp, time.Now()); ok {
		if deadline, has := ctx.Deadline(); has && time.Now().Add(wait).After(deadline) {
			return false, nil
		}
	}
	return true, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests ||
		(code >= 500 && code <= 599 && code != http.StatusNotImplemented)
}

// backoff waits minWait*2^n with jitter (between half and all of it),
// capped at maxWait, unless the response carries a Retry-After, which is
// honoured as given. It has retryablehttp's Backoff signature.
func backoff(minWait, maxWait time.Duration, n int, resp *http.Response) time.Duration {
	if wait, ok := retryAfter(resp, time.Now()); ok {
		return wait
	}
	return jittered(exponentialWait(n, minWait, maxWait), rand.Float64())
}

// exponentialWait is min*2^n capped at max.
func exponentialWait(n int, minWait, maxWait time.Duration) time.Duration {
	if n > 30 {
		return maxWait
	}
	wait := minWait << n
	if wait > maxWait || wait <= 0 {
		return maxWait
	}
	return wait
}

// jittered returns a wait between d/2 and d, spread by r in [0,1).
func jittered(d time.Duration, r float64) time.Duration {
	return d/2 + time.Duration(r*float64(d/2))
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, maxRetryAfterSeconds)) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}
