//! Reading a mapping into one of the raw structs without stopping at a key
//! the struct does not take. serde's derive, told to deny unknown fields,
//! stops the whole parse at the first one; this reader sets such keys aside
//! (with their place) and lets the parse go on, so that the validator
//! reports them with every other problem in one run.
//!
//! Each struct derives `Deserialize` with `#[serde(remote = "Self")]`, which
//! makes the derived code an inherent function; [`keyed!`] then implements
//! `Deserialize` by handing that function a mapping that yields only the
//! keys the struct takes. A required field is `#[serde(default)]` in the
//! struct: one left out keeps the default's unknown place, and the
//! validator reports it as missing, at [`Keys::at`].

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, Visitor,
};

use super::raw::{Loc, Located};

/// What a mapping held besides the fields its struct takes.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    /// Where the mapping starts: its first key (unknown for `{}`).
    pub at: Loc,
    /// The keys that are not fields, in file order.
    pub unknown: Vec<Located<String>>,
    /// The struct's fields, for the message about an unknown key.
    pub fields: &'static [&'static str],
}

/// A raw struct read through [`keyed!`].
pub(crate) trait Keyed: Sized {
    /// The derived deserializer (the inherent `deserialize` that
    /// `#[serde(remote = "Self")]` generates).
    fn derived<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
    fn keys_mut(&mut self) -> &mut Keys;
}

/// Implements `Deserialize` (through [`read`]) and [`Keyed`] for raw structs
/// that derive `Deserialize` with `#[serde(remote = "Self")]` and have a
/// `keys: Keys` field marked `#[serde(skip)]`.
macro_rules! keyed {
    ($($t:ident),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::keys::read(d, stringify!($t))
            }
        }

        impl super::keys::Keyed for $t {
            fn derived<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $t::deserialize(d)
            }

            fn keys_mut(&mut self) -> &mut super::keys::Keys {
                &mut self.keys
            }
        }
    )*};
}
pub(super) use keyed;

/// Reads a `T` from a mapping, setting aside the keys it does not take.
pub(crate) fn read<'de, D: Deserializer<'de>, T: Keyed>(
    d: D,
    name: &'static str,
) -> Result<T, D::Error> {
    d.deserialize_struct(name, &[], KeyedVisitor(PhantomData))
}

struct KeyedVisitor<T>(PhantomData<T>);

impl<'de, T: Keyed> Visitor<'de> for KeyedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping (`key: value` lines)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let mut reader = KeyReader {
            map,
            keys: Keys::default(),
        };
        let mut value = T::derived(KnownKeys(&mut reader))?;
        *value.keys_mut() = reader.keys;
        Ok(value)
    }
}

/// The mapping as the derived code sees it: only the keys it takes.
struct KeyReader<A> {
    map: A,
    keys: Keys,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for KeyReader<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.map.next_key::<Located<String>>()? {
            if !self.keys.at.is_known() {
                self.keys.at = key.loc;
            }
            match self.keys.fields.iter().find(|f| **f == key.value) {
                Some(field) => {
                    let field: de::value::StrDeserializer<A::Error> = field.into_deserializer();
                    return seed.deserialize(field).map(Some);
                }
                None => {
                    self.map.next_value::<IgnoredAny>()?;
                    self.keys.unknown.push(key);
                }
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Hands the derived code the [`KeyReader`], learning the struct's fields
/// from its call to `deserialize_struct`.
struct KnownKeys<'r, A>(&'r mut KeyReader<A>);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for KnownKeys<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.keys.fields = fields;
        visitor.visit_map(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}
