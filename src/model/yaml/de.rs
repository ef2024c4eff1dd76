//! How the raw shapes are read: the visitors for the fields that take two
//! forms (a stance as a word or a number; a position as a mapping or just
//! its value), the interned `positions` keys, and the top-level mapping,
//! which hands each part to the validator as soon as it is read.
//! A small `Visitor` rather than `#[serde(untagged)]` keeps serde-saphyr's
//! exact messages for what cannot be read at all, with line and column.
//! The structs are read through [`keyed!`], which sets unknown keys aside
//! for the validator.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};

use super::keys::{Keys, keyed};
use super::raw::{
    BadStance, Loc, Located, Number, PositionKey, RawActor, RawDetails, RawEvidence, RawIssue,
    RawPosition, RawPositionMap, RawPositions, RawScale, RawScaleLabel, RawSource, RawStance,
    Scalar,
};
use super::{Checked, Progress};
use crate::model::types::Stance;
use crate::model::validate::Builder;

keyed!(
    RawSource,
    RawIssue,
    RawScale,
    RawScaleLabel,
    RawActor,
    RawPositionMap,
    RawEvidence,
);

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

/// The text of an interned `positions` key.
pub(crate) fn key_text(k: PositionKey) -> Box<str> {
    KEYS.with(|t| t.borrow().0.get(k.0 as usize).cloned().unwrap_or_default())
}

/// Runs a parse with a fresh key table, dropped when the parse ends.
pub(super) fn with_keys<T>(parse: impl FnOnce() -> T) -> T {
    KEYS.with(|k| *k.borrow_mut() = Default::default());
    let result = parse();
    KEYS.with(|k| *k.borrow_mut() = Default::default());
    result
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

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor)
    }
}

impl Number {
    /// A quoted number (`"0.4"`) is read as the number, as it always was;
    /// any other text is kept for the validator's message.
    fn from_text(v: &str) -> Number {
        match v.trim().parse::<f64>() {
            Ok(x)
                if v.trim()
                    .starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c)) =>
            {
                Number::Value(x)
            }
            _ => Number::Text(v.into()),
        }
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

/// The top-level mapping, reporting progress as actors are read.
pub(super) struct TopVisitor<'p, 'a> {
    pub progress: &'p mut Progress<'a>,
}

/// The top-level keys, in the order the message lists them when one is unknown.
const TOP_FIELDS: &[&str] = &["title", "description", "sources", "issues", "actors"];

impl<'de> Visitor<'de> for TopVisitor<'_, '_> {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping with `title`, `issues` and `actors` at the top level")
    }

    /// Reads the top level key by key, handing each part to the
    /// [`Builder`] as soon as it is read; the actors go one at a time.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        let mut b = Builder::new();
        let mut seen = [false; 5];
        let mut actors_at = Loc::default();
        let mut keys = Keys {
            fields: TOP_FIELDS,
            ..Keys::default()
        };
        while let Some(key) = map.next_key::<Located<String>>()? {
            if !keys.at.is_known() {
                keys.at = key.loc;
            }
            let Some(field) = TOP_FIELDS.iter().position(|f| *f == key.value) else {
                map.next_value::<de::IgnoredAny>()?;
                keys.unknown.push(key);
                continue;
            };
            if std::mem::replace(&mut seen[field], true) {
                return Err(de::Error::duplicate_field(TOP_FIELDS[field]));
            }
            match field {
                0 => b.title(&map.next_value::<Located<String>>()?),
                1 => b.description(map.next_value()?),
                2 => b.sources(map.next_value::<Option<_>>()?.unwrap_or_default()),
                3 => b.issues(map.next_value()?),
                _ => {
                    actors_at = key.loc;
                    map.next_value_seed(ActorsSeed {
                        builder: &mut b,
                        progress: &mut *self.progress,
                    })?;
                }
            }
        }
        let missing = [(0, "title"), (3, "issues"), (4, "actors")]
            .into_iter()
            .filter(|(field, _)| !seen[*field])
            .map(|(_, name)| name);
        b.top_level(&keys, missing);
        Ok(b.finish(seen[4].then_some(actors_at)))
    }
}

/// The `actors` list, each actor checked and added as soon as it is read.
struct ActorsSeed<'b, 'a> {
    builder: &'b mut Builder,
    progress: &'b mut Progress<'a>,
}

impl<'de> de::DeserializeSeed<'de> for ActorsSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ActorsSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of actors")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(actor) = seq.next_element::<RawActor>()? {
            self.progress.reached(actor.id.loc.line);
            self.builder.actor(actor);
        }
        Ok(())
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
        let m = <RawPositionMap as Deserialize>::deserialize(MapAccessDeserializer::new(map))?;
        Ok(RawPosition {
            stance: m.stance,
            details: Some(Box::new(RawDetails {
                position: m.position,
                power: m.power,
                basis: m.basis,
                salience: m.salience,
                red_line: m.red_line.unwrap_or(false),
                summary: m.summary,
                evidence: m.evidence.unwrap_or_default(),
                keys: m.keys,
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

struct NumberVisitor;

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }

    scalar_visits!(
        |v: i64| Number::Value(v as f64),
        Number::from_text,
        |v: String| Number::Text(v.into()),
        Number::Value
    );
}
