//! Shared helpers: a pinned `cavra` command, fixture paths, temporary evidence folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::de::DeserializeOwned;

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

/// `cavra` with a clean environment: no `CAVRA_*`, no `NO_COLOR`, no `GITHUB_STEP_SUMMARY`
/// (a CI runner's own summary), colour off, `--now` pinned.
pub fn cmd() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("cavra"));
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("CAVRA_") || k == "NO_COLOR" || k == "GITHUB_STEP_SUMMARY" {
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

/// Writes `text` at `path` (creating its folders) with the modification time `secs` after
/// the epoch: a rewrite then always shows in the file's stamp, whatever the file system
/// clock's granularity.
pub fn write_at(path: &Path, text: &str, secs: u64) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
    let at = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(at))
        .expect("set the modification time");
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

/// Parses stdout as JSON, untyped: for tests that check a document's exact shape.
pub fn json_out(output: &std::process::Output) -> serde_json::Value {
    json_as(output)
}

/// Parses stdout as a typed document (`crate::docs`), with stdout, stderr and the exit code in
/// the panic message when it is not that document.
pub fn json_as<T: DeserializeOwned>(output: &std::process::Output) -> T {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not a JSON {} ({e}); exit code {:?}\nstdout:\n{}\nstderr:\n{}",
            std::any::type_name::<T>(),
            output.status.code(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Reads a JSON file as a typed document (a stored item, `crate::docs::Item`), naming the file
/// when it is not that document.
pub fn read_as<T: DeserializeOwned>(path: &Path) -> T {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{} is not a JSON {} ({e}):\n{}",
            path.display(),
            std::any::type_name::<T>(),
            String::from_utf8_lossy(&bytes)
        )
    })
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A temporary git repository driven by the `git` command line, isolated from the system's
/// and the user's configuration, with a fixed author, committer and dates, so that its
/// commit ids are the same on every run.
pub struct GitRepo {
    pub dir: tempfile::TempDir,
}

impl GitRepo {
    /// `git init` in a new temporary folder.
    pub fn new() -> GitRepo {
        let repo = GitRepo {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git in the repository; panics (with its stderr) when it fails.
    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args, "2026-06-01T00:00:00Z")
    }

    /// Writes a file (creating its folders), relative to the repository's root.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dir");
        std::fs::write(path, text).expect("write");
    }

    /// Stages everything and commits it with author and committer date `date`.
    pub fn commit_all(&self, message: &str, date: &str) {
        self.git(&["add", "-A"]);
        git_in(self.path(), &["commit", "-q", "-m", message], date);
    }
}

/// `git ARGS` in `dir` with no system or global configuration and fixed identities.
pub fn git_in(dir: &Path, args: &[&str], date: &str) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "cavra tests")
        .env("GIT_AUTHOR_EMAIL", "tests@cavra.invalid")
        .env("GIT_COMMITTER_NAME", "cavra tests")
        .env("GIT_COMMITTER_EMAIL", "tests@cavra.invalid")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .unwrap_or_else(|e| panic!("git is needed for this test and could not run: {e}"));
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file below `root` (relative path, bytes), sorted: to show that nothing changed.
pub fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .display()
                .to_string();
            out.push((rel, std::fs::read(entry.path()).expect("read")));
        }
    }
    out
}
