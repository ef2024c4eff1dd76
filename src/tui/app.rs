//! The TUI's state and `update(Action)`. Rendering only reads this state
//! (see `ui`), so every behaviour can be tested by driving actions, without
//! a terminal.

use std::cell::Cell;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::action::{Action, Effect};
use super::keymap::Mode;
use super::layout;
use super::picker::Picker;

mod analysis;
mod kinds;
mod mouse;
mod overlays;
mod pair;

use super::theme::Theme;
use crate::analysis::forecast::{Forecast, forecast};
use crate::compare::{Comparison, Row, Verdict};
use crate::model::{Basis, Model};
pub use analysis::{Analysis, AnalysisPane, Selected, first_shown};
pub use kinds::{Context, Filter, LayoutFacts, Order, Overlay, Scroll, Side, Status, View};
pub use overlays::prompt_format;
pub use pair::{Pair, PairRow};

/// Owns its model, so that a reload is one more action: `Reloaded` swaps
/// the model and keeps what the user was looking at (see [`Snapshot`]).
pub struct App {
    pub model: Arc<Model>,
    pub theme: Theme,
    pub view: View,
    pub overlay: Overlay,
    pub focus: Side,
    /// The current pair's verdicts, and the minimum basis they (and every
    /// view) count from: [`App::min_basis`] reads it here, its one owner.
    pub comparison: Pair,
    pub order: Order,
    pub filter: Filter,
    /// Indices into `comparison.rows`, ordered and filtered.
    pub rows: Vec<usize>,
    /// The compare table's selection, over `rows`.
    pub list: Scroll,
    /// The current issue, shared by every view.
    pub issue: usize,
    /// The matrix cursor: actor row and issue column.
    pub matrix_row: Scroll,
    pub matrix_col: Scroll,
    /// The current issue's actors in spectrum order (rejects … demands, then unknown).
    pub spectrum: Vec<usize>,
    /// Where each stance group starts in `spectrum` (6 groups, 7 bounds).
    pub spectrum_bounds: [usize; 7],
    pub spectrum_selected: usize,
    /// The current issue's forecasts, for the Issue view's markers.
    pub forecast: Forecast,
    /// The Analysis view's lists, rebuilt while it is open.
    pub analysis: Analysis,
    pub detail_scroll: u16,
    /// How far the help overlay is scrolled, where it does not fit.
    pub help_scroll: u16,
    pub status: Option<Status>,
    /// Set while the model file on disk fails to load: the error, shown
    /// until the file is fixed; the last good model stays on screen.
    pub banner: Option<String>,
    pub viewport: Rect,
    pub quit: bool,
    /// Where the model came from and where exports go: given at the start,
    /// then only moved (whole, through a reload), never set from outside.
    context: Context,
    /// What the last frame measured, for the next action (see
    /// [`LayoutFacts`]).
    facts: Cell<LayoutFacts>,
}

/// What survives a reload, by id: the new model may have lost or reordered
/// actors and issues.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    left: String,
    right: String,
    focus: Side,
    view: View,
    issue: String,
    order: Order,
    filter: Filter,
    min_basis: Basis,
    matrix_actor: String,
    detail_scroll: u16,
}

impl App {
    pub fn new(model: Arc<Model>, left: usize, right: usize, theme: Theme, viewport: Rect) -> App {
        let comparison = Pair::new(&model, left, right, Basis::Inferred);
        let mut app = App {
            model,
            theme,
            view: View::Compare,
            overlay: Overlay::None,
            focus: Side::Left,
            comparison,
            order: Order::Model,
            filter: Filter::All,
            rows: Vec::new(),
            list: Scroll::default(),
            issue: 0,
            matrix_row: Scroll::default(),
            matrix_col: Scroll::default(),
            spectrum: Vec::new(),
            spectrum_bounds: [0; 7],
            spectrum_selected: 0,
            forecast: Forecast::default(),
            analysis: Analysis::default(),
            detail_scroll: 0,
            help_scroll: 0,
            status: None,
            banner: None,
            viewport,
            quit: false,
            context: Context::built_in(),
            facts: Cell::default(),
        };
        app.rebuild_rows();
        app.rebuild_spectrum();
        app.matrix_row.selected = left;
        app.sync_matrix();
        app
    }

    /// The App in `context` (a model read from a file, exports written
    /// somewhere): given once, when the App is made; a reload keeps it.
    pub fn with_context(mut self, context: Context) -> App {
        self.context = context;
        self
    }

    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Drawing records what it measured; the only write a frame makes.
    pub(in crate::tui) fn record(&self, facts: LayoutFacts) {
        self.facts.set(facts);
    }

    pub fn snapshot(&self) -> Snapshot {
        let m = &self.model;
        Snapshot {
            left: m.actors[self.left()].id.clone(),
            right: m.actors[self.right()].id.clone(),
            focus: self.focus,
            view: self.view,
            issue: m.issues[self.issue].id.clone(),
            order: self.order,
            filter: self.filter,
            min_basis: self.min_basis(),
            matrix_actor: m.actors[self.matrix_row.selected].id.clone(),
            detail_scroll: self.detail_scroll,
        }
    }

    /// A new App on `model`, showing what `snapshot` showed where it still
    /// exists.
    pub fn restored(model: Arc<Model>, s: &Snapshot, theme: Theme, viewport: Rect) -> App {
        let (dl, dr) = crate::compare::default_pair(&model);
        let left = model.actor_by_id(&s.left).unwrap_or(dl);
        let right = model.actor_by_id(&s.right).unwrap_or(dr);
        let matrix_actor = model.actor_by_id(&s.matrix_actor);
        let issue = model.issues.iter().position(|i| i.id == s.issue);
        let mut app = App::new(model, left, right, theme, viewport);
        app.comparison = Pair::new(&app.model, left, right, s.min_basis);
        app.focus = s.focus;
        app.order = s.order;
        app.filter = s.filter;
        app.view = s.view;
        if let Some(i) = issue {
            app.issue = i;
        }
        app.rebuild_rows();
        let issue = app.issue;
        app.set_issue(issue);
        if app.view == View::Analysis {
            app.rebuild_analysis();
        }
        if let Some(a) = matrix_actor {
            app.matrix_row.selected = a;
            app.sync_matrix();
        }
        if app.model.issues[app.issue].id == s.issue {
            app.detail_scroll = s.detail_scroll;
        }
        app
    }

    /// A reload finished: on a new model, the same actors, view, issue,
    /// order, filter and basis where they still exist; on an error, the
    /// last good model stays and the banner says what is wrong.
    fn reloaded(&mut self, result: Result<Arc<Model>, String>) {
        match result {
            Ok(model) => {
                let snapshot = self.snapshot();
                let context = std::mem::take(&mut self.context);
                let next = App::restored(model, &snapshot, self.theme, self.viewport)
                    .with_context(context);
                // The old model (and what was built on it) goes before the
                // caller can ask for another load.
                *self = next;
                self.say("reloaded the model file", false);
            }
            Err(message) => {
                self.banner = Some(message);
                // The banner says what happened; an older "reloaded" must not.
                self.status = None;
            }
        }
    }

    /// Row `r` of the comparison, with its positions.
    pub fn row(&self, r: usize) -> Row<'_> {
        self.comparison.row(&self.model, r)
    }

    /// Positions weaker than this count as unknown in every view.
    pub fn min_basis(&self) -> Basis {
        self.comparison.min_basis
    }

    pub fn left(&self) -> usize {
        self.comparison.left
    }

    pub fn right(&self) -> usize {
        self.comparison.right
    }

    pub fn focused_actor(&self) -> usize {
        match self.focus {
            Side::Left => self.left(),
            Side::Right => self.right(),
        }
    }

    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Overlay::Picker(_) => Mode::Picker,
            Overlay::Help => Mode::Help,
            Overlay::Prompt(_) => Mode::Prompt,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::None => match self.view {
                View::Compare => Mode::Compare,
                View::Matrix => Mode::Matrix,
                View::Issue => Mode::Issue,
                View::Analysis => Mode::Analysis,
            },
        }
    }

    /// The comparison row of the selected compare row, if any row is shown.
    pub fn selected_row(&self) -> Option<usize> {
        self.rows.get(self.list.selected).copied()
    }

    /// Where each region of the screen is, for drawing and input alike.
    pub fn screen(&self) -> layout::Screen {
        layout::screen(self.viewport, self.body_rows())
    }

    /// The rows the current view would show with no limit: the body gives
    /// the detail panel what it does not need.
    pub fn body_rows(&self) -> usize {
        match self.view {
            View::Compare => self.rows.len().max(1),
            View::Matrix => self.model.actors.len() + usize::from(layout::HEADER_ROWS),
            View::Issue | View::Analysis => usize::MAX,
        }
    }

    fn compare_page(&self) -> usize {
        layout::compare_rows(self.screen().body)
    }

    // ---- derived state, rebuilt when its inputs change (never per frame) ----

    fn set_actors(&mut self, left: usize, right: usize) {
        self.set_pair(left, right, self.min_basis());
    }

    /// Compares `left` with `right`, counting positions from `min_basis`.
    fn set_pair(&mut self, left: usize, right: usize, min_basis: Basis) {
        self.comparison = Pair::new(&self.model, left, right, min_basis);
        self.rebuild_rows();
        if self.view == View::Analysis {
            self.rebuild_analysis();
        }
    }

    /// Orders and filters the compare rows, keeping the current issue
    /// selected when it is still shown.
    fn rebuild_rows(&mut self) {
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
    fn rebuild_spectrum(&mut self) {
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
        let want = keep.unwrap_or_else(|| self.focused_actor());
        self.spectrum_selected = self.spectrum.iter().position(|&a| a == want).unwrap_or(0);
    }

    fn sync_matrix(&mut self) {
        let grid = layout::matrix_grid(self.screen().body, self.model.issues.len());
        let (actors, issues) = (self.model.actors.len(), self.model.issues.len());
        let row = self.matrix_row.selected;
        self.matrix_row.select(row, actors, grid.rows);
        self.matrix_col.select(self.issue, issues, grid.cols);
    }

    fn set_issue(&mut self, issue: usize) {
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

    fn set_focused_actor(&mut self, actor: usize) {
        match self.focus {
            Side::Left => self.set_actors(actor, self.right()),
            Side::Right => self.set_actors(self.left(), actor),
        }
        self.matrix_row.selected = actor;
        self.sync_matrix();
    }

    fn say(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status {
            text: crate::sanitize::line(&text.into()),
            error,
        });
    }

    // ---- update ----

    /// Carries out `action` on the state, and returns what the event loop
    /// must do beyond it (write a file, reload, suspend); the loop answers
    /// with an action of its own where there is an answer.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Resize { width, height } => {
                self.viewport = Rect::new(0, 0, width, height);
                let page = self.compare_page();
                let sel = self.list.selected;
                self.list.select(sel, self.rows.len(), page);
                self.sync_matrix();
                return Vec::new();
            }
            Action::Reload => {
                if self.context.reloadable {
                    self.say("reloading the model file…", false);
                    return vec![Effect::Reload];
                }
                self.say("the built-in model has no file to reload", true);
                return Vec::new();
            }
            Action::Reloading => {
                self.say("reloading the model file…", false);
                return Vec::new();
            }
            Action::Reloaded(result) => {
                self.reloaded(result);
                return Vec::new();
            }
            Action::Exported(result) => {
                self.exported(result);
                return Vec::new();
            }
            Action::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        let effect = match self.mode() {
            Mode::Picker => {
                self.update_picker(action);
                None
            }
            Mode::Help => {
                self.update_help(action);
                None
            }
            Mode::Prompt => self.update_prompt(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Compare | Mode::Matrix | Mode::Issue | Mode::Analysis => {
                self.update_view(action);
                None
            }
        };
        effect.into_iter().collect()
    }

    /// The help overlay: scrolled as far as its last line, measured by the
    /// same layout that draws it.
    fn update_help(&mut self, action: Action) {
        let max = layout::help(self.viewport).max_scroll;
        let step = |delta: i32, s: u16| {
            u16::try_from((i32::from(s) + delta).clamp(0, i32::from(max))).unwrap_or(0)
        };
        match action {
            Action::Close => self.overlay = Overlay::None,
            Action::Quit => self.quit = true,
            Action::Up | Action::ScrollUp => self.help_scroll = step(-1, self.help_scroll),
            Action::Down | Action::ScrollDown => self.help_scroll = step(1, self.help_scroll),
            Action::PageUp => self.help_scroll = step(-10, self.help_scroll),
            Action::PageDown => self.help_scroll = step(10, self.help_scroll),
            _ => {}
        }
    }

    fn update_view(&mut self, action: Action) {
        if self.view == View::Analysis && self.update_analysis(&action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
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
                    View::Analysis => {}
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
                let alignment = (0..self.model.actors.len())
                    .map(|a| Comparison::at(&self.model, a, other, self.min_basis()).alignment)
                    .collect();
                self.overlay = Overlay::Picker(Box::new(Picker::new(&self.model, alignment)));
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
                    if self.selected_row().is_some() {
                        self.view = View::Issue;
                        self.rebuild_spectrum();
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
                View::Analysis => {}
            },
            Action::ShowCompare => self.view = View::Compare,
            Action::ShowAnalysis => self.show_analysis(),
            Action::ShowMatrix => {
                self.view = View::Matrix;
                self.sync_matrix();
            }
            Action::Export => {
                let name = format!(
                    "{}-vs-{}.txt",
                    self.model.actors[self.left()].id,
                    self.model.actors[self.right()].id
                );
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
    }

    /// Back to Compare with `actor` in the focused pane, on the same issue,
    /// and the status line saying so.
    fn compare_with(&mut self, actor: usize) {
        self.view = View::Compare;
        self.set_focused_actor(actor);
        let issue = self.issue;
        self.set_issue(issue);
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
            View::Analysis => 1,
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
            View::Analysis => {}
        }
    }

    /// The actors in one spectrum column, in model order.
    pub fn spectrum_group(&self, group: usize) -> &[usize] {
        let b = &self.spectrum_bounds;
        &self.spectrum[b[group.min(5)]..b[group.min(5) + 1]]
    }

    /// The first row shown in a spectrum column of `height` rows: scrolled
    /// only as far as needed to show the selected actor.
    pub fn spectrum_offset(&self, group: usize, height: usize) -> usize {
        let b = &self.spectrum_bounds;
        let in_group = b[group.min(5)]..b[group.min(5) + 1];
        if height == 0 || !in_group.contains(&self.spectrum_selected) {
            return 0;
        }
        (self.spectrum_selected - in_group.start + 1).saturating_sub(height)
    }
}

#[cfg(test)]
pub(in crate::tui) mod tests;
