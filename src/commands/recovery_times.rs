//! `cavra recovery-times`: closure minutes and time to first acknowledgement, per provider,
//! per escalation plan, overall and by ISO week ([`crate::report::recovery_times`]). A reading
//! command: it never writes. Not a document of the spec: the spec's documents are unchanged.

use serde::Deserialize;

use crate::error::Error;
use crate::output::{self, Grid, Style, Tone, Value};
use crate::report::recovery_times::{self, Keyed, RecoveryTimes as Times, Stats};

use super::report::build;
use super::retry_plan::acknowledgements;
use super::{Env, Operation, Render, Route};

/// `cavra recovery-times` and `GET .../recovery-times`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct RecoveryTimes {}

impl Operation for RecoveryTimes {
    type Output = Times;

    const ROUTE: Option<Route> = Some(Route::get("/recovery-times", "recovery times"));

    fn execute(self, env: &Env<'_>) -> Result<Times, Error> {
        let ev = env.evidence;
        // closure_minutes does not depend on the SLO or the label: the defaults do.
        let report = build(ev, &env.params(None, None))?;
        Ok(recovery_times::build(
            &report.recovery_rows,
            ev.plans(),
            acknowledgements(ev),
        ))
    }
}

impl Render for Times {
    fn render(&self, style: Style) -> Result<String, Error> {
        output::document(style, self, || grids(self), 0)
    }
}

const STAT_HEADERS: [&str; 7] = ["by", "key", "count", "mean", "median", "p90", "max"];

fn stat_row(g: &mut Grid, by: &str, key: &str, s: &Stats) {
    let opt = |v: Option<i64>| v.map_or(Value::Null, |v| Value::Int(v.into()));
    g.row(
        Tone::Plain,
        vec![
            by.into(),
            key.into(),
            s.count.into(),
            s.mean_minutes.map_or(Value::Null, Value::Float),
            opt(s.median_minutes),
            opt(s.p90_minutes),
            opt(s.max_minutes),
        ],
    );
}

fn keyed_rows(g: &mut Grid, by: &str, rows: &[Keyed]) {
    for k in rows {
        stat_row(g, by, &k.key, &k.stats);
    }
}

fn grids(t: &Times) -> Vec<Grid> {
    let c = &t.closure_minutes;
    let mut closures = Grid::new(
        "Closure minutes (playbook generated to closure; percentiles by nearest rank)",
        &STAT_HEADERS,
    );
    stat_row(&mut closures, "overall", "", &c.overall);
    keyed_rows(&mut closures, "provider", &c.by_provider);
    keyed_rows(&mut closures, "week", &c.by_week);

    let a = &t.time_to_acknowledge;
    let mut acks = Grid::new(
        "Minutes to first acknowledgement (escalation plan generated to first acknowledgement)",
        &STAT_HEADERS,
    );
    stat_row(&mut acks, "overall", "", &a.breakdown.overall);
    keyed_rows(&mut acks, "provider", &a.breakdown.by_provider);
    keyed_rows(&mut acks, "plan", &a.by_plan);
    keyed_rows(&mut acks, "week", &a.breakdown.by_week);

    let mut firsts = Grid::new(
        "First acknowledgements",
        &[
            "plan_id",
            "provider",
            "generated_at",
            "first_acknowledged_at",
            "minutes",
        ],
    );
    for f in &a.first_acknowledgements {
        firsts.row(
            Tone::Plain,
            vec![
                f.plan_id.as_str().into(),
                f.provider.as_str().into(),
                f.generated_at.as_str().into(),
                f.first_acknowledged_at.as_str().into(),
                Value::Int(f.minutes.into()),
            ],
        );
    }
    vec![closures, acks, firsts]
}
