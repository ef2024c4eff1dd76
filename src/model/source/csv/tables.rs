//! What the rows have named so far (actors, issues, sources, positions),
//! and the model they make once the file is read.

use std::collections::HashMap;

use super::row::{Row, Value};
use crate::model::check;
use crate::model::error::{LoadError, Origin};
use crate::model::source::build::{Ids, Report, actor, finish, one_line, quoted, text};
use crate::model::types::{Actor, Evidence, Issue, Model, Position, Scale, Source, Stance};
use crate::sanitize;

/// What an issue's positions were, to decide its kind at the end.
#[derive(Default)]
struct Seen {
    /// The line of the first number, if any.
    number_line: Option<u64>,
    lowest: f64,
    highest: f64,
    /// The lines of the lowest and the highest number.
    lowest_line: u64,
    highest_line: u64,
    /// The lines of stance words (an error once a number is seen).
    words: Vec<(u64, Stance)>,
    /// The scale's ends as the rows declare them, with the first line
    /// that does.
    min: Option<(f64, u64)>,
    max: Option<(f64, u64)>,
}

/// Keeps the first declared end of a scale; a row that declares another
/// is reported.
fn declare(
    end: &mut Option<(f64, u64)>,
    x: Option<f64>,
    what: &str,
    issue: &str,
    line: u64,
    report: &mut Report,
) {
    match (*end, x) {
        (_, None) => {}
        (None, Some(x)) => *end = Some((x, line)),
        (Some((first, _)), Some(x)) if first == x => {}
        (Some((first, at)), Some(x)) => {
            let message = format!(
                "{what} {} differs from {what} {} on line {at}: every row of issue {} must declare the same scale",
                check::shown(x),
                check::shown(first),
                quoted(issue)
            );
            report.add(
                usize::try_from(line).unwrap_or(usize::MAX),
                0,
                what,
                message,
            );
        }
    }
}

impl Seen {
    pub(super) fn add(&mut self, value: Value, line: u64) {
        match value {
            Value::Word(s) => self.words.push((line, s)),
            Value::Number(x) => {
                if self.number_line.is_none() {
                    self.number_line = Some(line);
                    (self.lowest, self.highest) = (x, x);
                    (self.lowest_line, self.highest_line) = (line, line);
                }
                if x < self.lowest {
                    (self.lowest, self.lowest_line) = (x, line);
                }
                if x > self.highest {
                    (self.highest, self.highest_line) = (x, line);
                }
            }
        }
    }
}

/// The actors, issues and sources the rows have named so far, and each
/// actor's positions.
#[derive(Default)]
pub(super) struct Tables {
    actor_ids: Ids,
    issue_ids: Ids,
    source_ids: Ids,
    actor_keys: HashMap<String, usize>,
    issue_keys: HashMap<String, usize>,
    source_keys: HashMap<String, usize>,
    actors: Vec<Actor>,
    /// One position slot per actor and issue, while the rows come in.
    slots: Vec<Vec<Option<Position>>>,
    issues: Vec<Issue>,
    seen: Vec<Seen>,
    sources: Vec<Source>,
    /// Rows usually come grouped by actor: the lookup is skipped for a
    /// repeat.
    last_actor: Option<(Vec<u8>, usize)>,
}

impl Tables {
    /// Adds a row: its actor and issue (new keys make new ones), and its
    /// position when the row is valid.
    pub(super) fn add(&mut self, row: Row<'_>, line: u64, report: &mut Report) {
        let a = self.actor(row.actor);
        let i = self.issue(row.issue);
        let seen = &mut self.seen[i];
        declare(&mut seen.min, row.min, "min", row.issue, line, report);
        declare(&mut seen.max, row.max, "max", row.issue, line, report);
        if let Some(value) = row.value {
            self.seen[i].add(value, line);
        }
        let (Some(value), Some(notes)) = (row.value, row.notes) else {
            return;
        };
        let source = (!notes.source.is_empty()).then(|| self.source(notes.source));
        let evidence: Box<[Evidence]> = match notes.quote {
            Some(quote) => Box::new([Evidence {
                quote,
                speaker: notes.speaker,
                date: notes.date.map(sanitize::line),
                source,
            }]),
            None => Box::default(),
        };
        if self.slots.len() <= a {
            self.slots.resize_with(a + 1, Vec::new);
        }
        let positions = &mut self.slots[a];
        if positions.len() <= i {
            positions.resize(i + 1, None);
        }
        if positions[i].is_some() {
            let line = usize::try_from(line).unwrap_or(usize::MAX);
            report.add(line, 0, "row", check::second_position(row.actor, row.issue));
            return;
        }
        let summary = Some(notes.summary)
            .filter(|s| !s.is_empty())
            .and_then(text)
            .map(String::into_boxed_str);
        let (value, stance) = match value {
            Value::Word(s) => (f64::from(s.value()), Some(s)),
            Value::Number(x) => (x, None),
        };
        let mut p = Position::new(value, stance).with_notes(notes.power, summary, evidence);
        p.basis = notes.basis;
        p.red_line = notes.red_line;
        p.salience = notes.salience;
        positions[i] = Some(p);
    }

    fn actor(&mut self, key: &str) -> usize {
        if let Some((k, a)) = &self.last_actor
            && k.as_slice() == key.as_bytes()
        {
            return *a;
        }
        let a = match self.actor_keys.get(key) {
            Some(&a) => a,
            None => {
                let a = self.actors.len();
                let id = self.actor_ids.id(key, "actor");
                self.actors.push(actor(id, key, key, None));
                self.actor_keys.insert(key.to_string(), a);
                a
            }
        };
        self.last_actor = Some((key.as_bytes().to_vec(), a));
        a
    }

    fn issue(&mut self, key: &str) -> usize {
        if let Some(&i) = self.issue_keys.get(key) {
            return i;
        }
        let i = self.issues.len();
        self.issues.push(Issue {
            id: self.issue_ids.id(key, "issue"),
            title: one_line(key),
            short: None,
            description: None,
            tags: Vec::new(),
            scale: None,
            outcome: None,
        });
        self.seen.push(Seen::default());
        self.issue_keys.insert(key.to_string(), i);
        i
    }

    fn source(&mut self, key: &str) -> usize {
        if let Some(&s) = self.source_keys.get(key) {
            return s;
        }
        let s = self.sources.len();
        self.sources.push(Source {
            id: self.source_ids.id(key, "source"),
            title: one_line(key),
            author: None,
            date: None,
            url: None,
        });
        self.source_keys.insert(key.to_string(), s);
        s
    }

    /// Each issue's kind, now that all its positions are in, and the model.
    pub(super) fn finish(
        mut self,
        origin: &Origin,
        mut report: Report,
        title: &str,
    ) -> Result<Model, LoadError> {
        let line_no = |line: u64| usize::try_from(line).unwrap_or(usize::MAX);
        for (issue, s) in self.issues.iter_mut().zip(&self.seen) {
            let Some(number_line) = s.number_line else {
                // All stance words: a stance issue, whose scale is the stances.
                if let Some((_, line)) = s.min.or(s.max) {
                    let message = format!(
                        "issue {} is a stance issue (its positions are stance words): `min` and `max` are for numeric issues",
                        quoted(&issue.title)
                    );
                    report.add(line_no(line), 0, "min", message);
                }
                continue;
            };
            let min = s.min.map_or(s.lowest.min(0.0), |m| m.0);
            let max = s.max.map_or(s.highest.max(100.0), |m| m.0);
            if let Some((_, line)) = s.min.or(s.max).filter(|_| min >= max) {
                let message = format!(
                    "the scale of {} runs from {} to {}: min must be below max",
                    quoted(&issue.title),
                    check::shown(min),
                    check::shown(max)
                );
                report.add(line_no(line), 0, "min", message);
            } else if let Err(message) = check::span(&issue.title, min, max) {
                let line = s.lowest_line.max(s.highest_line);
                report.add(line_no(line), 0, "position", message);
            } else {
                for (x, line) in [(s.lowest, s.lowest_line), (s.highest, s.highest_line)] {
                    if let Err(message) = check::on_scale("position", x, &issue.title, min, max) {
                        report.add(line_no(line), 0, "position", message);
                        break;
                    }
                }
            }
            issue.scale = Some(Scale {
                min,
                max,
                labels: Vec::new(),
                status_quo: None,
            });
            for &(line, word) in &s.words {
                let message = format!(
                    "position `{word}` is a stance, but issue {} is numeric (a number on line {number_line}): write a number",
                    quoted(&issue.title)
                );
                report.add(line_no(line), 0, "position", message);
            }
        }
        for (a, slots) in self.actors.iter_mut().zip(self.slots) {
            a.set_positions(slots);
        }
        let title = title.to_string();
        let (sources, issues, actors) = (self.sources, self.issues, self.actors);
        finish(origin, report, title, None, sources, issues, actors)
    }
}
