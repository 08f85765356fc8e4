//! The governance loop on the original system's store (§8): cavra reproduces the escalation
//! plan, executive report, retry plan and schedule run the original computed from it, with
//! now 2026-06-01T08:00:00+00:00, SLO 240, label `sample` and default policy and schedule.
//!
//! Differences the spec makes on purpose are removed before comparing: derived ids, `Z` for
//! `+00:00` in computed timestamps, the epoch-aligned window, and the `acknowledged` flag that
//! cavra's retry decisions carry (checked by hand first).

use serde_json::Value;

use crate::common::{cavra, json_out, shared, stderr};
use crate::docs::{ScheduleRun, typed};

fn original(part: &str) -> Value {
    let path = shared().join("samples/cavra-store/original-output.json");
    let all: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    all[part].clone()
}

/// The store ingested into a fresh evidence folder.
fn ingested() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = shared().join("samples/cavra-store/evidence-metadata.json");
    let out = cavra(dir.path())
        .arg("ingest")
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

/// Runs a command as the original was run and returns its JSON.
fn ours(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = cavra(dir)
        .args(["--now", "2026-06-01T08:00:00+00:00", "--format", "json"])
        .args(args)
        .args(["--generated-by", "sample"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    json_out(&out)
}

const DERIVED_IDS: [&str; 7] = [
    "report_id",
    "plan_id",
    "recovery_report_id",
    "retry_plan_id",
    "executive_report_id",
    "escalation_plan_id",
    "run_id",
];

/// Derived ids → `<id>`; `…+00:00` → `…Z` (the original wrote computed times with `+00:00`;
/// evidence timestamps echoed by both sides are scrubbed alike).
fn scrub(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if DERIVED_IDS.contains(&k.as_str())
                    && x.as_str().is_some_and(|s| s.starts_with("gordack"))
                {
                    *x = Value::String("<id>".into());
                } else {
                    scrub(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(scrub),
        Value::String(s) => {
            if let Some(head) = s.strip_suffix("+00:00") {
                *s = format!("{head}Z");
            }
        }
        _ => {}
    }
}

fn same(mut ours: Value, mut theirs: Value) {
    scrub(&mut ours);
    scrub(&mut theirs);
    assert_eq!(ours, theirs);
}

#[test]
fn escalation_plan_matches_the_original() {
    let dir = ingested();
    same(ours(dir.path(), &["escalate"]), original("escalation_plan"));
}

#[test]
fn executive_report_matches_the_original() {
    let dir = ingested();
    same(
        ours(dir.path(), &["executive-report", "--record"]),
        original("executive_report"),
    );
}

#[test]
fn retry_plan_matches_the_original() {
    let dir = ingested();
    let mut plan = ours(dir.path(), &["retry-plan"]);
    // By hand: the store's only acknowledgement is for plan gordackrecoveryesc-f543b1efe4cb6d33
    // and provider pagerduty (state accepted); no decision is for that pair (the decisions
    // are 08ed…/jira, 08ed…/servicenow, f543…/servicenow, f543…/teams, f543…/webhook), so
    // every decision is unacknowledged. The original has no such field.
    for d in plan["retry_decisions"].as_array_mut().unwrap() {
        let flag = d.as_object_mut().unwrap().remove("acknowledged");
        assert_eq!(flag, Some(Value::Bool(false)), "{d}");
    }
    same(plan, original("retry_plan"));
}

#[test]
fn schedule_run_matches_the_original_with_an_epoch_aligned_window() {
    let dir = ingested();
    let run = ours(dir.path(), &["schedule-run"]);
    let mut theirs = original("schedule_run");
    // §8: the original's 1440-minute window kept the hour (08:00 to 08:00 the next day);
    // cavra's starts at midnight UTC: 2026-06-01T00:00:00Z to 2026-06-02T00:00:00Z.
    assert_eq!(
        typed::<ScheduleRun>(&theirs).schedule.window_start,
        "2026-06-01T08:00:00+00:00"
    );
    // The documents are compared whole, so the original's window is changed in place.
    theirs["schedule"]["window_start"] = "2026-06-01T00:00:00Z".into();
    theirs["schedule"]["window_end"] = "2026-06-02T00:00:00Z".into();
    same(run.clone(), theirs);
    // The embedded report is the executive report the original computed.
    same(
        run["executive_report"].clone(),
        original("executive_report"),
    );
}
