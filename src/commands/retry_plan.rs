//! `cavra retry-plan`: plan retries of failed recovery escalation deliveries (§4.4).

use serde::Deserialize;

use crate::error::Error;
use crate::model::facts::{AckFact, DeliveryFact};
use crate::output::{self, Grid, Style, Tone, Value};
use crate::report::retry_plan::{self, RetryPlan as Plan, RetryPolicy};
use crate::store::Evidence;
use crate::store::record::Basis;

use super::report::alert_tone;
use super::{Access, Env, Operation, Recording, Route, Show, Writes, check_label};

fn parse_backoff(s: &str) -> Result<f64, String> {
    let b: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number; give a multiplier such as 2.0"))?;
    check_backoff(b)
}

/// The retry policy as requested (before defaults and floors): flags on the command line,
/// the `retry_policy` object of a request.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyInput {
    /// Attempts after which a provider is suppressed (0 means the default) [default: 3]
    #[arg(long = "max-attempts", value_name = "N", allow_negative_numbers = true)]
    pub max_retry_attempts: Option<u64>,
    /// Base delay in minutes (at least 1 unless --allow-immediate) [default: 15, or 0 with --allow-immediate]
    #[arg(
        long = "delay-minutes",
        value_name = "MIN",
        allow_negative_numbers = true
    )]
    pub retry_delay_minutes: Option<u64>,
    /// Delay multiplier per attempt (below 1.0 means 1.0) [default: 2.0]
    #[arg(long = "backoff", value_name = "X", value_parser = parse_backoff, allow_negative_numbers = true)]
    pub backoff_multiplier: Option<f64>,
    /// Allow a delay of 0 minutes
    #[arg(long = "allow-immediate", action = clap::ArgAction::SetTrue)]
    pub allow_immediate_retry: Option<bool>,
}

/// `cavra retry-plan` and `POST .../recovery-escalations/retry-plan` (its body).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields, default)]
pub struct RetryPlan {
    #[command(flatten)]
    pub retry_policy: PolicyInput,
    /// Actor label written as generated_by [default: cli]
    #[arg(long, value_name = "LABEL")]
    pub generated_by: Option<String>,
    /// Show the plan and the path it would write; write nothing
    #[arg(long)]
    #[serde(skip)]
    pub dry_run: bool,
}

impl RetryPlan {
    /// The effective policy. A negative or non-finite backoff is a usage error (clap already
    /// refuses it on the command line; this guards the API).
    fn policy(&self) -> Result<RetryPolicy, Error> {
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

/// `{retry_plan, metadata}`.
pub type Output = Recording<Plan>;

impl Operation for RetryPlan {
    type Output = Output;

    const ROUTE: Option<Route> = Some(Route::post(
        "/recovery-escalations/retry-plan",
        "retry plan",
    ));

    fn access(&self) -> Access {
        Access::writing(Writes::Derived, self.dry_run)
    }

    fn check(&self) -> Result<(), Error> {
        check_label(self.generated_by.as_deref())?;
        self.policy().map(drop)
    }

    /// Builds the retry plan from the evidence and records it (refused over evidence with
    /// problems).
    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let input = self;
        let policy = input.policy()?;
        let plan = retry_plan::build(
            deliveries(env.evidence),
            acknowledgements(env.evidence),
            &policy,
            env.now,
            env.label(input.generated_by.as_deref()),
        )?;
        let recorded = env.record(&plan, Basis::Derived)?;
        Ok(Recording::new("retry_plan", plan, Some(Ok(recorded))))
    }
}

/// The escalation deliveries of the evidence.
pub fn deliveries(evidence: &Evidence) -> Vec<&DeliveryFact> {
    evidence.escalation_deliveries().collect()
}

/// The acknowledgements of the evidence.
pub fn acknowledgements(evidence: &Evidence) -> Vec<&AckFact> {
    evidence.acks().collect()
}

impl Show for Plan {
    fn show(&self, style: Style) -> Result<String, Error> {
        output::document(
            style,
            self,
            || vec![summary_grid(self), decisions_grid(self)],
            1,
        )
    }
}

fn summary_grid(p: &Plan) -> Grid {
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

fn decisions_grid(p: &Plan) -> Grid {
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
    )
    .with_keys(&[
        "plan_id",
        "provider",
        "action",
        "retry_count",
        "max_retry_attempts",
        "retry_delay_minutes",
        "latest_delivery_at",
        "next_retry_at",
        "acknowledged",
        "failed_status_codes",
        "latest_delivery_id",
        "reason",
    ]);
    for d in &p.retry_decisions {
        let tone = match d.action {
            "retry" => Tone::Bad,
            "wait" => Tone::Warn,
            _ => Tone::Plain,
        };
        let codes = d.failed_status_codes.to_value().to_string();
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
        let input = RetryPlan {
            retry_policy: PolicyInput {
                backoff_multiplier: Some(f64::NAN),
                ..PolicyInput::default()
            },
            ..RetryPlan::default()
        };
        assert_eq!(input.check().unwrap_err().exit_code(), 2);
    }
}
