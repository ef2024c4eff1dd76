//! The JSON Schema of the model format: derived by schemars from the raw
//! types in `yaml.rs`, with these hand-written parts for the four types that
//! are read by custom visitors.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::{RawModel, RawPosition, RawPositionMap, RawPositions, RawStance, SLUG_PATTERN, Scalar};

impl JsonSchema for RawStance {
    fn schema_name() -> Cow<'static, str> {
        "Stance".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "demands (+2), supports (+1), neutral (0), opposes (-1), rejects (-2)",
            "oneOf": [
                {"enum": ["demands", "supports", "neutral", "opposes", "rejects"]},
                {"type": "integer", "minimum": -2, "maximum": 2}
            ]
        })
    }
}

/// A stance (stance issues) or a number (numeric issues): a position in
/// shorthand, or an issue's outcome.
pub(crate) struct StanceOrNumber;

impl JsonSchema for StanceOrNumber {
    fn schema_name() -> Cow<'static, str> {
        "StanceOrNumber".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let stance = generator.subschema_for::<RawStance>();
        json_schema!({
            "description": "A stance on a stance issue; a number within the scale on a numeric issue.",
            "anyOf": [stance, {"type": "number"}]
        })
    }
}

impl JsonSchema for RawPosition {
    fn schema_name() -> Cow<'static, str> {
        "Position".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let short = generator.subschema_for::<StanceOrNumber>();
        let details = generator.subschema_for::<RawPositionMap>();
        json_schema!({
            "description": "A stance or number alone (shorthand), or the position in full.",
            "anyOf": [short, details]
        })
    }
}

impl JsonSchema for RawPositions {
    fn schema_name() -> Cow<'static, str> {
        "Positions".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let position = generator.subschema_for::<RawPosition>();
        json_schema!({
            "type": ["object", "null"],
            "propertyNames": {"pattern": SLUG_PATTERN},
            "additionalProperties": position
        })
    }
}

impl JsonSchema for Scalar {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "YYYY, YYYY-MM or YYYY-MM-DD",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 0, "maximum": 9999}
            ]
        })
    }
}

/// The JSON Schema (draft 2020-12) of the model format, from the same types
/// the parser fills.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RawModel);
    // A schema of plain values always serialises; were it ever not to, the
    // output says so rather than being empty.
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("detente could not write the schema: {e}") })
            .to_string()
    });
    s.push('\n');
    s
}
