//! Renderings of a [`Comparison`] for reports: text, Markdown, CSV and JSON.
//! Pure functions from a comparison to a string; they know nothing of the
//! terminal UI, which renders the same comparison its own way.

mod csv;
pub mod forecast;
mod json;
mod markdown;
mod text;

use crate::compare::{Comparison, Verdict};
use crate::model::{Basis, Evidence, Issue, Model, Position};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Csv,
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
    match c.min_basis {
        Basis::Inferred => None,
        Basis::Reported => Some(
            "Counting stated and reported positions only: inferred ones are unknown here."
                .to_string(),
        ),
        Basis::Stated => Some(
            "Counting stated positions only: reported and inferred ones are unknown here."
                .to_string(),
        ),
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

#[cfg(test)]
mod tests;
