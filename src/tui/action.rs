//! Everything the user can ask for. Keys and mouse events become actions
//! (see [`super::keymap`]); [`super::app::App::update`] carries them out.

#[derive(Debug, Clone, PartialEq, Eq)]
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
    Export,
    /// `Tab` in the export prompt: the next format, by the file's extension.
    CycleFormat,
    Help,
    DetailUp,
    DetailDown,
    Quit,
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
    /// `Ctrl-Z`: handled by the event loop, which owns the terminal.
    Suspend,
    /// `r`: reload the model file; handled by the event loop, which owns it.
    Reload,
}
