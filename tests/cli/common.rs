//! Shared helpers: a pinned `cavra` command, fixture paths, temporary evidence folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `now` every test pins unless it says otherwise.
pub const NOW: &str = "2026-06-01T08:00:00Z";

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared folder beside the project (spec, samples).
pub fn shared() -> PathBuf {
    root().join("..").join("shared")
}

/// A test fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// `cavra` with a clean environment: no `CAVRA_*`, no `NO_COLOR`, colour off, `--now` pinned.
pub fn cmd() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("cavra"));
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("CAVRA_") || k == "NO_COLOR" {
            c.env_remove(&k);
        }
    }
    c.args(["--color", "never", "--now", NOW]);
    c
}

/// `cavra` over an evidence folder.
pub fn cavra(evidence: &Path) -> Command {
    let mut c = cmd();
    c.arg("--evidence").arg(evidence);
    c
}

/// Copies a folder tree (files only, no links) into a new temporary folder.
pub fn copy_tree(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_into(from, dir.path());
    dir
}

pub fn copy_into(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let ty = entry.file_type().expect("type");
        let target = to.join(entry.file_name());
        if ty.is_dir() {
            copy_into(&entry.path(), &target);
        } else if ty.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Parses stdout as JSON.
pub fn json_out(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
