//! `cavra diff BASE [HEAD]`: what the evidence at HEAD (default: the work tree) changes in the
//! retry recovery report of the evidence at BASE. Both reports are built with the same now
//! and SLO; the comparison is [`crate::report::diff`]. `--fail-on new-breach,new-failed`
//! gates a pull request on what it adds.
//!
//! The runner reads HEAD's evidence (the work tree, or HEAD's revision through
//! [`Operation::revision`]), warns about its problems and lets them set the exit code, as
//! `report` does; BASE is read here, and its problems are only counted (a pull request is
//! not failed for what its base already had).

use std::collections::HashSet;

use clap::ValueEnum;
use serde::Deserialize;

use crate::error::Error;
use crate::output::{self, Format, Grid, Style, Tone, Value};
use crate::report::diff::{self, End, Idents, RecoveryChange, ReportDiff, is_failed};
use crate::store::{Evidence, LoadOptions};

use super::{Env, Note, Operation, Render};

/// What `--fail-on` can trip on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Gate {
    /// a recovery row breached in HEAD and not in BASE
    NewBreach,
    /// a failed or skipped execution in HEAD and not in BASE
    NewFailed,
}

/// `cavra diff`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields, default)]
#[command(
    after_help = "BASE and HEAD are git revisions of the repository that holds the \
evidence folder (HEAD~1, main, a tag, a commit id); without HEAD the work tree is compared. \
`cavra --rev HEAD diff BASE` is `cavra diff BASE HEAD`. Use --format markdown for a pull \
request comment."
)]
pub struct Diff {
    /// The revision to compare from
    #[arg(value_name = "BASE")]
    pub base: String,
    /// The revision to compare to [default: the work tree]
    #[arg(value_name = "HEAD")]
    pub head: Option<String>,
    /// Recovery SLO in minutes (0 means the default, 240)
    #[arg(long = "slo-minutes", value_name = "N")]
    pub recovery_slo_minutes: Option<u64>,
    /// Exit 1 when a gate trips (comma-separated: new-breach,new-failed)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "GATES")]
    #[serde(skip)]
    pub fail_on: Vec<Gate>,
}

/// The diff, and the command line's gates.
#[derive(Debug)]
pub struct Output {
    pub diff: ReportDiff,
    pub fail_on: Vec<Gate>,
}

impl Operation for Diff {
    type Output = Output;

    fn revision(&self) -> Option<&str> {
        self.head.as_deref()
    }

    fn check(&self) -> Result<(), Error> {
        if self.base.trim().is_empty() {
            return Err(Error::usage("BASE must name a revision")
                .with_hint("give a revision such as HEAD~1, main or a commit id"));
        }
        Ok(())
    }

    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let params = env.params(self.recovery_slo_minutes, None);
        let head = env.evidence;
        let base = Evidence::load(
            env.root,
            &LoadOptions {
                rev: Some(self.base.clone()),
                strict: false,
                ..env.load.clone()
            },
        )?;
        let base_report = super::report::build(&base, &params)?;
        let head_report = super::report::build(head, &params)?;
        let delta = diff::exec_delta(&idents(&base), &idents(head));
        let added = failed_details(head, &delta.failures_added);
        let removed = failed_details(&base, &delta.failures_removed);
        let end = |ev: &Evidence, report_id: &str| {
            let revision = ev.origin.revision();
            End {
                revision: revision.as_ref().map(|r| r.name.clone()),
                commit: revision.map(|r| r.commit),
                report_id: report_id.to_owned(),
                evidence_problems: ev.problems.len() as u64,
            }
        };
        let diff = diff::diff(
            (&base_report, end(&base, &base_report.report_id)),
            (&head_report, end(head, &head_report.report_id)),
            &delta,
            added,
            removed,
        );
        Ok(Output {
            diff,
            fail_on: self.fail_on,
        })
    }
}

/// Every valid execution's identity, and whether the report counts it as failed.
fn idents(evidence: &Evidence) -> Idents {
    evidence
        .exec_facts()
        .map(|f| (f.ident, is_failed(evidence.symbol(f.status))))
        .collect()
}

/// The texts of the executions with the given identities (read again from the evidence).
fn failed_details(evidence: &Evidence, wanted: &[u64]) -> Vec<crate::model::facts::ExecDetail> {
    if wanted.is_empty() {
        return Vec::new();
    }
    let wanted: HashSet<u64> = wanted.iter().copied().collect();
    let recs: Vec<_> = evidence
        .exec_facts()
        .filter(|f| wanted.contains(&f.ident))
        .map(|f| f.rec)
        .collect();
    let mut out = Vec::with_capacity(recs.len());
    evidence.exec_details(&recs, |d| out.push(d));
    out
}

impl serde::Serialize for Output {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.diff.serialize(s)
    }
}

impl Render for Output {
    fn render(&self, style: Style) -> Result<String, Error> {
        let d = &self.diff;
        Ok(match style.format {
            Format::Json => output::json(d)?,
            Format::Csv => output::csv(&summary(d)),
            Format::Markdown => {
                let mut text = format!(
                    "## Recovery report diff: {} → {}\n\n",
                    md_name(&d.base),
                    md_name(&d.head)
                );
                text.push_str(&format!(
                    "Alert level **{}**, at {}, recovery SLO {} minutes.\n\n",
                    alert_change(d),
                    d.generated_at,
                    d.recovery_slo_minutes
                ));
                text.push_str(&output::markdown(&grids(d)));
                text
            }
            _ => {
                let mut text = format!(
                    "Recovery report diff: {} → {}\n  alert level {}, at {}, SLO {} min\n\n",
                    d.base.name(),
                    d.head.name(),
                    alert_change(d),
                    d.generated_at,
                    d.recovery_slo_minutes
                );
                text.push_str(&output::tables(&grids(d), style.color));
                text
            }
        })
    }

    fn notes(&self, _: Format) -> Vec<Note> {
        let d = &self.diff;
        let mut notes = Vec::new();
        let n = d.base.evidence_problems;
        if n > 0 {
            let rev = d.base.revision.as_deref().unwrap_or("BASE");
            notes.push(Note::Line(format!(
                "cavra: warning: the evidence at {rev} has {n} problem{}, whose records its report leaves out; `cavra --rev {rev} check` lists them",
                if n == 1 { "" } else { "s" }
            )));
        }
        notes.extend(
            self.tripped()
                .into_iter()
                .map(|(name, what, n)| Note::Line(format!("cavra: fail-on {name}: {n} {what}"))),
        );
        notes
    }

    fn exit_code(&self) -> i32 {
        if self.tripped().is_empty() { 0 } else { 1 }
    }
}

impl Output {
    /// The gates of `--fail-on` that tripped: (gate, what, how many).
    fn tripped(&self) -> Vec<(&'static str, &'static str, usize)> {
        let d = &self.diff;
        self.fail_on
            .iter()
            .map(|gate| match gate {
                Gate::NewBreach => (
                    "new-breach",
                    "recovery rows newly breached the SLO",
                    d.recoveries.newly_breached.len(),
                ),
                Gate::NewFailed => (
                    "new-failed",
                    "failed or skipped executions added",
                    d.failed_executions.added.len(),
                ),
            })
            .filter(|(_, _, n)| *n > 0)
            .collect()
    }
}

/// An end's name in Markdown: the revision and its commit as code.
fn md_name(end: &End) -> String {
    match (&end.revision, &end.commit) {
        (Some(rev), Some(commit)) => format!("`{rev}` (`{}`)", diff::short(commit)),
        (Some(rev), None) => format!("`{rev}`"),
        (None, _) => "the work tree".to_owned(),
    }
}

/// `warning → critical`, or the level alone when it did not change.
fn alert_change(d: &ReportDiff) -> String {
    if d.alert_level.before == d.alert_level.after {
        format!("{} (unchanged)", d.alert_level.after)
    } else {
        format!("{} → {}", d.alert_level.before, d.alert_level.after)
    }
}

/// `+2`, `-1`, `0`, then `: detail` when there is one.
fn change(before: u64, after: u64, detail: &str) -> String {
    let n = after as i128 - before as i128;
    let delta = if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    };
    if detail.is_empty() {
        delta
    } else {
        format!("{delta}: {detail}")
    }
}

/// How an alert level moved: worse, better, or nothing.
fn alert_move(d: &ReportDiff) -> &'static str {
    let rank = |level: &str| match level {
        "critical" => 2,
        "warning" => 1,
        _ => 0,
    };
    let (b, a) = (rank(&d.alert_level.before), rank(&d.alert_level.after));
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => "worse",
        std::cmp::Ordering::Less => "better",
        std::cmp::Ordering::Equal => "",
    }
}

fn tone_if(bad: bool, tone: Tone) -> Tone {
    if bad { tone } else { Tone::Plain }
}

/// The summary: one line per figure, before, after and the change.
fn summary(d: &ReportDiff) -> Grid {
    let mut g = Grid::new("Summary", &["what", "before", "after", "change"])
        .with_keys(&["field", "before", "after", "change"]);
    let (rb, ra) = (&d.recoveries.before, &d.recoveries.after);
    let moved = alert_move(d);
    g.row(
        tone_if(moved == "worse", Tone::Bad),
        vec![
            "alert level".into(),
            d.alert_level.before.as_str().into(),
            d.alert_level.after.as_str().into(),
            moved.into(),
        ],
    );
    let e = &d.executions;
    g.row(
        Tone::Plain,
        vec![
            "executions".into(),
            e.before.into(),
            e.after.into(),
            change(
                e.before,
                e.after,
                &format!("{} added, {} removed", e.added, e.removed),
            )
            .into(),
        ],
    );
    let f = &d.failed_executions;
    g.row(
        tone_if(!f.added.is_empty(), Tone::Bad),
        vec![
            "failed or skipped executions".into(),
            f.before.into(),
            f.after.into(),
            change(
                f.before,
                f.after,
                &format!("{} added, {} removed", f.added.len(), f.removed.len()),
            )
            .into(),
        ],
    );
    let r = &d.recoveries;
    let lines: [(&str, u64, u64, String, Tone); 4] = [
        (
            "recovery rows",
            rb.rows,
            ra.rows,
            String::new(),
            Tone::Plain,
        ),
        (
            "open recoveries",
            rb.open,
            ra.open,
            format!("{} opened, {} closed", r.opened.len(), r.closed.len()),
            tone_if(!r.opened.is_empty(), Tone::Warn),
        ),
        (
            "breached recoveries",
            rb.breached,
            ra.breached,
            format!("{} newly breached", r.newly_breached.len()),
            tone_if(!r.newly_breached.is_empty(), Tone::Bad),
        ),
        (
            "closed recoveries",
            rb.closed,
            ra.closed,
            String::new(),
            Tone::Plain,
        ),
    ];
    for (what, before, after, detail, tone) in lines {
        g.row(
            tone,
            vec![
                what.into(),
                before.into(),
                after.into(),
                change(before, after, &detail).into(),
            ],
        );
    }
    g
}

/// Every table: the summary, failed executions, recoveries, providers.
fn grids(d: &ReportDiff) -> Vec<Grid> {
    let mut failed = Grid::new(
        "Failed executions",
        &[
            "change",
            "execution_id",
            "provider",
            "execution_status",
            "executed_at",
        ],
    );
    for (what, list, tone) in [
        ("added", &d.failed_executions.added, Tone::Bad),
        ("removed", &d.failed_executions.removed, Tone::Good),
    ] {
        for x in list {
            failed.row(
                tone,
                vec![
                    what.into(),
                    x.execution_id.as_str().into(),
                    x.provider.as_str().into(),
                    x.execution_status.as_str().into(),
                    x.executed_at.as_str().into(),
                ],
            );
        }
    }

    let mut rows = Grid::new(
        "Recoveries changed",
        &[
            "playbook_id",
            "provider",
            "change",
            "before",
            "after",
            "closure_state",
            "age_minutes",
        ],
    );
    let r = &d.recoveries;
    let mut shown: Vec<&RecoveryChange> = Vec::new();
    for c in r.newly_breached.iter().chain(&r.opened).chain(&r.closed) {
        if shown.contains(&c) {
            continue;
        }
        shown.push(c);
        let (opened, closed, breached) = (
            r.opened.contains(c),
            r.closed.contains(c),
            r.newly_breached.contains(c),
        );
        let what: Vec<&str> = [
            (opened, "opened"),
            (closed, "closed"),
            (breached, "newly breached"),
        ]
        .into_iter()
        .filter_map(|(is, word)| is.then_some(word))
        .collect();
        let tone = if breached {
            Tone::Bad
        } else if opened {
            Tone::Warn
        } else {
            Tone::Good
        };
        rows.row(
            tone,
            vec![
                c.playbook_id.as_str().into(),
                c.provider.as_str().into(),
                what.join(", ").into(),
                c.before.as_deref().unwrap_or("(none)").into(),
                c.after.as_str().into(),
                c.closure_state.as_str().into(),
                c.age_minutes.into(),
            ],
        );
    }

    let mut providers = Grid::new("Providers changed", &super::report::PROVIDER_COLUMNS);
    for p in &d.providers {
        let (b, a) = (&p.before, &p.after);
        let cell = |x: u64, y: u64| -> Value {
            if x == y {
                Value::text(x.to_string())
            } else {
                Value::text(format!("{x} → {y}"))
            }
        };
        providers.row(
            tone_if(a.slo_breached_count > b.slo_breached_count, Tone::Bad),
            vec![
                p.provider.as_str().into(),
                cell(b.execution_count, a.execution_count),
                cell(b.execution_delivered_count, a.execution_delivered_count),
                cell(b.execution_failed_count, a.execution_failed_count),
                cell(b.execution_skipped_count, a.execution_skipped_count),
                cell(b.recovery_playbook_count, a.recovery_playbook_count),
                cell(b.recovery_closure_count, a.recovery_closure_count),
                cell(b.open_recovery_count, a.open_recovery_count),
                cell(b.slo_breached_count, a.slo_breached_count),
            ],
        );
    }
    vec![summary(d), failed, rows, providers]
}
