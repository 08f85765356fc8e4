//! Deciding what one top-level value is and whether it is valid evidence (§2.1, §2.4, §6).

use super::json::{Json, push_pointer};
use super::kind::Kind;
use super::record::{Classified, RecordView, classify};
use crate::policy;
use crate::problem::RuleCode;

/// One problem inside a value: rule, JSON pointer (relative to the value), why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleCode,
    pub pointer: String,
    pub message: String,
}

/// The verdict on one top-level value.
pub enum Verdict<'a> {
    /// Not a known record (counted as ignored). With `strict`, public-safe findings.
    Ignored(Vec<Finding>),
    /// A known kind of a future schema version: ignored with a warning.
    Future(Vec<Finding>),
    /// A known record with problems: left out.
    Invalid(Vec<Finding>),
    /// A valid known record.
    Valid(RecordView<'a>),
}

/// Examines a value: duplicate keys, field types and the public-safe policy. With `strict`,
/// the policy applies to values that are not known records too (`check --strict`).
///
/// `dup_free` says the text is known to hold no duplicate key (from
/// [`crate::model::json::parse_flagged`]), which saves a walk of the value.
pub fn examine<'a>(value: &'a Json<'a>, strict: bool, dup_free: bool) -> Verdict<'a> {
    let policy_findings = |v: &Json| -> Vec<Finding> {
        policy::check(v)
            .into_iter()
            .map(|x| Finding {
                rule: RuleCode::from_policy(x.rule),
                pointer: x.pointer,
                message: x.message,
            })
            .collect()
    };
    match classify(value) {
        Classified::Ignored => Verdict::Ignored(if strict {
            policy_findings(value)
        } else {
            Vec::new()
        }),
        Classified::FutureVersion { pointer, version } => {
            let mut findings = vec![Finding {
                rule: RuleCode::SchemaVersion,
                pointer,
                message: format!("record of schema version {version:?} ignored; cavra reads .v1"),
            }];
            if strict {
                findings.extend(policy_findings(value));
            }
            Verdict::Future(findings)
        }
        Classified::Record(view) => {
            let mut findings = Vec::new();
            if let Some(pointer) = (!dup_free).then(|| value.first_duplicate_key()).flatten() {
                findings.push(Finding {
                    rule: RuleCode::DuplicateKey,
                    message: format!(
                        "key {:?} appears twice in one object",
                        pointer.rsplit('/').next().unwrap_or_default()
                    ),
                    pointer,
                });
            }
            for e in view.type_errors() {
                findings.push(Finding {
                    rule: RuleCode::Types,
                    pointer: e.pointer,
                    message: e.message,
                });
            }
            findings.extend(policy_findings(value));
            if let Some(f) = unsafe_playbook_id(&view) {
                findings.push(f);
            }
            if findings.is_empty() {
                Verdict::Valid(view)
            } else {
                Verdict::Invalid(findings)
            }
        }
    }
}

/// §6 (added after the first release): a playbook's id that could not be a file name
/// (`../../evil`) is refused. Closures name their playbook in a URL path and on the command
/// line, where only safe ids are accepted, so such a playbook could never be closed; and no
/// id of that shape ever comes from cavra.
fn unsafe_playbook_id(view: &RecordView<'_>) -> Option<Finding> {
    if view.kind != Kind::Playbook {
        return None;
    }
    let info = view.kind.info();
    // The id by the reading rule (§2.1): the id field, nested first, else session_id; a
    // record with neither gets a derived id, which is always safe.
    let (field, id) = match view.str(info.id_field) {
        Some(id) => (info.id_field, id),
        None => ("session_id", view.str("session_id")?),
    };
    if crate::store::write::is_safe_id(id) {
        return None;
    }
    let in_nested = view
        .nested
        .and_then(|n| n.get(field))
        .and_then(Json::as_str)
        .is_some_and(|s| !s.is_empty());
    let mut pointer = String::new();
    if in_nested {
        push_pointer(&mut pointer, info.nested_key);
    }
    push_pointer(&mut pointer, field);
    Some(Finding {
        rule: RuleCode::UnsafeId,
        pointer,
        message: format!(
            "playbook id {id:?} is not a safe file name, so it can never be closed; the record is left out"
        ),
    })
}
