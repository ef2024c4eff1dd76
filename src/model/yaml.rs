//! The one place that parses YAML. serde-saphyr rather than serde_yaml: it is
//! maintained, pure safe Rust, rejects duplicate keys, bounds alias expansion
//! and reports line and column (see the README).
//!
//! The shapes here are *raw*: the file as written, with source locations
//! kept for the validator. The parse hands them to the validator part by
//! part (each actor as soon as it is read), which builds the
//! [`crate::model::Model`]; a whole file is never held in raw shapes.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserializer;
use serde_saphyr::{Budget, Options};

use super::error::Problem;
use super::types::Model;

mod de;
mod message;
mod raw;
mod schema;

pub(crate) use de::key_text;
pub(crate) use message::Doc;
pub use raw::Loc;
pub(crate) use raw::*;
pub(crate) use schema::StanceOrNumber;
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

/// A parsed model: the model, or every problem the validator found.
pub(crate) type Checked = Result<Model, Vec<Problem>>;

/// Parses and validates model text.
pub(crate) fn parse(text: &str) -> Result<Checked, SyntaxError> {
    parse_counting(text, &AtomicU64::new(0))
}

/// [`parse`], adding to `parsed` the bytes read so far as each actor is
/// checked, for a loading screen. The text is parsed whole from memory:
/// serde-saphyr reads a string nearly twice as fast as a stream, and as the
/// model is built while parsing, the text and the model are all that is
/// ever held.
pub(crate) fn parse_counting(text: &str, parsed: &AtomicU64) -> Result<Checked, SyntaxError> {
    let mut progress = Progress {
        text,
        parsed,
        line: 1,
        offset: 0,
    };
    let checked = de::with_keys(|| {
        serde_saphyr::with_deserializer_from_str_with_options(text, options(), |d| {
            d.deserialize_any(de::TopVisitor {
                progress: &mut progress,
            })
        })
    })
    .map_err(|e| message::syntax_error(e, message::MODEL))?;
    progress.done();
    Ok(checked)
}

/// Parses one YAML document of another kind of file than a model (a
/// scenario) into `T`, with the same limits and messages as a model.
pub(crate) fn parse_document<T: serde::de::DeserializeOwned>(
    text: &str,
    doc: Doc,
) -> Result<T, SyntaxError> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| message::syntax_error(e, doc))
}

/// How far a parse has got: the start of the line it has reached, found by
/// scanning on from the last line reported, so a whole parse scans the text
/// once.
pub(crate) struct Progress<'a> {
    text: &'a str,
    parsed: &'a AtomicU64,
    /// The 1-based line that starts at `offset`.
    line: u32,
    offset: usize,
}

impl Progress<'_> {
    /// The parse has reached `line` (1-based).
    pub(crate) fn reached(&mut self, line: u32) {
        let bytes = self.text.as_bytes();
        let from = self.offset;
        while self.line < line {
            match bytes[self.offset..].iter().position(|&b| b == b'\n') {
                Some(n) => {
                    self.offset += n + 1;
                    self.line += 1;
                }
                None => break,
            }
        }
        self.parsed
            .fetch_add((self.offset - from) as u64, Ordering::Relaxed);
    }

    fn done(&mut self) {
        let rest = self.text.len() - self.offset;
        self.offset = self.text.len();
        self.parsed.fetch_add(rest as u64, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_the_bytes_before_the_line_reached() {
        let parsed = AtomicU64::new(0);
        let mut p = Progress {
            text: "a\nbb\nccc\ndddd",
            parsed: &parsed,
            line: 1,
            offset: 0,
        };
        let counted = |p: &Progress| p.parsed.load(Ordering::Relaxed);
        p.reached(1);
        assert_eq!(counted(&p), 0);
        // Line 3 starts after "a\nbb\n".
        p.reached(3);
        assert_eq!(counted(&p), 5);
        // An earlier line (a nested actor's id) counts nothing more.
        p.reached(2);
        assert_eq!(counted(&p), 5);
        // Past the last line: the start of the last line.
        p.reached(9);
        assert_eq!(counted(&p), 9);
        p.done();
        assert_eq!(counted(&p), 13);
    }
}
