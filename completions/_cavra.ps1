
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
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence informational lines on stderr (never warnings or errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate every file under the evidence folder: parse, types, public-safe, conflicts')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The retry recovery report')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cavra;ingest' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
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
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
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
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
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
        'cavra;completions' {
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables')
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
