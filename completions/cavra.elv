
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
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ingest 'Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder'
            cand check 'Validate every file under the evidence folder: parse, types, public-safe, conflicts'
            cand report 'The retry recovery report'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cavra;ingest'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand --format 'Output format'
            cand --color 'When to colour tables'
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
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand --format 'Output format'
            cand --color 'When to colour tables'
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
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand --format 'Output format'
            cand --color 'When to colour tables'
            cand --record 'Write the report as a stored item under reports/'
            cand --dry-run 'With --record: show what would be written and write nothing'
            cand -q 'Silence informational lines on stderr (never warnings or errors)'
            cand --quiet 'Silence informational lines on stderr (never warnings or errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cavra;completions'= {
            cand --evidence 'Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]'
            cand --now 'Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)'
            cand --exclude 'Skip files and folders matching GLOB (relative to the evidence folder; repeatable)'
            cand --format 'Output format'
            cand --color 'When to colour tables'
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
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cavra;help;ingest'= {
        }
        &'cavra;help;check'= {
        }
        &'cavra;help;report'= {
        }
        &'cavra;help;completions'= {
        }
        &'cavra;help;help'= {
        }
    ]
    $completions[$command]
}
