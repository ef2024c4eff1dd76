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

use crate::compare::Comparison;

/// The formats of a comparison report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
