package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// The per-read cost of the provider, which `make bench` reports: what one
// read costs the provider process besides the API's latency. The network is
// a loopback server in this process that answers every request at once with
// the page example, so that neither latency nor the fake cloud's own work
// (signature check, routing) is counted against the provider; the client's
// benchmarks in internal/alicloud run against the full fake cloud instead.

// benchReads are the detail data sources with the page example each reads.
var benchReads = []struct {
	typeName string
	config   map[string]tftypes.Value
	fixture  string
	newDS    func() datasource.DataSource
}{
	{
		typeName: "alisec_waf_threat_event",
		config: map[string]tftypes.Value{
			"instance_id": tftypes.NewValue(tftypes.String, "waf_v2_public_cn-lbj0xxxx"),
			"event_id":    tftypes.NewValue(tftypes.String, "1661131a028f72a976703f4a4082ad87"),
		},
		fixture: "../fakecloud/fixtures/waf/page-example.json",
		newDS:   NewWAFThreatEventDataSource,
	},
	{
		typeName: "alisec_dsc_event",
		config: map[string]tftypes.Value{
			"event_id": tftypes.NewValue(tftypes.Number, 52234),
			"lang":     tftypes.NewValue(tftypes.String, "en"),
		},
		fixture: "../fakecloud/fixtures/sddp/page-example.json",
		newDS:   NewDSCEventDataSource,
	},
}

// BenchmarkReadDataSource is one ReadDataSource call as Terraform makes it,
// minus the gRPC transport: msgpack config in, signed request to the fake
// cloud, decode, mapping, msgpack state out.
func BenchmarkReadDataSource(b *testing.B) {
	ctx := context.Background()
	for _, r := range benchReads {
		b.Run(r.typeName, func(b *testing.B) {
			server, schemas := configuredBenchServer(b, fixtureBody(b, r.fixture))
			typ := schemas.DataSourceSchemas[r.typeName].ValueType()
			config, err := tfprotov6.NewDynamicValue(typ, objectWith(typ, r.config))
			if err != nil {
				b.Fatal(err)
			}
			req := &tfprotov6.ReadDataSourceRequest{TypeName: r.typeName, Config: &config}
			b.ReportAllocs()
			for b.Loop() {
				resp, err := server.ReadDataSource(ctx, req)
				if err != nil || len(resp.Diagnostics) > 0 {
					b.Fatalf("ReadDataSource: %v %v", err, resp.Diagnostics)
				}
			}
		})
	}
}

// BenchmarkRead is one read as the provider does it, without the
// framework's protocol work around it: the configuration read, the signed
// request to the loopback server, decoding and mapping onto the state.
func BenchmarkRead(b *testing.B) {
	ctx := context.Background()
	for _, r := range benchReads {
		b.Run(r.typeName, func(b *testing.B) {
			startBenchAPI(b, fixtureBody(b, r.fixture))
			ds := configuredDataSource(b, r.newDS())
			var schemaResp datasource.SchemaResponse
			ds.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
			typ := schemaResp.Schema.Type().TerraformType(ctx)
			req := datasource.ReadRequest{Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: objectWith(typ, r.config)}}
			null := tftypes.NewValue(typ, nil)
			b.ReportAllocs()
			for b.Loop() {
				resp := datasource.ReadResponse{State: tfsdk.State{Schema: schemaResp.Schema, Raw: null}}
				ds.Read(ctx, req, &resp)
				if resp.Diagnostics.HasError() {
					b.Fatal(resp.Diagnostics)
				}
			}
		})
	}
}

// BenchmarkDecodeAndMap is the provider's own work on an answer already
// received: decoding the body and mapping it onto the data source's state.
func BenchmarkDecodeAndMap(b *testing.B) {
	ctx := context.Background()
	for _, r := range benchReads {
		b.Run(r.typeName, func(b *testing.B) {
			body := fixtureBody(b, r.fixture)
			var resp datasource.SchemaResponse
			r.newDS().Schema(ctx, datasource.SchemaRequest{}, &resp)
			typ := resp.Schema.Type().TerraformType(ctx)
			config := tfsdk.Config{Schema: resp.Schema, Raw: objectWith(typ, r.config)}
			b.ReportAllocs()
			for b.Loop() {
				state := tfsdk.State{Schema: resp.Schema, Raw: tftypes.NewValue(typ, nil)}
				if diags := decodeAndMap(ctx, r.typeName, body, config, &state); diags.HasError() {
					b.Fatal(diags)
				}
			}
		})
	}
}

// decodeAndMap does what a Read does after the API answered.
func decodeAndMap(ctx context.Context, typeName string, body []byte, config tfsdk.Config, state *tfsdk.State) (diags diag.Diagnostics) {
	switch typeName {
	case "alisec_waf_threat_event":
		var model wafThreatEventModel
		diags.Append(getConfig(ctx, config, &model)...)
		detail, err := alicloud.DecodeThreatEventDetail(body)
		if err != nil {
			diags.AddError("decode", err.Error())
			return diags
		}
		detail.RegionID = "cn-hangzhou"
		m := wafThreatEventFromAPI(model, detail)
		diags.Append(setState(ctx, state, &m)...)
	case "alisec_dsc_event":
		var model dscEventModel
		diags.Append(getConfig(ctx, config, &model)...)
		event, err := alicloud.DecodeEventDetail(body)
		if err != nil {
			diags.AddError("decode", err.Error())
			return diags
		}
		m := dscEventFromAPI(model, event)
		diags.Append(setState(ctx, state, &m)...)
	}
	return diags
}

// startBenchAPI starts a loopback server that answers every request with
// body, but for the WAF reads' instance check (made once per client), and
// points the provider's configuration from the environment at it.
func startBenchAPI(b *testing.B, body []byte) {
	b.Helper()
	instance := []byte(`{"RequestId":"R-instance","InstanceId":"waf_v2_public_cn-lbj0xxxx"}`)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		if r.URL.Query().Get("Action") == alicloud.WAFInstanceAction {
			_, _ = w.Write(instance)
			return
		}
		_, _ = w.Write(body)
	}))
	b.Cleanup(hs.Close)
	env := endpointEnv(hs.URL)
	env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = fakecloud.DefaultAccessKeyID
	env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = fakecloud.DefaultAccessKeySecret
	for name, value := range env {
		b.Setenv(name, value)
	}
}

// configuredBenchServer is the provider's protocol 6 server and its
// schemas, configured through the environment against a loopback server
// that answers every request with body.
func configuredBenchServer(b *testing.B, body []byte) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	b.Helper()
	startBenchAPI(b, body)
	server, err := providerserver.NewProtocol6WithError(New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	typ := schemas.Provider.ValueType()
	config, err := tfprotov6.NewDynamicValue(typ, objectWith(typ, nil))
	if err != nil {
		b.Fatal(err)
	}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &config})
	if err != nil || len(resp.Diagnostics) > 0 {
		b.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
	return server, schemas
}

// configuredDataSource is ds configured by the provider, whose settings come
// from the environment.
func configuredDataSource(b *testing.B, ds datasource.DataSource) datasource.DataSource {
	b.Helper()
	ctx := context.Background()
	p := New("bench")()
	var schemaResp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	config := tfsdk.Config{Schema: schemaResp.Schema, Raw: objectWith(schemaResp.Schema.Type().TerraformType(ctx), nil)}
	var configured provider.ConfigureResponse
	p.Configure(ctx, provider.ConfigureRequest{Config: config}, &configured)
	withConfigure, ok := ds.(datasource.DataSourceWithConfigure)
	if configured.Diagnostics.HasError() || !ok {
		b.Fatalf("configuring the provider: %v; %T has Configure: %t", configured.Diagnostics, ds, ok)
	}
	var resp datasource.ConfigureResponse
	withConfigure.Configure(ctx, datasource.ConfigureRequest{ProviderData: configured.DataSourceData}, &resp)
	if resp.Diagnostics.HasError() {
		b.Fatal(resp.Diagnostics)
	}
	return ds
}

// objectWith is a value of the object type typ with the given attributes
// set and every other one null, as Terraform sends an unset argument.
func objectWith(typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("%s is not an object type", typ))
	}
	values := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, attrType := range obj.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
		if v, ok := set[name]; ok {
			values[name] = v
		}
	}
	return tftypes.NewValue(typ, values)
}

// fixtureBody is the API response of one of the fake cloud's fixtures.
func fixtureBody(b testing.TB, path string) []byte {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var fixture struct{ Response json.RawMessage }
	if err := json.Unmarshal(data, &fixture); err != nil {
		b.Fatal(err)
	}
	return fixture.Response
}
