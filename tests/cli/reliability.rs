//! Writes under concurrency and sudden death (§4): concurrent recorders never lose or corrupt
//! a record, one window has one run whoever races for it, and a writer killed with SIGKILL at
//! any moment leaves no partial or invalid visible file.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::common::{NOW, copy_tree, fixture, read_as, stdout};
use crate::docs::Item;

/// A `cavra` process over `dir` (clean environment, colour off), not yet started.
pub fn command(dir: &Path, now: &str, args: &[&str]) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("cavra"));
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("CAVRA_") || k == "NO_COLOR" || k == "GITHUB_STEP_SUMMARY" {
            c.env_remove(&k);
        }
    }
    c.args(["--color", "never", "--now", now, "--evidence"])
        .arg(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn spawn_all(commands: Vec<Command>) -> Vec<Child> {
    commands
        .into_iter()
        .map(|mut c| c.spawn().expect("spawn cavra"))
        .collect()
}

/// The visible (not hidden) `.json` files of a folder.
fn visible_json(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    !name.starts_with('.') && name.ends_with(".json")
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// `cavra check` is clean: exit 0 and no problem but the flow fixture's own three dangling
/// references (deliveries d4–d6 are for plan esc-other, which it does not hold).
fn check_is_clean(dir: &Path) {
    let out = command(dir, NOW, &["check"]).output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let others: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.contains(": ")
                && !l.ends_with(
                    "cites escalation plan esc-other, which no record in the evidence has",
                )
        })
        .collect();
    assert!(others.is_empty(), "{text}");
    assert!(
        text.ends_with(" 3 problems\n") || text.ends_with(" 4 problems\n"),
        "{text}"
    );
}

/// Every visible file of `folder` is a complete stored item whose session_id is its name.
fn all_valid(dir: &Path, folder: &str) -> usize {
    let files = visible_json(&dir.join(folder));
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let v: Item<serde_json::Value> = read_as(f);
        assert!(bytes.ends_with(b"}\n"), "{} is cut short", f.display());
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        assert_eq!(v.session_id, stem, "{}", f.display());
    }
    files.len()
}

#[test]
fn eight_concurrent_acknowledgements_leave_eight_files() {
    let dir = copy_tree(&fixture("flow"));
    let ev = dir.path();
    // Different actors: eight different acknowledgement ids (the id covers acknowledged_by).
    let by: Vec<String> = (0..8).map(|i| format!("operator-{i}")).collect();
    let children = spawn_all(
        by.iter()
            .map(|b| {
                command(
                    ev,
                    NOW,
                    &["ack", "esc-fixture", "--provider", "jira", "--by", b],
                )
            })
            .collect(),
    );
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(all_valid(ev, "acknowledgements"), 8);
    check_is_clean(ev);
}

#[test]
fn eight_concurrent_schedule_runs_leave_one_run() {
    let dir = copy_tree(&fixture("flow"));
    let ev = dir.path();
    // Eight clocks in the same 1440-minute window: each process would build a different run
    // (generated_at differs), but the window has one run id, so exactly one is written and
    // everyone prints it.
    let nows: Vec<String> = (0..8).map(|i| format!("2026-06-01T08:00:0{i}Z")).collect();
    let children = spawn_all(
        nows.iter()
            .map(|n| command(ev, n, &["--format", "json", "schedule-run"]))
            .collect(),
    );
    let mut printed = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        printed.push(out.stdout);
    }
    assert_eq!(all_valid(ev, "schedule-runs"), 1);
    // The run's executive report, written by the winner or rebuilt from the stored run by a
    // loser: one file either way.
    assert_eq!(all_valid(ev, "executive-reports"), 1);
    let run_file = &visible_json(&ev.join("schedule-runs"))[0];
    // Compared whole: what each process printed is the stored run itself.
    let stored: Item<serde_json::Value> = read_as(run_file);
    for p in &printed {
        let shown: serde_json::Value = serde_json::from_slice(p).unwrap();
        assert_eq!(
            shown, stored.document,
            "every process prints the stored run"
        );
    }
    check_is_clean(ev);
}

/// A small xorshift generator: enough randomness for kill moments without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn killed_writers_never_leave_partial_files() {
    let dir = copy_tree(&fixture("flow"));
    let ev = dir.path();
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    // How long one writer takes, so kills land before, during and after its write.
    let started = std::time::Instant::now();
    let out = command(
        ev,
        NOW,
        &[
            "ack",
            "esc-fixture",
            "--provider",
            "servicenow",
            "--by",
            "timer",
        ],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let span = started.elapsed().as_micros().max(1000) as u64;

    let mut killed = 0;
    for i in 0..60 {
        // Alternate a one-file writer (ack) and a two-file writer (schedule-run, each with
        // its own interval so that every run is new).
        let by = format!("killer-{i}");
        let interval = (i + 2).to_string();
        let args: Vec<&str> = if i % 2 == 0 {
            vec!["ack", "esc-fixture", "--provider", "jira", "--by", &by]
        } else {
            vec!["schedule-run", "--interval-minutes", &interval]
        };
        let mut child = command(ev, NOW, &args).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % (span * 3 / 2)));
        // `Child::kill` sends SIGKILL on Unix; a process it killed has no exit code.
        let _ = child.kill();
        if child.wait().unwrap().code().is_none() {
            killed += 1;
        }
        for folder in ["acknowledgements", "schedule-runs", "executive-reports"] {
            all_valid(ev, folder);
        }
    }
    // Some writers finish before the kill lands; about two thirds are killed mid-way.
    assert!(
        killed >= 10,
        "seed {seed}: only {killed} writers were killed"
    );
    check_is_clean(ev);
    // Whatever was interrupted can be done again.
    let out = command(ev, NOW, &["schedule-run", "--interval-minutes", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "seed {seed}");
    check_is_clean(ev);
    // The next writer in each folder removes the temporary files the killed ones left
    // (issue 8, defect 4): nothing for `git add -A` to pick up.
    let out = command(
        ev,
        NOW,
        &["ack", "esc-fixture", "--provider", "jira", "--by", "last"],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "seed {seed}");
    for folder in ["acknowledgements", "schedule-runs", "executive-reports"] {
        let left: Vec<String> = std::fs::read_dir(ev.join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "seed {seed}: {folder} holds {left:?}");
    }
}
