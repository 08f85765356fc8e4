//! What the recording commands share (§4): the environment one operation runs in, the checks
//! every input passes before anything is written, and the recording step.
//!
//! Each recording command is `Input → execute(&Env, &Input) → Output`. The CLI builds the
//! [`Env`] from its flags; `serve` will build it from its state and call the same `execute`,
//! so both faces validate, build and write identically.

use std::path::Path;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::error::{Error, ErrorKind};
use crate::model::json::{self, Json, OwnedJson};
use crate::model::time::Ts;
use crate::report::retry::{Params, effective_slo};
use crate::report::stored::{Document, pretty};
use crate::store::write::{is_safe_id, record_path};
use crate::store::{Evidence, LoadOptions};

use super::Ctx;
use super::report::{Recorded, announce, record_item};

/// The environment of one operation: the evidence folder (already read), the clock and
/// whether to write.
pub struct Env<'a> {
    /// The evidence folder, where records are written.
    pub root: &'a Path,
    /// The evidence read from `root`.
    pub evidence: &'a Evidence,
    pub now: Ts,
    /// Build and report, write nothing.
    pub dry_run: bool,
    /// `generated_by` when the input gives none (`cli` on the command line, `console` under
    /// `serve`, §3).
    pub default_label: &'a str,
}

impl<'a> Env<'a> {
    /// The command line's environment.
    pub fn new(ctx: &'a Ctx, evidence: &'a Evidence, dry_run: bool) -> Env<'a> {
        Env {
            root: &ctx.evidence,
            evidence,
            now: ctx.now,
            dry_run,
            default_label: "cli",
        }
    }

    /// The report parameters for a requested SLO and label.
    pub fn params(&self, slo_minutes: Option<u64>, generated_by: Option<&str>) -> Params {
        Params {
            now: self.now,
            slo_minutes: effective_slo(slo_minutes),
            generated_by: generated_by
                .filter(|s| !s.is_empty())
                .unwrap_or(self.default_label)
                .to_owned(),
        }
    }

    /// Records a document under its folder (§4): atomically, never overwriting. A document
    /// `derived` from the whole evidence is not written when the evidence has problems.
    pub fn record<D: Document>(&self, doc: &D, derived: bool) -> Result<Recorded, Error> {
        let path = record_path(self.root, D::KIND.info().folder, doc.id())?;
        if derived && self.evidence.has_errors() {
            return Ok(Recorded::Refused(path));
        }
        record_item(
            self.root,
            D::KIND,
            doc.id(),
            &pretty(&doc.stored()),
            self.dry_run,
        )
    }
}

/// Refuses a free-text input that breaks the public-safe policy (§6), naming the input and
/// the rule. `input` names it the way the user gave it (e.g. `--notes` / `notes`).
pub fn check_text(input: &str, value: &str) -> Result<(), Error> {
    match crate::policy::check_text(value).into_iter().next() {
        None => Ok(()),
        Some(v) => Err(Error::new(
            ErrorKind::PublicSafe,
            format!(
                "{input} breaks public-safe rule {}: {}; nothing was written",
                v.rule.code(),
                v.message
            ),
        )
        .with_hint(crate::problem::RuleCode::from_policy(v.rule).hint())),
    }
}

/// Checks every optional free-text input.
pub fn check_texts(inputs: &[(&str, Option<&str>)]) -> Result<(), Error> {
    for (name, value) in inputs {
        if let Some(v) = value {
            check_text(name, v)?;
        }
    }
    Ok(())
}

/// Refuses a blank required input (a usage error: exit 2, HTTP 400).
pub fn check_required(input: &str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::usage(format!("{input} must not be empty")));
    }
    check_text(input, value)
}

/// Refuses a referenced id that could not be a record id cavra writes (checked before any
/// file access).
pub fn check_id(what: &str, id: &str) -> Result<(), Error> {
    if is_safe_id(id) {
        return Ok(());
    }
    Err(Error::invalid(format!("{what} {id:?} is not a valid id"))
        .with_hint("ids are letters, digits, '.', '_' and '-' (at most 200), starting with a letter or digit; copy the id from the record"))
}

/// At most `n` of `ids` for a message: `a, b, c (and 4 more)`.
pub fn few(ids: &[&str], n: usize) -> String {
    let mut sorted: Vec<&str> = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let shown = sorted
        .iter()
        .take(n)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if sorted.len() > n {
        format!("{shown} (and {} more)", sorted.len() - n)
    } else {
        shown
    }
}

/// Reads the evidence folder for a recording command. A missing folder is created (§5), or
/// with `--dry-run` read as empty, so a dry run never creates anything.
pub fn load_for_recording(ctx: &Ctx, dry_run: bool) -> Result<Evidence, Error> {
    if std::fs::symlink_metadata(&ctx.evidence).is_err() {
        if dry_run {
            return Ok(Evidence::from_sources(
                Vec::new(),
                Vec::new(),
                &LoadOptions::default(),
            ));
        }
        std::fs::create_dir_all(&ctx.evidence).map_err(|e| {
            Error::io(&ctx.evidence, e).with_hint("check that the evidence folder can be created")
        })?;
    }
    Evidence::load(&ctx.evidence, &ctx.load_options())
}

/// Announces what a recording did and returns the exit code: the evidence problems' code for
/// a document derived from the whole evidence (3 when it was refused), 0 otherwise.
pub fn finish(ctx: &Ctx, evidence: &Evidence, recorded: &[&Recorded], derived: bool) -> i32 {
    let mut codes = Vec::new();
    for r in recorded {
        announce(ctx, r);
        if matches!(r, Recorded::Refused(_)) {
            codes.push(3);
        }
    }
    if derived {
        codes.push(crate::problem::exit_code(&evidence.problems));
    }
    super::combine(&codes)
}

/// Any serializable value as an ordered [`Json`] (field order kept).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> OwnedJson {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| json::parse_owned(text.as_bytes()).ok())
        .unwrap_or(Json::Null)
}

/// Runs one recording command on the command line: reads the evidence (creating a missing
/// folder when it `records`; a dry run never creates it), warns about its problems, runs
/// `execute`, prints the document in the chosen format, says what was written, and returns
/// the exit code (`derived`: a document derived from the whole evidence, §4).
pub fn run_recording<D>(
    ctx: &Ctx,
    dry_run: bool,
    records: bool,
    derived: bool,
    execute: impl FnOnce(&Env<'_>) -> Result<Recording<D>, Error>,
    render: impl FnOnce(&D, crate::cli::Format, bool) -> String,
) -> Result<i32, Error> {
    let evidence = if records {
        load_for_recording(ctx, dry_run)?
    } else {
        Evidence::load(&ctx.evidence, &ctx.load_options())?
    };
    super::warn_problems(&evidence.problems);
    let env = Env::new(ctx, &evidence, dry_run);
    let out = execute(&env)?;
    super::print_out(&render(&out.document, ctx.format, ctx.color));
    Ok(finish(
        ctx,
        &evidence,
        &out.recorded.iter().collect::<Vec<_>>(),
        derived,
    ))
}

/// The output of a recording operation: the document under `key` (`plan`, `acknowledgement`,
/// ... as §7 names it), its stored item as `metadata`, and what the recording did.
#[derive(Debug, Clone)]
pub struct Recording<D> {
    pub key: &'static str,
    pub document: D,
    /// `None` when nothing was asked to be recorded (`executive-report` without `--record`).
    pub recorded: Option<Recorded>,
}

impl<D: Document> Serialize for Recording<D> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(self.key, &self.document)?;
        m.serialize_entry("metadata", &self.document.stored())?;
        if let Some(r) = &self.recorded {
            m.serialize_entry("recorded", r)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_ids() {
        assert_eq!(few(&["c", "a", "b"], 5), "a, b, c");
        assert_eq!(
            few(&["e", "d", "c", "b", "a", "a"], 3),
            "a, b, c (and 2 more)"
        );
        assert_eq!(few(&[], 3), "");
    }

    #[test]
    fn text_checks() {
        assert!(check_text("--notes", "credential rotated by owner").is_ok());
        let e = check_text("--notes", "see https://wiki.corp/x").unwrap_err();
        assert_eq!(e.kind, ErrorKind::PublicSafe);
        assert!(
            e.message
                .starts_with("--notes breaks public-safe rule PS003"),
            "{}",
            e.message
        );
        let e = check_required("--by", "  ").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let e = check_text("--external-ref", &"x".repeat(2049)).unwrap_err();
        assert!(e.message.contains("PS004"));
        assert!(check_id("plan", "gordackrecoveryesc-0123").is_ok());
        assert_eq!(check_id("plan", "../x").unwrap_err().exit_code(), 3);
    }
}
