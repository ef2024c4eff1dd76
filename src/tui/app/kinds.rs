//! The small types the App is made of: where its model came from, views,
//! sides, row order and filter, overlays, the status line, a scrolled
//! selection and a visit on the way back.

use std::path::PathBuf;

use crate::compare::Verdict;
use crate::model::Origin;
use crate::tui::picker::Picker;

/// Where the model came from and where exports go: fixed when the TUI
/// starts, and moved whole through every reload, so a reloaded model is
/// still the file's (its exports say so) and `r` still reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// For the exports' provenance line.
    pub origin: Origin,
    /// Whether `r` can read the model again (the built-in one cannot).
    pub reloadable: bool,
    /// Where exports go when the typed path is relative.
    pub export_dir: PathBuf,
}

impl Context {
    /// The built-in model: nothing to reload; exports relative to the
    /// current directory.
    pub fn built_in() -> Context {
        Context {
            origin: Origin::BuiltIn,
            reloadable: false,
            export_dir: PathBuf::from("."),
        }
    }

    /// A model read from `path` (`-`: standard input), exports relative to
    /// `export_dir`.
    pub fn file(path: PathBuf, export_dir: PathBuf) -> Context {
        Context {
            origin: Origin::of_path(path),
            reloadable: true,
            export_dir,
        }
    }
}

impl Default for Context {
    fn default() -> Self {
        Context::built_in()
    }
}

/// What drawing measured that the next action needs, so that `update`
/// never lays a view out again itself: the detail panel's wrapped height
/// is known only once its text is wrapped, which drawing does anyway.
/// Recorded by every frame (through a `Cell`: the one thing drawing
/// writes), read by the actions that follow it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayoutFacts {
    /// The furthest the detail panel scrolls, as last drawn: its last line
    /// at the bottom. `J` stops there.
    pub detail_max_scroll: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Compare,
    Matrix,
    Issue,
    Analysis,
    Timeline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn word(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Model,
    ConflictsFirst,
    Salience,
}

impl Order {
    pub fn word(self) -> &'static str {
        match self {
            Order::Model => "model order",
            Order::ConflictsFirst => "conflicts first",
            Order::Salience => "by salience",
        }
    }

    pub(super) fn next(self) -> Order {
        match self {
            Order::Model => Order::ConflictsFirst,
            Order::ConflictsFirst => Order::Salience,
            Order::Salience => Order::Model,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Conflicts,
    Agreements,
    Unknown,
}

impl Filter {
    pub fn word(self) -> &'static str {
        match self {
            Filter::All => "all issues",
            Filter::Conflicts => "conflicts",
            Filter::Agreements => "agreements",
            Filter::Unknown => "unknown",
        }
    }

    pub(super) fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Conflicts,
            Filter::Conflicts => Filter::Agreements,
            Filter::Agreements => Filter::Unknown,
            Filter::Unknown => Filter::All,
        }
    }

    pub(super) fn keeps(self, v: Verdict) -> bool {
        match self {
            Filter::All => true,
            Filter::Conflicts => v == Verdict::Conflict,
            Filter::Agreements => v == Verdict::Agree,
            Filter::Unknown => v == Verdict::Unknown,
        }
    }
}

/// What the file prompt and the replace question are writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// What the Compare view shows (`e`).
    Export,
    /// The what-if changes, as a scenario (`w`).
    Scenario,
}

pub enum Overlay {
    None,
    Picker(Box<Picker>),
    Help,
    Prompt(String),
    Confirm(PathBuf),
}

/// The status line's message: what the last action did (see
/// `App::update` for how long it stays).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    /// It tells of work still running (a reload): it stays through the
    /// user's actions until that work answers or another message replaces it.
    pub pending: bool,
}

/// A view on the way back (see `App::trail`) and what was selected in it
/// when it was left, for `Esc` to restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub view: View,
    /// The issue it showed.
    pub issue: usize,
    /// Its own actor cursor: the Matrix's row, the Issue view's selected
    /// actor. None in Compare and Analysis, whose cursors are not actors.
    pub actor: Option<usize>,
}

/// A selection in a list of `len` items and the first item on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub selected: usize,
    pub offset: usize,
}

impl Scroll {
    /// Selects `i` (clamped to the list) and scrolls so that it is on a
    /// screen of `page` rows.
    pub fn select(&mut self, i: usize, len: usize, page: usize) {
        self.selected = i.min(len.saturating_sub(1));
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }

    pub fn move_by(&mut self, delta: isize, len: usize, page: usize) {
        self.select(self.selected.saturating_add_signed(delta), len, page);
    }
}
