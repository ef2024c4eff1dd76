//! `--scenario FILE` and `--set ACTOR:ISSUE:FIELD=VALUE` (docs/cli.md,
//! "What if: `--scenario` and `--set`"): the model a command works on is
//! the model with these changes applied. A change that does not apply is
//! said on standard error, by name, and the command runs with the rest.

use std::path::PathBuf;

use super::CliError;
use crate::model::Model;
use crate::scenario::{Scenario, SetArg};

/// The flags, for every command that reads a model to analyse it.
#[derive(Debug, Clone, clap::Args)]
pub struct WhatIf {
    /// Apply a scenario file's changes to the model first (see docs/formats.md)
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// Set an actor's position, salience or power on an issue, e.g.
    /// russia:nato-non-expansion:position=supports (ids; repeatable; after
    /// --scenario's changes)
    #[arg(long = "set", value_name = "ACTOR:ISSUE:FIELD=VALUE")]
    set: Vec<SetArg>,
}

/// The changes, read and ready to apply to each model loaded.
#[derive(Debug, Clone)]
pub struct Prepared {
    scenario: Option<(PathBuf, Scenario)>,
    set: Vec<SetArg>,
}

impl WhatIf {
    /// Reads the scenario file, if one is named.
    pub fn prepare(&self) -> Result<Prepared, CliError> {
        let scenario = match &self.scenario {
            Some(path) => Some((path.clone(), Scenario::load(path)?)),
            None => None,
        };
        Ok(Prepared {
            scenario,
            set: self.set.clone(),
        })
    }

    /// `model` with the changes applied, what did not apply said on
    /// standard error.
    pub fn apply(&self, model: Model) -> Result<Model, CliError> {
        let (model, notes) = self.prepare()?.apply(model);
        for note in notes {
            eprintln!("detente: {note}");
        }
        Ok(model)
    }
}

impl Prepared {
    /// `model` with the scenario's changes, then each `--set`, applied in
    /// order; and a line for each change that does not apply (and for a
    /// scenario made on another model).
    pub fn apply(&self, model: Model) -> (Model, Vec<String>) {
        let mut notes = Vec::new();
        let mut model = model;
        if let Some((path, scenario)) = &self.scenario {
            let shown = crate::present::path(path);
            if let Some(differs) = scenario.base_differs(&model) {
                notes.push(format!(
                    "scenario {shown}: {differs}; each change is checked against this model"
                ));
            }
            let (changed, stale) = scenario.apply(model);
            model = changed;
            notes.extend(stale.iter().map(|s| format!("scenario {shown}: {s}")));
        }
        for set in &self.set {
            if let Err(reason) = set.change(&model).and_then(|c| c.apply(&mut model)) {
                let reason = crate::sanitize::line(&reason);
                notes.push(format!(
                    "--set {set} does not apply and is skipped: {reason}"
                ));
            }
        }
        (model, notes)
    }
}
