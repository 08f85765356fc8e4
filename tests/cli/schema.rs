//! `cavra schema` and the committed `schemas/`:
//! - the committed schemas are exactly what `cavra schema` prints
//!   (`UPDATE_SCHEMAS=1 cargo test --test cli schema` rewrites them);
//! - every document cavra writes in the README's operator flow and in the other recording
//!   commands validates against its written schema, as a file (stored item) and on stdout
//!   (bare document), and a changed document does not;
//! - every record cavra reads in the fixtures, the example evidence and the original system's
//!   store validates against its kind's reading schema exactly when cavra finds no type
//!   problem in it, and so do records made invalid field by field.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Value, json};

use cavra::model::json::{Json, parse};
use cavra::model::kind::Kind;
use cavra::model::record::{Classified, classify, store_items};
use cavra::report::schema::Subject;

use crate::common::{NOW, cavra, cmd, copy_tree, fixture, root, shared, stderr};

/// `cavra schema NAME [--written] --format json`, parsed.
fn schema_of(name: &str, written: bool) -> Value {
    let out = schema_text(name, written);
    serde_json::from_slice(&out).expect("a schema is JSON")
}

fn schema_text(name: &str, written: bool) -> Vec<u8> {
    let mut c = cmd();
    c.args(["--format", "json", "schema", name]);
    if written {
        c.arg("--written");
    }
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    out.stdout
}

/// A validator for the whole schema, or for one of its `$defs` (`pointer` is a `$ref` such
/// as `#/$defs/Closure`).
fn validator(schema: &Value, pointer: Option<&str>) -> jsonschema::Validator {
    let schema = match pointer {
        None => schema.clone(),
        Some(p) => json!({
            "$schema": schema["$schema"],
            "$ref": p,
            "$defs": schema["$defs"],
        }),
    };
    jsonschema::draft202012::new(&schema).expect("a valid schema")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

// -----------------------------------------------------------------------------------------
// The committed schemas

#[test]
fn committed_schemas_are_current() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1");
    let dir = root().join("schemas");
    let mut expected = BTreeSet::new();
    let mut stale = Vec::new();
    for subject in Subject::ALL {
        for written in [false, true] {
            if written && !subject.is_written() {
                continue;
            }
            let file = subject.file(written);
            let text = schema_text(subject.name(), written);
            let schema: Value = serde_json::from_slice(&text).unwrap();
            // A schema, not just any JSON: it is valid against the 2020-12 meta-schema and
            // names its dialect and the subject.
            jsonschema::meta::validate(&schema)
                .unwrap_or_else(|e| panic!("{file} is not a valid JSON Schema: {e}"));
            assert_eq!(
                schema["$schema"],
                "https://json-schema.org/draft/2020-12/schema"
            );
            assert!(
                schema["title"]
                    .as_str()
                    .is_some_and(|t| t.starts_with(subject.title())),
                "{file}: {}",
                schema["title"]
            );
            let path = dir.join(&file);
            expected.insert(file.clone());
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &text).unwrap();
                continue;
            }
            if std::fs::read(&path).unwrap_or_default() != text {
                stale.push(file);
            }
        }
    }
    // 11 reading schemas (10 kinds and the store) and 7 written ones.
    assert_eq!(expected.len(), 18);
    let present: BTreeSet<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let extra: Vec<&String> = present.difference(&expected).collect();
    assert!(
        stale.is_empty() && (update || extra.is_empty()),
        "stale schemas {stale:?}, files no kind has {extra:?}: run UPDATE_SCHEMAS=1 cargo test --test cli schema"
    );
}

#[test]
fn all_kinds_at_once() {
    // JSON: an object keyed by kind, each the schema `cavra schema KIND` prints.
    let out = cmd().args(["--format", "json", "schema"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all: BTreeMap<String, Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.len(), 11);
    for subject in Subject::ALL {
        assert_eq!(all[subject.name()], schema_of(subject.name(), false));
    }
    let out = cmd()
        .args(["--format", "json", "schema", "--written"])
        .output()
        .unwrap();
    let written: BTreeMap<String, Value> = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = written.keys().map(String::as_str).collect();
    // The kinds of §2.1 whose "who makes it" names a cavra command.
    assert_eq!(
        names,
        [
            "acknowledgement",
            "closure",
            "escalation-plan",
            "executive-report",
            "report",
            "retry-plan",
            "schedule-run"
        ]
    );
    // A table lists the kinds and their files.
    let out = cmd().args(["schema"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    for subject in Subject::ALL {
        assert!(
            table.contains(&format!("schemas/{}", subject.file(false))),
            "{table}"
        );
    }
}

#[test]
fn unknown_kinds_are_usage_errors_naming_the_kinds() {
    let out = cmd().args(["schema", "acknowledgment"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("acknowledgement, retry-plan"), "{err}");
    let out = cmd()
        .args(["schema", "delivery", "--written"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("never writes")
            && err.contains("hint: drop --written, or use one of: closure"),
        "{err}"
    );
    // It reads no evidence: a missing evidence folder is no error.
    let out = cavra(Path::new("/nonexistent/evidence"))
        .args(["schema", "store"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// -----------------------------------------------------------------------------------------
// Every document cavra writes validates

/// The written schemas of every kind cavra writes, by `metadata_kind`: (stored item,
/// document) validators.
struct Written {
    by_kind: BTreeMap<String, (String, jsonschema::Validator, jsonschema::Validator)>,
    /// Subcommand → metadata_kind of the document it prints.
    by_command: BTreeMap<&'static str, String>,
}

impl Written {
    fn new() -> Written {
        let mut by_kind = BTreeMap::new();
        for subject in Subject::ALL.into_iter().filter(|s| s.is_written()) {
            let schema = schema_of(subject.name(), true);
            let stored = schema["oneOf"][0]["$ref"].as_str().unwrap().to_owned();
            let doc = schema["oneOf"][1]["$ref"].as_str().unwrap().to_owned();
            by_kind.insert(
                subject.metadata_kind().to_owned(),
                (
                    subject.name().to_owned(),
                    validator(&schema, Some(&stored)),
                    validator(&schema, Some(&doc)),
                ),
            );
        }
        let full = |k: Kind| k.info().full.to_owned();
        let by_command = BTreeMap::from([
            ("report", full(Kind::Report)),
            ("escalate", full(Kind::EscalationPlan)),
            ("ack", full(Kind::Acknowledgement)),
            ("close", full(Kind::Closure)),
            ("retry-plan", full(Kind::RetryPlan)),
            ("executive-report", full(Kind::ExecutiveReport)),
            ("schedule-run", full(Kind::ScheduleRun)),
        ]);
        Written {
            by_kind,
            by_command,
        }
    }
}

/// What was validated, by kind name: (stored items, documents).
type Tally = BTreeMap<String, (usize, usize)>;

/// Runs one command over `dir` as written, then again with `--format json` and validates the
/// document it prints (the second run writes nothing new: every command is idempotent).
fn run_and_validate(dir: &Path, args: &[String], w: &Written, tally: &mut Tally) -> Value {
    let out = cavra(dir).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    let out = cavra(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sub = args.iter().find(|a| !a.starts_with('-')).unwrap().as_str();
    if let Some(kind) = w.by_command.get(sub) {
        let (name, _, v) = &w.by_kind[kind];
        let errs = errors(v, &doc);
        assert!(
            errs.is_empty(),
            "`cavra {args:?}` printed a {name} that is not valid: {errs:#?}"
        );
        tally.entry(name.clone()).or_default().1 += 1;
    }
    doc
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Validates every file written into `dir` since `before` against its kind's stored item
/// schema; returns the new files' stored items.
fn validate_new_files(
    dir: &Path,
    before: &BTreeMap<String, Vec<u8>>,
    w: &Written,
    tally: &mut Tally,
) -> Vec<Value> {
    let mut items = Vec::new();
    for (rel, bytes) in files(dir) {
        if before.get(&rel) == Some(&bytes) {
            continue;
        }
        assert!(
            !before.contains_key(&rel),
            "{rel}: an existing file was changed"
        );
        let item: Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{rel}: cavra wrote a file that is not JSON: {e}"));
        let kind = item["metadata_kind"].as_str().unwrap_or_default();
        let Some((name, v, _)) = w.by_kind.get(kind) else {
            panic!("{rel}: cavra wrote a record of kind {kind:?}, which has no written schema")
        };
        let errs = errors(v, &item);
        assert!(
            errs.is_empty(),
            "{rel} is not a valid {name} stored item: {errs:#?}"
        );
        tally.entry(name.clone()).or_default().0 += 1;
        items.push(item);
    }
    items
}

/// The commands of the README's "Recording the governance loop" block, as argument lists,
/// with `<PLAN_ID>` left in place; the `cp` and `export` lines set up what `cavra()` gives.
fn readme_flow() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = text
        .split("## Recording the governance loop")
        .nth(1)
        .expect("a \"Recording the governance loop\" section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a sh block");
    let joined = block.replace("\\\n", " ");
    let mut commands = Vec::new();
    for line in joined.lines() {
        let line = line.split(" #").next().unwrap().trim();
        let line = line.split(" | ").next().unwrap();
        if line.starts_with("cp ") {
            assert!(line.contains("examples/evidence"), "{line}");
            continue;
        }
        if let Some(env) = line.strip_prefix("export ") {
            // The flow's clock is the one every test pins.
            assert!(env.contains(&format!("CAVRA_NOW={NOW}")), "{line}");
            continue;
        }
        let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        assert_eq!(words.first().map(String::as_str), Some("cavra"), "{line}");
        commands.push(words[1..].to_vec());
    }
    commands
}

#[test]
fn every_written_document_validates() {
    let w = Written::new();
    let mut tally = Tally::new();
    let mut validated_files = 0;

    // 1. The README's operator flow on a copy of the example evidence.
    let copy = copy_tree(&root().join("examples/evidence"));
    let ev = copy.path();
    let before = files(ev);
    let flow = readme_flow();
    assert!(flow.len() >= 8, "{flow:?}");
    let mut plan_id = String::new();
    for args in &flow {
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("<PLAN_ID>", &plan_id))
            .collect();
        let doc = run_and_validate(ev, &args, &w, &mut tally);
        if args.iter().any(|a| a == "escalate") {
            plan_id = doc["plan_id"].as_str().unwrap().to_owned();
        }
    }
    let items = validate_new_files(ev, &before, &w, &mut tally);
    validated_files += items.len();
    // The flow writes a plan, an acknowledgement, a closure, a retry plan, an executive
    // report and a schedule run (at least; closed references may add the cited documents).
    let kinds: BTreeSet<&str> = items
        .iter()
        .map(|i| i["metadata_kind"].as_str().unwrap())
        .collect();
    for k in [
        Kind::EscalationPlan,
        Kind::Acknowledgement,
        Kind::Closure,
        Kind::RetryPlan,
        Kind::ExecutiveReport,
        Kind::ScheduleRun,
    ] {
        assert!(kinds.contains(k.info().full), "{kinds:?} lacks {:?}", k);
    }

    // 2. Every recording command, with the options that change a document's shape, on the
    //    governance-loop fixture (escalation deliveries, a hand-written plan `esc-fixture`
    //    selecting jira and servicenow, playbook `pb-new` with pagerduty).
    let copy = copy_tree(&fixture("flow"));
    let ev = copy.path();
    let before = files(ev);
    let s = |v: &[&str]| v.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    for args in [
        s(&[
            "report",
            "--record",
            "--slo-minutes",
            "60",
            "--generated-by",
            "release-manager",
        ]),
        s(&["escalate"]),
        s(&["escalate", "--slo-minutes", "1000"]),
        s(&["executive-report", "--record"]),
        s(&[
            "ack",
            "esc-fixture",
            "--provider",
            "ServiceNow",
            "--by",
            "sre",
            "--state",
            "dismissed",
            "--notes",
            "paged twice",
            "--reason",
            "recovery SLO breached",
            "--external-ref",
            "INC-9",
        ]),
        s(&["ack", "esc-fixture", "--provider", "jira", "--by", "sre"]),
        s(&[
            "close",
            "pb-new",
            "--provider",
            "pagerduty",
            "--by",
            "ops",
            "--state",
            "mitigated",
            "--verification-ref",
            "CHG-1",
            "--verification-ref",
            "CHG-2",
            "--notes",
            "failover",
        ]),
        s(&[
            "close",
            "pb-new",
            "--provider",
            "webhook",
            "--by",
            "ops",
            "--state",
            "reopened",
        ]),
        s(&["retry-plan"]),
        s(&[
            "retry-plan",
            "--allow-immediate",
            "--delay-minutes",
            "0",
            "--backoff",
            "1.5",
            "--max-attempts",
            "5",
            "--generated-by",
            "release-manager",
        ]),
        s(&["schedule-run"]),
        s(&[
            "schedule-run",
            "--interval-minutes",
            "60",
            "--cadence",
            "hourly",
            "--disabled",
        ]),
    ] {
        run_and_validate(ev, &args, &w, &mut tally);
    }
    let items = validate_new_files(ev, &before, &w, &mut tally);
    validated_files += items.len();

    // Every kind cavra writes was validated both as a file and as a printed document.
    for subject in Subject::ALL.into_iter().filter(|s| s.is_written()) {
        let (files, docs) = tally.get(subject.name()).copied().unwrap_or_default();
        assert!(
            files > 0 && docs > 0,
            "{}: {files} files, {docs} documents validated",
            subject.name()
        );
    }
    let docs: usize = tally.values().map(|t| t.1).sum();
    eprintln!(
        "schema: validated {validated_files} written files and {docs} printed documents: {tally:?}"
    );

    // 3. The schemas are strict: a written item changed in any of these ways is refused.
    let item = items
        .iter()
        .find(|i| i["metadata_kind"] == Kind::Acknowledgement.info().full)
        .unwrap();
    let (_, v, doc_v) = &w.by_kind[Kind::Acknowledgement.info().full];
    let nested = "recovery_escalation_acknowledgement";
    type Change = (&'static str, fn(&mut Value));
    let changes: [Change; 7] = [
        ("an extra field", |i| i["extra"] = json!(1)),
        ("a missing field", |i| {
            i["recovery_escalation_acknowledgement"]
                .as_object_mut()
                .unwrap()
                .remove("notes");
        }),
        ("another product", |i| i["product"] = json!("OTHER")),
        ("a state outside the list", |i| {
            i["recovery_escalation_acknowledgement"]["acknowledgement_state"] = json!("closed")
        }),
        ("an id of another kind", |i| {
            i["session_id"] = json!("gordackrecoveryesc-0123456789abcdef")
        }),
        ("a time with an offset", |i| {
            i["recovery_escalation_acknowledgement"]["acknowledged_at"] =
                json!("2026-06-01T10:00:00+02:00")
        }),
        ("a negative count", |i| i["blocked_count"] = json!(-1)),
    ];
    assert!(v.is_valid(item));
    for (what, change) in changes {
        let mut bad = item.clone();
        change(&mut bad);
        assert!(!v.is_valid(&bad), "a stored item with {what} passed");
    }
    // The bare document is not a stored item, and the stored item is not a document.
    assert!(doc_v.is_valid(&item[nested]));
    assert!(!v.is_valid(&item[nested]) && !doc_v.is_valid(item));
}

// -----------------------------------------------------------------------------------------
// Every record cavra reads validates against its reading schema

/// The reading schemas by kind, and the store's.
struct Reading {
    by_kind: BTreeMap<Kind, jsonschema::Validator>,
    store: jsonschema::Validator,
}

impl Reading {
    fn new() -> Reading {
        let mut by_kind = BTreeMap::new();
        for subject in Subject::ALL {
            if let Subject::Kind(k) = subject {
                by_kind.insert(k, validator(&schema_of(subject.name(), false), None));
            }
        }
        Reading {
            by_kind,
            store: validator(&schema_of("store", false), None),
        }
    }

    /// Checks one top-level value: a known record is valid against its kind's schema exactly
    /// when cavra finds no type problem in it; a later schema version is not valid. Returns
    /// whether it was a record.
    fn check(&self, value: &Json<'_>, place: &str) -> bool {
        let instance = value.to_value();
        match classify(value) {
            Classified::Ignored => false,
            Classified::FutureVersion { .. } => {
                let kind =
                    Kind::from_metadata_kind(instance["metadata_kind"].as_str().unwrap()).unwrap();
                assert!(
                    !self.by_kind[&kind].is_valid(&instance),
                    "{place}: a record of a later schema version passed the {kind:?} schema"
                );
                true
            }
            Classified::Record(view) => {
                let problems = view.type_errors();
                let errs = errors(&self.by_kind[&view.kind], &instance);
                assert_eq!(
                    errs.is_empty(),
                    problems.is_empty(),
                    "{place}: the {:?} schema says {errs:?}, cavra says {problems:?}",
                    view.kind
                );
                true
            }
        }
    }
}

/// Checks every value in every evidence file under `dir`; returns (records, store files).
fn check_tree(r: &Reading, dir: &Path) -> (usize, usize) {
    let (mut records, mut stores) = (0, 0);
    for (rel, bytes) in files(dir) {
        let place = format!("{}/{rel}", dir.display());
        if rel.ends_with(".jsonl") || rel.ends_with(".ndjson") {
            for (n, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
                if let Ok(v) = parse(line.trim().as_bytes()) {
                    records += usize::from(r.check(&v, &format!("{place}:{}", n + 1)));
                }
            }
            continue;
        }
        if !rel.ends_with(".json") {
            continue;
        }
        let Ok(value) = parse(&bytes) else { continue };
        if let Some(items) = store_items(&value) {
            stores += 1;
            let mut all_valid = true;
            for (i, item) in items.iter().enumerate() {
                if r.check(item, &format!("{place}#/items/{i}")) {
                    records += 1;
                    if let Classified::Record(view) = classify(item) {
                        all_valid &= view.type_errors().is_empty();
                    }
                }
            }
            assert_eq!(
                r.store.is_valid(&value.to_value()),
                all_valid,
                "{place}: the store schema disagrees with its items"
            );
        } else if let Some(values) = value.as_arr() {
            for (i, v) in values.iter().enumerate() {
                records += usize::from(r.check(v, &format!("{place}#/{i}")));
            }
        } else {
            records += usize::from(r.check(&value, &place));
        }
    }
    (records, stores)
}

#[test]
fn every_record_read_validates() {
    let r = Reading::new();
    let mut total = 0;
    for name in ["basic", "edge", "empty", "flow"] {
        total += check_tree(&r, &fixture(name)).0;
    }
    let (examples, _) = check_tree(&r, &root().join("examples/evidence"));
    assert!(examples > 0);
    let (sample, stores) = check_tree(&r, &shared().join("samples/cavra-store"));
    // The original system's store is one store file of records.
    assert!(
        stores >= 1 && sample > 0,
        "{stores} stores, {sample} records"
    );
    total += examples + sample;
    eprintln!("schema: {total} records read validated against their kinds' schemas");
}

/// The checked fields of §2.1's table, written out from the spec (not from cavra's own
/// table): `s` string, `b` boolean, `a` array of strings, `c` status codes, `p` playbooks.
const CHECKED: [(Kind, &[(&str, char)]); 10] = [
    (
        Kind::Execution,
        &[
            ("execution_id", 's'),
            ("provider", 's'),
            ("execution_status", 's'),
            ("executed_at", 's'),
            ("created_at", 's'),
            ("approval_decision_id", 's'),
            ("run_id", 's'),
            ("delivery_success", 'b'),
        ],
    ),
    (
        Kind::Playbook,
        &[
            ("playbook_id", 's'),
            ("generated_at", 's'),
            ("created_at", 's'),
            ("provider_playbooks", 'p'),
        ],
    ),
    (
        Kind::Closure,
        &[
            ("closure_id", 's'),
            ("playbook_id", 's'),
            ("provider", 's'),
            ("closure_state", 's'),
            ("closed_at", 's'),
            ("created_at", 's'),
            ("verification_refs", 'a'),
        ],
    ),
    (Kind::Report, &[("report_id", 's')]),
    (
        Kind::EscalationPlan,
        &[("plan_id", 's'), ("selected_providers", 'a')],
    ),
    (
        Kind::Acknowledgement,
        &[
            ("acknowledgement_id", 's'),
            ("plan_id", 's'),
            ("provider", 's'),
            ("acknowledgement_state", 's'),
        ],
    ),
    (Kind::RetryPlan, &[("retry_plan_id", 's')]),
    (Kind::ExecutiveReport, &[("executive_report_id", 's')]),
    (Kind::ScheduleRun, &[("run_id", 's')]),
    (
        Kind::Delivery,
        &[
            ("delivery_id", 's'),
            ("connector_delivery_source", 's'),
            ("plan_id", 's'),
            ("event_id", 's'),
            ("created_at", 's'),
            ("providers", 'a'),
            ("failed_providers", 'a'),
            ("delivery_success", 'b'),
            ("status_codes", 'c'),
        ],
    ),
];

#[test]
fn records_made_invalid_field_by_field_fail_their_schema() {
    let r = Reading::new();
    let mut cases = 0;
    for (kind, fields) in CHECKED {
        let info = kind.info();
        let mut fields = fields.to_vec();
        fields.push(("session_id", 's'));
        for (field, ty) in fields {
            let (good, bad): (Vec<Value>, Vec<Value>) = match ty {
                's' => (
                    vec![json!("x"), json!(""), Value::Null],
                    vec![json!(7), json!(["x"])],
                ),
                'b' => (
                    vec![json!(false), Value::Null],
                    vec![json!(""), json!("true"), json!(0)],
                ),
                'a' => (
                    vec![json!(["x"]), json!([]), Value::Null],
                    vec![json!("x"), json!(["x", 1]), json!([null])],
                ),
                'c' => (
                    vec![json!([500, "timeout", null]), Value::Null],
                    vec![json!(500), json!([true]), json!([1.5])],
                ),
                'p' => (
                    vec![
                        json!([{"provider": "jira", "category": "itsm", "failure_count": 2}, {}]),
                        Value::Null,
                    ],
                    vec![
                        json!({}),
                        json!(["jira"]),
                        json!([{"provider": 1}]),
                        json!([{"failure_count": "2"}]),
                    ],
                ),
                _ => unreachable!(),
            };
            let shapes = |v: &Value| {
                let mut out = vec![json!({"metadata_kind": info.suffix, field: v})];
                if !info.nested_key.is_empty() {
                    out.push(json!({"metadata_kind": info.full, info.nested_key: {field: v}}));
                }
                out
            };
            for (value, valid) in good
                .iter()
                .map(|v| (v, true))
                .chain(bad.iter().map(|v| (v, false)))
            {
                for record in shapes(value) {
                    let text = record.to_string();
                    let parsed = parse(text.as_bytes()).unwrap();
                    let Classified::Record(view) = classify(&parsed) else {
                        panic!("{text}: not a record")
                    };
                    assert_eq!(
                        view.type_errors().is_empty(),
                        valid,
                        "{text}: cavra disagrees with the spec's table"
                    );
                    assert_eq!(
                        r.by_kind[&kind].is_valid(&record),
                        valid,
                        "{text}: the {kind:?} schema disagrees with the spec's table"
                    );
                    cases += 1;
                }
            }
        }
    }
    // A later schema version is not a record of this version, on the item or the document.
    for record in [
        json!({"metadata_kind": "connector-recovery-closure", "schema_version": "cavra.evidence.metadata.v2"}),
        json!({"metadata_kind": "connector-recovery-closure", "connector_recovery_closure": {"schema_version": "x.v10"}}),
    ] {
        assert!(!r.by_kind[&Kind::Closure].is_valid(&record), "{record}");
    }
    assert!(r.by_kind[&Kind::Closure].is_valid(
        &json!({"metadata_kind": "connector-recovery-closure", "schema_version": "cavra.evidence.metadata.v1"})
    ));
    // Another kind's record is not this kind's.
    assert!(
        !r.by_kind[&Kind::Closure].is_valid(&json!({"metadata_kind": "retry-execution-record"}))
    );
    assert!(cases > 200, "{cases}");
}
