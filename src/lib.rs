//! cavra turns git-tracked, public-safe JSON evidence about connector delivery retries into
//! recovery SLO reports, and records the governance loop around recovery escalations as new
//! evidence files.
//!
//! The library is the product; the `cavra` binary is a thin face on it. Modules:
//! - [`model`]: the JSON value, record kinds, timestamps, normalisation, ids and facts;
//! - [`policy`]: the public-safe rules PS001–PS004;
//! - [`store`]: the only filesystem code (walk, parallel read, atomic write);
//! - [`problem`] and [`error`]: what goes wrong and which exit code it asks for;
//! - `serve` (feature `serve`, on by default): the HTTP API and the Evidence Console, whose
//!   handlers call the same `execute` functions as the command line.

pub mod cli;
pub mod commands;
pub mod error;
pub mod model;
pub mod output;
pub mod policy;
pub mod problem;
pub mod report;
#[cfg(feature = "serve")]
pub mod serve;
pub mod store;
