//! Connector recovery closures recorded by `cavra close` (§4.3). Pure: the caller checks that
//! the playbook exists and names the provider.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::canon::{canonical, sha256_hex};
use crate::model::kind::Kind;
use crate::model::time::Ts;

use super::PRODUCT;

/// The closure states (§2.2), in the spec's order.
pub const CLOSURE_STATES: [&str; 5] =
    ["resolved", "mitigated", "deferred", "escalated", "reopened"];

/// The state used when none is given.
pub const DEFAULT_CLOSURE_STATE: &str = "resolved";

/// Closure controls (appendix A).
pub const CONTROLS: [&str; 4] = [
    "connector-recovery-closure-records-public-safe-operator-evidence",
    "closure-hash-covers-playbook-provider-state-and-verification-refs",
    "closure-record-contains-no-connector-secret-or-private-endpoint",
    "private-ticket-chat-and-credential-side-effects-remain-outside-public-repo",
];

/// What the operator records, already validated and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClosure<'a> {
    pub playbook_id: &'a str,
    /// Normalised provider.
    pub provider: &'a str,
    /// Normalised state, one of [`CLOSURE_STATES`].
    pub state: &'a str,
    pub closed_by: &'a str,
    pub external_ref: &'a str,
    pub notes: &'a str,
    pub verification_refs: &'a [String],
}

/// A connector recovery closure, fields in the spec's order (no generated_by).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(transform = super::shape::document(Kind::Closure, "closed_at", Some(&CONTROLS)))]
pub struct Closure {
    pub schema_version: String,
    pub product: &'static str,
    pub closure_id: String,
    #[schemars(extend("pattern" = "^[0-9a-f]{64}$"))]
    pub closure_hash: String,
    pub playbook_id: String,
    pub provider: String,
    #[schemars(extend("enum" = CLOSURE_STATES))]
    pub closure_state: String,
    pub closed_by: String,
    pub closed_at: String,
    pub external_ref: String,
    pub notes: String,
    pub verification_refs: Vec<String>,
    pub controls: Vec<&'static str>,
}

impl Closure {
    /// Resolved and mitigated close a recovery; every other state leaves it open (§3).
    pub fn is_closed(&self) -> bool {
        matches!(self.closure_state.as_str(), "resolved" | "mitigated")
    }
}

/// Builds the closure at `now`.
pub fn build(c: &NewClosure<'_>, now: Ts) -> Closure {
    let closed_at = now.to_rfc3339();
    // The hash and the id cover the same material; `notes` is not part of it.
    let closure_hash = sha256_hex(&canonical(&serde_json::json!({
        "playbook_id": c.playbook_id,
        "provider": c.provider,
        "closure_state": c.state,
        "closed_by": c.closed_by,
        "closed_at": closed_at,
        "external_ref": c.external_ref,
        "verification_refs": c.verification_refs,
    })));
    Closure {
        schema_version: Kind::Closure.schema_version(),
        product: PRODUCT,
        closure_id: format!("{}{}", Kind::Closure.info().id_prefix, &closure_hash[..16]),
        closure_hash,
        playbook_id: c.playbook_id.to_owned(),
        provider: c.provider.to_owned(),
        closure_state: c.state.to_owned(),
        closed_by: c.closed_by.to_owned(),
        closed_at,
        external_ref: c.external_ref.to_owned(),
        notes: c.notes.to_owned(),
        verification_refs: c.verification_refs.to_vec(),
        controls: CONTROLS.to_vec(),
    }
}

crate::document!(
    Closure, Kind::Closure, id: closure_id, at: closed_at, by: closed_by,
    counts: |c| [1, u64::from(!c.is_closed()), 0],
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::canon::derive_id;
    use crate::model::stored::Document;
    use crate::model::time::parse_ts;
    use crate::report::{keys_of, pick_state};

    fn closure(state: &str, notes: &str) -> Closure {
        let refs = vec!["gordackretryexec-1".to_owned(), "CHG-2".to_owned()];
        build(
            &NewClosure {
                playbook_id: "pb-1",
                provider: "servicenow",
                state,
                closed_by: "release-governance",
                external_ref: "INC-7",
                notes,
                verification_refs: &refs,
            },
            parse_ts("2026-06-01T08:00:00Z").unwrap(),
        )
    }

    #[test]
    fn hash_id_and_fields() {
        let c = closure("resolved", "restored");
        // By hand: the canonical JSON of the seven listed fields, keys sorted.
        let material = r#"{"closed_at":"2026-06-01T08:00:00Z","closed_by":"release-governance","closure_state":"resolved","external_ref":"INC-7","playbook_id":"pb-1","provider":"servicenow","verification_refs":["gordackretryexec-1","CHG-2"]}"#;
        assert_eq!(c.closure_hash, sha256_hex(material));
        assert_eq!(
            c.closure_id,
            format!("gordackrecoveryclosure-{}", &c.closure_hash[..16])
        );
        assert_eq!(
            c.closure_id,
            derive_id(
                "gordackrecoveryclosure-",
                &crate::model::json::parse(material.as_bytes())
                    .unwrap()
                    .to_value()
            )
        );
        // Notes are not hashed: the same closure with other notes has the same id.
        assert_eq!(closure("resolved", "other").closure_id, c.closure_id);
        assert_ne!(closure("mitigated", "restored").closure_id, c.closure_id);
        assert_eq!(
            keys_of(&c),
            [
                "schema_version",
                "product",
                "closure_id",
                "closure_hash",
                "playbook_id",
                "provider",
                "closure_state",
                "closed_by",
                "closed_at",
                "external_ref",
                "notes",
                "verification_refs",
                "controls"
            ]
        );
    }

    #[test]
    fn blocked_unless_resolved_or_mitigated() {
        for (state, blocked) in [
            ("resolved", 0),
            ("mitigated", 0),
            ("deferred", 1),
            ("escalated", 1),
            ("reopened", 1),
        ] {
            let c = closure(state, "");
            let s = c.stored();
            assert_eq!(
                (s.decision_count, s.blocked_count, s.approval_required_count),
                (1, blocked, 0),
                "{state}"
            );
            assert_eq!(s.signer, "release-governance");
        }
    }

    #[test]
    fn states() {
        let pick = |raw| pick_state(raw, DEFAULT_CLOSURE_STATE, &CLOSURE_STATES, "closure state");
        assert_eq!(pick(None).unwrap(), "resolved");
        assert_eq!(pick(Some("Mitigated")).unwrap(), "mitigated");
        assert_eq!(pick(Some(" Re-Opened")).unwrap_err().exit_code(), 3);
        let err = pick(Some("closed")).unwrap_err();
        assert!(
            err.to_string()
                .contains("resolved, mitigated, deferred, escalated, reopened")
        );
    }
}
