//! The committed completion scripts under `completions/` are exactly what
//! `cavra completions SHELL` prints. `UPDATE_COMPLETIONS=1 cargo test completions` rewrites them.

use crate::common::{cmd, root};

const SHELLS: [(&str, &str); 5] = [
    ("bash", "cavra.bash"),
    ("zsh", "_cavra"),
    ("fish", "cavra.fish"),
    ("powershell", "_cavra.ps1"),
    ("elvish", "cavra.elv"),
];

/// The subcommands of §5: every completion script offers them.
const SUBCOMMANDS: [&str; 18] = [
    "ingest",
    "check",
    "report",
    "escalate",
    "ack",
    "close",
    "retry-plan",
    "executive-report",
    "schedule-run",
    "dashboard",
    "trace",
    "verify",
    "schema",
    "export",
    "recovery-times",
    "serve",
    "api",
    "completions",
];

/// Whether `word` occurs in `text` as a whole word (not inside `closure` or `retry-plans`).
fn names_word(text: &str, word: &str) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(part)
            && !text[i + word.len()..].chars().next().is_some_and(part)
    })
}

#[test]
fn committed_completions_are_current() {
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some_and(|v| v == "1");
    let dir = root().join("completions");
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let out = cmd().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        // A script for these commands, not just any output (an empty or wrong script would
        // also be "current" against a missing committed file).
        for sub in SUBCOMMANDS {
            assert!(names_word(&script, sub), "{shell}: the script lacks {sub}");
        }
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &out.stdout).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        if committed != out.stdout {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completion scripts {stale:?}: run UPDATE_COMPLETIONS=1 cargo test completions"
    );
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let out = cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
