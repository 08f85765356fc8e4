//! `cavra completions SHELL`: shell completion scripts (clap_complete).

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;

/// The completion script for a shell.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "cavra", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn run(args: &CompletionsArgs) -> Result<i32, Error> {
    super::print_out(&script(args.shell));
    Ok(0)
}
