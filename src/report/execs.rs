//! Folding executions (§3.1) without holding them: counts per provider and status, and the
//! few records whose text the report shows.
//!
//! [`ExecFold::add`] sees only [`ExecFact`]s. The records that can still be a provider's latest
//! or one of the 20 latest are remembered by position; the caller reads exactly those again
//! ([`ExecFold::wanted`], unless the reader kept their text) and offers it
//! ([`ExecFold::offer`]), which settles ties by id
//! (§2.4). Memory grows with providers and with ties at the boundary, never with records.

use std::collections::{BTreeMap, HashMap};

use crate::model::facts::{ExecDetail, ExecFact, RecRef, Sym};
use crate::model::time::Ts;

use super::later;

/// How many executions `latest_executions` lists.
pub const LATEST: usize = 20;
/// Prune the candidate pool when it grows past this.
const POOL_LIMIT: usize = 4096;

#[derive(Default, Clone)]
struct ProviderFold {
    count: u64,
    delivered: u64,
    failed: u64,
    skipped: u64,
    /// The latest instant seen (`Some(None)`: only unknown instants so far).
    best: Option<Option<Ts>>,
    /// Every execution at `best` (ties are settled by id once their text is known).
    ties: Vec<(RecRef, u64)>,
    /// The winner among ties, once offered: (id, executed_at text).
    winner: Option<(String, String)>,
}

/// Execution counts and the latest executions.
pub struct ExecFold<'a> {
    symbols: &'a [String],
    delivered: Option<Sym>,
    failed: Option<Sym>,
    skipped: Option<Sym>,
    providers: Vec<ProviderFold>,
    statuses: Vec<u64>,
    count: u64,
    pool: Vec<(Option<Ts>, RecRef, u64)>,
    tie_owner: HashMap<RecRef, Sym>,
    latest: Vec<ExecDetail>,
}

/// Per-provider execution figures for the provider summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProviderExecs {
    pub count: u64,
    pub delivered: u64,
    pub failed: u64,
    pub skipped: u64,
    /// The latest `executed_at`, as written.
    pub latest_at: String,
}

/// The executions part of the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExecSummary {
    pub count: u64,
    pub delivered: u64,
    pub failed: u64,
    pub skipped: u64,
    pub status_counts: BTreeMap<String, u64>,
    pub providers: BTreeMap<String, ProviderExecs>,
    /// The 20 latest, newest first.
    pub latest: Vec<ExecDetail>,
}

impl<'a> ExecFold<'a> {
    /// A fold over executions whose providers and states are interned in `symbols`.
    pub fn new(symbols: &'a [String]) -> ExecFold<'a> {
        let find = |name: &str| symbols.iter().position(|s| s == name).map(|i| i as Sym);
        ExecFold {
            symbols,
            delivered: find("delivered"),
            failed: find("failed"),
            skipped: find("skipped"),
            providers: vec![ProviderFold::default(); symbols.len()],
            statuses: vec![0; symbols.len()],
            count: 0,
            pool: Vec::new(),
            tie_owner: HashMap::new(),
            latest: Vec::new(),
        }
    }

    /// Counts one execution and remembers it if it may be shown.
    pub fn add(&mut self, fact: ExecFact) {
        self.count += 1;
        if let Some(n) = self.statuses.get_mut(fact.status as usize) {
            *n += 1;
        }
        let Some(p) = self.providers.get_mut(fact.provider as usize) else {
            return;
        };
        p.count += 1;
        let status = Some(fact.status);
        if status == self.delivered {
            p.delivered += 1;
        } else if status == self.failed {
            p.failed += 1;
        } else if status == self.skipped {
            p.skipped += 1;
        }
        match p.best {
            Some(best) if fact.at < best => {}
            Some(best) if fact.at == best => p.ties.push((fact.rec, fact.ident)),
            _ => {
                p.best = Some(fact.at);
                p.ties.clear();
                p.ties.push((fact.rec, fact.ident));
            }
        }
        self.pool.push((fact.at, fact.rec, fact.ident));
        if self.pool.len() >= POOL_LIMIT {
            self.prune();
        }
    }

    /// Keeps the candidates at or above the 20th latest instant (ties included).
    fn prune(&mut self) {
        if self.pool.len() <= LATEST {
            return;
        }
        self.pool.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
        let threshold = self.pool[LATEST - 1].0;
        self.pool.retain(|c| c.0 >= threshold);
    }

    /// The records whose text is needed: each provider's ties and the latest candidates.
    /// Those found among `known` (details kept while reading, matched by identity) are
    /// offered at once; the others are returned, to be read again.
    pub fn wanted(&mut self, known: &[ExecDetail]) -> Vec<RecRef> {
        self.prune();
        let mut need: Vec<(RecRef, u64)> = self.pool.iter().map(|c| (c.1, c.2)).collect();
        for (sym, p) in self.providers.iter().enumerate() {
            for &(rec, ident) in &p.ties {
                self.tie_owner.insert(rec, sym as Sym);
                need.push((rec, ident));
            }
        }
        need.sort_unstable();
        need.dedup();
        let known: HashMap<u64, &ExecDetail> = known.iter().map(|d| (d.ident, d)).collect();
        let mut fetch = Vec::new();
        for (rec, ident) in need {
            match known.get(&ident) {
                Some(d) => self.offer(ExecDetail {
                    rec,
                    ..(*d).clone()
                }),
                None => fetch.push(rec),
            }
        }
        fetch
    }

    /// Offers the text of a record returned by [`ExecFold::wanted`].
    pub fn offer(&mut self, detail: ExecDetail) {
        if let Some(&sym) = self.tie_owner.get(&detail.rec) {
            let p = &mut self.providers[sym as usize];
            if p.winner
                .as_ref()
                .is_none_or(|(id, _)| detail.execution_id < *id)
            {
                p.winner = Some((detail.execution_id.clone(), detail.executed_at.clone()));
            }
        }
        // Keep the 20 latest by (instant descending, id ascending).
        let pos = self
            .latest
            .iter()
            .position(|d| later((detail.at, &detail.execution_id), (d.at, &d.execution_id)))
            .unwrap_or(self.latest.len());
        if pos < LATEST {
            self.latest.insert(pos, detail);
            self.latest.truncate(LATEST);
        }
    }

    /// The summary, once every wanted record was offered.
    pub fn finish(self) -> ExecSummary {
        let mut s = ExecSummary {
            count: self.count,
            latest: self.latest,
            ..ExecSummary::default()
        };
        for (sym, n) in self.statuses.iter().enumerate() {
            if *n > 0 {
                *s.status_counts
                    .entry(self.symbols[sym].clone())
                    .or_default() += n;
            }
        }
        for (sym, p) in self.providers.into_iter().enumerate() {
            if p.count == 0 {
                continue;
            }
            s.delivered += p.delivered;
            s.failed += p.failed;
            s.skipped += p.skipped;
            s.providers.insert(
                self.symbols[sym].clone(),
                ProviderExecs {
                    count: p.count,
                    delivered: p.delivered,
                    failed: p.failed,
                    skipped: p.skipped,
                    latest_at: p.winner.map(|w| w.1).unwrap_or_default(),
                },
            );
        }
        s
    }
}

/// Runs a whole fold: `facts`, then the text of the wanted records: from `known` when it
/// has them, else from `fetch` (which reads them again).
pub fn summarize(
    symbols: &[String],
    facts: impl Iterator<Item = ExecFact>,
    known: &[ExecDetail],
    fetch: impl FnOnce(&[RecRef], &mut dyn FnMut(ExecDetail)),
) -> ExecSummary {
    let mut fold = ExecFold::new(symbols);
    for f in facts {
        fold.add(f);
    }
    let wanted = fold.wanted(known);
    fetch(&wanted, &mut |d| fold.offer(d));
    fold.finish()
}
