// Package provider adapts Terraform to the DLI client: schemas, the
// resolution of configuration from attributes and HW_* environment
// variables, and diagnostics. It never speaks HTTP itself.
package provider

import (
	"context"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
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
	MaxRetries    types.Int64  `tfsdk:"max_retries"`
}

// options are seams for tests; the zero value is production behaviour.
type options struct {
	getenv       func(string) string
	pollSchedule dli.PollSchedule
	retryWait    time.Duration // the first retry's backoff; later ones grow to 30x
}

type dliProvider struct {
	version string
	opts    options
}

var _ provider.Provider = (*dliProvider)(nil)

// New returns the provider factory that main serves.
func New(version string) func() provider.Provider {
	return newWithOptions(version, options{})
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
		MarkdownDescription: "Reads Huawei Cloud Data Lake Insight (DLI) batch jobs, and waits for them, so that configurations can gate on a Spark batch's outcome.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{unlessEmpty{stringvalidator.RegexMatches(regionPattern, "must be a region name such as cn-north-4")}},
				MarkdownDescription: "Region of the DLI service, e.g. `cn-north-4`. Environment variable `" + envRegion + "`. Required unless `endpoint` is set.",
			},
			"project_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Default project ID for data sources that do not set their own. Environment variable `" + envProjectID + "`.",
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
				MarkdownDescription: "DLI endpoint URL. Environment variable `" + envEndpoint + "`. Default `https://dli.{region}.{cloud}`.",
				Validators:          []validator.String{unlessEmpty{endpointValidator{}}},
			},
			"cloud": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{unlessEmpty{stringvalidator.RegexMatches(cloudPattern, "must be a domain name such as myhuaweicloud.com")}},
				MarkdownDescription: "Cloud domain used to derive the default endpoint. Environment variable `" + envCloud + "`. Default `" + defaultCloud + "`.",
			},
			"insecure": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Skip TLS certificate verification (never in production). Environment variable `" + envInsecure + "`. Default `false`.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Retries of a request after network errors, HTTP 429 and 5xx (but 501), from `0` (no retries) to `100`. Environment variable `" + envMaxRetries + "`. Default `5`.",
				Validators:          []validator.Int64{int64validator.Between(0, maxMaxRetries)},
			},
		},
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
	ctx = maskSecrets(ctx, settings.credentials)
	client, err := dli.New(dli.Config{
		Endpoint:     settings.endpoint,
		Credentials:  settings.credentials,
		Insecure:     settings.insecure,
		MaxRetries:   settings.maxRetries,
		UserAgent:    p.userAgent(req.TerraformVersion),
		Logger:       tflogLogger{},
		RetryWaitMin: p.opts.retryWait,
		RetryWaitMax: 30 * p.opts.retryWait,
	})
	if err != nil {
		resp.Diagnostics.AddError("Invalid DLI provider configuration", err.Error())
		return
	}
	if settings.insecure {
		resp.Diagnostics.AddAttributeWarning(pathInsecure, "TLS verification is disabled",
			"insecure = true (or "+envInsecure+") skips verification of the DLI endpoint's certificate, so credentials and answers can be intercepted. Use it only against a test endpoint; for a private CA, point SSL_CERT_FILE at its certificate instead.")
	}
	if settings.plainHTTP {
		resp.Diagnostics.AddAttributeWarning(pathEndpoint, "DLI endpoint uses plain HTTP",
			"The endpoint "+settings.endpoint+" is not HTTPS: the access key, security token or IAM token cross the network readable by anyone on the path. Use https:// unless this is a test endpoint.")
	}
	tflog.Debug(ctx, "configured DLI provider", map[string]any{
		"endpoint": settings.endpoint, "auth": settings.authDescription, "max_retries": settings.maxRetries,
	})
	data := &providerData{
		client: client, projectID: settings.projectID, auth: settings.authDescription,
		credentials: settings.credentials, waiter: dli.Waiter{Client: client, Schedule: p.opts.pollSchedule},
	}
	resp.DataSourceData = data
}

func (p *dliProvider) userAgent(terraformVersion string) string {
	ua := "terraform-provider-dli/" + p.version
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}

func (p *dliProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{newBatchStateDataSource, newBatchDataSource, newBatchesDataSource}
}

func (p *dliProvider) Resources(context.Context) []func() resource.Resource { return nil }

// providerData is what Configure hands to every data source: one client, and
// so one connection pool, per configured provider.
type providerData struct {
	client      *dli.Client
	waiter      dli.Waiter
	projectID   string
	auth        string // how requests are authenticated, in words, never values
	credentials dli.Credentials
}
