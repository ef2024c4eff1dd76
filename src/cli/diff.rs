//! `detente diff OLD NEW`: what changed between two models (docs/cli.md, "detente diff").

use std::path::PathBuf;

use super::{CliError, Counting, Output, TableFormat, WhatIf, load_model, origin_of, table_format};
use crate::export::diff::{DiffReport, render};

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier model: YAML, Decide, KTAB or long CSV (`-`: standard input)
    old: PathBuf,
    /// The later model, in any of the same formats; actors and issues are matched by id;
    /// --scenario and --set change this one
    new: PathBuf,
    /// The output format [default: from the extension of PATH (.txt, .md,
    /// .csv, .json), else text]
    #[arg(long, value_enum)]
    format: Option<TableFormat>,
    #[command(flatten)]
    counting: Counting,
    // Applied to NEW, so that the diff lists them (docs/cli.md).
    #[command(flatten)]
    what_if: WhatIf,
    #[command(flatten)]
    to: Output,
}

/// Loads both models, saying which one failed, and writes what changed.
pub(super) fn run(args: DiffArgs) -> Result<(), CliError> {
    let DiffArgs {
        old,
        new,
        format,
        counting,
        what_if,
        to,
    } = args;
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        return Err(CliError::Usage(
            "OLD and NEW cannot both be standard input (`-`): give one of them as a file".into(),
        ));
    }
    to.check(Some(&old))?;
    to.check(Some(&new))?;
    let load = |side: &'static str, path: &PathBuf| {
        load_model(Some(path)).map_err(|source| CliError::Side { side, source })
    };
    let old_model = load("old", &old)?;
    // The what-if changes are made to NEW: the diff then lists them.
    let (new_model, applied) = what_if.apply(load("new", &new)?)?;
    let diff = crate::diff::diff(&old_model, &new_model, counting.min_basis.into());
    let report = DiffReport {
        old: &old_model,
        new: &new_model,
        old_origin: &origin_of(Some(&old)),
        new_origin: &origin_of(Some(&new)),
        new_what_if: &applied,
        diff: &diff,
    };
    to.write(&render(&report, table_format(format, to.output.as_deref())))
}
