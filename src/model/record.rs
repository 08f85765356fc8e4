//! The typed view of one evidence record (§2.1–§2.3).
//!
//! [`classify`] decides what a top-level JSON value is (a known record, a store, something to
//! ignore), applies the reading rule (nested document first, then the item), checks the types
//! of exactly the fields the spec lists, and extracts the few normalised fields cavra needs.
//! It never touches the disk and never fails: every problem becomes a [`Problem`].

use super::canon::{canonical, sha256_hex};
use super::json::{Json, push_pointer};
use super::kind::{ESCALATION_DELIVERY_SOURCE, Kind};
use super::normalize::{norm, norm_or_unknown};
use super::time::{Ts, parse_ts};

/// What a top-level value is.
pub enum Classified<'a> {
    /// A known record of a kind.
    Record(RecordView<'a>),
    /// Not a record cavra knows (other kinds, plain objects, scalars, ...).
    Ignored,
    /// A known kind with a `schema_version` other than `.v1`: ignored with a warning.
    FutureVersion { pointer: String, version: String },
}

/// A known record: the item, its nested document (when it holds an object) and its kind.
#[derive(Clone, Copy)]
pub struct RecordView<'a> {
    pub kind: Kind,
    pub item: &'a Json<'a>,
    pub nested: Option<&'a Json<'a>>,
}

/// Whether an object is a store (`{"items": [...]}` without `metadata_kind`).
pub fn store_items<'a>(value: &'a Json<'a>) -> Option<&'a [Json<'a>]> {
    // A `metadata_kind` that is null or "" is missing, as for every string field (§2.1).
    match value.get("metadata_kind") {
        None | Some(Json::Null) => {}
        Some(Json::Str(s)) if s.is_empty() => {}
        Some(_) => return None,
    }
    value.get("items")?.as_arr()
}

/// Classifies one top-level value (a file's record, an array element, a store item or an
/// NDJSON line).
pub fn classify<'a>(value: &'a Json<'a>) -> Classified<'a> {
    let Some(name) = value.get("metadata_kind").and_then(Json::as_str) else {
        return Classified::Ignored;
    };
    let Some(kind) = Kind::from_metadata_kind(name) else {
        return Classified::Ignored;
    };
    let nested = match kind.info().nested_key {
        "" => None,
        key => value.get(key).filter(|v| v.as_obj().is_some()),
    };
    for (doc, in_nested) in [(Some(value), false), (nested, true)] {
        if let Some(version) = doc
            .and_then(|d| d.get("schema_version"))
            .and_then(Json::as_str)
            && is_future_version(version)
        {
            let prefix = if in_nested {
                nested_pointer(kind)
            } else {
                String::new()
            };
            return Classified::FutureVersion {
                pointer: format!("{prefix}/schema_version"),
                version: version.to_owned(),
            };
        }
    }
    Classified::Record(RecordView {
        kind,
        item: value,
        nested,
    })
}

fn nested_pointer(kind: Kind) -> String {
    let mut p = String::new();
    push_pointer(&mut p, kind.info().nested_key);
    p
}

/// `schema_version` ends in `.v<digits>` other than `.v1` (the reading schemas say the same
/// with [`FUTURE_VERSION_PATTERN`]).
pub(crate) fn is_future_version(version: &str) -> bool {
    match version.rfind(".v") {
        Some(at) => {
            let digits = &version[at + 2..];
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && digits != "1"
        }
        None => false,
    }
}

/// A regular expression matching exactly the `schema_version`s of [`is_future_version`]:
/// `.v` then digits other than exactly `1`, at the end.
pub(crate) const FUTURE_VERSION_PATTERN: &str = r"\.v(0|[2-9]|1[0-9])[0-9]*$";

/// The type a checked field must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    Str,
    Bool,
    Strings,
    /// `status_codes`: integers, strings or null.
    StatusCodes,
    /// `provider_playbooks`: objects with optional `provider`/`category` strings and
    /// `failure_count` integer.
    Playbooks,
}

/// The fields whose type §2.1 checks for a kind (besides its id field and `session_id`):
/// the one table behind both [`RecordView::type_errors`] and the reading schemas
/// (`crate::model::schema`).
pub(crate) fn checked_fields(kind: Kind) -> &'static [(&'static str, Ty)] {
    use Ty::*;
    match kind {
        Kind::Execution => &[
            ("provider", Str),
            ("execution_status", Str),
            ("executed_at", Str),
            ("created_at", Str),
            ("approval_decision_id", Str),
            ("run_id", Str),
            ("delivery_success", Bool),
        ],
        Kind::Playbook => &[
            ("generated_at", Str),
            ("created_at", Str),
            ("provider_playbooks", Playbooks),
        ],
        Kind::Closure => &[
            ("playbook_id", Str),
            ("provider", Str),
            ("closure_state", Str),
            ("closed_at", Str),
            ("created_at", Str),
            ("verification_refs", Strings),
        ],
        Kind::Acknowledgement => &[
            ("plan_id", Str),
            ("provider", Str),
            ("acknowledgement_state", Str),
        ],
        Kind::EscalationPlan => &[("selected_providers", Strings)],
        Kind::Delivery => &[
            ("delivery_id", Str),
            ("connector_delivery_source", Str),
            ("plan_id", Str),
            ("event_id", Str),
            ("created_at", Str),
            ("providers", Strings),
            ("failed_providers", Strings),
            ("delivery_success", Bool),
            ("status_codes", StatusCodes),
        ],
        Kind::Report | Kind::RetryPlan | Kind::ExecutiveReport | Kind::ScheduleRun => &[],
    }
}

/// A field of the wrong type: the JSON pointer and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    pub pointer: String,
    pub message: String,
}

fn is_int(v: &Json) -> bool {
    matches!(v, Json::Num(n) if !n.is_f64())
}

impl<'a> RecordView<'a> {
    /// Every field of the wrong type, on the nested document and on the item (§2.1 "Types").
    pub fn type_errors(&self) -> Vec<TypeError> {
        let mut out = Vec::new();
        let info = self.kind.info();
        let mut fields: Vec<(&str, Ty)> = vec![(info.id_field, Ty::Str)];
        if info.id_field != "session_id" {
            fields.push(("session_id", Ty::Str));
        }
        fields.extend_from_slice(checked_fields(self.kind));
        for (doc, in_nested) in [(self.nested, true), (Some(self.item), false)] {
            let Some(doc) = doc else { continue };
            for &(field, ty) in &fields {
                if let Some(v) = doc.get(field) {
                    // The pointer is only built when a field is wrong.
                    let pointer = || {
                        let mut p = if in_nested {
                            nested_pointer(self.kind)
                        } else {
                            String::new()
                        };
                        push_pointer(&mut p, field);
                        p
                    };
                    check_type(v, ty, field, &pointer, &mut out);
                }
            }
        }
        out
    }

    /// A raw field by the reading rule: the nested document's value unless it is missing,
    /// else the item's. `missing` decides what counts as missing for this field's type.
    fn raw(&self, field: &str) -> Option<&'a Json<'a>> {
        let present = |v: &&Json| match v {
            Json::Null => false,
            Json::Str(s) => !s.is_empty(),
            _ => true,
        };
        self.nested
            .and_then(|n| n.get(field))
            .filter(present)
            .or_else(|| self.item.get(field).filter(present))
    }

    /// A string field by the reading rule (`None` when missing: absent, null or "").
    pub fn str(&self, field: &str) -> Option<&'a str> {
        let from = |doc: Option<&'a Json>| {
            doc.and_then(|d| d.get(field))
                .and_then(Json::as_str)
                .filter(|s| !s.is_empty())
        };
        from(self.nested).or_else(|| from(Some(self.item)))
    }

    /// A boolean field by the reading rule.
    pub fn bool(&self, field: &str) -> Option<bool> {
        let from = |doc: Option<&Json>| match doc.and_then(|d| d.get(field)) {
            Some(Json::Bool(b)) => Some(*b),
            _ => None,
        };
        from(self.nested).or_else(|| from(Some(self.item)))
    }

    /// An array field by the reading rule.
    pub fn arr(&self, field: &str) -> Option<&'a [Json<'a>]> {
        let from = |doc: Option<&'a Json>| doc.and_then(|d| d.get(field)).and_then(Json::as_arr);
        from(self.nested).or_else(|| from(Some(self.item)))
    }

    /// Any field by the reading rule (nested first unless missing), untyped.
    pub fn any(&self, field: &str) -> Option<&'a Json<'a>> {
        self.raw(field)
    }

    /// The record's id: its id field, else `session_id`, else the derived id (§2.1).
    pub fn id(&self) -> String {
        let info = self.kind.info();
        if let Some(id) = self.str(info.id_field).or_else(|| self.str("session_id")) {
            return id.to_owned();
        }
        self.derived_id()
    }

    /// The kind's prefix + 16 hex digits of SHA-256 over the canonical JSON of the whole
    /// record with `metadata_kind` written in full.
    pub fn derived_id(&self) -> String {
        let info = self.kind.info();
        let mut whole = self.item.clone();
        if let Json::Obj(entries) = &mut whole {
            for (k, v) in entries.iter_mut() {
                if k == "metadata_kind" {
                    *v = Json::str(info.full);
                }
            }
        }
        let hex = sha256_hex(&canonical(&whole.to_value()));
        format!("{}{}", info.id_prefix, &hex[..16])
    }

    /// The timestamp text of a time field, falling back to `created_at` (§3), and its instant.
    ///
    /// The fallback is the record's `created_at` by the reading rule (a playbook's "its
    /// `created_at`", §3.3).
    pub fn time_or_created(&self, field: &str) -> (String, Option<Ts>) {
        let text = self
            .str(field)
            .or_else(|| self.str("created_at"))
            .unwrap_or("");
        (text.to_owned(), parse_ts(text))
    }

    /// A time field, falling back to the item's own `created_at` (the envelope's, not the
    /// nested document's): §3.1 and §3.2 say "else the item's `created_at`" for executions
    /// and closures.
    pub fn time_or_item_created(&self, field: &str) -> (String, Option<Ts>) {
        let text = self
            .str(field)
            .or_else(|| {
                self.item
                    .get("created_at")
                    .and_then(Json::as_str)
                    .filter(|s| !s.is_empty())
            })
            .unwrap_or("");
        (text.to_owned(), parse_ts(text))
    }

    /// A normalised provider, `unknown` when missing or blank.
    pub fn provider(&self) -> String {
        norm_or_unknown(self.str("provider"))
    }

    /// Whether this delivery is an escalation delivery (§2.1).
    pub fn is_escalation_delivery(&self) -> bool {
        self.kind == Kind::Delivery
            && self.str("connector_delivery_source") == Some(ESCALATION_DELIVERY_SOURCE)
    }
}

fn check_type(
    v: &Json,
    ty: Ty,
    field: &str,
    pointer: &dyn Fn() -> String,
    out: &mut Vec<TypeError>,
) {
    if v.is_null() {
        return;
    }
    let want = match ty {
        Ty::Str => "a string",
        Ty::Bool => "a boolean",
        Ty::Strings => "an array of strings",
        Ty::StatusCodes => "an array of integers, strings or null",
        Ty::Playbooks => "an array of objects",
    };
    let ok = match ty {
        Ty::Str => v.as_str().is_some(),
        Ty::Bool => matches!(v, Json::Bool(_)),
        Ty::Strings | Ty::StatusCodes | Ty::Playbooks => v.as_arr().is_some(),
    };
    if !ok {
        out.push(TypeError {
            message: format!("`{field}` must be {want}, found {}", v.type_name()),
            pointer: pointer(),
        });
        return;
    }
    let Some(items) = v.as_arr() else { return };
    for (i, item) in items.iter().enumerate() {
        let p = || format!("{}/{i}", pointer());
        match ty {
            Ty::Strings if item.as_str().is_none() => out.push(TypeError {
                message: format!("`{field}` must hold strings, found {}", item.type_name()),
                pointer: p(),
            }),
            Ty::StatusCodes if !(item.is_null() || item.as_str().is_some() || is_int(item)) => out
                .push(TypeError {
                    message: format!(
                        "`{field}` must hold integers, strings or null, found {}",
                        item.type_name()
                    ),
                    pointer: p(),
                }),
            Ty::Playbooks => match item {
                Json::Obj(_) => {
                    for (sub, sub_ty) in [("provider", 0), ("category", 0), ("failure_count", 1)] {
                        let Some(sv) = item.get(sub) else { continue };
                        let ok = sv.is_null()
                            || if sub_ty == 0 {
                                sv.as_str().is_some()
                            } else {
                                is_int(sv)
                            };
                        if !ok {
                            let mut sp = p();
                            push_pointer(&mut sp, sub);
                            let want = if sub_ty == 0 {
                                "a string"
                            } else {
                                "an integer"
                            };
                            out.push(TypeError {
                                message: format!(
                                    "`{field}[{i}].{sub}` must be {want}, found {}",
                                    sv.type_name()
                                ),
                                pointer: sp,
                            });
                        }
                    }
                }
                _ => out.push(TypeError {
                    message: format!("`{field}` must hold objects, found {}", item.type_name()),
                    pointer: p(),
                }),
            },
            _ => {}
        }
    }
}

/// The normalised, non-blank, de-duplicated providers of a string array, in order.
pub fn providers_of(items: &[Json]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in items.iter().filter_map(Json::as_str) {
        let p = norm(s);
        if !p.is_empty() && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::parse;

    fn view(text: &str) -> Json<'_> {
        parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn reading_rule_prefers_nested_then_item() {
        let v = view(
            r#"{"metadata_kind":"retry-execution-record","provider":"Jira","created_at":"2026-01-01",
               "retry_execution_record":{"provider":"","execution_status":"Failed","executed_at":null}}"#,
        );
        let Classified::Record(r) = classify(&v) else {
            panic!()
        };
        assert_eq!(r.kind, Kind::Execution);
        assert_eq!(
            r.provider(),
            "jira",
            "empty nested string falls back to the item"
        );
        assert_eq!(r.str("execution_status"), Some("Failed"));
        assert_eq!(r.time_or_created("executed_at").0, "2026-01-01");
        assert_eq!(r.time_or_item_created("executed_at").0, "2026-01-01");
        assert!(r.type_errors().is_empty());
    }

    #[test]
    fn executions_and_closures_fall_back_to_the_items_created_at() {
        // The nested document's created_at is not the item's: §3.1 and §3.2 name the item's.
        let v = view(
            r#"{"metadata_kind":"connector-recovery-closure","created_at":"2026-01-02",
               "connector_recovery_closure":{"created_at":"2026-01-01"}}"#,
        );
        let Classified::Record(r) = classify(&v) else {
            panic!()
        };
        assert_eq!(r.time_or_item_created("closed_at").0, "2026-01-02");
        assert_eq!(
            r.time_or_created("generated_at").0,
            "2026-01-01",
            "a playbook's own"
        );
        let v = view(
            r#"{"metadata_kind":"connector-recovery-closure",
               "connector_recovery_closure":{"created_at":"2026-01-01"}}"#,
        );
        let Classified::Record(r) = classify(&v) else {
            panic!()
        };
        assert_eq!(
            r.time_or_item_created("closed_at").0,
            "",
            "no item created_at: unknown"
        );
    }

    #[test]
    fn nested_key_that_is_not_an_object_is_ignored() {
        let v = view(
            r#"{"metadata_kind":"retry-execution-record","retry_execution_record":"x","provider":"a"}"#,
        );
        let Classified::Record(r) = classify(&v) else {
            panic!()
        };
        assert!(r.nested.is_none());
        assert_eq!(r.provider(), "a");
    }

    #[test]
    fn ignored_values() {
        for text in [
            r#"{"metadata_kind":"managed-endpoint-rollout"}"#,
            r#"{"metadata_kind":"Retry-Execution-Record"}"#,
            r#"{"metadata_kind":3}"#,
            r#"{"a":1}"#,
            r#"["a"]"#,
            "3",
        ] {
            assert!(
                matches!(classify(&view(text)), Classified::Ignored),
                "{text}"
            );
        }
    }

    #[test]
    fn future_schema_versions() {
        let v = view(
            r#"{"metadata_kind":"retry-execution-record","schema_version":"cavra.evidence.metadata.v2"}"#,
        );
        assert!(matches!(classify(&v), Classified::FutureVersion { .. }));
        let v = view(
            r#"{"metadata_kind":"retry-execution-record","retry_execution_record":{"schema_version":"x.v10"}}"#,
        );
        match classify(&v) {
            Classified::FutureVersion { pointer, .. } => {
                assert_eq!(pointer, "/retry_execution_record/schema_version")
            }
            _ => panic!(),
        }
        for ok in ["cavra.evidence.metadata.v1", "x.v", "x.vx", "v2", "x.v1"] {
            assert!(!is_future_version(ok), "{ok}");
        }
        assert!(is_future_version("x.v01"));
    }

    #[test]
    fn type_errors_name_the_pointer() {
        let v = view(
            r#"{"metadata_kind":"connector-recovery-playbook","playbook_id":7,
               "connector_recovery_playbook":{"provider_playbooks":[{"provider":"a","failure_count":1.5},"x"],
               "generated_at":""},"created_at":true}"#,
        );
        let Classified::Record(r) = classify(&v) else {
            panic!()
        };
        let errs: Vec<_> = r.type_errors().into_iter().map(|e| e.pointer).collect();
        assert_eq!(
            errs,
            [
                "/connector_recovery_playbook/provider_playbooks/0/failure_count",
                "/connector_recovery_playbook/provider_playbooks/1",
                "/playbook_id",
                "/created_at",
            ]
        );
    }

    #[test]
    fn empty_string_in_non_string_field_is_a_type_error() {
        let v = view(
            r#"{"metadata_kind":"release-connector-delivery","delivery_success":"","status_codes":[1,"2",null,1.5]}"#,
        );
        let Classified::Record(r) = classify(&v) else {
            panic!()
        };
        let errs: Vec<_> = r.type_errors().into_iter().map(|e| e.pointer).collect();
        assert_eq!(errs, ["/delivery_success", "/status_codes/3"]);
    }

    #[test]
    fn ids() {
        let v = view(
            r#"{"metadata_kind":"retry-execution-record","session_id":"s-1","execution_id":""}"#,
        );
        let Classified::Record(r) = classify(&v) else {
            panic!()
        };
        assert_eq!(r.id(), "s-1");
        // A record with neither id field nor session_id gets prefix + 16 hex digits over the
        // canonical JSON with the kind in full; the bare-suffix and full-kind spellings of the
        // same record therefore get the same id.
        let a = view(r#"{"metadata_kind":"retry-execution-record","provider":"x"}"#);
        let b = view(
            r#"{"provider":"x","metadata_kind":"go-backend-rollback-drill-acknowledgement-audit-delivery-retry-execution-record"}"#,
        );
        let (Classified::Record(ra), Classified::Record(rb)) = (classify(&a), classify(&b)) else {
            panic!()
        };
        let expected = format!(
            "gordackretryexec-{}",
            &sha256_hex(
                r#"{"metadata_kind":"go-backend-rollback-drill-acknowledgement-audit-delivery-retry-execution-record","provider":"x"}"#
            )[..16]
        );
        assert_eq!(ra.id(), expected);
        assert_eq!(rb.id(), expected);
    }

    #[test]
    fn providers_are_normalised_and_unique() {
        let v = view(r#"["servicenow","PagerDuty"," pagerduty ","","  ","Slack-Alerts"]"#);
        assert_eq!(
            providers_of(v.as_arr().unwrap()),
            ["servicenow", "pagerduty", "slack_alerts"]
        );
    }
}
