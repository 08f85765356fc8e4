//! `cavra ingest SRC...` (§5, §4 writes): one pretty file per record at
//! `<folder>/<id>.json`, the record as it was; `N added, M unchanged, K ignored`;
//! all-or-nothing unless `--keep-going`; never overwrites; unsafe ids refused; no
//! temporary files left; `--dry-run` writes nothing.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::check::{assert_no_panic, exec, put};
use crate::common::{cavra, read_as, shared, stderr};
use crate::docs::{Item, Store};

/// Every file under `dir` (relative, `/`-separated, sorted), hidden ones included.
fn files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let e = e.unwrap();
            let path = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A temporary tree with an input folder `in/` and an evidence folder `ev/` (not created).
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        Tree {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn input(&self, rel: &str, text: impl AsRef<[u8]>) -> PathBuf {
        put(&self.dir.path().join("in"), rel, text);
        self.dir.path().join("in").join(rel)
    }
    fn inputs(&self) -> PathBuf {
        self.dir.path().join("in")
    }
    fn ev(&self) -> PathBuf {
        self.dir.path().join("ev")
    }
    /// Runs `ingest` with `args` over `ev/`; returns (exit code, stderr).
    fn ingest(&self, args: &[&str], sources: &[&Path]) -> (i32, String) {
        let out = cavra(&self.ev())
            .arg("ingest")
            .args(args)
            .args(sources)
            .output()
            .unwrap();
        assert_no_panic(&out);
        (out.status.code().unwrap(), stderr(&out))
    }
}

/// The last line of stderr: the counts.
fn counts(err: &str) -> &str {
    err.lines().last().unwrap_or_default()
}

#[test]
fn a_flat_record_is_copied_as_it_was() {
    let t = Tree::new();
    // Keys out of alphabetical order, a float written `1.0`, a nested object and an empty
    // array, a bare-suffix kind: all must survive.
    let src = t.input(
        "rec.json",
        r#"{"provider":"Slack","metadata_kind":"retry-execution-record","execution_id":"gordackretryexec-00000000000000f1","selected_providers":["slack","jira"],"attempt":1.0,"extra":{"z":1,"a":[]}}"#,
    );
    let (code, err) = t.ingest(&[], &[&src]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&err), "1 added, 0 unchanged, 0 ignored");
    let path = t
        .ev()
        .join("executions/gordackretryexec-00000000000000f1.json");
    // Pretty JSON (2-space indent, trailing newline), written by hand from the input.
    let want = r#"{
  "provider": "Slack",
  "metadata_kind": "retry-execution-record",
  "execution_id": "gordackretryexec-00000000000000f1",
  "selected_providers": [
    "slack",
    "jira"
  ],
  "attempt": 1.0,
  "extra": {
    "z": 1,
    "a": []
  }
}
"#;
    assert_eq!(std::fs::read_to_string(&path).unwrap(), want);
    assert_eq!(
        files(&t.ev()),
        ["executions/gordackretryexec-00000000000000f1.json"]
    );

    // Again: the same record is there, so nothing changes.
    let (code, err) = t.ingest(&[], &[&src]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&err), "0 added, 1 unchanged, 0 ignored");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), want);

    // -q silences the counts.
    let (code, err) = t.ingest(&["-q"], &[&src]);
    assert_eq!(code, 0);
    assert_eq!(err, "");
}

#[test]
fn the_original_store_is_copied_item_by_item() {
    let t = Tree::new();
    let store_path = shared().join("samples/cavra-store/evidence-metadata.json");
    let (code, err) = t.ingest(&[], &[&store_path]);
    assert_eq!(code, 0, "{err}");
    // Tallied by metadata_kind from the store's 125 items: known kinds 18 closures +
    // 7 playbooks + 1 acknowledgement + 2 escalation plans + 12 executions + 1 report +
    // 32 deliveries = 73; the other 52 (16 retry-ack, 12 approval decisions, 7 approval
    // plans, 7 retry-plan, 7 worker-run, 1 managed-endpoint-rollout, 2 without a kind) are
    // ignored.
    assert_eq!(counts(&err), "73 added, 0 unchanged, 52 ignored");
    let all = files(&t.ev());
    let in_folder = |f: &str| {
        all.iter()
            .filter(|p| p.starts_with(&format!("{f}/")))
            .count()
    };
    assert_eq!(
        [
            "closures",
            "playbooks",
            "acknowledgements",
            "escalation-plans",
            "executions",
            "reports",
            "deliveries"
        ]
        .map(in_folder),
        [18, 7, 1, 2, 12, 1, 32]
    );
    assert_eq!(all.len(), 73);

    // A stored item stays a stored item: the copy equals the store's item.
    let store: Store = read_as(&store_path);
    let id = "gordackretryexec-26bb30d05fd67b20";
    // The store's items are raw records (not all of a known kind): compared whole.
    let item = store
        .items
        .iter()
        .find(|i| i.get("session_id").and_then(Value::as_str) == Some(id))
        .unwrap();
    let text = std::fs::read_to_string(t.ev().join(format!("executions/{id}.json"))).unwrap();
    let copy: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(&copy, item);
    let copy: Item<Value> = serde_json::from_str(&text).unwrap();
    assert!(copy.document.is_object());
    // The store lists each item's keys alphabetically; the copy keeps that order.
    let top_keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(|l| l.trim_start().split('"').nth(1).unwrap())
        .collect();
    let mut sorted = top_keys.clone();
    sorted.sort();
    assert_eq!(top_keys, sorted);
    assert_eq!(top_keys.len(), item.as_object().unwrap().len());
}

#[test]
fn folders_ndjson_and_explicit_files() {
    let t = Tree::new();
    // a.ndjson: CRLF, a blank line, an ignored line: 2 records, 1 ignored.
    t.input(
        "a.ndjson",
        format!(
            "{}\r\n\r\n\"note\"\r\n{}",
            exec("gordackretryexec-a1"),
            exec("gordackretryexec-a2")
        ),
    );
    // sub/b.json: an array of two records and a string: 2 records, 1 ignored.
    t.input(
        "sub/b.json",
        format!(
            "[{}, {}, \"x\"]",
            exec("gordackretryexec-b1"),
            exec("gordackretryexec-b2")
        ),
    );
    // Not walked: hidden files, target folders, upper-case extensions.
    t.input(".hidden.json", exec("gordackretryexec-h1"));
    t.input("target/t.json", exec("gordackretryexec-h2"));
    t.input("UP.JSON", exec("gordackretryexec-h3"));
    let (code, err) = t.ingest(&[], &[&t.inputs()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&err), "4 added, 0 unchanged, 2 ignored");
    assert_eq!(
        files(&t.ev()),
        [
            "executions/gordackretryexec-a1.json",
            "executions/gordackretryexec-a2.json",
            "executions/gordackretryexec-b1.json",
            "executions/gordackretryexec-b2.json",
        ]
    );
    // Files named on the command line are read as given, whatever their name.
    let hidden = t.inputs().join(".hidden.json");
    let upper = t.inputs().join("UP.JSON");
    let (code, err) = t.ingest(&[], &[&hidden, &upper]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&err), "2 added, 0 unchanged, 0 ignored");
    // A record from NDJSON is written like any other: pretty, as it was.
    let text = std::fs::read_to_string(t.ev().join("executions/gordackretryexec-a1.json")).unwrap();
    assert!(text.starts_with("{\n  \"metadata_kind\": \"retry-execution-record\",\n"));
    assert!(text.ends_with("\n}\n"));
}

#[test]
fn all_or_nothing_unless_keep_going() {
    let t = Tree::new();
    t.input("a-good.json", exec("gordackretryexec-g1"));
    t.input("b-bad.json", "{");
    t.input(
        "c-secret.json",
        exec("gordackretryexec-s1").replace("Jira", "https://user:pw@jira.example.com/"),
    );
    t.input(
        "d-lines.ndjson",
        format!("{}\n[1,]\n", exec("gordackretryexec-g2")),
    );
    let (code, err) = t.ingest(&[], &[&t.inputs()]);
    assert_eq!(code, 3, "{err}");
    let dir = t.inputs().display().to_string();
    assert!(
        err.contains(&format!("{dir}/b-bad.json:1:1: syntax")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{dir}/c-secret.json#/provider: PS003")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{dir}/d-lines.ndjson:2:4: syntax")),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(files(&t.ev()).is_empty(), "{:?}", files(&t.ev()));

    // --keep-going writes the two valid records and still exits 3.
    let (code, err) = t.ingest(&["--keep-going"], &[&t.inputs()]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(counts(&err), "2 added, 0 unchanged, 0 ignored");
    assert_eq!(
        files(&t.ev()),
        [
            "executions/gordackretryexec-g1.json",
            "executions/gordackretryexec-g2.json"
        ]
    );
}

#[test]
fn a_missing_input_writes_nothing() {
    let t = Tree::new();
    let good = t.input("good.json", exec("gordackretryexec-m1"));
    let missing = t.inputs().join("missing.json");
    let (code, err) = t.ingest(&[], &[&good, &missing]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains(&missing.display().to_string()), "{err}");
    assert!(files(&t.ev()).is_empty());
}

#[test]
fn never_overwrites() {
    let t = Tree::new();
    let id = "gordackretryexec-o1";
    let src = t.input("new.json", exec(id));
    let other = t.input("other.json", exec("gordackretryexec-o2"));
    // The evidence already holds another version of the same record.
    let existing = exec(id).replace("Jira", "Teams");
    put(&t.ev(), &format!("executions/{id}.json"), &existing);
    let path = t.ev().join(format!("executions/{id}.json"));
    let (code, err) = t.ingest(&[], &[&src, &other]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(&format!("{}: conflict: ", src.display())),
        "{err}"
    );
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), existing);
    assert_eq!(files(&t.ev()), [format!("executions/{id}.json")]);

    // --keep-going writes the other record, still leaves the file alone, exits 3.
    let (code, err) = t.ingest(&["--keep-going"], &[&src, &other]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(counts(&err), "1 added, 0 unchanged, 0 ignored");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), existing);

    // A file that is not even JSON is other content too.
    put(&t.ev(), "executions/gordackretryexec-o3.json", "garbage");
    let third = t.input("third.json", exec("gordackretryexec-o3"));
    let (code, _) = t.ingest(&[], &[&third]);
    assert_eq!(code, 3);
    assert_eq!(
        std::fs::read_to_string(t.ev().join("executions/gordackretryexec-o3.json")).unwrap(),
        "garbage"
    );
}

#[test]
fn an_equal_record_in_another_layout_is_unchanged() {
    let t = Tree::new();
    let id = "gordackretryexec-e1";
    // The same record with keys reordered, the kind in full and other white space.
    let existing = format!(
        "{{ \"execution_id\": \"{id}\", \"delivery_success\": false, \"executed_at\": \"2026-05-30T09:00:00Z\", \"execution_status\": \"failed\", \"provider\": \"Jira\", \"metadata_kind\": \"go-backend-rollback-drill-acknowledgement-audit-delivery-retry-execution-record\" }}"
    );
    put(&t.ev(), &format!("executions/{id}.json"), &existing);
    let src = t.input("e.json", exec(id));
    let (code, err) = t.ingest(&[], &[&src]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&err), "0 added, 1 unchanged, 0 ignored");
    assert_eq!(
        std::fs::read_to_string(t.ev().join(format!("executions/{id}.json"))).unwrap(),
        existing
    );
}

#[test]
fn duplicates_and_conflicts_among_inputs() {
    let t = Tree::new();
    // The same record twice (compact, and as an NDJSON line): one file.
    t.input("a.json", exec("gordackretryexec-d1"));
    t.input("b.ndjson", format!("{}\n", exec("gordackretryexec-d1")));
    let (code, err) = t.ingest(&[], &[&t.inputs()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&err), "1 added, 0 unchanged, 0 ignored");

    // Two versions of each of eight ids (a.json holds the first versions, b.json the
    // second): every version refused, each conflict reported at a.json's element naming
    // b.json's, whatever order the versions' hashes sort in.
    let t = Tree::new();
    let ids: Vec<String> = (0..8).map(|i| format!("gordackretryexec-c{i}")).collect();
    let first: Vec<String> = ids.iter().map(|id| exec(id)).collect();
    let second: Vec<String> = ids
        .iter()
        .map(|id| exec(id).replace("Jira", "Teams"))
        .collect();
    let a = t.input("a.json", format!("[{}]", first.join(",")));
    let b = t.input("b.json", format!("[{}]", second.join(",")));
    let (code, err) = t.ingest(&["--keep-going"], &[&a, &b]);
    assert_eq!(code, 3, "{err}");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("cavra: warning: ") && l.contains(": conflict: "))
        .collect();
    assert_eq!(lines.len(), 8, "{err}");
    for (i, line) in lines.iter().enumerate() {
        let head = format!("cavra: warning: {}#/{i}: conflict: ", a.display());
        assert!(line.starts_with(&head), "{line}");
        assert!(line.contains(&format!("{}#/{i}", b.display())), "{line}");
    }
    assert!(files(&t.ev()).is_empty());
}

#[test]
fn unsafe_ids_never_reach_outside_the_folder() {
    let t = Tree::new();
    // ev/executions/../../etc/x.json would be <tmp>/etc/x.json.
    let long = "a".repeat(201);
    let ids = [
        "../../etc/x",
        "/tmp/cavra-abs",
        ".hidden",
        "a/b",
        "a b",
        long.as_str(),
    ];
    let mut sources = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        sources.push(t.input(&format!("u{i}.json"), exec(id)));
    }
    // No execution_id: the id falls back to session_id.
    sources.push(t.input(
        "u9.json",
        r#"{"metadata_kind":"retry-execution-record","session_id":"../session"}"#,
    ));
    let good = t.input("good.json", exec("gordackretryexec-safe"));
    sources.push(good);
    let before = files(t.dir.path());
    let refs: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();

    let (code, err) = t.ingest(&[], &refs);
    assert_eq!(code, 3, "{err}");
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("cavra: warning: ") && l.contains(": unsafe-id: "))
            .count(),
        ids.len() + 1,
        "{err}"
    );
    assert_eq!(files(t.dir.path()), before, "nothing written");

    let (code, err) = t.ingest(&["--keep-going"], &refs);
    assert_eq!(code, 3, "{err}");
    assert_eq!(counts(&err), "1 added, 0 unchanged, 0 ignored");
    let mut after = before.clone();
    after.push("ev/executions/gordackretryexec-safe.json".to_owned());
    after.sort();
    assert_eq!(files(t.dir.path()), after, "only the safe record");
    assert!(!Path::new("/tmp/cavra-abs.json").exists());
}

#[test]
fn no_temporary_files_are_left_behind() {
    let t = Tree::new();
    let mut text = String::new();
    for i in 0..50 {
        text.push_str(&exec(&format!("gordackretryexec-{i:03}")));
        text.push('\n');
    }
    let src = t.input("many.ndjson", &text);
    let (code, err) = t.ingest(&[], &[&src]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&err), "50 added, 0 unchanged, 0 ignored");
    let all = files(&t.ev());
    assert_eq!(all.len(), 50);
    assert!(
        all.iter()
            .all(|f| !f.rsplit('/').next().unwrap().starts_with('.')),
        "{all:?}"
    );
}

#[test]
fn dry_run_writes_nothing() {
    let t = Tree::new();
    let a = t.input("a.json", exec("gordackretryexec-r1"));
    let (code, err) = t.ingest(&["--dry-run"], &[&a]);
    assert_eq!(code, 0, "{err}");
    let path = t.ev().join("executions/gordackretryexec-r1.json");
    assert!(
        err.contains(&format!("would write {}", path.display())),
        "{err}"
    );
    assert_eq!(counts(&err), "1 added, 0 unchanged, 0 ignored (dry run)");
    assert!(!t.ev().exists(), "not even the folder");

    // Invalid input in a dry run: exit 3, still nothing.
    let b = t.input("b.json", "[");
    let (code, _) = t.ingest(&["--dry-run", "--keep-going"], &[&a, &b]);
    assert_eq!(code, 3);
    assert!(!t.ev().exists());
}

#[test]
fn a_future_version_is_ignored_with_a_warning() {
    let t = Tree::new();
    let src = t.input(
        "v2.ndjson",
        format!(
            "{}\n{}\n",
            exec("gordackretryexec-w1"),
            r#"{"metadata_kind":"retry-execution-record","execution_id":"gordackretryexec-w2","schema_version":"cavra.evidence.metadata.v2"}"#
        ),
    );
    let (code, err) = t.ingest(&[], &[&src]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "{}:2#/schema_version: schema-version",
            src.display()
        )),
        "{err}"
    );
    assert_eq!(counts(&err), "1 added, 0 unchanged, 1 ignored");
    assert_eq!(files(&t.ev()), ["executions/gordackretryexec-w1.json"]);
}
