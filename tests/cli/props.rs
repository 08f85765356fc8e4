//! Property tests (issue 8) over the reader, the timestamp grammar and the public-safe policy.
//!
//! Each property runs proptest's default 256 cases in `cargo test` (a few seconds in all);
//! a longer run sets the count, e.g. `PROPTEST_CASES=20000 cargo test --test cli props`.
//! A failing case is printed minimised; proptest also records its seed under
//! `proptest-regressions/` to replay it.

use std::path::Path;

use cavra::model::canon::content_hash;
use cavra::model::json;
use cavra::model::time::{Ts, parse_ts};
use cavra::store::{Evidence, LoadOptions};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Record kinds as `metadata_kind` values (suffixes and the delivery), so that generated
/// objects are often known records and go through the type and policy checks.
const KINDS: &[&str] = &[
    "retry-execution-record",
    "connector-recovery-playbook",
    "connector-recovery-closure",
    "recovery-escalation-plan",
    "recovery-escalation-ack",
    "release-connector-delivery",
    "other-kind",
];

/// Field names the reader looks at, mixed with arbitrary ones.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "execution_id",
            "provider",
            "execution_status",
            "executed_at",
            "created_at",
            "playbook_id",
            "provider_playbooks",
            "closure_state",
            "closed_at",
            "session_id",
            "delivery_success",
            "status_codes",
            "items",
            "schema_version",
            "plan_id",
            "failed_providers",
            "providers",
            "verification_refs",
            "failure_count",
        ])
        .prop_map(str::to_owned),
        ".{0,12}",
    ]
}

/// Arbitrary JSON, a few levels deep, objects sometimes tagged with a known kind.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,24}".prop_map(Value::String),
        prop::sample::select(vec![
            "2026-06-01T08:00:00Z",
            "9999-12-31T23:59:59-23:59",
            ""
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            (
                prop::collection::vec((key(), inner), 0..6),
                prop::option::of(prop::sample::select(KINDS)),
            )
                .prop_map(|(entries, kind)| {
                    let mut m: Map<String, Value> = entries.into_iter().collect();
                    if let Some(k) = kind {
                        m.insert("metadata_kind".to_owned(), Value::from(k));
                    }
                    Value::Object(m)
                }),
        ]
    })
}

/// Reads `dir` as evidence: never an error for bad content, and its problems ask for exit 0
/// or 3 (never 4: the files are readable).
fn read_exit(dir: &Path) -> i32 {
    let ev = Evidence::load(dir, &LoadOptions::default()).expect("a readable folder");
    cavra::problem::exit_code(&ev.problems)
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_and_give_exit_0_or_3(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        ndjson in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let name = if ndjson { "x.ndjson" } else { "x.json" };
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let code = read_exit(dir.path());
        prop_assert!(code == 0 || code == 3, "exit {code}");
    }

    #[test]
    fn arbitrary_json_never_panics_and_gives_exit_0_or_3(values in prop::collection::vec(any_json(), 1..4)) {
        let dir = tempfile::tempdir().unwrap();
        // One value per .json file, and all of them as NDJSON lines.
        let mut lines = String::new();
        for (i, v) in values.iter().enumerate() {
            std::fs::write(dir.path().join(format!("v{i}.json")), v.to_string()).unwrap();
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        std::fs::write(dir.path().join("all.ndjson"), lines).unwrap();
        let code = read_exit(dir.path());
        prop_assert!(code == 0 || code == 3, "exit {code}");
    }

    #[test]
    fn a_record_written_then_read_is_the_same_record(v in any_json()) {
        let text = v.to_string();
        let parsed = json::parse(text.as_bytes()).unwrap();
        let pretty = parsed.to_pretty().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records").join("r.json");
        cavra::store::write::write_new(&path, &pretty, |_| false).unwrap();
        let back_bytes = std::fs::read(&path).unwrap();
        let back = json::parse(&back_bytes).unwrap();
        // The same JSON value (numbers included), and the same content for duplicates.
        prop_assert_eq!(serde_json::from_slice::<Value>(&back_bytes).unwrap(), v);
        prop_assert_eq!(content_hash(&back, None), content_hash(&parsed, None));
    }

    #[test]
    fn every_timestamp_cavra_formats_parses_back(
        nanos in (Ts::MIN.as_nanos()..=Ts::MAX.as_nanos()),
    ) {
        let t = Ts::from_nanos(nanos);
        let text = t.to_rfc3339_checked("t").unwrap();
        prop_assert_eq!(parse_ts(&text), Some(t), "{}", text);
    }

    #[test]
    fn every_parsed_timestamp_is_written_back_or_refused(
        y in 0i64..=9999, mo in 1u32..=12, d in 1u32..=31, h in 0u32..=23, mi in 0u32..=59,
        s in 0u32..=59, frac in prop::option::of("[0-9]{1,12}"),
        off in prop::option::of((any::<bool>(), 0u32..=23, 0u32..=59)),
    ) {
        let mut text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
        if let Some(f) = &frac {
            text.push('.');
            text.push_str(f);
        }
        match off {
            Some((plus, oh, om)) => text.push_str(&format!("{}{oh:02}:{om:02}", if plus { '+' } else { '-' })),
            None => text.push('Z'),
        }
        if let Some(t) = parse_ts(&text) {
            match t.to_rfc3339_checked("t") {
                Ok(out) => prop_assert_eq!(parse_ts(&out), Some(t)),
                // Only instants outside 0000-9999 in UTC are refused.
                Err(_) => prop_assert!(!t.is_writable()),
            }
        }
    }

    #[test]
    fn a_secret_embedded_anywhere_is_found(
        tree in any_json(),
        route in prop::collection::vec(any::<usize>(), 0..6),
        secret in prop_oneof![
            "[A-Za-z0-9]{20,28}".prop_map(|s| format!("ghp_{s}")),
            "[0-9A-Z]{16}".prop_map(|s| format!("AKIA{s}")),
            "[A-Za-z0-9]{8,16}".prop_map(|s| format!("sk_live_{s}")),
            "[a-z]{0,8}".prop_map(|s| format!("http://localhost/{s}")),
            "[a-z]{1,8}".prop_map(|s| format!("https://{s}.internal/")),
            Just("http://127.1/".to_owned()),
            Just("http://%6c%6fcalhost/".to_owned()),
            Just("-----BEGIN RSA PRIVATE KEY-----".to_owned()),
        ],
        as_key in any::<bool>(),
    ) {
        let mut tree = tree;
        embed(&mut tree, &route, &secret, as_key);
        let text = tree.to_string();
        let value = json::parse(text.as_bytes()).unwrap();
        let found = cavra::policy::check(&value);
        prop_assert!(!found.is_empty(), "{} not found in {}", secret, text);
    }
}

/// Puts `secret` somewhere in `v`: down the children that `route` picks, then as a value or
/// a key there.
fn embed(v: &mut Value, route: &[usize], secret: &str, as_key: bool) {
    let carrier = || {
        if as_key {
            let mut m = Map::new();
            m.insert(secret.to_owned(), Value::from(1));
            Value::Object(m)
        } else {
            Value::String(secret.to_owned())
        }
    };
    match (v, route.split_first()) {
        (Value::Array(items), Some((&pick, rest))) if !items.is_empty() => {
            let n = items.len();
            embed(&mut items[pick % n], rest, secret, as_key);
        }
        (Value::Object(m), Some((&pick, rest))) if !m.is_empty() => {
            let n = m.len();
            let k = m.keys().nth(pick % n).cloned().unwrap_or_default();
            if let Some(child) = m.get_mut(&k) {
                embed(child, rest, secret, as_key);
            }
        }
        (Value::Array(items), _) => items.push(carrier()),
        (Value::Object(m), _) => {
            if as_key {
                m.insert(secret.to_owned(), Value::from(1));
            } else {
                m.insert("note".to_owned(), Value::String(secret.to_owned()));
            }
        }
        (leaf, _) => *leaf = carrier(),
    }
}
