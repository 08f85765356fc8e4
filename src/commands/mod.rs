//! The operations: one file each, on one spine.
//!
//! An operation is a type implementing [`Operation`]: its clap `Args`, its serde `Input`
//! (the request of the HTTP API, built from `Args` on the command line), what it reads and
//! writes ([`Access`]), the checks made before any file is touched, and one
//! [`Operation::execute`] over an [`Env`]. Its `Output` is `Serialize` (the HTTP body) and
//! [`Render`] (table, Markdown, CSV and JSON on the command line).
//!
//! The command line (`crate::cli`) and the HTTP API (`crate::serve`) each drive every
//! operation with one generic function, so both faces validate, build and write identically.
//! [`for_each_operation!`](crate::for_each_operation) is the one list of operations; adding one
//! is one file here plus one line there.

pub mod ack;
pub mod check;
pub mod close;
pub mod dashboard;
pub mod diff;
pub mod escalate;
pub mod executive;
pub mod export;
pub mod ingest;
pub mod recovery_times;
pub mod report;
pub mod retry_plan;
pub mod schedule_run;
pub mod schema;
pub mod trace;
pub mod verify;

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::ser::{SerializeMap, Serializer};

use crate::error::{Error, Field, Hint};
use crate::model::json::{self, OwnedJson};
use crate::model::stored::Document;
use crate::model::time::Ts;
use crate::output::Style;
use crate::report::escalation::EscalationPlan;
use crate::report::retry::{Params, RetryRecoveryReport, effective_slo};
use crate::store::record::{Basis, Recorded, Recorder};
use crate::store::write::is_safe_id;
use crate::store::{Evidence, LoadOptions};

/// Every operation, in the order of `cavra --help`: `Variant => type` with the subcommand's
/// one-line help. `$m` is a macro that receives the whole list (see `cli` and `serve::api`).
#[macro_export]
macro_rules! for_each_operation {
    ($m:ident) => {
        $m! {
            /// Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder
            Ingest => $crate::commands::ingest::Ingest,
            /// Validate every file under the evidence folder: parse, types, public-safe, conflicts
            Check => $crate::commands::check::Check,
            /// The retry recovery report
            Report => $crate::commands::report::Report,
            /// Compare the reports of two git revisions (or a revision and the work tree)
            Diff => $crate::commands::diff::Diff,
            /// Build the recovery escalation plan from the report and record it
            Escalate => $crate::commands::escalate::Escalate,
            /// Record that a provider reviewed a recovery escalation plan
            Ack => $crate::commands::ack::Ack,
            /// Record the closure of a connector recovery with verification evidence
            Close => $crate::commands::close::Close,
            /// Plan retries of failed recovery escalation deliveries and record the plan
            RetryPlan => $crate::commands::retry_plan::RetryPlan,
            /// The recovery executive report (recorded with --record)
            ExecutiveReport => $crate::commands::executive::ExecutiveReport,
            /// Record the scheduled executive report run of the current window (one per window)
            ScheduleRun => $crate::commands::schedule_run::ScheduleRun,
            /// The rollback drill dashboard: report headline and governance loop counts
            Dashboard => $crate::commands::dashboard::Dashboard,
            /// Closure minutes and minutes to first acknowledgement: count, mean, median, p90, max
            RecoveryTimes => $crate::commands::recovery_times::RecoveryTimes,
            /// One record and everything linked to it (cites, cited by) as one timeline
            Trace => $crate::commands::trace::Trace,
            /// Recompute every content-derived id and report records edited after they were written
            Verify => $crate::commands::verify::Verify,
            /// Print the JSON Schema of a record kind cavra reads, or with --written of what it writes
            Schema => $crate::commands::schema::Schema,
            /// Export the valid records as Parquet or NDJSON tables for SQL engines
            Export => $crate::commands::export::Export,
        }
    };
}

/// How an operation meets the evidence folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// Not at all (ingest reads its sources itself).
    Nothing,
    /// The evidence is read; its problems are warned about.
    Evidence,
    /// `check`: the evidence is read (strictly with `--strict`); its problems are the output.
    Check { strict: bool },
}

/// What an operation writes into the evidence folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writes {
    Nothing,
    /// Records standing on their own references (ack, close): the evidence's problems do not
    /// change the exit code.
    Own,
    /// Records derived from the whole evidence: refused, exit 3, over evidence with problems.
    Derived,
}

/// What an operation reads and writes, decided from its input before anything runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub reads: Reads,
    pub writes: Writes,
    /// Judge and show, write nothing.
    pub dry_run: bool,
}

impl Access {
    pub const READ: Access = Access {
        reads: Reads::Evidence,
        writes: Writes::Nothing,
        dry_run: false,
    };

    pub fn writing(writes: Writes, dry_run: bool) -> Access {
        Access {
            reads: Reads::Evidence,
            writes,
            dry_run,
        }
    }

    /// A view that records itself when asked (`report --record`): a derived document.
    pub fn recording_if(record: bool, dry_run: bool) -> Access {
        if record {
            Access::writing(Writes::Derived, dry_run)
        } else {
            Access::READ
        }
    }

    pub fn writes(&self) -> bool {
        self.writes != Writes::Nothing
    }
}

/// An HTTP route of an operation (§7): the method and the path under the API's base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub post: bool,
    pub path: &'static str,
    /// The path parameter (`{plan_id}`) and the input field it fills, if any.
    pub param: Option<&'static str>,
    /// What the operation records, in words, for a 409 over evidence with problems.
    pub what: &'static str,
}

impl Route {
    /// A read: `GET {path}`.
    pub const fn get(path: &'static str, what: &'static str) -> Route {
        Route {
            post: false,
            path,
            param: None,
            what,
        }
    }

    /// A write: `POST {path}`.
    pub const fn post(path: &'static str, what: &'static str) -> Route {
        Route {
            post: true,
            path,
            param: None,
            what,
        }
    }

    /// The path parameter that fills the input field `name`.
    pub const fn with_param(self, name: &'static str) -> Route {
        Route {
            param: Some(name),
            ..self
        }
    }
}

/// One operation of cavra, for both faces. The type is the operation's request: parsed by
/// clap from the command line (`clap::Args`) and by serde from an HTTP query or body
/// (`Deserialize`, unknown fields refused); fields only the command line has (`--dry-run`)
/// are `#[serde(skip)]`.
pub trait Operation:
    clap::Args + DeserializeOwned + Clone + std::fmt::Debug + Send + 'static
{
    /// Its result: `Serialize` is the HTTP body, [`Render`] the command line's output.
    type Output: Render + Serialize + Send + 'static;

    /// The HTTP route, when the API offers it.
    const ROUTE: Option<Route> = None;

    /// Whether it prints `--format html` (only the executive report does).
    const HTML: bool = false;

    /// What it reads and writes (by default it reads the evidence and writes nothing).
    fn access(&self) -> Access {
        Access::READ
    }

    /// Checks the request before any file is touched.
    fn check(&self) -> Result<(), Error> {
        Ok(())
    }

    /// The git revision whose evidence the command line reads for it, instead of the one
    /// `--rev` names (`diff`'s HEAD).
    fn revision(&self) -> Option<&str> {
        None
    }

    /// Puts the HTTP path parameter into the request (a 400 when the body gave it too).
    fn set_param(&mut self, _value: String) -> Result<(), Error> {
        Ok(())
    }

    /// What makes two requests of a read the same view (the cache key of `serve`): by
    /// default the whole request; reports say which parameters count once defaults apply.
    fn view_key(&self) -> String {
        format!("{self:?}")
    }

    /// Runs the operation.
    fn execute(self, env: &Env<'_>) -> Result<Self::Output, Error>;
}

/// How an output shows itself on the command line.
pub trait Render {
    /// The text printed on stdout.
    fn render(&self, style: Style) -> Result<String, Error>;

    /// What was recorded, and a recording step's error (printed after the output).
    fn recorded(&self) -> Vec<&Recorded> {
        Vec::new()
    }

    /// A recording step that failed after the document was built.
    fn record_error(&self) -> Option<&Error> {
        None
    }

    /// Problems of the operation's own input, warned about before the output.
    fn problems(&self) -> &[crate::problem::Problem] {
        &[]
    }

    /// Lines for stderr after the output (gates tripped, summaries), for a format.
    fn notes(&self, _format: crate::output::Format) -> Vec<Note> {
        Vec::new()
    }

    /// The exit code the output itself asks for (a gate tripped, problems in the input).
    fn exit_code(&self) -> i32 {
        0
    }
}

/// How a recorded document shows itself on the command line (JSON: the document itself).
pub trait Show {
    fn show(&self, style: Style) -> Result<String, Error>;
}

/// A recording output shows its document, then what was recorded.
impl<D: Document + Show> Render for Recording<D> {
    fn render(&self, style: Style) -> Result<String, Error> {
        self.document.show(style)
    }

    fn recorded(&self) -> Vec<&Recorded> {
        Recording::recorded(self)
    }

    fn record_error(&self) -> Option<&Error> {
        Recording::record_error(self)
    }
}

/// A line for stderr: informational (silenced by `-q`) or not.
#[derive(Debug)]
pub enum Note {
    Info(String),
    Error(Error),
    Line(String),
}

/// The environment of one operation: the evidence (already read), the clock, the recorder.
pub struct Env<'a> {
    /// The evidence folder, where records are written.
    pub root: &'a Path,
    /// The evidence read from `root` (empty when the operation reads nothing).
    pub evidence: &'a Evidence,
    pub now: Ts,
    /// `generated_by` when the input gives none (`cli` on the command line, `console` under
    /// `serve`, §3).
    pub default_label: &'a str,
    /// How the evidence was read: `--exclude` patterns, threads, the revision.
    pub load: &'a LoadOptions,
    /// Judge and show, write nothing.
    pub dry_run: bool,
}

impl Env<'_> {
    /// The report parameters for a requested SLO and label.
    pub fn params(&self, slo_minutes: Option<u64>, generated_by: Option<&str>) -> Params {
        Params {
            now: self.now,
            slo_minutes: effective_slo(slo_minutes),
            generated_by: self.label(generated_by).to_owned(),
        }
    }

    /// The actor label: the given one, or the face's default.
    pub fn label<'s>(&'s self, generated_by: Option<&'s str>) -> &'s str {
        generated_by
            .filter(|s| !s.is_empty())
            .unwrap_or(self.default_label)
    }

    /// The recorder of this environment.
    pub fn recorder(&self) -> Recorder<'_> {
        Recorder {
            root: self.root,
            dry_run: self.dry_run,
            evidence_has_errors: self.evidence.has_errors(),
        }
    }

    /// Records a document, keeping a failure for after the document is shown.
    pub fn record<D: Document>(&self, doc: &D, basis: Basis) -> Result<Recorded, Error> {
        self.recorder().record(doc, basis)
    }
}

/// A request over the report's parameters (`dashboard`, `escalate`, `executive-report`,
/// `report`, `schedule-run`): what [`report_request!`] declares.
pub trait ReportRequest {
    /// `--slo-minutes` / `recovery_slo_minutes` and `--generated-by` / `generated_by`.
    fn slo_and_label(&self) -> (Option<u64>, Option<&str>);

    /// Checks the label against the public-safe policy.
    fn check_label(&self) -> Result<(), Error> {
        check_label(self.slo_and_label().1)
    }

    /// The serve cache key of the view asked for.
    fn report_key(&self) -> String {
        let (slo, label) = self.slo_and_label();
        view_key(slo, label)
    }

    /// The report parameters in `env`.
    fn params(&self, env: &Env<'_>) -> Params {
        let (slo, label) = self.slo_and_label();
        env.params(slo, label)
    }
}

/// Declares the request of an operation over the report's parameters: its derives (clap
/// arguments, a strict serde request with every field optional), `--slo-minutes` and
/// `--generated-by` before its own fields, and [`ReportRequest`].
macro_rules! report_request {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $($fields:tt)*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, clap::Args)]
        #[serde(deny_unknown_fields, default)]
        pub struct $name {
            /// Recovery SLO in minutes (0 means the default, 240)
            #[arg(long = "slo-minutes", value_name = "N")]
            pub recovery_slo_minutes: Option<u64>,
            /// Actor label written as generated_by [default: cli]
            #[arg(long, value_name = "LABEL")]
            pub generated_by: Option<String>,
            $($fields)*
        }

        impl $crate::commands::ReportRequest for $name {
            fn slo_and_label(&self) -> (Option<u64>, Option<&str>) {
                (self.recovery_slo_minutes, self.generated_by.as_deref())
            }
        }
    };
}
pub(crate) use report_request;

/// Checks a `generated_by` label against the public-safe policy.
pub fn check_label(generated_by: Option<&str>) -> Result<(), Error> {
    check_texts(&[(GENERATED_BY, generated_by)])
}

/// The view a report request asks for, defaults applied (`0`, `240` and none are one SLO;
/// an empty label is the default one).
pub fn view_key(slo_minutes: Option<u64>, generated_by: Option<&str>) -> String {
    format!(
        "{}|{}",
        effective_slo(slo_minutes),
        generated_by.unwrap_or("")
    )
}

/// `--generated-by` / `generated_by`.
pub const GENERATED_BY: Field = Field::new("--generated-by", "generated_by");

/// Refuses a free-text input that breaks the public-safe policy (§6), naming the input and
/// the rule.
pub fn check_text(field: Field, value: &str) -> Result<(), Error> {
    match crate::policy::check_text(value).into_iter().next() {
        None => Ok(()),
        Some(v) => Err(Error::InputUnsafe {
            field,
            rule: v.rule.code(),
            reason: v.message,
            hint: crate::problem::RuleCode::from_policy(v.rule)
                .hint()
                .to_owned(),
        }),
    }
}

/// Checks every optional free-text input.
pub fn check_texts(inputs: &[(Field, Option<&str>)]) -> Result<(), Error> {
    for (field, value) in inputs {
        if let Some(v) = value {
            check_text(*field, v)?;
        }
    }
    Ok(())
}

/// Refuses a blank required input (a usage error: exit 2, HTTP 400).
pub fn check_required(field: Field, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::usage_of(field, "must not be empty"));
    }
    check_text(field, value)
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

/// A hint that names an input: `{before}{field}{after}`.
pub fn field_hint(before: &'static str, field: Field, after: &str) -> Hint {
    Hint::Field {
        before,
        field,
        after: after.to_owned(),
    }
}

/// Sets the path parameter `name` of a request into `slot`: a body that names it as well is
/// refused (400), the path alone says which record the request is about.
pub fn take_path_param(slot: &mut String, value: String, name: &str) -> Result<(), Error> {
    if !slot.is_empty() {
        return Err(Error::invalid(format!(
            "bad field in the body: {name} is taken from the path, not the body"
        )));
    }
    *slot = value;
    Ok(())
}

/// How [`find_cited`] names what it looks for in its error.
pub struct Wanted<'w> {
    /// `escalation plan`.
    pub what: &'w str,
    /// `plans`, in `known plans: …`.
    pub plural: &'w str,
    /// The hint when the evidence has none.
    pub hint_none: &'w str,
    /// The hint when it has some (listed in the message).
    pub hint_some: &'w str,
}

/// The record of `records` whose id is `id`, or a not-found error that lists the known ids.
pub fn find_cited<'e, T>(
    records: impl Iterator<Item = &'e T>,
    id_of: impl Fn(&T) -> &str,
    id: &str,
    wanted: &Wanted<'_>,
) -> Result<&'e T, Error> {
    let records: Vec<&T> = records.collect();
    if let Some(found) = records.iter().find(|r| id_of(r) == id) {
        return Ok(found);
    }
    let ids: Vec<&str> = records.iter().map(|r| id_of(r)).collect();
    let (known, hint) = if ids.is_empty() {
        (format!("no {} is recorded", wanted.what), wanted.hint_none)
    } else {
        (
            format!("known {}: {}", wanted.plural, few(&ids, 5)),
            wanted.hint_some,
        )
    };
    Err(
        Error::not_found(id, format!("unknown {} {id:?}: {known}", wanted.what))
            .with_hint(hint.to_owned()),
    )
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

/// Any serializable value as an ordered [`json::Json`] (field order kept).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<OwnedJson, Error> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::internal(format!("a document could not be written as JSON: {e}")))?;
    json::parse_owned(text.as_bytes())
        .map_err(|e| Error::internal(format!("a document is not JSON: {e}")))
}

/// The output of a recording operation: the document under `key` (`plan`, `acknowledgement`,
/// ... as §7 names it) with its stored item as `metadata` (the HTTP body), and what the
/// recording did.
#[derive(Debug)]
pub struct Recording<D> {
    pub key: &'static str,
    pub document: D,
    /// `None` when nothing was asked to be recorded (`executive-report` without `--record`);
    /// an error when the document was built but could not be recorded.
    pub recorded: Option<Result<Recorded, Error>>,
    /// The documents it cites, recorded before it (§4.8): its report, its plan.
    pub cited: Vec<Recorded>,
}

impl<D: Document> Recording<D> {
    /// A document, recorded (or not) as `recorded` says.
    pub fn new(key: &'static str, document: D, recorded: Option<Result<Recorded, Error>>) -> Self {
        Recording {
            key,
            document,
            recorded,
            cited: Vec::new(),
        }
    }

    /// With the documents it cites, recorded before it.
    pub fn citing(mut self, cited: Vec<Recorded>) -> Self {
        self.cited = cited;
        self
    }

    /// What was recorded: the document first, then what it cites.
    pub fn recorded(&self) -> Vec<&Recorded> {
        match &self.recorded {
            Some(Ok(r)) => std::iter::once(r).chain(&self.cited).collect(),
            _ => self.cited.iter().collect(),
        }
    }

    pub fn record_error(&self) -> Option<&Error> {
        match &self.recorded {
            Some(Err(e)) => Some(e),
            _ => None,
        }
    }
}

/// Records the documents a derived document was built from and cites, before it (§4.8):
/// its recovery report and, when given, its escalation plan.
///
/// Report and plan ids do not cover `generated_by` (§3, §4.1), so the same report built in
/// the same second under another label has the same id and other content. The citation
/// resolves to that record either way: it is kept as it is, never overwritten, and counted
/// as `unchanged` (docs/decisions.md).
pub fn record_cited(
    env: &Env<'_>,
    report: &RetryRecoveryReport,
    plan: Option<&EscalationPlan>,
) -> Result<Vec<Recorded>, Error> {
    let mut out = vec![record_one_cited(env, report)?];
    if let Some(plan) = plan {
        out.push(record_one_cited(env, plan)?);
    }
    Ok(out)
}

fn record_one_cited<D: Document>(env: &Env<'_>, doc: &D) -> Result<Recorded, Error> {
    let recorder = env.recorder();
    match recorder.judge(doc) {
        Err(Error::Conflict { .. }) => Ok(Recorded::Unchanged(recorder.path(D::KIND, doc.id())?)),
        Err(e) => Err(e),
        Ok(_) => recorder.record(doc, Basis::Derived),
    }
}

/// `{<key>: document, metadata: stored item}` (§7).
impl<D: Document> Serialize for Recording<D> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(self.key, &self.document)?;
        m.serialize_entry("metadata", &self.document.stored())?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Face;
    use crate::error::test_fields::{BY, NOTES};

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
        assert!(check_text(NOTES, "credential rotated by owner").is_ok());
        let e = check_text(NOTES, "see https://wiki.corp/x").unwrap_err();
        assert!(
            e.message(Face::Cli)
                .starts_with("--notes breaks public-safe rule PS003"),
            "{e}"
        );
        assert_eq!(e.rule_and_pointer(), Some(("PS003", "/notes".to_owned())));
        let e = check_required(BY, "  ").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert_eq!(e.message(Face::Http), "acknowledged_by must not be empty");
        let e = check_text(NOTES, &"x".repeat(2049)).unwrap_err();
        assert!(e.to_string().contains("PS004"));
        assert!(check_id("plan", "gordackrecoveryesc-0123").is_ok());
        assert_eq!(check_id("plan", "../x").unwrap_err().exit_code(), 3);
    }
}
