package dlimock

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
)

const (
	project = "p1"
	batchID = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
)

var creds = Credentials{AccessKey: "AK", SecretKey: "SK", Token: "TOKEN"}

func get(t *testing.T, m *Mock, path string, authorize func(*http.Request)) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://dli.mock.invalid"+path, nil)
	req.Header.Set("Content-Type", "application/json")
	if authorize != nil {
		authorize(req)
	}
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, req)
	var body map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	return rec, body
}

// signed signs a request with the accepted AK/SK, now.
func signed() func(*http.Request) {
	return func(r *http.Request) { signSDK(r, nil, "AK", "SK", time.Now()) }
}

// signSDK signs r as the official SDK does: X-Project-Id (the tests'
// project) and X-Domain-Id (the mock's account) sent and signed.
func signSDK(r *http.Request, body []byte, ak, sk string, at time.Time) {
	r.Header.Set("X-Project-Id", project)
	r.Header.Set("X-Domain-Id", DefaultDomainID)
	sign.SignRequestWithBody(r, body, ak, sk, at, "X-Project-Id", "X-Domain-Id")
}

func statePath(id string) string { return "/v2.0/" + project + "/batches/" + id + "/state" }

func TestScriptAdvancesOneStepPerRequestThenStays(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "starting", "running", "success")
	var got []string
	for range 5 {
		rec, body := get(t, m, statePath(batchID), signed())
		if rec.Code != 200 || body["id"] != batchID {
			t.Fatalf("HTTP %d %v", rec.Code, body)
		}
		got = append(got, body["state"].(string))
	}
	if strings.Join(got, ",") != "starting,running,success,success,success" {
		t.Fatalf("states = %v", got)
	}
}

func TestUnknownBatchIsDLI0002(t *testing.T) {
	m := New(creds)
	rec, body := get(t, m, statePath(batchID), signed())
	if rec.Code != 400 || body["error_code"] != "DLI.0002" || rec.Header().Get("X-Request-Id") == "" {
		t.Fatalf("HTTP %d %v, want 400 DLI.0002 with a request ID", rec.Code, body)
	}
}

func TestAuthentication(t *testing.T) {
	m := New(Credentials{AccessKey: "AK", SecretKey: "SK", SecurityToken: "STS", Token: "TOKEN"})
	m.AddBatch(project, batchID, "running")
	withSTS := func(sk, sts string) func(*http.Request) {
		return func(r *http.Request) {
			r.Header.Set("X-Security-Token", sts)
			signSDK(r, nil, "AK", sk, time.Now())
		}
	}
	for name, tc := range map[string]struct {
		authorize func(*http.Request)
		status    int
		reason    string
	}{
		"valid signature and token": {withSTS("SK", "STS"), 200, ""},
		"wrong secret key":          {withSTS("WRONG", "STS"), 401, "verify aksk signature fail"},
		"wrong security token":      {withSTS("SK", "NOPE"), 401, "security token"},
		"expired X-Sdk-Date": {func(r *http.Request) {
			r.Header.Set("X-Security-Token", "STS")
			signSDK(r, nil, "AK", "SK", time.Now().Add(-20*time.Minute))
		}, 401, "expired"},
		"no credentials":              {nil, 401, "no X-Auth-Token"},
		"IAM token":                   {func(r *http.Request) { r.Header.Set("X-Auth-Token", "TOKEN") }, 200, ""},
		"wrong IAM token":             {func(r *http.Request) { r.Header.Set("X-Auth-Token", "OTHER") }, 401, "token"},
		"tampered path after signing": {func(r *http.Request) { withSTS("SK", "STS")(r); r.URL.Path = statePath("other") }, 401, "signature"},
	} {
		t.Run(name, func(t *testing.T) {
			rec, body := get(t, m, statePath(batchID), tc.authorize)
			if rec.Code != tc.status {
				t.Fatalf("HTTP %d %v, want %d", rec.Code, body, tc.status)
			}
			if tc.status == 401 && (body["error_code"] != "APIGW.0301" || !strings.Contains(body["error_msg"].(string), tc.reason)) {
				t.Fatalf("body %v, want APIGW.0301 mentioning %q", body, tc.reason)
			}
		})
	}
}

func TestFaultsApplyInOrderForTheirCount(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "running")
	m.InjectFault(Fault{Status: 503, Times: 2, Header: map[string]string{"Retry-After": "3"}})
	m.InjectFault(Fault{Status: 200, Body: "not json", Times: 1})
	var codes []int
	for range 4 {
		rec, _ := get(t, m, statePath(batchID), signed())
		codes = append(codes, rec.Code)
		if rec.Code == 503 && rec.Header().Get("Retry-After") != "3" {
			t.Fatal("Retry-After not sent")
		}
	}
	if codes[0] != 503 || codes[1] != 503 || codes[2] != 200 || codes[3] != 200 {
		t.Fatalf("codes = %v", codes)
	}
	if m.RequestCount() != 4 {
		t.Fatalf("count = %d", m.RequestCount())
	}
}

func TestOversizedFaultBody(t *testing.T) {
	m := New(creds)
	m.InjectFault(Fault{Status: 200, Body: "{}", BodySize: 2 << 20})
	rec, _ := get(t, m, statePath(batchID), nil)
	if rec.Body.Len() != 2<<20 {
		t.Fatalf("body is %d bytes, want %d", rec.Body.Len(), 2<<20)
	}
}

func TestServerCountsConnectionsAndServesStats(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "running")
	srv := NewServer(m, nil, false)
	defer srv.Close()
	client := srv.Client()
	for range 3 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+statePath(batchID), nil)
		req.Header.Set("X-Auth-Token", "TOKEN")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body) // read to the end, so the connection is reused
		resp.Body.Close()
	}
	resp, err := client.Get(srv.URL + "/_mock/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if st.Requests != 3 || st.Connections != 1 || st.TLSHandshakes != 0 {
		t.Fatalf("stats = %+v, want 3 requests over 1 kept-alive connection", st)
	}
}

// A request signed as the official SDK signs a DLI call (SignedHeaders
// user-agent;x-project-id;x-sdk-date, no host: the SDK sets no Host
// header) is accepted; one that does not sign x-sdk-date is not.
func TestARequestSignedAsTheSDKSignsItIsAccepted(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "running")
	sdkSigned := func(signed ...string) func(*http.Request) {
		return func(r *http.Request) {
			date := time.Now().UTC().Format(sign.DateFormat)
			r.Header.Set("User-Agent", "huaweicloud-usdk-go/3.0")
			r.Header.Set("X-Project-Id", project)
			r.Header.Set(sign.DateHeader, date)
			sig := sign.Signature(sign.StringToSign(sign.CanonicalRequest(sign.Request{
				Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header, SignedHeaders: signed,
			}), date), "SK")
			r.Header.Set("Authorization", sign.AuthorizationHeader("AK", signed, sig))
		}
	}
	if rec, body := get(t, m, statePath(batchID), sdkSigned("user-agent", "x-project-id", "x-sdk-date")); rec.Code != 200 {
		t.Fatalf("HTTP %d %v, want 200 for the SDK's signed headers", rec.Code, body)
	}
	rec, body := get(t, m, statePath(batchID), sdkSigned("host", "user-agent", "x-project-id"))
	if rec.Code != 401 || !strings.Contains(body["error_msg"].(string), "x-sdk-date must be signed") {
		t.Fatalf("HTTP %d %v, want 401: x-sdk-date unsigned", rec.Code, body)
	}
}
