//! Renderings of a [`Comparison`] for reports: text, Markdown, CSV and JSON.
//! Pure functions from a comparison to a string; they know nothing of the
//! terminal UI, which renders the same comparison its own way.

mod csv;
pub mod forecast;
mod html;
mod json;
mod markdown;
pub mod rank;
mod text;

use crate::analysis::pair::Trade;
use crate::compare::{Comparison, Verdict};
use crate::model::{Basis, Evidence, Issue, Model, Position, format_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Csv,
    /// One self-contained page: inline CSS and SVG, no script.
    Html,
}

/// The default width of the text export, in columns.
pub const DEFAULT_WIDTH: usize = 100;
/// The narrowest text export that still has room for three columns.
pub const MIN_WIDTH: usize = 40;

/// Renders `c` in `format`; `width` applies to the text format.
pub fn render(c: &Comparison<'_>, format: Format, width: usize) -> String {
    match format {
        Format::Text => text::render(c, width.max(MIN_WIDTH)),
        Format::Markdown => markdown::render(c),
        Format::Json => json::render(c),
        Format::Csv => csv::render(c),
        Format::Html => html::render(c),
    }
}

/// `+2 demands`, `-2 rejects (reported)`, `35 (Moderate cuts)` on a
/// numeric issue, or `? unknown` when there is no position (or none that
/// counts).
pub fn position_label(issue: &Issue, p: Option<&Position>) -> String {
    match p {
        Some(p) if p.basis == Basis::Stated => issue.describe(p.value),
        Some(p) => format!("{} ({})", issue.describe(p.value), p.basis),
        None => "? unknown".to_string(),
    }
}

/// The line a report carries when a minimum basis hides some positions:
/// `Counting stated positions only: reported and inferred ones are unknown here.`
pub fn basis_line(c: &Comparison<'_>) -> Option<String> {
    basis_sentence(c.min_basis).map(str::to_string)
}

/// [`basis_line`] for any minimum basis.
pub fn basis_sentence(min: Basis) -> Option<&'static str> {
    match min {
        Basis::Inferred => None,
        Basis::Reported => {
            Some("Counting stated and reported positions only: inferred ones are unknown here.")
        }
        Basis::Stated => {
            Some("Counting stated positions only: reported and inferred ones are unknown here.")
        }
    }
}

/// `conflict`, `conflict (red line)`…
pub fn verdict_label(v: Verdict, red_line: bool) -> String {
    if red_line {
        format!("{} (red line)", v.word())
    } else {
        v.word().to_string()
    }
}

/// The counts line: `2 agree · 1 partial · 6 conflict (3 red line) · 5 unknown`.
pub fn counts_line(c: &Comparison<'_>) -> String {
    let n = &c.counts;
    let conflict = if n.red_line > 0 {
        format!("{} conflict ({} red line)", n.conflict, n.red_line)
    } else {
        format!("{} conflict", n.conflict)
    };
    format!(
        "{} agree · {} partial · {conflict} · {} unknown",
        n.agree, n.partial, n.unknown
    )
}

/// Who said it, when and where: `Sergei Ryabkov, 2022-01-19, <source title>`.
pub fn attribution(model: &Model, e: &Evidence) -> String {
    let source = e.source.map(|s| model.sources[s].title.as_str());
    [e.speaker.as_deref(), e.date.as_deref(), source]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// A crux as a line: `NATO non-expansion — red line — salience 1 + 1`.
pub fn crux_line(c: &Comparison<'_>, issue: usize) -> String {
    let m = c.model;
    let row = &c.rows[issue];
    let s = |p: Option<&Position>| p.map_or_else(|| "?".into(), |p| format_number(p.salience));
    let red = if row.red_line { " — red line" } else { "" };
    format!(
        "{}{red} — salience {} + {}",
        m.issues[issue].label(),
        s(row.left),
        s(row.right)
    )
}

/// A trade as a sentence: `Russian Federation gives way on Arms for
/// Ukraine, United States on NATO non-expansion`.
pub fn trade_line(c: &Comparison<'_>, t: &Trade) -> String {
    let m = c.model;
    format!(
        "{} gives way on {}, {} on {}",
        m.actors[c.left].name,
        m.issues[t.left_gives].label(),
        m.actors[c.right].name,
        m.issues[t.right_gives].label()
    )
}

/// Why a trade is one: both saliences on both issues, and the score:
/// `Arms for Ukraine matters 0.3 to Russian Federation, 0.8 to United
/// States; NATO non-expansion 0.2 to United States, 0.9 to Russian
/// Federation; score 0.5`.
pub fn trade_saliences(c: &Comparison<'_>, t: &Trade) -> String {
    let m = c.model;
    let (l, r) = (&m.actors[c.left].name, &m.actors[c.right].name);
    let s =
        |side: Option<&Position>| side.map_or_else(|| "?".into(), |p| format_number(p.salience));
    let (j, i) = (&c.rows[t.left_gives], &c.rows[t.right_gives]);
    format!(
        "{} matters {} to {l}, {} to {r}; {} {} to {r}, {} to {l}; score {}",
        m.issues[t.left_gives].label(),
        s(j.left),
        s(j.right),
        m.issues[t.right_gives].label(),
        s(i.right),
        s(i.left),
        format_number(t.score)
    )
}

#[cfg(test)]
mod tests;
