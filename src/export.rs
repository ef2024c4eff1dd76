//! Renderings of a [`Comparison`] for reports: text, Markdown, CSV, JSON and
//! HTML. Pure functions from a [`Report`] to a string; they know nothing of
//! the terminal UI, which renders the same comparison its own way and hands
//! over what it shows as a [`View`].

mod csv;
pub mod diff;
pub mod forecast;
mod full;
mod html;
mod json;
mod markdown;
mod moves;
pub mod rank;
pub mod sensitivity;
pub mod simulate;
mod since;
mod text;

use crate::compare::Comparison;
use crate::present::Provenance;

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

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::Html,
    ];

    /// The file extension that names this format (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }

    /// The format a file name asks for by its extension (any case):
    /// `.txt`, `.md`, `.csv`, `.json`, `.html`; `None` for any other.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }

    pub fn word(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Csv => "CSV",
            Format::Html => "HTML",
        }
    }
}

/// The default width of the text export, in columns.
pub const DEFAULT_WIDTH: usize = 100;
/// The narrowest text export that still has room for three columns.
pub const MIN_WIDTH: usize = 40;

/// What a report shows of a comparison: which rows, in which order, and
/// the words for that choice (the TUI's filter and order; the CLI's "all
/// issues, model order").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Indices into [`Comparison::rows`], in the order shown.
    pub rows: Vec<usize>,
    /// Which issues: `all issues`, `conflicts`…
    pub filter: String,
    /// In which order: `model order`, `conflicts first`…
    pub order: String,
}

impl View {
    /// Every issue, in model order.
    pub fn all(c: &Comparison<'_>) -> View {
        View {
            rows: (0..c.rows.len()).collect(),
            filter: "all issues".into(),
            order: "model order".into(),
        }
    }

    /// `Issues shown: 6 of 20 (filter: conflicts; order: conflicts first);
    /// counting stated only.`
    pub fn line(&self, c: &Comparison<'_>) -> String {
        format!(
            "Issues shown: {} of {} (filter: {}; order: {}); counting {}.",
            self.rows.len(),
            c.rows.len(),
            self.filter,
            self.order,
            c.min_basis.counting()
        )
    }
}

/// A comparison as a report shows it: the rows of its view, and where the
/// report comes from.
#[derive(Debug, Clone)]
pub struct Report<'c, 'm> {
    pub comparison: &'c Comparison<'m>,
    pub view: View,
    pub provenance: Provenance,
}

impl<'c, 'm> Report<'c, 'm> {
    /// Every issue of `c`, in model order.
    pub fn all(c: &'c Comparison<'m>, provenance: Provenance) -> Report<'c, 'm> {
        Report {
            comparison: c,
            view: View::all(c),
            provenance,
        }
    }

    /// The rows shown, in order (indices into the model's issues too: a
    /// comparison has one row per issue, in model order).
    fn rows(&self) -> impl Iterator<Item = &'c crate::compare::Row<'m>> + '_ {
        let c = self.comparison;
        self.view.rows.iter().filter_map(move |&i| c.rows.get(i))
    }

    /// The sources the shown evidence cites, in model order.
    fn cited_sources(&self) -> Vec<usize> {
        let mut cited = vec![false; self.comparison.model.sources.len()];
        for row in self.rows() {
            for p in [row.left, row.right].into_iter().flatten() {
                for s in p.evidence().iter().filter_map(|e| e.source) {
                    cited[s] = true;
                }
            }
        }
        (0..cited.len()).filter(|&s| cited[s]).collect()
    }
}

/// Where a report's "How it may move" comes from.
#[derive(Debug, Clone, Default)]
pub enum Simulation {
    /// Run it here, unless its estimate refuses (the command line).
    #[default]
    Run,
    /// Already run, on `model` (the model as written; the TUI's).
    Given {
        model: std::sync::Arc<crate::model::Model>,
        run: std::sync::Arc<crate::simulate::Run>,
    },
    /// Not run, for this reason (one sentence).
    Not(String),
}

/// What a report draws beyond its defaults.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the simulation comes from.
    pub simulation: Simulation,
    /// Draw the position map and the chart of every issue shown, however
    /// big the report gets (`--all-maps`); by default only the cruxes and
    /// the first issues are drawn in full (docs/design.md, "Report size").
    pub all_maps: bool,
    /// What moved since an earlier model (`--since OLD`): HTML and
    /// Markdown show it; text, CSV and JSON do not.
    pub since: Option<Since>,
}

/// An earlier model and what changed from it to the report's model.
#[derive(Debug, Clone)]
pub struct Since {
    /// How the report names the earlier model: its file name.
    pub name: String,
    /// From the earlier model to the report's (indices into the report's).
    pub diff: crate::diff::ModelDiff,
}

/// Renders `r` in `format`; `width` applies to the text format.
pub fn render(r: &Report<'_, '_>, format: Format, width: usize) -> String {
    render_with(r, format, width, &Options::default())
}

/// [`render`], with `options`.
pub fn render_with(r: &Report<'_, '_>, format: Format, width: usize, options: &Options) -> String {
    match format {
        Format::Text => text::render(r, width.max(MIN_WIDTH)),
        Format::Markdown => markdown::render(r, options),
        Format::Json => json::render(r),
        Format::Csv => csv::render(r),
        Format::Html => html::render(r, options),
    }
}
