
use builtin;
use str;

set edit:completion:arg-completer[cavra] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'cavra'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'cavra'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ingest 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder'
            cand check 'Validate every file under the evidence folder: parse, types, public-safe, conflicts'
            cand report 'The retry recovery report'
            cand diff 'Compare the reports of two git revisions (or a revision and the work tree)'
            cand escalate 'Build the recovery escalation plan from the report and record it'
            cand ack 'Record that a provider reviewed a recovery escalation plan'
            cand close 'Record the closure of a connector recovery with verification evidence'
            cand retry-plan 'Plan retries of failed recovery escalation deliveries and record the plan'
            cand executive-report 'The recovery executive report (recorded with --record)'
            cand schedule-run 'Record the scheduled executive report run of the current window (one per window)'
            cand dashboard 'The rollback drill dashboard: report headline and governance loop counts'
            cand recovery-times 'Closure minutes and minutes to first acknowledgement: count, mean, median, p90, max'
            cand trace 'One record and everything linked to it (cites, cited by) as one timeline'
            cand verify 'Recompute every content-derived id and report records edited after they were written'
            cand schema 'Print the JSON Schema of a record kind cavra reads, or with --written of what it writes'
            cand export 'Export the valid records as Parquet or NDJSON tables for SQL engines'
            cand serve 'HTTP API and Evidence Console (the same operations and JSON as the command line)'
            cand api 'HTTP API and Evidence Console (the same operations and JSON as the command line)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cavra;ingest'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --keep-going 'Write the valid records even if some input is invalid (still exits 3)'
            cand --dry-run 'Show what would be written and write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;check'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --strict 'Apply the public-safe policy to every JSON value, known kind or not'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;report'= {
            cand --slo-minutes 'Recovery SLO in minutes (0 means the default, 240)'
            cand --generated-by 'Actor label written as generated_by [default: cli]'
            cand --fail-on 'Exit 1 when a gate trips (comma-separated: breach,failed,open)'
            cand --section 'Print only one table (csv prints rows unless told otherwise)'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --record 'Write the report as a stored item under reports/'
            cand --dry-run 'With --record: show what would be written and write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;diff'= {
            cand --slo-minutes 'Recovery SLO in minutes (0 means the default, 240)'
            cand --fail-on 'Exit 1 when a gate trips (comma-separated: new-breach,new-failed)'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;escalate'= {
            cand --slo-minutes 'Recovery SLO in minutes (0 means the default, 240)'
            cand --generated-by 'Actor label written as generated_by [default: cli]'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --dry-run 'Show the plan and the path it would write; write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;ack'= {
            cand --provider 'The provider acknowledging (one of the plan''s selected providers)'
            cand --by 'Who acknowledges (recorded as acknowledged_by)'
            cand --state 'acknowledged, accepted, deferred, escalated, resolved or dismissed [default: acknowledged]'
            cand --external-ref 'An opaque external reference (e.g. INC-123)'
            cand --notes 'Short public-safe notes'
            cand --reason 'Why the escalation was raised (recorded as escalation_reason)'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --dry-run 'Show the acknowledgement and the path it would write; write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;close'= {
            cand --provider 'The provider whose recovery is closed (named by the playbook)'
            cand --by 'Who closes (recorded as closed_by)'
            cand --state 'resolved, mitigated, deferred, escalated or reopened [default: resolved]'
            cand --external-ref 'An opaque external reference (e.g. CHG-123)'
            cand --notes 'Short public-safe notes'
            cand --verification-ref 'Verification evidence (e.g. a retry execution id; repeatable)'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --dry-run 'Show the closure and the path it would write; write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;retry-plan'= {
            cand --max-attempts 'Attempts after which a provider is suppressed (0 means the default) [default: 3]'
            cand --delay-minutes 'Base delay in minutes (at least 1 unless --allow-immediate) [default: 15, or 0 with --allow-immediate]'
            cand --backoff 'Delay multiplier per attempt (below 1.0 means 1.0) [default: 2.0]'
            cand --generated-by 'Actor label written as generated_by [default: cli]'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --allow-immediate 'Allow a delay of 0 minutes'
            cand --dry-run 'Show the plan and the path it would write; write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;executive-report'= {
            cand --slo-minutes 'Recovery SLO in minutes (0 means the default, 240)'
            cand --generated-by 'Actor label written as generated_by [default: cli]'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --record 'Write the executive report as a stored item under executive-reports/'
            cand --dry-run 'With --record: show what would be written and write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;schedule-run'= {
            cand --slo-minutes 'Recovery SLO in minutes (0 means the default, 240)'
            cand --generated-by 'Actor label written as generated_by [default: cli]'
            cand --interval-minutes 'Window length in minutes, windows aligned to the Unix epoch (0 means the default) [default: 1440]'
            cand --cadence 'Cadence label [default: every_<N>_minutes]'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --disabled 'Record the schedule as disabled'
            cand --dry-run 'Show the run and the paths it would write; write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;dashboard'= {
            cand --slo-minutes 'Recovery SLO in minutes (0 means the default, 240)'
            cand --generated-by 'Actor label written as generated_by [default: cli]'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;recovery-times'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;trace'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;verify'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;schema'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --written 'The schema of what cavra writes (document and stored item), not of what it reads'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;export'= {
            cand --to 'Folder to write the tables and manifest.json into (created if missing)'
            cand --file-format 'File format of the tables (the global --format is the format of what is printed)'
            cand --source 'Add a `source` column with NAME to every table, so exports of many evidence repositories can be unioned'
            cand --row-group-rows 'Rows per Parquet row group (a row group is written as soon as it fills)'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;serve'= {
            cand --listen 'Address and port to listen on (port 0 picks a free one)'
            cand --token-file 'File whose first line is the bearer token every write must carry'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --read-only 'Refuse every write with 403 Forbidden'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;api'= {
            cand --listen 'Address and port to listen on (port 0 picks a free one)'
            cand --token-file 'File whose first line is the bearer token every write must carry'
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand --read-only 'Refuse every write with 403 Forbidden'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;completions'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]'
            cand --rev 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand -j 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --threads 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --summary 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;help'= {
            cand ingest 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder'
            cand check 'Validate every file under the evidence folder: parse, types, public-safe, conflicts'
            cand report 'The retry recovery report'
            cand diff 'Compare the reports of two git revisions (or a revision and the work tree)'
            cand escalate 'Build the recovery escalation plan from the report and record it'
            cand ack 'Record that a provider reviewed a recovery escalation plan'
            cand close 'Record the closure of a connector recovery with verification evidence'
            cand retry-plan 'Plan retries of failed recovery escalation deliveries and record the plan'
            cand executive-report 'The recovery executive report (recorded with --record)'
            cand schedule-run 'Record the scheduled executive report run of the current window (one per window)'
            cand dashboard 'The rollback drill dashboard: report headline and governance loop counts'
            cand recovery-times 'Closure minutes and minutes to first acknowledgement: count, mean, median, p90, max'
            cand trace 'One record and everything linked to it (cites, cited by) as one timeline'
            cand verify 'Recompute every content-derived id and report records edited after they were written'
            cand schema 'Print the JSON Schema of a record kind cavra reads, or with --written of what it writes'
            cand export 'Export the valid records as Parquet or NDJSON tables for SQL engines'
            cand serve 'HTTP API and Evidence Console (the same operations and JSON as the command line)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cavra;help;ingest'= {
        }
        &'cavra;help;check'= {
        }
        &'cavra;help;report'= {
        }
        &'cavra;help;diff'= {
        }
        &'cavra;help;escalate'= {
        }
        &'cavra;help;ack'= {
        }
        &'cavra;help;close'= {
        }
        &'cavra;help;retry-plan'= {
        }
        &'cavra;help;executive-report'= {
        }
        &'cavra;help;schedule-run'= {
        }
        &'cavra;help;dashboard'= {
        }
        &'cavra;help;recovery-times'= {
        }
        &'cavra;help;trace'= {
        }
        &'cavra;help;verify'= {
        }
        &'cavra;help;schema'= {
        }
        &'cavra;help;export'= {
        }
        &'cavra;help;serve'= {
        }
        &'cavra;help;completions'= {
        }
        &'cavra;help;help'= {
        }
    ]
    $completions[$command]
}
