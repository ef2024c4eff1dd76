//! Parser errors as one sentence each, with their place and without the
//! library's jargon.

use super::MAX_DEPTH;
use super::SyntaxError;
use super::raw::Loc;

/// What kind of file is being read, for the messages that say what it
/// should look like.
#[derive(Clone, Copy)]
pub(crate) struct Doc {
    /// `a model`, `a scenario`.
    pub noun: &'static str,
    /// The deepest nesting this kind of file needs.
    pub depth: usize,
}

pub(super) const MODEL: Doc = Doc {
    noun: "a model",
    depth: 7,
};

pub(super) fn syntax_error(e: serde_saphyr::Error, doc: Doc) -> SyntaxError {
    {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let loc = e
            .location()
            .map(|l| Loc {
                line: clamp(l.line()),
                column: clamp(l.column()),
            })
            .unwrap_or_default();
        SyntaxError {
            loc,
            message: message(e.without_snippet(), doc),
        }
    }
}

/// One sentence for a parser error, without the location (the caller puts
/// it in front) and without library jargon.
fn message(e: &serde_saphyr::Error, doc: Doc) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    const BOMB: &str = "(is it an alias bomb?)";
    match e {
        E::AliasError { error, .. } => message(error.without_snippet(), doc),
        E::DuplicateMappingKey { key, .. } => match key {
            Some(k) => format!("duplicate key `{k}`: a key may appear only once in a mapping"),
            None => "duplicate key: a key may appear only once in a mapping".to_string(),
        },
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => format!(
                "the YAML is nested more than {MAX_DEPTH} levels deep; {} needs at most {}",
                doc.noun, doc.depth
            ),
            B::Documents { .. } => format!(
                "the file holds more than one YAML document (`---`); {} is one document",
                doc.noun
            ),
            B::ScalarBytes { .. } => {
                format!("the text in the file, with aliases expanded, is larger than 64 MiB {BOMB}")
            }
            B::Aliases { .. } | B::Anchors { .. } => {
                format!("the file uses more aliases or anchors than detente accepts {BOMB}")
            }
            _ => "the file is larger or more complex than detente reads".to_string(),
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => {
            format!("aliases in the file expand to more than detente reads {BOMB}")
        }
        other => {
            let text = strip_location(&other.to_string());
            match text.as_str() {
                "expected string scalar" => {
                    "expected a text value here, not a list or mapping".into()
                }
                "expected sequence start" => {
                    "expected a list here (`- item` lines or `[a, b]`)".into()
                }
                "expected mapping start" => "expected a mapping here (`key: value` lines)".into(),
                // serde's words for an empty value (`~`, `null` or nothing)
                // where text is needed, key or value.
                t if t.starts_with("cannot deserialize null into string") => {
                    "expected text here, not an empty value (`~`, `null` or nothing)".into()
                }
                _ => text,
            }
        }
    }
}

/// Drops the ` at line N, column M` that the library appends: the location
/// is already in front of the message.
fn strip_location(s: &str) -> String {
    let mut out = s.to_string();
    while let Some(i) = out.rfind(" at line ") {
        let tail = &out[i + " at line ".len()..];
        let is_loc = tail
            .split(", column ")
            .all(|p| !p.is_empty() && p.trim_end_matches(')').bytes().all(|b| b.is_ascii_digit()));
        if !is_loc {
            break;
        }
        out.truncate(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_location;

    #[test]
    fn strips_the_trailing_location() {
        assert_eq!(
            strip_location("unknown field `x` at line 2, column 1"),
            "unknown field `x`"
        );
        assert_eq!(strip_location("no location here"), "no location here");
    }
}
