//! Closed references and the trace (§4.8): every id a written document cites resolves after
//! the operator's flow, `check` reports the ids that do not, and `trace` follows the links.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::common::{cavra, copy_tree, json_as, root, stderr, stdout};
use crate::docs::{Acknowledgement, Plan, RetryPlan, ScheduleRun};
use crate::serve::{config, get, send};

/// The trace document (the stable shape the README documents).
#[derive(Debug, Deserialize, PartialEq)]
struct Trace {
    id: String,
    records: Vec<Entry>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Entry {
    at: String,
    kind: String,
    id: String,
    who: String,
    state: String,
    place: String,
    cites: Vec<Link>,
    cited_by: Vec<Link>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Link {
    kind: String,
    id: String,
    found: bool,
}

/// A command's JSON document, typed.
fn json<T: serde::de::DeserializeOwned>(ev: &Path, args: &[&str]) -> T {
    let out = cavra(ev)
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_as(&out)
}

/// The governance loop over the example evidence, without a closure (which would change the
/// report and so the plan of the schedule run): escalate, acknowledge, one failed escalation
/// delivery for the plan, a retry plan, a schedule run. Returns the folder and the ids.
fn flow() -> (tempfile::TempDir, [String; 6]) {
    let dir = copy_tree(&root().join("examples").join("evidence"));
    let ev = dir.path();
    let plan: Plan = json(ev, &["escalate"]);
    let ack: Acknowledgement = json(
        ev,
        &[
            "ack",
            &plan.plan_id,
            "--provider",
            "slack_alerts",
            "--by",
            "sre-oncall",
            "--state",
            "accepted",
        ],
    );
    std::fs::create_dir_all(ev.join("deliveries")).unwrap();
    std::fs::write(
        ev.join("deliveries").join("trace-1.json"),
        serde_json::json!({
            "metadata_kind": "release-connector-delivery",
            "session_id": "rcd-trace-1",
            "delivery_id": "dlv-trace-1",
            "connector_delivery_source": "go_backend_rollback_drill_acknowledgement_audit_recovery_escalation",
            "plan_id": plan.plan_id,
            "providers": ["pagerduty"],
            "failed_providers": ["pagerduty"],
            "delivery_success": false,
            "status_codes": [503],
            "created_at": "2026-06-01T07:30:00Z"
        })
        .to_string(),
    )
    .unwrap();
    let retry: RetryPlan = json(ev, &["retry-plan"]);
    let run: ScheduleRun = json(ev, &["schedule-run"]);
    let exec = run.executive_report;
    // The report did not change since escalate (same now, label and report inputs), so the
    // schedule run's executive report cites the very plan and report escalate recorded.
    assert_eq!(exec.escalation_plan_id, plan.plan_id);
    assert_eq!(exec.recovery_report_id, plan.recovery_report_id);
    (
        dir,
        [
            plan.recovery_report_id,
            plan.plan_id,
            ack.acknowledgement_id,
            retry.retry_plan_id,
            exec.executive_report_id,
            run.run_id,
        ],
    )
}

#[test]
fn every_cited_id_resolves_after_the_flow() {
    let (dir, [report, plan, _, _, exec, run]) = flow();
    let ev = dir.path();
    for (folder, id) in [
        ("reports", &report),
        ("escalation-plans", &plan),
        ("executive-reports", &exec),
        ("schedule-runs", &run),
    ] {
        assert!(
            ev.join(folder).join(format!("{id}.json")).is_file(),
            "{folder}/{id}"
        );
    }
    let out = cavra(ev).args(["check", "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with(" 0 problems\n"), "{}", stdout(&out));

    // Without the report, the plan, the executive report and the run cite a missing id:
    // warnings for `check`, a failure for `check --strict`.
    std::fs::remove_file(ev.join("reports").join(format!("{report}.json"))).unwrap();
    let out = cavra(ev).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let mut places: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.ends_with(&format!(
                "cites report {report}, which no record in the evidence has"
            ))
        })
        .map(|l| l.split(": dangling-reference: ").next().unwrap())
        .map(|p| p.strip_prefix(&format!("{}/", ev.display())).unwrap_or(p))
        .collect();
    places.sort_unstable();
    assert_eq!(
        places,
        [
            format!("escalation-plans/{plan}.json#/recovery_escalation_plan/recovery_report_id"),
            format!("executive-reports/{exec}.json#/recovery_executive_report/recovery_report_id"),
            format!(
                "schedule-runs/{run}.json#/recovery_executive_report_schedule_run/executive_report/recovery_report_id"
            ),
        ],
        "{text}"
    );
    let out = cavra(ev).args(["check", "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
}

/// A schedule run carries its executive report whole: without the copy under
/// `executive-reports/` (a writer killed between the run and the copy) nothing dangles, and
/// the next `schedule-run` of the window writes the copy again.
#[test]
fn a_run_without_its_executive_report_copy_is_clean_and_mended() {
    let (dir, [_, _, _, _, exec, run]) = flow();
    let ev = dir.path();
    let copy = ev.join("executive-reports").join(format!("{exec}.json"));
    std::fs::remove_file(&copy).unwrap();
    let out = cavra(ev).args(["check", "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with(" 0 problems\n"), "{}", stdout(&out));
    let out = cavra(ev).arg("schedule-run").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(copy.is_file(), "the copy of {exec} is written again");
    assert!(
        ev.join("schedule-runs")
            .join(format!("{run}.json"))
            .is_file()
    );
}

#[test]
fn dry_runs_show_every_path() {
    let dir = copy_tree(&root().join("examples").join("evidence"));
    let before = crate::common::tree(dir.path());
    let out = cavra(dir.path())
        .args(["escalate", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    let would: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("would write "))
        .collect();
    assert_eq!(would.len(), 2, "the plan and its report: {err}");
    assert!(
        would
            .iter()
            .any(|l| l.contains("/escalation-plans/gordackrecoveryesc-")),
        "{err}"
    );
    assert!(
        would
            .iter()
            .any(|l| l.contains("/reports/gordackretryreport-")),
        "{err}"
    );
    assert_eq!(
        crate::common::tree(dir.path()),
        before,
        "a dry run writes nothing"
    );
}

#[test]
fn trace_of_a_plan_is_its_timeline() {
    let (dir, [report, plan, ack, retry, exec, run]) = flow();
    let ev = dir.path();
    let out = cavra(ev)
        .args(["--format", "json", "trace", &plan])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t: Trace = json_as(&out);
    assert_eq!(t.id, plan);
    // By hand: the plan and what it cites (its report), and what was built on it: the
    // acknowledgement and the delivery cite the plan, the retry plan's decision cites the
    // plan and the delivery, the executive report cites the plan, the run embeds that
    // executive report. Time order: the delivery at 07:30, the rest at now (08:00), ties by
    // kind in §2.1's order (report, plan, acknowledgement, retry plan, executive report,
    // schedule run).
    let got: Vec<(&str, &str, &str)> = t
        .records
        .iter()
        .map(|e| (e.at.as_str(), e.kind.as_str(), e.id.as_str()))
        .collect();
    let now = "2026-06-01T08:00:00Z";
    assert_eq!(
        got,
        [
            ("2026-06-01T07:30:00Z", "escalation delivery", "rcd-trace-1"),
            (now, "report", report.as_str()),
            (now, "escalation plan", plan.as_str()),
            (now, "acknowledgement", ack.as_str()),
            (now, "retry plan", retry.as_str()),
            (now, "executive report", exec.as_str()),
            (now, "schedule run", run.as_str()),
        ]
    );
    let ack_entry = &t.records[3];
    assert_eq!(
        (ack_entry.who.as_str(), ack_entry.state.as_str()),
        ("sre-oncall", "accepted")
    );
    assert_eq!(ack_entry.place, format!("acknowledgements/{ack}.json"));
    assert_eq!(
        ack_entry.cites,
        [Link {
            kind: "escalation plan".into(),
            id: plan.clone(),
            found: true
        }]
    );
    let plan_entry = &t.records[2];
    let by: Vec<&str> = plan_entry.cited_by.iter().map(|l| l.id.as_str()).collect();
    let mut want = vec![
        ack.as_str(),
        "rcd-trace-1",
        retry.as_str(),
        exec.as_str(),
        run.as_str(),
    ];
    want.sort_unstable();
    let mut by_sorted = by.clone();
    by_sorted.sort_unstable();
    assert_eq!(by_sorted, want);

    // An unknown id: exit 3 with the nearest ids.
    let out = cavra(ev)
        .args(["trace", "gordackrecoveryesc-0000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("hint: the nearest ids: "), "{err}");
    assert!(err.contains(&plan), "{err}");
}

#[tokio::test]
async fn the_trace_endpoint_gives_the_same_json() {
    let (dir, [_, plan, ..]) = flow();
    let ev = dir.path();
    let cli = cavra(ev)
        .args(["--format", "json", "trace", &plan])
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let (router, _) = cavra::serve::router(config(ev)).expect("server");
    let r = send(&router, get(&format!("/trace/{plan}"))).await;
    assert_eq!(r.status.as_u16(), 200);
    let http: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(http, cli);
    let r = send(&router, get("/trace/nope-0")).await;
    assert_eq!(r.status.as_u16(), 404);
    let r = send(&router, get("/trace/..%2Fx")).await;
    assert_eq!(r.status.as_u16(), 400);
}

/// `cavra verify`'s JSON result.
#[derive(Debug, Deserialize)]
struct Verified {
    records: u64,
    canonical: u64,
    original: u64,
    unverified: u64,
    not_judged: u64,
    tampered: Vec<TamperedRecord>,
}

#[derive(Debug, Deserialize)]
struct TamperedRecord {
    place: String,
    kind: String,
    stored: String,
    computed: String,
}

#[test]
fn the_original_store_verifies_clean_and_an_edit_is_found() {
    let store = crate::common::shared().join("samples/cavra-store");
    let out = cavra(&store)
        .args(["--format", "json", "verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v: Verified = json_as(&out);
    // By hand, from evidence-metadata.json: 12 executions and 18 closures (their hashes and
    // ids), 7 playbooks, 2 plans and 1 acknowledgement match in the original's form; its one
    // report's id covers more than the report holds (unverified); 32 deliveries are not
    // judged. 73 valid records.
    assert_eq!(
        (
            v.records,
            v.canonical,
            v.original,
            v.unverified,
            v.not_judged
        ),
        (73, 0, 40, 1, 32)
    );
    assert!(v.tampered.is_empty());

    // One field of one execution edited by hand.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(store.join("evidence-metadata.json")).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    let items = doc["items"].as_array_mut().unwrap();
    let (i, item) = items
        .iter_mut()
        .enumerate()
        .find(|(_, it)| {
            it["metadata_kind"]
                .as_str()
                .is_some_and(|k| k.ends_with("retry-execution-record"))
        })
        .unwrap();
    let id = item["session_id"].as_str().unwrap().to_owned();
    let nested = item["retry_execution_record"].as_object_mut().unwrap();
    let was = nested["execution_status"].as_str().unwrap().to_owned();
    let now = if was == "delivered" {
        "failed"
    } else {
        "delivered"
    };
    nested.insert("execution_status".into(), Value::String(now.into()));
    let path = dir.path().join("evidence-metadata.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let out = cavra(dir.path())
        .args(["--format", "json", "verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
    let v: Verified = json_as(&out);
    assert_eq!(v.tampered.len(), 1, "{v:?}");
    let t = &v.tampered[0];
    assert_eq!(t.kind, "execution");
    assert_eq!(t.stored, id);
    assert_ne!(t.computed, id);
    assert_eq!(
        t.place,
        format!(
            "{}#/items/{i}/retry_execution_record/execution_id",
            path.display()
        )
    );
    // The table names the file too.
    let out = cavra(dir.path()).arg("verify").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out).contains("evidence-metadata.json#/items/"),
        "{}",
        stdout(&out)
    );
}

/// The README's example evidence verifies clean: every stored id and hash matches its content.
#[test]
fn example_evidence_verifies_clean() {
    let out = cavra(&root().join("examples").join("evidence"))
        .args(["--format", "json", "verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v: Verified = json_as(&out);
    assert!(v.tampered.is_empty(), "{v:?}");
    // By hand, from examples/evidence: the 6 stored executions (execution_hash + id), the 9
    // closures (closure_hash + id) and the report, plan and acknowledgement cavra recorded
    // match in cavra's canonical form; the 3 flat NDJSON executions and the 3 playbooks carry
    // ids but no hash, and their ids are hand-written, so they are unverified; the 4
    // deliveries are not judged. 28 records.
    assert_eq!(
        (
            v.records,
            v.canonical,
            v.original,
            v.unverified,
            v.not_judged
        ),
        (28, 6 + 9 + 3, 0, 3 + 3, 4)
    );
}

#[test]
fn fixtures_verify_clean_and_written_documents_match_in_cavras_form() {
    for name in ["basic", "edge", "empty", "flow"] {
        let out = cavra(&crate::common::fixture(name))
            .arg("verify")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stdout(&out));
    }
    // Every document the flow wrote has an id that matches its content in cavra's form: the
    // report, plan, acknowledgement, retry plan, executive report and run (6), plus the
    // example evidence's own 6 stored executions, 9 closures, report, plan and
    // acknowledgement (3).
    let (dir, _) = flow();
    let out = cavra(dir.path())
        .args(["--format", "json", "verify"])
        .output()
        .unwrap();
    let v: Verified = json_as(&out);
    assert_eq!(v.canonical, 6 + 9 + 3 + 6, "{v:?}");
}
