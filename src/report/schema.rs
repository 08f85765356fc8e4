//! The JSON Schemas (draft 2020-12) `cavra schema` prints and `schemas/` holds: for every
//! record kind the schema of the record as cavra reads it ([`crate::model::schema`]), for
//! the store file, and for every kind cavra builds the schema of what it writes: the
//! document (stdout, HTTP) and its stored item (the file under the kind's folder, §2.5).
//!
//! The written schemas are generated with schemars from the very types that serialize the
//! documents (`#[derive(JsonSchema)]` beside `#[derive(Serialize)]`), with the fixed values
//! of the spec (schema_version, product, controls, id prefixes, computed timestamps, states)
//! added by [`document`]. They are strict: every field is required and no other field is
//! allowed, because cavra always writes every field.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};

use crate::model::kind::Kind;
use crate::model::schema::{DIALECT, record_schema, store_schema, title};
use crate::model::stored::{Document, StoredItem};

use super::ack::Acknowledgement;
use super::closure::Closure;
use super::escalation::EscalationPlan;
use super::executive::ExecutiveReport;
use super::retry::RetryRecoveryReport;
use super::retry_plan::RetryPlan;
use super::schedule::ScheduleRun;

/// What a schema describes: a record kind, or the original system's store file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Kind(Kind),
    Store,
}

impl Subject {
    /// Every subject, in the order of the spec's kind table, the store last.
    pub const ALL: [Subject; 11] = [
        Subject::Kind(Kind::Execution),
        Subject::Kind(Kind::Playbook),
        Subject::Kind(Kind::Closure),
        Subject::Kind(Kind::Report),
        Subject::Kind(Kind::EscalationPlan),
        Subject::Kind(Kind::Acknowledgement),
        Subject::Kind(Kind::RetryPlan),
        Subject::Kind(Kind::ExecutiveReport),
        Subject::Kind(Kind::ScheduleRun),
        Subject::Kind(Kind::Delivery),
        Subject::Store,
    ];

    /// The name `cavra schema` takes and the file is named after.
    pub fn name(self) -> &'static str {
        match self {
            Subject::Kind(Kind::Execution) => "execution",
            Subject::Kind(Kind::Playbook) => "playbook",
            Subject::Kind(Kind::Closure) => "closure",
            Subject::Kind(Kind::Report) => "report",
            Subject::Kind(Kind::EscalationPlan) => "escalation-plan",
            Subject::Kind(Kind::Acknowledgement) => "acknowledgement",
            Subject::Kind(Kind::RetryPlan) => "retry-plan",
            Subject::Kind(Kind::ExecutiveReport) => "executive-report",
            Subject::Kind(Kind::ScheduleRun) => "schedule-run",
            Subject::Kind(Kind::Delivery) => "delivery",
            Subject::Store => "store",
        }
    }

    /// The subject named `name`, exactly.
    pub fn from_name(name: &str) -> Option<Subject> {
        Subject::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The names of every subject (or of those cavra writes), for messages.
    pub fn names(written: bool) -> Vec<&'static str> {
        Subject::ALL
            .into_iter()
            .filter(|s| !written || s.is_written())
            .map(Subject::name)
            .collect()
    }

    pub fn title(self) -> &'static str {
        match self {
            Subject::Kind(k) => title(k),
            Subject::Store => "Evidence store file",
        }
    }

    /// The full `metadata_kind` ("" for the store).
    pub fn metadata_kind(self) -> &'static str {
        match self {
            Subject::Kind(k) => k.info().full,
            Subject::Store => "",
        }
    }

    /// The `metadata_kind` suffix (the whole name for deliveries; "" for the store).
    pub fn suffix(self) -> &'static str {
        match self {
            Subject::Kind(k) => k.info().suffix,
            Subject::Store => "",
        }
    }

    /// Whether cavra builds and writes documents of this kind.
    pub fn is_written(self) -> bool {
        matches!(
            self,
            Subject::Kind(
                Kind::Closure
                    | Kind::Report
                    | Kind::EscalationPlan
                    | Kind::Acknowledgement
                    | Kind::RetryPlan
                    | Kind::ExecutiveReport
                    | Kind::ScheduleRun
            )
        )
    }

    /// The file under `schemas/`: `<name>.schema.json`, or `<name>.written.schema.json`.
    pub fn file(self, written: bool) -> String {
        if written {
            format!("{}.written.schema.json", self.name())
        } else {
            format!("{}.schema.json", self.name())
        }
    }

    /// The reading schema, or the written one (`None` for a kind cavra does not write).
    pub fn schema(self, written: bool) -> Option<Value> {
        match (self, written) {
            (Subject::Store, false) => Some(store_schema()),
            (Subject::Kind(k), false) => Some(record_schema(k)),
            (Subject::Store, true) => None,
            (Subject::Kind(k), true) => match k {
                Kind::Closure => Some(written_schema::<Closure>()),
                Kind::Report => Some(written_schema::<RetryRecoveryReport>()),
                Kind::EscalationPlan => Some(written_schema::<EscalationPlan>()),
                Kind::Acknowledgement => Some(written_schema::<Acknowledgement>()),
                Kind::RetryPlan => Some(written_schema::<RetryPlan>()),
                Kind::ExecutiveReport => Some(written_schema::<ExecutiveReport>()),
                Kind::ScheduleRun => Some(written_schema::<ScheduleRun>()),
                Kind::Execution | Kind::Playbook | Kind::Delivery => None,
            },
        }
    }
}

/// The written schema of a document type: a stored item (`$defs/<Type>StoredItem`) or the
/// bare document (`$defs/<Type>`).
fn written_schema<D: Document + JsonSchema + 'static>() -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(RecursiveTransform(strict))
        .into_generator();
    let stored = generator.subschema_for::<StoredItem<'static, D>>();
    let document = generator.subschema_for::<D>();
    let defs = generator.take_definitions(true);
    let kind = D::KIND;
    json!({
        "$schema": DIALECT,
        "title": format!("{} (as cavra writes it)", title(kind)),
        "description": format!(
            "What cavra writes for a {}: the stored item of `{}/<id>.json` ({}), or the bare document it prints on stdout and in HTTP bodies ({}). Every field is required and no other field is allowed.",
            title(kind).to_lowercase(),
            kind.info().folder,
            stored.get("$ref").and_then(Value::as_str).unwrap_or_default(),
            document.get("$ref").and_then(Value::as_str).unwrap_or_default(),
        ),
        "oneOf": [stored, document],
        "$defs": defs,
    })
}

/// Every object with named properties is closed and requires them all: cavra writes every
/// field of its documents, `null` included, and nothing else.
fn strict(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let Some(names) = obj
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect::<Vec<_>>())
    else {
        return;
    };
    obj.entry("additionalProperties").or_insert(false.into());
    let required = obj
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = required {
        for name in names {
            if !list.iter().any(|v| v.as_str() == Some(name.as_str())) {
                list.push(name.into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::id_pattern;

    #[test]
    fn names_round_trip_and_written_kinds_have_written_schemas() {
        for s in Subject::ALL {
            assert_eq!(Subject::from_name(s.name()), Some(s));
            assert!(s.schema(false).is_some());
            assert_eq!(s.schema(true).is_some(), s.is_written(), "{}", s.name());
        }
        assert_eq!(Subject::from_name("Acknowledgement"), None);
        assert_eq!(Subject::names(true).len(), 7);
    }

    #[test]
    fn written_documents_are_closed_and_fixed() {
        let s = Subject::Kind(Kind::Acknowledgement).schema(true).unwrap();
        let doc = &s["$defs"]["Acknowledgement"];
        assert_eq!(doc["additionalProperties"], false);
        assert_eq!(
            doc["required"].as_array().unwrap().len(),
            doc["properties"].as_object().unwrap().len()
        );
        assert_eq!(
            doc["properties"]["schema_version"]["const"],
            Kind::Acknowledgement.schema_version()
        );
        let stored = &s["$defs"]["AcknowledgementStoredItem"];
        assert_eq!(
            stored["properties"]["recovery_escalation_acknowledgement"]["$ref"],
            "#/$defs/Acknowledgement"
        );
        // The report's stored item copies five fields with the document's own schemas.
        let r = Subject::Kind(Kind::Report).schema(true).unwrap();
        let item = &r["$defs"]["RetryRecoveryReportStoredItem"]["properties"];
        assert_eq!(
            item["alert_level"],
            r["$defs"]["RetryRecoveryReport"]["properties"]["alert_level"]
        );
        assert_eq!(item["report_id"]["pattern"], id_pattern(Kind::Report));
    }
}
