//! Finding an actor from what a user typed: exact id; then a case-insensitive
//! name or alias; then a unique word-prefix match (`ken` → George F. Kennan,
//! before fuzzy matching finds "ken" scattered through "Kremlin"); then a
//! unique fuzzy match over ids, names and aliases.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::types::{Actor, Model};
use crate::sanitize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("no actor matches `{query}`; the actors are: {}", candidates.join(", "))]
    NotFound {
        query: String,
        candidates: Vec<String>,
    },
    #[error("`{query}` is ambiguous; it could be: {}", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

fn describe(model: &Model, i: usize) -> String {
    let a = &model.actors[i];
    format!("{} ({})", a.id, a.name)
}

/// An actor's id, name and aliases: the texts a query may match.
fn names(a: &Actor) -> impl Iterator<Item = &str> {
    [a.id.as_str(), a.name.as_str()]
        .into_iter()
        .chain(a.aliases.iter().map(String::as_str))
}

/// Resolves `query` to an actor index (SPEC §3): the first tier with any
/// hit decides; one hit is the answer, several are ambiguous.
pub fn resolve_actor(model: &Model, query: &str) -> Result<usize, ResolveError> {
    let q = query.trim();
    if let Some(i) = model.actor_by_id(q) {
        return Ok(i);
    }
    let lc = q.to_lowercase();
    let exact = |a: &Actor| {
        a.name.to_lowercase() == lc || a.aliases.iter().any(|al| al.to_lowercase() == lc)
    };
    // A word of an id, name or alias that starts with the query.
    let word_prefix = |a: &Actor| {
        lc.chars().count() >= 2
            && names(a).any(|s| {
                let s = s.to_lowercase();
                s.starts_with(&lc)
                    || s.split(|c: char| c.is_whitespace() || c == '-')
                        .any(|w| w.starts_with(&lc))
            })
    };
    let matcher = SkimMatcherV2::default().ignore_case();
    let fuzzy = |a: &Actor| names(a).any(|s| matcher.fuzzy_match(s, q).is_some());
    let tiers: [&dyn Fn(&Actor) -> bool; 3] = [&exact, &word_prefix, &fuzzy];
    for tier in tiers {
        let hits: Vec<usize> = (0..model.actors.len())
            .filter(|&i| tier(&model.actors[i]))
            .collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                return Err(ResolveError::Ambiguous {
                    query: sanitize::line(q),
                    candidates: many.iter().map(|&i| describe(model, i)).collect(),
                });
            }
        }
    }
    Err(ResolveError::NotFound {
        query: sanitize::line(q),
        candidates: (0..model.actors.len())
            .map(|i| describe(model, i))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_order() {
        let m = crate::model::builtin().expect("model");
        let id = |q: &str| resolve_actor(&m, q).map(|i| m.actors[i].id.as_str());
        assert_eq!(id("russia"), Ok("russia"), "exact id");
        assert_eq!(id("LAVROV"), Ok("russia"), "alias, any case");
        assert_eq!(
            id("ken"),
            Ok("kennan"),
            "a word prefix beats scattered fuzzy hits"
        );
        assert_eq!(id("mrshmr"), Ok("mearsheimer"), "fuzzy");
        assert!(
            matches!(resolve_actor(&m, "un"), Err(ResolveError::Ambiguous { .. })),
            "United States / United Kingdom"
        );
        assert!(matches!(
            resolve_actor(&m, "qqqq"),
            Err(ResolveError::NotFound { .. })
        ));
    }
}
