//! The routes of §7 and their handlers.
//!
//! Each handler turns the request into the operation's serde `Input` (query or JSON body),
//! checks it before any file access, and calls the very same `execute` as the command line
//! on a blocking thread, over the current evidence snapshot. GET views are cached (see
//! [`super::state`]); writes are never cached and, once a file is written, make the next
//! request read the folder again.
//!
//! Order of checks: `Host`/`Origin` (403, every request) → write permission (403 read-only,
//! 401 token) → `Content-Type` (415) → body size (413) → JSON and fields (400) → inputs and
//! references (400, 404, 422) → the operation (409 over evidence with problems).

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::ser::{SerializeMap, Serializer};

use crate::commands::env::{Env, Recording};
use crate::commands::report::Recorded;
use crate::commands::{
    ack, close, dashboard, escalate, executive, report, retry_plan, schedule_run,
};
use crate::error::Error;
use crate::report::retry::effective_slo;
use crate::report::stored::Document;

use super::error::{ApiError, Names};
use super::state::{App, DEFAULT_LABEL, Snapshot, View};
use super::{console, guard, metrics};

/// Where the API lives: the original system's paths (§7).
pub const BASE: &str =
    "/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery";

/// The largest request body accepted (§7).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The header that counts the evidence's problems (§7).
pub const PROBLEMS_HEADER: &str = "x-cavra-evidence-problems";
/// What a write did: `written`, `unchanged` (or `refused`).
pub const RECORDED_HEADER: &str = "x-cavra-recorded";
/// The file a write wrote or found, relative to the evidence folder.
pub const RECORD_PATH_HEADER: &str = "x-cavra-record-path";

const REPORT_NAMES: Names = &[
    ("--generated-by", "generated_by"),
    ("--slo-minutes", "recovery_slo_minutes"),
];
const ACK_NAMES: Names = &[
    ("--provider", "provider"),
    ("--by", "acknowledged_by"),
    ("--state", "acknowledgement_state"),
    ("--external-ref", "external_ref"),
    ("--notes", "notes"),
    ("--reason", "escalation_reason"),
];
const CLOSE_NAMES: Names = &[
    ("--provider", "provider"),
    ("--by", "closed_by"),
    ("--state", "closure_state"),
    ("--external-ref", "external_ref"),
    ("--notes", "notes"),
    ("--verification-ref", "verification_refs"),
];
const RETRY_NAMES: Names = &[
    ("--generated-by", "generated_by"),
    ("--max-attempts", "retry_policy.max_retry_attempts"),
    ("--delay-minutes", "retry_policy.retry_delay_minutes"),
    ("--backoff", "retry_policy.backoff_multiplier"),
    ("--allow-immediate", "retry_policy.allow_immediate_retry"),
];
const SCHEDULE_NAMES: Names = &[
    ("--generated-by", "generated_by"),
    ("--slo-minutes", "recovery_slo_minutes"),
    ("--cadence", "schedule.cadence"),
    ("--interval-minutes", "schedule.interval_minutes"),
    ("--disabled", "schedule.enabled"),
];

/// The router of one server.
pub fn router(app: App) -> Router {
    let at = |path: &str| format!("{BASE}{path}");
    Router::new()
        .route("/", get(console_page))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .route(&at("/retry-recovery-report"), get(report_get))
        .route(&at("/recovery-escalation-plan"), post(escalate_post))
        .route(
            &at("/recovery-escalations/{plan_id}/acknowledgements"),
            post(ack_post),
        )
        .route(
            &at("/recovery-escalations/retry-plan"),
            post(retry_plan_post),
        )
        .route(&at("/recovery-executive-report"), get(executive_get))
        .route(
            &at("/recovery-executive-report/schedule-run"),
            post(schedule_run_post),
        )
        .route(
            &at("/connector-recovery-playbooks/{playbook_id}/closures"),
            post(close_post),
        )
        .route(&at("/dashboard"), get(dashboard_get))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            app.clone(),
            guard::host_and_origin,
        ))
        .with_state(app)
}

// ---------------------------------------------------------------------------------------
// Request parsing

/// The query of the GET views. An empty value counts as absent; an unknown or repeated
/// parameter is a 400.
#[derive(Debug, Default)]
struct Query {
    slo: Option<u64>,
    label: Option<String>,
    record: bool,
}

impl Query {
    fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Query, ApiError> {
        let mut q = Query::default();
        let mut seen: Vec<String> = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                return Err(ApiError::bad_request(format!(
                    "unknown query parameter {k:?}: this endpoint takes {}",
                    allowed.join(", ")
                )));
            }
            if seen.iter().any(|s| *s == k) {
                return Err(ApiError::bad_request(format!(
                    "query parameter {k:?} is given more than once"
                )));
            }
            seen.push(k.to_string());
            if v.is_empty() {
                continue;
            }
            match k.as_ref() {
                "recovery_slo_minutes" => {
                    q.slo = Some(v.parse().map_err(|_| {
                        let mut e = ApiError::bad_request(format!(
                            "recovery_slo_minutes {v:?} is not a whole number of minutes"
                        ));
                        e.hint =
                            Some("give 0 or more minutes (0 means the default, 240)".to_owned());
                        e
                    })?)
                }
                "generated_by" => q.label = Some(v.into_owned()),
                "record" => {
                    q.record = match v.as_ref() {
                        "true" => true,
                        "false" => false,
                        other => {
                            return Err(ApiError::bad_request(format!(
                                "record {other:?} is neither true nor false"
                            )));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(q)
    }

    /// The effective label of a view (for the cache key).
    fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(DEFAULT_LABEL)
    }
}

/// Reads a JSON object body into `T`, strictly: `application/json` (415), at most 64 KiB
/// (413), an object with known fields of the right types (400).
async fn read_json<T: DeserializeOwned>(headers: &HeaderMap, body: Body) -> Result<T, ApiError> {
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

/// A path parameter, or a 400 when it cannot be read.
fn path_param(p: Result<UrlPath<String>, PathRejection>) -> Result<String, ApiError> {
    p.map(|UrlPath(s)| s)
        .map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())))
}

// ---------------------------------------------------------------------------------------
// Responses

/// `{<key>: document, metadata: stored item}` (§7): the operation's output without its
/// `recorded` status, which goes into headers.
struct DocBody<'a, D: Document>(&'a Recording<D>);

impl<D: Document> Serialize for DocBody<'_, D> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(self.0.key, &self.0.document)?;
        m.serialize_entry("metadata", &self.0.document.stored())?;
        m.end()
    }
}

/// `{run, metadata, report_metadata}` of a schedule run.
struct RunBody<'a>(&'a schedule_run::Output);

impl Serialize for RunBody<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("run", &self.0.run)?;
        m.serialize_entry("metadata", &self.0.metadata)?;
        m.serialize_entry("report_metadata", &self.0.report_metadata)?;
        m.end()
    }
}

fn to_bytes<T: Serialize>(value: &T) -> Result<Bytes, ApiError> {
    serde_json::to_vec(value)
        .map(Bytes::from)
        .map_err(|e| ApiError::internal(format!("the response could not be written: {e}")))
}

/// A 200 JSON response over `snapshot`.
fn json_ok(bytes: Bytes, snapshot: &Snapshot) -> Response {
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    problems_header(h, snapshot);
    res
}

fn problems_header(h: &mut HeaderMap, snapshot: &Snapshot) {
    let n = snapshot.problem_count();
    if n > 0 {
        h.insert(
            HeaderName::from_static(PROBLEMS_HEADER),
            HeaderValue::from(n),
        );
    }
}

/// Adds what a write did: `X-Cavra-Recorded` and `X-Cavra-Record-Path` (relative).
fn recorded_headers(res: &mut Response, recorded: &Recorded, root: &Path) {
    let h = res.headers_mut();
    h.insert(
        HeaderName::from_static(RECORDED_HEADER),
        HeaderValue::from_static(recorded.status()),
    );
    let rel = recorded
        .path()
        .strip_prefix(root)
        .unwrap_or(recorded.path());
    let rel: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Ok(v) = HeaderValue::from_str(&rel.join("/")) {
        h.insert(HeaderName::from_static(RECORD_PATH_HEADER), v);
    }
}

// ---------------------------------------------------------------------------------------
// Writes

/// What a write reports about its files.
trait Wrote {
    fn records(&self) -> Vec<&Recorded>;
}

impl<D: Document> Wrote for Recording<D> {
    fn records(&self) -> Vec<&Recorded> {
        self.recorded.iter().collect()
    }
}

impl Wrote for schedule_run::Output {
    fn records(&self) -> Vec<&Recorded> {
        std::iter::once(&self.recorded)
            .chain(self.report_recorded.iter())
            .collect()
    }
}

/// Runs a write over a fresh snapshot. A written file makes the next request read the
/// folder again; a document refused over evidence with problems is a 409 listing them.
async fn write<O, F>(
    app: &App,
    names: Names,
    what: &str,
    f: F,
) -> Result<(O, Arc<Snapshot>), ApiError>
where
    O: Wrote + Send + 'static,
    F: FnOnce(&Env<'_>) -> Result<O, Error> + Send + 'static,
{
    let snapshot = app.fresh().await?;
    let out = app
        .blocking(snapshot.clone(), app.now(), f)
        .await?
        .map_err(|e| {
            let mut e = ApiError::from_error(e, names);
            let n = snapshot.problem_count();
            if n > 0 {
                e.headers.push((
                    HeaderName::from_static(PROBLEMS_HEADER),
                    HeaderValue::from(n),
                ));
            }
            e
        })?;
    let records = out.records();
    if records.iter().any(|r| matches!(r, Recorded::Written(_))) {
        app.wrote();
    }
    if records.iter().any(|r| matches!(r, Recorded::Refused(_))) {
        let mut e = ApiError::evidence_problems(what, &snapshot.problems());
        e.headers.push((
            HeaderName::from_static(PROBLEMS_HEADER),
            HeaderValue::from(snapshot.problem_count()),
        ));
        return Err(e);
    }
    Ok((out, snapshot))
}

/// The response of a recording operation.
fn recording_response<D: Document>(
    app: &App,
    out: &Recording<D>,
    snapshot: &Snapshot,
) -> Result<Response, ApiError> {
    let mut res = json_ok(to_bytes(&DocBody(out))?, snapshot);
    if let Some(r) = &out.recorded {
        recorded_headers(&mut res, r, &app.config.root);
    }
    Ok(res)
}

async fn escalate_post(
    State(app): State<App>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    guard::may_write(&app, &headers)?;
    let input: escalate::Input = read_json(&headers, body).await?;
    input
        .check()
        .map_err(|e| ApiError::from_error(e, REPORT_NAMES))?;
    let (out, snap) = write(&app, REPORT_NAMES, "recovery escalation plan", move |env| {
        escalate::execute(env, &input)
    })
    .await?;
    recording_response(&app, &out, &snap)
}

async fn ack_post(
    State(app): State<App>,
    plan_id: Result<UrlPath<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let plan_id = path_param(plan_id)?;
    guard::may_write(&app, &headers)?;
    let mut input: ack::Input = read_json(&headers, body).await?;
    if !input.plan_id.is_empty() {
        return Err(ApiError::bad_request(
            "bad field in the body: plan_id is taken from the path, not the body",
        ));
    }
    input.plan_id = plan_id;
    // The plan id is checked here, before any file access.
    input
        .check()
        .map_err(|e| ApiError::from_error(e, ACK_NAMES))?;
    let (out, snap) = write(&app, ACK_NAMES, "acknowledgement", move |env| {
        ack::execute(env, &input)
    })
    .await?;
    recording_response(&app, &out, &snap)
}

async fn close_post(
    State(app): State<App>,
    playbook_id: Result<UrlPath<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let playbook_id = path_param(playbook_id)?;
    guard::may_write(&app, &headers)?;
    let mut input: close::Input = read_json(&headers, body).await?;
    if !input.playbook_id.is_empty() {
        return Err(ApiError::bad_request(
            "bad field in the body: playbook_id is taken from the path, not the body",
        ));
    }
    input.playbook_id = playbook_id;
    input
        .check()
        .map_err(|e| ApiError::from_error(e, CLOSE_NAMES))?;
    let (out, snap) = write(&app, CLOSE_NAMES, "closure", move |env| {
        close::execute(env, &input)
    })
    .await?;
    recording_response(&app, &out, &snap)
}

async fn retry_plan_post(
    State(app): State<App>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    guard::may_write(&app, &headers)?;
    let input: retry_plan::Input = read_json(&headers, body).await?;
    input
        .check()
        .map_err(|e| ApiError::from_error(e, RETRY_NAMES))?;
    let (out, snap) = write(&app, RETRY_NAMES, "retry plan", move |env| {
        retry_plan::execute(env, &input)
    })
    .await?;
    recording_response(&app, &out, &snap)
}

async fn schedule_run_post(
    State(app): State<App>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    guard::may_write(&app, &headers)?;
    let input: schedule_run::Input = read_json(&headers, body).await?;
    input
        .check()
        .map_err(|e| ApiError::from_error(e, SCHEDULE_NAMES))?;
    let (out, snap) = write(
        &app,
        SCHEDULE_NAMES,
        "scheduled executive report run",
        move |env| schedule_run::execute(env, &input),
    )
    .await?;
    let mut res = json_ok(to_bytes(&RunBody(&out))?, &snap);
    recorded_headers(&mut res, &out.recorded, &app.config.root);
    Ok(res)
}

// ---------------------------------------------------------------------------------------
// Views

async fn report_get(
    State(app): State<App>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let q = Query::parse(
        uri.query(),
        &["recovery_slo_minutes", "generated_by", "record"],
    )?;
    if q.record {
        guard::may_write(&app, &headers)?;
    }
    let input = report::Input {
        recovery_slo_minutes: q.slo,
        generated_by: q.label.clone(),
        record: q.record,
    };
    input
        .check()
        .map_err(|e| ApiError::from_error(e, REPORT_NAMES))?;
    if input.record {
        let (out, snap) = write(&app, REPORT_NAMES, "retry recovery report", move |env| {
            report::execute(env, &input)
        })
        .await?;
        return recording_response(&app, &out, &snap);
    }
    let snap = app.fresh().await?;
    let bytes = app
        .cached(
            &snap,
            app.now(),
            View::Report,
            effective_slo(q.slo),
            q.label(),
            move |env| {
                let out = report::execute(env, &input)
                    .map_err(|e| ApiError::from_error(e, REPORT_NAMES))?;
                to_bytes(&DocBody(&out))
            },
        )
        .await?;
    Ok(json_ok(bytes, &snap))
}

async fn executive_get(
    State(app): State<App>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let q = Query::parse(
        uri.query(),
        &["recovery_slo_minutes", "generated_by", "record"],
    )?;
    if q.record {
        guard::may_write(&app, &headers)?;
    }
    let input = executive::Input {
        recovery_slo_minutes: q.slo,
        generated_by: q.label.clone(),
        record: q.record,
    };
    input
        .check()
        .map_err(|e| ApiError::from_error(e, REPORT_NAMES))?;
    if input.record {
        let (out, snap) = write(
            &app,
            REPORT_NAMES,
            "recovery executive report",
            move |env| executive::execute(env, &input),
        )
        .await?;
        return recording_response(&app, &out, &snap);
    }
    let snap = app.fresh().await?;
    let bytes = app
        .cached(
            &snap,
            app.now(),
            View::Executive,
            effective_slo(q.slo),
            q.label(),
            move |env| {
                let out = executive::execute(env, &input)
                    .map_err(|e| ApiError::from_error(e, REPORT_NAMES))?;
                to_bytes(&DocBody(&out))
            },
        )
        .await?;
    Ok(json_ok(bytes, &snap))
}

async fn dashboard_get(State(app): State<App>, uri: Uri) -> Result<Response, ApiError> {
    let q = Query::parse(uri.query(), &["recovery_slo_minutes", "generated_by"])?;
    let input = dashboard::Input {
        recovery_slo_minutes: q.slo,
        generated_by: q.label.clone(),
    };
    input
        .check()
        .map_err(|e| ApiError::from_error(e, REPORT_NAMES))?;
    let snap = app.fresh().await?;
    let bytes = app
        .cached(
            &snap,
            app.now(),
            View::Dashboard,
            effective_slo(q.slo),
            q.label(),
            move |env| {
                let d = dashboard::execute(env, &input)
                    .map_err(|e| ApiError::from_error(e, REPORT_NAMES))?;
                to_bytes(&d)
            },
        )
        .await?;
    Ok(json_ok(bytes, &snap))
}

async fn healthz(State(app): State<App>) -> Result<Response, ApiError> {
    let snap = app.fresh().await?;
    #[derive(Serialize)]
    struct Health {
        status: &'static str,
        evidence_problems: usize,
    }
    let body = Health {
        status: "ok",
        evidence_problems: snap.problem_count(),
    };
    Ok(json_ok(to_bytes(&body)?, &snap))
}

async fn metrics_text(State(app): State<App>) -> Result<Response, ApiError> {
    let snap = app.fresh().await?;
    let bytes = app
        .cached(
            &snap,
            app.now(),
            View::Metrics,
            effective_slo(None),
            DEFAULT_LABEL,
            |env| {
                let report = report::build(env.evidence, &env.params(None, None));
                let problems = env
                    .evidence
                    .problems
                    .iter()
                    .filter(|p| !p.rule.is_warning())
                    .count();
                Ok(Bytes::from(metrics::render(
                    env.evidence,
                    &report,
                    problems,
                )))
            },
        )
        .await?;
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(metrics::CONTENT_TYPE),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    problems_header(h, &snap);
    Ok(res)
}

async fn console_page() -> Response {
    console::response()
}

async fn not_found(uri: Uri) -> ApiError {
    let mut e = ApiError::not_found(format!("no endpoint at {}", uri.path()));
    e.hint = Some(format!(
        "the API lives under {BASE}; GET / is the Evidence Console"
    ));
    e
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{} is not allowed on {}", method, uri.path()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        let all = ["recovery_slo_minutes", "generated_by", "record"];
        let q = Query::parse(Some("recovery_slo_minutes=&generated_by=&record="), &all).unwrap();
        assert_eq!((q.slo, q.label.as_deref(), q.record), (None, None, false));
        let q = Query::parse(
            Some("recovery_slo_minutes=30&generated_by=a+b&record=true"),
            &all,
        )
        .unwrap();
        assert_eq!(
            (q.slo, q.label.as_deref(), q.record),
            (Some(30), Some("a b"), true)
        );
        for bad in [
            "recovery_slo_minutes=-1",
            "recovery_slo_minutes=abc",
            "recovery_slo_minutes=1.5",
            "record=yes",
            "record=TRUE",
            "other=1",
            "record=true&record=false",
        ] {
            let e = Query::parse(Some(bad), &all).unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{bad}");
        }
        assert!(Query::parse(None, &all).is_ok());
    }

    #[test]
    fn bodies() {
        let ok: escalate::Input = parse_json(br#" {"recovery_slo_minutes": 30}"#).unwrap();
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
            let e = parse_json::<escalate::Input>(bad).unwrap_err();
            assert_eq!(
                e.status,
                StatusCode::BAD_REQUEST,
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
