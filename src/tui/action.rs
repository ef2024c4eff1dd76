//! Everything the user can ask for. Keys and mouse events become actions
//! (see [`super::keymap`]); [`super::app::App::update`] carries them out.

use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Basis, Model};
use crate::simulate::Run;

/// Not `Eq`: `Reloaded` carries a model, whose numbers are floats.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// `←`: focus the left pane, or move left (matrix column, previous issue).
    Left,
    /// `→`: focus the right pane, or move right.
    Right,
    ToggleFocus,
    OpenPicker,
    Swap,
    PrevActor,
    NextActor,
    CycleOrder,
    CycleFilter,
    /// `b`: which positions count (all → stated and reported → stated only).
    CycleBasis,
    /// `Enter` in a view: open what is selected (the issue, the cell, the actor).
    Open,
    ShowCompare,
    ShowMatrix,
    /// `a`: the Analysis view (cruxes, trades, who stands closest).
    ShowAnalysis,
    /// `t`: the Timeline view (the simulated rounds), simulating first if
    /// needed.
    ShowTimeline,
    /// `,` / `.`: show the model as of the previous / next simulated round.
    PrevRound,
    NextRound,
    /// `+` / `-`: what if the selected actor's position (or salience, or
    /// power: see `p`) on the issue were one step higher / lower.
    Nudge {
        up: bool,
    },
    /// `p`: which field `+` and `-` change (position, salience, power).
    CycleField,
    /// `u`: undo the last what-if change; `U`: every one.
    Undo,
    ResetWhatIf,
    /// `w`: save the what-if changes as a scenario file (asks for its name).
    SaveScenario,
    Export,
    /// `Tab` in the export prompt: the next format, by the file's extension.
    CycleFormat,
    Help,
    DetailUp,
    DetailDown,
    Quit,
    /// `Esc` in a view: back to the view it was opened from (see
    /// `App::trail`); in the first view, which has none, quit.
    Back,
    /// `Esc` in an overlay.
    Close,
    /// `Enter` in an overlay.
    Accept,
    /// Text for the jump box or the export prompt: one typed character, or a
    /// paste or a burst of typing, applied as one edit.
    Type(String),
    Backspace,
    ClearInput,
    Yes,
    No,
    ScrollUp,
    ScrollDown,
    Click {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// `Ctrl-Z`: the App asks the event loop, which owns the terminal.
    Suspend,
    /// `r`: reload the model file. The App says "reloading…" at once and
    /// asks the event loop for [`Effect::Reload`].
    Reload,
    /// The loader began reading the model file again (`r`, or the file was
    /// saved).
    Reloading,
    /// A reload finished: the new model, or why it failed, as the banner
    /// words it. The error is a message rather than a `LoadError` so that
    /// actions stay `Clone` and comparable (an I/O error is neither); the
    /// model is shared so cloning an action stays cheap.
    Reloaded(Result<Arc<Model>, String>),
    /// An export was written (the path as shown: canonical where it can
    /// be), or why it was not.
    Exported(Result<PathBuf, ExportFailed>),
    /// The simulation asked for with `ticket` made progress or ended.
    Simulated {
        ticket: u64,
        answer: Simulated,
    },
}

/// What the simulation thread reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Simulated {
    /// This many rounds are done.
    Round(usize),
    /// The run, or why it was refused before starting.
    Done(Result<Arc<Run>, String>),
}

/// Why an export was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFailed {
    /// The file exists and replacing it was not asked for: the App asks.
    Exists(PathBuf),
    /// Any other failure, worded for the status line.
    Other(String),
}

impl Action {
    /// Whether the user asked for it (a key, a click, the wheel, a paste),
    /// as against news from the terminal or the event loop: a resize, a
    /// reload's progress and outcome, an export's answer. Each of the
    /// user's actions ends the last one's status message (see
    /// `App::update`).
    pub fn is_the_users(&self) -> bool {
        !matches!(
            self,
            Action::Resize { .. }
                | Action::Reloading
                | Action::Reloaded(_)
                | Action::Exported(_)
                | Action::Simulated { .. }
        )
    }
}

/// What [`super::app::App::update`] asks for beyond its own state; the
/// event loop carries it out and answers with an action, so `update` never
/// touches the file system, the terminal or the loader.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write `contents` to `path` atomically; replace an existing file only
    /// with `overwrite`. Answered by [`Action::Exported`].
    WriteExport {
        path: PathBuf,
        contents: String,
        overwrite: bool,
    },
    /// Write the what-if scenario `contents` to `path` as `WriteExport`
    /// would, and never over `model` (the model file). Answered by
    /// [`Action::Exported`].
    WriteScenario {
        path: PathBuf,
        contents: String,
        overwrite: bool,
        model: Option<PathBuf>,
    },
    /// Read the model file again. The loader answers with
    /// [`Action::Reloading`], then [`Action::Reloaded`].
    Reload,
    /// `Ctrl-Z`: give the terminal back and stop until `fg`.
    Suspend,
    /// Simulate `model` on another thread, counting positions from
    /// `basis`, for at most `rounds` rounds. Answered by
    /// [`Action::Simulated`] with the same `ticket`: progress after each
    /// round, then the run (or why it was refused).
    Simulate {
        ticket: u64,
        model: Arc<Model>,
        basis: Basis,
        rounds: usize,
    },
}
