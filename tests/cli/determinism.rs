//! The same evidence and `--now` give byte-identical output whatever the file layout, walk
//! order or thread count (§3, §9).

use std::path::Path;

use serde_json::Value;

use crate::common::{cavra, read_as, shared, stderr};
use crate::docs::Store;

fn store_items() -> Vec<Value> {
    let path = shared().join("samples/cavra-store/evidence-metadata.json");
    read_as::<Store>(&path).items
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Four layouts of the same 125 items.
fn layouts() -> Vec<tempfile::TempDir> {
    let items = store_items();
    let mut out = Vec::new();

    // 1. The store as the original wrote it.
    let d = tempfile::tempdir().unwrap();
    write(
        &d.path().join("evidence-metadata.json"),
        &serde_json::to_string(&serde_json::json!({ "items": items })).unwrap(),
    );
    out.push(d);

    // 2. One NDJSON file, items reversed, with blank lines and CRLF line ends.
    let d = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for item in items.iter().rev() {
        text.push_str(&serde_json::to_string(item).unwrap());
        text.push_str("\r\n\n");
    }
    write(&d.path().join("all.ndjson"), &text);
    out.push(d);

    // 3. One pretty file per item in nested folders, names chosen so that the walk order
    //    differs from the store order.
    let d = tempfile::tempdir().unwrap();
    for (i, item) in items.iter().enumerate() {
        let name = format!("{:03}.json", (i * 37) % 125);
        let folder = format!("f{}/g{}", i % 3, i % 5);
        write(
            &d.path().join(folder).join(name),
            &serde_json::to_string_pretty(item).unwrap(),
        );
    }
    out.push(d);

    // 4. Arrays of items in three files, each item twice (identical duplicates collapse),
    //    plus the items again as JSON Lines.
    let d = tempfile::tempdir().unwrap();
    for k in 0..3 {
        let part: Vec<&Value> = items.iter().skip(k).step_by(3).collect();
        write(
            &d.path().join(format!("part-{k}.json")),
            &serde_json::to_string(&part).unwrap(),
        );
    }
    let mut text = String::new();
    for item in &items {
        text.push_str(&serde_json::to_string(item).unwrap());
        text.push('\n');
    }
    write(&d.path().join("z/again.jsonl"), &text);
    out.push(d);
    out
}

fn run(dir: &Path, threads: &str, args: &[&str]) -> Vec<u8> {
    let out = cavra(dir)
        .env("CAVRA_THREADS", threads)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out.stdout
}

#[test]
fn output_is_independent_of_layout_and_threads() {
    let layouts = layouts();
    for args in [
        &["--format", "json", "report"][..],
        &["--format", "table", "report"][..],
        &["--format", "markdown", "report"][..],
        &["--format", "csv", "report", "--section", "executions"][..],
    ] {
        let reference = run(layouts[0].path(), "1", args);
        for layout in &layouts {
            for threads in ["1", "2", "7"] {
                assert!(
                    run(layout.path(), threads, args) == reference,
                    "{args:?} differs for {} with {threads} threads",
                    layout.path().display()
                );
            }
        }
    }
}

#[test]
fn problems_are_listed_in_a_stable_order() {
    // Many bad lines across many blocks and files: the `check` listing must not depend on
    // the thread count.
    let d = tempfile::tempdir().unwrap();
    for f in 0..6 {
        let mut text = String::new();
        for i in 0..400 {
            if i % 7 == 0 {
                text.push_str("{\"metadata_kind\":\"retry-execution-record\",\"provider\":3}\n");
            } else if i % 11 == 0 {
                text.push_str("{not json}\n");
            } else {
                text.push_str(&format!(
                    "{{\"metadata_kind\":\"retry-execution-record\",\"execution_id\":\"e-{f}-{i}\",\"provider\":\"jira\"}}\n"
                ));
            }
        }
        write(&d.path().join(format!("n{f}.ndjson")), &text);
    }
    let check = |threads: &str| {
        let out = cavra(d.path())
            .env("CAVRA_THREADS", threads)
            .arg("check")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        out.stdout
    };
    let one = check("1");
    assert_eq!(check("2"), one);
    assert_eq!(check("5"), one);
}
