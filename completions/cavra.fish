# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cavra_global_optspecs
    string join \n evidence= now= rev= exclude= j/threads= format= color= q/quiet summary= h/help V/version
end

function __fish_cavra_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cavra_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cavra_using_subcommand
    set -l cmd (__fish_cavra_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cavra -n "__fish_cavra_needs_command" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_needs_command" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_needs_command" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_needs_command" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_needs_command" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_needs_command" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_needs_command" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_needs_command" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_needs_command" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_needs_command" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "ingest" -d 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "check" -d 'Validate every file under the evidence folder: parse, types, public-safe, conflicts'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "report" -d 'The retry recovery report'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "diff" -d 'Compare the reports of two git revisions (or a revision and the work tree)'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "escalate" -d 'Build the recovery escalation plan from the report and record it'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "ack" -d 'Record that a provider reviewed a recovery escalation plan'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "close" -d 'Record the closure of a connector recovery with verification evidence'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "retry-plan" -d 'Plan retries of failed recovery escalation deliveries and record the plan'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "executive-report" -d 'The recovery executive report (recorded with --record)'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "schedule-run" -d 'Record the scheduled executive report run of the current window (one per window)'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "dashboard" -d 'The rollback drill dashboard: report headline and governance loop counts'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "recovery-times" -d 'Closure minutes and minutes to first acknowledgement: count, mean, median, p90, max'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "trace" -d 'One record and everything linked to it (cites, cited by) as one timeline'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "verify" -d 'Recompute every content-derived id and report records edited after they were written'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "schema" -d 'Print the JSON Schema of a record kind cavra reads, or with --written of what it writes'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "export" -d 'Export the valid records as Parquet or NDJSON tables for SQL engines'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "serve" -d 'HTTP API and Evidence Console (the same operations and JSON as the command line)'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "api" -d 'HTTP API and Evidence Console (the same operations and JSON as the command line)'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l keep-going -d 'Write the valid records even if some input is invalid (still exits 3)'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l dry-run -d 'Show what would be written and write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand check" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand check" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand check" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand check" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand check" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand check" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand check" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand check" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand check" -l strict -d 'Apply the public-safe policy to every JSON value, known kind or not'
complete -c cavra -n "__fish_cavra_using_subcommand check" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand check" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand report" -l slo-minutes -d 'Recovery SLO in minutes (0 means the default, 240)' -r
complete -c cavra -n "__fish_cavra_using_subcommand report" -l generated-by -d 'Actor label written as generated_by [default: cli]' -r
complete -c cavra -n "__fish_cavra_using_subcommand report" -l fail-on -d 'Exit 1 when a gate trips (comma-separated: breach,failed,open)' -r -f -a "breach\t'recovery_slo_breached_count > 0'
failed\t'execution_failed_count > 0'
open\t'recovery_open_count > 0'"
complete -c cavra -n "__fish_cavra_using_subcommand report" -l section -d 'Print only one table (csv prints rows unless told otherwise)' -r -f -a "summary\t''
providers\t''
rows\t''
trends\t''
executions\t''"
complete -c cavra -n "__fish_cavra_using_subcommand report" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand report" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand report" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand report" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand report" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand report" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand report" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand report" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand report" -l record -d 'Write the report as a stored item under reports/'
complete -c cavra -n "__fish_cavra_using_subcommand report" -l dry-run -d 'With --record: show what would be written and write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand report" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand report" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l slo-minutes -d 'Recovery SLO in minutes (0 means the default, 240)' -r
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l fail-on -d 'Exit 1 when a gate trips (comma-separated: new-breach,new-failed)' -r -f -a "new-breach\t'a recovery row breached in HEAD and not in BASE'
new-failed\t'a failed or skipped execution in HEAD and not in BASE'"
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand diff" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand diff" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand diff" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand diff" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l slo-minutes -d 'Recovery SLO in minutes (0 means the default, 240)' -r
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l generated-by -d 'Actor label written as generated_by [default: cli]' -r
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -l dry-run -d 'Show the plan and the path it would write; write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand escalate" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l provider -d 'The provider acknowledging (one of the plan\'s selected providers)' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l by -d 'Who acknowledges (recorded as acknowledged_by)' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l state -d 'acknowledged, accepted, deferred, escalated, resolved or dismissed [default: acknowledged]' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l external-ref -d 'An opaque external reference (e.g. INC-123)' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l notes -d 'Short public-safe notes' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l reason -d 'Why the escalation was raised (recorded as escalation_reason)' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand ack" -l dry-run -d 'Show the acknowledgement and the path it would write; write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand ack" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand ack" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand ack" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand close" -l provider -d 'The provider whose recovery is closed (named by the playbook)' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l by -d 'Who closes (recorded as closed_by)' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l state -d 'resolved, mitigated, deferred, escalated or reopened [default: resolved]' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l external-ref -d 'An opaque external reference (e.g. CHG-123)' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l notes -d 'Short public-safe notes' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l verification-ref -d 'Verification evidence (e.g. a retry execution id; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand close" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand close" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand close" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand close" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand close" -l dry-run -d 'Show the closure and the path it would write; write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand close" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand close" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l max-attempts -d 'Attempts after which a provider is suppressed (0 means the default) [default: 3]' -r
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l delay-minutes -d 'Base delay in minutes (at least 1 unless --allow-immediate) [default: 15, or 0 with --allow-immediate]' -r
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l backoff -d 'Delay multiplier per attempt (below 1.0 means 1.0) [default: 2.0]' -r
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l generated-by -d 'Actor label written as generated_by [default: cli]' -r
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l allow-immediate -d 'Allow a delay of 0 minutes'
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -l dry-run -d 'Show the plan and the path it would write; write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand retry-plan" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l slo-minutes -d 'Recovery SLO in minutes (0 means the default, 240)' -r
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l generated-by -d 'Actor label written as generated_by [default: cli]' -r
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l record -d 'Write the executive report as a stored item under executive-reports/'
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -l dry-run -d 'With --record: show what would be written and write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand executive-report" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l slo-minutes -d 'Recovery SLO in minutes (0 means the default, 240)' -r
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l generated-by -d 'Actor label written as generated_by [default: cli]' -r
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l interval-minutes -d 'Window length in minutes, windows aligned to the Unix epoch (0 means the default) [default: 1440]' -r
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l cadence -d 'Cadence label [default: every_<N>_minutes]' -r
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l disabled -d 'Record the schedule as disabled'
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -l dry-run -d 'Show the run and the paths it would write; write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand schedule-run" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l slo-minutes -d 'Recovery SLO in minutes (0 means the default, 240)' -r
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l generated-by -d 'Actor label written as generated_by [default: cli]' -r
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand dashboard" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand recovery-times" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand trace" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand trace" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand trace" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand trace" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand trace" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand trace" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand trace" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand trace" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand trace" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand trace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand trace" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand verify" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand verify" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand verify" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand verify" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand verify" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand verify" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand verify" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand verify" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand verify" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand verify" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand schema" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand schema" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand schema" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand schema" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand schema" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand schema" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand schema" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand schema" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand schema" -l written -d 'The schema of what cavra writes (document and stored item), not of what it reads'
complete -c cavra -n "__fish_cavra_using_subcommand schema" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand schema" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand export" -l to -d 'Folder to write the tables and manifest.json into (created if missing)' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand export" -l file-format -d 'File format of the tables (the global --format is the format of what is printed)' -r -f -a "parquet\t''
ndjson\t''"
complete -c cavra -n "__fish_cavra_using_subcommand export" -l source -d 'Add a `source` column with NAME to every table, so exports of many evidence repositories can be unioned' -r
complete -c cavra -n "__fish_cavra_using_subcommand export" -l row-group-rows -d 'Rows per Parquet row group (a row group is written as soon as it fills)' -r
complete -c cavra -n "__fish_cavra_using_subcommand export" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand export" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand export" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand export" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand export" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand export" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand export" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand export" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand export" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand export" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l listen -d 'Address and port to listen on (port 0 picks a free one)' -r
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l token-file -d 'File whose first line is the bearer token every write must carry' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand serve" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand serve" -l read-only -d 'Refuse every write with 403 Forbidden'
complete -c cavra -n "__fish_cavra_using_subcommand serve" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand serve" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand api" -l listen -d 'Address and port to listen on (port 0 picks a free one)' -r
complete -c cavra -n "__fish_cavra_using_subcommand api" -l token-file -d 'File whose first line is the bearer token every write must carry' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand api" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand api" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand api" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand api" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand api" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand api" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand api" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand api" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand api" -l read-only -d 'Refuse every write with 403 Forbidden'
complete -c cavra -n "__fish_cavra_using_subcommand api" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand api" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z) [env: CAVRA_NOW; empty means unset]' -r
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l rev -d 'Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a commit id), from the repository\'s objects, without a checkout; read-only' -r
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand completions" -s j -l threads -d 'Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]' -r
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'
html\t'One self-contained HTML page (executive-report only)'"
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l summary -d 'Also append a reading command\'s output as Markdown to FILE (a CI job summary) [default: $GITHUB_STEP_SUMMARY when set and not empty]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand completions" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand completions" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "ingest" -d 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "check" -d 'Validate every file under the evidence folder: parse, types, public-safe, conflicts'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "report" -d 'The retry recovery report'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "diff" -d 'Compare the reports of two git revisions (or a revision and the work tree)'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "escalate" -d 'Build the recovery escalation plan from the report and record it'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "ack" -d 'Record that a provider reviewed a recovery escalation plan'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "close" -d 'Record the closure of a connector recovery with verification evidence'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "retry-plan" -d 'Plan retries of failed recovery escalation deliveries and record the plan'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "executive-report" -d 'The recovery executive report (recorded with --record)'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "schedule-run" -d 'Record the scheduled executive report run of the current window (one per window)'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "dashboard" -d 'The rollback drill dashboard: report headline and governance loop counts'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "recovery-times" -d 'Closure minutes and minutes to first acknowledgement: count, mean, median, p90, max'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "trace" -d 'One record and everything linked to it (cites, cited by) as one timeline'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "verify" -d 'Recompute every content-derived id and report records edited after they were written'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "schema" -d 'Print the JSON Schema of a record kind cavra reads, or with --written of what it writes'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "export" -d 'Export the valid records as Parquet or NDJSON tables for SQL engines'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "serve" -d 'HTTP API and Evidence Console (the same operations and JSON as the command line)'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report diff escalate ack close retry-plan executive-report schedule-run dashboard recovery-times trace verify schema export serve completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
