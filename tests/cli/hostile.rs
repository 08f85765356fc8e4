//! Hostile input to the command line (issue 8): file names with line ends, special files
//! given by path, temporary files of killed writers, timestamps at the edge of the grammar,
//! and the public-safe rules added after the first release (§6).

use std::path::Path;

use crate::check::CheckDoc;
use crate::common::{NOW, cavra, json_as, stderr, stdout};
use crate::reliability::command;

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

#[test]
fn policy_rules_added_after_the_first_release_are_enforced_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let closure = |name: &str, extra: &str| {
        put(
            dir.path(),
            &format!("closures/{name}.json"),
            &format!(
                r#"{{"metadata_kind": "connector-recovery-closure", "closure_id": "c-{name}",
  "playbook_id": "pb-1", "provider": "jira", "closure_state": "resolved",
  "closed_at": "2026-06-01T07:00:00Z"{extra}}}"#
            ),
        )
    };
    // One violation per file, each found only by a rule of §6 added after the first release.
    closure("a-key", r#", "refs": {"https://db.internal/x": 1}"#);
    closure("b-percent", r#", "external_ref": "http://%6c%6fcalhost/x""#);
    closure("c-integer", r#", "external_ref": "http://2130706433/""#);
    closure("d-short", r#", "external_ref": "http://127.1/""#);
    closure("e-hex", r#", "external_ref": "http://0x7f.1/""#);
    // Passes: 010.0.0.1 is 8.0.0.1.
    closure("f-octal-public", r#", "external_ref": "http://010.0.0.1/""#);
    put(
        dir.path(),
        "playbooks/evil.json",
        r#"{"metadata_kind": "connector-recovery-playbook", "playbook_id": "../../evil",
  "generated_at": "2026-06-01T07:00:00Z",
  "provider_playbooks": [{"provider": "jira", "category": "itsm", "failure_count": 1}]}"#,
    );
    let out = cavra(dir.path())
        .args(["--format", "json", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let doc: CheckDoc = json_as(&out);
    let got: Vec<(String, String)> = doc
        .places()
        .into_iter()
        .map(|(place, rule)| {
            let rel = place
                .strip_prefix(&format!("{}/", dir.path().display()))
                .unwrap_or(&place)
                .to_owned();
            (rel, rule)
        })
        .collect();
    let want: Vec<(String, String)> = [
        (
            "closures/a-key.json#/refs/https:~1~1db.internal~1x",
            "PS003",
        ),
        ("closures/b-percent.json#/external_ref", "PS003"),
        ("closures/c-integer.json#/external_ref", "PS003"),
        ("closures/d-short.json#/external_ref", "PS003"),
        ("closures/e-hex.json#/external_ref", "PS003"),
        ("playbooks/evil.json#/playbook_id", "unsafe-id"),
        // The one valid closure is for playbook ../../evil, which is left out above: its
        // citation dangles (a warning, §4.8; listed after the reading problems).
        (
            "closures/f-octal-public.json#/playbook_id",
            "dangling-reference",
        ),
    ]
    .iter()
    .map(|(p, r)| (p.to_string(), r.to_string()))
    .collect();
    assert_eq!(got, want);
    // Seven files of one known record each (records counts known records, valid or not).
    assert_eq!((doc.files, doc.records), (7, 7));
    // The playbook is left out of the report: no recovery row.
    let out = cavra(dir.path())
        .args(["--format", "json", "report"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let report: serde_json::Value = json_as(&out);
    assert_eq!(report["recovery_playbook_provider_count"], 0);
}

/// Runs `c` with a deadline: a hang is a failure, not a stuck test.
fn output_within(mut c: std::process::Command, secs: u64) -> std::process::Output {
    use std::process::Stdio;
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("still running after {secs} s: {}", stderr(&out));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let ev = dir.path().join("ev");
    std::fs::create_dir(&ev).unwrap();
    let fifo = dir.path().join("x.json");
    mkfifo(&fifo);
    // A character device named x.json: a link to /dev/zero (ingest follows a link it is
    // given, as it reads paths as given).
    let zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for (input, kind) in [
        (fifo.as_path(), "a FIFO"),
        (Path::new("/dev/zero"), "a character device"),
        (zero.as_path(), "a character device"),
    ] {
        let c = command(&ev, NOW, &["ingest", input.to_str().unwrap()]);
        let out = output_within(c, 10);
        assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("not a regular file or folder ({kind})")),
            "{err}"
        );
        assert!(err.contains(&input.display().to_string()), "{err}");
    }
    // A FIFO inside an evidence folder is skipped by the walk: check does not hang.
    let inside = ev.join("pipe.json");
    mkfifo(&inside);
    let out = output_within(command(&ev, NOW, &["check"]), 10);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "0 files, 0 records, 0 ignored, 0 problems\n");
    // The token file: a FIFO or /dev/zero is refused before it is read (exit 4).
    for token in [fifo.as_path(), Path::new("/dev/zero")] {
        let args = ["serve", "--listen", "127.0.0.1:0", "--token-file"];
        let mut args = args.to_vec();
        args.push(token.to_str().unwrap());
        let out = output_within(command(&ev, NOW, &args), 10);
        assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}
