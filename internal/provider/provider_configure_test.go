package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// configure runs the provider's Configure with the given attributes (the
// rest null) and no environment, as Terraform would during plan.
func configure(t *testing.T, attrs map[string]tftypes.Value) *provider.ConfigureResponse {
	t.Helper()
	return configureWithEnv(t, attrs, nil)
}

// configureWithEnv is configure with an environment.
func configureWithEnv(t *testing.T, attrs map[string]tftypes.Value, env map[string]string) *provider.ConfigureResponse {
	t.Helper()
	return configureWithOptions(t, fastOptions(env), attrs)
}

// configureWithOptions is configure with the provider's options.
func configureWithOptions(t *testing.T, opts options, attrs map[string]tftypes.Value) *provider.ConfigureResponse {
	t.Helper()
	ctx := context.Background()
	p := newWithOptions("test", opts)().(*dliProvider)
	var schemaResp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	resp := &provider.ConfigureResponse{}
	p.Configure(ctx, provider.ConfigureRequest{
		TerraformVersion: "1.11.4",
		Config:           tfsdk.Config{Schema: schemaResp.Schema, Raw: nullsBut(schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object), attrs)},
	}, resp)
	return resp
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func TestInsecureAddsAWarning(t *testing.T) {
	resp := configure(t, map[string]tftypes.Value{
		"endpoint": str("https://127.0.0.1:1"), "token": str(testToken),
		"insecure": tftypes.NewValue(tftypes.Bool, true),
	})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 || warnings[0].Summary() != "TLS verification is disabled" || !strings.Contains(warnings[0].Detail(), "HW_INSECURE") {
		t.Fatalf("diagnostics = %v, want one warning about insecure", resp.Diagnostics)
	}
	if resp.DataSourceData == nil {
		t.Fatal("no client was configured")
	}
}

func TestPlainHTTPToARemoteEndpointAddsAWarning(t *testing.T) {
	resp := configure(t, map[string]tftypes.Value{"endpoint": str("http://dli.example.invalid"), "token": str(testToken)})
	if w := resp.Diagnostics.Warnings(); len(w) != 1 || w[0].Summary() != "DLI endpoint uses plain HTTP" {
		t.Fatalf("diagnostics = %v, want a plain-HTTP warning", resp.Diagnostics)
	}
}

// Start-up costs nothing it need not: configuring the provider builds a
// client but sends nothing, not even for credentials from the metadata
// service, an agency or a project lookup; the first request is the first
// read's.
func TestConfigureSendsNoRequest(t *testing.T) {
	srv := newMock(t)
	srv.Mock.ServeMetadata()
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.AddProject("cn-north-4", testProject)
	agency := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"agency_name": tftypes.String, "domain_name": tftypes.String, "duration": tftypes.Number}}
	for name, attrs := range map[string]map[string]tftypes.Value{
		"token":                    {"endpoint": str(srv.URL), "token": str(testToken)},
		"metadata, project lookup": {"endpoint": str(srv.URL), "region": str("cn-north-4"), "auth_url": str(srv.URL + "/v3")},
		"agency": {"endpoint": str(srv.URL), "region": str("cn-north-4"), "auth_url": str(srv.URL + "/v3"), "access_key": str(testAK), "secret_key": str(testSK),
			"assume_role": tftypes.NewValue(agency, map[string]tftypes.Value{"agency_name": str("dli-reader"), "domain_name": str("acme"), "duration": tftypes.NewValue(tftypes.Number, nil)})},
	} {
		resp := configureWithEnv(t, attrs, map[string]string{envMetadataEndpoint: srv.URL})
		if resp.Diagnostics.HasError() || resp.DataSourceData == nil {
			t.Fatalf("%s: configure failed: %v", name, resp.Diagnostics)
		}
		if st := srv.Stats(); st.Requests != 0 || st.Connections != 0 {
			t.Fatalf("%s: configure opened %d connections and sent %d requests, want none", name, st.Connections, st.Requests)
		}
	}
}

func TestSecureByDefaultHasNoWarning(t *testing.T) {
	resp := configure(t, map[string]tftypes.Value{"endpoint": str("https://127.0.0.1:1"), "token": str(testToken)})
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("diagnostics = %v, want none", resp.Diagnostics)
	}
}

func TestConfigureErrorsNeverEchoSecrets(t *testing.T) {
	for _, attrs := range []map[string]tftypes.Value{
		{"region": str("r"), "access_key": str("AKVALUE-SECRET-1")},
		{"region": str("r"), "secret_key": str("SKVALUE-SECRET-2")},
		{"region": str("r"), "token": str("TOKVALUE-SECRET-3"), "access_key": str("AKVALUE-SECRET-1")},
		{"region": str("r"), "security_token": str("STVALUE-SECRET-4")},
		{"endpoint": str("ftp://x.invalid"), "token": str("TOKVALUE-SECRET-3")},
	} {
		resp := configure(t, attrs)
		if !resp.Diagnostics.HasError() {
			t.Fatalf("%v: want an error", attrs)
		}
		assertNoSecret(t, resp.Diagnostics, "SECRET-")
	}
}

func assertNoSecret(t *testing.T, diags diag.Diagnostics, marker string) {
	t.Helper()
	for _, d := range diags {
		if strings.Contains(d.Summary()+d.Detail(), marker) {
			t.Fatalf("diagnostic %q / %q shows a secret", d.Summary(), d.Detail())
		}
	}
}

func TestAccBatchState_insecureTLS(t *testing.T) {
	srv := newTLSMock(t)
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv, "insecure = true") + batchConfig(`batch_id = "`+testBatch+`"`),
		ConfigStateChecks: expectState(testBatch, "running", false),
	})
	if srv.Stats().TLSHandshakes == 0 {
		t.Fatal("no TLS handshake happened")
	}
}

func TestAccBatchState_untrustedCertificateIsRefused(t *testing.T) {
	srv := newTLSMock(t)
	accTest(t, resource.TestStep{
		Config:      akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
		ExpectError: expectError(`Could not reach DLI.*after 1 attempt.*certificate.*SSL_CERT_FILE`),
	})
	if n := srv.Stats().Connections; n != 1 {
		t.Fatalf("the untrusted server saw %d connections, want 1 (no retry of a certificate failure)", n)
	}
}
