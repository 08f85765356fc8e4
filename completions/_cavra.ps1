
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'cavra' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'cavra'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'cavra' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate every file under the evidence folder: parse, types, public-safe, conflicts')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The retry recovery report')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare the reports of two git revisions (or a revision and the work tree)')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Build the recovery escalation plan from the report and record it')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Record that a provider reviewed a recovery escalation plan')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Record the closure of a connector recovery with verification evidence')
            [CompletionResult]::new('retry-plan', 'retry-plan', [CompletionResultType]::ParameterValue, 'Plan retries of failed recovery escalation deliveries and record the plan')
            [CompletionResult]::new('executive-report', 'executive-report', [CompletionResultType]::ParameterValue, 'The recovery executive report (recorded with --record)')
            [CompletionResult]::new('schedule-run', 'schedule-run', [CompletionResultType]::ParameterValue, 'Record the scheduled executive report run of the current window (one per window)')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'The rollback drill dashboard: report headline and governance loop counts')
            [CompletionResult]::new('recovery-times', 'recovery-times', [CompletionResultType]::ParameterValue, 'Closure minutes and minutes to first acknowledgement: count, mean, median, p90, max')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'One record and everything linked to it (cites, cited by) as one timeline')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute every content-derived id and report records edited after they were written')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of a record kind cavra reads, or with --written of what it writes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the valid records as Parquet or NDJSON tables for SQL engines')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'HTTP API and Evidence Console (the same operations and JSON as the command line)')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'HTTP API and Evidence Console (the same operations and JSON as the command line)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cavra;ingest' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Write the valid records even if some input is invalid (still exits 3)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be written and write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;check' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Apply the public-safe policy to every JSON value, known kind or not')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;report' {
            [CompletionResult]::new('--slo-minutes', '--slo-minutes', [CompletionResultType]::ParameterName, 'Recovery SLO in minutes (0 means the default, 240)')
            [CompletionResult]::new('--generated-by', '--generated-by', [CompletionResultType]::ParameterName, 'Actor label written as generated_by [default: cli]')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a gate trips (comma-separated: breach,failed,open)')
            [CompletionResult]::new('--section', '--section', [CompletionResultType]::ParameterName, 'Print only one table (csv prints rows unless told otherwise)')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Write the report as a stored item under reports/')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --record: show what would be written and write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;diff' {
            [CompletionResult]::new('--slo-minutes', '--slo-minutes', [CompletionResultType]::ParameterName, 'Recovery SLO in minutes (0 means the default, 240)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a gate trips (comma-separated: new-breach,new-failed)')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;escalate' {
            [CompletionResult]::new('--slo-minutes', '--slo-minutes', [CompletionResultType]::ParameterName, 'Recovery SLO in minutes (0 means the default, 240)')
            [CompletionResult]::new('--generated-by', '--generated-by', [CompletionResultType]::ParameterName, 'Actor label written as generated_by [default: cli]')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and the path it would write; write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;ack' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'The provider acknowledging (one of the plan''s selected providers)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Who acknowledges (recorded as acknowledged_by)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'acknowledged, accepted, deferred, escalated, resolved or dismissed [default: acknowledged]')
            [CompletionResult]::new('--external-ref', '--external-ref', [CompletionResultType]::ParameterName, 'An opaque external reference (e.g. INC-123)')
            [CompletionResult]::new('--notes', '--notes', [CompletionResultType]::ParameterName, 'Short public-safe notes')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the escalation was raised (recorded as escalation_reason)')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the acknowledgement and the path it would write; write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;close' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'The provider whose recovery is closed (named by the playbook)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Who closes (recorded as closed_by)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'resolved, mitigated, deferred, escalated or reopened [default: resolved]')
            [CompletionResult]::new('--external-ref', '--external-ref', [CompletionResultType]::ParameterName, 'An opaque external reference (e.g. CHG-123)')
            [CompletionResult]::new('--notes', '--notes', [CompletionResultType]::ParameterName, 'Short public-safe notes')
            [CompletionResult]::new('--verification-ref', '--verification-ref', [CompletionResultType]::ParameterName, 'Verification evidence (e.g. a retry execution id; repeatable)')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the closure and the path it would write; write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;retry-plan' {
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts after which a provider is suppressed (0 means the default) [default: 3]')
            [CompletionResult]::new('--delay-minutes', '--delay-minutes', [CompletionResultType]::ParameterName, 'Base delay in minutes (at least 1 unless --allow-immediate) [default: 15, or 0 with --allow-immediate]')
            [CompletionResult]::new('--backoff', '--backoff', [CompletionResultType]::ParameterName, 'Delay multiplier per attempt (below 1.0 means 1.0) [default: 2.0]')
            [CompletionResult]::new('--generated-by', '--generated-by', [CompletionResultType]::ParameterName, 'Actor label written as generated_by [default: cli]')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--allow-immediate', '--allow-immediate', [CompletionResultType]::ParameterName, 'Allow a delay of 0 minutes')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and the path it would write; write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;executive-report' {
            [CompletionResult]::new('--slo-minutes', '--slo-minutes', [CompletionResultType]::ParameterName, 'Recovery SLO in minutes (0 means the default, 240)')
            [CompletionResult]::new('--generated-by', '--generated-by', [CompletionResultType]::ParameterName, 'Actor label written as generated_by [default: cli]')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Write the executive report as a stored item under executive-reports/')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --record: show what would be written and write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;schedule-run' {
            [CompletionResult]::new('--slo-minutes', '--slo-minutes', [CompletionResultType]::ParameterName, 'Recovery SLO in minutes (0 means the default, 240)')
            [CompletionResult]::new('--generated-by', '--generated-by', [CompletionResultType]::ParameterName, 'Actor label written as generated_by [default: cli]')
            [CompletionResult]::new('--interval-minutes', '--interval-minutes', [CompletionResultType]::ParameterName, 'Window length in minutes, windows aligned to the Unix epoch (0 means the default) [default: 1440]')
            [CompletionResult]::new('--cadence', '--cadence', [CompletionResultType]::ParameterName, 'Cadence label [default: every_<N>_minutes]')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Record the schedule as disabled')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the run and the paths it would write; write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;dashboard' {
            [CompletionResult]::new('--slo-minutes', '--slo-minutes', [CompletionResultType]::ParameterName, 'Recovery SLO in minutes (0 means the default, 240)')
            [CompletionResult]::new('--generated-by', '--generated-by', [CompletionResultType]::ParameterName, 'Actor label written as generated_by [default: cli]')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;recovery-times' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;trace' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;verify' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;schema' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--written', '--written', [CompletionResultType]::ParameterName, 'The schema of what cavra writes (document and stored item), not of what it reads')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;export' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Folder to write the tables and manifest.json into (created if missing)')
            [CompletionResult]::new('--file-format', '--file-format', [CompletionResultType]::ParameterName, 'File format of the tables (the global --format is the format of what is printed)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Add a `source` column with NAME to every table, so exports of many evidence repositories can be unioned')
            [CompletionResult]::new('--row-group-rows', '--row-group-rows', [CompletionResultType]::ParameterName, 'Rows per Parquet row group (a row group is written as soon as it fills)')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on (port 0 picks a free one)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File whose first line is the bearer token every write must carry')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every write with 403 Forbidden')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;api' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on (port 0 picks a free one)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File whose first line is the bearer token every write must carry')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every write with 403 Forbidden')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;completions' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository''s objects, without a checkout; read-only')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Also append a reading command''s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cavra;help' {
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate every file under the evidence folder: parse, types, public-safe, conflicts')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The retry recovery report')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare the reports of two git revisions (or a revision and the work tree)')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Build the recovery escalation plan from the report and record it')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Record that a provider reviewed a recovery escalation plan')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Record the closure of a connector recovery with verification evidence')
            [CompletionResult]::new('retry-plan', 'retry-plan', [CompletionResultType]::ParameterValue, 'Plan retries of failed recovery escalation deliveries and record the plan')
            [CompletionResult]::new('executive-report', 'executive-report', [CompletionResultType]::ParameterValue, 'The recovery executive report (recorded with --record)')
            [CompletionResult]::new('schedule-run', 'schedule-run', [CompletionResultType]::ParameterValue, 'Record the scheduled executive report run of the current window (one per window)')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'The rollback drill dashboard: report headline and governance loop counts')
            [CompletionResult]::new('recovery-times', 'recovery-times', [CompletionResultType]::ParameterValue, 'Closure minutes and minutes to first acknowledgement: count, mean, median, p90, max')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'One record and everything linked to it (cites, cited by) as one timeline')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute every content-derived id and report records edited after they were written')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of a record kind cavra reads, or with --written of what it writes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the valid records as Parquet or NDJSON tables for SQL engines')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'HTTP API and Evidence Console (the same operations and JSON as the command line)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cavra;help;ingest' {
            break
        }
        'cavra;help;check' {
            break
        }
        'cavra;help;report' {
            break
        }
        'cavra;help;diff' {
            break
        }
        'cavra;help;escalate' {
            break
        }
        'cavra;help;ack' {
            break
        }
        'cavra;help;close' {
            break
        }
        'cavra;help;retry-plan' {
            break
        }
        'cavra;help;executive-report' {
            break
        }
        'cavra;help;schedule-run' {
            break
        }
        'cavra;help;dashboard' {
            break
        }
        'cavra;help;recovery-times' {
            break
        }
        'cavra;help;trace' {
            break
        }
        'cavra;help;verify' {
            break
        }
        'cavra;help;schema' {
            break
        }
        'cavra;help;export' {
            break
        }
        'cavra;help;serve' {
            break
        }
        'cavra;help;completions' {
            break
        }
        'cavra;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
