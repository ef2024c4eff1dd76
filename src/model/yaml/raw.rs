//! The raw shapes of a model file: what the YAML holds, with the line and
//! column of everything the validator may need to point at. No meaning is
//! checked here; `validate` turns these into a [`crate::model::Model`].

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de;
use serde_saphyr::Spanned;

use super::keys::Keys;
use super::schema;
use crate::model::types::Stance;

/// `[a-z0-9]+(-[a-z0-9]+)*`, for the JSON Schema.
pub(crate) const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// A value with the place in the file it came from. serde-saphyr's
/// `Spanned` finds the place; only line and column are kept, because a
/// model has millions of these and `Spanned` carries two full locations.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Located<T> {
    pub value: T,
    pub loc: Loc,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Located {
            loc: Loc {
                line: clamp(s.referenced.line()),
                column: clamp(s.referenced.column()),
            },
            value: s.value,
        })
    }
}

/// Where something is in the file: 1-based line and column, 0 when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

impl Loc {
    pub(crate) fn of<T>(located: &Located<T>) -> Loc {
        located.loc
    }

    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

/// A detente model: the negotiation's issues, the actors and the position
/// each takes on each issue, and the sources the evidence quotes.
// Only for the JSON Schema: the parser reads the top level key by key
// (`de::TopVisitor`), so that actors are checked one at a time.
#[derive(JsonSchema)]
#[schemars(title = "detente model", deny_unknown_fields)]
#[expect(
    dead_code,
    reason = "only described by the schema; the parser reads the top level key by key"
)]
pub(crate) struct RawModel {
    /// What the model is about.
    #[schemars(with = "String", length(min = 1))]
    pub title: Located<String>,
    /// A longer description (optional).
    pub description: Option<String>,
    /// Where the evidence comes from (optional).
    pub sources: Option<Vec<RawSource>>,
    /// The questions the actors take positions on: at least one.
    #[schemars(with = "Vec<RawIssue>", length(min = 1))]
    pub issues: Located<Vec<RawIssue>>,
    /// The parties: states, organizations, people, groups. At least one.
    #[schemars(with = "Vec<RawActor>", length(min = 1))]
    pub actors: Located<Vec<RawActor>>,
}

/// A document the evidence cites.
#[derive(Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(rename = "Source")]
// Required, though `serde(default)` below: one left out is reported by the
// validator with the other problems (see `keys`).
#[schemars(extend("required" = ["id", "title"]))]
pub(crate) struct RawSource {
    /// A slug, unique among sources, e.g. `hellenbroich-2022`.
    #[serde(default)]
    #[schemars(with = "String", pattern(SLUG_PATTERN))]
    pub id: Located<String>,
    #[serde(default)]
    #[schemars(with = "String", length(min = 1))]
    pub title: Located<String>,
    #[serde(default)]
    pub author: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<Scalar>")]
    pub date: Option<Located<Scalar>>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(skip)]
    #[schemars(skip)]
    pub keys: Keys,
}

/// A proposition phrased so that a positive stance means "for it".
#[derive(Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(rename = "Issue")]
// Required, though `serde(default)` below: one left out is reported by the
// validator with the other problems (see `keys`).
#[schemars(extend("required" = ["id", "title"]))]
pub(crate) struct RawIssue {
    /// A slug, unique among issues, e.g. `nato-non-expansion`.
    #[serde(default)]
    #[schemars(with = "String", pattern(SLUG_PATTERN))]
    pub id: Located<String>,
    /// The proposition, e.g. "NATO gives legally binding guarantees not to expand further east".
    #[serde(default)]
    #[schemars(with = "String", length(min = 1))]
    pub title: Located<String>,
    /// A label for narrow columns (defaults to the title).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub short: Option<Located<String>>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Present for a numeric issue (then positions are numbers on it);
    /// absent for a stance issue.
    #[serde(default)]
    pub scale: Option<RawScale>,
    /// What was decided: a number on the scale, or a stance on a stance issue.
    #[serde(default)]
    #[schemars(with = "Option<schema::StanceOrNumber>")]
    pub outcome: Option<Located<RawStance>>,
    #[serde(skip)]
    #[schemars(skip)]
    pub keys: Keys,
}

/// A numeric issue's scale.
#[derive(Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(rename = "Scale")]
// Required, though `serde(default)` below: one left out is reported by the
// validator with the other problems (see `keys`).
#[schemars(extend("required" = ["min", "max"]))]
pub(crate) struct RawScale {
    #[serde(default)]
    #[schemars(with = "f64")]
    pub min: Located<Number>,
    #[serde(default)]
    #[schemars(with = "f64")]
    pub max: Located<Number>,
    /// What points on the scale mean.
    #[serde(default)]
    pub labels: Option<Vec<RawScaleLabel>>,
    /// The outcome if nobody agrees, within [min, max].
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub status_quo: Option<Located<Number>>,
    #[serde(skip)]
    #[schemars(skip)]
    pub keys: Keys,
}

#[derive(Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(rename = "ScaleLabel")]
// Required, though `serde(default)` below: one left out is reported by the
// validator with the other problems (see `keys`).
#[schemars(extend("required" = ["at", "label"]))]
pub(crate) struct RawScaleLabel {
    #[serde(default)]
    #[schemars(with = "f64")]
    pub at: Located<Number>,
    #[serde(default)]
    #[schemars(with = "String", length(min = 1))]
    pub label: Located<String>,
    #[serde(skip)]
    #[schemars(skip)]
    pub keys: Keys,
}

// The words of `kind`, for the JSON Schema: the parser reads the word as
// text and the validator checks it, so that a wrong one is reported with
// every other problem.
#[derive(JsonSchema)]
#[schemars(rename = "ActorKind", rename_all = "lowercase")]
#[expect(
    dead_code,
    reason = "only described by the schema; the validator reads the words"
)]
pub(crate) enum RawKind {
    State,
    Organization,
    Person,
    Group,
}

/// A party to the negotiation.
#[derive(Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(rename = "Actor")]
// Required, though `serde(default)` below: one left out is reported by the
// validator with the other problems (see `keys`).
#[schemars(extend("required" = ["id", "name"]))]
pub(crate) struct RawActor {
    /// A slug, unique among actors, e.g. `russia`.
    #[serde(default)]
    #[schemars(with = "String", pattern(SLUG_PATTERN))]
    pub id: Located<String>,
    #[serde(default)]
    #[schemars(with = "String", length(min = 1))]
    pub name: Located<String>,
    #[serde(default)]
    #[schemars(with = "Option<RawKind>")]
    pub kind: Option<Located<String>>,
    /// Another actor's id (a minister -> their state); no cycles.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub affiliation: Option<Located<String>>,
    /// Other names, searched by the fuzzy jump and by --left/--right.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub aliases: Option<Vec<Located<String>>>,
    #[serde(default)]
    pub description: Option<String>,
    /// Capability or clout, finite and >= 0 (default 1).
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub power: Option<Located<Number>>,
    /// Issue id -> position. An issue left out is unknown for this actor.
    #[serde(default)]
    pub positions: Option<RawPositions>,
    #[serde(skip)]
    #[schemars(skip)]
    pub keys: Keys,
}

/// `issue-id: position` pairs in file order (a map would lose the order and
/// the location of each key).
#[derive(Default)]
pub(crate) struct RawPositions(pub Vec<(Located<PositionKey>, RawPosition)>);

/// A `positions` key, interned while parsing: a model repeats its few issue
/// ids a million times, and one allocation each would double its memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PositionKey(pub u32);

/// Kept small: a big model has a million of these, most of them shorthand.
pub(crate) struct RawPosition {
    pub stance: Option<Located<RawStance>>,
    /// Everything but the stance, when the position is written in full.
    pub details: Option<Box<RawDetails>>,
}

pub(crate) struct RawDetails {
    /// `position:` (numeric issues); the stance, if any, is in [`RawPosition`].
    pub position: Option<Located<Number>>,
    pub power: Option<Located<Number>>,
    pub basis: Option<Located<String>>,
    pub salience: Option<Located<Number>>,
    pub red_line: bool,
    pub summary: Option<String>,
    pub evidence: Vec<RawEvidence>,
    pub keys: Keys,
}

/// A position written out in full.
#[derive(Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(rename = "PositionDetails")]
pub(crate) struct RawPositionMap {
    /// On a stance issue (required there).
    #[serde(default)]
    #[schemars(with = "Option<RawStance>")]
    pub(crate) stance: Option<Located<RawStance>>,
    /// On a numeric issue (required there): a number within the scale.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub(crate) position: Option<Located<Number>>,
    /// Power on this issue, overriding the actor's (finite, >= 0).
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub(crate) power: Option<Located<Number>>,
    /// How much the issue matters to this actor, 0.0..=1.0 (default 1.0).
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub(crate) salience: Option<Located<Number>>,
    /// Non-negotiable for this actor (default false).
    #[serde(default)]
    pub(crate) red_line: Option<bool>,
    /// Where the position comes from (default stated).
    #[serde(default)]
    #[schemars(with = "Option<RawBasis>")]
    pub(crate) basis: Option<Located<String>>,
    #[serde(default)]
    pub(crate) summary: Option<String>,
    #[serde(default)]
    pub(crate) evidence: Option<Vec<RawEvidence>>,
    #[serde(skip)]
    #[schemars(skip)]
    pub keys: Keys,
}

/// Where a position comes from: stated (the default), reported or inferred.
// For the JSON Schema only, like `RawKind`.
#[derive(JsonSchema)]
#[schemars(rename = "Basis", rename_all = "lowercase")]
#[expect(
    dead_code,
    reason = "only described by the schema; the validator reads the words"
)]
pub(crate) enum RawBasis {
    /// The actor, or someone speaking for it, says it.
    Stated,
    /// A third party reports the actor's position.
    Reported,
    /// The modeller's reading of indirect evidence or behaviour.
    Inferred,
}

/// A quote that backs a position.
#[derive(Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(rename = "Evidence")]
// Required, though `serde(default)` below: one left out is reported by the
// validator with the other problems (see `keys`).
#[schemars(extend("required" = ["quote"]))]
pub(crate) struct RawEvidence {
    #[serde(default)]
    #[schemars(with = "String", length(min = 1))]
    pub quote: Located<String>,
    #[serde(default)]
    pub speaker: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<Scalar>")]
    pub date: Option<Located<Scalar>>,
    /// A source id.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub source: Option<Located<String>>,
    #[serde(skip)]
    #[schemars(skip)]
    pub keys: Keys,
}

/// A stance as written: checked for range and spelling by the validator, so
/// that every bad stance in a file is reported, not just the first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawStance {
    /// A stance word (no allocation for the common case).
    Word(Stance),
    /// An integer: a stance on -2..=2 on a stance issue, or a position on a
    /// numeric one.
    Int(i64),
    /// A number with a fraction (or NaN, inf): a numeric issue's position.
    Number(f64),
    /// Anything else, kept for the message; boxed to keep this type small.
    Bad(Box<BadStance>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BadStance {
    Word(String),
    /// Anything else (a boolean, a huge integer), kept as text for the message.
    Other(String),
}

/// A scalar read as text whatever YAML typed it as (`date: 2022` is an
/// integer to YAML, but a year to us).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scalar(pub String);

/// A number as written. Text where a number belongs (`40%`, `0,4`) is kept
/// for the validator, which reports it with every other problem and
/// suggests the number that was probably meant.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Number {
    Value(f64),
    Text(Box<str>),
}

impl Default for Number {
    /// The value of a required number left out, reported as missing.
    fn default() -> Number {
        Number::Value(0.0)
    }
}
