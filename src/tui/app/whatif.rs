//! What if: the analyst moves an actor's position, salience or power on
//! an issue, and every view follows — verdicts, agreement, cruxes, trades,
//! forecasts, ranking, and the simulation, run again in the background.
//! The changes are a [`Scenario`] on the model as read; nothing is written
//! to the model, and `w` saves the scenario (docs/design.md, "What if").

use std::sync::Arc;

use super::{App, View};
use crate::analysis::sensitivity::Steps;
use crate::model::{Model, format_number};
use crate::scenario::{Base, Change, Field, Scenario};
use crate::tui::action::Effect;

/// The session's changes and the model they apply to.
pub struct WhatIf {
    /// The model as read (the file, with any `--scenario` it was opened
    /// with), before this session's changes.
    pub written: Arc<Model>,
    pub scenario: Scenario,
    /// What `+` and `-` change.
    pub field: Field,
    /// Whether the changes differ from what was last saved.
    pub dirty: bool,
}

impl WhatIf {
    pub fn new(written: Arc<Model>) -> WhatIf {
        // The fingerprint is taken when the scenario is saved: on a big
        // model it costs a pass over every position.
        let base = Base {
            model: None,
            title: written.title.clone(),
            fingerprint: None,
        };
        WhatIf {
            written,
            scenario: Scenario::new(base),
            field: Field::Position,
            dirty: false,
        }
    }

    /// Changes that would be lost on quitting.
    pub fn unsaved(&self) -> bool {
        self.dirty && !self.scenario.is_empty()
    }
}

/// The field after `f`, as `p` cycles them.
fn next_field(f: Field) -> Field {
    match f {
        Field::Position => Field::Salience,
        Field::Salience => Field::Power,
        Field::Power => Field::Position,
    }
}

impl App {
    /// The actor and issue a what-if key changes: the focused pane's actor
    /// on the selected row in Compare, the selected actor in the Issue
    /// view, the selected cell in the Matrix.
    fn what_if_target(&self) -> Option<(usize, usize)> {
        match self.view {
            View::Compare => self.selected_row().map(|r| {
                let issue = self.comparison.rows[r].issue;
                (self.focused_actor(), issue)
            }),
            View::Issue => self
                .spectrum
                .get(self.spectrum_selected)
                .map(|&a| (a, self.issue)),
            View::Matrix => Some((self.matrix_row.selected, self.issue)),
            View::Analysis | View::Timeline => None,
        }
    }

    /// The App opened with `scenario` applied (`--scenario`, `--set`):
    /// its changes are the first in the session's, saved unless `unsaved`;
    /// `notes` (what did not apply) go on the status line.
    pub fn with_scenario(mut self, scenario: Scenario, unsaved: bool, notes: &[String]) -> App {
        if scenario.is_empty() && notes.is_empty() {
            return self;
        }
        self.what_if.scenario = scenario;
        self.what_if.dirty = unsaved;
        let _ = self.apply_what_if();
        if let Some(first) = notes.first() {
            let more = if notes.len() > 1 {
                format!(" (and {} more, said on quitting)", notes.len() - 1)
            } else {
                String::new()
            };
            self.say(format!("{first}{more}"), true);
        }
        self
    }

    /// `p`: what `+` and `-` change next.
    pub(super) fn cycle_what_if_field(&mut self) {
        self.what_if.field = next_field(self.what_if.field);
        self.say(
            format!("+ and - now change the {}", self.what_if.field.word()),
            false,
        );
    }

    /// `+` / `-`: one step of the current field, up or down. A position
    /// moves by a twentieth of its scale (a stance by one word), a
    /// salience by 0.1, a power by a tenth of the model's largest (at
    /// least 0.1); each stays in its range.
    pub(super) fn nudge(&mut self, up: bool) -> Vec<Effect> {
        if self.timeline.round > 0 {
            self.say(
                "what-if changes apply to the model as written: , back to round 0 first",
                true,
            );
            return Vec::new();
        }
        let Some((actor, issue)) = self.what_if_target() else {
            self.say(
                "what if: select an actor on an issue in Compare, Issue or Matrix",
                true,
            );
            return Vec::new();
        };
        let m = &*self.timeline.base;
        let field = self.what_if.field;
        let (a, i) = (&m.actors[actor], &m.issues[issue]);
        let Some(p) = a.position(issue) else {
            let text = format!(
                "{} takes no position on {}: what if moves only positions the model has",
                a.name,
                i.label()
            );
            self.say(text, true);
            return Vec::new();
        };
        let sign = if up { 1.0 } else { -1.0 };
        let (now, to) = match field {
            Field::Position => {
                let (lo, hi) = i.range();
                let step = if i.is_numeric() { i.span() / 20.0 } else { 1.0 };
                (p.value, tidy(p.value + sign * step).clamp(lo, hi))
            }
            Field::Salience => (p.salience, tidy(p.salience + sign * 0.1).clamp(0.0, 1.0)),
            Field::Power => {
                let now = a.power_on(p);
                // The sensitivity analysis's power step, at least 0.1.
                let step = Steps::of(m, self.min_basis()).power.max(0.1);
                (now, tidy(now + sign * step).max(0.0))
            }
        };
        if to == now {
            let end = if up { "top" } else { "bottom" };
            self.say(format!("already at the {end} of its range"), true);
            return Vec::new();
        }
        let Some(change) = Change::of(m, actor, issue, field, to) else {
            return Vec::new();
        };
        let said = format!(
            "what if: {}'s {} on {} {} → {} (u undoes)",
            a.name,
            field.word(),
            i.label(),
            shown(m, issue, field, now),
            shown(m, issue, field, to)
        );
        self.what_if.scenario.push(change);
        self.what_if.dirty = true;
        let effects = self.apply_what_if();
        self.say(said, false);
        effects
    }

    /// `u`: takes back the last change.
    pub(super) fn undo_what_if(&mut self) -> Vec<Effect> {
        match self.what_if.scenario.undo() {
            None => {
                self.say("no what-if change to undo", true);
                Vec::new()
            }
            Some(c) => {
                self.what_if.dirty = true;
                let effects = self.apply_what_if();
                self.say(format!("undid {}", c.name()), false);
                effects
            }
        }
    }

    /// `U`: takes back every change.
    pub(super) fn reset_what_if(&mut self) -> Vec<Effect> {
        let n = self.what_if.scenario.len();
        if n == 0 {
            self.say("no what-if change to reset", true);
            return Vec::new();
        }
        self.what_if.scenario.reset();
        self.what_if.dirty = true;
        let effects = self.apply_what_if();
        self.say(
            format!("reset {n} what-if change{}", if n == 1 { "" } else { "s" }),
            false,
        );
        effects
    }

    /// Rebuilds the model from the model as read and the changes, shows it
    /// (round 0), and runs the simulation again if one had run: its
    /// rounds are of the model before the change. A change that no longer
    /// applies (the file was edited and reloaded) is dropped and said by
    /// name; the rest stay applied.
    fn apply_what_if(&mut self) -> Vec<Effect> {
        let (model, stale) = self.what_if.scenario.apply((*self.what_if.written).clone());
        if !stale.is_empty() {
            let old = &self.what_if.scenario;
            let mut kept = Scenario::new(old.base.clone());
            for (n, c) in old.changes().iter().enumerate() {
                if !stale.iter().any(|s| s.number == n + 1) {
                    kept.push(c.clone());
                }
            }
            self.what_if.scenario = kept;
            self.what_if.dirty = true;
            let names: Vec<String> = stale.iter().map(|s| s.change.name()).collect();
            let n = names.len();
            self.say(
                format!(
                    "{n} what-if change{} no longer appl{} and {} dropped: {}",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "ies" } else { "y" },
                    if n == 1 { "was" } else { "were" },
                    names.join(", ")
                ),
                true,
            );
        }
        self.set_base(Arc::new(model))
    }

    /// After a reload: the changes again, on the new model as read.
    pub(super) fn reapply_what_if(&mut self) {
        if !self.what_if.scenario.is_empty() {
            // A reload has no simulation to run again yet.
            let _ = self.apply_what_if();
        }
    }

    /// The model every view shows at round 0, after a change: the
    /// simulation of the old one is set aside, and run again if one had
    /// been asked for.
    pub(super) fn set_base(&mut self, model: Arc<Model>) -> Vec<Effect> {
        let had = self.timeline.simulation != super::Simulation::NotRun;
        self.timeline.base = model;
        self.timeline.ticket = 0;
        self.timeline.simulation = super::Simulation::NotRun;
        self.show_round(0);
        if had { self.simulate() } else { Vec::new() }
    }

    /// The baseline of a changed field: its value in the model as read,
    /// if a what-if change moved it.
    pub fn what_if_baseline(&self, actor: usize, issue: usize, field: Field) -> Option<f64> {
        if self.what_if.scenario.is_empty() {
            return None;
        }
        let w = &*self.what_if.written;
        let (a, i) = (w.actors.get(actor)?, w.issues.get(issue)?);
        self.what_if.scenario.baseline(&a.id, &i.id, field)?;
        let p = a.position(issue)?;
        let was = match field {
            Field::Position => p.value,
            Field::Salience => p.salience,
            Field::Power => a.power_on(p),
        };
        let now = self.timeline.base.actors[actor]
            .position(issue)
            .map(|p| match field {
                Field::Position => p.value,
                Field::Salience => p.salience,
                Field::Power => self.timeline.base.actors[actor].power_on(p),
            });
        (now != Some(was)).then_some(was)
    }

    /// The scenario as saved: the changes, on the model as read, with its
    /// path and fingerprint.
    pub fn scenario_text(&self) -> String {
        let mut s = self.what_if.scenario.clone();
        let path = match &self.context.origin {
            crate::model::Origin::File(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        };
        s.base = Base::of(&self.what_if.written, path.as_deref());
        s.to_yaml()
    }
}

/// A number without the float noise of repeated steps (0.1 + 0.2).
fn tidy(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// A value of `field` as the status line says it.
fn shown(m: &Model, issue: usize, field: Field, x: f64) -> String {
    match field {
        Field::Position => m.issues[issue].describe(x),
        Field::Salience | Field::Power => format_number(x),
    }
}

#[cfg(test)]
mod tests;
