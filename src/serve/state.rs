//! The server's shared state: the evidence as last read, when to read it again, and the cache
//! of rendered views (§7, freshness).
//!
//! - The evidence is held as an immutable [`Snapshot`] behind an `Arc`: a request takes the
//!   current one and never sees a half-read folder.
//! - Every write that wrote a file bumps `write_seq`; a snapshot remembers the sequence it
//!   has seen, so the next request after a write reads the folder again before it answers
//!   (a response reflects every write made through this server before the request).
//! - A watcher task asks once a second what changed ([`Fingerprinter::look`]: the paths
//!   inotify names, checked now and then by a look at every file's metadata; a
//!   [`Fingerprint`] says whether anything did) and reads the folder again only when
//!   something did: changes made on disk by others show within about a second, and an
//!   unchanged folder is never read again. Reading again reads only the files whose stamp
//!   changed ([`crate::store::refresh`]); the snapshot keeps 8 bytes per file for that.
//! - Rendered GET views are cached per (view, parameters, snapshot generation, now); with the
//!   clock as now, that is per whole second. Concurrent misses of one key wait for one
//!   computation.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;

use crate::commands::Env;
use crate::error::Error;
use crate::model::time::Ts;
use crate::problem::Problem;
use crate::store::fingerprint::{Fingerprint, Fingerprinter, Look};
use crate::store::refresh::{self, Refreshed};
use crate::store::{Evidence, LoadOptions};

use super::error::ApiError;

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The evidence folder.
    pub root: PathBuf,
    /// `--exclude` patterns.
    pub excludes: Vec<String>,
    /// `-j/--threads`: worker threads that read the folder (0: the available cores).
    pub threads: usize,
    /// `--now` / `CAVRA_NOW`; `None`: the clock, in whole seconds, per request.
    pub now: Option<Ts>,
    /// The address the server listens on (its real port when `--listen` gave port 0).
    pub listen: SocketAddr,
    /// `--read-only`: every write is refused with 403.
    pub read_only: bool,
    /// The bearer token every write must carry (`--token-file`).
    pub token: Option<String>,
}

/// `generated_by` when a request gives none (§3: `console` under serve).
pub const DEFAULT_LABEL: &str = "console";

/// The evidence as read at one moment.
pub struct Snapshot {
    pub evidence: Arc<Evidence>,
    pub fingerprint: Fingerprint,
    /// The stamp key of each file of `evidence.sources`: what tells the next refresh which
    /// files changed.
    stamps: Arc<Vec<u64>>,
    /// How the evidence was read.
    pub read: ReadInfo,
    /// Bumped each time the folder is read again.
    pub generation: u64,
    /// The write sequence this snapshot has seen.
    seen_writes: u64,
}

/// How a snapshot's evidence was read: `/metrics` shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadInfo {
    /// Wall time of the read, from the fingerprint's walk to the finished evidence.
    pub seconds: f64,
    /// Files read (every file on a full read; only new and changed ones on a refresh).
    pub files_read: u64,
    /// Whether every file was read.
    pub full: bool,
}

impl ReadInfo {
    fn of(r: &Refreshed, started: Instant) -> ReadInfo {
        ReadInfo {
            seconds: started.elapsed().as_secs_f64(),
            files_read: r.files_read,
            full: r.full,
        }
    }
}

impl Snapshot {
    /// Problems that make the evidence invalid (warnings excluded).
    pub fn problems(&self) -> Vec<&Problem> {
        self.evidence
            .problems
            .iter()
            .filter(|p| !p.rule.is_warning())
            .collect()
    }

    pub fn problem_count(&self) -> usize {
        self.evidence
            .problems
            .iter()
            .filter(|p| !p.rule.is_warning())
            .count()
    }
}

/// A rendered view in the cache: its route and what makes its input one view.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct View {
    pub name: &'static str,
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CacheKey {
    view: View,
    generation: u64,
    now: Ts,
}

type Cell = Arc<tokio::sync::OnceCell<Result<Bytes, ApiError>>>;

/// Entries kept before stale ones (older generation or second) are dropped.
const CACHE_SOFT_LIMIT: usize = 32;
/// Entries kept at most (many labels in one second): then the cache starts again.
const CACHE_HARD_LIMIT: usize = 128;

/// The shared state of one server.
pub struct State {
    pub config: Config,
    snapshot: RwLock<Arc<Snapshot>>,
    write_seq: AtomicU64,
    reload_lock: tokio::sync::Mutex<()>,
    fingerprinter: Mutex<Fingerprinter>,
    cache: Mutex<HashMap<CacheKey, Cell>>,
    /// `Host` values accepted (lower case).
    pub allowed_hosts: Vec<String>,
    /// Computations of cached views (for tests: a repeated GET must not compute again).
    pub computed: AtomicU64,
    /// Times the folder was read (for tests: an unchanged folder is never read again).
    pub loads: AtomicU64,
}

/// A handle on the shared state.
pub type App = Arc<State>;

impl State {
    /// Reads the evidence folder and builds the state. A missing or unreadable folder is an
    /// error (exit 4), as for every reading command.
    pub fn new(config: Config) -> Result<App, Error> {
        let started = Instant::now();
        let mut fingerprinter = Fingerprinter::new(&config.root, &config.excludes).watching();
        // The files read are exactly the files scanned, so that their stamps describe them.
        let scan = fingerprinter.scan()?;
        let fingerprint = scan.fingerprint;
        let read = refresh::read_all(scan, &load_options(&config));
        let allowed_hosts = allowed_hosts(config.listen);
        Ok(Arc::new(State {
            snapshot: RwLock::new(Arc::new(Snapshot {
                read: ReadInfo::of(&read, started),
                evidence: Arc::new(read.evidence),
                fingerprint,
                stamps: Arc::new(read.stamps),
                generation: 0,
                seen_writes: 0,
            })),
            write_seq: AtomicU64::new(0),
            reload_lock: tokio::sync::Mutex::new(()),
            fingerprinter: Mutex::new(fingerprinter),
            cache: Mutex::new(HashMap::new()),
            allowed_hosts,
            computed: AtomicU64::new(0),
            loads: AtomicU64::new(1),
            config,
        }))
    }

    /// The snapshot as it is, without looking at the folder.
    pub fn current(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set_current(&self, next: Arc<Snapshot>) {
        match self.snapshot.write() {
            Ok(mut s) => *s = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }

    /// The time a request runs at: `--now`, or the clock in whole seconds.
    pub fn now(&self) -> Ts {
        self.config.now.unwrap_or_else(Ts::now_utc)
    }

    /// The snapshot a request must use: read again first when a write went through this
    /// server since the current one was read.
    ///
    /// While the evidence folder is missing or not a folder (moved away, unmounted, replaced
    /// by a file), every request that needs the evidence is a 503 `evidence_unavailable`:
    /// the last snapshot is stale, and nothing is written (the folder is never re-created
    /// here). Serving resumes by itself once the folder is back.
    pub async fn fresh(self: &Arc<Self>) -> Result<Arc<Snapshot>, ApiError> {
        self.available()?;
        // Only the writes finished before this request started count: requests waiting
        // behind one read share it, even while later writes keep landing.
        let target = self.write_seq.load(Ordering::SeqCst);
        let cur = self.current();
        if cur.seen_writes >= target {
            return Ok(cur);
        }
        self.refresh_to(Some(target)).await
    }

    /// `Ok` while the evidence folder exists and is a folder (one `stat`).
    pub fn available(&self) -> Result<(), ApiError> {
        crate::store::walk::check_root(&self.config.root).map_err(|e| {
            ApiError::from_error(e.with_hint(
                "the evidence folder is missing or not a folder: restore it; cavra serve resumes by itself and never re-creates it",
            ))
        })
    }

    /// Records that a write through this server changed the folder.
    pub fn wrote(&self) {
        self.write_seq.fetch_add(1, Ordering::SeqCst);
    }

    /// Takes a fingerprint and reads the folder again if it changed (the watcher's call, and
    /// tests').
    pub async fn refresh(self: &Arc<Self>) -> Result<Arc<Snapshot>, ApiError> {
        self.refresh_to(None).await
    }

    /// [`State::refresh`]; with a `target`, returns at once when the snapshot has already
    /// seen that many writes (another request read the folder meanwhile).
    async fn refresh_to(self: &Arc<Self>, target: Option<u64>) -> Result<Arc<Snapshot>, ApiError> {
        let _guard = self.reload_lock.lock().await;
        let seq = self.write_seq.load(Ordering::SeqCst);
        let cur = self.current();
        if target.is_some_and(|t| cur.seen_writes >= t) {
            return Ok(cur);
        }
        let me = self.clone();
        let next = tokio::task::spawn_blocking(move || me.read_if_changed(&cur, seq))
            .await
            .map_err(|e| ApiError::internal(format!("reading the evidence failed: {e}")))?
            .map_err(ApiError::from_error)?;
        if let Some(next) = &next {
            self.set_current(next.clone());
        }
        Ok(next.unwrap_or_else(|| self.current()))
    }

    /// A new snapshot when the folder changed (or only the write sequence did); `None` when
    /// nothing changed at all. Runs on a blocking thread.
    fn read_if_changed(&self, cur: &Snapshot, seq: u64) -> Result<Option<Arc<Snapshot>>, Error> {
        crate::store::walk::check_root(&self.config.root)?;
        let started = Instant::now();
        let look = {
            let mut f = match self.fingerprinter.lock() {
                Ok(f) => f,
                Err(poisoned) => poisoned.into_inner(),
            };
            f.look(
                &cur.fingerprint,
                &cur.evidence.sources,
                &cur.stamps,
                &refresh::walk_problems(&cur.evidence),
            )?
        };
        let Look::Changed { scan, reuse } = look else {
            if cur.seen_writes >= seq {
                return Ok(None);
            }
            return Ok(Some(Arc::new(Snapshot {
                evidence: cur.evidence.clone(),
                fingerprint: cur.fingerprint,
                stamps: cur.stamps.clone(),
                read: cur.read,
                generation: cur.generation,
                seen_writes: seq,
            })));
        };
        let fingerprint = scan.fingerprint;
        // The stamps were taken before reading: a file changed while it is read shows with
        // a new stamp next time and is read again, so nothing is ever missed.
        let read = refresh::refresh(
            &cur.evidence,
            &cur.stamps,
            scan,
            &reuse,
            &load_options(&self.config),
        );
        self.loads.fetch_add(1, Ordering::Relaxed);
        Ok(Some(Arc::new(Snapshot {
            read: ReadInfo::of(&read, started),
            evidence: Arc::new(read.evidence),
            fingerprint,
            stamps: Arc::new(read.stamps),
            generation: cur.generation + 1,
            seen_writes: seq,
        })))
    }

    /// Watches the folder: a fingerprint at most once a second, a read only on a change.
    /// Errors (the folder vanished, say) are reported once each on stderr and the last
    /// snapshot is served meanwhile.
    pub async fn watch(self: Arc<Self>) {
        let mut last_error: Option<String> = None;
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            match self.refresh().await {
                Ok(_) => last_error = None,
                Err(e) => {
                    if last_error.as_deref() != Some(e.message.as_str()) {
                        crate::output::say(&format!(
                            "cavra: warning: cannot read the evidence folder again: {}",
                            e.message
                        ));
                        last_error = Some(e.message);
                    }
                }
            }
        }
    }

    /// Runs `f` on a blocking thread with an [`Env`] over `snapshot` at `now`.
    pub async fn blocking<R, F>(
        self: &Arc<Self>,
        snapshot: Arc<Snapshot>,
        now: Ts,
        f: F,
    ) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&Env<'_>) -> R + Send + 'static,
    {
        let root = self.config.root.clone();
        let load = load_options(&self.config);
        tokio::task::spawn_blocking(move || {
            let env = Env {
                root: &root,
                evidence: &snapshot.evidence,
                now,
                default_label: DEFAULT_LABEL,
                load: &load,
                dry_run: false,
            };
            f(&env)
        })
        .await
        .map_err(|e| ApiError::internal(format!("the operation failed: {e}")))
    }

    /// A cached view: computed once per (view and query, snapshot generation, now).
    pub async fn cached<F>(
        self: &Arc<Self>,
        snapshot: &Arc<Snapshot>,
        now: Ts,
        view: View,
        compute: F,
    ) -> Result<Bytes, ApiError>
    where
        F: FnOnce(&Env<'_>) -> Result<Bytes, ApiError> + Send + 'static,
    {
        let key = CacheKey {
            view,
            generation: snapshot.generation,
            now,
        };
        let cell = {
            let mut map = match self.cache.lock() {
                Ok(m) => m,
                Err(poisoned) => poisoned.into_inner(),
            };
            if !map.contains_key(&key) {
                // Views of older snapshots are not asked for again (the generation only
                // grows): their memory goes as soon as a view of a newer one is made.
                map.retain(|k, _| k.generation >= key.generation);
            }
            if !map.contains_key(&key) && map.len() >= CACHE_SOFT_LIMIT {
                map.retain(|k, _| k.generation == key.generation && k.now == key.now);
                if map.len() >= CACHE_HARD_LIMIT {
                    map.clear();
                }
            }
            map.entry(key).or_default().clone()
        };
        let snapshot = snapshot.clone();
        cell.get_or_init(|| async move {
            self.computed.fetch_add(1, Ordering::Relaxed);
            match self.blocking(snapshot, now, compute).await {
                Ok(r) => r,
                Err(e) => Err(e),
            }
        })
        .await
        .clone()
    }
}

fn load_options(config: &Config) -> LoadOptions {
    LoadOptions {
        excludes: config.excludes.clone(),
        threads: config.threads,
        ..LoadOptions::default()
    }
}

/// The `Host` values a request may carry (§7): the listen address, and `localhost`,
/// `127.0.0.1` and `[::1]` with the listen port (without a port too when it is 80).
pub fn allowed_hosts(listen: SocketAddr) -> Vec<String> {
    let port = listen.port();
    let mut names = vec![
        match listen {
            SocketAddr::V4(a) => a.ip().to_string(),
            SocketAddr::V6(a) => format!("[{}]", a.ip()),
        },
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "[::1]".to_owned(),
    ];
    let mut seen = Vec::new();
    names.retain(|n| {
        let fresh = !seen.contains(n);
        seen.push(n.clone());
        fresh
    });
    let mut hosts: Vec<String> = names.iter().map(|n| format!("{n}:{port}")).collect();
    if port == 80 {
        hosts.extend(names);
    }
    hosts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let h = allowed_hosts("127.0.0.1:8080".parse().unwrap());
        assert_eq!(h, ["127.0.0.1:8080", "localhost:8080", "[::1]:8080"]);
        let h = allowed_hosts("[::1]:80".parse().unwrap());
        assert!(h.contains(&"[::1]:80".to_owned()));
        assert!(h.contains(&"localhost".to_owned()));
        let h = allowed_hosts("10.1.2.3:9000".parse().unwrap());
        assert!(h.contains(&"10.1.2.3:9000".to_owned()));
        assert!(!h.iter().any(|x| x == "10.1.2.3"));
    }
}
