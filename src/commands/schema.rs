//! `cavra schema [KIND] [--written]`: the JSON Schemas (draft 2020-12) of the records cavra
//! reads and of the documents it writes ([`crate::report::schema`]). Reads no evidence.

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::error::Error;
use crate::output::{self, Format, Grid, Style, Tone, Value};
use crate::report::schema::Subject;

use super::{Access, Env, Operation, Reads, Render, Writes};

/// `cavra schema`: which schema, and which side of cavra.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields, default)]
#[command(
    after_help = "The schemas are also committed under schemas/ (KIND.schema.json and \
KIND.written.schema.json). A record of a known kind is valid against its reading schema exactly \
when `cavra check` finds no type problem in it; duplicate keys, the public-safe policy and \
conflicts are checked by `cavra check` only."
)]
pub struct Schema {
    /// The record kind (every kind when absent); `store` is the original system's store file
    #[arg(value_name = "KIND", value_parser = clap::builder::PossibleValuesParser::new(Subject::names(false)))]
    pub kind: Option<String>,
    /// The schema of what cavra writes (document and stored item), not of what it reads
    #[arg(long)]
    pub written: bool,
}

impl Schema {
    /// The subjects asked for: one, or every one that has a schema of this side.
    fn subjects(&self) -> Result<Vec<Subject>, Error> {
        let Some(name) = self.kind.as_deref() else {
            return Ok(Subject::ALL
                .into_iter()
                .filter(|s| !self.written || s.is_written())
                .collect());
        };
        let Some(subject) = Subject::from_name(name) else {
            return Err(Error::usage(format!("{name:?} is not a record kind"))
                .with_hint(format!("use one of: {}", Subject::names(false).join(", "))));
        };
        if self.written && !subject.is_written() {
            return Err(Error::usage(format!(
                "cavra reads {name} records but never writes one, so there is no written schema"
            ))
            .with_hint(format!(
                "drop --written, or use one of: {}",
                Subject::names(true).join(", ")
            )));
        }
        Ok(vec![subject])
    }
}

/// The schemas asked for.
#[derive(Debug)]
pub struct Output {
    pub written: bool,
    /// One kind was named: the output is its schema alone.
    pub one: bool,
    pub schemas: Vec<(Subject, Json)>,
}

/// One kind: its schema. Every kind: an object keyed by kind.
impl Serialize for Output {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.one
            && let Some((_, schema)) = self.schemas.first()
        {
            return schema.serialize(s);
        }
        let mut m = s.serialize_map(Some(self.schemas.len()))?;
        for (subject, schema) in &self.schemas {
            m.serialize_entry(subject.name(), schema)?;
        }
        m.end()
    }
}

impl Operation for Schema {
    type Output = Output;

    fn access(&self) -> Access {
        Access {
            reads: Reads::Nothing,
            writes: Writes::Nothing,
            dry_run: false,
        }
    }

    fn check(&self) -> Result<(), Error> {
        self.subjects().map(|_| ())
    }

    fn execute(self, _env: &Env<'_>) -> Result<Output, Error> {
        let schemas = self
            .subjects()?
            .into_iter()
            .filter_map(|s| s.schema(self.written).map(|schema| (s, schema)))
            .collect();
        Ok(Output {
            written: self.written,
            one: self.kind.is_some(),
            schemas,
        })
    }
}

impl Render for Output {
    /// A schema is a JSON document: one kind prints it whatever the format. Every kind is an
    /// object keyed by kind in JSON, and a list of kinds and files otherwise.
    fn render(&self, style: Style) -> Result<String, Error> {
        if self.one || style.format == Format::Json {
            return output::json(self);
        }
        let mut g = Grid::new(
            if self.written {
                "Schemas of what cavra writes"
            } else {
                "Schemas of the records cavra reads"
            },
            &["kind", "metadata_kind suffix", "title", "file"],
        );
        for (subject, _) in &self.schemas {
            g.row(
                Tone::Plain,
                vec![
                    Value::text(subject.name()),
                    Value::text(subject.suffix()),
                    Value::text(subject.title()),
                    Value::text(format!("schemas/{}", subject.file(self.written))),
                ],
            );
        }
        Ok(match style.format {
            Format::Markdown => output::markdown(&[g]),
            Format::Csv => output::csv(&g),
            Format::Table | Format::Json => output::tables(&[g], style.color),
            Format::Html => return Err(output::html_only()),
        })
    }
}
