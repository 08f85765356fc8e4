# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cavra_global_optspecs
    string join \n evidence= now= exclude= format= color= q/quiet h/help V/version
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
complete -c cavra -n "__fish_cavra_needs_command" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)' -r
complete -c cavra -n "__fish_cavra_needs_command" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_needs_command" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'"
complete -c cavra -n "__fish_cavra_needs_command" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_needs_command" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_needs_command" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "ingest" -d 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "check" -d 'Validate every file under the evidence folder: parse, types, public-safe, conflicts'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "report" -d 'The retry recovery report'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c cavra -n "__fish_cavra_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)' -r
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'"
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l keep-going -d 'Write the valid records even if some input is invalid (still exits 3)'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -l dry-run -d 'Show what would be written and write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand ingest" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand check" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand check" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)' -r
complete -c cavra -n "__fish_cavra_using_subcommand check" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand check" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'"
complete -c cavra -n "__fish_cavra_using_subcommand check" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
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
complete -c cavra -n "__fish_cavra_using_subcommand report" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)' -r
complete -c cavra -n "__fish_cavra_using_subcommand report" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand report" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'"
complete -c cavra -n "__fish_cavra_using_subcommand report" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand report" -l record -d 'Write the report as a stored item under reports/'
complete -c cavra -n "__fish_cavra_using_subcommand report" -l dry-run -d 'With --record: show what would be written and write nothing'
complete -c cavra -n "__fish_cavra_using_subcommand report" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand report" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l evidence -d 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]' -r -F
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l now -d 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)' -r
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l exclude -d 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)' -r
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l format -d 'Output format' -r -f -a "table\t'Tables for people'
json\t'The exact documents of the spec'
markdown\t'The tables as Markdown'
csv\t'One table as CSV (RFC 4180)'"
complete -c cavra -n "__fish_cavra_using_subcommand completions" -l color -d 'When to colour tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c cavra -n "__fish_cavra_using_subcommand completions" -s q -l quiet -d 'Silence informational lines on stderr (never warnings or errors)'
complete -c cavra -n "__fish_cavra_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cavra -n "__fish_cavra_using_subcommand completions" -s V -l version -d 'Print version'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report completions help" -f -a "ingest" -d 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report completions help" -f -a "check" -d 'Validate every file under the evidence folder: parse, types, public-safe, conflicts'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report completions help" -f -a "report" -d 'The retry recovery report'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c cavra -n "__fish_cavra_using_subcommand help; and not __fish_seen_subcommand_from ingest check report completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
