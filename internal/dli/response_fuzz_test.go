package dli

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"
)

// FuzzReadResponse feeds arbitrary answers to the response and error-body
// parser: it must never panic, and must either return a non-empty state or
// one of the client's typed errors.
func FuzzReadResponse(f *testing.F) {
	f.Add(200, "application/json", []byte(`{"id":"0a324461-d9d9-45da-a52a-3b3c7a3d809e","state":"Success"}`))
	f.Add(200, "application/json", []byte(`{"is_success":false,"message":"gone"}`))
	f.Add(400, "application/json", []byte(`{"error_code":"DLI.0002","error_msg":"does not exist"}`))
	f.Add(502, "text/html", []byte(`<html>Bad Gateway</html>`))
	f.Add(302, "", []byte(``))
	f.Add(200, "application/json", []byte(`{"state":null,"id":7}`))
	f.Fuzz(func(t *testing.T, status int, contentType string, data []byte) {
		if status < 100 || status > 999 {
			t.Skip()
		}
		resp := &http.Response{
			StatusCode: status,
			Header:     http.Header{"Content-Type": {contentType}, "X-Request-Id": {"req-1"}},
			Body:       io.NopCloser(bytes.NewReader(data)),
		}
		r, err := readResponse(resp, &trace{service: serviceDLI, attempts: 1})
		var s BatchState
		if err == nil {
			var b body
			b, err = r.decode()
			if err == nil {
				s, err = batchStateFrom(r, b, "requested-id")
			}
		}
		if err == nil {
			if s.State == "" || s.ID == "" {
				t.Fatalf("success without a state or ID: %+v", s)
			}
			if status < 200 || status > 299 {
				t.Fatalf("HTTP %d accepted as success", status)
			}
			return
		}
		var (
			apiErr    *APIError
			malformed *MalformedResponseError
			redirect  *RedirectError
		)
		if !errors.As(err, &apiErr) && !errors.As(err, &malformed) && !errors.As(err, &redirect) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
		if len(err.Error()) > 4096 {
			t.Fatalf("error message of %d bytes: bodies must be excerpted", len(err.Error()))
		}
	})
}
