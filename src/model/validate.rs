//! Deciding what one top-level value is and whether it is valid evidence (§2.1, §2.4, §6).

use super::json::Json;
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
            if findings.is_empty() {
                Verdict::Valid(view)
            } else {
                Verdict::Invalid(findings)
            }
        }
    }
}
