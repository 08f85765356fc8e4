#!/usr/bin/env python3
"""cavra benchmark: report time against the floor of reading every byte, and peak memory.

    python3 bench/run.py [--dir /tmp/cavra-bench] [--runs 5] [--files 100000] [--ndjson 1000000]

Builds the release binary and the bench examples, generates the evidence once (deterministic,
examples/bench_gen.rs), then measures in the same run, alternating the two commands:
  * `cavra --format json report` on the 100,000-file folder, and the floor: reading every byte
    of the same files with the same number of threads (examples/bench_floor.rs);
  * the same on one NDJSON file of 1,000,000 executions, with the peak resident memory of
    each process (wait4's ru_maxrss).
Prints medians, the ratio of the medians, the median of the ratios of each alternating pair
(robust to drift during the run), the fastest runs, and peak memory, as a Markdown table. Warm page cache: each command
runs once before timing.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, env=None):
    """Runs cmd, discarding stdout; returns (seconds, peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} exited {code}:\n{err}")
    return elapsed, usage.ru_maxrss / 1024.0, code


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/cavra-bench")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--ndjson", type=int, default=1_000_000)
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--bin", "cavra", "--example", "bench_gen",
                    "--example", "bench_floor"], cwd=ROOT, check=True)
    target = os.path.join(ROOT, "target", "release")
    cavra = os.path.join(target, "cavra")
    floor = os.path.join(target, "examples", "bench_floor")
    gen = os.path.join(target, "examples", "bench_gen")

    stamp = os.path.join(args.dir, f".generated-{args.files}-{args.ndjson}")
    if not os.path.exists(stamp):
        subprocess.run(["rm", "-rf", args.dir], check=True)
        t, _, _ = run([gen, args.dir, "--files", str(args.files), "--ndjson", str(args.ndjson)])
        open(stamp, "w").close()
        print(f"generated {args.dir} in {t:.1f} s", file=sys.stderr)

    env = dict(os.environ)
    env.pop("CAVRA_NOW", None)
    threads = env.get("CAVRA_THREADS") or str(os.cpu_count())
    env["CAVRA_THREADS"] = threads

    rows = []
    for name, folder in [(f"{args.files:,} files", "files"), (f"NDJSON, {args.ndjson:,} executions", "ndjson")]:
        path = os.path.join(args.dir, folder)
        report = [cavra, "--evidence", path, "--now", "2026-06-01T08:00:00Z", "--format", "json", "report"]
        read = [floor, path]
        run(read, env)
        run(report, env)
        t_floor, t_report, rss_floor, rss_report = [], [], [], []
        for _ in range(args.runs):
            t, m, _ = run(read, env)
            t_floor.append(t)
            rss_floor.append(m)
            t, m, _ = run(report, env)
            t_report.append(t)
            rss_report.append(m)
        mf, mr = statistics.median(t_floor), statistics.median(t_report)
        pair = statistics.median(r / f for f, r in zip(t_floor, t_report))
        rows.append((name, mf, mr, mr / mf, pair, min(t_floor), min(t_report), max(rss_floor), max(rss_report)))

    print(f"\n{args.runs} runs each, alternating, {threads} threads, warm cache; medians.\n")
    print("| evidence | floor: read every byte | cavra report --format json | ratio of medians | median of paired ratios | fastest floor / report | peak RSS floor | peak RSS report |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, mf, mr, ratio, pair, lf, lr, rf, rr in rows:
        print(f"| {name} | {mf*1000:.0f} ms | {mr*1000:.0f} ms | {ratio:.2f}x | {pair:.2f}x | {lf*1000:.0f} / {lr*1000:.0f} ms | {rf:.1f} MiB | {rr:.1f} MiB |")


if __name__ == "__main__":
    main()
