//! Evidence records: the JSON value, kinds, timestamps, normalisation, canonical ids, and
//! the typed view of each record kind that the rest of cavra reads.

pub mod canon;
pub mod export;
pub mod facts;
pub mod json;
pub mod kind;
pub mod normalize;
pub mod record;
pub mod schema;
pub mod stored;
pub mod time;
pub mod validate;
