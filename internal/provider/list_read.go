package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// What the lists share, whatever the kind of job (dli_batches,
// dli_sql_jobs, dli_flink_jobs): order, limit, project, timeouts and ids,
// their schema, and the read.

// The limit of every list: how many jobs one read returns at most.
const (
	defaultListLimit = 100
	maxListLimit     = 1000
)

// listArgs are the arguments and the ids of every list.
type listArgs struct {
	Order     types.String   `tfsdk:"order"`
	Limit     wholeNumber    `tfsdk:"limit"`
	ProjectID types.String   `tfsdk:"project_id"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
	IDs       types.List     `tfsdk:"ids"`
}

// listOrder is one value of a list's order attribute.
type listOrder struct {
	name        string // as users write it, e.g. created_desc
	api         string // as the API names it
	description string
}

// orderValue is the API's name of the order chosen (the first when null).
func orderValue(orders []listOrder, chosen types.String) string {
	i := slices.IndexFunc(orders, func(o listOrder) bool { return o.name == chosen.ValueString() })
	return orders[max(i, 0)].api
}

// listArgAttributes are the schema of listArgs but timeouts (a block), for
// a list of kind whose entries are in the attribute named entries; the
// first of orders is the default.
func listArgAttributes(kind dli.Kind, entries string, orders []listOrder) map[string]schema.Attribute {
	names := make([]string, len(orders))
	described := make([]string, len(orders))
	for i, o := range orders {
		names[i] = o.name
		described[i] = "`" + o.name + "` (" + o.description + ")"
	}
	described[0] = strings.TrimSuffix(described[0], ")") + ", the default)"
	return map[string]schema.Attribute{
		"order": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "Order of `" + entries + "`: " + strings.Join(described, ", ") + ".",
			Validators:          []validator.String{oneOf{what: "order", values: names}},
		},
		"limit": schema.Int64Attribute{
			Optional:            true,
			CustomType:          wholeNumberType{},
			Computed:            true,
			MarkdownDescription: "The most " + kind.Plural + " to return, from 1 to 1000; default 100. The read sends one request per 100 " + kind.Plural + ".",
			Validators:          []validator.Int64{int64validator.Between(1, maxListLimit)},
		},
		"project_id": projectIDAttribute("the " + kind.Plural),
		"ids": schema.ListAttribute{
			Computed:            true,
			ElementType:         types.StringType,
			MarkdownDescription: "The IDs of `" + entries + "`, in the same order.",
		},
	}
}

// filterAttribute is an optional, non-empty string filter.
func filterAttribute(description string) schema.Attribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description,
		Validators: []validator.String{notEmpty{unset: "no filter on it"}}}
}

// oneOfFilterAttribute is a filter that takes one of values, in any case.
func oneOfFilterAttribute(description string, values []string) schema.Attribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description + ": one of " + statusList(values) + " (any case).",
		Validators: []validator.String{oneOf{what: "value", values: values, ignoreCase: true}}}
}

// timeBoundAttribute is an optional RFC 3339 time filter.
func timeBoundAttribute(description string) schema.Attribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description,
		Validators: []validator.String{rfc3339Validator{}}}
}

// entriesAttribute is the computed list of a list data source's jobs.
func entriesAttribute(description string, attributes map[string]schema.Attribute) schema.Attribute {
	return schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: description,
		NestedObject:        schema.NestedAttributeObject{Attributes: attributes},
	}
}

// readList is the read of every list: order and limit defaulted, then
// list, within timeouts.read, failing with the diagnostics every data
// source gives. It sets args.ProjectID to the project read and args.IDs.
func readList[T any](ctx context.Context, b *dataSourceBase, args *listArgs, defaultOrder string, diags *diag.Diagnostics,
	list func(c *dli.Client, ctx context.Context, projectID string, limit int) (dli.List[T], error), id func(T) string,
) ([]T, bool) {
	if args.Order.IsNull() {
		args.Order = types.StringValue(defaultOrder)
	}
	if args.Limit.IsNull() {
		args.Limit = wholeNumberValue(defaultListLimit)
	}
	ctx, cancel, scope, d := b.startRead(ctx, args.ProjectID, args.Timeouts)
	diags.Append(d...)
	if diags.HasError() {
		return nil, false
	}
	defer cancel()
	listed, err := list(b.data.client, ctx, scope.projectID, int(args.Limit.ValueInt64()))
	if err != nil {
		diags.Append(b.failed(err, scope))
		return nil, false
	}
	if listed.LeftOut > 0 {
		diags.Append(leftOutWarning(b.subject, listed.LeftOut))
	}
	jobs := listed.Items
	args.ProjectID = types.StringValue(scope.projectID)
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = id(j)
	}
	args.IDs = stringList(ids)
	return jobs, true
}

// leftOutWarning says how many entries of a list DLI sent without an ID,
// which the list leaves out: they cannot be read or waited for.
func leftOutWarning(s subject, n int) diag.Diagnostic {
	noun := s.kind.Plural
	if n == 1 {
		noun = s.kind.Noun
	}
	return diag.NewWarningDiagnostic(fmt.Sprintf("DLI listed %d %s without an ID", n, noun),
		fmt.Sprintf("DLI's answer listed %d %s without an ID; they are left out of the list (its other entries are read as usual). Report this with the X-Request-Id if it persists.", n, noun))
}

// objectList is jobs as a list of objects with attributes, each entry E
// filled by set.
func objectList[T, E any](ctx context.Context, entry types.ObjectType, jobs []T, set func(*E, T)) (types.List, diag.Diagnostics) {
	entries := make([]E, len(jobs))
	for i, j := range jobs {
		set(&entries[i], j)
	}
	return types.ListValueFrom(ctx, entry, entries)
}

// entryType is the object type of a list's entries, built once from their
// schema attributes (not at every read).
func entryType(attributes func() map[string]schema.Attribute) func() types.ObjectType {
	return sync.OnceValue(func() types.ObjectType {
		attrTypes := map[string]attr.Type{}
		for name, a := range attributes() {
			attrTypes[name] = a.GetType()
		}
		return types.ObjectType{AttrTypes: attrTypes}
	})
}
