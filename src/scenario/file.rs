//! A scenario as a YAML file: read through the model's YAML module (the
//! same parser, limits and messages, with line and column), written so
//! that it reads back the same, and its JSON Schema.

use std::fmt::{self, Write as _};
use std::io::Read;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use super::{Base, Change, Field, Scenario, Value};
use crate::model::check::quoted;
use crate::model::emit::quote;
use crate::model::yaml::{self, BadStance, Doc, Located, RawStance, StanceOrNumber, SyntaxError};
use crate::model::{Loc, Problem};
use crate::write::{WriteError, write_atomic};

const SCENARIO: Doc = Doc {
    noun: "a scenario",
    depth: 3,
};

/// A detente scenario: changes to a model's positions, saliences and
/// powers, applied in order, and the model they were made on.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "detente scenario")]
struct RawScenario {
    /// The model the changes were made on.
    base: RawBase,
    /// The changes, in the order they are applied (none: an empty list).
    #[serde(default)]
    changes: Option<Vec<RawChange>>,
}

/// The model the changes were made on; when the model differs, each change
/// is still checked against it and applied if it fits.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Base")]
struct RawBase {
    /// The model's path as it was given (absent for the built-in model).
    #[serde(default)]
    model: Option<String>,
    /// The model's title.
    title: String,
    /// `fnv1a64:` and 16 hex digits, of the model's content: it tells
    /// whether the model was edited since (optional).
    #[serde(default)]
    #[schemars(pattern(r"^fnv1a64:[0-9a-f]{16}$"))]
    fingerprint: Option<String>,
}

/// One change: the actor's position, salience or power on the issue goes
/// from one value to another.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Change")]
struct RawChange {
    /// The actor's id in the model.
    actor: String,
    /// The issue's id in the model.
    issue: String,
    /// What changes.
    field: Field,
    /// The value in the model before the change: a change whose `from` is
    /// no longer the model's value is skipped, and said so.
    #[schemars(with = "StanceOrNumber")]
    from: Located<RawStance>,
    /// The new value: a stance or a number on the issue's scale for
    /// `position`, 0 to 1 for `salience`, 0 or more for `power`.
    #[schemars(with = "StanceOrNumber")]
    to: Located<RawStance>,
}

/// Why a scenario file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read scenario {}: {source}", crate::present::path(.path))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("scenario {} is not a regular file", crate::present::path(.0))]
    NotAFile(PathBuf),
    #[error("scenario {} is over the limit of 64 MiB", crate::present::path(.0))]
    TooLarge(PathBuf),
    #[error("{}:{}:{}: the scenario is not UTF-8 text; save it as UTF-8", crate::present::path(.path), .loc.line, .loc.column)]
    NotUtf8 { path: PathBuf, loc: Loc },
    #[error("scenario {} is empty: a scenario needs at least `base`", crate::present::path(.0))]
    Empty(PathBuf),
    #[error("{}:{}:{}: {}", crate::present::path(.path), .error.loc.line, .error.loc.column, crate::sanitize::line(&.error.message))]
    Syntax { path: PathBuf, error: SyntaxError },
    #[error("{}", DisplayProblems { path, problems })]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

struct DisplayProblems<'a> {
    path: &'a Path,
    problems: &'a [Problem],
}

impl fmt::Display for DisplayProblems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::present::path(self.path);
        let n = self.problems.len();
        let s = if n == 1 { "" } else { "s" };
        write!(f, "{path} is not a valid scenario: {n} problem{s} found")?;
        for p in self.problems {
            let (line, column) = (p.loc.line, p.loc.column);
            write!(f, "\n{path}:{line}:{column}: {}: {}", p.path, p.message)?;
        }
        Ok(())
    }
}

impl Scenario {
    /// Reads a scenario file (at most 64 MiB, UTF-8).
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let io = |source| ScenarioError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        if file.metadata().map_err(io)?.is_dir() {
            return Err(ScenarioError::NotAFile(path.to_path_buf()));
        }
        let mut bytes = Vec::new();
        file.take(crate::model::MAX_MODEL_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > crate::model::MAX_MODEL_BYTES {
            return Err(ScenarioError::TooLarge(path.to_path_buf()));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| ScenarioError::NotUtf8 {
            path: path.to_path_buf(),
            loc: crate::model::loc_of_offset(bytes, e.valid_up_to()),
        })?;
        Scenario::from_str(text, path)
    }

    /// Parses scenario text; `path` names it in messages.
    pub fn from_str(text: &str, path: &Path) -> Result<Scenario, ScenarioError> {
        if crate::model::is_blank(text) {
            return Err(ScenarioError::Empty(path.to_path_buf()));
        }
        let raw: RawScenario =
            yaml::parse_document(text, SCENARIO).map_err(|error| ScenarioError::Syntax {
                path: path.to_path_buf(),
                error,
            })?;
        let mut problems = Vec::new();
        let mut changes = Vec::new();
        for (j, c) in raw.changes.unwrap_or_default().into_iter().enumerate() {
            let mut check = |v: Located<RawStance>, key: &str| {
                value(&v.value, c.field).map_err(|message| {
                    problems.push(Problem {
                        loc: v.loc,
                        path: format!("changes[{j}].{key}"),
                        message,
                    })
                })
            };
            if let (Ok(from), Ok(to)) = (check(c.from, "from"), check(c.to, "to")) {
                changes.push(Change {
                    actor: c.actor,
                    issue: c.issue,
                    field: c.field,
                    from,
                    to,
                });
            }
        }
        if !problems.is_empty() {
            return Err(ScenarioError::Invalid {
                path: path.to_path_buf(),
                problems,
            });
        }
        let base = Base {
            model: raw.base.model,
            title: raw.base.title,
            fingerprint: raw.base.fingerprint,
        };
        Ok(Scenario { base, changes })
    }

    /// The scenario as YAML, read back by [`Scenario::from_str`] as the
    /// same scenario.
    pub fn to_yaml(&self) -> String {
        let mut y = String::from(
            "# A detente scenario: changes to a model, applied in order (docs/formats.md).\n",
        );
        y.push_str("base:\n");
        if let Some(m) = &self.base.model {
            let _ = writeln!(y, "  model: {}", quote(m));
        }
        let _ = writeln!(y, "  title: {}", quote(&self.base.title));
        if let Some(f) = &self.base.fingerprint {
            let _ = writeln!(y, "  fingerprint: {}", quote(f));
        }
        if self.changes.is_empty() {
            y.push_str("changes: []\n");
            return y;
        }
        y.push_str("changes:\n");
        for c in &self.changes {
            let _ = writeln!(y, "  - actor: {}", quote(&c.actor));
            let _ = writeln!(y, "    issue: {}", quote(&c.issue));
            let _ = writeln!(y, "    field: {}", c.field.word());
            let _ = writeln!(y, "    from: {}", c.from);
            let _ = writeln!(y, "    to: {}", c.to);
        }
        y
    }

    /// Writes the scenario to `path`: atomically, never over the model
    /// file (`model`), and over another file only with `force`.
    pub fn save(&self, path: &Path, model: Option<&Path>, force: bool) -> Result<(), WriteError> {
        if model.is_some_and(|m| crate::write::same_file(path, m)) {
            return Err(WriteError::IsModel(path.to_path_buf()));
        }
        write_atomic(path, self.to_yaml().as_bytes(), force)
    }
}

/// A value as the file writes it, checked for what does not depend on the
/// model: a salience or a power is a number.
fn value(raw: &RawStance, field: Field) -> Result<Value, String> {
    let what = field.word();
    match (raw, field) {
        (RawStance::Word(s), Field::Position) => Ok(Value::Stance(*s)),
        (RawStance::Word(s), _) => Err(format!("{what} `{s}` is not a number")),
        (RawStance::Int(v), _) => Ok(Value::Number(*v as f64)),
        (RawStance::Number(x), _) => Ok(Value::Number(*x)),
        (RawStance::Bad(bad), _) => {
            let (BadStance::Word(w) | BadStance::Other(w)) = &**bad;
            Err(match field {
                Field::Position => format!(
                    "position {} is neither a number nor a stance (rejects, opposes, neutral, supports, demands)",
                    quoted(w)
                ),
                _ => format!("{what} {} is not a number", quoted(w)),
            })
        }
    }
}

/// The JSON Schema (draft 2020-12) of the scenario format.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RawScenario);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("detente could not write the schema: {e}") })
            .to_string()
    });
    s.push('\n');
    s
}
