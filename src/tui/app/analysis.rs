//! The Analysis view's state and input: the pair's cruxes and trades, and
//! every other actor ranked by closeness to the focused one. Rebuilt when the
//! pair, the focus or the minimum basis changes while the view is open
//! (never per frame), so the other views pay nothing for it.

use ratatui::layout::Position;

use super::{App, Side};
use crate::analysis::pair::{Give, Trade, cruxes, trades};
use crate::analysis::rank::{Ranked, closest};
use crate::present::{trade_line, trade_saliences};
use crate::tui::action::Action;
use crate::tui::layout;

/// Which of the view's two lists has the cursor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AnalysisPane {
    /// Cruxes, then trades.
    #[default]
    Points,
    Closest,
}

#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Issue indices, red-line conflicts first.
    pub cruxes: Vec<usize>,
    pub trades: Vec<Trade>,
    /// Each trade as a sentence and its saliences (as the exports word
    /// them), written when the lists are rebuilt so drawing one is a read.
    pub trade_text: Vec<(String, String)>,
    /// Whose ranking `closest` is.
    pub ranked: usize,
    pub closest: Vec<Ranked>,
    pub pane: AnalysisPane,
    /// Over `cruxes` then `trades`.
    pub point: usize,
    /// Over `closest`.
    pub near: usize,
}

/// What the cursor is on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Selected {
    Crux(usize),
    Trade(Trade),
    Actor(Ranked),
    Nothing,
}

impl Analysis {
    pub fn points(&self) -> usize {
        self.cruxes.len() + self.trades.len()
    }

    /// The line of the cruxes-and-trades list that shows point `k`: a
    /// heading, the cruxes (or "none"), a blank line, a heading, the trades.
    pub fn point_line(&self, k: usize) -> usize {
        if k < self.cruxes.len() {
            1 + k
        } else {
            1 + self.cruxes.len().max(1) + 2 + (k - self.cruxes.len())
        }
    }

    /// The point shown on list line `line`, if it shows one.
    pub fn point_at(&self, line: usize) -> Option<usize> {
        (0..self.points()).find(|&k| self.point_line(k) == line)
    }

    pub fn selected(&self) -> Selected {
        match self.pane {
            AnalysisPane::Points => match self.point.checked_sub(self.cruxes.len()) {
                None => self
                    .cruxes
                    .get(self.point)
                    .map_or(Selected::Nothing, |&i| Selected::Crux(i)),
                Some(t) => self
                    .trades
                    .get(t)
                    .map_or(Selected::Nothing, |&t| Selected::Trade(t)),
            },
            AnalysisPane::Closest => self
                .closest
                .get(self.near)
                .map_or(Selected::Nothing, |&r| Selected::Actor(r)),
        }
    }
}

/// The first row of a list of `height` rows that keeps `line` on screen,
/// scrolled no further than needed.
pub fn first_shown(line: usize, height: usize) -> usize {
    (line + 1).saturating_sub(height.max(1))
}

impl App {
    /// Recomputes cruxes, trades and the ranking for the current pair,
    /// focus and minimum basis; the cursor stays on the same actor.
    pub(super) fn rebuild_analysis(&mut self) {
        let keep = self
            .analysis
            .closest
            .get(self.analysis.near)
            .map(|r| r.actor);
        let focused = self.focused_actor();
        let min_basis = self.min_basis();
        let c = self.comparison.comparison(&self.model);
        let a = &mut self.analysis;
        a.cruxes = cruxes(&c);
        a.trades = trades(&c);
        a.trade_text = a
            .trades
            .iter()
            .map(|t| (trade_line(&c, t), trade_saliences(&c, t)))
            .collect();
        a.ranked = focused;
        a.closest = closest(&self.model, focused, min_basis);
        a.point = a.point.min(a.points().saturating_sub(1));
        a.near = keep
            .and_then(|k| a.closest.iter().position(|r| r.actor == k))
            .unwrap_or(0);
    }

    fn analysis_page(&self) -> usize {
        let [points, _] = layout::analysis_panes(self.screen().body);
        usize::from(layout::inner(points).height).max(1)
    }

    /// The Analysis view's own keys; `false` leaves the action to the
    /// shared handling of every view.
    pub(super) fn update_analysis(&mut self, action: &Action) -> bool {
        let page = self.analysis_page() as isize;
        let delta = match action {
            Action::Up | Action::ScrollUp => -1,
            Action::Down | Action::ScrollDown => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Left | Action::Right => {
                self.analysis.pane = if *action == Action::Left {
                    AnalysisPane::Points
                } else {
                    AnalysisPane::Closest
                };
                self.detail_scroll = 0;
                return true;
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Side::Left => Side::Right,
                    Side::Right => Side::Left,
                };
                self.rebuild_analysis();
                let name = self.model.actors[self.focused_actor()].name.clone();
                self.say(format!("closest to {name}"), false);
                return true;
            }
            Action::Open => {
                self.open_analysis_line();
                return true;
            }
            Action::Click { column, row } => {
                self.click_analysis(Position::new(*column, *row));
                return true;
            }
            _ => return false,
        };
        let a = &mut self.analysis;
        let (cursor, len) = match a.pane {
            AnalysisPane::Points => (&mut a.point, a.cruxes.len() + a.trades.len()),
            AnalysisPane::Closest => (&mut a.near, a.closest.len()),
        };
        *cursor = cursor
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.detail_scroll = 0;
        true
    }

    /// `Enter`: a ranked actor becomes the other side; a crux or a trade
    /// opens the Issue view (a trade: the issue the left side gives way on).
    fn open_analysis_line(&mut self) {
        match self.analysis.selected() {
            Selected::Actor(r) => {
                let (l, rt) = match self.focus {
                    Side::Left => (self.left(), r.actor),
                    Side::Right => (r.actor, self.right()),
                };
                self.set_actors(l, rt);
                let other = match self.focus {
                    Side::Left => Side::Right,
                    Side::Right => Side::Left,
                };
                let name = self.model.actors[r.actor].name.clone();
                self.say(format!("{name} in the {} pane", other.word()), false);
            }
            Selected::Crux(issue)
            | Selected::Trade(Trade {
                left: Give { issue, .. },
                ..
            }) => self.open_issue(issue),
            Selected::Nothing => {}
        }
    }

    fn click_analysis(&mut self, at: Position) {
        let [points, near] = layout::analysis_panes(self.screen().body);
        let (pi, ni) = (layout::inner(points), layout::inner(near));
        let height = usize::from(pi.height);
        if pi.contains(at) {
            let a = &self.analysis;
            let first = first_shown(a.point_line(a.point), height);
            let line = first + usize::from(at.y - pi.y);
            if let Some(k) = a.point_at(line) {
                self.analysis.point = k;
            }
            self.analysis.pane = AnalysisPane::Points;
        } else if ni.contains(at) {
            // Row 0 is the column heading.
            let rows = usize::from(ni.height.saturating_sub(1));
            let first = first_shown(self.analysis.near, rows);
            if at.y > ni.y {
                let k = first + usize::from(at.y - ni.y - 1);
                if k < self.analysis.closest.len() {
                    self.analysis.near = k;
                }
            }
            self.analysis.pane = AnalysisPane::Closest;
        }
        self.detail_scroll = 0;
    }
}

#[cfg(test)]
mod tests;
