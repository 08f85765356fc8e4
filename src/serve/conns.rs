//! Connections of one server: the accept loop, the connection cap and the timeouts (issue 8,
//! defect 1: 300 idle sockets under `ulimit -n 256` used to stop the server answering anyone).
//!
//! - Every connection is served by hyper's HTTP/1 connection with a **header-read timeout**
//!   ([`HEADER_READ_TIMEOUT`]): a client that does not send a complete request head within it
//!   is disconnected. hyper runs that timer whenever it waits for a request head, so it is
//!   also the **idle timeout** of a kept-alive connection.
//! - At most [`connection_cap`] connections are open at once, below the process's limit on
//!   open files (so `accept` never fails with "too many open files" and the evidence can
//!   still be read). When a new connection finds the server full, the connection that has
//!   been idle longest (no request in progress) is closed to make room: idle clients can
//!   never lock others out. When every connection has a request in progress, the new one is
//!   answered `503 overloaded` with `Retry-After: 1` and closed.
//! - On shutdown the loop stops accepting and every connection finishes its request in
//!   progress (see [`super::serve_until`]).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::Request;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

/// How long a client may take to send a request head, and how long a kept-alive connection
/// may stay idle.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The most connections served at once when the open-files limit allows more.
pub const MAX_CONNECTIONS: usize = 1024;
/// Open files kept free for everything else (the evidence files, the listener, logs).
const FILES_RESERVED: u64 = 64;

/// The connection cap: [`MAX_CONNECTIONS`], or less to stay [`FILES_RESERVED`] below the
/// open-files limit (`ulimit -n 256` gives 192), and at least 8.
pub fn connection_cap() -> usize {
    let by_files = crate::store::open_files_limit()
        .map_or(MAX_CONNECTIONS as u64, |n| n.saturating_sub(FILES_RESERVED));
    (by_files.min(MAX_CONNECTIONS as u64) as usize).max(8)
}

/// One open connection.
struct Conn {
    id: u64,
    /// Requests in progress.
    busy: AtomicUsize,
    /// When it last started or finished a request (ms since the server started).
    last: AtomicU64,
    /// Told to close (evicted).
    close: tokio::sync::Notify,
}

/// The open connections.
struct Table {
    conns: Mutex<Vec<Arc<Conn>>>,
    cap: usize,
    next: AtomicU64,
    start: Instant,
}

impl Table {
    fn now_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Arc<Conn>>> {
        match self.conns.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// A slot for a new connection: free, or taken from the connection idle longest;
    /// `None` when every connection has a request in progress.
    fn admit(&self) -> Option<Arc<Conn>> {
        let mut conns = self.lock();
        if conns.len() >= self.cap {
            let idle = conns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.busy.load(Ordering::SeqCst) == 0)
                .min_by_key(|(_, c)| c.last.load(Ordering::SeqCst))
                .map(|(i, _)| i)?;
            conns.swap_remove(idle).close.notify_one();
        }
        let conn = Arc::new(Conn {
            id: self.next.fetch_add(1, Ordering::Relaxed),
            busy: AtomicUsize::new(0),
            last: AtomicU64::new(self.now_ms()),
            close: tokio::sync::Notify::new(),
        });
        conns.push(conn.clone());
        Some(conn)
    }

    fn leave(&self, id: u64) {
        self.lock().retain(|c| c.id != id);
    }
}

/// Marks a connection busy while a request is in progress (also when its future is
/// dropped midway).
struct Busy {
    conn: Arc<Conn>,
    table: Arc<Table>,
}

impl Busy {
    fn new(conn: Arc<Conn>, table: Arc<Table>) -> Busy {
        conn.busy.fetch_add(1, Ordering::SeqCst);
        conn.last.store(table.now_ms(), Ordering::SeqCst);
        Busy { conn, table }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.conn.last.store(self.table.now_ms(), Ordering::SeqCst);
        self.conn.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The router as a hyper service that marks its connection busy per request.
#[derive(Clone)]
struct Tracked {
    inner: TowerToHyperService<axum::Router>,
    conn: Arc<Conn>,
    table: Arc<Table>,
}

type ResponseFuture = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

impl hyper::service::Service<Request<Incoming>> for Tracked {
    type Response = Response;
    type Error = Infallible;
    type Future = ResponseFuture;

    fn call(&self, req: Request<Incoming>) -> ResponseFuture {
        let busy = Busy::new(self.conn.clone(), self.table.clone());
        let fut = self.inner.call(req);
        Box::pin(async move {
            let res = fut.await;
            drop(busy);
            res
        })
    }
}

/// The answer to a connection that finds every slot busy.
const OVERLOADED_BODY: &str = r#"{"error":{"code":"overloaded","message":"the server is serving as many connections as it allows, each with a request in progress","hint":"try again in a moment"}}"#;

async fn refuse(mut stream: TcpStream) {
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncache-control: no-store\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        OVERLOADED_BODY.len()
    );
    let write = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(OVERLOADED_BODY.as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), write).await;
}

/// Accepts and serves connections on `listener` until `stop` resolves; then waits for the
/// requests in progress (the caller bounds the wait).
pub async fn accept_loop(
    listener: TcpListener,
    router: axum::Router,
    stop: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let table = Arc::new(Table {
        conns: Mutex::new(Vec::new()),
        cap: connection_cap(),
        next: AtomicU64::new(0),
        start: Instant::now(),
    });
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .keep_alive(true);
    let service = TowerToHyperService::new(router);
    let mut accept_error_said = false;
    tokio::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    accept_error_said = false;
                    stream
                }
                Err(e) => {
                    // Out of file descriptors (other processes' files count too), or a
                    // connection reset before it was accepted: never a busy loop.
                    if !accept_error_said {
                        crate::output::say(&format!("cavra: warning: cannot accept a connection: {e}"));
                        accept_error_said = true;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Some(conn) = table.admit() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let svc = Tracked {
            inner: service.clone(),
            conn: conn.clone(),
            table: table.clone(),
        };
        let http = graceful.watch(builder.serve_connection(TokioIo::new(stream), svc));
        let table = table.clone();
        tokio::spawn(async move {
            tokio::select! {
                _ = http => {},
                () = conn.close.notified() => {},
            }
            table.leave(conn.id);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cap: usize) -> Table {
        Table {
            conns: Mutex::new(Vec::new()),
            cap,
            next: AtomicU64::new(0),
            start: Instant::now(),
        }
    }

    #[test]
    fn a_full_table_evicts_the_longest_idle_and_refuses_when_all_are_busy() {
        let t = table(2);
        let a = t.admit().unwrap();
        let b = t.admit().unwrap();
        a.last.store(5, Ordering::SeqCst);
        b.last.store(1, Ordering::SeqCst);
        // b has been idle longest: it makes room.
        let c = t.admit().unwrap();
        let ids: Vec<u64> = t.lock().iter().map(|x| x.id).collect();
        assert_eq!(ids, [a.id, c.id]);
        // Every connection busy: no slot.
        a.busy.store(1, Ordering::SeqCst);
        c.busy.store(1, Ordering::SeqCst);
        assert!(t.admit().is_none());
        t.leave(a.id);
        assert!(t.admit().is_some());
    }

    #[test]
    fn the_cap_stays_below_the_open_files_limit() {
        let cap = connection_cap();
        assert!((8..=MAX_CONNECTIONS).contains(&cap));
        if let Some(limit) = crate::store::open_files_limit() {
            assert!(cap as u64 <= limit.saturating_sub(FILES_RESERVED).max(8));
        }
    }
}
