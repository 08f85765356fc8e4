//! The latest executions are settled by instant, then id (§2.4), even when the newest records
//! are taken out by conflicts — the case where the text kept while reading is not enough and
//! the records are read again.

use serde_json::{Value, json};

use crate::common::{cavra, json_as, stderr};
use crate::docs::Report;

fn exec(id: &str, provider: &str, at: &str) -> Value {
    json!({
        "metadata_kind": "retry-execution-record",
        "execution_id": id,
        "provider": provider,
        "execution_status": "delivered",
        "executed_at": at,
        "run_id": "run-1",
    })
}

fn lines(values: &[Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}

#[test]
fn conflicts_among_the_newest_fall_back_to_reading_again() {
    // 60 executions e-00 … e-59 of provider jira, executed at 00:00 + i minutes on 2026-05-01.
    // e-25 … e-59 (the 35 newest) also appear in a second file with another provider: a
    // conflict each, so all their versions are left out. Valid: e-00 … e-24 (25 records).
    // By hand: execution_count 25; latest_executions = e-24 down to e-05 (20 records);
    // jira's latest_execution_at = e-24's text "2026-05-01T00:24:00Z". No record of the other
    // provider survives, so it is not in the summary at all.
    let dir = tempfile::tempdir().unwrap();
    let all: Vec<Value> = (0..60)
        .map(|i| {
            exec(
                &format!("e-{i:02}"),
                "jira",
                &format!("2026-05-01T00:{i:02}:00Z"),
            )
        })
        .collect();
    let clashes: Vec<Value> = (25..60)
        .map(|i| {
            exec(
                &format!("e-{i:02}"),
                "splunk",
                &format!("2026-05-01T00:{i:02}:00Z"),
            )
        })
        .collect();
    std::fs::write(dir.path().join("a.ndjson"), lines(&all)).unwrap();
    std::fs::write(dir.path().join("b.ndjson"), lines(&clashes)).unwrap();
    for threads in ["1", "2", "3"] {
        let out = cavra(dir.path())
            .env("CAVRA_THREADS", threads)
            .args(["--format", "json", "report"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "35 conflicts: {}", stderr(&out));
        let conflicts = stderr(&out)
            .lines()
            .filter(|l| l.starts_with("cavra: warning: ") && l.contains(": conflict: "))
            .count();
        assert_eq!(conflicts, 35);
        let report: Report = json_as(&out);
        assert_eq!(report.execution_count, 25);
        let ids: Vec<&str> = report
            .latest_executions
            .iter()
            .map(|e| e.execution_id.as_str())
            .collect();
        let want: Vec<String> = (5..25).rev().map(|i| format!("e-{i:02}")).collect();
        assert_eq!(ids, want, "{threads} threads");
        let providers = &report.provider_summary;
        assert_eq!(providers.len(), 1);
        assert_eq!(providers[0].provider, "jira");
        assert_eq!(providers[0].latest_execution_at, "2026-05-01T00:24:00Z");
    }
}

#[test]
fn ties_at_one_instant_are_settled_by_the_smaller_id() {
    // 30 executions at the same instant, written three ways, ids t-29 … t-00 in file order.
    // By hand: every one ties on the instant, so the 20 latest are the 20 smallest ids,
    // t-00 … t-19, and the provider's latest is t-00's text.
    let dir = tempfile::tempdir().unwrap();
    let forms = [
        "2026-05-01T10:00:00Z",
        "2026-05-01T10:00:00+00:00",
        "2026-05-01T12:00:00+02:00",
    ];
    let all: Vec<Value> = (0..30)
        .rev()
        .map(|i| exec(&format!("t-{i:02}"), "pagerduty", forms[i % 3]))
        .collect();
    std::fs::write(dir.path().join("t.ndjson"), lines(&all)).unwrap();
    let out = cavra(dir.path())
        .args(["--format", "json", "report"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Report = json_as(&out);
    let ids: Vec<&str> = report
        .latest_executions
        .iter()
        .map(|e| e.execution_id.as_str())
        .collect();
    let want: Vec<String> = (0..20).map(|i| format!("t-{i:02}")).collect();
    assert_eq!(ids, want);
    // t-00: 0 % 3 == 0, the `Z` form.
    assert_eq!(
        report.provider_summary[0].latest_execution_at,
        "2026-05-01T10:00:00Z"
    );
}
