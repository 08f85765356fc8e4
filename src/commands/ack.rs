//! `cavra ack PLAN_ID`: record a recovery escalation acknowledgement (§4.2).
//!
//! The plan must be a valid escalation plan of the evidence and the (normalised) provider one
//! of its `selected_providers`; otherwise the error lists the valid choices. Over evidence
//! with problems the acknowledgement is still written: it needs only its own references.

use serde::Deserialize;

use crate::cli::{AckArgs, Format};
use crate::error::{Error, ErrorKind};
use crate::model::facts::PlanFact;
use crate::model::normalize::norm;
use crate::output::{self, Grid, Tone};
use crate::report::ack::{self, ACK_STATES, Acknowledgement, DEFAULT_ACK_STATE, NewAck};
use crate::report::pick_state;
use crate::store::Evidence;

use super::Ctx;
use super::env::{Env, Recording, check_id, check_required, check_texts, few, run_recording};

/// The request (the HTTP body of `POST /recovery-escalations/{plan_id}/acknowledgements`,
/// with `plan_id` taken from the path).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub plan_id: String,
    pub provider: String,
    pub acknowledged_by: String,
    #[serde(default)]
    pub acknowledgement_state: Option<String>,
    #[serde(default)]
    pub external_ref: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub escalation_reason: Option<String>,
}

impl Input {
    pub fn from_args(args: &AckArgs) -> Input {
        Input {
            plan_id: args.plan_id.clone(),
            provider: args.provider.clone(),
            acknowledged_by: args.by.clone(),
            acknowledgement_state: args.state.clone(),
            external_ref: args.external_ref.clone(),
            notes: args.notes.clone(),
            escalation_reason: args.reason.clone(),
        }
    }

    /// Checks the inputs before anything is read or written; returns the normalised state.
    pub fn check(&self) -> Result<String, Error> {
        // Usage errors (exit 2) first: they win over invalid input (exit 3), §5.
        check_required("--provider", &self.provider)?;
        check_required("--by", &self.acknowledged_by)?;
        check_id("escalation plan", &self.plan_id)?;
        check_texts(&[
            ("--external-ref", self.external_ref.as_deref()),
            ("--notes", self.notes.as_deref()),
            ("--reason", self.escalation_reason.as_deref()),
        ])?;
        pick_state(
            self.acknowledgement_state.as_deref(),
            DEFAULT_ACK_STATE,
            &ACK_STATES,
            "acknowledgement state",
        )
    }
}

/// `{acknowledgement, metadata, recorded}`.
pub type Output = Recording<Acknowledgement>;

/// The escalation plan `plan_id` of the evidence, or an error listing the known plans.
fn find_plan<'e>(evidence: &'e Evidence, plan_id: &str) -> Result<&'e PlanFact, Error> {
    let plans: Vec<&PlanFact> = evidence.plans().collect();
    if let Some(plan) = plans.iter().find(|p| p.id == plan_id) {
        return Ok(plan);
    }
    let ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
    let (known, hint) = if ids.is_empty() {
        (
            "no escalation plan is recorded".to_owned(),
            "record one with `cavra escalate` first".to_owned(),
        )
    } else {
        (
            format!("known plans: {}", few(&ids, 5)),
            "acknowledge one of the plans listed above".to_owned(),
        )
    };
    Err(Error::new(
        ErrorKind::NotFound,
        format!("unknown escalation plan {plan_id:?}: {known}"),
    )
    .with_hint(hint))
}

/// Checks the references and records the acknowledgement.
pub fn execute(env: &Env<'_>, input: &Input) -> Result<Output, Error> {
    let state = input.check()?;
    let plan = find_plan(env.evidence, &input.plan_id)?;
    let provider = norm(&input.provider);
    if !plan.selected_providers.contains(&provider) {
        let listed: Vec<&str> = plan.selected_providers.iter().map(String::as_str).collect();
        return Err(Error::invalid(format!(
            "provider {:?} is not selected by escalation plan {}: its providers are {}",
            input.provider,
            plan.id,
            if listed.is_empty() {
                "none".to_owned()
            } else {
                few(&listed, usize::MAX)
            }
        ))
        .with_hint("give --provider one of the plan's selected providers"));
    }
    let doc = ack::build(
        &NewAck {
            plan_id: &input.plan_id,
            provider: &provider,
            acknowledged_by: &input.acknowledged_by,
            state: &state,
            external_ref: input.external_ref.as_deref().unwrap_or(""),
            notes: input.notes.as_deref().unwrap_or(""),
            escalation_reason: input.escalation_reason.as_deref().unwrap_or(""),
        },
        env.now,
    );
    let recorded = env.record(&doc, false)?;
    Ok(Recording {
        key: "acknowledgement",
        document: doc,
        recorded: Some(recorded),
    })
}

pub fn run(ctx: &Ctx, args: &AckArgs) -> Result<i32, Error> {
    let input = Input::from_args(args);
    input.check()?;
    run_recording(
        ctx,
        args.dry_run,
        true,
        false,
        |env| execute(env, &input),
        render,
    )
}

/// Renders the acknowledgement: JSON is the document; tables show its fields.
pub fn render(a: &Acknowledgement, format: Format, color: bool) -> String {
    let mut g = Grid::new(
        &format!(
            "Recovery escalation acknowledgement {}",
            a.acknowledgement_id
        ),
        &["field", "value"],
    );
    for (k, v) in [
        ("plan_id", &a.plan_id),
        ("provider", &a.provider),
        ("acknowledged_by", &a.acknowledged_by),
        ("acknowledgement_state", &a.acknowledgement_state),
        ("acknowledged_at", &a.acknowledged_at),
        ("external_ref", &a.external_ref),
        ("notes", &a.notes),
        ("escalation_reason", &a.escalation_reason),
    ] {
        g.row(Tone::Plain, vec![k.into(), v.as_str().into()]);
    }
    match format {
        Format::Json => output::json(a),
        Format::Table => output::tables(&[g], color),
        Format::Markdown => output::markdown(&[g]),
        Format::Csv => output::csv(&g),
    }
}
