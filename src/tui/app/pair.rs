//! The current pair's comparison, owned by the App. A [`Comparison`]
//! borrows the model; the App owns its model (so a reload can replace it
//! through `update`), so it keeps the comparison as plain data instead:
//! verdicts by issue index, the counts and the alignment, computed once
//! when the pair or the basis changes. The positions a row shows are looked
//! up in the model when drawn, which costs an index, not a comparison.

use crate::compare::{Comparison, Counts, Row, Verdict};
use crate::model::{Basis, Model};

#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub left: usize,
    pub right: usize,
    /// The basis the verdicts were computed at: the App's (and every
    /// view's) one setting of it, read through `App::min_basis`. Private,
    /// so it never changes without the verdicts.
    pub(super) min_basis: Basis,
    /// One per issue, in model order.
    pub rows: Vec<PairRow>,
    pub counts: Counts,
    pub alignment: Option<f64>,
    pub agreement: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairRow {
    /// Index into [`Model::issues`].
    pub issue: usize,
    pub verdict: Verdict,
    pub red_line: bool,
}

impl Pair {
    pub fn new(model: &Model, left: usize, right: usize, min_basis: Basis) -> Pair {
        let c = Comparison::at(model, left, right, min_basis);
        Pair {
            left,
            right,
            min_basis,
            rows: c
                .rows
                .iter()
                .map(|r| PairRow {
                    issue: r.issue,
                    verdict: r.verdict,
                    red_line: r.red_line,
                })
                .collect(),
            counts: c.counts,
            alignment: c.alignment,
            agreement: c.agreement,
        }
    }

    /// The full comparison, for the exports and the analyses that take one.
    /// Linear in the issues: call it on an action, never per frame.
    pub fn comparison<'m>(&self, model: &'m Model) -> Comparison<'m> {
        Comparison::at(model, self.left, self.right, self.min_basis)
    }

    /// Row `r` with its positions, as the comparison has it.
    pub fn row<'m>(&self, model: &'m Model, r: usize) -> Row<'m> {
        let PairRow {
            issue,
            verdict,
            red_line,
        } = self.rows[r];
        let at = |actor: usize| model.actors[actor].position_at(issue, self.min_basis);
        Row {
            issue,
            left: at(self.left),
            right: at(self.right),
            verdict,
            red_line,
        }
    }
}
