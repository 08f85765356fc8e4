//! The links between records (§4.8): which ids a record cites, and what a record is in one
//! line of a timeline (when, who, state). Pure: the records come from the store.
//!
//! Cited ids, by kind of the citing record (fields by the reading rule, §2.1):
//!
//! | record | field | cites |
//! |---|---|---|
//! | escalation plan | `recovery_report_id` | report |
//! | acknowledgement | `plan_id` | escalation plan |
//! | closure | `playbook_id` | playbook |
//! | closure | `verification_refs[]` that are execution ids (`gordackretryexec-…`) | execution |
//! | escalation delivery | `plan_id` | escalation plan |
//! | retry plan | `retry_decisions[].plan_id` | escalation plan |
//! | retry plan | `retry_decisions[].latest_delivery_id` | escalation delivery |
//! | executive report | `recovery_report_id`, `escalation_plan_id` | report, escalation plan |
//! | schedule run | `executive_report.executive_report_id` | executive report |
//! | schedule run | `executive_report.recovery_report_id`, `.escalation_plan_id` | report, plan |
//! | report | `recovery_rows[].playbook_id`, `.closure_id` | playbook, closure |
//! | report | `latest_executions[].execution_id` | execution |
//!
//! Executions cite the original system's run, retry plan and approval records, which are not
//! kinds cavra knows by those ids; they are not followed.
//!
//! A schedule run carries its executive report whole ([`carries_whole`]): the file under
//! `executive-reports/` is a copy, written after the run and written again by the next
//! `schedule-run` of the window when it is missing, so a missing copy is no dangling
//! reference.

use serde::Serialize;

use crate::model::json::{Json, push_pointer};
use crate::model::kind::Kind;
use crate::model::record::RecordView;
use crate::model::time::Ts;

/// One id a record cites: the JSON pointer of the citing field in the record as stored, the
/// kind cited and the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub pointer: String,
    pub kind: Kind,
    pub id: String,
}

/// The JSON pointer of field `name` in the stored record: under the nested document when
/// the reading rule reads it from there (§2.1), else on the item.
pub fn pointer_of(view: &RecordView<'_>, name: &str) -> String {
    let in_nested = view
        .nested
        .and_then(|n| n.get(name))
        .is_some_and(|v| match v {
            Json::Null => false,
            Json::Str(s) => !s.is_empty(),
            _ => true,
        });
    let mut pointer = String::new();
    if in_nested {
        push_pointer(&mut pointer, view.kind.info().nested_key);
    }
    push_pointer(&mut pointer, name);
    pointer
}

/// A string field's value and its pointer in the stored record.
fn field<'a>(view: &RecordView<'a>, name: &str) -> Option<(String, &'a str)> {
    Some((pointer_of(view, name), view.str(name)?))
}

/// The array field `name` and its pointer.
fn array<'a>(view: &RecordView<'a>, name: &str) -> Option<(String, &'a [Json<'a>])> {
    Some((pointer_of(view, name), view.arr(name)?))
}

/// Whether a record of kind `citing` carries the cited document whole, so that the cited
/// id needs no other record (a schedule run's executive report).
pub fn carries_whole(citing: Kind, c: &Citation) -> bool {
    citing == Kind::ScheduleRun && c.kind == Kind::ExecutiveReport
}

/// Every id a record cites, in field order.
pub fn citations(view: &RecordView<'_>) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut cite = |pointer: String, kind: Kind, id: &str| {
        if !id.is_empty() {
            out.push(Citation {
                pointer,
                kind,
                id: id.to_owned(),
            });
        }
    };
    let one = |name: &str, kind: Kind, cite: &mut dyn FnMut(String, Kind, &str)| {
        if let Some((pointer, id)) = field(view, name) {
            cite(pointer, kind, id);
        }
    };
    // Fields of the objects of an array: `name[i].key`.
    let each = |name: &str, keys: &[(&str, Kind)], cite: &mut dyn FnMut(String, Kind, &str)| {
        if let Some((pointer, items)) = array(view, name) {
            for (i, item) in items.iter().enumerate() {
                for (key, kind) in keys {
                    if let Some(id) = item.get(key).and_then(Json::as_str) {
                        cite(format!("{pointer}/{i}/{key}"), *kind, id);
                    }
                }
            }
        }
    };
    match view.kind {
        Kind::EscalationPlan => one("recovery_report_id", Kind::Report, &mut cite),
        Kind::Acknowledgement | Kind::Delivery => {
            one("plan_id", Kind::EscalationPlan, &mut cite);
        }
        Kind::Closure => {
            one("playbook_id", Kind::Playbook, &mut cite);
            if let Some((pointer, refs)) = array(view, "verification_refs") {
                let prefix = Kind::Execution.info().id_prefix;
                for (i, r) in refs.iter().enumerate() {
                    if let Some(id) = r.as_str().filter(|s| s.starts_with(prefix)) {
                        cite(format!("{pointer}/{i}"), Kind::Execution, id);
                    }
                }
            }
        }
        Kind::RetryPlan => each(
            "retry_decisions",
            &[
                ("plan_id", Kind::EscalationPlan),
                ("latest_delivery_id", Kind::Delivery),
            ],
            &mut cite,
        ),
        Kind::ExecutiveReport => {
            one("recovery_report_id", Kind::Report, &mut cite);
            one("escalation_plan_id", Kind::EscalationPlan, &mut cite);
        }
        Kind::ScheduleRun => {
            if let Some(report) = view.any("executive_report") {
                let mut base = String::new();
                if view
                    .nested
                    .and_then(|n| n.get("executive_report"))
                    .is_some()
                {
                    push_pointer(&mut base, view.kind.info().nested_key);
                }
                push_pointer(&mut base, "executive_report");
                for (key, kind) in [
                    ("executive_report_id", Kind::ExecutiveReport),
                    ("recovery_report_id", Kind::Report),
                    ("escalation_plan_id", Kind::EscalationPlan),
                ] {
                    if let Some(id) = report.get(key).and_then(Json::as_str) {
                        cite(format!("{base}/{key}"), kind, id);
                    }
                }
            }
        }
        Kind::Report => {
            each(
                "recovery_rows",
                &[
                    ("playbook_id", Kind::Playbook),
                    ("closure_id", Kind::Closure),
                ],
                &mut cite,
            );
            each(
                "latest_executions",
                &[("execution_id", Kind::Execution)],
                &mut cite,
            );
        }
        Kind::Execution | Kind::Playbook => {}
    }
    // The same id cited twice (a report's rows share playbooks) is one link.
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert((c.kind, c.id.clone())));
    out
}

/// A kind in words, as messages and the trace name it.
pub fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Execution => "execution",
        Kind::Playbook => "playbook",
        Kind::Closure => "closure",
        Kind::Report => "report",
        Kind::EscalationPlan => "escalation plan",
        Kind::Acknowledgement => "acknowledgement",
        Kind::RetryPlan => "retry plan",
        Kind::ExecutiveReport => "executive report",
        Kind::ScheduleRun => "schedule run",
        Kind::Delivery => "escalation delivery",
    }
}

/// What a record is in one line: when, who and its state, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Its time as written (`""` when none), and the instant for ordering.
    pub at: String,
    #[serde(skip)]
    pub instant: Option<Ts>,
    pub who: String,
    pub state: String,
}

/// The summary of a record (§2.1 reading rules; time falls back to `created_at`).
pub fn summary(view: &RecordView<'_>) -> Summary {
    let (time, who, state): (&str, &[&str], &str) = match view.kind {
        Kind::Execution => ("executed_at", &[], "execution_status"),
        Kind::Playbook => ("generated_at", &["generated_by"], ""),
        Kind::Closure => ("closed_at", &["closed_by"], "closure_state"),
        Kind::Acknowledgement => (
            "acknowledged_at",
            &["acknowledged_by"],
            "acknowledgement_state",
        ),
        Kind::Delivery => ("created_at", &[], ""),
        Kind::Report | Kind::EscalationPlan | Kind::RetryPlan | Kind::ScheduleRun => {
            ("generated_at", &["generated_by"], "alert_level")
        }
        Kind::ExecutiveReport => ("generated_at", &["generated_by"], ""),
    };
    let (at, instant) = view.time_or_created(time);
    let who = who
        .iter()
        .find_map(|f| view.str(f))
        .or_else(|| view.item.get("signer").and_then(Json::as_str))
        .unwrap_or("")
        .to_owned();
    let state = match view.kind {
        Kind::ExecutiveReport => view
            .any("executive_summary")
            .and_then(|s| s.get("status"))
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_owned(),
        Kind::Delivery => match view.bool("delivery_success") {
            Some(true) => "delivered".to_owned(),
            Some(false) => "failed".to_owned(),
            None => String::new(),
        },
        _ => view.str(state).unwrap_or("").to_owned(),
    };
    Summary {
        at,
        instant,
        who,
        state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::parse;
    use crate::model::record::{Classified, classify};

    fn view<'a>(v: &'a Json<'a>) -> RecordView<'a> {
        match classify(v) {
            Classified::Record(view) => view,
            _ => panic!("not a record"),
        }
    }

    #[test]
    fn nested_and_flat_citations_with_pointers() {
        let v = parse(
            br#"{"metadata_kind": "go-backend-rollback-drill-acknowledgement-audit-delivery-recovery-executive-report",
                 "recovery_executive_report": {"executive_report_id": "gordackexecreport-1",
                   "recovery_report_id": "gordackretryreport-1", "escalation_plan_id": ""},
                 "escalation_plan_id": "gordackrecoveryesc-9"}"#,
        )
        .unwrap();
        let c = citations(&view(&v));
        assert_eq!(
            c,
            [
                Citation {
                    pointer: "/recovery_executive_report/recovery_report_id".into(),
                    kind: Kind::Report,
                    id: "gordackretryreport-1".into()
                },
                // An empty nested value falls back to the item's (§2.1).
                Citation {
                    pointer: "/escalation_plan_id".into(),
                    kind: Kind::EscalationPlan,
                    id: "gordackrecoveryesc-9".into()
                },
            ]
        );
    }

    #[test]
    fn closures_cite_execution_refs_only() {
        let v = parse(
            br#"{"metadata_kind": "go-backend-rollback-drill-acknowledgement-audit-delivery-connector-recovery-closure",
                 "playbook_id": "gordackrecovery-1",
                 "verification_refs": ["INC-1", "gordackretryexec-2"]}"#,
        )
        .unwrap();
        let c = citations(&view(&v));
        let got: Vec<(&str, Kind, &str)> = c
            .iter()
            .map(|c| (c.pointer.as_str(), c.kind, c.id.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("/playbook_id", Kind::Playbook, "gordackrecovery-1"),
                (
                    "/verification_refs/1",
                    Kind::Execution,
                    "gordackretryexec-2"
                ),
            ]
        );
        let s = summary(&view(&v));
        assert_eq!((s.at.as_str(), s.who.as_str()), ("", ""));
    }
}
