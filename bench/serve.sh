#!/usr/bin/env bash
# Throughput of `cavra serve` on the report GET (docs/serve.md, "Benchmark").
#
#   bench/serve.sh [--dir /tmp/cavra-serve-bench] [--records 10000] [--duration 10s]
#
# Builds the release binary and the benchmark generator, generates N evidence files
# (examples/bench_gen.rs: about 90% executions, 5% playbooks, 5% closures), starts
# `cavra serve` on a free loopback port, and runs wrk (Debian's package: apt-get install wrk)
# with 2 threads and 32 connections against
#   GET /runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery/retry-recovery-report
# twice: with the clock as now (the rendered report is cached per whole second, so it is
# computed again once a second) and with a fixed --now (computed once). Prints requests/s.
# Everything stays on 127.0.0.1, and each run is bounded by --duration.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=/tmp/cavra-serve-bench
records=10000
duration=10s
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) dir="$2"; shift 2 ;;
        --records) records="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        *) echo "usage: bench/serve.sh [--dir DIR] [--records N] [--duration 10s]" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "bench/serve.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }

cargo build --release --quiet --bin cavra --example bench_gen
cavra=target/release/cavra

if [ ! -e "$dir/.generated-$records" ]; then
    rm -rf "$dir"
    target/release/examples/bench_gen "$dir" --files "$records" --ndjson 0
    touch "$dir/.generated-$records"
fi
evidence="$dir/files"

path=/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery/retry-recovery-report

server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

# run LABEL [global cavra options...]: one server, one wrk run.
run() {
    local label="$1"; shift
    local log; log=$(mktemp)
    env -u CAVRA_NOW "$cavra" --evidence "$evidence" "$@" serve --listen 127.0.0.1:0 2>"$log" &
    server_pid=$!
    local addr=""
    for _ in $(seq 1 300); do
        addr=$(sed -n 's|^listening on http://\(.*\)/$|\1|p' "$log")
        [ -n "$addr" ] && break
        sleep 0.1
    done
    [ -n "$addr" ] || { cat "$log" >&2; echo "bench/serve.sh: serve did not start" >&2; exit 1; }
    local url="http://$addr$path?recovery_slo_minutes=240"
    local bytes; bytes=$(curl -sf "$url" | wc -c)
    echo "== $label: $(head -1 "$log" | sed 's/^cavra: //'), response $bytes bytes" >&2
    wrk -t2 -c32 -d"$duration" --latency "$url" | tee "$log.wrk" >&2
    local rps; rps=$(awk '/^Requests\/sec:/ {print $2}' "$log.wrk")
    local errors; errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$log.wrk")
    printf '| %s | %s | %s | %s |\n' "$label" "$rps" "${errors:-0}" "$bytes" >>"$dir/results.md"
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    rm -f "$log" "$log.wrk"
}

: >"$dir/results.md"
run "clock now (cached per second)"
run "fixed --now (cached once)" --now 2026-06-01T08:00:00Z

echo
echo "$records evidence records, wrk -t2 -c32 -d$duration on 127.0.0.1, $(nproc) cores"
echo
echo "| now | requests/s | non-2xx | response bytes |"
echo "|---|---:|---:|---:|"
cat "$dir/results.md"
