//! `executive-report --format html`: one self-contained page (no script, no external URL),
//! rendered in headless Chromium, holding every number of the JSON document.

use std::process::Command;

use serde_json::Value;

use crate::common::{cavra, root, stdout};
use crate::serve_browser::{env_is_1, find};

/// Every number of a JSON value, as JSON writes it.
fn numbers(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|i| numbers(i, out)),
        Value::Object(map) => map.values().for_each(|i| numbers(i, out)),
        _ => {}
    }
}

#[test]
fn the_page_holds_every_number_of_the_document() {
    let ev = root().join("examples").join("evidence");
    let json = cavra(&ev)
        .args(["--format", "json", "executive-report"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    let out = cavra(&ev)
        .args(["--format", "html", "executive-report"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    for banned in ["<script", "http://", "https://", "src=", "@import", "url("] {
        assert!(
            !page.contains(banned),
            "the page is not self-contained: {banned}"
        );
    }
    assert!(page.contains("@page{size:A4"), "printable on A4");

    // Rendered by Chromium: the text of the page as the browser laid it out.
    let Some(chromium) = find(
        "CAVRA_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    ) else {
        assert!(
            env_is_1("CAVRA_SKIP_BROWSER") && !env_is_1("CAVRA_REQUIRE_BROWSER"),
            "chromium not found: install Debian's chromium, or set CAVRA_SKIP_BROWSER=1"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("executive.html");
    std::fs::write(&file, &page).unwrap();
    let rendered = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--dump-dom",
        ])
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&rendered.stdout);
    assert!(dom.contains("Recovery executive report"), "{dom}");
    // The numbers as text (tags removed), so a number inside an attribute does not count.
    let mut text = String::new();
    let mut in_tag = false;
    for c in dom.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ';' || c == '=' || c == '·')
        .collect();
    let mut wanted = Vec::new();
    numbers(&doc, &mut wanted);
    assert!(
        wanted.len() > 40,
        "the document has numbers to look for: {wanted:?}"
    );
    for n in &wanted {
        assert!(words.contains(&n.as_str()), "{n} is not on the page");
    }
}

#[test]
fn html_is_only_for_the_executive_report() {
    let ev = root().join("examples").join("evidence");
    for cmd in ["report", "check", "dashboard", "verify"] {
        let out = cavra(&ev).args(["--format", "html", cmd]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .starts_with("cavra: error: --format html is only for executive-report"),
            "{cmd}"
        );
    }
}
