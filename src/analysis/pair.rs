//! Sticking points and trades between two actors (SPEC §2 "Sticking points,
//! trades and who stands closest"). Pure functions over a [`Comparison`], so
//! they count exactly the positions it counts (its minimum basis).

use crate::compare::{Comparison, Verdict};

/// The most trades a pair lists (SPEC §2).
pub const MAX_TRADES: usize = 10;

/// "The left actor gives way on `left_gives`, the right on `right_gives`":
/// each concedes the issue it cares less about. Issues are indices into
/// [`crate::model::Model::issues`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trade {
    /// j: the issue the left actor gives way on (it matters less to it).
    pub left_gives: usize,
    /// i: the issue the right actor gives way on.
    pub right_gives: usize,
    /// min(s_A,i − s_A,j, s_B,j − s_B,i), rounded to 9 decimals so that
    /// equal differences tie whatever the floating point noise.
    pub score: f64,
}

/// The issues in conflict: red-line conflicts first, then by the sum of both
/// saliences (descending), then in model order.
pub fn cruxes(c: &Comparison<'_>) -> Vec<usize> {
    let mut rows: Vec<_> = c
        .rows
        .iter()
        .filter(|r| r.verdict == Verdict::Conflict)
        .collect();
    let sum = |r: &crate::compare::Row<'_>| {
        r.left.map_or(0.0, |p| p.salience) + r.right.map_or(0.0, |p| p.salience)
    };
    // A stable sort keeps model order among equals.
    rows.sort_by(|a, b| {
        b.red_line
            .cmp(&a.red_line)
            .then_with(|| sum(b).total_cmp(&sum(a)))
    });
    rows.into_iter().map(|r| r.issue).collect()
}

/// At most [`MAX_TRADES`] trades, by score descending, ties in model order of
/// i (what the right gives) then j (what the left gives). Both issues must
/// have counted positions on both sides and a verdict other than `agree`;
/// nobody gives way on its own red line.
pub fn trades(c: &Comparison<'_>) -> Vec<Trade> {
    // (issue, left salience, left red line, right salience, right red line)
    let open: Vec<(usize, f64, bool, f64, bool)> = c
        .rows
        .iter()
        .filter(|r| r.verdict != Verdict::Agree)
        .filter_map(|r| {
            let (l, rt) = (r.left?, r.right?);
            Some((r.issue, l.salience, l.red_line, rt.salience, rt.red_line))
        })
        .collect();
    let mut best: Vec<Trade> = Vec::with_capacity(MAX_TRADES + 1);
    for &(i, a_i, _, b_i, b_red_i) in &open {
        if b_red_i {
            continue;
        }
        for &(j, a_j, a_red_j, b_j, _) in &open {
            if i == j || a_red_j || a_i <= a_j || b_j <= b_i {
                continue;
            }
            let score = round9((a_i - a_j).min(b_j - b_i));
            if best.len() == MAX_TRADES && best.last().is_some_and(|w| w.score >= score) {
                continue;
            }
            // After every equal score: earlier (i, j) stay first.
            let at = best.partition_point(|t| t.score >= score);
            best.insert(
                at,
                Trade {
                    left_gives: j,
                    right_gives: i,
                    score,
                },
            );
            best.truncate(MAX_TRADES);
        }
    }
    best
}

fn round9(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

#[cfg(test)]
mod tests;
