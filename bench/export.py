#!/usr/bin/env python3
"""cavra export benchmark: 1,000,000 executions to Parquet and NDJSON, then the report in SQL
on DuckDB beside `cavra report` on the same evidence.

    python3 bench/export.py [--dir /tmp/cavra-bench-export] [--runs 3] [--ndjson 1000000] [--files 2000]

Builds the release binary and bench_gen, generates the evidence once (deterministic:
examples/bench_gen.rs writes FILES single-record files, about 90% executions and 5% each
playbooks and closures, plus one NDJSON file of NDJSON executions), then measures, with a
warm page cache and RUNS runs each (medians):
  * `cavra export --file-format parquet` and `--file-format ndjson`: wall time, rows/s
    (rows of every table / wall time, which includes reading and validating the evidence),
    peak resident memory (wait4's ru_maxrss), bytes on disk of the tables;
  * sql/retry_recovery_report.sql on DuckDB (the pinned Python package, in process, every
    statement, results fetched) over the Parquet export, and `cavra --format json report`
    over the evidence itself.
Prints a Markdown table. Needs duckdb (pip install -r tests/engines/requirements.txt).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "engines"))
from check_sql import NOW, NOW_UNIX_S, SQL, statements  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as run_py  # noqa: E402  (bench/run.py: one process runner for both benches)


def run(cmd, env=None):
    """Runs cmd; returns (seconds, peak RSS in MiB): bench/run.py's runner."""
    elapsed, rss, _ = run_py.run(cmd, env)
    return elapsed, rss


def size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/cavra-bench-export")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ndjson", type=int, default=1_000_000)
    ap.add_argument("--files", type=int, default=2000)
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--features", "parquet", "--bin", "cavra", "--example", "bench_gen"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    cavra = os.path.join(target, "release", "cavra")
    gen = os.path.join(target, "release", "examples", "bench_gen")

    evidence = os.path.join(args.dir, "evidence")
    stamp = os.path.join(args.dir, f".generated-{args.files}-{args.ndjson}")
    if not os.path.exists(stamp):
        subprocess.run(["rm", "-rf", args.dir], check=True)
        run([gen, evidence, "--files", str(args.files), "--ndjson", str(args.ndjson)])
        open(stamp, "w").close()

    env = {k: v for k, v in os.environ.items() if not k.startswith("CAVRA_")}
    base = [cavra, "--evidence", evidence, "--now", NOW, "-q"]
    results = {}
    for fmt in ["parquet", "ndjson"]:
        out = os.path.join(args.dir, f"export-{fmt}")
        cmd = base + ["export", "--file-format", fmt, "--to", out]
        run(cmd, env)
        times, rss = [], []
        for _ in range(args.runs):
            t, m = run(cmd, env)
            times.append(t)
            rss.append(m)
        manifest = json.load(open(os.path.join(out, "manifest.json")))
        rows = sum(t["rows"] for t in manifest["tables"])
        executions = next(t["rows"] for t in manifest["tables"] if t["name"] == "executions")
        results[fmt] = dict(
            time=statistics.median(times), rss=max(rss), rows=rows, executions=executions,
            bytes=size(out) - os.path.getsize(os.path.join(out, "manifest.json")),
        )

    report = base + ["--format", "json", "report"]
    run(report, env)
    t_report, rss_report = [], []
    for _ in range(args.runs):
        t, m = run(report, env)
        t_report.append(t)
        rss_report.append(m)

    import duckdb  # noqa: PLC0415

    stmts = statements(open(SQL, encoding="utf-8").read())
    out = os.path.join(args.dir, "export-parquet")
    t_sql = []
    for i in range(args.runs + 1):
        start = time.perf_counter()
        con = duckdb.connect()
        for t in ["executions", "playbooks", "closures"]:
            con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{os.path.join(out, t + '.parquet')}')")
        con.execute(
            "CREATE OR REPLACE TEMPORARY VIEW report_params AS SELECT "
            f"CAST({NOW_UNIX_S} AS BIGINT) AS now_unix_s, 0 AS now_nanos, CAST(240 AS BIGINT) AS recovery_slo_minutes"
        )
        for _, s in stmts:
            con.execute(s).fetchall()
        con.close()
        if i:  # the first run warms the cache
            t_sql.append(time.perf_counter() - start)

    source_bytes = size(evidence)
    p, n = results["parquet"], results["ndjson"]
    print(f"\nevidence: {p['executions']:,} executions ({p['rows']:,} rows in all tables), "
          f"{source_bytes / 2**20:.0f} MiB of JSON/NDJSON; {os.cpu_count()} cores; "
          f"{args.runs} runs each, medians, warm cache.\n")
    print("| what | wall time | rows/s | peak RSS | bytes on disk |")
    print("|---|---:|---:|---:|---:|")
    for name, r in [("cavra export, Parquet", p), ("cavra export, NDJSON", n)]:
        print(f"| {name} | {r['time']:.2f} s | {r['rows'] / r['time']:,.0f} | {r['rss']:.0f} MiB | "
              f"{r['bytes'] / 2**20:.1f} MiB |")
    print(f"\nParquet is {p['bytes'] / n['bytes'] * 100:.1f}% of the NDJSON export's bytes "
          f"({n['bytes'] / p['bytes']:.1f}x smaller) and {p['bytes'] / source_bytes * 100:.1f}% of the evidence's.\n")
    print("| the report | wall time |")
    print("|---|---:|")
    print(f"| `cavra --format json report` on the evidence | {statistics.median(t_report):.2f} s "
          f"(peak RSS {max(rss_report):.0f} MiB) |")
    print(f"| sql/retry_recovery_report.sql on DuckDB {duckdb.__version__}, over the Parquet export | "
          f"{statistics.median(t_sql):.2f} s |")


if __name__ == "__main__":
    main()
