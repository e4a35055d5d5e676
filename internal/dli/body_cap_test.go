package dli

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// endlessBody is a loopback server whose 200 answer never ends (up to a
// safety limit, so that a client that reads it all fails the test instead
// of exhausting memory). It counts the bytes it managed to write.
type endlessBody struct {
	*httptest.Server
	written atomic.Int64
	done    chan struct{} // closed when the handler has stopped writing
}

const endlessBodyLimit = MaxResponseBytes + 16<<20

func newEndlessBody(t *testing.T) *endlessBody {
	t.Helper()
	e := &endlessBody{done: make(chan struct{})}
	e.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(e.done)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		// A JSON value that never ends: the client finds nothing wrong
		// with it but its size.
		_, _ = w.Write([]byte(`{"state":"running","padding":[`))
		chunk := []byte(`"` + strings.Repeat("x", 16<<10) + `",`)
		for e.written.Load() < endlessBodyLimit && r.Context().Err() == nil {
			n, err := w.Write(chunk)
			e.written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	// A small socket send buffer keeps what the kernel holds on the
	// server's side from blurring the count.
	e.Config.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		if tcp, ok := c.(*net.TCPConn); ok {
			_ = tcp.SetWriteBuffer(16 << 10)
		}
		return ctx
	}
	e.Start()
	t.Cleanup(e.Close)
	return e
}

func TestAnEndlessBodyIsCutOffAtTheBound(t *testing.T) {
	srv := newEndlessBody(t)
	c, err := New(Config{Endpoint: srv.URL, Credentials: Credentials{Token: "test-iam-token-value"}, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	// Quickly: an endless body must not be read to its end.
	finishWithin(t, 5*time.Second, "reading an endless body", func() {
		_, err = c.BatchState(context.Background(), testProject, testBatch)
	})
	var m *MalformedResponseError
	if !errors.As(err, &m) || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Fatalf("err = %v, want a malformed-response error saying the body is larger than 64 MiB", err)
	}
	finishWithin(t, 5*time.Second, "writing to a client that gave up", func() { <-srv.done })
	written := srv.written.Load()
	t.Logf("the server wrote %d bytes (%.2f MiB)", written, float64(written)/(1<<20))
	// What the client read is MaxResponseBytes+1; the rest is what the
	// sockets' buffers held when it hung up.
	if limit := int64(MaxResponseBytes + 512<<10); written > limit {
		t.Fatalf("the server wrote %d bytes before the client hung up, want at most %d: the client read far more than the bound", written, limit)
	}
}

// An answer of exactly the bound is read whole; one byte more is too large.
func TestAnAnswerOfExactlyTheBoundIsRead(t *testing.T) {
	for _, tc := range []struct {
		size     int
		wantOver bool
	}{{100, false}, {101, true}} {
		c := &cappedReader{r: strings.NewReader(strings.Repeat("x", tc.size)), limit: 100}
		data, err := io.ReadAll(c)
		if c.over != tc.wantOver || (err != nil) != tc.wantOver || (!tc.wantOver && len(data) != tc.size) {
			t.Fatalf("an answer of %d bytes under a bound of 100: read %d, over %v, err %v", tc.size, len(data), c.over, err)
		}
	}
}
