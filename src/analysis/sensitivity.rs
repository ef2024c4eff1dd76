//! Who can move an outcome (docs/design.md, "Sensitivity"): how far each
//! issue's forecasts move when one actor's position, salience or power on it
//! moves by a tenth of its range, the pivotal actors first; and, for a pair,
//! the smallest single change that would turn each crux into agreement.
//! Pure functions over the model; the simulated end points
//! ([`simulate_all`]) are the one costly part.

use crate::analysis::forecast::{self, Forecast};
use crate::compare::Comparison;
use crate::model::{Basis, Issue, Model};

mod simulated;

pub use simulated::{affordable, simulate_all};

/// What a change moves: the what-if scenarios' fields.
pub use crate::scenario::Field;

/// How big a step each field takes (docs/design.md, "Sensitivity").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Steps {
    /// A tenth of the largest power behind a counted position: the power
    /// step, the same for every actor and issue.
    pub power: f64,
}

impl Steps {
    /// The steps for `model`, counting positions of at least `min` basis.
    pub fn of(model: &Model, min: Basis) -> Steps {
        let largest = model
            .actors
            .iter()
            .flat_map(|a| {
                a.positions()
                    .iter()
                    .filter(move |p| p.basis >= min)
                    .map(move |p| a.power_on(p))
            })
            .fold(0.0, f64::max);
        Steps {
            power: largest / 10.0,
        }
    }

    /// The step of `field` on `issue`: one stance word, or a tenth of a
    /// numeric scale; 0.1 of salience; [`Steps::power`].
    pub fn size(&self, issue: &Issue, field: Field) -> f64 {
        match field {
            Field::Position if issue.is_numeric() => issue.span() / 10.0,
            Field::Position => 1.0,
            Field::Salience => 0.1,
            Field::Power => self.power,
        }
    }
}

/// One change of one field of one actor's position, and the forecasts of
/// its issue after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moved {
    pub field: Field,
    /// Up (+ step) or down (− step).
    pub up: bool,
    pub from: f64,
    /// `from` ± the step, kept within the field's range; equal to `from`
    /// when the value already sits at that end (the change is then none).
    pub to: f64,
    pub forecast: Forecast,
    /// The simulated end point of the issue after this change, once
    /// [`simulate_all`] has run.
    pub simulated: Option<f64>,
}

impl Moved {
    /// Whether the change changes anything.
    pub fn is_change(&self) -> bool {
        self.to != self.from
    }
}

/// One actor's six changes on one issue (position, salience and power,
/// each down then up) and how far they reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Pivot {
    /// Model index.
    pub actor: usize,
    pub moves: [Moved; 6],
    /// The largest shift of either forecast over the six changes, in % of
    /// the issue's scale: what the actors are ranked by.
    pub reach: f64,
    /// The field of the change that reaches that far (the first of equal
    /// changes, in the order of `moves`).
    pub lever: Field,
}

/// One issue's sensitivity: its forecasts, and every actor with a counted
/// position on it, the pivotal first.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueSensitivity {
    /// Model index.
    pub issue: usize,
    pub base: Forecast,
    /// The simulated end point of the issue as the model stands, once
    /// [`simulate_all`] has run.
    pub simulated: Option<f64>,
    /// By reach, descending; equal reaches in model order.
    pub actors: Vec<Pivot>,
}

/// A shift from `before` to `after` on `issue`, signed, in % of its scale;
/// `None` when either is undefined.
pub fn shift(issue: &Issue, before: Option<f64>, after: Option<f64>) -> Option<f64> {
    Some((after? - before?) / issue.span() * 100.0)
}

/// The largest shift of either forecast that `m` causes, unsigned.
fn reach_of(issue: &Issue, base: &Forecast, m: &Moved) -> f64 {
    let c = shift(issue, base.compromise, m.forecast.compromise).unwrap_or(0.0);
    let d = shift(issue, base.median, m.forecast.median).unwrap_or(0.0);
    c.abs().max(d.abs())
}

/// Every listed issue's sensitivity, in the order given.
pub fn all(model: &Model, issues: &[usize], min: Basis) -> Vec<IssueSensitivity> {
    let steps = Steps::of(model, min);
    issues
        .iter()
        .map(|&i| of_issue(model, &steps, i, min))
        .collect()
}

/// The pivotal actors of `issue`, the one whose change moves a forecast
/// most first: for a panel beside the issue. Costs n forecasts of the
/// issue's n positions (each a sort), plus one pass over the model for the
/// power step.
pub fn pivotal(model: &Model, issue: usize, min: Basis) -> Vec<Pivot> {
    of_issue(model, &Steps::of(model, min), issue, min).actors
}

/// One issue's sensitivity, with the steps of the whole model.
pub fn of_issue(model: &Model, steps: &Steps, issue: usize, min: Basis) -> IssueSensitivity {
    let is = &model.issues[issue];
    let (lo, hi) = is.range();
    // (actor, x, salience, power) of every counted position, in model order.
    let held: Vec<(usize, f64, f64, f64)> = model
        .actors
        .iter()
        .enumerate()
        .filter_map(|(a, actor)| {
            let p = actor.position_at(issue, min)?;
            Some((a, p.value, p.salience, actor.power_on(p)))
        })
        .collect();
    let base_points: Vec<(f64, f64)> = held.iter().map(|&(_, x, s, c)| (x, s * c)).collect();
    let base = forecast::of_points(&mut base_points.clone());
    let mut points = Vec::with_capacity(held.len());
    let mut actors: Vec<Pivot> = held
        .iter()
        .enumerate()
        .map(|(j, &(actor, x, s, c))| {
            let change = |field: Field, up: bool| {
                let step = if up {
                    steps.size(is, field)
                } else {
                    -steps.size(is, field)
                };
                let (from, to, point) = match field {
                    Field::Position => {
                        let to = (x + step).clamp(lo, hi);
                        (x, to, (to, s * c))
                    }
                    Field::Salience => {
                        let to = (s + step).clamp(0.0, 1.0);
                        (s, to, (x, to * c))
                    }
                    Field::Power => {
                        let to = (c + step).max(0.0);
                        (c, to, (x, s * to))
                    }
                };
                (field, up, from, to, point)
            };
            let moves = [
                change(Field::Position, false),
                change(Field::Position, true),
                change(Field::Salience, false),
                change(Field::Salience, true),
                change(Field::Power, false),
                change(Field::Power, true),
            ]
            .map(|(field, up, from, to, point)| {
                let forecast = if to == from {
                    base
                } else {
                    points.clear();
                    points.extend_from_slice(&base_points);
                    points[j] = point;
                    forecast::of_points(&mut points)
                };
                Moved {
                    field,
                    up,
                    from,
                    to,
                    forecast,
                    simulated: None,
                }
            });
            let (reach, lever) = moves.iter().fold((0.0, Field::Position), |best, m| {
                let r = reach_of(is, &base, m);
                if r > best.0 { (r, m.field) } else { best }
            });
            Pivot {
                actor,
                moves,
                reach,
                lever,
            }
        })
        .collect();
    // A stable sort keeps model order among equal reaches.
    actors.sort_by(|a, b| b.reach.total_cmp(&a.reach));
    IssueSensitivity {
        issue,
        base,
        simulated: None,
        actors,
    }
}

/// One side's smallest move that turns a crux into agreement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    /// Model index.
    pub actor: usize,
    pub from: f64,
    pub to: f64,
    /// How far the side moves, in % of the issue's scale; worked out the
    /// same way for both sides, so that equal moves compare equal to the
    /// last bit.
    pub size: f64,
}

/// A crux of a pair and the single changes that would turn it into
/// agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct CruxFix {
    /// Model index.
    pub issue: usize,
    pub red_line: bool,
    /// Each side that can move (one without a red line on the issue), the
    /// smaller move first; on equal moves the side with the lower salience,
    /// then the left. Empty: none within one change.
    pub fixes: Vec<Fix>,
}

/// For each crux of the pair (in crux order), the smallest change of one
/// side's position that would make the verdict `agree` (docs/design.md,
/// "Sensitivity"). Salience and power never change a verdict, and no other
/// actor's position enters it, so a position of one of the two is the only
/// single change that can.
pub fn crux_fixes(c: &Comparison<'_>) -> Vec<CruxFix> {
    crate::analysis::pair::cruxes(c)
        .into_iter()
        .filter_map(|i| {
            let row = c.rows.iter().find(|r| r.issue == i)?;
            let (l, r) = (row.left?, row.right?);
            let issue = &c.model.issues[i];
            let to = |own: f64, other: f64| {
                if issue.is_numeric() {
                    // Within a tenth of the scale of the other: agree.
                    other + (own - other).signum() * issue.span() / 10.0
                } else {
                    // The nearest stance of the other's sign.
                    other.signum()
                }
            };
            let mut fixes: Vec<(Fix, f64)> = [(c.left, l, r), (c.right, r, l)]
                .into_iter()
                .filter(|(_, own, _)| !own.red_line)
                .map(|(actor, own, other)| {
                    let to = to(own.value, other.value);
                    let moved = if issue.is_numeric() {
                        (own.value - other.value).abs() - issue.span() / 10.0
                    } else {
                        (to - own.value).abs()
                    };
                    let fix = Fix {
                        actor,
                        from: own.value,
                        to,
                        size: moved / issue.span() * 100.0,
                    };
                    (fix, own.salience)
                })
                .collect();
            // Stable: the left first among equals.
            fixes.sort_by(|(a, sa), (b, sb)| {
                a.size.total_cmp(&b.size).then_with(|| sa.total_cmp(sb))
            });
            Some(CruxFix {
                issue: i,
                red_line: row.red_line,
                fixes: fixes.into_iter().map(|(f, _)| f).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
