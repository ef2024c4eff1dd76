//! `detente schema` is generated from the parser's own types; it accepts
//! every model we ship and rejects the shape errors of the bad corpus.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn compile() -> (boon::Schemas, boon::SchemaIndex) {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .arg("schema")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let schema: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("detente.schema.json", schema)
        .expect("resource");
    let index = compiler
        .compile("detente.schema.json", &mut schemas)
        .expect("a valid JSON Schema");
    (schemas, index)
}

fn instance(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("read");
    serde_saphyr::from_str(&text).expect("YAML")
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_shipped_and_good_model_validates() {
    let (schemas, index) = compile();
    let mut files = yaml_files("data");
    files.extend(yaml_files("tests/fixtures/good"));
    files.push(root().join("src/model/starter.yaml"));
    assert!(files.len() >= 3);
    for f in files {
        if let Err(e) = schemas.validate(&instance(&f), index) {
            panic!("{}: {e}", f.display());
        }
    }
}

#[test]
fn shape_errors_of_the_bad_corpus_are_rejected() {
    let (schemas, index) = compile();
    for name in [
        "unknown-field.yaml",
        "wrong-type.yaml",
        "unknown-kind.yaml",
        "missing-required-field.yaml",
        "top-level-sequence.yaml",
        "bad-slug.yaml",
        // Not `stance-out-of-range.yaml` (`issue: 3`): a number in shorthand
        // is a valid position on a numeric issue, and only the validator
        // knows which issues are numeric.
        "unknown-stance-word.yaml",
        "salience-out-of-range.yaml",
        "no-issues.yaml",
    ] {
        let v = instance(&root().join("tests/fixtures/bad").join(name));
        assert!(
            schemas.validate(&v, index).is_err(),
            "{name} should be rejected"
        );
    }
}

/// The schema speaks to a person editing a model in their editor, never of
/// the code behind it.
#[test]
fn descriptions_are_written_for_the_person_editing_a_model() {
    let out = assert_cmd::Command::cargo_bin("detente")
        .expect("binary")
        .arg("schema")
        .output()
        .expect("runs");
    let schema = String::from_utf8_lossy(&out.stdout);
    for internal in ["de::", "Visitor", "serde", "parser", "Option<", "raw shape"] {
        assert!(
            !schema.contains(internal),
            "the schema mentions {internal:?}"
        );
    }
    assert!(schema.contains("A detente model: the negotiation's issues"));
}
