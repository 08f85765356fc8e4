//! The recovery executive report as one self-contained HTML page (`executive-report --format
//! html`): inline CSS and SVG, no script, no external URL, printable on A4. Every value of the
//! JSON document is on the page as text (the tables); the charts draw the closure trends and
//! each provider's failures and breaches.

use std::fmt::Write as _;

use crate::model::json::{self, Json};

use crate::error::Error;

use super::executive::ExecutiveReport;

const CSS: &str = "\
@page{size:A4;margin:14mm}\
*{box-sizing:border-box}\
body{font:11pt/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;margin:0 auto;max-width:190mm;padding:8mm 4mm}\
h1{font-size:17pt;margin:0 0 2mm}h2{font-size:12.5pt;margin:7mm 0 2mm;border-bottom:1px solid #d0d7de;padding-bottom:1mm}\
.meta{color:#57606a;font-size:9pt;word-break:break-all}\
.level{display:inline-block;padding:.5mm 3mm;border-radius:3mm;font-weight:700;text-transform:uppercase;font-size:10pt}\
.critical{background:#ffebe9;color:#a40e26}.warning{background:#fff8c5;color:#7d4e00}.healthy{background:#dafbe1;color:#116329}\
table{border-collapse:collapse;width:100%;font-size:9pt;margin:1mm 0;page-break-inside:auto}\
th,td{border:1px solid #d0d7de;padding:1mm 1.5mm;text-align:left;vertical-align:top}\
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}tr{page-break-inside:avoid}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5mm 4mm;margin:0}dt{color:#57606a}dd{margin:0}\
svg{width:100%;height:auto;display:block;margin:2mm 0}svg text{font:8px system-ui,sans-serif;fill:#1b1f24}\
.bar-a{fill:#cf222e}.bar-b{fill:#bf8700}.bar-c{fill:#1a7f37}.bar-d{fill:#8250df}.axis{stroke:#57606a;stroke-width:.5}\
ul{margin:1mm 0;padding-left:5mm}.chart{page-break-inside:avoid}\
table.wide{font-size:7pt;table-layout:fixed}table.wide td,table.wide th{overflow-wrap:anywhere;padding:.6mm .8mm}";

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A JSON value as the text a cell shows: strings as written, numbers as JSON writes them,
/// maps as `key=value; …`, lists joined with `; `, null as empty.
fn cell(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::Bool(b) => b.to_string(),
        Json::Num(n) => n.to_string(),
        Json::Str(s) => s.to_string(),
        Json::Arr(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        Json::Obj(entries) => entries
            .iter()
            .map(|(k, v)| format!("{k}={}", cell(v)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A table of an array of objects, columns in the first object's field order.
fn table(out: &mut String, rows: &[Json]) {
    let Some(first) = rows.first().and_then(Json::as_obj) else {
        out.push_str("<p class=\"meta\">none</p>");
        return;
    };
    let keys: Vec<&str> = first.iter().map(|(k, _)| k.as_ref()).collect();
    let wide = if keys.len() > 6 {
        " class=\"wide\""
    } else {
        ""
    };
    let _ = write!(out, "<table{wide}><thead><tr>");
    for k in &keys {
        let _ = write!(out, "<th>{}</th>", esc(&k.replace('_', " ")));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for k in &keys {
            let v = row.get(k).unwrap_or(&Json::Null);
            let class = if matches!(v, Json::Num(_)) {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(&cell(v)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// Horizontal grouped bars: one group per label, one bar per series, each with its value.
fn bars(out: &mut String, title: &str, labels: &[String], series: &[(&str, &str, Vec<u64>)]) {
    if labels.is_empty() {
        return;
    }
    let max = series
        .iter()
        .flat_map(|(_, _, v)| v.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let (left, width, bar, gap) = (110.0, 400.0, 7.0, 5.0);
    let group = bar * series.len() as f64 + gap;
    let height = 14.0 + group * labels.len() as f64;
    let _ = write!(
        out,
        "<figure class=\"chart\"><svg viewBox=\"0 0 {w} {height}\" role=\"img\" aria-label=\"{t}\">",
        w = left + width + 40.0,
        t = esc(title)
    );
    let mut x = left;
    for (name, class, _) in series {
        let _ = write!(
            out,
            "<rect class=\"{class}\" x=\"{x}\" y=\"2\" width=\"6\" height=\"6\"/><text x=\"{}\" y=\"8\">{}</text>",
            x + 8.0,
            esc(name)
        );
        x += 90.0;
    }
    for (i, label) in labels.iter().enumerate() {
        let y0 = 14.0 + group * i as f64;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            left - 4.0,
            y0 + group / 2.0,
            esc(label)
        );
        for (k, (_, class, values)) in series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0);
            let w = width * v as f64 / max as f64;
            let y = y0 + bar * k as f64;
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{left}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\"/><text x=\"{:.1}\" y=\"{}\">{v}</text>",
                bar - 1.0,
                left + w + 2.0,
                y + bar - 1.5
            );
        }
    }
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{left}\" y1=\"12\" x2=\"{left}\" y2=\"{height}\"/></svg><figcaption class=\"meta\">{}</figcaption></figure>",
        esc(title)
    );
}

/// The numbers of a field of every object of an array.
fn column(rows: &[Json], key: &str) -> Vec<u64> {
    rows.iter()
        .map(|r| match r.get(key) {
            Some(Json::Num(n)) => n.as_u64().unwrap_or(0),
            _ => 0,
        })
        .collect()
}

/// The page of an executive report.
pub fn executive_page(doc: &ExecutiveReport) -> Result<String, Error> {
    // Through cavra's own JSON value, which keeps the document's field order.
    let text = serde_json::to_string(doc)
        .map_err(|e| Error::internal(format!("the executive report is not JSON: {e}")))?;
    let v = json::parse(text.as_bytes())
        .map_err(|e| Error::internal(format!("the executive report is not JSON: {e}")))?;
    let text = |k: &str| v.get(k).map(cell).unwrap_or_default();
    let list = |k: &str| v.get(k).and_then(Json::as_arr).unwrap_or(&[]);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Recovery executive report {id}</title><style>{CSS}</style></head><body>",
        id = esc(&doc.executive_report_id)
    );
    let _ = write!(
        out,
        "<h1>Recovery executive report <span class=\"level {lvl}\">{lvl}</span></h1>\
         <p class=\"meta\">{id} · generated {at} by {by} · SLO {slo} minutes · report {rep} · plan {plan} · {sv}</p>",
        lvl = esc(&text("alert_level")),
        id = esc(&doc.executive_report_id),
        at = esc(&doc.generated_at),
        by = esc(&doc.generated_by),
        slo = doc.recovery_slo_minutes,
        rep = esc(&doc.recovery_report_id),
        plan = esc(&doc.escalation_plan_id),
        sv = esc(&doc.schema_version),
    );
    out.push_str("<h2>Summary</h2><dl>");
    if let Some(summary) = v.get("executive_summary").and_then(Json::as_obj) {
        for (k, val) in summary {
            let _ = write!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                esc(&k.replace('_', " ")),
                esc(&cell(val))
            );
        }
    }
    out.push_str("</dl>");

    out.push_str("<h2>Key risks</h2>");
    table(&mut out, list("key_risks"));
    out.push_str("<h2>Recommended actions</h2><ul>");
    for a in list("recommended_actions") {
        let _ = write!(out, "<li>{}</li>", esc(&cell(a)));
    }
    out.push_str("</ul>");

    let providers = list("provider_summary");
    out.push_str("<h2>Providers</h2>");
    let names: Vec<String> = providers
        .iter()
        .map(|p| p.get("provider").map(cell).unwrap_or_default())
        .collect();
    bars(
        &mut out,
        "Failed and skipped executions, and recoveries that breached the SLO, per provider",
        &names,
        &[
            (
                "failed",
                "bar-a",
                column(providers, "execution_failed_count"),
            ),
            (
                "skipped",
                "bar-b",
                column(providers, "execution_skipped_count"),
            ),
            (
                "SLO breached",
                "bar-d",
                column(providers, "slo_breached_count"),
            ),
        ],
    );
    table(&mut out, providers);

    let trends = list("closure_trends");
    out.push_str("<h2>Closure trends</h2>");
    let days: Vec<String> = trends
        .iter()
        .map(|t| t.get("date").map(cell).unwrap_or_default())
        .collect();
    bars(
        &mut out,
        "Closures per UTC day, and how many were resolved",
        &days,
        &[
            ("closures", "bar-b", column(trends, "closure_count")),
            ("resolved", "bar-c", column(trends, "resolved_count")),
        ],
    );
    table(&mut out, trends);

    out.push_str("<h2>Controls</h2><ul>");
    for c in list("controls") {
        let _ = write!(out, "<li>{}</li>", esc(&cell(c)));
    }
    let _ = writeln!(
        out,
        "</ul><p class=\"meta\">product {}</p></body></html>",
        esc(&text("product"))
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cells_read_naturally() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        let v = json::parse(br#"{"m": {"slack": 1, "jira": 2}, "f": 0.25}"#).unwrap();
        assert_eq!(cell(v.get("m").unwrap()), "slack=1; jira=2");
        assert_eq!(cell(v.get("f").unwrap()), "0.25");
        assert_eq!(cell(&Json::Null), "");
    }
}
