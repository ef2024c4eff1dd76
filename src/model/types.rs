//! The validated domain model. Built only by [`crate::model::load`], so every
//! invariant the validator checks (unique slugs, known references, stances in
//! range) holds for every value of these types.

use std::collections::HashMap;

mod words;

pub use words::{ActorKind, Basis, Stance};

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// What a point on a numeric scale means (Decide's `#M` lines).
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleLabel {
    pub at: f64,
    pub label: String,
}

/// A numeric issue's scale (docs/design.md, "Scales and spans"): `min < max`, both finite; labels
/// and the status quo lie within it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    /// In ascending order of `at`.
    pub labels: Vec<ScaleLabel>,
    pub status_quo: Option<f64>,
}

impl Scale {
    /// The label that says `x` in words, if `x` sits on it: `shown` rounds
    /// a value to the scale's precision, and the label's point must round
    /// to the same text. A label without a letter (`90`, `50%`) says
    /// nothing the number does not, and is never shown.
    pub fn label_at(&self, x: f64, shown: impl Fn(f64) -> String) -> Option<&str> {
        let here = shown(x);
        self.labels
            .iter()
            .filter(|l| l.label.chars().any(char::is_alphabetic))
            .find(|l| shown(l.at) == here)
            .map(|l| l.label.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub id: String,
    pub title: String,
    pub short: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// `Some` for a numeric issue; a stance issue's scale is the stances.
    pub scale: Option<Scale>,
    /// What was decided, on the issue's scale (a stance issue: -2..=2).
    pub outcome: Option<f64>,
}

impl Issue {
    /// The label for narrow columns: `short` when given, else the title.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.title)
    }

    pub fn is_numeric(&self) -> bool {
        self.scale.is_some()
    }

    /// The ends of the issue's scale: [-2, 2] for a stance issue.
    pub fn range(&self) -> (f64, f64) {
        self.scale.as_ref().map_or((-2.0, 2.0), |s| (s.min, s.max))
    }

    /// `x` rounded to three significant places of the scale's width: 54.9
    /// on 0..100, 0.391 on the stance scale.
    pub fn number(&self, x: f64) -> String {
        let decimals = (3 - self.span().log10().floor() as i32).clamp(0, 3);
        format_number((x * 10f64.powi(decimals)).round() / 10f64.powi(decimals))
    }

    /// R of docs/design.md, "Scales and spans": the width of the scale (4 for a stance issue).
    pub fn span(&self) -> f64 {
        let (min, max) = self.range();
        max - min
    }

    /// A value on this issue's scale as people read it: `+2 demands` on a
    /// stance issue (the nearest stance for a forecast between two), `35`
    /// or `35 (Moderate cuts)` on a numeric one, with the label the value
    /// sits on (see [`Scale::label_at`]).
    pub fn describe(&self, x: f64) -> String {
        let shown = self.number(x);
        match &self.scale {
            None => {
                let s = Stance::nearest(x);
                if x.fract() == 0.0 {
                    format!("{} {}", s.signed(), s.word())
                } else {
                    format!("{shown} ≈ {}", s.word())
                }
            }
            Some(scale) => match scale.label_at(x, |v| self.number(v)) {
                Some(label) => format!("{shown} ({label})"),
                None => shown,
            },
        }
    }
}

/// A number as people write it: `35`, `12.5`, `0.333` (at most three
/// decimals, no trailing zeros).
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub quote: String,
    pub speaker: Option<String>,
    pub date: Option<String>,
    /// Index into [`Model::sources`].
    pub source: Option<usize>,
}

/// One actor's position on one issue. A big model has millions, so this is
/// kept to 40 bytes: the summary and evidence, rare in big models, live
/// behind one box, allocated only when one of them is present; power, which
/// the field's datasets give on every position, is inline; the issue's index
/// fits in what would be padding.
#[derive(Debug, Clone)]
pub struct Position {
    /// The position on the issue's scale: the stance's value on a stance
    /// issue, the number on a numeric one.
    pub value: f64,
    /// The stance, on a stance issue only.
    pub stance: Option<Stance>,
    pub basis: Basis,
    pub red_line: bool,
    pub salience: f64,
    /// Power on this issue; NaN when not given (a given power is finite).
    power: f64,
    /// Summary and evidence; `None` when both are absent.
    notes: Option<Box<PositionNotes>>,
    /// The issue, set when the position is given to its actor.
    issue: u32,
}

/// Equal when every field is, a power not given included (NaN inside).
impl PartialEq for Position {
    fn eq(&self, other: &Position) -> bool {
        self.value == other.value
            && self.stance == other.stance
            && self.basis == other.basis
            && self.red_line == other.red_line
            && self.salience == other.salience
            && self.power() == other.power()
            && self.notes == other.notes
            && self.issue == other.issue
    }
}

/// The rarely present parts of a [`Position`], boxed out of line.
#[derive(Debug, Clone, PartialEq)]
struct PositionNotes {
    summary: Option<Box<str>>,
    evidence: Box<[Evidence]>,
}

impl Position {
    /// A stated position with salience 1, no red line and no notes.
    pub fn new(value: f64, stance: Option<Stance>) -> Position {
        Position {
            value,
            stance,
            basis: Basis::Stated,
            red_line: false,
            salience: 1.0,
            power: f64::NAN,
            notes: None,
            issue: 0,
        }
    }

    /// The issue this is a position on: an index into [`Model::issues`].
    pub fn issue(&self) -> usize {
        self.issue as usize
    }

    /// Sets the power, summary and evidence, boxing the last two only if
    /// one of them is present.
    pub fn with_notes(
        mut self,
        power: Option<f64>,
        summary: Option<Box<str>>,
        evidence: Box<[Evidence]>,
    ) -> Position {
        self.power = power.unwrap_or(f64::NAN);
        self.notes = (summary.is_some() || !evidence.is_empty())
            .then(|| Box::new(PositionNotes { summary, evidence }));
        self
    }

    /// Power on this issue, overriding the actor's.
    pub fn power(&self) -> Option<f64> {
        (!self.power.is_nan()).then_some(self.power)
    }

    /// Sets the power on this issue (a what-if: [`crate::scenario`]).
    pub(crate) fn set_power(&mut self, power: f64) {
        self.power = power;
    }

    /// The position in a few words, if given.
    pub fn summary(&self) -> Option<&str> {
        self.notes.as_ref().and_then(|n| n.summary.as_deref())
    }

    /// The quotes behind the position; empty if none.
    pub fn evidence(&self) -> &[Evidence] {
        self.notes.as_ref().map_or(&[], |n| &n.evidence)
    }

    /// The evidence, to fix up in place (say, a `source` index resolved
    /// later); empty, and allocating nothing, if there is none.
    pub(crate) fn evidence_mut(&mut self) -> &mut [Evidence] {
        self.notes.as_mut().map_or(&mut [], |n| &mut n.evidence)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: Option<ActorKind>,
    /// Index into [`Model::actors`].
    pub affiliation: Option<usize>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// Capability or clout, finite and >= 0 (default 1).
    pub power: f64,
    /// The positions taken, in issue order, at most one per issue; an issue
    /// with none is *unknown* for this actor. Only the positions taken are
    /// stored: most models leave many pairs unknown.
    positions: Vec<Position>,
}

impl Actor {
    /// An actor with no positions yet (see [`Actor::set_positions`]).
    pub(crate) fn new(
        id: String,
        name: String,
        kind: Option<ActorKind>,
        affiliation: Option<usize>,
        aliases: Vec<String>,
        description: Option<String>,
        power: f64,
    ) -> Actor {
        Actor {
            id,
            name,
            kind,
            affiliation,
            aliases,
            description,
            power,
            positions: Vec::new(),
        }
    }

    /// The position on `issue`, if the actor takes one.
    #[inline]
    pub fn position(&self, issue: usize) -> Option<&Position> {
        let issue = u32::try_from(issue).ok()?;
        self.positions
            .binary_search_by_key(&issue, |p| p.issue)
            .ok()
            .map(|i| &self.positions[i])
    }

    pub(crate) fn position_mut(&mut self, issue: usize) -> Option<&mut Position> {
        let issue = u32::try_from(issue).ok()?;
        let i = self
            .positions
            .binary_search_by_key(&issue, |p| p.issue)
            .ok()?;
        Some(&mut self.positions[i])
    }

    /// The positions taken, in issue order; each knows its [`Position::issue`].
    pub fn positions(&self) -> &[Position] {
        &self.positions
    }

    /// The position on each of the first `issues` issues, in order (`None`
    /// where unknown): one pass over the positions, for walking every issue
    /// without a search per issue.
    #[inline]
    pub fn by_issue(&self, issues: usize) -> ByIssue<'_> {
        ByIssue {
            rest: &self.positions,
            issue: 0,
            end: issues,
        }
    }

    /// Sets the positions from one slot per issue, in issue order (`None`
    /// for unknown). A model's issues are far fewer than `u32::MAX`: a
    /// model file is at most 64 MiB.
    pub(crate) fn set_positions(&mut self, slots: Vec<Option<Position>>) {
        let mut positions = Vec::with_capacity(slots.iter().flatten().count());
        for (issue, slot) in slots.into_iter().enumerate() {
            if let Some(mut p) = slot {
                p.issue = u32::try_from(issue).unwrap_or(u32::MAX);
                positions.push(p);
            }
        }
        self.positions = positions;
    }

    /// The position on `issue` if it counts under the minimum basis `min`;
    /// a weaker one is unknown, as if it were not in the model.
    pub fn position_at(&self, issue: usize, min: Basis) -> Option<&Position> {
        self.position(issue).filter(|p| p.basis >= min)
    }

    /// The power behind a position: its own, else the actor's.
    pub fn power_on(&self, p: &Position) -> f64 {
        p.power().unwrap_or(self.power)
    }
}

/// See [`Actor::by_issue`].
pub struct ByIssue<'a> {
    rest: &'a [Position],
    issue: usize,
    end: usize,
}

impl<'a> Iterator for ByIssue<'a> {
    type Item = Option<&'a Position>;

    #[inline]
    fn next(&mut self) -> Option<Option<&'a Position>> {
        if self.issue >= self.end {
            return None;
        }
        let here = match self.rest.split_first() {
            Some((p, rest)) if p.issue() == self.issue => {
                self.rest = rest;
                Some(p)
            }
            _ => None,
        };
        self.issue += 1;
        Some(here)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end.saturating_sub(self.issue);
        (n, Some(n))
    }
}

impl ExactSizeIterator for ByIssue<'_> {}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub title: String,
    pub description: Option<String>,
    pub sources: Vec<Source>,
    pub issues: Vec<Issue>,
    pub actors: Vec<Actor>,
    pub(crate) actor_index: HashMap<String, usize>,
}

impl Model {
    pub fn actor_by_id(&self, id: &str) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    /// The actor's name with its kind and affiliation, e.g.
    /// `Malcolm Rifkind (person, United Kingdom)`.
    pub fn actor_label(&self, actor: usize) -> String {
        let a = &self.actors[actor];
        let mut parts = Vec::new();
        if let Some(kind) = a.kind {
            parts.push(kind.word().to_string());
        }
        if let Some(aff) = a.affiliation {
            parts.push(self.actors[aff].name.clone());
        }
        if parts.is_empty() {
            a.name.clone()
        } else {
            format!("{} ({})", a.name, parts.join(", "))
        }
    }

    /// How many positions are stated in the whole model.
    pub fn position_count(&self) -> usize {
        self.actors.iter().map(|a| a.positions.len()).sum()
    }
}

#[cfg(test)]
mod tests;
