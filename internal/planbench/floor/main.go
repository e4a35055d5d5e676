// Command floor is the cost floor of a plan of data sources: a
// terraform-plugin-framework provider whose floor_batch_state answers from
// memory after waiting what a round trip to the mock takes (its provider's
// latency). What a plan of N of them costs is what Terraform and the
// framework cost for N reads; planbench -floor measures this provider
// against it, so BENCHMARKS.md can say how much of a plan is ours.
package main

import (
	"context"
	"log"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &floor{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/dli-terraform/floor"})
	if err != nil {
		log.Fatal(err)
	}
}

type floor struct{}

func (*floor) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "floor"
}

func (*floor) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{Attributes: map[string]pschema.Attribute{
		"latency": pschema.StringAttribute{Required: true},
	}}
}

func (*floor) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var latency types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("latency"), &latency)...)
	d, err := time.ParseDuration(latency.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("latency", err.Error())
		return
	}
	resp.DataSourceData = d
}

func (*floor) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return &batchState{} }}
}

func (*floor) Resources(context.Context) []func() resource.Resource { return nil }

// batchState takes a batch_id and answers "success" with it as its id, as
// dli_batch_state does for a batch that has succeeded.
type batchState struct{ latency time.Duration }

type batchStateModel struct {
	ID      types.String `tfsdk:"id"`
	BatchID types.String `tfsdk:"batch_id"`
	State   types.String `tfsdk:"state"`
}

func (*batchState) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "floor_batch_state"
}

func (*batchState) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":       schema.StringAttribute{Computed: true},
		"batch_id": schema.StringAttribute{Required: true},
		"state":    schema.StringAttribute{Computed: true},
	}}
}

func (d *batchState) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	if latency, ok := req.ProviderData.(time.Duration); ok {
		d.latency = latency
	}
}

func (d *batchState) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m batchStateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	select {
	case <-time.After(d.latency):
	case <-ctx.Done():
	}
	m.ID, m.State = m.BatchID, types.StringValue("success")
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
