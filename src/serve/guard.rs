//! What every request passes before a handler runs, and what every write passes (§7,
//! security).
//!
//! - Every request: its `Host` (and the authority of an absolute-form target such as
//!   `GET http://host/x`) must be the listen address, or `localhost`, `127.0.0.1` or
//!   `[::1]` with the listen port (so a DNS-rebinding page cannot talk to the server), and an
//!   `Origin`, when present, must be the console's own (`http://` + that host), so another
//!   site cannot make a browser write through it. Otherwise 403.
//! - Every write (a POST, or `record=true`): refused with 403 under `--read-only`; with a
//!   token (required off loopback), `Authorization: Bearer <token>` must match it, compared
//!   in constant time. Otherwise 401.
//! - Every response carries `nosniff`, `no-referrer` and `DENY` framing headers.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;

use super::error::ApiError;
use super::state::App;

/// The header that counts the evidence's problems (§7), on every response.
pub const PROBLEMS_HEADER: &str = "x-cavra-evidence-problems";

/// Refuses requests whose `Host` or `Origin` is not this server's own; adds the headers
/// every response carries.
pub async fn host_and_origin(State(app): State<App>, req: Request, next: Next) -> Response {
    let checked =
        check_target(&app, req.uri()).and_then(|()| check_host_and_origin(&app, req.headers()));
    if let Err(e) = checked {
        return with_common_headers(e.into_response());
    }
    let mut res = with_common_headers(next.run(req).await);
    // §7: every response over evidence with problems says how many, error responses
    // included (handlers that answered from a snapshot have set it already).
    let h = res.headers_mut();
    if !h.contains_key(PROBLEMS_HEADER) {
        let n = app.current().problem_count();
        if n > 0 {
            h.insert(
                axum::http::HeaderName::from_static(PROBLEMS_HEADER),
                HeaderValue::from(n),
            );
        }
    }
    res
}

fn with_common_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// The `Host` rule applied to an absolute-form request target (`GET http://evil.com/x
/// HTTP/1.1`, RFC 9112 §3.2.2), whose authority a server must prefer to the `Host` header:
/// it must name this server too, with the `http` scheme. An origin-form target (`/x`) has no
/// authority and passes.
pub fn check_target(app: &App, uri: &axum::http::Uri) -> Result<(), ApiError> {
    let Some(authority) = uri.authority() else {
        return Ok(());
    };
    let named = authority.as_str().to_ascii_lowercase();
    let scheme_ok = uri
        .scheme_str()
        .is_none_or(|s| s.eq_ignore_ascii_case("http"));
    if scheme_ok && app.allowed_hosts.contains(&named) {
        return Ok(());
    }
    let mut e = ApiError::forbidden(format!(
        "the request target names {named:?}, which is not this server: requests must name {} (protection against DNS rebinding and proxy abuse)",
        app.allowed_hosts.join(", ")
    ));
    e.hint = Some("send the path alone as the request target (GET /healthz HTTP/1.1)".to_owned());
    Err(e)
}

/// The `Host` and `Origin` rules.
pub fn check_host_and_origin(app: &App, headers: &HeaderMap) -> Result<(), ApiError> {
    let mut hosts = headers.get_all(header::HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return Err(ApiError::forbidden(
            "the request needs exactly one Host header naming this server",
        ));
    };
    let host = host.to_str().unwrap_or("").to_ascii_lowercase();
    if !app.allowed_hosts.contains(&host) {
        let port = app.config.listen.port();
        let mut e = ApiError::forbidden(format!(
            "Host {host:?} is not this server: requests must name {} (protection against DNS rebinding)",
            app.allowed_hosts.join(", ")
        ));
        e.hint = Some(format!(
            "open http://localhost:{port}/ or http://{}/",
            app.allowed_hosts[0]
        ));
        return Err(e);
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("").to_ascii_lowercase();
        let own = format!("http://{host}");
        if origin != own {
            return Err(ApiError::forbidden(format!(
                "cross-origin request refused: Origin {origin:?} is not the console's own origin {own:?}"
            )));
        }
    }
    Ok(())
}

/// The write rules: `--read-only`, then the bearer token.
pub fn may_write(app: &App, headers: &HeaderMap) -> Result<(), ApiError> {
    if app.config.read_only {
        let mut e =
            ApiError::forbidden("this server is read-only (--read-only): writes are refused");
        e.hint = Some("restart cavra serve without --read-only to record evidence".to_owned());
        return Err(e);
    }
    let Some(token) = &app.config.token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
        });
    match given {
        None => {
            let mut e = ApiError::unauthorized("this write needs `Authorization: Bearer <token>`");
            e.hint = Some(
                "send the first line of the server's --token-file as a bearer token".to_owned(),
            );
            Err(e)
        }
        Some(t) if same(t.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::unauthorized("the bearer token does not match")),
    }
}

/// The largest token file read (a token is one line; 64 KiB is far more than any).
const TOKEN_FILE_LIMIT: u64 = 64 * 1024;

/// Compares in constant time (subtle): never faster where the bytes differ early.
fn same(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}

/// The token of `--token-file`: its first line, without trailing white space. An unreadable
/// file is an I/O error (exit 4); an empty first line a usage error (exit 2).
pub fn read_token(path: &Path) -> Result<String, Error> {
    let bytes = crate::store::read_small(path, TOKEN_FILE_LIMIT).map_err(|e| {
        e.with_hint("--token-file names a small file whose first line is the token")
    })?;
    token_of(path, &bytes)
}

/// The token in a token file's bytes.
fn token_of(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let token = text.lines().next().unwrap_or("").trim();
    if token.is_empty() {
        return Err(Error::usage(format!(
            "{}: the first line is empty; it must hold the bearer token",
            path.display()
        ))
        .with_hint(
            "write a long random token on the first line, e.g. `openssl rand -hex 32 > token`",
        ));
    }
    if token.chars().any(|c| c.is_control() || c == ' ') {
        return Err(Error::usage(format!(
            "{}: the token holds spaces or control characters",
            path.display()
        ))
        .with_hint(
            "use letters, digits and punctuation only, e.g. `openssl rand -hex 32 > token`",
        ));
    }
    Ok(token.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_equality() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
        assert!(!same(b"", b"a"));
        assert!(same(b"", b""));
    }

    #[test]
    fn token_files() {
        let f = Path::new("token");
        assert_eq!(
            token_of(f, b"\xEF\xBB\xBFs3cr3t-value\r\nsecond line\n").unwrap(),
            "s3cr3t-value"
        );
        assert_eq!(token_of(f, b"\nx\n").unwrap_err().exit_code(), 2);
        assert_eq!(token_of(f, b"a b\n").unwrap_err().exit_code(), 2);
        assert_eq!(
            read_token(Path::new("/nonexistent/token"))
                .unwrap_err()
                .exit_code(),
            4
        );
        // Not a regular file: refused before reading, so /dev/zero cannot fill memory.
        let e = read_token(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.exit_code(), 4);
        assert!(e.to_string().ends_with("not a regular file"), "{e}");
    }
}
