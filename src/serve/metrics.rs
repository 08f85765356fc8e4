//! `GET /metrics`: the report headline as OpenMetrics gauges (§7), and recovery times
//! ([`crate::report::recovery_times`]) as histograms.
//!
//! Label values are escaped as the format asks (`\\`, `\"`, `\n`). Series are sorted by
//! their labels so that the same evidence gives the same text. Recovery rows are given for
//! every slo_status of every provider with rows (0 included), so that a series going to 0
//! is seen as 0 rather than as gone.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::kind::{KINDS, Kind};
use crate::report::recovery_times::{closure_observations, first_acknowledgements};
use crate::report::retry::RetryRecoveryReport;
use crate::store::Evidence;

use super::state::ReadInfo;

/// The content type of the text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The slo_status values of a recovery row (§3).
const SLO_STATUSES: [&str; 3] = ["breached", "closed", "open"];

/// Renders the gauges for `evidence` and its report (default SLO, now), and how the
/// evidence was last read.
pub fn render(
    evidence: &Evidence,
    report: &RetryRecoveryReport,
    problems: usize,
    read: &ReadInfo,
) -> String {
    let mut out = String::new();

    let mut executions: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for e in evidence.exec_facts() {
        *executions
            .entry((evidence.symbol(e.provider), evidence.symbol(e.status)))
            .or_default() += 1;
    }
    family(
        &mut out,
        "cavra_executions",
        "Retry executions by provider and execution status.",
    );
    for ((provider, status), n) in &executions {
        series(
            &mut out,
            "cavra_executions",
            &[("provider", provider), ("status", status)],
            *n,
        );
    }

    let mut rows: BTreeMap<&str, [u64; 3]> = BTreeMap::new();
    for row in &report.recovery_rows {
        let counts = rows.entry(row.provider.as_str()).or_default();
        if let Some(i) = SLO_STATUSES.iter().position(|s| *s == row.slo_status) {
            counts[i] += 1;
        }
    }
    family(
        &mut out,
        "cavra_recovery_rows",
        "Connector recovery rows by provider and SLO status (breached, closed, open).",
    );
    for (provider, counts) in &rows {
        for (status, n) in SLO_STATUSES.iter().zip(counts) {
            series(
                &mut out,
                "cavra_recovery_rows",
                &[("provider", provider), ("slo_status", status)],
                *n,
            );
        }
    }

    family(
        &mut out,
        "cavra_recovery_slo_breached",
        "Open connector recoveries past the recovery SLO, by provider.",
    );
    for p in &report.provider_summary {
        series(
            &mut out,
            "cavra_recovery_slo_breached",
            &[("provider", &p.provider)],
            p.slo_breached_count,
        );
    }

    family(
        &mut out,
        "cavra_evidence_problems",
        "Problems in the evidence folder (syntax, types, public-safe, conflicts, I/O).",
    );
    series(&mut out, "cavra_evidence_problems", &[], problems as u64);

    family(
        &mut out,
        "cavra_evidence_records",
        "Valid, de-duplicated evidence records by kind.",
    );
    let mut kinds: Vec<(&str, u64)> = KINDS
        .iter()
        .map(|k| {
            let n = if k.kind == Kind::Execution {
                evidence.execution_count() as u64
            } else {
                evidence.of_kind(k.kind).count() as u64
            };
            (k.suffix, n)
        })
        .collect();
    kinds.sort_unstable();
    for (kind, n) in kinds {
        series(&mut out, "cavra_evidence_records", &[("kind", kind)], n);
    }

    let observed = closure_observations(&report.recovery_rows);
    let closures: Vec<(&str, i64)> = observed
        .iter()
        .map(|(provider, _, minutes)| (provider.as_str(), *minutes))
        .collect();
    histogram(
        &mut out,
        "cavra_recovery_closure_minutes",
        "Minutes from playbook generated to closure of recovery rows (closure_minutes), by provider.",
        &closures,
    );
    let firsts = first_acknowledgements(evidence.plans(), evidence.acks());
    let acks: Vec<(&str, i64)> = firsts
        .iter()
        .map(|f| (f.provider.as_str(), f.minutes))
        .collect();
    histogram(
        &mut out,
        "cavra_escalation_acknowledgement_minutes",
        "Minutes from escalation plan generated to its first acknowledgement, by provider.",
        &acks,
    );

    family(
        &mut out,
        "cavra_refresh_seconds",
        "Seconds the last read of the evidence folder took (walk and stat of every file, reading the new and changed ones, merging).",
    );
    let _ = writeln!(out, "cavra_refresh_seconds {:.6}", read.seconds);
    family(
        &mut out,
        "cavra_refresh_files_read",
        "Files the last read of the evidence folder read (every file on a full read, else the new and changed ones).",
    );
    series(&mut out, "cavra_refresh_files_read", &[], read.files_read);
    family(
        &mut out,
        "cavra_refresh_full",
        "1 when the last read of the evidence folder read every file, 0 when it read only what changed.",
    );
    series(&mut out, "cavra_refresh_full", &[], u64::from(read.full));

    out.push_str("# EOF\n");
    out
}

/// Histogram bucket bounds in minutes: 15 minutes to a week.
const BUCKETS: [i64; 9] = [15, 30, 60, 120, 240, 480, 1440, 2880, 10080];

/// One histogram family: per provider, cumulative buckets, then `_sum` and `_count`. A
/// provider with a negative observation (closed before generated) has no `_sum` and `_count`:
/// OpenMetrics forbids a sum that is not a counter.
fn histogram(out: &mut String, name: &str, help: &str, observations: &[(&str, i64)]) {
    let _ = writeln!(out, "# TYPE {name} histogram");
    let _ = writeln!(out, "# HELP {name} {help}");
    let mut by: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for (provider, minutes) in observations {
        by.entry(provider).or_default().push(*minutes);
    }
    let bucket = format!("{name}_bucket");
    for (provider, values) in &by {
        for le in BUCKETS {
            let n = values.iter().filter(|v| **v <= le).count() as u64;
            let le = format!("{le}.0");
            series(out, &bucket, &[("provider", provider), ("le", &le)], n);
        }
        let total = values.len() as u64;
        series(
            out,
            &bucket,
            &[("provider", provider), ("le", "+Inf")],
            total,
        );
        if values.iter().all(|v| *v >= 0) {
            let sum: i64 = values.iter().sum();
            series(
                out,
                &format!("{name}_sum"),
                &[("provider", provider)],
                sum as u64,
            );
            series(
                out,
                &format!("{name}_count"),
                &[("provider", provider)],
                total,
            );
        }
    }
}

fn family(out: &mut String, name: &str, help: &str) {
    let _ = writeln!(out, "# TYPE {name} gauge");
    let _ = writeln!(out, "# HELP {name} {help}");
}

fn series(out: &mut String, name: &str, labels: &[(&str, &str)], value: u64) {
    out.push_str(name);
    if !labels.is_empty() {
        out.push('{');
        for (i, (k, v)) in labels.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{k}=\"{}\"", escape(v));
        }
        out.push('}');
    }
    let _ = writeln!(out, " {value}");
}

/// A label value as OpenMetrics writes it.
pub fn escape(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(escape("x\ny"), "x\\ny");
        let mut s = String::new();
        series(&mut s, "m", &[("provider", "we\"ird")], 3);
        assert_eq!(s, "m{provider=\"we\\\"ird\"} 3\n");
    }
}
