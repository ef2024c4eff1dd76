//! The overlays' input: the fuzzy picker, the export prompt and the
//! overwrite question, and the export (written by the event loop).

use std::path::PathBuf;

use super::{App, Overlay, Writing};
use crate::export::{self, Format, Report, View};
use crate::present::Provenance;
use crate::tui::action::{Action, Effect, ExportFailed};

/// The longest path the export prompt takes (Linux's PATH_MAX is 4096 bytes).
const MAX_PATH: usize = 1024;

impl App {
    pub(super) fn update_picker(&mut self, action: Action) {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Quit => self.request_quit(),
            Action::Close => self.overlay = Overlay::None,
            Action::Up | Action::ScrollUp => picker.move_by(-1),
            Action::Down | Action::ScrollDown => picker.move_by(1),
            Action::Type(text) => picker.type_text(&self.model, &text),
            Action::Backspace => picker.pop(&self.model),
            Action::ClearInput => picker.clear(&self.model),
            Action::Accept => {
                if let Some(actor) = picker.selected_actor() {
                    if picker.other == Some(actor) {
                        let name = self.model.actors[actor].name.clone();
                        self.say(
                            format!("{name} is in the other pane: pick another (s swaps)"),
                            true,
                        );
                        return;
                    }
                    self.overlay = Overlay::None;
                    self.set_focused_actor(actor);
                    let name = self.model.actors[actor].name.clone();
                    self.say(format!("{name} in the {} pane", self.focus.word()), false);
                }
            }
            _ => {}
        }
    }

    pub(super) fn update_prompt(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Prompt(input) = &mut self.overlay else {
            return None;
        };
        match action {
            Action::Quit => self.request_quit(),
            Action::Close => {
                self.overlay = Overlay::None;
                let what = match self.writing {
                    Writing::Export => "export cancelled",
                    Writing::Scenario => "not saved: the what-if changes are still here",
                };
                self.say(what, false);
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
            Action::CycleFormat if self.writing == Writing::Export => cycle_format(input),
            Action::Accept => {
                let typed = input.trim().to_string();
                if typed.is_empty() {
                    self.say("type a file name, or Esc to cancel", true);
                    return None;
                }
                let path = self.context.export_dir.join(typed);
                self.overlay = Overlay::None;
                return Some(self.write(path, false));
            }
            _ => {}
        }
        None
    }

    pub(super) fn update_confirm(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Confirm(path) = &self.overlay else {
            return None;
        };
        let path = path.clone();
        match action {
            Action::Quit => self.request_quit(),
            Action::Yes => {
                self.overlay = Overlay::None;
                return Some(self.write(path, true));
            }
            Action::No | Action::Close => {
                self.overlay = Overlay::None;
                let what = match self.writing {
                    Writing::Export => "not exported",
                    Writing::Scenario => "not saved",
                };
                self.say(
                    format!("{what}: kept the existing {}", crate::present::path(&path)),
                    false,
                );
            }
            _ => {}
        }
        None
    }

    /// What the export writes, in `format`: the rows on screen, in their
    /// order, with the filter and order named in the header.
    pub fn export_text(&self, format: export::Format) -> String {
        let comparison = self.comparison.comparison(&self.model);
        let report = Report {
            comparison: &comparison,
            view: View {
                rows: self.rows.clone(),
                filter: self.filter.word().to_string(),
                order: self.order.word().to_string(),
            },
            provenance: self.provenance(),
        };
        // The report's simulation is the Timeline's, never run here: on a
        // big model it would hold the screen still.
        let simulation = match (self.timeline.run(), self.timeline.basis == self.min_basis()) {
            (Some(run), true) => export::Simulation::Given {
                model: std::sync::Arc::clone(&self.timeline.base),
                run: std::sync::Arc::new(run.clone()),
            },
            _ => export::Simulation::Not(
                "Not simulated here: press t in detente to run the simulation first, or use detente export."
                    .to_string(),
            ),
        };
        let options = export::Options {
            simulation,
            ..Default::default()
        };
        export::render_with(&report, format, export::DEFAULT_WIDTH, &options)
    }

    /// Where an export from the screen comes from: the model, and what
    /// the screen shows beyond it — the what-if changes, the simulated
    /// round.
    fn provenance(&self) -> Provenance {
        let mut p = Provenance::now(&self.context.origin);
        let n = self.what_if.scenario.len();
        if n > 0 {
            p = p.with_what_if(crate::present::WhatIfApplied {
                scenario: Some(("the what-if changes made in detente".to_string(), n)),
                set: 0,
            });
        }
        let (round, last) = (self.timeline.round, self.timeline.last_round());
        if round > 0 {
            p.model = format!(
                "{} as of round {round} of {last} of the simulation",
                p.model
            );
        }
        p
    }

    /// What is shown, in the format the file's extension names (text for
    /// any other), as `detente export -o` would write it; the event loop
    /// writes it and answers with [`Action::Exported`].
    fn export(&self, path: PathBuf, overwrite: bool) -> Effect {
        let format = prompt_format(&path.to_string_lossy());
        Effect::WriteExport {
            contents: self.export_text(format),
            path,
            overwrite,
        }
    }

    /// What the prompt writes: the export, or the what-if scenario.
    fn write(&self, path: PathBuf, overwrite: bool) -> Effect {
        match self.writing {
            Writing::Export => self.export(path, overwrite),
            Writing::Scenario => Effect::WriteScenario {
                contents: self.scenario_text(),
                path,
                overwrite,
                model: match &self.context.origin {
                    crate::model::Origin::File(p) => Some(p.clone()),
                    _ => None,
                },
            },
        }
    }

    /// `w`: the file prompt, for the what-if changes as a scenario.
    pub(super) fn ask_scenario_name(&mut self) {
        if self.what_if.scenario.is_empty() {
            self.say("no what-if changes to save: + and - make them", true);
            return;
        }
        let stem = match &self.context.origin {
            crate::model::Origin::File(p) => p
                .file_stem()
                .map_or_else(|| "model".into(), |s| s.to_string_lossy().into_owned()),
            _ => "geneva-2022".to_string(),
        };
        self.writing = Writing::Scenario;
        self.overlay = Overlay::Prompt(format!("{stem}-what-if.yaml"));
    }

    /// The export's outcome: said on the status line; a file in the way
    /// asks before it is replaced, with the question alone on screen (no
    /// older message beside it).
    pub(super) fn exported(&mut self, result: Result<PathBuf, ExportFailed>) {
        match result {
            Ok(shown) => {
                let shown = crate::present::path(&shown);
                match self.writing {
                    Writing::Export => self.say(format!("exported to {shown}"), false),
                    Writing::Scenario => {
                        self.what_if.dirty = false;
                        self.say(
                            format!("saved the what-if changes to {shown} (detente MODEL --scenario {shown} opens them)"),
                            false,
                        );
                    }
                }
            }
            Err(ExportFailed::Exists(path)) => {
                self.end_status();
                self.overlay = Overlay::Confirm(path);
            }
            Err(ExportFailed::Other(why)) => {
                let what = match self.writing {
                    Writing::Export => "not exported",
                    Writing::Scenario => "not saved",
                };
                self.say(format!("{what}: {why}"), true);
            }
        }
    }
}

/// The format a typed file name will be written as: by its extension, text
/// for any other.
pub fn prompt_format(name: &str) -> Format {
    Format::from_path(std::path::Path::new(name.trim())).unwrap_or(Format::Text)
}

/// Tab in the prompt: replaces a known extension by the next format's
/// (txt → md → csv → json → html → txt), or adds `.md` after any other
/// (whose file is written as text).
fn cycle_format(input: &mut String) {
    let trimmed_len = input.trim_end().len();
    input.truncate(trimmed_len);
    let name_start = input.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let known = Format::from_path(std::path::Path::new(input.as_str()));
    let next = match known {
        Some(f) => {
            let at = Format::ALL.iter().position(|&g| g == f).unwrap_or(0);
            Format::ALL[(at + 1) % Format::ALL.len()]
        }
        None => Format::Markdown,
    };
    if known.is_some()
        && let Some(dot) = input[name_start..].rfind('.')
    {
        input.truncate(name_start + dot);
    }
    input.push('.');
    input.push_str(next.extension());
}
