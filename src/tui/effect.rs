//! The effects `App::update` asks for that reach the file system, carried
//! out here so that the state code never does: today, writing an export.
//! The terminal's (suspend) and the loader's (reload) are the event loop's.

use std::path::PathBuf;

use super::action::{Action, ExportFailed};
use crate::write::{WriteError, write_atomic};

/// Writes an export as `detente export -o` would: atomically, and without
/// `overwrite` never over anything already there. The answer for the App:
/// the file as written (canonical where it can be), or why not.
pub fn write_export(path: PathBuf, contents: &str, overwrite: bool) -> Action {
    Action::Exported(match write_atomic(&path, contents.as_bytes(), overwrite) {
        Ok(()) => Ok(std::fs::canonicalize(&path).unwrap_or(path)),
        Err(WriteError::Exists(_)) => Err(ExportFailed::Exists(path)),
        Err(e) => Err(ExportFailed::Other(e.to_string())),
    })
}

#[cfg(test)]
mod tests;
