//! `cavra check`: validate every file under the evidence folder (§5).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::output::{self, Format, Grid, Style, Tone, Value};
use crate::problem::{Problem, exit_code};

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
        Ok(Output {
            files: c.files,
            records: c.records,
            ignored: c.ignored,
            problems: env.evidence.problems.clone(),
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
        exit_code(&self.problems)
    }
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
