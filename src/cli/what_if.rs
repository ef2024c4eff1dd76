//! `--scenario FILE` and `--set ACTOR:ISSUE:FIELD=VALUE` (docs/cli.md,
//! "What if: `--scenario` and `--set`"): the model a command works on is
//! the model with these changes applied. A change that does not apply is
//! said on standard error, by name, and the command runs with the rest.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::CliError;
use crate::model::Model;
use crate::present::WhatIfApplied;
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

    /// `model` with the changes applied, and how many applied (for a
    /// report's provenance line); what did not apply said on standard
    /// error.
    pub fn apply(&self, model: Model) -> Result<(Model, WhatIfApplied), CliError> {
        let (model, applied, notes) = self.prepare()?.apply(model);
        say(&notes);
        Ok((model, applied))
    }
}

fn say(notes: &[String]) {
    for note in notes {
        eprintln!("detente: {note}");
    }
}

/// What did not apply to the last model loaded, to say once the TUI has
/// given the terminal back.
pub struct Notes(Arc<Mutex<Vec<String>>>);

impl Notes {
    pub fn say(&self) {
        say(&self.0.lock().unwrap_or_else(|e| e.into_inner()));
    }
}

impl Prepared {
    /// For the TUI: the changes as one scenario the App starts from (and
    /// can undo, extend and save), made on the first model loaded — the
    /// file's changes that apply, then each `--set` — and whether any of
    /// it is new (the `--set`s: not saved anywhere yet); the notes of what
    /// did not apply are kept to say once the terminal is given back.
    pub fn for_the_tui(self) -> (impl FnOnce(&Model) -> (Scenario, bool, Vec<String>), Notes) {
        let notes = Arc::new(Mutex::new(Vec::new()));
        let noted = Arc::clone(&notes);
        let start = move |model: &Model| {
            let (scenario, _, said) = self.scenario_for(model);
            *noted.lock().unwrap_or_else(|e| e.into_inner()) = said.clone();
            (scenario, !self.set.is_empty(), said)
        };
        (start, Notes(notes))
    }

    /// The changes that apply to `model`, in order, as one scenario (the
    /// file's first: how many of them is the second value), and a line for
    /// each change that does not apply (and for a scenario made on another
    /// model).
    fn scenario_for(&self, model: &Model) -> (Scenario, usize, Vec<String>) {
        let (mut scenario, mut notes) = match &self.scenario {
            Some((path, s)) => {
                let shown = crate::present::path(path);
                let mut notes = Vec::new();
                if let Some(differs) = s.base_differs(model) {
                    notes.push(format!(
                        "scenario {shown}: {differs}; each change is checked against this model"
                    ));
                }
                let mut kept = Scenario::new(s.base.clone());
                let mut now = model.clone();
                for (n, c) in s.changes().iter().enumerate() {
                    match c.apply(&mut now) {
                        Ok(()) => kept.push(c.clone()),
                        Err(reason) => notes.push(format!(
                            "scenario {shown}: change {} ({}) does not apply and is skipped: {}",
                            n + 1,
                            c.name(),
                            crate::sanitize::line(&reason)
                        )),
                    }
                }
                (kept, notes)
            }
            None => (
                Scenario::new(crate::scenario::Base {
                    model: None,
                    title: model.title.clone(),
                    fingerprint: None,
                }),
                Vec::new(),
            ),
        };
        let from_file = scenario.len();
        let mut now = scenario.apply(model.clone()).0;
        for set in &self.set {
            match set.change(&now).and_then(|c| c.apply(&mut now).map(|()| c)) {
                Ok(c) => scenario.push(c),
                Err(reason) => notes.push(format!(
                    "--set {set} does not apply and is skipped: {}",
                    crate::sanitize::line(&reason)
                )),
            }
        }
        (scenario, from_file, notes)
    }

    /// `model` with the scenario's changes, then each `--set`, applied in
    /// order; how many of each applied; and a line for each change that
    /// does not apply (and for a scenario made on another model).
    pub fn apply(&self, model: Model) -> (Model, WhatIfApplied, Vec<String>) {
        let (scenario, from_file, notes) = self.scenario_for(&model);
        let applied = WhatIfApplied {
            scenario: self
                .scenario
                .as_ref()
                .map(|(path, _)| (crate::present::path(path), from_file)),
            set: scenario.len() - from_file,
        };
        (scenario.apply(model).0, applied, notes)
    }
}
