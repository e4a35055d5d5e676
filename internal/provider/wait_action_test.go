package provider

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// The actions driven through the plugin protocol in-process, as Terraform
// 1.14+ drives them (ConfigureProvider, ValidateActionConfig,
// InvokeAction and its stream of events), with no CLI: these run in every
// test run, whatever Terraform is installed.

// virtualClock is the waiter's time in these tests: Sleep advances it at
// once, or returns as soon as ctx is done.
type virtualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *virtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *virtualClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return nil
}

// actionServer is a provider server with actions (tfprotov6's
// ProviderServerWithActions, deprecated as its methods move into
// ProviderServer).
type actionServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ActionServer
}

// pluginServer is the provider as Terraform sees it, configured for srv.
type pluginServer struct {
	t       *testing.T
	server  actionServer
	schemas *tfprotov6.GetProviderSchemaResponse
}

func servePlugin(t *testing.T, opts options, srv *dlimock.Server) pluginServer {
	t.Helper()
	return servePluginWith(t, opts, map[string]tftypes.Value{
		"endpoint": tftypes.NewValue(tftypes.String, srv.URL), "project_id": tftypes.NewValue(tftypes.String, testProject),
		"access_key": tftypes.NewValue(tftypes.String, testAK), "secret_key": tftypes.NewValue(tftypes.String, testSK),
	})
}

// servePluginWith is servePlugin with the given provider block (the other
// attributes null).
func servePluginWith(t *testing.T, opts options, block map[string]tftypes.Value) pluginServer {
	t.Helper()
	served, err := providerserver.NewProtocol6WithError(newWithOptions("test", opts)())()
	if err != nil {
		t.Fatal(err)
	}
	server, ok := served.(actionServer)
	if !ok {
		t.Fatalf("the served provider (%T) serves no actions", served)
	}
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasError(schemas.Diagnostics) {
		t.Fatalf("GetProviderSchema: %v %v", err, diagText(schemas.Diagnostics))
	}
	p := pluginServer{t: t, server: server, schemas: schemas}
	config := p.value(schemas.Provider, block)
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.15.9", Config: config})
	if err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("ConfigureProvider: %v %v", err, diagText(resp.Diagnostics))
	}
	return p
}

// value is a configuration of schema: the given attributes, the others null.
func (p pluginServer) value(schema *tfprotov6.Schema, given map[string]tftypes.Value) *tfprotov6.DynamicValue {
	p.t.Helper()
	return configOf(p.t, schema, given)
}

func (p pluginServer) actionConfig(actionType string, given map[string]tftypes.Value) *tfprotov6.DynamicValue {
	p.t.Helper()
	s, ok := p.schemas.ActionSchemas[actionType]
	if !ok {
		p.t.Fatalf("the provider has no action %s", actionType)
	}
	return p.value(s.Schema, given)
}

// invocation is what an InvokeAction stream sent: the progress messages
// in order, then the completion's diagnostics.
type invocation struct {
	progress  []string
	diags     []*tfprotov6.Diagnostic
	completed bool
}

// invoke runs actionType to completion; onProgress, when set, sees each
// progress message as it comes.
func (p pluginServer) invoke(ctx context.Context, actionType string, given map[string]tftypes.Value, onProgress func(string)) invocation {
	p.t.Helper()
	stream, err := p.server.InvokeAction(ctx, &tfprotov6.InvokeActionRequest{ActionType: actionType, Config: p.actionConfig(actionType, given)})
	if err != nil {
		p.t.Fatal(err)
	}
	var got invocation
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range stream.Events {
			switch e := e.Type.(type) {
			case tfprotov6.ProgressInvokeActionEventType:
				got.progress = append(got.progress, e.Message)
				if onProgress != nil {
					onProgress(e.Message)
				}
			case tfprotov6.CompletedInvokeActionEventType:
				got.diags, got.completed = e.Diagnostics, true
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(hangLimit):
		p.t.Fatalf("the %s invocation did not complete within %v", actionType, hangLimit)
	}
	if !got.completed {
		p.t.Fatalf("the %s stream ended without a completed event", actionType)
	}
	return got
}

const hangLimit = 20 * time.Second

func hasError(diags []*tfprotov6.Diagnostic) bool {
	return slices.ContainsFunc(diags, func(d *tfprotov6.Diagnostic) bool { return d.Severity == tfprotov6.DiagnosticSeverityError })
}

func diagText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}

func strSet(ss ...string) tftypes.Value {
	var vs []tftypes.Value
	for _, s := range ss {
		vs = append(vs, str(s))
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vs)
}

func invokeTimeout(d string) tftypes.Value {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"invoke": tftypes.String}}
	return tftypes.NewValue(typ, map[string]tftypes.Value{"invoke": str(d)})
}

// virtualOptions poll every 20 s of a virtual clock: a wait of minutes
// takes milliseconds.
func virtualOptions() options {
	opts := fastOptions(nil)
	opts.pollSchedule = func(int) time.Duration { return 20 * time.Second }
	opts.clock = &virtualClock{}
	return opts
}

func TestWaitActions_progressInOrderThenSuccess(t *testing.T) {
	for _, tc := range []struct {
		action string
		add    func(*dlimock.Mock)
		given  map[string]tftypes.Value
		want   []string
	}{
		{"dli_batch_wait", func(m *dlimock.Mock) { m.AddBatch(testProject, testBatch, "starting", "running", "running", "Success") },
			map[string]tftypes.Value{"batch_id": str(testBatch), "wait_for": strSet("success")},
			[]string{"batch " + testBatch + " is starting (0s)", "batch " + testBatch + " is running (20s)",
				"batch " + testBatch + " is still running (50s)", "batch " + testBatch + " reached Success (1m0s)"}},
		{"dli_sql_job_wait", func(m *dlimock.Mock) { m.AddSQLJob(testProject, testSQLJob, nil, "LAUNCHING", "RUNNING", "FINISHED") },
			map[string]tftypes.Value{"job_id": str(testSQLJob), "wait_for": strSet("finished")},
			[]string{"SQL job " + testSQLJob + " is LAUNCHING (0s)", "SQL job " + testSQLJob + " is RUNNING (20s)", "SQL job " + testSQLJob + " reached FINISHED (40s)"}},
		{"dli_flink_job_wait", func(m *dlimock.Mock) { m.AddFlinkJob(testProject, 71001, nil, "job_submitting", "job_running") },
			map[string]tftypes.Value{"job_id": str("71001"), "wait_for": strSet("job_running")},
			[]string{"Flink job 71001 is job_submitting (0s)", "Flink job 71001 reached job_running (20s)"}},
		{"dli_elastic_resource_pool_wait", func(m *dlimock.Mock) {
			m.AddElasticResourcePool(testProject, "pool_a", nil, dlimock.PoolStep{Status: "CREATING"}, dlimock.PoolStep{Status: "SCALING"}, dlimock.PoolStep{Status: "AVAILABLE"})
		}, map[string]tftypes.Value{"name": str("pool_a"), "wait_for": strSet("available")},
			[]string{"elastic resource pool pool_a is CREATING (0s)", "elastic resource pool pool_a is SCALING (20s)", "elastic resource pool pool_a reached AVAILABLE (40s)"}},
	} {
		t.Run(tc.action, func(t *testing.T) {
			srv := newMock(t)
			tc.add(srv.Mock)
			got := servePlugin(t, virtualOptions(), srv).invoke(context.Background(), tc.action, tc.given, nil)
			if len(got.diags) != 0 {
				t.Fatalf("diagnostics: %s", diagText(got.diags))
			}
			if !slices.Equal(got.progress, tc.want) {
				t.Fatalf("progress\n%q\nwant\n%q", got.progress, tc.want)
			}
		})
	}
}

// A status that can never reach wait_for fails with DLI's reason: a SQL
// job's message, a batch's last log line.
func TestWaitActions_failWithDLIsReason(t *testing.T) {
	for _, tc := range []struct {
		action string
		add    func(*dlimock.Mock)
		given  map[string]tftypes.Value
		reason string
	}{
		{"dli_sql_job_wait", func(m *dlimock.Mock) {
			m.AddSQLJob(testProject, testSQLJob, map[string]any{"message": "DLI.0005: Table sales does not exist."}, "RUNNING", "FAILED")
		}, map[string]tftypes.Value{"job_id": str(testSQLJob), "wait_for": strSet("FINISHED")}, "Table sales does not exist."},
		{"dli_batch_wait", func(m *dlimock.Mock) {
			m.AddBatch(testProject, testBatch, "running", "dead")
			m.SetDetails(testProject, testBatch, map[string]any{"log": []string{"INFO starting", "ERROR ApplicationMaster: User class threw exception: java.io.FileNotFoundException: obs://bucket/in", ""}})
		}, map[string]tftypes.Value{"batch_id": str(testBatch), "wait_for": strSet("success")}, "java.io.FileNotFoundException: obs://bucket/in"},
		{"dli_elastic_resource_pool_wait", func(m *dlimock.Mock) {
			m.AddElasticResourcePool(testProject, "pool_new", nil, dlimock.PoolStep{Status: "CREATING"}, dlimock.PoolStep{Status: "FAILED", FailReason: "no capacity in the AZ"})
		}, map[string]tftypes.Value{"name": str("pool_new"), "wait_for": strSet("AVAILABLE")}, "no capacity in the AZ"},
	} {
		t.Run(tc.action, func(t *testing.T) {
			srv := newMock(t)
			tc.add(srv.Mock)
			got := servePlugin(t, virtualOptions(), srv).invoke(context.Background(), tc.action, tc.given, nil)
			text := diagText(got.diags)
			if !hasError(got.diags) || !strings.Contains(text, "ended in an unexpected state") || !strings.Contains(text, tc.reason) {
				t.Fatalf("diagnostics %q, want the unexpected state with DLI's reason %q", text, tc.reason)
			}
			if n := len(got.progress); n != 2 {
				t.Fatalf("progress %q, want the two statuses read", got.progress)
			}
		})
	}
}

// timeouts.invoke ends the wait, naming the last state and the argument.
func TestWaitActions_timeoutNamesTheLastState(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running")
	got := servePlugin(t, fastOptions(nil), srv).invoke(context.Background(), "dli_batch_wait",
		map[string]tftypes.Value{"batch_id": str(testBatch), "wait_for": strSet("success"), "timeouts": invokeTimeout("300ms")}, nil)
	text := diagText(got.diags)
	for _, want := range []string{"Timed out waiting for the DLI batch", `the last state seen was "running"`, "Raise timeouts.invoke (now 300ms)"} {
		if !strings.Contains(text, want) {
			t.Errorf("diagnostics %q do not say %q", text, want)
		}
	}
}

// Cancelling stops the wait at once: Terraform's cancel of the call (its
// StopProvider, or the stream's context) and the provider's own Ctrl-C.
func TestWaitActions_cancelStopsAtOnce(t *testing.T) {
	for _, how := range []string{"context", "interrupt"} {
		t.Run(how, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddBatch(testProject, testBatch, "running")
			opts := fastOptions(nil)
			opts.pollSchedule = func(int) time.Duration { return time.Hour } // only a cancel ends the first sleep
			interrupted, interrupt := context.WithCancel(context.Background())
			defer interrupt()
			opts.interrupted = interrupted
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stop := map[string]func(){"context": cancel, "interrupt": interrupt}[how]
			got := servePlugin(t, opts, srv).invoke(ctx, "dli_batch_wait",
				map[string]tftypes.Value{"batch_id": str(testBatch), "wait_for": strSet("success"), "timeouts": invokeTimeout("2h")},
				func(string) { stop() })
			if text := diagText(got.diags); !strings.Contains(text, "was cancelled") {
				t.Fatalf("diagnostics %q, want a cancellation", text)
			}
			if n := srv.Mock.RequestCount(); n != 1 {
				t.Fatalf("%d requests, want 1: no poll after the cancel", n)
			}
		})
	}
}

// An action has no allow_missing: its not-found error does not offer it.
func TestWaitActions_notFoundOffersNoAllowMissing(t *testing.T) {
	srv := newMock(t)
	got := servePlugin(t, virtualOptions(), srv).invoke(context.Background(), "dli_sql_job_wait",
		map[string]tftypes.Value{"job_id": str(testSQLJob), "wait_for": strSet("FINISHED")}, nil)
	text := diagText(got.diags)
	if !strings.Contains(text, "DLI SQL job not found") || strings.Contains(text, "allow_missing") {
		t.Fatalf("diagnostics %q, want not found without allow_missing", text)
	}
}

// Bad arguments fail validation (terraform validate, plan), naming the
// argument, with no request sent.
func TestWaitActions_validation(t *testing.T) {
	srv := newMock(t)
	p := servePlugin(t, virtualOptions(), srv)
	for _, tc := range []struct {
		action string
		given  map[string]tftypes.Value
		want   string
	}{
		{"dli_batch_wait", map[string]tftypes.Value{"batch_id": str(testBatch), "wait_for": strSet("finished")}, "DLI batch state"},
		{"dli_batch_wait", map[string]tftypes.Value{"batch_id": str("nope"), "wait_for": strSet("success")}, "UUID"},
		{"dli_sql_job_wait", map[string]tftypes.Value{"job_id": str(testSQLJob), "wait_for": strSet()}, "lists nothing to wait for. List at least one value, such as [\"FINISHED\"]."},
		{"dli_flink_job_wait", map[string]tftypes.Value{"job_id": str("71001"), "wait_for": strSet()}, "such as [\"job_running\"]."},
		{"dli_elastic_resource_pool_wait", map[string]tftypes.Value{"name": str("pool_a"), "wait_for": strSet()}, "such as [\"AVAILABLE\"]."},
		{"dli_batch_wait", map[string]tftypes.Value{"batch_id": str(testBatch), "wait_for": strSet()}, "such as [\"success\"]."},
		{"dli_flink_job_wait", map[string]tftypes.Value{"job_id": str("71001"), "wait_for": strSet("job_running"), "timeouts": invokeTimeout("-5m")}, "Invalid timeouts.invoke"},
		{"dli_flink_job_wait", map[string]tftypes.Value{"job_id": str("71001"), "wait_for": strSet("job_running"), "project_id": str("")}, "project_id"},
		{"dli_elastic_resource_pool_wait", map[string]tftypes.Value{"name": str("_pool"), "wait_for": strSet("AVAILABLE")}, "name"},
		{"dli_elastic_resource_pool_wait", map[string]tftypes.Value{"name": str("pool_a"), "wait_for": strSet("running")}, "DLI elastic resource pool status"},
	} {
		resp, err := p.server.ValidateActionConfig(context.Background(), &tfprotov6.ValidateActionConfigRequest{ActionType: tc.action, Config: p.actionConfig(tc.action, tc.given)})
		if err != nil {
			t.Fatal(err)
		}
		if text := diagText(resp.Diagnostics); !hasError(resp.Diagnostics) || !strings.Contains(text, tc.want) {
			t.Errorf("%s %v: diagnostics %q, want an error saying %q", tc.action, tc.given, text, tc.want)
		}
	}
	if n := srv.Mock.RequestCount(); n != 0 {
		t.Fatalf("validation sent %d requests", n)
	}
}

// The four actions are in the schema, each with its ID argument, a
// required wait_for and the timeouts block with invoke only.
func TestWaitActions_schema(t *testing.T) {
	p := servePlugin(t, virtualOptions(), newMock(t))
	for action, id := range map[string]string{"dli_batch_wait": "batch_id", "dli_sql_job_wait": "job_id", "dli_flink_job_wait": "job_id", "dli_elastic_resource_pool_wait": "name"} {
		s, ok := p.schemas.ActionSchemas[action]
		if !ok {
			t.Errorf("no action %s", action)
			continue
		}
		required := map[string]bool{}
		for _, a := range s.Schema.Block.Attributes {
			required[a.Name] = a.Required
		}
		if len(required) != 3 || !required[id] || !required["wait_for"] || required["project_id"] {
			t.Errorf("%s: attributes %v, want %s and wait_for required, project_id optional", action, required, id)
		}
		if b := s.Schema.Block.BlockTypes; len(b) != 1 || b[0].TypeName != "timeouts" || len(b[0].Block.Attributes) != 1 || b[0].Block.Attributes[0].Name != "invoke" {
			t.Errorf("%s: blocks %v, want timeouts { invoke }", action, b)
		}
	}
	if n := len(p.schemas.ActionSchemas); n != 4 {
		t.Errorf("%d actions, want 4", n)
	}
}
