//! `report --record`: a recording command (§4, §5): it creates a missing evidence folder,
//! and its dry run judges an existing file as the write would.

use crate::common::{cavra, json_as, stderr};
use crate::docs::Report;

#[test]
fn record_creates_a_missing_evidence_folder() {
    // An empty evidence folder gives the empty report, whose id was derived by hand (with
    // Python's hashlib) in tests/cli/report.rs: gordackretryreport-1347636867983425.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new-evidence");
    let out = cavra(&root).args(["report", "--record"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        root.join("reports/gordackretryreport-1347636867983425.json")
            .is_file()
    );
    // A plain report is a reading command: a missing folder is exit 4.
    let missing = dir.path().join("missing");
    let out = cavra(&missing).arg("report").output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(!missing.exists());
    // A dry run records nothing, not even the folder.
    let out = cavra(&missing)
        .args(["report", "--record", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("would write"), "{}", stderr(&out));
    assert!(!missing.exists());
}

#[test]
fn dry_run_compares_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let path = root.join("reports/gordackretryreport-1347636867983425.json");
    // Recorded once: a second dry run finds the equal record.
    let out = cavra(root).args(["report", "--record"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cavra(root)
        .args(["report", "--record", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    // Other content under that id: the dry run says what the write would say (a conflict).
    std::fs::write(&path, "{\"other\": true}\n").unwrap();
    let out = cavra(root)
        .args(["report", "--record", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("other content"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"other\": true}\n"
    );
}

#[test]
fn a_store_with_a_null_metadata_kind_is_a_store() {
    // §2.1: a store is an object with an items array and no metadata_kind; a null or ""
    // field is missing. Each wrapper holds one execution: 2 executions in all.
    let dir = tempfile::tempdir().unwrap();
    for (name, kind) in [("a.json", "null"), ("b.json", "\"\"")] {
        let text = format!(
            r#"{{"metadata_kind": {kind}, "items": [{{"metadata_kind": "retry-execution-record", "execution_id": "e-{name}", "provider": "jira", "execution_status": "delivered"}}]}}"#
        );
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = cavra(dir.path())
        .args(["--format", "json", "report"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Report = json_as(&out);
    assert_eq!(report.execution_count, 2);
}

#[test]
fn schedule_run_writes_nothing_when_its_report_conflicts() {
    // The executive report id covers {generated_at, recovery_report_id,
    // escalation_plan_id} (§4.5), not generated_by: recorded under label A, the report of a
    // schedule run under label B at the same now has the same id and other content. §4: a
    // conflict writes nothing — neither the report nor the run.
    let dir = crate::common::copy_tree(&crate::common::fixture("flow"));
    let root = dir.path();
    let out = cavra(root)
        .args(["executive-report", "--record", "--generated-by", "label-a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cavra(root)
        .args(["schedule-run", "--generated-by", "label-b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("other content"), "{}", stderr(&out));
    assert!(!root.join("schedule-runs").exists(), "no run was written");
    assert_eq!(
        std::fs::read_dir(root.join("executive-reports"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn usage_errors_win_over_invalid_input() {
    // §5: when several exit codes apply, 2 wins over 3. A blank --provider is a usage
    // error (2); the plan id "../x" is invalid input (3).
    let dir = crate::common::copy_tree(&crate::common::fixture("flow"));
    for cmd in [
        &["ack", "../x", "--provider", " ", "--by", "ops"][..],
        &["close", "../x", "--provider", " ", "--by", "ops"][..],
    ] {
        let out = cavra(dir.path()).args(cmd).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: {}", stderr(&out));
    }
}
