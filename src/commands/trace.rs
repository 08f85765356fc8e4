//! `cavra trace ID`: one record and everything linked to it, as one timeline (§4.8).
//!
//! The trace of a record is the record itself, the records it cites (one step: what it was
//! built from), and every record that cites it, directly or through others (what was built
//! on it: a plan's acknowledgements, the deliveries for it and the retry plans deciding on
//! them, the executive reports citing it and the schedule runs embedding those). Entries are
//! in time order (records without a readable time last), then by kind and id. Each entry
//! lists every id it cites, found or not, and the records of the evidence that cite it.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::canon::identity_hash;
use crate::model::facts::RecRef;
use crate::model::json::Json;
use crate::model::kind::Kind;
use crate::model::record::{Classified, classify};
use crate::model::time::Ts;
use crate::output::{self, Format, Grid, Style, Tone};
use crate::report::execs::summarize;
use crate::report::links::{Citation, Summary, citations, noun, summary};
use crate::store::Evidence;

use super::{Env, Operation, Render, Route, check_id, few};

/// `cavra trace` and `GET .../trace/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Trace {
    /// Any record id: plan, acknowledgement, playbook, closure, execution, delivery, retry
    /// plan, executive report, schedule run or report
    #[arg(value_name = "ID")]
    #[serde(default)]
    pub id: String,
}

/// The trace: the id asked for and the linked records in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Output {
    pub id: String,
    pub records: Vec<Entry>,
}

/// One record of a trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub at: String,
    pub kind: &'static str,
    pub id: String,
    pub who: String,
    pub state: String,
    /// The file (and position) that holds it, relative to the evidence folder.
    pub place: String,
    pub cites: Vec<Link>,
    pub cited_by: Vec<Link>,
}

/// A link to another record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Link {
    pub kind: &'static str,
    pub id: String,
    /// Whether the evidence holds it (always true for `cited_by`).
    pub found: bool,
}

impl Operation for Trace {
    type Output = Output;

    const ROUTE: Option<Route> = Some(Route::get("/trace/{id}", "trace").with_param("id"));

    fn check(&self) -> Result<(), Error> {
        check_id("record", &self.id)
    }

    fn set_param(&mut self, id: String) -> Result<(), Error> {
        self.id = id;
        Ok(())
    }

    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let graph = Graph::read(env.evidence, env.root);
        graph.trace(&self.id)
    }
}

/// A record of the graph.
struct Node {
    kind: Kind,
    id: String,
    place: String,
    summary: Summary,
    cites: Vec<Citation>,
}

/// Every record but the executions, with their citations; executions are read when cited.
struct Graph<'e> {
    evidence: &'e Evidence,
    root: &'e Path,
    nodes: Vec<Node>,
    /// (kind, id) → node.
    index: BTreeMap<(Kind, String), usize>,
    /// Identity hashes of the valid executions: whether a cited execution exists, without a
    /// scan of every execution per citation.
    executions: HashSet<u64>,
}

impl<'e> Graph<'e> {
    fn read(evidence: &'e Evidence, root: &'e Path) -> Graph<'e> {
        let wanted: Vec<RecRef> = evidence.others.iter().map(|s| s.rec).collect();
        let mut nodes = Vec::new();
        evidence.reread(&wanted, |rec, value| {
            if let Some(node) = node(evidence, root, rec, value) {
                nodes.push(node);
            }
        });
        nodes.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
        nodes.dedup_by(|a, b| a.kind == b.kind && a.id == b.id);
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| ((n.kind, n.id.clone()), i))
            .collect();
        Graph {
            evidence,
            root,
            nodes,
            index,
            executions: evidence.exec_facts().map(|e| e.ident).collect(),
        }
    }

    /// The node of an execution, read from its file.
    fn execution(&self, id: &str) -> Option<Node> {
        let fact = self.evidence.execution(id)?;
        let mut found = None;
        self.evidence.reread(&[fact.rec], |rec, value| {
            found = node(self.evidence, self.root, rec, value);
        });
        found
    }

    fn trace(&self, id: &str) -> Result<Output, Error> {
        let starts: Vec<usize> = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.id == id)
            .map(|(i, _)| i)
            .collect();
        let mut extra: Vec<Node> = Vec::new();
        if starts.is_empty() {
            match self.execution(id) {
                Some(node) => extra.push(node),
                None => return Err(self.unknown(id)),
            }
        }
        // Built on it: every record citing one already in, until nothing changes.
        let mut up: BTreeSet<(Kind, String)> = starts
            .iter()
            .map(|&i| (self.nodes[i].kind, self.nodes[i].id.clone()))
            .chain(extra.iter().map(|n| (n.kind, n.id.clone())))
            .collect();
        loop {
            let before = up.len();
            for n in &self.nodes {
                if n.cites.iter().any(|c| up.contains(&(c.kind, c.id.clone()))) {
                    up.insert((n.kind, n.id.clone()));
                }
            }
            if up.len() == before {
                break;
            }
        }
        // Built from: what the record itself cites, one step.
        let mut from: BTreeSet<(Kind, String)> = BTreeSet::new();
        for n in starts.iter().map(|&i| &self.nodes[i]).chain(&extra) {
            for c in &n.cites {
                from.insert((c.kind, c.id.clone()));
            }
        }
        for (kind, cited) in &from {
            if *kind == Kind::Execution
                && !up.contains(&(*kind, cited.clone()))
                && let Some(node) = self.execution(cited)
            {
                extra.push(node);
            }
        }
        let mut entries: Vec<(Option<Ts>, Entry)> = Vec::new();
        let mut push = |n: &Node| {
            entries.push((n.summary.instant, self.entry(n)));
        };
        for n in &extra {
            push(n);
        }
        for key in up.iter().chain(from.iter()) {
            if let Some(&i) = self.index.get(key) {
                push(&self.nodes[i]);
            }
        }
        let order = |k: &str| {
            crate::model::kind::KINDS
                .iter()
                .position(|info| noun(info.kind) == k)
                .unwrap_or(usize::MAX)
        };
        entries.sort_by(|(ta, a), (tb, b)| {
            (ta.is_none(), ta, order(a.kind), &a.id).cmp(&(tb.is_none(), tb, order(b.kind), &b.id))
        });
        entries.dedup_by(|(_, a), (_, b)| a.kind == b.kind && a.id == b.id);
        Ok(Output {
            id: id.to_owned(),
            records: entries.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// The entry of a node: its links, found or not, and what cites it.
    fn entry(&self, n: &Node) -> Entry {
        let found = |c: &Citation| match c.kind {
            Kind::Execution => self
                .executions
                .contains(&identity_hash(Kind::Execution.index(), &c.id)),
            kind => self.index.contains_key(&(kind, c.id.clone())),
        };
        let cites = n
            .cites
            .iter()
            .map(|c| Link {
                kind: noun(c.kind),
                id: c.id.clone(),
                found: found(c),
            })
            .collect();
        let mut cited_by: Vec<Link> = self
            .nodes
            .iter()
            .filter(|o| o.cites.iter().any(|c| c.kind == n.kind && c.id == n.id))
            .map(|o| Link {
                kind: noun(o.kind),
                id: o.id.clone(),
                found: true,
            })
            .collect();
        cited_by.sort();
        Entry {
            at: n.summary.at.clone(),
            kind: noun(n.kind),
            id: n.id.clone(),
            who: n.summary.who.clone(),
            state: n.summary.state.clone(),
            place: n.place.clone(),
            cites,
            cited_by,
        }
    }

    /// Exit 3 for an id no record has, with the nearest ids as a hint.
    fn unknown(&self, id: &str) -> Error {
        let shared = |other: &str| {
            id.chars()
                .zip(other.chars())
                .take_while(|(a, b)| a == b)
                .count()
        };
        // Executions: the report's latest ones (the texts kept while reading depend on the
        // threads and on refreshes; these do not).
        let ev = self.evidence;
        let latest = summarize(
            &ev.symbols,
            ev.exec_facts(),
            ev.exec_known(),
            |wanted, offer| ev.exec_details(wanted, offer),
        )
        .latest;
        let mut known: Vec<(usize, &str)> = self
            .nodes
            .iter()
            .map(|n| (shared(&n.id), n.id.as_str()))
            .chain(
                latest
                    .iter()
                    .map(|e| (shared(&e.execution_id), e.execution_id.as_str())),
            )
            .collect();
        known.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let best = known.first().map_or(0, |k| k.0);
        let nearest: Vec<&str> = known
            .iter()
            .take_while(|k| k.0 == best)
            .map(|k| k.1)
            .collect();
        let e = Error::not_found(id, format!("no record in the evidence has the id {id:?}"));
        if nearest.is_empty() {
            e.with_hint("the evidence holds no record to trace; `cavra check` shows what it reads")
        } else {
            e.with_hint(format!("the nearest ids: {}", few(&nearest, 5)))
        }
    }
}

/// A node of a record read from the evidence.
fn node(evidence: &Evidence, root: &Path, rec: RecRef, value: &Json) -> Option<Node> {
    let Classified::Record(view) = classify(value) else {
        return None;
    };
    let place = evidence.place(rec);
    let root = format!("{}/", root.display());
    let place = place.strip_prefix(&root).unwrap_or(&place).to_owned();
    Some(Node {
        kind: view.kind,
        id: view.id(),
        place,
        summary: summary(&view),
        cites: citations(&view),
    })
}

impl Render for Output {
    fn render(&self, style: Style) -> Result<String, Error> {
        if style.format == Format::Json {
            return output::json(self);
        }
        let list = |links: &[Link], missing: bool| {
            links
                .iter()
                .map(|l| {
                    let gone = if missing && !l.found {
                        " (missing)"
                    } else {
                        ""
                    };
                    format!("{} {}{gone}", l.kind, l.id)
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut g = Grid::new(
            &format!("Trace of {}", self.id),
            &[
                "at", "kind", "id", "who", "state", "place", "cites", "cited_by",
            ],
        );
        for e in &self.records {
            let tone = if e.id == self.id {
                Tone::Good
            } else if e.cites.iter().any(|l| !l.found) {
                Tone::Warn
            } else {
                Tone::Plain
            };
            g.row(
                tone,
                vec![
                    e.at.as_str().into(),
                    e.kind.into(),
                    e.id.as_str().into(),
                    e.who.as_str().into(),
                    e.state.as_str().into(),
                    e.place.as_str().into(),
                    list(&e.cites, true).into(),
                    list(&e.cited_by, false).into(),
                ],
            );
        }
        output::document(style, self, || vec![g], 0)
    }
}
