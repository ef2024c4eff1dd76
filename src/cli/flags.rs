//! The flags and values several commands share: the formats, `-o PATH
//! [--force]`, `--min-basis`, and how an output path names its format.

use std::path::{Path, PathBuf};

use super::{CliError, print, refuse_model_as_output};
use crate::export;
use crate::model;
use crate::write::write_atomic;

/// `export --format`: the report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Text,
    Markdown,
    Json,
    Csv,
    /// One self-contained page: inline CSS and SVG, no script.
    Html,
}

impl From<ExportFormat> for export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Text => Self::Text,
            ExportFormat::Markdown => Self::Markdown,
            ExportFormat::Json => Self::Json,
            ExportFormat::Csv => Self::Csv,
            ExportFormat::Html => Self::Html,
        }
    }
}

/// `forecast --format`: the table formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Text,
    Markdown,
    Json,
    Csv,
}

impl From<TableFormat> for export::forecast::TableFormat {
    fn from(f: TableFormat) -> Self {
        match f {
            TableFormat::Text => Self::Text,
            TableFormat::Markdown => Self::Markdown,
            TableFormat::Json => Self::Json,
            TableFormat::Csv => Self::Csv,
        }
    }
}

/// `-o PATH [--force]`: where a command's output goes.
#[derive(Debug, clap::Args)]
pub struct Output {
    /// Write to PATH instead of standard output (atomically)
    #[arg(short, long, value_name = "PATH")]
    pub(super) output: Option<PathBuf>,
    /// Replace PATH if it already exists
    #[arg(long, requires = "output")]
    pub(super) force: bool,
}

impl Output {
    /// detente never writes to the model file: refused before any work.
    pub(super) fn check(&self, model: Option<&Path>) -> Result<(), CliError> {
        match (&self.output, model) {
            (Some(out), Some(model)) => refuse_model_as_output(out, model),
            _ => Ok(()),
        }
    }

    /// Writes `text` to PATH, atomically and never over a file without
    /// `--force`, or prints it.
    pub(super) fn write(&self, text: &str) -> Result<(), CliError> {
        match &self.output {
            Some(path) => Ok(write_atomic(path, text.as_bytes(), self.force)?),
            None => print(text),
        }
    }
}

/// `--min-basis`, for every command that compares, forecasts or ranks.
#[derive(Debug, clap::Args)]
pub struct Counting {
    /// Which positions count: all (inferred), stated and reported, or stated only;
    /// the others are unknown
    #[arg(long, value_enum, value_name = "BASIS", default_value_t = MinBasis::Inferred)]
    pub(super) min_basis: MinBasis,
}

/// `--min-basis`: the weakest basis of a position that still counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MinBasis {
    /// Only what the actor (or its spokesperson) says
    Stated,
    /// Stated, and what third parties report of the actor
    Reported,
    /// Every position, the modeller's readings included (the default)
    Inferred,
}

impl From<MinBasis> for model::Basis {
    fn from(b: MinBasis) -> model::Basis {
        match b {
            MinBasis::Stated => model::Basis::Stated,
            MinBasis::Reported => model::Basis::Reported,
            MinBasis::Inferred => model::Basis::Inferred,
        }
    }
}

/// The formats `detente import` converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// A Decide input file (`#A`, `#P`, `#M`, `#D` lines)
    Decide,
    /// KTAB's SMP CSV
    Ktab,
    /// A long CSV: one row per position, columns actor, issue, position…
    Csv,
}

impl From<ImportFormat> for model::Format {
    fn from(f: ImportFormat) -> model::Format {
        match f {
            ImportFormat::Decide => model::Format::Decide,
            ImportFormat::Ktab => model::Format::Ktab,
            ImportFormat::Csv => model::Format::Csv,
        }
    }
}

/// An explicit `--format` wins; else the extension of `-o PATH` names the
/// format; else (no PATH, or an extension detente does not know) text.
pub(super) fn export_format(flag: Option<ExportFormat>, output: Option<&Path>) -> export::Format {
    match (flag, output) {
        (Some(f), _) => f.into(),
        (None, Some(path)) => export::Format::from_path(path).unwrap_or(export::Format::Text),
        (None, None) => export::Format::Text,
    }
}

/// An explicit `--format` wins; else the extension of `-o PATH` (.txt, .md,
/// .csv, .json); else text.
pub(super) fn table_format(
    flag: Option<TableFormat>,
    output: Option<&Path>,
) -> export::forecast::TableFormat {
    use export::forecast::TableFormat as T;
    let by_path = || match export::Format::from_path(output?)? {
        export::Format::Markdown => Some(T::Markdown),
        export::Format::Csv => Some(T::Csv),
        export::Format::Json => Some(T::Json),
        export::Format::Text | export::Format::Html => None,
    };
    flag.map(T::from).or_else(by_path).unwrap_or(T::Text)
}
