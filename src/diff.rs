//! What changed between two models of the same talks (docs/design.md, "Changes between two
//! models"): `detente diff OLD NEW`. Pure: two models in, a [`ModelDiff`] out, which holds
//! indices into both and no borrowed data, so a screen can keep it beside its model.
//!
//! Actors and issues are matched by id. A position is compared on the new issue's scale: when an
//! issue's scale changed, the old value is first carried onto the new scale (the same share of the
//! way from its minimum to its maximum), so 50 on 0..100 and 0.5 on 0..1 have not moved.

use std::collections::HashMap;

use crate::model::{Basis, Issue, Model, Position};

/// Two numbers closer than this share of a scale (or, for a salience, a power and an agreement,
/// than this) are equal: a model and its import may round the same number differently.
const TOLERANCE: f64 = 1e-9;

/// Everything that changed from `old` to `new` (see [`diff`]). Indices of actors and issues are
/// into the new model, except for what the new model no longer has.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelDiff {
    /// The positions weaker than this were left out of both models, as everywhere.
    pub min_basis: Basis,
    /// New actors (new indices), in the new model's order.
    pub actors_added: Vec<usize>,
    /// Actors the new model no longer has (old indices), in the old model's order.
    pub actors_removed: Vec<usize>,
    pub issues_added: Vec<usize>,
    pub issues_removed: Vec<usize>,
    /// Issues in both whose scale changed (new indices): stance to numeric, or another min or max.
    pub rescaled: Vec<usize>,
    /// Actors in both whose own power changed (new indices).
    pub powers: Vec<usize>,
    /// Per actor and issue in both models, what changed; sorted by (actor, issue).
    pub positions: Vec<PositionDiff>,
    /// The pairs of actors in both whose agreement (or the shared issues it rests on) changed,
    /// biggest change first.
    pub pairs: Vec<PairDiff>,
    /// How many pairs of actors both models have: those in `pairs` and those unchanged.
    pub pairs_in_both: usize,
    /// Pairs that may have changed but were not compared again, because that would take too long
    /// ([`PAIR_BUDGET`]); 0 but on a huge model where nearly everything changed.
    pub pairs_unchecked: usize,
    /// For each actor of the new model, its index in the old one.
    actor_old: Vec<Option<usize>>,
    /// For each issue of the new model, its index in the old one.
    issue_old: Vec<Option<usize>>,
}

/// What changed in one actor's position on one issue, both in both models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PositionDiff {
    /// Indices into the new model.
    pub actor: usize,
    pub issue: usize,
    pub change: Change,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// A position the old model did not have (or that did not count there).
    New,
    /// A position the new model no longer has; `was` is where it stood, on the new issue's scale.
    Dropped { was: f64 },
    /// A position in both that differs in `what`; `was` as for `Dropped`.
    Edited { was: f64, what: Edits },
}

/// Which parts of a position changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Edits {
    /// The value (on a stance issue, the stance).
    pub moved: bool,
    pub salience: bool,
    /// The power behind the position, where either file gives the position its own; a change of
    /// the actor's power alone is in [`ModelDiff::powers`].
    pub power: bool,
    pub basis: bool,
    pub red_line: bool,
    pub summary: bool,
}

impl Edits {
    fn any(self) -> bool {
        self.moved || self.salience || self.power || self.basis || self.red_line || self.summary
    }
}

/// A part of a position that can change besides its value, in the order the reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Salience,
    Power,
    Basis,
    RedLine,
    Summary,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Salience,
        Part::Power,
        Part::Basis,
        Part::RedLine,
        Part::Summary,
    ];

    /// Whether `edits` changed this part.
    pub fn in_edits(self, edits: Edits) -> bool {
        match self {
            Part::Salience => edits.salience,
            Part::Power => edits.power,
            Part::Basis => edits.basis,
            Part::RedLine => edits.red_line,
            Part::Summary => edits.summary,
        }
    }

    /// The change's name in the CSV and JSON reports.
    pub fn word(self) -> &'static str {
        match self {
            Part::Salience => "salience",
            Part::Power => "power",
            Part::Basis => "basis",
            Part::RedLine => "red_line",
            Part::Summary => "summary",
        }
    }
}

/// Whether a move brought a position closer to another actor's (in the new model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Toward,
    Away,
    /// As far as before (the other stands halfway between, or a stance at the same distance).
    Level,
}

/// One pair's agreement (docs/design.md, "Agreement") then and now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairDiff {
    /// Indices into the new model, `left < right`.
    pub left: usize,
    pub right: usize,
    pub was: Option<f64>,
    pub now: Option<f64>,
    /// The shared issues each figure rests on.
    pub shared_was: usize,
    pub shared_now: usize,
}

impl PairDiff {
    /// Now minus then, when both are defined.
    pub fn delta(&self) -> Option<f64> {
        Some(self.now? - self.was?)
    }
}

impl ModelDiff {
    /// Nothing at all changed.
    pub fn is_empty(&self) -> bool {
        self.actors_added.is_empty()
            && self.actors_removed.is_empty()
            && self.issues_added.is_empty()
            && self.issues_removed.is_empty()
            && self.rescaled.is_empty()
            && self.powers.is_empty()
            && self.positions.is_empty()
            && self.pairs.is_empty()
    }

    /// The index in the old model of the new model's `actor`, if it was there.
    pub fn old_actor(&self, actor: usize) -> Option<usize> {
        self.actor_old.get(actor).copied().flatten()
    }

    /// The index in the old model of the new model's `issue`, if it was there.
    pub fn old_issue(&self, issue: usize) -> Option<usize> {
        self.issue_old.get(issue).copied().flatten()
    }

    /// What changed in `actor`'s position on `issue` (new indices), if anything: a binary search.
    pub fn position(&self, actor: usize, issue: usize) -> Option<&PositionDiff> {
        self.positions
            .binary_search_by_key(&(actor, issue), |d| (d.actor, d.issue))
            .ok()
            .map(|i| &self.positions[i])
    }

    /// Where `actor`'s position on `issue` stood before, on the new issue's scale, if it moved.
    pub fn moved_from(&self, actor: usize, issue: usize) -> Option<f64> {
        match self.position(actor, issue)?.change {
            Change::Edited { was, what } if what.moved => Some(was),
            _ => None,
        }
    }

    /// The moves, biggest first (as a share of the scale), then in model order.
    pub fn moves(&self, new: &Model) -> Vec<&PositionDiff> {
        let mut moves: Vec<&PositionDiff> = self
            .positions
            .iter()
            .filter(|d| matches!(d.change, Change::Edited { what, .. } if what.moved))
            .collect();
        moves.sort_by(|a, b| shift(new, b).total_cmp(&shift(new, a)));
        moves
    }

    /// For a move, each other actor with a counted position on the issue in the new model, and
    /// whether the move went toward it; empty for any other change.
    pub fn directions<'a>(
        &self,
        new: &'a Model,
        d: &PositionDiff,
    ) -> impl Iterator<Item = (usize, Direction)> + use<'a> {
        let moved = match d.change {
            Change::Edited { was, what } if what.moved => Some(was),
            _ => None,
        };
        let (actor, issue, min) = (d.actor, d.issue, self.min_basis);
        let now = new.actors[d.actor]
            .position_at(issue, min)
            .map_or(0.0, |p| p.value);
        let span = new.issues[issue].span();
        new.actors
            .iter()
            .enumerate()
            .filter(move |&(b, _)| moved.is_some() && b != actor)
            .filter_map(move |(b, other)| {
                let at = other.position_at(issue, min)?.value;
                Some((b, direction(moved?, now, at, span)))
            })
    }
}

/// How far a move went, as a share of the new issue's scale (0 for any other change).
pub fn shift(new: &Model, d: &PositionDiff) -> f64 {
    match d.change {
        Change::Edited { was, what } if what.moved => {
            let now = new.actors[d.actor]
                .position(d.issue)
                .map_or(was, |p| p.value);
            (now - was).abs() / new.issues[d.issue].span()
        }
        _ => 0.0,
    }
}

/// A move from `was` to `now`, seen from a position at `other` on a scale `span` wide.
pub fn direction(was: f64, now: f64, other: f64, span: f64) -> Direction {
    let closer = (was - other).abs() - (now - other).abs();
    if closer > TOLERANCE * span {
        Direction::Toward
    } else if closer < -TOLERANCE * span {
        Direction::Away
    } else {
        Direction::Level
    }
}

/// `x` on `from`'s scale carried onto `to`'s: the same share of the way from min to max.
fn rescale(from: &Issue, to: &Issue, x: f64) -> f64 {
    let ((a0, a1), (b0, b1)) = (from.range(), to.range());
    if (a0, a1) == (b0, b1) {
        return x;
    }
    b0 + (x - a0) / (a1 - a0) * (b1 - b0)
}

/// Whether an issue's scale changed: stance to numeric or back, or another min or max (labels and
/// the status quo aside).
fn scale_changed(old: &Issue, new: &Issue) -> bool {
    old.is_numeric() != new.is_numeric() || old.range() != new.range()
}

/// What changed from `old` to `new`, counting the positions at least as strong as `min`
/// (docs/design.md, "Changes between two models").
pub fn diff(old: &Model, new: &Model, min: Basis) -> ModelDiff {
    diff_within(old, new, min, PAIR_BUDGET)
}

/// [`diff`], comparing pairs again only within `budget` (pairs × issues).
fn diff_within(old: &Model, new: &Model, min: Basis, budget: usize) -> ModelDiff {
    let mut d = changes(old, new, min);
    (d.pairs, d.pairs_unchecked) = pairs(old, new, &d, budget);
    d
}

/// Everything [`diff`] finds but the pairs' agreements (`pairs` is empty): what a screen's marks
/// need, in time proportional to the positions, without comparing any pair again.
pub fn changes(old: &Model, new: &Model, min: Basis) -> ModelDiff {
    let actor_old: Vec<Option<usize>> = new.actors.iter().map(|a| old.actor_by_id(&a.id)).collect();
    let old_issues: HashMap<&str, usize> = old
        .issues
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let issue_old: Vec<Option<usize>> = new
        .issues
        .iter()
        .map(|x| old_issues.get(x.id.as_str()).copied())
        .collect();
    let mut issue_new = vec![None; old.issues.len()];
    for (i, o) in issue_old.iter().enumerate() {
        if let Some(o) = *o {
            issue_new[o] = Some(i);
        }
    }
    let added = |map: &[Option<usize>]| {
        map.iter()
            .enumerate()
            .filter_map(|(i, o)| o.is_none().then_some(i))
            .collect::<Vec<_>>()
    };
    let actors_removed = (0..old.actors.len())
        .filter(|&a| new.actor_by_id(&old.actors[a].id).is_none())
        .collect();
    let issues_removed = added(&issue_new);
    let rescaled = (0..new.issues.len())
        .filter(|&i| issue_old[i].is_some_and(|o| scale_changed(&old.issues[o], &new.issues[i])))
        .collect();
    let powers = (0..new.actors.len())
        .filter(|&a| {
            actor_old[a].is_some_and(|o| differs(old.actors[o].power, new.actors[a].power))
        })
        .collect();
    let mut positions = Vec::new();
    for (a, o) in actor_old.iter().enumerate() {
        if let Some(o) = *o {
            positions_of(
                old,
                new,
                (o, a),
                (&issue_old, &issue_new),
                min,
                &mut positions,
            );
        }
    }
    let mut d = ModelDiff {
        min_basis: min,
        actors_added: added(&actor_old),
        actors_removed,
        issues_added: added(&issue_old),
        issues_removed,
        rescaled,
        powers,
        positions,
        pairs: Vec::new(),
        pairs_in_both: 0,
        pairs_unchecked: 0,
        actor_old,
        issue_old,
    };
    let both = d.actor_old.iter().flatten().count();
    d.pairs_in_both = both * both.saturating_sub(1) / 2;
    d
}

/// `a` and `b` are not the same number, give or take the rounding of an import.
fn differs(a: f64, b: f64) -> bool {
    (a - b).abs() > TOLERANCE
}

/// The changes in one actor's positions (`(old, new)` indices), over the issues in both models.
fn positions_of(
    old: &Model,
    new: &Model,
    (o, a): (usize, usize),
    (issue_old, issue_new): (&[Option<usize>], &[Option<usize>]),
    min: Basis,
    out: &mut Vec<PositionDiff>,
) {
    let start = out.len();
    let (then, now) = (&old.actors[o], &new.actors[a]);
    for p in now.positions().iter().filter(|p| p.basis >= min) {
        let i = p.issue();
        let Some(io) = issue_old[i] else { continue };
        let change = match then.position_at(io, min) {
            None => Some(Change::New),
            Some(q) => edited(old, new, (o, a), (io, i), q, p),
        };
        out.extend(change.map(|change| PositionDiff {
            actor: a,
            issue: i,
            change,
        }));
    }
    for q in then.positions().iter().filter(|q| q.basis >= min) {
        let Some(i) = issue_new[q.issue()] else {
            continue;
        };
        if now.position_at(i, min).is_none() {
            let was = rescale(&old.issues[q.issue()], &new.issues[i], q.value);
            out.push(PositionDiff {
                actor: a,
                issue: i,
                change: Change::Dropped { was },
            });
        }
    }
    out[start..].sort_by_key(|d| d.issue);
}

/// What differs between the old position `q` and the new `p`, if anything.
fn edited(
    old: &Model,
    new: &Model,
    (o, a): (usize, usize),
    (io, i): (usize, usize),
    q: &Position,
    p: &Position,
) -> Option<Change> {
    let issue = &new.issues[i];
    let was = rescale(&old.issues[io], issue, q.value);
    let own_power = q.power().is_some() || p.power().is_some();
    let what = Edits {
        moved: (p.value - was).abs() > TOLERANCE * issue.span(),
        salience: differs(q.salience, p.salience),
        power: own_power && differs(old.actors[o].power_on(q), new.actors[a].power_on(p)),
        basis: q.basis != p.basis,
        red_line: q.red_line != p.red_line,
        summary: q.summary() != p.summary(),
    };
    what.any().then_some(Change::Edited { was, what })
}

mod pairs;

pub use pairs::PAIR_BUDGET;
use pairs::pairs;

#[cfg(test)]
mod tests;
