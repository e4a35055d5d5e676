package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// dataSourceConfig is ds's configuration with the given attributes (the
// rest null), as Terraform would hand it to validation.
func dataSourceConfig(t *testing.T, ds datasource.DataSource, attrs map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	var schemaResp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	if schemaResp.Diagnostics.HasError() {
		t.Fatal(schemaResp.Diagnostics)
	}
	return tfsdk.Config{Schema: schemaResp.Schema, Raw: nullsBut(schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object), attrs)}
}

// nullsBut is an object of typ whose attributes are null but for attrs.
func nullsBut(typ tftypes.Object, attrs map[string]tftypes.Value) tftypes.Value {
	values := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range attrs {
		values[name] = v
	}
	return tftypes.NewValue(typ, values)
}

// validateConfig runs ds's config validators on attrs.
func validateConfig(t *testing.T, ds datasource.DataSource, attrs map[string]tftypes.Value) *datasource.ValidateConfigResponse {
	t.Helper()
	req := datasource.ValidateConfigRequest{Config: dataSourceConfig(t, ds, attrs)}
	resp := &datasource.ValidateConfigResponse{}
	for _, v := range ds.(datasource.DataSourceWithConfigValidators).ConfigValidators(context.Background()) {
		v.ValidateDataSource(context.Background(), req, resp)
	}
	return resp
}

// The time bounds are inclusive ("at or after", "at or before"): equal
// bounds, however written, select the jobs of that instant and are no
// empty range; one second the wrong way round is.
func TestEqualTimeBoundsAreAValidRange(t *testing.T) {
	for name, c := range map[string]struct {
		ds            func() datasource.DataSource
		after, before string
	}{
		"dli_batches":  {newBatchesDataSource, "created_after", "created_before"},
		"dli_sql_jobs": {newSQLJobsDataSource, "started_after", "started_before"},
	} {
		t.Run(name, func(t *testing.T) {
			for _, b := range []struct{ after, before string }{
				{"2024-11-29T00:00:00Z", "2024-11-29T00:00:00Z"},
				{"2024-11-29T08:00:00+08:00", "2024-11-29T00:00:00Z"},
			} {
				resp := validateConfig(t, c.ds(), map[string]tftypes.Value{c.after: str(b.after), c.before: str(b.before)})
				if resp.Diagnostics.HasError() {
					t.Fatalf("%s = %s, %s = %s: %v; want no error, the bounds are inclusive", c.after, b.after, c.before, b.before, resp.Diagnostics)
				}
			}
			resp := validateConfig(t, c.ds(), map[string]tftypes.Value{c.after: str("2024-11-29T00:00:01Z"), c.before: str("2024-11-29T00:00:00Z")})
			if errs := resp.Diagnostics.Errors(); len(errs) != 1 || errs[0].Summary() != "Empty time range" {
				t.Fatalf("after a second later than before: %v, want one Empty time range error", resp.Diagnostics)
			}
		})
	}
}
