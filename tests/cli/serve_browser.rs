//! The Evidence Console end to end in a real browser: the `cavra` binary on an ephemeral
//! port over a copy of `examples/evidence/`, Debian's headless Chromium driven over WebDriver
//! (chromedriver + fantoccini). Nothing here downloads a browser.
//!
//! Without `chromium` and `chromedriver` (or `CAVRA_CHROMIUM` / `CAVRA_CHROMEDRIVER`) the test
//! FAILS, so that `ok` always means the console was driven in a browser. To skip it on
//! purpose, set `CAVRA_SKIP_BROWSER=1`: it then says on stderr that it skipped, and passes
//! (it only skips a missing browser: with one installed the test runs anyway).
//! `CAVRA_REQUIRE_BROWSER=1` (the former opt-in to failing) is still accepted, and wins over
//! `CAVRA_SKIP_BROWSER=1`. `CAVRA_CONSOLE_SCREENSHOT=path.png` saves a 1280×800 screenshot of
//! the console after the acknowledgement (how `docs/console.png` is made).

use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::common::{cavra, copy_tree, json_as, root, stderr};
use crate::docs::{Acknowledgement, Item, Plan, Recording, Report, RetryPlan};
use crate::serve::files_in;
use crate::serve_socket::{request, start};

const BASE: &str = "/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery";

/// The layout's problems at the current width: page overflow, overlapping cards or panels,
/// recovery rows without a box.
const LAYOUT_JS: &str = r##"
const out = [];
if (document.documentElement.scrollWidth > window.innerWidth) out.push("page wider than the window");
const boxes = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.offsetParent !== null)
  .map((e) => [e, e.getBoundingClientRect()]);
const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
for (const sel of [".cards > div", ".panel"]) {
  const bs = boxes(sel);
  for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++)
    if (overlap(bs[i][1], bs[j][1])) out.push(sel + " " + i + " overlaps " + j);
}
for (const tr of document.querySelectorAll("#rows tbody tr")) {
  const r = tr.getBoundingClientRect();
  if (r.height === 0 || r.width === 0) out.push("a row has no box");
}
for (const s of document.querySelectorAll(".scroll")) {
  const r = s.getBoundingClientRect();
  if (r.right > window.innerWidth + 1) out.push("a table card sticks out of the window");
}
return out;
"##;

/// The flags that work on this machine (closed network, root, no GPU).
const CHROMIUM_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--window-size=1280,800",
];

/// A program named by `env`, or found on PATH under one of `names`.
pub fn find(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// chromedriver on a free port, killed (by its handle) when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver(path: &Path) -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver { child, port };
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let started = Instant::now();
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "chromedriver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    driver
}

/// Whether the environment variable `name` is `1`.
pub fn env_is_1(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| v == "1")
}

/// Says on stderr that the test was skipped on purpose, past the test harness's capture, so
/// that a plain `cargo test` shows it.
fn skipped(why: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\nSKIPPED serve_browser::console_end_to_end_in_headless_chromium: {why}, and \
         CAVRA_SKIP_BROWSER=1.\n  The Evidence Console was NOT tested in a browser.\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_end_to_end_in_headless_chromium() {
    let chromium = find(
        "CAVRA_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let chromedriver = find("CAVRA_CHROMEDRIVER", &["chromedriver"]);
    let (chromium, chromedriver) = match (chromium, chromedriver) {
        (Some(c), Some(d)) => (c, d),
        (c, d) => {
            let missing: Vec<&str> = [("chromium", c.is_none()), ("chromedriver", d.is_none())]
                .into_iter()
                .filter(|(_, m)| *m)
                .map(|(n, _)| n)
                .collect();
            let why = format!("{} not found", missing.join(" and "));
            // A missing browser is a failure unless skipping was asked for; the former
            // CAVRA_REQUIRE_BROWSER=1 still means "never skip".
            if env_is_1("CAVRA_SKIP_BROWSER") && !env_is_1("CAVRA_REQUIRE_BROWSER") {
                skipped(&why);
                return;
            }
            let how = if env_is_1("CAVRA_REQUIRE_BROWSER") {
                "CAVRA_REQUIRE_BROWSER=1 forbids skipping it"
            } else {
                "to skip this test on purpose, set CAVRA_SKIP_BROWSER=1"
            };
            panic!(
                "the browser test did not run: {why}. Install Debian's chromium and \
                 chromium-driver (apt-get install -y chromium chromium-driver), or point \
                 CAVRA_CHROMIUM / CAVRA_CHROMEDRIVER at them; {how}"
            );
        }
    };
    tokio::time::timeout(
        Duration::from_secs(180),
        end_to_end(&chromium, &chromedriver),
    )
    .await
    .expect("the browser test finished within 3 minutes");
}

/// The one acknowledgement `examples/evidence` holds (pagerduty's, of its 07:30 plan).
const EXAMPLE_ACK: &str = "gordackrecoveryescack-239a4bcbef0bf344.json";

async fn end_to_end(chromium: &Path, chromedriver: &Path) {
    // The evidence, and an escalation plan recorded on the command line first (same now).
    let dir = copy_tree(&root().join("examples").join("evidence"));
    let out = cavra(dir.path())
        .args(["--format", "json", "escalate"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Plan = json_as(&out);
    let plan_id = plan.plan_id;
    // The example's plan routes the breached slack_alerts row (examples/evidence/README.md).
    assert!(
        plan.selected_providers.iter().any(|p| p == "slack_alerts"),
        "{:?}",
        plan.selected_providers
    );

    let server = start(dir.path(), &[], &[]);
    let (status, body) = request(
        server.addr,
        "GET",
        &format!("{BASE}/retry-recovery-report"),
        &[],
        "",
    )
    .unwrap();
    assert_eq!(status, 200);
    let report = serde_json::from_str::<Recording<Report>>(&body)
        .unwrap_or_else(|e| panic!("not the report's response ({e}): {body}"))
        .doc;

    let driver = start_driver(chromedriver);
    let profile = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {"binary": chromium, "args": args},
    });
    let caps = caps.as_object().unwrap().clone();
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session in headless chromium");

    let result = drive(&client, &server.url("/"), &report, &plan_id, dir.path()).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = result {
        panic!("{e}\nserver log:\n{}", server.log());
    }
}

type Res<T> = Result<T, String>;

fn err<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> String + '_ {
    move |e| format!("{what}: {e}")
}

/// Runs `script` in the page. What it returns is untyped JSON (WebDriver's), compared with
/// `json!` values or indexed as the script built it.
async fn js(client: &fantoccini::Client, script: &str) -> Res<Value> {
    client.execute(script, vec![]).await.map_err(err(script))
}

/// Waits until `script` returns true.
async fn until(client: &fantoccini::Client, script: &str, what: &str) -> Res<()> {
    let started = Instant::now();
    loop {
        if js(client, script).await? == json!(true) {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(20) {
            let messages = js(
                client,
                "return document.querySelector('#messages').innerText",
            )
            .await
            .unwrap_or_default();
            return Err(format!(
                "timed out waiting for {what}; messages: {messages}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn fill(client: &fantoccini::Client, css: &str, text: &str) -> Res<()> {
    let e = client.find(Locator::Css(css)).await.map_err(err(css))?;
    e.clear().await.map_err(err(css))?;
    e.send_keys(text).await.map_err(err(css))
}

const ROWS_JS: &str = "return [...document.querySelectorAll('#rows tbody tr')].map(tr => \
    [tr.dataset.playbook, tr.dataset.provider, tr.dataset.sloStatus, \
     tr.classList.contains('breached'), tr.cells[4].textContent])";

async fn drive(
    client: &fantoccini::Client,
    url: &str,
    report: &Report,
    plan_id: &str,
    root: &Path,
) -> Res<()> {
    client.goto(url).await.map_err(err("open the console"))?;
    // A 1280×800 viewport: the window is that plus whatever the browser keeps around it.
    let frame = js(
        client,
        "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]",
    )
    .await?;
    let (dw, dh) = (
        frame[0].as_u64().unwrap_or(0),
        frame[1].as_u64().unwrap_or(0),
    );
    client
        .set_window_size(1280 + dw as u32, 800 + dh as u32)
        .await
        .map_err(err("set the window size"))?;
    let viewport = js(client, "return [window.innerWidth, window.innerHeight]").await?;
    if viewport != json!([1280, 800]) {
        return Err(format!("viewport {viewport}, not 1280×800"));
    }
    until(
        client,
        "return document.body.dataset.ready === 'true'",
        "the first render",
    )
    .await?;
    // Readable at 1280×800: nothing wider than the viewport.
    let overflow = js(
        client,
        "return document.documentElement.scrollWidth > window.innerWidth",
    )
    .await?;
    if overflow != json!(false) {
        return Err("the page is wider than 1280 px".to_owned());
    }
    // At 1280, 1024 and 390 px: no page wider than the window, no two cards or panels on top
    // of each other, every recovery row laid out (tables scroll inside their card).
    for width in [1280u32, 1024, 390] {
        client
            .set_window_size(width + dw as u32, 800 + dh as u32)
            .await
            .map_err(err("set the window size"))?;
        until(
            client,
            &format!("return window.innerWidth === {width}"),
            "the narrower window",
        )
        .await?;
        let problems = js(client, LAYOUT_JS).await?;
        if problems != json!([]) {
            return Err(format!("layout at {width} px: {problems}"));
        }
    }
    client
        .set_window_size(1280 + dw as u32, 800 + dh as u32)
        .await
        .map_err(err("set the window size back"))?;
    until(client, "return window.innerWidth === 1280", "1280 px again").await?;

    // The SLO table shows the report's rows, in the report's order, breached ones marked.
    let shown = js(client, ROWS_JS).await?;
    let expected: Vec<Value> = report
        .recovery_rows
        .iter()
        .map(|r| {
            json!([
                r.playbook_id,
                r.provider,
                r.slo_status,
                r.slo_breached,
                // As JSON writes it: a number, or `null` for an unknown age.
                r.age_minutes.map_or("null".to_owned(), |a| a.to_string())
            ])
        })
        .collect();
    if shown != Value::Array(expected.clone()) {
        return Err(format!(
            "rows differ:\n page: {shown}\n report: {}",
            json!(expected)
        ));
    }
    let providers = js(
        client,
        "return document.querySelectorAll('#providers tbody tr').length",
    )
    .await?;
    if providers != json!(report.provider_summary.len()) {
        return Err(format!("provider rows: {providers}"));
    }
    let breached = js(
        client,
        "return document.querySelector('#breached-count').textContent",
    )
    .await?;
    if breached != json!(report.recovery_slo_breached_count.to_string()) {
        return Err(format!("breached headline: {breached}"));
    }

    // Sorting: by mouse on Provider, by keyboard (Enter) on Age.
    client
        .find(Locator::Css("#rows th button[data-key='provider']"))
        .await
        .map_err(err("provider header"))?
        .click()
        .await
        .map_err(err("click provider header"))?;
    let providers_sorted = js(
        client,
        "return [...document.querySelectorAll('#rows tbody tr')].map(tr => tr.dataset.provider)",
    )
    .await?;
    let mut want: Vec<String> = report
        .recovery_rows
        .iter()
        .map(|r| r.provider.clone())
        .collect();
    want.sort();
    if providers_sorted != json!(want) {
        return Err(format!("not sorted by provider: {providers_sorted}"));
    }
    let age = client
        .find(Locator::Css("#rows th button[data-key='age_minutes']"))
        .await
        .map_err(err("age header"))?;
    age.send_keys("\u{E007}")
        .await
        .map_err(err("Enter on the age header"))?;
    until(
        client,
        "return document.querySelector('#rows th[aria-sort=\"ascending\"] button').dataset.key === 'age_minutes'",
        "aria-sort on the age column",
    )
    .await?;
    let ages = js(
        client,
        "return [...document.querySelectorAll('#rows tbody tr')].map(tr => Number(tr.cells[4].textContent))",
    )
    .await?;
    let ages: Vec<i64> = ages
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    if ages.windows(2).any(|w| w[0] > w[1]) {
        return Err(format!("not sorted by age: {ages:?}"));
    }

    // An error from the API is shown in the page: servicenow is not in the plan.
    fill(client, "#ack-plan", plan_id).await?;
    fill(client, "#ack-provider", "servicenow").await?;
    fill(client, "#ack-by", "browser-e2e").await?;
    client
        .find(Locator::Css("#ack-submit"))
        .await
        .map_err(err("submit"))?
        .click()
        .await
        .map_err(err("submit"))?;
    until(
        client,
        "return [...document.querySelectorAll('#messages .msg.error')].some(m => m.textContent.includes('400 bad_request') && m.textContent.includes('servicenow'))",
        "the 400 error in the messages",
    )
    .await?;
    if files_in(root, "acknowledgements") != [EXAMPLE_ACK] {
        return Err("the refused acknowledgement was written".to_owned());
    }

    // The acknowledgement through the control.
    fill(client, "#ack-provider", "slack_alerts").await?;
    client
        .find(Locator::Css("#ack-state"))
        .await
        .map_err(err("state"))?
        .select_by_value("accepted")
        .await
        .map_err(err("select accepted"))?;
    fill(client, "#ack-ref", "INC-77").await?;
    client
        .find(Locator::Css("#ack-submit"))
        .await
        .map_err(err("submit"))?
        .click()
        .await
        .map_err(err("submit"))?;
    until(
        client,
        "return document.querySelector('#messages .msg.ok') !== null",
        "the success message",
    )
    .await?;
    // The page shows the new count after it reloaded the views.
    until(
        client,
        "return document.querySelector('#loop-acks').textContent === '2'",
        "the acknowledgement count to reach 2 (the example's one, and this one)",
    )
    .await?;

    // The file on disk.
    let names: Vec<String> = files_in(root, "acknowledgements")
        .into_iter()
        .filter(|n| n != EXAMPLE_ACK)
        .collect();
    if names.len() != 1 {
        return Err(format!("acknowledgements on disk: {names:?}"));
    }
    let stored: Item<Acknowledgement> = serde_json::from_slice(
        &std::fs::read(root.join("acknowledgements").join(&names[0])).unwrap(),
    )
    .map_err(err("the written file"))?;
    let a = &stored.document;
    let got = (
        a.plan_id.as_str(),
        a.provider.as_str(),
        a.acknowledgement_state.as_str(),
        a.acknowledged_by.as_str(),
        a.external_ref.as_str(),
    );
    if got != (plan_id, "slack_alerts", "accepted", "browser-e2e", "INC-77") {
        return Err(format!("written acknowledgement: {a:?}"));
    }
    let id = a.acknowledgement_id.as_str();
    if names[0] != format!("{id}.json") {
        return Err(format!("file name {} for id {id}", names[0]));
    }
    let overflow = js(
        client,
        "return document.documentElement.scrollWidth > window.innerWidth",
    )
    .await?;
    if overflow != json!(false) {
        return Err("after the acknowledgement, the page is wider than 1280 px".to_owned());
    }
    let message = js(
        client,
        "return document.querySelector('#messages .msg.ok').textContent",
    )
    .await?;
    if !message.as_str().unwrap_or("").contains(id) {
        return Err(format!("the page's message does not name {id}: {message}"));
    }

    // The two other controls: a retry plan and this window's scheduled run.
    fill(client, "#retry-max", "4").await?;
    client
        .find(Locator::Css("#retry-submit"))
        .await
        .map_err(err("plan retries"))?
        .click()
        .await
        .map_err(err("plan retries"))?;
    until(
        client,
        "return document.querySelector('#loop-retry-plans').textContent === '1'",
        "the retry plan count to reach 1",
    )
    .await?;
    let plans = files_in(root, "retry-plans");
    let stored: Item<RetryPlan> =
        serde_json::from_slice(&std::fs::read(root.join("retry-plans").join(&plans[0])).unwrap())
            .map_err(err("the retry plan file"))?;
    if stored.document.max_retry_attempts != 4 {
        return Err(format!("retry plan written: {stored:?}"));
    }
    fill(client, "#schedule-interval", "60").await?;
    fill(client, "#schedule-cadence", "hourly").await?;
    client
        .find(Locator::Css("#schedule-submit"))
        .await
        .map_err(err("schedule run"))?
        .click()
        .await
        .map_err(err("schedule run"))?;
    until(
        client,
        "return document.querySelector('#loop-runs').textContent === '1'",
        "the schedule run count to reach 1",
    )
    .await?;
    // 08:00 with 60-minute windows: the 08:00–09:00 window.
    let result = js(
        client,
        "return document.querySelector('#schedule-result').textContent",
    )
    .await?;
    if !result
        .as_str()
        .unwrap_or("")
        .contains("2026-06-01T08:00:00Z → 2026-06-01T09:00:00Z · hourly")
    {
        return Err(format!("schedule result: {result}"));
    }
    if files_in(root, "schedule-runs").len() != 1 || files_in(root, "executive-reports").len() != 1
    {
        return Err("the run and its executive report are not both on disk".to_owned());
    }

    // A playbook id in the rows opens its trace: the playbook and what cites it (at least
    // the report the schedule run recorded, §4.8), the traced row marked.
    let traced = js(
        client,
        "const b = document.querySelector('#rows .trace-link'); b.click(); return b.textContent",
    )
    .await?;
    let traced = traced.as_str().unwrap_or("").to_owned();
    until(
        client,
        "return !document.querySelector('#trace-panel').hidden && document.querySelectorAll('#trace tbody tr.traced').length === 1",
        "the trace panel",
    )
    .await?;
    let trace = js(
        client,
        "return [...document.querySelectorAll('#trace tbody tr')].map(tr => tr.cells[1].textContent + ' ' + tr.cells[2].textContent)",
    )
    .await?;
    let rows: Vec<&str> = trace
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !rows.contains(&format!("playbook {traced}").as_str())
        || !rows
            .iter()
            .any(|r| r.starts_with("report gordackretryreport-"))
    {
        return Err(format!("trace of {traced}: {rows:?}"));
    }

    // Recording a plan from the console shows its routes; a message can be dismissed. (At
    // another SLO: the plan of SLO 240 at this now is on disk already, recorded by `cli`,
    // and plan ids do not cover the label, so the console's would be a conflict.)
    fill(client, "#view-slo", "30").await?;
    js(
        client,
        "document.querySelector('#plan-create').click(); return true",
    )
    .await?;
    until(
        client,
        "return !document.querySelector('#routes-panel').hidden && document.querySelectorAll('#routes tbody tr').length > 0",
        "the routes of the new plan",
    )
    .await?;
    let routes = js(
        client,
        "return [document.querySelectorAll('#routes tbody tr').length, document.querySelector('#routes-meta').textContent]",
    )
    .await?;
    let shown = routes[0].as_u64().unwrap_or(0);
    let meta = routes[1].as_str().unwrap_or("");
    if !meta.starts_with(&format!("{shown} route(s) of plan gordackrecoveryesc-")) {
        return Err(format!("routes: {shown} rows, {meta}"));
    }
    let before = js(
        client,
        "return document.querySelectorAll('#messages .msg').length",
    )
    .await?;
    js(
        client,
        "document.querySelector('#messages .msg .dismiss').click(); return true",
    )
    .await?;
    let after = js(
        client,
        "return document.querySelectorAll('#messages .msg').length",
    )
    .await?;
    if after.as_u64() != before.as_u64().map(|n| n - 1) {
        return Err(format!("dismiss: {before} → {after} messages"));
    }

    if let Some(path) = std::env::var_os("CAVRA_CONSOLE_SCREENSHOT").filter(|p| !p.is_empty()) {
        // The picture: the report's own order, and a second acknowledgement's message.
        client.goto(url).await.map_err(err("reopen the console"))?;
        until(
            client,
            "return document.body.dataset.ready === 'true'",
            "the render",
        )
        .await?;
        fill(client, "#ack-plan", plan_id).await?;
        fill(client, "#ack-provider", "jira").await?;
        fill(client, "#ack-by", "release-manager").await?;
        fill(client, "#ack-ref", "INC-78").await?;
        client
            .find(Locator::Css("#ack-submit"))
            .await
            .map_err(err("submit"))?
            .click()
            .await
            .map_err(err("submit"))?;
        until(
            client,
            "return document.querySelector('#loop-acks').textContent === '3'",
            "the second acknowledgement made here (third in all)",
        )
        .await?;
        js(
            client,
            "document.activeElement.blur(); window.scrollTo(0, 0); return true",
        )
        .await?;
        let png = client.screenshot().await.map_err(err("screenshot"))?;
        std::fs::write(&path, png).map_err(err("write the screenshot"))?;
    }
    Ok(())
}
