
"use strict";
// The Evidence Console: same-origin fetches to the API of this server only. Every value
// from the API is put into the page as text (never as HTML).
(function () {
  const BASE = "/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery";
  const $ = (sel) => document.querySelector(sel);
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  // ---- API ----------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, message, hint) {
      super(message);
      this.status = status;
      this.code = code;
      this.hint = hint || "";
    }
  }

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const token = $("#token").value.trim();
    if (token) headers.Authorization = "Bearer " + token;
    let res;
    try {
      res = await fetch(BASE + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (e) {
      throw new ApiError(0, "network_error", "the server could not be reached (" + e.message + ")");
    }
    showProblems(res.headers.get("X-Cavra-Evidence-Problems"));
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (_) {
      data = null;
    }
    if (!res.ok) {
      const err = data && data.error ? data.error : {};
      throw new ApiError(
        res.status,
        err.code || "http_" + res.status,
        err.message || text || res.statusText,
        err.hint,
      );
    }
    return {
      data,
      recorded: res.headers.get("X-Cavra-Recorded"),
      path: res.headers.get("X-Cavra-Record-Path"),
    };
  }

  // ---- Messages (an aria-live region: nothing is swallowed) -----------------------------

  function say(kind, title, detail) {
    const box = $("#messages");
    const p = el("p", { class: "msg " + kind });
    p.append(el("strong", { text: title }));
    if (detail instanceof ApiError) {
      p.append(" — ", el("span", { class: "code", text: detail.status + " " + detail.code }), ": ", detail.message);
      if (detail.hint) p.append(el("span", { class: "hint", text: "Hint: " + detail.hint }));
    } else if (detail) {
      p.append(" — ", String(detail));
    }
    const close = el("button", { type: "button", class: "dismiss", "aria-label": "Dismiss this message", text: "×" });
    close.addEventListener("click", () => p.remove());
    p.prepend(close);
    box.prepend(p);
    while (box.children.length > 5) box.lastElementChild.remove();
  }

  function showProblems(n) {
    const banner = $("#problems");
    if (n && Number(n) > 0) {
      banner.textContent =
        "The evidence folder has " + n + " problem(s): the figures leave the bad records out, " +
        "and documents derived from the whole evidence are not recorded until it is fixed (cavra check lists them).";
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
  }

  // ---- Tables ---------------------------------------------------------------------------

  const fmt = (v) => (v === null || v === undefined || v === "" ? "—" : String(v));

  // A sortable table: header buttons sort by a column (click, Enter or Space), again to
  // reverse; aria-sort says which.
  function table(node, columns, rows, state, rowClass, onSort) {
    const head = node.tHead.rows[0];
    head.replaceChildren();
    for (const c of columns) {
      const th = el("th", { scope: "col", class: c.num ? "num" : null });
      const active = state.key === c.key;
      th.setAttribute("aria-sort", active ? (state.dir > 0 ? "ascending" : "descending") : "none");
      const b = el("button", { type: "button", "data-key": c.key }, c.label,
        el("span", { class: "arrow", "aria-hidden": "true", text: active ? (state.dir > 0 ? "▲" : "▼") : "" }));
      b.addEventListener("click", () => {
        if (state.key === c.key) state.dir = -state.dir;
        else { state.key = c.key; state.dir = 1; }
        onSort();
        const again = node.querySelector('th button[data-key="' + c.key + '"]');
        if (again) again.focus();
      });
      th.append(b);
      head.append(th);
    }
    const sorted = rows.map((r, i) => [r, i]);
    if (state.key) {
      const col = columns.find((c) => c.key === state.key);
      sorted.sort((a, b) => {
        const x = a[0][state.key], y = b[0][state.key];
        const xn = x === null || x === undefined || x === "", yn = y === null || y === undefined || y === "";
        if (xn || yn) return xn === yn ? a[1] - b[1] : xn ? 1 : -1; // empty last, both ways
        let d;
        if (col && col.num) d = Number(x) - Number(y);
        else if (typeof x === "boolean") d = Number(x) - Number(y);
        else d = String(x).localeCompare(String(y));
        return d === 0 ? a[1] - b[1] : d * state.dir;
      });
    }
    const body = node.tBodies[0];
    body.replaceChildren();
    if (rows.length === 0) {
      body.append(el("tr", {}, el("td", { colspan: columns.length, class: "empty", text: "none in the evidence" })));
      return;
    }
    for (const [r] of sorted) {
      const tr = el("tr", { class: rowClass ? rowClass(r) : null });
      if (r.playbook_id !== undefined) tr.dataset.playbook = r.playbook_id;
      if (r.provider !== undefined) tr.dataset.provider = r.provider;
      if (r.slo_status !== undefined) tr.dataset.sloStatus = r.slo_status;
      for (const c of columns) {
        const v = r[c.key];
        const td = el("td", { class: [c.num ? "num" : "", c.cls || ""].join(" ").trim() || null });
        if (c.badge) td.append(el("span", { class: "badge " + v, text: v === "breached" ? "breached ⚠" : fmt(v) }));
        else if (c.cls === "ts" && typeof v === "string" && v.includes("T")) {
          // Echoed as written; the line may break between the date and the time.
          const at = v.indexOf("T");
          td.append(v.slice(0, at), el("wbr"), v.slice(at));
        } else if (c.trace && v) {
          td.append(traceButton(String(v)));
        } else td.textContent = fmt(v);
        if (c.key === "playbook_id" || c.key === "closure_id") td.title = fmt(v);
        tr.append(td);
      }
      body.append(tr);
    }
  }

  const ROW_COLUMNS = [
    { key: "provider", label: "Provider" },
    { key: "playbook_id", label: "Playbook", cls: "id", trace: true },
    { key: "category", label: "Category" },
    { key: "failure_count", label: "Failures", num: true },
    { key: "age_minutes", label: "Age (min)", num: true },
    { key: "closure_state", label: "Closure state" },
    { key: "closure_minutes", label: "Closed in (min)", num: true },
    { key: "slo_status", label: "SLO status", badge: true },
  ];
  const PROVIDER_COLUMNS = [
    { key: "provider", label: "Provider" },
    { key: "execution_count", label: "Executions", num: true },
    { key: "execution_delivered_count", label: "Delivered", num: true },
    { key: "execution_failed_count", label: "Failed", num: true },
    { key: "execution_skipped_count", label: "Skipped", num: true },
    { key: "recovery_playbook_count", label: "Playbooks", num: true },
    { key: "recovery_closure_count", label: "Closures", num: true },
    { key: "open_recovery_count", label: "Open", num: true },
    { key: "slo_breached_count", label: "Breached", num: true },
    { key: "latest_execution_at", label: "Latest execution", cls: "ts" },
    { key: "latest_closure_at", label: "Latest closure", cls: "ts" },
  ];
  // ---- Trace: one record and everything linked to it (GET .../trace/{id}) ------------------

  function traceButton(id) {
    const b = el("button", { type: "button", class: "trace-link", title: "Trace " + id, text: id });
    b.addEventListener("click", () => showTrace(id));
    return b;
  }

  const TRACE_COLUMNS = [
    { key: "at", label: "When", cls: "ts" },
    { key: "kind", label: "Kind" },
    { key: "id", label: "Id", cls: "id", trace: true },
    { key: "who", label: "Who" },
    { key: "state", label: "State" },
    { key: "links", label: "Links" },
  ];
  const traceSort = { key: null, dir: 1 };
  let traced = null;

  function renderTrace() {
    if (!traced) return;
    const rows = traced.records.map((r) => {
      const cites = r.cites.map((l) => "cites " + l.kind + " " + l.id + (l.found ? "" : " (missing)"));
      const by = r.cited_by.map((l) => "cited by " + l.kind + " " + l.id);
      return Object.assign({}, r, { links: cites.concat(by).join("; ") });
    });
    table($("#trace"), TRACE_COLUMNS, rows, traceSort,
      (r) => (r.id === traced.id ? "traced" : r.cites.some((l) => !l.found) ? "open" : null), renderTrace);
  }

  async function showTrace(id) {
    try {
      const r = await api("GET", "/trace/" + encodeURIComponent(id));
      traced = r.data;
      $("#trace-meta").textContent = traced.records.length + " linked record(s) of " + traced.id +
        ", in time order (click an id to follow it).";
      renderTrace();
      const panel = $("#trace-panel");
      panel.hidden = false;
      panel.scrollIntoView({ block: "start" });
      $("#trace-title").focus({ preventScroll: true });
    } catch (e) {
      say("error", "No trace of " + id, e);
    }
  }

  // ---- Escalation routes of the plan just recorded ----------------------------------------

  const ROUTE_COLUMNS = [
    { key: "severity", label: "Severity" },
    { key: "provider", label: "Provider" },
    { key: "category", label: "Category" },
    { key: "playbook_id", label: "Playbook", cls: "id", trace: true },
    { key: "closure_state", label: "Closure state" },
    { key: "age_minutes", label: "Age (min)", num: true },
    { key: "slo_status", label: "SLO status", badge: true },
    { key: "recommended_action", label: "Recommended action" },
  ];
  const routeSort = { key: null, dir: 1 };
  let routesOf = null;

  function renderRoutes() {
    if (!routesOf) return;
    table($("#routes"), ROUTE_COLUMNS, routesOf.escalation_routes, routeSort,
      (r) => (r.severity === "critical" ? "breached" : "open"), renderRoutes);
  }

  function showRoutes(plan) {
    routesOf = plan;
    $("#routes-meta").textContent = plan.escalation_count + " route(s) of plan " + plan.plan_id +
      " (" + plan.generated_at + "), " + plan.critical_escalation_count + " critical.";
    renderRoutes();
    $("#routes-panel").hidden = false;
  }

  const rowSort = { key: null, dir: 1 };
  const providerSort = { key: null, dir: 1 };
  let current = null;

  function renderTables() {
    if (!current) return;
    table($("#rows"), ROW_COLUMNS, current.recovery_rows, rowSort,
      (r) => (r.slo_breached ? "breached" : r.slo_status), renderTables);
    table($("#providers"), PROVIDER_COLUMNS, current.provider_summary, providerSort,
      (p) => (p.slo_breached_count > 0 ? "breached" : null), renderTables);
  }

  // ---- Headline, loop counts, trend -----------------------------------------------------

  function card(label, value, extra) {
    const dd = el("dd", {}, value);
    if (extra) dd.append(" ", el("span", { class: "of", text: extra }));
    return el("div", {}, el("dt", { text: label }), dd);
  }

  function renderHeadline(r) {
    $("#report-meta").textContent =
      r.report_id + " · generated " + r.generated_at + " by " + r.generated_by + " · SLO " + r.recovery_slo_minutes + " min";
    const rate = r.execution_success_rate === null ? "no executions" : (r.execution_success_rate * 100).toFixed(1) + "% delivered";
    $("#headline").replaceChildren(
      card("Alert level", el("span", { class: "level " + r.alert_level, id: "alert-level", text: r.alert_level })),
      card("Executions", r.execution_count, rate),
      card("Failed or skipped", r.execution_failed_count),
      card("Recovery rows", r.recovery_playbook_provider_count, r.recovery_closed_count + " closed"),
      card("Open recoveries", r.recovery_open_count),
      card("SLO breached", el("span", { id: "breached-count", text: r.recovery_slo_breached_count })),
    );
    const list = $("#provider-list");
    if (!list.dataset.fromPlan) {
      list.replaceChildren(...r.provider_summary.map((p) => el("option", { value: p.provider })));
    }
  }

  function renderLoop(d) {
    const states = Object.entries(d.acknowledgement_state_counts).map(([k, v]) => k + " " + v).join(", ");
    const item = (label, id, value, extra) => {
      const dd = el("dd", {}, el("span", { id, text: value }));
      if (extra) dd.append(" ", el("span", { class: "of", text: "(" + extra + ")" }));
      return el("div", {}, el("dt", { text: label }), dd);
    };
    $("#loop").replaceChildren(
      item("Escalation plans", "loop-plans", d.escalation_plan_count),
      item("Acknowledgements", "loop-acks", d.acknowledgement_count, states),
      item("Retry plans", "loop-retry-plans", d.retry_plan_count),
      item("Retryable deliveries", "loop-retryable", d.retryable_delivery_count),
      item("Schedule runs", "loop-runs", d.schedule_run_count,
        d.latest_schedule_window_start ? "latest " + d.latest_schedule_window_start : ""),
    );
  }

  const STATES = [
    ["resolved", "#2f7d4f"], ["mitigated", "#7cc293"], ["deferred", "#e0a526"],
    ["escalated", "#c8453f"], ["reopened", "#7b3f98"], ["other", "#8a94a6"],
  ];

  function renderTrend(trends) {
    const box = $("#trend");
    box.replaceChildren();
    $("#trend-legend").replaceChildren(...STATES.map(([s, c]) => {
      const sw = el("span", { class: "swatch", "aria-hidden": "true" });
      sw.style.background = c;
      return el("li", {}, sw, s);
    }));
    if (trends.length === 0) {
      box.append(el("p", { class: "empty", text: "No closures recorded." }));
      return;
    }
    // Oldest on the left; the report lists newest first with `unknown` last.
    const known = trends.filter((t) => t.date !== "unknown").reverse();
    const days = known.concat(trends.filter((t) => t.date === "unknown"));
    const max = Math.max(1, ...days.map((t) => t.closure_count));
    const W = 330, H = 130, left = 18, bottom = 18, top = 6;
    const slot = (W - left) / days.length;
    const barW = Math.min(48, slot * 0.7);
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img" });
    const summary = days.map((t) => t.date + ": " + t.closure_count).join(", ");
    chart.setAttribute("aria-label", "Closures per day: " + summary);
    const scale = (n) => ((H - top - bottom) * n) / max;
    chart.append(svg("line", { class: "axis", x1: left, y1: H - bottom, x2: W, y2: H - bottom }));
    for (const n of [0, max]) {
      const label = svg("text", { x: left - 4, y: H - bottom - scale(n) + 3, "text-anchor": "end" });
      label.textContent = n;
      chart.append(label);
    }
    days.forEach((t, i) => {
      const x = left + i * slot + (slot - barW) / 2;
      let y = H - bottom;
      const fixed = STATES.slice(0, 5).map(([s]) => t[s + "_count"] || 0);
      const other = t.closure_count - fixed.reduce((a, b) => a + b, 0);
      const parts = fixed.concat([other]);
      const g = svg("g", {});
      const title = svg("title", {});
      title.textContent = t.date + ": " + t.closure_count + " closure(s) — " +
        STATES.map(([s], k) => s + " " + parts[k]).filter((_, k) => parts[k] > 0).join(", ");
      g.append(title);
      parts.forEach((n, k) => {
        if (n <= 0) return;
        const h = scale(n);
        y -= h;
        g.append(svg("rect", { x, y, width: barW, height: h, fill: STATES[k][1] }));
      });
      const label = svg("text", { x: x + barW / 2, y: H - 6, "text-anchor": "middle" });
      label.textContent = t.date === "unknown" ? "unknown" : t.date.slice(5);
      g.append(label);
      chart.append(g);
    });
    box.append(chart);
  }

  // ---- Loading --------------------------------------------------------------------------

  function viewQuery() {
    const slo = $("#view-slo").value.trim();
    return slo === "" ? "" : "?recovery_slo_minutes=" + encodeURIComponent(slo);
  }

  async function load() {
    const btn = $("#refresh");
    btn.disabled = true;
    try {
      const q = viewQuery();
      const [rep, dash] = await Promise.all([
        api("GET", "/retry-recovery-report" + q),
        api("GET", "/dashboard" + q),
      ]);
      current = rep.data.report;
      renderHeadline(current);
      renderTables();
      renderTrend(current.closure_trends);
      renderLoop(dash.data);
      document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
      document.body.dataset.ready = "true";
    } catch (e) {
      say("error", "Could not load the report", e instanceof ApiError ? e : new ApiError(0, "error", String(e)));
      $("#report-meta").textContent = "Not loaded.";
    } finally {
      btn.disabled = false;
    }
  }

  // ---- Controls -------------------------------------------------------------------------

  function numberField(id, integer) {
    const raw = $(id).value.trim();
    if (raw === "") return undefined;
    const n = Number(raw);
    return integer && Number.isInteger(n) ? n : Number.isFinite(n) ? n : raw;
  }

  function optional(body, key, id) {
    const v = $(id).value.trim();
    if (v !== "") body[key] = v;
  }

  async function submit(form, button, work) {
    const b = $(button);
    b.disabled = true;
    try {
      await work();
    } finally {
      b.disabled = false;
    }
  }

  function recordedText(r) {
    if (!r.recorded) return "";
    return r.recorded === "unchanged" ? "already recorded: " + r.path : "written: " + r.path;
  }

  $("#view-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    load();
  });

  $("#plan-create").addEventListener("click", () => submit(null, "#plan-create", async () => {
    const body = {};
    const slo = numberField("#view-slo", true);
    if (slo !== undefined) body.recovery_slo_minutes = slo;
    try {
      const r = await api("POST", "/recovery-escalation-plan", body);
      const plan = r.data.plan;
      $("#ack-plan").value = plan.plan_id;
      const list = $("#provider-list");
      list.dataset.fromPlan = "true";
      list.replaceChildren(...plan.selected_providers.map((p) => el("option", { value: p })));
      say("ok", "Escalation plan " + plan.plan_id,
        plan.escalation_count + " route(s); providers: " + (plan.selected_providers.join(", ") || "none") + "; " + recordedText(r));
      showRoutes(plan);
      await load();
    } catch (e) {
      say("error", "Escalation plan not recorded", e);
    }
  }));

  $("#ack-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    submit(ev.target, "#ack-submit", async () => {
      const plan = $("#ack-plan").value.trim();
      if (plan === "") {
        say("error", "Acknowledgement not recorded", new ApiError(0, "missing", "give the escalation plan id (or plan an escalation first)"));
        $("#ack-plan").focus();
        return;
      }
      const body = {
        provider: $("#ack-provider").value.trim(),
        acknowledged_by: $("#ack-by").value.trim(),
        acknowledgement_state: $("#ack-state").value,
      };
      optional(body, "external_ref", "#ack-ref");
      optional(body, "notes", "#ack-notes");
      try {
        const r = await api("POST", "/recovery-escalations/" + encodeURIComponent(plan) + "/acknowledgements", body);
        const a = r.data.acknowledgement;
        say("ok", "Acknowledgement " + a.acknowledgement_id,
          a.provider + " " + a.acknowledgement_state + " by " + a.acknowledged_by + "; " + recordedText(r));
        await load();
      } catch (e) {
        say("error", "Acknowledgement not recorded", e);
      }
    });
  });

  $("#retry-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    submit(ev.target, "#retry-submit", async () => {
      const policy = {};
      const max = numberField("#retry-max", true);
      const delay = numberField("#retry-delay", true);
      const backoff = numberField("#retry-backoff", false);
      if (max !== undefined) policy.max_retry_attempts = max;
      if (delay !== undefined) policy.retry_delay_minutes = delay;
      if (backoff !== undefined) policy.backoff_multiplier = backoff;
      policy.allow_immediate_retry = $("#retry-immediate").checked;
      try {
        const r = await api("POST", "/recovery-escalations/retry-plan", { retry_policy: policy });
        const p = r.data.retry_plan;
        say("ok", "Retry plan " + p.retry_plan_id,
          p.decision_count + " decision(s): " + p.retryable_count + " retry, " + p.waiting_count + " wait, " +
          p.suppressed_count + " suppressed; " + recordedText(r));
        const t = el("table", {}, el("thead", {}, el("tr", {},
          ...["Plan", "Provider", "Action", "Attempts", "Next retry"].map((h) => el("th", { scope: "col", text: h })))));
        const tb = el("tbody");
        for (const d of p.retry_decisions) {
          tb.append(el("tr", {}, ...[d.plan_id, d.provider, d.action, d.retry_count, d.next_retry_at].map((v) => el("td", { text: fmt(v) }))));
        }
        if (p.retry_decisions.length === 0) tb.append(el("tr", {}, el("td", { colspan: 5, class: "empty", text: "no failed escalation deliveries" })));
        t.append(tb);
        $("#retry-result").replaceChildren(el("p", { text: "Alert level " + p.alert_level + " · policy " + p.max_retry_attempts +
          " attempts, " + p.base_retry_delay_minutes + " min × " + p.backoff_multiplier }), el("div", { class: "scroll" }, t));
        await load();
      } catch (e) {
        say("error", "Retry plan not recorded", e);
      }
    });
  });

  $("#schedule-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    submit(ev.target, "#schedule-submit", async () => {
      const schedule = { enabled: $("#schedule-enabled").checked };
      const interval = numberField("#schedule-interval", true);
      if (interval !== undefined) schedule.interval_minutes = interval;
      optional(schedule, "cadence", "#schedule-cadence");
      const body = { schedule };
      const slo = numberField("#view-slo", true);
      if (slo !== undefined) body.recovery_slo_minutes = slo;
      try {
        const r = await api("POST", "/recovery-executive-report/schedule-run", body);
        const run = r.data.run;
        say("ok", "Schedule run " + run.run_id,
          (r.recorded === "unchanged" ? "this window already had its run (shown as stored); " : "") + recordedText(r));
        $("#schedule-result").replaceChildren(el("p", {
          text: "Window " + run.schedule.window_start + " → " + run.schedule.window_end + " · " + run.schedule.cadence +
            " · alert level " + run.alert_level + " · " + run.summary.escalation_count + " escalation(s)",
        }));
        await load();
      } catch (e) {
        say("error", "Schedule run not recorded", e);
      }
    });
  });

  load();
})();
