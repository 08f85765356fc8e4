//! `--rev REV`: the evidence folder as it was at a git revision, read from the repository's
//! objects. Its output must be the output of a checkout of that revision, byte for byte, and
//! it must never touch the work tree.
//!
//! The fixture is a repository with two commits of evidence in `evidence/` (a subfolder, so
//! the folder is mapped into the tree); [`evidence_repo`] describes both. `diff.rs` uses it
//! too.

use std::path::Path;

use crate::common::{GitRepo, NOW, cmd, stderr, tree};

/// An execution record (flat).
fn execution(id: &str, provider: &str, status: &str, at: &str) -> String {
    format!(
        r#"{{"metadata_kind": "retry-execution-record", "execution_id": "gordackretryexec-{id}", "provider": "{provider}", "execution_status": "{status}", "executed_at": "{at}", "delivery_success": {}}}"#,
        status == "delivered"
    )
}

/// A closure record (flat).
fn closure(id: &str, playbook: &str, provider: &str, state: &str, at: &str) -> String {
    format!(
        r#"{{"metadata_kind": "connector-recovery-closure", "closure_id": "gordackrecoveryclosure-{id}", "playbook_id": "gordackrecovery-{playbook}", "provider": "{provider}", "closure_state": "{state}", "closed_at": "{at}", "verification_refs": []}}"#
    )
}

/// The two commits, with now = 2026-06-01T08:00:00Z and the SLO of 240 minutes:
///
/// **HEAD~1** (`evidence/`):
/// - `executions.ndjson`: e1 jira delivered (05-31 10:00), e2 splunk delivered (05-31 11:00);
/// - playbook `pa` generated 06-01 06:00 (age 120 min) with jira and splunk; playbook `pb`
///   generated 05-31 20:00 (age 720 min) with pagerduty; closure c1 resolves pb/pagerduty at
///   05-31 22:00;
/// - what must not be read, each an execution that would be a failure: `drafts/e9.json`
///   (`.cavraignore` names `drafts/`), `.hidden.json`, `target/e7.json`, the symbolic link
///   `link.json` (to `drafts/e9.json`), and `vendored` is a submodule; `README.md` is not
///   evidence; `../other/e6.json` is outside the evidence folder;
/// - `broken.json` is not JSON: one syntax problem.
///
/// So its report: 2 executions, none failed; rows pa/jira open (120 ≤ 240, not breached),
/// pa/splunk open, pb/pagerduty closed (resolved); alert level `warning` (open rows, no
/// failure, no breach); exit 3 (the syntax problem).
///
/// **HEAD** adds e3 jira failed (06-01 06:30) to `executions.ndjson`, closure c2 reopening
/// pb/pagerduty at 06-01 05:00 (later than c1, so it is the row's closure: state `reopened`,
/// open, and 720 > 240: breached), closure c3 resolving pa/splunk at 06-01 07:30, and
/// removes `broken.json`. Its report: 3 executions, 1 failed; pb/pagerduty breached,
/// pa/jira open, pa/splunk closed; alert level `critical`; no problem.
pub fn evidence_repo() -> GitRepo {
    let repo = GitRepo::new();
    repo.write("README.md", "an evidence repository\n");
    repo.write(
        "other/e6.json",
        &execution("e6", "jira", "failed", "2026-05-31T09:00:00Z"),
    );
    repo.write(
        "evidence/.cavraignore",
        "# drafts are not evidence\ndrafts/\n",
    );
    repo.write("evidence/README.md", "# evidence\n");
    repo.write(
        "evidence/executions.ndjson",
        &format!(
            "{}\n{}\n",
            execution("e1", "jira", "delivered", "2026-05-31T10:00:00Z"),
            execution("e2", "splunk", "delivered", "2026-05-31T11:00:00Z")
        ),
    );
    repo.write(
        "evidence/playbooks/pa.json",
        r#"{"metadata_kind": "connector-recovery-playbook", "playbook_id": "gordackrecovery-pa", "generated_at": "2026-06-01T06:00:00Z",
  "provider_playbooks": [{"provider": "jira", "category": "itsm", "failure_count": 1}, {"provider": "splunk", "category": "siem", "failure_count": 2}]}
"#,
    );
    repo.write(
        "evidence/playbooks/pb.json",
        r#"{"metadata_kind": "connector-recovery-playbook", "playbook_id": "gordackrecovery-pb", "generated_at": "2026-05-31T20:00:00Z",
  "provider_playbooks": [{"provider": "pagerduty", "category": "chatops", "failure_count": 3}]}
"#,
    );
    repo.write(
        "evidence/closures/c1.json",
        &closure("c1", "pb", "pagerduty", "resolved", "2026-05-31T22:00:00Z"),
    );
    repo.write(
        "evidence/drafts/e9.json",
        &execution("e9", "jira", "failed", "2026-05-31T09:00:00Z"),
    );
    repo.write(
        "evidence/.hidden.json",
        &execution("e8", "jira", "failed", "2026-05-31T09:00:00Z"),
    );
    repo.write(
        "evidence/target/e7.json",
        &execution("e7", "jira", "failed", "2026-05-31T09:00:00Z"),
    );
    repo.write(
        "evidence/broken.json",
        "{\"metadata_kind\": \"retry-execution-record\",\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("drafts/e9.json", repo.path().join("evidence/link.json"))
        .expect("symlink");
    repo.git(&["add", "-A"]);
    // A submodule entry (a commit in the tree); a checkout leaves its folder empty.
    repo.git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        "160000,1111111111111111111111111111111111111111,evidence/vendored",
    ]);
    repo.commit_all("base evidence", "2026-06-01T06:30:00Z");

    let ndjson =
        std::fs::read_to_string(repo.path().join("evidence/executions.ndjson")).expect("read");
    repo.write(
        "evidence/executions.ndjson",
        &format!(
            "{ndjson}{}\n",
            execution("e3", "jira", "failed", "2026-06-01T06:30:00Z")
        ),
    );
    repo.write(
        "evidence/closures/c2.json",
        &closure("c2", "pb", "pagerduty", "reopened", "2026-06-01T05:00:00Z"),
    );
    repo.write(
        "evidence/closures/c3.json",
        &closure("c3", "pa", "splunk", "resolved", "2026-06-01T07:30:00Z"),
    );
    std::fs::remove_file(repo.path().join("evidence/broken.json")).expect("remove");
    repo.commit_all(
        "a failed execution, pagerduty reopened, splunk resolved",
        "2026-06-01T07:45:00Z",
    );
    repo
}

/// A checkout of `rev` beside the repository (`git worktree add`), same layout.
pub fn checkout(repo: &GitRepo, rev: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let co = dir.path().join("co");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "--detach",
        co.to_str().expect("UTF-8 temp path"),
        rev,
    ]);
    dir
}

/// `cavra --evidence evidence ARGS` run in `dir`: (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = cmd()
        .current_dir(dir)
        .args(["--evidence", "evidence"])
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr(&out),
    )
}

#[test]
fn rev_reads_what_a_checkout_reads_byte_for_byte() {
    let repo = evidence_repo();
    let co = checkout(&repo, "HEAD~1");
    let co = co.path().join("co");
    for args in [
        &["report"][..],
        &["--format", "json", "report"],
        &["--format", "markdown", "report"],
        &["check"],
        &["--format", "json", "check"],
        &["dashboard"],
        &["--exclude", "playbooks/pb.json", "report"],
    ] {
        let mut at_rev = vec!["--rev", "HEAD~1"];
        at_rev.extend_from_slice(args);
        let got = run_in(repo.path(), &at_rev);
        let want = run_in(&co, args);
        assert_eq!(got, want, "cavra {args:?}: --rev HEAD~1 against a checkout");
    }
    // The checkout's report is the one derived in `evidence_repo`: the skipped files stayed
    // unread (no failure), the syntax problem is named by its path, exit 3.
    let (code, out, err) = run_in(&co, &["--format", "json", "report"]);
    assert_eq!(code, 3, "{err}");
    let report: crate::docs::Report = serde_json::from_str(&out).expect("a report");
    assert_eq!(report.execution_count, 2);
    assert_eq!(report.execution_failed_count, 0);
    assert_eq!(report.alert_level, "warning");
    assert_eq!(report.recovery_open_count, 2);
    assert_eq!(report.recovery_closed_count, 1);
    assert_eq!(report.recovery_slo_breached_count, 0);
    assert!(
        err.contains("cavra: warning: evidence/broken.json:2:1: syntax"),
        "{err}"
    );
}

#[test]
fn rev_never_reads_or_touches_the_work_tree() {
    let repo = evidence_repo();
    let co = checkout(&repo, "HEAD");
    let co = co.path().join("co");
    // Uncommitted changes: a new failure, a closure gone, an untracked closure.
    let ndjson = repo.path().join("evidence/executions.ndjson");
    let mut text = std::fs::read_to_string(&ndjson).expect("read");
    text.push_str(&execution("e4", "splunk", "failed", "2026-06-01T07:00:00Z"));
    text.push('\n');
    std::fs::write(&ndjson, text).expect("write");
    std::fs::remove_file(repo.path().join("evidence/closures/c3.json")).expect("remove");
    repo.write(
        "evidence/closures/c4.json",
        &closure("c4", "pa", "jira", "resolved", "2026-06-01T07:40:00Z"),
    );
    let before = tree(repo.path());

    for args in [&["--format", "json", "report"][..], &["check"], &["verify"]] {
        let mut at_rev = vec!["--rev", "HEAD"];
        at_rev.extend_from_slice(args);
        assert_eq!(
            run_in(repo.path(), &at_rev),
            run_in(&co, args),
            "cavra {args:?}: --rev HEAD sees the commit, not the edits"
        );
    }
    let (_, work_tree, _) = run_in(repo.path(), &["--format", "json", "report"]);
    let (_, at_head, _) = run_in(
        repo.path(),
        &["--rev", "HEAD", "--format", "json", "report"],
    );
    assert_ne!(
        work_tree, at_head,
        "the edits do change the work tree's report"
    );
    assert_eq!(tree(repo.path()), before, "no file changed, .git included");

    // The evidence folder need not exist in the work tree.
    std::fs::rename(repo.path().join("evidence"), repo.path().join("moved")).expect("move");
    let (code, out, _) = run_in(
        repo.path(),
        &["--rev", "HEAD", "--format", "json", "report"],
    );
    assert_eq!((code, out), (0, at_head));
}

#[test]
fn rev_finds_the_repository_from_any_working_folder() {
    let repo = evidence_repo();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = cmd()
        .current_dir(elsewhere.path())
        .arg("--evidence")
        .arg(repo.path().join("evidence"))
        .args(["--rev", "HEAD", "--format", "json", "report"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: crate::docs::Report = crate::common::json_as(&out);
    assert_eq!(report.execution_count, 3, "e1, e2, e3 (see evidence_repo)");
    assert_eq!(report.generated_at, NOW);
}

#[test]
fn a_bad_revision_is_a_usage_error() {
    let repo = evidence_repo();
    // A tree or a blob names no commit: `HEAD:evidence` is a folder, not a revision.
    for rev in [
        "no-such-branch",
        "HEAD~5",
        "0123456789abcdef",
        "HEAD:evidence",
        "HEAD:README.md",
    ] {
        let (code, out, err) = run_in(repo.path(), &["--rev", rev, "report"]);
        assert_eq!(code, 2, "{rev}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains(&format!("--rev {rev:?} names no commit")),
            "{rev}: {err}"
        );
        assert!(
            err.contains("hint: `git log --oneline` lists revisions"),
            "{err}"
        );
    }
    // diff's revisions too, BASE and HEAD.
    let (code, _, err) = run_in(repo.path(), &["diff", "nope"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run_in(repo.path(), &["diff", "HEAD", "nope"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_folder_outside_any_repository_is_an_io_error() {
    let dir = crate::common::copy_tree(&crate::common::fixture("basic"));
    let out = crate::common::cavra(dir.path())
        .args(["--rev", "HEAD", "report"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("not inside a git repository"), "{err}");
    assert!(
        err.contains("hint: --rev reads the evidence folder from the git repository"),
        "{err}"
    );
    // diff needs a repository as much.
    let out = crate::common::cavra(dir.path())
        .args(["diff", "HEAD"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
}

#[test]
fn a_folder_missing_at_the_revision_is_exit_4() {
    let repo = evidence_repo();
    repo.write("later/x.json", "{}\n");
    let out = cmd()
        .current_dir(repo.path())
        .args(["--evidence", "later", "--rev", "HEAD", "report"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("later: not in revision HEAD"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn writing_commands_refuse_a_revision() {
    let repo = evidence_repo();
    let before = tree(repo.path());
    for args in [
        &["escalate"][..],
        &[
            "ack",
            "gordackrecoveryesc-0123",
            "--provider",
            "jira",
            "--by",
            "x",
        ],
        &[
            "close",
            "gordackrecovery-pa",
            "--provider",
            "jira",
            "--by",
            "x",
        ],
        &["retry-plan"],
        &["ingest", "other"],
        &["schedule-run"],
        &["executive-report", "--record"],
        &["report", "--record"],
        &["report", "--record", "--dry-run"],
    ] {
        let mut at_rev = vec!["--rev", "HEAD"];
        at_rev.extend_from_slice(args);
        let (code, out, err) = run_in(repo.path(), &at_rev);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(
            err.contains("evidence read at a revision (--rev) cannot be written"),
            "{args:?}: {err}"
        );
    }
    let (code, _, err) = run_in(repo.path(), &["--rev", "HEAD", "serve"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--rev is for reading commands"), "{err}");
    assert_eq!(tree(repo.path()), before, "nothing written");
    // Reading commands that do not record are fine.
    let (code, _, err) = run_in(repo.path(), &["--rev", "HEAD", "executive-report"]);
    assert_eq!(code, 0, "{err}");
}
