//! What moved: `detente NEW --since OLD` keeps the diff of the model as
//! read against OLD (docs/design.md, "What moved, in the TUI"), and every
//! view marks a position by where it was — before the what-if changes
//! where one changed it (what-if wins), else in OLD. One mark for both.

use std::sync::Arc;

use super::App;
use crate::diff::{Change, ModelDiff, diff};
use crate::model::{Model, Stance, format_number};
use crate::scenario::Field;

/// The old model and what changed since it.
pub struct Since {
    /// OLD's file name, as the header says it.
    pub name: String,
    pub old: Arc<Model>,
    pub diff: ModelDiff,
}

/// Where a position's mark comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The old model of `--since`.
    Since,
    /// The model before this session's what-if changes.
    WhatIf,
}

/// What a view marks on one actor's position on one issue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A position the old model did not have (or did not count), or of an
    /// actor or on an issue it did not have.
    New,
    /// The position stood at `was` (on the issue's scale).
    Moved { was: f64, source: Source },
}

/// `↑` when `now` is higher on the issue's scale than `was` (a number
/// that grew, a stance nearer "demands"), `↓` when lower.
pub fn arrow(was: f64, now: f64) -> &'static str {
    if now > was { "↑" } else { "↓" }
}

impl App {
    /// The App with OLD (`name`, its file name) to mark what moved since.
    pub fn with_since(mut self, name: String, old: Arc<Model>) -> App {
        let d = diff(&old, &self.what_if.written, self.min_basis());
        self.since = Some(Since { name, old, diff: d });
        self
    }

    /// The diff again, against the model as read now: after a reload, or
    /// (`force` false) when the basis it counted from changed.
    pub(super) fn refresh_since(&mut self, force: bool) {
        let min = self.min_basis();
        let written = Arc::clone(&self.what_if.written);
        if let Some(s) = &mut self.since
            && (force || s.diff.min_basis != min)
        {
            s.diff = diff(&s.old, &written, min);
        }
    }

    /// The mark on `actor`'s position on `issue`, if it moved: by a what-if
    /// change, else since OLD. None on a simulated round (its positions
    /// moved by the simulation, which the Timeline shows).
    pub fn position_mark(&self, actor: usize, issue: usize) -> Option<Mark> {
        if self.timeline.round > 0 {
            return None;
        }
        if let Some(was) = self.what_if_baseline(actor, issue, Field::Position) {
            return Some(Mark::Moved {
                was,
                source: Source::WhatIf,
            });
        }
        let s = self.since.as_ref()?;
        // Every position of an actor or on an issue OLD did not have is new.
        if s.diff.old_actor(actor).is_none() || s.diff.old_issue(issue).is_none() {
            let a = self.model.actors.get(actor)?;
            let known = a.position_at(issue, self.min_basis()).is_some();
            return known.then_some(Mark::New);
        }
        match s.diff.position(actor, issue)?.change {
            Change::New => Some(Mark::New),
            Change::Edited { was, what } if what.moved => Some(Mark::Moved {
                was,
                source: Source::Since,
            }),
            Change::Edited { .. } | Change::Dropped { .. } => None,
        }
    }

    /// What the Compare row says beside a position that changed:
    /// `↑ was 30`, `new`, and a what-if salience or power with its
    /// baseline (`salience 0.7 (was 0.6)`). None when nothing is marked.
    pub fn change_note(&self, actor: usize, issue: usize) -> Option<String> {
        if self.timeline.round > 0 {
            return None;
        }
        let m = &*self.model;
        // Only a position that counts is shown, so only it is noted.
        let p = m.actors.get(actor)?.position_at(issue, self.min_basis())?;
        let mut notes = Vec::new();
        match self.position_mark(actor, issue) {
            Some(Mark::New) => notes.push("new".to_string()),
            Some(Mark::Moved { was, .. }) => {
                let i = &m.issues[issue];
                let was_word = if i.is_numeric() {
                    i.describe(was)
                } else {
                    Stance::nearest(was).word().to_string()
                };
                notes.push(format!("{} was {was_word}", arrow(was, p.value)));
            }
            None => {}
        }
        for (field, now) in [
            (Field::Salience, p.salience),
            (Field::Power, m.actors[actor].power_on(p)),
        ] {
            if let Some(was) = self.what_if_baseline(actor, issue, field) {
                notes.push(format!(
                    "{} {} (was {})",
                    field.word(),
                    format_number(now),
                    format_number(was)
                ));
            }
        }
        (!notes.is_empty()).then(|| notes.join(", "))
    }

    /// Whether any view may show a mark: the legends say what they mean.
    pub fn marks_shown(&self) -> bool {
        self.timeline.round == 0 && (self.since.is_some() || !self.what_if.scenario.is_empty())
    }
}

#[cfg(test)]
mod tests;
