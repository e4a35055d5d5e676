package dli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// response is an HTTP answer: its facts, and for a 2xx its body, read by
// the call's decoder as it arrives.
type response struct {
	service   string
	status    int
	host      string // the endpoint's, which answered
	requestID string
	attempts  int
	raw       io.ReadCloser
	body      *cappedReader
	header    http.Header // IAM answers its tokens in X-Subject-Token
}

// cappedReader reads at most limit bytes of an answer and keeps its first
// bytes, which errors quote.
type cappedReader struct {
	r     io.Reader
	n     int64
	limit int64
	head  []byte
	over  bool // the answer is longer than limit
}

// maxErrorBytes bounds an error answer, which is quoted, never paged.
const maxErrorBytes = 1 << 20

// headBytes is how much of an answer is kept for the excerpts errors quote.
const headBytes = 1024

var errTooLarge = errors.New("the answer is too large")

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.over {
		return 0, errTooLarge
	}
	if rest := c.limit + 1 - c.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if len(c.head) < headBytes {
		c.head = append(c.head, p[:min(n, headBytes-len(c.head))]...)
	}
	if c.n > c.limit {
		c.over = true
		return n - 1, errTooLarge
	}
	return n, err
}

// close drains what little may be left of the answer (a final newline), so
// that the connection is reused, and closes it.
func (r *response) close() {
	if !r.body.over {
		_, _ = io.CopyN(io.Discard, r.raw, 4<<10)
	}
	_ = r.raw.Close()
}

// body is every field DLI puts in a JSON answer to the state call: the
// result, and the error forms: DLI's and APIG's error_code and error_msg,
// the SDK's second form code and message, and the older is_success. Unknown
// fields are ignored. The other calls' answer types embed it.
type body struct {
	ID        *string    `json:"id"`
	State     *string    `json:"state"`
	IsSuccess *flag      `json:"is_success"`
	Message   string     `json:"message"`
	ErrorCode string     `json:"error_code"`
	ErrorMsg  string     `json:"error_msg"`
	Code      codeString `json:"code"`
	// IAM's Keystone form: {"error":{"code":401,"message":"...","title":"..."}}.
	Error json.RawMessage `json:"error"`
}

// payload: the state call's answer is its state.
func (b *body) payload() bool { return b.State != nil }

// failed says whether the answer names an error, in any of its forms.
func (b *body) failed() bool {
	return b.ErrorCode != "" || b.Code != "" || (b.IsSuccess != nil && !bool(*b.IsSuccess))
}

// code is the answer's error code, in either form.
func (b *body) code() string {
	if b.ErrorCode != "" {
		return b.ErrorCode
	}
	return string(b.Code)
}

// codeString is the code of the SDK's {"code","message"} form: a string;
// a number (as some gateways send a status there) is read as its digits.
type codeString string

func (c *codeString) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*c = codeString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return errors.New("code is neither a string nor a number")
	}
	*c = codeString(n)
	return nil
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

// readResponse turns a 2xx into a response whose body the decoder reads
// (at most MaxResponseBytes far), and anything else into an error (read at
// most maxErrorBytes far).
func readResponse(resp *http.Response, tr *trace) (*response, error) {
	r := &response{service: tr.service, status: resp.StatusCode, requestID: resp.Header.Get(requestIDHeader), attempts: tr.attempts,
		raw: resp.Body, body: &cappedReader{r: resp.Body, limit: MaxResponseBytes}, header: resp.Header}
	if resp.Request != nil && resp.Request.URL != nil {
		r.host = resp.Request.URL.Host
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return r, nil
	}
	defer r.close()
	r.body.limit = maxErrorBytes
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return nil, &RedirectError{Service: tr.service, StatusCode: resp.StatusCode, Location: resp.Header.Get("Location"), RequestID: r.requestID}
	}
	data, err := r.text()
	if err != nil {
		return nil, err
	}
	return nil, r.apiError(resp.Header.Get("Content-Type"), data)
}

// text is the whole answer.
func (r *response) text() ([]byte, error) {
	data, err := io.ReadAll(r.body)
	switch {
	case r.body.over:
		return nil, r.tooLarge()
	case err != nil:
		return nil, &NetworkError{Service: r.service, Attempts: r.attempts, Err: fmt.Errorf("reading the answer (HTTP %d): %w", r.status, err)}
	}
	return data, nil
}

func (r *response) tooLarge() error {
	return r.malformed(fmt.Sprintf("the body is larger than %d MiB", r.body.limit>>20))
}

// decode parses a 2xx body; an is_success=false or error_code answer is an
// API error even with HTTP 200.
func (r *response) decode() (body, error) {
	var b body
	err := r.decodeInto(&b)
	return b, err
}

// envelope is an answer's JSON type: it embeds body, so that every call's
// answer is checked for the error forms in the same way, and says whether
// the payload the call asked for is present.
type envelope interface {
	envelope() *body
	payload() bool
}

func (b *body) envelope() *body { return b }

// decodeInto is decode for an answer type that embeds body. As the
// official SDK reads them, an answer with its payload is read whatever
// is_success says; one without it but naming an error is that error.
func (r *response) decodeInto(v envelope) error {
	if err := r.decodeJSON(v); err != nil {
		return err
	}
	if b := v.envelope(); !v.payload() && b.failed() {
		return r.errorFrom(*b, r.body.head)
	}
	return nil
}

// decodeJSON reads the answer's JSON value into v, and the rest of the
// answer, which may only be white space: as it arrives when v leads to a
// page (streamed), else whole, which for an answer of one job or state
// costs a third of the decoder's allocations.
func (r *response) decodeJSON(v any) error {
	var err error
	if streamed(reflect.TypeOf(v)) {
		dec := json.NewDecoder(r.body)
		if err = readStream(dec, v); err == nil {
			err = atEnd(dec)
		}
	} else {
		var data []byte
		if data, err = r.text(); err != nil {
			return err
		}
		err = json.Unmarshal(data, v)
	}
	switch {
	case r.body.over:
		return r.tooLarge()
	case err != nil:
		return r.malformed(fmt.Sprintf("the body is not the expected JSON (%v): %s", err, r.snippet()))
	}
	return nil
}

// atEnd reads the rest of a JSON answer: white space only.
func atEnd(dec *json.Decoder) error {
	if t, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = fmt.Errorf("more after the JSON value: %v", t)
		}
		return err
	}
	return nil
}

// snippet is an excerpt of the answer's beginning, for errors.
func (r *response) snippet() string { return snippet(r.body.head) }

func (r *response) apiError(contentType string, data []byte) error {
	var b body
	if err := json.Unmarshal(data, &b); err != nil {
		e := r.errorFrom(body{}, data)
		e.Message = nonJSONMessage(contentType, data)
		return e
	}
	return r.errorFrom(b, data)
}

// errorFrom is the API error an answer's body b says; data is the answer
// (or its beginning), quoted when b has no message.
func (r *response) errorFrom(b body, data []byte) *APIError {
	msg := b.ErrorMsg
	if msg == "" {
		msg = b.Message
	}
	if msg == "" && len(b.Error) > 0 {
		msg = b.keystoneMessage()
	}
	if msg == "" && len(data) > 0 {
		msg = "the answer has no error message: " + snippet(data)
	}
	code := b.code()
	dliForm := strings.HasPrefix(code, "DLI.") || b.IsSuccess != nil
	return &APIError{
		Class: classify(r.status, code, dliForm), StatusCode: r.status, Code: code,
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
