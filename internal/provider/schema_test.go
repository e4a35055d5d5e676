package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// argumentCheck is a data source configuration and what validation must
// say of it: the attribute an error is on and a pattern of its text, or no
// error at all when attr is empty. It applies to every data source that has
// all of its arguments, so dli_batch and the like are checked as they come.
type argumentCheck struct {
	args map[string]any // string, int, []string (a set), map[string]string or map[string]any (a block); the rest null
	attr string
	want string
}

var argumentChecks = map[string]argumentCheck{
	"valid":                  {args: map[string]any{"batch_id": "0A324461-D9D9-45DA-A52A-3B3C7A3D809E", "project_id": testProject, "wait_for": []string{"SUCCESS", "dead"}}},
	"batch_id not a UUID":    {args: map[string]any{"batch_id": "not-a-uuid"}, attr: "batch_id", want: `UUID`},
	"batch_id empty":         {args: map[string]any{"batch_id": ""}, attr: "batch_id", want: `batch_id is an empty string; it must be a batch job ID in UUID form`},
	"batch_id with a suffix": {args: map[string]any{"batch_id": testBatch + "x"}, attr: "batch_id", want: `UUID`},
	"project_id empty":       {args: map[string]any{"batch_id": testBatch, "project_id": ""}, attr: "project_id", want: `Leave it out`},
	"wait_for unknown state": {args: map[string]any{"batch_id": testBatch, "wait_for": []string{"success", "finished"}}, attr: "wait_for", want: `finished`},
	"wait_for empty":         {args: map[string]any{"batch_id": testBatch, "wait_for": []string{}}, attr: "wait_for", want: `wait_for lists nothing to wait for. List at least one value, such as \["success"\]`},
	"timeouts.read valid":    {args: map[string]any{"batch_id": testBatch, "timeouts": map[string]string{"read": "1h30m"}}},
	"timeouts.read zero":     {args: map[string]any{"batch_id": testBatch, "timeouts": map[string]string{"read": "0s"}}, attr: "timeouts", want: `positive duration, got "0s"`},
	"timeouts.read negative": {args: map[string]any{"batch_id": testBatch, "timeouts": map[string]string{"read": "-5s"}}, attr: "timeouts", want: `positive duration, got "-5s"`},
	"timeouts.read in days":  {args: map[string]any{"batch_id": testBatch, "timeouts": map[string]string{"read": "2d"}}, attr: "timeouts", want: `no unit for days: write "48h" for "2d"`},
	"limit a decimal":        {args: map[string]any{"limit": 1.5}, attr: "limit", want: `^Invalid limit limit must be a whole number, got 1.5\.$`},
	"limit past 64 bits":     {args: map[string]any{"limit": 1e30}, attr: "limit", want: `limit must be a whole number, got 1e\+30`},
}

// TestDataSourceArgumentsAreValidatedBySchema runs the provider's own
// validation, as terraform validate does, in process and without TF_ACC:
// a validator dropped from a schema fails here, not only in acceptance tests.
func TestDataSourceArgumentsAreValidatedBySchema(t *testing.T) {
	server, schemas := protocolServer(t)
	if _, ok := schemas.DataSourceSchemas["dli_batch_state"]; !ok {
		t.Fatal("the provider has no dli_batch_state data source")
	}
	for typeName, schema := range schemas.DataSourceSchemas {
		runArgumentChecks(t, typeName, schema, argumentChecks, dataSourceValidation(server, typeName))
	}
}

// dataSourceValidation validates a configuration of data source typeName
// as terraform validate does.
func dataSourceValidation(server tfprotov6.ProviderServer, typeName string) func(*tfprotov6.DynamicValue) ([]*tfprotov6.Diagnostic, error) {
	return func(config *tfprotov6.DynamicValue) ([]*tfprotov6.Diagnostic, error) {
		resp, err := server.ValidateDataResourceConfig(context.Background(), &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: config})
		if err != nil {
			return nil, err
		}
		return resp.Diagnostics, nil
	}
}

var providerArgumentChecks = map[string]argumentCheck{
	"valid":                     {args: map[string]any{"region": "cn-north-4", "cloud": "myhuaweicloud.com", "endpoint": "https://dli.example.invalid", "max_retries": 100}},
	"max_retries negative":      {args: map[string]any{"max_retries": -1}, attr: "max_retries", want: `between 0 and 100`},
	"max_retries over 100":      {args: map[string]any{"max_retries": 101}, attr: "max_retries", want: `between 0 and 100`},
	"endpoint not a URL":        {args: map[string]any{"endpoint": "dli.example.invalid"}, attr: "endpoint", want: `dli\.example\.invalid`},
	"region not a region name":  {args: map[string]any{"region": "cn north"}, attr: "region", want: `region name`},
	"cloud not a domain name":   {args: map[string]any{"cloud": "evil.invalid/path"}, attr: "cloud", want: `domain name`},
	"max_retries a decimal":     {args: map[string]any{"max_retries": 2.5}, attr: "max_retries", want: `^Invalid max_retries max_retries must be a whole number, got 2.5\.$`},
	"request_timeout in days":   {args: map[string]any{"request_timeout": "2d"}, attr: "request_timeout", want: `request_timeout has no unit for days: write "48h"`},
	"endpoint with a path":      {args: map[string]any{"endpoint": "http://dli.example.invalid/v2.0"}, attr: "endpoint", want: `Invalid DLI endpoint.*"http://dli.example.invalid/v2.0" has the path "/v2.0", where it must have no path: the provider adds /v1.0/\{project_id\}/… and /v2.0/\{project_id\}/… itself`},
	"endpoint with a query":     {args: map[string]any{"endpoint": "https://dli.example.invalid?region=x"}, attr: "endpoint", want: `Invalid DLI endpoint.*carries a query`},
	"auth_url without /v3":      {args: map[string]any{"auth_url": "https://iam.example.invalid/v3.0"}, attr: "auth_url", want: `Invalid IAM auth_url.*has the path "/v3.0", where it must have a path that ends in /v3`},
	"auth_url without a path":   {args: map[string]any{"auth_url": "https://iam.example.invalid"}, attr: "auth_url", want: `has the path "", where it must have a path that ends in /v3`},
	"auth_url with a query":     {args: map[string]any{"auth_url": "https://iam.example.invalid/v3?x=1"}, attr: "auth_url", want: `Invalid IAM auth_url.*carries a query`},
	"auth_url /v3/":             {args: map[string]any{"auth_url": "https://iam.example.invalid/v3/", "endpoint": "https://dli.example.invalid"}},
	"empty strings count unset": {args: map[string]any{"region": "", "cloud": "", "endpoint": ""}},
	// IAM issues agency credentials for 900 to 43200 seconds: both ends are
	// valid, one second past either is an error before any request.
	"assume_role.duration 900":   {args: map[string]any{"assume_role": map[string]any{"agency_name": "a", "domain_name": "d", "duration": 900}}},
	"assume_role.duration 43200": {args: map[string]any{"assume_role": map[string]any{"agency_name": "a", "domain_name": "d", "duration": 43200}}},
	"assume_role.duration 899":   {args: map[string]any{"assume_role": map[string]any{"agency_name": "a", "domain_name": "d", "duration": 899}}, attr: "assume_role", want: `between 900 and 43200, got: 899`},
	"assume_role.duration 900.5": {args: map[string]any{"assume_role": map[string]any{"agency_name": "a", "domain_name": "d", "duration": 900.5}}, attr: "assume_role", want: `assume_role.duration must be a whole number, got 900.5`},
	"assume_role.duration 43201": {args: map[string]any{"assume_role": map[string]any{"agency_name": "a", "domain_name": "d", "duration": 43201}}, attr: "assume_role", want: `between 900 and 43200, got: 43201`},
	// STS gives an hour at most to the OIDC exchange's last call, which
	// temporary keys sign.
	"assume_role_with_oidc.duration 3600": {args: map[string]any{"assume_role_with_oidc": oidcArgs(3600)}},
	"assume_role_with_oidc.duration 3601": {args: map[string]any{"assume_role_with_oidc": oidcArgs(3601)}, attr: "assume_role_with_oidc", want: `between 900 and 3600, got: 3601`},
}

func oidcArgs(duration int) map[string]any {
	return map[string]any{"agency_name": "a", "domain_id": "d", "idp_id": "i", "id_token": "t", "duration": duration}
}

func TestProviderArgumentsAreValidatedBySchema(t *testing.T) {
	ctx := context.Background()
	server, schemas := protocolServer(t)
	runArgumentChecks(t, "provider", schemas.Provider, providerArgumentChecks, func(config *tfprotov6.DynamicValue) ([]*tfprotov6.Diagnostic, error) {
		resp, err := server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: config})
		if err != nil {
			return nil, err
		}
		return resp.Diagnostics, nil
	})
}

// protocolServer is the provider as Terraform sees it, in process.
func protocolServer(t *testing.T) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(newWithOptions("test", fastOptions(nil))())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	return server, schemas
}

// runArgumentChecks validates, with validate, each check whose arguments
// the schema has, as a subtest named after the schema and the check.
func runArgumentChecks(t *testing.T, schemaName string, schema *tfprotov6.Schema, checks map[string]argumentCheck,
	validate func(*tfprotov6.DynamicValue) ([]*tfprotov6.Diagnostic, error)) {
	objectType := schema.ValueType().(tftypes.Object)
	for name, check := range checks {
		if !hasAttributes(objectType, check.args) {
			continue
		}
		t.Run(schemaName+"/"+name, func(t *testing.T) {
			config, err := tfprotov6.NewDynamicValue(objectType, configValue(t, objectType, check.args))
			if err != nil {
				t.Fatal(err)
			}
			diags, err := validate(&config)
			if err != nil {
				t.Fatal(err)
			}
			assertValidation(t, diags, check)
		})
	}
}

func assertValidation(t *testing.T, diags []*tfprotov6.Diagnostic, check argumentCheck) {
	t.Helper()
	if check.attr == "" {
		if len(diags) > 0 {
			t.Fatalf("a valid configuration got diagnostics: %s", describe(diags))
		}
		return
	}
	want := regexp.MustCompile(check.want)
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError && d.Attribute != nil && len(d.Attribute.Steps()) > 0 &&
			d.Attribute.Steps()[0] == tftypes.AttributeName(check.attr) && want.MatchString(d.Summary+" "+d.Detail) {
			return
		}
	}
	t.Fatalf("want an error on %s matching %q, got: %s", check.attr, check.want, describe(diags))
}

func describe(diags []*tfprotov6.Diagnostic) string {
	if len(diags) == 0 {
		return "no diagnostics"
	}
	var s string
	for _, d := range diags {
		s += "\n  " + d.Attribute.String() + ": " + d.Summary + ": " + d.Detail
	}
	return s
}

func hasAttributes(objectType tftypes.Object, args map[string]any) bool {
	for name := range args {
		if _, ok := objectType.AttributeTypes[name]; !ok {
			return false
		}
	}
	return true
}

// configValue is a configuration of objectType with args set and every
// other attribute and block null.
func configValue(t *testing.T, objectType tftypes.Object, args map[string]any) tftypes.Value {
	t.Helper()
	values := map[string]tftypes.Value{}
	for name, typ := range objectType.AttributeTypes {
		switch v := args[name].(type) {
		case nil:
			values[name] = tftypes.NewValue(typ, nil)
		case string:
			values[name] = tftypes.NewValue(tftypes.String, v)
		case int:
			values[name] = tftypes.NewValue(tftypes.Number, v)
		case float64:
			values[name] = tftypes.NewValue(tftypes.Number, v)
		case []string:
			elems := make([]tftypes.Value, len(v))
			for i, s := range v {
				elems[i] = tftypes.NewValue(tftypes.String, s)
			}
			values[name] = tftypes.NewValue(typ, elems)
		case map[string]string: // a block of string attributes, such as timeouts
			block := map[string]any{}
			for attr, s := range v {
				block[attr] = s
			}
			values[name] = configValue(t, typ.(tftypes.Object), block)
		case map[string]any: // a block of string and number attributes, such as assume_role
			values[name] = configValue(t, typ.(tftypes.Object), v)
		case []map[string]any: // a list or set of blocks
			var elemType tftypes.Type
			switch typ := typ.(type) {
			case tftypes.List:
				elemType = typ.ElementType
			case tftypes.Set:
				elemType = typ.ElementType
			}
			elems := make([]tftypes.Value, len(v))
			for i, block := range v {
				elems[i] = configValue(t, elemType.(tftypes.Object), block)
			}
			values[name] = tftypes.NewValue(typ, elems)
		case unknownArgument: // a value known only after apply
			values[name] = tftypes.NewValue(typ, tftypes.UnknownValue)
		default:
			t.Fatalf("argument %s: unsupported value %#v", name, v)
		}
	}
	return tftypes.NewValue(objectType, values)
}
