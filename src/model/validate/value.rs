//! Numbers and stances: power, scales, positions and outcomes on an issue's
//! scale, and why a value is not a stance.

use super::checker::{Checker, Path};
use crate::model::check::{self, Wants, did_you_mean, quoted};
use crate::model::types::{Scale, ScaleLabel, Stance, format_number};
use crate::model::yaml::{BadStance, Keys, Loc, Located, Number, RawScale, RawStance};

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
    pub(super) fn power(&mut self, p: &Located<Number>, path: Path) -> Option<f64> {
        let x = self.number(p, path, "power", &Wants::Power)?;
        check::power("power", x)
            .map_err(|message| self.report(Loc::of(p), &path(), message))
            .ok()
    }

    /// A required finite number, field `what` of the mapping at `path`
    /// (whose `keys` place the report of one left out).
    fn finite(&mut self, n: &Located<Number>, keys: &Keys, path: &str, what: &str) -> Option<f64> {
        if !self.present(n, keys, path, what) {
            return None;
        }
        let at = || format!("{path}.{what}");
        let x = self.number(n, &at, what, &Wants::Any)?;
        check::finite(what, x)
            .map_err(|message| self.report(Loc::of(n), &at(), message))
            .ok()
    }

    pub(super) fn scale(&mut self, raw: RawScale, issue: &str, path: &str) -> Scale {
        let spath = format!("{path}.scale");
        self.keys(&raw.keys, &spath);
        let min = self.finite(&raw.min, &raw.keys, &spath, "min");
        let max = self.finite(&raw.max, &raw.keys, &spath, "max");
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
        let inside = |c: &mut Checker, n: &Located<Number>, at: &str, what: &str| {
            let wants = Wants::Scale { issue, min, max };
            let x = c.number(n, &|| at.to_string(), what, &wants)?;
            match check::on_scale(what, x, issue, min, max) {
                Ok(x) => Some(x),
                Err(message) => {
                    c.report(n.loc, at, message);
                    // Kept when finite, so that the labels are all reported.
                    x.is_finite().then_some(x)
                }
            }
        };
        let mut labels = Vec::new();
        for (j, l) in raw.labels.unwrap_or_default().into_iter().enumerate() {
            let at = format!("{spath}.labels[{j}]");
            self.keys(&l.keys, &at);
            let label = self.required(&l.label, &l.keys, &at, "label");
            if !self.present(&l.at, &l.keys, &at, "at") {
                continue;
            }
            if let Some(x) = inside(self, &l.at, &format!("{at}.at"), "label at") {
                labels.push(ScaleLabel { at: x, label });
            }
        }
        labels.sort_by(|a, b| a.at.total_cmp(&b.at));
        let status_quo = raw
            .status_quo
            .as_ref()
            .and_then(|q| inside(self, q, &format!("{spath}.status_quo"), "status quo"));
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
        p: &Located<Number>,
        path: Path,
        what: &str,
        kind: &IssueKind,
    ) -> Option<f64> {
        let scale = kind.scale?;
        let wants = Wants::Scale {
            issue: kind.id,
            min: scale.min,
            max: scale.max,
        };
        let x = self.number(p, path, what, &wants)?;
        check::on_scale(what, x, kind.id, scale.min, scale.max)
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
                let value = Number::Value(x);
                self.number_on(&Located { value, loc }, path, what, kind)
            }
            (Some(scale), RawStance::Bad(b)) => {
                let (BadStance::Word(text) | BadStance::Other(text)) = &**b;
                let wants = Wants::Scale {
                    issue: kind.id,
                    min: scale.min,
                    max: scale.max,
                };
                self.report(loc, &path(), check::not_a_number(what, text, &wants));
                None
            }
            (Some(scale), _) => {
                let shown = match raw {
                    RawStance::Word(s) => quoted(s.word()),
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
