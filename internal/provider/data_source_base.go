package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// dataSource is what every data source embeds, as terraform-provider-aws's
// DataSourceWithConfigure is: its name, the provider's data, and the steps
// of Metadata, Configure, Schema and Read that all share. A data source
// keeps only its schema, its model M and fetch, which calls the API and
// maps the answer.
type dataSource[M any] struct {
	target readTarget
	schema func() schema.Schema
	// fetch reads what config asks for and returns the state to set; it
	// returns a nil state, with diagnostics, for a configuration it cannot
	// read, and an error for a failed API call.
	fetch func(ctx context.Context, client *alicloud.Client, config M, diags *diag.Diagnostics) (*M, error)
	data  *providerData
}

// readTarget names what a data source reads, for its error messages.
type readTarget struct {
	name   string // the data source's name without the provider's: "waf_threat_event"
	action string // API action
}

// typeName is the data source's full name, as users write it.
func (t readTarget) typeName() string { return "alisec_" + t.name }

func (d *dataSource[M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.target.name
}

func (d *dataSource[M]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dataSource[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema()
}

// Read reads the configuration, fetches, and sets the state, or reports
// why it could not by cause.
func (d *dataSource[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config M
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	client := clientFrom(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	state, err := d.fetch(ctx, client, config, &resp.Diagnostics)
	if err != nil {
		addReadError(&resp.Diagnostics, d.target, d.data.credentials, err)
		return
	}
	if state == nil || resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, state)...)
}

// model is a new, empty model of the data source, for the tests that hold
// every registered data source's model to what the mapping supports.
func (d *dataSource[M]) model() any { return new(M) }
