package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// dscRegionIDAttribute is the region_id argument of the Data Security
// Center data sources, validated against the product table's regions.
func dscRegionIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "API region of Data Security Center: `cn-zhangjiakou` (Chinese mainland), `cn-hongkong` or `ap-southeast-1` (elsewhere). " +
			"Default: derived from the provider `region`: `cn-hongkong` for itself, `cn-zhangjiakou` for the other `cn-*` regions and " +
			"`ap-southeast-1` for the rest. It is sent as `RegionId` and picks the public endpoint (`" + products.Sddp.Endpoint("cn-zhangjiakou") +
			"`, `" + products.Sddp.Endpoint("cn-hongkong") + "`, `" + products.Sddp.Endpoint("ap-southeast-1") + "`); " +
			"an `endpoints.sddp` set on the provider is called whatever it says. " + sddpHongKongRouting(),
		Validators: []validator.String{stringvalidator.OneOf(products.Sddp.Regions...)},
	}
}

// sddpHongKongRouting states the two readings of where Data Security
// Center is reached from Hong Kong, for the region_id and endpoints.sddp
// descriptions.
func sddpHongKongRouting() string {
	hk, sg := products.Sddp.Endpoint("cn-hongkong"), products.Sddp.Endpoint("ap-southeast-1")
	return "Data Security Center's Hong Kong endpoint has two readings: Alibaba Cloud's Endpoints page (and the Sddp 2019-01-03 SDKs) " +
		"list `" + hk + "` for `cn-hongkong`, and this provider calls it by default; Alibaba's own Terraform provider (aliyun/terraform-provider-alicloud) has no Hong Kong entry and falls " +
		"back to `" + sg + "`, as for every region outside the Chinese mainland. Which host answers Hong Kong accounts has not been " +
		"verified against a live account. If Hong Kong reads fail with \"Endpoint Unreachable\" or \"Endpoint Timed Out\", set `region_id = \"ap-southeast-1\"` " +
		"on the data source or `endpoints { sddp = \"" + sg + "\" }` on the provider."
}
