package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// The data sources differ in their data only: what they read, their
// schema and model. These two types are every data source of the
// provider, one that reads a job and one that lists jobs.

// oneJobModel is the model of a data source that reads one job: the ID
// and wait arguments it was given, and how the job read fills it.
type oneJobModel[T any] interface {
	jobID() string
	waitArguments() *waitArgs
	presence() *presenceArgs // nil: no allow_missing
	set(T)
}

// oneJobDataSource reads one job (T) into its model (M), once or until
// wait_for: dli_batch_state, dli_batch, dli_sql_job, dli_flink_job.
type oneJobDataSource[T any, M any, PM interface {
	*M
	oneJobModel[T]
}] struct {
	dataSourceBase
	typeName    string // after the provider's name, e.g. "_sql_job"
	description string
	attributes  func() map[string]schema.Attribute // all but timeouts
	once        func(*dli.Client, context.Context, string, string) (T, error)
	wait        func(dli.Waiter, context.Context, string, string, []string) (T, error)
}

func (d *oneJobDataSource[T, M, PM]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeName
}

func (d *oneJobDataSource[T, M, PM]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dataSourceSchema(ctx, d.description, d.attributes())
}

func (d *oneJobDataSource[T, M, PM]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readInto(ctx, req, resp, func(m *M) bool {
		model := PM(m)
		job, found, ok := readJob(ctx, &d.dataSourceBase, model.jobID(), model.waitArguments(), model.presence(), &resp.Diagnostics, d.once, d.wait)
		if found {
			model.set(job)
		}
		return ok
	})
}

// readInto is every Read: the configuration into a model, which fill
// completes (or fails, with diagnostics), and the model into the state.
func readInto[M any](ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, fill func(*M) bool) {
	var m M
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !fill(&m) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// dataSourceSchema is every data source's schema: its attributes and the
// timeouts block.
func dataSourceSchema(ctx context.Context, description string, attributes map[string]schema.Attribute) schema.Schema {
	return schema.Schema{MarkdownDescription: description, Attributes: attributes, Blocks: timeoutsBlocks(ctx)}
}

// listModel is the model of a data source that lists jobs: its list
// arguments, the list its filters ask for, and how the jobs fill it.
type listModel[T any] interface {
	listArguments() *listArgs
	list(c *dli.Client, ctx context.Context, projectID string, limit int) (dli.List[T], error)
	setJobs(ctx context.Context, jobs []T) diag.Diagnostics
}

// listDataSource lists jobs (T) into its model (M): dli_batches,
// dli_sql_jobs, dli_flink_jobs.
type listDataSource[T any, M any, PM interface {
	*M
	listModel[T]
}] struct {
	dataSourceBase
	typeName    string
	description string
	attributes  func() map[string]schema.Attribute // all but timeouts
	orders      []listOrder                        // the default first
	id          func(T) string
	validators  []datasource.ConfigValidator // besides every data source's
}

func (d *listDataSource[T, M, PM]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeName
}

func (d *listDataSource[T, M, PM]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dataSourceSchema(ctx, d.description, d.attributes())
}

func (d *listDataSource[T, M, PM]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return d.validators
}

func (d *listDataSource[T, M, PM]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readInto(ctx, req, resp, func(m *M) bool {
		model := PM(m)
		jobs, ok := readList(ctx, &d.dataSourceBase, model.listArguments(), d.orders[0].name, &resp.Diagnostics, model.list, d.id)
		if ok {
			resp.Diagnostics.Append(model.setJobs(ctx, jobs)...)
		}
		return ok && !resp.Diagnostics.HasError()
	})
}
