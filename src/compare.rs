//! Comparing two actors (docs/design.md, "Verdicts" and "Alignment"): a verdict per issue, red-line conflicts,
//! counts and alignment. Pure functions over the model.

use crate::model::{Basis, Issue, Model, Position, Stance};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Agree,
    Partial,
    Conflict,
    Unknown,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Agree,
        Verdict::Partial,
        Verdict::Conflict,
        Verdict::Unknown,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Partial => "partial",
            Verdict::Conflict => "conflict",
            Verdict::Unknown => "unknown",
        }
    }
}

/// The verdict for two stances, either possibly unknown (docs/design.md, "Stance rule").
pub fn verdict(a: Option<Stance>, b: Option<Stance>) -> Verdict {
    let (Some(a), Some(b)) = (a, b) else {
        return Verdict::Unknown;
    };
    let (sa, sb) = (a.value().signum(), b.value().signum());
    if sa == sb {
        Verdict::Agree
    } else if sa == 0 || sb == 0 {
        Verdict::Partial
    } else {
        Verdict::Conflict
    }
}

/// Distances within this of a threshold count as on it: 30 and 20 on a
/// 0..100 scale are 0.1 apart, however the division rounds.
const EPSILON: f64 = 1e-9;

/// The verdict for two values on `issue`'s scale (docs/design.md, "Numeric rule"): the sign
/// rules on a stance issue; on a numeric one, by d = |a − b| / R, `agree`
/// when d ≤ 0.1, `conflict` when d ≥ 0.5, `partial` between.
pub fn verdict_on(issue: &Issue, a: Option<&Position>, b: Option<&Position>) -> Verdict {
    let (Some(a), Some(b)) = (a, b) else {
        return Verdict::Unknown;
    };
    if !issue.is_numeric() {
        return verdict(a.stance, b.stance);
    }
    let d = (a.value - b.value).abs() / issue.span();
    if d <= 0.1 + EPSILON {
        Verdict::Agree
    } else if d >= 0.5 - EPSILON {
        Verdict::Conflict
    } else {
        Verdict::Partial
    }
}

/// One issue's row of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'m> {
    /// Index into [`Model::issues`].
    pub issue: usize,
    pub left: Option<&'m Position>,
    pub right: Option<&'m Position>,
    pub verdict: Verdict,
    /// A conflict where either side marks the issue a red line.
    pub red_line: bool,
}

impl Row<'_> {
    /// The mean of both saliences where both stances are known (wᵢ of docs/design.md, "Alignment").
    pub fn weight(&self) -> Option<f64> {
        Some((self.left?.salience + self.right?.salience) / 2.0)
    }
}

/// A figure resting on fewer shared issues than this is "too few to say"
/// (docs/design.md, "Closest (rank)").
pub const MIN_SHARED: usize = 3;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub agree: usize,
    pub partial: usize,
    pub conflict: usize,
    pub unknown: usize,
    pub red_line: usize,
    /// Counted positions, on either side, that are reported or inferred.
    pub reported: usize,
    pub inferred: usize,
}

impl Counts {
    /// The issues where both positions are known (agree + partial + conflict):
    /// what an agreement or an alignment rests on.
    pub fn shared(&self) -> usize {
        self.agree + self.partial + self.conflict
    }

    /// Fewer than [`MIN_SHARED`] shared issues: too few to say how close two actors are.
    pub fn too_few(&self) -> bool {
        self.shared() < MIN_SHARED
    }

    pub fn of(&self, v: Verdict) -> usize {
        match v {
            Verdict::Agree => self.agree,
            Verdict::Partial => self.partial,
            Verdict::Conflict => self.conflict,
            Verdict::Unknown => self.unknown,
        }
    }
}

/// Two actors compared over every issue of the model, in model order.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'m> {
    pub model: &'m Model,
    pub left: usize,
    pub right: usize,
    /// Positions weaker than this are unknown here (docs/design.md, "Verdicts" and "Alignment").
    pub min_basis: Basis,
    pub rows: Vec<Row<'m>>,
    pub counts: Counts,
    /// In [0, 1]; `None` when the actors share no known issue or Σw = 0.
    pub alignment: Option<f64>,
    /// The salience-weighted index of agreement in [0, 1] (docs/design.md,
    /// "Agreement"): what the screens and reports show; `None` when
    /// `alignment` is.
    pub agreement: Option<f64>,
}

impl<'m> Comparison<'m> {
    /// Every position counts, whatever its basis.
    pub fn new(model: &'m Model, left: usize, right: usize) -> Comparison<'m> {
        Comparison::at(model, left, right, Basis::Inferred)
    }

    /// Only positions at least as strong as `min_basis` count; the others
    /// are unknown, in the verdicts, the counts and the alignment alike.
    pub fn at(model: &'m Model, left: usize, right: usize, min_basis: Basis) -> Comparison<'m> {
        let (l, r) = (&model.actors[left], &model.actors[right]);
        let mut counts = Counts::default();
        let n = model.issues.len();
        let counted = |p: Option<&'m Position>| p.filter(|p| p.basis >= min_basis);
        let rows: Vec<Row<'m>> = l
            .by_issue(n)
            .zip(r.by_issue(n))
            .enumerate()
            .map(|(issue, (lp, rp))| {
                let (lp, rp) = (counted(lp), counted(rp));
                let verdict = verdict_on(&model.issues[issue], lp, rp);
                let red_line = verdict == Verdict::Conflict
                    && (lp.is_some_and(|p| p.red_line) || rp.is_some_and(|p| p.red_line));
                match verdict {
                    Verdict::Agree => counts.agree += 1,
                    Verdict::Partial => counts.partial += 1,
                    Verdict::Conflict => counts.conflict += 1,
                    Verdict::Unknown => counts.unknown += 1,
                }
                counts.red_line += usize::from(red_line);
                for p in [lp, rp].into_iter().flatten() {
                    match p.basis {
                        Basis::Stated => {}
                        Basis::Reported => counts.reported += 1,
                        Basis::Inferred => counts.inferred += 1,
                    }
                }
                Row {
                    issue,
                    left: lp,
                    right: rp,
                    verdict,
                    red_line,
                }
            })
            .collect();
        let alignment = alignment(model, &rows);
        let agreement = agreement(&rows);
        Comparison {
            model,
            left,
            right,
            min_basis,
            rows,
            counts,
            alignment,
            agreement,
        }
    }
}

/// Σ wᵢ·(1 − |aᵢ − bᵢ|/Rᵢ) / Σ wᵢ over the rows where both positions are
/// known (Rᵢ = 4 on a stance issue).
pub fn alignment(model: &Model, rows: &[Row<'_>]) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for row in rows {
        let (Some(l), Some(r), Some(w)) = (row.left, row.right, row.weight()) else {
            continue;
        };
        let distance = (l.value - r.value).abs();
        num += w * (1.0 - distance / model.issues[row.issue].span());
        den += w;
    }
    (den > 0.0).then(|| (num / den).clamp(0.0, 1.0))
}

/// Lijphart's index of agreement, weighted by salience: Σ wᵢ·sᵢ / Σ wᵢ over
/// the rows where both positions are known, sᵢ = 1 for agree, ½ for
/// partial, 0 for conflict. A pair in conflict on every shared issue scores 0.
pub fn agreement(rows: &[Row<'_>]) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for row in rows {
        let Some(w) = row.weight() else {
            continue;
        };
        let s = match row.verdict {
            Verdict::Agree => 1.0,
            Verdict::Partial => 0.5,
            Verdict::Conflict | Verdict::Unknown => 0.0,
        };
        num += w * s;
        den += w;
    }
    (den > 0.0).then(|| (num / den).clamp(0.0, 1.0))
}

/// The pair with the most conflicts (then the most shared issues) among the
/// actors who state the most positions: a first screen with something to see.
pub fn default_pair(model: &Model) -> (usize, usize) {
    let n = model.actors.len();
    if n < 2 {
        return (0, 0);
    }
    let mut by_positions: Vec<usize> = (0..n).collect();
    by_positions.sort_by_key(|&i| std::cmp::Reverse(model.actors[i].positions().len()));
    by_positions.truncate(40);
    let mut best = (by_positions[0], by_positions[1]);
    let mut best_key = (0, 0, 0);
    for (k, &a) in by_positions.iter().enumerate() {
        for &b in &by_positions[k + 1..] {
            let c = Comparison::new(model, a, b);
            let key = (
                c.counts.red_line,
                c.counts.conflict,
                model.issues.len() - c.counts.unknown,
            );
            if key > best_key {
                best_key = key;
                best = (a.min(b), a.max(b));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests;
