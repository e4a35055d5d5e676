package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// poolArgs are the arguments of dli_elastic_resource_pool: a job's, with
// the pool's name for the job's ID.
type poolArgs struct {
	Name types.String `tfsdk:"name"`
	waitArgs
}

func (a *poolArgs) jobID() string            { return a.Name.ValueString() }
func (a *poolArgs) waitArguments() *waitArgs { return &a.waitArgs }
func (a *poolArgs) presence() *presenceArgs  { return nil } // DLI does not purge pools

// poolFields are a pool as dli_elastic_resource_pool shows it. A field the
// API did not send is null.
type poolFields struct {
	ID          types.String `tfsdk:"id"`
	Status      types.String `tfsdk:"status"`
	FailReason  types.String `tfsdk:"fail_reason"`
	CurrentCU   types.Int64  `tfsdk:"current_cu"`
	ActualCU    types.Int64  `tfsdk:"actual_cu"`
	MinCU       types.Int64  `tfsdk:"min_cu"`
	MaxCU       types.Int64  `tfsdk:"max_cu"`
	Queues      types.List   `tfsdk:"queues"`
	Owner       types.String `tfsdk:"owner"`
	Description types.String `tfsdk:"description"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

func (f *poolFields) set(p dli.ElasticResourcePool) {
	f.ID = types.StringValue(p.Name)
	f.Status = types.StringNull()
	if p.Status != "" {
		f.Status = types.StringValue(p.Status)
	}
	f.FailReason = types.StringPointerValue(p.FailReason)
	f.CurrentCU = types.Int64PointerValue(p.CurrentCU)
	f.ActualCU = types.Int64PointerValue(p.ActualCU)
	f.MinCU = types.Int64PointerValue(p.MinCU)
	f.MaxCU = types.Int64PointerValue(p.MaxCU)
	f.Queues = stringList(p.Queues)
	f.Owner = types.StringPointerValue(p.Owner)
	f.Description = types.StringPointerValue(p.Description)
	f.CreatedAt = timeValue(p.CreatedAt.AsTime())
	f.UpdatedAt = timeValue(p.UpdatedAt.AsTime())
}

func poolFieldAttributes() map[string]schema.Attribute {
	str := func(description string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	cu := func(description string) schema.Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":          str("The pool's name, as DLI returned it (in lower case)."),
		"status":      str("The pool's status exactly as the API returned it: one of " + statusList(dli.ElasticResourcePoolKind.Statuses) + "."),
		"fail_reason": str("Why the pool failed, when its status is `FAILED`."),
		"current_cu":  cu("The CUs the pool is set to have now."),
		"actual_cu":   cu("The CUs the pool actually has; below `current_cu` while it scales."),
		"min_cu":      cu("The fewest CUs the pool scales to."),
		"max_cu":      cu("The most CUs the pool scales to."),
		"queues": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The names of the queues in the pool."},
		"owner":       str("The user who created the pool."),
		"description": str("The pool's description."),
		"created_at":  str("When the pool was created, RFC 3339 in UTC, e.g. `2024-11-29T00:00:00Z`."),
		"updated_at":  str("When the pool last changed, RFC 3339 in UTC."),
	}
}

// The pool's name, in the data source and the action.
const poolNameDescription = "Name of the elastic resource pool: letters, digits and underscores, not digits only, not starting with an underscore, at most 128 characters. " +
	"DLI's own filter matches part of a name; the provider keeps the exact match only (in any case: DLI keeps pool names in lower case), so `pool_a` does not read `pool_a_backup`."

var poolNameValidator = dliName{what: "elastic resource pool"}

type elasticResourcePoolModel struct {
	poolArgs
	poolFields
}

// newElasticResourcePoolDataSource is dli_elastic_resource_pool.
func newElasticResourcePoolDataSource() datasource.DataSource {
	return &oneJobDataSource[dli.ElasticResourcePool, elasticResourcePoolModel, *elasticResourcePoolModel]{
		dataSourceBase: dataSourceBase{subject: poolSubject},
		typeName:       "_elastic_resource_pool",
		once:           (*dli.Client).ElasticResourcePool,
		wait:           dli.Waiter.WaitElasticResourcePool,
		description:    "Reads a DLI elastic resource pool by name and, with `wait_for`, waits until its status is one of those given, e.g. `AVAILABLE` before jobs are submitted to its queues.",
		attributes: func() map[string]schema.Attribute {
			return merge(waitArgAttributes(dli.ElasticResourcePoolKind, "name", poolNameDescription, poolNameValidator), poolFieldAttributes())
		},
	}
}

var poolSubject = subject{kind: dli.ElasticResourcePoolKind, idAttribute: "name"}

// newElasticResourcePoolWaitAction is dli_elastic_resource_pool_wait.
func newElasticResourcePoolWaitAction() action.Action {
	return newWaitAction("_elastic_resource_pool_wait", "dli_elastic_resource_pool", poolSubject, poolNameDescription, poolNameValidator, dli.Waiter.WaitElasticResourcePool)
}
