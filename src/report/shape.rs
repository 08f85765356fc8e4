//! The pieces of the written schemas that the document types name in their
//! `#[schemars(...)]` attributes: the fixed values of a document (§2.5), the alert levels, the
//! recorded status codes. Apart from [`super::schema`], which gathers the documents' schemas,
//! so that the documents do not import what imports them.

use schemars::Schema;
use schemars::transform::Transform;
use serde_json::{Value, json};

use crate::model::kind::Kind;
use crate::model::schema::{COMPUTED_TIME_PATTERN, id_pattern};
use crate::model::stored::PRODUCT;

/// The alert levels of every derived document.
pub const ALERT_LEVELS: [&str; 3] = ["critical", "warning", "healthy"];

/// Declares a document cavra generates (§3–§4.5): its derives, the schema transform of its
/// fixed values, and the six fields every such document begins with, in the spec's order
/// (`schema_version`, `product`, its id, `generated_at`, `generated_by`, `alert_level`),
/// followed by its own fields.
macro_rules! generated_document {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident ($kind:expr, id: $id:ident, controls: $controls:expr) {
            $($fields:tt)*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
        #[schemars(transform = $crate::report::shape::document($kind, "generated_at", Some($controls)))]
        pub struct $name {
            pub schema_version: String,
            pub product: &'static str,
            pub $id: String,
            pub generated_at: String,
            pub generated_by: String,
            #[schemars(extend("enum" = $crate::report::shape::ALERT_LEVELS))]
            pub alert_level: &'static str,
            $($fields)*
        }
    };
}
pub(crate) use generated_document;

/// The fixed values of a document of `kind` (§2.5): its `schema_version`, `product`, its id
/// (prefix and 16 hex digits), its time field (a computed timestamp) and its `controls`
/// (appendix A; `None` when the kind has none).
pub fn document(
    kind: Kind,
    time_field: &'static str,
    controls: Option<&'static [&'static str]>,
) -> impl Transform {
    move |schema: &mut Schema| {
        let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
            return;
        };
        props.insert(
            "schema_version".to_owned(),
            json!({ "const": kind.schema_version() }),
        );
        props.insert("product".to_owned(), json!({ "const": PRODUCT }));
        props.insert(
            kind.info().id_field.to_owned(),
            json!({ "type": "string", "pattern": id_pattern(kind) }),
        );
        props.insert(
            time_field.to_owned(),
            json!({ "type": "string", "pattern": COMPUTED_TIME_PATTERN }),
        );
        if let Some(controls) = controls {
            props.insert("controls".to_owned(), json!({ "const": controls }));
        }
    }
}

/// The schema of `failed_status_codes` (§4.4): the latest delivery's `status_codes` as
/// recorded, which the reader has checked (§2.1).
pub fn status_codes(_: &mut schemars::SchemaGenerator) -> Schema {
    schemars::json_schema!({
        "type": "array",
        "items": { "type": ["integer", "string", "null"] }
    })
}
