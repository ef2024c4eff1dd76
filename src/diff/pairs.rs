//! Each pair's agreement then and now (docs/design.md, "Changes between two models").

use std::cmp::Ordering;

use super::{ModelDiff, PairDiff, differs};
use crate::compare::{Row, agreement as agreement_of, verdict_on};
use crate::model::{Basis, Model};

/// The most pairs × issues (old and new) compared again for the agreements: about 25 ns each in a
/// release build (docs/performance.md), so some six seconds. All 19,900 pairs of 200 actors over
/// 6,000 issues fit; all 50 million of 10,000 actors do not.
pub const PAIR_BUDGET: usize = 250_000_000;

/// The pairs of actors in both models whose agreement or shared issues changed, biggest change
/// first; a pair with a figure undefined on one side after those with both. Only pairs with an
/// actor whose positions changed, or who holds one on an issue added, removed or rescaled, can
/// change, so only those are compared again, if they fit in `budget`; else none is, and
/// the second number says how many were not.
pub(super) fn pairs(
    old: &Model,
    new: &Model,
    d: &ModelDiff,
    budget: usize,
) -> (Vec<PairDiff>, usize) {
    let mut touched = vec![false; new.actors.len()];
    for p in &d.positions {
        touched[p.actor] = true;
    }
    let min = d.min_basis;
    let on = |model: &Model, a: usize, issues: &[usize]| {
        issues
            .iter()
            .any(|&i| model.actors[a].position_at(i, min).is_some())
    };
    let gone = &d.issues_removed;
    let reissued: Vec<usize> = d.issues_added.iter().chain(&d.rescaled).copied().collect();
    let both: Vec<(usize, usize)> = (0..new.actors.len())
        .filter_map(|a| Some((a, d.old_actor(a)?)))
        .collect();
    for &(a, o) in &both {
        touched[a] = touched[a] || on(new, a, &reissued) || on(old, o, gone);
    }
    let untouched = both.iter().filter(|&&(a, _)| !touched[a]).count();
    let choose2 = |n: usize| n * n.saturating_sub(1) / 2;
    let again = choose2(both.len()) - choose2(untouched);
    if again.saturating_mul(old.issues.len() + new.issues.len()) > budget {
        return (Vec::new(), again);
    }
    let mut out = Vec::new();
    let (mut then_rows, mut now_rows) = (Vec::new(), Vec::new());
    for (k, &(a, ao)) in both.iter().enumerate() {
        for &(b, bo) in &both[k + 1..] {
            if !(touched[a] || touched[b]) {
                continue;
            }
            let (was, shared_was) = agreement(old, (ao, bo), min, &mut then_rows);
            let (now, shared_now) = agreement(new, (a, b), min, &mut now_rows);
            let p = PairDiff {
                left: a,
                right: b,
                was,
                now,
                shared_was,
                shared_now,
            };
            let moved = match (p.was, p.now) {
                (Some(x), Some(y)) => differs(x, y),
                (x, y) => x.is_some() != y.is_some(),
            };
            if moved || p.shared_was != p.shared_now {
                out.push(p);
            }
        }
    }
    // Biggest change first; a figure that appeared or vanished after; ties in model order.
    out.sort_by(|x, y| {
        let size = |p: &PairDiff| p.delta().map_or(-1.0, f64::abs);
        size(y).total_cmp(&size(x))
    });
    (out, 0)
}

/// A pair's agreement and the shared issues it rests on, as [`crate::compare::Comparison::at`]
/// gives them: the rows it would build for the issues both hold a counted position on, merged
/// from the two actors' positions, so a pair costs what the two hold, not every issue of the model.
/// `rows` is a buffer kept from pair to pair.
pub(super) fn agreement<'m>(
    m: &'m Model,
    (a, b): (usize, usize),
    min: Basis,
    rows: &mut Vec<Row<'m>>,
) -> (Option<f64>, usize) {
    rows.clear();
    let counted = |p: &&crate::model::Position| p.basis >= min;
    let mut left = m.actors[a].positions().iter().filter(counted).peekable();
    let mut right = m.actors[b].positions().iter().filter(counted).peekable();
    while let (Some(l), Some(r)) = (left.peek(), right.peek()) {
        match l.issue().cmp(&r.issue()) {
            Ordering::Less => {
                left.next();
            }
            Ordering::Greater => {
                right.next();
            }
            Ordering::Equal => {
                let (l, r) = (*l, *r);
                rows.push(Row {
                    issue: l.issue(),
                    left: Some(l),
                    right: Some(r),
                    verdict: verdict_on(&m.issues[l.issue()], Some(l), Some(r)),
                    red_line: false,
                });
                left.next();
                right.next();
            }
        }
    }
    (agreement_of(rows), rows.len())
}
