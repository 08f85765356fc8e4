//! Table-driven tests of the report rules (§3, §2.4 ties, §2.5 rounding) over facts built in
//! code: no files, no clock. Every expected value is derived by hand in the comments, with
//! `now` = 2026-06-01T08:00:00Z.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use crate::model::facts::{ClosureFact, ExecDetail, ExecFact, PlaybookFact, RecRef, Sym};
use crate::model::time::parse_ts;

use super::execs::{ExecSummary, LATEST, summarize};
use super::retry::{
    DEFAULT_SLO_MINUTES, Params, RecoveryRow, RetryRecoveryReport, build, effective_slo,
};

const NOW: &str = "2026-06-01T08:00:00Z";

fn params(slo: u64) -> Params {
    Params {
        now: parse_ts(NOW).expect("NOW parses"),
        slo_minutes: slo,
        generated_by: "test".to_owned(),
    }
}

/// An execution as the store would extract it: (id, provider, status, executed_at,
/// delivery_success). Provider and status are already normalised.
type Ex<'a> = (&'a str, &'a str, &'a str, &'a str, Option<bool>);

/// Runs the execution fold over `execs`; also returns how many records it asked to read again.
fn fold(execs: &[Ex<'_>]) -> (ExecSummary, usize) {
    let mut symbols: Vec<String> = Vec::new();
    let mut intern = |s: &str| -> Sym {
        match symbols.iter().position(|x| x == s) {
            Some(i) => i as Sym,
            None => {
                symbols.push(s.to_owned());
                (symbols.len() - 1) as Sym
            }
        }
    };
    let mut facts = Vec::new();
    let mut details = HashMap::new();
    for (i, e) in execs.iter().enumerate() {
        let rec = RecRef {
            file: (i % 3) as u32,
            pos: i as u64,
        };
        let at = parse_ts(e.3);
        facts.push(ExecFact {
            ident: i as u64,
            provider: intern(e.1),
            status: intern(e.2),
            at,
            rec,
        });
        details.insert(
            rec,
            ExecDetail {
                rec,
                ident: i as u64,
                at,
                execution_id: e.0.to_owned(),
                provider: e.1.to_owned(),
                execution_status: e.2.to_owned(),
                executed_at: e.3.to_owned(),
                delivery_success: e.4,
                approval_decision_id: String::new(),
                run_id: String::new(),
            },
        );
    }
    let asked = RefCell::new(0);
    let summary = summarize(&symbols, facts.into_iter(), &[], |wanted, offer| {
        *asked.borrow_mut() = wanted.len();
        for r in wanted {
            offer(details[r].clone());
        }
    });
    (summary, asked.into_inner())
}

fn summary(execs: &[Ex<'_>]) -> ExecSummary {
    fold(execs).0
}

use super::escalation::tests::{closure_of as cl, playbook_of as pb};

fn report(
    slo: u64,
    execs: &[Ex<'_>],
    playbooks: &[PlaybookFact],
    closures: &[ClosureFact],
) -> RetryRecoveryReport {
    let pbs: Vec<&PlaybookFact> = playbooks.iter().collect();
    let cls: Vec<&ClosureFact> = closures.iter().collect();
    build(&params(slo), summary(execs), &pbs, &cls).expect("report")
}

/// The only row of a report over one playbook with one entry.
fn one_row(slo: u64, generated_at: &str, closures: &[ClosureFact]) -> RecoveryRow {
    let r = report(
        slo,
        &[],
        &[pb("P1", generated_at, &[("jira", None, 1)])],
        closures,
    );
    assert_eq!(r.recovery_rows.len(), 1);
    r.recovery_rows[0].clone()
}

/// (generated_at, SLO, closure state, age by hand, breached, slo_status)
type BreachCase<'a> = (&'a str, u64, Option<&'a str>, i64, bool, &'a str);

#[test]
fn breach_boundary() {
    let cases: [BreachCase<'_>; 10] = [
        // 04:00 → 08:00 = 240 min: equal to the SLO is not a breach.
        ("2026-06-01T04:00:00Z", 240, None, 240, false, "open"),
        // The same instant written at +02:00.
        ("2026-06-01T06:00:00+02:00", 240, None, 240, false, "open"),
        // 03:59 → 241 > 240: breached.
        ("2026-06-01T03:59:00Z", 240, None, 241, true, "breached"),
        // 240 min 59.999999999 s floors to 240: not breached.
        (
            "2026-06-01T03:59:00.000000001Z",
            240,
            None,
            240,
            false,
            "open",
        ),
        // 241 min 0.001 s floors to 241: breached.
        ("2026-06-01T03:58:59.999Z", 240, None, 241, true, "breached"),
        // SLO 1: 07:59 → 1 (not breached), 07:58 → 2 (breached).
        ("2026-06-01T07:59:00Z", 1, None, 1, false, "open"),
        ("2026-06-01T07:58:00Z", 1, None, 2, true, "breached"),
        // A month old but closed: never breached.
        (
            "2026-05-01T08:00:00Z",
            240,
            Some("resolved"),
            44_640,
            false,
            "closed",
        ),
        (
            "2026-05-01T08:00:00Z",
            240,
            Some("mitigated"),
            44_640,
            false,
            "closed",
        ),
        // Deferred is open: 300 > 240 → breached.
        (
            "2026-06-01T03:00:00Z",
            240,
            Some("deferred"),
            300,
            true,
            "breached",
        ),
    ];
    for (generated_at, slo, state, age, breached, status) in cases {
        let closures: Vec<ClosureFact> = state
            .map(|s| cl("C1", "P1", "jira", Some(s), "2026-06-01T07:00:00Z"))
            .into_iter()
            .collect();
        let row = one_row(slo, generated_at, &closures);
        let case = format!("{generated_at} slo {slo} {state:?}");
        assert_eq!(row.age_minutes, Some(age), "{case}");
        assert_eq!(row.slo_breached, breached, "{case}");
        assert_eq!(row.slo_status, status, "{case}");
        assert_eq!(row.recovery_slo_minutes, slo, "{case}");
    }
}

#[test]
fn negative_and_unknown_ages_never_breach() {
    // (generated_at, age by hand); SLO 1 so that any known positive age would breach.
    let cases: [(&str, Option<i64>); 7] = [
        // 10.5 min after now: −10.5 floors toward −∞ to −11.
        ("2026-06-01T08:10:30Z", Some(-11)),
        // 30 s after now: −0.5 → −1.
        ("2026-06-01T08:00:30Z", Some(-1)),
        ("2026-06-01T08:00:00Z", Some(0)),
        // Unknown: missing, unparseable, no seconds, `+0200`.
        ("", None),
        ("yesterday", None),
        ("2026-06-01T07:00", None),
        ("2026-06-01T07:00:00+0200", None),
    ];
    for (generated_at, age) in cases {
        let row = one_row(1, generated_at, &[]);
        assert_eq!(row.age_minutes, age, "{generated_at}");
        assert!(!row.slo_breached, "{generated_at}");
        assert_eq!(row.slo_status, "open", "{generated_at}");
        // generated_at is echoed as written.
        assert_eq!(row.generated_at, generated_at);
        // closure minutes need both instants.
        let closed = one_row(
            1,
            generated_at,
            &[cl(
                "C1",
                "P1",
                "jira",
                Some("resolved"),
                "2026-06-01T09:00:00Z",
            )],
        );
        assert_eq!(
            closed.closure_minutes.is_some(),
            age.is_some(),
            "{generated_at}"
        );
    }
}

#[test]
fn the_rows_closure_is_the_latest_by_instant_then_smaller_id() {
    // Playbook P1 (generated 06:00Z, jira). Closures: (id, playbook, provider, state,
    // closed_at). Expected: the row's closure id and state.
    type C<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, &'a str);
    let cases: Vec<(&str, Vec<C<'_>>, &str, &str)> = vec![
        (
            "a later instant wins over a smaller id",
            vec![
                ("a", "P1", "jira", Some("resolved"), "2026-06-01T06:30:00Z"),
                ("b", "P1", "jira", Some("reopened"), "2026-06-01T07:00:00Z"),
            ],
            "b",
            "reopened",
        ),
        (
            "instants compared, not strings: 09:30+02:00 = 07:30Z is older than 07:45Z",
            vec![
                (
                    "a",
                    "P1",
                    "jira",
                    Some("resolved"),
                    "2026-06-01T09:30:00+02:00",
                ),
                ("b", "P1", "jira", Some("deferred"), "2026-06-01T07:45:00Z"),
            ],
            "b",
            "deferred",
        ),
        (
            "equal instants written differently: the smaller id is the later",
            vec![
                (
                    "c",
                    "P1",
                    "jira",
                    Some("resolved"),
                    "2026-06-01T09:30:00+02:00",
                ),
                ("b", "P1", "jira", Some("resolved"), "2026-06-01T07:30:00Z"),
                (
                    "a",
                    "P1",
                    "jira",
                    Some("reopened"),
                    "2026-06-01T07:30:00+00:00",
                ),
            ],
            "a",
            "reopened",
        ),
        (
            "the same tie given in the other order",
            vec![
                (
                    "a",
                    "P1",
                    "jira",
                    Some("reopened"),
                    "2026-06-01T07:30:00+00:00",
                ),
                ("b", "P1", "jira", Some("resolved"), "2026-06-01T07:30:00Z"),
                (
                    "c",
                    "P1",
                    "jira",
                    Some("resolved"),
                    "2026-06-01T09:30:00+02:00",
                ),
            ],
            "a",
            "reopened",
        ),
        (
            "an unknown closed_at loses to any known one, even with the smaller id",
            vec![
                ("a", "P1", "jira", Some("resolved"), "garbage"),
                ("b", "P1", "jira", Some("deferred"), "2026-05-01T00:00:00Z"),
            ],
            "b",
            "deferred",
        ),
        (
            "an unknown closed_at can still be the row's closure",
            vec![("a", "P1", "jira", Some("resolved"), "")],
            "a",
            "resolved",
        ),
        (
            "two unknown closed_at: the smaller id",
            vec![
                ("b", "P1", "jira", Some("deferred"), "x"),
                ("a", "P1", "jira", Some("resolved"), "y"),
            ],
            "a",
            "resolved",
        ),
        (
            "other playbooks and providers do not count; playbook_id matches exactly",
            vec![
                ("a", "P2", "jira", Some("resolved"), "2026-06-01T07:00:00Z"),
                ("b", "p1", "jira", Some("resolved"), "2026-06-01T07:00:00Z"),
                (
                    "c",
                    "P1",
                    "servicenow",
                    Some("resolved"),
                    "2026-06-01T07:00:00Z",
                ),
                ("d", "", "jira", Some("resolved"), "2026-06-01T07:00:00Z"),
            ],
            "",
            "open",
        ),
        (
            "the latest closure has no state: the row is open with that closure",
            vec![
                ("a", "P1", "jira", Some("resolved"), "2026-06-01T06:30:00Z"),
                ("b", "P1", "jira", None, "2026-06-01T07:00:00Z"),
            ],
            "b",
            "open",
        ),
    ];
    for (name, closures, id, state) in cases {
        let closures: Vec<ClosureFact> = closures
            .iter()
            .map(|c| cl(c.0, c.1, c.2, c.3, c.4))
            .collect();
        let row = one_row(240, "2026-06-01T06:00:00Z", &closures);
        assert_eq!(row.closure_id, id, "{name}");
        assert_eq!(row.closure_state, state, "{name}");
        let written = closures
            .iter()
            .find(|c| c.id == id)
            .map_or("", |c| c.closed_at.as_str());
        assert_eq!(
            row.closed_at, written,
            "{name}: closed_at echoed as written"
        );
    }
}

#[test]
fn only_resolved_and_mitigated_close_a_row() {
    // Generated 03:00Z (age 300 > 240); one closure at 07:00Z in each state.
    let cases: [(Option<&str>, &str, &str); 9] = [
        (Some("resolved"), "resolved", "closed"),
        (Some("mitigated"), "mitigated", "closed"),
        (Some("deferred"), "deferred", "breached"),
        (Some("escalated"), "escalated", "breached"),
        (Some("reopened"), "reopened", "breached"),
        (Some("on_hold"), "on_hold", "breached"),
        (Some("closure"), "closure", "breached"),
        (Some("unknown"), "unknown", "breached"),
        (None, "open", "breached"),
    ];
    for (state, row_state, status) in cases {
        let r = report(
            240,
            &[],
            &[pb("P1", "2026-06-01T03:00:00Z", &[("jira", None, 1)])],
            &[cl("C1", "P1", "jira", state, "2026-06-01T07:00:00Z")],
        );
        let row = &r.recovery_rows[0];
        assert_eq!(row.closure_state, row_state, "{state:?}");
        assert_eq!(row.slo_status, status, "{state:?}");
        let closed = status == "closed";
        assert_eq!(r.recovery_closed_count, u64::from(closed), "{state:?}");
        assert_eq!(r.recovery_open_count, u64::from(!closed), "{state:?}");
        assert_eq!(
            r.provider_summary[0].open_recovery_count,
            u64::from(!closed)
        );
        // 03:00 → 07:00 = 240 closure minutes, whatever the state.
        assert_eq!(row.closure_minutes, Some(240), "{state:?}");
    }
}

#[test]
fn closure_minutes_for_every_state() {
    // Generated 06:00Z. (state, closed_at, minutes by hand)
    let cases: [(Option<&str>, &str, Option<i64>); 6] = [
        (Some("escalated"), "2026-06-01T06:45:00Z", Some(45)),
        (Some("deferred"), "2026-06-01T05:30:00Z", Some(-30)),
        // 30 s before generated_at: −0.5 min floors to −1.
        (Some("reopened"), "2026-06-01T05:59:30Z", Some(-1)),
        (None, "2026-06-01T09:00:00+02:00", Some(60)),
        // One day and 59 s: 1440.
        (Some("resolved"), "2026-06-02T06:00:59Z", Some(1440)),
        (Some("resolved"), "soon", None),
    ];
    for (state, at, minutes) in cases {
        let row = one_row(
            240,
            "2026-06-01T06:00:00Z",
            &[cl("C1", "P1", "jira", state, at)],
        );
        assert_eq!(row.closure_minutes, minutes, "{state:?} {at}");
    }
}

#[test]
fn trend_days_are_utc_dates_newest_first_unknown_last() {
    // (closed_at, UTC day by hand)
    let closures = [
        ("garbage", "unknown"),
        ("2026-06-01T01:30:00+02:00", "2026-05-31"), // 05-31T23:30Z
        ("2026-05-31T23:59:59.999Z", "2026-05-31"),
        ("2026-06-01T00:00:00Z", "2026-06-01"),
        ("2026-05-31T22:00:00-02:00", "2026-06-01"), // 06-01T00:00Z
        ("2026-05-30", "2026-05-30"),                // a bare date is midnight UTC
        ("", "unknown"),
    ];
    let facts: Vec<ClosureFact> = closures
        .iter()
        .enumerate()
        .map(|(i, (at, _))| cl(&format!("C{i}"), "P1", "jira", Some("resolved"), at))
        .collect();
    let r = report(240, &[], &[], &facts);
    let days: Vec<(&str, u64)> = r
        .closure_trends
        .iter()
        .map(|t| (t.date.as_str(), t.closure_count))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-06-01", 2),
            ("2026-05-31", 2),
            ("2026-05-30", 1),
            ("unknown", 2)
        ]
    );
    for t in &r.closure_trends {
        assert_eq!(t.fixed[0], t.closure_count, "all resolved");
        assert_eq!(
            t.provider_counts,
            BTreeMap::from([("jira".to_owned(), t.closure_count)])
        );
    }
}

#[test]
fn trend_fields_in_order_and_the_colliding_state() {
    // One day: resolved, mitigated×2, `closure` (its key `closure_count` would collide:
    // counted as unknown), a missing state (unknown), on_hold, aaa, `provider` and `date`
    // (keys `provider_count` / `date_count` collide with nothing).
    let states = [
        Some("resolved"),
        Some("mitigated"),
        Some("mitigated"),
        Some("closure"),
        None,
        Some("on_hold"),
        Some("aaa"),
        Some("provider"),
        Some("date"),
    ];
    let providers = [
        "splunk", "jira", "jira", "jira", "splunk", "jira", "a", "b", "c",
    ];
    let facts: Vec<ClosureFact> = states
        .iter()
        .zip(providers)
        .enumerate()
        .map(|(i, (s, p))| cl(&format!("C{i}"), "P1", p, *s, "2026-06-01T07:00:00Z"))
        .collect();
    let r = report(240, &[], &[], &facts);
    assert_eq!(r.closure_trends.len(), 1);
    assert_eq!(
        serde_json::to_string(&r.closure_trends[0]).unwrap(),
        concat!(
            r#"{"date":"2026-06-01","closure_count":9,"resolved_count":1,"mitigated_count":2,"#,
            r#""deferred_count":0,"escalated_count":0,"reopened_count":0,"aaa_count":1,"#,
            r#""date_count":1,"on_hold_count":1,"provider_count":1,"unknown_count":2,"#,
            r#""provider_counts":{"a":1,"b":1,"c":1,"jira":4,"splunk":2}}"#
        )
    );
    // closure_state_counts keep the state itself; a missing state is `unknown`.
    let expected: BTreeMap<String, u64> = [
        ("aaa", 1),
        ("closure", 1),
        ("date", 1),
        ("mitigated", 2),
        ("on_hold", 1),
        ("provider", 1),
        ("resolved", 1),
        ("unknown", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(r.closure_state_counts, expected);
}

#[test]
fn success_rate_rounds_like_python() {
    // (delivered, executions, Python's round(delivered / executions, 4))
    let cases: [(usize, usize, Option<f64>); 9] = [
        (1, 3, Some(0.3333)),
        (2, 3, Some(0.6667)),
        // 1/32 = 0.03125 exactly: a tie, Python rounds half to even → 0.0312.
        (1, 32, Some(0.0312)),
        // 3/32 = 0.09375 exactly → 0.0938 (even); 5/32 = 0.15625 → 0.1562.
        (3, 32, Some(0.0938)),
        (5, 32, Some(0.1562)),
        (3, 8, Some(0.375)),
        (0, 5, Some(0.0)),
        (5, 5, Some(1.0)),
        (0, 0, None),
    ];
    for (delivered, n, rate) in cases {
        let execs: Vec<(String, &str)> = (0..n)
            .map(|i| {
                let status = if i < delivered { "delivered" } else { "failed" };
                (format!("x{i:03}"), status)
            })
            .collect();
        let execs: Vec<Ex<'_>> = execs
            .iter()
            .map(|(id, s)| (id.as_str(), "jira", *s, "2026-06-01T07:00:00Z", None))
            .collect();
        let r = report(240, &execs, &[], &[]);
        assert_eq!(r.execution_success_rate, rate, "{delivered}/{n}");
        assert_eq!(r.execution_count, n as u64);
        assert_eq!(r.execution_success_count, delivered as u64);
    }
    // In JSON, no executions is `null`.
    let r = report(240, &[], &[], &[]);
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["execution_success_rate"].is_null());
}

#[test]
fn failed_count_adds_skipped_but_the_provider_line_does_not() {
    let execs: [Ex<'_>; 7] = [
        ("a", "jira", "delivered", "2026-06-01T07:00:00Z", Some(true)),
        ("b", "jira", "failed", "2026-06-01T07:01:00Z", Some(false)),
        ("c", "jira", "failed", "2026-06-01T07:02:00Z", Some(false)),
        ("d", "jira", "skipped", "2026-06-01T07:03:00Z", Some(false)),
        ("e", "jira", "timeout", "2026-06-01T07:04:00Z", None),
        ("f", "splunk", "unknown", "2026-06-01T07:05:00Z", None),
        ("g", "splunk", "skipped", "", None),
    ];
    let r = report(240, &execs, &[], &[]);
    // failed b, c + skipped d, g = 4; delivered a = 1; 1/7 = 0.142857… → 0.1429.
    assert_eq!(r.execution_count, 7);
    assert_eq!(r.execution_success_count, 1);
    assert_eq!(r.execution_failed_count, 4);
    assert_eq!(r.execution_success_rate, Some(0.1429));
    let counts: Vec<(&str, u64)> = r
        .execution_status_counts
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        counts,
        [
            ("delivered", 1),
            ("failed", 2),
            ("skipped", 2),
            ("timeout", 1),
            ("unknown", 1)
        ]
    );
    let jira = &r.provider_summary[0];
    assert_eq!(jira.provider, "jira");
    // Other statuses count only in execution_count.
    assert_eq!(
        (
            jira.execution_count,
            jira.execution_delivered_count,
            jira.execution_failed_count,
            jira.execution_skipped_count
        ),
        (5, 1, 2, 1)
    );
    let splunk = &r.provider_summary[1];
    assert_eq!(
        (
            splunk.execution_count,
            splunk.execution_delivered_count,
            splunk.execution_failed_count,
            splunk.execution_skipped_count
        ),
        (2, 0, 0, 1)
    );
    // splunk's latest: f (07:05Z) beats g (unknown).
    assert_eq!(splunk.latest_execution_at, "2026-06-01T07:05:00Z");
    assert_eq!(jira.latest_execution_at, "2026-06-01T07:04:00Z");
    assert_eq!(r.alert_level, "critical");
}

#[test]
fn provider_summary_covers_executions_rows_and_closures() {
    let r = report(
        240,
        &[(
            "x1",
            "email",
            "delivered",
            "2026-06-01T07:00:00Z",
            Some(true),
        )],
        &[pb("P1", "2026-06-01T07:00:00Z", &[("jira", None, 2)])],
        &[
            // A closure of an unknown playbook: only the provider line sees it.
            cl(
                "C1",
                "gordackrecovery-ffffffffffffffff",
                "omega",
                Some("resolved"),
                "2026-06-01T01:30:00+02:00",
            ),
            cl("C2", "", "omega", Some("deferred"), "2026-05-31T20:00:00Z"),
        ],
    );
    let lines: Vec<(&str, u64, u64, u64, u64, &str, &str)> = r
        .provider_summary
        .iter()
        .map(|p| {
            (
                p.provider.as_str(),
                p.execution_count,
                p.recovery_playbook_count,
                p.recovery_closure_count,
                p.open_recovery_count,
                p.latest_execution_at.as_str(),
                p.latest_closure_at.as_str(),
            )
        })
        .collect();
    // omega: C1 at 05-31T23:30Z is later than C2 at 20:00Z; echoed as written.
    assert_eq!(
        lines,
        [
            ("email", 1, 0, 0, 0, "2026-06-01T07:00:00Z", ""),
            ("jira", 0, 1, 0, 1, "", ""),
            ("omega", 0, 0, 2, 0, "", "2026-06-01T01:30:00+02:00"),
        ]
    );
    // The orphan closures count in the state counts and the trends, not in the rows.
    assert_eq!(r.recovery_playbook_provider_count, 1);
    assert_eq!(r.closure_state_counts.values().sum::<u64>(), 2);
    assert_eq!(r.closure_trends.len(), 1);
    assert_eq!(r.closure_trends[0].date, "2026-05-31");
}

#[test]
fn rows_order() {
    let playbooks = [
        pb(
            "pb-c",
            "2026-06-01T06:00:00Z",
            &[("zeta", None, 1), ("alpha", None, 1)],
        ),
        pb("pb-a", "2026-06-01T06:00:00+00:00", &[("mu", None, 1)]),
        pb("pb-b", "", &[("xi", None, 1)]),
        pb("pb-0", "garbage", &[("ypsilon", None, 1)]),
        pb("pb-z", "2026-06-01T01:00:00Z", &[("kappa", None, 1)]),
        pb("pb-y", "2026-06-01T02:00:00Z", &[("kappa", None, 1)]),
        pb("pb-d", "2026-06-01T07:00:00Z", &[("q", None, 1)]),
        // Closed, older than the breached ones: among the others by generated_at.
        pb("pb-e", "2026-06-01T00:00:00Z", &[("r", None, 1)]),
    ];
    let closures = [cl(
        "C1",
        "pb-e",
        "r",
        Some("resolved"),
        "2026-06-01T01:00:00Z",
    )];
    let r = report(240, &[], &playbooks, &closures);
    let order: Vec<(&str, &str)> = r
        .recovery_rows
        .iter()
        .map(|x| (x.playbook_id.as_str(), x.provider.as_str()))
        .collect();
    // Breached (age 360 and 420) first, newest first; then 07:00; then the two 06:00
    // playbooks (one instant) by playbook_id, entries in written order; then 00:00 (closed);
    // then the unknown generated_at by playbook_id.
    assert_eq!(
        order,
        [
            ("pb-y", "kappa"),
            ("pb-z", "kappa"),
            ("pb-d", "q"),
            ("pb-a", "mu"),
            ("pb-c", "zeta"),
            ("pb-c", "alpha"),
            ("pb-e", "r"),
            ("pb-0", "ypsilon"),
            ("pb-b", "xi"),
        ]
    );
    // The same rows whatever the order the playbooks arrive in.
    let mut reversed = playbooks.to_vec();
    reversed.reverse();
    assert_eq!(
        report(240, &[], &reversed, &closures).recovery_rows,
        r.recovery_rows
    );
}

#[test]
fn rows_fields_and_categories() {
    let r = report(
        240,
        &[],
        &[pb(
            "P1",
            "2026-06-01T07:00:00Z",
            &[
                ("splunk", None, 3),
                ("slack_alerts", None, 0),
                ("jira", Some("custom"), -2),
                ("servicenow", None, 1),
                ("pagerduty", None, 1),
                ("unknown", None, 1),
            ],
        )],
        &[],
    );
    let cats: Vec<(&str, &str, i128)> = r
        .recovery_rows
        .iter()
        .map(|x| (x.provider.as_str(), x.category.as_str(), x.failure_count))
        .collect();
    // Category by provider (§2.3) unless the entry has one, which is kept as written.
    assert_eq!(
        cats,
        [
            ("splunk", "siem", 3),
            ("slack_alerts", "webhook", 0),
            ("jira", "custom", -2),
            ("servicenow", "itsm", 1),
            ("pagerduty", "chatops", 1),
            ("unknown", "webhook", 1),
        ]
    );
    // The field order of a row (§3).
    let v = serde_json::to_string(&r.recovery_rows[0]).unwrap();
    assert_eq!(
        v,
        concat!(
            r#"{"playbook_id":"P1","provider":"splunk","category":"siem","failure_count":3,"#,
            r#""generated_at":"2026-06-01T07:00:00Z","age_minutes":60,"recovery_slo_minutes":240,"#,
            r#""closure_state":"open","closure_id":"","closed_at":"","closure_minutes":null,"#,
            r#""slo_status":"open","slo_breached":false}"#
        )
    );
}

/// (case, executions, playbooks, closures, alert level by hand)
type AlertCase<'a> = (
    &'a str,
    Vec<Ex<'a>>,
    Vec<PlaybookFact>,
    Vec<ClosureFact>,
    &'a str,
);

#[test]
fn alert_levels() {
    let open = || pb("P1", "2026-06-01T07:00:00Z", &[("jira", None, 1)]);
    let stale = || pb("P1", "2026-06-01T03:00:00Z", &[("jira", None, 1)]);
    let resolved = || {
        vec![cl(
            "C1",
            "P1",
            "jira",
            Some("resolved"),
            "2026-06-01T07:30:00Z",
        )]
    };
    let ok: Ex<'_> = (
        "x1",
        "jira",
        "delivered",
        "2026-06-01T07:00:00Z",
        Some(true),
    );
    let failed: Ex<'_> = ("x2", "jira", "failed", "2026-06-01T07:00:00Z", Some(false));
    let skipped: Ex<'_> = ("x3", "jira", "skipped", "2026-06-01T07:00:00Z", Some(false));
    let odd: Ex<'_> = ("x4", "jira", "timeout", "2026-06-01T07:00:00Z", None);
    let cases: Vec<AlertCase<'_>> = vec![
        ("nothing at all", vec![], vec![], vec![], "healthy"),
        (
            "delivered, all rows closed",
            vec![ok],
            vec![stale()],
            resolved(),
            "healthy",
        ),
        (
            "other statuses are not failures",
            vec![odd],
            vec![],
            vec![],
            "healthy",
        ),
        ("an open row", vec![ok], vec![open()], vec![], "warning"),
        (
            "a failed execution",
            vec![ok, failed],
            vec![],
            vec![],
            "critical",
        ),
        (
            "a skipped execution",
            vec![skipped],
            vec![],
            vec![],
            "critical",
        ),
        (
            "a breached row",
            vec![ok],
            vec![stale()],
            vec![],
            "critical",
        ),
    ];
    for (name, execs, pbs, cls, level) in cases {
        assert_eq!(report(240, &execs, &pbs, &cls).alert_level, level, "{name}");
    }
}

#[test]
fn latest_executions_order_limit_and_ties() {
    // x00..x21 at 07:00 + i minutes; x24 at 09:21+02:00 (= 07:21Z, the same instant as x21);
    // x22, x23 unknown. The 20 latest: x21 and x24 (tie: the smaller id first), then x20
    // down to x03.
    let mut execs: Vec<(String, String)> = (0..22)
        .map(|i| (format!("x{i:02}"), format!("2026-06-01T07:{i:02}:00Z")))
        .collect();
    execs.push(("x22".into(), "".into()));
    execs.push(("x23".into(), "n/a".into()));
    execs.push(("x24".into(), "2026-06-01T09:21:00+02:00".into()));
    let facts: Vec<Ex<'_>> = execs
        .iter()
        .rev()
        .map(|(id, at)| (id.as_str(), "jira", "delivered", at.as_str(), Some(true)))
        .collect();
    let r = report(240, &facts, &[], &[]);
    let ids: Vec<&str> = r
        .latest_executions
        .iter()
        .map(|e| e.execution_id.as_str())
        .collect();
    let mut expected = vec!["x21".to_owned(), "x24".to_owned()];
    expected.extend((3..=20).rev().map(|i| format!("x{i:02}")));
    assert_eq!(LATEST, 20);
    assert_eq!(ids, expected);
    // The provider's latest is the same tie: x21's text.
    assert_eq!(
        r.provider_summary[0].latest_execution_at,
        "2026-06-01T07:21:00Z"
    );
    // executed_at is echoed as written.
    assert_eq!(
        r.latest_executions[1].executed_at,
        "2026-06-01T09:21:00+02:00"
    );

    // Fewer than 20: unknown instants last, by id.
    let few: [Ex<'_>; 3] = [
        ("b", "jira", "failed", "", None),
        ("a", "jira", "failed", "nope", Some(false)),
        ("c", "jira", "failed", "2020-01-01", None),
    ];
    let r = report(240, &few, &[], &[]);
    let ids: Vec<&str> = r
        .latest_executions
        .iter()
        .map(|e| e.execution_id.as_str())
        .collect();
    assert_eq!(ids, ["c", "a", "b"]);
    assert_eq!(r.latest_executions[1].delivery_success, Some(false));
    assert_eq!(r.latest_executions[0].delivery_success, None);

    // 25 executions at one instant: the 20 smallest ids, ascending, whatever the input order.
    let ids: Vec<String> = (0..25).map(|i| format!("t{:02}", (i * 7) % 25)).collect();
    let tied: Vec<Ex<'_>> = ids
        .iter()
        .map(|id| {
            (
                id.as_str(),
                "jira",
                "delivered",
                "2026-06-01T07:00:00Z",
                None,
            )
        })
        .collect();
    let r = report(240, &tied, &[], &[]);
    let got: Vec<&str> = r
        .latest_executions
        .iter()
        .map(|e| e.execution_id.as_str())
        .collect();
    let want: Vec<String> = (0..20).map(|i| format!("t{i:02}")).collect();
    assert_eq!(got, want);
}

#[test]
fn provider_latest_execution_ties_and_unknowns() {
    let execs: Vec<Ex<'_>> = vec![
        // jira: a tie at 07:00Z; the smaller id (j1) wins and its text is echoed.
        ("j2", "jira", "delivered", "2026-06-01T07:00:00Z", None),
        ("j1", "jira", "delivered", "2026-06-01T09:00:00+02:00", None),
        ("j0", "jira", "delivered", "2026-06-01T06:59:59Z", None),
        // splunk: only unknown instants; the smaller id wins.
        ("s2", "splunk", "failed", "garbage-b", None),
        ("s1", "splunk", "failed", "garbage-a", None),
        // teams: an unknown instant, then a known one (however old): the known one.
        ("t0", "teams", "failed", "later", None),
        ("t9", "teams", "failed", "1999-01-01", None),
    ];
    let s = summary(&execs);
    let latest: Vec<(&str, &str)> = s
        .providers
        .iter()
        .map(|(p, e)| (p.as_str(), e.latest_at.as_str()))
        .collect();
    assert_eq!(
        latest,
        [
            ("jira", "2026-06-01T09:00:00+02:00"),
            ("splunk", "garbage-a"),
            ("teams", "1999-01-01"),
        ]
    );
}

#[test]
fn the_fold_reads_back_only_the_few_latest() {
    // 5,000 executions of one provider at distinct instants (past the 4,096 pool): the
    // fold keeps counts, and asks for at most the 20 latest (§9).
    let execs: Vec<(String, String)> = (0..5000)
        .map(|i| {
            (
                format!("x{i:04}"),
                format!(
                    "2026-06-01T{:02}:{:02}:{:02}Z",
                    i / 3600,
                    (i / 60) % 60,
                    i % 60
                ),
            )
        })
        .collect();
    let facts: Vec<Ex<'_>> = execs
        .iter()
        .map(|(id, at)| (id.as_str(), "jira", "delivered", at.as_str(), None))
        .collect();
    let (s, asked) = fold(&facts);
    assert_eq!(s.count, 5000);
    assert_eq!(s.delivered, 5000);
    assert!(asked <= LATEST, "asked for {asked} records");
    let ids: Vec<&str> = s.latest.iter().map(|d| d.execution_id.as_str()).collect();
    let want: Vec<String> = (4980..5000).rev().map(|i| format!("x{i:04}")).collect();
    assert_eq!(ids, want);
    // x4999 is 01:23:19.
    assert_eq!(s.providers["jira"].latest_at, "2026-06-01T01:23:19Z");
}

#[test]
fn report_id_is_stable_and_covers_its_inputs() {
    let execs: [Ex<'_>; 2] = [
        (
            "x1",
            "jira",
            "delivered",
            "2026-06-01T07:00:00Z",
            Some(true),
        ),
        ("x2", "jira", "failed", "2026-06-01T07:10:00Z", Some(false)),
    ];
    let pbs = [
        pb("P1", "2026-06-01T03:00:00Z", &[("jira", None, 1)]),
        pb("P2", "2026-06-01T06:00:00Z", &[("splunk", None, 2)]),
    ];
    let cls = [
        cl("C1", "P1", "jira", Some("resolved"), "2026-06-01T05:00:00Z"),
        cl(
            "C2",
            "P2",
            "splunk",
            Some("deferred"),
            "2026-06-01T07:00:00Z",
        ),
    ];
    let a = report(240, &execs, &pbs, &cls);
    let b = report(240, &execs, &pbs, &cls);
    assert_eq!(a, b, "same inputs, same report");
    let id = &a.report_id;
    assert!(id.starts_with("gordackretryreport-"), "{id}");
    let hex = &id["gordackretryreport-".len()..];
    assert_eq!(hex.len(), 16);
    assert!(
        hex.bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    );

    // Input order does not matter (a walk order or thread count must not change the report).
    let (mut e2, mut p2, mut c2) = (execs.to_vec(), pbs.to_vec(), cls.to_vec());
    e2.reverse();
    p2.reverse();
    c2.reverse();
    assert_eq!(report(240, &e2, &p2, &c2), a);

    // A different SLO, row, execution count or now gives a different id.
    assert_ne!(report(241, &execs, &pbs, &cls).report_id, *id);
    assert_ne!(report(240, &execs[..1], &pbs, &cls).report_id, *id);
    assert_ne!(report(240, &execs, &pbs[..1], &cls).report_id, *id);
    assert_ne!(report(240, &execs, &pbs, &cls[..1]).report_id, *id);
    let pb_refs: Vec<&PlaybookFact> = pbs.iter().collect();
    let cl_refs: Vec<&ClosureFact> = cls.iter().collect();
    let later = Params {
        now: parse_ts("2026-06-01T08:01:00Z").expect("parses"),
        ..params(240)
    };
    assert_ne!(
        build(&later, summary(&execs), &pb_refs, &cl_refs)
            .unwrap()
            .report_id,
        *id
    );
    // generated_by is not part of the id.
    let label = Params {
        generated_by: "console".into(),
        ..params(240)
    };
    let other = build(&label, summary(&execs), &pb_refs, &cl_refs).unwrap();
    assert_eq!(other.report_id, *id);
    assert_eq!(other.generated_by, "console");
    assert_eq!(other.generated_at, NOW);
}

#[test]
fn effective_slo_defaults() {
    for (requested, slo) in [
        (None, 240),
        (Some(0), 240),
        (Some(1), 1),
        (Some(240), 240),
        (Some(1440), 1440),
    ] {
        assert_eq!(effective_slo(requested), slo, "{requested:?}");
    }
    assert_eq!(DEFAULT_SLO_MINUTES, 240);
}
