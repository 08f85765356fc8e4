#![allow(clippy::print_stdout)] // A benchmark program: printing its figure is its job.
//! The benchmark's floor: read every byte of every evidence file under a folder, with the
//! same number of threads cavra uses, and do nothing with it.
//!
//! ```text
//! cargo run --release --example bench_floor -- DIR
//! ```
//!
//! Threads: `CAVRA_THREADS`, else the available cores (as cavra). Files are walked in the
//! same order and handed out from one queue, as cavra does; NDJSON files are read by the
//! handing-out thread in 1 MiB blocks.

use std::io::Read;
use std::sync::Mutex;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: bench_floor DIR");
    let threads = std::env::var("CAVRA_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut small = Vec::new();
    let mut streams = Vec::new();
    for e in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let e = e.expect("walk");
        if !e.file_type().is_file() {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            small.push(e.into_path());
        } else if name.ends_with(".ndjson") || name.ends_with(".jsonl") {
            streams.push(e.into_path());
        }
    }
    let queue = Mutex::new(small.into_iter());
    let total = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut bytes = 0u64;
                    loop {
                        let next = queue.lock().expect("queue").next();
                        let Some(path) = next else { break };
                        bytes += std::fs::read(&path).expect("read").len() as u64;
                    }
                    bytes
                })
            })
            .collect();
        let mut bytes = 0u64;
        let mut buf = vec![0u8; 1 << 20];
        for path in &streams {
            let mut f = std::fs::File::open(path).expect("open");
            loop {
                let n = f.read(&mut buf).expect("read");
                if n == 0 {
                    break;
                }
                bytes += n as u64;
            }
        }
        bytes
            + handles
                .into_iter()
                .map(|h| h.join().expect("join"))
                .sum::<u64>()
    });
    println!("{total} bytes");
}
