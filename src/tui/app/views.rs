//! The views' shared input: moving, paging, switching views and actors,
//! the order, filter and basis, opening what is selected, the detail
//! panel's scroll. The Analysis view's own keys are in `analysis.rs`.

use super::{App, Overlay, Side, View};
use crate::compare::Comparison;
use crate::tui::action::{Action, Effect};
use crate::tui::layout;
use crate::tui::picker::Picker;

impl App {
    pub(super) fn update_view(&mut self, action: Action) -> Vec<Effect> {
        if self.view == View::Analysis && self.update_analysis(&action) {
            return Vec::new();
        }
        if self.view == View::Timeline && self.update_timeline(&action) {
            return Vec::new();
        }
        match action {
            Action::ShowTimeline => return self.show_timeline(),
            Action::PrevRound | Action::NextRound => self.step_round(&action),
            Action::Nudge { up } => return self.nudge(up),
            Action::CycleField => self.cycle_what_if_field(),
            Action::Undo => return self.undo_what_if(),
            Action::ResetWhatIf => return self.reset_what_if(),
            Action::SaveScenario => self.ask_scenario_name(),
            Action::Quit => self.request_quit(),
            Action::Back => self.back(),
            Action::Up | Action::ScrollUp => self.move_cursor(-1),
            Action::Down | Action::ScrollDown => self.move_cursor(1),
            Action::PageUp => self.move_cursor(-(self.page_len() as isize)),
            Action::PageDown => self.move_cursor(self.page_len() as isize),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::Left | Action::Right => {
                let step = if action == Action::Left { -1 } else { 1 };
                match self.view {
                    View::Compare => {
                        self.focus = if step < 0 { Side::Left } else { Side::Right };
                    }
                    View::Matrix => {
                        let issues = self.model.issues.len();
                        let next = self
                            .issue
                            .saturating_add_signed(step)
                            .min(issues.saturating_sub(1));
                        self.set_issue(next);
                    }
                    // The Issue view steps through the issues the Compare
                    // rows show: the same order and filter.
                    View::Issue => {
                        let at = self
                            .rows
                            .iter()
                            .position(|&r| self.comparison.rows[r].issue == self.issue);
                        let next = match at {
                            Some(k) => k
                                .saturating_add_signed(step)
                                .min(self.rows.len().saturating_sub(1)),
                            None => 0,
                        };
                        if let Some(&r) = self.rows.get(next) {
                            let issue = self.comparison.rows[r].issue;
                            self.set_issue(issue);
                        }
                    }
                    View::Analysis | View::Timeline => {}
                }
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Side::Left => Side::Right,
                    Side::Right => Side::Left,
                }
            }
            Action::OpenPicker => {
                let other = match self.focus {
                    Side::Left => self.right(),
                    Side::Right => self.left(),
                };
                let agreement = (0..self.model.actors.len())
                    .map(|a| {
                        let c = Comparison::at(&self.model, a, other, self.min_basis());
                        (c.agreement, c.counts)
                    })
                    .collect();
                let mut picker = Picker::new(&self.model, agreement);
                picker.other = Some(other);
                self.overlay = Overlay::Picker(Box::new(picker));
            }
            Action::Swap => {
                self.set_actors(self.right(), self.left());
                self.say("swapped sides", false);
            }
            Action::PrevActor | Action::NextActor => {
                let n = self.model.actors.len();
                let other = match self.focus {
                    Side::Left => self.right(),
                    Side::Right => self.left(),
                };
                let step = |a: usize| {
                    if action == Action::NextActor {
                        (a + 1) % n
                    } else {
                        (a + n - 1) % n
                    }
                };
                // Never the other pane's actor: an actor against itself
                // says nothing.
                let mut next = step(self.focused_actor());
                if next == other && n > 2 {
                    next = step(next);
                }
                if next != other {
                    self.set_focused_actor(next);
                }
            }
            Action::CycleOrder => {
                self.order = self.order.next();
                self.rebuild_rows();
                self.say(format!("order: {}", self.order.word()), false);
            }
            Action::CycleBasis => {
                self.forget_simulation();
                let (l, r) = (self.left(), self.right());
                self.set_pair(l, r, self.min_basis().next_min());
                self.rebuild_spectrum();
                self.say(format!("counting {}", self.min_basis().counting()), false);
            }
            Action::CycleFilter => {
                self.filter = self.filter.next();
                self.rebuild_rows();
                let n = self.rows.len();
                self.say(format!("filter: {} ({n} shown)", self.filter.word()), false);
            }
            Action::Open => match self.view {
                View::Compare => {
                    if let Some(r) = self.selected_row() {
                        let issue = self.comparison.rows[r].issue;
                        self.open_issue(issue);
                    }
                }
                View::Matrix => {
                    let actor = self.matrix_row.selected;
                    self.compare_with(actor);
                }
                View::Issue => {
                    if let Some(&actor) = self.spectrum.get(self.spectrum_selected) {
                        self.compare_with(actor);
                    }
                }
                View::Analysis | View::Timeline => {}
            },
            Action::ShowCompare => self.go_to(View::Compare),
            Action::ShowAnalysis => self.go_to(View::Analysis),
            Action::ShowMatrix => self.go_to(View::Matrix),
            Action::Export => {
                let name = format!(
                    "{}-vs-{}.txt",
                    self.model.actors[self.left()].id,
                    self.model.actors[self.right()].id
                );
                self.writing = super::Writing::Export;
                self.overlay = Overlay::Prompt(name);
            }
            Action::Help => {
                self.overlay = Overlay::Help;
                self.help_scroll = 0;
            }
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(3),
            Action::DetailDown => {
                let max = self.facts.get().detail_max_scroll;
                self.detail_scroll = self.detail_scroll.saturating_add(3).min(max);
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Type(_) => self.say("nothing to type into here: / jumps to an actor", true),
            _ => {}
        }
        Vec::new()
    }

    /// Back to Compare with `actor` in the focused pane, on the same issue,
    /// and the status line saying so.
    fn compare_with(&mut self, actor: usize) {
        let issue = self.issue;
        self.step_to(View::Compare);
        self.set_focused_actor(actor);
        self.set_issue(issue);
        self.arrive();
        let name = self.model.actors[actor].name.clone();
        self.say(format!("{name} in the {} pane", self.focus.word()), false);
    }

    fn page_len(&self) -> usize {
        match self.view {
            View::Compare => self.compare_page(),
            View::Matrix => layout::matrix_grid(self.screen().body, self.model.issues.len()).rows,
            View::Issue if self.model.issues[self.issue].is_numeric() => {
                usize::from(layout::number_line(self.screen().body).track.height)
            }
            View::Issue => layout::spectrum_columns(self.screen().body).1,
            View::Analysis | View::Timeline => 1,
        }
        .max(1)
    }

    fn move_cursor(&mut self, delta: isize) {
        match self.view {
            View::Compare => {
                let page = self.compare_page();
                self.list.move_by(delta, self.rows.len(), page);
                if let Some(r) = self.selected_row() {
                    let issue = self.comparison.rows[r].issue;
                    self.set_issue(issue);
                }
            }
            View::Matrix => {
                let grid = layout::matrix_grid(self.screen().body, self.model.issues.len());
                self.matrix_row
                    .move_by(delta, self.model.actors.len(), grid.rows);
                self.detail_scroll = 0;
            }
            View::Issue => {
                let n = self.spectrum.len();
                self.spectrum_selected = self
                    .spectrum_selected
                    .saturating_add_signed(delta)
                    .min(n.saturating_sub(1));
                self.detail_scroll = 0;
            }
            View::Analysis | View::Timeline => {}
        }
    }
}
