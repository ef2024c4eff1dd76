//! The problem list, and the checks that need a place in the file: required
//! text, slugs, dates, unique and known ids, affiliation cycles.

use std::collections::HashMap;

use crate::model::check::{self, is_slug, quoted};
use crate::model::error::Problem;
use crate::model::types::Actor;
use crate::model::yaml::{Loc, Located, Scalar};
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

    /// A required, non-empty single-line string.
    pub(super) fn required(&mut self, value: &Located<String>, path: &str, field: &str) -> String {
        let clean = sanitize::line(&value.value);
        if clean.trim().is_empty() {
            self.report(Loc::of(value), path, format!("`{field}` must not be empty"));
        }
        clean.trim().to_string()
    }

    pub(super) fn slug(&mut self, id: &Located<String>, path: &str) {
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
