//! The `cavra` binary: parse the command line, run, exit with the command's code.

use clap::Parser;

fn main() {
    let cli = match cavra::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with exit 0; usage errors to stderr with exit 2.
            let _ = e.print();
            std::process::exit(if e.use_stderr() { 2 } else { 0 });
        }
    };
    std::process::exit(cavra::cli::run(cli));
}
