//! The problem list, and the checks that need a place in the file: required
//! text, slugs, dates, unique and known ids, affiliation cycles.

use std::collections::HashMap;

use crate::model::check::{self, Wants, is_slug, quoted};
use crate::model::error::Problem;
use crate::model::types::Actor;
use crate::model::yaml::{Keys, Loc, Located, Number, Scalar};
use crate::sanitize;

/// A problem's path, built only when there is a problem to report: most
/// values are fine, and a path is a few allocations.
pub(super) type Path<'a> = &'a dyn Fn() -> String;

pub(super) struct Checker {
    pub(super) problems: Vec<Problem>,
}

impl Checker {
    pub(super) fn report(&mut self, loc: Loc, path: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            loc,
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// The keys of a mapping at `path` that are not fields there.
    pub(super) fn keys(&mut self, keys: &Keys, path: &str) {
        for key in &keys.unknown {
            self.report(key.loc, path, check::unknown_field(&key.value, keys.fields));
        }
    }

    /// Whether a required field is there, reporting it at `keys.at` (where
    /// its mapping starts) when it is not. A field read from the file has a
    /// place; one left out has the default's unknown place. A field whose
    /// key is misspelt is not reported twice: the unknown key's message
    /// already suggests it.
    pub(super) fn present<T>(
        &mut self,
        value: &Located<T>,
        keys: &Keys,
        path: &str,
        field: &str,
    ) -> bool {
        let there = value.loc.is_known();
        if !there && !misspelt(keys, field) {
            self.report(keys.at, path, check::missing_field(field));
        }
        there
    }

    /// A number, or the text written in its place reported with what the
    /// field takes.
    pub(super) fn number(
        &mut self,
        n: &Located<Number>,
        path: Path,
        what: &str,
        wants: &Wants,
    ) -> Option<f64> {
        match &n.value {
            Number::Value(x) => Some(*x),
            Number::Text(text) => {
                self.report(n.loc, &path(), check::not_a_number(what, text, wants));
                None
            }
        }
    }

    /// A required, non-empty single-line string; `keys` are its mapping's,
    /// for the report of one left out.
    pub(super) fn required(
        &mut self,
        value: &Located<String>,
        keys: &Keys,
        path: &str,
        field: &str,
    ) -> String {
        if !self.present(value, keys, path, field) {
            return String::new();
        }
        let clean = sanitize::line(&value.value);
        if clean.trim().is_empty() {
            self.report(Loc::of(value), path, format!("`{field}` must not be empty"));
        }
        clean.trim().to_string()
    }

    /// A required id that must be a slug; whether it is there.
    pub(super) fn slug(&mut self, id: &Located<String>, keys: &Keys, path: &str) -> bool {
        if !self.present(id, keys, path, "id") {
            return false;
        }
        if !is_slug(&id.value) {
            self.report(
                Loc::of(id),
                path,
                format!(
                    "id {} is not a slug: use lowercase letters, digits and single hyphens, e.g. `nato-non-expansion`",
                    quoted(&id.value)
                ),
            );
        }
        true
    }

    pub(super) fn date(&mut self, date: Option<&Located<Scalar>>, path: Path) -> Option<String> {
        let date = date?;
        if let Err(message) = check::date(&date.value.0) {
            self.report(Loc::of(date), &path(), message);
        }
        Some(sanitize::line(&date.value.0))
    }

    /// Records `id` in `seen`, reporting a duplicate; returns whether it is new.
    pub(super) fn unique(
        &mut self,
        seen: &mut HashMap<String, usize>,
        id: &Located<String>,
        index: usize,
        path: &str,
        what: &str,
    ) {
        if let Some(first) = seen.get(&id.value) {
            self.report(
                Loc::of(id),
                path,
                check::duplicate(
                    &format!("{what} id"),
                    &id.value,
                    &format!("by {what}s[{first}]"),
                ),
            );
        } else {
            seen.insert(id.value.clone(), index);
        }
    }

    pub(super) fn unknown_ref<S: AsRef<str>>(
        &mut self,
        id: &Located<S>,
        path: &str,
        what: &str,
        known: &HashMap<String, usize>,
    ) {
        let message = check::unknown(
            &format!("{what} id"),
            id.value.as_ref(),
            known.keys().map(String::as_str),
        );
        self.report(Loc::of(id), path, message);
    }
}

/// Whether one of the unknown keys in `keys` is a likely misspelling of
/// `field` (the field its message suggests).
pub(super) fn misspelt(keys: &Keys, field: &str) -> bool {
    keys.unknown
        .iter()
        .any(|k| check::did_you_mean(&k.value, keys.fields.iter().copied()) == Some(field))
}

/// Cleans and trims text, moving it rather than copying where it can.
pub(super) fn tidy(s: String) -> String {
    let s = sanitize::multiline_owned(s);
    if s.trim().len() == s.len() {
        s
    } else {
        s.trim().to_string()
    }
}

pub(super) fn optional_text(s: Option<String>) -> Option<String> {
    s.map(tidy).filter(|s| !s.is_empty())
}

/// Reports each affiliation cycle once, naming its members in order.
pub(super) fn check_affiliation_cycles(c: &mut Checker, actors: &[Actor], locs: &[Loc]) {
    // 0 = unvisited, 1 = on the current chain, 2 = done.
    let mut state = vec![0u8; actors.len()];
    for start in 0..actors.len() {
        let mut chain: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&x| x == i).unwrap_or(0);
                    let mut names: Vec<String> = chain[from..]
                        .iter()
                        .map(|&x| sanitize::line(&actors[x].id))
                        .collect();
                    names.push(sanitize::line(&actors[i].id));
                    c.report(
                        locs.get(i).copied().unwrap_or_default(),
                        &format!("actors[{i}] ({}).affiliation", names[names.len() - 1]),
                        format!("affiliation cycle: {}", names.join(" -> ")),
                    );
                    break;
                }
                _ => {
                    state[i] = 1;
                    chain.push(i);
                    at = actors[i].affiliation;
                }
            }
        }
        for i in chain {
            state[i] = 2;
        }
    }
}
