//! "How it may move": the bargaining simulation of the whole model, run
//! for a report as `detente simulate` runs it, and each issue's path over
//! the rounds: the two compared actors' positions and the weighted mean
//! (docs/design.md, "How it may move").

use crate::compare::Comparison;
use crate::model::Issue;
use crate::simulate::summary::summarise;
use crate::simulate::{self, DEFAULT_ROUNDS, Input, Run, Stopped};

/// The simulation as a report shows it.
pub(super) enum Moves {
    /// Not run, or nothing moved: why, in one sentence.
    Not(String),
    Ran(Ran),
}

/// A run over every actor and issue of the model.
pub(super) struct Ran {
    input: Input,
    run: Run,
    /// Each issue's weighted mean after the last round (model order).
    ends: Vec<Option<f64>>,
}

/// One issue's path, one value per round from 0 (the model as written) to
/// the last: where each actor starts the next round, and the weighted
/// mean of those positions.
pub(super) struct Path {
    /// `None` for an actor without a counted position on the issue.
    pub left: Option<Vec<f64>>,
    pub right: Option<Vec<f64>>,
    /// `None` in a round where nobody has weight on the issue.
    pub mean: Vec<Option<f64>>,
}

/// Runs the simulation for `c`'s model at its minimum basis, unless its
/// own estimate refuses the default rounds; or takes the run `given`.
pub(super) fn simulate(c: &Comparison<'_>, given: &crate::export::Simulation) -> Moves {
    use crate::export::Simulation;
    let (input, run) = match given {
        Simulation::Not(why) => return Moves::Not(why.clone()),
        Simulation::Given { model, run } => (Input::new(model, c.min_basis), Run::clone(run)),
        Simulation::Run => {
            let input = Input::new(c.model, c.min_basis);
            match run_here(input) {
                Ok(pair) => pair,
                Err(why) => return Moves::Not(why),
            }
        }
    };
    if let Some(note) = &run.note {
        return Moves::Not(format!("Nothing moves in the simulation ({note})."));
    }
    let ends = summarise(&input, &run)
        .issues
        .iter()
        .map(|e| e.end)
        .collect();
    Moves::Ran(Ran { input, run, ends })
}

/// The run, unless the estimate refuses it.
fn run_here(input: Input) -> Result<(Input, Run), String> {
    if simulate::affordable(&input, DEFAULT_ROUNDS).is_err() {
        return Err(format!(
            "Not simulated: this model is too big to simulate in reasonable time ({} actors × \
             {} issues give about {:.1e} candidate exchanges a round); detente simulate \
             --issues ID,… --actors ACTOR,… runs it on a part.",
            input.actors.len(),
            input.issues.len(),
            simulate::estimate_candidates(&input)
        ));
    }
    let run = simulate::run(&input, DEFAULT_ROUNDS, &mut |_| {});
    Ok((input, run))
}

impl Ran {
    /// The rounds played (at least 1).
    pub fn rounds(&self) -> usize {
        self.run.rounds.len()
    }

    /// How the run went, in a sentence.
    pub fn headline(&self) -> String {
        let played = self.rounds();
        let stop = match self.run.stopped {
            Stopped::Rounds => String::new(),
            Stopped::NoExchange => {
                format!(" (round {played} realised no exchange, so the run stopped)")
            }
        };
        format!(
            "The bargaining simulation of the whole model, as detente simulate runs it (the \
             Equal Gain exchange model), over {played} round{}{stop}: round 0 is the model as \
             written, and round r is where each actor starts round r + 1.",
            if played == 1 { "" } else { "s" }
        )
    }

    /// The path of `issue` (a model index) for `c`'s two actors.
    pub fn path(&self, c: &Comparison<'_>, issue: usize) -> Path {
        let rounds = &self.run.rounds;
        let actor = |a: usize| {
            let cell = self.input.cell(a, issue);
            cell.held.then(|| {
                let mut xs = vec![self.input.external(issue, cell.x)];
                for round in rounds {
                    let list = &round.issues[issue].positions;
                    let x = list
                        .binary_search_by_key(&a, |&(b, _)| b)
                        .map_or(f64::NAN, |i| list[i].1);
                    xs.push(x);
                }
                xs
            })
        };
        let mut mean: Vec<Option<f64>> =
            rounds.iter().map(|r| r.issues[issue].mean_start).collect();
        mean.push(self.ends[issue]);
        Path {
            left: actor(c.left),
            right: actor(c.right),
            mean,
        }
    }
}

impl Path {
    /// Where each line starts and ends, "180 → 101" on `issue`'s scale:
    /// the left actor, the right one, the mean; `None` for no line.
    pub fn ends(&self, issue: &Issue) -> [Option<String>; 3] {
        let span = |a: f64, b: f64| format!("{} → {}", issue.describe(a), issue.describe(b));
        let actor = |xs: &Option<Vec<f64>>| match xs.as_deref() {
            Some([first, .., last]) => Some(span(*first, *last)),
            _ => None,
        };
        let mean = match (self.mean.first(), self.mean.last()) {
            (Some(Some(a)), Some(Some(b))) => Some(span(*a, *b)),
            _ => None,
        };
        [actor(&self.left), actor(&self.right), mean]
    }
}
