//! The numbers a simulation runs on, read once from a [`Model`]: each
//! issue's scale, and each actor's position, salience and weight on it, the
//! position already on the internal 0–100 scale (docs/design.md, "Simulation").

use crate::model::{Basis, Model};

/// One actor on one issue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Whether the actor holds a counted position on the issue; when not,
    /// it takes no part in the issue and the other fields are 0.
    pub held: bool,
    /// The position on the internal scale, 0–100.
    pub x: f64,
    pub salience: f64,
    /// salience × power.
    pub weight: f64,
    /// A red line never supplies (gives way) in an exchange.
    pub red_line: bool,
}

impl Cell {
    const NONE: Cell = Cell {
        held: false,
        x: 0.0,
        salience: 0.0,
        weight: 0.0,
        red_line: false,
    };
}

/// The actors and issues taking part, and every cell, actor by actor.
#[derive(Debug, Clone)]
pub struct Input {
    /// Model indices of the issues taking part, in model order.
    pub issues: Vec<usize>,
    /// Model indices of the actors taking part, in model order.
    pub actors: Vec<usize>,
    /// (lo, hi) of each issue taking part.
    pub scales: Vec<(f64, f64)>,
    cells: Vec<Cell>,
}

impl Input {
    /// Every actor and issue of `model`, counting positions of at least
    /// `min` basis.
    pub fn new(model: &Model, min: Basis) -> Input {
        let issues: Vec<usize> = (0..model.issues.len()).collect();
        let actors: Vec<usize> = (0..model.actors.len()).collect();
        Input::subset(model, min, issues, actors)
    }

    /// The issues and actors named on the command line (every one where a
    /// list is empty); an unknown name is an error in words.
    pub fn filtered(
        model: &Model,
        min: Basis,
        issues: &[String],
        actors: &[String],
    ) -> Result<Input, String> {
        let issues = if issues.is_empty() {
            (0..model.issues.len()).collect()
        } else {
            issues
                .iter()
                .map(|id| {
                    let id = id.trim();
                    model.issues.iter().position(|i| i.id == id).ok_or_else(|| {
                        let known = model.issues.iter().map(|i| i.id.as_str());
                        let hint = crate::model::did_you_mean(id, known)
                            .map(|k| format!("; did you mean `{k}`?"))
                            .unwrap_or_default();
                        format!(
                            "--issues: no issue has the id `{}`{hint}",
                            crate::sanitize::line(id)
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        let actors = if actors.is_empty() {
            (0..model.actors.len()).collect()
        } else {
            actors
                .iter()
                .map(|q| {
                    crate::model::resolve_actor(model, q).map_err(|e| format!("--actors: {e}"))
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        Ok(Input::subset(model, min, issues, actors))
    }

    /// Only the `issues` and `actors` given (model indices, any order; they
    /// are put in model order and deduplicated).
    pub fn subset(
        model: &Model,
        min: Basis,
        mut issues: Vec<usize>,
        mut actors: Vec<usize>,
    ) -> Input {
        issues.sort_unstable();
        issues.dedup();
        actors.sort_unstable();
        actors.dedup();
        let scales: Vec<(f64, f64)> = issues.iter().map(|&k| model.issues[k].range()).collect();
        // Where each model issue sits among those taking part.
        let mut column = vec![usize::MAX; model.issues.len()];
        for (c, &k) in issues.iter().enumerate() {
            column[k] = c;
        }
        let mut cells = vec![Cell::NONE; actors.len() * issues.len()];
        for (r, &a) in actors.iter().enumerate() {
            let actor = &model.actors[a];
            for p in actor.positions() {
                let c = column[p.issue()];
                if c == usize::MAX || p.basis < min {
                    continue;
                }
                let (lo, hi) = scales[c];
                cells[r * issues.len() + c] = Cell {
                    held: true,
                    x: internal(p.value, lo, hi),
                    salience: p.salience,
                    weight: p.salience * actor.power_on(p),
                    red_line: p.red_line,
                };
            }
        }
        Input {
            issues,
            actors,
            scales,
            cells,
        }
    }

    /// The cell of actor `a` on issue `k` (indices among those taking part).
    pub fn cell(&self, a: usize, k: usize) -> &Cell {
        &self.cells[a * self.issues.len() + k]
    }

    /// The same input with the cell of actor `a` on issue `k` (indices
    /// among those taking part) replaced by `cell`: one change, for a
    /// what-if run.
    pub fn with_cell(&self, a: usize, k: usize, cell: Cell) -> Input {
        let mut changed = self.clone();
        changed.cells[a * self.issues.len() + k] = cell;
        changed
    }

    /// Every cell's position, actor by actor (0 where not held).
    pub fn positions(&self) -> Vec<f64> {
        self.cells.iter().map(|c| c.x).collect()
    }

    /// How many actors hold a position on each issue.
    pub fn holders(&self) -> Vec<usize> {
        let n = self.issues.len();
        let mut count = vec![0; n];
        for (i, c) in self.cells.iter().enumerate() {
            count[i % n] += usize::from(c.held);
        }
        count
    }

    /// A value on the internal scale, back on issue `k`'s own scale.
    pub fn external(&self, k: usize, x: f64) -> f64 {
        let (lo, hi) = self.scales[k];
        if hi == lo {
            lo
        } else {
            lo + x * (hi - lo) / 100.0
        }
    }
}

/// Σ w and Σ w·x (internal scale) of every issue of `model`, over the
/// counted positions, added in model order of the actors: the same sums,
/// to the last bit, as a round over every actor starts from.
pub fn sums(model: &Model, min: Basis) -> (Vec<f64>, Vec<f64>) {
    let n = model.issues.len();
    let (mut weights, mut totals) = (vec![0.0; n], vec![0.0; n]);
    let scales: Vec<(f64, f64)> = model.issues.iter().map(|i| i.range()).collect();
    for actor in &model.actors {
        for p in actor.positions().iter().filter(|p| p.basis >= min) {
            let k = p.issue();
            let (lo, hi) = scales[k];
            let w = p.salience * actor.power_on(p);
            weights[k] += w;
            totals[k] += w * internal(p.value, lo, hi);
        }
    }
    (weights, totals)
}

/// `value` on the internal 0–100 scale of [lo, hi] (0 when lo = hi).
pub fn internal(value: f64, lo: f64, hi: f64) -> f64 {
    if hi == lo {
        0.0
    } else {
        (value - lo) * 100.0 / (hi - lo)
    }
}
