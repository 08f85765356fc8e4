//! `cavra diff BASE [HEAD]` on the two commits of [`evidence_repo`] (see its comment for what
//! each report holds at now = 2026-06-01T08:00:00Z with the SLO of 240 minutes).

use crate::common::{GitRepo, NOW, stderr};
use crate::docs::{
    Change, DiffEnd, DiffExecutions, FailedExecution, ProviderChange, ProviderCounts,
    RecoveryChange, ReportDiff, RowCounts,
};
use crate::rev::{evidence_repo, run_in};

fn diff_json(repo: &GitRepo, args: &[&str]) -> (i32, ReportDiff, String) {
    let mut all = vec!["--format", "json", "diff"];
    all.extend_from_slice(args);
    let (code, out, err) = run_in(repo.path(), &all);
    let diff = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("not a diff ({e}); exit {code}\n{out}\n{err}"));
    (code, diff, err)
}

fn commit(repo: &GitRepo, rev: &str) -> String {
    repo.git(&["rev-parse", rev]).trim().to_owned()
}

fn recovery(
    playbook: &str,
    provider: &str,
    before: Option<&str>,
    after: &str,
    state: &str,
    age: i64,
) -> RecoveryChange {
    RecoveryChange {
        playbook_id: format!("gordackrecovery-{playbook}"),
        provider: provider.to_owned(),
        before: before.map(str::to_owned),
        after: after.to_owned(),
        closure_state: state.to_owned(),
        age_minutes: Some(age),
    }
}

#[test]
fn diff_lists_the_added_failure_and_the_newly_breached_recovery() {
    let repo = evidence_repo();
    let (code, d, err) = diff_json(&repo, &["HEAD~1", "HEAD"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(d.generated_at, NOW);
    assert_eq!(d.recovery_slo_minutes, 240);
    assert_eq!(
        (&d.base.revision, &d.base.commit),
        (&Some("HEAD~1".to_owned()), &Some(commit(&repo, "HEAD~1")))
    );
    assert_eq!(d.head.commit, Some(commit(&repo, "HEAD")));
    // HEAD~1 has broken.json (one problem), HEAD has none.
    assert_eq!((d.base.evidence_problems, d.head.evidence_problems), (1, 0));
    assert!(
        err.contains("cavra: warning: the evidence at HEAD~1 has 1 problem"),
        "{err}"
    );
    // Alert level: warning (open rows only) → critical (a failure and a breach).
    assert_eq!(
        d.alert_level,
        Change {
            before: "warning".to_owned(),
            after: "critical".to_owned()
        }
    );
    // e1, e2 → e1, e2, e3.
    assert_eq!(
        d.executions,
        DiffExecutions {
            before: 2,
            after: 3,
            added: 1,
            removed: 0
        }
    );
    // e3 is the one failure, and it is new.
    assert_eq!(
        (d.failed_executions.before, d.failed_executions.after),
        (0, 1)
    );
    assert_eq!(
        d.failed_executions.added,
        [FailedExecution {
            execution_id: "gordackretryexec-e3".to_owned(),
            provider: "jira".to_owned(),
            execution_status: "failed".to_owned(),
            executed_at: "2026-06-01T06:30:00Z".to_owned(),
        }]
    );
    assert!(d.failed_executions.removed.is_empty());
    // Rows before: pa/jira open, pa/splunk open, pb/pagerduty closed. After: pb/pagerduty
    // breached (reopened by c2, age 720 > 240), pa/jira open, pa/splunk closed (c3).
    assert_eq!(
        (d.recoveries.before, d.recoveries.after),
        (
            RowCounts {
                rows: 3,
                open: 2,
                closed: 1,
                breached: 0
            },
            RowCounts {
                rows: 3,
                open: 2,
                closed: 1,
                breached: 1
            }
        )
    );
    let pagerduty = recovery(
        "pb",
        "pagerduty",
        Some("closed"),
        "breached",
        "reopened",
        720,
    );
    assert_eq!(d.recoveries.opened, std::slice::from_ref(&pagerduty));
    assert_eq!(d.recoveries.newly_breached, [pagerduty]);
    assert_eq!(
        d.recoveries.closed,
        [recovery(
            "pa",
            "splunk",
            Some("open"),
            "closed",
            "resolved",
            120
        )]
    );
    // Providers: jira gains e3 (failed); pagerduty gains c2, and its row is open and
    // breached; splunk gains c3, and its row is closed.
    let counts = |e, d, f, p, c, o, b| ProviderCounts {
        execution_count: e,
        execution_delivered_count: d,
        execution_failed_count: f,
        execution_skipped_count: 0,
        recovery_playbook_count: p,
        recovery_closure_count: c,
        open_recovery_count: o,
        slo_breached_count: b,
    };
    assert_eq!(
        d.providers,
        [
            ProviderChange {
                provider: "jira".to_owned(),
                before: counts(1, 1, 0, 1, 0, 1, 0),
                after: counts(2, 1, 1, 1, 0, 1, 0),
            },
            ProviderChange {
                provider: "pagerduty".to_owned(),
                before: counts(0, 0, 0, 1, 1, 0, 0),
                after: counts(0, 0, 0, 1, 2, 1, 1),
            },
            ProviderChange {
                provider: "splunk".to_owned(),
                before: counts(1, 1, 0, 1, 0, 1, 0),
                after: counts(1, 1, 0, 1, 1, 0, 0),
            },
        ]
    );
    // The report ids are those of `report` at each revision.
    let report_id = |rev: &str| {
        let (_, out, _) = run_in(repo.path(), &["--rev", rev, "--format", "json", "report"]);
        serde_json::from_str::<crate::docs::Report>(&out)
            .expect("a report")
            .report_id
    };
    assert_eq!(d.base.report_id, report_id("HEAD~1"));
    assert_eq!(d.head.report_id, report_id("HEAD"));
}

#[test]
fn fail_on_new_breach_and_new_failed() {
    let repo = evidence_repo();
    for (args, code, said) in [
        (
            &["HEAD~1", "HEAD", "--fail-on", "new-breach"][..],
            1,
            &["fail-on new-breach: 1"][..],
        ),
        (
            &["HEAD~1", "HEAD", "--fail-on", "new-failed"],
            1,
            &["fail-on new-failed: 1"],
        ),
        (
            &["HEAD~1", "HEAD", "--fail-on", "new-breach,new-failed"],
            1,
            &["fail-on new-breach: 1", "fail-on new-failed: 1"],
        ),
        // The same revision twice: nothing new.
        (
            &["HEAD", "HEAD", "--fail-on", "new-breach,new-failed"],
            0,
            &[],
        ),
        // Backwards: HEAD~1 resolves pb/pagerduty and has no failure.
        (
            &["HEAD", "HEAD~1", "--fail-on", "new-breach,new-failed"],
            3,
            &[],
        ),
    ] {
        let (got, out, err) = run_in(repo.path(), &[&["diff"][..], args].concat());
        assert_eq!(got, code, "{args:?}\n{out}\n{err}");
        for s in said {
            assert!(err.contains(s), "{args:?}: {err}");
        }
        if said.is_empty() {
            assert!(!err.contains("fail-on"), "{args:?}: {err}");
        }
    }
}

#[test]
fn head_defaults_to_the_work_tree() {
    let repo = evidence_repo();
    let (_, explicit, _) = diff_json(&repo, &["HEAD~1", "HEAD"]);
    let (code, work_tree, err) = diff_json(&repo, &["HEAD~1"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        work_tree.head,
        DiffEnd {
            revision: None,
            commit: None,
            ..explicit.head
        }
    );
    assert_eq!(work_tree.recoveries, explicit.recoveries);
    assert_eq!(work_tree.failed_executions, explicit.failed_executions);
    assert_eq!(work_tree.providers, explicit.providers);

    // `--rev HEAD diff HEAD~1` is `diff HEAD~1 HEAD`, byte for byte; both at once is refused.
    let (_, a, _) = run_in(repo.path(), &["diff", "HEAD~1", "HEAD"]);
    let (_, b, _) = run_in(repo.path(), &["--rev", "HEAD", "diff", "HEAD~1"]);
    assert_eq!(a, b);
    let (code, _, err) = run_in(repo.path(), &["--rev", "HEAD", "diff", "HEAD~1", "HEAD"]);
    assert_eq!(code, 2, "{err}");

    // An uncommitted failure shows against the work tree only.
    let ndjson = repo.path().join("evidence/executions.ndjson");
    let mut text = std::fs::read_to_string(&ndjson).expect("read");
    text.push_str(
        r#"{"metadata_kind": "retry-execution-record", "execution_id": "gordackretryexec-e4", "provider": "splunk", "execution_status": "skipped", "executed_at": "2026-06-01T07:00:00Z"}"#,
    );
    text.push('\n');
    std::fs::write(&ndjson, text).expect("write");
    let (_, d, _) = diff_json(&repo, &["HEAD"]);
    let ids: Vec<&str> = d
        .failed_executions
        .added
        .iter()
        .map(|f| f.execution_id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["gordackretryexec-e4"],
        "skipped counts as failed (§3)"
    );
    let (_, d, _) = diff_json(&repo, &["HEAD~1", "HEAD"]);
    assert_eq!(d.failed_executions.added.len(), 1, "e3 only");
}

/// The Markdown is a pull-request comment: a `##` heading naming both ends, the alert level,
/// then four `###` tables. Its rows are those of `diff_lists_...` above.
#[test]
fn markdown_for_a_pull_request_comment() {
    let repo = evidence_repo();
    let (code, out, err) = run_in(
        repo.path(),
        &["--format", "markdown", "diff", "HEAD~1", "HEAD"],
    );
    assert_eq!(code, 0, "{err}");
    let base = commit(&repo, "HEAD~1");
    let head = commit(&repo, "HEAD");
    // The README shows this very output (the commit ids are fixed: the fixture pins every
    // name, date and byte).
    assert_eq!(out, crate::readme::marked("diff-markdown"));

    // The table and CSV faces say the same.
    let (_, table, _) = run_in(repo.path(), &["diff", "HEAD~1", "HEAD"]);
    assert!(
        table.starts_with(&format!(
            "Recovery report diff: HEAD~1 ({}) → HEAD ({})\n",
            &base[..7],
            &head[..7]
        )),
        "{table}"
    );
    let (_, csv, _) = run_in(repo.path(), &["--format", "csv", "diff", "HEAD~1", "HEAD"]);
    assert!(
        csv.starts_with("field,before,after,change\nalert level,warning,critical,worse\n"),
        "{csv}"
    );
}

#[test]
fn diff_appends_to_the_job_summary() {
    let repo = evidence_repo();
    let summary = repo.path().join("summary.md");
    let (code, _, err) = run_in(
        repo.path(),
        &[
            "--summary",
            summary.to_str().expect("UTF-8"),
            "diff",
            "HEAD~1",
            "HEAD",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&summary).expect("a summary");
    assert!(
        text.starts_with("## Recovery report diff: `HEAD~1`"),
        "{text}"
    );
    assert_eq!(
        err.lines().count(),
        1,
        "only the note on the base's problem: {err}"
    );
}

#[test]
fn diff_warns_about_problems_of_head() {
    // The reverse diff reads HEAD~1 as HEAD: its syntax problem is warned about and the exit
    // code is 3, as `report` at that revision; BASE's problems are only counted.
    let repo = evidence_repo();
    let out = crate::common::cmd()
        .current_dir(repo.path())
        .args(["--evidence", "evidence", "diff", "HEAD", "HEAD~1"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("cavra: warning: evidence/broken.json:2:1: syntax"),
        "{}",
        stderr(&out)
    );
}
