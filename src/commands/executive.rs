//! `cavra executive-report [--record]`: the recovery executive report (§4.5).

use crate::error::Error;
use crate::output::{self, Grid, Style, Tone, Value};
use crate::report::escalation;
use crate::report::executive::{self, ExecutiveReport as ExecDoc};
use crate::store::record::Basis;

use super::report::{alert_tone, build, providers_grid};

use super::{Access, Env, Operation, Recording, ReportRequest, Route, Show, record_cited};

super::report_request! {
    /// `cavra executive-report` and `GET .../recovery-executive-report` (its query).
    pub struct ExecutiveReport {
        /// Write the executive report as a stored item under executive-reports/
        #[arg(long)]
        pub record: bool,
        /// With --record: show what would be written and write nothing
        #[arg(long, requires = "record")]
        #[serde(skip)]
        pub dry_run: bool,
    }
}

/// `{report, metadata}`.
pub type Output = Recording<ExecDoc>;

impl Operation for ExecutiveReport {
    type Output = Output;

    const ROUTE: Option<Route> = Some(Route::get(
        "/recovery-executive-report",
        "recovery executive report",
    ));

    const HTML: bool = true;

    fn access(&self) -> Access {
        Access::recording_if(self.record, self.dry_run)
    }

    fn check(&self) -> Result<(), Error> {
        self.check_label()
    }

    fn view_key(&self) -> String {
        self.report_key()
    }

    /// Builds the executive report and, with `record`, records it (refused over evidence with
    /// problems).
    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let input = self;
        let params = input.params(env);
        let report = build(env.evidence, &params)?;
        let plan = escalation::build(&report);
        let doc = executive::build(&report, &plan);
        if !input.record {
            return Ok(Recording::new("report", doc, None));
        }
        // §4.8: the report and the plan it cites are recorded first.
        Ok(match record_cited(env, &report, Some(&plan)) {
            Ok(cited) => {
                let recorded = env.record(&doc, Basis::Derived);
                Recording::new("report", doc, Some(recorded)).citing(cited)
            }
            Err(e) => Recording::new("report", doc, Some(Err(e))),
        })
    }
}

impl Show for ExecDoc {
    fn show(&self, style: Style) -> Result<String, Error> {
        if style.format == output::Format::Html {
            return crate::report::html::executive_page(self);
        }
        output::document(
            style,
            self,
            || {
                vec![
                    summary_grid(self),
                    risks_grid(self),
                    providers_grid(&self.provider_summary),
                ]
            },
            1,
        )
    }
}

fn summary_grid(x: &ExecDoc) -> Grid {
    let mut g = Grid::new(
        &format!(
            "Recovery executive report {} ({})",
            x.executive_report_id, x.generated_at
        ),
        &["field", "value"],
    );
    let s = &x.executive_summary;
    let rows: Vec<(&str, Value, Tone)> = vec![
        ("status", s.status.into(), alert_tone(s.status)),
        (
            "business_impact",
            s.business_impact.into(),
            alert_tone(s.status),
        ),
        ("generated_by", x.generated_by.as_str().into(), Tone::Plain),
        (
            "recovery_slo_minutes",
            x.recovery_slo_minutes.into(),
            Tone::Plain,
        ),
        ("execution_count", s.execution_count.into(), Tone::Plain),
        (
            "failed_execution_count",
            s.failed_execution_count.into(),
            Tone::Plain,
        ),
        (
            "open_recovery_count",
            s.open_recovery_count.into(),
            Tone::Plain,
        ),
        (
            "slo_breached_count",
            s.slo_breached_count.into(),
            Tone::Plain,
        ),
        ("escalation_count", s.escalation_count.into(), Tone::Plain),
        (
            "recovery_report_id",
            x.recovery_report_id.as_str().into(),
            Tone::Plain,
        ),
        (
            "escalation_plan_id",
            x.escalation_plan_id.as_str().into(),
            Tone::Plain,
        ),
        (
            "recommended_actions",
            x.recommended_actions.join("; ").into(),
            Tone::Plain,
        ),
    ];
    for (k, v, tone) in rows {
        g.row(tone, vec![k.into(), v]);
    }
    g
}

fn risks_grid(x: &ExecDoc) -> Grid {
    let mut g = Grid::new("Key risks", &["severity", "risk", "count", "owner"]);
    for r in &x.key_risks {
        g.row(
            alert_tone(r.severity),
            vec![
                r.severity.into(),
                r.risk.into(),
                r.count.into(),
                r.owner.into(),
            ],
        );
    }
    g
}
