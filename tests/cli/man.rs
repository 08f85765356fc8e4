//! The committed man pages under `man/` are exactly what clap_mangen makes of the command
//! line: `cavra.1` and one `cavra-<subcommand>.1` per subcommand. `UPDATE_MAN=1 cargo test man`
//! rewrites them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use clap::CommandFactory;

use crate::common::root;

/// Every `*.1` file of a folder, by name.
fn pages(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "1"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

#[test]
fn committed_man_pages_are_current() {
    let fresh = tempfile::tempdir().unwrap();
    clap_mangen::generate_to(cavra::cli::Cli::command(), fresh.path()).unwrap();
    let made = pages(fresh.path());
    // Pages for these commands, not just any output: the main page names every subcommand and
    // the serve page its alias (an empty generation would also "match" an empty folder).
    let main = String::from_utf8_lossy(&made["cavra.1"]);
    for sub in ["report", "retry-plan", "verify", "serve", "completions"] {
        // roff escapes every hyphen of a name.
        let roff = format!("cavra\\-{}(1)", sub.replace('-', "\\-"));
        assert!(main.contains(&roff), "cavra.1 lacks {sub}");
        assert!(
            made.contains_key(&format!("cavra-{sub}.1")),
            "no page for {sub}"
        );
    }
    assert!(String::from_utf8_lossy(&made["cavra-serve.1"]).contains("cavra api"));

    let dir = root().join("man");
    if std::env::var_os("UPDATE_MAN").is_some_and(|v| v == "1") {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &made {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = pages(&dir);
    let stale: BTreeSet<&String> = made
        .keys()
        .chain(committed.keys())
        .filter(|n| made.get(*n) != committed.get(*n))
        .collect();
    assert!(
        stale.is_empty(),
        "stale or missing man pages {stale:?}: run UPDATE_MAN=1 cargo test man"
    );
}
