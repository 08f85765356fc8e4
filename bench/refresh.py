#!/usr/bin/env python3
"""cavra serve refresh benchmark: a full read of the small-file corpus against the
incremental refresh after one file is touched, and the server's peak memory.

    python3 bench/refresh.py [--dir /tmp/cavra-bench-refresh] [--small 100000] [--runs 5]
                             [--touches 5] [--base OLD_CAVRA]

Builds the release binary and bench_gen (in $CARGO_TARGET_DIR when set), generates the
small-file corpus once (examples/bench_gen.rs --small: one-record files of about 1.7 KB in
folders of 1,000), then starts `cavra serve` over it RUNS times (`--now` fixed, port 0). Per
server:
  * the start-up read: `cavra_refresh_seconds` of /metrics (the fingerprint's walk and stat,
    then every file read), and the wall time until `listening on` (process start included);
  * the first report GET (the report computed and rendered);
  * TOUCHES times: one file's modification time is set to now (os.utime; content unchanged,
    so the report stays the same), /metrics is polled every 20 ms until the watcher's
    refresh shows (`cavra_refresh_seconds` changes; `cavra_refresh_files_read` must be 1 and
    `cavra_refresh_full` 0), then the report GET again (computed anew for the new snapshot);
  * the peak resident memory (VmHWM of /proc/PID/status) after the first report, and at the
    end; then the CPU the idle server spends (its watcher) over 12 s, per second.
With --base, an older binary without the refresh metrics is started the same way, after
each server of this one, for the memory and start-up comparison (its watcher reads every file again after a touch: the script
waits the start-up time plus 2 s for it, then GETs the report, as above: the cache keeps the
rendered report of each generation). Prints medians as Markdown tables.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as run_py  # noqa: E402  (bench/run.py: the corpus generator)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-06-01T08:00:00Z"
IDLE = 12  # seconds of an idle server measured for the watcher's own cost
REPORT = "/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery/retry-recovery-report"


def get(base, path):
    """GETs path; returns (seconds, body as text)."""
    start = time.perf_counter()
    with urllib.request.urlopen(base + path, timeout=120) as r:
        body = r.read().decode()
    return time.perf_counter() - start, body


def metric(text, name):
    m = re.search(rf"^{name} (\S+)$", text, re.M)
    return float(m.group(1)) if m else None


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def cpu_seconds(pid):
    """User plus system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu(pid, seconds):
    """CPU seconds per second the process spends over `seconds` with nothing changing."""
    before = cpu_seconds(pid)
    time.sleep(seconds)
    return (cpu_seconds(pid) - before) / seconds


def start(cavra, path):
    """Starts serve; returns (process, base URL, seconds until it listens)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [cavra, "--evidence", path, "--now", NOW, "serve", "--listen", "127.0.0.1:0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr:
        m = re.match(r"listening on (http://\S+)/", line)
        if m:
            return p, m.group(1), time.perf_counter() - t0
    sys.exit(f"{cavra} serve exited {p.wait()} before listening")


def stop(p):
    p.terminate()
    p.wait()


def files_of(path):
    out = []
    for folder, _, names in os.walk(path):
        out.extend(os.path.join(folder, n) for n in names if n.endswith(".json"))
    out.sort()
    return out


def touch(path):
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def run_new(cavra, path, files, touches, r, k):
    """One server of this binary: adds its figures to r; k numbers the files touched."""
    p, base, listen = start(cavra, path)
    r["listen"].append(listen)
    _, text = get(base, "/metrics")
    r["full"].append(metric(text, "cavra_refresh_seconds"))
    r["report"].append(get(base, REPORT)[0])
    r["rss0"].append(peak_rss_mib(p.pid))
    last = metric(text, "cavra_refresh_seconds")
    for _ in range(touches):
        k += 1
        touch(files[(k * 7919) % len(files)])
        deadline = time.time() + 60
        while True:
            time.sleep(0.02)
            _, text = get(base, "/metrics")
            seconds = metric(text, "cavra_refresh_seconds")
            if seconds != last:
                break
            if time.time() > deadline:
                sys.exit("no refresh within 60 s")
        last = seconds
        read, full = metric(text, "cavra_refresh_files_read"), metric(text, "cavra_refresh_full")
        if (read, full) != (1, 0):
            sys.exit(f"the refresh read {read} files (full: {full}); expected 1 (0)")
        r["refresh"].append(seconds)
        r["report_after"].append(get(base, REPORT)[0])
    r["rss"].append(peak_rss_mib(p.pid))
    r["idle"].append(idle_cpu(p.pid, IDLE))
    stop(p)
    return k


def run_base(cavra, path, files, touches, r, k):
    """One server of the older binary (no refresh metrics): start-up, memory, idle CPU."""
    p, base, listen = start(cavra, path)
    r["listen"].append(listen)
    get(base, REPORT)
    r["rss0"].append(peak_rss_mib(p.pid))
    for _ in range(touches):
        k += 1
        touch(files[(k * 7919) % len(files)])
        time.sleep(listen + 2)
        get(base, REPORT)
    r["rss"].append(peak_rss_mib(p.pid))
    r["idle"].append(idle_cpu(p.pid, IDLE))
    stop(p)
    return k


def ms(values):
    return f"{statistics.median(values) * 1000:.0f} ms"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/cavra-bench-refresh")
    ap.add_argument("--small", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--touches", type=int, default=5)
    ap.add_argument("--base", help="an older cavra binary to compare start-up and memory with")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--bin", "cavra", "--example", "bench_gen"],
                   cwd=ROOT, check=True)
    target = os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release")
    cavra = os.path.join(target, "cavra")
    gen = os.path.join(target, "examples", "bench_gen")
    os.makedirs(args.dir, exist_ok=True)
    run_py.generate(gen, args.dir, "--small", args.small, f".small-{args.small}")
    path = os.path.join(args.dir, f"small-{args.small}")
    files = files_of(path)
    threads = os.environ.get("CAVRA_THREADS") or str(os.cpu_count())

    keys = ("listen", "full", "report", "refresh", "report_after", "rss0", "rss", "idle")
    new = {key: [] for key in keys}
    old = {key: [] for key in keys}
    k = 0
    # Alternating, so that the load of a shared machine weighs on both alike.
    for _ in range(args.runs):
        k = run_new(cavra, path, files, args.touches, new, k)
        if args.base:
            k = run_base(args.base, path, files, args.touches, old, k)
    full, refresh = statistics.median(new["full"]), statistics.median(new["refresh"])
    print(f"\n{len(files):,} files, {threads} threads, warm cache; {args.runs} servers, "
          f"{args.touches} touches each; medians.\n")
    print("| full read (start-up) | refresh after touching one file | refresh / full | report GET after start-up | report GET after a refresh |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {ms(new['full'])} | {ms(new['refresh'])} | {refresh / full * 100:.1f}% | "
          f"{ms(new['report'])} | {ms(new['report_after'])} |")
    slow = [x for x in new["refresh"] if x > 0.1]
    print(f"\nfastest full read {min(new['full']) * 1000:.0f} ms, slowest refresh "
          f"{max(new['refresh']) * 1000:.0f} ms; {len(slow)} of {len(new['refresh'])} refreshes over "
          f"100 ms (those that fell on the watcher's look at every file).")

    print("\n| binary | start-up until listening | peak RSS after start-up and a report | peak RSS after the touches | idle watcher CPU |")
    print("|---|---:|---:|---:|---:|")
    rows = [("this one", new)] + ([(args.base, old)] if args.base else [])
    for name, r in rows:
        print(f"| {name} | {ms(r['listen'])} | {statistics.median(r['rss0']):.1f} MiB | "
              f"{statistics.median(r['rss']):.1f} MiB | {statistics.median(r['idle']) * 1000:.0f} ms/s |")


if __name__ == "__main__":
    main()
