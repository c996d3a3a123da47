package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

func TestCIDRContainsAnyFunction(t *testing.T) {
	contains := func(name string, cidrs, ips types.List, want bool) functionCase {
		return functionCase{name: name, args: []attr.Value{cidrs, ips}, want: types.BoolValue(want)}
	}
	bad := func(name string, cidrs, ips types.List, wantErr string, wantArg int64) functionCase {
		return functionCase{name: name, args: []attr.Value{cidrs, ips}, wantErr: wantErr, wantArg: wantArg}
	}
	withNull := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("10.0.0.0/8"), types.StringNull()})
	withUnknown := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("10.0.0.1"), types.StringUnknown()})
	scanners := stringList("203.0.113.0/24", "2001:db8:5ca::/48")
	runFunctionCases(t, NewCIDRContainsAnyFunction(), []functionCase{
		contains("IPv4 inside", scanners, stringList("203.0.113.7"), true),
		contains("IPv4 outside", scanners, stringList("198.51.100.7"), false),
		contains("first and last address of the block", stringList("203.0.113.0/24"), stringList("203.0.113.0", "203.0.113.255"), true),
		contains("just outside the block", stringList("203.0.113.0/24"), stringList("203.0.112.255", "203.0.114.0"), false),
		contains("any of several IPs", scanners, stringList("198.51.100.7", "203.0.113.9"), true),
		contains("IPv6 inside", scanners, stringList("2001:db8:5ca:1::7"), true),
		contains("IPv6 outside", scanners, stringList("2001:db8:5cb::7"), false),
		contains("IPv6 written out in full", scanners, stringList("2001:0db8:05ca:0000:0000:0000:0000:0007"), true),
		contains("IPv6 upper case", stringList("2001:DB8::/32"), stringList("2001:db8::1"), true),
		contains("IPv4 address, IPv6 block", stringList("::/0"), stringList("203.0.113.7"), false),
		contains("IPv6 address, IPv4 block", stringList("0.0.0.0/0"), stringList("2001:db8::1"), false),
		contains("IPv4-mapped IPv6 address counts as IPv4", stringList("203.0.113.0/24"), stringList("::ffff:203.0.113.7"), true),
		contains("IPv4-mapped IPv6 block counts as IPv4", stringList("::ffff:203.0.113.0/120"), stringList("203.0.113.7"), true),
		contains("IPv6 zone ignored", stringList("fe80::/10"), stringList("fe80::1%eth0"), true),
		contains("host bits in the block", stringList("203.0.113.77/24"), stringList("203.0.113.7"), true),
		contains("/32", stringList("203.0.113.7/32"), stringList("203.0.113.7"), true),
		contains("/32 other address", stringList("203.0.113.7/32"), stringList("203.0.113.8"), false),
		contains("/128", stringList("2001:db8::7/128"), stringList("2001:db8::7"), true),
		contains("/0 holds every IPv4 address", stringList("0.0.0.0/0"), stringList("198.51.100.7"), true),
		contains("no blocks", stringList(), stringList("203.0.113.7"), false),
		contains("no IPs", scanners, stringList(), false),
		{name: "unknown cidrs", args: []attr.Value{types.ListUnknown(types.StringType), stringList("203.0.113.7")}, want: types.BoolUnknown()},
		{name: "unknown ips", args: []attr.Value{scanners, types.ListUnknown(types.StringType)}, want: types.BoolUnknown()},
		{name: "unknown element", args: []attr.Value{stringList("10.0.0.0/8"), withUnknown}, want: types.BoolUnknown()},
		bad("invalid CIDR", stringList("10.0.0.0/8", "10.0.0.300/8"), stringList("10.0.0.1"),
			`Invalid CIDR block: expected IPv4 or IPv6 CIDR blocks such as "203\.0\.113\.0/24" or "2001:db8::/32", got cidrs\[1\] = "10\.0\.0\.300/8"\. Correct or remove the element\.`, 0),
		bad("every invalid CIDR named", stringList("10.0.0.0/33", "10.0.0.0/8", "fe80::/129", ""), stringList("10.0.0.1"),
			`got cidrs\[0\] = "10\.0\.0\.0/33", cidrs\[2\] = "fe80::/129", cidrs\[3\] = ""\.`, 0),
		bad("address in cidrs", stringList("203.0.113.7"), stringList("203.0.113.7"),
			`cidrs\[0\] = "203\.0\.113\.7" \(an address without a prefix length: add /32 for IPv4 or /128 for IPv6\)`, 0),
		bad("zone in a block", stringList("fe80::%eth0/10"), stringList("fe80::1"), `cidrs\[0\] = "fe80::%eth0/10"`, 0),
		bad("invalid IP", scanners, stringList("203.0.113.7", "203.0.113"),
			`Invalid IP address: expected IPv4 or IPv6 addresses such as "203\.0\.113\.7" or "2001:db8::7", got ips\[1\] = "203\.0\.113"\. Correct or remove the element\.`, 1),
		bad("leading zeros", scanners, stringList("203.0.113.07"), `ips\[0\] = "203\.0\.113\.07"`, 1),
		bad("spaces", scanners, stringList(" 203.0.113.7"), `ips\[0\] = " 203\.0\.113\.7"`, 1),
		bad("block in ips", scanners, stringList("203.0.113.0/24"), `ips\[0\] = "203\.0\.113\.0/24" \(a CIDR block: ips takes addresses; put blocks in cidrs\)`, 1),
		// A match does not hide a later bad element.
		bad("invalid IP after a match", scanners, stringList("203.0.113.7", "not-an-ip"), `ips\[1\] = "not-an-ip"`, 1),
		bad("invalid IP with unknown cidrs", types.ListUnknown(types.StringType), stringList("x"), `ips\[0\] = "x"`, 1),
		bad("both invalid: both reported, the first named", stringList("x/8"), stringList("y"), `(?s)cidrs\[0\] = "x/8".*\n.*ips\[0\] = "y"`, 0),
		bad("null element", withNull, stringList("10.0.0.1"), `Null element in cidrs: cidrs\[1\] is null\. Remove it, or drop nulls with compact\(\)\.`, 0),
		bad("null cidrs", types.ListNull(types.StringType), stringList("10.0.0.1"), `cidrs must not be null\. Pass a list, \[\] for none\.`, 0),
		bad("null ips", scanners, types.ListNull(types.StringType), `ips must not be null`, 1),
	})
}

func TestAccFunctionCIDRContainsAny_basic(t *testing.T) {
	const scanners = `["203.0.113.0/24", "2001:db8:5ca::/48"]`
	testAccFunction(t, testAccFunctionStepOutputs([]functionOutput{
		{"ipv4_in", `provider::alisec::cidr_contains_any(` + scanners + `, ["203.0.113.7"])`, knownvalue.Bool(true)},
		{"ipv4_out", `provider::alisec::cidr_contains_any(` + scanners + `, ["198.51.100.7"])`, knownvalue.Bool(false)},
		{"ipv6_in", `provider::alisec::cidr_contains_any(` + scanners + `, ["2001:db8:5ca:1::7"])`, knownvalue.Bool(true)},
		{"ipv6_out", `provider::alisec::cidr_contains_any(` + scanners + `, ["2001:db8:5cb::7"])`, knownvalue.Bool(false)},
		{"any", `provider::alisec::cidr_contains_any(` + scanners + `, ["198.51.100.7", "203.0.113.9"])`, knownvalue.Bool(true)},
		{"empty", `provider::alisec::cidr_contains_any([], ["203.0.113.7"])`, knownvalue.Bool(false)},
		{"set", `provider::alisec::cidr_contains_any(toset(["10.0.0.0/8"]), toset(["10.1.2.3"]))`, knownvalue.Bool(true)},
	}))
}

func TestAccFunctionCIDRContainsAny_errors(t *testing.T) {
	testAccFunction(t,
		testAccFunctionStepError(`provider::alisec::cidr_contains_any(["10.0.0.0/8", "10.0.0.300/8"], ["10.0.0.1"])`,
			`Invalid function argument .* Invalid value for "cidrs" parameter: Invalid CIDR block: expected IPv4 or IPv6 CIDR blocks such as "203.0.113.0/24" or "2001:db8::/32", got cidrs[1] = "10.0.0.300/8".`),
		testAccFunctionStepError(`provider::alisec::cidr_contains_any(["10.0.0.0/8"], ["10.0.0.1", "10.0.0.0/24"])`,
			`Invalid value for "ips" parameter: Invalid IP address: .* got ips[1] = "10.0.0.0/24" (a CIDR block: ips takes addresses; put blocks in cidrs).`),
		testAccFunctionStepError(`provider::alisec::cidr_contains_any(["10.0.0.0/8", null], ["10.0.0.1"])`, `cidrs[1] is null.`),
		testAccFunctionStepError(`provider::alisec::cidr_contains_any(null, ["10.0.0.1"])`, `Invalid function argument .* "cidrs" .* must not be null`),
	)
}

func TestAccFunctionCIDRContainsAny_unknown(t *testing.T) {
	testAccFunction(t, testAccFunctionStepUnknown(`["203.0.113.7"]`,
		`provider::alisec::cidr_contains_any(["203.0.113.0/24"], terraform_data.input.output)`, knownvalue.Bool(true)))
}

func stringList(items ...string) types.List {
	values := make([]attr.Value, 0, len(items))
	for _, s := range items {
		values = append(values, types.StringValue(s))
	}
	return types.ListValueMust(types.StringType, values)
}
