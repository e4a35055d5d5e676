package provider

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// readErrorSummary is one diagnostic summary a user can see when a read
// fails, and a way to make the mock DLI provoke it. Adding a summary is one
// row: a fault (or batch script), and the data source lines it needs.
type readErrorSummary struct {
	summary string // exactly as Terraform prints it after "Error: "
	detail  string // a pattern the detail must also match (spaces match any white space)
	fault   *dlimock.Fault
	states  []string // the batch's script; none: the batch does not exist
	// endpoint replaces the mock's URL in the provider block.
	endpoint func(t *testing.T, srv *dlimock.Server) string
	body     string // extra data source lines (wait_for, timeouts)
}

var readErrorSummaries = map[string]readErrorSummary{
	"missing batch (400 DLI.0002)": {summary: "DLI batch not found", detail: `was not found: HTTP 400, error code DLI\.0002`},
	"missing resource (404 DLI.0023)": {summary: "DLI batch not found", detail: `was not found: HTTP 404, error code DLI\.0023`,
		fault: &dlimock.Fault{Status: 404, Body: `{"error_code":"DLI.0023","error_msg":"resource not found"}`}},
	"bare 404 (no DLI error code)": {summary: "DLI endpoint or batch not found",
		detail: `HTTP 404 from 127\.0\.0\.1:\d+ reading batch .* without a DLI error code: the endpoint may be wrong .*404 page not found.*check endpoint \(HW_DLI_ENDPOINT\)`,
		fault:  &dlimock.Fault{Status: 404, ContentType: "text/plain", Body: "404 page not found"}},
	"no such API (404 APIGW.0101)": {summary: "DLI API not found at the endpoint", detail: `HTTP 404, error code APIGW\.0101`,
		fault: &dlimock.Fault{Status: 404, Body: `{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published in the environment."}`}},
	"older gateway path (404 APIG.0101)": {summary: "DLI API not found at the endpoint", detail: `error code APIG\.0101.*check endpoint \(HW_DLI_ENDPOINT\)`,
		fault: &dlimock.Fault{Status: 404, Body: `{"error_code":"APIG.0101","error_msg":"The API does not exist or has not been published in the environment."}`}},
	"permission (400 DLI.0003)": {summary: "DLI permission denied", detail: `HTTP 400, error code DLI\.0003: no permission; the read needs the IAM permission dli:jobs:get`,
		fault: &dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0003","error_msg":"no permission"}`}},
	"missing job in the SDK's second form (400 code DLI.0002)": {summary: "DLI batch not found", detail: `was not found: HTTP 400, error code DLI\.0002: gone`,
		fault: &dlimock.Fault{Status: 400, Body: `{"code":"DLI.0002","message":"gone"}`}},
	"authentication (401)": {summary: "DLI authentication failed", detail: `HTTP 401, error code APIGW\.0301`,
		fault: &dlimock.Fault{Status: 401, Body: `{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}`}},
	"permission (403)": {summary: "DLI permission denied", detail: `HTTP 403, error code DLI\.0003`,
		fault: &dlimock.Fault{Status: 403, Body: `{"error_code":"DLI.0003","error_msg":"no permission"}`}},
	"throttled (429)": {summary: "DLI throttled the request", detail: `HTTP 429, error code APIGW\.0308`,
		fault: &dlimock.Fault{Status: 429, Body: `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}`}},
	"server error (500)": {summary: "DLI server error", detail: `HTTP 500, error code DLI\.0999`,
		fault: &dlimock.Fault{Status: 500, Body: `{"error_code":"DLI.0999","error_msg":"Internal error"}`}},
	"rejected (400 DLI.0001)": {summary: "DLI rejected the request", detail: `HTTP 400, error code DLI\.0001`,
		fault: &dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0001","error_msg":"parameter check error"}`}},
	"malformed (200 not JSON)": {summary: "Malformed answer from DLI", detail: `HTTP 200.*not the expected JSON`,
		fault: &dlimock.Fault{Status: 200, Body: `{"state": `}},
	"redirected (302)": {summary: "DLI endpoint redirected", detail: `HTTP 302 redirecting to "https://elsewhere\.invalid/"`,
		fault: &dlimock.Fault{Status: 302, Header: map[string]string{"Location": "https://elsewhere.invalid/"}}},
	"could not reach (nothing listens)": {summary: "Could not reach DLI", detail: `could not reach DLI after 1 attempt`,
		endpoint: func(t *testing.T, _ *dlimock.Server) string {
			closed := newMock(t)
			closed.Close()
			return closed.URL
		}},
	"timed out reading (no answer)": {summary: "Timed out reading the DLI batch", detail: `timeouts\.read \(now 500ms\)`,
		fault: &dlimock.Fault{Delay: time.Minute}, body: "timeouts {\n  read = \"500ms\"\n}"},
	"timed out waiting": {summary: "Timed out waiting for the DLI batch", detail: `"running".*timeouts\.read \(now 1s\)`,
		states: []string{"running"}, body: "wait_for = [\"success\"]\ntimeouts {\n  read = \"1s\"\n}"},
	"ended in another terminal state": {summary: "DLI batch ended in an unexpected state", detail: `terminal state "dead"`,
		states: []string{"dead"}, body: `wait_for = ["success"]`},
}

// Summaries pinned elsewhere or that no answer of DLI can provoke.
var readErrorSummariesPinnedElsewhere = map[string]string{
	"Reading the DLI batch was cancelled": "needs Ctrl-C: TestAccBatchState_interruptStopsWaiting",
	"Reading the DLI batch failed":        "the fallback for errors the client never returns",
	// Failures before DLI is asked, pinned with the mock's IAM and metadata service.
	"Missing DLI credentials":                   "TestAccMetadata_noServiceIsMissingCredentials",
	"Could not assume the IAM agency":           "TestAccAssumeRole_fromTheEnvironmentAndRefused",
	"Could not look up the DLI project ID":      "TestAccProject_lookupFailuresSayToSetTheProjectID",
	"Could not reach IAM":                       "TestAccIAM_unreachableNamesAuthURLAndTheURLInUse",
	"IAM authentication failed":                 "TestAccPassword_refusedIsNeverRetried",
	"Could not assume the IAM agency with OIDC": "TestAccOIDC_refusedIDTokenNamesTheSettings",
}

// TestAccErrorSummaries pins the summary of each kind of failed read, so
// that swapping two diagnostics (say, a wrong endpoint reported as a
// missing batch) fails a test.
func TestAccErrorSummaries(t *testing.T) {
	for name, tc := range readErrorSummaries {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			if len(tc.states) > 0 {
				srv.Mock.AddBatch(testProject, testBatch, tc.states...)
			}
			if tc.fault != nil {
				srv.Mock.InjectFault(*tc.fault)
			}
			endpoint := srv.URL
			if tc.endpoint != nil {
				endpoint = tc.endpoint(t, srv)
			}
			guardAgainstHangs(t, srv)
			provider := strings.Replace(akskProvider(srv, "max_retries = 0"), strconv.Quote(srv.URL), strconv.Quote(endpoint), 1)
			accTest(t, resource.TestStep{
				Config:      provider + batchConfig(`batch_id = "`+testBatch+`"`+"\n"+tc.body),
				ExpectError: summaryThenDetail(tc.summary, tc.detail),
			})
		})
	}
}

// summaryThenDetail matches an error whose summary line is exactly summary
// and whose text then matches detail.
func summaryThenDetail(summary, detail string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^Error: ` + regexp.QuoteMeta(summary) + `$(?s).*` + strings.ReplaceAll(detail, " ", `\s+`))
}

// TestEveryReadErrorSummaryIsPinned: each summary readErrorDiagnostic and
// its helpers can give has a row above (or a reason it has none), and every
// row names a summary the code still gives. A new summary without a row
// fails here, without TF_ACC.
func TestEveryReadErrorSummaryIsPinned(t *testing.T) {
	inCode := errorDiagnosticSummaries(t)
	pinned := map[string]bool{}
	for _, tc := range readErrorSummaries {
		pinned[tc.summary] = true
	}
	for summary, where := range inCode {
		if !pinned[summary] && readErrorSummariesPinnedElsewhere[summary] == "" {
			t.Errorf("the summary %q (%s) has no row in readErrorSummaries (error_summaries_test.go): add one that provokes it", summary, where)
		}
	}
	for summary := range pinned {
		if _, ok := inCode[summary]; !ok {
			t.Errorf("readErrorSummaries pins %q, which no diag.NewErrorDiagnostic in the package gives", summary)
		}
	}
	for summary := range readErrorSummariesPinnedElsewhere {
		if _, ok := inCode[summary]; !ok {
			t.Errorf("readErrorSummariesPinnedElsewhere names %q, which the package no longer gives", summary)
		}
	}
}

// errorDiagnosticSummaries finds the summary of every diag.NewErrorDiagnostic
// call in the package's non-test files, with where it is.
func errorDiagnosticSummaries(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "NewErrorDiagnostic" {
				return true
			}
			arg := call.Args[0]
			// A summary that names what is read, s.named("... DLI %s ..."),
			// is pinned as a batch's: the rows above read dli_batch_state.
			named := false
			if c, ok := arg.(*ast.CallExpr); ok && len(c.Args) == 1 {
				if f, ok := c.Fun.(*ast.SelectorExpr); ok && f.Sel.Name == "named" {
					arg, named = c.Args[0], true
				}
			}
			lit, ok := arg.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: a summary that is not a string literal cannot be checked here; pin it in readErrorSummaries by hand", fset.Position(call.Pos()))
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if named {
				s = batchSubject.named(s)
			}
			out[s] = fset.Position(call.Pos()).String()
			return true
		})
	}
	if len(out) == 0 {
		t.Fatal("found no diag.NewErrorDiagnostic calls: the search is broken")
	}
	return out
}
