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
    /// `candidates`: every actor in a small model, else the closest few.
    #[error("no actor matches `{query}`; {}", listed(candidates, *total, "the actors are", "the closest are"))]
    NotFound {
        query: String,
        candidates: Vec<String>,
        total: usize,
    },
    /// `candidates`: the first few of the `total` matches.
    #[error("`{query}` is ambiguous; {}", listed(candidates, *total, "it could be", "it could be"))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
        total: usize,
    },
}

/// The most candidates a message lists: a 10,000-actor model must not print
/// 10,000 names.
const LISTED: usize = 10;

fn listed(candidates: &[String], total: usize, all: &str, some: &str) -> String {
    if candidates.len() >= total {
        format!("{all}: {}", candidates.join(", "))
    } else {
        format!(
            "{some}: {}, … ({} of {total}; `detente actors` lists every actor)",
            candidates.join(", "),
            candidates.len()
        )
    }
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

/// Resolves `query` to an actor index (docs/design.md, "Actor resolution"): the first tier with any
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
                    candidates: many
                        .iter()
                        .take(LISTED)
                        .map(|&i| describe(model, i))
                        .collect(),
                    total: many.len(),
                });
            }
        }
    }
    let n = model.actors.len();
    let mut order: Vec<usize> = (0..n).collect();
    if n > LISTED {
        // The closest by edit distance to any of the actor's names.
        let distance = |i: usize| {
            names(&model.actors[i])
                .map(|s| strsim::levenshtein(&lc, &s.to_lowercase()))
                .min()
                .unwrap_or(usize::MAX)
        };
        order.sort_by_cached_key(|&i| (distance(i), i));
        order.truncate(LISTED);
    }
    Err(ResolveError::NotFound {
        query: sanitize::line(q),
        candidates: order.into_iter().map(|i| describe(model, i)).collect(),
        total: n,
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

    #[test]
    fn a_big_model_lists_the_closest_ten_and_a_count() {
        let y = crate::generate::yaml(&crate::generate::Spec::new(500, 2));
        let m = crate::model::from_str(&y, crate::model::Origin::BuiltIn).expect("model");
        let Err(e) = resolve_actor(&m, "actor-4x") else {
            panic!("no such actor");
        };
        let text = e.to_string();
        assert!(
            text.starts_with("no actor matches `actor-4x`; the closest are: actor-4 ("),
            "{text}"
        );
        assert!(
            text.ends_with("(10 of 500; `detente actors` lists every actor)"),
            "{text}"
        );
        assert_eq!(text.matches("actor-").count(), 11, "{text}");
        let Err(e) = resolve_actor(&m, "a") else {
            panic!("ambiguous");
        };
        assert!(e.to_string().contains("(10 of "), "{e}");
    }
}
