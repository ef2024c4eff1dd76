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
    Timeline,
    Picker,
    Help,
    Prompt,
    Confirm,
}

const VIEWS: &[Mode] = &[
    Mode::Compare,
    Mode::Matrix,
    Mode::Issue,
    Mode::Analysis,
    Mode::Timeline,
];
const COMPARE: &[Mode] = &[Mode::Compare];
const MATRIX: &[Mode] = &[Mode::Matrix];
const ISSUE: &[Mode] = &[Mode::Issue];
const ANALYSIS: &[Mode] = &[Mode::Analysis];
const TIMELINE: &[Mode] = &[Mode::Timeline];
/// Where an actor on an issue is selected, so what-if keys have a target.
const WHAT_IF: &[Mode] = &[Mode::Compare, Mode::Matrix, Mode::Issue];
const PICKER: &[Mode] = &[Mode::Picker];
const HELP: &[Mode] = &[Mode::Help];
const PROMPT: &[Mode] = &[Mode::Prompt];
const CONFIRM: &[Mode] = &[Mode::Confirm];
const INPUT: &[Mode] = &[Mode::Picker, Mode::Prompt];
const OVERLAYS: &[Mode] = &[Mode::Picker, Mode::Help, Mode::Prompt, Mode::Confirm];
/// Where `Esc` goes back to the view it came from. Compare is always the
/// first view (nothing below it to go back to): `Esc` quits there.
const BACK: &[Mode] = &[Mode::Matrix, Mode::Issue, Mode::Analysis, Mode::Timeline];

pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
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
    ($modes:expr, [$($key:expr),+], $action:expr, $hint:expr, $help:expr, $footer:expr) => {
        Binding {
            modes: $modes,
            keys: &[$($key),+],
            action: $action,
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
    bind!(VIEWS, [(Up, NONE), (Char('k'), NONE)], Action::Up, "move", "move up / down", true),
    bind!(VIEWS, [(Down, NONE), (Char('j'), NONE)], Action::Down, "down", "", false),
    bind!(VIEWS, [(PageUp, NONE)], Action::PageUp, "page", "page up / down", false),
    bind!(VIEWS, [(PageDown, NONE)], Action::PageDown, "page down", "", false),
    bind!(VIEWS, [(Char('g'), NONE), (Home, NONE)], Action::Top, "top", "first / last row", false),
    bind!(VIEWS, [(Char('G'), SHIFT), (End, NONE)], Action::Bottom, "bottom", "", false),
    bind!(VIEWS, [(Char('K'), SHIFT)], Action::DetailUp, "scroll detail", "scroll the detail panel", false),
    bind!(VIEWS, [(Char('J'), SHIFT)], Action::DetailDown, "detail down", "", false),
    bind!(VIEWS, [(Char('/'), NONE)], Action::OpenPicker, "jump", "jump to an actor (fuzzy)", true),
    bind!(VIEWS, [(Char('s'), NONE)], Action::Swap, "swap", "swap left and right", true),
    bind!(VIEWS, [(Char('['), NONE)], Action::PrevActor, "prev actor", "previous / next actor", false),
    bind!(VIEWS, [(Char(']'), NONE)], Action::NextActor, "next actor", "", false),
    bind!(VIEWS, [(Char('c'), NONE)], Action::ShowCompare, "compare", "Compare view", true),
    bind!(VIEWS, [(Char('m'), NONE)], Action::ShowMatrix, "matrix", "Matrix view", true),
    bind!(VIEWS, [(Char('a'), NONE)], Action::ShowAnalysis, "analysis", "Analysis view (cruxes, trades)", true),
    bind!(VIEWS, [(Char('t'), NONE)], Action::ShowTimeline, "timeline", "Timeline view (simulated rounds)", true),
    bind!(VIEWS, [(Char(','), NONE), (Char('<'), SHIFT)], Action::PrevRound, "round", "previous / next simulated round", true),
    bind!(VIEWS, [(Char('.'), NONE), (Char('>'), SHIFT)], Action::NextRound, "next round", "", false),
    bind!(WHAT_IF, [(Char('+'), SHIFT), (Char('='), NONE)], Action::Nudge { up: true }, "what if", "what if: the selected position one step up / down", true),
    bind!(WHAT_IF, [(Char('-'), NONE)], Action::Nudge { up: false }, "step down", "", false),
    bind!(WHAT_IF, [(Char('p'), NONE)], Action::CycleField, "field", "what if: + and - change position, salience or power", false),
    bind!(VIEWS, [(Char('u'), NONE)], Action::Undo, "undo", "undo the last what-if change", false),
    bind!(VIEWS, [(Char('U'), SHIFT)], Action::ResetWhatIf, "reset", "undo every what-if change", false),
    bind!(VIEWS, [(Char('w'), NONE)], Action::SaveScenario, "save", "save the what-if changes as a scenario", false),
    bind!(VIEWS, [(Char('b'), NONE)], Action::CycleBasis, "basis", "which positions count (cycle)", false),
    bind!(VIEWS, [(Char('r'), NONE)], Action::Reload, "reload", "reload the model file", false),
    bind!(VIEWS, [(Char('e'), NONE)], Action::Export, "export", "export what is shown", true),
    bind!(VIEWS, [(Char('?'), NONE)], Action::Help, "help", "this help", true),
    bind!(VIEWS, [(Char('q'), NONE)], Action::Quit, "quit", "quit", true),
    bind!(VIEWS, [(Char('c'), CTRL)], Action::Quit, "quit", "", false),
    bind!(COMPARE, [(Esc, NONE)], Action::Back, "quit", "quit (nothing to go back to)", false),
    bind!(BACK, [(Esc, NONE)], Action::Back, "back", "back to the view you came from", true),
    bind!(VIEWS, [(Char('z'), CTRL)], Action::Suspend, "suspend", "suspend (fg resumes)", false),
    // Compare.
    bind!(COMPARE, [(Tab, NONE), (BackTab, SHIFT)], Action::ToggleFocus, "pane", "focus the other pane", true),
    bind!(COMPARE, [(Left, NONE), (Char('h'), NONE)], Action::Left, "pane", "focus left / right pane", false),
    bind!(COMPARE, [(Right, NONE), (Char('l'), NONE)], Action::Right, "right pane", "", false),
    bind!(COMPARE, [(Char('o'), NONE)], Action::CycleOrder, "order", "cycle the row order", true),
    bind!(COMPARE, [(Char('f'), NONE)], Action::CycleFilter, "filter", "cycle the verdict filter", true),
    bind!(COMPARE, [(Enter, NONE)], Action::Open, "issue", "open the Issue view", true),
    // Matrix.
    bind!(MATRIX, [(Left, NONE), (Char('h'), NONE)], Action::Left, "issue", "previous / next issue", true),
    bind!(MATRIX, [(Right, NONE), (Char('l'), NONE)], Action::Right, "next issue", "", false),
    bind!(MATRIX, [(Enter, NONE)], Action::Open, "compare", "compare this actor", true),
    // Issue.
    bind!(ISSUE, [(Left, NONE), (Char('h'), NONE)], Action::Left, "issue", "previous / next issue", true),
    bind!(ISSUE, [(Right, NONE), (Char('l'), NONE)], Action::Right, "next issue", "", false),
    bind!(ISSUE, [(Enter, NONE)], Action::Open, "compare", "compare this actor", true),
    // Analysis.
    bind!(ANALYSIS, [(Left, NONE), (Char('h'), NONE)], Action::Left, "list", "cruxes and trades / closest", true),
    bind!(ANALYSIS, [(Right, NONE), (Char('l'), NONE)], Action::Right, "closest", "", false),
    bind!(ANALYSIS, [(Tab, NONE), (BackTab, SHIFT)], Action::ToggleFocus, "whose ranking", "rank for the other actor", true),
    bind!(ANALYSIS, [(Enter, NONE)], Action::Open, "open", "actor: other side; crux: issue", true),
    // Timeline.
    bind!(TIMELINE, [(Left, NONE), (Char('h'), NONE)], Action::Left, "issue", "previous / next issue", true),
    bind!(TIMELINE, [(Right, NONE), (Char('l'), NONE)], Action::Right, "next issue", "", false),
    // Popups.
    bind!(PICKER, [(Up, NONE), (Char('p'), CTRL)], Action::Up, "choose", "move through the matches", true),
    bind!(PICKER, [(Down, NONE), (Char('n'), CTRL)], Action::Down, "next", "", false),
    bind!(PICKER, [(Enter, NONE)], Action::Accept, "pick", "put it in the focused pane", true),
    bind!(PROMPT, [(Enter, NONE)], Action::Accept, "write", "write the file", true),
    bind!(PROMPT, [(Tab, NONE)], Action::CycleFormat, "format", "next format (extension)", true),
    bind!(INPUT, [(Backspace, NONE)], Action::Backspace, "delete", "delete a character", false),
    bind!(INPUT, [(Char('u'), CTRL)], Action::ClearInput, "clear", "clear the line", false),
    bind!(CONFIRM, [(Char('y'), NONE), (Char('Y'), SHIFT)], Action::Yes, "replace", "replace the existing file", true),
    bind!(CONFIRM, [(Char('n'), NONE), (Char('N'), SHIFT), (Enter, NONE)], Action::No, "keep it", "keep the existing file", true),
    bind!(HELP, [(Char('?'), NONE), (Char('q'), NONE), (Enter, NONE)], Action::Close, "close", "close this help", true),
    bind!(HELP, [(Up, NONE), (Char('k'), NONE), (PageUp, NONE)], Action::Up, "scroll", "scroll the help (where it does not fit)", true),
    bind!(HELP, [(Down, NONE), (Char('j'), NONE), (PageDown, NONE)], Action::Down, "down", "", false),
    bind!(OVERLAYS, [(Esc, NONE)], Action::Close, "cancel", "close the popup", true),
    bind!(OVERLAYS, [(Char('c'), CTRL)], Action::Quit, "quit", "quit", false),
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
pub fn hints(mode: Mode) -> impl Iterator<Item = Hint> {
    let shown = move |(_, b): &(usize, &Binding)| b.footer && b.modes.contains(&mode);
    let all = || BINDINGS.iter().enumerate();
    let own = all().filter(shown).filter(|(_, b)| b.modes.len() == 1);
    let shared = all().filter(shown).filter(|(_, b)| b.modes.len() > 1);
    own.chain(shared).map(|(i, b)| Hint {
        keys: short_label(i),
        hint: b.hint,
        essential: matches!(
            b.action,
            Action::Help | Action::Quit | Action::Close | Action::Back
        ),
    })
}

/// One footer hint.
pub struct Hint {
    pub keys: String,
    pub hint: &'static str,
    /// Help, quit, close and back: shown at every width, whatever else is cut.
    pub essential: bool,
}

/// The footer's shorter label: the first key of the entry and of each entry
/// folded into it, `↑↓`, `q`, `Enter`.
pub fn short_label(index: usize) -> String {
    let folded = BINDINGS[index + 1..]
        .iter()
        .take_while(|b| b.help.is_empty() && b.modes == BINDINGS[index].modes);
    let firsts: Vec<String> = std::iter::once(&BINDINGS[index])
        .chain(folded)
        .filter_map(|b| b.keys.first())
        .map(|&(code, mods)| key_name(code, mods))
        .collect();
    // Arrows read as a pair (`↑↓`); anything else keeps the first key only
    // where the others are the same action's second spelling.
    if firsts
        .iter()
        .all(|k| ["↑", "↓", "←", "→"].contains(&k.as_str()))
    {
        firsts.concat()
    } else {
        firsts.into_iter().next().unwrap_or_default()
    }
}

/// How one key is written: `↑`, `k`, `G`, `Ctrl-C`, `PgUp`, `Enter`.
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let name = match code {
        Up => "↑".to_string(),
        Down => "↓".to_string(),
        Left => "←".to_string(),
        Right => "→".to_string(),
        PageUp => "PgUp".to_string(),
        PageDown => "PgDn".to_string(),
        Home => "Home".to_string(),
        End => "End".to_string(),
        Enter => "Enter".to_string(),
        Esc => "Esc".to_string(),
        Tab => "Tab".to_string(),
        BackTab => "S-Tab".to_string(),
        Backspace => "Backspace".to_string(),
        Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if mods.contains(CTRL) {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// The keys of `BINDINGS[index]` and of the entries folded into it (those
/// right after it with no help text of their own), as hints and help show
/// them: `↑ k ↓ j`. Generated from the table, so a label cannot drift from
/// what the keys do.
pub fn label(index: usize) -> String {
    let folded = BINDINGS[index + 1..]
        .iter()
        .take_while(|b| b.help.is_empty() && b.modes == BINDINGS[index].modes);
    std::iter::once(&BINDINGS[index])
        .chain(folded)
        .flat_map(|b| b.keys.iter())
        .map(|&(code, mods)| key_name(code, mods))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The help overlay's sections, each listing the bindings of these mode
/// sets, in order. Every mode set in [`BINDINGS`] must be listed here (a
/// test checks), so no bound key is missing from the help.
const HELP_GROUPS: &[(&str, &[&[Mode]])] = &[
    ("Every view", &[VIEWS, BACK]),
    ("Compare view", &[COMPARE]),
    ("Matrix view", &[MATRIX]),
    ("Issue view", &[ISSUE]),
    ("Analysis view", &[ANALYSIS]),
    ("Timeline view", &[TIMELINE]),
    ("What if (Compare, Matrix, Issue)", &[WHAT_IF]),
    ("Fuzzy jump", &[PICKER, INPUT]),
    ("Export prompt", &[PROMPT, INPUT, CONFIRM]),
    ("Any popup", &[OVERLAYS, HELP]),
];

/// The help overlay: sections with their `keys  help` entries, straight
/// from the key table.
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    HELP_GROUPS
        .iter()
        .map(|&(title, sets)| {
            let entries = sets
                .iter()
                .flat_map(|set| {
                    BINDINGS
                        .iter()
                        .enumerate()
                        .filter(move |(_, b)| b.modes == *set && !b.help.is_empty())
                })
                .map(|(i, b)| (label(i), b.help))
                .collect();
            (title, entries)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_MODES: [Mode; 9] = [
        Mode::Compare,
        Mode::Matrix,
        Mode::Issue,
        Mode::Analysis,
        Mode::Timeline,
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
        assert_eq!(action_for(m, key(Esc)), Some(Action::Back));
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
            assert!(
                hints(mode).any(|h| h.essential),
                "{mode:?}: no way out in the footer"
            );
        }
    }

    #[test]
    fn every_bound_key_is_in_the_help_under_its_modes() {
        let sections = help_sections();
        for b in BINDINGS {
            let set = HELP_GROUPS.iter().find(|(_, sets)| sets.contains(&b.modes));
            let Some((title, _)) = set else {
                panic!("{:?} ({:?}) is in no help section", b.action, b.modes);
            };
            let (_, entries) = sections.iter().find(|(t, _)| t == title).expect("section");
            for &(code, mods) in b.keys {
                let name = key_name(code, mods);
                assert!(
                    entries
                        .iter()
                        .any(|(keys, _)| keys.split(' ').any(|k| k == name)),
                    "{name} ({:?}) missing from the help's {title} section",
                    b.action
                );
            }
        }
    }

    #[test]
    fn labels_are_generated_from_the_keys() {
        let at = |action: Action| {
            BINDINGS
                .iter()
                .position(|b| b.action == action && !b.help.is_empty())
                .expect("bound")
        };
        assert_eq!(label(at(Action::Up)), "↑ k ↓ j");
        assert_eq!(label(at(Action::Top)), "g Home G End");
        assert_eq!(key_name(Char('c'), CTRL), "Ctrl-C");
    }

    /// `Esc` asks every view to go back (the App knows whether there is
    /// anywhere to go), and every overlay to close before anything else.
    #[test]
    fn esc_goes_back_in_every_view_and_closes_every_overlay() {
        for mode in [Mode::Compare, Mode::Matrix, Mode::Issue, Mode::Analysis] {
            assert_eq!(action_for(mode, key(Esc)), Some(Action::Back), "{mode:?}");
        }
        for mode in [Mode::Picker, Mode::Help, Mode::Prompt, Mode::Confirm] {
            assert_eq!(action_for(mode, key(Esc)), Some(Action::Close), "{mode:?}");
        }
    }

    /// The help says what `Esc` does: back in every view, quit in Compare.
    #[test]
    fn the_help_says_what_esc_does() {
        let sections = help_sections();
        let esc = |title: &str| {
            let (_, entries) = sections.iter().find(|(t, _)| *t == title).expect(title);
            entries
                .iter()
                .find(|(keys, _)| keys == "Esc")
                .map(|(_, help)| *help)
        };
        assert_eq!(esc("Every view"), Some("back to the view you came from"));
        assert_eq!(esc("Compare view"), Some("quit (nothing to go back to)"));
        assert_eq!(esc("Any popup"), Some("close the popup"));
    }
}
