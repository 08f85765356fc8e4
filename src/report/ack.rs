//! Recovery escalation acknowledgements (§4.2): the document an operator records to prove an
//! escalation was reviewed. Pure: the caller checks the plan and provider references.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::canon::derive_id;
use crate::model::kind::Kind;
use crate::model::time::Ts;

use super::PRODUCT;

/// The acknowledgement states, in the spec's order.
pub const ACK_STATES: [&str; 6] = [
    "acknowledged",
    "accepted",
    "deferred",
    "escalated",
    "resolved",
    "dismissed",
];

/// The state used when none is given.
pub const DEFAULT_ACK_STATE: &str = "acknowledged";

/// States that count as acknowledged for a retry decision (§4.4).
pub const ACKNOWLEDGING_STATES: [&str; 3] = ["acknowledged", "accepted", "resolved"];

/// What the operator records, already validated and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAck<'a> {
    pub plan_id: &'a str,
    /// Normalised provider.
    pub provider: &'a str,
    pub acknowledged_by: &'a str,
    /// Normalised state, one of [`ACK_STATES`].
    pub state: &'a str,
    pub external_ref: &'a str,
    pub notes: &'a str,
    pub escalation_reason: &'a str,
}

/// A recovery escalation acknowledgement, fields in the spec's order (no generated_by, no
/// controls).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(transform = super::shape::document(Kind::Acknowledgement, "acknowledged_at", None))]
pub struct Acknowledgement {
    pub schema_version: String,
    pub product: &'static str,
    pub acknowledgement_id: String,
    pub plan_id: String,
    pub provider: String,
    pub acknowledged_by: String,
    #[schemars(extend("enum" = ACK_STATES))]
    pub acknowledgement_state: String,
    pub acknowledged_at: String,
    pub external_ref: String,
    pub notes: String,
    pub escalation_reason: String,
}

/// Builds the acknowledgement at `now`.
pub fn build(ack: &NewAck<'_>, now: Ts) -> Acknowledgement {
    let acknowledged_at = now.to_rfc3339();
    let acknowledgement_id = derive_id(
        Kind::Acknowledgement.info().id_prefix,
        &serde_json::json!({
            "plan_id": ack.plan_id,
            "provider": ack.provider,
            "acknowledged_by": ack.acknowledged_by,
            "acknowledgement_state": ack.state,
            "acknowledged_at": acknowledged_at,
        }),
    );
    Acknowledgement {
        schema_version: Kind::Acknowledgement.schema_version(),
        product: PRODUCT,
        acknowledgement_id,
        plan_id: ack.plan_id.to_owned(),
        provider: ack.provider.to_owned(),
        acknowledged_by: ack.acknowledged_by.to_owned(),
        acknowledgement_state: ack.state.to_owned(),
        acknowledged_at,
        external_ref: ack.external_ref.to_owned(),
        notes: ack.notes.to_owned(),
        escalation_reason: ack.escalation_reason.to_owned(),
    }
}

crate::document!(
    Acknowledgement, Kind::Acknowledgement,
    id: acknowledgement_id, at: acknowledged_at, by: acknowledged_by,
    counts: |_a| [1, 0, 0],
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::canon::sha256_hex;
    use crate::model::stored::Document;
    use crate::model::time::parse_ts;
    use crate::report::pick_state;

    #[test]
    fn states_are_normalised_defaulted_and_checked() {
        let pick = |raw| pick_state(raw, DEFAULT_ACK_STATE, &ACK_STATES, "acknowledgement state");
        for (raw, want) in [
            (None, "acknowledged"),
            (Some(""), "acknowledged"),
            (Some("  "), "acknowledged"),
            (Some("Accepted"), "accepted"),
            (Some(" RESOLVED "), "resolved"),
            (Some("dismissed"), "dismissed"),
        ] {
            assert_eq!(pick(raw).unwrap(), want, "{raw:?}");
        }
        for bad in ["closed", "acknowledge", "re-solved"] {
            let err = pick(Some(bad)).unwrap_err();
            assert_eq!(err.exit_code(), 3);
            assert!(
                err.to_string()
                    .contains("acknowledged, accepted, deferred, escalated, resolved, dismissed"),
                "{err}"
            );
        }
    }

    #[test]
    fn document_and_id() {
        let now = parse_ts("2026-06-01T10:00:00+02:00").unwrap();
        let ack = build(
            &NewAck {
                plan_id: "esc-1",
                provider: "slack_alerts",
                acknowledged_by: "sre-oncall",
                state: "accepted",
                external_ref: "INC-1",
                notes: "",
                escalation_reason: "",
            },
            now,
        );
        // acknowledged_at is now written in UTC with Z.
        assert_eq!(ack.acknowledged_at, "2026-06-01T08:00:00Z");
        // The id hashes the canonical JSON of exactly these five fields, keys sorted.
        let material = r#"{"acknowledged_at":"2026-06-01T08:00:00Z","acknowledged_by":"sre-oncall","acknowledgement_state":"accepted","plan_id":"esc-1","provider":"slack_alerts"}"#;
        assert_eq!(
            ack.acknowledgement_id,
            format!("gordackrecoveryescack-{}", &sha256_hex(material)[..16])
        );
        let keys = crate::report::keys_of(&ack);
        assert_eq!(
            keys,
            [
                "schema_version",
                "product",
                "acknowledgement_id",
                "plan_id",
                "provider",
                "acknowledged_by",
                "acknowledgement_state",
                "acknowledged_at",
                "external_ref",
                "notes",
                "escalation_reason"
            ]
        );
        let stored = ack.stored();
        assert_eq!(stored.signer, "sre-oncall");
        assert_eq!(stored.created_at, "2026-06-01T08:00:00Z");
        assert_eq!(
            (
                stored.decision_count,
                stored.blocked_count,
                stored.approval_required_count
            ),
            (1, 0, 0)
        );
    }
}
