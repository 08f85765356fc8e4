//! `cavra serve`: the HTTP API of §7 and the Evidence Console, behind the `serve` feature.
//!
//! The same operations and the same JSON as the command line: every handler deserializes the
//! operation's `Input` and calls its `execute` (on a blocking thread: they read and write
//! files). Only this module starts a tokio runtime.
//!
//! - [`api`]: routes, request parsing, responses;
//! - [`guard`]: `Host`/`Origin` checks on every request, `--read-only` and the bearer token on
//!   every write;
//! - [`state`]: the evidence snapshot, freshness (the watcher, incremental refreshes, reads
//!   after writes) and the cache of rendered views;
//! - [`conns`]: the accept loop, the connection cap and the header-read/idle timeout;
//! - [`metrics`]: OpenMetrics text; [`console`]: the page; [`error`]: JSON errors.
//!
//! Tests build the router in-process with [`router`] over a [`Config`]; the binary calls
//! [`run`].

pub mod api;
pub mod body;
pub mod conns;
pub mod console;
pub mod error;
pub mod guard;
pub mod metrics;
pub mod query;
pub mod state;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::error::Error;
use crate::model::time::Ts;
use crate::output::{say, warn_problems};

pub use api::{BASE, BODY_LIMIT};
pub use state::{App, Config, State};

/// How long a shutdown waits for requests in flight before it gives up on them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Reads the evidence and builds the router and its state. Needs no runtime; the watcher
/// (see [`watch`]) does.
pub fn router(config: Config) -> Result<(axum::Router, App), Error> {
    let app = State::new(config)?;
    Ok((api::router(app.clone()), app))
}

/// Starts the watcher that reads the folder again when others change it (it asks what
/// changed once a second, and reads only that). Call from inside a tokio runtime.
pub fn watch(app: &App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(app.clone().watch())
}

/// Serves `router` on `listener` until `shutdown` resolves, then finishes the requests in
/// flight (writes included) for up to 10 seconds. Connections are capped and timed out (see
/// [`conns`]).
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (tx, rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = tx.send(true);
    });
    let mut graceful = rx.clone();
    let server = conns::accept_loop(listener, router, async move {
        let _ = graceful.wait_for(|stop| *stop).await;
    });
    let mut deadline = rx;
    tokio::select! {
        r = server => r,
        _ = async move {
            let _ = deadline.wait_for(|stop| *stop).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => {
            say(&format!(
                "cavra: warning: stopped waiting for open connections after {} s",
                SHUTDOWN_GRACE.as_secs()
            ));
            Ok(())
        }
    }
}

/// Ctrl-C or SIGTERM, registered before the server says it listens (so that a signal right
/// after that line is never the default, abrupt one).
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {},
            _ = term.recv() => {},
        }
        say("cavra: shutting down: finishing the requests in flight");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        crate::output::say("cavra: shutting down: finishing the requests in flight");
    })
}

/// How `cavra serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub evidence: PathBuf,
    pub excludes: Vec<String>,
    /// `-j/--threads` (0: the available cores).
    pub threads: usize,
    /// `--now`/`CAVRA_NOW` when given; otherwise each request reads the clock.
    pub now: Option<Ts>,
    pub listen: SocketAddr,
    pub read_only: bool,
    pub token_file: Option<PathBuf>,
    /// `-q`: no informational lines.
    pub quiet: bool,
}

/// `cavra serve`: checks the options, reads the evidence, listens, and serves until Ctrl-C
/// or SIGTERM.
pub fn run(args: &Options) -> Result<i32, Error> {
    let token = match &args.token_file {
        Some(path) => Some(guard::read_token(path)?),
        None => None,
    };
    if !args.listen.ip().is_loopback() && token.is_none() {
        return Err(Error::usage(format!(
            "refusing to listen on {} without --token-file: off loopback, every write needs a bearer token",
            args.listen
        ))
        .with_hint(
            "create a token (e.g. `openssl rand -hex 32 > token`) and pass --token-file token, or listen on 127.0.0.1",
        ));
    }
    crate::store::walk::check_root(&args.evidence)?;

    let listener = std::net::TcpListener::bind(args.listen).map_err(|e| {
        Error::io_at(
            &args.listen.to_string(),
            &format!("cannot listen: {}", crate::error::describe_io(&e)),
        )
        .with_hint(
            "another program may listen there: pick another port with --listen 127.0.0.1:PORT",
        )
    })?;
    let addr: SocketAddr = listener
        .local_addr()
        .map_err(|e| Error::io_at("listener", &e.to_string()))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io_at("listener", &e.to_string()))?;

    let config = Config {
        root: args.evidence.clone(),
        excludes: args.excludes.clone(),
        threads: args.threads,
        now: args.now,
        listen: addr,
        read_only: args.read_only,
        token,
    };
    let (router, app) = router(config)?;
    let snapshot = app.current();
    warn_problems(&snapshot.evidence.problems);
    let c = snapshot.evidence.counts;
    if !args.quiet {
        say(&format!(
            "cavra: serving {} ({} files, {} records, {} problems){}{}",
            args.evidence.display(),
            c.files,
            c.records,
            snapshot.problem_count(),
            if args.read_only { ", read-only" } else { "" },
            if app.config.token.is_some() {
                ", writes need the bearer token"
            } else {
                ""
            },
        ));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io_at("runtime", &e.to_string()))?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let shutdown = shutdown_signal()?;
        // Always printed (not an informational line): scripts and tests read the address here.
        say(&format!("listening on http://{addr}/"));
        watch(&app);
        serve_until(listener, router, shutdown).await
    });
    result.map_err(|e| Error::io_at(&addr.to_string(), &e.to_string()))?;
    Ok(0)
}
