//! HTTP errors (§7): `{"error": {"code", "message"}}` with the status each code stands for.
//!
//! The library's [`Error`] carries an [`ErrorKind`]; [`ApiError::from_error`] turns it into a
//! status and a code, and renames the command line's option names in its message to the
//! request's field names (`--by` → `acknowledged_by`), so a message names what the client
//! sent. Bad input never becomes a 500: only [`ErrorKind::Io`] does, which the library uses
//! for real file-system failures on the server's side.

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Value, json};

use crate::error::{Error, ErrorKind};
use crate::problem::Problem;

/// An error response.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    /// More members of the `error` object (`rule`, `pointer`, `problems`).
    pub extra: Vec<(&'static str, Value)>,
    /// Headers of the response (`WWW-Authenticate`, `Allow`, problem counts).
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

/// How the command line's option names read in a request: (option, field).
pub type Names = &'static [(&'static str, &'static str)];

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            hint: None,
            extra: Vec::new(),
            headers: Vec::new(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message).header(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"cavra\""),
        )
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn too_large(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
    }

    pub fn unsupported_media_type(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }

    /// A server-side failure (the only 500).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", message)
    }

    /// 409: a document derived from the whole evidence is not recorded over evidence with
    /// problems (§4); the problems are listed.
    pub fn evidence_problems(what: &str, problems: &[&Problem]) -> ApiError {
        let shown: Vec<String> = problems.iter().take(5).map(|p| p.line()).collect();
        let more = problems.len().saturating_sub(shown.len());
        let mut message = format!(
            "not recorded: the evidence has {} problem(s), and a {what} derived from it is not recorded: {}",
            problems.len(),
            shown.join("; ")
        );
        if more > 0 {
            message.push_str(&format!(" (and {more} more)"));
        }
        let list: Vec<Value> = problems
            .iter()
            .map(|p| json!({"place": p.place, "rule": p.rule.as_str(), "message": p.message}))
            .collect();
        let mut e = ApiError::new(StatusCode::CONFLICT, "conflict", message);
        e.hint = Some(
            "fix or exclude the files listed (`cavra check` shows them), then try again".to_owned(),
        );
        e.extra.push(("problems", Value::Array(list)));
        e
    }

    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> ApiError {
        self.headers.push((name, value));
        self
    }

    /// The library's error as a response, with option names renamed to field names.
    pub fn from_error(e: Error, names: Names) -> ApiError {
        let message = rename(&e.message, names);
        let hint = e.hint.as_deref().map(|h| rename(h, names));
        let (status, code) = match e.kind {
            ErrorKind::Usage | ErrorKind::Invalid => (StatusCode::BAD_REQUEST, "bad_request"),
            ErrorKind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ErrorKind::Conflict => (StatusCode::CONFLICT, "conflict"),
            ErrorKind::PublicSafe => (StatusCode::UNPROCESSABLE_ENTITY, "public_safe_violation"),
            ErrorKind::Io => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
        };
        if e.kind == ErrorKind::Io {
            eprintln!("cavra: error: {}", e.message);
        }
        let mut out = ApiError::new(status, code, message);
        out.hint = hint;
        if e.kind == ErrorKind::PublicSafe
            && let Some((rule, pointer)) = rule_and_pointer(&out.message)
        {
            out.extra.push(("rule", Value::String(rule)));
            out.extra.push(("pointer", Value::String(pointer)));
        }
        out
    }

    /// The JSON body, members in the order `code`, `message`, `hint`, then the others.
    pub fn body(&self) -> Value {
        serde_json::from_slice(&self.body_bytes()).unwrap_or(Value::Null)
    }

    fn body_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&Body(self)).unwrap_or_default()
    }
}

/// `{"error": {...}}` with its members in a fixed order.
struct Body<'a>(&'a ApiError);

struct Inner<'a>(&'a ApiError);

impl Serialize for Body<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("error", &Inner(self.0))?;
        m.end()
    }
}

impl Serialize for Inner<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", e.code)?;
        m.serialize_entry("message", &e.message)?;
        if let Some(h) = &e.hint {
            m.serialize_entry("hint", h)?;
        }
        for (k, v) in &e.extra {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body_bytes();
        let mut res = (self.status, body).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        for (k, v) in self.headers {
            h.insert(k, v);
        }
        res
    }
}

/// Renames whole option tokens (`--by`, not `--by-x`) to field names.
fn rename(text: &str, names: Names) -> String {
    let mut out = text.to_owned();
    for (option, field) in names {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find(option) {
            let after = &rest[at + option.len()..];
            let whole = !after
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            result.push_str(&rest[..at]);
            result.push_str(if whole { field } else { option });
            rest = after;
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// The rule and JSON pointer of a public-safe message: `<field> breaks public-safe rule
/// PS00N: …` (an input) or `not written: <path>#<pointer>: PS00N: …` (the stored item).
fn rule_and_pointer(message: &str) -> Option<(String, String)> {
    if let Some(at) = message.find(" breaks public-safe rule ") {
        let field = &message[..at];
        let rule = message[at + " breaks public-safe rule ".len()..]
            .split(':')
            .next()?
            .trim();
        return Some((rule.to_owned(), format!("/{}", field.replace('.', "/"))));
    }
    let rest = message.strip_prefix("not written: ")?;
    let hash = rest.find('#')?;
    let after = &rest[hash + 1..];
    let colon = after.find(": ")?;
    let pointer = &after[..colon];
    let rule = after[colon + 2..].split(':').next()?.trim();
    Some((rule.to_owned(), pointer.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: Names = &[("--by", "acknowledged_by"), ("--notes", "notes")];

    #[test]
    fn options_become_fields() {
        assert_eq!(
            rename("--by must not be empty; see --by-x and --notes.", NAMES),
            "acknowledged_by must not be empty; see --by-x and notes."
        );
    }

    #[test]
    fn statuses_and_codes() {
        let cases = [
            (ErrorKind::Usage, 400, "bad_request"),
            (ErrorKind::Invalid, 400, "bad_request"),
            (ErrorKind::NotFound, 404, "not_found"),
            (ErrorKind::Conflict, 409, "conflict"),
            (ErrorKind::PublicSafe, 422, "public_safe_violation"),
        ];
        for (kind, status, code) in cases {
            let e = ApiError::from_error(Error::new(kind, "x"), NAMES);
            assert_eq!((e.status.as_u16(), e.code), (status, code));
        }
    }

    #[test]
    fn public_safe_rule_and_pointer() {
        let e = ApiError::from_error(
            Error::new(
                ErrorKind::PublicSafe,
                "--notes breaks public-safe rule PS003: a private URL; nothing was written",
            ),
            NAMES,
        );
        let body = e.body();
        assert_eq!(body["error"]["rule"], "PS003");
        assert_eq!(body["error"]["pointer"], "/notes");
        assert_eq!(
            rule_and_pointer("not written: /x/a.json#/doc/notes: PS004: too long"),
            Some(("PS004".to_owned(), "/doc/notes".to_owned()))
        );
        assert_eq!(
            rule_and_pointer("schedule.cadence breaks public-safe rule PS002: token"),
            Some(("PS002".to_owned(), "/schedule/cadence".to_owned()))
        );
    }
}
