package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func computedInt64(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
}

func computedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
}

func computedStrings(desc string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
}

// wholeNumber is a whole-number argument as the model's int64, nil when
// unset: the schema's wholeNumberValidator has refused a fraction or a
// number beyond int64 before any read.
func wholeNumber(v types.Number) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n, _ := v.ValueBigFloat().Int64()
	return &n
}

// optionalWholeNumber is an optional whole-number argument, checked by
// wholeNumberValidator rather than by the framework's Int64 type, which
// answers a fraction with "This is always an error in the provider".
func optionalWholeNumber(desc string, v wholeNumberValidator) schema.NumberAttribute {
	return schema.NumberAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.Number{v}}
}

// maxResultsAttribute is a list data source's max_results: a whole number,
// at least 1.
func maxResultsAttribute(desc string) schema.NumberAttribute {
	return optionalWholeNumber(desc, wholeNumberValidator{summary: "Invalid Max Results", min: 1,
		fix: "Write how many items to keep at most, or leave max_results unset for all of them."})
}

// maxResults is max_results as the client takes it: 0 for all.
func maxResults(v types.Number) int {
	if n := wholeNumber(v); n != nil {
		return int(*n)
	}
	return 0
}
