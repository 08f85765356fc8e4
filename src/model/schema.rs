//! The reading schemas: a JSON Schema (draft 2020-12) for each record kind as cavra reads it
//! (§2.1), and one for the original system's store file.
//!
//! They are generated from the table the reader checks types with
//! ([`checked_fields`](super::record::checked_fields)), so a schema and the reader cannot
//! disagree on a field: a record of a known kind is valid against its kind's schema exactly
//! when `cavra check` finds no `types` or `schema-version` problem in it. What no JSON Schema
//! can say is left to `cavra check`: duplicate keys, the public-safe policy (§6), conflicts
//! between records, and JSON that is not strict RFC 8259. JSON Schema's `integer` also
//! accepts a number written with a zero fraction (`200.0`), which the reader does not.
//!
//! Each schema is self-contained (no `$ref`), so it can be embedded as it is: the store's
//! schema holds every kind's.

use serde_json::{Map, Value, json};

use super::kind::{KINDS, Kind};
use super::record::{FUTURE_VERSION_PATTERN, Ty, checked_fields};

/// The JSON Schema dialect of every schema cavra prints.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A timestamp cavra computes (§2.3): RFC 3339 in UTC with `Z`, fractional seconds only
/// when not zero (3, 6 or 9 digits).
pub const COMPUTED_TIME_PATTERN: &str =
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3}|\.[0-9]{6}|\.[0-9]{9})?Z$";

/// The id cavra derives for a kind (§2.4): its prefix and 16 hex digits.
pub fn id_pattern(kind: Kind) -> String {
    format!("^{}[0-9a-f]{{16}}$", kind.info().id_prefix)
}

/// A field that may be absent or null, else of `types` (§2.1: "a present, non-null field of
/// another type").
fn nullable(ty: &str) -> Value {
    json!({ "type": [ty, "null"] })
}

fn field_schema(ty: Ty) -> Value {
    match ty {
        Ty::Str => nullable("string"),
        Ty::Bool => nullable("boolean"),
        Ty::Strings => json!({ "type": ["array", "null"], "items": { "type": "string" } }),
        Ty::StatusCodes => json!({
            "type": ["array", "null"],
            "items": { "type": ["integer", "string", "null"] }
        }),
        Ty::Playbooks => json!({
            "type": ["array", "null"],
            "items": {
                "type": "object",
                "properties": {
                    "provider": nullable("string"),
                    "category": nullable("string"),
                    "failure_count": nullable("integer")
                }
            }
        }),
    }
}

/// The checked fields of a kind, on the item or on its nested document: its id field,
/// `session_id`, the fields of §2.1's table, and a `schema_version` that is not a later
/// version than `.v1` (such a record is ignored with a warning, not read).
fn fields(kind: Kind) -> Map<String, Value> {
    let info = kind.info();
    let mut props = Map::new();
    props.insert(
        "schema_version".to_owned(),
        json!({ "not": { "type": "string", "pattern": FUTURE_VERSION_PATTERN } }),
    );
    props.insert(info.id_field.to_owned(), nullable("string"));
    props.insert("session_id".to_owned(), nullable("string"));
    for &(field, ty) in checked_fields(kind) {
        props.insert(field.to_owned(), field_schema(ty));
    }
    props
}

/// A title for a kind's schemas, in words.
pub fn title(kind: Kind) -> &'static str {
    match kind {
        Kind::Execution => "Retry execution record",
        Kind::Playbook => "Connector recovery playbook",
        Kind::Closure => "Connector recovery closure",
        Kind::Report => "Retry recovery report",
        Kind::EscalationPlan => "Recovery escalation plan",
        Kind::Acknowledgement => "Recovery escalation acknowledgement",
        Kind::RetryPlan => "Recovery escalation delivery retry plan",
        Kind::ExecutiveReport => "Recovery executive report",
        Kind::ScheduleRun => "Recovery executive report schedule run",
        Kind::Delivery => "Connector delivery",
    }
}

/// The record schema of a kind, without `$schema` (embeddable).
fn record_body(kind: Kind) -> Value {
    let info = kind.info();
    let names: Vec<&str> = if kind == Kind::Delivery {
        vec![info.full]
    } else {
        vec![info.full, info.suffix]
    };
    let fields = fields(kind);
    let mut props = fields.clone();
    props.insert("metadata_kind".to_owned(), json!({ "enum": names }));
    let mut description = format!(
        "A {} record as cavra reads it (§2.1): a flat record or a stored item, with `metadata_kind` the full kind or its suffix. \
The checked fields ({}) must be of their type or null, ",
        title(kind).to_lowercase(),
        fields
            .keys()
            .filter(|k| *k != "schema_version")
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    if info.nested_key.is_empty() {
        description.push_str("on the record");
    } else {
        description.push_str(&format!(
            "on the item and on the document under `{}` when it holds an object",
            info.nested_key
        ));
        props.insert(
            info.nested_key.to_owned(),
            json!({ "properties": Value::Object(fields) }),
        );
    }
    description.push_str(
        "; a `schema_version` ending in `.v<digits>` other than `.v1` is a later version, not read. \
Other fields are not checked. Duplicate keys, the public-safe policy and conflicts are checked by `cavra check`, not here.",
    );
    json!({
        "title": format!("{} (record as read)", title(kind)),
        "description": description,
        "type": "object",
        "required": ["metadata_kind"],
        "properties": Value::Object(props),
    })
}

/// The reading schema of a kind.
pub fn record_schema(kind: Kind) -> Value {
    with_dialect(record_body(kind))
}

/// The schema of the original system's store file, `{"items": [...]}` (§2.1): each item of
/// a known kind must be valid against that kind's reading schema; other items are ignored.
pub fn store_schema() -> Value {
    let checks: Vec<Value> = KINDS
        .iter()
        .map(|info| {
            let names: Vec<&str> = if info.kind == Kind::Delivery {
                vec![info.full]
            } else {
                vec![info.full, info.suffix]
            };
            json!({
                "if": {
                    "type": "object",
                    "required": ["metadata_kind"],
                    "properties": { "metadata_kind": { "enum": names } }
                },
                "then": record_body(info.kind)
            })
        })
        .collect();
    with_dialect(json!({
        "title": "Evidence store file (the original system's evidence-metadata.json)",
        "description": "An object with an `items` array and no `metadata_kind` (absent, null or \"\"). \
    Each item whose `metadata_kind` names a known kind must be valid against that kind's reading schema; \
    any other item is ignored by cavra, never an error.",
        "type": "object",
        "required": ["items"],
        "properties": {
            "metadata_kind": { "enum": [null, ""] },
            "items": { "type": "array", "items": { "allOf": checks } }
        }
    }))
}

/// Puts `$schema` first.
fn with_dialect(body: Value) -> Value {
    let mut out = Map::new();
    out.insert("$schema".to_owned(), Value::from(DIALECT));
    if let Value::Object(m) = body {
        out.extend(m);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn future_version_pattern_matches_the_reader() {
        let re = regex::Regex::new(FUTURE_VERSION_PATTERN).unwrap();
        for v in [
            "cavra.evidence.metadata.v1",
            "x.v1",
            "x.v2",
            "x.v0",
            "x.v01",
            "x.v10",
            "x.v12",
            "x.v1.v3",
            "x.v3.v1",
            "x.vv2",
            "x.v",
            "x.v2x",
            "v2",
            "",
        ] {
            assert_eq!(
                re.is_match(v),
                super::super::record::is_future_version(v),
                "{v:?}"
            );
        }
    }

    #[test]
    fn nested_document_checked_only_for_kinds_with_one() {
        let s = record_schema(Kind::Closure);
        let nested = &s["properties"]["connector_recovery_closure"]["properties"];
        assert_eq!(nested["verification_refs"]["items"]["type"], "string");
        assert_eq!(s["properties"]["closure_id"]["type"][0], "string");
        let d = record_schema(Kind::Delivery);
        assert_eq!(
            d["properties"]["metadata_kind"]["enum"],
            json!(["release-connector-delivery"])
        );
        assert_eq!(d["properties"]["delivery_success"]["type"][0], "boolean");
    }
}
