//! `-j/--threads N`: the output is the same byte for byte at any thread count, and a thread
//! count that is not a whole number of at least 1 is a usage error (exit 2).

use std::path::Path;
use std::process::Output;

use crate::common::{cavra, fixture, stderr};

fn run(dir: &Path, pre: &[&str], args: &[&str]) -> Output {
    cavra(dir).args(pre).args(args).output().unwrap()
}

/// An NDJSON file of several blocks (512 KiB each), so that both workers take some, with
/// problems spread over it (each names its line).
fn big_ndjson() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..12_000 {
        if i % 997 == 0 {
            text.push_str("{not json}\n");
        } else if i % 1_201 == 0 {
            text.push_str("{\"metadata_kind\":\"retry-execution-record\",\"provider\":3}\n");
        } else {
            text.push_str(&format!(
                "{{\"metadata_kind\":\"retry-execution-record\",\"execution_id\":\"gordackretryexec-{i:016x}\",\"provider\":\"{}\",\"execution_status\":\"{}\",\"delivery_success\":{},\"executed_at\":\"2026-05-{:02}T{:02}:00:00Z\",\"approval_decision_id\":\"gordackretryapprovaldecision-{i:016x}\",\"run_id\":\"gordackworker-{:016x}\"}}\n",
                ["jira", "slack", "servicenow"][i % 3],
                ["succeeded", "failed", "skipped"][i % 3],
                i % 2 == 0,
                1 + i % 28,
                i % 24,
                i / 10,
            ));
        }
    }
    std::fs::write(d.path().join("all.ndjson"), text).unwrap();
    d
}

#[test]
fn output_is_identical_with_one_and_two_threads() {
    let big = big_ndjson();
    let dirs: Vec<_> = ["basic", "edge", "empty", "flow"]
        .iter()
        .map(|n| fixture(n))
        .chain([big.path().to_path_buf()])
        .collect();
    for dir in &dirs {
        for args in [
            &["--format", "json", "report"][..],
            &["--format", "csv", "report", "--section", "executions"][..],
            &["check"][..],
            // An unknown id: the hint names the nearest ids, executions among them.
            &["trace", "gordackretryexec-0000000000002eZZ"][..],
        ] {
            let one = run(dir, &["-j", "1"], args);
            assert!(
                one.status.code().is_some_and(|c| c == 0 || c == 3),
                "{}: {args:?}: {}",
                dir.display(),
                stderr(&one)
            );
            for pre in [
                &["-j", "2"][..],
                &["--threads", "2"][..],
                &["--threads=2"][..],
            ] {
                let two = run(dir, pre, args);
                assert_eq!(two.status.code(), one.status.code(), "{args:?} {pre:?}");
                assert!(
                    two.stdout == one.stdout && two.stderr == one.stderr,
                    "{}: {args:?} differs with {pre:?}",
                    dir.display()
                );
            }
        }
    }
    // The big file does name its problems by line, so the comparison above saw them.
    let check = run(big.path(), &["-j", "2"], &["check"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check)
    );
    assert!(text.contains("all.ndjson:11965"), "{text}");
}

#[test]
fn the_option_wins_over_the_environment() {
    let dir = fixture("basic");
    let want = run(&dir, &["-j", "1"], &["--format", "json", "report"]);
    assert_eq!(want.status.code(), Some(0), "{}", stderr(&want));
    let out = cavra(&dir)
        .env("CAVRA_THREADS", "lots")
        .args(["-j", "2", "--format", "json", "report"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, want.stdout);
}

#[test]
fn a_bad_thread_count_is_a_usage_error() {
    let dir = fixture("basic");
    for bad in [
        &["-j", "0"][..],
        &["-j", "two"][..],
        &["--threads", "1.5"][..],
        &["--threads=-1"][..],
        &["--threads", ""][..],
        &["-j"][..],
    ] {
        let out = run(&dir, bad, &["report"]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{bad:?}");
    }
    for bad in ["0", "two", "-3"] {
        let out = cavra(&dir)
            .env("CAVRA_THREADS", bad)
            .arg("report")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "CAVRA_THREADS={bad}");
        assert!(stderr(&out).contains("CAVRA_THREADS"), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    // Empty means unset, as for CAVRA_NOW.
    let out = cavra(&dir)
        .env("CAVRA_THREADS", "")
        .arg("report")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
