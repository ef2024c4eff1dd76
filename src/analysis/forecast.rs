//! Forecasts per issue (docs/design.md, "Forecasts"): the compromise model
//! (Achen's power- and salience-weighted mean) and the weighted median, each
//! checked against the issue's outcome where the model records one.

use crate::model::{Actor, Basis, Model, Position};

/// One issue's forecasts over the actors with a counted position.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Forecast {
    /// Counted positions, zero weights included.
    pub positions: usize,
    /// Σ wₐ·xₐ / Σ wₐ with wₐ = powerₐ × salienceₐ; `None` when Σ w = 0.
    pub compromise: Option<f64>,
    /// The smallest xₐ (ascending) at which the running weight reaches half
    /// of Σ w; `None` when Σ w = 0.
    pub median: Option<f64>,
}

/// The forecasts for `issue`, counting positions at least as strong as `min`.
pub fn forecast(model: &Model, issue: usize, min: Basis) -> Forecast {
    forecast_over(
        model
            .actors
            .iter()
            .filter_map(|a| Some((a, a.position_at(issue, min)?))),
    )
}

/// The forecasts over one issue's counted positions, each with its actor.
fn forecast_over<'m>(counted: impl Iterator<Item = (&'m Actor, &'m Position)>) -> Forecast {
    let mut points: Vec<(f64, f64)> = counted
        .map(|(a, p)| (p.value, a.power_on(p) * p.salience))
        .collect();
    of_points(&mut points)
}

/// The forecasts over (xₐ, wₐ) points, given in model order of the actors
/// (the order the sums are added in); sorts `points` by x.
pub(crate) fn of_points(points: &mut [(f64, f64)]) -> Forecast {
    let positions = points.len();
    let total: f64 = points.iter().map(|&(_, w)| w).sum();
    if !(total > 0.0 && total.is_finite()) {
        return Forecast {
            positions,
            ..Forecast::default()
        };
    }
    let compromise = points.iter().map(|&(x, w)| w * x).sum::<f64>() / total;
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut running = 0.0;
    let mut median = None;
    for &(x, w) in points.iter() {
        running += w;
        if running >= total / 2.0 {
            median = Some(x);
            break;
        }
    }
    Forecast {
        positions,
        compromise: Some(compromise),
        median,
    }
}

/// One issue's forecasts and their errors against its outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Checked {
    pub issue: usize,
    pub forecast: Forecast,
    pub outcome: Option<f64>,
    /// |forecast − outcome| / R × 100, where both exist.
    pub error_compromise: Option<f64>,
    pub error_median: Option<f64>,
}

/// Mean absolute (normalised) errors over the issues with both an outcome
/// and a forecast.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Mae {
    pub compromise: Option<f64>,
    pub median: Option<f64>,
    /// How many issues the means are over.
    pub issues: usize,
}

/// Every issue's forecasts, in model order, and the mean absolute errors.
pub fn check_all(model: &Model, min: Basis) -> (Vec<Checked>, Mae) {
    let n = model.issues.len();
    // Each actor's positions are walked once, issue by issue.
    let mut walks: Vec<_> = model.actors.iter().map(|a| (a, a.by_issue(n))).collect();
    let checked: Vec<Checked> = (0..n)
        .map(|i| {
            let issue = &model.issues[i];
            let f = forecast_over(walks.iter_mut().filter_map(|(a, walk)| {
                let p = walk.next().flatten()?;
                (p.basis >= min).then_some((*a, p))
            }));
            let error = |x: Option<f64>| {
                let (x, o) = (x?, issue.outcome?);
                Some((x - o).abs() / issue.span() * 100.0)
            };
            Checked {
                issue: i,
                forecast: f,
                outcome: issue.outcome,
                error_compromise: error(f.compromise),
                error_median: error(f.median),
            }
        })
        .collect();
    let mean = |errors: Vec<f64>| {
        (!errors.is_empty()).then(|| errors.iter().sum::<f64>() / errors.len() as f64)
    };
    let both: Vec<&Checked> = checked
        .iter()
        .filter(|c| c.error_compromise.is_some())
        .collect();
    let mae = Mae {
        compromise: mean(both.iter().filter_map(|c| c.error_compromise).collect()),
        median: mean(both.iter().filter_map(|c| c.error_median).collect()),
        issues: both.len(),
    };
    (checked, mae)
}
