//! The tables of `cavra export`: one per record kind, their typed columns, and the mapping of
//! one valid record to its rows. Pure: no I/O (the store writes the files).
//!
//! Values are the ones cavra reads (§2.1 reading rule, §2.3 normalisation): providers and
//! states are normalised, a time field that falls back (an execution's `executed_at`, else
//! the item's `created_at`) holds the value cavra uses, ids are record ids (§2.1). Every
//! timestamp is four columns, so that SQL engines can order and subtract instants exactly
//! without engine-specific functions: `<f>` (a UTC timestamp, microseconds), `<f>_text` (as
//! written, "" when missing), `<f>_unix_s` (whole seconds since the epoch, floored) and
//! `<f>_nanos` (nanoseconds within that second); the last three are null when the text is
//! not a timestamp of §2.3. Lists are lists; nested documents that no report reads
//! (escalation routes, retry decisions, summaries) are JSON text.

use super::json::Json;
use super::kind::Kind;
use super::normalize::{category_of, norm, norm_or_unknown};
use super::record::RecordView;
use super::time::{Ts, parse_ts};

/// The type of a logical column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// A string, never null ("" when missing).
    Text,
    /// A string or null.
    OptText,
    /// A 64-bit integer, never null.
    Int,
    /// A 64-bit integer or null (missing, not an integer, or outside the 64-bit range).
    OptInt,
    /// A boolean or null.
    OptBool,
    /// A timestamp: four physical columns (see the module documentation).
    Time,
    /// A list of strings (never null; `[]` when missing).
    Texts,
    /// `status_codes`: a list of strings or nulls (integers written in decimal).
    Codes,
    /// A JSON value as compact text (keys sorted), or null when missing.
    JsonText,
}

/// A logical column.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub ty: Ty,
}

const fn c(name: &'static str, ty: Ty) -> Col {
    Col { name, ty }
}

/// One table of the export.
#[derive(Debug)]
pub struct Table {
    /// The table (and file) name.
    pub name: &'static str,
    pub kind: Kind,
    pub columns: &'static [Col],
}

use Ty::*;

/// Every table, in the order of §2.1's kinds (executions first).
pub const TABLES: [Table; 10] = [
    Table {
        name: "executions",
        kind: Kind::Execution,
        columns: &[
            c("execution_id", Text),
            c("provider", Text),
            c("execution_status", Text),
            c("executed_at", Time),
            c("delivery_success", OptBool),
            c("approval_decision_id", Text),
            c("run_id", Text),
            c("retry_plan_id", Text),
            c("delivery_id", Text),
            c("executed_by", Text),
            c("skipped", Text),
            c("selected_providers", Texts),
        ],
    },
    Table {
        name: "playbooks",
        kind: Kind::Playbook,
        columns: &[
            c("playbook_id", Text),
            c("entry_index", Int),
            c("provider", Text),
            c("category", Text),
            c("failure_count", OptInt),
            c("generated_at", Time),
            c("generated_by", Text),
            c("alert_level", Text),
        ],
    },
    Table {
        name: "closures",
        kind: Kind::Closure,
        columns: &[
            c("closure_id", Text),
            c("playbook_id", Text),
            c("provider", Text),
            c("closure_state", OptText),
            c("closed_at", Time),
            c("closed_by", Text),
            c("external_ref", Text),
            c("verification_refs", Texts),
        ],
    },
    Table {
        name: "recovery_reports",
        kind: Kind::Report,
        columns: &[
            c("report_id", Text),
            c("generated_at", Time),
            c("generated_by", Text),
            c("alert_level", Text),
            c("recovery_slo_minutes", OptInt),
            c("execution_count", OptInt),
            c("execution_failed_count", OptInt),
            c("recovery_open_count", OptInt),
            c("recovery_slo_breached_count", OptInt),
        ],
    },
    Table {
        name: "escalation_plans",
        kind: Kind::EscalationPlan,
        columns: &[
            c("plan_id", Text),
            c("generated_at", Time),
            c("generated_by", Text),
            c("alert_level", Text),
            c("recovery_slo_minutes", OptInt),
            c("recovery_report_id", Text),
            c("escalation_count", OptInt),
            c("critical_escalation_count", OptInt),
            c("selected_providers", Texts),
            c("escalation_routes", JsonText),
        ],
    },
    Table {
        name: "acknowledgements",
        kind: Kind::Acknowledgement,
        columns: &[
            c("acknowledgement_id", Text),
            c("plan_id", Text),
            c("provider", Text),
            c("acknowledgement_state", Text),
            c("acknowledged_by", Text),
            c("acknowledged_at", Time),
            c("external_ref", Text),
            c("escalation_reason", Text),
        ],
    },
    Table {
        name: "retry_plans",
        kind: Kind::RetryPlan,
        columns: &[
            c("retry_plan_id", Text),
            c("generated_at", Time),
            c("generated_by", Text),
            c("alert_level", Text),
            c("decision_count", OptInt),
            c("retryable_count", OptInt),
            c("waiting_count", OptInt),
            c("suppressed_count", OptInt),
            c("max_retry_attempts", OptInt),
            c("base_retry_delay_minutes", OptInt),
            c("retry_decisions", JsonText),
        ],
    },
    Table {
        name: "executive_reports",
        kind: Kind::ExecutiveReport,
        columns: &[
            c("executive_report_id", Text),
            c("generated_at", Time),
            c("generated_by", Text),
            c("alert_level", Text),
            c("recovery_slo_minutes", OptInt),
            c("recovery_report_id", Text),
            c("escalation_plan_id", Text),
            c("executive_summary", JsonText),
            c("key_risks", JsonText),
        ],
    },
    Table {
        name: "schedule_runs",
        kind: Kind::ScheduleRun,
        columns: &[
            c("run_id", Text),
            c("generated_at", Time),
            c("generated_by", Text),
            c("alert_level", Text),
            c("interval_minutes", OptInt),
            c("window_start", Time),
            c("window_end", Time),
            c("enabled", OptBool),
            c("cadence", Text),
            c("summary", JsonText),
        ],
    },
    Table {
        name: "escalation_deliveries",
        kind: Kind::Delivery,
        columns: &[
            c("delivery_record_id", Text),
            c("session_id", Text),
            c("delivery_id", Text),
            c("plan_id", Text),
            c("providers", Texts),
            c("failed_providers", Texts),
            c("delivery_success", OptBool),
            c("status_codes", Codes),
            c("created_at", Time),
        ],
    },
];

/// The table of a kind.
pub fn table_of(kind: Kind) -> &'static Table {
    // TABLES lists every kind once (a unit test checks it).
    TABLES.iter().find(|t| t.kind == kind).unwrap_or(&TABLES[0])
}

/// A timestamp value: the text as written and its instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Time {
    pub text: String,
    pub at: Option<Ts>,
}

impl Time {
    fn of(text: &str) -> Time {
        Time {
            text: text.to_owned(),
            at: parse_ts(text),
        }
    }
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
    OptBool(Option<bool>),
    Time(Time),
    Texts(Vec<String>),
    Codes(Vec<Option<String>>),
    JsonText(Option<String>),
}

/// A row: one cell per column of its table, in order.
pub type Row = Vec<Cell>;

fn text(v: &RecordView<'_>, field: &str) -> Cell {
    Cell::Text(v.str(field).unwrap_or("").to_owned())
}

fn int_of(value: Option<&Json<'_>>) -> Option<i64> {
    match value {
        Some(Json::Num(n)) => n.as_i64(),
        _ => None,
    }
}

fn opt_int(v: &RecordView<'_>, field: &str) -> Cell {
    Cell::OptInt(int_of(v.any(field)))
}

fn opt_bool(v: &RecordView<'_>, field: &str) -> Cell {
    Cell::OptBool(v.bool(field))
}

fn time(v: &RecordView<'_>, field: &str) -> Cell {
    Cell::Time(Time::of(v.str(field).unwrap_or("")))
}

fn strings(v: &RecordView<'_>, field: &str) -> Vec<String> {
    v.arr(field)
        .unwrap_or(&[])
        .iter()
        .filter_map(Json::as_str)
        .map(str::to_owned)
        .collect()
}

/// Normalised providers as listed (blank entries dropped; order and repeats kept).
fn providers(v: &RecordView<'_>, field: &str) -> Cell {
    Cell::Texts(
        strings(v, field)
            .iter()
            .map(|s| norm(s))
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

fn json_text(v: &RecordView<'_>, field: &str) -> Cell {
    Cell::JsonText(v.any(field).map(|j| j.to_value().to_string()))
}

/// The rows of one valid record (a playbook has one per provider playbook; a connector
/// delivery that is not an escalation delivery has none).
pub fn rows(view: &RecordView<'_>, id: &str) -> Vec<Row> {
    let v = view;
    let id = Cell::Text(id.to_owned());
    match view.kind {
        Kind::Execution => {
            let (executed_at, at) = v.time_or_item_created("executed_at");
            vec![vec![
                id,
                Cell::Text(v.provider()),
                Cell::Text(norm_or_unknown(v.str("execution_status"))),
                Cell::Time(Time {
                    text: executed_at,
                    at,
                }),
                opt_bool(v, "delivery_success"),
                text(v, "approval_decision_id"),
                text(v, "run_id"),
                text(v, "retry_plan_id"),
                text(v, "delivery_id"),
                text(v, "executed_by"),
                text(v, "skipped"),
                providers(v, "selected_providers"),
            ]]
        }
        Kind::Playbook => {
            let (generated_at, at) = v.time_or_created("generated_at");
            let generated = Time {
                text: generated_at,
                at,
            };
            v.arr("provider_playbooks")
                .unwrap_or(&[])
                .iter()
                .filter(|e| e.as_obj().is_some())
                .enumerate()
                .map(|(i, e)| {
                    let provider = norm_or_unknown(e.get("provider").and_then(Json::as_str));
                    let category = e
                        .get("category")
                        .and_then(Json::as_str)
                        .filter(|c| !c.is_empty())
                        .map_or_else(|| category_of(&provider).to_owned(), str::to_owned);
                    let failure_count = match e.get("failure_count") {
                        None | Some(Json::Null) => Some(0),
                        other => int_of(other),
                    };
                    vec![
                        id.clone(),
                        Cell::Int(i as i64),
                        Cell::Text(provider),
                        Cell::Text(category),
                        Cell::OptInt(failure_count),
                        Cell::Time(generated.clone()),
                        text(v, "generated_by"),
                        text(v, "alert_level"),
                    ]
                })
                .collect()
        }
        Kind::Closure => {
            let (closed_at, at) = v.time_or_item_created("closed_at");
            vec![vec![
                id,
                text(v, "playbook_id"),
                Cell::Text(v.provider()),
                Cell::OptText(v.str("closure_state").map(norm).filter(|s| !s.is_empty())),
                Cell::Time(Time {
                    text: closed_at,
                    at,
                }),
                text(v, "closed_by"),
                text(v, "external_ref"),
                Cell::Texts(strings(v, "verification_refs")),
            ]]
        }
        Kind::Report => vec![vec![
            id,
            time(v, "generated_at"),
            text(v, "generated_by"),
            text(v, "alert_level"),
            opt_int(v, "recovery_slo_minutes"),
            opt_int(v, "execution_count"),
            opt_int(v, "execution_failed_count"),
            opt_int(v, "recovery_open_count"),
            opt_int(v, "recovery_slo_breached_count"),
        ]],
        Kind::EscalationPlan => vec![vec![
            id,
            time(v, "generated_at"),
            text(v, "generated_by"),
            text(v, "alert_level"),
            opt_int(v, "recovery_slo_minutes"),
            text(v, "recovery_report_id"),
            opt_int(v, "escalation_count"),
            opt_int(v, "critical_escalation_count"),
            providers(v, "selected_providers"),
            json_text(v, "escalation_routes"),
        ]],
        Kind::Acknowledgement => vec![vec![
            id,
            text(v, "plan_id"),
            Cell::Text(v.provider()),
            Cell::Text(norm_or_unknown(v.str("acknowledgement_state"))),
            text(v, "acknowledged_by"),
            time(v, "acknowledged_at"),
            text(v, "external_ref"),
            text(v, "escalation_reason"),
        ]],
        Kind::RetryPlan => vec![vec![
            id,
            time(v, "generated_at"),
            text(v, "generated_by"),
            text(v, "alert_level"),
            opt_int(v, "decision_count"),
            opt_int(v, "retryable_count"),
            opt_int(v, "waiting_count"),
            opt_int(v, "suppressed_count"),
            opt_int(v, "max_retry_attempts"),
            opt_int(v, "base_retry_delay_minutes"),
            json_text(v, "retry_decisions"),
        ]],
        Kind::ExecutiveReport => vec![vec![
            id,
            time(v, "generated_at"),
            text(v, "generated_by"),
            text(v, "alert_level"),
            opt_int(v, "recovery_slo_minutes"),
            text(v, "recovery_report_id"),
            text(v, "escalation_plan_id"),
            json_text(v, "executive_summary"),
            json_text(v, "key_risks"),
        ]],
        Kind::ScheduleRun => {
            let schedule = v.any("schedule");
            let field = |f: &str| schedule.and_then(|s| s.get(f));
            let sched_text = |f: &str| field(f).and_then(Json::as_str).unwrap_or("").to_owned();
            vec![vec![
                id,
                time(v, "generated_at"),
                text(v, "generated_by"),
                text(v, "alert_level"),
                Cell::OptInt(int_of(field("interval_minutes"))),
                Cell::Time(Time::of(&sched_text("window_start"))),
                Cell::Time(Time::of(&sched_text("window_end"))),
                Cell::OptBool(match field("enabled") {
                    Some(Json::Bool(b)) => Some(*b),
                    _ => None,
                }),
                Cell::Text(sched_text("cadence")),
                json_text(v, "summary"),
            ]]
        }
        Kind::Delivery if v.is_escalation_delivery() => {
            let codes = v
                .any("status_codes")
                .and_then(Json::as_arr)
                .unwrap_or(&[])
                .iter()
                .map(|c| match c {
                    Json::Str(s) => Some(s.to_string()),
                    Json::Num(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect();
            vec![vec![
                id,
                text(v, "session_id"),
                text(v, "delivery_id"),
                Cell::Text(
                    v.str("plan_id")
                        .or_else(|| v.str("event_id"))
                        .unwrap_or("")
                        .to_owned(),
                ),
                providers(v, "providers"),
                providers(v, "failed_providers"),
                opt_bool(v, "delivery_success"),
                Cell::Codes(codes),
                time(v, "created_at"),
            ]]
        }
        Kind::Delivery => Vec::new(),
    }
}

/// The physical columns of a logical one: (name, type name in the manifest).
pub fn physical(col: &Col) -> Vec<(String, &'static str)> {
    let n = col.name;
    match col.ty {
        Text => vec![(n.to_owned(), "string")],
        OptText => vec![(n.to_owned(), "string?")],
        Int => vec![(n.to_owned(), "int64")],
        OptInt => vec![(n.to_owned(), "int64?")],
        OptBool => vec![(n.to_owned(), "boolean?")],
        Time => vec![
            (n.to_owned(), "timestamp(us, UTC)?"),
            (format!("{n}_text"), "string"),
            (format!("{n}_unix_s"), "int64?"),
            (format!("{n}_nanos"), "int32?"),
        ],
        Texts => vec![(n.to_owned(), "list<string>")],
        Codes => vec![(n.to_owned(), "list<string?>")],
        JsonText => vec![(n.to_owned(), "json?")],
    }
}

/// Microseconds since the epoch, floored (the instant of a `timestamp(us)` column).
pub fn micros(ts: Ts) -> i64 {
    ts.secs
        .saturating_mul(1_000_000)
        .saturating_add(i64::from(ts.nanos / 1000))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::parse;
    use crate::model::record::{Classified, classify};

    fn rows_of(text: &str) -> Vec<Row> {
        let v = parse(text.as_bytes()).unwrap();
        let Classified::Record(view) = classify(&v) else {
            panic!("not a record: {text}")
        };
        rows(&view, &view.id())
    }

    #[test]
    fn every_kind_has_one_table() {
        for info in crate::model::kind::KINDS.iter() {
            assert_eq!(
                TABLES.iter().filter(|t| t.kind == info.kind).count(),
                1,
                "{:?}",
                info.kind
            );
            assert_eq!(table_of(info.kind).kind, info.kind);
        }
    }

    #[test]
    fn rows_match_their_columns() {
        // One record of every kind with every field: each row has one cell per column, of
        // the column's type.
        let records = [
            r#"{"metadata_kind":"retry-execution-record","execution_id":"e1","provider":" Slack-Alerts","executed_at":"2026-06-01T10:00:00+02:00","selected_providers":["Jira",""]}"#,
            r#"{"metadata_kind":"connector-recovery-playbook","playbook_id":"p1","created_at":"2026-06-01","provider_playbooks":[{"provider":"Jira"},"x",{"category":"siem","failure_count":3}]}"#,
            r#"{"metadata_kind":"connector-recovery-closure","closure_id":"c1","closure_state":" ","verification_refs":["a"]}"#,
            r#"{"metadata_kind":"retry-recovery-report","report_id":"r1","execution_count":2}"#,
            r#"{"metadata_kind":"recovery-escalation-plan","plan_id":"x1","escalation_routes":[{"b":1,"a":2}]}"#,
            r#"{"metadata_kind":"recovery-escalation-ack","acknowledgement_id":"a1","acknowledgement_state":"Accepted"}"#,
            r#"{"metadata_kind":"recovery-escalation-delivery-retry-plan","retry_plan_id":"y1"}"#,
            r#"{"metadata_kind":"recovery-executive-report","executive_report_id":"z1"}"#,
            r#"{"metadata_kind":"recovery-executive-report-schedule-run","run_id":"s1","schedule":{"window_start":"2026-06-01T00:00:00Z","enabled":true,"interval_minutes":1440}}"#,
            r#"{"metadata_kind":"release-connector-delivery","session_id":"d1","connector_delivery_source":"go_backend_rollback_drill_acknowledgement_audit_recovery_escalation","status_codes":[500,"timeout",null]}"#,
        ];
        for r in records {
            let v = parse(r.as_bytes()).unwrap();
            let Classified::Record(view) = classify(&v) else {
                panic!()
            };
            let table = table_of(view.kind);
            let rows = rows(&view, &view.id());
            assert!(!rows.is_empty(), "{r}");
            for row in rows {
                assert_eq!(row.len(), table.columns.len(), "{}", table.name);
                for (cell, col) in row.iter().zip(table.columns) {
                    let ok = matches!(
                        (cell, col.ty),
                        (Cell::Text(_), Text)
                            | (Cell::OptText(_), OptText)
                            | (Cell::Int(_), Int)
                            | (Cell::OptInt(_), OptInt)
                            | (Cell::OptBool(_), OptBool)
                            | (Cell::Time(_), Time)
                            | (Cell::Texts(_), Texts)
                            | (Cell::Codes(_), Codes)
                            | (Cell::JsonText(_), JsonText)
                    );
                    assert!(ok, "{}.{}: {cell:?}", table.name, col.name);
                }
            }
        }
    }

    #[test]
    fn values_are_the_ones_cavra_reads() {
        let r = rows_of(
            r#"{"metadata_kind":"retry-execution-record","execution_id":"e1","provider":" Slack-Alerts","executed_at":"2026-06-01T10:00:00.5+02:00","selected_providers":["Jira",""]}"#,
        );
        assert_eq!(r[0][1], Cell::Text("slack_alerts".into()));
        assert_eq!(r[0][2], Cell::Text("unknown".into()));
        // 08:00:00.5Z on 2026-06-01 = 1780300800 s + 0.5 s.
        assert_eq!(
            r[0][3],
            Cell::Time(Time {
                text: "2026-06-01T10:00:00.5+02:00".into(),
                at: Some(Ts {
                    secs: 1_780_300_800,
                    nanos: 500_000_000
                })
            })
        );
        assert_eq!(r[0][11], Cell::Texts(vec!["jira".into()]));

        // Only object entries are rows; entry_index counts those; category as written, else
        // derived; failure_count 0 when absent.
        let r = rows_of(
            r#"{"metadata_kind":"connector-recovery-playbook","playbook_id":"p1","created_at":"2026-06-01","provider_playbooks":[{"provider":"Jira"},"x",{"category":"SIEM","failure_count":3}]}"#,
        );
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0][1..5].to_vec(),
            vec![
                Cell::Int(0),
                Cell::Text("jira".into()),
                Cell::Text("itsm".into()),
                Cell::OptInt(Some(0))
            ]
        );
        assert_eq!(
            r[1][1..5].to_vec(),
            vec![
                Cell::Int(1),
                Cell::Text("unknown".into()),
                Cell::Text("SIEM".into()),
                Cell::OptInt(Some(3))
            ]
        );

        // A blank state is null; the status codes keep their order, null included.
        let r = rows_of(
            r#"{"metadata_kind":"connector-recovery-closure","closure_id":"c1","closure_state":" "}"#,
        );
        assert_eq!(r[0][3], Cell::OptText(None));
        let r = rows_of(
            r#"{"metadata_kind":"release-connector-delivery","session_id":"d1","connector_delivery_source":"go_backend_rollback_drill_acknowledgement_audit_recovery_escalation","status_codes":[500,"timeout",null]}"#,
        );
        assert_eq!(
            r[0][7],
            Cell::Codes(vec![Some("500".into()), Some("timeout".into()), None])
        );
        // Other connector deliveries are not escalation deliveries: no row.
        assert!(
            rows_of(r#"{"metadata_kind":"release-connector-delivery","session_id":"d2"}"#)
                .is_empty()
        );
    }

    #[test]
    fn micros_floor() {
        assert_eq!(
            micros(Ts {
                secs: -1,
                nanos: 999_999_999
            }),
            -1
        );
        assert_eq!(
            micros(Ts {
                secs: 1,
                nanos: 1_500
            }),
            1_000_001
        );
    }
}
