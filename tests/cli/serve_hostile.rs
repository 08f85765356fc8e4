//! `cavra serve` against hostile clients and a vanishing evidence folder (issue 8), over real
//! loopback sockets: absolute-form request targets, loose query decoding, the evidence folder
//! moved away or replaced by a file, and idle connections beyond the file-descriptor limit.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{copy_tree, fixture};
use crate::serve::files_in;
use crate::serve_socket::start;

/// The API prefix.
const BASE: &str = "/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery";

/// Sends `head` (request line and headers, without the blank line) and `body` on a new
/// connection; returns (status, body as JSON or Null).
fn raw(addr: SocketAddr, head: &str, body: &str) -> (u16, Value) {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let text = format!(
        "{head}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(text.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let out = String::from_utf8_lossy(&out).into_owned();
    let status = out
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {out:?}"));
    let body = out.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn get(addr: SocketAddr, target: &str) -> (u16, Value) {
    raw(addr, &format!("GET {target} HTTP/1.1\r\nHost: {addr}"), "")
}

fn post(addr: SocketAddr, target: &str, body: &str) -> (u16, Value) {
    raw(
        addr,
        &format!("POST {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json"),
        body,
    )
}

#[test]
fn an_absolute_form_target_must_name_this_server() {
    let dir = copy_tree(&fixture("flow"));
    let server = start(dir.path(), &[], &[]);
    let addr = server.addr;
    // A good Host header does not vouch for another authority in the request line.
    let (status, body) = get(addr, "http://evil.com/healthz");
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "forbidden");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("\"evil.com\""),
        "{body}"
    );
    let plans = files_in(dir.path(), "escalation-plans");
    let (status, _) = post(
        addr,
        &format!("http://evil.com{BASE}/recovery-escalation-plan"),
        "{}",
    );
    assert_eq!(status, 403);
    assert_eq!(
        files_in(dir.path(), "escalation-plans"),
        plans,
        "nothing written"
    );
    // Another scheme, or user info, naming this server: refused too.
    for target in [
        format!("https://{addr}/healthz"),
        format!("http://user@{addr}/healthz"),
    ] {
        assert_eq!(get(addr, &target).0, 403, "{target}");
    }
    // An absolute-form target naming this server is served like its path.
    let (status, body) = get(addr, &format!("http://{addr}/healthz"));
    assert_eq!((status, &body["status"]), (200, &Value::from("ok")));
}

#[test]
fn invalid_utf8_and_control_characters_in_a_query_are_400_and_write_nothing() {
    // The strict decoder of src/serve/query.rs already refuses these (issue 8, defect 6):
    // held here over a real socket, with record=true, so nothing may be written.
    let dir = copy_tree(&fixture("flow"));
    let server = start(dir.path(), &[], &[]);
    for value in ["%ff%fe", "a%00b", "a%0Ab", "%C0%AF", "a%1Bb"] {
        let (status, body) = get(
            server.addr,
            &format!("{BASE}/retry-recovery-report?record=true&generated_by={value}"),
        );
        assert_eq!(status, 400, "{value}: {body}");
        assert_eq!(body["error"]["code"], "bad_request", "{value}");
    }
    assert!(files_in(dir.path(), "reports").is_empty());
}

/// Waits until `f` holds, at most `secs` seconds.
fn eventually(secs: u64, mut f: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn a_vanished_evidence_folder_is_503_never_recreated_and_serving_resumes() {
    let top = tempfile::tempdir().unwrap();
    let ev = top.path().join("evidence");
    crate::common::copy_into(&fixture("flow"), &ev);
    let moved = top.path().join("evidence.moved");
    let server = start(&ev, &[], &[]);
    let addr = server.addr;
    let plan = format!("{BASE}/recovery-escalation-plan");
    let ack = format!("{BASE}/recovery-escalations/esc-fixture/acknowledgements");
    let ack_body = r#"{"provider": "jira", "acknowledged_by": "ops"}"#;
    assert_eq!(get(addr, "/healthz").0, 200);

    std::fs::rename(&ev, &moved).unwrap();
    let refused = |(status, body): (u16, Value)| {
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["error"]["code"], "evidence_unavailable", "{body}");
    };
    refused(get(addr, "/healthz"));
    refused(post(addr, &plan, "{}"));
    refused(post(addr, &ack, ack_body));
    refused(get(
        addr,
        &format!("{BASE}/retry-recovery-report?record=true"),
    ));
    refused(get(addr, &format!("{BASE}/dashboard")));
    assert!(!ev.exists(), "serve never re-creates the evidence folder");

    // The path becomes a regular file: still 503 (not 500), and the file is untouched.
    std::fs::write(&ev, b"not a folder").unwrap();
    refused(post(addr, &ack, ack_body));
    refused(get(addr, "/healthz"));
    assert_eq!(std::fs::read(&ev).unwrap(), b"not a folder");

    // Back: healthy again, and writes go through, by themselves.
    std::fs::remove_file(&ev).unwrap();
    std::fs::rename(&moved, &ev).unwrap();
    assert!(
        eventually(5, || get(addr, "/healthz").0 == 200),
        "{}",
        server.log()
    );
    let (status, body) = post(addr, &ack, ack_body);
    assert_eq!(status, 200, "{body}");
    assert_eq!(files_in(&ev, "acknowledgements").len(), 1);
}

#[cfg(target_os = "linux")]
#[test]
fn idle_connections_beyond_the_open_files_limit_do_not_lock_out_a_new_client() {
    use std::process::Command;
    let dir = copy_tree(&fixture("flow"));
    // `cavra serve` with at most 256 open files, its usual environment and arguments.
    let serve = crate::serve_socket::process(dir.path());
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(r#"ulimit -n 256 && exec "$0" "$@""#)
        .arg(serve.get_program())
        .args(serve.get_args())
        .args(["serve", "--listen", "127.0.0.1:0"]);
    for (k, v) in serve.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    let server = crate::serve_socket::start_command(c);
    let addr = server.addr;
    // 300 connections that never send a byte, all held open by this test.
    let idle: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap())
        .collect();
    // Let the server accept them all (it runs the accept loop as fast as it can).
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    s.write_all(
        format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .unwrap();
    let mut out = Vec::new();
    let read = s.read_to_end(&mut out);
    let took = started.elapsed();
    let text = String::from_utf8_lossy(&out);
    assert!(
        read.is_ok() && text.starts_with("HTTP/1.1 200 "),
        "no answer within 1 s ({took:?}): {read:?} {text:?}\n{}",
        server.log()
    );
    assert!(took < Duration::from_secs(1), "{took:?}");
    eprintln!("healthz with 300 idle connections under ulimit -n 256: {took:?}");
    assert!(
        !server.log().contains("too many open files"),
        "{}",
        server.log()
    );
    drop(idle);
}
