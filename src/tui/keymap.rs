//! The one key table: (mode, key) → action, with the hint and help text.
//! The input handler, the footer hints and the `?` overlay all read it, so
//! they cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// What the keyboard is talking to: a view, or the overlay on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Compare,
    Matrix,
    Issue,
    Analysis,
    Picker,
    Help,
    Prompt,
    Confirm,
}

const VIEWS: &[Mode] = &[Mode::Compare, Mode::Matrix, Mode::Issue, Mode::Analysis];
const COMPARE: &[Mode] = &[Mode::Compare];
const MATRIX: &[Mode] = &[Mode::Matrix];
const ISSUE: &[Mode] = &[Mode::Issue];
const ANALYSIS: &[Mode] = &[Mode::Analysis];
const PICKER: &[Mode] = &[Mode::Picker];
const HELP: &[Mode] = &[Mode::Help];
const PROMPT: &[Mode] = &[Mode::Prompt];
const CONFIRM: &[Mode] = &[Mode::Confirm];
const INPUT: &[Mode] = &[Mode::Picker, Mode::Prompt];
const OVERLAYS: &[Mode] = &[Mode::Picker, Mode::Help, Mode::Prompt, Mode::Confirm];

pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    /// How the keys are written in hints: `↑↓`, `PgUp`.
    pub keys_label: &'static str,
    /// What it does, in a word or two (footer) …
    pub hint: &'static str,
    /// … and in a phrase (help overlay).
    pub help: &'static str,
    /// Shown in the footer (the most useful few).
    pub footer: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

macro_rules! bind {
    ($modes:expr, [$($key:expr),+], $action:expr, $label:expr, $hint:expr, $help:expr, $footer:expr) => {
        Binding {
            modes: $modes,
            keys: &[$($key),+],
            action: $action,
            keys_label: $label,
            hint: $hint,
            help: $help,
            footer: $footer,
        }
    };
}

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Every view. An empty help text folds a key into the entry above it.
    bind!(VIEWS, [(Up, NONE), (Char('k'), NONE)], Action::Up, "↑↓ jk", "move", "move up / down", true),
    bind!(VIEWS, [(Down, NONE), (Char('j'), NONE)], Action::Down, "↓ j", "down", "", false),
    bind!(VIEWS, [(PageUp, NONE)], Action::PageUp, "PgUp PgDn", "page", "page up / down", false),
    bind!(VIEWS, [(PageDown, NONE)], Action::PageDown, "PgDn", "page down", "", false),
    bind!(VIEWS, [(Char('g'), NONE), (Home, NONE)], Action::Top, "g G", "top", "first / last row", false),
    bind!(VIEWS, [(Char('G'), SHIFT), (End, NONE)], Action::Bottom, "G End", "bottom", "", false),
    bind!(VIEWS, [(Char('K'), SHIFT)], Action::DetailUp, "K J", "scroll detail", "scroll the detail panel", false),
    bind!(VIEWS, [(Char('J'), SHIFT)], Action::DetailDown, "J", "detail down", "", false),
    bind!(VIEWS, [(Char('/'), NONE)], Action::OpenPicker, "/", "jump", "jump to an actor (fuzzy)", true),
    bind!(VIEWS, [(Char('s'), NONE)], Action::Swap, "s", "swap", "swap left and right", true),
    bind!(VIEWS, [(Char('['), NONE)], Action::PrevActor, "[ ]", "prev actor", "previous / next actor", false),
    bind!(VIEWS, [(Char(']'), NONE)], Action::NextActor, "]", "next actor", "", false),
    bind!(VIEWS, [(Char('c'), NONE)], Action::ShowCompare, "c", "compare", "Compare view", true),
    bind!(VIEWS, [(Char('m'), NONE)], Action::ShowMatrix, "m", "matrix", "Matrix view", true),
    bind!(VIEWS, [(Char('a'), NONE)], Action::ShowAnalysis, "a", "analysis", "Analysis view (cruxes, trades)", true),
    bind!(VIEWS, [(Char('b'), NONE)], Action::CycleBasis, "b", "basis", "which positions count (cycle)", false),
    bind!(VIEWS, [(Char('r'), NONE)], Action::Reload, "r", "reload", "reload the model file", false),
    bind!(VIEWS, [(Char('e'), NONE)], Action::Export, "e", "export", "export to a text file", true),
    bind!(VIEWS, [(Char('?'), NONE)], Action::Help, "?", "help", "this help", true),
    bind!(VIEWS, [(Char('q'), NONE), (Esc, NONE)], Action::Quit, "q Esc", "quit", "quit", true),
    bind!(VIEWS, [(Char('c'), CTRL)], Action::Quit, "Ctrl-C", "quit", "", false),
    bind!(VIEWS, [(Char('z'), CTRL)], Action::Suspend, "Ctrl-Z", "suspend", "suspend (fg resumes)", false),
    // Compare.
    bind!(COMPARE, [(Tab, NONE), (BackTab, SHIFT)], Action::ToggleFocus, "Tab", "pane", "focus the other pane", true),
    bind!(COMPARE, [(Left, NONE), (Char('h'), NONE)], Action::Left, "← →", "pane", "focus left / right pane", false),
    bind!(COMPARE, [(Right, NONE), (Char('l'), NONE)], Action::Right, "→", "right pane", "", false),
    bind!(COMPARE, [(Char('o'), NONE)], Action::CycleOrder, "o", "order", "cycle the row order", true),
    bind!(COMPARE, [(Char('f'), NONE)], Action::CycleFilter, "f", "filter", "cycle the verdict filter", true),
    bind!(COMPARE, [(Enter, NONE)], Action::Open, "Enter", "issue", "open the Issue view", true),
    // Matrix.
    bind!(MATRIX, [(Left, NONE), (Char('h'), NONE)], Action::Left, "← →", "issue", "previous / next issue", true),
    bind!(MATRIX, [(Right, NONE), (Char('l'), NONE)], Action::Right, "→", "next issue", "", false),
    bind!(MATRIX, [(Enter, NONE)], Action::Open, "Enter", "compare", "compare this actor", true),
    // Issue.
    bind!(ISSUE, [(Left, NONE), (Char('h'), NONE)], Action::Left, "← →", "issue", "previous / next issue", true),
    bind!(ISSUE, [(Right, NONE), (Char('l'), NONE)], Action::Right, "→", "next issue", "", false),
    bind!(ISSUE, [(Enter, NONE)], Action::Open, "Enter", "compare", "compare this actor", true),
    // Analysis.
    bind!(ANALYSIS, [(Left, NONE), (Char('h'), NONE)], Action::Left, "← →", "list", "cruxes and trades / closest", true),
    bind!(ANALYSIS, [(Right, NONE), (Char('l'), NONE)], Action::Right, "→", "closest", "", false),
    bind!(ANALYSIS, [(Tab, NONE), (BackTab, SHIFT)], Action::ToggleFocus, "Tab", "whose ranking", "rank for the other actor", true),
    bind!(ANALYSIS, [(Enter, NONE)], Action::Open, "Enter", "open", "actor: other side; crux: issue", true),
    // Popups.
    bind!(PICKER, [(Up, NONE), (Char('p'), CTRL)], Action::Up, "↑↓", "choose", "move through the matches", true),
    bind!(PICKER, [(Down, NONE), (Char('n'), CTRL)], Action::Down, "↓", "next", "", false),
    bind!(PICKER, [(Enter, NONE)], Action::Accept, "Enter", "pick", "put it in the focused pane", true),
    bind!(PROMPT, [(Enter, NONE)], Action::Accept, "Enter", "write", "write the file", true),
    bind!(INPUT, [(Backspace, NONE)], Action::Backspace, "Backspace", "delete", "delete a character", false),
    bind!(INPUT, [(Char('u'), CTRL)], Action::ClearInput, "Ctrl-U", "clear", "clear the line", false),
    bind!(CONFIRM, [(Char('y'), NONE), (Char('Y'), SHIFT)], Action::Yes, "y", "replace", "replace the existing file", true),
    bind!(CONFIRM, [(Char('n'), NONE), (Char('N'), SHIFT), (Enter, NONE)], Action::No, "n", "keep it", "keep the existing file", true),
    bind!(HELP, [(Char('?'), NONE), (Char('q'), NONE), (Enter, NONE)], Action::Close, "? q", "close", "", true),
    bind!(OVERLAYS, [(Esc, NONE)], Action::Close, "Esc", "cancel", "close the popup", true),
    bind!(OVERLAYS, [(Char('c'), CTRL)], Action::Quit, "Ctrl-C", "quit", "quit", false),
];

/// The action for a key press in `mode`; in text-input modes, an unbound
/// printable character is typed into the line.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    let mods = key.modifiers - KeyModifiers::SHIFT;
    let found = BINDINGS.iter().find(|b| {
        b.modes.contains(&mode)
            && b.keys
                .iter()
                .any(|&(code, m)| code == key.code && (m - KeyModifiers::SHIFT) == mods)
    });
    if let Some(b) = found {
        return Some(b.action.clone());
    }
    match key.code {
        Char(c) if INPUT.contains(&mode) && !c.is_control() && (mods.is_empty()) => {
            Some(Action::Type(c.to_string()))
        }
        _ => None,
    }
}

/// The footer hints for `mode`: `key hint` pairs, those of this mode alone
/// first (they say what is special here), then the shared ones.
pub fn hints(mode: Mode) -> impl Iterator<Item = (&'static str, &'static str)> {
    let shown = move |b: &&Binding| b.footer && b.modes.contains(&mode);
    let own = BINDINGS.iter().filter(shown).filter(|b| b.modes.len() == 1);
    let shared = BINDINGS.iter().filter(shown).filter(|b| b.modes.len() > 1);
    own.chain(shared).map(|b| (b.keys_label, b.hint))
}

/// The help overlay: sections (every view, then each mode) with their
/// `keys  help` entries, straight from the key table.
pub fn help_sections() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let groups: [(&str, &[Mode]); 8] = [
        ("Every view", VIEWS),
        ("Compare view", COMPARE),
        ("Matrix view", MATRIX),
        ("Issue view", ISSUE),
        ("Analysis view", ANALYSIS),
        ("Fuzzy jump", PICKER),
        ("Export prompt", PROMPT),
        ("Any popup", OVERLAYS),
    ];
    let mut sections = Vec::new();
    for (title, modes) in groups {
        let mut entries: Vec<(&str, &str)> = Vec::new();
        for b in BINDINGS
            .iter()
            .filter(|b| b.modes == modes && !b.help.is_empty())
        {
            entries.push((b.keys_label, b.help));
        }
        // Keys shared by the picker and the prompt are listed under both.
        if modes == PICKER || modes == PROMPT {
            for b in BINDINGS
                .iter()
                .filter(|b| b.modes == INPUT && !b.help.is_empty())
            {
                entries.push((b.keys_label, b.help));
            }
        }
        if modes == PROMPT {
            for b in BINDINGS
                .iter()
                .filter(|b| b.modes == CONFIRM && !b.help.is_empty())
            {
                entries.push((b.keys_label, b.help));
            }
        }
        sections.push((title, entries));
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_MODES: [Mode; 8] = [
        Mode::Compare,
        Mode::Matrix,
        Mode::Issue,
        Mode::Analysis,
        Mode::Picker,
        Mode::Help,
        Mode::Prompt,
        Mode::Confirm,
    ];

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, NONE)
    }

    #[test]
    fn spec_keys_map_to_their_actions() {
        let m = Mode::Compare;
        assert_eq!(action_for(m, key(Up)), Some(Action::Up));
        assert_eq!(action_for(m, key(Char('j'))), Some(Action::Down));
        assert_eq!(
            action_for(m, KeyEvent::new(Char('G'), SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(action_for(m, key(Char('/'))), Some(Action::OpenPicker));
        assert_eq!(action_for(m, key(Esc)), Some(Action::Quit));
        assert_eq!(
            action_for(m, KeyEvent::new(Char('c'), CTRL)),
            Some(Action::Quit)
        );
        assert_eq!(action_for(m, key(Char('c'))), Some(Action::ShowCompare));
        assert_eq!(action_for(Mode::Picker, key(Esc)), Some(Action::Close));
        assert_eq!(
            action_for(Mode::Picker, key(Char('q'))),
            Some(Action::Type("q".into()))
        );
        assert_eq!(
            action_for(Mode::Picker, KeyEvent::new(Char('L'), SHIFT)),
            Some(Action::Type("L".into()))
        );
        assert_eq!(action_for(Mode::Help, key(Char('x'))), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in ALL_MODES {
            let mut seen = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
                for &(code, mods) in b.keys {
                    let k = (code, mods - KeyModifiers::SHIFT);
                    assert!(!seen.contains(&k), "{mode:?}: {k:?} bound twice");
                    seen.push(k);
                }
            }
        }
    }

    #[test]
    fn every_mode_has_footer_hints_and_help() {
        for (title, entries) in help_sections() {
            assert!(!entries.is_empty(), "{title}");
        }
        for mode in ALL_MODES {
            assert!(hints(mode).next().is_some(), "{mode:?}");
        }
    }

    #[test]
    fn every_binding_is_in_the_help_or_folded_into_one_that_is() {
        let sections = help_sections();
        let listed: Vec<&str> = sections
            .iter()
            .flat_map(|(_, e)| e.iter().map(|(k, _)| *k))
            .collect();
        for b in BINDINGS.iter().filter(|b| !b.help.is_empty()) {
            assert!(
                listed.contains(&b.keys_label),
                "{} missing from help",
                b.keys_label
            );
        }
    }
}
