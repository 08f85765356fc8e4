//! The recovery escalation delivery retry plan (§4.4): one decision per (plan, provider) of
//! failed escalation deliveries — `suppress`, `wait` or `retry` — from the deliveries, the
//! acknowledgements, the retry policy and now.
//!
//! Delays are computed as the original did: `base × backoff^(n−1)` minutes in `f64`, capped
//! at 100 years, then turned into whole microseconds the way Python's `timedelta(minutes=x)`
//! does (the whole minutes exactly, the fraction × 60,000,000 rounded half to even).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::error::Error;
use crate::model::canon::derive_id;
use crate::model::facts::{AckFact, DeliveryFact};
use crate::model::json::OwnedJson;
use crate::model::kind::Kind;
use crate::model::time::Ts;

use super::ack::ACKNOWLEDGING_STATES;
use super::{PRODUCT, later};

/// Retry plan controls (appendix A).
pub const CONTROLS: [&str; 3] = [
    "recovery-escalation-retry-plan-derived-from-redacted-connector-delivery-metadata",
    "retry-plan-contains-no-provider-credentials",
    "operator-or-private-connector-executes-side-effects",
];

pub const DEFAULT_MAX_ATTEMPTS: u64 = 3;
pub const DEFAULT_DELAY_MINUTES: u64 = 15;
pub const DEFAULT_BACKOFF: f64 = 2.0;
/// The longest delay: 100 years of 365 days, in minutes.
pub const MAX_DELAY_MINUTES: f64 = 52_560_000.0;

const MICROS_PER_MINUTE: i128 = 60_000_000;

/// The effective retry policy (defaults and floors applied).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    pub max_retry_attempts: u64,
    pub retry_delay_minutes: u64,
    pub backoff_multiplier: f64,
    pub allow_immediate_retry: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::effective(None, None, None, false)
    }
}

impl RetryPolicy {
    /// Applies the defaults and floors of §4.4 to requested values (which the caller has
    /// checked: no negative or non-finite backoff). Max attempts 0 means the default; the
    /// delay defaults to 15, or 0 with immediate retries, and is at least 1 without them; a
    /// backoff below 1.0 becomes 1.0.
    pub fn effective(
        max_attempts: Option<u64>,
        delay_minutes: Option<u64>,
        backoff: Option<f64>,
        allow_immediate: bool,
    ) -> RetryPolicy {
        let max_retry_attempts = match max_attempts {
            None | Some(0) => DEFAULT_MAX_ATTEMPTS,
            Some(n) => n,
        };
        let delay = delay_minutes.unwrap_or(if allow_immediate {
            0
        } else {
            DEFAULT_DELAY_MINUTES
        });
        let retry_delay_minutes = if allow_immediate { delay } else { delay.max(1) };
        let backoff = backoff.unwrap_or(DEFAULT_BACKOFF);
        // `max` also maps a NaN (refused earlier) to 1.0.
        let backoff_multiplier = backoff.max(1.0);
        RetryPolicy {
            max_retry_attempts,
            retry_delay_minutes,
            backoff_multiplier,
            allow_immediate_retry: allow_immediate,
        }
    }

    /// The delay before attempt `n + 1`, in whole microseconds: `base × backoff^(n−1)`
    /// minutes, at most 100 years, rounded to the microsecond (ties to even).
    pub fn delay_micros(&self, n: u64) -> i128 {
        if self.retry_delay_minutes == 0 {
            return 0;
        }
        let exp = n.saturating_sub(1) as f64;
        let minutes = (self.retry_delay_minutes as f64 * self.backoff_multiplier.powf(exp))
            .min(MAX_DELAY_MINUTES);
        let whole = minutes.trunc();
        let frac = minutes - whole;
        whole as i128 * MICROS_PER_MINUTE
            + (frac * MICROS_PER_MINUTE as f64).round_ties_even() as i128
    }
}

/// One decision, fields in the spec's order.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RetryDecision {
    pub plan_id: String,
    pub provider: String,
    #[schemars(extend("enum" = ["retry", "wait", "suppress"]))]
    pub action: &'static str,
    pub reason: String,
    pub retry_count: u64,
    pub max_retry_attempts: u64,
    pub retry_delay_minutes: u64,
    pub latest_delivery_id: String,
    pub latest_delivery_at: String,
    pub next_retry_at: String,
    #[schemars(schema_with = "super::shape::status_codes")]
    pub failed_status_codes: OwnedJson,
    pub acknowledged: bool,
}

super::shape::generated_document! {
    /// The retry plan, fields in the spec's order.
    pub struct RetryPlan (Kind::RetryPlan, id: retry_plan_id, controls: &CONTROLS) {
        pub decision_count: u64,
        pub retryable_count: u64,
        pub waiting_count: u64,
        pub suppressed_count: u64,
        pub max_retry_attempts: u64,
        pub base_retry_delay_minutes: u64,
        pub allow_immediate_retry: bool,
        pub backoff_multiplier: f64,
        pub retry_decisions: Vec<RetryDecision>,
        pub controls: Vec<&'static str>,
    }
}

/// The decisions for failed escalation deliveries, in (plan_id, provider) order.
///
/// A `next_retry_at` that would fall outside the years 0000–9999 in UTC (a delivery dated at
/// the end of the grammar plus a long delay) is an invalid-input error (exit 3): cavra never
/// writes a timestamp it cannot read back.
pub fn decisions<'a>(
    deliveries: impl IntoIterator<Item = &'a DeliveryFact>,
    acks: impl IntoIterator<Item = &'a AckFact>,
    policy: &RetryPolicy,
    now: Ts,
) -> Result<Vec<RetryDecision>, Error> {
    decide(deliveries, acks, policy, now)
        .into_iter()
        .map(|(mut d, next)| {
            let next = next.unwrap_or(now);
            d.next_retry_at = next
                .to_rfc3339_checked(&format!(
                    "next_retry_at of plan {:?}, provider {:?} (latest delivery {:?} at {:?} + {} minutes)",
                    d.plan_id, d.provider, d.latest_delivery_id, d.latest_delivery_at, d.retry_delay_minutes
                ))
                .map_err(|e| {
                    e.with_hint(
                        "lower the retry delay or the backoff multiplier, or correct the created_at of that delivery in the evidence",
                    )
                })?;
            Ok(d)
        })
        .collect()
}

/// The number of `retry` decisions (the dashboard's retryable deliveries): no timestamp is
/// written, so none can fall outside the grammar.
pub fn retryable_count<'a>(
    deliveries: impl IntoIterator<Item = &'a DeliveryFact>,
    acks: impl IntoIterator<Item = &'a AckFact>,
    policy: &RetryPolicy,
    now: Ts,
) -> u64 {
    decide(deliveries, acks, policy, now)
        .iter()
        .filter(|(d, _)| d.action == "retry")
        .count() as u64
}

/// The decisions with `next_retry_at` left empty, each with its instant (`None`: the
/// latest delivery's time is unknown, so next is now).
fn decide<'a>(
    deliveries: impl IntoIterator<Item = &'a DeliveryFact>,
    acks: impl IntoIterator<Item = &'a AckFact>,
    policy: &RetryPolicy,
    now: Ts,
) -> Vec<(RetryDecision, Option<Ts>)> {
    // (plan_id, provider) → (n, latest delivery).
    let mut groups: BTreeMap<(&str, &str), (u64, &DeliveryFact)> = BTreeMap::new();
    for d in deliveries {
        if d.delivery_success == Some(true) {
            continue;
        }
        for p in &d.providers {
            groups
                .entry((d.plan_id.as_str(), p.as_str()))
                .and_modify(|(n, latest)| {
                    *n += 1;
                    if later((d.at, &d.id), (latest.at, &latest.id)) {
                        *latest = d;
                    }
                })
                .or_insert((1, d));
        }
    }
    let acknowledged: HashSet<(&str, &str)> = acks
        .into_iter()
        .filter(|a| ACKNOWLEDGING_STATES.contains(&a.state.as_str()))
        .map(|a| (a.plan_id.as_str(), a.provider.as_str()))
        .collect();

    groups
        .into_iter()
        .map(|((plan_id, provider), (n, latest))| {
            let delay = policy.delay_micros(n);
            let delay_minutes = (delay / MICROS_PER_MINUTE) as u64;
            let next = latest
                .at
                .map(|at| Ts::from_nanos(at.as_nanos() + delay * 1000));
            let (action, reason) = if n >= policy.max_retry_attempts {
                (
                    "suppress",
                    format!(
                        "maximum retry attempts {} reached",
                        policy.max_retry_attempts
                    ),
                )
            } else if next.is_some_and(|next| now < next) {
                (
                    "wait",
                    format!("retry delay {delay_minutes} minutes has not elapsed"),
                )
            } else {
                (
                    "retry",
                    "failed recovery escalation delivery is eligible for retry".to_owned(),
                )
            };
            let decision = RetryDecision {
                plan_id: plan_id.to_owned(),
                provider: provider.to_owned(),
                action,
                reason,
                retry_count: n,
                max_retry_attempts: policy.max_retry_attempts,
                retry_delay_minutes: delay_minutes,
                latest_delivery_id: latest.latest_id.clone(),
                latest_delivery_at: latest.created_at.clone(),
                next_retry_at: String::new(),
                failed_status_codes: latest.status_codes.clone(),
                acknowledged: acknowledged.contains(&(plan_id, provider)),
            };
            (decision, next)
        })
        .collect()
}

/// Builds the retry plan.
pub fn build<'a>(
    deliveries: impl IntoIterator<Item = &'a DeliveryFact>,
    acks: impl IntoIterator<Item = &'a AckFact>,
    policy: &RetryPolicy,
    now: Ts,
    generated_by: &str,
) -> Result<RetryPlan, Error> {
    let retry_decisions = decisions(deliveries, acks, policy, now)?;
    let count = |action: &str| {
        retry_decisions
            .iter()
            .filter(|d| d.action == action)
            .count() as u64
    };
    let (retryable, waiting, suppressed) = (count("retry"), count("wait"), count("suppress"));
    let generated_at = now.to_rfc3339_checked("generated_at (now)")?;
    let retry_plan_id = derive_id(
        Kind::RetryPlan.info().id_prefix,
        &serde_json::json!({
            "generated_at": generated_at,
            "retry_decisions": retry_decisions,
        }),
    );
    Ok(RetryPlan {
        schema_version: Kind::RetryPlan.schema_version(),
        product: PRODUCT,
        retry_plan_id,
        generated_at,
        generated_by: generated_by.to_owned(),
        alert_level: if retryable > 0 {
            "critical"
        } else if waiting > 0 {
            "warning"
        } else {
            "healthy"
        },
        decision_count: retry_decisions.len() as u64,
        retryable_count: retryable,
        waiting_count: waiting,
        suppressed_count: suppressed,
        max_retry_attempts: policy.max_retry_attempts,
        base_retry_delay_minutes: policy.retry_delay_minutes,
        allow_immediate_retry: policy.allow_immediate_retry,
        backoff_multiplier: policy.backoff_multiplier,
        retry_decisions,
        controls: CONTROLS.to_vec(),
    })
}

crate::document!(
    RetryPlan, Kind::RetryPlan, id: retry_plan_id, at: generated_at, by: generated_by,
    counts: |p| [p.decision_count, p.suppressed_count, p.retryable_count],
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::Json;
    use crate::model::stored::Document;
    use crate::model::time::parse_ts;

    fn ts(s: &str) -> Ts {
        parse_ts(s).unwrap()
    }

    /// A failed escalation delivery of `plan` for `providers`.
    fn delivery(id: &str, plan: &str, providers: &[&str], created_at: &str) -> DeliveryFact {
        DeliveryFact {
            id: id.to_owned(),
            plan_id: plan.to_owned(),
            latest_id: id.to_owned(),
            providers: providers.iter().map(|p| (*p).to_owned()).collect(),
            delivery_success: Some(false),
            status_codes: Json::Arr(vec![Json::Num(503.into())]),
            created_at: created_at.to_owned(),
            at: parse_ts(created_at),
        }
    }

    fn ack(plan: &str, provider: &str, state: &str) -> AckFact {
        AckFact {
            id: format!("ack-{plan}-{provider}-{state}"),
            plan_id: plan.to_owned(),
            provider: provider.to_owned(),
            state: state.to_owned(),
            at: None,
        }
    }

    fn policy(max: u64, delay: u64, backoff: f64) -> RetryPolicy {
        RetryPolicy::effective(Some(max), Some(delay), Some(backoff), false)
    }

    #[test]
    fn policy_defaults_and_floors() {
        let d = RetryPolicy::default();
        assert_eq!(
            (
                d.max_retry_attempts,
                d.retry_delay_minutes,
                d.backoff_multiplier,
                d.allow_immediate_retry
            ),
            (3, 15, 2.0, false)
        );
        // (max, delay, backoff, immediate) → (max, delay, backoff)
        type Requested = (Option<u64>, Option<u64>, Option<f64>, bool);
        let cases: [(Requested, (u64, u64, f64)); 9] = [
            ((Some(0), None, None, false), (3, 15, 2.0)),
            ((Some(1), None, None, false), (1, 15, 2.0)),
            ((Some(7), Some(0), None, false), (7, 1, 2.0)),
            ((None, Some(0), None, true), (3, 0, 2.0)),
            ((None, None, None, true), (3, 0, 2.0)),
            ((None, Some(5), None, true), (3, 5, 2.0)),
            ((None, None, Some(0.5), false), (3, 15, 1.0)),
            ((None, None, Some(0.0), false), (3, 15, 1.0)),
            ((None, None, Some(1.5), false), (3, 15, 1.5)),
        ];
        for ((max, delay, backoff, immediate), want) in cases {
            let p = RetryPolicy::effective(max, delay, backoff, immediate);
            assert_eq!(
                (
                    p.max_retry_attempts,
                    p.retry_delay_minutes,
                    p.backoff_multiplier
                ),
                want,
                "{max:?} {delay:?} {backoff:?} {immediate}"
            );
        }
    }

    #[test]
    fn backoff_delays() {
        // delay = base × backoff^(n−1) minutes, in microseconds (60,000,000 per minute).
        let cases: [(u64, f64, u64, i128); 9] = [
            (15, 2.0, 1, 15 * 60_000_000),              // 15 × 2^0
            (15, 2.0, 2, 30 * 60_000_000),              // 15 × 2^1
            (15, 2.0, 3, 60 * 60_000_000),              // 15 × 2^2
            (10, 1.5, 2, 15 * 60_000_000),              // 10 × 1.5
            (10, 1.5, 3, 22 * 60_000_000 + 30_000_000), // 10 × 2.25 = 22.5 min
            (1, 1.0, 50, 60_000_000),                   // backoff 1: constant
            // 1 × 1.1^2 = 1.2100000000000002 min → the fraction 0.2100000000000002 ×
            // 60,000,000 = 12,600,000.000000012 → 12,600,000 µs.
            (1, 1.1, 3, 72_600_000),
            // 2^40 × 7 minutes is far beyond 100 years: capped at 52,560,000 minutes.
            (7, 2.0, 41, 52_560_000 * 60_000_000),
            // An overflowing power (inf) is capped as well.
            (7, 1e300, 5, 52_560_000 * 60_000_000),
        ];
        for (base, backoff, n, want) in cases {
            assert_eq!(
                policy(3, base, backoff).delay_micros(n),
                want,
                "{base} × {backoff}^({n}−1)"
            );
        }
        // Base 0 (immediate retries) gives 0 whatever the backoff.
        let immediate = RetryPolicy::effective(None, Some(0), Some(3.0), true);
        assert_eq!(immediate.delay_micros(5), 0);
    }

    #[test]
    fn rounding_to_the_microsecond_ties_to_even() {
        // 120,000,000 = 2^9 × 3 × 5^7, so a fraction of 1/512 minute is exactly
        // 60,000,000 / 512 = 117,187.5 µs, and 3/512 minute exactly 351,562.5 µs: true ties,
        // exact in binary (backoffs 1 + 1/512 = 1.001953125 and 1 + 3/512 = 1.005859375).
        // Ties go to the even neighbour: 117,188 (up) and 351,562 (down, where rounding half
        // away from zero would give 351,563).
        assert_eq!(policy(3, 1, 1.001953125).delay_micros(2), 60_117_188);
        assert_eq!(policy(3, 1, 1.005859375).delay_micros(2), 60_351_562);
        // Not a tie: 0.0000000125 min is 0.75 µs (up to a rounding error far below 0.25 µs
        // in the stored fraction), which rounds to 1 µs.
        assert_eq!(policy(3, 1, 1.0000000125).delay_micros(2), 60_000_001);
        // Whole minutes are truncated from the rounded value: 1.001953125 min → 1 minute.
        let d = decisions(
            &[delivery("d", "p", &["jira"], "2026-06-01T07:00:00Z")],
            &[],
            &RetryPolicy::effective(Some(3), Some(1), Some(1.001953125), false),
            ts("2026-06-01T07:00:00Z"),
        )
        .unwrap();
        assert_eq!(d[0].retry_delay_minutes, 1);
        // n = 1: backoff^0 = 1, so the delay is the base: next is 07:01:00.
        assert_eq!(d[0].next_retry_at, "2026-06-01T07:01:00Z");
        let d = decisions(
            &[
                delivery("d1", "p", &["jira"], "2026-06-01T06:00:00Z"),
                delivery("d2", "p", &["jira"], "2026-06-01T07:00:00Z"),
            ],
            &[],
            &RetryPolicy::effective(Some(3), Some(1), Some(1.001953125), false),
            ts("2026-06-01T07:00:00Z"),
        )
        .unwrap();
        // n = 2: 60,117,188 µs = 1 min 0.117188 s after 07:00:00.
        assert_eq!(d[0].next_retry_at, "2026-06-01T07:01:00.117188Z");
        assert_eq!(d[0].retry_delay_minutes, 1);
    }

    #[test]
    fn boundaries() {
        let t0 = "2026-06-01T07:00:00Z";
        // Max 3, delay 15 × 2^(n−1): n = 2 gives 30 minutes, so latest + delay = 07:30:00.
        let two = [
            delivery("d1", "p", &["jira"], "2026-06-01T06:00:00Z"),
            delivery("d2", "p", &["jira"], t0),
        ];
        let three = [
            delivery("d1", "p", &["jira"], "2026-06-01T06:00:00Z"),
            delivery("d2", "p", &["jira"], "2026-06-01T06:30:00Z"),
            delivery("d3", "p", &["jira"], t0),
        ];
        let pol = policy(3, 15, 2.0);
        let one =
            |ds: &[DeliveryFact], now: &str| decisions(ds, &[], &pol, ts(now)).unwrap().remove(0);
        // n = max − 1 = 2, one second before latest + delay: wait.
        let d = one(&two, "2026-06-01T07:29:59Z");
        assert_eq!((d.action, d.retry_count), ("wait", 2));
        assert_eq!(d.reason, "retry delay 30 minutes has not elapsed");
        assert_eq!(d.next_retry_at, "2026-06-01T07:30:00Z");
        // Exactly latest + delay: retry (now < next is false).
        let d = one(&two, "2026-06-01T07:30:00Z");
        assert_eq!(d.action, "retry");
        assert_eq!(
            d.reason,
            "failed recovery escalation delivery is eligible for retry"
        );
        // n = max = 3: suppressed, even long after the delay (delay 15 × 4 = 60 minutes).
        let d = one(&three, "2026-06-02T00:00:00Z");
        assert_eq!((d.action, d.retry_count), ("suppress", 3));
        assert_eq!(d.reason, "maximum retry attempts 3 reached");
        assert_eq!(d.retry_delay_minutes, 60);
        assert_eq!(d.next_retry_at, "2026-06-01T08:00:00Z");
        // And within the delay too: suppress wins over wait.
        assert_eq!(one(&three, "2026-06-01T07:00:01Z").action, "suppress");
        // A fractional now one nanosecond before the boundary still waits.
        assert_eq!(one(&two, "2026-06-01T07:29:59.999999999Z").action, "wait");
    }

    #[test]
    fn groups_latest_and_acknowledgements() {
        let mut unknown_time = delivery("d9", "q", &["teams"], "not a time");
        unknown_time.status_codes = Json::Arr(vec![Json::Null]);
        let mut ok = delivery("d5", "p", &["jira"], "2026-06-01T07:59:00Z");
        ok.delivery_success = Some(true);
        let mut missing = delivery("d6", "p", &["slack"], "2026-06-01T05:00:00Z");
        missing.delivery_success = None;
        let ds = vec![
            // Two deliveries at the same instant: the smaller id (d2) counts as the later.
            delivery("d3", "p", &["jira", "servicenow"], "2026-06-01T06:00:00Z"),
            delivery("d2", "p", &["jira"], "2026-06-01T08:00:00+02:00"),
            ok,
            missing,
            unknown_time,
            delivery("d1", "", &["webhook"], "2026-06-01T07:50:00Z"),
        ];
        let acks = [
            ack("p", "jira", "accepted"),
            ack("p", "servicenow", "deferred"),
            ack("q", "teams", "resolved"),
            ack("other", "slack", "acknowledged"),
        ];
        let now = ts("2026-06-01T08:00:00Z");
        let plan = build(&ds, &acks, &RetryPolicy::default(), now, "test").unwrap();
        let rows: Vec<(&str, &str, &str, u64, &str, &str, bool)> = plan
            .retry_decisions
            .iter()
            .map(|d| {
                (
                    d.plan_id.as_str(),
                    d.provider.as_str(),
                    d.action,
                    d.retry_count,
                    d.latest_delivery_id.as_str(),
                    d.next_retry_at.as_str(),
                    d.acknowledged,
                )
            })
            .collect();
        // By hand, groups in (plan_id, provider) order ("" sorts first):
        // ("", webhook): n 1, latest 07:50 + 15 = 08:05 > 08:00 → wait.
        // (p, jira): d3 at 06:00 and d2 at 06:00 (08:00+02:00): tie → d2 (smaller id);
        //   n 2, 06:00 + 30 = 06:30 ≤ 08:00 → retry; acknowledged (accepted).
        // (p, servicenow): d3 only → 06:15 → retry; deferred does not acknowledge.
        // (p, slack): delivery_success missing counts as failed → 05:15 → retry.
        // (q, teams): created_at unknown → next is now, retry; resolved acknowledges.
        // d5 succeeded: no group of its own (p, jira already exists without it: n stays 2).
        assert_eq!(
            rows,
            vec![
                (
                    "",
                    "webhook",
                    "wait",
                    1,
                    "d1",
                    "2026-06-01T08:05:00Z",
                    false
                ),
                ("p", "jira", "retry", 2, "d2", "2026-06-01T06:30:00Z", true),
                (
                    "p",
                    "servicenow",
                    "retry",
                    1,
                    "d3",
                    "2026-06-01T06:15:00Z",
                    false
                ),
                (
                    "p",
                    "slack",
                    "retry",
                    1,
                    "d6",
                    "2026-06-01T05:15:00Z",
                    false
                ),
                ("q", "teams", "retry", 1, "d9", "2026-06-01T08:00:00Z", true),
            ]
        );
        assert_eq!(
            plan.retry_decisions[1].latest_delivery_at, "2026-06-01T08:00:00+02:00",
            "echoed as written"
        );
        assert_eq!(
            plan.retry_decisions[4].failed_status_codes,
            Json::Arr(vec![Json::Null])
        );
        assert_eq!(plan.alert_level, "critical");
        assert_eq!(
            (
                plan.decision_count,
                plan.retryable_count,
                plan.waiting_count,
                plan.suppressed_count
            ),
            (5, 4, 1, 0)
        );
        let s = plan.stored();
        assert_eq!(
            (s.decision_count, s.blocked_count, s.approval_required_count),
            (5, 0, 4)
        );
    }

    #[test]
    fn alert_levels_and_id() {
        let now = ts("2026-06-01T08:00:00Z");
        let empty = build(&[], &[], &RetryPolicy::default(), now, "t").unwrap();
        assert_eq!(empty.alert_level, "healthy");
        assert_eq!(empty.decision_count, 0);
        // The id covers generated_at and the decisions only: by hand, the canonical JSON of
        // {"generated_at": "...", "retry_decisions": []}.
        let material = r#"{"generated_at":"2026-06-01T08:00:00Z","retry_decisions":[]}"#;
        assert_eq!(
            empty.retry_plan_id,
            format!(
                "gordackrecoveryescretry-{}",
                &crate::model::canon::sha256_hex(material)[..16]
            )
        );
        let waiting = [delivery("d", "p", &["jira"], "2026-06-01T07:59:00Z")];
        let plan = build(&waiting, &[], &RetryPolicy::default(), now, "t").unwrap();
        assert_eq!(plan.alert_level, "warning");
        let suppressed = [delivery("d", "p", &["jira"], "2026-06-01T07:59:00Z")];
        let plan = build(&suppressed, &[], &policy(1, 15, 2.0), now, "t").unwrap();
        assert_eq!(plan.alert_level, "healthy");
        assert_eq!(plan.suppressed_count, 1);
        assert_eq!(plan.stored().blocked_count, 1);
    }

    #[test]
    fn next_retry_at_stays_in_the_grammar_or_the_plan_fails() {
        // A delivery at 9999-12-31T23:59:59-23:59 is 10000-01-01T23:58:59Z: even a delay of
        // 0 gives a next_retry_at after 9999 (the issue's case used the 100-year cap).
        let late = [delivery("d", "p", &["jira"], "9999-12-31T23:59:59-23:59")];
        let now = ts("2026-06-01T08:00:00Z");
        for pol in [
            RetryPolicy::effective(Some(3), Some(u64::MAX), None, false),
            RetryPolicy::effective(Some(3), Some(0), None, true),
        ] {
            let e = build(&late, &[], &pol, now, "t").unwrap_err();
            assert_eq!(e.exit_code(), 3);
            let text = e.to_string();
            assert!(text.contains("after 9999-12-31T23:59:59Z"), "{text}");
            assert!(text.contains(r#"latest delivery "d""#), "{text}");
        }
        // 9999-12-31T23:00:00Z + 15 minutes is 23:15: still written, and it parses back.
        let edge = [delivery("d", "p", &["jira"], "9999-12-31T23:00:00Z")];
        let plan = build(&edge, &[], &RetryPolicy::default(), now, "t").unwrap();
        assert_eq!(
            plan.retry_decisions[0].next_retry_at,
            "9999-12-31T23:15:00Z"
        );
        // The dashboard counts decisions without writing next_retry_at: the late delivery
        // waits (now is before its next retry) and nothing fails.
        assert_eq!(retryable_count(&late, &[], &RetryPolicy::default(), now), 0);
        // 0000-01-01T00:00:00+00:01 is a minute before year 0 in UTC; a delay of 1 minute
        // brings it back to 0000-01-01T00:00:00Z exactly, which is written.
        let early = [delivery("d", "p", &["jira"], "0000-01-01T00:00:00+00:01")];
        let pol = RetryPolicy::effective(Some(3), Some(1), None, false);
        let plan = build(&early, &[], &pol, now, "t").unwrap();
        assert_eq!(
            plan.retry_decisions[0].next_retry_at,
            "0000-01-01T00:00:00Z"
        );
        let pol = RetryPolicy::effective(Some(3), Some(0), None, true);
        let e = build(&early, &[], &pol, now, "t").unwrap_err();
        assert!(e.to_string().contains("before 0000-01-01T00:00:00Z"), "{e}");
    }
}
