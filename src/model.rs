//! The domain: types, YAML loading, validation and actor resolution. Knows
//! nothing about terminals.

pub(crate) mod check;
pub(crate) mod emit;
mod error;
mod resolve;
pub mod source;
mod types;
mod validate;
pub(crate) mod yaml;

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

pub use check::{did_you_mean, is_date, is_slug};
pub use emit::to_yaml;
pub use error::{LoadError, Origin, Problem};
pub use resolve::{ResolveError, resolve_actor};
pub use source::Format;
pub use types::{
    Actor, ActorKind, Basis, Evidence, Issue, Model, Position, Scale, ScaleLabel, Source, Stance,
    format_number,
};
pub use yaml::{Loc, SyntaxError, json_schema};

/// The largest model file detente reads (docs/model.md, "Limits").
pub const MAX_MODEL_BYTES: u64 = 64 * 1024 * 1024;

/// The Geneva 2022 model, compiled in as the default.
pub const BUILTIN_YAML: &str = include_str!("../data/geneva-2022.yaml");

/// A commented starter model for `detente new`.
pub const STARTER_YAML: &str = include_str!("model/starter.yaml");

/// Loads the built-in model.
pub fn builtin() -> Result<Model, LoadError> {
    from_str(BUILTIN_YAML, Origin::BuiltIn)
}

/// Reads, parses and validates a model file in any format detente reads
/// (YAML, Decide, KTAB, long CSV: see [`source::detect`]); `-` is
/// standard input. The size is checked before the file is read, and the
/// read stops past the cap whatever the file claims.
pub fn load(path: &Path) -> Result<Model, LoadError> {
    load_counting(path, &AtomicU64::new(0))
}

/// [`load`], adding to `parsed` the bytes the parser has taken in so far:
/// parsing is most of the time a big file takes, so a loading screen can
/// show how far it got (a relaxed atomic add per actor or buffer read).
pub fn load_counting(path: &Path, parsed: &AtomicU64) -> Result<Model, LoadError> {
    if path.as_os_str() == "-" {
        return load_stdin();
    }
    let origin = Origin::File(path.to_path_buf());
    let io = |source| LoadError::Io {
        origin: origin.clone(),
        source,
    };
    let (file, len) = open_file(path, &origin)?;
    // The first bytes say which format it is; the importers then read the
    // file as a stream, the first bytes again and the rest after them.
    let mut bytes = Vec::new();
    (&file)
        .take(source::PREFIX_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let format = source::detect(&bytes);
    if format != Format::Yaml {
        let rest = (&file).take(MAX_MODEL_BYTES.saturating_sub(bytes.len() as u64) + 1);
        let stream = Counted {
            inner: std::io::Cursor::new(bytes).chain(rest),
            count: parsed,
        };
        return source::import(format, stream, &origin);
    }
    let yamlish = source::looks_like_yaml(&bytes);
    bytes.reserve(usize::try_from(len).unwrap_or(0));
    (&file)
        .take(MAX_MODEL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_MODEL_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            size: bytes.len() as u64,
        });
    }
    // Check the text whole (UTF-8 errors with their line and column), then
    // parse it from memory, building the model as the parse goes.
    let text = check_text(&bytes, &origin)?;
    // A byte order mark is not parsed, but it is in the file's size.
    parsed.fetch_add((bytes.len() - text.len()) as u64, Ordering::Relaxed);
    let checked =
        yaml::parse_counting(text, parsed).map_err(|error| yaml_failed(&origin, error, yamlish))?;
    invalid(checked, origin)
}

/// Opens a model file and returns it with its length, refusing a directory
/// and a file over the size cap before anything is read.
fn open_file(path: &Path, origin: &Origin) -> Result<(std::fs::File, u64), LoadError> {
    let io = |source| LoadError::Io {
        origin: origin.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::NotAFile {
            origin: origin.clone(),
        });
    }
    if meta.len() > MAX_MODEL_BYTES {
        return Err(LoadError::TooLarge {
            origin: origin.clone(),
            size: meta.len(),
        });
    }
    Ok((file, meta.len()))
}

/// A reader that adds what it reads to a shared count.
struct Counted<'a, R> {
    inner: R,
    count: &'a AtomicU64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The model, or its problems as the error of the file they are in.
fn invalid(checked: yaml::Checked, origin: Origin) -> Result<Model, LoadError> {
    checked.map_err(|problems| LoadError::Invalid { origin, problems })
}

/// Reads a model in any format from standard input (at most 64 MiB).
fn load_stdin() -> Result<Model, LoadError> {
    from_any_bytes(&read_stdin()?, Origin::Stdin)
}

/// Standard input, whole, if it is at most 64 MiB.
fn read_stdin() -> Result<Vec<u8>, LoadError> {
    let origin = Origin::Stdin;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_MODEL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            origin: origin.clone(),
            source,
        })?;
    if bytes.len() as u64 > MAX_MODEL_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Parses and validates model bytes in any format detente reads.
pub fn from_any_bytes(bytes: &[u8], origin: Origin) -> Result<Model, LoadError> {
    let prefix = &bytes[..bytes.len().min(source::PREFIX_BYTES)];
    match source::detect(prefix) {
        Format::Yaml => {
            let text = check_text(bytes, &origin)?;
            let checked = yaml::parse(text)
                .map_err(|e| yaml_failed(&origin, e, source::looks_like_yaml(prefix)))?;
            invalid(checked, origin)
        }
        format => source::import(format, bytes, &origin),
    }
}

/// A YAML error, or the sentence naming every format tried when the file
/// never looked like YAML.
fn yaml_failed(origin: &Origin, error: yaml::SyntaxError, yamlish: bool) -> LoadError {
    if yamlish {
        LoadError::Syntax {
            origin: origin.clone(),
            error,
        }
    } else {
        LoadError::Unrecognised {
            origin: origin.clone(),
            yaml: error,
        }
    }
}

/// Parses and validates model bytes.
pub fn from_bytes(bytes: &[u8], origin: Origin) -> Result<Model, LoadError> {
    let text = check_text(bytes, &origin)?;
    let checked = yaml::parse(text).map_err(|error| LoadError::Syntax {
        origin: origin.clone(),
        error,
    })?;
    invalid(checked, origin)
}

/// The bytes as text, if they are UTF-8 (after a BOM) and hold something.
fn check_text<'a>(bytes: &'a [u8], origin: &Origin) -> Result<&'a str, LoadError> {
    let text = utf8_text(bytes, origin)?;
    if is_blank(text) {
        return Err(LoadError::Empty {
            origin: origin.clone(),
        });
    }
    Ok(text)
}

/// The bytes as text, if they are UTF-8 (after a BOM).
fn utf8_text<'a>(bytes: &'a [u8], origin: &Origin) -> Result<&'a str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let hint = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            "it looks like UTF-16: save it as UTF-8"
        } else {
            "save it as UTF-8"
        };
        LoadError::NotUtf8 {
            origin: origin.clone(),
            loc: loc_of_offset(bytes, at),
            byte: bytes.get(at).copied().unwrap_or(0),
            hint,
        }
    })?;
    Ok(text)
}

/// Parses and validates model text.
pub fn from_str(text: &str, origin: Origin) -> Result<Model, LoadError> {
    from_bytes(text.as_bytes(), origin)
}

/// Nothing but whitespace, comments and document markers.
pub(crate) fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    })
}

/// 1-based line and column (in characters) of a byte offset in the valid
/// UTF-8 prefix `bytes[..offset]`.
pub(crate) fn loc_of_offset(bytes: &[u8], offset: usize) -> Loc {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).saturating_add(1);
    Loc {
        line: count(before.iter().filter(|&&b| b == b'\n').count()),
        column: count(
            String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count(),
        ),
    }
}

#[cfg(test)]
mod tests;
