-- The retry recovery report (SPEC §3) in SQL, over the tables of `cavra export`.
--
-- Runs unchanged on DuckDB and on Spark SQL (tests/engines/ runs it on both, on every fixture
-- and on the sample store, and compares every number with `cavra --format json report`).
-- Portable on purpose: no engine-specific date or epoch function; instants are ordered and
-- subtracted through the exported `<field>_unix_s` and `<field>_nanos` columns, which are
-- exact to the nanosecond.
--
-- Input: the views (or tables) `executions`, `playbooks` and `closures` over the export's
-- files, and a one-row view `report_params` with
--   now_unix_s            BIGINT  -- now, whole seconds since 1970-01-01T00:00:00Z (floored)
--   now_nanos             INT     -- nanoseconds within that second
--   recovery_slo_minutes  BIGINT  -- the effective SLO (240 when the request says 0 or none)
-- for example: CREATE OR REPLACE TEMPORARY VIEW report_params AS
--   SELECT CAST(1780300800 AS BIGINT) AS now_unix_s, 0 AS now_nanos,
--          CAST(240 AS BIGINT) AS recovery_slo_minutes
--
-- The file is a list of statements, each ending with a semicolon at the end of a line: first
-- helper views, then one SELECT per section of the report, each after a line
-- `-- section: NAME`. Run the statements in order and read each section's result.
--
-- Where SQL does not match the spec exactly:
-- * execution_success_rate is ROUND(success / count, 4) on a DOUBLE. The spec rounds like
--   Python's round(x, 4): half to even on the exact binary value. The engines round half away
--   from zero (Spark on the decimal text of the double), so the two can differ in the fourth
--   decimal when success / count lies exactly on, or within one ulp of, a half
--   (1 / 32 = 0.03125: cavra 0.0312, SQL 0.0313).
-- * Trend dates are computed as DATE '1970-01-01' + days and cast to text: dates outside the
--   years 0001-9999 (reachable only through an offset at the very ends of the timestamp
--   grammar) are written as each engine writes them, where cavra writes `+10000-01-01`.
-- * failure_count is a 64-bit integer in the export; a count outside that range (which the
--   spec reads as an integer of any size) is null there and 0 here.
-- * The closure_trends fields `<state>_count` of the spec are rows (date, state, count) in
--   section `closure_trend_states`; provider_counts are rows in `closure_trend_providers`.
-- * Over a union of several exports (the `source` column), ids are compared as they are:
--   run the report per source by filtering each table on `source` first, as the spec's
--   report covers one evidence folder.

-- Closures ranked by the tie rule of §2.4: newest instant first, unknown instants last,
-- equal instants by id ascending (the smaller id counts as the later one).
CREATE OR REPLACE TEMPORARY VIEW cavra_closures AS
SELECT
  c.closure_id,
  c.playbook_id,
  c.provider,
  COALESCE(c.closure_state, 'unknown') AS state,
  c.closure_state,
  c.closed_at_text,
  c.closed_at_unix_s,
  c.closed_at_nanos,
  CASE WHEN c.closed_at_unix_s IS NULL THEN NULL
       ELSE CAST(FLOOR(CAST(c.closed_at_unix_s AS DOUBLE) / 86400) AS BIGINT) END AS closed_day,
  ROW_NUMBER() OVER (
    PARTITION BY c.playbook_id, c.provider
    ORDER BY c.closed_at_unix_s DESC NULLS LAST, c.closed_at_nanos DESC NULLS LAST, c.closure_id ASC
  ) AS row_rank,
  ROW_NUMBER() OVER (
    PARTITION BY c.provider
    ORDER BY c.closed_at_unix_s DESC NULLS LAST, c.closed_at_nanos DESC NULLS LAST, c.closure_id ASC
  ) AS provider_rank
FROM closures c;

-- One recovery row per provider playbook, with its latest closure (§3.3).
CREATE OR REPLACE TEMPORARY VIEW cavra_rows_base AS
SELECT
  p.playbook_id,
  p.entry_index,
  p.provider,
  p.category,
  COALESCE(p.failure_count, 0) AS failure_count,
  p.generated_at_text AS generated_at,
  p.generated_at_unix_s AS generated_unix_s,
  p.generated_at_nanos AS generated_nanos,
  -- floor((now - generated_at) / 60 s): borrowing a second when the nanoseconds go below
  -- zero keeps the floor exact (a part of a second never crosses a whole minute).
  CASE WHEN p.generated_at_unix_s IS NULL THEN NULL
       ELSE CAST(FLOOR(CAST(prm.now_unix_s - p.generated_at_unix_s
                            - CASE WHEN prm.now_nanos < p.generated_at_nanos THEN 1 ELSE 0 END
                            AS DOUBLE) / 60) AS BIGINT) END AS age_minutes,
  prm.recovery_slo_minutes,
  COALESCE(c.closure_state, 'open') AS closure_state,
  COALESCE(c.closure_id, '') AS closure_id,
  COALESCE(c.closed_at_text, '') AS closed_at,
  CASE WHEN c.closed_at_unix_s IS NULL OR p.generated_at_unix_s IS NULL THEN NULL
       ELSE CAST(FLOOR(CAST(c.closed_at_unix_s - p.generated_at_unix_s
                            - CASE WHEN c.closed_at_nanos < p.generated_at_nanos THEN 1 ELSE 0 END
                            AS DOUBLE) / 60) AS BIGINT) END AS closure_minutes
FROM playbooks p
CROSS JOIN report_params prm
LEFT JOIN cavra_closures c
  ON c.playbook_id = p.playbook_id AND c.provider = p.provider AND c.row_rank = 1;

CREATE OR REPLACE TEMPORARY VIEW cavra_rows AS
SELECT
  b.*,
  CASE WHEN b.closure_state IN ('resolved', 'mitigated') THEN 1 ELSE 0 END AS is_closed,
  CASE WHEN b.closure_state NOT IN ('resolved', 'mitigated')
            AND b.age_minutes IS NOT NULL AND b.age_minutes > b.recovery_slo_minutes
       THEN 1 ELSE 0 END AS is_breached
FROM cavra_rows_base b;

-- Executions ranked by the same tie rule, per provider and overall.
CREATE OR REPLACE TEMPORARY VIEW cavra_executions AS
SELECT
  e.*,
  ROW_NUMBER() OVER (
    PARTITION BY e.provider
    ORDER BY e.executed_at_unix_s DESC NULLS LAST, e.executed_at_nanos DESC NULLS LAST, e.execution_id ASC
  ) AS provider_rank,
  ROW_NUMBER() OVER (
    ORDER BY e.executed_at_unix_s DESC NULLS LAST, e.executed_at_nanos DESC NULLS LAST, e.execution_id ASC
  ) AS overall_rank
FROM executions e;

CREATE OR REPLACE TEMPORARY VIEW cavra_totals AS
SELECT
  (SELECT COUNT(*) FROM executions) AS execution_count,
  (SELECT COUNT(*) FROM executions WHERE execution_status = 'delivered') AS execution_success_count,
  (SELECT COUNT(*) FROM executions WHERE execution_status IN ('failed', 'skipped')) AS execution_failed_count,
  (SELECT COUNT(*) FROM cavra_rows) AS recovery_playbook_provider_count,
  (SELECT COUNT(*) FROM cavra_rows WHERE is_closed = 1) AS recovery_closed_count,
  (SELECT COUNT(*) FROM cavra_rows WHERE is_closed = 0) AS recovery_open_count,
  (SELECT COUNT(*) FROM cavra_rows WHERE is_breached = 1) AS recovery_slo_breached_count;

-- section: summary
SELECT
  CASE WHEN t.recovery_slo_breached_count > 0 OR t.execution_failed_count > 0 THEN 'critical'
       WHEN t.recovery_open_count > 0 THEN 'warning'
       ELSE 'healthy' END AS alert_level,
  prm.recovery_slo_minutes,
  t.execution_count,
  t.execution_success_count,
  t.execution_failed_count,
  CASE WHEN t.execution_count = 0 THEN NULL
       ELSE ROUND(CAST(t.execution_success_count AS DOUBLE) / t.execution_count, 4) END
    AS execution_success_rate,
  t.recovery_playbook_provider_count,
  t.recovery_closed_count,
  t.recovery_open_count,
  t.recovery_slo_breached_count
FROM cavra_totals t
CROSS JOIN report_params prm;

-- section: execution_status_counts
SELECT execution_status AS status, COUNT(*) AS count
FROM executions
GROUP BY execution_status
ORDER BY status;

-- section: closure_state_counts
SELECT state, COUNT(*) AS count
FROM cavra_closures
GROUP BY state
ORDER BY state;

-- section: provider_summary
SELECT
  pr.provider,
  COALESCE(e.execution_count, 0) AS execution_count,
  COALESCE(e.execution_delivered_count, 0) AS execution_delivered_count,
  COALESCE(e.execution_failed_count, 0) AS execution_failed_count,
  COALESCE(e.execution_skipped_count, 0) AS execution_skipped_count,
  COALESCE(r.recovery_playbook_count, 0) AS recovery_playbook_count,
  COALESCE(c.recovery_closure_count, 0) AS recovery_closure_count,
  COALESCE(r.open_recovery_count, 0) AS open_recovery_count,
  COALESCE(r.slo_breached_count, 0) AS slo_breached_count,
  COALESCE(le.executed_at_text, '') AS latest_execution_at,
  COALESCE(lc.closed_at_text, '') AS latest_closure_at
FROM (
  SELECT provider FROM executions
  UNION SELECT provider FROM cavra_rows
  UNION SELECT provider FROM closures
) pr
LEFT JOIN (
  SELECT provider,
    COUNT(*) AS execution_count,
    SUM(CASE WHEN execution_status = 'delivered' THEN 1 ELSE 0 END) AS execution_delivered_count,
    SUM(CASE WHEN execution_status = 'failed' THEN 1 ELSE 0 END) AS execution_failed_count,
    SUM(CASE WHEN execution_status = 'skipped' THEN 1 ELSE 0 END) AS execution_skipped_count
  FROM executions GROUP BY provider
) e ON e.provider = pr.provider
LEFT JOIN (
  SELECT provider,
    COUNT(*) AS recovery_playbook_count,
    SUM(1 - is_closed) AS open_recovery_count,
    SUM(is_breached) AS slo_breached_count
  FROM cavra_rows GROUP BY provider
) r ON r.provider = pr.provider
LEFT JOIN (
  SELECT provider, COUNT(*) AS recovery_closure_count FROM closures GROUP BY provider
) c ON c.provider = pr.provider
LEFT JOIN (
  SELECT provider, executed_at_text FROM cavra_executions WHERE provider_rank = 1
) le ON le.provider = pr.provider
LEFT JOIN (
  SELECT provider, closed_at_text FROM cavra_closures WHERE provider_rank = 1
) lc ON lc.provider = pr.provider
ORDER BY pr.provider;

-- section: recovery_rows
SELECT
  ROW_NUMBER() OVER (
    ORDER BY is_breached DESC, generated_unix_s DESC NULLS LAST, generated_nanos DESC NULLS LAST,
             playbook_id ASC, entry_index ASC
  ) AS position,
  playbook_id,
  provider,
  category,
  failure_count,
  generated_at,
  age_minutes,
  recovery_slo_minutes,
  closure_state,
  closure_id,
  closed_at,
  closure_minutes,
  CASE WHEN is_breached = 1 THEN 'breached' WHEN is_closed = 1 THEN 'closed' ELSE 'open' END
    AS slo_status,
  is_breached = 1 AS slo_breached
FROM cavra_rows
ORDER BY position;

-- section: closure_trends
-- One row per UTC day of closed_at, newest first, `unknown` last.
SELECT
  ROW_NUMBER() OVER (ORDER BY closed_day DESC NULLS LAST) AS position,
  CASE WHEN closed_day IS NULL THEN 'unknown'
       ELSE CAST(DATE '1970-01-01' + CAST(closed_day AS INT) AS STRING) END AS date,
  closure_count,
  resolved_count,
  mitigated_count,
  deferred_count,
  escalated_count,
  reopened_count
FROM (
  SELECT
    closed_day,
    COUNT(*) AS closure_count,
    SUM(CASE WHEN state = 'resolved' THEN 1 ELSE 0 END) AS resolved_count,
    SUM(CASE WHEN state = 'mitigated' THEN 1 ELSE 0 END) AS mitigated_count,
    SUM(CASE WHEN state = 'deferred' THEN 1 ELSE 0 END) AS deferred_count,
    SUM(CASE WHEN state = 'escalated' THEN 1 ELSE 0 END) AS escalated_count,
    SUM(CASE WHEN state = 'reopened' THEN 1 ELSE 0 END) AS reopened_count
  FROM cavra_closures
  GROUP BY closed_day
) d
ORDER BY position;

-- section: closure_trend_states
-- The `<state>_count` of the other states per day. A state whose key would be a fixed field
-- (`closure` → closure_count) counts as `unknown`, as the spec says.
SELECT
  CASE WHEN closed_day IS NULL THEN 'unknown'
       ELSE CAST(DATE '1970-01-01' + CAST(closed_day AS INT) AS STRING) END AS date,
  trend_state AS state,
  COUNT(*) AS count
FROM (
  SELECT closed_day, CASE WHEN state = 'closure' THEN 'unknown' ELSE state END AS trend_state
  FROM cavra_closures
  WHERE state NOT IN ('resolved', 'mitigated', 'deferred', 'escalated', 'reopened')
) o
GROUP BY closed_day, trend_state
ORDER BY date, state;

-- section: closure_trend_providers
SELECT
  CASE WHEN closed_day IS NULL THEN 'unknown'
       ELSE CAST(DATE '1970-01-01' + CAST(closed_day AS INT) AS STRING) END AS date,
  provider,
  COUNT(*) AS count
FROM cavra_closures
GROUP BY closed_day, provider
ORDER BY date, provider;

-- section: latest_executions
SELECT
  execution_id,
  provider,
  execution_status,
  executed_at_text AS executed_at,
  delivery_success,
  approval_decision_id,
  run_id
FROM cavra_executions
WHERE overall_rank <= 20
ORDER BY overall_rank;
