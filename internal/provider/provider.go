// Package provider adapts Terraform to the DLI client: schemas, the
// resolution of configuration from attributes and HW_* environment
// variables, and diagnostics. It never speaks HTTP itself.
package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// providerModel is the provider block as Terraform hands it over.
type providerModel struct {
	Region        types.String `tfsdk:"region"`
	ProjectID     types.String `tfsdk:"project_id"`
	AccessKey     types.String `tfsdk:"access_key"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	Token         types.String `tfsdk:"token"`
	Endpoint      types.String `tfsdk:"endpoint"`
	Cloud         types.String `tfsdk:"cloud"`
	Insecure      types.Bool   `tfsdk:"insecure"`
	MaxRetries    wholeNumber  `tfsdk:"max_retries"`
	// Version 0.2.
	ProjectName      types.String     `tfsdk:"project_name"`
	AuthURL          types.String     `tfsdk:"auth_url"`
	SharedConfigFile types.String     `tfsdk:"shared_config_file"`
	Profile          types.String     `tfsdk:"profile"`
	AssumeRole       *assumeRoleModel `tfsdk:"assume_role"`
	// Version 0.3.
	DomainID types.String `tfsdk:"domain_id"`
	// Version 0.4.
	RequestTimeout types.String `tfsdk:"request_timeout"`
	// password login and OIDC.
	UserName           types.String `tfsdk:"user_name"`
	UserID             types.String `tfsdk:"user_id"`
	Password           types.String `tfsdk:"password"`
	DomainName         types.String `tfsdk:"domain_name"`
	STSEndpoint        types.String `tfsdk:"sts_endpoint"`
	AssumeRoleWithOIDC *oidcModel   `tfsdk:"assume_role_with_oidc"`
}

// options are seams for tests; the zero value is production behaviour.
type options struct {
	getenv       func(string) string
	pollSchedule dli.PollSchedule
	clock        dli.Clock     // the waiter's; nil is the wall clock
	retryWait    time.Duration // the first retry's backoff; later ones grow to 30x
	// interrupted ends when the process receives SIGINT; nil: never.
	interrupted context.Context
	// quiet leaves the client's log lines out: nobody would read them
	// (quiet_logs.go).
	quiet bool
}

type dliProvider struct {
	version string
	opts    options
}

var _ provider.ProviderWithActions = (*dliProvider)(nil)

// New returns the provider factory that main serves. It changes the
// process: it stops reads at the first SIGINT (see interrupt.go), and turns
// the SDK's logging off when Terraform would drop the logs (see
// quiet_logs.go). So only main calls it; tests inject their options through
// newWithOptions, and TestOnlyMainCallsNew keeps it so.
func New(version string) func() provider.Provider {
	return newWithOptions(version, options{interrupted: interruptedOnSIGINT(), quiet: quietUnlessLogged(os.Getenv, os.Setenv)})
}

func newWithOptions(version string, opts options) func() provider.Provider {
	if opts.getenv == nil {
		opts.getenv = os.Getenv
	}
	return func() provider.Provider { return &dliProvider{version: version, opts: opts} }
}

func (p *dliProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "dli"
	resp.Version = p.version
}

func (p *dliProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads Huawei Cloud Data Lake Insight (DLI) jobs (Spark batches, SQL jobs and Flink jobs), and waits for them, so that configurations can gate on a job's outcome.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{unlessEmpty{stringvalidator.RegexMatches(regionPattern, "must be a region name such as cn-north-4")}},
				MarkdownDescription: "Region of the DLI service, e.g. `cn-north-4`. Environment variable `" + envRegion + "`; else the hcloud profile's `region`. Required unless `endpoint` is set.",
			},
			"project_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Default project ID for data sources that do not set their own: 32 hexadecimal characters (a project's name, such as `cn-north-4`, goes in `project_name`, and gets a warning here). Environment variable `" + envProjectID + "`; else the hcloud profile's `projectId`; else looked up once from IAM by `project_name`.",
			},
			"project_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "IAM project whose ID is looked up (once, at the first read that needs it) when no project ID is given anywhere. Environment variable `" + envProjectName + "`. Default: the region's name, e.g. `cn-north-4`.",
			},
			"auth_url": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "IAM endpoint, for the project lookup and `assume_role`: a URL whose path ends in `/v3`, without a query. Environment variable `" + envAuthURL + "`. Default `https://iam.{region}.{cloud}/v3`. A plain-HTTP `auth_url` off loopback gets a warning.",
				Validators:          []validator.String{unlessEmpty{urlValidator{summary: "Invalid IAM auth_url", example: exampleAuthURL, path: authURLPath}}},
			},
			"domain_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ID of the account (domain) the credentials belong to, sent as `X-Domain-Id` on the `assume_role` call when it is signed with AK/SK, as Huawei's SDK does. Environment variable `" + envDomainID + "`; else the hcloud profile's `domainId`; " +
					"else looked up once from IAM (`GET {auth_url}/auth/domains`, with the same keys; where IAM lists none, STS's `GET /v5/caller-identity`) at the first read that assumes the agency. " +
					"For a password login, the account of `user_name` (or set `domain_name`; this wins when both are set). Not needed otherwise.",
			},
			"sts_endpoint": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "STS endpoint, for `assume_role_with_oidc` and for finding the account of AK/SK whose `GET {auth_url}/auth/domains` lists none. Environment variable `" + envSTSEndpoint + "`. Default `https://sts.{region}.{cloud}`.",
				Validators:          []validator.String{unlessEmpty{urlValidator{summary: "Invalid STS endpoint", example: exampleSTSEndpoint, path: endpointPath}}},
			},
			"shared_config_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The hcloud CLI's configuration file, whose `profile` gives the credentials (and, unless set otherwise, the region, project ID and agency). Environment variable `" + envSharedConfigFile + "`. " +
					"The file is read only when this or `profile` is set (as by the official provider), and then defaults to `~/.hcloud/config.json`.",
			},
			"profile": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Profile in `shared_config_file` to take credentials from: modes `AKSK`, `SSO` and `ecsAgency`. Environment variable `" + envProfile + "`. Default, when only `shared_config_file` is set: the file's `current` profile.",
			},
			"access_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Access key (AK) for AK/SK request signing; goes with `secret_key`. Environment variable `" + envAccessKey + "`.",
			},
			"secret_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Secret key (SK) that signs requests; never sent. Environment variable `" + envSecretKey + "`.",
			},
			"security_token": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Security token of temporary AK/SK credentials; needs `access_key` and `secret_key`. Environment variable `" + envSecurityToken + "`.",
			},
			"token": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "IAM token, sent as `X-Auth-Token`, instead of AK/SK. Environment variable `" + envToken + "`.",
			},
			"endpoint": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "DLI endpoint URL, without a path (the provider adds `/v1.0/{project_id}/…` and `/v2.0/{project_id}/…`) or query. Environment variable `" + envEndpoint + "`. Default `https://dli.{region}.{cloud}`. A plain-HTTP endpoint off loopback gets a warning.",
				Validators:          []validator.String{unlessEmpty{urlValidator{summary: "Invalid DLI endpoint", example: exampleEndpoint, path: endpointPath}}},
			},
			"cloud": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{unlessEmpty{stringvalidator.RegexMatches(cloudPattern, "must be a domain name such as myhuaweicloud.com")}},
				MarkdownDescription: "Cloud domain used to derive the default DLI and IAM endpoints. Environment variable `" + envCloud + "`. Default `" + defaultEuropeCloud + "` for regions starting `" + europeRegionPrefix + "`, else `" + defaultCloud + "`.",
			},
			"insecure": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Skip TLS certificate verification (never in production). Environment variable `" + envInsecure + "`. Default `false`.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				CustomType:          wholeNumberType{},
				MarkdownDescription: "Retries of a request after network errors, HTTP 429 and 5xx (but 501), from `0` (no retries) to `100`. Environment variable `" + envMaxRetries + "`. Default `5`.",
				Validators:          []validator.Int64{int64validator.Between(0, maxMaxRetries)},
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Bounds one attempt of a request (connecting, and reading the answer), such as `30s`: a positive duration in " + durationUnits + ". " +
					"Environment variable `" + envRequestTimeout + "`. Default `" + dli.DefaultRequestTimeout.String() + "`. " +
					"A request whose attempts get no answer within it three times fails, whatever `max_retries` says; `timeouts.read` bounds the whole read.",
				Validators: []validator.String{positiveDuration{}},
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role":           assumeRoleBlock(),
			"assume_role_with_oidc": oidcBlock(),
		},
	}
	for name, a := range passwordAttributes() {
		resp.Schema.Attributes[name] = a
	}
}

func (p *dliProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, diags := resolveSettings(model, p.opts.getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, base, err := p.newClient(settings, req.TerraformVersion)
	if err != nil {
		resp.Diagnostics.AddError("Invalid DLI provider configuration", err.Error())
		return
	}
	if settings.insecure {
		resp.Diagnostics.AddAttributeWarning(pathInsecure, "TLS verification is disabled",
			"insecure = true (or "+envInsecure+") skips verification of the DLI endpoint's certificate, so credentials and answers can be intercepted. Use it only against a test endpoint; for a private CA, point SSL_CERT_FILE at its certificate instead.")
	}
	if settings.plainHTTP {
		resp.Diagnostics.Append(plainHTTPWarning(pathEndpoint, "DLI endpoint", "endpoint", settings.endpoint))
	}
	if settings.authURL != nil && isPlainHTTPToRemote(settings.authURL) {
		resp.Diagnostics.Append(plainHTTPWarning(pathAuthURL, "IAM auth_url", "auth_url", settings.authURL.String()))
	}
	if settings.projectID != "" && !projectIDPattern.MatchString(settings.projectID) {
		resp.Diagnostics.AddAttributeWarning(path.Root("project_id"), "project_id is not a project ID", notAProjectID("project_id", settings.projectID))
	}
	fields := map[string]any{"endpoint": settings.endpoint, "auth": settings.authDescription, "max_retries": settings.maxRetries, "request_timeout": settings.requestTimeout.String()}
	if settings.projectID == "" {
		fields["project"] = fmt.Sprintf("looked up from IAM by name %q at the first read", settings.projectName)
	}
	tflog.Debug(maskSecrets(ctx, client.Secrets()), "configured DLI provider", fields)
	data := &providerData{
		client: client, projectID: settings.projectID, region: settings.region,
		auth:        settings.authInUse(),
		waiter:      dli.Waiter{Client: client, Schedule: p.opts.pollSchedule, Clock: p.opts.clock},
		interrupted: p.opts.interrupted, quiet: p.opts.quiet,
	}
	if settings.projectID == "" && settings.authURL != nil && settings.projectName != "" {
		data.projectLookup = hwauth.NewProjectLookup(client, settings.authURL, settings.projectName)
		// A password's token names its project: no lookup, unless an
		// agency acts in another account.
		if password, ok := base.(*hwauth.Password); ok && settings.agency == nil {
			data.projectLookup = password
		}
	}
	resp.DataSourceData, resp.ActionData = data, data
}

// plainHTTPWarning: tokens and keys would cross the network readable.
func plainHTTPWarning(at path.Path, what, name, u string) diag.Diagnostic {
	return diag.NewAttributeWarningDiagnostic(at, what+" uses plain HTTP",
		"The "+name+" "+u+" is not HTTPS: the access key, security token or IAM token cross the network readable by anyone on the path. Use https:// unless this is a test endpoint.")
}

// newClient builds the one client of this provider: its credentials are
// static, or fetched at the first read that needs them (ECS metadata, a
// password login, OIDC, an agency) through the same client, and so the
// same connection pool. base is the credentials before any agency.
func (p *dliProvider) newClient(s settings, terraformVersion string) (_ *dli.Client, base dli.CredentialSource, _ error) {
	logger := &tflogLogger{}
	var clientLogger dli.Logger = logger
	if p.opts.quiet {
		clientLogger = nil // the client's own no-op: not even the masking is done
	}
	client, err := dli.New(dli.Config{
		Endpoint:       s.endpoint,
		Insecure:       s.insecure,
		MaxRetries:     s.maxRetries,
		RequestTimeout: s.requestTimeout,
		UserAgent:      p.userAgent(terraformVersion),
		Logger:         clientLogger,
		RetryWaitMin:   p.opts.retryWait,
		RetryWaitMax:   30 * p.opts.retryWait,
	})
	if err != nil {
		return nil, nil, err
	}
	base = s.credentials.source(client, s)
	source := base
	if s.agency != nil { // resolveSettings made sure of s.authURL
		agency := *s.agency
		agency.STS = s.sts
		source = hwauth.AssumeRole(client, s.authURL, base, s.credentials.description, agency, nil)
	}
	logger.secrets = client.Secrets
	return client.WithCredentials(source), base, nil
}

func (p *dliProvider) userAgent(terraformVersion string) string {
	ua := "terraform-provider-dli/" + p.version
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}

func (p *dliProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newBatchStateDataSource, newBatchDataSource, newBatchesDataSource,
		newSQLJobDataSource, newSQLJobsDataSource, newFlinkJobDataSource, newFlinkJobsDataSource,
		newQueueDataSource, newElasticResourcePoolDataSource,
	}
}

func (p *dliProvider) Resources(context.Context) []func() resource.Resource { return nil }

// Actions need Terraform 1.14+; older versions and OpenTofu ignore them.
func (p *dliProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{newBatchWaitAction, newSQLJobWaitAction, newFlinkJobWaitAction, newElasticResourcePoolWaitAction}
}

// providerData is what Configure hands to every data source: one client, and
// so one connection pool, per configured provider.
type providerData struct {
	client *dli.Client
	waiter dli.Waiter
	// projectID is the provider's (or the profile's); when empty, the
	// project is looked up once by projectLookup, if there is a region.
	projectID     string
	projectLookup projectLookup
	region        string
	auth          authInUse       // how requests are authenticated, never the values
	interrupted   context.Context // nil: never
	quiet         bool            // logging is off (quiet_logs.go): no masking needed
}

// projectLookup finds the project ID once: IAM's list by name, or a
// password login's token.
type projectLookup interface {
	ProjectID(ctx context.Context) (string, error)
	Name() string
}
