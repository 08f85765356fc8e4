//! `sql/retry_recovery_report.sql` on real engines gives `cavra report`'s numbers: DuckDB
//! (Python package) and Apache Spark in local mode (pyspark with OpenJDK 17), each run by
//! `tests/engines/check_sql.py` on the export of every fixture and of the sample store, at
//! two SLOs. Spark runs in one process for every folder (one JVM start).
//!
//! They need the `parquet` feature (`cargo test --features parquet`, as `.ci/run` runs it).
//! The engines are installed by `.ci/run` (`pip install -r tests/engines/requirements.txt`,
//! `apt-get install openjdk-17-jre-headless`). Where they are missing these tests fail; to
//! skip them on purpose, set `CAVRA_SKIP_ENGINES=1`: they then say on stderr that they
//! skipped, and pass (they only skip a missing engine: an installed one runs anyway).

use std::process::Command;

use crate::common::{fixture, root, shared};

fn env_is_1(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| v == "1")
}

/// Why the engine cannot run here, if it cannot.
fn missing(engine: &str) -> Option<String> {
    if !cfg!(feature = "parquet") {
        return Some(
            "this build of cavra cannot write Parquet (run cargo test --features parquet)"
                .to_owned(),
        );
    }
    let probe = match engine {
        "duckdb" => "import duckdb",
        _ => "import pyspark",
    };
    match Command::new("python3").args(["-c", probe]).output() {
        Err(e) => return Some(format!("python3 could not be started: {e}")),
        Ok(o) if !o.status.success() => {
            return Some(format!(
                "python3 -c '{probe}' failed: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            ));
        }
        Ok(_) => {}
    }
    if engine == "spark" {
        match Command::new("java").arg("-version").output() {
            Ok(o) if o.status.success() => {}
            _ => return Some("java (OpenJDK 17) is not installed".to_owned()),
        }
    }
    None
}

/// The folders the script checks by default: every fixture and the sample store.
fn folder_count() -> usize {
    let fixtures = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .count();
    assert!(shared().join("samples/cavra-store").is_dir());
    assert!(fixture("edge").is_dir());
    fixtures + 1
}

fn run(engine: &str) {
    if let Some(why) = missing(engine) {
        if env_is_1("CAVRA_SKIP_ENGINES") {
            eprintln!(
                "SKIPPED: the {engine} SQL test did not run ({why}); CAVRA_SKIP_ENGINES=1.\n  \
                 sql/retry_recovery_report.sql was NOT checked on {engine}.\n"
            );
            return;
        }
        panic!(
            "the {engine} SQL test did not run: {why}. Install the engines as .ci/run does \
             (pip install -r tests/engines/requirements.txt; apt-get install -y \
             openjdk-17-jre-headless), or set CAVRA_SKIP_ENGINES=1 to skip it on purpose"
        );
    }
    let out = Command::new("python3")
        .arg(root().join("tests/engines/check_sql.py"))
        .args(["--engine", engine, "--cavra"])
        .arg(assert_cmd::cargo::cargo_bin!("cavra"))
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Two SLOs per folder, each compared in full.
    let want = format!("{} passed, 0 failed", 2 * folder_count());
    assert!(
        out.status.success() && stdout.lines().any(|l| l == want),
        "{engine}: expected `{want}`\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
}

#[test]
fn report_sql_on_duckdb_equals_cavra_report() {
    run("duckdb");
}

#[test]
fn report_sql_on_spark_equals_cavra_report() {
    run("spark");
}
