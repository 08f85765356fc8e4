//! `cavra export`: valid records only, problems as `check` lists them, exit codes, atomic
//! files, deterministic bytes. The engines' side (the SQL equals the report) is
//! `engines.rs`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use crate::common::{cavra, copy_tree, fixture, stderr};

#[derive(Debug, Deserialize)]
struct Manifest {
    file_format: String,
    source: Option<String>,
    evidence_fingerprint: String,
    problems: u64,
    tables: Vec<TableInfo>,
}

#[derive(Debug, Deserialize)]
struct TableInfo {
    name: String,
    file: String,
    rows: u64,
    columns: Vec<ColumnInfo>,
}

#[derive(Debug, Deserialize)]
struct ColumnInfo {
    name: String,
}

fn manifest(dir: &Path) -> Manifest {
    crate::common::read_as(&dir.join("manifest.json"))
}

fn rows(m: &Manifest) -> BTreeMap<&str, u64> {
    m.tables.iter().map(|t| (t.name.as_str(), t.rows)).collect()
}

/// The rows of an NDJSON table.
fn ndjson(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every file in a folder, by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_bad_record_beside_good_ones_is_reported_as_check_reports_it_and_left_out() {
    let ev = copy_tree(&fixture("basic"));
    // A record of the wrong type (types), a line that is not JSON (syntax) and a second,
    // different version of an execution the fixture has (conflict: both versions out).
    std::fs::write(
        ev.path().join("bad.ndjson"),
        concat!(
            r#"{"metadata_kind":"retry-execution-record","execution_id":"gordackretryexec-bad0000000000001","provider":5}"#,
            "\n{not json\n",
            r#"{"metadata_kind":"retry-execution-record","execution_id":"gordackretryexec-b1a0000000000002","provider":"jira","execution_status":"delivered"}"#,
            "\n",
        ),
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = cavra(ev.path())
        .args(["export", "--file-format", "ndjson", "--to"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));

    // The problems, exactly as `check` prints them.
    let check = cavra(ev.path()).arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(3));
    let check_lines: Vec<String> = String::from_utf8_lossy(&check.stdout)
        .lines()
        .filter(|l| l.contains(": "))
        .map(str::to_owned)
        .collect();
    assert_eq!(check_lines.len(), 3, "{check_lines:?}");
    let warned: Vec<String> = stderr(&out)
        .lines()
        .filter_map(|l| l.strip_prefix("cavra: warning: ").map(str::to_owned))
        .collect();
    assert_eq!(warned, check_lines);

    // The valid records are exported, the bad ones are not. basic has executions b1a…1
    // (executions/), b1a…2 and b1a…3 (executions.ndjson); b1a…2 now conflicts, so b1a…1 and
    // b1a…3 remain: the same count as the report's. Rows come in reading order: files in
    // path order, a folder's files right after the folder (executions/ before
    // executions.ndjson).
    let m = manifest(out_dir.path());
    assert_eq!(m.problems, 3);
    let report: Value = crate::common::json_out(
        &cavra(ev.path())
            .args(["--format", "json", "report"])
            .output()
            .unwrap(),
    );
    assert_eq!(report["execution_count"], 2);
    assert_eq!(rows(&m)["executions"], 2);
    let ids: Vec<String> = ndjson(&out_dir.path().join("executions.ndjson"))
        .iter()
        .map(|r| r["execution_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        [
            "gordackretryexec-b1a0000000000001",
            "gordackretryexec-b1a0000000000003"
        ]
    );
    // basic: 2 playbooks with 2 provider playbooks each, 4 closures.
    assert_eq!(rows(&m)["playbooks"], 4);
    assert_eq!(rows(&m)["closures"], 4);
}

#[test]
fn valid_evidence_exits_0_and_the_manifest_lists_every_table() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = cavra(&fixture("flow"))
        .args(["--format", "json", "export", "--source", "team-a", "--to"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed: Value = crate::common::json_out(&out);
    let m = manifest(out_dir.path());
    assert_eq!(printed["evidence_fingerprint"], m.evidence_fingerprint);
    let default = if cfg!(feature = "parquet") {
        "parquet"
    } else {
        "ndjson"
    };
    assert_eq!(m.file_format, default);
    assert_eq!(m.source.as_deref(), Some("team-a"));
    assert_eq!(m.tables.len(), 10);
    for t in &m.tables {
        assert!(out_dir.path().join(&t.file).is_file(), "{}", t.file);
        assert_eq!(t.columns[0].name, "source", "{}", t.name);
    }
    // flow/README.md: 4 executions, 2 playbooks of 2 providers, 2 closures, 1 escalation
    // plan, deliveries d1…d8 of which d8 is not an escalation delivery.
    let r = rows(&m);
    assert_eq!((r["executions"], r["playbooks"], r["closures"]), (4, 4, 2));
    assert_eq!((r["escalation_plans"], r["escalation_deliveries"]), (1, 7));
}

#[test]
fn a_missing_evidence_folder_is_an_io_error_and_writes_nothing() {
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("x");
    let out = cavra(&out_dir.path().join("missing"))
        .args(["export", "--to"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(!target.exists());
}

#[test]
fn exports_are_byte_identical_across_runs_and_thread_counts() {
    let formats: &[&str] = if cfg!(feature = "parquet") {
        &["parquet", "ndjson"]
    } else {
        &["ndjson"]
    };
    for &format in formats {
        let mut seen: Option<BTreeMap<String, Vec<u8>>> = None;
        for threads in ["1", "2", "4"] {
            let out_dir = tempfile::tempdir().unwrap();
            let out = cavra(&crate::common::shared().join("samples/cavra-store"))
                .env("CAVRA_THREADS", threads)
                .args(["-q", "export", "--file-format", format, "--to"])
                .arg(out_dir.path())
                .output()
                .unwrap();
            assert!(matches!(out.status.code(), Some(0 | 3)), "{}", stderr(&out));
            let now = files(out_dir.path());
            assert_eq!(
                now.len(),
                11,
                "10 tables and the manifest: {:?}",
                now.keys()
            );
            match &seen {
                None => seen = Some(now),
                Some(first) => assert!(first == &now, "{format}: threads {threads} differ"),
            }
        }
    }
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_in_a_build_without_it_is_a_usage_error_that_says_how_to_get_it() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = cavra(&fixture("basic"))
        .args(["export", "--file-format", "parquet", "--to"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--features parquet"),
        "{}",
        stderr(&out)
    );
    assert!(files(out_dir.path()).is_empty());
}

/// Writes `n` executions into one NDJSON file.
#[cfg(feature = "parquet")]
fn many_executions(path: &Path, n: usize) {
    let mut text = String::with_capacity(n * 200);
    for i in 0..n {
        text.push_str(&format!(
            "{{\"metadata_kind\":\"retry-execution-record\",\"execution_id\":\"gordackretryexec-{i:016x}\",\"provider\":\"p{}\",\"execution_status\":\"delivered\",\"executed_at\":\"2026-05-{:02}T10:00:00Z\",\"run_id\":\"gordackworker-{i:016x}\"}}\n",
            i % 7,
            1 + i % 28
        ));
    }
    std::fs::write(path, text).unwrap();
}

/// Whether `name` is a hidden temporary file of the export.
#[cfg(feature = "parquet")]
fn is_temp(name: &str) -> bool {
    name.starts_with('.') && name.contains(".tmp-")
}

#[cfg(feature = "parquet")]
#[test]
fn a_killed_export_leaves_no_file_that_looks_complete() {
    let ev = tempfile::tempdir().unwrap();
    const N: usize = 200_000;
    many_executions(&ev.path().join("executions.ndjson"), N);
    let out_dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("cavra"))
        .arg("--evidence")
        .arg(ev.path())
        .args(["-q", "export", "--row-group-rows", "1000", "--to"])
        .arg(out_dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as its temporary files exist, while it streams rows into them.
    let start = Instant::now();
    let names = loop {
        let names: Vec<String> = std::fs::read_dir(out_dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        if names
            .iter()
            .any(|n| n.starts_with(".executions.") && is_temp(n))
        {
            break names;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the export finished before it could be killed; make the evidence larger"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    let after: Vec<String> = files(out_dir.path()).into_keys().collect();
    assert!(
        after.iter().all(|n| is_temp(n)),
        "only hidden temporary files may be left: {after:?} (seen before the kill: {names:?})"
    );
    // The killed export did write: its temporary executions table holds row groups already
    // (1,000 rows each) but no footer, so nothing with a final name may hold it.
    let tmp = after
        .iter()
        .find(|n| n.starts_with(".executions."))
        .unwrap();
    let bytes = std::fs::read(out_dir.path().join(tmp)).unwrap();
    assert!(!bytes.ends_with(b"PAR1"), "the temporary file is complete");

    // A new export over the same folder completes, and every table is whole.
    let out = cavra(ev.path())
        .args(["-q", "export", "--to"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let m = manifest(out_dir.path());
    assert_eq!(rows(&m)["executions"], N as u64);
    for t in &m.tables {
        let bytes = std::fs::read(out_dir.path().join(&t.file)).unwrap();
        assert!(
            bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
            "{}",
            t.file
        );
    }
}
