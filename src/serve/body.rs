//! Request bodies (§7): one JSON object, sent as `application/json`, at most 64 KiB, with
//! known fields of the right types.

use axum::body::Body;
use axum::http::{HeaderMap, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// The largest request body accepted (§7).
pub const BODY_LIMIT: usize = 64 * 1024;

/// Reads a JSON object body into `T`, strictly: `application/json` (415), at most 64 KiB
/// (413), an object with known fields of the right types (400).
pub async fn read_json<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Body,
) -> Result<T, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        let mut e = ApiError::unsupported_media_type(if content_type.is_empty() {
            "a POST body must be JSON, sent with Content-Type: application/json".to_owned()
        } else {
            format!("Content-Type {content_type:?} is not application/json")
        });
        e.hint = Some("send the body as JSON with `Content-Type: application/json`".to_owned());
        return Err(e);
    }
    let too_large =
        || ApiError::too_large(format!("the body is larger than {} KiB", BODY_LIMIT / 1024));
    if let Some(len) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        && len > BODY_LIMIT as u64
    {
        return Err(too_large());
    }
    let bytes = match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => return Err(too_large()),
        Err(e) => {
            return Err(ApiError::bad_request(format!(
                "the body could not be read: {e}"
            )));
        }
    };
    parse_json(&bytes)
}

/// Parses a body that must be one JSON object.
fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => {
            return Err(ApiError::bad_request(
                "the body is empty: send a JSON object (`{}` takes every default)",
            ));
        }
        Some(b'{') => {}
        Some(_) => {
            return Err(ApiError::bad_request(
                "the body must be a JSON object (`{...}`)",
            ));
        }
    }
    serde_json::from_slice(bytes).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Data => ApiError::bad_request(format!("bad field in the body: {e}")),
            _ => ApiError::bad_request(format!("the body is not valid JSON: {e}")),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::escalate::Escalate;
    use axum::http::StatusCode;

    #[test]
    fn bodies() {
        let ok: Escalate = parse_json(br#" {"recovery_slo_minutes": 30}"#).unwrap();
        assert_eq!(ok.recovery_slo_minutes, Some(30));
        for bad in [
            &b""[..],
            b"  ",
            b"[]",
            b"{",
            b"{\"recovery_slo_minutes\": -1}",
            b"{\"recovery_slo_minutes\": \"30\"}",
            b"{\"nope\": 1}",
            b"{\"generated_by\": \"a\", \"generated_by\": \"b\"}",
            b"{} {}",
        ] {
            let e = parse_json::<Escalate>(bad).unwrap_err();
            assert_eq!(
                e.status,
                StatusCode::BAD_REQUEST,
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
