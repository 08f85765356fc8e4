//! The Evidence Console: one self-contained page (`GET /`), its HTML, CSS and JavaScript
//! compiled into the binary. No external asset, no CDN, no framework.
//!
//! The page is served with a Content-Security-Policy that allows exactly its own inline
//! style and script (by SHA-256) and same-origin fetches, and nothing else: no other
//! script, no frames, no form posts elsewhere.

use std::sync::LazyLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

const HTML: &str = include_str!("index.html");
const CSS: &str = include_str!("console.css");
const JS: &str = include_str!("console.js");

/// The page and its Content-Security-Policy, built once.
static PAGE: LazyLock<(String, String)> = LazyLock::new(|| {
    let page = HTML.replacen("@@CSS@@", CSS, 1).replacen("@@JS@@", JS, 1);
    let csp = format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; connect-src 'self'; img-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        sha256_source(CSS),
        sha256_source(JS)
    );
    (page, csp)
});

/// The page.
pub fn page() -> &'static str {
    &PAGE.0
}

/// `GET /`.
pub fn response() -> Response {
    let (page, csp) = &*PAGE;
    let mut res = (StatusCode::OK, page.as_str()).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res
}

/// `sha256-<base64>` of a text, as CSP names an inline element.
fn sha256_source(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_known_values() {
        // RFC 4648 §10 test vectors.
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), output);
        }
    }

    #[test]
    fn the_page_is_self_contained() {
        let p = page();
        assert!(!p.contains("@@CSS@@") && !p.contains("@@JS@@"));
        for external in ["http://", "https://", "src=", "<link", "@import"] {
            // The only URL in the page is the SVG namespace, which is a name, not a fetch.
            let count = p.matches(external).count();
            let allowed = if external == "http://" { 1 } else { 0 };
            assert_eq!(count, allowed, "{external} appears {count} times");
        }
        for control in [
            "Ack Recovery Escalation",
            "Plan Escalation Retry",
            "Schedule Executive Report",
            "Retry Recovery SLO",
            "aria-live",
        ] {
            assert!(p.contains(control), "{control}");
        }
    }
}
