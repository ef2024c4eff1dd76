//! What a run comes to: where each issue's mean starts and ends, who moved
//! most, and which exchanges moved a mean most (docs/design.md,
//! "Simulation summary").

use super::{Input, Run};

/// One issue's weighted mean before round 1 and after the last round, on
/// the issue's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IssueEnd {
    pub issue: usize,
    pub start: Option<f64>,
    pub end: Option<f64>,
}

/// How far an actor moved over the run: Σ over its issues of
/// |end − start| as a percentage of the issue's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mover {
    pub actor: usize,
    pub moved: f64,
}

/// How far an exchange moved the means of its two issues: Σ over its
/// sides of w·|to − from|/D as a percentage of the issue's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shift {
    /// 1-based round and 0-based place in it.
    pub round: usize,
    pub index: usize,
    pub shift: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub issues: Vec<IssueEnd>,
    /// Every actor that moved, most first (ties in model order).
    pub movers: Vec<Mover>,
    /// Every exchange, the largest shift first (ties in the order realised).
    pub shifts: Vec<Shift>,
}

pub fn summarise(input: &Input, run: &Run) -> Summary {
    let n_i = input.issues.len();
    let column = |issue: usize| input.issues.iter().position(|&k| k == issue);
    let row = |actor: usize| input.actors.iter().position(|&a| a == actor);
    let denominators: Vec<f64> = (0..n_i)
        .map(|k| {
            (0..input.actors.len())
                .filter(|&a| input.cell(a, k).held)
                .map(|a| input.cell(a, k).weight)
                .sum()
        })
        .collect();
    // Weighted mean of the last round's positions, on the issue's scale.
    let issues = run
        .rounds
        .last()
        .map(|last| {
            last.issues
                .iter()
                .enumerate()
                .map(|(k, ir)| {
                    let end = (denominators[k] > 0.0).then(|| {
                        ir.positions
                            .iter()
                            .filter_map(|&(a, x)| Some(input.cell(row(a)?, k).weight * x))
                            .sum::<f64>()
                            / denominators[k]
                    });
                    let start = run.rounds[0].issues[k].mean_start;
                    IssueEnd {
                        issue: ir.issue,
                        start,
                        end,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let mut moved = vec![0.0; input.actors.len()];
    if let Some(last) = run.rounds.last() {
        for (k, ir) in last.issues.iter().enumerate() {
            let span = input.scales[k].1 - input.scales[k].0;
            for &(a, x) in &ir.positions {
                let Some(r) = row(a) else { continue };
                let start = input.external(k, input.cell(r, k).x);
                if span > 0.0 {
                    moved[r] += (x - start).abs() / span * 100.0;
                }
            }
        }
    }
    let mut movers: Vec<Mover> = moved
        .iter()
        .enumerate()
        .filter(|&(_, &m)| m > 0.0)
        .map(|(r, &m)| Mover {
            actor: input.actors[r],
            moved: m,
        })
        .collect();
    movers.sort_by(|x, y| y.moved.total_cmp(&x.moved));
    let mut shifts = Vec::new();
    for round in &run.rounds {
        for (index, e) in round.exchanges.iter().enumerate() {
            let shift: f64 = [e.i, e.j]
                .iter()
                .filter_map(|side| {
                    let (k, r) = (column(side.supply)?, row(side.actor)?);
                    let span = input.scales[k].1 - input.scales[k].0;
                    let w = input.cell(r, k).weight;
                    (span > 0.0 && denominators[k] > 0.0)
                        .then(|| w * (side.to - side.from).abs() / denominators[k] / span * 100.0)
                })
                .sum();
            shifts.push(Shift {
                round: round.number,
                index,
                shift,
            });
        }
    }
    shifts.sort_by(|x, y| y.shift.total_cmp(&x.shift));
    Summary {
        issues,
        movers,
        shifts,
    }
}
