//! `cavra verify`: every content-derived id recomputed from its record's own fields; each
//! record whose id (or hash) no longer matches is `tampered`, exit 3 (§2.4; issue 9's facts
//! for the original system's form, see [`crate::report::verify`]).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::facts::RecRef;
use crate::model::record::{Classified, classify};
use crate::output::{self, Format, Grid, Style, Tone};
use crate::report::links::noun;
use crate::report::verify::{Form, Verdict, verify};

use super::{Env, Operation, Render};

/// `cavra verify`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Verify {}

/// The result: counts, and every tampered record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Output {
    /// Valid records read.
    pub records: u64,
    /// Ids that match their content in cavra's canonical form (§2.4).
    pub canonical: u64,
    /// Ids that match their content in the original system's form.
    pub original: u64,
    /// Ids that match neither form where nothing says they were derived from the content
    /// (hand-written evidence, the original system's reports).
    pub unverified: u64,
    /// Records whose id is not derived from their content (deliveries, records without an id).
    pub not_judged: u64,
    pub tampered: Vec<Tampered>,
}

/// A record whose id or hash its content no longer gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tampered {
    /// File and JSON pointer of the stored id or hash.
    pub place: String,
    pub kind: &'static str,
    pub stored: String,
    pub computed: String,
}

impl Operation for Verify {
    type Output = Output;

    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let ev = env.evidence;
        let wanted: Vec<RecRef> = ev
            .others
            .iter()
            .map(|s| s.rec)
            .chain(ev.exec_facts().map(|e| e.rec))
            .collect();
        let mut out = Output {
            records: wanted.len() as u64,
            canonical: 0,
            original: 0,
            unverified: 0,
            not_judged: 0,
            tampered: Vec::new(),
        };
        let mut tampered: Vec<((u32, u64), Tampered)> = Vec::new();
        ev.reread(&wanted, |rec, value| {
            let Classified::Record(view) = classify(value) else {
                return;
            };
            match verify(&view) {
                Verdict::NotJudged => out.not_judged += 1,
                Verdict::Unverified => out.unverified += 1,
                Verdict::Matches(Form::Canonical) => out.canonical += 1,
                Verdict::Matches(Form::Original) => out.original += 1,
                Verdict::Tampered {
                    pointer,
                    stored,
                    computed,
                } => tampered.push((
                    ev.order(rec),
                    Tampered {
                        place: ev.place_at(rec, &pointer),
                        kind: noun(view.kind),
                        stored,
                        computed,
                    },
                )),
            }
        });
        tampered.sort_by(|a, b| (a.0, &a.1.place).cmp(&(b.0, &b.1.place)));
        out.tampered = tampered.into_iter().map(|(_, t)| t).collect();
        Ok(out)
    }
}

impl Render for Output {
    fn render(&self, style: Style) -> Result<String, Error> {
        let summary = format!(
            "{} records: {} ids match (canonical {}, original {}), {} unverified, {} not judged, {} tampered\n",
            self.records,
            self.canonical + self.original,
            self.canonical,
            self.original,
            self.unverified,
            self.not_judged,
            self.tampered.len()
        );
        let grid = || {
            let mut g = Grid::new("Tampered records", &["place", "kind", "stored", "computed"]);
            for t in &self.tampered {
                g.row(
                    Tone::Bad,
                    vec![
                        t.place.as_str().into(),
                        t.kind.into(),
                        t.stored.as_str().into(),
                        t.computed.as_str().into(),
                    ],
                );
            }
            vec![g]
        };
        Ok(match style.format {
            Format::Table | Format::Markdown if self.tampered.is_empty() => summary,
            Format::Table | Format::Markdown => {
                let mut s = output::document(style, self, grid, 0)?;
                s.push('\n');
                s.push_str(&summary);
                s
            }
            _ => output::document(style, self, grid, 0)?,
        })
    }

    fn exit_code(&self) -> i32 {
        if self.tampered.is_empty() { 0 } else { 3 }
    }
}
