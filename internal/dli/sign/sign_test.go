package sign

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Vector 1 is Huawei's API signing guide example.
func TestVector1SigningGuide(t *testing.T) {
	cr := vector1CanonicalRequest(t, "application/json", "service.region.example.com", "20191115T033655Z")
	sig := Signature(StringToSign(cr, "20191115T033655Z"), "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc")
	if want := "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"; sig != want {
		t.Fatalf("signature = %s, want %s", sig, want)
	}
}

// vector1CanonicalRequest is vector 1's canonical request with these
// values of its signed headers; it fails unless its hash is the published one.
func vector1CanonicalRequest(t *testing.T, contentType, host, date string) string {
	t.Helper()
	u, _ := url.Parse("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0")
	h := http.Header{}
	h.Set("Content-Type", contentType)
	h.Set("Host", host)
	h.Set("X-Sdk-Date", date)
	cr := CanonicalRequest(Request{
		Method: "GET", Path: u.Path, Query: u.Query(), Header: h,
		SignedHeaders: []string{"content-type", "host", "x-sdk-date"},
	})
	sum := sha256.Sum256([]byte(cr))
	if got, want := hex.EncodeToString(sum[:]), "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a"; got != want {
		t.Fatalf("canonical request hash = %s, want %s\ncanonical request:\n%s", got, want, cr)
	}
	return cr
}

// Vector 2 is the official Go SDK's signer test.
func TestVector2GoSDK(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://example.huaweicloud.com/path?limit=1", nil)
	req.Header.Set("X-Sdk-Date", "20060102T150405Z")
	cr := CanonicalRequest(Request{
		Method: req.Method, Path: req.URL.Path, Query: req.URL.Query(), Header: req.Header,
		SignedHeaders: []string{"x-sdk-date"},
	})
	sig := Signature(StringToSign(cr, "20060102T150405Z"), "SecretKey")
	if want := "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"; sig != want {
		t.Fatalf("signature = %s, want %s\ncanonical request:\n%s", sig, want, cr)
	}
	if got, want := AuthorizationHeader("AccessKey", []string{"X-Sdk-Date"}, sig),
		"SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature="+sig; got != want {
		t.Fatalf("authorization = %q, want %q", got, want)
	}
}

func TestCanonicalURI(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "/",
		"/":                       "/",
		"/v2.0/p/batches/b/state": "/v2.0/p/batches/b/state/",
		"/a b/c+d/é":              "/a%20b/c%2Bd/%C3%A9/",
		"/x~y_z-1.2/":             "/x~y_z-1.2/",
	} {
		if got := CanonicalURI(in); got != want {
			t.Errorf("CanonicalURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonicalQuerySortsKeysThenValues(t *testing.T) {
	q := url.Values{"b": {"2", "1"}, "a": {"x y"}}
	if got, want := CanonicalQuery(q), "a=x%20y&b=1&b=2"; got != want {
		t.Fatalf("CanonicalQuery = %q, want %q", got, want)
	}
}

func TestSignRequestSignsHostAndDateAndVerifies(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://dli.cn-north-4.example.invalid/v2.0/p/batches/b/state", nil)
	now := time.Date(2026, 11, 29, 1, 2, 3, 0, time.FixedZone("CST", 8*3600))
	SignRequest(req, "AK", "SK", now)

	if got := req.Header.Get(DateHeader); got != "20261128T170203Z" {
		t.Fatalf("X-Sdk-Date = %q, want UTC 20261128T170203Z", got)
	}
	a, err := ParseAuthorization(req.Header.Get("Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	if a.AccessKey != "AK" || strings.Join(a.SignedHeaders, ";") != "host;x-sdk-date" {
		t.Fatalf("authorization = %+v, want AK with host;x-sdk-date signed", a)
	}
	// A verifier recomputing from what it received gets the same signature.
	h := req.Header.Clone()
	h.Set("Host", req.Host)
	want := Signature(StringToSign(CanonicalRequest(Request{
		Method: "GET", Path: req.URL.Path, Header: h, SignedHeaders: a.SignedHeaders,
	}), "20261128T170203Z"), "SK")
	if a.Signature != want {
		t.Fatalf("signature %s does not verify (want %s)", a.Signature, want)
	}
	// The secret key never travels.
	for name, values := range req.Header {
		for _, v := range values {
			if strings.Contains(v, "SK") && name != "Authorization" {
				t.Fatalf("header %s carries the secret", name)
			}
		}
	}
}

func TestParseAuthorizationRejectsGarbage(t *testing.T) {
	for _, h := range []string{"", "Bearer x", "SDK-HMAC-SHA256 Access=AK", "SDK-HMAC-SHA256 nonsense"} {
		if _, err := ParseAuthorization(h); err == nil {
			t.Errorf("ParseAuthorization(%q) succeeded, want an error", h)
		}
	}
}

// Vector 3 is the real call's shape, signed by the official Go SDK
// (huaweicloud-sdk-go-v3 v0.1.207, core/auth/signer.Sign) with host and
// X-Sdk-Date as its only headers; SignRequest must produce the same header.
// (A signing vector only: no request is sent anywhere.)
func TestVector3DLIBatchStateMatchesTheOfficialSDK(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://dli.cn-north-4.myhuaweicloud.com/v2.0/0123456789abcdef0123456789abcdef/batches/0a324461-d9d9-45da-a52a-3b3c7a3d809e/state", nil)
	SignRequest(req, "QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", time.Date(2026, 11, 29, 1, 2, 3, 0, time.UTC))
	want := "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=host;x-sdk-date, Signature=6c9b7a4363624c748def0b8a3b6857fd410cc1b72785b7fd425631d01ab6295a"
	if got := req.Header.Get("Authorization"); got != want {
		t.Fatalf("Authorization =\n%s\nwant (official SDK)\n%s", got, want)
	}
	if got := req.Header.Get(DateHeader); got != "20261129T010203Z" {
		t.Fatalf("X-Sdk-Date = %q", got)
	}
}

// Vectors 4 to 6 were computed by the official Go SDK's signer
// (huaweicloud-sdk-go-v3 v0.1.207, core/auth/signer.Signer.Sign), given the
// same method, URL, headers and body, with access key AKVECTOREXAMPLE00001
// and secret key sk-vector-example-secret at 20261129T080000Z. The SDK
// signs every header it is given but Content-Type: these requests give it
// exactly the headers this provider signs. The mock verifies signatures
// with this package, so only vectors from another signer can catch a bug
// in it. (Signing vectors only: no request is sent anywhere.)
const (
	vectorAK = "AKVECTOREXAMPLE00001"
	vectorSK = "sk-vector-example-secret"
)

var vectorTime = time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)

// Vector 4: a list with a query string (a space, keys out of order).
func TestVector4QueryStringMatchesTheOfficialSDK(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://dli.cn-north-4.myhuaweicloud.com/v2.0/0123456789abcdef0123456789abcdef/batches?size=100&job_name=nightly%20etl&order=CREATE_TIME_DESC&from=0", nil)
	req.Header.Set("Content-Type", "application/json")
	SignRequest(req, vectorAK, vectorSK, vectorTime)
	want := "SDK-HMAC-SHA256 Access=AKVECTOREXAMPLE00001, SignedHeaders=host;x-sdk-date, Signature=7db66cf55591a77a55e84d4d3656ad325bd6c096d51171a94a1a0e6fc9202f1d"
	if got := req.Header.Get("Authorization"); got != want {
		t.Fatalf("Authorization =\n%s\nwant (official SDK)\n%s", got, want)
	}
}

// Vector 5: a POST with a JSON body and X-Domain-Id signed, as the agency
// call (the SDK's JSON encoder ends the body with a newline).
func TestVector5JSONPostMatchesTheOfficialSDK(t *testing.T) {
	body := []byte(`{"auth":{"identity":{"methods":["assume_role"]}}}` + "\n")
	req, _ := http.NewRequest(http.MethodPost, "https://iam.myhuaweicloud.com/v3.0/OS-CREDENTIAL/securitytokens", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Domain-Id", "0d1e2f30415263748596a7b8c9d0e1f2")
	SignRequestWithBody(req, body, vectorAK, vectorSK, vectorTime, "X-Domain-Id")
	want := "SDK-HMAC-SHA256 Access=AKVECTOREXAMPLE00001, SignedHeaders=host;x-domain-id;x-sdk-date, Signature=fa6f5ddf441029688afe326a1b106cd08e04ece05b2b57dc94fd960205e3202e"
	if got := req.Header.Get("Authorization"); got != want {
		t.Fatalf("Authorization =\n%s\nwant (official SDK)\n%s", got, want)
	}
}

// Vector 6: X-Project-Id and X-Security-Token among the signed headers, as
// every DLI call with temporary keys.
func TestVector6ProjectAndSecurityTokenMatchTheOfficialSDK(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://dli.cn-north-4.myhuaweicloud.com/v2.0/0123456789abcdef0123456789abcdef/batches/0a324461-d9d9-45da-a52a-3b3c7a3d809e/state", nil)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Project-Id", "0123456789abcdef0123456789abcdef")
	req.Header.Set("X-Security-Token", "sts-vector-token")
	SignRequest(req, vectorAK, vectorSK, vectorTime, "X-Project-Id", "X-Security-Token")
	want := "SDK-HMAC-SHA256 Access=AKVECTOREXAMPLE00001, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature=2296c9e47625691ed6ab4fc0804668fbd462982c2802c8b489a8a71b7c7b8313"
	if got := req.Header.Get("Authorization"); got != want {
		t.Fatalf("Authorization =\n%s\nwant (official SDK)\n%s", got, want)
	}
}
