//! What the importers share: slug ids from keys, clean text, problems with
//! their line, and the finished model.

use std::collections::{HashMap, HashSet};

use crate::model::error::{LoadError, Origin, Problem};
use crate::model::types::{Actor, Issue, Model, Source};
use crate::model::yaml::Loc;
use crate::sanitize;

/// A key as a slug: lower case, every run of other characters one `-`,
/// no `-` at either end. Empty when the key has no ASCII letter or digit.
pub fn slugify(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Hands out unique slug ids: a clash gets `-2`, `-3`…
#[derive(Default)]
pub(super) struct Ids {
    used: HashSet<String>,
    /// Per clashing base, the suffix to try next: every smaller one is
    /// taken, so the search starts there rather than at 2 (from 2 each
    /// time, n keys with one slug, such as names without an ASCII letter,
    /// cost n² lookups: minutes for a file of 50,000 such actors).
    next: HashMap<String, usize>,
}

impl Ids {
    /// The id for `key`; `fallback` when the key has no letter or digit.
    pub fn id(&mut self, key: &str, fallback: &str) -> String {
        let mut base = slugify(key);
        if base.is_empty() {
            base = fallback.to_string();
        }
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Text for one line (a name, a title, a label), as the validator cleans it.
pub(super) fn one_line(s: &str) -> String {
    sanitize::line(s).trim().to_string()
}

/// Text that may span lines (a description, a summary, a quote), as the
/// validator cleans it; `None` when nothing is left.
pub(super) fn text(s: &str) -> Option<String> {
    let s = sanitize::multiline(s);
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

pub(super) use crate::model::check::quoted;

/// Every problem found, each with its line (and column where known).
#[derive(Default)]
pub(super) struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn add(&mut self, line: usize, column: usize, path: &str, message: impl Into<String>) {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.problems.push(Problem {
            loc: Loc {
                line: clamp(line),
                column: clamp(column),
            },
            path: sanitize::line(path),
            message: message.into(),
        });
    }

    /// `known` keys to suggest from when `key` is not one of them.
    pub fn unknown(
        &mut self,
        line: usize,
        column: usize,
        path: &str,
        what: &str,
        key: &str,
        known: &HashMap<String, usize>,
    ) {
        let what = format!("{what} key");
        let message = crate::model::check::unknown(&what, key, known.keys().map(String::as_str));
        self.add(line, column, path, message);
    }
}

/// The model, or every problem in file order.
pub(super) fn finish(
    origin: &Origin,
    report: Report,
    title: String,
    description: Option<String>,
    sources: Vec<Source>,
    issues: Vec<Issue>,
    actors: Vec<Actor>,
) -> Result<Model, LoadError> {
    let mut problems = report.problems;
    if issues.is_empty() && problems.is_empty() {
        problems.push(Problem {
            loc: Loc::default(),
            path: "issues".into(),
            message: "the file defines no issue; a model needs at least one".into(),
        });
    }
    if actors.is_empty() && problems.is_empty() {
        problems.push(Problem {
            loc: Loc::default(),
            path: "actors".into(),
            message: "the file defines no actor; a model needs at least one".into(),
        });
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| (!p.loc.is_known(), p.loc.line, p.loc.column));
        return Err(LoadError::Invalid {
            origin: origin.clone(),
            problems,
        });
    }
    let actor_index = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    Ok(Model {
        title,
        description,
        sources,
        issues,
        actors,
        actor_index,
    })
}

/// An actor with no positions yet, and its key as an alias where the key
/// says something the id and name do not.
pub(super) fn actor(id: String, key: &str, name: &str, description: Option<String>) -> Actor {
    let key = one_line(key);
    let name = match one_line(name) {
        n if n.is_empty() => key.clone(),
        n => n,
    };
    let aliases = if key != name && key != id && !key.is_empty() {
        vec![key]
    } else {
        Vec::new()
    };
    Actor::new(id, name, None, None, aliases, description, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_keys() {
        assert_eq!(slugify("United States"), "united-states");
        assert_eq!(slugify("  CO2_target (%) "), "co2-target");
        assert_eq!(slugify("Côte d'Ivoire"), "c-te-d-ivoire");
        assert_eq!(slugify("日本"), "");
        assert_eq!(slugify("--A--B--"), "a-b");
    }

    #[test]
    fn clashes_are_numbered() {
        let mut ids = Ids::default();
        assert_eq!(ids.id("USA", "actor"), "usa");
        assert_eq!(ids.id("usa", "actor"), "usa-2");
        assert_eq!(ids.id("U.S.A", "actor"), "u-s-a");
        assert_eq!(ids.id("Usa", "actor"), "usa-3");
        assert_eq!(ids.id("日本", "actor"), "actor");
        assert_eq!(ids.id("中国", "actor"), "actor-2");
        assert!(ids.id("usa-2", "actor").starts_with("usa-2"));
    }

    #[test]
    fn many_clashes_cost_no_more_than_the_ids() {
        // 20,000 keys with one slug: before the suffix was remembered,
        // each search started at 2: 200 million lookups, 90 s of CPU in a
        // debug build.
        let mut ids = Ids::default();
        assert_eq!(ids.id("actor-3", "actor"), "actor-3");
        let got: Vec<String> = (0..20_000).map(|_| ids.id("日本", "actor")).collect();
        assert_eq!(got[..4], ["actor", "actor-2", "actor-4", "actor-5"]);
        assert_eq!(got[19_999], "actor-20001");
        // A later key whose own slug is a numbered id still gets its own.
        assert_eq!(ids.id("actor 20002", "actor"), "actor-20002");
        assert_eq!(ids.id("actor", "actor"), "actor-20003");
    }
}
