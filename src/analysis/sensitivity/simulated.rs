//! The simulated end point of each change (`detente sensitivity
//! --simulate`): one run of the exchange model per change that changes
//! something, spread over every core, after an estimate of the time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{Field, IssueSensitivity, Moved};
use crate::model::{Basis, Model};
use crate::simulate::{self, Cell, Input, internal};

/// The cores to run on.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// How many runs [`simulate_all`] makes: one per change that changes
/// something, and one of the model as it stands.
fn runs(sens: &[IssueSensitivity]) -> usize {
    1 + sens
        .iter()
        .flat_map(|s| &s.actors)
        .flat_map(|p| &p.moves)
        .filter(|m| m.is_change())
        .count()
}

/// Refuses, before any work, what would take much longer than a minute
/// ([`simulate::BUDGET_SECONDS`]) on every core, with the estimate and
/// how to narrow it; else the runs it will make and the estimated seconds.
pub fn affordable(
    model: &Model,
    min: Basis,
    rounds: usize,
    sens: &[IssueSensitivity],
) -> Result<(usize, f64), String> {
    let input = Input::new(model, min);
    let runs = runs(sens);
    let seconds = simulate::estimate_seconds(&input, rounds) * runs as f64 / threads() as f64;
    if seconds <= simulate::BUDGET_SECONDS {
        return Ok((runs, seconds));
    }
    let narrow = if sens.len() > 1 {
        format!(
            "Narrow it with --issue ID (one issue takes about {} runs), or leave out --simulate \
             for the static forecasts",
            (runs - 1).div_ceil(sens.len()) + 1
        )
    } else {
        "Even one issue is too much at this size: leave out --simulate for the static forecasts"
            .to_string()
    };
    Err(format!(
        "--simulate would run the exchange model {runs} times on {} actors × {} issues ({} \
         rounds each), about {} on {} core{}. {narrow}",
        model.actors.len(),
        model.issues.len(),
        rounds,
        simulate::minutes_or_hours(seconds),
        threads(),
        if threads() == 1 { "" } else { "s" },
    ))
}

/// One run to make: the issue (index into the sensitivities), the actor
/// (index among its pivots) and the change (index among its moves).
type Job = (usize, usize, usize);

/// Fills in the simulated end point of every issue and of every change in
/// `sens`, `rounds` rounds each, on every core; `progress` is called on
/// this thread with (runs done, runs in all) as runs finish.
pub fn simulate_all(
    model: &Model,
    min: Basis,
    rounds: usize,
    sens: &mut [IssueSensitivity],
    progress: &mut dyn FnMut(usize, usize),
) {
    let input = Input::new(model, min);
    let end = |input: &Input, issue: usize| {
        let run = simulate::run(input, rounds, &mut |_| {});
        simulate::summary::summarise(input, &run).issues[issue].end
    };
    let jobs: Vec<Job> = sens
        .iter()
        .enumerate()
        .flat_map(|(s, is)| {
            is.actors.iter().enumerate().flat_map(move |(a, p)| {
                (0..p.moves.len())
                    .filter(move |&m| p.moves[m].is_change())
                    .map(move |m| (s, a, m))
            })
        })
        .collect();
    let total = jobs.len() + 1;
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    let frozen: &[IssueSensitivity] = sens;
    let (base, results) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads())
            .map(|_| {
                let tx = tx.clone();
                let (jobs, next, input, end) = (&jobs, &next, &input, &end);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let j = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&(s, a, m)) = jobs.get(j) else { break };
                        let is = &frozen[s];
                        let pivot = &is.actors[a];
                        let changed =
                            changed_input(model, input, is.issue, pivot.actor, &pivot.moves[m]);
                        done.push((j, end(&changed, is.issue)));
                        let _ = tx.send(());
                    }
                    done
                })
            })
            .collect();
        drop(tx);
        // The model as it stands, on this thread, while the workers run.
        let base: Vec<Option<f64>> = {
            let run = simulate::run(&input, rounds, &mut |_| {});
            let summary = simulate::summary::summarise(&input, &run);
            summary.issues.iter().map(|e| e.end).collect()
        };
        let mut finished = 1;
        progress(finished, total);
        for () in rx {
            finished += 1;
            progress(finished, total);
        }
        let results: Vec<(usize, Option<f64>)> = workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect();
        (base, results)
    });
    for is in sens.iter_mut() {
        is.simulated = base[is.issue];
        for p in &mut is.actors {
            for m in p.moves.iter_mut().filter(|m| !m.is_change()) {
                m.simulated = is.simulated;
            }
        }
    }
    for (j, simulated) in results {
        let (s, a, m) = jobs[j];
        sens[s].actors[a].moves[m].simulated = simulated;
    }
}

/// The input with one change made: `mv`, of `actor` on `issue` (model
/// indices, which are the input's: it holds every actor and issue).
fn changed_input(model: &Model, input: &Input, issue: usize, actor: usize, mv: &Moved) -> Input {
    let cell = *input.cell(actor, issue);
    let (lo, hi) = model.issues[issue].range();
    let a = &model.actors[actor];
    let power = a.position(issue).map_or(a.power, |p| a.power_on(p));
    // The weight is salience × power, multiplied in that order as
    // `Input::new` does, so an unchanged field gives the same bits.
    let cell = match mv.field {
        Field::Position => Cell {
            x: internal(mv.to, lo, hi),
            ..cell
        },
        Field::Salience => Cell {
            salience: mv.to,
            weight: mv.to * power,
            ..cell
        },
        Field::Power => Cell {
            weight: cell.salience * mv.to,
            ..cell
        },
    };
    input.with_cell(actor, issue, cell)
}
