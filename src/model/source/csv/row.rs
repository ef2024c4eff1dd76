//! One row of the long CSV: its actor and issue, its position, and its
//! notes, each cell checked.

use super::Header;
use crate::model::check;
use crate::model::did_you_mean;
use crate::model::source::build::{Report, one_line, quoted, text};
use crate::model::types::{Basis, Stance};
use crate::sanitize;

/// A row as read: its actor and issue, and its position and notes where
/// they are valid (each problem is reported as it is found).
pub(super) struct Row<'a> {
    pub(super) actor: &'a str,
    pub(super) issue: &'a str,
    pub(super) value: Option<Value>,
    pub(super) notes: Option<Notes<'a>>,
    /// The issue's scale as this row declares it (`min`, `max` cells;
    /// `None` where empty or invalid, reported).
    pub(super) min: Option<f64>,
    pub(super) max: Option<f64>,
}

/// A position as written: a stance word or a number.
#[derive(Clone, Copy)]
pub(super) enum Value {
    Word(Stance),
    Number(f64),
}

/// Everything on a row besides the actor, issue and position.
pub(super) struct Notes<'a> {
    pub(super) salience: f64,
    pub(super) power: Option<f64>,
    pub(super) basis: Basis,
    pub(super) red_line: bool,
    pub(super) summary: &'a str,
    pub(super) quote: Option<String>,
    pub(super) speaker: Option<String>,
    pub(super) date: Option<&'a str>,
    pub(super) source: &'a str,
}

impl<'a> Row<'a> {
    /// `None` when the actor or the issue is empty (reported).
    pub(super) fn read(
        cells: &[&'a str],
        h: &Header,
        line: u64,
        report: &mut Report,
    ) -> Option<Row<'a>> {
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        let (actor, issue) = (cells[h.actor], cells[h.issue]);
        let mut ok = true;
        if one_line(actor).is_empty() {
            report.add(line, 0, "actor", "the actor is empty");
            ok = false;
        }
        if one_line(issue).is_empty() {
            report.add(line, 0, "issue", "the issue is empty");
            ok = false;
        }
        if !ok {
            return None;
        }
        let value = position(cells[h.position], line, report);
        let notes = notes(cells, h, line, report);
        let bound = |col: Option<usize>, field: &str, report: &mut Report| match col
            .map_or("", |i| cells[i].trim())
        {
            "" => None,
            x => check::number(field, x)
                .map_err(|message| report.add(line, 0, field, message))
                .ok(),
        };
        let min = bound(h.min, "min", report);
        let max = bound(h.max, "max", report);
        Some(Row {
            actor,
            issue,
            value,
            notes,
            min,
            max,
        })
    }
}

/// The position: a stance word, or a number.
fn position(raw: &str, line: usize, report: &mut Report) -> Option<Value> {
    let word = raw
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        .then(|| Stance::from_word(&raw.to_ascii_lowercase()))
        .flatten();
    if let Some(s) = word {
        return Some(Value::Word(s));
    }
    match check::number("position", raw) {
        Ok(x) => Some(Value::Number(x)),
        Err(e) => {
            let words = Stance::ALL.map(Stance::word);
            let hint = did_you_mean(raw, words)
                .map(|w| format!("; did you mean `{w}`?"))
                .unwrap_or_else(|| {
                    "; expected a number or a stance (demands, supports, neutral, opposes, rejects)"
                        .into()
                });
            report.add(line, 0, "position", format!("{e}{hint}"));
            None
        }
    }
}

/// The row's other cells, each checked; `None` if any is invalid.
fn notes<'a>(cells: &[&'a str], h: &Header, line: usize, report: &mut Report) -> Option<Notes<'a>> {
    let cell = |c: Option<usize>| c.map_or("", |i| cells[i]);
    let mut ok = true;
    let mut checked = |result: Result<f64, String>, field: &str| {
        result
            .map_err(|message| {
                report.add(line, 0, field, message);
                ok = false;
            })
            .ok()
    };
    let salience = match cell(h.salience) {
        "" => Some(1.0),
        s => checked(
            check::number("salience", s).and_then(|s| check::salience(s, 1.0)),
            "salience",
        ),
    };
    let power = match cell(h.power) {
        "" => None,
        p => checked(
            check::number("power", p).and_then(|p| check::power("power", p)),
            "power",
        ),
    };
    let basis = match cell(h.basis) {
        "" => Basis::Stated,
        b => Basis::from_word(&b.to_ascii_lowercase()).unwrap_or_else(|| {
            let message = check::unknown_word("basis", b, &Basis::ALL.map(Basis::word));
            report.add(line, 0, "basis", message);
            ok = false;
            Basis::Stated
        }),
    };
    let red_line = match cell(h.red_line) {
        "" => false,
        r => flag(r).unwrap_or_else(|| {
            let message = format!(
                "red_line {} is not true or false (or yes/no, 1/0)",
                quoted(r)
            );
            report.add(line, 0, "red_line", message);
            ok = false;
            false
        }),
    };
    // Most rows have no quote: no allocation for the empty cells.
    let quote = Some(cell(h.quote)).filter(|q| !q.is_empty()).and_then(text);
    let speaker = Some(cell(h.speaker))
        .filter(|s| !s.is_empty())
        .map(sanitize::line)
        .filter(|s| !s.trim().is_empty());
    let date = Some(cell(h.date)).filter(|d| !d.is_empty());
    let source = cell(h.source);
    if !source.is_empty() && one_line(source).is_empty() {
        report.add(line, 0, "source", "the source has no printable text");
        ok = false;
    }
    if quote.is_none() && (speaker.is_some() || date.is_some() || !source.is_empty()) {
        let message = "`speaker`, `date` and `source` describe a quote: the row has no `quote`";
        report.add(line, 0, "quote", message);
        ok = false;
    }
    if let Some(Err(message)) = date.map(check::date) {
        report.add(line, 0, "date", message);
        ok = false;
    }
    Some(Notes {
        salience: salience?,
        power,
        basis,
        red_line,
        summary: cell(h.summary),
        quote,
        speaker,
        date,
        source,
    })
    .filter(|_| ok)
}

fn flag(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}
