//! `cavra check`: validate every file under the evidence folder (§5).

use serde::Serialize;

use crate::cli::{CheckArgs, Format};
use crate::error::Error;
use crate::output::{self, Grid, Tone, Value};
use crate::problem::{Problem, exit_code};
use crate::store::{Evidence, LoadOptions};

use super::{Ctx, print_out};

/// The `--format json` document of `check`.
#[derive(Debug, Serialize)]
pub struct CheckOutput<'a> {
    pub files: u64,
    pub records: u64,
    pub ignored: u64,
    pub problems: &'a [Problem],
}

pub fn run(ctx: &Ctx, args: &CheckArgs) -> Result<i32, Error> {
    let opts = LoadOptions {
        strict: args.strict,
        ..ctx.load_options()
    };
    let evidence = Evidence::load(&ctx.evidence, &opts)?;
    let c = evidence.counts;
    let problems = &evidence.problems;
    let summary = format!(
        "{} files, {} records, {} ignored, {} problems",
        c.files,
        c.records,
        c.ignored,
        problems.len()
    );
    let text = match ctx.format {
        Format::Json => output::json(&CheckOutput {
            files: c.files,
            records: c.records,
            ignored: c.ignored,
            problems,
        }),
        Format::Table => {
            let mut s = String::new();
            for p in problems {
                s.push_str(&p.line());
                s.push('\n');
            }
            s.push_str(&summary);
            s.push('\n');
            s
        }
        Format::Markdown => {
            let mut s = output::markdown(&[grid(problems)]);
            s.push('\n');
            s.push_str(&summary);
            s.push('\n');
            s
        }
        Format::Csv => output::csv(&grid(problems)),
    };
    print_out(&text);
    Ok(exit_code(problems))
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
