//! What-if scenarios (docs/formats.md, "Scenarios"): an ordered list of
//! changes to a model — an actor's position, salience or power on one
//! issue, each with the value it changes `from` and the value it sets `to`
//! — and the model they were made on.
//!
//! Applying a scenario is a pure transform of a [`Model`]: every command and
//! the TUI take the transformed model, so `--scenario`, `--set` and the
//! what-if keys are one mechanism, and nothing downstream knows a scenario
//! exists. A change that no longer fits the model (the model was edited
//! since) is reported by name and skipped; the rest stay applied.

mod file;
mod set;

use std::fmt;

use crate::model::check::{self, quoted};
use crate::model::{Model, Stance, format_number};

pub use file::{ScenarioError, json_schema};
pub use set::{SetArg, SetError};

/// What a change changes: the actor's position on the issue, its salience
/// there, or its power there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// A number on a numeric issue's scale; a stance on a stance issue.
    Position,
    /// How much the issue matters to the actor, 0 to 1.
    Salience,
    /// The actor's power on the issue, 0 or more (its own on the position,
    /// else the actor's).
    Power,
}

impl Field {
    pub fn word(self) -> &'static str {
        match self {
            Field::Position => "position",
            Field::Salience => "salience",
            Field::Power => "power",
        }
    }
}

/// A value as written: a stance word, or a number (a stance's number on a
/// stance issue, a point on a numeric issue's scale, a salience, a power).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Stance(Stance),
    Number(f64),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Stance(s) => f.write_str(s.word()),
            Value::Number(x) => f.write_str(&crate::model::emit::number(*x)),
        }
    }
}

/// One change: `actor`'s `field` on `issue` goes from `from` to `to`. The
/// actor and the issue are named by their ids, so a change outlives a
/// reload of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub actor: String,
    pub issue: String,
    pub field: Field,
    pub from: Value,
    pub to: Value,
}

impl Change {
    /// A change of `field` of actor `actor` on issue `issue` (indices into
    /// `model`) to `to`, from what the model holds now; `None` when the
    /// actor takes no position on the issue. `to` is not checked: applying
    /// the change does that.
    pub fn of(model: &Model, actor: usize, issue: usize, field: Field, to: f64) -> Option<Change> {
        let from = current(model, actor, issue, field)?;
        let stance_issue = field == Field::Position && !model.issues[issue].is_numeric();
        let to = match Stance::from_value(to as i64) {
            Some(s) if stance_issue && to.fract() == 0.0 => Value::Stance(s),
            _ => Value::Number(to),
        };
        Some(Change {
            actor: model.actors[actor].id.clone(),
            issue: model.issues[issue].id.clone(),
            field,
            from: written(model, issue, field, from),
            to,
        })
    }

    /// `actor:issue:field`, as `--set` writes it.
    pub fn name(&self) -> String {
        format!(
            "{}:{}:{}",
            crate::sanitize::line(&self.actor),
            crate::sanitize::line(&self.issue),
            self.field.word()
        )
    }

    /// Applies the change to `model`, or says why it does not apply (and
    /// leaves the model as it was).
    pub fn apply(&self, model: &mut Model) -> Result<(), String> {
        let (a, i, now) = locate(model, &self.actor, &self.issue, self.field)?;
        let what = self.field.word();
        let from = resolve(model, i, self.field, self.from).map_err(|e| format!("from: {e}"))?;
        if from != now {
            return Err(format!(
                "the model has {what} {} where the scenario changes it from {} (the model was edited since)",
                describe(model, i, self.field, now),
                describe(model, i, self.field, from)
            ));
        }
        let to = resolve(model, i, self.field, self.to)?;
        let issue_is_numeric = model.issues[i].is_numeric();
        let actor = &mut model.actors[a];
        let Some(p) = actor.position_mut(i) else {
            return Err(format!("{} takes no position", quoted(&self.actor)));
        };
        match self.field {
            Field::Position => {
                p.value = to;
                if !issue_is_numeric {
                    p.stance = Stance::from_value(to as i64);
                }
            }
            Field::Salience => p.salience = to,
            Field::Power => p.set_power(to),
        }
        Ok(())
    }
}

/// The actor and the issue named by `actor` and `issue` (ids), and the
/// actor's `field` there now; or why there is none.
fn locate(
    model: &Model,
    actor: &str,
    issue: &str,
    field: Field,
) -> Result<(usize, usize, f64), String> {
    let Some(a) = model.actor_by_id(actor) else {
        let ids = model.actors.iter().map(|a| a.id.as_str());
        return Err(check::unknown("actor id", actor, ids));
    };
    let Some(i) = model.issues.iter().position(|i| i.id == issue) else {
        let ids = model.issues.iter().map(|i| i.id.as_str());
        return Err(check::unknown("issue id", issue, ids));
    };
    match current(model, a, i, field) {
        Some(now) => Ok((a, i, now)),
        None => Err(format!(
            "{} takes no position on {}",
            quoted(actor),
            quoted(issue)
        )),
    }
}

/// `field` of actor `a` on issue `i` now, if the actor takes a position.
fn current(model: &Model, a: usize, i: usize, field: Field) -> Option<f64> {
    let actor = &model.actors[a];
    let p = actor.position(i)?;
    Some(match field {
        Field::Position => p.value,
        Field::Salience => p.salience,
        Field::Power => actor.power_on(p),
    })
}

/// `x` as a scenario writes it: a stance issue's position as its word.
fn written(model: &Model, issue: usize, field: Field, x: f64) -> Value {
    match Stance::from_value(x as i64) {
        Some(s) if field == Field::Position && !model.issues[issue].is_numeric() => {
            Value::Stance(s)
        }
        _ => Value::Number(x),
    }
}

/// `x` in a message: `+1 supports`, `35 (Moderate cuts)`, `0.8`.
fn describe(model: &Model, issue: usize, field: Field, x: f64) -> String {
    match field {
        Field::Position => model.issues[issue].describe(x),
        Field::Salience | Field::Power => format_number(x),
    }
}

/// `value` as a number for `field` on issue `i`, checked as the model
/// checks it: a stance on a stance issue, a point on a numeric issue's
/// scale, a salience in 0..=1, a power of 0 or more.
fn resolve(model: &Model, i: usize, field: Field, value: Value) -> Result<f64, String> {
    let issue = &model.issues[i];
    let what = field.word();
    match (field, value) {
        (Field::Position, Value::Stance(s)) => match &issue.scale {
            None => Ok(f64::from(s.value())),
            Some(scale) => Err(format!(
                "position `{s}` is not a number; {} is numeric (scale {}..={})",
                quoted(&issue.id),
                format_number(scale.min),
                format_number(scale.max)
            )),
        },
        (Field::Position, Value::Number(x)) => match &issue.scale {
            Some(scale) => check::on_scale(what, x, &issue.id, scale.min, scale.max),
            None => match Stance::from_value(x as i64) {
                Some(s) if x.fract() == 0.0 => Ok(f64::from(s.value())),
                _ => Err(format!(
                    "position {} is not a stance; {} is a stance issue (rejects, opposes, neutral, supports, demands or -2..=2)",
                    quoted(&format_number(x)),
                    quoted(&issue.id)
                )),
            },
        },
        (Field::Salience, Value::Number(x)) => check::salience(x, 1.0),
        (Field::Power, Value::Number(x)) => check::power(what, x),
        (Field::Salience | Field::Power, Value::Stance(s)) => {
            Err(format!("{what} `{s}` is not a number"))
        }
    }
}

/// The model a scenario was made on: the path as it was given (none for
/// the built-in model), its title, and a fingerprint of its content, to
/// notice when the model has changed since.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    pub model: Option<String>,
    pub title: String,
    pub fingerprint: Option<String>,
}

impl Base {
    /// The base for scenarios made on `model`, read from `path` as written.
    pub fn of(model: &Model, path: Option<&str>) -> Base {
        Base {
            model: path.map(str::to_string),
            title: model.title.clone(),
            fingerprint: Some(fingerprint(model)),
        }
    }
}

/// FNV-1a (64 bits) of the model written as YAML (as `detente import`
/// writes it): the same for the same model in any format or layout, and
/// different when any value, text or quote differs.
pub fn fingerprint(model: &Model) -> String {
    let yaml = crate::model::to_yaml(model, "");
    let hash = yaml.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("fnv1a64:{hash:016x}")
}

/// A change that was not applied, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    /// 1-based, in the scenario's order.
    pub number: usize,
    pub change: Change,
    pub reason: String,
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "change {} ({}) does not apply and is skipped: {}",
            self.number,
            self.change.name(),
            crate::sanitize::line(&self.reason)
        )
    }
}

/// A base model and the changes made to it, in order. The what-if mode
/// of the TUI builds one change by change ([`Scenario::push`],
/// [`Scenario::undo`], [`Scenario::reset`]) and saves it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub base: Base,
    changes: Vec<Change>,
}

impl Scenario {
    pub fn new(base: Base) -> Scenario {
        Scenario {
            base,
            changes: Vec::new(),
        }
    }

    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    pub fn len(&self) -> usize {
        self.changes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Adds a change after the others.
    pub fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    /// Takes back the last change.
    pub fn undo(&mut self) -> Option<Change> {
        self.changes.pop()
    }

    /// Takes back every change.
    pub fn reset(&mut self) {
        self.changes.clear();
    }

    /// The value of `field` of `actor` on `issue` (ids) before the first
    /// change to it, if one changes it.
    pub fn baseline(&self, actor: &str, issue: &str, field: Field) -> Option<Value> {
        self.changes
            .iter()
            .find(|c| c.actor == actor && c.issue == issue && c.field == field)
            .map(|c| c.from)
    }

    /// `model` with the changes applied in order; those that do not apply
    /// are skipped and returned, each with its reason.
    pub fn apply(&self, mut model: Model) -> (Model, Vec<Stale>) {
        let mut stale = Vec::new();
        for (n, change) in self.changes.iter().enumerate() {
            if let Err(reason) = change.apply(&mut model) {
                stale.push(Stale {
                    number: n + 1,
                    change: change.clone(),
                    reason,
                });
            }
        }
        (model, stale)
    }

    /// How `model` differs from the scenario's base, in words, if it does:
    /// another title, or the same title with other content.
    pub fn base_differs(&self, model: &Model) -> Option<String> {
        if model.title != self.base.title {
            return Some(format!(
                "it was made on “{}”, not “{}”",
                crate::sanitize::line(&self.base.title),
                crate::sanitize::line(&model.title)
            ));
        }
        let made_on = self.base.fingerprint.as_deref()?;
        (made_on != fingerprint(model))
            .then(|| "the model has been edited since it was made".to_string())
    }
}

#[cfg(test)]
mod tests;
