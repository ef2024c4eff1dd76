//! The input formats besides YAML (docs/formats.md): Decide input files, KTAB's
//! SMP CSV and the long CSV, each turned straight into a [`Model`], and the
//! detection that picks one from the content (never the extension).
//!
//! The importers build the model themselves rather than the raw YAML shapes:
//! a million-row CSV then costs one `Position` per row and nothing else,
//! which keeps `check` on a 35 MB file under 4 × the file in memory. They
//! apply the validator's rules (clean text, slugs, ranges), so the YAML that
//! `detente import` writes loads back into the same model.

mod build;
mod csv;
mod decide;
mod fields;
mod ktab;

use std::io::Read;
use std::path::Path;

use super::error::{LoadError, Origin};
use super::types::Model;

pub use build::slugify;

/// The formats detente reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Decide,
    Ktab,
    Csv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Decide => "Decide",
            Format::Ktab => "KTAB",
            Format::Csv => "long CSV",
        }
    }
}

/// How many bytes [`detect`] looks at: enough for a few lines of any
/// format.
pub const PREFIX_BYTES: usize = 64 * 1024;

/// The format of a file from its first bytes: Decide when the first line
/// that is not blank or a comment starts with `#A`, `#P`, `#M` or `#D`;
/// KTAB when line 1 has four fields, the last two integers, and a header
/// follows; a long CSV when the header names `actor`, `issue` and
/// `position` columns; YAML otherwise.
pub fn detect(prefix: &[u8]) -> Format {
    let bytes = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    // Up to the last complete line, unless the prefix is the whole file.
    let bytes = if bytes.len() >= PREFIX_BYTES - 3 {
        bytes
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(bytes, |i| &bytes[..i])
    } else {
        bytes
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Format::Yaml;
    };
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !fields::is_empty_row(l));
    if let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !decide::is_comment(l))
        && decide::is_record(first)
    {
        return Format::Decide;
    }
    let Some(first) = lines.next() else {
        return Format::Yaml;
    };
    if ktab::is_first_line(first) && lines.next().is_some() {
        return Format::Ktab;
    }
    if csv::is_header(first) {
        return Format::Csv;
    }
    Format::Yaml
}

/// Whether a file that failed to parse as YAML was meant to be YAML: its
/// first significant line looks like a mapping entry or a list item. When
/// it does not, the user gets one sentence naming every format tried
/// rather than a YAML error about a file that was never YAML.
pub fn looks_like_yaml(prefix: &[u8]) -> bool {
    let bytes = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    let text = String::from_utf8_lossy(bytes);
    let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---" && !l.starts_with("%"))
    else {
        return true;
    };
    first.starts_with('-')
        || first.starts_with('[')
        || first.starts_with('{')
        || first.contains(": ")
        || first.ends_with(':')
}

/// Reads a Decide, KTAB or long CSV file from `reader` into a model.
pub fn import(format: Format, reader: impl Read, origin: &Origin) -> Result<Model, LoadError> {
    let name = title_of(origin);
    match format {
        Format::Csv => csv::read(reader, origin, &name),
        Format::Decide | Format::Ktab | Format::Yaml => {
            let mut bytes = Vec::new();
            let mut reader = reader.take(super::MAX_MODEL_BYTES + 1);
            reader
                .read_to_end(&mut bytes)
                .map_err(|source| LoadError::Io {
                    origin: origin.clone(),
                    source,
                })?;
            if bytes.len() as u64 > super::MAX_MODEL_BYTES {
                return Err(LoadError::TooLarge {
                    origin: origin.clone(),
                    size: bytes.len() as u64,
                });
            }
            let text = super::utf8_text(&bytes, origin)?;
            if text.trim().is_empty() {
                return Err(LoadError::Empty {
                    origin: origin.clone(),
                });
            }
            match format {
                Format::Ktab => ktab::read(text, origin, &name),
                _ => decide::read(text, origin, &name),
            }
        }
    }
}

/// `detente import`: reads `path` (`-`: standard input) as `format` and
/// writes the model as YAML, with a comment saying where it came from.
pub fn import_to_yaml(format: Format, path: &Path) -> Result<String, LoadError> {
    let model = if path.as_os_str() == "-" {
        import(format, &super::read_stdin()?[..], &Origin::Stdin)?
    } else {
        let origin = Origin::File(path.to_path_buf());
        let (file, _) = super::open_file(path, &origin)?;
        import(format, file, &origin)?
    };
    let from = match path.as_os_str() == "-" {
        true => "standard input".to_string(),
        false => path.display().to_string(),
    };
    let note = format!(
        "Imported by detente from {from} ({}).\nCheck it with `detente check`; add quotes as `evidence` under each position.",
        format.name()
    );
    Ok(super::to_yaml(&model, &note))
}

/// The model's title for a file that has none: its name without the
/// extension.
fn title_of(origin: &Origin) -> String {
    match origin {
        Origin::File(p) => p
            .file_stem()
            .map(|s| crate::sanitize::line(&s.to_string_lossy()))
            .filter(|s| !s.trim().is_empty())
            .map_or_else(|| "Imported model".to_string(), |s| s.trim().to_string()),
        Origin::Stdin => "Imported model".to_string(),
        Origin::BuiltIn => "Imported model".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format_from_the_content() {
        let cases: &[(&str, Format)] = &[
            ("#A;usa;United States\n", Format::Decide),
            ("#/ a comment\n\n#P\tco2\tCO2 cuts\n", Format::Decide),
            (
                "\u{feff}#O comment\r\n'#D';'usa';'co2';50;0.5;1\r\n",
                Format::Decide,
            ),
            ("Climate,Talks,2,1\nActor,Desc,Cap,Pos,Sal\n", Format::Ktab),
            (
                "'Climate', 'Talks', 2, 1,,\r\nActor,Desc,Cap,Pos,Sal\r\n",
                Format::Ktab,
            ),
            ("actor,issue,position\nusa,co2,50\n", Format::Csv),
            ("\u{feff}Issue;POSITION;Actor\r\n", Format::Csv),
            (
                "\"Position\",\"Actor\",\"Issue\",\"Salience\"\n",
                Format::Csv,
            ),
            ("title: t\nissues: []\n", Format::Yaml),
            ("# Actors and their positions\ntitle: t\n", Format::Yaml),
            ("#Actors below\ntitle: t\n", Format::Yaml),
            ("name,age\nbob,3\n", Format::Yaml),
            ("", Format::Yaml),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text.as_bytes()), *want, "{text:?}");
        }
    }

    #[test]
    fn yaml_lookalikes() {
        assert!(looks_like_yaml(b"# c\ntitle: x\n"));
        assert!(looks_like_yaml(b"- a\n"));
        assert!(!looks_like_yaml(b"name,age\nbob,3\n"));
        assert!(!looks_like_yaml(b"hello world\n"));
    }
}
