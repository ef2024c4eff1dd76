//! The TUI's state and `update(Action) -> Vec<Effect>`. `update` changes
//! only this state; what reaches beyond it (a file, the loader, the
//! terminal) it returns as effects for the event loop, which answers with
//! actions. Rendering reads this state (and records what it measured, see
//! [`LayoutFacts`]), so every behaviour can be tested by driving actions,
//! without a terminal.
//!
//! Here: the App, its accessors and the dispatch of `update`. Beside it:
//! `views` (the views' shared keys), `trail` (going to a view and back),
//! `analysis`, `overlays` (picker, prompt, export), `mouse`, `derived`
//! (rows, spectrum, matrix rebuilt when their inputs change), `reload`, and
//! the small types in `kinds`.

use std::cell::Cell;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::action::{Action, Effect};
use super::keymap::Mode;
use super::layout;

mod analysis;
mod derived;
mod kinds;
mod mouse;
mod overlays;
mod pair;
mod reload;
mod since;
mod timeline;
mod trail;
mod views;
mod whatif;

use super::theme::Theme;
use crate::analysis::forecast::Forecast;
use crate::compare::Row;
use crate::model::{Basis, Model};
pub use analysis::{Analysis, AnalysisPane, Selected, first_shown};
pub use derived::{PIVOTAL_MAX_POSITIONS, Pivotal};
pub use kinds::{
    Context, Filter, LayoutFacts, Order, Overlay, Scroll, Side, Status, View, Visit, Writing,
};
pub use overlays::prompt_format;
pub use pair::{Pair, PairRow};
pub use reload::Snapshot;
pub use since::{Mark, Since, Source, arrow};
pub use timeline::{Simulation, Timeline, model_at};
pub use whatif::WhatIf;

/// Owns its model, so that a reload is one more action: `Reloaded` swaps
/// the model and keeps what the user was looking at (see [`Snapshot`]).
pub struct App {
    pub model: Arc<Model>,
    pub theme: Theme,
    /// The view on screen. Set only through `go_to` and `back` (in
    /// `trail.rs`), which keep the trail with it.
    pub view: View,
    /// The views `Esc` goes back through, the first view (Compare) at the
    /// bottom; see [`App::trail`].
    trail: Vec<Visit>,
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
    /// Who can move the current issue's forecasts, while the Issue view is open.
    pub pivotal: Pivotal,
    /// The Analysis view's lists, rebuilt while it is open.
    pub analysis: Analysis,
    /// The simulation, and the round every view shows.
    pub timeline: Timeline,
    /// The what-if changes, and the model as read that they apply to.
    pub what_if: WhatIf,
    /// `--since OLD`: the old model and what moved since it.
    pub since: Option<Since>,
    pub detail_scroll: u16,
    /// How far the help overlay is scrolled, where it does not fit.
    pub help_scroll: u16,
    pub status: Option<Status>,
    /// What the file prompt and the replace question are for.
    pub writing: Writing,
    /// Set by a quit refused because of unsaved what-if changes: the next
    /// quit goes through; any other action disarms it.
    quit_armed: bool,
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

impl App {
    pub fn new(model: Arc<Model>, left: usize, right: usize, theme: Theme, viewport: Rect) -> App {
        let comparison = Pair::new(&model, left, right, Basis::Inferred);
        let timeline = Timeline::new(Arc::clone(&model));
        let what_if = WhatIf::new(Arc::clone(&model));
        let mut app = App {
            model,
            theme,
            view: View::Compare,
            trail: Vec::new(),
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
            pivotal: Pivotal::default(),
            analysis: Analysis::default(),
            timeline,
            what_if,
            since: None,
            detail_scroll: 0,
            help_scroll: 0,
            status: None,
            writing: Writing::Export,
            quit_armed: false,
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

    /// The way back from the view on screen: the views it was reached
    /// through, each as it was left, the first view (Compare) first. Empty
    /// in Compare. Each view is on it at most once, and never the view on
    /// screen: going to a view already on it cuts it back to that view, so
    /// it holds at most three.
    pub fn trail(&self) -> &[Visit] {
        &self.trail
    }

    /// Drawing records what it measured; the only write a frame makes.
    pub(in crate::tui) fn record(&self, facts: LayoutFacts) {
        self.facts.set(facts);
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
                View::Timeline => Mode::Timeline,
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
            View::Issue | View::Analysis | View::Timeline => usize::MAX,
        }
    }

    fn compare_page(&self) -> usize {
        layout::compare_rows(self.screen().body)
    }

    fn say(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status {
            text: crate::sanitize::line(&text.into()),
            error,
            pending: false,
        });
    }

    /// Says that work has begun whose answer comes later (a reload): the
    /// message stays until the answer replaces it.
    fn say_pending(&mut self, text: &str) {
        self.status = Some(Status {
            text: text.to_string(),
            error: false,
            pending: true,
        });
    }

    /// Ends the last action's message, unless it tells of work still
    /// running.
    fn end_status(&mut self) {
        if self.status.as_ref().is_some_and(|s| !s.pending) {
            self.status = None;
        }
    }

    /// The one way out (`q`, `Ctrl-C`, and `Esc` in the first view): the
    /// place to ask first, should anything ever be left unsaved.
    /// With unsaved what-if changes, the first asks: it says how to keep
    /// them, and a second quit goes.
    fn request_quit(&mut self) {
        if self.what_if.unsaved() && !self.quit_armed {
            let n = self.what_if.scenario.len();
            self.say(
                format!(
                    "{n} what-if change{} not saved: w saves them as a scenario; q again quits without them",
                    if n == 1 { "" } else { "s" }
                ),
                true,
            );
            self.quit_armed = true;
            return;
        }
        self.quit = true;
    }

    // ---- update ----

    /// Carries out `action` on the state, and returns what the event loop
    /// must do beyond it (write a file, reload, suspend); the loop answers
    /// with an action of its own where there is an answer.
    ///
    /// A status message belongs to the action that said it: the user's
    /// next action ends it first (and may say its own). News from the
    /// event loop (a resize, an answer) leaves it, and a message of work
    /// still running stays until the work answers.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if action.is_the_users() {
            self.end_status();
            if !matches!(action, Action::Quit | Action::Back) {
                self.quit_armed = false;
            }
        }
        match action {
            Action::Resize { width, height } => {
                self.viewport = Rect::new(0, 0, width, height);
                // A taller terminal shows more of the help: never scroll it
                // past its new last line.
                self.help_scroll = self.help_scroll.min(layout::help(self.viewport).max_scroll);
                let page = self.compare_page();
                let sel = self.list.selected;
                self.list.select(sel, self.rows.len(), page);
                self.sync_matrix();
                return Vec::new();
            }
            Action::Reload => {
                if self.context.reloadable {
                    self.say_pending("reloading the model file…");
                    return vec![Effect::Reload];
                }
                self.say("the built-in model has no file to reload", true);
                return Vec::new();
            }
            Action::Reloading => {
                self.say_pending("reloading the model file…");
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
            Action::Simulated { ticket, answer } => {
                self.simulated(ticket, answer);
                return Vec::new();
            }
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
            Mode::Compare | Mode::Matrix | Mode::Issue | Mode::Analysis | Mode::Timeline => {
                return self.update_view(action);
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
            Action::Quit => self.request_quit(),
            Action::Up | Action::ScrollUp => self.help_scroll = step(-1, self.help_scroll),
            Action::Down | Action::ScrollDown => self.help_scroll = step(1, self.help_scroll),
            Action::PageUp => self.help_scroll = step(-10, self.help_scroll),
            Action::PageDown => self.help_scroll = step(10, self.help_scroll),
            _ => {}
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
