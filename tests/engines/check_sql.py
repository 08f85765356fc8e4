#!/usr/bin/env python3
"""sql/retry_recovery_report.sql on a real engine equals `cavra --format json report`.

    python3 tests/engines/check_sql.py --engine duckdb|spark --cavra PATH [EVIDENCE_DIR...]

For each evidence folder (default: every folder under tests/fixtures/ and
../shared/samples/cavra-store), and for two SLOs: runs `cavra --format json report` and
`cavra export` (Parquet) with the same --now, registers the exported tables in the engine
(DuckDB: read_parquet; Spark: spark.read.parquet, one local session for every folder, so one
Spark start), runs the SQL file unchanged, and compares every number and row of the report
with the SQL's sections. Exits 1 listing every difference; prints `N passed, 0 failed`.
The engines are the pinned packages .ci/run installs (duckdb, pyspark with OpenJDK 17).
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SQL = os.path.join(ROOT, "sql", "retry_recovery_report.sql")
NOW = "2026-06-01T08:00:00Z"
NOW_UNIX_S = 1780300800  # 2026-06-01T08:00:00Z: 20605 days * 86400 s + 8 h
SLOS = [240, 45]
TABLES = ["executions", "playbooks", "closures"]
FIXED = ["resolved", "mitigated", "deferred", "escalated", "reopened"]


def statements(text):
    """The SQL file's statements, each with its section name (None for helper views)."""
    out, section, lines = [], None, []
    for line in text.splitlines():
        m = re.match(r"\s*--\s*section:\s*(\w+)", line)
        if m:
            section = m.group(1)
            continue
        if line.strip().startswith("--"):
            continue
        lines.append(line)
        if line.rstrip().endswith(";"):
            stmt = "\n".join(lines).strip().rstrip(";")
            if stmt:
                out.append((section, stmt))
            lines, section = [], None
    return out


class DuckDB:
    def __init__(self):
        import duckdb  # noqa: PLC0415 (imported only for this engine)

        self.duckdb = duckdb

    def open(self, export_dir):
        self.con = self.duckdb.connect()
        for t in TABLES:
            path = os.path.join(export_dir, f"{t}.parquet").replace("'", "''")
            self.con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{path}')")

    def run(self, sql):
        cur = self.con.execute(sql)
        if cur.description is None:
            return []
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def close(self):
        self.con.close()


class Spark:
    def __init__(self):
        from pyspark.sql import SparkSession  # noqa: PLC0415

        # Loopback only: the driver never binds another interface.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        self.spark = (
            SparkSession.builder.master("local[2]")
            .appName("cavra-sql-check")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")

    def open(self, export_dir):
        for t in TABLES:
            self.spark.read.parquet(os.path.join(export_dir, f"{t}.parquet")).createOrReplaceTempView(t)

    def run(self, sql):
        df = self.spark.sql(sql)
        return [r.asDict() for r in df.collect()]

    def close(self):
        pass


def cavra(binary, evidence, *args):
    p = subprocess.run(
        [binary, "--color", "never", "--now", NOW, "--evidence", evidence, *args],
        capture_output=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("CAVRA_")},
    )
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def num(x):
    """Numbers compare as numbers (DuckDB and Spark return ints, floats or Decimals)."""
    if x is None or isinstance(x, (bool, str)):
        return x
    return float(x) if isinstance(x, float) or not float(x).is_integer() else int(x)


def same(a, b):
    a, b = num(a), num(b)
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=0, abs_tol=0)
    return a == b


def compare(report, sections, where, diffs):
    def check(path, want, got):
        if not same(want, got):
            diffs.append(f"{where}: {path}: cavra {want!r}, SQL {got!r}")

    summary = sections["summary"]
    if len(summary) != 1:
        diffs.append(f"{where}: summary has {len(summary)} rows")
        return
    for k, v in summary[0].items():
        check(k, report[k], v)

    for name, key in [("execution_status_counts", "status"), ("closure_state_counts", "state")]:
        got = {r[key]: r["count"] for r in sections[name]}
        want = report[name]
        if sorted(got) != sorted(want):
            diffs.append(f"{where}: {name} keys: cavra {sorted(want)}, SQL {sorted(got)}")
        for k in want:
            check(f"{name}[{k}]", want[k], got.get(k))

    def rows(name, want, got, drop=("position",)):
        if len(want) != len(got):
            diffs.append(f"{where}: {name}: cavra {len(want)} rows, SQL {len(got)}")
        for i, (w, g) in enumerate(zip(want, got)):
            g = {k: v for k, v in g.items() if k not in drop}
            if sorted(w) != sorted(g):
                diffs.append(f"{where}: {name}[{i}] fields: cavra {sorted(w)}, SQL {sorted(g)}")
            for k in w:
                check(f"{name}[{i}].{k}", w[k], g.get(k))

    rows("provider_summary", report["provider_summary"], sections["provider_summary"])
    rows("recovery_rows", report["recovery_rows"], sections["recovery_rows"])
    rows("latest_executions", report["latest_executions"], sections["latest_executions"])

    # closure_trends: rebuild each day's document from the three trend sections.
    trends = []
    for t in sections["closure_trends"]:
        doc = {k: v for k, v in t.items() if k != "position"}
        others = sorted((r["state"], r["count"]) for r in sections["closure_trend_states"] if r["date"] == t["date"])
        for s, n in others:
            doc[f"{s}_count"] = n
        doc["provider_counts"] = {
            r["provider"]: num(r["count"]) for r in sections["closure_trend_providers"] if r["date"] == t["date"]
        }
        trends.append(doc)
    want = report["closure_trends"]
    if len(want) != len(trends):
        diffs.append(f"{where}: closure_trends: cavra {len(want)} days, SQL {len(trends)}")
    for i, (w, g) in enumerate(zip(want, trends)):
        if list(w) != [k for k in w if k in g] or sorted(w) != sorted(g):
            diffs.append(f"{where}: closure_trends[{i}] fields: cavra {list(w)}, SQL {sorted(g)}")
        for k in w:
            if k == "provider_counts":
                if w[k] != g.get(k):
                    diffs.append(f"{where}: closure_trends[{i}].provider_counts: cavra {w[k]}, SQL {g.get(k)}")
            else:
                check(f"closure_trends[{i}].{k}", w[k], g.get(k))


def default_folders():
    fixtures = os.path.join(ROOT, "tests", "fixtures")
    out = [os.path.join(fixtures, d) for d in sorted(os.listdir(fixtures))]
    out.append(os.path.normpath(os.path.join(ROOT, "..", "shared", "samples", "cavra-store")))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["duckdb", "spark"], required=True)
    ap.add_argument("--cavra", required=True)
    ap.add_argument("folders", nargs="*")
    args = ap.parse_args()
    folders = args.folders or default_folders()
    statements_ = statements(open(SQL, encoding="utf-8").read())
    sections_named = [s for s, _ in statements_ if s]
    assert "summary" in sections_named and "recovery_rows" in sections_named, sections_named

    engine = DuckDB() if args.engine == "duckdb" else Spark()
    passed, diffs = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for n, folder in enumerate(folders):
            out = os.path.join(tmp, str(n))
            code_e, _, err_e = cavra(args.cavra, folder, "-q", "export", "--to", out, "--file-format", "parquet")
            if code_e not in (0, 3) or not os.path.exists(os.path.join(out, "manifest.json")):
                diffs.append(f"{folder}: export exited {code_e}: {err_e}")
                continue
            engine.open(out)
            for slo in SLOS:
                where = f"{os.path.relpath(folder, ROOT)} (slo {slo}, {args.engine})"
                code_r, stdout, err_r = cavra(args.cavra, folder, "--format", "json", "report", "--slo-minutes", str(slo))
                if code_r != code_e:
                    diffs.append(f"{where}: report exited {code_r}, export {code_e}: {err_r} {err_e}")
                report = json.loads(stdout)
                engine.run(
                    "CREATE OR REPLACE TEMPORARY VIEW report_params AS SELECT "
                    f"CAST({NOW_UNIX_S} AS BIGINT) AS now_unix_s, 0 AS now_nanos, "
                    f"CAST({slo} AS BIGINT) AS recovery_slo_minutes"
                )
                sections = {}
                for section, stmt in statements_:
                    result = engine.run(stmt)
                    if section:
                        sections[section] = result
                before = len(diffs)
                compare(report, sections, where, diffs)
                if len(diffs) == before:
                    passed += 1
                    print(f"ok {where}: {report['execution_count']} executions, "
                          f"{report['recovery_playbook_provider_count']} rows, "
                          f"{len(report['closure_trends'])} trend days")
            engine.close()
    for d in diffs:
        print(d, file=sys.stderr)
    failed = len(folders) * len(SLOS) - passed
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or diffs else 0)


if __name__ == "__main__":
    main()
