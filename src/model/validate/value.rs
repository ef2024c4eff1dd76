//! Numbers and stances: power, scales, positions and outcomes on an issue's
//! scale, and why a value is not a stance.

use super::checker::{Checker, Path};
use crate::model::check::{self, did_you_mean, quoted};
use crate::model::types::{Scale, ScaleLabel, Stance, format_number};
use crate::model::yaml::{BadStance, Loc, Located, RawScale, RawStance};

/// What an issue takes as a value, for the position and outcome checks.
pub(super) struct IssueKind<'a> {
    pub(super) id: &'a str,
    pub(super) scale: Option<&'a Scale>,
}

impl<'a> IssueKind<'a> {
    pub(super) fn of(scale: Option<&'a Scale>, id: &'a str) -> IssueKind<'a> {
        IssueKind { id, scale }
    }
}

impl Checker {
    /// A finite number >= 0.
    pub(super) fn power(&mut self, p: &Located<f64>, path: Path) -> f64 {
        if let Err(message) = check::power("power", p.value) {
            self.report(Loc::of(p), &path(), message);
        }
        p.value
    }

    /// A finite number, reported with `what` when it is not.
    pub(super) fn finite(&mut self, x: f64, loc: Loc, path: Path, what: &str) -> Option<f64> {
        check::finite(what, x)
            .map_err(|message| self.report(loc, &path(), message))
            .ok()
    }

    pub(super) fn scale(&mut self, raw: RawScale, issue: &str, path: &str) -> Scale {
        let spath = format!("{path}.scale");
        let min = self.finite(
            raw.min.value,
            Loc::of(&raw.min),
            &|| format!("{spath}.min"),
            "min",
        );
        let max = self.finite(
            raw.max.value,
            Loc::of(&raw.max),
            &|| format!("{spath}.max"),
            "max",
        );
        let (min, max) = match (min, max) {
            (Some(min), Some(max)) if min < max => {
                if let Err(message) = super::check::span(issue, min, max) {
                    self.report(Loc::of(&raw.min), &spath, message);
                }
                (min, max)
            }
            (Some(min), Some(max)) => {
                self.report(
                    Loc::of(&raw.min),
                    &spath,
                    format!(
                        "min {} is not below max {}",
                        format_number(min),
                        format_number(max)
                    ),
                );
                (min, max)
            }
            _ => (0.0, 100.0),
        };
        let inside = |c: &mut Checker, x: f64, loc: Loc, at: &str, what: &str| {
            match check::on_scale(what, x, issue, min, max) {
                Ok(x) => Some(x),
                Err(message) => {
                    c.report(loc, at, message);
                    // Kept when finite, so that the labels are all reported.
                    x.is_finite().then_some(x)
                }
            }
        };
        let mut labels = Vec::new();
        for (j, l) in raw.labels.unwrap_or_default().into_iter().enumerate() {
            let at = format!("{spath}.labels[{j}]");
            let label = self.required(&l.label, &at, "label");
            if let Some(x) = inside(
                self,
                l.at.value,
                Loc::of(&l.at),
                &format!("{at}.at"),
                "label at",
            ) {
                labels.push(ScaleLabel { at: x, label });
            }
        }
        labels.sort_by(|a, b| a.at.total_cmp(&b.at));
        let status_quo = raw.status_quo.as_ref().and_then(|q| {
            inside(
                self,
                q.value,
                Loc::of(q),
                &format!("{spath}.status_quo"),
                "status quo",
            )
        });
        Scale {
            min,
            max,
            labels,
            status_quo,
        }
    }

    /// A number on a numeric issue's scale; `what` names the field.
    pub(super) fn number_on(
        &mut self,
        p: &Located<f64>,
        path: Path,
        what: &str,
        kind: &IssueKind,
    ) -> Option<f64> {
        let scale = kind.scale?;
        check::on_scale(what, p.value, kind.id, scale.min, scale.max)
            .map_err(|message| self.report(Loc::of(p), &path(), message))
            .ok()
    }

    /// A stance or number as written, checked against the issue's kind: a
    /// stance on a stance issue, a number within the scale on a numeric one.
    pub(super) fn value(
        &mut self,
        raw: &RawStance,
        loc: Loc,
        path: Path,
        what: &str,
        kind: &IssueKind,
    ) -> Option<f64> {
        match (kind.scale, raw) {
            (None, RawStance::Word(s)) => Some(f64::from(s.value())),
            (None, RawStance::Int(v)) => match Stance::from_value(*v) {
                Some(s) => Some(f64::from(s.value())),
                None => {
                    self.report(loc, &path(), stance_message(raw, what));
                    None
                }
            },
            (None, _) => {
                self.report(loc, &path(), stance_message(raw, what));
                None
            }
            (Some(_), RawStance::Int(_) | RawStance::Number(_)) => {
                let x = match raw {
                    RawStance::Int(v) => *v as f64,
                    RawStance::Number(x) => *x,
                    _ => return None,
                };
                self.number_on(&Located { value: x, loc }, path, what, kind)
            }
            (Some(scale), _) => {
                let shown = match raw {
                    RawStance::Word(s) => quoted(s.word()),
                    RawStance::Bad(b) => match &**b {
                        BadStance::Word(w) | BadStance::Other(w) => quoted(w),
                    },
                    _ => String::new(),
                };
                self.report(
                    loc,
                    &path(),
                    format!(
                        "{what} {shown} is not a number; {} is numeric (scale {}..={})",
                        quoted(kind.id),
                        format_number(scale.min),
                        format_number(scale.max)
                    ),
                );
                None
            }
        }
    }
}

/// Why `raw` is not a stance; `what` names the field (`stance`, `outcome`).
pub(super) fn stance_message(raw: &RawStance, what: &str) -> String {
    const EXPECTED: &str =
        "expected demands (+2), supports (+1), neutral (0), opposes (-1) or rejects (-2)";
    match raw {
        RawStance::Word(s) => format!("{what} {s} is valid"),
        RawStance::Int(v) => format!("{what} {v} is outside -2..=2; {EXPECTED}"),
        RawStance::Number(v) => format!(
            "{what} {} is not a stance; {EXPECTED}",
            quoted(&format!("{v:?}"))
        ),
        RawStance::Bad(bad) => match &**bad {
            BadStance::Word(w) => {
                let words = Stance::ALL.map(Stance::word);
                match did_you_mean(w, words) {
                    Some(s) => format!("unknown {what} {}; did you mean `{s}`?", quoted(w)),
                    None => format!("unknown {what} {}; {EXPECTED}", quoted(w)),
                }
            }
            BadStance::Other(v) => format!("{what} {} is not a stance; {EXPECTED}", quoted(v)),
        },
    }
}
