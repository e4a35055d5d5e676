package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// queueModel is dli_queue: the queue's name, whether to wait until it is
// ready, and the queue as its project's queue list shows it.
type queueModel struct {
	Name                    types.String   `tfsdk:"name"`
	WaitForReady            types.Bool     `tfsdk:"wait_for_ready"`
	MinCUCount              wholeNumber    `tfsdk:"min_cu_count"`
	ProjectID               types.String   `tfsdk:"project_id"`
	Timeouts                timeouts.Value `tfsdk:"timeouts"`
	ID                      types.String   `tfsdk:"id"`
	QueueType               types.String   `tfsdk:"queue_type"`
	CUCount                 types.Int64    `tfsdk:"cu_count"`
	UsedCU                  types.Float64  `tfsdk:"used_cu"`
	IsRestarting            types.Bool     `tfsdk:"is_restarting"`
	Ready                   types.Bool     `tfsdk:"ready"`
	ResourceMode            types.Int64    `tfsdk:"resource_mode"`
	ElasticResourcePoolName types.String   `tfsdk:"elastic_resource_pool_name"`
	Owner                   types.String   `tfsdk:"owner"`
	Description             types.String   `tfsdk:"description"`
	CreatedAt               types.String   `tfsdk:"created_at"`
	SparkVersions           types.List     `tfsdk:"spark_versions"`
	DefaultSparkVersion     types.String   `tfsdk:"default_spark_version"`
}

func (m *queueModel) set(q dli.Queue) {
	m.ID = types.StringValue(q.Name)
	m.QueueType = types.StringPointerValue(q.QueueType)
	m.CUCount = types.Int64PointerValue(q.CUCount)
	m.UsedCU = types.Float64PointerValue(q.UsedCU)
	m.IsRestarting = types.BoolPointerValue(q.IsRestarting)
	m.Ready = types.BoolValue(q.Ready(m.MinCUCount.ValueInt64()))
	m.ResourceMode = types.Int64PointerValue(q.ResourceMode)
	m.ElasticResourcePoolName = types.StringPointerValue(q.ElasticResourcePoolName)
	m.Owner = types.StringPointerValue(q.Owner)
	m.Description = types.StringPointerValue(q.Description)
	m.CreatedAt = timeValue(q.CreatedAt.AsTime())
	m.SparkVersions = stringList(q.SparkVersions)
	m.DefaultSparkVersion = types.StringPointerValue(q.DefaultSparkVersion)
}

type queueDataSource struct{ dataSourceBase }

// newQueueDataSource is dli_queue.
func newQueueDataSource() datasource.DataSource {
	return &queueDataSource{dataSourceBase{subject: queueSubject}}
}

func (d *queueDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_queue"
}

func (d *queueDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(description string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	resp.Schema = dataSourceSchema(ctx,
		"Reads a DLI queue by name from its project's queue list and, with `wait_for_ready`, waits until it is not restarting and has at least `min_cu_count` CUs, so that a job is submitted only to a queue that can run it.",
		map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the queue: letters, digits and underscores, not digits only, not starting with an underscore, at most 128 characters; " +
					"any case (DLI keeps queue names in lower case).",
				Validators: []validator.String{dliName{what: "queue"}},
			},
			"wait_for_ready": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Poll until `ready` is true (default false: read once). The read fails when `timeouts.read` runs out, saying whether the queue was last seen restarting and with how many CUs.",
			},
			"min_cu_count": schema.Int64Attribute{
				Optional:            true,
				CustomType:          wholeNumberType{},
				MarkdownDescription: "The fewest CUs (`cu_count`) a ready queue has, at least 1; unset, any number. A queue scaling out is ready only once it has them.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"project_id": projectIDAttribute("the queue"),
			"id":         str("The queue's name, as DLI returned it (in lower case)."),
			"queue_type": str("`sql` (SQL jobs) or `general` (Spark jar and Flink jobs)."),
			"cu_count":   schema.Int64Attribute{Computed: true, MarkdownDescription: "The queue's CUs."},
			"used_cu":    schema.Float64Attribute{Computed: true, MarkdownDescription: "The CUs in use."},
			"is_restarting": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the queue is restarting (null when DLI left it out, which means false)."},
			"ready": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the queue takes jobs: not restarting, and with at least `min_cu_count` CUs when that is set."},
			"resource_mode":              schema.Int64Attribute{Computed: true, MarkdownDescription: "`0` shared, `1` dedicated."},
			"elastic_resource_pool_name": str("The elastic resource pool the queue is in, if any."),
			"owner":                      str("The user who created the queue."),
			"description":                str("The queue's description."),
			"created_at":                 str("When the queue was created, RFC 3339 in UTC, e.g. `2024-11-29T00:00:00Z`."),
			"spark_versions": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The Spark versions the queue runs."},
			"default_spark_version": str("The Spark version a job gets when it names none."),
		})
}

func (d *queueDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readInto(ctx, req, resp, func(m *queueModel) bool {
		name, minCU := m.Name.ValueString(), m.MinCUCount.ValueInt64()
		q, ok := readOne(ctx, &d.dataSourceBase, &m.ProjectID, m.Timeouts, &resp.Diagnostics, func(ctx context.Context, projectID string) (dli.Queue, error) {
			if m.WaitForReady.ValueBool() {
				return d.data.waiter.WaitQueueReady(ctx, projectID, name, minCU)
			}
			return d.data.client.Queue(ctx, projectID, name)
		})
		if ok {
			m.set(q)
		}
		return ok
	})
}

var queueSubject = subject{kind: dli.QueueKind, idAttribute: "name"}
