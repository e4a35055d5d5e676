package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Bugs of the fifth outside round in validation that no test caught, each
// with the test that now does.

// An empty time range is an error on its after bound, the one the detail
// names first: Terraform underlines that attribute in the configuration.
func TestAnEmptyTimeRangeIsAnErrorOnItsAfterBound(t *testing.T) {
	for name, c := range map[string]struct {
		ds            func() datasource.DataSource
		after, before string
		noun          string
	}{
		"dli_batches":  {newBatchesDataSource, "created_after", "created_before", "batch"},
		"dli_sql_jobs": {newSQLJobsDataSource, "started_after", "started_before", "SQL job"},
	} {
		t.Run(name, func(t *testing.T) {
			resp := validateConfig(t, c.ds(), map[string]tftypes.Value{c.after: str("2024-11-29T00:00:01Z"), c.before: str("2024-11-29T00:00:00Z")})
			errs := resp.Diagnostics.Errors()
			if len(errs) != 1 {
				t.Fatalf("diagnostics %v, want one error", resp.Diagnostics)
			}
			d, ok := errs[0].(diag.DiagnosticWithPath)
			want := c.after + " (2024-11-29T00:00:01Z) is later than " + c.before + " (2024-11-29T00:00:00Z), so no " + c.noun +
				" could match: swap them, or widen the range."
			if !ok || !d.Path().Equal(path.Root(c.after)) || d.Summary() != "Empty time range" || d.Detail() != want {
				t.Fatalf("error %#v, want Empty time range on %s: %q", errs[0], c.after, want)
			}
		})
	}
}

// An empty project_id is one error, "leave it out": no warning besides
// that "" is not 32 hex characters, as if it were a name.
func TestAnEmptyProjectIDIsOneErrorAndNoShapeWarning(t *testing.T) {
	server, schemas := protocolServer(t)
	config := configOf(t, schemas.DataSourceSchemas["dli_batch_state"], map[string]tftypes.Value{"batch_id": str(testBatch), "project_id": str("")})
	d, err := dataSourceValidation(server, "dli_batch_state")(config)
	if err != nil {
		t.Fatal(err)
	}
	if len(d) != 1 || d[0].Severity != tfprotov6.DiagnosticSeverityError || !d[0].Attribute.Equal(tftypes.NewAttributePath().WithAttributeName("project_id")) {
		t.Fatalf("diagnostics: %s; want one error on project_id", describe(d))
	}
}

// order is case-sensitive, unlike the state and status values: a value
// that differs only in case is refused with the list of orders, and not
// read as the default order.
func TestListOrderIsCaseSensitive(t *testing.T) {
	server, schemas := protocolServer(t)
	for typeName, c := range map[string]struct{ order, want string }{
		"dli_batches":    {"CREATED_ASC", `^Invalid order order must be one of created_desc, created_asc, duration_desc, duration_asc, got "CREATED_ASC"\.$`},
		"dli_sql_jobs":   {"Started_Asc", `^Invalid order order must be one of started_desc, started_asc, duration_desc, duration_asc, got "Started_Asc"\.$`},
		"dli_flink_jobs": {"created_Asc", `^Invalid order order must be one of created_desc, created_asc, got "created_Asc"\.$`},
	} {
		checks := map[string]argumentCheck{"order in another case": {args: map[string]any{"order": c.order}, attr: "order", want: c.want}}
		runArgumentChecks(t, typeName, schemas.DataSourceSchemas[typeName], checks, dataSourceValidation(server, typeName))
	}
}
