//! `cavra ack PLAN_ID`: record a recovery escalation acknowledgement (§4.2).
//!
//! The plan must be a valid escalation plan of the evidence and the (normalised) provider one
//! of its `selected_providers`; otherwise the error lists the valid choices. Over evidence
//! with problems the acknowledgement is still written: it needs only its own references.

use serde::Deserialize;

use crate::error::{Error, Field};
use crate::model::facts::PlanFact;
use crate::model::normalize::norm;
use crate::output::{self, Grid, Style, Tone};
use crate::report::ack::{self, ACK_STATES, Acknowledgement, DEFAULT_ACK_STATE, NewAck};
use crate::report::pick_state;
use crate::store::Evidence;
use crate::store::record::Basis;

use super::{
    Access, Env, Operation, Recording, Route, Show, Wanted, Writes, check_id, check_required,
    check_texts, few, field_hint, find_cited, take_path_param,
};

const PROVIDER: Field = Field::new("--provider", "provider");
const BY: Field = Field::new("--by", "acknowledged_by");
const EXTERNAL_REF: Field = Field::new("--external-ref", "external_ref");
const NOTES: Field = Field::new("--notes", "notes");
const REASON: Field = Field::new("--reason", "escalation_reason");

/// The request: the command line's arguments, and the HTTP body of
/// `POST /recovery-escalations/{plan_id}/acknowledgements` (with `plan_id` taken from the
/// path; `dry_run` is the command line's own).
/// `cavra ack` and its HTTP route.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Ack {
    /// The escalation plan acknowledged (its plan_id)
    #[arg(value_name = "PLAN_ID")]
    #[serde(default)]
    pub plan_id: String,
    /// The provider acknowledging (one of the plan's selected providers)
    #[arg(long, value_name = "P")]
    pub provider: String,
    /// Who acknowledges (recorded as acknowledged_by)
    #[arg(long = "by", value_name = "NAME")]
    pub acknowledged_by: String,
    /// acknowledged, accepted, deferred, escalated, resolved or dismissed [default: acknowledged]
    #[arg(long = "state", value_name = "S")]
    #[serde(default)]
    pub acknowledgement_state: Option<String>,
    /// An opaque external reference (e.g. INC-123)
    #[arg(long, value_name = "R")]
    #[serde(default)]
    pub external_ref: Option<String>,
    /// Short public-safe notes
    #[arg(long, value_name = "T")]
    #[serde(default)]
    pub notes: Option<String>,
    /// Why the escalation was raised (recorded as escalation_reason)
    #[arg(long = "reason", value_name = "T")]
    #[serde(default)]
    pub escalation_reason: Option<String>,
    /// Show the acknowledgement and the path it would write; write nothing
    #[arg(long)]
    #[serde(skip)]
    pub dry_run: bool,
}

impl Ack {
    /// The normalised state, or the error listing the allowed ones.
    fn state(&self) -> Result<String, Error> {
        pick_state(
            self.acknowledgement_state.as_deref(),
            DEFAULT_ACK_STATE,
            &ACK_STATES,
            "acknowledgement state",
        )
    }
}

/// `{acknowledgement, metadata}`.
pub type Output = Recording<Acknowledgement>;

impl Operation for Ack {
    type Output = Output;

    const ROUTE: Option<Route> = Some(
        Route::post(
            "/recovery-escalations/{plan_id}/acknowledgements",
            "acknowledgement",
        )
        .with_param("plan_id"),
    );

    /// Over evidence with problems the acknowledgement is still written: it needs only its
    /// own references.
    fn access(&self) -> Access {
        Access::writing(Writes::Own, self.dry_run)
    }

    fn check(&self) -> Result<(), Error> {
        let input = self;
        // Usage errors (exit 2) first: they win over invalid input (exit 3), §5.
        check_required(PROVIDER, &input.provider)?;
        check_required(BY, &input.acknowledged_by)?;
        check_id("escalation plan", &input.plan_id)?;
        check_texts(&[
            (EXTERNAL_REF, input.external_ref.as_deref()),
            (NOTES, input.notes.as_deref()),
            (REASON, input.escalation_reason.as_deref()),
        ])?;
        input.state().map(drop)
    }

    fn set_param(&mut self, plan_id: String) -> Result<(), Error> {
        take_path_param(&mut self.plan_id, plan_id, "plan_id")
    }

    /// Checks the references and records the acknowledgement.
    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let input = self;
        let state = input.state()?;
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
            .with_hint(field_hint(
                "give ",
                PROVIDER,
                " one of the plan's selected providers",
            )));
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
        let recorded = env.record(&doc, Basis::Own)?;
        Ok(Recording::new("acknowledgement", doc, Some(Ok(recorded))))
    }
}

/// The escalation plan `plan_id` of the evidence, or an error listing the known plans.
fn find_plan<'e>(evidence: &'e Evidence, plan_id: &str) -> Result<&'e PlanFact, Error> {
    let wanted = Wanted {
        what: "escalation plan",
        plural: "plans",
        hint_none: "record one with `cavra escalate` first",
        hint_some: "acknowledge one of the plans listed above",
    };
    find_cited(evidence.plans(), |p| &p.id, plan_id, &wanted)
}

impl Show for Acknowledgement {
    fn show(&self, style: Style) -> Result<String, Error> {
        render(self, style)
    }
}

/// Renders the acknowledgement: JSON is the document; tables show its fields.
pub fn render(a: &Acknowledgement, style: Style) -> Result<String, Error> {
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
    output::document(style, a, || vec![g], 0)
}
