//! One integration-test binary for the `cavra` command line (one link, many modules).

#![allow(clippy::print_stderr)] // Tests say on stderr what they skipped and why.

mod bad_input;
mod check;
mod common;
mod completions;
mod determinism;
#[cfg(feature = "git")]
mod diff;
mod docs;
mod engines;
mod export;
mod hostile;
mod html;
mod ingest;
mod latest;
mod links;
mod man;
mod output;
mod props;
mod readme;
mod recording;
mod recovery_times;
mod refresh;
mod reliability;
mod report;
mod report_record;
#[cfg(feature = "git")]
mod rev;
mod sample;
mod sample_recording;
mod schema;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "serve")]
mod serve_browser;
#[cfg(feature = "serve")]
mod serve_hostile;
#[cfg(feature = "serve")]
mod serve_parity;
#[cfg(feature = "serve")]
mod serve_socket;
mod summary;
mod threads;
