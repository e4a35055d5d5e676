package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Bugs of the outside round (issue 30) that only acceptance tests, or no
// test, caught: each now fails a test that runs in milliseconds.

func init() {
	// limit 0 would list nothing, and say nothing of why.
	argumentChecks["limit zero"] = argumentCheck{args: map[string]any{"limit": 0}, attr: "limit", want: `between 1 and`}
}

// readData reads data source typeName through the plugin protocol, as
// Terraform does, with the given arguments (the others null).
func readData(t *testing.T, p pluginServer, typeName string, given map[string]tftypes.Value) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	t.Helper()
	schema, ok := p.schemas.DataSourceSchemas[typeName]
	if !ok {
		t.Fatalf("the provider has no data source %s", typeName)
	}
	resp, err := p.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: p.value(schema, given)})
	if err != nil {
		t.Fatal(err)
	}
	if resp.State == nil {
		return nil, resp.Diagnostics
	}
	state, err := resp.State.Unmarshal(schema.ValueType())
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs, resp.Diagnostics
}

func strValue(s string) tftypes.Value   { return tftypes.NewValue(tftypes.String, s) }
func boolValue(b bool) tftypes.Value    { return tftypes.NewValue(tftypes.Bool, b) }
func numberValue(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }

// allow_missing = false, written out, is the default: a job DLI does not
// know is an error, not found = false.
func TestAllowMissingFalseWrittenOutIsTheDefault(t *testing.T) {
	srv := newMock(t)
	p := servePlugin(t, fastOptions(nil), srv)
	_, diags := readData(t, p, "dli_batch_state", map[string]tftypes.Value{"batch_id": strValue(testBatch), "allow_missing": boolValue(false)})
	if !hasError(diags) || !strings.Contains(diagText(diags), "DLI batch not found") {
		t.Fatalf("diagnostics %s, want DLI batch not found", diagText(diags))
	}
}

// allow_missing reads as missing only a job DLI says it does not know: a
// 404 without DLI's error code (a wrong endpoint) still fails the read.
func TestAllowMissingDoesNotHideAWrongEndpoint(t *testing.T) {
	srv := newMock(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 404, ContentType: "text/plain", Body: "404 page not found"})
	p := servePlugin(t, fastOptions(nil), srv)
	_, diags := readData(t, p, "dli_batch_state", map[string]tftypes.Value{"batch_id": strValue(testBatch), "allow_missing": boolValue(true)})
	if !hasError(diags) || !strings.Contains(diagText(diags), "DLI endpoint or batch not found") {
		t.Fatalf("diagnostics %s, want the endpoint-or-batch error", diagText(diags))
	}
}

// A data source's project_id wins over the provider's.
func TestADataSourcesProjectWinsOverTheProviders(t *testing.T) {
	const other = "fedcba9876543210fedcba9876543210"
	srv := newMock(t)
	srv.Mock.AddBatch(other, testBatch, "running")
	p := servePlugin(t, fastOptions(nil), srv) // the provider's project is testProject
	state, diags := readData(t, p, "dli_batch_state", map[string]tftypes.Value{"batch_id": strValue(testBatch), "project_id": strValue(other)})
	if hasError(diags) || state == nil || !state["state"].Equal(strValue("running")) {
		t.Fatalf("state %v, diagnostics %s; want the batch of project %s", state, diagText(diags), other)
	}
}

// A queue with fewer CUs than min_cu_count is not ready, whatever else.
func TestAQueueBelowMinCUCountIsNotReady(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddQueue(testProject, "etl", "general", nil, dlimock.QueueStep{CUs: 16})
	p := servePlugin(t, fastOptions(nil), srv)
	for minCU, ready := range map[int64]bool{64: false, 16: true} {
		state, diags := readData(t, p, "dli_queue", map[string]tftypes.Value{"name": strValue("etl"), "min_cu_count": numberValue(minCU)})
		if hasError(diags) || state == nil || !state["ready"].Equal(boolValue(ready)) {
			t.Fatalf("min_cu_count %d: state %v, diagnostics %s; want ready = %v", minCU, state, diagText(diags), ready)
		}
	}
}

// timeouts.read is 20 minutes unless set, as design.md and the docs say.
func TestTheDefaultReadTimeoutIsTwentyMinutes(t *testing.T) {
	_, schemas := protocolServer(t)
	for typeName, s := range schemas.DataSourceSchemas {
		for _, b := range s.Block.BlockTypes {
			if b.TypeName != "timeouts" {
				continue
			}
			for _, a := range b.Block.Attributes {
				if a.Name == "read" && !strings.Contains(a.Description, "Default `20m`") {
					t.Errorf("%s: timeouts.read says %q, want a default of 20m", typeName, a.Description)
				}
			}
		}
	}
	if defaultReadTimeout.String() != "20m0s" {
		t.Fatalf("defaultReadTimeout = %v, want 20m", defaultReadTimeout)
	}
}

// DLI's queue and pool names reach 128 characters: the longest is a name,
// one more is not.
func TestQueueAndPoolNamesReachDLIsLongest(t *testing.T) {
	ctx := context.Background()
	server, schemas := protocolServer(t)
	checks := map[string]argumentCheck{
		"128 characters": {args: map[string]any{"name": strings.Repeat("a", 128)}},
		"129 characters": {args: map[string]any{"name": strings.Repeat("a", 129)}, attr: "name", want: `128`},
	}
	for _, typeName := range []string{"dli_queue", "dli_elastic_resource_pool"} {
		runArgumentChecks(t, typeName, schemas.DataSourceSchemas[typeName], checks, func(config *tfprotov6.DynamicValue) ([]*tfprotov6.Diagnostic, error) {
			resp, err := server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: config})
			if err != nil {
				return nil, err
			}
			return resp.Diagnostics, nil
		})
	}
}

// An action's wait is bounded by timeouts.invoke, and its retry advice
// says so (the outside round's reader saw timeouts.read there).
func TestAnActionsRetryAdviceNamesTimeoutsInvoke(t *testing.T) {
	s := batchSubject
	s.action = true
	server := readErrorDiagnostic(&dli.APIError{Class: dli.ClassServer, StatusCode: 503, Attempts: 6}, s, authInUse{maxRetries: 5}, time.Minute)
	throttled := readErrorDiagnostic(&dli.APIError{Class: dli.ClassThrottled, StatusCode: 429, Attempts: 1}, s, authInUse{maxRetries: 5}, time.Minute)
	for d, want := range map[diag.Diagnostic]string{
		server:    "retried as far as max_retries and timeouts.invoke allow",
		throttled: "Retry-After asked for a wait past timeouts.invoke; raise max_retries or timeouts.invoke,",
	} {
		if !strings.Contains(d.Detail(), want) || strings.Contains(d.Detail(), "timeouts.read") {
			t.Errorf("%q: %q, want %q and no timeouts.read", d.Summary(), d.Detail(), want)
		}
	}
}
