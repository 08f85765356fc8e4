//! The incremental refresh of `serve` (issue 12): after files are changed, added, removed and
//! renamed, [`Evidence::update`] reads only those and gives what a full read gives, in every
//! output, round after round (each round starts from the previous round's refreshed
//! evidence, so nothing may drift).
//!
//! Every output is compared byte for byte: the report, check (counts and problems, in
//! order), the dashboard, recovery times, verify and the executive report, computed over the
//! refreshed evidence, against a fresh [`Evidence::load`] of the same folder; and the report
//! against a fresh `cavra --format json report` too.

use std::path::Path;
use std::time::Duration;

use cavra::commands::{Env, Operation, Render, check, dashboard, executive, recovery_times};
use cavra::commands::{report, verify};
use cavra::model::time::parse_ts;
use cavra::output::{Format, Style};
use cavra::store::fingerprint::{Fingerprint, Fingerprinter, Look};
use cavra::store::refresh;
use cavra::store::{Evidence, LoadOptions};
use proptest::prelude::*;

use crate::common::{NOW, cavra, write_at};

/// The document an operation prints with `--format json` over `evidence` (or its error).
fn json_of<O: Operation>(op: O, evidence: &Evidence, root: &Path) -> String {
    let load = LoadOptions::default();
    let env = Env {
        root,
        evidence,
        now: parse_ts(NOW).expect("NOW parses"),
        default_label: "cli",
        load: &load,
        dry_run: false,
    };
    match op.execute(&env) {
        Ok(out) => out
            .render(Style {
                format: Format::Json,
                color: false,
            })
            .expect("JSON renders"),
        Err(e) => format!("error: {e:?}"),
    }
}

/// Every read-only output over `evidence`, named.
fn outputs(evidence: &Evidence, root: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("report", json_of(report::Report::default(), evidence, root)),
        ("check", json_of(check::Check::default(), evidence, root)),
        (
            "dashboard",
            json_of(dashboard::Dashboard::default(), evidence, root),
        ),
        (
            "recovery-times",
            json_of(recovery_times::RecoveryTimes {}, evidence, root),
        ),
        ("verify", json_of(verify::Verify {}, evidence, root)),
        (
            "executive-report",
            json_of(executive::ExecutiveReport::default(), evidence, root),
        ),
    ]
}

/// An evidence folder, the evidence as last refreshed, and the stamps it was read at.
struct Folder {
    dir: tempfile::TempDir,
    fingerprinter: Fingerprinter,
    evidence: Evidence,
    stamps: Vec<u64>,
    fingerprint: Fingerprint,
    /// Every write sets a new modification time, one second after the last: a rewrite
    /// always shows in the stamp, whatever the file system clock's granularity.
    tick: u64,
}

impl Folder {
    /// A folder with `files`, read whole. `notified`: the fingerprinter is told which paths
    /// change (inotify) and looks at every file only once an hour; else it looks at every
    /// file each time.
    fn new(files: &[(&str, &str)], notified: bool) -> Folder {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut fingerprinter = Fingerprinter::new(dir.path(), &[]);
        if notified {
            fingerprinter = fingerprinter
                .watching()
                .check_every(Duration::from_secs(3600));
            assert!(
                fingerprinter.notified() || !cfg!(target_os = "linux"),
                "inotify is there on Linux"
            );
        }
        let mut folder = Folder {
            fingerprinter,
            dir,
            evidence: Evidence::from_sources(Vec::new(), Vec::new(), &LoadOptions::default()),
            stamps: Vec::new(),
            fingerprint: Fingerprint::default(),
            tick: 0,
        };
        for (rel, text) in files {
            folder.write(rel, text);
        }
        let scan = folder.fingerprinter.scan().expect("scan");
        folder.fingerprint = scan.fingerprint;
        let read = refresh::read_all(scan, &LoadOptions::default());
        folder.evidence = read.evidence;
        folder.stamps = read.stamps;
        folder
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&mut self, rel: &str, text: &str) {
        self.tick += 1;
        write_at(&self.root().join(rel), text, 1_780_000_000 + self.tick);
    }

    fn remove(&mut self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).expect("remove");
    }

    fn rename(&mut self, from: &str, to: &str) {
        let to = self.root().join(to);
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("mkdir");
        std::fs::rename(self.root().join(from), to).expect("rename");
    }

    /// Refreshes the evidence as `serve` does, but incrementally whatever changed (never a
    /// full read); returns the number of files read.
    fn update(&mut self) -> u64 {
        let look = self
            .fingerprinter
            .look(
                &self.fingerprint,
                &self.evidence.sources,
                &self.stamps,
                &refresh::walk_problems(&self.evidence),
            )
            .expect("look");
        let Look::Changed { scan, reuse } = look else {
            return 0;
        };
        self.fingerprint = scan.fingerprint;
        let (evidence, read) =
            self.evidence
                .update(scan.sources, &reuse, scan.problems, &LoadOptions::default());
        self.evidence = evidence;
        self.stamps = scan.stamps;
        read
    }

    /// Asserts that every output of the refreshed evidence is the fresh read's, and that the
    /// fingerprint kept (updated path by path from events) is a fresh look's at every file.
    fn assert_fresh(&self, round: &str) {
        let scan = Fingerprinter::new(self.root(), &[]).scan().expect("scan");
        assert_eq!(
            scan.fingerprint, self.fingerprint,
            "{round}: the fingerprint"
        );
        assert_eq!(scan.stamps, self.stamps, "{round}: the stamps");
        let fresh = Evidence::load(self.root(), &LoadOptions::default()).expect("a folder");
        for ((name, got), (_, want)) in outputs(&self.evidence, self.root())
            .into_iter()
            .zip(outputs(&fresh, self.root()))
        {
            assert!(
                got == want,
                "{round}: {name} differs from a full read\nrefreshed:\n{got}\nfull:\n{want}"
            );
        }
    }

    /// [`Folder::assert_fresh`], and the report is `cavra --format json report`'s stdout.
    fn assert_fresh_cli(&self, round: &str) {
        self.assert_fresh(round);
        let out = cavra(self.root())
            .args(["--format", "json", "report"])
            .output()
            .expect("cavra runs");
        let want = String::from_utf8(out.stdout).expect("UTF-8");
        let got = json_of(report::Report::default(), &self.evidence, self.root());
        assert!(
            got == want,
            "{round}: the report differs from cavra report\nrefreshed:\n{got}\ncavra report:\n{want}"
        );
    }
}

fn exec(id: &str, provider: &str, status: &str, at: &str) -> String {
    format!(
        r#"{{"metadata_kind": "retry-execution-record", "execution_id": "{id}", "provider": "{provider}", "execution_status": "{status}", "executed_at": "{at}", "delivery_success": {}}}"#,
        status == "delivered"
    )
}

fn playbook(id: &str, at: &str, providers: &[&str]) -> String {
    let entries: Vec<String> = providers
        .iter()
        .map(|p| format!(r#"{{"provider": "{p}", "category": "itsm", "failure_count": 2}}"#))
        .collect();
    format!(
        r#"{{"metadata_kind": "connector-recovery-playbook", "playbook_id": "{id}", "generated_at": "{at}", "generated_by": "fixture", "provider_playbooks": [{}]}}"#,
        entries.join(", ")
    )
}

fn closure(id: &str, playbook: &str, provider: &str, state: &str) -> String {
    format!(
        r#"{{"metadata_kind": "connector-recovery-closure", "closure_id": "{id}", "playbook_id": "{playbook}", "provider": "{provider}", "closure_state": "{state}", "closed_by": "ops", "closed_at": "2026-06-01T07:00:00Z"}}"#
    )
}

/// The folder the scripted rounds start from: 16 files, one record each, plus a store, an
/// NDJSON file and a file that is not a record.
fn base() -> Vec<(String, String)> {
    let mut files = Vec::new();
    let providers = ["jira", "slack", "webhook", "pagerduty"];
    let statuses = ["delivered", "failed", "skipped", "delivered"];
    for i in 1..=12 {
        files.push((
            format!("executions/e{i:02}.json"),
            exec(
                &format!("e{i:02}"),
                providers[i % 4],
                statuses[i % 4],
                &format!("2026-06-01T0{}:{:02}:00Z", i % 8, i),
            ),
        ));
    }
    files.push((
        "playbooks/p1.json".into(),
        playbook("p1", "2026-05-31T20:00:00Z", &["jira", "slack"]),
    ));
    files.push((
        "playbooks/p2.json".into(),
        playbook("p2", "2026-06-01T05:00:00Z", &["webhook", "pagerduty"]),
    ));
    files.push((
        "closures/c1.json".into(),
        closure("c1", "p1", "jira", "resolved"),
    ));
    files.push((
        "store.json".into(),
        format!(
            r#"{{"items": [{}, {}]}}"#,
            exec("s1", "jira", "failed", "2026-06-01T07:10:00Z"),
            exec("s2", "slack", "delivered", "2026-06-01T07:20:00Z")
        ),
    ));
    files.push((
        "runs.ndjson".into(),
        format!(
            "{}\n{}\n",
            exec("n1", "jira", "delivered", "2026-06-01T07:30:00Z"),
            exec("n2", "webhook", "failed", "2026-06-01T07:40:00Z")
        ),
    ));
    files.push(("notes.json".into(), r#"{"note": "not a record"}"#.into()));
    files
}

#[test]
fn refreshing_reads_only_what_changed_and_equals_a_full_read() {
    scripted(false);
}

#[test]
fn refreshing_from_events_reads_only_what_changed_and_equals_a_full_read() {
    scripted(true);
}

/// Four rounds of edits, each refreshed and compared with full reads. `notified`: the
/// paths come from inotify (round 3 changes `.cavraignore`, which makes it a look at every
/// file all the same).
fn scripted(notified: bool) {
    let files = base();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut f = Folder::new(&borrowed, notified);
    f.assert_fresh_cli("start");
    assert_eq!(f.update(), 0, "nothing changed: nothing is read");
    f.assert_fresh("unchanged");

    // Round 1: e01 changes status; e13 is new; e02 goes; e03 moves to another folder (a new
    // path, so it is read); e04 gets a conflicting version and e05 an equal copy; a broken
    // file. Read: e01, e13, moved/e03, zz/e04, zz/e05, broken = 6 files.
    f.write(
        "executions/e01.json",
        &exec("e01", "slack", "failed", "2026-06-01T01:01:00Z"),
    );
    f.write(
        "executions/e13.json",
        &exec("e13", "jira", "failed", "2026-06-01T07:59:00Z"),
    );
    f.remove("executions/e02.json");
    f.rename("executions/e03.json", "moved/e03.json");
    f.write(
        "zz/e04.json",
        &exec("e04", "jira", "skipped", "2026-06-01T04:04:00Z"),
    );
    let e05 = files[4].1.clone();
    f.write("zz/e05.json", &e05);
    f.write("broken.json", "{\"metadata_kind\": ");
    assert_eq!(f.update(), 6);
    f.assert_fresh_cli("round 1");
    // A syntax error, and the conflict, named at its first version in reading order (an
    // unchanged file: executions/ sorts before zz/).
    let problems: Vec<String> = f.evidence.problems.iter().map(|p| p.line()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("broken.json:1:") && problems[0].contains(": syntax: "),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("executions/e04.json: conflict: "),
        "{problems:?}"
    );

    // Round 2, the reverse: e01 as it was, e13 gone, e02 back, e03 back home, the conflict
    // gone (e04 is valid again: its first version never left), broken fixed; and the
    // original e05 goes (its copy, shadowed until now, is the one left). Read: e01, e02,
    // e03, broken = 4 files.
    f.write("executions/e01.json", &files[0].1);
    f.remove("executions/e13.json");
    f.write("executions/e02.json", &files[1].1);
    f.rename("moved/e03.json", "executions/e03.json");
    f.remove("zz/e04.json");
    f.remove("executions/e05.json");
    f.write(
        "broken.json",
        &closure("c2", "p2", "webhook", "acknowledged"),
    );
    assert_eq!(f.update(), 4);
    f.assert_fresh_cli("round 2");
    assert!(f.evidence.problems.is_empty(), "{:?}", f.evidence.problems);

    // Round 3: an item of the store changes, a line is added to the NDJSON file, an invalid
    // record, a record of a future schema version and a value of no known kind; a
    // .cavraignore leaves zz/ out (e05's only copy: e05 is gone). Read: store, runs,
    // odd.json = 3 files (.cavraignore is no evidence file).
    f.write(
        "store.json",
        &format!(
            r#"{{"items": [{}, {}]}}"#,
            exec("s1", "jira", "delivered", "2026-06-01T07:10:00Z"),
            exec("s3", "servicenow", "failed", "2026-06-01T07:50:00Z")
        ),
    );
    f.write(
        "runs.ndjson",
        &format!(
            "{}\n{}\n{}\n",
            exec("n1", "jira", "delivered", "2026-06-01T07:30:00Z"),
            exec("n2", "webhook", "failed", "2026-06-01T07:40:00Z"),
            exec("n3", "webhook", "delivered", "2026-06-01T07:45:00Z")
        ),
    );
    f.write(
        "odd.json",
        r#"[{"metadata_kind": "retry-execution-record", "execution_id": "bad", "provider": 3},
            {"metadata_kind": "retry-execution-record", "schema_version": 9, "execution_id": "f1"},
            {"hello": "world"}]"#,
    );
    f.write(".cavraignore", "zz/\n");
    assert_eq!(f.update(), 3);
    f.assert_fresh_cli("round 3");

    // Round 4: the .cavraignore goes (zz/e05.json is walked again: read), playbook p2 and
    // closure c1 go, everything under executions/ is rewritten. Read: zz/e05 and the 12
    // files under executions/ = 13.
    f.remove(".cavraignore");
    f.remove("playbooks/p2.json");
    f.remove("closures/c1.json");
    for (rel, text) in files.iter().filter(|(r, _)| r.starts_with("executions/")) {
        f.write(rel, &text.replace("delivered", "failed"));
    }
    assert_eq!(f.update(), 13);
    f.assert_fresh_cli("round 4");
}

// -----------------------------------------------------------------------------------------
// Random edits

/// Files an edit may touch: a few names in two folders, both forms.
const NAMES: &[&str] = &[
    "a.json",
    "b.json",
    "c.ndjson",
    "sub/d.json",
    "sub/e.json",
    "sub/f.jsonl",
];

/// Contents from a small pool, so that ids repeat: equal copies, conflicts, and both coming
/// and going as files change.
fn content() -> impl Strategy<Value = Vec<String>> {
    let exec = (0..4usize, 0..3usize, 0..3usize, 0..3usize).prop_map(|(id, p, s, t)| {
        exec(
            &format!("x{id}"),
            ["jira", "slack", "webhook"][p],
            ["delivered", "failed", "skipped"][s],
            [
                "2026-06-01T07:00:00Z",
                "2026-06-01T06:00:00Z",
                "2026-05-31T23:00:00Z",
            ][t],
        )
    });
    let other = prop_oneof![
        (0..2usize, 0..2usize).prop_map(|(id, t)| playbook(
            &format!("p{id}"),
            ["2026-06-01T01:00:00Z", "2026-06-01T03:00:00Z"][t],
            &["jira", "slack"]
        )),
        (0..2usize, 0..2usize).prop_map(|(id, s)| closure(
            &format!("c{id}"),
            "p0",
            "jira",
            ["resolved", "deferred"][s]
        )),
        Just(r#"{"metadata_kind": "retry-execution-record", "provider": 3}"#.to_owned()),
        Just(r#"{"not": "a record"}"#.to_owned()),
        Just("{broken".to_owned()),
    ];
    let one = prop_oneof![4 => exec, 3 => other];
    prop::collection::vec(one, 1..4)
}

#[derive(Debug, Clone)]
enum Edit {
    Write(usize, Vec<String>),
    Remove(usize),
    Rename(usize, usize),
    Ignore(Option<usize>),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = NAMES.len();
    prop_oneof![
        5 => (0..n, content()).prop_map(|(i, c)| Edit::Write(i, c)),
        2 => (0..n).prop_map(Edit::Remove),
        2 => (0..n, 0..n).prop_map(|(a, b)| Edit::Rename(a, b)),
        1 => prop::option::of(0..n).prop_map(Edit::Ignore),
    ]
}

impl Folder {
    fn apply(&mut self, edit: &Edit) {
        let exists = |f: &Folder, i: usize| f.root().join(NAMES[i]).exists();
        match edit {
            Edit::Write(i, values) => {
                // NDJSON: one value per line; JSON: one value, or an array of them.
                let text = if NAMES[*i].ends_with(".json") {
                    if values.len() == 1 {
                        values[0].clone()
                    } else {
                        format!("[{}]", values.join(", "))
                    }
                } else {
                    values.join("\n")
                };
                self.write(NAMES[*i], &text);
            }
            Edit::Remove(i) if exists(self, *i) => self.remove(NAMES[*i]),
            Edit::Rename(a, b) if a != b && exists(self, *a) => self.rename(NAMES[*a], NAMES[*b]),
            Edit::Ignore(Some(i)) => self.write(".cavraignore", &format!("{}\n", NAMES[*i])),
            Edit::Ignore(None) if self.root().join(".cavraignore").exists() => {
                self.remove(".cavraignore")
            }
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any sequence of edits, refreshed after each batch, chained, with the changed paths
    /// found by a look at every file or named by inotify: every output equals a full read's
    /// after every batch.
    #[test]
    fn any_edits_refresh_to_what_a_full_read_gives(
        start in prop::collection::vec((0..NAMES.len(), content()), 0..6),
        batches in prop::collection::vec(prop::collection::vec(edit(), 1..4), 1..6),
        notified in any::<bool>(),
    ) {
        let mut f = Folder::new(&[], notified);
        for (i, values) in &start {
            f.apply(&Edit::Write(*i, values.clone()));
        }
        f.update();
        f.assert_fresh("start");
        for (n, batch) in batches.iter().enumerate() {
            for e in batch {
                f.apply(e);
            }
            f.update();
            f.assert_fresh(&format!("after batch {n}: {batch:?}"));
        }
    }
}
