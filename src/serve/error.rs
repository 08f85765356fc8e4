//! HTTP errors (§7): `{"error": {"code", "message"}}` with the status each code stands for.
//!
//! The library's [`Error`] is typed: [`ApiError::from_error`] picks the status and code by
//! variant, renders the message for HTTP clients (fields by their request names:
//! `acknowledged_by`, not `--by`) and adds the public-safe `rule` and JSON `pointer` from the
//! variant itself; no message text is parsed. Bad input never becomes a 500: only I/O and
//! internal errors do, which are failures on the server's side.

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Value, json};

use crate::error::{Error, Face};
use crate::problem::Problem;

/// The code of a 503 while the evidence folder is missing or not a folder.
pub const EVIDENCE_UNAVAILABLE: &str = "evidence_unavailable";

/// The code of a 503 when the server holds as many connections as it serves.
pub const OVERLOADED: &str = "overloaded";

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

    /// The library's error as a response.
    pub fn from_error(e: Error) -> ApiError {
        let (status, code) = match &e {
            Error::Usage { .. } | Error::Invalid { .. } => (StatusCode::BAD_REQUEST, "bad_request"),
            Error::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Error::Conflict { .. } => (StatusCode::CONFLICT, "conflict"),
            Error::InputUnsafe { .. } | Error::RecordUnsafe { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "public_safe_violation")
            }
            Error::Unavailable { .. } => (StatusCode::SERVICE_UNAVAILABLE, EVIDENCE_UNAVAILABLE),
            Error::Io { .. } | Error::Internal { .. } => {
                crate::output::print_error(&e);
                (StatusCode::INTERNAL_SERVER_ERROR, "internal_error")
            }
        };
        let mut out = ApiError::new(status, code, e.message(Face::Http));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            out = out.header(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        out.hint = e.hint(Face::Http);
        if let Some((rule, pointer)) = e.rule_and_pointer() {
            out.extra.push(("rule", Value::String(rule.to_owned())));
            out.extra.push(("pointer", Value::String(pointer)));
        }
        out
    }

    /// The JSON body, members in the order `code`, `message`, `hint`, then the others.
    pub fn body(&self) -> Value {
        serde_json::from_slice(&self.body_bytes()).unwrap_or(Value::Null)
    }

    fn body_bytes(&self) -> Vec<u8> {
        // A map of strings and JSON values: writing it into memory cannot fail; should it
        // ever, the client still gets a JSON body.
        serde_json::to_vec(&Body(self)).unwrap_or_else(|_| {
            br#"{"error":{"code":"internal_error","message":"the error could not be written"}}"#
                .to_vec()
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::test_fields::{BY, CADENCE};

    #[test]
    fn fields_are_named_as_requests_name_them() {
        let e = ApiError::from_error(Error::usage_of(BY, "must not be empty"));
        assert_eq!(e.message, "acknowledged_by must not be empty");
        assert_eq!((e.status.as_u16(), e.code), (400, "bad_request"));
    }

    #[test]
    fn statuses_and_codes() {
        let path = std::path::Path::new("/e/plans/x.json");
        let cases = [
            (Error::usage("x"), 400, "bad_request"),
            (Error::invalid("x"), 400, "bad_request"),
            (Error::not_found("p", "x"), 404, "not_found"),
            (Error::conflict(path, "x"), 409, "conflict"),
            (Error::io_msg(path, "x"), 500, "internal_error"),
            (Error::internal("x"), 500, "internal_error"),
        ];
        for (e, status, code) in cases {
            let e = ApiError::from_error(e);
            assert_eq!((e.status.as_u16(), e.code), (status, code));
        }
    }

    #[test]
    fn public_safe_rule_and_pointer() {
        let e = ApiError::from_error(Error::InputUnsafe {
            field: CADENCE,
            rule: "PS002",
            reason: "a token".to_owned(),
            hint: "remove it".to_owned(),
        });
        assert_eq!(e.status.as_u16(), 422);
        let body = e.body();
        assert_eq!(body["error"]["rule"], "PS002");
        assert_eq!(body["error"]["pointer"], "/schedule/cadence");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("schedule.cadence breaks public-safe rule PS002")
        );
        // An evidence path with '#' keeps the pointer whole: it comes from the variant.
        let e = ApiError::from_error(Error::RecordUnsafe {
            path: "/srv/ev#1/plans/x.json".to_owned(),
            pointer: "/plan/notes".to_owned(),
            rule: "PS004",
            reason: "too long".to_owned(),
            hint: String::new(),
        });
        assert_eq!(e.body()["error"]["pointer"], "/plan/notes");
    }
}
