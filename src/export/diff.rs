//! `detente diff`: what changed between two models, as text or Markdown for reading
//! (grouped, sorted, long lists cut short) and as CSV or JSON with every change
//! (docs/cli.md, "detente diff"). Pure: the models and their [`ModelDiff`] in, a string out.

mod data;

use std::fmt::Write;

use super::forecast::{TableFormat, scale};
use crate::diff::{Change, Direction, ModelDiff, Part, PositionDiff};
use crate::model::{Model, Origin, format_number};
use crate::present::{WhatIfApplied, percent, shared_label};

/// The most lines a list of the text and Markdown reports shows; the rest are counted.
pub const LIST_MAX: usize = 25;
/// The most actors named as moved toward (or away from) on one line.
const NAMES_MAX: usize = 5;

/// Both models, where they came from, and what changed.
pub struct DiffReport<'a> {
    pub old: &'a Model,
    pub new: &'a Model,
    pub old_origin: &'a Origin,
    pub new_origin: &'a Origin,
    /// The what-if changes (`--scenario`, `--set`) applied to NEW.
    pub new_what_if: &'a WhatIfApplied,
    pub diff: &'a ModelDiff,
}

impl DiffReport<'_> {
    /// NEW's origin, and the what-if changes made to it: `talks.yaml with
    /// 1 --set change`.
    fn new_shown(&self) -> String {
        let origin = crate::present::origin(self.new_origin);
        match self.new_what_if.phrase() {
            Some(with) => format!("{origin} with {with}"),
            None => origin,
        }
    }
}

pub fn render(r: &DiffReport<'_>, format: TableFormat) -> String {
    match format {
        TableFormat::Text => reading(r, false),
        TableFormat::Markdown => reading(r, true),
        TableFormat::Csv => data::csv(r),
        TableFormat::Json => data::json(r),
    }
}

/// A heading and the first [`LIST_MAX`] of its lines, each a whole change in words, of `total`.
struct Section {
    heading: String,
    lines: Vec<String>,
    total: usize,
}

/// `1 actor`, `2 actors`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// `“Title”: 4 actors, 3 issues, 10 positions`.
fn about(m: &Model) -> String {
    format!(
        "“{}”: {}, {}, {}",
        m.title,
        count(m.actors.len(), "actor"),
        count(m.issues.len(), "issue"),
        count(m.position_count(), "position")
    )
}

/// The text and Markdown reports: one line when nothing changed, else the sections.
fn reading(r: &DiffReport<'_>, md: bool) -> String {
    let (old, new) = (crate::present::origin(r.old_origin), r.new_shown());
    let esc = |s: &str| {
        if md {
            super::markdown::esc(s)
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    if r.diff.is_empty() {
        let _ = writeln!(
            out,
            "Nothing changed from {} to {}: the same {}, {} and {}.",
            esc(&old),
            esc(&new),
            count(r.new.actors.len(), "actor"),
            count(r.new.issues.len(), "issue"),
            count(r.new.position_count(), "position")
        );
        return out;
    }
    let title = format!("Changes from {} to {}", esc(&old), esc(&new));
    if md {
        let _ = writeln!(out, "# {title}\n");
    } else {
        let _ = writeln!(out, "{title}");
    }
    let bullet = if md { "- " } else { "" };
    let _ = writeln!(out, "{bullet}Old: {}", esc(&about(r.old)));
    let _ = writeln!(out, "{bullet}New: {}", esc(&about(r.new)));
    if let Some(line) = crate::present::basis_sentence(r.diff.min_basis) {
        let _ = writeln!(out, "{}{line}", if md { "\n" } else { "" });
    }
    for s in sections(r, &esc) {
        if md {
            let _ = writeln!(out, "\n## {}\n", s.heading);
        } else {
            let _ = writeln!(out, "\n{}", s.heading);
        }
        let lead = if md { "- " } else { "  " };
        for line in &s.lines {
            let _ = writeln!(out, "{lead}{line}");
        }
        if s.total > s.lines.len() {
            let _ = writeln!(
                out,
                "{lead}… and {} more (`--format csv` or `--format json` lists every change)",
                s.total - s.lines.len()
            );
        }
    }
    out
}

fn sections(r: &DiffReport<'_>, esc: &dyn Fn(&str) -> String) -> Vec<Section> {
    let (d, old, new) = (r.diff, r.old, r.new);
    // Added and removed actors and issues are named with their ids, the rest by name.
    let actor_id = |m: &Model, a: usize| {
        let a = &m.actors[a];
        esc(&format!("{} ({})", a.name, a.id))
    };
    let issue_id = |m: &Model, i: usize| {
        let i = &m.issues[i];
        esc(&format!("{} ({})", i.label(), i.id))
    };
    let actor = |m: &Model, a: usize| esc(&m.actors[a].name);
    let issue = |m: &Model, i: usize| esc(m.issues[i].label());
    let mut out = Vec::new();
    // Only the lines shown are written: a big model's lists are long.
    let mut push = |heading: String, total: usize, lines: &mut dyn Iterator<Item = String>| {
        if total > 0 {
            let lines = lines.take(LIST_MAX).collect();
            out.push(Section {
                heading,
                lines,
                total,
            });
        }
    };
    let added = d
        .actors_added
        .iter()
        .map(|&a| format!("added: {}", actor_id(new, a)));
    let removed = d
        .actors_removed
        .iter()
        .map(|&a| format!("removed: {}", actor_id(old, a)));
    push(
        format!(
            "Actors: {} added, {} removed",
            d.actors_added.len(),
            d.actors_removed.len()
        ),
        d.actors_added.len() + d.actors_removed.len(),
        &mut added.chain(removed),
    );
    let added = d
        .issues_added
        .iter()
        .map(|&i| format!("added: {}", issue_id(new, i)));
    let removed = d
        .issues_removed
        .iter()
        .map(|&i| format!("removed: {}", issue_id(old, i)));
    let rescaled = d.rescaled.iter().map(|&i| {
        let was = d
            .old_issue(i)
            .map_or_else(String::new, |o| scale(&old.issues[o]));
        format!(
            "rescaled: {}, from {was} to {} (positions compared on the new scale)",
            issue_id(new, i),
            scale(&new.issues[i])
        )
    });
    push(
        format!(
            "Issues: {} added, {} removed, {} rescaled",
            d.issues_added.len(),
            d.issues_removed.len(),
            d.rescaled.len()
        ),
        d.issues_added.len() + d.issues_removed.len() + d.rescaled.len(),
        &mut added.chain(removed).chain(rescaled),
    );
    let mut powers = d.powers.iter().map(|&a| {
        let was = d.old_actor(a).map_or(f64::NAN, |o| old.actors[o].power);
        format!(
            "{}: power {} → {}",
            actor(new, a),
            format_number(was),
            format_number(new.actors[a].power)
        )
    });
    push(
        format!("Power: {}", count(d.powers.len(), "actor")),
        d.powers.len(),
        &mut powers,
    );
    let on = |p: &PositionDiff| format!("{} on {}", actor(new, p.actor), issue(new, p.issue));
    let moves = d.moves(new);
    push(
        format!(
            "Moved: {} (biggest move first, as a share of the scale)",
            count(moves.len(), "position")
        ),
        moves.len(),
        &mut moves
            .iter()
            .map(|p| format!("{}: {}{}", on(p), from_to(r, p), toward(r, p, esc))),
    );
    let of = |pick: &dyn Fn(&Change) -> bool| -> Vec<&PositionDiff> {
        d.positions.iter().filter(|p| pick(&p.change)).collect()
    };
    let fresh = of(&|c| matches!(c, Change::New));
    push(
        format!("New positions: {}", fresh.len()),
        fresh.len(),
        &mut fresh
            .iter()
            .map(|p| format!("{}: {}", on(p), now_value(r, p))),
    );
    let dropped = of(&|c| matches!(c, Change::Dropped { .. }));
    push(
        format!("Dropped positions: {}", dropped.len()),
        dropped.len(),
        &mut dropped
            .iter()
            .map(|p| format!("{}: was {}", on(p), old_value(r, p))),
    );
    for part in Part::ALL {
        let these = of(&|c| matches!(c, Change::Edited { what, .. } if part.in_edits(*what)));
        let mut lines = these
            .iter()
            .map(|p| format!("{}: {}", on(p), edited(r, p, part, esc)));
        let heading = match part {
            Part::Salience => "Salience",
            Part::Power => "Power on an issue",
            Part::Basis => "Basis",
            Part::RedLine => "Red line",
            Part::Summary => "Summary",
        };
        push(
            format!("{heading}: {}", count(these.len(), "position")),
            these.len(),
            &mut lines,
        );
    }
    if d.pairs_unchecked > 0 {
        push(
            "Agreement: not compared".to_string(),
            1,
            &mut std::iter::once(format!(
                "{} may have changed: too many to compare again in a few seconds",
                count(d.pairs_unchecked, "pair")
            )),
        );
    }
    push(
        format!(
            "Agreement: {} of {} changed (biggest change first)",
            d.pairs.len(),
            count(d.pairs_in_both, "pair")
        ),
        d.pairs.len(),
        &mut d.pairs.iter().map(|p| {
            let (was, now) = (percent(p.was), percent(p.now));
            let points = p.delta().map_or_else(String::new, |x| {
                // One decimal: the change in the unrounded figures, which the two whole
                // percentages beside it may not add up to (24% → 28%, +4.6 points).
                let pts = (x * 1000.0).round() / 10.0;
                let sign = if pts > 0.0 { "+" } else { "" };
                format!(" ({sign}{} points)", format_number(pts))
            });
            let shared = if p.shared_was == p.shared_now {
                format!("over {}", shared_label(p.shared_now))
            } else {
                format!("over {} → {}", p.shared_was, shared_label(p.shared_now))
            };
            format!(
                "{} – {}: {was} → {now}{points}, {shared}",
                actor(new, p.left),
                actor(new, p.right)
            )
        }),
    );
    out
}

/// The old position of a change: in the old model, on the old scale.
fn old_position<'m>(r: &DiffReport<'m>, p: &PositionDiff) -> Option<&'m crate::model::Position> {
    let (a, i) = (r.diff.old_actor(p.actor)?, r.diff.old_issue(p.issue)?);
    r.old.actors[a].position(i)
}

fn old_value(r: &DiffReport<'_>, p: &PositionDiff) -> String {
    let i = r.diff.old_issue(p.issue).map(|i| &r.old.issues[i]);
    match (old_position(r, p), i) {
        (Some(q), Some(i)) => i.describe(q.value),
        _ => "?".to_string(),
    }
}

fn now_value(r: &DiffReport<'_>, p: &PositionDiff) -> String {
    r.new.actors[p.actor].position(p.issue).map_or_else(
        || "?".to_string(),
        |q| r.new.issues[p.issue].describe(q.value),
    )
}

/// `20 → 35`, `-2 rejects → -1 opposes`.
fn from_to(r: &DiffReport<'_>, p: &PositionDiff) -> String {
    format!("{} → {}", old_value(r, p), now_value(r, p))
}

/// `; toward United States, European Union; away from China`: the other actors on the issue.
fn toward(r: &DiffReport<'_>, p: &PositionDiff, esc: &dyn Fn(&str) -> String) -> String {
    let (mut to, mut away) = (Vec::new(), Vec::new());
    for (b, dir) in r.diff.directions(r.new, p) {
        match dir {
            Direction::Toward => to.push(b),
            Direction::Away => away.push(b),
            Direction::Level => {}
        }
    }
    let names = |v: &[usize]| {
        let mut s: Vec<String> = v
            .iter()
            .take(NAMES_MAX)
            .map(|&b| esc(&r.new.actors[b].name))
            .collect();
        if v.len() > NAMES_MAX {
            s.push(format!("{} more", v.len() - NAMES_MAX));
        }
        s.join(", ")
    };
    let mut out = String::new();
    if !to.is_empty() {
        let _ = write!(out, "; toward {}", names(&to));
    }
    if !away.is_empty() {
        let _ = write!(out, "; away from {}", names(&away));
    }
    out
}

/// One edited part of a position, old → new, in words.
fn edited(
    r: &DiffReport<'_>,
    p: &PositionDiff,
    part: Part,
    esc: &dyn Fn(&str) -> String,
) -> String {
    let (Some(q), Some(n)) = (old_position(r, p), r.new.actors[p.actor].position(p.issue)) else {
        return String::new();
    };
    match part {
        Part::Salience => format!(
            "{} → {}",
            format_number(q.salience),
            format_number(n.salience)
        ),
        Part::Power => {
            let was = r
                .diff
                .old_actor(p.actor)
                .map_or(f64::NAN, |a| r.old.actors[a].power_on(q));
            let now = r.new.actors[p.actor].power_on(n);
            format!("{} → {}", format_number(was), format_number(now))
        }
        Part::Basis => format!("{} → {}", q.basis, n.basis),
        Part::RedLine if n.red_line => "now a red line".to_string(),
        Part::RedLine => "no longer a red line".to_string(),
        Part::Summary => {
            let say = |s: Option<&str>| {
                s.map_or_else(|| "(none)".to_string(), |s| format!("“{}”", esc(s)))
            };
            format!("{} → {}", say(q.summary()), say(n.summary()))
        }
    }
}
