#!/usr/bin/env bash
# Soak test of `cavra serve` (issue 8): bounded concurrent reads and writes for N minutes,
# with command-line writers killed by SIGKILL at random moments; then checks that every
# file parses, `cavra check` is clean and no temporary file is left. Not part of cargo test.
#
#   bench/soak.sh [--minutes 5] [--dir /tmp/cavra-soak] [--readers 4] [--writers 2] [--killers 2]
#
# Everything stays on 127.0.0.1. Prints request counts by status and the number of writers
# killed; exits 1 if any check fails (a 5xx, a file that does not parse, a problem, a
# temporary file left).
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=5
dir=/tmp/cavra-soak
readers=4
writers=2
killers=2
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        --readers) readers="$2"; shift 2 ;;
        --writers) writers="$2"; shift 2 ;;
        --killers) killers="$2"; shift 2 ;;
        *) echo "usage: bench/soak.sh [--minutes N] [--dir DIR] [--readers N] [--writers N] [--killers N]" >&2; exit 2 ;;
    esac
done

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/cavra"
rm -rf "$dir"
mkdir -p "$dir/log"
cp -r tests/fixtures/flow "$dir/evidence"
ev="$dir/evidence"
base=/runtime/go-pilot/rollback-drill-notifications/acknowledgements/audit-delivery

"$bin" --evidence "$ev" serve --listen 127.0.0.1:0 2>"$dir/log/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    addr=$(sed -n 's#^listening on http://\(.*\)/$#\1#p' "$dir/log/serve.log")
    [ -n "$addr" ] && break
    sleep 0.1
done
[ -n "$addr" ] || { echo "serve did not start"; cat "$dir/log/serve.log"; exit 1; }
end=$(( $(date +%s) + minutes * 60 ))
echo "soak: $minutes min on http://$addr/ ($readers readers, $writers HTTP writers, $killers killed CLI writers)"

reader() {
    local out="$dir/log/reader-$1"
    while [ "$(date +%s)" -lt "$end" ]; do
        for path in "$base/retry-recovery-report" "$base/dashboard" /healthz /metrics; do
            curl -s -o /dev/null -m 10 -w '%{http_code}\n' "http://$addr$path" >>"$out" || echo 000 >>"$out"
        done
    done
}
writer() {
    local out="$dir/log/writer-$1" n=0
    while [ "$(date +%s)" -lt "$end" ]; do
        n=$((n + 1))
        curl -s -o /dev/null -m 10 -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
            -d "{\"provider\": \"jira\", \"acknowledged_by\": \"soak-$1-$n\"}" \
            "http://$addr$base/recovery-escalations/esc-fixture/acknowledgements" >>"$out" || echo 000 >>"$out"
    done
}
killer() {
    local out="$dir/log/killer-$1" n=0
    while [ "$(date +%s)" -lt "$end" ]; do
        n=$((n + 1))
        "$bin" -q --evidence "$ev" ack esc-fixture --provider servicenow --by "killed-$1-$n" \
            >/dev/null 2>&1 &
        local pid=$!
        sleep "0.00$((RANDOM % 10))"
        kill -9 "$pid" 2>/dev/null && echo killed >>"$out" || echo finished >>"$out"
        wait "$pid" 2>/dev/null || true
    done
}
pids=()
for i in $(seq "$readers"); do reader "$i" & pids+=($!); done
for i in $(seq "$writers"); do writer "$i" & pids+=($!); done
for i in $(seq "$killers"); do killer "$i" & pids+=($!); done
wait "${pids[@]}"
kill -TERM "$server"
wait "$server" || true
trap - EXIT

fail=0
echo "reads by status:";  cat "$dir"/log/reader-* | sort | uniq -c
echo "writes by status:"; cat "$dir"/log/writer-* | sort | uniq -c
echo "CLI writers: $(cat "$dir"/log/killer-* | grep -c killed) killed, $(cat "$dir"/log/killer-* | grep -c finished) finished"
if cat "$dir"/log/reader-* "$dir"/log/writer-* | grep -qE '^(5..|000)$'; then
    echo "FAIL: 5xx answers or failed requests"; fail=1
fi
# One more writer removes the temporary files that killed writers left (issue 8, defect 4).
"$bin" -q --evidence "$ev" ack esc-fixture --provider servicenow --by soak-final >/dev/null
if ! python3 - "$ev" <<'PY'
import json, os, sys
bad = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".json") and not f.startswith("."):
            try:
                json.load(open(os.path.join(root, f)))
            except Exception as e:
                print("does not parse:", os.path.join(root, f), e); bad += 1
print("files parsed:", sum(len([f for f in fs if f.endswith('.json')]) for _, _, fs in os.walk(sys.argv[1])))
sys.exit(1 if bad else 0)
PY
then fail=1; fi
left=$(find "$ev" -name '.*.tmp-*' | wc -l)
echo "temporary files left: $left"
[ "$left" -eq 0 ] || fail=1
if ! "$bin" --evidence "$ev" check | tail -1 | grep -q ' 0 problems$'; then
    echo "FAIL: cavra check is not clean"; "$bin" --evidence "$ev" check | tail -5; fail=1
fi
[ "$fail" -eq 0 ] && echo "soak: OK" || echo "soak: FAILED"
exit "$fail"
