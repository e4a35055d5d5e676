package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// A bug of the fifth outside round in the lists that no test caught, with
// the test that now does.

// One entry without an ID is left out with a warning too, in the singular.
func TestOneListEntryLeftOutIsWarnedOf(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddFlinkJob(testProject, 71001, map[string]any{"name": "no-id", "job_id": dlimock.Absent}, "job_running")
	srv.Mock.AddFlinkJob(testProject, 71002, map[string]any{"name": "views"}, "job_running")
	p := servePlugin(t, fastOptions(nil), srv)
	state, diags := readData(t, p, "dli_flink_jobs", nil)
	want := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: "DLI listed 1 Flink job without an ID",
		Detail: "DLI's answer listed 1 Flink job without an ID; they are left out of the list (its other entries are read as usual). Report this with the X-Request-Id if it persists."}
	if len(diags) != 1 || diags[0].Severity != want.Severity || diags[0].Summary != want.Summary || diags[0].Detail != want.Detail || diags[0].Attribute != nil {
		t.Fatalf("diagnostics %s, want only the warning %q: %q", diagText(diags), want.Summary, want.Detail)
	}
	if ids := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("71002")}); state == nil || !state["ids"].Equal(ids) {
		t.Fatalf("ids %v, want [71002]", state["ids"])
	}
}
