//! Sticking points and trades between two actors (docs/design.md, "Cruxes"
//! and "Trades"). Pure functions over a [`Comparison`], so they count exactly
//! the positions it counts (its minimum basis).

use crate::compare::{Comparison, Verdict};

/// The most trades a pair lists (docs/design.md, "Trades").
pub const MAX_TRADES: usize = 10;

/// A trade: what each actor would give way on, from where to where, in
/// return for the other's move — a candidate exchange of the bargaining
/// simulation's first round (docs/design.md, "Trades").
pub use crate::simulate::{Give, PairTrade as Trade};

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

/// At most [`MAX_TRADES`] trades, the best gain first: the exchange
/// model's round-1 candidates between the pair that are valid when first
/// weighed. Power counts (a side without weight on an issue never gives way
/// on it), and nobody gives way on its own red line.
pub fn trades(c: &Comparison<'_>) -> Vec<Trade> {
    crate::simulate::pair_trades(c.model, c.min_basis, c.left, c.right, MAX_TRADES)
}

#[cfg(test)]
mod tests;
