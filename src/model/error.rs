//! Errors a user can cause by handing detente a model, worded for that user.

use std::fmt;
use std::path::PathBuf;

use super::yaml::{Loc, SyntaxError};

/// Where a model came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
    /// `-`: the model came on standard input.
    Stdin,
}

impl Origin {
    /// Where a model named on the command line comes from: `-` is
    /// standard input.
    pub fn of_path(path: PathBuf) -> Origin {
        if path.as_os_str() == "-" {
            Origin::Stdin
        } else {
            Origin::File(path)
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("<built-in model>"),
            Origin::File(p) => f.write_str(&crate::present::path(p)),
            Origin::Stdin => f.write_str("<standard input>"),
        }
    }
}

/// One semantic problem, with the place in the file and the path in the model
/// (`actors[2] (russia).positions.nato-expansion`).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub loc: Loc,
    pub path: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {origin}: {source}")]
    Io {
        origin: Origin,
        source: std::io::Error,
    },
    #[error("{origin} is not a regular file")]
    NotAFile { origin: Origin },
    #[error("{origin} is {size} bytes, over the limit of {} MiB ({} bytes) for a model", super::MAX_MODEL_BYTES / (1024 * 1024), super::MAX_MODEL_BYTES)]
    TooLarge { origin: Origin, size: u64 },
    #[error("{origin}:{}:{}: the file is not UTF-8 text (byte 0x{byte:02X}); {hint}", .loc.line, .loc.column)]
    NotUtf8 {
        origin: Origin,
        loc: Loc,
        byte: u8,
        hint: &'static str,
    },
    #[error("{origin} is empty: a model needs at least `title`, `issues` and `actors`")]
    Empty { origin: Origin },
    #[error("{origin}:{}", DisplaySyntax(.error))]
    Syntax { origin: Origin, error: SyntaxError },
    /// None of the formats fits: one sentence naming each one tried.
    #[error("{origin} is not a model detente reads: not a Decide file (no #A, #P, #M or #D line first), not a KTAB CSV (line 1 is not `scenario, description, actors, dimensions`), not a long CSV (no header with actor, issue and position columns), and not a YAML model ({})", DisplayYaml(.yaml))]
    Unrecognised { origin: Origin, yaml: SyntaxError },
    #[error("{}", DisplayProblems { origin, problems })]
    Invalid {
        origin: Origin,
        problems: Vec<Problem>,
    },
}

struct DisplaySyntax<'a>(&'a SyntaxError);

impl fmt::Display for DisplaySyntax<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        if e.loc.is_known() {
            write!(f, "{}:{}: ", e.loc.line, e.loc.column)?;
        } else {
            f.write_str(" ")?;
        }
        f.write_str(&crate::sanitize::line(&e.message))
    }
}

struct DisplayYaml<'a>(&'a SyntaxError);

impl fmt::Display for DisplayYaml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        if e.loc.is_known() {
            write!(f, "line {}: ", e.loc.line)?;
        }
        // The message may quote the whole file as one string: keep it short.
        let message = crate::sanitize::line(&e.message);
        match message.char_indices().nth(120) {
            Some((cut, _)) => write!(f, "{}…", &message[..cut]),
            None => f.write_str(&message),
        }
    }
}

struct DisplayProblems<'a> {
    origin: &'a Origin,
    problems: &'a [Problem],
}

impl fmt::Display for DisplayProblems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{} is not a valid model: {n} problem{} found",
            self.origin,
            if n == 1 { "" } else { "s" }
        )?;
        for p in self.problems {
            write!(f, "\n{}:", self.origin)?;
            // Imported rows have a line but, in a CSV, no column.
            if p.loc.is_known() && p.loc.column > 0 {
                write!(f, "{}:{}:", p.loc.line, p.loc.column)?;
            } else if p.loc.is_known() {
                write!(f, "{}:", p.loc.line)?;
            }
            write!(f, " {}: {}", p.path, p.message)?;
        }
        Ok(())
    }
}
