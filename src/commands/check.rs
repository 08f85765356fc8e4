//! `cavra check`: validate every file under the evidence folder (§5).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::output::{self, Format, Grid, Style, Tone, Value};
use std::collections::HashSet;

use crate::model::canon::identity_hash;
use crate::model::facts::RecRef;
use crate::model::kind::Kind;
use crate::model::record::{Classified, classify};
use crate::problem::{Problem, RuleCode, exit_code};
use crate::report::links::{Citation, carries_whole, citations, noun};
use crate::store::Evidence;

use super::{Access, Env, Operation, Reads, Render, Writes};

/// `cavra check`: whether the policy applies to every value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Apply the public-safe policy to every JSON value, known kind or not
    #[arg(long)]
    #[serde(default)]
    pub strict: bool,
}

/// The `--format json` document of `check`.
#[derive(Debug, Serialize)]
pub struct Output {
    pub files: u64,
    pub records: u64,
    pub ignored: u64,
    pub problems: Vec<Problem>,
    /// `--strict`: dangling references fail too.
    #[serde(skip)]
    pub strict: bool,
}

impl Operation for Check {
    type Output = Output;

    fn access(&self) -> Access {
        Access {
            reads: Reads::Check {
                strict: self.strict,
            },
            writes: Writes::Nothing,
            dry_run: false,
        }
    }

    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let c = env.evidence.counts;
        let mut problems = env.evidence.problems.clone();
        problems.extend(dangling(env.evidence));
        Ok(Output {
            files: c.files,
            records: c.records,
            ignored: c.ignored,
            problems,
            strict: self.strict,
        })
    }
}

impl Render for Output {
    fn render(&self, style: Style) -> Result<String, Error> {
        let summary = format!(
            "{} files, {} records, {} ignored, {} problems\n",
            self.files,
            self.records,
            self.ignored,
            self.problems.len()
        );
        Ok(match style.format {
            Format::Html => return Err(output::html_only()),
            Format::Json => output::json(self)?,
            Format::Table => {
                let mut s = String::new();
                for p in &self.problems {
                    s.push_str(&p.line());
                    s.push('\n');
                }
                s.push_str(&summary);
                s
            }
            Format::Markdown => {
                let mut s = output::markdown(&[grid(&self.problems)]);
                s.push('\n');
                s.push_str(&summary);
                s
            }
            Format::Csv => output::csv(&grid(&self.problems)),
        })
    }

    fn exit_code(&self) -> i32 {
        let dangling = self
            .problems
            .iter()
            .any(|p| p.rule == RuleCode::DanglingRef);
        if self.strict && dangling {
            return exit_code(&self.problems).max(3);
        }
        exit_code(&self.problems)
    }
}

/// Every cited id of a kind cavra knows that no record in the evidence has (§4.8), in the
/// order of the citing records.
fn dangling(evidence: &Evidence) -> Vec<Problem> {
    let executions: HashSet<u64> = evidence.exec_facts().map(|e| e.ident).collect();
    let exists = |c: &Citation| match c.kind {
        Kind::Execution => executions.contains(&identity_hash(Kind::Execution.index(), &c.id)),
        kind => evidence.has(kind, &c.id),
    };
    let wanted: Vec<RecRef> = evidence.others.iter().map(|s| s.rec).collect();
    let mut out = Vec::new();
    evidence.reread(&wanted, |rec, value| {
        let Classified::Record(view) = classify(value) else {
            return;
        };
        let missing = |c: &&Citation| !exists(c) && !carries_whole(view.kind, c);
        for (seq, c) in citations(&view).iter().filter(missing).enumerate() {
            let (file, pos) = evidence.order(rec);
            out.push(
                Problem::new(
                    evidence.place_at(rec, &c.pointer),
                    RuleCode::DanglingRef,
                    format!(
                        "cites {} {}, which no record in the evidence has",
                        noun(c.kind),
                        c.id
                    ),
                )
                .at(file, pos, seq as u32),
            );
        }
    });
    out.sort_by(|a, b| (a.order, &a.place).cmp(&(b.order, &b.place)));
    out
}

fn grid(problems: &[Problem]) -> Grid {
    let mut g = Grid::new("Problems", &["place", "rule", "message"]);
    for p in problems {
        let tone = if p.rule.is_warning() {
            Tone::Warn
        } else {
            Tone::Bad
        };
        g.row(
            tone,
            vec![
                p.place.as_str().into(),
                Value::text(p.rule.as_str()),
                p.message.as_str().into(),
            ],
        );
    }
    g
}
