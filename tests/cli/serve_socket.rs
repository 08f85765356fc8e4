//! `cavra serve` as a process over real sockets on an ephemeral loopback port: concurrent
//! writes, graceful shutdown, and the options it refuses to start with.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{cavra, copy_tree, fixture, read_as, stderr};
use crate::docs::{Acknowledgement, Dashboard, Item, Recording};
use crate::serve::files_in;

/// The API prefix.
const BASE: &str = "/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery";

/// A running `cavra serve`, killed (by its handle) when dropped.
pub struct Running {
    pub child: Child,
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }
}

/// `cavra --evidence DIR` as a process to spawn: the environment of `common::cmd` (no
/// `CAVRA_*`, colour off, `--now` pinned).
pub fn process(dir: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("cavra"));
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("CAVRA_") || k == "NO_COLOR" || k == "GITHUB_STEP_SUMMARY" {
            c.env_remove(&k);
        }
    }
    c.args([
        "--color",
        "never",
        "--now",
        crate::common::NOW,
        "--evidence",
    ])
    .arg(dir);
    c
}

/// Starts `cavra --evidence DIR [args before serve] serve --listen 127.0.0.1:0 [serve args]`
/// and waits for its `listening on` line.
pub fn start(dir: &Path, global: &[&str], serve_args: &[&str]) -> Running {
    let mut c = process(dir);
    c.args(global)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(serve_args);
    start_command(c)
}

/// Starts a prepared `cavra ... serve` command and waits for its `listening on` line.
pub fn start_command(mut c: Command) -> Running {
    let mut child = c
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cavra serve starts");
    let log = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().expect("stderr");
    let lines = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("listening on http://") {
                let _ = tx.send(rest.trim_end_matches('/').to_owned());
            }
            lines.lock().unwrap().push(line);
        }
    });
    let addr = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(a) => a.parse().expect("an address"),
        Err(_) => {
            let _ = child.kill();
            panic!("serve did not start: {}", log.lock().unwrap().join("\n"));
        }
    };
    Running { child, addr, log }
}

/// One HTTP/1.1 request on its own connection; returns (status, body).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    s.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line: {text:?}")))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

fn post_json(addr: SocketAddr, path: &str, body: &Value) -> std::io::Result<(u16, String)> {
    request(
        addr,
        "POST",
        &format!("{BASE}{path}"),
        &[("Content-Type", "application/json")],
        &body.to_string(),
    )
}

#[test]
fn a_hundred_simultaneous_acknowledgements_leave_a_hundred_files() {
    let dir = copy_tree(&fixture("flow"));
    let server = start(dir.path(), &[], &[]);
    let addr = server.addr;
    // 100 different people (100 different ids), plus 10 identical requests (one id).
    let n = 110;
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let (by, provider) = if i < 100 {
                    (
                        format!("ops-{i:03}"),
                        if i % 2 == 0 { "jira" } else { "servicenow" },
                    )
                } else {
                    ("same-person".to_owned(), "jira")
                };
                let body = json!({"provider": provider, "acknowledged_by": by,
                                  "acknowledgement_state": "acknowledged"});
                barrier.wait();
                post_json(
                    addr,
                    "/recovery-escalations/esc-fixture/acknowledgements",
                    &body,
                )
            })
        })
        .collect();
    let results: Vec<(u16, String)> = handles
        .into_iter()
        .map(|h| h.join().expect("thread").expect("a response"))
        .collect();
    for (status, body) in &results {
        assert_eq!(*status, 200, "{body}\n{}", server.log());
    }
    let names = files_in(dir.path(), "acknowledgements");
    assert_eq!(names.len(), 101, "{names:?}");
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "no temporary file left"
    );
    let mut people = Vec::new();
    for name in &names {
        // A complete stored item.
        let v: Item<Acknowledgement> = read_as(&dir.path().join("acknowledgements").join(name));
        let ack = v.document;
        assert_eq!(format!("{}.json", ack.acknowledgement_id), *name);
        assert_eq!(ack.plan_id, "esc-fixture");
        people.push(ack.acknowledged_by);
    }
    people.sort();
    let mut expected: Vec<String> = (0..100).map(|i| format!("ops-{i:03}")).collect();
    expected.push("same-person".to_owned());
    assert_eq!(people, expected);
    // The server sees all of them, and the folder is valid evidence.
    let (status, body) = request(addr, "GET", &format!("{BASE}/dashboard"), &[], "").unwrap();
    assert_eq!(status, 200);
    let d: Dashboard = serde_json::from_str(&body).unwrap();
    assert_eq!(d.acknowledgement_count, 101);
    let check = cavra(dir.path()).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn sigterm_finishes_the_writes_in_flight_then_exits_0() {
    let dir = copy_tree(&fixture("flow"));
    let mut server = start(dir.path(), &[], &[]);
    let addr = server.addr;
    let n = 20;
    let barrier = Arc::new(Barrier::new(n + 1));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let body = json!({"provider": "jira", "acknowledged_by": format!("late-{i}")});
                barrier.wait();
                post_json(
                    addr,
                    "/recovery-escalations/esc-fixture/acknowledgements",
                    &body,
                )
            })
        })
        .collect();
    barrier.wait();
    std::thread::sleep(Duration::from_millis(20));
    let pid = server.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "serve did not stop: {}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "{}", server.log());
    // Every request answered was answered fully; every answered write is on disk, whole.
    for h in handles {
        if let Ok((code, body)) = h.join().unwrap() {
            assert_eq!(code, 200, "{body}");
            let v: Recording<Acknowledgement> =
                serde_json::from_str(&body).expect("a whole response");
            let id = &v.doc.acknowledgement_id;
            let file = dir.path().join(format!("acknowledgements/{id}.json"));
            let _: Item<Acknowledgement> = read_as(&file);
        }
    }
    for name in files_in(dir.path(), "acknowledgements") {
        assert!(!name.starts_with('.'), "a temporary file was left: {name}");
        // No partial file: every one is a complete stored item.
        let _: Item<Acknowledgement> = read_as(&dir.path().join("acknowledgements").join(&name));
    }
    assert!(server.log().contains("shutting down"), "{}", server.log());
}

#[test]
fn serve_refuses_to_start_without_what_it_needs() {
    let dir = copy_tree(&fixture("flow"));
    let run = |global: &[&str], args: &[&str]| {
        let out = cavra(dir.path())
            .args(global)
            .arg("serve")
            .args(args)
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        (out.status.code(), stderr(&out))
    };
    // Off loopback without a token.
    let (code, err) = run(&[], &["--listen", "0.0.0.0:0"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("cavra: error: refusing to listen on 0.0.0.0:0 without --token-file"),
        "{err}"
    );
    assert!(err.contains("hint: "), "{err}");
    // A token file that is empty, or missing.
    let empty = dir.path().join(".token");
    std::fs::write(&empty, "\n").unwrap();
    let (code, err) = run(&[], &["--token-file", empty.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    let (code, err) = run(&[], &["--token-file", "/nonexistent/token"]);
    assert_eq!(code, Some(4), "{err}");
    // A bad address.
    let (code, err) = run(&[], &["--listen", "localhost"]);
    assert_eq!(code, Some(2), "{err}");
    // A missing evidence folder.
    let (code, err) = run(
        &["--evidence", "/nonexistent/evidence"],
        &["--listen", "127.0.0.1:0"],
    );
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains("no such file or folder"), "{err}");
    // A port already taken.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().to_string();
    let (code, err) = run(&[], &["--listen", &port]);
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains("cannot listen"), "{err}");
}

#[test]
fn a_token_file_guards_writes_over_a_real_socket() {
    let dir = copy_tree(&fixture("flow"));
    let token = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(token.path(), "0123456789abcdef-token\n").unwrap();
    let server = start(
        dir.path(),
        &[],
        &["--token-file", token.path().to_str().unwrap()],
    );
    let path = format!("{BASE}/recovery-escalation-plan");
    let json = [("Content-Type", "application/json")];
    let (status, _) = request(server.addr, "POST", &path, &json, "{}").unwrap();
    assert_eq!(status, 401);
    let (status, body) = request(
        server.addr,
        "POST",
        &path,
        &[json[0], ("Authorization", "Bearer 0123456789abcdef-token")],
        "{}",
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    // Reading needs no token; a foreign Host is refused.
    let (status, _) = request(server.addr, "GET", "/healthz", &[], "").unwrap();
    assert_eq!(status, 200);
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: rebind.example:80\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 403"), "{text}");
}
