package dli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode"
)

// response is a fully read HTTP answer.
type response struct {
	service   string
	status    int
	host      string // the endpoint's, which answered
	requestID string
	body      []byte
	attempts  int
	header    http.Header // IAM answers its tokens in X-Subject-Token
}

// body is every field DLI puts in a JSON answer to the state call: the
// result, the current error form and the older is_success form. Unknown
// fields are ignored. The other calls' answer types embed it.
type body struct {
	ID        *string `json:"id"`
	State     *string `json:"state"`
	IsSuccess *flag   `json:"is_success"`
	Message   string  `json:"message"`
	ErrorCode string  `json:"error_code"`
	ErrorMsg  string  `json:"error_msg"`
	// IAM's Keystone form: {"error":{"code":401,"message":"...","title":"..."}}.
	Error json.RawMessage `json:"error"`
}

// flag is is_success as DLI sends it: a boolean in the SQL and batch APIs,
// a string ("true", "false") in the Flink API, as the official SDK has it.
type flag bool

func (f *flag) UnmarshalJSON(data []byte) error {
	var b bool
	if err := json.Unmarshal(data, &b); err == nil {
		*f = flag(b)
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		if v, err := strconv.ParseBool(s); err == nil {
			*f = flag(v)
			return nil
		}
	}
	return fmt.Errorf("is_success is neither a boolean nor \"true\" or \"false\": %s", data)
}

// keystoneMessage is the message of IAM's {"error":{...}} form, or of a
// plain {"error":"..."}.
func (b body) keystoneMessage() string {
	var nested struct {
		Message string `json:"message"`
		Title   string `json:"title"`
	}
	if json.Unmarshal(b.Error, &nested) == nil {
		if nested.Message != "" {
			return nested.Message
		}
		return nested.Title
	}
	var plain string
	_ = json.Unmarshal(b.Error, &plain)
	return plain
}

// readResponse reads at most MaxResponseBytes and turns anything but a
// well-formed success into an error.
func readResponse(resp *http.Response, tr *trace) (*response, error) {
	attempts := tr.attempts
	r := &response{service: tr.service, status: resp.StatusCode, requestID: resp.Header.Get(requestIDHeader), attempts: attempts, header: resp.Header}
	if resp.Request != nil && resp.Request.URL != nil {
		r.host = resp.Request.URL.Host
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return nil, &RedirectError{Service: tr.service, StatusCode: resp.StatusCode, Location: resp.Header.Get("Location"), RequestID: r.requestID}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return nil, &NetworkError{Service: tr.service, Attempts: attempts, Err: fmt.Errorf("reading the answer (HTTP %d): %w", resp.StatusCode, err)}
	}
	if len(data) > MaxResponseBytes {
		return nil, r.malformed("the body is larger than 1 MiB")
	}
	r.body = data
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, r.apiError(resp.Header.Get("Content-Type"))
	}
	return r, nil
}

// decode parses a 2xx body; an is_success=false or error_code answer is an
// API error even with HTTP 200.
func (r *response) decode() (body, error) {
	var b body
	err := r.decodeInto(&b)
	return b, err
}

// envelope is an answer's JSON type: it embeds body, so that every call's
// answer is checked for the error forms in the same way.
type envelope interface{ envelope() *body }

func (b *body) envelope() *body { return b }

// decodeInto is decode for an answer type that embeds body.
func (r *response) decodeInto(v envelope) error {
	if err := json.Unmarshal(r.body, v); err != nil {
		return r.malformed(fmt.Sprintf("the body is not the expected JSON (%v): %s", err, snippet(r.body)))
	}
	if b := v.envelope(); (b.IsSuccess != nil && !bool(*b.IsSuccess)) || b.ErrorCode != "" {
		return r.errorFrom(*b)
	}
	return nil
}

func (r *response) apiError(contentType string) error {
	var b body
	if err := json.Unmarshal(r.body, &b); err != nil {
		e := r.errorFrom(body{})
		e.Message = nonJSONMessage(contentType, r.body)
		return e
	}
	return r.errorFrom(b)
}

func (r *response) errorFrom(b body) *APIError {
	msg := b.ErrorMsg
	if msg == "" {
		msg = b.Message
	}
	if msg == "" && len(b.Error) > 0 {
		msg = b.keystoneMessage()
	}
	if msg == "" && len(r.body) > 0 {
		msg = "the answer has no error message: " + snippet(r.body)
	}
	dliForm := strings.HasPrefix(b.ErrorCode, "DLI.") || b.IsSuccess != nil
	return &APIError{
		Kind: classify(r.status, b.ErrorCode, dliForm), StatusCode: r.status, Code: b.ErrorCode,
		Message: msg, RequestID: r.requestID, Attempts: r.attempts, Host: r.host, Service: serviceName(r.service),
	}
}

func (r *response) malformed(reason string) error {
	return &MalformedResponseError{Service: r.service, StatusCode: r.status, RequestID: r.requestID, Reason: reason, Attempts: r.attempts}
}

func nonJSONMessage(contentType string, data []byte) string {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	if mediaType == "" {
		mediaType = "no content type"
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Sprintf("empty body (%s)", mediaType)
	}
	return fmt.Sprintf("the body is not JSON (%s): %s", mediaType, snippet(data))
}

// snippet is a printable, single-line excerpt of a body for error messages.
func snippet(data []byte) string {
	const limit = 200
	s := strings.Join(strings.FieldsFunc(string(data), unicode.IsSpace), " ")
	s = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return '?'
		}
		return r
	}, s)
	if len([]rune(s)) > limit {
		s = string([]rune(s)[:limit]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// redact removes credential values from errors that quote an answer: an
// endpoint or proxy that echoes request headers must not put a token into
// a diagnostic.
func (c *Client) redact(err error) error {
	secrets := c.secrets.list()
	var shared *CredentialsError
	if err == nil || len(secrets) == 0 || errors.As(err, &shared) {
		return err // a credential source's error was redacted where it arose
	}
	var (
		apiErr    *APIError
		malformed *MalformedResponseError
		redirect  *RedirectError
	)
	switch {
	case errors.As(err, &apiErr):
		apiErr.Message = redactAll(apiErr.Message, secrets)
	case errors.As(err, &malformed):
		malformed.Reason = redactAll(malformed.Reason, secrets)
	case errors.As(err, &redirect):
		redirect.Location = redactAll(redirect.Location, secrets)
	}
	return err
}

func redactAll(s string, secrets []string) string {
	for _, secret := range secrets {
		s = strings.ReplaceAll(s, secret, "(redacted)")
	}
	return s
}
