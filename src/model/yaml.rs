//! The one place that parses YAML. serde-saphyr rather than serde_yaml: it is
//! maintained, pure safe Rust, rejects duplicate keys, bounds alias expansion
//! and reports line and column (see the README).
//!
//! Everything here is *raw*: the shapes of the file, with source locations
//! kept for the validator, which turns them into [`crate::model::Model`].

use serde_saphyr::{Budget, Options};

mod de;
mod message;
mod raw;
mod schema;

pub use raw::Loc;
pub(crate) use raw::*;
pub use schema::json_schema;

/// The deepest nesting a model needs is 7 (root, actors, actor, positions,
/// position, evidence, quote); 32 leaves room and still refuses absurd input.
pub(super) const MAX_DEPTH: usize = 32;

fn options() -> Options {
    let mut budget = Budget::default();
    // A 64 MiB model of short scalars has a few million nodes; the default of
    // 250,000 rejects a 1,000-actor model. Alias limits stay at their defaults,
    // so alias bombs are still refused.
    budget.max_nodes = 16_000_000;
    budget.max_events = 40_000_000;
    budget.max_depth = MAX_DEPTH;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// A parse failure as one sentence with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub loc: Loc,
    pub message: String,
}

pub(crate) fn parse(text: &str) -> Result<RawModel, SyntaxError> {
    de::with_keys(|| serde_saphyr::from_str_with_options(text, options()))
        .map_err(message::syntax_error)
}

/// Parses from a reader, so a file's text need not be held while its model
/// is built.
pub(crate) fn parse_reader(reader: impl std::io::Read) -> Result<RawModel, SyntaxError> {
    de::with_keys(|| serde_saphyr::from_reader_with_options(reader, options()))
        .map_err(message::syntax_error)
}
