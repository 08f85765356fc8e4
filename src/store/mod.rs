//! The only filesystem code: walking and reading evidence, and atomic writes.

pub mod evidence;
pub mod fingerprint;
pub mod read;
pub mod walk;
pub mod write;

pub use evidence::{Evidence, LoadOptions};
