//! `cavra close PLAYBOOK_ID`: record a connector recovery closure (§4.3).
//!
//! The playbook must be a valid playbook of the evidence with an entry for the (normalised)
//! provider; otherwise the error lists the valid choices. Over evidence with problems the
//! closure is still written: it needs only its own references.

use serde::Deserialize;

use crate::error::{Error, Field};
use crate::model::facts::PlaybookFact;
use crate::model::normalize::norm;
use crate::output::{self, Grid, Style, Tone};
use crate::report::closure::{self, CLOSURE_STATES, Closure, DEFAULT_CLOSURE_STATE, NewClosure};
use crate::report::pick_state;
use crate::store::Evidence;
use crate::store::record::Basis;

use super::{
    Access, Env, Operation, Recording, Route, Show, Wanted, Writes, check_id, check_required,
    check_text, check_texts, few, field_hint, find_cited, take_path_param,
};

const PROVIDER: Field = Field::new("--provider", "provider");
const BY: Field = Field::new("--by", "closed_by");
const EXTERNAL_REF: Field = Field::new("--external-ref", "external_ref");
const NOTES: Field = Field::new("--notes", "notes");
const VERIFICATION_REF: Field = Field::new("--verification-ref", "verification_refs");

/// The request: the command line's arguments, and the HTTP body of
/// `POST /connector-recovery-playbooks/{playbook_id}/closures` (with `playbook_id` taken from
/// the path; `dry_run` is the command line's own).
/// `cavra close` and its HTTP route.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Close {
    /// The connector recovery playbook closed (its playbook_id)
    #[arg(value_name = "PLAYBOOK_ID")]
    #[serde(default)]
    pub playbook_id: String,
    /// The provider whose recovery is closed (named by the playbook)
    #[arg(long, value_name = "P")]
    pub provider: String,
    /// Who closes (recorded as closed_by)
    #[arg(long = "by", value_name = "NAME")]
    pub closed_by: String,
    /// resolved, mitigated, deferred, escalated or reopened [default: resolved]
    #[arg(long = "state", value_name = "S")]
    #[serde(default)]
    pub closure_state: Option<String>,
    /// An opaque external reference (e.g. CHG-123)
    #[arg(long, value_name = "R")]
    #[serde(default)]
    pub external_ref: Option<String>,
    /// Short public-safe notes
    #[arg(long, value_name = "T")]
    #[serde(default)]
    pub notes: Option<String>,
    /// Verification evidence (e.g. a retry execution id; repeatable)
    #[arg(long = "verification-ref", value_name = "R")]
    #[serde(default)]
    pub verification_refs: Vec<String>,
    /// Show the closure and the path it would write; write nothing
    #[arg(long)]
    #[serde(skip)]
    pub dry_run: bool,
}

impl Close {
    /// The normalised state, or the error listing the allowed ones.
    fn state(&self) -> Result<String, Error> {
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

/// `{closure, metadata}`.
pub type Output = Recording<Closure>;

impl Operation for Close {
    type Output = Output;

    const ROUTE: Option<Route> = Some(
        Route::post(
            "/connector-recovery-playbooks/{playbook_id}/closures",
            "closure",
        )
        .with_param("playbook_id"),
    );

    /// Over evidence with problems the closure is still written: it needs only its own
    /// references.
    fn access(&self) -> Access {
        Access::writing(Writes::Own, self.dry_run)
    }

    fn check(&self) -> Result<(), Error> {
        let input = self;
        // Usage errors (exit 2) first: they win over invalid input (exit 3), §5.
        check_required(PROVIDER, &input.provider)?;
        check_required(BY, &input.closed_by)?;
        check_id("playbook", &input.playbook_id)?;
        check_texts(&[
            (EXTERNAL_REF, input.external_ref.as_deref()),
            (NOTES, input.notes.as_deref()),
        ])?;
        for r in &input.verification_refs {
            check_text(VERIFICATION_REF, r)?;
        }
        input.state().map(drop)
    }

    fn set_param(&mut self, playbook_id: String) -> Result<(), Error> {
        take_path_param(&mut self.playbook_id, playbook_id, "playbook_id")
    }

    /// Checks the references and records the closure.
    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let input = self;
        let state = input.state()?;
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
            .with_hint(field_hint(
                "give ",
                PROVIDER,
                " one of the playbook's providers",
            )));
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
        let recorded = env.record(&doc, Basis::Own)?;
        Ok(Recording::new("closure", doc, Some(Ok(recorded))))
    }
}

impl Show for Closure {
    fn show(&self, style: Style) -> Result<String, Error> {
        render(self, style)
    }
}

/// The playbook `playbook_id` of the evidence, or an error listing the known playbooks.
fn find_playbook<'e>(evidence: &'e Evidence, playbook_id: &str) -> Result<&'e PlaybookFact, Error> {
    let hint = "close a playbook of the evidence (`cavra report --section rows` lists them)";
    let wanted = Wanted {
        what: "connector recovery playbook",
        plural: "playbooks",
        hint_none: hint,
        hint_some: hint,
    };
    find_cited(evidence.playbooks(), |p| &p.id, playbook_id, &wanted)
}

/// Renders the closure: JSON is the document; tables show its fields.
pub fn render(c: &Closure, style: Style) -> Result<String, Error> {
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
    output::document(style, c, || vec![g], 0)
}
