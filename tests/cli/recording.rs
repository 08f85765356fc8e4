//! The governance loop on the command line (§4): the operator flow, idempotency, dry runs,
//! reference errors and evidence with problems, on copies of `tests/fixtures/flow/`.
//!
//! Expected values are derived by hand from the fixture (see its README.md): now is
//! 2026-06-01T08:00:00Z, the SLO 240 minutes, the label `cli`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::common::{cavra, copy_tree, fixture, json_as, read_as, stderr, stdout};
use crate::docs::{
    Acknowledgement, Closure, Dashboard, Item, Plan, Report, RetryPlan, ScheduleRun, typed,
};

const PLAN_KIND: &str =
    "go-backend-rollback-drill-acknowledgement-audit-delivery-recovery-escalation-plan";

fn flow() -> tempfile::TempDir {
    copy_tree(&fixture("flow"))
}

/// Runs cavra over `dir` and returns the output.
fn run(dir: &Path, args: &[&str]) -> Output {
    cavra(dir).args(args).output().expect("cavra runs")
}

/// Runs cavra over `dir`, asserts exit 0, and returns stdout parsed as JSON: a typed document
/// of `crate::docs`, or a `Value` where the test compares the whole document.
fn ok_json<T: DeserializeOwned>(dir: &Path, args: &[&str]) -> (T, String) {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let out = run(dir, &full);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    (json_as(&out), stderr(&out))
}

/// Every file under `dir` (hidden ones included) with its content.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let e = e.unwrap();
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// The files of `folder` (file names).
fn names(dir: &Path, folder: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join(folder))
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Removes `keys` from an object and returns their values.
fn take(v: &mut Value, keys: &[&str]) -> Vec<Value> {
    keys.iter()
        .map(|k| v.as_object_mut().unwrap().remove(*k).unwrap_or(Value::Null))
        .collect()
}

fn route(
    (provider, category): (&str, &str),
    critical: bool,
    (reason, action): (&str, &str),
    (playbook, state, age): (&str, &str, Value),
    failure_count: u64,
    slo_status: &str,
) -> Value {
    json!({
        "provider": provider,
        "category": category,
        "severity": if critical { "critical" } else { "warning" },
        "reason": reason,
        "recommended_action": action,
        "playbook_id": playbook,
        "closure_state": state,
        "age_minutes": age,
        "recovery_slo_minutes": 240,
        "failure_count": failure_count,
        "slo_status": slo_status,
        "slo_breached": slo_status == "breached",
    })
}

/// The plan of the fixture without its two derived ids, by hand:
/// - rows: pb-old/slack is open and 720 min old (> 240): breached, critical; pb-new/webhook and
///   pb-new/pagerduty (deferred) are open and 120 min old: warnings; pb-old/jira is resolved.
/// - execution routes: slack has 1 failed + 1 skipped = 2 (jira and webhook only delivered).
/// - sorted by (critical first, failure_count desc, age desc, null as 0): slack row (2, 720),
///   slack executions (2, null), pagerduty (4), webhook (1).
/// - closure_rate = 1 closed row / 4 rows = 0.25; providers tracked: jira, pagerduty, slack,
///   webhook.
fn expected_plan() -> Value {
    let breached = "page release owner and require executive visibility";
    let open = "notify release owner for recovery follow-up";
    json!({
        "schema_version": "cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-recovery-escalation-plan.v1",
        "product": "CAVRA",
        "generated_at": "2026-06-01T08:00:00Z",
        "generated_by": "cli",
        "alert_level": "critical",
        "recovery_slo_minutes": 240,
        "escalation_count": 4,
        "critical_escalation_count": 2,
        "slo_breached_count": 1,
        "failed_execution_count": 2,
        "open_recovery_count": 3,
        "provider_count": 3,
        "selected_providers": ["pagerduty", "slack", "webhook"],
        "escalation_routes": [
            route(("slack", "chatops"), true, ("recovery SLO breached", breached),
                  ("pb-old", "open", json!(720)), 2, "breached"),
            route(("slack", "retry-execution"), true, ("failed or skipped retry execution",
                  "notify release owner and verify connector recovery closure evidence"),
                  ("", "review_required", Value::Null), 2, "review_required"),
            route(("pagerduty", "chatops"), false, ("connector recovery remains open", open),
                  ("pb-new", "deferred", json!(120)), 4, "open"),
            route(("webhook", "webhook"), false, ("connector recovery remains open", open),
                  ("pb-new", "open", json!(120)), 1, "open"),
        ],
        "executive_summary": {
            "status": "critical",
            "tracked_provider_count": 4,
            "execution_count": 4,
            "failed_execution_count": 2,
            "open_recovery_count": 3,
            "slo_breached_count": 1,
            "closure_rate": 0.25
        },
        "controls": [
            "recovery-escalation-derived-from-public-safe-retry-recovery-report",
            "escalation-plan-contains-no-connector-secrets",
            "delivery-requires-explicit-connector-endpoint-configuration"
        ]
    })
}

fn decision(
    (plan_id, provider, action, reason): (&str, &str, &str, &str),
    (n, delay): (u64, u64),
    (id, at, next): (&str, &str, &str),
    codes: Value,
    acknowledged: bool,
) -> Value {
    json!({
        "plan_id": plan_id, "provider": provider, "action": action, "reason": reason,
        "retry_count": n, "max_retry_attempts": 3, "retry_delay_minutes": delay,
        "latest_delivery_id": id, "latest_delivery_at": at, "next_retry_at": next,
        "failed_status_codes": codes, "acknowledged": acknowledged,
    })
}

/// The retry decisions of the fixture at 08:00 with the default policy (3, 15, 2.0), by hand:
/// - (esc-fixture, jira): d1 07:00 and d2 07:50 → n 2, delay 15 × 2 = 30 min, latest d2:
///   08:20 > 08:00 → wait. d8 is another source; it does not count.
/// - (esc-fixture, servicenow): d3 only (no failed list: its providers) → n 1, 15 min:
///   07:15 ≤ 08:00 → retry; acknowledged when `ack esc-fixture --provider servicenow` ran.
/// - (esc-other, pagerduty): d4, d5, d6 → n 3 = max → suppress; delay 15 × 4 = 60 min after
///   d6 (05:20) → 06:20. d7 succeeded: no teams group.
fn expected_decisions(servicenow_acknowledged: bool) -> Value {
    json!([
        decision(
            (
                "esc-fixture",
                "jira",
                "wait",
                "retry delay 30 minutes has not elapsed"
            ),
            (2, 30),
            (
                "rcd-esc-fixture-2",
                "2026-06-01T07:50:00Z",
                "2026-06-01T08:20:00Z"
            ),
            json!([429]),
            false,
        ),
        decision(
            (
                "esc-fixture",
                "servicenow",
                "retry",
                "failed recovery escalation delivery is eligible for retry"
            ),
            (1, 15),
            (
                "rcd-esc-fixture-3",
                "2026-06-01T07:00:00Z",
                "2026-06-01T07:15:00Z"
            ),
            json!([null]),
            servicenow_acknowledged,
        ),
        decision(
            (
                "esc-other",
                "pagerduty",
                "suppress",
                "maximum retry attempts 3 reached"
            ),
            (3, 60),
            (
                "rcd-esc-other-3",
                "2026-06-01T05:20:00Z",
                "2026-06-01T06:20:00Z"
            ),
            json!([502]),
            false,
        ),
    ])
}

#[test]
fn operator_flow() {
    let dir = flow();
    let ev = dir.path();

    // 1. The report: 4 executions, 2 failed (failed + skipped), 4 rows, 1 closed, 3 open,
    //    1 breached (pb-old/slack).
    let (report, _): (Report, _) = ok_json(ev, &["report"]);
    assert_eq!(report.alert_level, "critical");
    assert_eq!(
        (
            report.execution_count,
            report.execution_failed_count,
            report.recovery_closed_count,
            report.recovery_open_count,
            report.recovery_slo_breached_count
        ),
        (4, 2, 1, 3, 1)
    );

    // 2. escalate. The plan is compared whole (every field, nothing more) without its two
    //    derived ids, so it is read as a `Value` too.
    let (mut plan, err): (Value, _) = ok_json(ev, &["escalate"]);
    let stored_doc = plan.clone();
    let typed_plan: Plan = typed(&plan);
    take(&mut plan, &["plan_id", "recovery_report_id"]);
    let plan_id = typed_plan.plan_id.clone();
    assert_eq!(typed_plan.recovery_report_id, report.report_id);
    assert_eq!(plan, expected_plan());
    // The id hashes exactly {generated_at, recovery_report_id, routes}.
    let material = json!({
        "generated_at": "2026-06-01T08:00:00Z",
        "recovery_report_id": typed_plan.recovery_report_id,
        "routes": typed_plan.escalation_routes,
    });
    assert_eq!(
        plan_id,
        cavra::model::canon::derive_id("gordackrecoveryesc-", &material)
    );
    let plan_path = ev.join("escalation-plans").join(format!("{plan_id}.json"));
    assert!(
        err.contains(&format!("wrote {}", plan_path.display())),
        "{err}"
    );
    // The stored item: envelope in the spec's order, then the document.
    let text = std::fs::read_to_string(&plan_path).unwrap();
    assert!(text.ends_with("}\n") && text.starts_with("{\n  \"schema_version\""));
    let item: Item<Value> = read_as(&plan_path);
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "schema_version",
            "product",
            "session_id",
            "created_at",
            "signer",
            "decision_count",
            "blocked_count",
            "approval_required_count",
            "metadata_kind",
            "recovery_escalation_plan"
        ]
    );
    assert_eq!(item.schema_version, "cavra.evidence.metadata.v1");
    assert_eq!(item.session_id, plan_id);
    assert_eq!(item.created_at, "2026-06-01T08:00:00Z");
    assert_eq!(item.signer, "cli");
    // decision = 4 routes, blocked = 2 critical, approval_required = 3 open.
    assert_eq!(item.counts(), (4, 2, 3));
    assert_eq!(item.metadata_kind, PLAN_KIND);
    // The nested document (the only one: the keys above) is the printed plan, whole.
    assert_eq!(item.document, stored_doc);

    // 3. Acknowledge the new plan (provider and state normalised) and the fixture's plan.
    // Compared whole: the acknowledgement has exactly these fields.
    let (ack, _): (Value, _) = ok_json(
        ev,
        &[
            "ack",
            &plan_id,
            "--provider",
            " Slack",
            "--by",
            "sre-oncall",
            "--state",
            "Accepted",
            "--external-ref",
            "INC-42",
        ],
    );
    let ack_id = typed::<Acknowledgement>(&ack).acknowledgement_id;
    assert_eq!(
        ack,
        json!({
            "schema_version": "cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-recovery-escalation-ack.v1",
            "product": "CAVRA",
            "acknowledgement_id": ack_id,
            "plan_id": plan_id,
            "provider": "slack",
            "acknowledged_by": "sre-oncall",
            "acknowledgement_state": "accepted",
            "acknowledged_at": "2026-06-01T08:00:00Z",
            "external_ref": "INC-42",
            "notes": "",
            "escalation_reason": ""
        })
    );
    let ack_item: Item<Acknowledgement> =
        read_as(&ev.join("acknowledgements").join(format!("{ack_id}.json")));
    assert_eq!(ack_item.signer, "sre-oncall");
    assert_eq!(ack_item.counts(), (1, 0, 0));
    let (ack2, _): (Acknowledgement, _) = ok_json(
        ev,
        &[
            "ack",
            "esc-fixture",
            "--provider",
            "servicenow",
            "--by",
            "ops",
        ],
    );
    assert_eq!(ack2.acknowledgement_state, "acknowledged");

    // 4. The retry plan: one retry, one wait, one suppressed → critical.
    // Compared whole without its derived id.
    let (mut retry, _): (Value, _) = ok_json(ev, &["retry-plan"]);
    let id = typed::<RetryPlan>(&retry).retry_plan_id;
    take(&mut retry, &["retry_plan_id"]);
    assert!(id.starts_with("gordackrecoveryescretry-"), "{id}");
    assert_eq!(
        retry,
        json!({
            "schema_version": "cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-recovery-escalation-delivery-retry-plan.v1",
            "product": "CAVRA",
            "generated_at": "2026-06-01T08:00:00Z",
            "generated_by": "cli",
            "alert_level": "critical",
            "decision_count": 3,
            "retryable_count": 1,
            "waiting_count": 1,
            "suppressed_count": 1,
            "max_retry_attempts": 3,
            "base_retry_delay_minutes": 15,
            "allow_immediate_retry": false,
            "backoff_multiplier": 2.0,
            "retry_decisions": expected_decisions(true),
            "controls": [
                "recovery-escalation-retry-plan-derived-from-redacted-connector-delivery-metadata",
                "retry-plan-contains-no-provider-credentials",
                "operator-or-private-connector-executes-side-effects"
            ]
        })
    );

    // 5. The scheduled run of the day (1440 min: midnight UTC to midnight UTC).
    // `schedule`, `summary` and `key_risks` are compared whole (exactly these fields), on the
    // untyped run; the rest through `ScheduleRun`.
    let (run_raw, err): (Value, _) = ok_json(ev, &["schedule-run"]);
    let run_doc: ScheduleRun = typed(&run_raw);
    assert_eq!(
        run_raw["schedule"],
        json!({
            "interval_minutes": 1440,
            "window_start": "2026-06-01T00:00:00Z",
            "window_end": "2026-06-02T00:00:00Z",
            "enabled": true,
            "cadence": "every_1440_minutes"
        })
    );
    // Summary: escalations 4, failed 2, open 3, breached 1 (from steps 1–2).
    assert_eq!(
        run_raw["summary"],
        json!({"executive_report_count": 1, "escalation_count": 4, "failed_execution_count": 2,
               "open_recovery_count": 3, "slo_breached_count": 1})
    );
    assert_eq!(run_doc.alert_level, "critical");
    let x = &run_doc.executive_report;
    assert_eq!(x.escalation_plan_id, plan_id);
    assert_eq!(
        x.executive_summary.business_impact,
        "Connector recovery requires leadership attention"
    );
    assert_eq!(
        run_raw["executive_report"]["key_risks"],
        json!([
            {"severity": "critical", "risk": "Retry execution failed or was skipped", "count": 2, "owner": "release-governance"},
            {"severity": "critical", "risk": "Connector recovery SLO breached", "count": 1, "owner": "release-governance"},
            {"severity": "warning", "risk": "Connector recovery remains open", "count": 3, "owner": "release-governance"}
        ])
    );
    let run_id = &run_doc.run_id;
    let exec_id = &x.executive_report_id;
    assert_eq!(names(ev, "schedule-runs"), [format!("{run_id}.json")]);
    assert_eq!(names(ev, "executive-reports"), [format!("{exec_id}.json")]);
    // The run is written before its executive report.
    let wrote: Vec<&str> = err.lines().filter(|l| l.starts_with("wrote ")).collect();
    assert_eq!(wrote.len(), 2, "{err}");
    assert!(wrote[0].contains("schedule-runs") && wrote[1].contains("executive-reports"));
    let run_item: Item<ScheduleRun> =
        read_as(&ev.join("schedule-runs").join(format!("{run_id}.json")));
    // decision 1, blocked = breached 1 + failed 2, approval_required = open 3.
    assert_eq!(run_item.counts(), (1, 3, 3));

    // 6. The dashboard counts what the flow recorded: plans esc-fixture + the new one,
    //    2 acknowledgements (accepted, acknowledged), 1 retry plan, 1 retryable delivery
    //    (esc-fixture/servicenow), 1 run. Compared whole: the dashboard has exactly these.
    let (dash, _): (Value, _) = ok_json(ev, &["dashboard"]);
    assert_eq!(
        dash,
        json!({
            "alert_level": "critical",
            "execution_count": 4,
            "execution_failed_count": 2,
            "recovery_open_count": 3,
            "recovery_slo_breached_count": 1,
            "escalation_plan_count": 2,
            "acknowledgement_count": 2,
            "acknowledgement_state_counts": {"accepted": 1, "acknowledged": 1},
            "retry_plan_count": 1,
            "retryable_delivery_count": 1,
            "schedule_run_count": 1,
            "latest_schedule_window_start": "2026-06-01T00:00:00Z"
        })
    );

    // 7. Close pb-new/webhook as mitigated: one open row fewer.
    let (closure, _): (Closure, _) = ok_json(
        ev,
        &[
            "close",
            "pb-new",
            "--provider",
            "WebHook",
            "--by",
            "ops",
            "--state",
            "mitigated",
            "--verification-ref",
            "exec-webhook-1",
        ],
    );
    assert_eq!(closure.provider, "webhook");
    assert_eq!(closure.closure_state, "mitigated");
    assert_eq!(closure.closed_at, "2026-06-01T08:00:00Z");
    assert_eq!(closure.verification_refs, ["exec-webhook-1"]);
    let hash = &closure.closure_hash;
    assert_eq!(
        closure.closure_id,
        format!("gordackrecoveryclosure-{}", &hash[..16])
    );
    let (dash, _): (Dashboard, _) = ok_json(ev, &["dashboard"]);
    assert_eq!(dash.recovery_open_count, 2);

    // 8. Everything written is valid evidence: 17 fixture files + report (recorded by
    //    escalate because the plan cites it, §4.8; schedule-run finds it unchanged), plan,
    //    2 acks, retry plan, run, executive report, closure = 25. Every id a written document
    //    cites resolves, except the fixture's own: deliveries d4, d5 and d6 are for plan
    //    esc-other, which the fixture does not hold, and the retry plan's decision for them
    //    repeats that plan id: 4 dangling-reference warnings, exit 0 (§4.8).
    let check = run(ev, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let text = stdout(&check);
    let dangling: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": dangling-reference: "))
        .collect();
    assert_eq!(dangling.len(), 4, "{text}");
    assert!(
        dangling
            .iter()
            .all(|l| l
                .ends_with("cites escalation plan esc-other, which no record in the evidence has")),
        "{text}"
    );
    for d in ["d4", "d5", "d6"] {
        assert!(
            text.contains(&format!("/deliveries/{d}.json#/plan_id: ")),
            "{text}"
        );
    }
    assert!(
        text.ends_with("25 files, 25 records, 0 ignored, 4 problems\n"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn tables_read_naturally() {
    let dir = flow();
    let ev = dir.path();
    let out = run(ev, &["--format", "table", "escalate"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("Recovery escalation plan gordackrecoveryesc-"));
    assert!(text.contains("Escalation routes"));
    assert!(text.contains("recovery SLO breached"), "{text}");

    let out = run(ev, &["--format", "csv", "retry-plan", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    let csv = stdout(&out);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "plan_id,provider,action,retry_count,max_retry_attempts,retry_delay_minutes,latest_delivery_at,next_retry_at,acknowledged,failed_status_codes,latest_delivery_id,reason"
    );
    assert_eq!(
        lines[1],
        "esc-fixture,jira,wait,2,3,30,2026-06-01T07:50:00Z,2026-06-01T08:20:00Z,false,[429],rcd-esc-fixture-2,retry delay 30 minutes has not elapsed"
    );
    assert_eq!(lines.len(), 4);

    let out = run(ev, &["executive-report"]);
    let text = stdout(&out);
    for title in ["Recovery executive report", "Key risks", "Providers"] {
        assert!(text.contains(title), "{title}: {text}");
    }
    let out = run(ev, &["--format", "markdown", "dashboard"]);
    assert!(stdout(&out).starts_with("### Rollback drill dashboard\n"));
    assert!(stdout(&out).contains("| retryable_delivery_count | 1 |"));
}

#[test]
fn every_command_is_idempotent() {
    let dir = flow();
    let ev = dir.path();
    let commands: [&[&str]; 6] = [
        &["escalate"],
        &["ack", "esc-fixture", "--provider", "jira", "--by", "ops"],
        &["close", "pb-old", "--provider", "slack", "--by", "ops"],
        &["retry-plan"],
        &["executive-report", "--record"],
        &["schedule-run"],
    ];
    for args in commands {
        let first = run(ev, args);
        assert_eq!(first.status.code(), Some(0), "{args:?}: {}", stderr(&first));
        assert!(
            stderr(&first).contains("wrote "),
            "{args:?}: {}",
            stderr(&first)
        );
        let before = files(ev);
        let second = run(ev, args);
        assert_eq!(
            second.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&second)
        );
        let err = stderr(&second);
        assert!(err.contains("unchanged "), "{args:?}: {err}");
        assert!(!err.contains("wrote "), "{args:?}: {err}");
        assert_eq!(
            files(ev),
            before,
            "{args:?} wrote something the second time"
        );
        assert_eq!(stdout(&first), stdout(&second), "{args:?}");
    }
    // `executive-report --record` wrote the same report schedule-run wrote later (same now,
    // SLO and label): one file.
    assert_eq!(names(ev, "executive-reports").len(), 1);
}

#[test]
fn one_schedule_run_per_window() {
    let dir = flow();
    let ev = dir.path();
    // The stored run is compared whole with what later calls print.
    let (first, _): (Value, _) = ok_json(ev, &["schedule-run"]);
    // Later the same UTC day: the stored run, unchanged, exit 0, nothing written.
    let before = files(ev);
    let out = cavra(ev)
        .args([
            "--now",
            "2026-06-01T23:59:59Z",
            "--format",
            "json",
            "schedule-run",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_as::<Value>(&out), first, "the stored run is printed");
    assert!(stderr(&out).contains("unchanged "));
    assert_eq!(files(ev), before);
    // --dry-run shows the stored run too.
    let out = cavra(ev)
        .args([
            "--now",
            "2026-06-01T12:00:00Z",
            "--format",
            "json",
            "schedule-run",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert_eq!(json_as::<Value>(&out), first);
    // The next day is a new window.
    let out = cavra(ev)
        .args([
            "--now",
            "2026-06-02T00:00:00Z",
            "--format",
            "json",
            "schedule-run",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let next: ScheduleRun = json_as(&out);
    assert_eq!(next.schedule.window_start, "2026-06-02T00:00:00Z");
    assert_ne!(next.run_id, typed::<ScheduleRun>(&first).run_id);
    assert_eq!(names(ev, "schedule-runs").len(), 2);
    // Another interval is another window: 90 minutes at 08:00 → 07:30 (480 // 90 × 90 = 450).
    let (r90, _): (ScheduleRun, _) = ok_json(
        ev,
        &[
            "schedule-run",
            "--interval-minutes",
            "90",
            "--cadence",
            "hourly-ish",
        ],
    );
    assert_eq!(r90.schedule.window_start, "2026-06-01T07:30:00Z");
    assert_eq!(r90.schedule.window_end, "2026-06-01T09:00:00Z");
    assert_eq!(r90.schedule.cadence, "hourly-ish");
    let (off, _): (ScheduleRun, _) = ok_json(
        ev,
        &["schedule-run", "--interval-minutes", "15", "--disabled"],
    );
    assert!(!off.schedule.enabled);
    assert_eq!(off.schedule.cadence, "every_15_minutes");
}

#[test]
fn a_stored_run_without_its_report_gets_it_back() {
    let dir = flow();
    let ev = dir.path();
    let (run_doc, _): (ScheduleRun, _) = ok_json(ev, &["schedule-run"]);
    let exec_id = &run_doc.executive_report.executive_report_id;
    let report_path = ev.join("executive-reports").join(format!("{exec_id}.json"));
    let original = std::fs::read(&report_path).unwrap();
    std::fs::remove_file(&report_path).unwrap();
    let out = run(ev, &["schedule-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("wrote {}", report_path.display())));
    // Rebuilt from the run's embedded report: byte for byte what the first call wrote.
    assert_eq!(std::fs::read(&report_path).unwrap(), original);
}

#[test]
fn dry_run_writes_nothing() {
    let dir = flow();
    let ev = dir.path();
    let before = files(ev);
    let commands: [&[&str]; 6] = [
        &["escalate", "--dry-run"],
        &[
            "ack",
            "esc-fixture",
            "--provider",
            "jira",
            "--by",
            "ops",
            "--dry-run",
        ],
        &[
            "close",
            "pb-old",
            "--provider",
            "slack",
            "--by",
            "ops",
            "--dry-run",
        ],
        &["retry-plan", "--dry-run"],
        &["executive-report", "--record", "--dry-run"],
        &["schedule-run", "--dry-run"],
    ];
    for args in commands {
        let out = run(ev, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        // The document printed is the one that would be written: its headline names the id
        // of the first file in the `would write` lines.
        let first = err
            .lines()
            .find_map(|l| l.strip_prefix("would write "))
            .unwrap_or_else(|| panic!("{args:?}: no `would write` line in {err}"));
        let id = Path::new(first.trim_end_matches(" (dry run)"))
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let headline = stdout(&out).lines().next().unwrap_or("").to_owned();
        assert!(
            headline.contains(&id),
            "{args:?}: {headline:?} does not name {id}"
        );
        assert_eq!(files(ev), before, "{args:?}");
    }
    // A missing evidence folder is not created by a dry run (recording commands create it
    // otherwise).
    let missing = ev.join("not-yet");
    let out = run(&missing, &["escalate", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!missing.exists());
    let out = run(&missing, &["escalate"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(names(&missing, "escalation-plans").len(), 1);
}

/// Asserts a failure: exit code, nothing written, and every `needle` in the message.
fn refused(dir: &Path, args: &[&str], code: i32, needles: &[&str]) {
    let before = files(dir);
    let out = run(dir, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: {n:?} not in {err}");
    }
    assert!(stdout(&out).is_empty(), "{args:?}");
    assert_eq!(files(dir), before, "{args:?} wrote something");
}

#[test]
fn reference_errors_list_the_valid_choices() {
    let dir = flow();
    let ev = dir.path();
    // Unknown plan: exit 3 (not found), the known plan ids listed.
    refused(
        ev,
        &["ack", "esc-nope", "--provider", "jira", "--by", "ops"],
        3,
        &[
            "unknown escalation plan \"esc-nope\"",
            "known plans: esc-fixture",
        ],
    );
    // A provider the plan does not select: its providers listed.
    refused(
        ev,
        &["ack", "esc-fixture", "--provider", "teams", "--by", "ops"],
        3,
        &[
            "not selected by escalation plan esc-fixture",
            "jira, servicenow",
        ],
    );
    // A state outside the list: the allowed states listed.
    refused(
        ev,
        &[
            "ack",
            "esc-fixture",
            "--provider",
            "jira",
            "--by",
            "ops",
            "--state",
            "done",
        ],
        3,
        &["acknowledged, accepted, deferred, escalated, resolved, dismissed"],
    );
    // Unknown playbook; a provider the playbook does not name; a closure state outside the list.
    refused(
        ev,
        &["close", "pb-nope", "--provider", "jira", "--by", "ops"],
        3,
        &[
            "unknown connector recovery playbook \"pb-nope\"",
            "known playbooks: pb-new, pb-old",
        ],
    );
    refused(
        ev,
        &["close", "pb-new", "--provider", "jira", "--by", "ops"],
        3,
        &["not named by playbook pb-new", "pagerduty, webhook"],
    );
    refused(
        ev,
        &[
            "close",
            "pb-new",
            "--provider",
            "webhook",
            "--by",
            "ops",
            "--state",
            "closed",
        ],
        3,
        &["resolved, mitigated, deferred, escalated, reopened"],
    );
    // An id that could reach outside its folder is refused before any file access: the
    // evidence folder is not even created.
    let missing = ev.join("absent");
    for args in [
        &["ack", "../esc-fixture", "--provider", "jira", "--by", "ops"][..],
        &["close", "pb/../../x", "--provider", "jira", "--by", "ops"],
    ] {
        let out = run(&missing, args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert!(stderr(&out).contains("is not a valid id"));
        assert!(!missing.exists());
    }
    // With no plan recorded at all, the message says so.
    let empty = tempfile::tempdir().unwrap();
    refused(
        empty.path(),
        &["ack", "esc-x", "--provider", "jira", "--by", "ops"],
        3,
        &["no escalation plan is recorded", "cavra escalate"],
    );
}

#[test]
fn bad_values_are_usage_errors() {
    let dir = flow();
    let ev = dir.path();
    for args in [
        &["retry-plan", "--backoff", "NaN"][..],
        &["retry-plan", "--backoff", "inf"],
        &["retry-plan", "--backoff", "-1"],
        &["retry-plan", "--backoff", "fast"],
        &["retry-plan", "--max-attempts", "-1"],
        &["retry-plan", "--delay-minutes", "1.5"],
        &["schedule-run", "--interval-minutes", "-15"],
        &["schedule-run", "--interval-minutes", "52560001"],
        &["escalate", "--slo-minutes", "x"],
        &["ack", "esc-fixture", "--provider", "jira", "--by", "  "],
        &["close", "pb-new", "--provider", "", "--by", "ops"],
    ] {
        refused(ev, args, 2, &[]);
    }
}

#[test]
fn policy_floors_and_defaults_on_the_command_line() {
    let dir = flow();
    let ev = dir.path();
    // 0 means the default (3 attempts); a delay of 0 without --allow-immediate becomes 1; a
    // backoff below 1 becomes 1.0. jira: n 2, delay 1 × 1.0 = 1 min → 07:51 ≤ 08:00: retry.
    let (raw, _): (Value, _) = ok_json(
        ev,
        &[
            "retry-plan",
            "--dry-run",
            "--max-attempts",
            "0",
            "--delay-minutes",
            "0",
            "--backoff",
            "0.5",
        ],
    );
    let p: RetryPlan = typed(&raw);
    assert_eq!((p.max_retry_attempts, p.base_retry_delay_minutes), (3, 1));
    // Raw JSON: the floor is written as the float `1.0`, not as the integer `1`.
    assert_eq!(raw["backoff_multiplier"], json!(1.0));
    assert_eq!(p.retry_decisions[0].action, "retry");
    assert_eq!(p.retry_decisions[0].next_retry_at, "2026-06-01T07:51:00Z");
    // --allow-immediate: the delay defaults to 0, so next is the latest delivery itself.
    let (p, _): (RetryPlan, _) = ok_json(ev, &["retry-plan", "--dry-run", "--allow-immediate"]);
    assert_eq!(p.base_retry_delay_minutes, 0);
    assert!(p.allow_immediate_retry);
    assert_eq!(p.retry_decisions[0].next_retry_at, "2026-06-01T07:50:00Z");
    assert_eq!(p.retry_decisions[0].retry_delay_minutes, 0);
}

#[test]
fn retry_boundaries_on_the_command_line() {
    let dir = flow();
    let ev = dir.path();
    // esc-fixture/jira: latest 07:50 + 30 min = 08:20:00. One second before: wait; at: retry.
    let at = |now: &str| {
        let out = cavra(ev)
            .args(["--now", now, "--format", "json", "retry-plan", "--dry-run"])
            .output()
            .unwrap();
        json_as::<RetryPlan>(&out).retry_decisions[0].action.clone()
    };
    assert_eq!(at("2026-06-01T08:19:59Z"), "wait");
    assert_eq!(at("2026-06-01T08:20:00Z"), "retry");
    // With --max-attempts 2, jira (n 2 = max) is suppressed; n = max − 1 = 1 is not
    // (servicenow retries).
    let (p, _): (RetryPlan, _) = ok_json(ev, &["retry-plan", "--dry-run", "--max-attempts", "2"]);
    assert_eq!(p.retry_decisions[0].action, "suppress");
    assert_eq!(
        p.retry_decisions[0].reason,
        "maximum retry attempts 2 reached"
    );
    assert_eq!(p.retry_decisions[1].action, "retry");
}

#[test]
fn free_text_must_be_public_safe() {
    let dir = flow();
    let ev = dir.path();
    refused(
        ev,
        &[
            "ack",
            "esc-fixture",
            "--provider",
            "jira",
            "--by",
            "ops",
            "--notes",
            "token ghp_abcdefghijklmnopqrstuvwxyz0123",
        ],
        3,
        &["--notes", "PS002"],
    );
    refused(
        ev,
        &[
            "close",
            "pb-new",
            "--provider",
            "webhook",
            "--by",
            "ops",
            "--external-ref",
            "https://10.1.2.3/ticket",
        ],
        3,
        &["--external-ref", "PS003"],
    );
    refused(
        ev,
        &[
            "close",
            "pb-new",
            "--provider",
            "webhook",
            "--by",
            "ops",
            "--verification-ref",
            "https://user:pw@ci.example.com/x",
        ],
        3,
        &["--verification-ref", "PS003"],
    );
    let long = "x".repeat(2049);
    refused(
        ev,
        &[
            "ack",
            "esc-fixture",
            "--provider",
            "jira",
            "--by",
            "ops",
            "--reason",
            &long,
        ],
        3,
        &["--reason", "PS004"],
    );
    refused(
        ev,
        &["escalate", "--generated-by", "Bearer abcdefgh12345"],
        3,
        &["--generated-by", "PS002"],
    );
    refused(
        ev,
        &["schedule-run", "--cadence", "http://localhost/cron"],
        3,
        &["--cadence", "PS003"],
    );
    refused(
        ev,
        &[
            "ack",
            "esc-fixture",
            "--provider",
            "jira",
            "--by",
            "AKIAABCDEFGHIJKLMNOP",
        ],
        3,
        &["--by", "PS002"],
    );
}

#[test]
fn a_different_record_at_the_same_path_is_a_conflict() {
    let dir = flow();
    let ev = dir.path();
    let args = [
        "ack",
        "esc-fixture",
        "--provider",
        "jira",
        "--by",
        "ops",
        "--notes",
        "first",
    ];
    let (ack, _): (Acknowledgement, _) = ok_json(ev, &args);
    let path = ev
        .join("acknowledgements")
        .join(format!("{}.json", ack.acknowledgement_id));
    let before = std::fs::read(&path).unwrap();
    // Notes are not part of the id: same id, other content.
    let mut other = args;
    other[7] = "second";
    refused(ev, &other, 3, &["already exists with other content"]);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn evidence_with_problems() {
    let dir = flow();
    let ev = dir.path();
    std::fs::write(ev.join("broken.json"), "{\"metadata_kind\": ").unwrap();
    // Derived documents: warn, print the document, write nothing, exit 3.
    for args in [
        &["escalate"][..],
        &["retry-plan"],
        &["executive-report", "--record"],
        &["schedule-run"],
    ] {
        let before = files(ev);
        let mut full = vec!["--format", "json"];
        full.extend_from_slice(args);
        let out = run(ev, &full);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("broken.json"), "{args:?}: {err}");
        assert!(err.contains("not written"), "{args:?}: {err}");
        // Whatever the document, stdout is one whole JSON object.
        let doc: serde_json::Map<String, Value> = json_as(&out);
        assert!(!doc.is_empty(), "{args:?}");
        assert_eq!(files(ev), before, "{args:?} wrote something");
    }
    // The plan is still the plan of the valid records (the same as without the broken file).
    let out = run(ev, &["--format", "json", "escalate"]);
    let mut plan: Value = json_as(&out);
    take(&mut plan, &["plan_id", "recovery_report_id"]);
    assert_eq!(plan, expected_plan());
    // Reading commands warn and exit 3.
    assert_eq!(run(ev, &["dashboard"]).status.code(), Some(3));
    assert_eq!(run(ev, &["executive-report"]).status.code(), Some(3));
    // ack and close only need their own references: they warn and still write (exit 0).
    for (args, folder) in [
        (
            &["ack", "esc-fixture", "--provider", "jira", "--by", "ops"][..],
            "acknowledgements",
        ),
        (
            &["close", "pb-new", "--provider", "webhook", "--by", "ops"],
            "closures",
        ),
    ] {
        let before = names(ev, folder);
        let out = run(ev, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("broken.json"), "{err}");
        // The new record is in its folder (the fixture already has closures: compare).
        let wrote = err
            .lines()
            .find_map(|l| l.strip_prefix("wrote "))
            .unwrap_or_else(|| panic!("{args:?}: no `wrote` line in {err}"));
        let wrote = Path::new(wrote);
        assert_eq!(wrote.parent(), Some(ev.join(folder).as_path()), "{err}");
        assert!(wrote.is_file(), "{err}");
        let name = wrote.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!before.contains(&name), "{name} was there before");
        assert_eq!(names(ev, folder).len(), before.len() + 1, "{folder}");
    }
}

#[test]
fn quiet_silences_wrote_lines_only() {
    let dir = flow();
    let ev = dir.path();
    let out = run(ev, &["-q", "escalate"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
    // The document is still printed, and the plan it names was written.
    let names = names(ev, "escalation-plans");
    assert_eq!(names.len(), 2, "esc-fixture and the new plan: {names:?}");
    let new = names.iter().find(|n| *n != "esc-fixture.json").unwrap();
    let id = new.trim_end_matches(".json");
    assert!(
        stdout(&out).starts_with(&format!("Recovery escalation plan {id} ")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn report_labels_are_checked_before_anything_is_read() {
    // `report --record` checks its label as an input, like every other operation (and as
    // `GET ...?record=true` does): refused before the evidence is read, dry run or not. The
    // check of the whole stored item before writing is the store's (see `store::record`).
    let dir = flow();
    let ev = dir.path();
    let before = files(ev);
    for extra in [&[][..], &["--dry-run"]] {
        let mut args = vec![
            "report",
            "--record",
            "--generated-by",
            "Bearer abcdefgh12345",
        ];
        args.extend_from_slice(extra);
        let out = run(ev, &args);
        assert_eq!(out.status.code(), Some(3), "{extra:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("cavra: error: --generated-by breaks public-safe rule PS002: "),
            "{err}"
        );
        assert_eq!(stdout(&out), "", "nothing is printed either");
        assert_eq!(files(ev), before);
    }
}
