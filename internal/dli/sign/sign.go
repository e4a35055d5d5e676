// Package sign implements Huawei Cloud's SDK-HMAC-SHA256 request signing, the
// scheme that the API gateway in front of DLI verifies. The functions are pure
// so that the published test vectors can be reproduced exactly.
package sign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

const (
	// Algorithm names the scheme in the string to sign and the Authorization header.
	Algorithm = "SDK-HMAC-SHA256"
	// DateHeader carries the signing time; it must be signed.
	DateHeader = "X-Sdk-Date"
	// DateFormat is the layout of DateHeader, always in UTC.
	DateFormat = "20060102T150405Z"
)

// emptyBodyHash is the hex SHA-256 of the empty string, the body hash of a GET.
const emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// Request is what the signature covers. Headers are looked up case-insensitively.
type Request struct {
	Method        string
	Path          string     // unescaped path, e.g. /v2.0/{project}/batches/{id}/state
	Query         url.Values // may be nil
	Header        http.Header
	Host          string   // the host header's value when Header has none (Go keeps it on the request)
	SignedHeaders []string // header names, any case
	BodyHash      string   // hex SHA-256 of the body; empty means the empty body
}

// CanonicalRequest builds the canonical request string of step 1.
func CanonicalRequest(r Request) string {
	names := canonicalHeaderNames(r.SignedHeaders)
	var headers strings.Builder
	for _, name := range names {
		headers.WriteString(name)
		headers.WriteByte(':')
		headers.WriteString(strings.TrimSpace(r.headerValue(name)))
		headers.WriteByte('\n')
	}
	bodyHash := r.BodyHash
	if bodyHash == "" {
		bodyHash = emptyBodyHash
	}
	return strings.Join([]string{
		r.Method,
		CanonicalURI(r.Path),
		CanonicalQuery(r.Query),
		headers.String(),
		strings.Join(names, ";"),
		bodyHash,
	}, "\n")
}

// CanonicalURI percent-encodes each path segment and always ends in '/'.
func CanonicalURI(path string) string {
	segments := strings.Split(path, "/")
	for i, s := range segments {
		segments[i] = escape(s)
	}
	uri := strings.Join(segments, "/")
	if !strings.HasPrefix(uri, "/") {
		uri = "/" + uri
	}
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

// CanonicalQuery sorts keys, then each key's values, and percent-encodes both.
func CanonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		values := append([]string(nil), q[k]...)
		sort.Strings(values)
		for _, v := range values {
			pairs = append(pairs, escape(k)+"="+escape(v))
		}
	}
	return strings.Join(pairs, "&")
}

// StringToSign is step 2: the algorithm, the X-Sdk-Date value and the hash of
// the canonical request.
func StringToSign(canonicalRequest, sdkDate string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return Algorithm + "\n" + sdkDate + "\n" + hex.EncodeToString(sum[:])
}

// Signature is step 3: hex HMAC-SHA256 keyed with the raw secret key.
func Signature(stringToSign, secretKey string) string {
	mac := hmac.New(sha256.New, []byte(secretKey))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// AuthorizationHeader is step 4.
func AuthorizationHeader(accessKey string, signedHeaders []string, signature string) string {
	return fmt.Sprintf("%s Access=%s, SignedHeaders=%s, Signature=%s",
		Algorithm, accessKey, strings.Join(canonicalHeaderNames(signedHeaders), ";"), signature)
}

// SignRequest signs an outgoing HTTP request with an empty body in place at
// time now: it sets X-Sdk-Date and Authorization, signing host and
// x-sdk-date (and any of extraSigned present on the request).
func SignRequest(req *http.Request, accessKey, secretKey string, now time.Time, extraSigned ...string) {
	SignRequestWithBody(req, nil, accessKey, secretKey, now, extraSigned...)
}

// SignRequestWithBody is SignRequest for a request carrying body (the
// caller keeps the body on the request; the signature covers its hash).
func SignRequestWithBody(req *http.Request, body []byte, accessKey, secretKey string, now time.Time, extraSigned ...string) {
	date := now.UTC().Format(DateFormat)
	req.Header.Set(DateHeader, date)
	if req.Host == "" {
		req.Host = req.URL.Host
	}
	signed := append([]string{"host", "x-sdk-date"}, extraSigned...)
	sig := Signature(StringToSign(CanonicalRequest(Request{
		Method:        req.Method,
		Path:          req.URL.Path,
		Query:         req.URL.Query(),
		Header:        req.Header,
		Host:          req.Host,
		SignedHeaders: signed,
		BodyHash:      BodyHash(body),
	}), date), secretKey)
	req.Header.Set("Authorization", AuthorizationHeader(accessKey, signed, sig))
}

// BodyHash is the hex SHA-256 of a body, as the canonical request carries it.
func BodyHash(body []byte) string {
	if len(body) == 0 {
		return emptyBodyHash
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Authorization is a parsed Authorization header.
type Authorization struct {
	AccessKey     string
	SignedHeaders []string
	Signature     string
}

// ParseAuthorization parses "SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...".
func ParseAuthorization(h string) (Authorization, error) {
	rest, ok := strings.CutPrefix(h, Algorithm+" ")
	if !ok {
		return Authorization{}, fmt.Errorf("authorization does not start with %q", Algorithm)
	}
	var a Authorization
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return Authorization{}, fmt.Errorf("malformed authorization part %q", part)
		}
		switch k {
		case "Access":
			a.AccessKey = v
		case "SignedHeaders":
			a.SignedHeaders = strings.Split(v, ";")
		case "Signature":
			a.Signature = v
		}
	}
	if a.AccessKey == "" || len(a.SignedHeaders) == 0 || a.Signature == "" {
		return Authorization{}, fmt.Errorf("authorization lacks Access, SignedHeaders or Signature")
	}
	return a, nil
}

func canonicalHeaderNames(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.ToLower(strings.TrimSpace(n)))
	}
	sort.Strings(out)
	return out
}

func (r Request) headerValue(lowerName string) string {
	if v := r.Header.Get(lowerName); v != "" || lowerName != "host" {
		return v
	}
	return r.Host
}

// escape percent-encodes everything but the unreserved characters, with
// upper-case hex, as the gateway does (url.PathEscape leaves too much alone).
func escape(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0xF])
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}
