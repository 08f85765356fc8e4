//! The routes of §7 and their one handler.
//!
//! Every operation with a route is served by [`handle`]: the request becomes the operation's
//! serde `Input` (a strict query, or a JSON body), gets the path parameter, is checked before
//! any file access, and runs the very same `execute` as the command line on a blocking
//! thread, over the current evidence snapshot. GET views are cached (see [`super::state`]);
//! writes are never cached and, once a file is written, make the next request read the folder
//! again.
//!
//! Order of checks: `Host`/`Origin` (403, every request) → write permission (403 read-only,
//! 401 token) → `Content-Type` (415) → body size (413) → JSON and fields (400) → inputs and
//! references (400, 404, 422) → the operation (409 over evidence with problems).

use std::collections::HashMap;
use std::path::Path;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;

use crate::commands::report::build;
use crate::commands::{Operation, Render};
use crate::store::record::Recorded;

use super::body::read_json;
use super::error::ApiError;
use super::query::{self, QueryError};
use super::state::{App, Snapshot, View};
use super::{console, guard, metrics};

/// Where the API lives: the original system's paths (§7).
pub const BASE: &str =
    "/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery";

pub use super::body::BODY_LIMIT;

/// The header that counts the evidence's problems (§7).
pub const PROBLEMS_HEADER: &str = guard::PROBLEMS_HEADER;
/// What a write did: `written`, `unchanged` (or `refused`).
pub const RECORDED_HEADER: &str = "x-cavra-recorded";
/// The file a write wrote or found, relative to the evidence folder.
pub const RECORD_PATH_HEADER: &str = "x-cavra-record-path";

/// Adds the route of every operation that has one.
macro_rules! operation_routes {
    ($( $(#[$doc:meta])* $name:ident => $op:ty, )*) => {
        fn operation_routes(mut router: Router<App>) -> Router<App> {
            $(
                if let Some(route) = <$op as Operation>::ROUTE {
                    let path = format!("{BASE}{}", route.path);
                    router = if route.post {
                        router.route(&path, post(handle::<$op>))
                    } else {
                        router.route(&path, get(handle::<$op>))
                    };
                }
            )*
            router
        }
    };
}

crate::for_each_operation!(operation_routes);

/// The router of one server.
pub fn router(app: App) -> Router {
    operation_routes(
        Router::new()
            .route("/", get(console_page))
            .route("/healthz", get(healthz))
            .route("/metrics", get(metrics_text)),
    )
    .fallback(not_found)
    .method_not_allowed_fallback(method_not_allowed)
    .layer(middleware::from_fn_with_state(
        app.clone(),
        guard::host_and_origin,
    ))
    .with_state(app)
}

// ---------------------------------------------------------------------------------------
// The handler

/// Serves one operation (see the module's order of checks).
async fn handle<O: Operation>(
    State(app): State<App>,
    params: Result<UrlPath<HashMap<String, String>>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let Some(route) = O::ROUTE else {
        return Err(not_found(uri).await);
    };
    let param = match route.param {
        Some(name) => Some(path_param(params, name)?),
        None => None,
    };
    if route.post {
        guard::may_write(&app, &headers)?;
    }
    let mut input: O = if route.post {
        read_json(&headers, body).await?
    } else {
        query::parse(uri.query()).map_err(bad_query)?
    };
    if let Some(value) = param {
        input.set_param(value).map_err(ApiError::from_error)?;
    }
    let access = input.access();
    if !route.post && access.writes() {
        guard::may_write(&app, &headers)?;
    }
    input.check().map_err(ApiError::from_error)?;
    if access.writes() {
        return write::<O>(&app, route.what, input).await;
    }
    let snap = app.fresh().await?;
    let view = View {
        name: route.path,
        key: input.view_key(),
    };
    let bytes = app
        .cached(&snap, app.now(), view, move |env| {
            to_bytes(&input.execute(env).map_err(ApiError::from_error)?)
        })
        .await?;
    Ok(json_ok(bytes, &snap))
}

/// Runs a write over a fresh snapshot. A written file makes the next request read the
/// folder again; a document refused over evidence with problems is a 409 listing them.
async fn write<O: Operation>(app: &App, what: &str, input: O) -> Result<Response, ApiError> {
    let snapshot = app.fresh().await?;
    let with_count = |mut e: ApiError| {
        problems_header(&mut e.headers, &snapshot);
        e
    };
    let out = app
        .blocking(snapshot.clone(), app.now(), move |env| input.execute(env))
        .await?
        .map_err(|e| with_count(ApiError::from_error(e)))?;
    let records = out.recorded();
    if records.iter().any(|r| matches!(r, Recorded::Written(_))) {
        app.wrote();
    }
    if let Some(e) = out.record_error() {
        return Err(with_count(ApiError::from_error(e.clone())));
    }
    if records.iter().any(|r| matches!(r, Recorded::Refused(_))) {
        return Err(with_count(ApiError::evidence_problems(
            what,
            &snapshot.problems(),
        )));
    }
    let mut res = json_ok(to_bytes(&out)?, &snapshot);
    if let Some(r) = records.first() {
        recorded_headers(&mut res, r, &app.config.root);
    }
    Ok(res)
}

fn bad_query(e: QueryError) -> ApiError {
    let mut out = ApiError::bad_request(e.message);
    out.hint = e.hint;
    out
}

/// The path parameter `name`, or a 400 when it cannot be read.
fn path_param(
    p: Result<UrlPath<HashMap<String, String>>, PathRejection>,
    name: &str,
) -> Result<String, ApiError> {
    let UrlPath(mut map) =
        p.map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())))?;
    map.remove(name)
        .ok_or_else(|| ApiError::bad_request(format!("bad path: no {name} in it")))
}

// ---------------------------------------------------------------------------------------
// Responses

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

fn problems_header<H: Extend<(HeaderName, HeaderValue)>>(h: &mut H, snapshot: &Snapshot) {
    let n = snapshot.problem_count();
    if n > 0 {
        h.extend([(
            HeaderName::from_static(PROBLEMS_HEADER),
            HeaderValue::from(n),
        )]);
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
    let read = snap.read;
    let bytes = app
        .cached(
            &snap,
            app.now(),
            View {
                name: "/metrics",
                key: String::new(),
            },
            move |env| {
                let report =
                    build(env.evidence, &env.params(None, None)).map_err(ApiError::from_error)?;
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
                    &read,
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
