package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// batchDetails is a batch as dli_batch and the entries of dli_batches
// show it. A field the API did not send is null.
type batchDetails struct {
	batchStatus
	Name         types.String `tfsdk:"name"`
	Queue        types.String `tfsdk:"queue"`
	AppIDs       types.List   `tfsdk:"app_ids"`
	Owner        types.String `tfsdk:"owner"`
	ProxyUser    types.String `tfsdk:"proxy_user"`
	Kind         types.String `tfsdk:"kind"`
	SCType       types.String `tfsdk:"sc_type"`
	ClusterName  types.String `tfsdk:"cluster_name"`
	Image        types.String `tfsdk:"image"`
	Feature      types.String `tfsdk:"feature"`
	SparkVersion types.String `tfsdk:"spark_version"`
	CreatedAt    types.String `tfsdk:"created_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
	Log          types.List   `tfsdk:"log"`
}

func (d *batchDetails) set(b dli.Batch) {
	d.batchStatus.set(b.BatchState)
	d.Name = types.StringPointerValue(b.Name)
	d.Queue = types.StringPointerValue(b.Queue)
	d.AppIDs = stringList(b.AppIDs)
	d.Owner = types.StringPointerValue(b.Owner)
	d.ProxyUser = types.StringPointerValue(b.ProxyUser)
	d.Kind = types.StringPointerValue(b.SparkKind)
	d.SCType = types.StringPointerValue(b.SCType)
	d.ClusterName = types.StringPointerValue(b.ClusterName)
	d.Image = types.StringPointerValue(b.Image)
	d.Feature = types.StringPointerValue(b.Feature)
	d.SparkVersion = types.StringPointerValue(b.SparkVersion)
	d.CreatedAt = timeValue(b.CreatedAt.AsTime())
	d.UpdatedAt = timeValue(b.UpdatedAt.AsTime())
	d.Log = stringList(b.Log)
}

// stringList is a list of strings, null for nil.
func stringList(ss []string) types.List {
	if ss == nil {
		return types.ListNull(types.StringType)
	}
	elems := make([]attr.Value, len(ss))
	for i, s := range ss {
		elems[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, elems)
}

// timeValue is RFC 3339 in UTC (with the milliseconds when there are any),
// null for nil.
func timeValue(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339Nano))
}

// durationValue is a duration such as 1m5s, null for nil.
func durationValue(d *time.Duration) types.String {
	if d == nil {
		return types.StringNull()
	}
	return types.StringValue(d.String())
}

// batchDetailAttributes are the schema of batchDetails but batchStatus.
func batchDetailAttributes() map[string]schema.Attribute {
	str := func(description string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	list := func(description string) schema.Attribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"name":          str("The batch job's name (`name` in the API)."),
		"queue":         str("The queue the batch ran on."),
		"app_ids":       list("The batch's Spark application IDs (`appId`, which the API has sent both as a string and as an array), to find its logs; empty before an application has started."),
		"owner":         str("The user who submitted the batch."),
		"proxy_user":    str("The proxy user the batch ran as (`proxyUser`)."),
		"kind":          str("The batch's kind, as the API sent it."),
		"sc_type":       str("The batch's compute resource type (`sc_type`), e.g. `A`."),
		"cluster_name":  str("The cluster the batch ran on, for older queues."),
		"image":         str("The custom image of the batch, if any."),
		"feature":       str("The batch's feature, e.g. `basic` or `custom`."),
		"spark_version": str("The Spark version, e.g. `3.3.1`."),
		"created_at":    str("When the batch was created, RFC 3339 in UTC, e.g. `2024-11-29T00:00:00Z`."),
		"updated_at":    str("When the batch last changed, RFC 3339 in UTC."),
		"log":           list("The last lines of the batch's log that the API returns."),
	}
}
