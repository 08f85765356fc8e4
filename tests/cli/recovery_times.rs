//! `cavra recovery-times` on fixtures, every expected figure derived by hand from the
//! fixture's rows (closure minutes, §3) and its plans and acknowledgements.

use serde::Deserialize;

use crate::common::{cavra, fixture, json_as, root, stdout};

#[derive(Debug, Deserialize, PartialEq)]
struct Stats {
    count: u64,
    mean_minutes: Option<f64>,
    median_minutes: Option<i64>,
    p90_minutes: Option<i64>,
    max_minutes: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct ByProvider {
    provider: String,
    #[serde(flatten)]
    stats: Stats,
}

#[derive(Debug, Deserialize)]
struct ByWeek {
    week: String,
    #[serde(flatten)]
    stats: Stats,
}

#[derive(Debug, Deserialize)]
struct ByPlan {
    plan_id: String,
    #[serde(flatten)]
    stats: Stats,
}

#[derive(Debug, Deserialize)]
struct Closures {
    overall: Stats,
    by_provider: Vec<ByProvider>,
    by_week: Vec<ByWeek>,
}

#[derive(Debug, Deserialize)]
struct FirstAck {
    plan_id: String,
    provider: String,
    generated_at: String,
    first_acknowledged_at: String,
    minutes: i64,
}

#[derive(Debug, Deserialize)]
struct Acks {
    overall: Stats,
    by_provider: Vec<ByProvider>,
    by_week: Vec<ByWeek>,
    by_plan: Vec<ByPlan>,
    first_acknowledgements: Vec<FirstAck>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Times {
    percentile_method: String,
    closure_minutes: Closures,
    time_to_acknowledge: Acks,
}

fn times(dir: &std::path::Path) -> Times {
    let out = cavra(dir)
        .args(["--format", "json", "recovery-times"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    json_as(&out)
}

fn s(count: u64, mean: f64, median: i64, p90: i64, max: i64) -> Stats {
    Stats {
        count,
        mean_minutes: Some(mean),
        median_minutes: Some(median),
        p90_minutes: Some(p90),
        max_minutes: Some(max),
    }
}

#[test]
fn basic_by_hand() {
    let t = times(&fixture("basic"));
    assert_eq!(t.percentile_method, "nearest-rank");
    // basic's rows with a closure (tests/fixtures/basic): servicenow 2026-05-31T20:00 →
    // 06-01T04:00Z = 480; pagerduty 06-01T06:30Z → 09:30+02:00 (07:30Z) = 60; jira 05-31T20:00
    // → 06-01T05:00 = 540; the slack row has none. Sorted [60, 480, 540]: median rank
    // ⌈0.5·3⌉ = 2 → 480, p90 rank ⌈0.9·3⌉ = 3 → 540, mean 1080 / 3 = 360.
    let c = &t.closure_minutes;
    assert_eq!(c.overall, s(3, 360.0, 480, 540, 540));
    let providers: Vec<(&str, &Stats)> = c
        .by_provider
        .iter()
        .map(|p| (p.provider.as_str(), &p.stats))
        .collect();
    assert_eq!(
        providers,
        [
            ("jira", &s(1, 540.0, 540, 540, 540)),
            ("pagerduty", &s(1, 60.0, 60, 60, 60)),
            ("servicenow", &s(1, 480.0, 480, 480, 480)),
        ]
    );
    // Every closure is on Monday 2026-06-01 (UTC): ISO week 2026-W23.
    assert_eq!(c.by_week.len(), 1);
    assert_eq!(c.by_week[0].week, "2026-W23");
    assert_eq!(c.by_week[0].stats, s(3, 360.0, 480, 540, 540));
    // No plans, no acknowledgements: nothing to time, every statistic null.
    let a = &t.time_to_acknowledge;
    assert_eq!(
        a.overall,
        Stats {
            count: 0,
            mean_minutes: None,
            median_minutes: None,
            p90_minutes: None,
            max_minutes: None
        }
    );
    assert!(a.by_provider.is_empty() && a.by_plan.is_empty() && a.by_week.is_empty());
}

#[test]
fn example_by_hand() {
    let t = times(&root().join("examples").join("evidence"));
    // The example's closure minutes (README's rows): slack_alerts 3690, splunk 105 and 1605,
    // pagerduty 3310, jira 1545, servicenow 3290. Sorted [105, 1545, 1605, 3290, 3310, 3690]:
    // median rank 3 → 1605, p90 rank ⌈5.4⌉ = 6 → 3690, mean 13545 / 6 = 2257.5.
    let c = &t.closure_minutes;
    assert_eq!(c.overall, s(6, 2257.5, 1605, 3690, 3690));
    let splunk = c
        .by_provider
        .iter()
        .find(|p| p.provider == "splunk")
        .unwrap();
    // splunk [105, 1605]: median rank 1 → 105, p90 rank 2 → 1605, mean 855.
    assert_eq!(splunk.stats, s(2, 855.0, 105, 1605, 1605));
    // Weeks of closed_at (UTC): W22 (Mon 05-25 to Sun 05-31) holds jira 05-27, servicenow
    // 05-28, splunk 05-30 and pagerduty 2026-06-01T01:10+02:00 = 05-31T23:10Z; W23 holds
    // slack_alerts and splunk on 06-01. W22 sorted [1545, 1605, 3290, 3310]: median rank 2 →
    // 1605, p90 rank 4 → 3310, mean 9750 / 4 = 2437.5; W23 [105, 3690]: 105, 3690, 1897.5.
    let weeks: Vec<(&str, &Stats)> = c
        .by_week
        .iter()
        .map(|w| (w.week.as_str(), &w.stats))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-W22", &s(4, 2437.5, 1605, 3310, 3310)),
            ("2026-W23", &s(2, 1897.5, 105, 3690, 3690)),
        ]
    );
    // The example's plan (07:30) was acknowledged by pagerduty at 07:35: 5 minutes.
    let a = &t.time_to_acknowledge;
    assert_eq!(a.first_acknowledgements.len(), 1);
    let f = &a.first_acknowledgements[0];
    assert_eq!(
        (
            f.plan_id.as_str(),
            f.provider.as_str(),
            f.generated_at.as_str(),
            f.first_acknowledged_at.as_str(),
            f.minutes
        ),
        (
            "gordackrecoveryesc-fdcbb83e67703689",
            "pagerduty",
            "2026-06-01T07:30:00Z",
            "2026-06-01T07:35:00Z",
            5
        )
    );
    assert_eq!(a.overall, s(1, 5.0, 5, 5, 5));
    assert_eq!(a.by_plan[0].plan_id, f.plan_id);
    assert_eq!(a.by_provider[0].provider, "pagerduty");
    assert_eq!(a.by_week[0].week, "2026-W23");
}

/// Acknowledgements recorded through the command line are timed from their plan: a plan at
/// 08:00 (basic's plan selects servicenow and slack_alerts) and acknowledgements at 08:20 and
/// 09:00 (slack_alerts twice: the first counts).
#[test]
fn recorded_acknowledgements_are_timed() {
    let dir = crate::common::copy_tree(&fixture("basic"));
    let out = cavra(dir.path())
        .args(["--format", "json", "escalate"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = json_as(&out);
    let plan_id = plan["plan_id"].as_str().unwrap();
    for (at, provider) in [
        ("2026-06-01T09:00:00Z", "slack_alerts"),
        ("2026-06-01T08:20:00Z", "slack_alerts"),
        ("2026-06-01T09:00:00Z", "servicenow"),
    ] {
        let out = crate::common::cmd()
            .args(["--now", at, "--evidence"])
            .arg(dir.path())
            .args(["ack", plan_id, "--provider", provider, "--by", "oncall"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            crate::common::stderr(&out)
        );
    }
    let a = times(dir.path()).time_to_acknowledge;
    // slack_alerts: first 08:20 → 20 minutes; servicenow 09:00 → 60. [20, 60]: median rank 1 → 20,
    // p90 rank 2 → 60, mean 40.
    let minutes: Vec<(&str, i64)> = a
        .first_acknowledgements
        .iter()
        .map(|f| (f.provider.as_str(), f.minutes))
        .collect();
    assert_eq!(minutes, [("servicenow", 60), ("slack_alerts", 20)]);
    assert_eq!(a.overall, s(2, 40.0, 20, 60, 60));
    assert_eq!(a.by_plan.len(), 1);
    assert_eq!(a.by_plan[0].stats, s(2, 40.0, 20, 60, 60));
}
