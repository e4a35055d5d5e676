package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// BenchmarkBatchStateThroughThePlugin is what a plan asks of the provider
// for each dli_batch_state: validate its configuration and read it,
// through the plugin protocol as Terraform calls them, against the mock.
// Its allocations are the provider's and the framework's per read, which
// planbench's plans measure only as CPU beside Terraform's.
func BenchmarkBatchStateThroughThePlugin(b *testing.B) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{AccessKey: testAK, SecretKey: testSK}), nil, false)
	b.Cleanup(srv.Close)
	srv.Mock.AddBatch(testProject, testBatch, "success")
	server, err := providerserver.NewProtocol6WithError(newWithOptions("bench", fastOptions(nil))())()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	configure, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4",
		Config: configOf(b, schemas.Provider, map[string]tftypes.Value{
			"endpoint": strValue(srv.URL), "project_id": strValue(testProject), "access_key": strValue(testAK), "secret_key": strValue(testSK),
		})})
	if err != nil || hasError(configure.Diagnostics) {
		b.Fatalf("ConfigureProvider: %v %s", err, diagText(configure.Diagnostics))
	}
	config := configOf(b, schemas.DataSourceSchemas["dli_batch_state"], map[string]tftypes.Value{"batch_id": strValue(testBatch)})
	b.ReportAllocs()
	for b.Loop() {
		v, err := server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: "dli_batch_state", Config: config})
		if err != nil || hasError(v.Diagnostics) {
			b.Fatalf("ValidateDataResourceConfig: %v %s", err, diagText(v.Diagnostics))
		}
		r, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "dli_batch_state", Config: config})
		if err != nil || hasError(r.Diagnostics) || r.State == nil {
			b.Fatalf("ReadDataSource: %v %s", err, diagText(r.Diagnostics))
		}
	}
}

// configOf is a configuration of schema: the given attributes, the others null.
func configOf(tb testing.TB, schema *tfprotov6.Schema, given map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	typ, _ := schema.ValueType().(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
		if v, ok := given[name]; ok {
			values[name] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}
