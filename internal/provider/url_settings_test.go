package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// configureDiagnostics configures the provider in process, as terraform
// plan does, with args and only env for the environment.
func configureDiagnostics(t *testing.T, args map[string]any, env map[string]string) []*tfprotov6.Diagnostic {
	t.Helper()
	server, err := factories(fastOptions(env))["dli"]()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	objectType := schemas.Provider.ValueType().(tftypes.Object)
	config, err := tfprotov6.NewDynamicValue(objectType, configValue(t, objectType, args))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: &config})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

func findDiagnostic(diags []*tfprotov6.Diagnostic, severity tfprotov6.DiagnosticSeverity, parts ...string) bool {
	for _, d := range diags {
		text := d.Summary + ": " + d.Detail
		found := d.Severity == severity
		for _, p := range parts {
			found = found && strings.Contains(text, p)
		}
		if found {
			return true
		}
	}
	return false
}

var keys = map[string]any{"access_key": testAK, "secret_key": testSK}

func withKeys(args map[string]any) map[string]any {
	for k, v := range keys {
		args[k] = v
	}
	return args
}

// A project's name given as project_id warns, naming project_name; an ID
// does not.
func TestProjectIDThatIsNotAnIDWarnsNamingProjectName(t *testing.T) {
	diags := configureDiagnostics(t, withKeys(map[string]any{"endpoint": "https://dli.example.invalid", "project_id": "cn-north-4"}), nil)
	if !findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, "project_id is not a project ID", `project_id "cn-north-4" is not 32 hexadecimal characters`, `set project_name = "cn-north-4" instead`) {
		t.Fatalf("want a warning naming project_name, got %s", describe(diags))
	}
	if diags := configureDiagnostics(t, withKeys(map[string]any{"endpoint": "https://dli.example.invalid", "project_id": testProject}), nil); len(diags) != 0 {
		t.Fatalf("a project ID got %s", describe(diags))
	}
	// The same from the environment.
	diags = configureDiagnostics(t, withKeys(map[string]any{"endpoint": "https://dli.example.invalid"}), map[string]string{envProjectID: "cn-north-4"})
	if !findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, "project_name") {
		t.Fatalf("want a warning naming project_name for HW_PROJECT_ID, got %s", describe(diags))
	}
}

// IAM calls carry tokens and keys too: a plain-HTTP auth_url off loopback
// gets the DLI endpoint's warning; one on loopback (the mock) does not.
func TestPlainHTTPAuthURLOffLoopbackWarns(t *testing.T) {
	args := withKeys(map[string]any{"endpoint": "https://dli.example.invalid", "project_id": testProject, "auth_url": "http://iam.example.invalid/v3"})
	diags := configureDiagnostics(t, args, nil)
	if !findDiagnostic(diags, tfprotov6.DiagnosticSeverityWarning, "IAM auth_url uses plain HTTP", "http://iam.example.invalid/v3 is not HTTPS") {
		t.Fatalf("want the plain-HTTP warning for auth_url, got %s", describe(diags))
	}
	args["auth_url"] = "http://127.0.0.1:9/v3"
	if diags := configureDiagnostics(t, args, nil); len(diags) != 0 {
		t.Fatalf("a loopback auth_url got %s", describe(diags))
	}
}

// The variables are checked as the attributes are, before any request.
func TestURLVariablesWithAPathFail(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"HW_DLI_ENDPOINT with a path": {envEndpoint: "https://dli.example.invalid/v2.0"},
		"HW_AUTH_URL without /v3":     {envEndpoint: "https://dli.example.invalid", envAuthURL: "https://iam.example.invalid/"},
	} {
		diags := configureDiagnostics(t, withKeys(map[string]any{"project_id": testProject}), env)
		if !findDiagnostic(diags, tfprotov6.DiagnosticSeverityError, "environment variable", "has the path") {
			t.Errorf("%s: want an error naming the variable and the path, got %s", name, describe(diags))
		}
	}
}

// A data source's project_id that is not an ID warns too; the read goes on.
func TestDataSourceProjectIDThatIsNotAnIDWarns(t *testing.T) {
	server, schemas := protocolServer(t)
	objectType := schemas.DataSourceSchemas["dli_batch_state"].ValueType().(tftypes.Object)
	config, err := tfprotov6.NewDynamicValue(objectType, configValue(t, objectType, map[string]any{"batch_id": testBatch, "project_id": "cn-north-4"}))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ValidateDataResourceConfig(context.Background(), &tfprotov6.ValidateDataResourceConfigRequest{TypeName: "dli_batch_state", Config: &config})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || !findDiagnostic(resp.Diagnostics, tfprotov6.DiagnosticSeverityWarning, "project_id is not a project ID", "project_name") {
		t.Fatalf("want one warning naming project_name, got %s", describe(resp.Diagnostics))
	}
}

// An action's project_id that is not an ID warns as a data source's does.
func TestActionProjectIDThatIsNotAnIDWarns(t *testing.T) {
	p := servePlugin(t, virtualOptions(), newMock(t))
	resp, err := p.server.ValidateActionConfig(context.Background(), &tfprotov6.ValidateActionConfigRequest{ActionType: "dli_batch_wait",
		Config: p.actionConfig("dli_batch_wait", map[string]tftypes.Value{"batch_id": strValue(testBatch), "wait_for": strSet("success"), "project_id": strValue("cn-north-4")})})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || !findDiagnostic(resp.Diagnostics, tfprotov6.DiagnosticSeverityWarning, "project_id is not a project ID", "project_name") {
		t.Fatalf("want one warning naming project_name, got %s", describe(resp.Diagnostics))
	}
}
