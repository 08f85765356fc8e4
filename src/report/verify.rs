//! Whether a record's id still matches its content (§2.4, §3, §4): the content-derived ids
//! recomputed from the record's own fields.
//!
//! | kind | id field | over |
//! |---|---|---|
//! | execution | `execution_id` (and `execution_hash`) | run_id, retry_plan_id, provider, delivery_id, audit_id, approval_decision_id, delivery_metadata_id, execution_status, executed_at (`""` when absent) |
//! | playbook | `playbook_id` | generated_at, provider_playbooks |
//! | closure | `closure_id` (and `closure_hash`) | playbook_id, provider, closure_state, closed_by, closed_at, external_ref, verification_refs |
//! | report | `report_id` | execution_count, generated_at, recovery_rows, recovery_slo_minutes |
//! | escalation plan | `plan_id` | generated_at, recovery_report_id, routes (= escalation_routes) |
//! | acknowledgement | `acknowledgement_id` | plan_id, provider, acknowledged_by, acknowledgement_state, acknowledged_at |
//! | retry plan | `retry_plan_id` | generated_at, retry_decisions |
//! | executive report | `executive_report_id` | generated_at, recovery_report_id, escalation_plan_id |
//! | schedule run | `run_id` | window_start, interval_minutes (of `schedule`), generated_by |
//!
//! An id matches when it is the prefix plus the first 16 hex digits of SHA-256 over either
//! cavra's canonical JSON of those fields (§2.4) or the original system's
//! (`json.dumps(…, sort_keys=True)`, see [`python_json`]); which one is reported.
//!
//! An id that matches neither is judged **tampered** only when the record claims a
//! content-derived id: it carries its content hash (`execution_hash`, `closure_hash`), or it
//! is a document cavra writes (plan, acknowledgement, retry plan, executive report, run) with
//! an id of the derived shape (prefix + 16 hex digits). Otherwise it is **unverified**:
//! hand-written evidence may carry any id (§2.1), and the original system's report ids cover
//! more than its stored report holds (checked on its sample store), so neither can be told
//! from an edit. Deliveries (their id is the original's `session_id`) and records that carry
//! no id (their id is derived from the whole record when read) are not judged.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::canon::{canonical, python_json, sha256_hex};
use crate::model::json::Json;

use super::links::pointer_of;
use crate::model::kind::Kind;
use crate::model::record::RecordView;

/// The JSON form an id was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// cavra's canonical JSON (§2.4).
    Canonical,
    /// The original system's `json.dumps(sort_keys=True)`.
    Original,
}

/// The verdict on one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Its id is not derived from its content (a delivery), or it carries none.
    NotJudged,
    /// Its id (and hash, where it has one) matches its content.
    Matches(Form),
    /// Its id matches neither form, but nothing says it was derived from its content.
    Unverified,
    /// A stored id or hash that its content no longer gives.
    Tampered {
        /// The JSON pointer of the stored id or hash.
        pointer: String,
        stored: String,
        /// What the content gives (in cavra's form, or the original's when the stored value
        /// looks like the original's).
        computed: String,
    },
}

/// The fields an id covers, by kind (`""` for missing strings where the original did so).
fn material(view: &RecordView<'_>) -> Option<(&'static str, Option<&'static str>, Value)> {
    let text = |f: &str| Value::String(view.str(f).unwrap_or("").to_owned());
    let any = |f: &str| view.any(f).map_or(Value::Null, Json::to_value);
    let obj = |pairs: Vec<(&str, Value)>| {
        Value::Object(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<Map<_, _>>(),
        )
    };
    let texts = |fields: &[&str]| obj(fields.iter().map(|f| (*f, text(f))).collect());
    Some(match view.kind {
        Kind::Execution => (
            "execution_id",
            Some("execution_hash"),
            texts(&[
                "run_id",
                "retry_plan_id",
                "provider",
                "delivery_id",
                "audit_id",
                "approval_decision_id",
                "delivery_metadata_id",
                "execution_status",
                "executed_at",
            ]),
        ),
        Kind::Playbook => (
            "playbook_id",
            None,
            obj(vec![
                ("generated_at", text("generated_at")),
                ("provider_playbooks", any("provider_playbooks")),
            ]),
        ),
        Kind::Closure => {
            let mut m = texts(&[
                "playbook_id",
                "provider",
                "closure_state",
                "closed_by",
                "closed_at",
                "external_ref",
            ]);
            if let Value::Object(map) = &mut m {
                let refs = view
                    .any("verification_refs")
                    .map_or(Value::Array(Vec::new()), Json::to_value);
                map.insert("verification_refs".to_owned(), refs);
            }
            ("closure_id", Some("closure_hash"), m)
        }
        Kind::Report => (
            "report_id",
            None,
            obj(vec![
                ("execution_count", any("execution_count")),
                ("generated_at", text("generated_at")),
                ("recovery_rows", any("recovery_rows")),
                ("recovery_slo_minutes", any("recovery_slo_minutes")),
            ]),
        ),
        Kind::EscalationPlan => (
            "plan_id",
            None,
            obj(vec![
                ("generated_at", text("generated_at")),
                ("recovery_report_id", text("recovery_report_id")),
                ("routes", any("escalation_routes")),
            ]),
        ),
        Kind::Acknowledgement => (
            "acknowledgement_id",
            None,
            texts(&[
                "plan_id",
                "provider",
                "acknowledged_by",
                "acknowledgement_state",
                "acknowledged_at",
            ]),
        ),
        Kind::RetryPlan => (
            "retry_plan_id",
            None,
            obj(vec![
                ("generated_at", text("generated_at")),
                ("retry_decisions", any("retry_decisions")),
            ]),
        ),
        Kind::ExecutiveReport => (
            "executive_report_id",
            None,
            texts(&["generated_at", "recovery_report_id", "escalation_plan_id"]),
        ),
        Kind::ScheduleRun => {
            let schedule = view.any("schedule");
            let field = |f: &str| {
                schedule
                    .and_then(|s| s.get(f))
                    .map_or(Value::Null, Json::to_value)
            };
            (
                "run_id",
                None,
                obj(vec![
                    ("window_start", field("window_start")),
                    ("interval_minutes", field("interval_minutes")),
                    ("generated_by", text("generated_by")),
                ]),
            )
        }
        Kind::Delivery => return None,
    })
}

/// Judges one record's id (and hash).
pub fn verify(view: &RecordView<'_>) -> Verdict {
    let Some((id_field, hash_field, material)) = material(view) else {
        return Verdict::NotJudged;
    };
    let Some(stored) = view.str(id_field) else {
        return Verdict::NotJudged;
    };
    let prefix = view.kind.info().id_prefix;
    let canonical_hex = sha256_hex(&canonical(&material));
    let original_hex = sha256_hex(&python_json(&material));
    let form = if stored == format!("{prefix}{}", &canonical_hex[..16]) {
        Form::Canonical
    } else if stored == format!("{prefix}{}", &original_hex[..16]) {
        Form::Original
    } else {
        let has_hash = hash_field.is_some_and(|f| view.str(f).is_some());
        let derived_shape = stored.strip_prefix(prefix).is_some_and(|hex| {
            hex.len() == 16 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        });
        let cavra_writes = matches!(
            view.kind,
            Kind::EscalationPlan
                | Kind::Acknowledgement
                | Kind::RetryPlan
                | Kind::ExecutiveReport
                | Kind::ScheduleRun
        );
        let claims_derived = has_hash || (cavra_writes && derived_shape);
        if !claims_derived {
            return Verdict::Unverified;
        }
        return Verdict::Tampered {
            pointer: pointer_of(view, id_field),
            stored: stored.to_owned(),
            computed: format!("{prefix}{}", &canonical_hex[..16]),
        };
    };
    // A stored hash (executions, closures) is the full SHA-256 of the same text.
    if let Some(hash_field) = hash_field
        && let Some(hash) = view.str(hash_field)
    {
        let want = match form {
            Form::Canonical => canonical_hex,
            Form::Original => original_hex,
        };
        if hash != want {
            return Verdict::Tampered {
                pointer: pointer_of(view, hash_field),
                stored: hash.to_owned(),
                computed: want,
            };
        }
    }
    Verdict::Matches(form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::parse;
    use crate::model::record::{Classified, classify};

    fn judge(text: &str) -> Verdict {
        let v = parse(text.as_bytes()).unwrap();
        match classify(&v) {
            Classified::Record(view) => verify(&view),
            _ => panic!("not a record"),
        }
    }

    #[test]
    fn acknowledgements_in_both_forms() {
        // By hand: sha256 of the canonical text
        // {"acknowledged_at":"t","acknowledged_by":"b","acknowledgement_state":"s","plan_id":"p","provider":"x"}
        let material = serde_json::json!({"plan_id": "p", "provider": "x", "acknowledged_by": "b",
            "acknowledgement_state": "s", "acknowledged_at": "t"});
        let canonical_id = format!(
            "gordackrecoveryescack-{}",
            &sha256_hex(
                r#"{"acknowledged_at":"t","acknowledged_by":"b","acknowledgement_state":"s","plan_id":"p","provider":"x"}"#
            )[..16]
        );
        assert_eq!(
            canonical_id,
            format!(
                "gordackrecoveryescack-{}",
                &sha256_hex(&canonical(&material))[..16]
            )
        );
        let original_id = format!(
            "gordackrecoveryescack-{}",
            &sha256_hex(
                r#"{"acknowledged_at": "t", "acknowledged_by": "b", "acknowledgement_state": "s", "plan_id": "p", "provider": "x"}"#
            )[..16]
        );
        let record = |id: &str| {
            format!(
                r#"{{"metadata_kind": "recovery-escalation-ack", "acknowledgement_id": "{id}",
                    "plan_id": "p", "provider": "x", "acknowledged_by": "b",
                    "acknowledgement_state": "s", "acknowledged_at": "t"}}"#
            )
        };
        assert_eq!(
            judge(&record(&canonical_id)),
            Verdict::Matches(Form::Canonical)
        );
        assert_eq!(
            judge(&record(&original_id)),
            Verdict::Matches(Form::Original)
        );
        let edited = record(&canonical_id).replace(r#""provider": "x""#, r#""provider": "y""#);
        let Verdict::Tampered {
            pointer,
            stored,
            computed,
        } = judge(&edited)
        else {
            panic!("an edited provider must be found");
        };
        assert_eq!(
            (pointer.as_str(), stored.as_str()),
            ("/acknowledgement_id", canonical_id.as_str())
        );
        assert_ne!(computed, canonical_id);
    }

    #[test]
    fn hand_written_ids_are_unverified_hashes_are_judged() {
        let exec = |extra: &str| {
            judge(&format!(
                r#"{{"metadata_kind": "retry-execution-record", "execution_id": "gordackretryexec-b1a0000000000001",
                    "provider": "jira", "execution_status": "failed"{extra}}}"#
            ))
        };
        assert_eq!(exec(""), Verdict::Unverified);
        let Verdict::Tampered { pointer, .. } = exec(r#", "execution_hash": "b1a0000000000001ff""#)
        else {
            panic!("a stored hash its content does not give is tampered");
        };
        assert_eq!(pointer, "/execution_id");
    }

    #[test]
    fn deliveries_are_not_judged() {
        assert_eq!(
            judge(r#"{"metadata_kind": "release-connector-delivery", "session_id": "x"}"#),
            Verdict::NotJudged
        );
    }
}
