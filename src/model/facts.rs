//! The facts cavra extracts from each valid record: the small, normalised part of a record
//! that reports and recording commands need. The store builds them, `report/` consumes them.

use super::json::{Json, OwnedJson};
use super::kind::Kind;
use super::normalize::{norm, norm_or_unknown};
use super::record::{RecordView, providers_of};
use super::time::{Ts, parse_ts};

/// An interned string (provider or state) of one [`crate::store::Evidence`].
pub type Sym = u32;

/// Where a record lives: the file's index in the read order and its packed position
/// (see [`crate::store::read::At`]). Enough to read the record again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecRef {
    pub file: u32,
    pub pos: u64,
}

/// What an execution contributes to the report, in a few bytes: the record itself is read
/// again only if it is one of the latest.
#[derive(Debug, Clone, Copy)]
pub struct ExecFact {
    /// The identity hash (kind + id): matches an [`ExecDetail`] kept while reading.
    pub ident: u64,
    pub provider: Sym,
    pub status: Sym,
    pub at: Option<Ts>,
    pub rec: RecRef,
}

/// The text of an execution, for `latest_executions` and `latest_execution_at`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecDetail {
    pub rec: RecRef,
    /// The identity hash (kind + id).
    pub ident: u64,
    pub at: Option<Ts>,
    pub execution_id: String,
    pub provider: String,
    pub execution_status: String,
    /// `executed_at`, else the item's `created_at`, as written.
    pub executed_at: String,
    pub delivery_success: Option<bool>,
    pub approval_decision_id: String,
    pub run_id: String,
}

impl ExecDetail {
    pub fn from_view(view: &RecordView<'_>, rec: RecRef) -> ExecDetail {
        let id = view.id();
        ExecDetail::with_id(view, rec, id)
    }

    /// [`ExecDetail::from_view`] when the id is already known.
    pub fn with_id(view: &RecordView<'_>, rec: RecRef, id: String) -> ExecDetail {
        let (executed_at, at) = view.time_or_item_created("executed_at");
        ExecDetail {
            rec,
            ident: crate::model::canon::identity_hash(Kind::Execution.index(), &id),
            at,
            execution_id: id,
            provider: view.provider(),
            execution_status: norm_or_unknown(view.str("execution_status")),
            executed_at,
            delivery_success: view.bool("delivery_success"),
            approval_decision_id: view.str("approval_decision_id").unwrap_or("").to_owned(),
            run_id: view.str("run_id").unwrap_or("").to_owned(),
        }
    }
}

/// One entry of a playbook's `provider_playbooks`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaybookEntry {
    pub provider: String,
    /// The entry's `category` as written, when present and not empty.
    pub category: Option<String>,
    pub failure_count: i128,
}

/// A connector recovery playbook.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaybookFact {
    pub id: String,
    /// `generated_at`, else `created_at`, as written ("" if none).
    pub generated_at: String,
    pub at: Option<Ts>,
    pub entries: Vec<PlaybookEntry>,
}

/// A connector recovery closure.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosureFact {
    pub id: String,
    /// `playbook_id` as written ("" if missing); matched exactly.
    pub playbook_id: String,
    pub provider: String,
    /// The normalised state; `None` when missing or blank.
    pub state: Option<String>,
    /// `closed_at`, else `created_at`, as written ("" if none).
    pub closed_at: String,
    pub at: Option<Ts>,
}

/// A recovery escalation acknowledgement.
#[derive(Debug, Clone, PartialEq)]
pub struct AckFact {
    pub id: String,
    pub plan_id: String,
    pub provider: String,
    pub state: String,
    /// `acknowledged_at`, else the item's `created_at`; `None` when unknown.
    pub at: Option<Ts>,
}

/// A recovery escalation plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFact {
    pub id: String,
    pub selected_providers: Vec<String>,
    /// `generated_at`, else the item's `created_at`; `None` when unknown.
    pub at: Option<Ts>,
}

/// An escalation delivery (§2.1): a connector delivery of a recovery escalation.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryFact {
    /// The record id (`session_id`, else the derived id).
    pub id: String,
    /// `plan_id`, else `event_id`, else "".
    pub plan_id: String,
    /// `session_id`, else `delivery_id`, else the derived id.
    pub latest_id: String,
    /// The failed providers, or all providers when none failed is listed (normalised).
    pub providers: Vec<String>,
    pub delivery_success: Option<bool>,
    /// `status_codes` as recorded (`[]` when absent).
    pub status_codes: OwnedJson,
    pub created_at: String,
    pub at: Option<Ts>,
}

/// A scheduled executive report run.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleRunFact {
    pub id: String,
    pub window_start: String,
    pub at: Option<Ts>,
}

/// The facts of one valid record other than an execution.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    Playbook(PlaybookFact),
    Closure(ClosureFact),
    Ack(AckFact),
    Plan(PlanFact),
    Delivery(DeliveryFact),
    ScheduleRun(ScheduleRunFact),
    /// A record that only counts (reports, retry plans, executive reports, deliveries that
    /// are not escalation deliveries).
    Counted,
}

impl Fact {
    /// Extracts the facts of a valid record of any kind but executions.
    pub fn from_view(view: &RecordView<'_>, id: &str) -> Fact {
        match view.kind {
            Kind::Playbook => {
                let (generated_at, at) = view.time_or_created("generated_at");
                let entries = view
                    .arr("provider_playbooks")
                    .unwrap_or(&[])
                    .iter()
                    .filter(|e| e.as_obj().is_some())
                    .map(|e| PlaybookEntry {
                        provider: norm_or_unknown(e.get("provider").and_then(Json::as_str)),
                        category: e
                            .get("category")
                            .and_then(Json::as_str)
                            .filter(|c| !c.is_empty())
                            .map(str::to_owned),
                        failure_count: match e.get("failure_count") {
                            Some(Json::Num(n)) => n
                                .as_i64()
                                .map(i128::from)
                                .or_else(|| n.as_u64().map(i128::from))
                                .unwrap_or(0),
                            _ => 0,
                        },
                    })
                    .collect();
                Fact::Playbook(PlaybookFact {
                    id: id.to_owned(),
                    generated_at,
                    at,
                    entries,
                })
            }
            Kind::Closure => {
                let (closed_at, at) = view.time_or_item_created("closed_at");
                Fact::Closure(ClosureFact {
                    id: id.to_owned(),
                    playbook_id: view.str("playbook_id").unwrap_or("").to_owned(),
                    provider: view.provider(),
                    state: view
                        .str("closure_state")
                        .map(norm)
                        .filter(|s| !s.is_empty()),
                    closed_at,
                    at,
                })
            }
            Kind::Acknowledgement => Fact::Ack(AckFact {
                id: id.to_owned(),
                plan_id: view.str("plan_id").unwrap_or("").to_owned(),
                provider: view.provider(),
                state: norm_or_unknown(view.str("acknowledgement_state")),
                at: view.time_or_item_created("acknowledged_at").1,
            }),
            Kind::EscalationPlan => Fact::Plan(PlanFact {
                id: id.to_owned(),
                selected_providers: providers_of(view.arr("selected_providers").unwrap_or(&[])),
                at: view.time_or_item_created("generated_at").1,
            }),
            Kind::Delivery if view.is_escalation_delivery() => {
                let failed = providers_of(view.arr("failed_providers").unwrap_or(&[]));
                let providers = if failed.is_empty() {
                    providers_of(view.arr("providers").unwrap_or(&[]))
                } else {
                    failed
                };
                let created_at = view.str("created_at").unwrap_or("").to_owned();
                Fact::Delivery(DeliveryFact {
                    id: id.to_owned(),
                    plan_id: view
                        .str("plan_id")
                        .or_else(|| view.str("event_id"))
                        .unwrap_or("")
                        .to_owned(),
                    latest_id: view
                        .str("session_id")
                        .or_else(|| view.str("delivery_id"))
                        .map(str::to_owned)
                        .unwrap_or_else(|| id.to_owned()),
                    providers,
                    delivery_success: view.bool("delivery_success"),
                    status_codes: view
                        .any("status_codes")
                        .filter(|v| v.as_arr().is_some())
                        .map(|v| v.clone().into_owned())
                        .unwrap_or(Json::Arr(Vec::new())),
                    at: parse_ts(&created_at),
                    created_at,
                })
            }
            Kind::ScheduleRun => {
                let window_start = view
                    .any("schedule")
                    .and_then(|s| s.get("window_start"))
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .to_owned();
                Fact::ScheduleRun(ScheduleRunFact {
                    id: id.to_owned(),
                    at: parse_ts(&window_start),
                    window_start,
                })
            }
            _ => Fact::Counted,
        }
    }
}
