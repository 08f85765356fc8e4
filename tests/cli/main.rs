//! One integration-test binary for the `cavra` command line (one link, many modules).

mod bad_input;
mod check;
mod common;
mod completions;
mod determinism;
mod ingest;
mod recording;
mod reliability;
mod report;
mod sample;
mod sample_recording;
