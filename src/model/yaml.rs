//! The one place that parses YAML. serde-saphyr rather than serde_yaml: it is
//! maintained, pure safe Rust, rejects duplicate keys, bounds alias expansion
//! and reports line and column (see the README).
//!
//! Everything here is *raw*: the shapes of the file, with source locations
//! kept for the validator, which turns them into [`crate::model::Model`].

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde_saphyr::{Budget, Options, Spanned};

use super::types::{Basis, Stance};

mod schema;

pub use schema::json_schema;

/// `[a-z0-9]+(-[a-z0-9]+)*`, for the JSON Schema.
const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// A value with the place in the file it came from. serde-saphyr's
/// `Spanned` finds the place; only line and column are kept, because a
/// model has millions of these and `Spanned` carries two full locations.
#[derive(Debug, Clone, PartialEq)]
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

#[derive(JsonSchema)]
#[schemars(title = "detente model", deny_unknown_fields)]
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
    /// The distinct `positions` keys, which [`PositionKey`]s index.
    #[schemars(skip)]
    pub keys: Vec<Box<str>>,
}

/// A document the evidence cites.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub(crate) struct RawSource {
    /// A slug, unique among sources, e.g. `hellenbroich-2022`.
    #[schemars(with = "String", pattern(SLUG_PATTERN))]
    pub id: Located<String>,
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
}

/// A proposition phrased so that a positive stance means "for it".
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Issue")]
pub(crate) struct RawIssue {
    /// A slug, unique among issues, e.g. `nato-non-expansion`.
    #[schemars(with = "String", pattern(SLUG_PATTERN))]
    pub id: Located<String>,
    /// The proposition, e.g. "NATO gives legally binding guarantees not to expand further east".
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
}

/// A numeric issue's scale.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Scale")]
pub(crate) struct RawScale {
    #[schemars(with = "f64")]
    pub min: Located<f64>,
    #[schemars(with = "f64")]
    pub max: Located<f64>,
    /// What points on the scale mean.
    #[serde(default)]
    pub labels: Option<Vec<RawScaleLabel>>,
    /// The outcome if nobody agrees, within [min, max].
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub status_quo: Option<Located<f64>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ScaleLabel")]
pub(crate) struct RawScaleLabel {
    #[schemars(with = "f64")]
    pub at: Located<f64>,
    #[schemars(with = "String", length(min = 1))]
    pub label: Located<String>,
}

#[derive(Deserialize, JsonSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "ActorKind")]
pub(crate) enum RawKind {
    State,
    Organization,
    Person,
    Group,
}

/// A party to the negotiation.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Actor")]
pub(crate) struct RawActor {
    /// A slug, unique among actors, e.g. `russia`.
    #[schemars(with = "String", pattern(SLUG_PATTERN))]
    pub id: Located<String>,
    #[schemars(with = "String", length(min = 1))]
    pub name: Located<String>,
    #[serde(default)]
    pub kind: Option<RawKind>,
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
    pub power: Option<Located<f64>>,
    /// Issue id -> position. An issue left out is unknown for this actor.
    #[serde(default)]
    pub positions: Option<RawPositions>,
}

/// `issue-id: position` pairs in file order (a map would lose the order and
/// the location of each key).
#[derive(Default)]
pub(crate) struct RawPositions(pub Vec<(Located<PositionKey>, RawPosition)>);

/// A `positions` key, interned while parsing: a model repeats its few issue
/// ids a million times, and one allocation each would double its memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PositionKey(pub u32);

/// The keys in order of first appearance, and each key's index.
type KeyTable = (Vec<Box<str>>, std::collections::HashMap<Box<str>, u32>);

thread_local! {
    static KEYS: std::cell::RefCell<KeyTable> = std::cell::RefCell::default();
}

impl<'de> Deserialize<'de> for PositionKey {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PositionKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an issue id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PositionKey, E> {
                Ok(KEYS.with(|k| {
                    let (list, index) = &mut *k.borrow_mut();
                    if let Some(&i) = index.get(v) {
                        return PositionKey(i);
                    }
                    let i = u32::try_from(list.len()).unwrap_or(u32::MAX);
                    list.push(v.into());
                    index.insert(v.into(), i);
                    PositionKey(i)
                }))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PositionKey, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PositionKey, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<PositionKey, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_str(V)
    }
}

/// Runs a parse with a fresh key table, and hands the table to the model.
fn with_keys(
    parse: impl FnOnce() -> Result<RawModel, serde_saphyr::Error>,
) -> Result<RawModel, serde_saphyr::Error> {
    KEYS.with(|k| *k.borrow_mut() = Default::default());
    let result = parse();
    let (keys, _) = KEYS.with(|k| std::mem::take(&mut *k.borrow_mut()));
    result.map(|mut raw| {
        raw.keys = keys;
        raw
    })
}

/// Kept small: a big model has a million of these, most of them shorthand.
pub(crate) struct RawPosition {
    pub stance: Option<Located<RawStance>>,
    /// Everything but the stance, when the position is written in full.
    pub details: Option<Box<RawDetails>>,
}

pub(crate) struct RawDetails {
    /// `position:` (numeric issues); the stance, if any, is in [`RawPosition`].
    pub position: Option<Located<f64>>,
    pub power: Option<Located<f64>>,
    pub basis: Basis,
    pub salience: Option<Located<f64>>,
    pub red_line: bool,
    pub summary: Option<String>,
    pub evidence: Vec<RawEvidence>,
}

/// A position written out in full.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "PositionDetails")]
struct RawPositionMap {
    /// On a stance issue (required there).
    #[serde(default)]
    #[schemars(with = "Option<RawStance>")]
    stance: Option<Located<RawStance>>,
    /// On a numeric issue (required there): a number within the scale.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    position: Option<Located<f64>>,
    /// Power on this issue, overriding the actor's (finite, >= 0).
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    power: Option<Located<f64>>,
    /// How much the issue matters to this actor, 0.0..=1.0 (default 1.0).
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    salience: Option<Located<f64>>,
    /// Non-negotiable for this actor (default false).
    #[serde(default)]
    red_line: Option<bool>,
    /// Where the position comes from (default stated).
    #[serde(default)]
    basis: Option<RawBasis>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    evidence: Option<Vec<RawEvidence>>,
}

/// `basis` as written: serde names the three words when another is given.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "Basis")]
enum RawBasis {
    /// The actor, or someone speaking for it, says it.
    Stated,
    /// A third party reports the actor's position.
    Reported,
    /// The modeller's reading of indirect evidence or behaviour.
    Inferred,
}

impl From<RawBasis> for Basis {
    fn from(b: RawBasis) -> Basis {
        match b {
            RawBasis::Stated => Basis::Stated,
            RawBasis::Reported => Basis::Reported,
            RawBasis::Inferred => Basis::Inferred,
        }
    }
}

/// A quote that backs a position.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Evidence")]
pub(crate) struct RawEvidence {
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

impl<'de> Deserialize<'de> for RawModel {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TopVisitor)
    }
}

impl<'de> Deserialize<'de> for RawPositions {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PositionsVisitor)
    }
}

impl<'de> Deserialize<'de> for RawPosition {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PositionVisitor)
    }
}

impl RawStance {
    fn from_text(v: &str) -> RawStance {
        Stance::from_word(v).map_or_else(
            || RawStance::other(BadStance::Word(v.into())),
            RawStance::Word,
        )
    }

    fn other(bad: BadStance) -> RawStance {
        RawStance::Bad(Box::new(bad))
    }
}

impl<'de> Deserialize<'de> for RawStance {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StanceVisitor)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// Implements the scalar `visit_*` methods of a visitor by mapping each
/// scalar to text and handing it to `$on_text` / `$on_int`.
macro_rules! scalar_visits {
    ($on_int:expr, $on_text:expr, $on_other:expr) => {
        scalar_visits!($on_int, $on_text, $on_other, |v: f64| $on_other(format!(
            "{v:?}"
        )));
    };
    ($on_int:expr, $on_text:expr, $on_other:expr, $on_float:expr) => {
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok($on_int(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(match i64::try_from(v) {
                Ok(v) => $on_int(v),
                Err(_) => $on_other(v.to_string()),
            })
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok($on_float(v))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok($on_other(v.to_string()))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok($on_text(v))
        }
    };
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = RawModel;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping with `title`, `issues` and `actors` at the top level")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawModel, A::Error> {
        #[derive(Deserialize)]
        #[serde(remote = "RawModel", deny_unknown_fields)]
        struct Fields {
            title: Located<String>,
            #[serde(default)]
            description: Option<String>,
            #[serde(default)]
            sources: Option<Vec<RawSource>>,
            issues: Located<Vec<RawIssue>>,
            actors: Located<Vec<RawActor>>,
            #[serde(skip)]
            keys: Vec<Box<str>>,
        }
        Fields::deserialize(MapAccessDeserializer::new(map))
    }
}

struct PositionsVisitor;

impl<'de> Visitor<'de> for PositionsVisitor {
    type Value = RawPositions;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping from issue ids to positions")
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawPositions, E> {
        Ok(RawPositions::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawPositions, A::Error> {
        let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(entry) = map.next_entry()? {
            out.push(entry);
        }
        Ok(RawPositions(out))
    }
}

struct PositionVisitor;

impl RawPosition {
    fn shorthand(stance: RawStance) -> RawPosition {
        RawPosition {
            stance: Some(Located {
                value: stance,
                loc: Loc::default(),
            }),
            details: None,
        }
    }
}

impl<'de> Visitor<'de> for PositionVisitor {
    type Value = RawPosition;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a stance (demands, supports, neutral, opposes, rejects or -2..2) or a mapping with `stance`")
    }

    scalar_visits!(
        |v| RawPosition::shorthand(RawStance::Int(v)),
        |v| RawPosition::shorthand(RawStance::from_text(v)),
        |v: String| RawPosition::shorthand(RawStance::other(BadStance::Other(v))),
        |v| RawPosition::shorthand(RawStance::Number(v))
    );

    fn visit_unit<E: de::Error>(self) -> Result<RawPosition, E> {
        let mut p = RawPosition::shorthand(RawStance::Word(Stance::Neutral));
        p.stance = None;
        Ok(p)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawPosition, A::Error> {
        let m = RawPositionMap::deserialize(MapAccessDeserializer::new(map))?;
        Ok(RawPosition {
            stance: m.stance,
            details: Some(Box::new(RawDetails {
                position: m.position,
                power: m.power,
                basis: m.basis.map_or(Basis::Stated, Basis::from),
                salience: m.salience,
                red_line: m.red_line.unwrap_or(false),
                summary: m.summary,
                evidence: m.evidence.unwrap_or_default(),
            })),
        })
    }
}

struct StanceVisitor;

impl<'de> Visitor<'de> for StanceVisitor {
    type Value = RawStance;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a stance: demands, supports, neutral, opposes, rejects, or an integer -2..2")
    }

    scalar_visits!(
        RawStance::Int,
        RawStance::from_text,
        |v: String| RawStance::other(BadStance::Other(v)),
        RawStance::Number
    );
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date written YYYY, YYYY-MM or YYYY-MM-DD")
    }

    scalar_visits!(
        |v: i64| Scalar(v.to_string()),
        |v: &str| Scalar(v.to_string()),
        Scalar
    );
}

/// The deepest nesting a model needs is 7 (root, actors, actor, positions,
/// position, evidence, quote); 32 leaves room and still refuses absurd input.
const MAX_DEPTH: usize = 32;

fn options() -> Options {
    let mut budget = Budget::default();
    // A 64 MiB model of short scalars has a few million nodes; the default of
    // 250,000 rejects a 1,000-actor model. Alias limits stay at their defaults,
    // so alias bombs are still refused.
    budget.max_nodes = 16_000_000;
    budget.max_events = 40_000_000;
    budget.max_depth = MAX_DEPTH;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// A parse failure as one sentence with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub loc: Loc,
    pub message: String,
}

pub(crate) fn parse(text: &str) -> Result<RawModel, SyntaxError> {
    with_keys(|| serde_saphyr::from_str_with_options(text, options())).map_err(syntax_error)
}

/// Parses from a reader, so a file's text need not be held while its model
/// is built.
pub(crate) fn parse_reader(reader: impl std::io::Read) -> Result<RawModel, SyntaxError> {
    with_keys(|| serde_saphyr::from_reader_with_options(reader, options())).map_err(syntax_error)
}

fn syntax_error(e: serde_saphyr::Error) -> SyntaxError {
    {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let loc = e
            .location()
            .map(|l| Loc {
                line: clamp(l.line()),
                column: clamp(l.column()),
            })
            .unwrap_or_default();
        SyntaxError {
            loc,
            message: message(e.without_snippet()),
        }
    }
}

/// One sentence for a parser error, without the location (the caller puts
/// it in front) and without library jargon.
fn message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    const BOMB: &str = "(is it an alias bomb?)";
    match e {
        E::AliasError { error, .. } => message(error.without_snippet()),
        E::DuplicateMappingKey { key, .. } => match key {
            Some(k) => format!("duplicate key `{k}`: a key may appear only once in a mapping"),
            None => "duplicate key: a key may appear only once in a mapping".to_string(),
        },
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => format!(
                "the YAML is nested more than {MAX_DEPTH} levels deep; a model needs at most 7"
            ),
            B::Documents { .. } => {
                "the file holds more than one YAML document (`---`); a model is one document"
                    .to_string()
            }
            B::ScalarBytes { .. } => {
                format!("the text in the file, with aliases expanded, is larger than 64 MiB {BOMB}")
            }
            B::Aliases { .. } | B::Anchors { .. } => {
                format!("the file uses more aliases or anchors than detente accepts {BOMB}")
            }
            _ => "the file is larger or more complex than detente reads".to_string(),
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => {
            format!("aliases in the file expand to more than detente reads {BOMB}")
        }
        other => {
            let text = strip_location(&other.to_string());
            match text.as_str() {
                "expected string scalar" => {
                    "expected a text value here, not a list or mapping".into()
                }
                "expected sequence start" => {
                    "expected a list here (`- item` lines or `[a, b]`)".into()
                }
                "expected mapping start" => "expected a mapping here (`key: value` lines)".into(),
                _ => text,
            }
        }
    }
}

/// Drops the ` at line N, column M` that the library appends: the location
/// is already in front of the message.
fn strip_location(s: &str) -> String {
    let mut out = s.to_string();
    while let Some(i) = out.rfind(" at line ") {
        let tail = &out[i + " at line ".len()..];
        let is_loc = tail
            .split(", column ")
            .all(|p| !p.is_empty() && p.trim_end_matches(')').bytes().all(|b| b.is_ascii_digit()));
        if !is_loc {
            break;
        }
        out.truncate(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_location;

    #[test]
    fn strips_the_trailing_location() {
        assert_eq!(
            strip_location("unknown field `x` at line 2, column 1"),
            "unknown field `x`"
        );
        assert_eq!(strip_location("no location here"), "no location here");
    }
}
