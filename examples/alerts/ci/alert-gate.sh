#!/bin/sh
# alert-gate.sh: run an alert configuration's plan in CI and say which of
# five outcomes it had, by exit status, without reading any message text.
#
# Usage, in the root module after `terraform init -input=false`:
#
#   [TERRAFORM=terraform] [ALERT_GATE_PLAN=tfplan] alert-gate.sh [plan options]
#
# Plan options (-var, -var-file, -parallelism, ...) go to `terraform plan`;
# the script adds -input=false, -json and -out itself. TERRAFORM is the CLI
# to run: terraform (default), tofu, or a path to either.
#
# Exit status:
#   0   clean: every check passed and every data source was read.
#   10  rule fired: a check block's assertion failed (Terraform's warning).
#       The plan is complete: its outputs are in ALERT_GATE_PLAN.json.
#   11  gate fired: a precondition or postcondition failed (Terraform's
#       error); the plan stopped and has no outputs.
#   12  broken sweep: something could not be read or evaluated (credentials,
#       RAM permissions, throttling, endpoint, an unexpected answer, a
#       configuration error, a data source or condition left for apply, a
#       warning that a read may be blind: "WAF Instance Not Verified",
#       "Unexpected API Value", "Time Window In The Future", "Time Window
#       Before Retention"). No verdict on the events can be drawn.
#   13  rule fired, partly blind: a check block's assertion failed, as for
#       10, and part of the sweep is blind, as for 12. The alert is real
#       and its outputs are in ALERT_GATE_PLAN.json (those that depend on
#       a blind read may be missing): deliver it, with the blind reads the
#       summary line names, and fix the job: the rules that could not be
#       evaluated may have fired too.
#   Any other status means the script did not finish: treat it as 12.
#
# Output: the diagnostics, one a line, on stderr; then one line on stdout:
#   alert-gate: clean: 2 checks passed
#   alert-gate: rule fired: check.waf_event_not_critical
#   alert-gate: gate fired: data.alisec_waf_threat_event.gate[0]
#   alert-gate: broken sweep: data.alisec_dsc_event.this: Missing RAM Permission
#   alert-gate: rule fired, partly blind: check.waf_event_not_critical; blind: data.alisec_dsc_events.unhandled: Time Window In The Future
#
# Files: ALERT_GATE_PLAN (default tfplan), the saved plan, and
# ALERT_GATE_PLAN.json, `terraform show -json` of it, whose
# .planned_values.outputs hold the outputs for a notifier (exit 0, 10 or 13).
#
# It needs only a POSIX shell and the CLI (Terraform 1.5+ or OpenTofu): the
# JSON is read by `terraform console`, in a temporary directory.
set -u

TERRAFORM=${TERRAFORM:-terraform}
plan=${ALERT_GATE_PLAN:-tfplan}

# OpenTofu warns on standard output, in front of the JSON read below, when
# TF_CLI_CONFIG_FILE names a file that does not exist; Terraform ignores it.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then
	unset TF_CLI_CONFIG_FILE
fi

broken() {
	echo "alert-gate: broken sweep: $*"
	exit 12
}

command -v "$TERRAFORM" >/dev/null 2>&1 || broken "cannot run $TERRAFORM (set TERRAFORM to the CLI's path)"

work=$(mktemp -d "${TMPDIR:-/tmp}/alert-gate.XXXXXX") || broken "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
trap 'broken "interrupted"' HUP INT TERM

# A plan file left by an earlier run must never be read as this run's.
rm -f "$plan" "$plan.json" || broken "cannot remove the previous $plan"

"$TERRAFORM" plan -input=false -json -out="$plan" "$@" >"$work/plan.log" 2>"$work/plan.err"
echo "$?" >"$work/rc"

# A failed plan may still save a partial plan: Terraform 1.5+ and OpenTofu do.
echo '{}' >"$work/plan.json"
if [ -f "$plan" ] && "$TERRAFORM" show -json "$plan" >"$plan.json" 2>>"$work/plan.err"; then
	cp "$plan.json" "$work/plan.json"
fi

cat >"$work/verdict.tf" <<'HCL'
locals {
  rc        = tonumber(trimspace(file("${path.module}/rc")))
  plan      = try(jsondecode(file("${path.module}/plan.json")), {})
  have_plan = can(local.plan.format_version)

  # terraform plan -json: one JSON message a line.
  messages = [for line in split("\n", file("${path.module}/plan.log")) : try(jsondecode(line), {}) if trimspace(line) != ""]
  diags = [for m in local.messages : {
    severity = try(m.diagnostic.severity, "")
    summary  = try(m.diagnostic.summary, "")
    detail   = replace(try(m.diagnostic.detail, ""), "\n", " ")
    where = try(coalesce(
      try(m.diagnostic.address, null),
      try(m.diagnostic.snippet.context, null),
      try("${m.diagnostic.range.filename}:${m.diagnostic.range.start.line}", null),
    ), "")
  } if try(m.type, "") == "diagnostic"]

  # The summaries Terraform gives a failed precondition or postcondition.
  gate_summaries = ["Resource precondition failed", "Resource postcondition failed", "Module output value precondition failed"]
  errors         = [for d in local.diags : d if d.severity == "error"]
  gate_errors    = [for d in local.errors : d if contains(local.gate_summaries, d.summary)]
  other_errors   = [for d in local.errors : d if !contains(local.gate_summaries, d.summary)]
  # Warnings after which a quiet run proves nothing: the WAF instance could
  # not be checked (a wrong one reads as no events), a field arrived in a
  # shape the provider could not read (a rule on it sees null), or a list
  # found no events in a time window where none could be found (one in the
  # future, or older than the events Alibaba Cloud keeps).
  blind_summaries = ["WAF Instance Not Verified", "Unexpected API Value", "Time Window In The Future", "Time Window Before Retention"]
  blinded         = distinct([for d in local.diags : d.where == "" ? d.summary : "${d.where}: ${d.summary}" if d.severity == "warning" && contains(local.blind_summaries, d.summary)])

  # terraform show -json: every condition's status, and what is left for apply.
  checks = try([for c in local.plan.checks : c], [])
  instances = flatten([for c in local.checks : [for i in try(c.instances, []) : {
    kind     = c.address.kind
    address  = i.address.to_display
    status   = i.status
    problems = [for p in try(i.problems, []) : try(p.message, "")]
  }]])
  # A check also fails when a data source inside it could not be read: the
  # read's error becomes a warning at the data source, and its text
  # ("summary: detail") the check's problem. Such a check did not fire.
  read_failures = [for m in local.messages : "${try(m.diagnostic.summary, "")}: ${try(m.diagnostic.detail, "")}" if(
    try(m.type, "") == "diagnostic" && try(m.diagnostic.severity, "") == "warning" && try(m.diagnostic.address, "") != ""
  )]
  passed = [for i in local.instances : i.address if i.status == "pass"]
  fired = distinct([for i in local.instances : i.address if i.kind == "check" && i.status == "fail" && (
    length(i.problems) == 0 || anytrue([for p in i.problems : !anytrue([for f in local.read_failures : strcontains(p, f)])])
  )])
  gated     = distinct([for i in local.instances : i.address if i.kind != "check" && i.status == "fail"])
  undecided = [for c in local.checks : "${c.address.to_display}: not evaluated (${c.status})" if contains(["error", "unknown"], c.status)]
  # A data source planned for apply was not read now: its configuration
  # is not known yet, or it sits in a check block, whose data sources are
  # always read again at apply, and its read failed (a warning there, and
  # its values unknown).
  unread = try([for r in local.plan.resource_changes : "${r.address}: ${try(
    [for d in local.diags : d.summary if d.where == r.address][0],
    "not read at plan time (${try(r.action_reason, "deferred")})",
    )}" if r.mode == "data" && (
    try(r.action_reason, "") != "read_because_check_nested" ||
    anytrue([for k, v in try(r.change.after_unknown, {}) : v == true])
  )], [])

  # What of a complete plan is blind: a rule that fired is still an alert,
  # but no quiet rule proves anything.
  blind   = concat(local.unread, local.undecided, local.blinded)
  plan_ok = contains([0, 2], local.rc) && local.have_plan
  verdict = (
    !local.plan_ok ? (length(local.errors) > 0 && length(local.other_errors) == 0 ? "gate" : "broken") :
    length(local.blind) > 0 ? (length(local.fired) > 0 ? "rule_blind" : "broken") :
    length(local.fired) > 0 ? "rule" : "clean"
  )
  broken_why = distinct(
    local.plan_ok ? local.blind :
    length(local.other_errors) > 0 ? [for d in local.other_errors : d.where == "" ? d.summary : "${d.where}: ${d.summary}"] :
    contains([0, 2], local.rc) ? ["no saved plan to read"] :
    ["terraform plan exited ${local.rc} without an error diagnostic"]
  )
  summary = {
    clean      = "clean: ${length(local.passed)} ${length(local.passed) == 1 ? "check" : "checks"} passed"
    rule       = "rule fired: ${join(", ", local.fired)}"
    gate       = "gate fired: ${join(", ", length(local.gated) > 0 ? local.gated : [for d in local.gate_errors : d.where])}"
    broken     = "broken sweep: ${join("; ", local.broken_why)}"
    rule_blind = "rule fired, partly blind: ${join(", ", local.fired)}; blind: ${join("; ", local.broken_why)}"
  }[local.verdict]
  code = { clean = 0, rule = 10, gate = 11, broken = 12, rule_blind = 13 }[local.verdict]

  # Exit status, summary, then one line per diagnostic. The trailing newline
  # makes the console print it as a heredoc, verbatim.
  report = join("\n", concat(
    [tostring(local.code), "alert-gate: ${local.summary}"],
    [for d in local.diags : "${d.severity}: ${d.summary}${d.where == "" ? "" : " (${d.where})"}: ${d.detail}"],
    [""],
  ))
}
HCL

# The console needs no provider and no state; it must not see the module's
# data directory, workspace or extra arguments.
out=$(
	unset TF_DATA_DIR TF_WORKSPACE TF_CLI_ARGS TF_CLI_ARGS_console
	echo 'local.report' | "$TERRAFORM" -chdir="$work" console 2>"$work/console.err"
) || {
	cat "$work/plan.err" "$work/console.err" >&2
	broken "could not read the plan's results ($TERRAFORM console failed)"
}
# The report is a heredoc (<<EOT ... EOT, with more underscores if a line
# is EOT): what is between its first and last lines, verbatim.
body=$(printf '%s\n' "$out" | sed -n '/^<<EOT_*$/,$p' | sed '1d;$d')
if [ -z "$body" ]; then
	cat "$work/plan.err" "$work/console.err" >&2
	broken "could not read the plan's results ($TERRAFORM console printed no report)"
fi
code=$(printf '%s\n' "$body" | sed -n 1p)
summary=$(printf '%s\n' "$body" | sed -n 2p)

printf '%s\n' "$body" | sed -e '1,2d' -e '/^$/d' >&2
case $code in
0 | 10 | 11 | 13) ;;
*) cat "$work/plan.err" >&2 ;;
esac
case $code in
0 | 10 | 11 | 12 | 13) echo "$summary"; exit "$code" ;;
*) broken "unexpected report from $TERRAFORM console" ;;
esac
