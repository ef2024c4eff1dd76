//! The Timeline: the bargaining simulation of the model, run on another
//! thread when first asked for (an [`Effect::Simulate`]), and the model as
//! of any of its rounds in every view. Round 0 is the model as written; in
//! round r every counted position stands where the simulation left it
//! after r rounds (docs/design.md, "The Timeline").

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{App, Pair, Scroll, View};
use crate::model::{Basis, Model, Stance};
use crate::simulate::{DEFAULT_ROUNDS, Run};
use crate::tui::action::{Action, Effect, Simulated};

/// Where the simulation of the model stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Simulation {
    /// Not asked for yet, or set aside because the model or the basis
    /// changed since.
    NotRun,
    /// Running on another thread: `done` of `rounds` rounds so far.
    Running {
        done: usize,
        rounds: usize,
    },
    /// Refused before it started (too big to run in reasonable time), in
    /// words.
    Refused(String),
    Done(Arc<Run>),
}

/// Tickets are unique in the process, not per App: a reload makes a new
/// App, and a simulation of the old model still running must not pass for
/// the new one's.
static TICKETS: AtomicU64 = AtomicU64::new(1);

/// The simulation and the round every view shows.
pub struct Timeline {
    /// The model as written: round 0, and what the simulation runs on.
    pub base: Arc<Model>,
    pub simulation: Simulation,
    /// The basis the simulation counts from: the App's when it was asked.
    pub basis: Basis,
    /// The round every view shows; 0 is the model as written.
    pub round: usize,
    /// Which request the event loop's answers belong to (0: none): an
    /// answer to any other (the model was reloaded or the basis changed
    /// since) is dropped.
    pub ticket: u64,
    /// The Timeline's list of the round's exchanges.
    pub exchanges: Scroll,
}

impl Timeline {
    pub fn new(base: Arc<Model>) -> Timeline {
        Timeline {
            base,
            simulation: Simulation::NotRun,
            basis: Basis::Inferred,
            round: 0,
            ticket: 0,
            exchanges: Scroll::default(),
        }
    }

    /// The finished run, if there is one.
    pub fn run(&self) -> Option<&Run> {
        match &self.simulation {
            Simulation::Done(run) => Some(run),
            _ => None,
        }
    }

    /// The last round there is to show: the rounds the run played.
    pub fn last_round(&self) -> usize {
        self.run().map_or(0, |r| r.rounds.len())
    }
}

/// `base` as of round `round` of `run` (1-based; 0 or beyond the run gives
/// the nearest round there is): every position the simulation moved
/// stands where the round left it. A stance issue's simulated position is a
/// number on the −2..+2 scale; its stance becomes the nearest word.
/// Everything else (salience, power, basis, evidence) is as written.
pub fn model_at(base: &Model, run: &Run, round: usize) -> Model {
    let mut model = base.clone();
    let Some(r) = round.checked_sub(1).and_then(|i| run.rounds.get(i)) else {
        return model;
    };
    for ir in &r.issues {
        let numeric = model.issues[ir.issue].is_numeric();
        for &(actor, x) in &ir.positions {
            let Some(p) = model.actors[actor].position_mut(ir.issue) else {
                continue;
            };
            if numeric {
                p.value = x;
            } else {
                let s = Stance::nearest(x);
                p.stance = Some(s);
                p.value = f64::from(s.value());
            }
        }
    }
    model
}

impl App {
    /// `t`: the Timeline view, starting the simulation if it has not run
    /// on this model and basis.
    pub(super) fn show_timeline(&mut self) -> Vec<Effect> {
        self.go_to(View::Timeline);
        let stale = self.timeline.basis != self.min_basis();
        if stale && self.timeline.round > 0 {
            self.show_round(0);
        }
        if stale || self.timeline.simulation == Simulation::NotRun {
            return self.simulate();
        }
        Vec::new()
    }

    /// Asks the event loop to simulate the model as written.
    pub(super) fn simulate(&mut self) -> Vec<Effect> {
        let t = &mut self.timeline;
        t.ticket = TICKETS.fetch_add(1, Ordering::Relaxed);
        t.basis = self.comparison.min_basis;
        t.simulation = Simulation::Running {
            done: 0,
            rounds: DEFAULT_ROUNDS,
        };
        t.exchanges = Scroll::default();
        vec![Effect::Simulate {
            ticket: t.ticket,
            model: Arc::clone(&t.base),
            basis: t.basis,
            rounds: DEFAULT_ROUNDS,
        }]
    }

    /// The event loop's answer: progress, or the end of the run.
    pub(super) fn simulated(&mut self, ticket: u64, answer: Simulated) {
        let t = &mut self.timeline;
        if ticket != t.ticket {
            return;
        }
        match answer {
            Simulated::Round(done) => {
                if let Simulation::Running { rounds, .. } = t.simulation {
                    t.simulation = Simulation::Running { done, rounds };
                }
            }
            Simulated::Done(Ok(run)) => {
                let n = run.rounds.len();
                t.simulation = Simulation::Done(run);
                // Elsewhere the header's round says it; a what-if change's
                // message, say, stays.
                if self.view != View::Timeline {
                    return;
                }
                self.say(
                    format!(
                        "simulated {n} round{}: , and . step through them",
                        if n == 1 { "" } else { "s" }
                    ),
                    false,
                );
            }
            Simulated::Done(Err(why)) => t.simulation = Simulation::Refused(why),
        }
    }

    /// `,` and `.`: the previous or next round, in every view.
    pub(super) fn step_round(&mut self, action: &Action) {
        let last = self.timeline.last_round();
        if self.timeline.run().is_none() {
            let why = match self.timeline.simulation {
                Simulation::Running { .. } => "the simulation is still running",
                Simulation::Refused(_) => "this model is too big to simulate here",
                _ => "no simulation yet: t runs it",
            };
            self.say(why, true);
            return;
        }
        let round = self.timeline.round;
        let next = match action {
            Action::PrevRound => round.saturating_sub(1),
            _ => (round + 1).min(last),
        };
        if next == round {
            let edge = if round == 0 {
                "round 0 is the model as written"
            } else {
                "that is the last round simulated"
            };
            self.say(edge, false);
            return;
        }
        self.show_round(next);
        self.say(
            if next == 0 {
                "round 0: the model as written".to_string()
            } else {
                format!("round {next} of {last} (simulated)")
            },
            false,
        );
    }

    /// Shows the model as of `round` in every view, keeping what is
    /// selected: the actors and issues are the same, only positions move.
    pub(super) fn show_round(&mut self, round: usize) {
        let model = match self.timeline.run() {
            Some(run) if round > 0 => Arc::new(model_at(&self.timeline.base, run, round)),
            _ => Arc::clone(&self.timeline.base),
        };
        self.timeline.round = if Arc::ptr_eq(&model, &self.timeline.base) {
            0
        } else {
            round
        };
        self.timeline.exchanges = Scroll::default();
        self.model = model;
        let (l, r) = (self.left(), self.right());
        self.comparison = Pair::new(&self.model, l, r, self.min_basis());
        self.rebuild_rows();
        self.rebuild_spectrum();
        if self.view == View::Analysis {
            self.rebuild_analysis();
        }
        self.sync_matrix();
    }

    /// The basis changed: a simulation that counted other positions is set
    /// aside, and the views go back to the model as written.
    pub(super) fn forget_simulation(&mut self) {
        if self.timeline.round > 0 {
            self.show_round(0);
        }
        if self.timeline.simulation != Simulation::NotRun {
            // Whatever is still running answers to a ticket no longer held.
            self.timeline.ticket = 0;
            self.timeline.simulation = Simulation::NotRun;
        }
    }

    /// The Timeline's own keys: the exchange list moves, issues step.
    pub(super) fn update_timeline(&mut self, action: &Action) -> bool {
        let n = self.round_exchanges().len();
        let page = usize::from(self.screen().detail.height.saturating_sub(2)).max(1);
        match action {
            Action::Up | Action::ScrollUp => self.timeline.exchanges.move_by(-1, n, page),
            Action::Down | Action::ScrollDown => self.timeline.exchanges.move_by(1, n, page),
            Action::PageUp => self.timeline.exchanges.move_by(-(page as isize), n, page),
            Action::PageDown => self.timeline.exchanges.move_by(page as isize, n, page),
            Action::Top => self.timeline.exchanges.select(0, n, page),
            Action::Bottom => self.timeline.exchanges.select(n, n, page),
            Action::Left | Action::Right => {
                let issues = self.model.issues.len();
                let next = if *action == Action::Left {
                    self.issue.saturating_sub(1)
                } else {
                    (self.issue + 1).min(issues.saturating_sub(1))
                };
                self.set_issue(next);
                self.timeline.exchanges = Scroll::default();
            }
            _ => return false,
        }
        true
    }

    /// The exchanges of the round shown that move the current issue (it is
    /// one side's supply), in the order realised.
    pub fn round_exchanges(&self) -> Vec<&crate::simulate::Exchange> {
        let (Some(run), r) = (self.timeline.run(), self.timeline.round) else {
            return Vec::new();
        };
        let Some(round) = r.checked_sub(1).and_then(|i| run.rounds.get(i)) else {
            return Vec::new();
        };
        round
            .exchanges
            .iter()
            .filter(|e| e.i.supply == self.issue || e.j.supply == self.issue)
            .collect()
    }
}

#[cfg(test)]
pub(super) mod tests;
