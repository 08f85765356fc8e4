//! Recovery times (issue 10; not a document of the spec): how long connector recoveries take
//! and how long escalation plans wait for their first acknowledgement.
//!
//! - **Closure minutes** are the recovery rows' `closure_minutes` (§3: floor of playbook
//!   `generated_at` → the row's closure `closed_at`, whatever the closure's state; rows
//!   without a closure or with an unknown instant have none). By provider, overall, and by the
//!   ISO week (UTC) of `closed_at`.
//! - **Time to acknowledge** (MTTA when averaged) is, for each (escalation plan, provider)
//!   with at least one acknowledgement, the floor of the minutes from the plan's
//!   `generated_at` to its earliest `acknowledged_at` (any state). Acknowledgements of
//!   unknown plans, and unknown instants, are left out. By plan, by provider, overall, and by
//!   the ISO week (UTC) of that first acknowledgement.
//!
//! Statistics: count, mean (rounded to 4 decimals like every ratio, §2.5), median, p90 and
//! max. Percentiles use the **nearest-rank** method: the p-th percentile of n sorted values is
//! the value at rank ⌈p·n/100⌉ (1-based), so it is always a value that occurred; the median is
//! the 50th percentile by that rule (the lower middle value when n is even). All are `null`
//! when there are no values. Pure: no I/O, no clock.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::facts::{AckFact, PlanFact};
use crate::model::time::{Ts, parse_ts};

use super::retry::RecoveryRow;

/// The name of the percentile method, as the document says it.
pub const PERCENTILE_METHOD: &str = "nearest-rank";

/// Count, mean, median, p90 and max of a set of minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub count: u64,
    pub mean_minutes: Option<f64>,
    pub median_minutes: Option<i64>,
    pub p90_minutes: Option<i64>,
    pub max_minutes: Option<i64>,
}

/// The value at nearest rank ⌈pct·n/100⌉ of sorted values (none when empty).
pub fn nearest_rank(sorted: &[i64], pct: u64) -> Option<i64> {
    let n = sorted.len() as u64;
    if n == 0 {
        return None;
    }
    let rank = (pct * n).div_ceil(100).clamp(1, n);
    sorted.get(rank as usize - 1).copied()
}

impl Stats {
    /// The statistics of `values` (any order).
    pub fn of(values: &[i64]) -> Stats {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let sum: i128 = sorted.iter().map(|v| *v as i128).sum();
        Stats {
            count: sorted.len() as u64,
            mean_minutes: (!sorted.is_empty())
                .then(|| super::round4(sum as f64 / sorted.len() as f64)),
            median_minutes: nearest_rank(&sorted, 50),
            p90_minutes: nearest_rank(&sorted, 90),
            max_minutes: sorted.last().copied(),
        }
    }
}

/// Statistics for one value of a key (a provider, a plan, a week); in JSON the key is a field
/// named after what it is (`provider`, `plan_id`, `week`) before the statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed {
    pub field: &'static str,
    pub key: String,
    pub stats: Stats,
}

impl Serialize for Keyed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry(self.field, &self.key)?;
        m.serialize_entry("count", &self.stats.count)?;
        m.serialize_entry("mean_minutes", &self.stats.mean_minutes)?;
        m.serialize_entry("median_minutes", &self.stats.median_minutes)?;
        m.serialize_entry("p90_minutes", &self.stats.p90_minutes)?;
        m.serialize_entry("max_minutes", &self.stats.max_minutes)?;
        m.end()
    }
}

/// One set of minutes, overall and grouped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub overall: Stats,
    pub by_provider: Vec<Keyed>,
    pub by_week: Vec<Keyed>,
}

/// The time from a plan to the first acknowledgement of one of its providers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FirstAck {
    pub plan_id: String,
    pub provider: String,
    /// The plan's generated_at and the first acknowledgement's instant, in UTC.
    pub generated_at: String,
    pub first_acknowledged_at: String,
    pub minutes: i64,
}

/// Time to acknowledge: the breakdown, by plan too, and each (plan, provider).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AckTimes {
    #[serde(flatten)]
    pub breakdown: Breakdown,
    pub by_plan: Vec<Keyed>,
    pub first_acknowledgements: Vec<FirstAck>,
}

/// The recovery-times document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecoveryTimes {
    pub percentile_method: &'static str,
    pub closure_minutes: Breakdown,
    pub time_to_acknowledge: AckTimes,
}

/// Groups `(key, minutes)` into sorted keyed statistics.
fn keyed<'a>(field: &'static str, pairs: impl Iterator<Item = (&'a str, i64)>) -> Vec<Keyed> {
    let mut groups: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for (k, v) in pairs {
        groups.entry(k).or_default().push(v);
    }
    groups
        .into_iter()
        .map(|(k, vs)| Keyed {
            field,
            key: k.to_owned(),
            stats: Stats::of(&vs),
        })
        .collect()
}

/// One observation: provider, week, minutes.
struct Obs {
    provider: String,
    week: String,
    minutes: i64,
}

fn breakdown(obs: &[Obs]) -> Breakdown {
    let all: Vec<i64> = obs.iter().map(|o| o.minutes).collect();
    Breakdown {
        overall: Stats::of(&all),
        by_provider: keyed(
            "provider",
            obs.iter().map(|o| (o.provider.as_str(), o.minutes)),
        ),
        by_week: keyed("week", obs.iter().map(|o| (o.week.as_str(), o.minutes))),
    }
}

/// The closure minutes of the rows that have them, with the ISO week of their closed_at.
pub fn closure_observations(rows: &[RecoveryRow]) -> Vec<(String, String, i64)> {
    rows.iter()
        .filter_map(|r| {
            let minutes = r.closure_minutes?;
            let week = parse_ts(&r.closed_at).map_or_else(|| "unknown".to_owned(), Ts::iso_week);
            Some((r.provider.clone(), week, minutes))
        })
        .collect()
}

/// The first acknowledgement of each (plan, provider) of known plans, in (plan, provider)
/// order. Equal instants: any of them is the first (they give the same minutes).
pub fn first_acknowledgements<'a>(
    plans: impl IntoIterator<Item = &'a PlanFact>,
    acks: impl IntoIterator<Item = &'a AckFact>,
) -> Vec<FirstAck> {
    let plans: BTreeMap<&str, Ts> = plans
        .into_iter()
        .filter_map(|p| Some((p.id.as_str(), p.at?)))
        .collect();
    let mut first: BTreeMap<(&str, &str), Ts> = BTreeMap::new();
    for a in acks {
        let (Some(at), true) = (a.at, plans.contains_key(a.plan_id.as_str())) else {
            continue;
        };
        first
            .entry((a.plan_id.as_str(), a.provider.as_str()))
            .and_modify(|t| *t = (*t).min(at))
            .or_insert(at);
    }
    first
        .into_iter()
        .map(|((plan, provider), at)| {
            let generated = plans[plan];
            FirstAck {
                plan_id: plan.to_owned(),
                provider: provider.to_owned(),
                generated_at: generated.to_rfc3339(),
                first_acknowledged_at: at.to_rfc3339(),
                minutes: at.minutes_since(generated),
            }
        })
        .collect()
}

/// Builds the document from the report's rows, the plans and the acknowledgements.
pub fn build<'a>(
    rows: &[RecoveryRow],
    plans: impl IntoIterator<Item = &'a PlanFact>,
    acks: impl IntoIterator<Item = &'a AckFact>,
) -> RecoveryTimes {
    let closures: Vec<Obs> = closure_observations(rows)
        .into_iter()
        .map(|(provider, week, minutes)| Obs {
            provider,
            week,
            minutes,
        })
        .collect();
    let firsts = first_acknowledgements(plans, acks);
    let ack_obs: Vec<Obs> = firsts
        .iter()
        .map(|f| Obs {
            provider: f.provider.clone(),
            week: parse_ts(&f.first_acknowledged_at)
                .map_or_else(|| "unknown".to_owned(), Ts::iso_week),
            minutes: f.minutes,
        })
        .collect();
    RecoveryTimes {
        percentile_method: PERCENTILE_METHOD,
        closure_minutes: breakdown(&closures),
        time_to_acknowledge: AckTimes {
            breakdown: breakdown(&ack_obs),
            by_plan: keyed(
                "plan_id",
                firsts.iter().map(|f| (f.plan_id.as_str(), f.minutes)),
            ),
            first_acknowledgements: firsts,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(values: &[i64]) -> (u64, Option<f64>, Option<i64>, Option<i64>, Option<i64>) {
        let s = Stats::of(values);
        (
            s.count,
            s.mean_minutes,
            s.median_minutes,
            s.p90_minutes,
            s.max_minutes,
        )
    }

    #[test]
    fn nearest_rank_by_hand() {
        // n = 10, sorted 1..=10: median rank ⌈50·10/100⌉ = 5 → 5; p90 rank ⌈90·10/100⌉ = 9
        // → 9; mean 55/10 = 5.5.
        let ten: Vec<i64> = (1..=10).rev().collect();
        assert_eq!(stats(&ten), (10, Some(5.5), Some(5), Some(9), Some(10)));
        // n = 1: every rank is 1.
        assert_eq!(stats(&[42]), (1, Some(42.0), Some(42), Some(42), Some(42)));
        // n = 3, sorted [10, 20, 40]: median rank ⌈1.5⌉ = 2 → 20; p90 rank ⌈2.7⌉ = 3 → 40;
        // mean 70/3 = 23.3333 (4 decimals).
        assert_eq!(
            stats(&[40, 10, 20]),
            (3, Some(23.3333), Some(20), Some(40), Some(40))
        );
        // n = 4, sorted [-5, 0, 7, 100]: median rank 2 → 0 (the lower middle); p90 rank
        // ⌈3.6⌉ = 4 → 100; a negative minute (closed before generated) counts as given.
        assert_eq!(
            stats(&[100, -5, 7, 0]),
            (4, Some(25.5), Some(0), Some(100), Some(100))
        );
        assert_eq!(stats(&[]), (0, None, None, None, None));
    }

    fn plan(id: &str, at: &str) -> PlanFact {
        PlanFact {
            id: id.to_owned(),
            selected_providers: Vec::new(),
            at: parse_ts(at),
        }
    }

    fn ack(plan: &str, provider: &str, at: &str) -> AckFact {
        AckFact {
            id: format!("{plan}-{provider}-{at}"),
            plan_id: plan.to_owned(),
            provider: provider.to_owned(),
            state: "accepted".to_owned(),
            at: parse_ts(at),
        }
    }

    #[test]
    fn first_acknowledgement_per_plan_and_provider() {
        let plans = [
            plan("p1", "2026-06-01T07:30:00Z"),
            plan("p2", "2026-05-25T10:00:00Z"),
        ];
        let acks = [
            // p1/jira: 07:45 and 07:40 → the first is 07:40, 10 minutes.
            ack("p1", "jira", "2026-06-01T07:45:00Z"),
            ack("p1", "jira", "2026-06-01T07:40:00Z"),
            // p1/splunk: 07:30:59 → 0 minutes (floored).
            ack("p1", "splunk", "2026-06-01T07:30:59Z"),
            // p2/jira: 2026-05-25T12:00 → 120 minutes, ISO week 2026-W22 (Monday 05-25).
            ack("p2", "jira", "2026-05-25T12:00:00Z"),
            // Unknown plan, unknown instant: left out.
            ack("nope", "jira", "2026-06-01T07:45:00Z"),
            ack("p2", "splunk", ""),
        ];
        let t = build(&[], &plans, &acks).time_to_acknowledge;
        let firsts: Vec<(&str, &str, i64)> = t
            .first_acknowledgements
            .iter()
            .map(|f| (f.plan_id.as_str(), f.provider.as_str(), f.minutes))
            .collect();
        assert_eq!(
            firsts,
            [("p1", "jira", 10), ("p1", "splunk", 0), ("p2", "jira", 120)]
        );
        // jira: [10, 120] → mean 65, median rank 1 → 10, p90 rank 2 → 120.
        let jira = &t.breakdown.by_provider[0];
        assert_eq!(jira.key, "jira");
        assert_eq!(
            (
                jira.stats.count,
                jira.stats.mean_minutes,
                jira.stats.median_minutes,
                jira.stats.p90_minutes
            ),
            (2, Some(65.0), Some(10), Some(120))
        );
        // By plan: p1 [0, 10] → mean 5, median 0; p2 [120].
        let by_plan: Vec<(&str, Option<f64>, Option<i64>)> = t
            .by_plan
            .iter()
            .map(|k| (k.key.as_str(), k.stats.mean_minutes, k.stats.median_minutes))
            .collect();
        assert_eq!(
            by_plan,
            [("p1", Some(5.0), Some(0)), ("p2", Some(120.0), Some(120))]
        );
        // Weeks: 2026-05-25 is Monday of W22; 2026-06-01 is Monday of W23.
        let weeks: Vec<(&str, u64)> = t
            .breakdown
            .by_week
            .iter()
            .map(|k| (k.key.as_str(), k.stats.count))
            .collect();
        assert_eq!(weeks, [("2026-W22", 1), ("2026-W23", 2)]);
    }
}
