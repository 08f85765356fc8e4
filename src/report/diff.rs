//! The difference between two retry recovery reports (`cavra diff BASE [HEAD]`): what the
//! evidence of HEAD adds to or changes in the evidence of BASE, both reports built with the
//! same now, SLO and label (§3).
//!
//! - **Executions** are matched by identity (kind and id, §2.4): `added` are the ids HEAD has
//!   and BASE has not, `removed` the reverse. A *failed* execution is one the report counts in
//!   `execution_failed_count` (status `failed` or `skipped`); a failure is added when HEAD has
//!   a failed execution whose id BASE has not as a failed one.
//! - **Recoveries** are the report's rows, matched by (playbook_id, provider) (and, for a
//!   provider a playbook lists twice, by the order they come in). A row is *opened* when it is
//!   open in HEAD (`slo_status` open or breached) and was closed or absent in BASE; *closed*
//!   when it is closed in HEAD and was open or absent in BASE; *newly breached* when it is
//!   breached in HEAD and was not breached (or absent) in BASE. A row may be opened and newly
//!   breached at once. Rows HEAD no longer has are not listed (the counts show them).
//! - **Providers**: every provider of either report whose counts differ, with its counts
//!   before and after (zero where a report does not name it).
//!
//! Pure: no I/O, no clock. The failed executions' texts are read by the caller.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::facts::ExecDetail;

use super::later;
use super::retry::{ProviderSummary, RecoveryRow, RetryRecoveryReport};

/// One end of the diff: the revision its evidence was read at (none: the work tree).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct End {
    /// The revision as given; `null` for the work tree.
    pub revision: Option<String>,
    /// The commit it names (full id); `null` for the work tree or a tree.
    pub commit: Option<String>,
    pub report_id: String,
    /// Problems found in that evidence (its report leaves the bad records out, §2.4).
    pub evidence_problems: u64,
}

impl End {
    /// How people name this end: `HEAD~1 (1a2b3c4)`, or `work tree`.
    pub fn name(&self) -> String {
        match (&self.revision, &self.commit) {
            (Some(rev), Some(commit)) => format!("{rev} ({})", short(commit)),
            (Some(rev), None) => rev.clone(),
            (None, _) => "work tree".to_owned(),
        }
    }
}

/// The first 7 hex digits of a commit id, as `git log --oneline` shows it.
pub fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

/// Executions: counts and ids added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Executions {
    pub before: u64,
    pub after: u64,
    pub added: u64,
    pub removed: u64,
}

/// Failed (or skipped) executions: counts, and those added and removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failures {
    pub before: u64,
    pub after: u64,
    /// Failed in HEAD, not failed (or absent) in BASE; newest first (§2.4).
    pub added: Vec<FailedExecution>,
    /// Failed in BASE, not failed (or absent) in HEAD; newest first.
    pub removed: Vec<FailedExecution>,
}

/// One failed execution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedExecution {
    pub execution_id: String,
    pub provider: String,
    pub execution_status: String,
    /// As written.
    pub executed_at: String,
}

/// Counts of recovery rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RowCounts {
    pub rows: u64,
    pub open: u64,
    pub closed: u64,
    pub breached: u64,
}

/// Recoveries: counts, and the rows opened, closed and newly breached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recoveries {
    pub before: RowCounts,
    pub after: RowCounts,
    pub opened: Vec<RecoveryChange>,
    pub closed: Vec<RecoveryChange>,
    pub newly_breached: Vec<RecoveryChange>,
}

/// A recovery row that changed, as HEAD's report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecoveryChange {
    pub playbook_id: String,
    pub provider: String,
    /// The row's `slo_status` in BASE; `null` when BASE has no such row.
    pub before: Option<String>,
    /// Its `slo_status` in HEAD.
    pub after: String,
    pub closure_state: String,
    pub age_minutes: Option<i64>,
}

/// A provider's counts (the numbers of its `provider_summary` entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ProviderCounts {
    pub execution_count: u64,
    pub execution_delivered_count: u64,
    pub execution_failed_count: u64,
    pub execution_skipped_count: u64,
    pub recovery_playbook_count: u64,
    pub recovery_closure_count: u64,
    pub open_recovery_count: u64,
    pub slo_breached_count: u64,
}

impl From<&ProviderSummary> for ProviderCounts {
    fn from(p: &ProviderSummary) -> ProviderCounts {
        ProviderCounts {
            execution_count: p.execution_count,
            execution_delivered_count: p.execution_delivered_count,
            execution_failed_count: p.execution_failed_count,
            execution_skipped_count: p.execution_skipped_count,
            recovery_playbook_count: p.recovery_playbook_count,
            recovery_closure_count: p.recovery_closure_count,
            open_recovery_count: p.open_recovery_count,
            slo_breached_count: p.slo_breached_count,
        }
    }
}

/// A provider whose counts differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderChange {
    pub provider: String,
    pub before: ProviderCounts,
    pub after: ProviderCounts,
}

/// `cavra diff`: the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportDiff {
    pub base: End,
    pub head: End,
    /// Now, the same for both reports.
    pub generated_at: String,
    pub recovery_slo_minutes: u64,
    pub alert_level: Change<String>,
    pub executions: Executions,
    pub failed_executions: Failures,
    pub recoveries: Recoveries,
    pub providers: Vec<ProviderChange>,
}

/// One end's execution identities: (identity hash, counted as failed).
pub type Idents = HashMap<u64, bool>;

/// What the execution identities of both ends say: counts added and removed, and the
/// identities of the failures added and removed (to be read by the caller).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExecDelta {
    pub added: u64,
    pub removed: u64,
    pub failures_added: Vec<u64>,
    pub failures_removed: Vec<u64>,
}

/// Compares the execution identities of BASE and HEAD.
pub fn exec_delta(base: &Idents, head: &Idents) -> ExecDelta {
    let mut delta = ExecDelta::default();
    for (ident, failed) in head {
        if !base.contains_key(ident) {
            delta.added += 1;
        }
        if *failed && base.get(ident) != Some(&true) {
            delta.failures_added.push(*ident);
        }
    }
    for (ident, failed) in base {
        if !head.contains_key(ident) {
            delta.removed += 1;
        }
        if *failed && head.get(ident) != Some(&true) {
            delta.failures_removed.push(*ident);
        }
    }
    delta.failures_added.sort_unstable();
    delta.failures_removed.sort_unstable();
    delta
}

/// Whether an execution status counts as failed in the report (`execution_failed_count`).
pub fn is_failed(status: &str) -> bool {
    matches!(status, "failed" | "skipped")
}

/// The diff of two reports built with the same now and SLO. `delta` and the texts of the
/// failed executions it names come from the two evidences.
pub fn diff(
    base: (&RetryRecoveryReport, End),
    head: (&RetryRecoveryReport, End),
    delta: &ExecDelta,
    failures_added: Vec<ExecDetail>,
    failures_removed: Vec<ExecDetail>,
) -> ReportDiff {
    let (b, base_end) = base;
    let (h, head_end) = head;
    ReportDiff {
        base: base_end,
        head: head_end,
        generated_at: h.generated_at.clone(),
        recovery_slo_minutes: h.recovery_slo_minutes,
        alert_level: Change {
            before: b.alert_level.to_owned(),
            after: h.alert_level.to_owned(),
        },
        executions: Executions {
            before: b.execution_count,
            after: h.execution_count,
            added: delta.added,
            removed: delta.removed,
        },
        failed_executions: Failures {
            before: b.execution_failed_count,
            after: h.execution_failed_count,
            added: failed_list(failures_added),
            removed: failed_list(failures_removed),
        },
        recoveries: recoveries(&b.recovery_rows, &h.recovery_rows),
        providers: providers(&b.provider_summary, &h.provider_summary),
    }
}

/// Failed executions newest first (§2.4 ties), each once.
fn failed_list(mut details: Vec<ExecDetail>) -> Vec<FailedExecution> {
    details.sort_by(|a, b| {
        if later((a.at, &a.execution_id), (b.at, &b.execution_id)) {
            std::cmp::Ordering::Less
        } else if later((b.at, &b.execution_id), (a.at, &a.execution_id)) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    details.dedup_by_key(|d| d.ident);
    details
        .into_iter()
        .map(|d| FailedExecution {
            execution_id: d.execution_id,
            provider: d.provider,
            execution_status: d.execution_status,
            executed_at: d.executed_at,
        })
        .collect()
}

fn counts(rows: &[RecoveryRow]) -> RowCounts {
    let mut c = RowCounts {
        rows: rows.len() as u64,
        ..RowCounts::default()
    };
    for row in rows {
        if row.is_closed() {
            c.closed += 1;
        } else {
            c.open += 1;
        }
        if row.slo_breached {
            c.breached += 1;
        }
    }
    c
}

/// Each row with its key: (playbook_id, provider, how many rows of that pair came before it).
fn keyed(rows: &[RecoveryRow]) -> Vec<((&str, &str, usize), &RecoveryRow)> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    rows.iter()
        .map(|row| {
            let n = seen
                .entry((row.playbook_id.as_str(), row.provider.as_str()))
                .or_default();
            let key = (row.playbook_id.as_str(), row.provider.as_str(), *n);
            *n += 1;
            (key, row)
        })
        .collect()
}

/// The rows opened, closed and newly breached, in HEAD's row order.
pub fn recoveries(base: &[RecoveryRow], head: &[RecoveryRow]) -> Recoveries {
    let before: HashMap<_, _> = keyed(base).into_iter().collect();
    let mut out = Recoveries {
        before: counts(base),
        after: counts(head),
        opened: Vec::new(),
        closed: Vec::new(),
        newly_breached: Vec::new(),
    };
    for (key, row) in keyed(head) {
        let old = before.get(&key).copied();
        let change = || RecoveryChange {
            playbook_id: row.playbook_id.clone(),
            provider: row.provider.clone(),
            before: old.map(|o| o.slo_status.clone()),
            after: row.slo_status.clone(),
            closure_state: row.closure_state.clone(),
            age_minutes: row.age_minutes,
        };
        let was_open = old.is_some_and(|o| !o.is_closed());
        let was_closed = old.is_some_and(RecoveryRow::is_closed);
        if !row.is_closed() && !was_open {
            out.opened.push(change());
        }
        if row.is_closed() && !was_closed {
            out.closed.push(change());
        }
        if row.slo_breached && !old.is_some_and(|o| o.slo_breached) {
            out.newly_breached.push(change());
        }
    }
    out
}

/// Every provider whose counts differ, sorted by provider.
pub fn providers(base: &[ProviderSummary], head: &[ProviderSummary]) -> Vec<ProviderChange> {
    let of = |list: &[ProviderSummary]| -> HashMap<String, ProviderCounts> {
        list.iter()
            .map(|p| (p.provider.clone(), ProviderCounts::from(p)))
            .collect()
    };
    let (b, h) = (of(base), of(head));
    let names: HashSet<&String> = b.keys().chain(h.keys()).collect();
    let mut names: Vec<&String> = names.into_iter().collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|name| {
            let before = b.get(name).copied().unwrap_or_default();
            let after = h.get(name).copied().unwrap_or_default();
            (before != after).then(|| ProviderChange {
                provider: name.clone(),
                before,
                after,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row with what the diff looks at: (playbook, provider, closure_state, breached).
    fn row(playbook: &str, provider: &str, state: &str, breached: bool) -> RecoveryRow {
        let closed = matches!(state, "resolved" | "mitigated");
        RecoveryRow {
            playbook_id: playbook.to_owned(),
            provider: provider.to_owned(),
            category: "webhook".to_owned(),
            failure_count: 1,
            generated_at: "2026-06-01T00:00:00Z".to_owned(),
            age_minutes: Some(480),
            recovery_slo_minutes: 240,
            closure_state: state.to_owned(),
            closure_id: String::new(),
            closed_at: String::new(),
            closure_minutes: None,
            slo_status: crate::report::retry::slo_status(breached, closed).to_owned(),
            slo_breached: breached,
        }
    }

    fn keys(changes: &[RecoveryChange]) -> Vec<(String, String, Option<String>)> {
        changes
            .iter()
            .map(|c| (c.playbook_id.clone(), c.provider.clone(), c.before.clone()))
            .collect()
    }

    fn k(p: &str, q: &str, before: Option<&str>) -> (String, String, Option<String>) {
        (p.to_owned(), q.to_owned(), before.map(str::to_owned))
    }

    #[test]
    fn rows_opened_closed_and_newly_breached() {
        // (case, base rows, head rows, opened, closed, newly breached)
        type Case<'a> = (
            &'a str,
            Vec<RecoveryRow>,
            Vec<RecoveryRow>,
            Vec<(String, String, Option<String>)>,
            Vec<(String, String, Option<String>)>,
            Vec<(String, String, Option<String>)>,
        );
        let cases: Vec<Case> = vec![
            (
                "unchanged rows change nothing",
                vec![
                    row("p", "a", "open", false),
                    row("p", "b", "resolved", false),
                ],
                vec![
                    row("p", "b", "resolved", false),
                    row("p", "a", "open", false),
                ],
                vec![],
                vec![],
                vec![],
            ),
            (
                "a new open row is opened; a new breached row is opened and newly breached",
                vec![],
                vec![row("p", "a", "open", false), row("q", "b", "open", true)],
                vec![k("p", "a", None), k("q", "b", None)],
                vec![],
                vec![k("q", "b", None)],
            ),
            (
                "a new closed row is closed",
                vec![],
                vec![row("p", "a", "mitigated", false)],
                vec![],
                vec![k("p", "a", None)],
                vec![],
            ),
            (
                "reopened after resolved: opened, and breached past the SLO",
                vec![row("p", "a", "resolved", false)],
                vec![row("p", "a", "reopened", true)],
                vec![k("p", "a", Some("closed"))],
                vec![],
                vec![k("p", "a", Some("closed"))],
            ),
            (
                "open turning breached is newly breached, not opened",
                vec![row("p", "a", "deferred", false)],
                vec![row("p", "a", "deferred", true)],
                vec![],
                vec![],
                vec![k("p", "a", Some("open"))],
            ),
            (
                "breached then resolved is closed; breached stays breached: nothing",
                vec![row("p", "a", "open", true), row("p", "b", "open", true)],
                vec![
                    row("p", "a", "resolved", false),
                    row("p", "b", "escalated", true),
                ],
                vec![],
                vec![k("p", "a", Some("breached"))],
                vec![],
            ),
            (
                "a row HEAD no longer has is not listed",
                vec![row("p", "a", "open", true)],
                vec![],
                vec![],
                vec![],
                vec![],
            ),
            (
                "a provider listed twice by one playbook is matched in order",
                vec![row("p", "a", "open", false)],
                vec![row("p", "a", "open", false), row("p", "a", "open", false)],
                vec![k("p", "a", None)],
                vec![],
                vec![],
            ),
        ];
        for (case, base, head, opened, closed, breached) in cases {
            let r = recoveries(&base, &head);
            assert_eq!(keys(&r.opened), opened, "{case}: opened");
            assert_eq!(keys(&r.closed), closed, "{case}: closed");
            assert_eq!(keys(&r.newly_breached), breached, "{case}: newly breached");
        }
    }

    #[test]
    fn row_counts() {
        // Two open (one breached), one closed.
        let rows = [
            row("p", "a", "open", true),
            row("p", "b", "deferred", false),
            row("p", "c", "resolved", false),
        ];
        assert_eq!(
            counts(&rows),
            RowCounts {
                rows: 3,
                open: 2,
                closed: 1,
                breached: 1
            }
        );
    }

    #[test]
    fn executions_by_identity() {
        // base: 1 ok, 2 failed, 3 failed; head: 1 failed (edited), 2 failed, 4 failed, 5 ok.
        let base: Idents = [(1, false), (2, true), (3, true)].into();
        let head: Idents = [(1, true), (2, true), (4, true), (5, false)].into();
        let d = exec_delta(&base, &head);
        assert_eq!(d.added, 2, "4 and 5");
        assert_eq!(d.removed, 1, "3");
        assert_eq!(d.failures_added, [1, 4], "1 failed now, 4 is new");
        assert_eq!(d.failures_removed, [3]);
        assert!(is_failed("skipped") && is_failed("failed") && !is_failed("delivered"));
    }

    fn provider(name: &str, executions: u64, breached: u64) -> ProviderSummary {
        ProviderSummary {
            provider: name.to_owned(),
            execution_count: executions,
            execution_delivered_count: executions,
            execution_failed_count: 0,
            execution_skipped_count: 0,
            recovery_playbook_count: 0,
            recovery_closure_count: 0,
            open_recovery_count: 0,
            slo_breached_count: breached,
            latest_execution_at: String::new(),
            latest_closure_at: String::new(),
        }
    }

    #[test]
    fn providers_that_changed() {
        let base = [
            provider("a", 1, 0),
            provider("b", 2, 0),
            provider("gone", 1, 0),
        ];
        let head = [
            provider("a", 1, 0),
            provider("b", 2, 1),
            provider("new", 3, 0),
        ];
        let changed = providers(&base, &head);
        let names: Vec<&str> = changed.iter().map(|p| p.provider.as_str()).collect();
        assert_eq!(names, ["b", "gone", "new"], "a is unchanged");
        assert_eq!(
            changed[1].after,
            ProviderCounts::default(),
            "gone: all zero"
        );
        assert_eq!(changed[2].before.execution_count, 0);
        assert_eq!(changed[0].after.slo_breached_count, 1);
    }
}
