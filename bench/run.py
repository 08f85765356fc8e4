#!/usr/bin/env python3
"""cavra benchmark: report time against the floor of reading every byte, and peak memory.

    python3 bench/run.py [--dir /tmp/cavra-bench] [--runs 5] [--files 100000] [--ndjson 1000000]
                         [--small 100000] [--curve 10000,100000,1000000] [--only ...] [--svg FILE]

Builds the release binary and the bench examples (in $CARGO_TARGET_DIR when set), generates
the evidence once (deterministic, examples/bench_gen.rs), then measures in the same run,
alternating the two commands:
  * `cavra --format json report` on the 100,000-file folder of 4 KB files, and the floor:
    reading every byte of the same files with the same number of threads
    (examples/bench_floor.rs);
  * the same on one NDJSON file of 1,000,000 executions;
  * the same on the small-file corpus: 100,000 one-record files of about 1.7 KB (88%
    executions, 6% playbooks, 6% closures, in the original's stored-item shape), as real
    evidence repositories hold;
  * the scale curve (`--curve`): the small-file corpus at each size, time per file and peak
    memory per record, drawn as an SVG (`--svg`, default docs/scale-small-files.svg).
The peak resident memory of each process is wait4's ru_maxrss. Prints medians, the ratio of
the medians, the median of the ratios of each alternating pair (robust to drift during the
run), the fastest runs, and peak memory, as Markdown tables. Warm page cache: each command
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


def measure(cavra, floor, path, runs, env):
    """Alternating runs of the floor and the report over path: a dict of the figures."""
    report = [cavra, "--evidence", path, "--now", "2026-06-01T08:00:00Z", "--format", "json", "report"]
    read = [floor, path]
    run(read, env)
    run(report, env)
    t_floor, t_report, rss_floor, rss_report = [], [], [], []
    for _ in range(runs):
        t, m, _ = run(read, env)
        t_floor.append(t)
        rss_floor.append(m)
        t, m, _ = run(report, env)
        t_report.append(t)
        rss_report.append(m)
    mf, mr = statistics.median(t_floor), statistics.median(t_report)
    return {
        "floor": mf,
        "report": mr,
        "ratio": mr / mf,
        "pair": statistics.median(r / f for f, r in zip(t_floor, t_report)),
        "fastest": (min(t_floor), min(t_report)),
        "rss": (max(rss_floor), max(rss_report)),
    }


def size_mb(path):
    total = 0
    for folder, _, names in os.walk(path):
        for n in names:
            if not n.startswith("."):
                total += os.path.getsize(os.path.join(folder, n))
    return total / 1e6


def generate(gen, out, flag, count, stamp_name):
    """Generates one corpus once (a stamp file says it is complete)."""
    stamp = os.path.join(out, stamp_name)
    if os.path.exists(stamp):
        return
    args = {"--files": "0", "--ndjson": "0", "--small": "0"}
    args[flag] = str(count)
    t, _, _ = run([gen, out] + [x for kv in args.items() for x in kv])
    open(stamp, "w").close()
    print(f"generated {flag} {count:,} in {t:.1f} s", file=sys.stderr)


def svg(points, path, threads):
    """The scale curve as a hand-written SVG: time per file and peak RSS per record against
    the number of files (log scale), cavra report and the floor."""
    w, h, pad_l, pad_r, pad_t, pad_b, gap = 760, 320, 64, 16, 40, 48, 72
    pw = (w - pad_l - pad_r - gap) / 2
    ph = h - pad_t - pad_b
    ns = [p["n"] for p in points]
    import math
    lo, hi = math.log10(min(ns)), math.log10(max(ns))
    span = (hi - lo) or 1.0

    def x(n, panel):
        left = pad_l + panel * (pw + gap)
        return left + (math.log10(n) - lo) / span * pw

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'font-family="sans-serif" font-size="11">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{w/2}" y="16" text-anchor="middle" font-size="13">cavra --format json report on '
        f'small one-record files (~1.7 KB), {threads} threads, warm cache</text>',
    ]
    panels = [
        ("time per file (µs)", [("report", "#c0392b", [p["report"] / p["n"] * 1e6 for p in points]),
                                ("floor: read every byte", "#7f8c8d", [p["floor"] / p["n"] * 1e6 for p in points])]),
        ("peak RSS per record (bytes)", [("report", "#c0392b", [p["rss"][1] * 1048576 / p["n"] for p in points]),
                                         ("floor", "#7f8c8d", [p["rss"][0] * 1048576 / p["n"] for p in points])]),
    ]
    for k, (title, series) in enumerate(panels):
        left = pad_l + k * (pw + gap)
        top_v = max(v for _, _, vs in series for v in vs) * 1.15 or 1.0

        def y(v):
            return pad_t + ph - v / top_v * ph

        out.append(f'<text x="{left + pw/2}" y="{pad_t - 8}" text-anchor="middle" font-weight="bold">{title}</text>')
        out.append(f'<line x1="{left}" y1="{pad_t + ph}" x2="{left + pw}" y2="{pad_t + ph}" stroke="black"/>')
        out.append(f'<line x1="{left}" y1="{pad_t}" x2="{left}" y2="{pad_t + ph}" stroke="black"/>')
        for i in range(5):
            v = top_v * i / 4
            out.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + pw}" y2="{y(v):.1f}" stroke="#eee"/>')
            label = f"{v:.0f}" if top_v >= 20 else f"{v:.1f}"
            out.append(f'<text x="{left - 4}" y="{y(v) + 4:.1f}" text-anchor="end">{label}</text>')
        for n in ns:
            out.append(f'<text x="{x(n, k):.1f}" y="{pad_t + ph + 16}" text-anchor="middle">{n:,}</text>')
        out.append(f'<text x="{left + pw/2}" y="{pad_t + ph + 34}" text-anchor="middle">files (log scale)</text>')
        for j, (name, colour, vs) in enumerate(series):
            pts = " ".join(f"{x(n, k):.1f},{y(v):.1f}" for n, v in zip(ns, vs))
            out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
            for n, v in zip(ns, vs):
                out.append(f'<circle cx="{x(n, k):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
                # The last point's label to its left, so that it stays inside the panel.
                dx, anchor = (-5, "end") if n == ns[-1] else (5, "start")
                out.append(f'<text x="{x(n, k) + dx:.1f}" y="{y(v) - 5:.1f}" fill="{colour}" text-anchor="{anchor}">{v:.1f}</text>')
            out.append(f'<rect x="{left + pw/2 - 60}" y="{pad_t + ph - 36 + j*16}" width="10" height="10" fill="{colour}"/>')
            out.append(f'<text x="{left + pw/2 - 46}" y="{pad_t + ph - 27 + j*16}">{name}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/cavra-bench")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--ndjson", type=int, default=1_000_000)
    ap.add_argument("--small", type=int, default=100_000)
    ap.add_argument("--curve", default="10000,100000,1000000",
                    help="sizes of the small-file corpus for the scale curve ('' for none)")
    ap.add_argument("--curve-runs", type=int, default=None, help="runs per curve point [default: --runs]")
    ap.add_argument("--only", default="files,ndjson,small,curve",
                    help="which measurements, comma-separated: files, ndjson, small, curve")
    ap.add_argument("--svg", default=os.path.join(ROOT, "docs", "scale-small-files.svg"))
    args = ap.parse_args()
    only = set(args.only.split(","))

    subprocess.run(["cargo", "build", "--release", "--bin", "cavra", "--example", "bench_gen",
                    "--example", "bench_floor"], cwd=ROOT, check=True)
    target = os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release")
    cavra = os.path.join(target, "cavra")
    floor = os.path.join(target, "examples", "bench_floor")
    gen = os.path.join(target, "examples", "bench_gen")
    os.makedirs(args.dir, exist_ok=True)

    env = dict(os.environ)
    env.pop("CAVRA_NOW", None)
    threads = env.get("CAVRA_THREADS") or str(os.cpu_count())
    env["CAVRA_THREADS"] = threads  # both cavra and the floor read it

    rows = []
    if "files" in only:
        generate(gen, args.dir, "--files", args.files, f".files-{args.files}")
        rows.append((f"{args.files:,} files (4 KB)", os.path.join(args.dir, "files")))
    if "ndjson" in only:
        generate(gen, args.dir, "--ndjson", args.ndjson, f".ndjson-{args.ndjson}")
        rows.append((f"NDJSON, {args.ndjson:,} executions", os.path.join(args.dir, "ndjson")))
    if "small" in only:
        generate(gen, args.dir, "--small", args.small, f".small-{args.small}")
        path = os.path.join(args.dir, f"small-{args.small}")
        rows.append((f"{args.small:,} small files ({size_mb(path):.0f} MB)", path))

    if rows:
        print(f"\n{args.runs} runs each, alternating, {threads} threads, warm cache; medians.\n")
        print("| evidence | floor: read every byte | cavra report --format json | ratio of medians | median of paired ratios | fastest floor / report | peak RSS floor | peak RSS report |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, path in rows:
        m = measure(cavra, floor, path, args.runs, env)
        lf, lr = m["fastest"]
        rf, rr = m["rss"]
        print(f"| {name} | {m['floor']*1000:.0f} ms | {m['report']*1000:.0f} ms | {m['ratio']:.2f}x | {m['pair']:.2f}x | {lf*1000:.0f} / {lr*1000:.0f} ms | {rf:.1f} MiB | {rr:.1f} MiB |", flush=True)

    sizes = [int(s) for s in args.curve.split(",") if s.strip()] if "curve" in only else []
    if sizes:
        runs = args.curve_runs or args.runs
        points = []
        print(f"\nScale curve: small files, {runs} runs each, alternating, {threads} threads, warm cache; medians.\n")
        print("| files | MB | floor | report | ratio | time per file (report) | peak RSS floor / report | RSS per record | added RSS per added record |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            generate(gen, args.dir, "--small", n, f".small-{n}")
            path = os.path.join(args.dir, f"small-{n}")
            m = measure(cavra, floor, path, runs, env)
            m["n"] = n
            per_file = m["report"] / n * 1e6
            rss = m["rss"][1]
            added = ""
            if points:
                prev = points[-1]
                added = f"{(rss - prev['rss'][1]) * 1048576 / (n - prev['n']):.1f} B"
            points.append(m)
            print(f"| {n:,} | {size_mb(path):.0f} | {m['floor']*1000:.0f} ms | {m['report']*1000:.0f} ms | {m['ratio']:.2f}x | {per_file:.2f} µs | {m['rss'][0]:.1f} / {rss:.1f} MiB | {rss*1048576/n:.0f} B | {added} |", flush=True)
        if len(points) > 1:
            svg(points, args.svg, threads)
            print(f"\nwrote {args.svg}", file=sys.stderr)


if __name__ == "__main__":
    main()
