//! `cavra retry-plan`: plan retries of failed recovery escalation deliveries (§4.4).

use serde::Deserialize;

use crate::cli::{Format, RetryPlanArgs};
use crate::error::Error;
use crate::model::facts::{AckFact, DeliveryFact};
use crate::output::{self, Grid, Tone, Value};
use crate::report::retry_plan::{self, RetryPlan, RetryPolicy};
use crate::store::Evidence;

use super::Ctx;
use super::env::{Env, Recording, check_texts, run_recording};
use super::report::alert_tone;

/// The retry policy as requested (before defaults and floors).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyInput {
    #[serde(default)]
    pub max_retry_attempts: Option<u64>,
    #[serde(default)]
    pub retry_delay_minutes: Option<u64>,
    #[serde(default)]
    pub backoff_multiplier: Option<f64>,
    #[serde(default)]
    pub allow_immediate_retry: Option<bool>,
}

/// The request (the HTTP body of `POST /recovery-escalations/retry-plan`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub retry_policy: PolicyInput,
    #[serde(default)]
    pub generated_by: Option<String>,
}

impl Input {
    pub fn from_args(args: &RetryPlanArgs) -> Input {
        Input {
            retry_policy: PolicyInput {
                max_retry_attempts: args.max_attempts,
                retry_delay_minutes: args.delay_minutes,
                backoff_multiplier: args.backoff,
                allow_immediate_retry: Some(args.allow_immediate),
            },
            generated_by: args.generated_by.clone(),
        }
    }

    /// Checks the inputs and returns the effective policy. A negative or non-finite backoff is
    /// a usage error (clap already refuses it on the command line; this guards other callers).
    pub fn check(&self) -> Result<RetryPolicy, Error> {
        check_texts(&[("--generated-by", self.generated_by.as_deref())])?;
        let p = &self.retry_policy;
        if let Some(b) = p.backoff_multiplier {
            check_backoff(b).map_err(Error::usage)?;
        }
        Ok(RetryPolicy::effective(
            p.max_retry_attempts,
            p.retry_delay_minutes,
            p.backoff_multiplier,
            p.allow_immediate_retry.unwrap_or(false),
        ))
    }
}

/// A backoff multiplier must be a finite number, not negative.
pub fn check_backoff(b: f64) -> Result<f64, String> {
    if !b.is_finite() {
        return Err(format!(
            "backoff multiplier {b} is not a finite number; give a number such as 2.0"
        ));
    }
    if b < 0.0 {
        return Err(format!(
            "backoff multiplier {b} is negative; give a number of at least 1.0 (smaller values mean 1.0)"
        ));
    }
    Ok(b)
}

/// `{retry_plan, metadata, recorded}`.
pub type Output = Recording<RetryPlan>;

/// The escalation deliveries of the evidence.
pub fn deliveries(evidence: &Evidence) -> Vec<&DeliveryFact> {
    evidence.escalation_deliveries().collect()
}

/// The acknowledgements of the evidence.
pub fn acknowledgements(evidence: &Evidence) -> Vec<&AckFact> {
    evidence.acks().collect()
}

/// Builds the retry plan from the evidence and records it (refused over evidence with
/// problems).
pub fn execute(env: &Env<'_>, input: &Input) -> Result<Output, Error> {
    let policy = input.check()?;
    let label = input
        .generated_by
        .as_deref()
        .filter(|s| !s.is_empty())
        .unwrap_or(env.default_label);
    let plan = retry_plan::build(
        deliveries(env.evidence),
        acknowledgements(env.evidence),
        &policy,
        env.now,
        label,
    );
    let recorded = env.record(&plan, true)?;
    Ok(Recording {
        key: "retry_plan",
        document: plan,
        recorded: Some(recorded),
    })
}

pub fn run(ctx: &Ctx, args: &RetryPlanArgs) -> Result<i32, Error> {
    let input = Input::from_args(args);
    input.check()?;
    run_recording(
        ctx,
        args.dry_run,
        true,
        true,
        |env| execute(env, &input),
        render,
    )
}

/// Renders the plan: JSON is the document; tables show the policy and the decisions.
pub fn render(plan: &RetryPlan, format: Format, color: bool) -> String {
    match format {
        Format::Json => output::json(plan),
        Format::Table => output::tables(&[summary_grid(plan), decisions_grid(plan)], color),
        Format::Markdown => output::markdown(&[summary_grid(plan), decisions_grid(plan)]),
        Format::Csv => output::csv(&decisions_grid(plan)),
    }
}

fn summary_grid(p: &RetryPlan) -> Grid {
    let mut g = Grid::new(
        &format!(
            "Escalation delivery retry plan {} ({})",
            p.retry_plan_id, p.generated_at
        ),
        &["field", "value"],
    );
    let rows: Vec<(&str, Value, Tone)> = vec![
        (
            "alert_level",
            p.alert_level.into(),
            alert_tone(p.alert_level),
        ),
        ("generated_by", p.generated_by.as_str().into(), Tone::Plain),
        ("decision_count", p.decision_count.into(), Tone::Plain),
        ("retryable_count", p.retryable_count.into(), Tone::Plain),
        ("waiting_count", p.waiting_count.into(), Tone::Plain),
        ("suppressed_count", p.suppressed_count.into(), Tone::Plain),
        (
            "max_retry_attempts",
            p.max_retry_attempts.into(),
            Tone::Plain,
        ),
        (
            "base_retry_delay_minutes",
            p.base_retry_delay_minutes.into(),
            Tone::Plain,
        ),
        (
            "backoff_multiplier",
            Value::Float(p.backoff_multiplier),
            Tone::Plain,
        ),
        (
            "allow_immediate_retry",
            Value::Bool(p.allow_immediate_retry),
            Tone::Plain,
        ),
    ];
    for (k, v, tone) in rows {
        g.row(tone, vec![k.into(), v]);
    }
    g
}

fn decisions_grid(p: &RetryPlan) -> Grid {
    let mut g = Grid::new(
        "Retry decisions",
        &[
            "plan_id",
            "provider",
            "action",
            "retry_count",
            "max_attempts",
            "delay_minutes",
            "latest_delivery_at",
            "next_retry_at",
            "acknowledged",
            "status_codes",
            "latest_delivery_id",
            "reason",
        ],
    );
    for d in &p.retry_decisions {
        let tone = match d.action {
            "retry" => Tone::Bad,
            "wait" => Tone::Warn,
            _ => Tone::Plain,
        };
        let codes = serde_json::to_string(&d.failed_status_codes).unwrap_or_default();
        g.row(
            tone,
            vec![
                d.plan_id.as_str().into(),
                d.provider.as_str().into(),
                d.action.into(),
                d.retry_count.into(),
                d.max_retry_attempts.into(),
                d.retry_delay_minutes.into(),
                d.latest_delivery_at.as_str().into(),
                d.next_retry_at.as_str().into(),
                Value::Bool(d.acknowledged),
                codes.into(),
                d.latest_delivery_id.as_str().into(),
                d.reason.as_str().into(),
            ],
        );
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_values() {
        assert_eq!(check_backoff(2.0), Ok(2.0));
        assert_eq!(check_backoff(0.0), Ok(0.0));
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.5] {
            assert!(check_backoff(bad).is_err(), "{bad}");
        }
        let input = Input {
            retry_policy: PolicyInput {
                backoff_multiplier: Some(f64::NAN),
                ..PolicyInput::default()
            },
            generated_by: None,
        };
        assert_eq!(input.check().unwrap_err().exit_code(), 2);
    }
}
