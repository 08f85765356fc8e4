//! Scheduled executive report runs (§4.6): the window maths and the run document.
//!
//! Windows are aligned to the Unix epoch (§8): `window_start` is now rounded down to a
//! multiple of the interval counted from 1970-01-01T00:00:00Z, so a 1440-minute window starts
//! at midnight UTC, a 60-minute one on the hour, and a 90-minute one at a multiple of 90
//! minutes since the epoch (every midnight UTC is one, because 1440 = 16 × 90). The run id
//! hashes the window, not the time, so there is one run per window.

use serde::Serialize;

use crate::error::Error;
use crate::model::canon::derive_id;
use crate::model::kind::Kind;
use crate::model::time::Ts;

use super::PRODUCT;
use super::executive::ExecutiveReport;

/// Schedule run controls (appendix A).
pub const CONTROLS: [&str; 3] = [
    "scheduled-executive-report-derived-from-public-safe-recovery-evidence",
    "schedule-run-contains-no-connector-secrets",
    "private-notification-or-report-distribution-remains-outside-public-repo",
];

pub const DEFAULT_INTERVAL_MINUTES: u64 = 1440;
/// The longest interval cavra accepts: 100 years of 365 days, in minutes.
pub const MAX_INTERVAL_MINUTES: u64 = 52_560_000;

const NANOS_PER_MINUTE: i128 = 60_000_000_000;

/// The interval to use for a requested value: 0 means the default.
pub fn effective_interval(requested: Option<u64>) -> u64 {
    match requested {
        None | Some(0) => DEFAULT_INTERVAL_MINUTES,
        Some(n) => n,
    }
}

/// The cadence label: the given one, or `every_<N>_minutes` when absent or blank.
pub fn cadence(requested: Option<&str>, interval_minutes: u64) -> String {
    match requested {
        Some(c) if !c.trim().is_empty() => c.to_owned(),
        _ => format!("every_{interval_minutes}_minutes"),
    }
}

/// The window holding `now`: `[start, start + interval)`, `start` a multiple of the interval
/// since the Unix epoch. `interval_minutes` must be at least 1.
pub fn window(now: Ts, interval_minutes: u64) -> (Ts, Ts) {
    let len = i128::from(interval_minutes.max(1)) * NANOS_PER_MINUTE;
    let start = now.as_nanos().div_euclid(len) * len;
    (Ts::from_nanos(start), Ts::from_nanos(start + len))
}

/// The window holding `now` as written: an invalid-input error (exit 3) when either end
/// falls outside the years 0000–9999 in UTC (a 100-year interval near either end of the
/// grammar), so that a run never holds a timestamp cavra cannot read back.
pub fn window_text(now: Ts, interval_minutes: u64) -> Result<(String, String), Error> {
    let (start, end) = window(now, interval_minutes);
    let hint = "use a shorter --interval-minutes (schedule.interval_minutes), or a now further from the years 0000 and 9999";
    let start = start
        .to_rfc3339_checked(&format!(
            "the window_start of a {interval_minutes}-minute window"
        ))
        .map_err(|e| e.with_hint(hint))?;
    let end = end
        .to_rfc3339_checked(&format!(
            "the window_end of a {interval_minutes}-minute window"
        ))
        .map_err(|e| e.with_hint(hint))?;
    Ok((start, end))
}

/// The schedule of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Schedule {
    pub interval_minutes: u64,
    pub window_start: String,
    pub window_end: String,
    pub enabled: bool,
    pub cadence: String,
}

/// The run's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RunSummary {
    pub executive_report_count: u64,
    pub escalation_count: u64,
    pub failed_execution_count: u64,
    pub open_recovery_count: u64,
    pub slo_breached_count: u64,
}

super::shape::generated_document! {
    /// A scheduled executive report run, fields in the spec's order.
    pub struct ScheduleRun (Kind::ScheduleRun, id: run_id, controls: &CONTROLS) {
        pub schedule: Schedule,
        pub summary: RunSummary,
        pub executive_report: ExecutiveReport,
        pub controls: Vec<&'static str>,
    }
}

/// The run id of a window: over {window_start, interval_minutes, generated_by}.
pub fn run_id(window_start: &str, interval_minutes: u64, generated_by: &str) -> String {
    derive_id(
        Kind::ScheduleRun.info().id_prefix,
        &serde_json::json!({
            "window_start": window_start,
            "interval_minutes": interval_minutes,
            "generated_by": generated_by,
        }),
    )
}

/// What the schedule asks for (already defaulted: interval at least 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleParams {
    pub interval_minutes: u64,
    pub cadence: String,
    pub enabled: bool,
}

/// Builds the run of the window holding `now` around an executive report built at `now`.
pub fn build(
    report: ExecutiveReport,
    schedule: &ScheduleParams,
    now: Ts,
) -> Result<ScheduleRun, Error> {
    let (window_start, window_end) = window_text(now, schedule.interval_minutes)?;
    let s = &report.executive_summary;
    Ok(ScheduleRun {
        schema_version: Kind::ScheduleRun.schema_version(),
        product: PRODUCT,
        run_id: run_id(
            &window_start,
            schedule.interval_minutes,
            &report.generated_by,
        ),
        generated_at: report.generated_at.clone(),
        generated_by: report.generated_by.clone(),
        alert_level: report.alert_level,
        schedule: Schedule {
            interval_minutes: schedule.interval_minutes,
            window_start,
            window_end,
            enabled: schedule.enabled,
            cadence: schedule.cadence.clone(),
        },
        summary: RunSummary {
            executive_report_count: 1,
            escalation_count: s.escalation_count,
            failed_execution_count: s.failed_execution_count,
            open_recovery_count: s.open_recovery_count,
            slo_breached_count: s.slo_breached_count,
        },
        executive_report: report,
        controls: CONTROLS.to_vec(),
    })
}

crate::document!(
    ScheduleRun, Kind::ScheduleRun, id: run_id, at: generated_at, by: generated_by,
    counts: |r| [
        1,
        r.summary.slo_breached_count + r.summary.failed_execution_count,
        r.summary.open_recovery_count,
    ],
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::canon::sha256_hex;
    use crate::model::stored::Document;
    use crate::model::time::parse_ts;
    use crate::report::escalation::tests::{execs, playbook, report};
    use crate::report::{escalation, executive, keys_of};

    fn w(now: &str, interval: u64) -> (String, String) {
        let (s, e) = window(parse_ts(now).unwrap(), interval);
        (s.to_rfc3339(), e.to_rfc3339())
    }

    #[test]
    fn windows_are_epoch_aligned() {
        // Worked out by hand. 2026-06-01T00:00:00Z is day 20,605 since the epoch, i.e.
        // 29,671,200 minutes, a multiple of 1, 15, 60, 90 (1440 = 16 × 90) and 1440, so each
        // window is found from the minutes since midnight: 08:07:30.5 is 487.508… minutes.
        let now = "2026-06-01T08:07:30.5Z";
        let cases: [(u64, &str, &str); 5] = [
            // 1 min: floor(487.5) = 487 → 08:07 to 08:08.
            (1, "2026-06-01T08:07:00Z", "2026-06-01T08:08:00Z"),
            // 15 min: 487 // 15 = 32 → 480 = 08:00 to 08:15.
            (15, "2026-06-01T08:00:00Z", "2026-06-01T08:15:00Z"),
            // 60 min: the hour.
            (60, "2026-06-01T08:00:00Z", "2026-06-01T09:00:00Z"),
            // 90 min: 487 // 90 = 5 → 450 = 07:30 to 09:00.
            (90, "2026-06-01T07:30:00Z", "2026-06-01T09:00:00Z"),
            // 1440 min: midnight UTC to the next midnight.
            (1440, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"),
        ];
        for (interval, start, end) in cases {
            assert_eq!(w(now, interval), (start.into(), end.into()), "{interval}");
        }
        // The brief's example: now 08:00:00Z exactly, 90 min → 480 // 90 = 5 → 07:30.
        assert_eq!(
            w("2026-06-01T08:00:00Z", 90),
            ("2026-06-01T07:30:00Z".into(), "2026-06-01T09:00:00Z".into())
        );
        // A boundary belongs to the window it starts: 09:00 with 90 min → 540 = 6 × 90.
        assert_eq!(w("2026-06-01T09:00:00Z", 90).0, "2026-06-01T09:00:00Z");
        // One nanosecond earlier is still the previous window.
        assert_eq!(
            w("2026-06-01T08:59:59.999999999Z", 90).0,
            "2026-06-01T07:30:00Z"
        );
        // Offsets count as instants: 01:30+02:00 is 23:30Z the day before, whose UTC day it is.
        assert_eq!(
            w("2026-06-01T01:30:00+02:00", 1440).0,
            "2026-05-31T00:00:00Z"
        );
        // Before the epoch, floor goes toward −∞: 1969-12-31T23:59:59Z → 1969-12-31T00:00Z.
        assert_eq!(w("1969-12-31T23:59:59Z", 1440).0, "1969-12-31T00:00:00Z");
        // 7 minutes: 29,671,200 is 4,238,742.857… × 7, so not midnight-aligned. By hand:
        // 29,671,200 + 487 = 29,671,687 minutes; 29,671,687 // 7 = 4,238,812 (4,238,812 × 7 =
        // 29,671,684), i.e. 484 minutes after midnight = 08:04.
        assert_eq!(w(now, 7).0, "2026-06-01T08:04:00Z");
    }

    #[test]
    fn defaults() {
        assert_eq!(effective_interval(None), 1440);
        assert_eq!(effective_interval(Some(0)), 1440);
        assert_eq!(effective_interval(Some(15)), 15);
        assert_eq!(cadence(None, 1440), "every_1440_minutes");
        assert_eq!(cadence(Some("  "), 60), "every_60_minutes");
        assert_eq!(cadence(Some("daily"), 60), "daily");
    }

    #[test]
    fn run_document() {
        let pb = [playbook("pb", "2026-05-31T20:00:00Z", &[("jira", 2)])];
        let r = report(execs(&[("slack", 0, 1, 0)]), &pb, &[]);
        let x = executive::build(&r, &escalation::build(&r));
        let params = ScheduleParams {
            interval_minutes: 60,
            cadence: cadence(None, 60),
            enabled: false,
        };
        let run = build(
            x.clone(),
            &params,
            parse_ts("2026-06-01T08:00:00Z").unwrap(),
        )
        .unwrap();
        assert_eq!(run.schedule.window_start, "2026-06-01T08:00:00Z");
        assert_eq!(run.schedule.window_end, "2026-06-01T09:00:00Z");
        assert_eq!(run.schedule.cadence, "every_60_minutes");
        assert!(!run.schedule.enabled);
        // The id over exactly {window_start, interval_minutes, generated_by}, keys sorted.
        let material = r#"{"generated_by":"test","interval_minutes":60,"window_start":"2026-06-01T08:00:00Z"}"#;
        assert_eq!(
            run.run_id,
            format!("gordackexecsched-{}", &sha256_hex(material)[..16])
        );
        // Another now in the same window: the same run id.
        let later = build(
            x.clone(),
            &params,
            parse_ts("2026-06-01T08:59:00Z").unwrap(),
        )
        .unwrap();
        assert_eq!(later.run_id, run.run_id);
        // jira row breached (720 min, open) + slack failed execution: 2 routes, both
        // critical; breached 1, failed 1, open 1.
        assert_eq!(
            run.summary,
            RunSummary {
                executive_report_count: 1,
                escalation_count: 2,
                failed_execution_count: 1,
                open_recovery_count: 1,
                slo_breached_count: 1,
            }
        );
        assert_eq!(run.alert_level, "critical");
        let s = run.stored();
        assert_eq!(
            (s.decision_count, s.blocked_count, s.approval_required_count),
            (1, 2, 1)
        );
        assert_eq!(
            keys_of(&run),
            [
                "schema_version",
                "product",
                "run_id",
                "generated_at",
                "generated_by",
                "alert_level",
                "schedule",
                "summary",
                "executive_report",
                "controls"
            ]
        );
        assert_eq!(
            keys_of(&run.schedule),
            [
                "interval_minutes",
                "window_start",
                "window_end",
                "enabled",
                "cadence"
            ]
        );
    }

    #[test]
    fn windows_stay_in_the_grammar() {
        // The 100-year maximum (52,560,000 minutes) from 9999-06-01: the window starts at a
        // multiple of 100 × 365 days since 1970 and ends after 9999.
        let e = window_text(parse_ts("9999-06-01T00:00:00Z").unwrap(), 52_560_000).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("window_end"), "{e}");
        // Before 1970 the window starts earlier still: from 0001-01-01 it starts before 0000.
        let e = window_text(parse_ts("0001-01-01T00:00:00Z").unwrap(), 52_560_000).unwrap_err();
        assert!(e.to_string().contains("window_start"), "{e}");
        assert!(e.to_string().contains("before 0000-01-01T00:00:00Z"), "{e}");
        // The last hour of 9999 ends at 10000-01-01T00:00:00Z, one nanosecond too late.
        assert!(window_text(parse_ts("9999-12-31T23:30:00Z").unwrap(), 60).is_err());
        assert_eq!(
            window_text(parse_ts("9999-12-31T22:30:00Z").unwrap(), 60).unwrap(),
            (
                "9999-12-31T22:00:00Z".to_owned(),
                "9999-12-31T23:00:00Z".to_owned()
            )
        );
    }
}
