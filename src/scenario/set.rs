//! `--set ACTOR:ISSUE:FIELD=VALUE`: one change typed on the command line,
//! checked for its form when it is parsed and turned into a [`Change`]
//! from the model's current value when it is applied.

use std::fmt;
use std::str::FromStr;

use super::{Change, Field, Value, locate, written};
use crate::model::check::{self, did_you_mean, quoted};
use crate::model::{Model, Stance};

/// One `--set`, as typed: the actor and issue ids, the field and the new
/// value.
#[derive(Debug, Clone, PartialEq)]
pub struct SetArg {
    pub actor: String,
    pub issue: String,
    pub field: Field,
    pub to: Value,
}

/// Why a `--set` is malformed (clap shows it after the value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetError(String);

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SetError {}

const FORM: &str =
    "expected ACTOR:ISSUE:FIELD=VALUE, e.g. russia:nato-non-expansion:position=supports";

impl FromStr for SetArg {
    type Err = SetError;

    fn from_str(s: &str) -> Result<SetArg, SetError> {
        let fail = |m: String| Err(SetError(m));
        let Some((target, typed)) = s.split_once('=') else {
            return fail(format!("no `=`; {FORM}"));
        };
        let parts: Vec<&str> = target.split(':').map(str::trim).collect();
        let [actor, issue, field] = parts[..] else {
            return fail(format!(
                "{} has {} part{} before `=`, not 3; {FORM}",
                quoted(target),
                parts.len(),
                if parts.len() == 1 { "" } else { "s" }
            ));
        };
        if actor.is_empty() || issue.is_empty() {
            let which = if actor.is_empty() { "actor" } else { "issue" };
            return fail(format!("the {which} id is empty; {FORM}"));
        }
        let fields = [Field::Position, Field::Salience, Field::Power];
        let Some(field) = fields.into_iter().find(|f| f.word() == field) else {
            let hint = did_you_mean(field, fields.map(Field::word))
                .map_or(String::new(), |f| format!("did you mean `{f}`? "));
            return fail(format!(
                "unknown field {}; {hint}the field is position, salience or power",
                quoted(field)
            ));
        };
        let to = value(typed.trim(), field).map_err(SetError)?;
        Ok(SetArg {
            actor: actor.to_string(),
            issue: issue.to_string(),
            field,
            to,
        })
    }
}

/// The value typed after `=`, read as the model reads one: a number, or a
/// stance word for a position; a salience in 0..=1 and a power of 0 or
/// more.
fn value(text: &str, field: Field) -> Result<Value, String> {
    let what = field.word();
    if text.is_empty() {
        return Err(format!("no value after `=`; {FORM}"));
    }
    if let Ok(x) = text.parse::<f64>() {
        let x = check::finite(what, x)?;
        return match field {
            Field::Position => Ok(Value::Number(x)),
            Field::Salience => check::salience(x, 1.0).map(Value::Number),
            Field::Power => check::power(what, x).map(Value::Number),
        };
    }
    match (field, Stance::from_word(text)) {
        (Field::Position, Some(s)) => Ok(Value::Stance(s)),
        (Field::Position, None) => {
            let words = Stance::ALL.map(Stance::word);
            let hint = did_you_mean(text, words)
                .map_or(String::new(), |w| format!("; did you mean `{w}`?"));
            Err(format!(
                "position {} is neither a number nor a stance (rejects, opposes, neutral, supports, demands){hint}",
                quoted(text)
            ))
        }
        _ => Err(format!("{what} {} is not a number", quoted(text))),
    }
}

impl SetArg {
    /// The change this `--set` makes to `model`, from the value the model
    /// holds now; or why there is none (an unknown actor or issue, no
    /// position).
    pub fn change(&self, model: &Model) -> Result<Change, String> {
        let (_, issue, now) = locate(model, &self.actor, &self.issue, self.field)?;
        Ok(Change {
            actor: self.actor.clone(),
            issue: self.issue.clone(),
            field: self.field,
            from: written(model, issue, self.field, now),
            to: self.to,
        })
    }
}

impl fmt::Display for SetArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}={}",
            crate::sanitize::line(&self.actor),
            crate::sanitize::line(&self.issue),
            self.field.word(),
            self.to
        )
    }
}
