//! The effects `App::update` asks for that reach beyond its state, carried
//! out here so that the state code never does: writing an export, running a
//! simulation on another thread. The terminal's (suspend) and the loader's
//! (reload) are the event loop's.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use super::action::{Action, ExportFailed, Simulated};
use crate::model::{Basis, Model};
use crate::simulate::{self, Input};
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

/// Writes a what-if scenario as [`write_export`] writes an export, and
/// never over the model file.
pub fn write_scenario(
    path: PathBuf,
    contents: &str,
    overwrite: bool,
    model: Option<&std::path::Path>,
) -> Action {
    if model.is_some_and(|m| crate::write::same_file(&path, m)) {
        let shown = crate::present::path(&path);
        return Action::Exported(Err(ExportFailed::Other(format!(
            "{shown} is the model file: a scenario is saved beside it, never over it"
        ))));
    }
    write_export(path, contents, overwrite)
}

/// Simulates `model` on a thread of its own, as `detente simulate` would
/// (refusing, before any work, a model too big to run in reasonable
/// time), and sends the App its progress after each round, then the run.
/// The event loop does not wait: `q` still quits at once. A send to an
/// event loop that has ended is dropped.
pub fn simulate(ticket: u64, model: Arc<Model>, basis: Basis, rounds: usize, tx: Sender<Action>) {
    std::thread::spawn(move || {
        let input = Input::new(&model, basis);
        let answer = match simulate::affordable(&input, rounds) {
            Err(why) => Err(why),
            Ok(()) => {
                let mut progress = |done| {
                    let _ = tx.send(Action::Simulated {
                        ticket,
                        answer: Simulated::Round(done),
                    });
                };
                Ok(Arc::new(simulate::run(&input, rounds, &mut progress)))
            }
        };
        let _ = tx.send(Action::Simulated {
            ticket,
            answer: Simulated::Done(answer),
        });
    });
}

#[cfg(test)]
mod tests;
