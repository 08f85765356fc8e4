//! The stored item of §2.5: the envelope cavra writes around every document it records.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::kind::Kind;

/// `product` of every document and stored item.
pub const PRODUCT: &str = "CAVRA";

/// `schema_version` of every stored item.
pub const STORED_SCHEMA: &str = "cavra.evidence.metadata.v1";

/// A stored item: envelope fields in the spec's order, copied fields, then the document under
/// the kind's nested key.
pub struct StoredItem<'a, D: Serialize> {
    pub kind: Kind,
    pub id: &'a str,
    pub created_at: &'a str,
    pub signer: &'a str,
    pub decision_count: u64,
    pub blocked_count: u64,
    pub approval_required_count: u64,
    /// Copied fields (only the report has them).
    pub copied: Vec<(&'static str, Value)>,
    pub document: &'a D,
}

impl<D: Serialize> Serialize for StoredItem<'_, D> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(10 + self.copied.len()))?;
        m.serialize_entry("schema_version", STORED_SCHEMA)?;
        m.serialize_entry("product", PRODUCT)?;
        m.serialize_entry("session_id", self.id)?;
        m.serialize_entry("created_at", self.created_at)?;
        m.serialize_entry("signer", self.signer)?;
        m.serialize_entry("decision_count", &self.decision_count)?;
        m.serialize_entry("blocked_count", &self.blocked_count)?;
        m.serialize_entry("approval_required_count", &self.approval_required_count)?;
        m.serialize_entry("metadata_kind", self.kind.info().full)?;
        for (k, v) in &self.copied {
            m.serialize_entry(k, v)?;
        }
        m.serialize_entry(self.kind.info().nested_key, self.document)?;
        m.end()
    }
}

/// The schema of a stored item as cavra writes it: every envelope field in order, the copied
/// fields with the document's own schemas for them, the document under the nested key, and
/// nothing else. Written by hand because [`Serialize`] is.
impl<D: Document + JsonSchema> JsonSchema for StoredItem<'_, D> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}StoredItem", D::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let info = D::KIND.info();
        let document = D::json_schema(generator);
        let count = || json_schema!({ "type": "integer", "minimum": 0 });
        let mut props: Vec<(&str, Schema)> = vec![
            ("schema_version", json_schema!({ "const": STORED_SCHEMA })),
            ("product", json_schema!({ "const": PRODUCT })),
            (
                "session_id",
                json_schema!({ "type": "string", "pattern": crate::model::schema::id_pattern(D::KIND) }),
            ),
            (
                "created_at",
                json_schema!({ "type": "string", "pattern": crate::model::schema::COMPUTED_TIME_PATTERN }),
            ),
            ("signer", json_schema!({ "type": "string" })),
            ("decision_count", count()),
            ("blocked_count", count()),
            ("approval_required_count", count()),
            ("metadata_kind", json_schema!({ "const": info.full })),
        ];
        for name in D::COPIED {
            let copied = document
                .get("properties")
                .and_then(|p| p.get(*name))
                .cloned()
                .and_then(|v| Schema::try_from(v).ok())
                .unwrap_or_else(|| {
                    // A copied field is a field of the document: the derive always lists it.
                    json_schema!({ "not": {} })
                });
            props.push((name, copied));
        }
        props.push((info.nested_key, generator.subschema_for::<D>()));
        let required: Vec<Value> = props.iter().map(|(k, _)| Value::from(*k)).collect();
        let properties: Map<String, Value> = props
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_value()))
            .collect();
        json_schema!({
            "title": format!("{} stored item", crate::model::schema::title(D::KIND)),
            "description": format!(
                "The stored item cavra writes under {}/ (§2.5): the envelope, then the document under `{}`.",
                info.folder, info.nested_key
            ),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        })
    }
}

/// Pretty JSON as cavra writes it: 2-space indent, trailing newline. A value that cannot be
/// written (never one of cavra's own documents) is an internal error, never empty text.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::internal(format!("a document could not be written as JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// A document cavra builds and records (§2.5): its kind, its id and its stored item.
pub trait Document: Serialize + Sized {
    /// The kind it is recorded as (folder, nested key, metadata_kind).
    const KIND: Kind;

    /// The document's id (also its file name).
    fn id(&self) -> &str;

    /// The stored item the recording commands write.
    fn stored(&self) -> StoredItem<'_, Self>;

    /// The names of the fields its stored item copies from it, in order (§3: only the
    /// report has them).
    const COPIED: &'static [&'static str] = &[];
}

/// Implements [`Document`] for a document type: its kind, its id field, the fields its stored
/// item takes `created_at` and `signer` from, and its three counts (decision, blocked,
/// approval_required) computed from `$d` (the document); `copied` adds copied fields, each
/// `"name" => value`.
#[macro_export]
macro_rules! document {
    (
        $ty:ty, $kind:expr, id: $id:ident, at: $at:ident, by: $by:ident,
        counts: |$d:ident| $counts:expr
        $(, copied: [$($name:literal => $value:expr),* $(,)?])? $(,)?
    ) => {
        impl $crate::model::stored::Document for $ty {
            const KIND: $crate::model::kind::Kind = $kind;

            const COPIED: &'static [&'static str] = &[$($($name),*)?];

            fn id(&self) -> &str {
                &self.$id
            }

            fn stored(&self) -> $crate::model::stored::StoredItem<'_, Self> {
                let $d = self;
                let [decision_count, blocked_count, approval_required_count]: [u64; 3] = $counts;
                $crate::model::stored::StoredItem {
                    kind: $kind,
                    id: &self.$id,
                    created_at: &self.$at,
                    signer: &self.$by,
                    decision_count,
                    blocked_count,
                    approval_required_count,
                    copied: vec![$($(($name, $value)),*)?],
                    document: self,
                }
            }
        }
    };
}
