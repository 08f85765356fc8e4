//! One integration-test binary for the `cavra` command line (one link, many modules).

mod common;
mod completions;
mod determinism;
mod sample;
