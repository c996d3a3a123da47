package provider

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*cidrContainsAnyFunction)(nil)

// NewCIDRContainsAnyFunction is cidr_contains_any(cidrs, ips).
func NewCIDRContainsAnyFunction() function.Function { return &cidrContainsAnyFunction{} }

type cidrContainsAnyFunction struct{}

func (f *cidrContainsAnyFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "cidr_contains_any"
}

func (f *cidrContainsAnyFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether any IP address lies in any CIDR block",
		MarkdownDescription: "Returns `true` when at least one address of `ips` lies in at least one block of `cidrs`, " +
			"IPv4 and IPv6 alike, and `false` when none does or either list is empty. Use it for allow-lists, such as " +
			"the ranges of your own vulnerability scanner or of an agreed penetration test.\n\n" +
			"Every element is checked, whether or not an earlier one matched: an element that is not a CIDR block or an " +
			"address, or is null, is an argument error naming the element and its position (`cidrs[2]`, counting from 0). " +
			"An IPv4-mapped IPv6 address (`::ffff:203.0.113.7`) counts as its IPv4 address, and an IPv6 zone (`%eth0`) is " +
			"ignored. " + functionNullUnknownDocs + " A list holding an unknown element also gives an unknown result.\n\n" + functionVersionDocs,
		Parameters: []function.Parameter{
			function.ListParameter{
				Name:        "cidrs",
				ElementType: types.StringType,
				MarkdownDescription: "CIDR blocks, such as `\"203.0.113.0/24\"` or `\"2001:db8::/32\"`. Host bits are allowed " +
					"(`\"203.0.113.7/24\"` is `203.0.113.0/24`). A single address needs its prefix length: `/32` (IPv4) or `/128` (IPv6).",
			},
			function.ListParameter{
				Name:        "ips",
				ElementType: types.StringType,
				MarkdownDescription: "IP addresses, such as an event's `event_src` or `event_condition.real_client_ips`: " +
					"`\"203.0.113.7\"` or `\"2001:db8::7\"`, without a prefix length.",
			},
		},
		Return: function.BoolReturn{},
	}
}

func (f *cidrContainsAnyFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var cidrList, ipList types.List
	if err := req.Arguments.Get(ctx, &cidrList, &ipList); err != nil {
		resp.Error = err
		return
	}
	cidrs, cidrsKnown, cidrsErr := stringElements(ctx, cidrList, 0, "cidrs")
	ips, ipsKnown, ipsErr := stringElements(ctx, ipList, 1, "ips")
	if cidrsErr != nil || ipsErr != nil {
		resp.Error = function.ConcatFuncErrors(cidrsErr, ipsErr)
		return
	}
	var prefixes []netip.Prefix
	var addrs []netip.Addr
	if cidrsKnown {
		prefixes, cidrsErr = parsePrefixes(cidrs)
	}
	if ipsKnown {
		addrs, ipsErr = parseAddrs(ips)
	}
	if cidrsErr != nil || ipsErr != nil {
		resp.Error = function.ConcatFuncErrors(cidrsErr, ipsErr)
		return
	}
	if !cidrsKnown || !ipsKnown {
		resp.Error = resp.Result.Set(ctx, types.BoolUnknown())
		return
	}
	resp.Error = resp.Result.Set(ctx, types.BoolValue(anyContains(prefixes, addrs)))
}

// stringElements reads a list argument's elements; known is false when the
// list or an element is unknown. Null elements are errors.
func stringElements(ctx context.Context, list types.List, argument int64, name string) ([]string, bool, *function.FuncError) {
	if list.IsUnknown() {
		return nil, false, nil
	}
	if list.IsNull() {
		return nil, false, function.NewArgumentFuncError(argument, nullArgumentText(name, "Pass a list, [] for none."))
	}
	var elements []types.String
	if diags := list.ElementsAs(ctx, &elements, false); diags.HasError() {
		return nil, false, function.NewArgumentFuncError(argument, fmt.Sprintf(
			"Invalid %s: expected a list of strings. This is a bug in the provider; please report it: %v", name, diags))
	}
	out := make([]string, 0, len(elements))
	known := true
	var problems []string
	for i, e := range elements {
		switch {
		case e.IsUnknown():
			known = false
		case e.IsNull():
			problems = append(problems, fmt.Sprintf("%s[%d] is null.", name, i))
		default:
			out = append(out, e.ValueString())
		}
	}
	if len(problems) > 0 {
		return nil, false, function.NewArgumentFuncError(argument, fmt.Sprintf(
			"Null element in %s: %s Remove it, or drop nulls with compact().", name, strings.Join(problems, " ")))
	}
	return out, known, nil
}

// parsePrefixes parses every CIDR block and reports every bad one.
func parsePrefixes(cidrs []string) ([]netip.Prefix, *function.FuncError) {
	prefixes := make([]netip.Prefix, 0, len(cidrs))
	var problems []string
	for i, s := range cidrs {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			hint := ""
			if _, addrErr := netip.ParseAddr(s); addrErr == nil {
				hint = " (an address without a prefix length: add /32 for IPv4 or /128 for IPv6)"
			}
			problems = append(problems, fmt.Sprintf("cidrs[%d] = %q%s", i, s, hint))
			continue
		}
		prefixes = append(prefixes, unmapPrefix(p.Masked()))
	}
	if len(problems) > 0 {
		return nil, function.NewArgumentFuncError(0, fmt.Sprintf(
			"Invalid CIDR block: expected IPv4 or IPv6 CIDR blocks such as \"203.0.113.0/24\" or \"2001:db8::/32\", got %s. "+
				"Correct or remove the element.", strings.Join(problems, ", ")))
	}
	return prefixes, nil
}

// parseAddrs parses every IP address and reports every bad one.
func parseAddrs(ips []string) ([]netip.Addr, *function.FuncError) {
	addrs := make([]netip.Addr, 0, len(ips))
	var problems []string
	for i, s := range ips {
		a, err := netip.ParseAddr(s)
		if err != nil {
			hint := ""
			if _, prefixErr := netip.ParsePrefix(s); prefixErr == nil {
				hint = " (a CIDR block: ips takes addresses; put blocks in cidrs)"
			}
			problems = append(problems, fmt.Sprintf("ips[%d] = %q%s", i, s, hint))
			continue
		}
		addrs = append(addrs, a.WithZone("").Unmap())
	}
	if len(problems) > 0 {
		return nil, function.NewArgumentFuncError(1, fmt.Sprintf(
			"Invalid IP address: expected IPv4 or IPv6 addresses such as \"203.0.113.7\" or \"2001:db8::7\", got %s. "+
				"Correct or remove the element.", strings.Join(problems, ", ")))
	}
	return addrs, nil
}

// unmapPrefix turns an IPv4-mapped IPv6 block (::ffff:203.0.113.0/120) into
// its IPv4 block, as addresses are unmapped too.
func unmapPrefix(p netip.Prefix) netip.Prefix {
	if !p.Addr().Is4In6() || p.Bits() < 96 {
		return p
	}
	return netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
}

func anyContains(prefixes []netip.Prefix, addrs []netip.Addr) bool {
	for _, a := range addrs {
		for _, p := range prefixes {
			if p.Contains(a) {
				return true
			}
		}
	}
	return false
}
