//! The overlays' input: the fuzzy picker, the export prompt and the
//! overwrite question, and the export itself.

use std::path::{Path, PathBuf};

use super::{App, Overlay};
use crate::export::{self, Format};
use crate::tui::action::Action;
use crate::write::{WriteError, write_atomic};

/// The longest path the export prompt takes (Linux's PATH_MAX is 4096 bytes).
const MAX_PATH: usize = 1024;

impl App {
    pub(super) fn update_picker(&mut self, action: Action) {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Close => self.overlay = Overlay::None,
            Action::Up | Action::ScrollUp => picker.move_by(-1),
            Action::Down | Action::ScrollDown => picker.move_by(1),
            Action::Type(text) => picker.type_text(&self.model, &text),
            Action::Backspace => picker.pop(&self.model),
            Action::ClearInput => picker.clear(&self.model),
            Action::Accept => {
                if let Some(actor) = picker.selected_actor() {
                    self.overlay = Overlay::None;
                    self.set_focused_actor(actor);
                    let name = self.model.actors[actor].name.clone();
                    self.say(format!("{name} in the {} pane", self.focus.word()), false);
                }
            }
            _ => {}
        }
    }

    pub(super) fn update_prompt(&mut self, action: Action) {
        let Overlay::Prompt(input) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Close => {
                self.overlay = Overlay::None;
                self.say("export cancelled", false);
            }
            Action::Type(text) => {
                let room = MAX_PATH.saturating_sub(input.chars().count());
                let clean = crate::sanitize::line(&text);
                input.extend(clean.chars().take(room));
                if clean.chars().count() > room {
                    self.say(format!("a path is at most {MAX_PATH} characters"), true);
                }
            }
            Action::Backspace => {
                input.pop();
            }
            Action::ClearInput => input.clear(),
            Action::Accept => {
                let typed = input.trim().to_string();
                if typed.is_empty() {
                    self.say("type a file name, or Esc to cancel", true);
                    return;
                }
                let path = self.export_dir.join(typed);
                self.overlay = Overlay::None;
                self.write_export(path, false);
            }
            _ => {}
        }
    }

    pub(super) fn update_confirm(&mut self, action: Action) {
        let Overlay::Confirm(path) = &self.overlay else {
            return;
        };
        let path = path.clone();
        match action {
            Action::Quit => self.quit = true,
            Action::Yes => {
                self.overlay = Overlay::None;
                self.write_export(path, true);
            }
            Action::No | Action::Close => {
                self.overlay = Overlay::None;
                self.say(
                    format!("not exported: kept the existing {}", show(&path)),
                    false,
                );
            }
            _ => {}
        }
    }

    /// Writes the text export of the current comparison, as
    /// `detente export` would, atomically; asks before replacing a file.
    pub(super) fn write_export(&mut self, path: PathBuf, force: bool) {
        let text = export::render(
            &self.comparison.comparison(&self.model),
            Format::Text,
            export::DEFAULT_WIDTH,
        );
        match write_atomic(&path, text.as_bytes(), force) {
            Ok(()) => {
                let shown = std::fs::canonicalize(&path).unwrap_or(path);
                self.say(format!("exported to {}", show(&shown)), false);
            }
            Err(WriteError::Exists(_)) => self.overlay = Overlay::Confirm(path),
            Err(e) => self.say(format!("not exported: {e}"), true),
        }
    }
}

fn show(p: &Path) -> String {
    crate::sanitize::line(&p.display().to_string())
}
