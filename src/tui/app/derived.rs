//! Derived state, rebuilt when its inputs change (never per frame): the
//! pair, the compare rows, the Issue view's spectrum and the matrix
//! cursor, kept consistent with the current issue and actors.

use super::{App, Order, Pair, Side, View};
use crate::analysis::forecast::forecast;
use crate::analysis::sensitivity::{self, Field};
use crate::compare::Verdict;
use crate::model::Basis;
use crate::tui::layout;

/// The most counted positions on an issue for which the Issue view works
/// out who can move it: each of the n actors' six changes is a forecast of
/// n points, so the work grows as n², and past this it would slow every
/// key. `detente sensitivity --issue ID` works it out at any size.
pub const PIVOTAL_MAX_POSITIONS: usize = 300;

/// How many of the pivotal actors the Issue view names.
pub const PIVOTAL_SHOWN: usize = 5;

/// The Issue view's "who can move this outcome" (docs/design.md,
/// "Sensitivity"), worked out when the issue, the model or the basis
/// changes, never per frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Pivotal {
    /// The Issue view is not open.
    #[default]
    NotWorkedOut,
    /// The issue has this many counted positions, more than
    /// [`PIVOTAL_MAX_POSITIONS`].
    TooMany(usize),
    /// The actors whose one step moves a forecast by at least 0.05 % of the
    /// scale, the furthest first, at most [`PIVOTAL_SHOWN`]: the actor, how
    /// far (its [`reach`](sensitivity::Pivot::reach), in % of the scale)
    /// and what it moves to get there.
    Actors(Vec<(usize, f64, Field)>),
}

impl App {
    pub(super) fn set_actors(&mut self, left: usize, right: usize) {
        self.set_pair(left, right, self.min_basis());
    }

    /// Compares `left` with `right`, counting positions from `min_basis`.
    pub(super) fn set_pair(&mut self, left: usize, right: usize, min_basis: Basis) {
        self.comparison = Pair::new(&self.model, left, right, min_basis);
        self.refresh_since(false);
        self.rebuild_rows();
        if self.view == View::Analysis {
            self.rebuild_analysis();
        }
    }

    /// Orders and filters the compare rows, keeping the current issue
    /// selected when it is still shown.
    pub(super) fn rebuild_rows(&mut self) {
        let c = &self.comparison;
        let mut rows: Vec<usize> = (0..c.rows.len())
            .filter(|&i| self.filter.keeps(c.rows[i].verdict))
            .collect();
        match self.order {
            Order::Model => {}
            Order::ConflictsFirst => rows.sort_by_key(|&i| {
                let r = &c.rows[i];
                match (r.verdict, r.red_line) {
                    (Verdict::Conflict, true) => 0,
                    (Verdict::Conflict, false) => 1,
                    (Verdict::Partial, _) => 2,
                    (Verdict::Agree, _) => 3,
                    (Verdict::Unknown, _) => 4,
                }
            }),
            Order::Salience => rows.sort_by(|&a, &b| {
                let w = |i: usize| {
                    let r = c.row(&self.model, i);
                    r.weight()
                        .unwrap_or_else(|| r.left.or(r.right).map_or(-1.0, |p| p.salience / 2.0))
                };
                w(b).total_cmp(&w(a))
            }),
        }
        self.rows = rows;
        let at = self
            .rows
            .iter()
            .position(|&r| c.rows[r].issue == self.issue)
            .unwrap_or(0);
        let page = self.compare_page();
        self.list.select(at, self.rows.len(), page);
        if let Some(r) = self.selected_row() {
            self.issue = self.comparison.rows[r].issue;
        }
    }

    /// Actors of the current issue grouped by stance (a numeric issue: all
    /// known positions in one group, by value), the unknown last, keeping
    /// the selection on the same actor when it can.
    pub(super) fn rebuild_spectrum(&mut self) {
        let keep = self.spectrum.get(self.spectrum_selected).copied();
        let (issue, min) = (self.issue, self.min_basis());
        let numeric = self.model.issues[issue].is_numeric();
        let value = |a: usize| {
            self.model.actors[a]
                .position_at(issue, min)
                .map(|p| p.value)
        };
        // Group 0..=4 by stance, or 0 for any number; 5 for unknown.
        let group = |a: usize| -> usize {
            match (value(a), numeric) {
                (None, _) => 5,
                (Some(_), true) => 0,
                (Some(v), false) => (v + 2.0) as usize,
            }
        };
        let mut order: Vec<usize> = (0..self.model.actors.len()).collect();
        order.sort_by(|&a, &b| {
            group(a).cmp(&group(b)).then_with(|| {
                let (x, y) = (value(a).unwrap_or(0.0), value(b).unwrap_or(0.0));
                if numeric {
                    x.total_cmp(&y)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
        });
        let mut bounds = [order.len(); 7];
        for g in (0..6).rev() {
            bounds[g] = order.partition_point(|&a| group(a) < g);
        }
        self.spectrum_bounds = bounds;
        self.spectrum = order;
        self.forecast = forecast(&self.model, issue, min);
        self.pivotal = self.pivotal_now();
        let want = keep.unwrap_or_else(|| self.focused_actor());
        self.spectrum_selected = self.spectrum.iter().position(|&a| a == want).unwrap_or(0);
    }

    /// Who can move the current issue's forecasts, for the Issue view's
    /// detail panel: worked out only while that view is open, and only on
    /// an issue of at most [`PIVOTAL_MAX_POSITIONS`] counted positions.
    fn pivotal_now(&self) -> Pivotal {
        if self.view != View::Issue {
            return Pivotal::NotWorkedOut;
        }
        let n = self.forecast.positions;
        if n > PIVOTAL_MAX_POSITIONS {
            return Pivotal::TooMany(n);
        }
        let mut actors = sensitivity::pivotal(&self.model, self.issue, self.min_basis());
        // A reach that shows as 0.0 % moves nothing a reader can see.
        actors.retain(|p| p.reach >= 0.05);
        actors.truncate(PIVOTAL_SHOWN);
        Pivotal::Actors(
            actors
                .into_iter()
                .map(|p| (p.actor, p.reach, p.lever))
                .collect(),
        )
    }

    pub(super) fn sync_matrix(&mut self) {
        let grid = layout::matrix_grid(self.screen().body, self.model.issues.len());
        let (actors, issues) = (self.model.actors.len(), self.model.issues.len());
        let row = self.matrix_row.selected;
        self.matrix_row.select(row, actors, grid.rows);
        self.matrix_col.select(self.issue, issues, grid.cols);
    }

    pub(super) fn set_issue(&mut self, issue: usize) {
        if issue != self.issue {
            self.detail_scroll = 0;
        }
        self.issue = issue.min(self.model.issues.len().saturating_sub(1));
        if let Some(at) = self
            .rows
            .iter()
            .position(|&r| self.comparison.rows[r].issue == self.issue)
        {
            let page = self.compare_page();
            self.list.select(at, self.rows.len(), page);
        }
        // Only the Issue view shows the spectrum; opening it rebuilds it, so a
        // burst of moves elsewhere does not sort every actor once per key.
        if self.view == View::Issue {
            self.rebuild_spectrum();
        }
        self.sync_matrix();
    }

    pub(super) fn set_focused_actor(&mut self, actor: usize) {
        match self.focus {
            Side::Left => self.set_actors(actor, self.right()),
            Side::Right => self.set_actors(self.left(), actor),
        }
        self.matrix_row.selected = actor;
        self.sync_matrix();
    }
}
