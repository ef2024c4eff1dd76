//! One actor's position on one issue: its value, its notes and its evidence.

use std::collections::HashMap;

use super::Citation;
use super::checker::{Checker, Path, misspelt, optional_text, tidy};
use super::value::IssueKind;
use crate::model::check::{self, Wants, quoted};
use crate::model::types::{Basis, Evidence, Position, Stance, format_number};
use crate::model::yaml::{Loc, RawEvidence, RawPosition};
use crate::sanitize;

/// Where an evidence `source:` is looked up: the sources already read, or,
/// when the file lists them later, a note to look it up at the end.
pub(super) enum Sources<'a> {
    Known(&'a HashMap<String, usize>),
    Later {
        cited: &'a mut Vec<Citation>,
        actor: usize,
        issue: usize,
    },
}

/// A position checked against its issue: its value, then its notes and
/// evidence when it is written in full.
pub(super) fn position(
    c: &mut Checker,
    raw: RawPosition,
    key_loc: Loc,
    path: Path,
    kind: &IssueKind,
    mut sources: Sources,
) -> Option<Position> {
    let value = value(c, &raw, key_loc, path, kind);
    let stance = match kind.scale {
        None => value.and_then(|v| Stance::from_value(v as i64)),
        Some(_) => None,
    };
    let Some(details) = raw.details else {
        return Some(Position::new(value?, stance));
    };
    let details = *details;
    c.keys(&details.keys, &path());
    let power = details
        .power
        .as_ref()
        .and_then(|p| c.power(p, &|| format!("{}.power", path())));
    let salience = match &details.salience {
        None => 1.0,
        Some(s) => {
            let spath = || format!("{}.salience", path());
            let x = c.number(s, &spath, "salience", &Wants::Salience);
            if let Some(Err(message)) = x.map(|x| check::salience(x, 1.0)) {
                c.report(Loc::of(s), &spath(), message);
            }
            x.unwrap_or(1.0)
        }
    };
    let evidence: Vec<Evidence> = (details.evidence.into_iter().enumerate())
        .map(|(j, e)| evidence(c, e, j, path, &mut sources))
        .collect();
    let summary = optional_text(details.summary).map(String::into_boxed_str);
    let mut p =
        Position::new(value?, stance).with_notes(power, summary, evidence.into_boxed_slice());
    p.basis = details.basis.as_ref().map_or(Basis::Stated, |b| {
        Basis::from_word(&b.value).unwrap_or_else(|| {
            let words = Basis::ALL.map(Basis::word);
            let message = check::unknown_word("basis", &b.value, &words);
            c.report(b.loc, &format!("{}.basis", path()), message);
            Basis::Stated
        })
    });
    p.salience = salience;
    p.red_line = details.red_line;
    Some(p)
}

/// The value: `stance` (or the shorthand) on a stance issue, `position`
/// (or a number in shorthand) on a numeric one.
fn value(
    c: &mut Checker,
    raw: &RawPosition,
    here: Loc,
    path: Path,
    kind: &IssueKind,
) -> Option<f64> {
    let loc_or_here = |loc: Loc| if loc.is_known() { loc } else { here };
    let position = raw.details.as_ref().and_then(|d| d.position.as_ref());
    match (&raw.stance, position, kind.scale) {
        (Some(s), _, None) => {
            let at = || format!("{}.stance", path());
            c.value(&s.value, loc_or_here(Loc::of(s)), &at, "stance", kind)
        }
        (None, Some(p), None) => {
            let message = format!(
                "`position` is for numeric issues; {} is a stance issue: use `stance`",
                quoted(kind.id)
            );
            c.report(Loc::of(p), &format!("{}.position", path()), message);
            None
        }
        (None, None, None) => {
            if !misspelt_in(raw, "stance") {
                c.report(here, &path(), "the position has no stance");
            }
            None
        }
        (Some(s), None, Some(_)) if raw.details.is_none() => {
            // Shorthand on a numeric issue: the number itself.
            c.value(&s.value, loc_or_here(Loc::of(s)), path, "position", kind)
        }
        (Some(s), _, Some(scale)) => {
            let message = format!(
                "`stance` is for stance issues; {} is numeric (scale {}..={}): use `position`",
                quoted(kind.id),
                format_number(scale.min),
                format_number(scale.max)
            );
            c.report(
                loc_or_here(Loc::of(s)),
                &format!("{}.stance", path()),
                message,
            );
            None
        }
        (None, Some(p), Some(_)) => {
            c.number_on(p, &|| format!("{}.position", path()), "position", kind)
        }
        (None, None, Some(_)) => {
            if !misspelt_in(raw, "position") {
                let message = "the position has no `position` (a number on the issue's scale)";
                c.report(here, &path(), message);
            }
            None
        }
    }
}

/// Whether the position, written in full, has a misspelt `field`: its
/// message then says what is missing.
fn misspelt_in(raw: &RawPosition, field: &str) -> bool {
    raw.details
        .as_ref()
        .is_some_and(|d| misspelt(&d.keys, field))
}

/// The `j`th piece of evidence, its source looked up now or noted for the
/// end.
fn evidence(
    c: &mut Checker,
    e: RawEvidence,
    j: usize,
    path: Path,
    sources: &mut Sources,
) -> Evidence {
    let epath = || format!("{}.evidence[{j}]", path());
    c.keys(&e.keys, &epath());
    let quote_loc = Loc::of(&e.quote);
    let there = c.present(&e.quote, &e.keys, &epath(), "quote");
    let quote = tidy(e.quote.value);
    if there && quote.is_empty() {
        c.report(quote_loc, &epath(), "`quote` must not be empty");
    }
    let date = c.date(e.date.as_ref(), &|| format!("{}.date", epath()));
    let source = e.source.and_then(|s| match sources {
        Sources::Known(ids) => {
            let found = ids.get(&s.value).copied();
            if found.is_none() {
                c.unknown_ref(&s, &format!("{}.source", epath()), "source", ids);
            }
            found
        }
        Sources::Later {
            cited,
            actor,
            issue,
        } => {
            cited.push(Citation {
                actor: *actor,
                issue: *issue,
                evidence: j,
                path: format!("{}.source", epath()),
                id: s,
            });
            None
        }
    });
    Evidence {
        quote,
        speaker: e
            .speaker
            .map(sanitize::line_owned)
            .filter(|s| !s.trim().is_empty()),
        date,
        source,
    }
}
