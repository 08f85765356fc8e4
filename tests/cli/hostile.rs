//! Hostile input to the command line (issue 8): file names with line ends, special files
//! given by path, temporary files of killed writers, timestamps at the edge of the grammar,
//! and the public-safe rules added after the first release (§6).

use std::path::Path;

use crate::check::CheckDoc;
use crate::common::{cavra, json_as, stderr, stdout};

/// Writes `text` to `dir/name`, creating folders.
fn put(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_line_end_in_a_file_name_does_not_split_a_check_line() {
    let dir = tempfile::tempdir().unwrap();
    // One file, named to forge a second problem line; its text is not JSON (one problem).
    put(dir.path(), "a\nforged.json: PS001: fake.json", "{");
    let out = cavra(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stdout(&out);
    // One problem line (the error is at the only character, line 1 column 1) and the counts
    // line: the name's line end is printed as `\n`.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains(r"a\nforged.json: PS001: fake.json:1:1: syntax: "),
        "{text}"
    );
    assert_eq!(lines[1], "1 files, 0 records, 0 ignored, 1 problems");
    // The warning on stderr of a reading command is one line too.
    let out = cavra(dir.path()).arg("report").output().unwrap();
    let warnings: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| l.contains("forged"))
        .map(str::to_owned)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("cavra: warning: "), "{warnings:?}");
    // JSON keeps the real name: JSON escapes it itself.
    let out = cavra(dir.path())
        .args(["--format", "json", "check"])
        .output()
        .unwrap();
    let doc: CheckDoc = json_as(&out);
    assert!(doc.problems[0].place.contains("a\nforged.json"), "{doc:?}");
}

/// One failed escalation delivery for jira, created at `created_at`.
fn late_delivery(dir: &Path, created_at: &str) {
    put(
        dir,
        "deliveries/late.json",
        &format!(
            r#"{{"metadata_kind": "release-connector-delivery", "session_id": "rcd-late",
  "delivery_id": "dlv-late",
  "connector_delivery_source": "go_backend_rollback_drill_acknowledgement_audit_recovery_escalation",
  "plan_id": "esc-late", "providers": ["jira"], "failed_providers": ["jira"],
  "delivery_success": false, "status_codes": [503], "created_at": "{created_at}"}}"#
        ),
    );
}

#[test]
fn a_computed_timestamp_outside_the_grammar_fails_with_exit_3_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The issue's case: 9999-12-31T23:59:59-23:59 is 10000-01-01T23:58:59Z, and the delay
    // is capped at 100 years; next_retry_at used to be written as +10099-12-07T...
    late_delivery(dir.path(), "9999-12-31T23:59:59-23:59");
    let out = cavra(dir.path())
        .args(["retry-plan", "--delay-minutes", "18446744073709551615"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("after 9999-12-31T23:59:59Z"), "{err}");
    assert!(err.contains("hint: lower the retry delay"), "{err}");
    assert!(
        !dir.path().join("retry-plans").exists(),
        "nothing written: {err}"
    );
    // The dashboard writes no next_retry_at: it still answers (the delivery waits).
    let out = cavra(dir.path()).arg("dashboard").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // schedule-run: a 100-year window from 9999-06-01 ends after 9999.
    let out = cavra(dir.path())
        .args([
            "--now",
            "9999-06-01T00:00:00Z",
            "schedule-run",
            "--interval-minutes",
            "52560000",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("window_end"), "{}", stderr(&out));
    assert!(!dir.path().join("schedule-runs").exists());

    // A --now that is no timestamp cavra can write back is a usage error, like any bad --now.
    let out = cavra(dir.path())
        .args(["--now", "9999-12-31T23:59:59-00:01", "report"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("outside the years 0000-9999"));
}
