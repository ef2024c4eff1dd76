//! Inputs that once broke an importer (found by the fuzz targets in
//! `fuzz/`, or written by hand for a bug of the same kind), each in
//! tests/fixtures/fuzz-regressions/<format>/, imported with what it must
//! give. Every file there must be listed here; every one must import
//! without a panic, into an error with clean messages or into a model that
//! keeps the model's invariants and round-trips through YAML.

use std::fs;
use std::path::{Path, PathBuf};

use detente::compare::Comparison;
use detente::model::source::{Format, import};
use detente::model::{LoadError, Model, Origin, from_str, to_yaml};

/// What a regression file must give.
enum Want {
    /// A model.
    Model,
    /// An error whose problems include one at this line with these words.
    Problem(u32, &'static [&'static str]),
}

/// (format directory, file, what it gives, how it broke before).
const CASES: &[(&str, &str, Want, &str)] = &[
    (
        "decide",
        "infinite-span.dec",
        Want::Problem(5, &["scale of `p`", "(-1e308..=1e308)", "too wide"]),
        "#M points at -1e308 and 1e308: both finite, the span between them not; \
         imported, and every distance on it was NaN (`Alignment NaN%`)",
    ),
    (
        "csv",
        "infinite-span.csv",
        Want::Problem(3, &["scale of `i`", "(-1e308..=1e308)", "too wide"]),
        "positions -1e308 and 1e308 on one numeric issue: an infinite span, NaN alignment",
    ),
    (
        "decide",
        "widest-finite-span.dec",
        Want::Model,
        "the same at -8e307 and 8e307, whose span (1.6e308) is finite: still a model",
    ),
    (
        "csv",
        "widest-finite-span.csv",
        Want::Model,
        "the same at -8e307 and 8e307: still a model",
    ),
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions")
}

fn format(name: &str) -> Format {
    match name {
        "decide" => Format::Decide,
        "ktab" => Format::Ktab,
        "csv" => Format::Csv,
        _ => panic!("no importer for directory {name}"),
    }
}

fn clean(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() && c != '\n')
}

/// The model's invariants that the rest of the program counts on.
fn sound(m: &Model, file: &str) {
    for issue in &m.issues {
        let span = issue.span();
        assert!(
            span.is_finite() && span > 0.0,
            "{file}: {} span {span}",
            issue.id
        );
    }
    for a in &m.actors {
        for p in a.positions() {
            assert!(p.value.is_finite(), "{file}: {}", a.id);
            assert!((0.0..=1.0).contains(&p.salience), "{file}: {}", a.id);
        }
    }
    let c = Comparison::new(m, 0, m.actors.len() - 1);
    assert!(
        c.alignment.is_none_or(|x| (0.0..=1.0).contains(&x)),
        "{file}: alignment {:?}",
        c.alignment
    );
    let back = from_str(&to_yaml(m, "regression"), Origin::BuiltIn);
    assert_eq!(back.as_ref().ok(), Some(m), "{file}: YAML round trip");
}

#[test]
fn every_regression_file_imports_as_expected() {
    for (format_dir, file, want, why) in CASES {
        let path = dir().join(format_dir).join(file);
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let origin = Origin::File(path.clone());
        let got = import(format(format_dir), &bytes[..], &origin);
        match (got, want) {
            (Ok(m), Want::Model) => sound(&m, file),
            (Err(e), Want::Problem(line, words)) => {
                let text = e.to_string();
                assert!(clean(&text), "{file}: {text:?}");
                let LoadError::Invalid { problems, .. } = &e else {
                    panic!("{file}: not a list of problems: {text}");
                };
                assert!(
                    problems.iter().any(|p| {
                        let shown = format!("{}: {}", p.path, p.message);
                        p.loc.line == *line && words.iter().all(|w| shown.contains(w))
                    }),
                    "{file} ({why}): want a problem on line {line} with {words:?}, got:\n{text}"
                );
            }
            (Ok(_), Want::Problem(line, _)) => {
                panic!("{file} ({why}): imported, want a problem on line {line}")
            }
            (Err(e), Want::Model) => panic!("{file} ({why}): {e}"),
        }
    }
}

#[test]
fn every_regression_file_is_listed() {
    for format_dir in ["decide", "ktab", "csv"] {
        let Ok(entries) = fs::read_dir(dir().join(format_dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                CASES
                    .iter()
                    .any(|(d, f, _, _)| *d == format_dir && *f == name),
                "{format_dir}/{name} is not in CASES"
            );
        }
    }
}
