//! `cavra close PLAYBOOK_ID`: record a connector recovery closure (§4.3).
//!
//! The playbook must be a valid playbook of the evidence with an entry for the (normalised)
//! provider; otherwise the error lists the valid choices. Over evidence with problems the
//! closure is still written: it needs only its own references.

use serde::Deserialize;

use crate::cli::{CloseArgs, Format};
use crate::error::{Error, ErrorKind};
use crate::model::facts::PlaybookFact;
use crate::model::normalize::norm;
use crate::output::{self, Grid, Tone};
use crate::report::closure::{self, CLOSURE_STATES, Closure, DEFAULT_CLOSURE_STATE, NewClosure};
use crate::report::pick_state;
use crate::store::Evidence;

use super::Ctx;
use super::env::{
    Env, Recording, check_id, check_required, check_text, check_texts, few, run_recording,
};

/// The request (the HTTP body of `POST /connector-recovery-playbooks/{playbook_id}/closures`,
/// with `playbook_id` taken from the path).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub playbook_id: String,
    pub provider: String,
    pub closed_by: String,
    #[serde(default)]
    pub closure_state: Option<String>,
    #[serde(default)]
    pub external_ref: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub verification_refs: Vec<String>,
}

impl Input {
    pub fn from_args(args: &CloseArgs) -> Input {
        Input {
            playbook_id: args.playbook_id.clone(),
            provider: args.provider.clone(),
            closed_by: args.by.clone(),
            closure_state: args.state.clone(),
            external_ref: args.external_ref.clone(),
            notes: args.notes.clone(),
            verification_refs: args.verification_ref.clone(),
        }
    }

    /// Checks the inputs before anything is read or written; returns the normalised state.
    pub fn check(&self) -> Result<String, Error> {
        // Usage errors (exit 2) first: they win over invalid input (exit 3), §5.
        check_required("--provider", &self.provider)?;
        check_required("--by", &self.closed_by)?;
        check_id("playbook", &self.playbook_id)?;
        check_texts(&[
            ("--external-ref", self.external_ref.as_deref()),
            ("--notes", self.notes.as_deref()),
        ])?;
        for r in &self.verification_refs {
            check_text("--verification-ref", r)?;
        }
        pick_state(
            self.closure_state.as_deref(),
            DEFAULT_CLOSURE_STATE,
            &CLOSURE_STATES,
            "closure state",
        )
    }

    /// The verification references as recorded: blank ones dropped, the rest as given.
    pub fn refs(&self) -> Vec<String> {
        self.verification_refs
            .iter()
            .filter(|r| !r.trim().is_empty())
            .cloned()
            .collect()
    }
}

/// `{closure, metadata, recorded}`.
pub type Output = Recording<Closure>;

/// The playbook `playbook_id` of the evidence, or an error listing the known playbooks.
fn find_playbook<'e>(evidence: &'e Evidence, playbook_id: &str) -> Result<&'e PlaybookFact, Error> {
    let playbooks: Vec<&PlaybookFact> = evidence.playbooks().collect();
    if let Some(pb) = playbooks.iter().find(|p| p.id == playbook_id) {
        return Ok(pb);
    }
    let ids: Vec<&str> = playbooks.iter().map(|p| p.id.as_str()).collect();
    let known = if ids.is_empty() {
        "no connector recovery playbook is recorded".to_owned()
    } else {
        format!("known playbooks: {}", few(&ids, 5))
    };
    Err(Error::new(
        ErrorKind::NotFound,
        format!("unknown connector recovery playbook {playbook_id:?}: {known}"),
    )
    .with_hint("close a playbook of the evidence (`cavra report --section rows` lists them)"))
}

/// Checks the references and records the closure.
pub fn execute(env: &Env<'_>, input: &Input) -> Result<Output, Error> {
    let state = input.check()?;
    let playbook = find_playbook(env.evidence, &input.playbook_id)?;
    let provider = norm(&input.provider);
    if !playbook.entries.iter().any(|e| e.provider == provider) {
        let listed: Vec<&str> = playbook
            .entries
            .iter()
            .map(|e| e.provider.as_str())
            .collect();
        return Err(Error::invalid(format!(
            "provider {:?} is not named by playbook {}: its providers are {}",
            input.provider,
            playbook.id,
            if listed.is_empty() {
                "none".to_owned()
            } else {
                few(&listed, usize::MAX)
            }
        ))
        .with_hint("give --provider one of the playbook's providers"));
    }
    let refs = input.refs();
    let doc = closure::build(
        &NewClosure {
            playbook_id: &input.playbook_id,
            provider: &provider,
            state: &state,
            closed_by: &input.closed_by,
            external_ref: input.external_ref.as_deref().unwrap_or(""),
            notes: input.notes.as_deref().unwrap_or(""),
            verification_refs: &refs,
        },
        env.now,
    );
    let recorded = env.record(&doc, false)?;
    Ok(Recording {
        key: "closure",
        document: doc,
        recorded: Some(recorded),
    })
}

pub fn run(ctx: &Ctx, args: &CloseArgs) -> Result<i32, Error> {
    let input = Input::from_args(args);
    input.check()?;
    run_recording(
        ctx,
        args.dry_run,
        true,
        false,
        |env| execute(env, &input),
        render,
    )
}

/// Renders the closure: JSON is the document; tables show its fields.
pub fn render(c: &Closure, format: Format, color: bool) -> String {
    let mut g = Grid::new(
        &format!("Connector recovery closure {}", c.closure_id),
        &["field", "value"],
    );
    let refs = c.verification_refs.join(", ");
    for (k, v) in [
        ("playbook_id", c.playbook_id.as_str()),
        ("provider", &c.provider),
        ("closure_state", &c.closure_state),
        ("closed_by", &c.closed_by),
        ("closed_at", &c.closed_at),
        ("external_ref", &c.external_ref),
        ("notes", &c.notes),
        ("verification_refs", &refs),
        ("closure_hash", &c.closure_hash),
    ] {
        let tone = match (k, c.is_closed()) {
            ("closure_state", true) => Tone::Good,
            ("closure_state", false) => Tone::Warn,
            _ => Tone::Plain,
        };
        g.row(tone, vec![k.into(), v.into()]);
    }
    match format {
        Format::Json => output::json(c),
        Format::Table => output::tables(&[g], color),
        Format::Markdown => output::markdown(&[g]),
        Format::Csv => output::csv(&g),
    }
}
