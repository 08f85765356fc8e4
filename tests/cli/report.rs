//! `cavra report` over the fixtures of `tests/fixtures/` and the README's `examples/evidence`:
//! a snapshot of every format and CSV section, and, per fixture, the JSON report checked
//! against values derived by hand from the fixture files (never copied from the output).
//!
//! Every fixture is read with `--now 2026-06-01T08:00:00Z` and the default SLO of 240 minutes,
//! so an age is `floor((08:00 − generated_at) / 1 min)` and a row is breached when it is open
//! and its age is above 240.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::common::{NOW, cavra, fixture, json_out, root, stderr, stdout};

/// The report's schema version and controls (§2.5, appendix A).
const SCHEMA: &str =
    "cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-retry-recovery-report.v1";
const CONTROLS: [&str; 3] = [
    "retry-recovery-report-derived-from-public-safe-execution-and-closure-metadata",
    "recovery-slo-report-contains-no-connector-secrets",
    "closure-trends-aggregate-provider-and-state-counts-only",
];

/// The report as the spec lists it (§3): unknown or missing fields fail to deserialize.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Report {
    schema_version: String,
    product: String,
    report_id: String,
    generated_at: String,
    generated_by: String,
    alert_level: String,
    recovery_slo_minutes: u64,
    execution_count: u64,
    execution_success_count: u64,
    execution_failed_count: u64,
    execution_success_rate: Option<f64>,
    execution_status_counts: BTreeMap<String, u64>,
    recovery_playbook_provider_count: u64,
    recovery_closed_count: u64,
    recovery_open_count: u64,
    recovery_slo_breached_count: u64,
    closure_state_counts: BTreeMap<String, u64>,
    provider_summary: Vec<ProviderLine>,
    recovery_rows: Vec<Row>,
    closure_trends: Vec<BTreeMap<String, Value>>,
    latest_executions: Vec<Execution>,
    controls: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct ProviderLine {
    provider: String,
    execution_count: u64,
    execution_delivered_count: u64,
    execution_failed_count: u64,
    execution_skipped_count: u64,
    recovery_playbook_count: u64,
    recovery_closure_count: u64,
    open_recovery_count: u64,
    slo_breached_count: u64,
    latest_execution_at: String,
    latest_closure_at: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Row {
    playbook_id: String,
    provider: String,
    category: String,
    failure_count: i64,
    generated_at: String,
    age_minutes: Option<i64>,
    recovery_slo_minutes: u64,
    closure_state: String,
    closure_id: String,
    closed_at: String,
    closure_minutes: Option<i64>,
    slo_status: String,
    slo_breached: bool,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Execution {
    execution_id: String,
    provider: String,
    execution_status: String,
    executed_at: String,
    delivery_success: Option<bool>,
    approval_decision_id: String,
    run_id: String,
}

/// A provider line by hand: (provider, executions, delivered, failed, skipped, playbook rows,
/// closures, open rows, breached rows, latest_execution_at, latest_closure_at).
type P<'a> = (
    &'a str,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    &'a str,
    &'a str,
);

fn providers(lines: &[P<'_>]) -> Vec<ProviderLine> {
    lines
        .iter()
        .map(|p| ProviderLine {
            provider: p.0.into(),
            execution_count: p.1,
            execution_delivered_count: p.2,
            execution_failed_count: p.3,
            execution_skipped_count: p.4,
            recovery_playbook_count: p.5,
            recovery_closure_count: p.6,
            open_recovery_count: p.7,
            slo_breached_count: p.8,
            latest_execution_at: p.9.into(),
            latest_closure_at: p.10.into(),
        })
        .collect()
}

/// A row by hand: (playbook_id, provider, category, failure_count, generated_at, age_minutes,
/// closure_state, closure_id, closed_at, closure_minutes, slo_status); the SLO is 240 and
/// `slo_breached` is `slo_status == "breached"`.
type R<'a> = (
    &'a str,
    &'a str,
    &'a str,
    i64,
    &'a str,
    Option<i64>,
    &'a str,
    &'a str,
    &'a str,
    Option<i64>,
    &'a str,
);

fn rows(lines: &[R<'_>], slo: u64) -> Vec<Row> {
    lines
        .iter()
        .map(|r| Row {
            playbook_id: r.0.into(),
            provider: r.1.into(),
            category: r.2.into(),
            failure_count: r.3,
            generated_at: r.4.into(),
            age_minutes: r.5,
            recovery_slo_minutes: slo,
            closure_state: r.6.into(),
            closure_id: r.7.into(),
            closed_at: r.8.into(),
            closure_minutes: r.9,
            slo_status: r.10.into(),
            slo_breached: r.10 == "breached",
        })
        .collect()
}

/// The same rows as JSON values, for computing the report id by hand.
fn rows_json(rows: &[Row]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({
                    "playbook_id": r.playbook_id,
                    "provider": r.provider,
                    "category": r.category,
                    "failure_count": r.failure_count,
                    "generated_at": r.generated_at,
                    "age_minutes": r.age_minutes,
                    "recovery_slo_minutes": r.recovery_slo_minutes,
                    "closure_state": r.closure_state,
                    "closure_id": r.closure_id,
                    "closed_at": r.closed_at,
                    "closure_minutes": r.closure_minutes,
                    "slo_status": r.slo_status,
                    "slo_breached": r.slo_breached,
                })
            })
            .collect(),
    )
}

/// The report id by its definition (§2.4, §3): prefix + 16 hex digits of SHA-256 over the
/// canonical JSON of {generated_at, execution_count, recovery_rows, recovery_slo_minutes}.
/// serde_json's `Value` map is sorted, so `to_string` is the canonical form.
fn report_id_by_hand(execution_count: u64, rows: &[Row], slo: u64) -> String {
    let material = json!({
        "generated_at": NOW,
        "execution_count": execution_count,
        "recovery_rows": rows_json(rows),
        "recovery_slo_minutes": slo,
    });
    let digest = Sha256::digest(serde_json::to_string(&material).unwrap().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("gordackretryreport-{}", &hex[..16])
}

fn execution(e: (&str, &str, &str, &str, Option<bool>, &str, &str)) -> Execution {
    Execution {
        execution_id: e.0.into(),
        provider: e.1.into(),
        execution_status: e.2.into(),
        executed_at: e.3.into(),
        delivery_success: e.4,
        approval_decision_id: e.5.into(),
        run_id: e.6.into(),
    }
}

fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

/// The JSON text without white space, to check field order (serde_json's `Value` sorts keys).
/// Only used on parts of the report whose strings hold no white space.
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn example() -> PathBuf {
    root().join("examples").join("evidence")
}

fn dir_of(name: &str) -> PathBuf {
    if name == "example" {
        example()
    } else {
        fixture(name)
    }
}

/// Runs `cavra` over an evidence folder and returns stdout, asserting exit 0 and a silent
/// stderr (the fixtures are valid evidence).
fn run(dir: &Path, args: &[&str]) -> String {
    let out = cavra(dir).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "cavra {args:?} on {}:\n{}",
        dir.display(),
        stderr(&out)
    );
    assert_eq!(stderr(&out), "", "cavra {args:?} on {}", dir.display());
    stdout(&out)
}

/// The JSON report over a folder, as text and typed.
fn report(dir: &Path, extra: &[&str]) -> (String, Report) {
    let mut args = vec!["--format", "json", "report"];
    args.extend_from_slice(extra);
    let out = cavra(dir).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let typed: Report = serde_json::from_value(json_out(&out)).unwrap_or_else(|e| {
        panic!(
            "the report does not have the fields of §3: {e}\n{}",
            stdout(&out)
        )
    });
    (stdout(&out), typed)
}

/// Snapshots of every format, and of CSV for every section, over one folder.
fn snapshot_all(name: &str) {
    let dir = dir_of(name);
    for format in ["table", "json", "markdown"] {
        let text = run(&dir, &["--format", format, "report"]);
        insta::assert_snapshot!(format!("{name}_{format}"), text);
    }
    for section in ["summary", "providers", "rows", "trends", "executions"] {
        let text = run(&dir, &["--format", "csv", "report", "--section", section]);
        insta::assert_snapshot!(format!("{name}_csv_{section}"), text);
    }
    // CSV prints the rows table when no section is given (§5).
    assert_eq!(
        run(&dir, &["--format", "csv", "report"]),
        run(&dir, &["--format", "csv", "report", "--section", "rows"])
    );
}

#[test]
fn snapshots_basic() {
    snapshot_all("basic");
}

#[test]
fn snapshots_edge() {
    snapshot_all("edge");
}

#[test]
fn snapshots_empty() {
    snapshot_all("empty");
}

#[test]
fn snapshots_example() {
    snapshot_all("example");
}

#[test]
fn fixtures_check_clean() {
    // Files and records counted by hand from the fixture folders:
    // basic: 6 `.json` files + executions.ndjson = 8 files; 3 executions + 2 playbooks +
    //   4 closures = 9 records.
    // edge: executions.ndjson (8 lines, 1 blank), playbooks.json (array of 10), closures.json
    //   (store of 13) = 3 files, 31 records.
    // empty: 5 files, 0 records; ignored = 1 other kind + 1 plain object + 3 strings of an
    //   array + 2 store items (other kind, a number) + 3 NDJSON lines (a kind spelled with
    //   capitals, a string, a number) = 10.
    // example: 25 `.json` records (6 executions, 3 playbooks, 9 closures, 1 report, 1 plan,
    //   1 acknowledgement, 4 deliveries) + 1 NDJSON file of 3 = 26 files, 28 records; the JSONC
    //   file under config/ is excluded by .cavraignore.
    for (name, summary) in [
        ("basic", "8 files, 9 records, 0 ignored, 0 problems\n"),
        // The closure at items/11 is for playbook gordackrecovery-ffffffffffffffff, which is
        // not among edge's ten playbooks (…e100000000000000 to …009): a dangling reference,
        // a warning (§4.8).
        (
            "edge",
            "EDGE/closures.json#/items/11/playbook_id: dangling-reference: cites playbook gordackrecovery-ffffffffffffffff, which no record in the evidence has\n3 files, 31 records, 0 ignored, 1 problems\n",
        ),
        ("empty", "5 files, 0 records, 10 ignored, 0 problems\n"),
        ("example", "26 files, 28 records, 0 ignored, 0 problems\n"),
    ] {
        let dir = dir_of(name);
        let summary = summary.replace("EDGE", &dir.display().to_string());
        assert_eq!(run(&dir, &["check"]), summary, "{name}");
    }
}

#[test]
fn example_cavraignore_keeps_the_jsonc_file_out() {
    // Without .cavraignore the JSONC settings file (comments, a trailing comma) is read as
    // evidence and is a syntax problem: the ignore file is what keeps `check` clean.
    let dir = crate::common::copy_tree(&example());
    std::fs::remove_file(dir.path().join(".cavraignore")).unwrap();
    let out = cavra(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("config/console-settings.json") && stdout(&out).contains("syntax"),
        "{}",
        stdout(&out)
    );
}

const B_PB1: &str = "gordackrecovery-b1b0000000000001";
const B_PB2: &str = "gordackrecovery-b1b0000000000002";

#[test]
fn basic_by_hand() {
    let (text, r) = report(&fixture("basic"), &[]);
    // Executions: a1 Jira delivered (stored item), a2 servicenow failed, a3 Slack-Alerts
    // skipped (flat, NDJSON) → 3 executions, 1 delivered, failed + skipped = 2;
    // rate 1/3 = 0.333… → 0.3333.
    assert_eq!(r.execution_count, 3);
    assert_eq!(r.execution_success_count, 1);
    assert_eq!(r.execution_failed_count, 2);
    assert_eq!(r.execution_success_rate, Some(0.3333));
    assert_eq!(
        r.execution_status_counts,
        counts(&[("delivered", 1), ("failed", 1), ("skipped", 1)])
    );
    // Rows: PB1 (generated 2026-05-31T20:00:00+00:00 → age 12 h = 720) × {jira, servicenow};
    // PB2 (flat, 2026-06-01T06:30:00Z → age 90) × {" Slack-Alerts" → slack_alerts, PagerDuty}.
    // - PB1 jira: closures c4 deferred 05-31T23:50Z and c1 resolved 06-01T05:00Z; the latest
    //   is c1 → closed; closure minutes 20:00 → 05:00 next day = 540.
    // - PB1 servicenow: c2 "Escalated" 04:00Z → escalated, open, age 720 > 240 → breached;
    //   closure minutes 20:00 → 04:00 = 480.
    // - PB2 slack_alerts: no closure → open, 90 ≤ 240 → not breached; category derived
    //   (slack_alerts → webhook).
    // - PB2 pagerduty: c3 mitigated 09:30+02:00 = 07:30Z → closed, 06:30 → 07:30 = 60.
    // Order: the breached row, then PB2 (06:30) before PB1 (20:00 the day before), entry
    // order within PB2.
    let expected_rows = rows(
        &[
            (
                B_PB1,
                "servicenow",
                "itsm",
                1,
                "2026-05-31T20:00:00+00:00",
                Some(720),
                "escalated",
                "gordackrecoveryclosure-b1c0000000000002",
                "2026-06-01T04:00:00Z",
                Some(480),
                "breached",
            ),
            (
                B_PB2,
                "slack_alerts",
                "webhook",
                1,
                "2026-06-01T06:30:00Z",
                Some(90),
                "open",
                "",
                "",
                None,
                "open",
            ),
            (
                B_PB2,
                "pagerduty",
                "chatops",
                3,
                "2026-06-01T06:30:00Z",
                Some(90),
                "mitigated",
                "gordackrecoveryclosure-b1c0000000000003",
                "2026-06-01T09:30:00+02:00",
                Some(60),
                "closed",
            ),
            (
                B_PB1,
                "jira",
                "itsm",
                2,
                "2026-05-31T20:00:00+00:00",
                Some(720),
                "resolved",
                "gordackrecoveryclosure-b1c0000000000001",
                "2026-06-01T05:00:00+00:00",
                Some(540),
                "closed",
            ),
        ],
        240,
    );
    assert_eq!(r.recovery_rows, expected_rows);
    assert_eq!(r.recovery_playbook_provider_count, 4);
    assert_eq!(r.recovery_closed_count, 2);
    assert_eq!(r.recovery_open_count, 2);
    assert_eq!(r.recovery_slo_breached_count, 1);
    // Breached > 0 (and failed > 0): critical.
    assert_eq!(r.alert_level, "critical");
    assert_eq!(
        r.closure_state_counts,
        counts(&[
            ("deferred", 1),
            ("escalated", 1),
            ("mitigated", 1),
            ("resolved", 1)
        ])
    );
    // Providers, sorted; latest_execution_at / latest_closure_at echoed as written.
    // jira: a1; closures c1, c4 (latest c1). pagerduty: no execution; c3. servicenow: a2
    // failed; c2; its row is open and breached. slack_alerts: a3 skipped; no closure; its row
    // is open.
    assert_eq!(
        r.provider_summary,
        providers(&[
            (
                "jira",
                1,
                1,
                0,
                0,
                1,
                2,
                0,
                0,
                "2026-06-01T06:00:00+00:00",
                "2026-06-01T05:00:00+00:00"
            ),
            (
                "pagerduty",
                0,
                0,
                0,
                0,
                1,
                1,
                0,
                0,
                "",
                "2026-06-01T09:30:00+02:00"
            ),
            (
                "servicenow",
                1,
                0,
                1,
                0,
                1,
                1,
                1,
                1,
                "2026-06-01T07:00:00Z",
                "2026-06-01T04:00:00Z"
            ),
            (
                "slack_alerts",
                1,
                0,
                0,
                1,
                1,
                0,
                1,
                0,
                "2026-05-31T22:00:00Z",
                ""
            ),
        ])
    );
    // Trends: 2026-06-01 holds c1 (resolved, jira), c2 (escalated, servicenow) and c3
    // (mitigated, pagerduty, 07:30Z); 2026-05-31 holds c4 (deferred, jira).
    assert!(
        compact(&text).contains(concat!(
            r#""closure_trends":["#,
            r#"{"date":"2026-06-01","closure_count":3,"resolved_count":1,"mitigated_count":1,"#,
            r#""deferred_count":0,"escalated_count":1,"reopened_count":0,"#,
            r#""provider_counts":{"jira":1,"pagerduty":1,"servicenow":1}},"#,
            r#"{"date":"2026-05-31","closure_count":1,"resolved_count":0,"mitigated_count":0,"#,
            r#""deferred_count":1,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"jira":1}}],"#,
        )),
        "{text}"
    );
    // Latest executions: a2 07:00Z, a1 06:00Z, a3 the day before; a3 has no approval decision
    // or run id ("").
    assert_eq!(
        r.latest_executions,
        vec![
            execution((
                "gordackretryexec-b1a0000000000002",
                "servicenow",
                "failed",
                "2026-06-01T07:00:00Z",
                Some(false),
                "gordackretryapprovaldecision-b1d0000000000002",
                "gordackworker-b1e0000000000002"
            )),
            execution((
                "gordackretryexec-b1a0000000000001",
                "jira",
                "delivered",
                "2026-06-01T06:00:00+00:00",
                Some(true),
                "gordackretryapprovaldecision-b1d0000000000001",
                "gordackworker-b1e0000000000001"
            )),
            execution((
                "gordackretryexec-b1a0000000000003",
                "slack_alerts",
                "skipped",
                "2026-05-31T22:00:00Z",
                Some(false),
                "",
                ""
            )),
        ]
    );
    assert_eq!(r.schema_version, SCHEMA);
    assert_eq!(r.product, "CAVRA");
    assert_eq!(r.generated_at, NOW);
    assert_eq!(r.generated_by, "cli");
    assert_eq!(r.recovery_slo_minutes, 240);
    assert_eq!(r.controls, CONTROLS);
    assert_eq!(r.report_id, report_id_by_hand(3, &expected_rows, 240));
}

const E_PB: &str = "gordackrecovery-e10000000000000";
const E_CL: &str = "gordackrecoveryclosure-e2000000000000";

/// The edge fixture's rows by hand (SLO 240), in report order.
fn edge_rows() -> Vec<Row> {
    let p = |n: u8| format!("{E_PB}{n}");
    let c = |s: &str| format!("{E_CL}{s}");
    let (p0, p1, p2, p3, p4, p5, p6, p7, p8, p9) =
        (p(0), p(1), p(2), p(3), p(4), p(5), p(6), p(7), p(8), p(9));
    let (b1, c2, d1, d2, e1, e2, e3, e4) = (
        c("b1"),
        c("c2"),
        c("d1"),
        c("d2"),
        c("e1"),
        c("e2"),
        c("e3"),
        c("e4"),
    );
    rows(
        &[
            // P2 alpha: 03:59:00Z → age 241 > 240, no closure → breached; breached rows first.
            (
                &p2,
                "alpha",
                "webhook",
                1,
                "2026-06-01T03:59:00Z",
                Some(241),
                "open",
                "",
                "",
                None,
                "breached",
            ),
            // Then generated_at descending. P4 beta: 08:10:30Z is after now → −10.5 min,
            // floored to −11; open, never breached; no failure_count → 0; category derived.
            (
                &p4,
                "beta",
                "webhook",
                0,
                "2026-06-01T08:10:30Z",
                Some(-11),
                "open",
                "",
                "",
                None,
                "open",
            ),
            // P7 delta: 07:00Z → 60. Closures b1 reopened 07:30+00:00, b2 resolved 07:30Z, b3
            // resolved 09:30+02:00: one instant, so the smallest id (b1) is the latest (by
            // string, b3 would be newest): reopened → open; 07:00 → 07:30 = 30.
            (
                &p7,
                "delta",
                "webhook",
                1,
                "2026-06-01T07:00:00Z",
                Some(60),
                "reopened",
                &b1,
                "2026-06-01T07:30:00+00:00",
                Some(30),
                "open",
            ),
            // P9, 06:00Z → 120, its four entries in written order (not alphabetical).
            // eta escalated 06:45 → open, 45 minutes (computed for a non-closed state too).
            (
                &p9,
                "eta",
                "webhook",
                1,
                "2026-06-01T06:00:00Z",
                Some(120),
                "escalated",
                &e1,
                "2026-06-01T06:45:00Z",
                Some(45),
                "open",
            ),
            // theta "On-Hold" → on_hold, outside the list → open; 50.
            (
                &p9,
                "theta",
                "webhook",
                1,
                "2026-06-01T06:00:00Z",
                Some(120),
                "on_hold",
                &e2,
                "2026-06-01T06:50:00Z",
                Some(50),
                "open",
            ),
            // iota: a closure whose state is "" → the row's state is `open`, the closure is
            // still the row's (id, closed_at, 55 minutes).
            (
                &p9,
                "iota",
                "webhook",
                1,
                "2026-06-01T06:00:00Z",
                Some(120),
                "open",
                &e3,
                "2026-06-01T06:55:00Z",
                Some(55),
                "open",
            ),
            // kappa "Closure" → closure: not resolved/mitigated → open; 65.
            (
                &p9,
                "kappa",
                "webhook",
                1,
                "2026-06-01T06:00:00Z",
                Some(120),
                "closure",
                &e4,
                "2026-06-01T07:05:00Z",
                Some(65),
                "open",
            ),
            // P8, 05:00Z → 180. epsilon: c1 resolved at "garbage" (unknown) loses to c2
            // deferred 06:00Z although c1 has the smaller id → deferred, open, 60.
            (
                &p8,
                "epsilon",
                "webhook",
                1,
                "2026-06-01T05:00:00Z",
                Some(180),
                "deferred",
                &c2,
                "2026-06-01T06:00:00Z",
                Some(60),
                "open",
            ),
            // zeta: its only closure d1 is resolved at "2026-06-01T07:00" (no seconds:
            // unparseable) → still the row's closure: closed, closed_at echoed, minutes null.
            (
                &p8,
                "zeta",
                "webhook",
                1,
                "2026-06-01T05:00:00Z",
                Some(180),
                "resolved",
                &d1,
                "2026-06-01T07:00",
                None,
                "closed",
            ),
            // P0 (04:00:00+00:00) and P1 (04:00:00Z): the same instant, age exactly 240 → not a
            // breach; ordered by playbook_id (P0 first, although "+00:00" < "Z" as text).
            (
                &p0,
                "beta",
                "chatops",
                1,
                "2026-06-01T04:00:00+00:00",
                Some(240),
                "open",
                "",
                "",
                None,
                "open",
            ),
            (
                &p1,
                "alpha",
                "webhook",
                1,
                "2026-06-01T04:00:00Z",
                Some(240),
                "open",
                "",
                "",
                None,
                "open",
            ),
            // P3 03:59:30.5Z → 4 h 0 min 29.5 s = 240.49 min → 240 → not breached.
            (
                &p3,
                "alpha",
                "webhook",
                1,
                "2026-06-01T03:59:30.5Z",
                Some(240),
                "open",
                "",
                "",
                None,
                "open",
            ),
            // Unknown generated_at last, by playbook_id. P5 "not-a-date": age null, never
            // breached; closure d2 deferred 07:00Z, minutes null (generated_at unknown).
            (
                &p5,
                "gamma",
                "siem",
                4,
                "not-a-date",
                None,
                "deferred",
                &d2,
                "2026-06-01T07:00:00Z",
                None,
                "open",
            ),
            // P6: no generated_at, no created_at → ""; an entry without a provider → unknown.
            (
                &p6, "unknown", "webhook", 2, "", None, "open", "", "", None, "open",
            ),
        ],
        240,
    )
}

#[test]
fn edge_by_hand() {
    let (text, r) = report(&fixture("edge"), &[]);
    // Executions (executions.ndjson, all flat):
    //   01 Alpha "Delivered" 05:00:00+00:00   02 alpha "timeout" 05:00:00Z
    //   03 (no provider) delivered 04:00Z, no delivery_success
    //   04 beta, no execution_status 03:00Z   05 alpha failed at "n/a" (unknown)
    //   07 beta skipped 07:00Z                06 BETA delivered 09:00+02:00 (= 07:00Z)
    //   08 gamma failed, no executed_at, created_at 2026-05-31T12:00:00Z
    // delivered 01, 03, 06 = 3; failed 05, 08 = 2; skipped 07 = 1; timeout 1; unknown 1.
    // execution_failed_count = 2 + 1 = 3; rate 3/8 = 0.375.
    assert_eq!(r.execution_count, 8);
    assert_eq!(r.execution_success_count, 3);
    assert_eq!(r.execution_failed_count, 3);
    assert_eq!(r.execution_success_rate, Some(0.375));
    assert_eq!(
        r.execution_status_counts,
        counts(&[
            ("delivered", 3),
            ("failed", 2),
            ("skipped", 1),
            ("timeout", 1),
            ("unknown", 1)
        ])
    );
    let expected_rows = edge_rows();
    assert_eq!(r.recovery_rows, expected_rows);
    // 14 rows; closed: zeta only; breached: P2 alpha only.
    assert_eq!(r.recovery_playbook_provider_count, 14);
    assert_eq!(r.recovery_closed_count, 1);
    assert_eq!(r.recovery_open_count, 13);
    assert_eq!(r.recovery_slo_breached_count, 1);
    assert_eq!(r.alert_level, "critical");
    // Closure states over all 13 closures: b1 reopened; b2, b3, c1, d1, f1 resolved; c2, d2
    // deferred; e1 escalated; e2 on_hold; e3 "" → unknown; e4 closure; f2 mitigated.
    assert_eq!(
        r.closure_state_counts,
        counts(&[
            ("closure", 1),
            ("deferred", 2),
            ("escalated", 1),
            ("mitigated", 1),
            ("on_hold", 1),
            ("reopened", 1),
            ("resolved", 5),
            ("unknown", 1),
        ])
    );
    // Trends, newest first, unknown last:
    // 2026-06-01: b1 b2 b3 (delta), c2 (epsilon), d2 (gamma), e1 (eta), e2 (theta), e3 (iota),
    //   e4 (kappa) = 9; resolved b2 b3 = 2; deferred c2 d2 = 2; escalated 1; reopened 1;
    //   on_hold 1; unknown = e3 (no state) + e4 (`closure_count` would collide) = 2.
    // 2026-05-31: f1 omega resolved at 01:30+02:00 = 05-31T23:30Z (orphan playbook).
    // 2026-05-30: f2 alpha mitigated, no closed_at → created_at 2026-05-30T12:00:00Z, no
    //   playbook_id.
    // unknown: c1 epsilon ("garbage") and d1 zeta ("2026-06-01T07:00"), both resolved.
    assert!(
        compact(&text).contains(concat!(
            r#""closure_trends":["#,
            r#"{"date":"2026-06-01","closure_count":9,"resolved_count":2,"mitigated_count":0,"#,
            r#""deferred_count":2,"escalated_count":1,"reopened_count":1,"on_hold_count":1,"#,
            r#""unknown_count":2,"provider_counts":{"delta":3,"epsilon":1,"eta":1,"gamma":1,"#,
            r#""iota":1,"kappa":1,"theta":1}},"#,
            r#"{"date":"2026-05-31","closure_count":1,"resolved_count":1,"mitigated_count":0,"#,
            r#""deferred_count":0,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"omega":1}},"#,
            r#"{"date":"2026-05-30","closure_count":1,"resolved_count":0,"mitigated_count":1,"#,
            r#""deferred_count":0,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"alpha":1}},"#,
            r#"{"date":"unknown","closure_count":2,"resolved_count":2,"mitigated_count":0,"#,
            r#""deferred_count":0,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"epsilon":1,"zeta":1}}],"#,
        )),
        "{text}"
    );
    // Providers (every one of an execution, a row or a closure), sorted:
    // alpha: 01 02 05 (delivered 1, failed 1); rows P1 P2 P3, all open, P2 breached; closure
    //   f2; latest execution 01 (ties 02 at 05:00, smaller id), latest closure f2.
    // beta: 04 06 07 (delivered 06, skipped 07); rows P0 P4 open; latest execution 06 (ties 07
    //   at 07:00Z, smaller id) echoed "2026-06-01T09:00:00+02:00".
    // delta: rows 1 open, closures 3, latest b1 (tie, smallest id).
    // epsilon: closures c1, c2 → latest c2 (known beats unknown).
    // gamma: 08 failed (created_at); row P5 open; d2.
    // omega: only a closure (f1). unknown: 03 delivered; row P6 open.
    // zeta: d1 only, whose instant is unknown: still its latest, echoed.
    assert_eq!(
        r.provider_summary,
        providers(&[
            (
                "alpha",
                3,
                1,
                1,
                0,
                3,
                1,
                3,
                1,
                "2026-06-01T05:00:00+00:00",
                "2026-05-30T12:00:00Z"
            ),
            (
                "beta",
                3,
                1,
                0,
                1,
                2,
                0,
                2,
                0,
                "2026-06-01T09:00:00+02:00",
                ""
            ),
            (
                "delta",
                0,
                0,
                0,
                0,
                1,
                3,
                1,
                0,
                "",
                "2026-06-01T07:30:00+00:00"
            ),
            (
                "epsilon",
                0,
                0,
                0,
                0,
                1,
                2,
                1,
                0,
                "",
                "2026-06-01T06:00:00Z"
            ),
            ("eta", 0, 0, 0, 0, 1, 1, 1, 0, "", "2026-06-01T06:45:00Z"),
            (
                "gamma",
                1,
                0,
                1,
                0,
                1,
                1,
                1,
                0,
                "2026-05-31T12:00:00Z",
                "2026-06-01T07:00:00Z"
            ),
            ("iota", 0, 0, 0, 0, 1, 1, 1, 0, "", "2026-06-01T06:55:00Z"),
            ("kappa", 0, 0, 0, 0, 1, 1, 1, 0, "", "2026-06-01T07:05:00Z"),
            (
                "omega",
                0,
                0,
                0,
                0,
                0,
                1,
                0,
                0,
                "",
                "2026-06-01T01:30:00+02:00"
            ),
            ("theta", 0, 0, 0, 0, 1, 1, 1, 0, "", "2026-06-01T06:50:00Z"),
            (
                "unknown",
                1,
                1,
                0,
                0,
                1,
                0,
                1,
                0,
                "2026-06-01T04:00:00Z",
                ""
            ),
            ("zeta", 0, 0, 0, 0, 1, 1, 0, 0, "", "2026-06-01T07:00"),
        ])
    );
    // Latest executions: 07:00Z (06 before 07: equal instants, smaller id first), 05:00 (01
    // before 02), 04:00 (03), 03:00 (04), 2026-05-31T12:00 (08), then the unknown instant
    // (05). 03 has no delivery_success → null; only 01 carries an approval decision and run.
    assert_eq!(
        r.latest_executions,
        vec![
            execution((
                "gordackretryexec-ee00000000000006",
                "beta",
                "delivered",
                "2026-06-01T09:00:00+02:00",
                Some(true),
                "",
                ""
            )),
            execution((
                "gordackretryexec-ee00000000000007",
                "beta",
                "skipped",
                "2026-06-01T07:00:00Z",
                Some(false),
                "",
                ""
            )),
            execution((
                "gordackretryexec-ee00000000000001",
                "alpha",
                "delivered",
                "2026-06-01T05:00:00+00:00",
                Some(true),
                "gordackretryapprovaldecision-ee00000000000001",
                "gordackworker-ee00000000000001"
            )),
            execution((
                "gordackretryexec-ee00000000000002",
                "alpha",
                "timeout",
                "2026-06-01T05:00:00Z",
                Some(false),
                "",
                ""
            )),
            execution((
                "gordackretryexec-ee00000000000003",
                "unknown",
                "delivered",
                "2026-06-01T04:00:00Z",
                None,
                "",
                ""
            )),
            execution((
                "gordackretryexec-ee00000000000004",
                "beta",
                "unknown",
                "2026-06-01T03:00:00Z",
                Some(false),
                "",
                ""
            )),
            execution((
                "gordackretryexec-ee00000000000008",
                "gamma",
                "failed",
                "2026-05-31T12:00:00Z",
                Some(false),
                "",
                ""
            )),
            execution((
                "gordackretryexec-ee00000000000005",
                "alpha",
                "failed",
                "n/a",
                Some(false),
                "",
                ""
            )),
        ]
    );
    // The JSON `null`s: no delivery_success on 03, no ages on P5/P6.
    assert!(compact(&text).contains(r#""execution_id":"gordackretryexec-ee00000000000003","provider":"unknown","execution_status":"delivered","executed_at":"2026-06-01T04:00:00Z","delivery_success":null,"#));
    assert_eq!(r.report_id, report_id_by_hand(8, &expected_rows, 240));
}

#[test]
fn edge_slo_option() {
    // `--slo-minutes 0` means the default: the same report, byte for byte.
    let (default, _) = report(&fixture("edge"), &[]);
    let (zero, _) = report(&fixture("edge"), &["--slo-minutes", "0"]);
    assert_eq!(default, zero);
    // SLO 239: the open rows aged 240 (P0, P1, P3) breach as well as P2 (241); the P9 rows
    // (120), P7 (60), P8 epsilon (180), P4 (−11) and the unknown ages do not. zeta is closed.
    let (_, r) = report(&fixture("edge"), &["--slo-minutes", "239"]);
    assert_eq!(r.recovery_slo_minutes, 239);
    assert_eq!(r.recovery_slo_breached_count, 4);
    let breached: Vec<(&str, &str)> = r
        .recovery_rows
        .iter()
        .filter(|x| x.slo_breached)
        .map(|x| (x.playbook_id.as_str(), x.provider.as_str()))
        .collect();
    // Breached first, by generated_at descending: P0/P1 (04:00, by id), P3 (03:59:30.5), P2.
    assert_eq!(
        breached,
        [
            ("gordackrecovery-e100000000000000", "beta"),
            ("gordackrecovery-e100000000000001", "alpha"),
            ("gordackrecovery-e100000000000003", "alpha"),
            ("gordackrecovery-e100000000000002", "alpha"),
        ]
    );
    assert!(r.recovery_rows[..4].iter().all(|x| x.slo_breached));
    assert!(
        r.recovery_rows
            .iter()
            .all(|x| x.recovery_slo_minutes == 239)
    );
    // The report id follows from those rows: edge_rows() (index: 0 P2, 1 P4, 2 P7, 3–6 P9,
    // 7–8 P8, 9 P0, 10 P1, 11 P3, 12 P5, 13 P6) with P0, P1, P3 breached and moved up.
    let base = edge_rows();
    let mut rows: Vec<Row> = Vec::new();
    for i in [9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13] {
        let mut x = base[i].clone();
        x.recovery_slo_minutes = 239;
        if [9, 10, 11].contains(&i) {
            x.slo_status = "breached".into();
            x.slo_breached = true;
        }
        rows.push(x);
    }
    assert_eq!(r.recovery_rows, rows);
    assert_eq!(r.report_id, report_id_by_hand(8, &rows, 239));
}

#[test]
fn empty_by_hand() {
    // Only other kinds, plain objects, arrays of strings and scalars: no record at all.
    let (text, r) = report(&fixture("empty"), &[]);
    assert_eq!(r.execution_count, 0);
    assert_eq!(r.execution_success_count, 0);
    assert_eq!(r.execution_failed_count, 0);
    assert_eq!(r.execution_success_rate, None);
    assert!(compact(&text).contains(r#""execution_success_rate":null,"#));
    assert!(r.execution_status_counts.is_empty());
    assert_eq!(r.recovery_playbook_provider_count, 0);
    assert_eq!(r.recovery_closed_count, 0);
    assert_eq!(r.recovery_open_count, 0);
    assert_eq!(r.recovery_slo_breached_count, 0);
    assert!(r.closure_state_counts.is_empty());
    assert!(r.provider_summary.is_empty());
    assert!(r.recovery_rows.is_empty());
    assert!(r.closure_trends.is_empty());
    assert!(r.latest_executions.is_empty());
    // Nothing breached, failed or open: healthy.
    assert_eq!(r.alert_level, "healthy");
    assert_eq!(r.controls, CONTROLS);
    // SHA-256 of {"execution_count":0,"generated_at":"2026-06-01T08:00:00Z",
    // "recovery_rows":[],"recovery_slo_minutes":240}, computed with Python's hashlib.
    assert_eq!(r.report_id, "gordackretryreport-1347636867983425");
    assert_eq!(r.report_id, report_id_by_hand(0, &[], 240));
    // The gates do not trip on an empty report.
    run(
        &fixture("empty"),
        &["report", "--fail-on", "breach,failed,open"],
    );
}

// The example's ids (examples/evidence file names).
const X_PB1: &str = "gordackrecovery-7300f736471dec6c";
const X_PB2: &str = "gordackrecovery-184ac2912eb38ecb";
const X_PB3: &str = "gordackrecovery-9f35e9d8727410a2";

/// The README quick start: `cavra --evidence examples/evidence --now 2026-06-01T08:00:00Z
/// report`, whose headline the README shows.
#[test]
fn example_quick_start_by_hand() {
    let table = run(&example(), &["report"]);
    assert!(
        table.starts_with("Retry recovery report: CRITICAL\n  report      gordackretryreport-")
    );
    for title in [
        "Providers",
        "Recovery SLO rows",
        "Closure trends",
        "Latest executions",
    ] {
        assert!(table.contains(&format!("\n{title}\n")), "{title}");
    }
    let (text, r) = report(&example(), &[]);
    // Executions: 6 stored items (executions/) + 3 flat lines (imports/*.ndjson):
    // e1 jira failed, e2 jira delivered, e3 servicenow delivered, e4 pagerduty failed,
    // e5 splunk delivered, e6 Slack-Alerts skipped; e7 pagerduty, e8 " Slack-Alerts", e9
    // splunk delivered → 9; delivered 6; failed 2 + skipped 1 = 3; 6/9 = 0.6667.
    assert_eq!(r.execution_count, 9);
    assert_eq!(r.execution_success_count, 6);
    assert_eq!(r.execution_failed_count, 3);
    assert_eq!(r.execution_success_rate, Some(0.6667));
    assert_eq!(
        r.execution_status_counts,
        counts(&[("delivered", 6), ("failed", 2), ("skipped", 1)])
    );
    // Rows: PB1 (2026-05-26T07:30+00:00, age 6 d 30 min = 8670) jira, servicenow; PB2
    // (2026-05-29T16:00+00:00, age 2 d 16 h = 3840) pagerduty, splunk, Slack-Alerts; PB3
    // (flat, 2026-06-01T05:15Z, age 165) jira, splunk.
    // PB1 jira: c1 deferred 05-26 11:00, c2 resolved 05-27 09:15 → resolved, 1 d 1 h 45 = 1545.
    // PB1 servicenow: c3 mitigated 05-28 14:20 → 2 d 6 h 50 = 3290.
    // PB2 pagerduty: c4 escalated 05-29 21:30, c7 resolved 2026-06-01T01:10+02:00
    //   (= 05-31T23:10Z) → resolved, 2 d 7 h 10 = 3310.
    // PB2 splunk: c5 resolved 05-30 18:45 → 1 d 2 h 45 = 1605.
    // PB2 slack_alerts: c6 mitigated 05-31 09:00, c8 "Reopened" 06-01 05:30Z (flat) →
    //   reopened, open, 3840 > 240 → the one breach; 2 d 13 h 30 = 3690.
    // PB3 jira: no closure → open (165 ≤ 240). PB3 splunk: c9 deferred 07:00Z → open, 105.
    // Order: breached; then PB3 (06-01), PB2 (05-29), PB1 (05-26), entry order within each.
    let expected_rows = rows(
        &[
            (
                X_PB2,
                "slack_alerts",
                "webhook",
                1,
                "2026-05-29T16:00:00+00:00",
                Some(3840),
                "reopened",
                "gordackrecoveryclosure-c01df0ddfdfd79af",
                "2026-06-01T05:30:00Z",
                Some(3690),
                "breached",
            ),
            (
                X_PB3,
                "jira",
                "itsm",
                1,
                "2026-06-01T05:15:00Z",
                Some(165),
                "open",
                "",
                "",
                None,
                "open",
            ),
            (
                X_PB3,
                "splunk",
                "siem",
                2,
                "2026-06-01T05:15:00Z",
                Some(165),
                "deferred",
                "gordackrecoveryclosure-7d212c1611895785",
                "2026-06-01T07:00:00Z",
                Some(105),
                "open",
            ),
            (
                X_PB2,
                "pagerduty",
                "chatops",
                4,
                "2026-05-29T16:00:00+00:00",
                Some(3840),
                "resolved",
                "gordackrecoveryclosure-9843ab849eeb1590",
                "2026-06-01T01:10:00+02:00",
                Some(3310),
                "closed",
            ),
            (
                X_PB2,
                "splunk",
                "siem",
                2,
                "2026-05-29T16:00:00+00:00",
                Some(3840),
                "resolved",
                "gordackrecoveryclosure-fc76ed0f12c418cb",
                "2026-05-30T18:45:00+00:00",
                Some(1605),
                "closed",
            ),
            (
                X_PB1,
                "jira",
                "itsm",
                3,
                "2026-05-26T07:30:00+00:00",
                Some(8670),
                "resolved",
                "gordackrecoveryclosure-d08d4045fcb23d5b",
                "2026-05-27T09:15:00+00:00",
                Some(1545),
                "closed",
            ),
            (
                X_PB1,
                "servicenow",
                "itsm",
                2,
                "2026-05-26T07:30:00+00:00",
                Some(8670),
                "mitigated",
                "gordackrecoveryclosure-4f9c82bc7dac9ad1",
                "2026-05-28T14:20:00+00:00",
                Some(3290),
                "closed",
            ),
        ],
        240,
    );
    assert_eq!(r.recovery_rows, expected_rows);
    assert_eq!(r.recovery_playbook_provider_count, 7);
    assert_eq!(r.recovery_closed_count, 4);
    assert_eq!(r.recovery_open_count, 3);
    assert_eq!(r.recovery_slo_breached_count, 1);
    assert_eq!(r.alert_level, "critical");
    assert_eq!(
        r.closure_state_counts,
        counts(&[
            ("deferred", 2),
            ("escalated", 1),
            ("mitigated", 2),
            ("reopened", 1),
            ("resolved", 3)
        ])
    );
    // One trend day per UTC date 2026-06-01 … 2026-05-26; c7 (01:10+02:00) counts on 05-31.
    assert!(
        compact(&text).contains(concat!(
            r#""closure_trends":["#,
            r#"{"date":"2026-06-01","closure_count":2,"resolved_count":0,"mitigated_count":0,"#,
            r#""deferred_count":1,"escalated_count":0,"reopened_count":1,"#,
            r#""provider_counts":{"slack_alerts":1,"splunk":1}},"#,
            r#"{"date":"2026-05-31","closure_count":2,"resolved_count":1,"mitigated_count":1,"#,
            r#""deferred_count":0,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"pagerduty":1,"slack_alerts":1}},"#,
            r#"{"date":"2026-05-30","closure_count":1,"resolved_count":1,"mitigated_count":0,"#,
            r#""deferred_count":0,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"splunk":1}},"#,
            r#"{"date":"2026-05-29","closure_count":1,"resolved_count":0,"mitigated_count":0,"#,
            r#""deferred_count":0,"escalated_count":1,"reopened_count":0,"#,
            r#""provider_counts":{"pagerduty":1}},"#,
            r#"{"date":"2026-05-28","closure_count":1,"resolved_count":0,"mitigated_count":1,"#,
            r#""deferred_count":0,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"servicenow":1}},"#,
            r#"{"date":"2026-05-27","closure_count":1,"resolved_count":1,"mitigated_count":0,"#,
            r#""deferred_count":0,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"jira":1}},"#,
            r#"{"date":"2026-05-26","closure_count":1,"resolved_count":0,"mitigated_count":0,"#,
            r#""deferred_count":1,"escalated_count":0,"reopened_count":0,"#,
            r#""provider_counts":{"jira":1}}],"#,
        )),
        "{text}"
    );
    // Providers: jira e1 e2 / rows PB1, PB3 / c1 c2; pagerduty e4 e7 / PB2 / c4 c7;
    // servicenow e3 / PB1 / c3; slack_alerts e6 e8 / PB2 (breached) / c6 c8; splunk e5 e9 /
    // PB2, PB3 / c5 c9.
    assert_eq!(
        r.provider_summary,
        providers(&[
            (
                "jira",
                2,
                1,
                1,
                0,
                2,
                2,
                1,
                0,
                "2026-05-27T08:50:00+00:00",
                "2026-05-27T09:15:00+00:00"
            ),
            (
                "pagerduty",
                2,
                1,
                1,
                0,
                1,
                2,
                0,
                0,
                "2026-05-31T23:05:00Z",
                "2026-06-01T01:10:00+02:00"
            ),
            (
                "servicenow",
                1,
                1,
                0,
                0,
                1,
                1,
                0,
                0,
                "2026-05-28T14:00:00+00:00",
                "2026-05-28T14:20:00+00:00"
            ),
            (
                "slack_alerts",
                2,
                1,
                0,
                1,
                1,
                2,
                1,
                1,
                "2026-06-01T05:20:00Z",
                "2026-06-01T05:30:00Z"
            ),
            (
                "splunk",
                2,
                2,
                0,
                0,
                2,
                2,
                1,
                0,
                "2026-06-01T06:55:00Z",
                "2026-06-01T07:00:00Z"
            ),
        ])
    );
    // Latest executions, newest first: e9, e8, e7, e6, e5, e4, e3, e2, e1.
    let order: Vec<&str> = r
        .latest_executions
        .iter()
        .map(|e| e.execution_id.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "gordackretryexec-1ced6779b95cbbeb",
            "gordackretryexec-8968ed858fb2f7d4",
            "gordackretryexec-813faed7abb123de",
            "gordackretryexec-3bab7986c1eb8663",
            "gordackretryexec-b7e105786297bed1",
            "gordackretryexec-232ab3f55f62cd6b",
            "gordackretryexec-d2b774678e2f0f01",
            "gordackretryexec-cab3957809e0fd3c",
            "gordackretryexec-4c6bb5e0fb4b54d8",
        ]
    );
    assert_eq!(r.report_id, report_id_by_hand(9, &expected_rows, 240));
    // The table's headline carries the same id and the hand-derived counts: 9 executions
    // (delivered 6, failed 2, skipped 1), 7 rows of which 4 closed, 3 open, 1 breached.
    assert!(table.starts_with(&format!(
        "Retry recovery report: CRITICAL\n  report      {}, {NOW}, by cli, SLO 240 min\n  \
         executions  9 (delivered 6, failed 2, skipped 1), success rate 0.6667, failed or skipped 3\n  \
         recoveries  7: 4 closed, 3 open, 1 breached the SLO\n",
        r.report_id
    )));
}
