//! Issue 23: displays and data that mislead without being false, checked
//! through the binary on small hand-written files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// `detente ARGS` in the fixtures directory, which must succeed: its stdout.
fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .current_dir(fixtures())
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "detente {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn a_bare_number_in_a_decide_file_is_no_label() {
    let text = run(&[
        "export",
        "bare-labels.dec",
        "--left",
        "ind",
        "--right",
        "usa",
        "--format",
        "text",
    ]);
    assert!(text.contains("90"), "{text}");
    assert!(!text.contains("(100)"), "{text}");
    assert!(!text.contains("(0)"), "{text}");
    // The scale still runs from the lowest point to the highest.
    let yaml = run(&["import", "decide", "bare-labels.dec"]);
    assert!(yaml.contains("min: 0"), "{yaml}");
    assert!(yaml.contains("max: 100"), "{yaml}");
    assert!(!yaml.contains("labels:"), "{yaml}");
}

#[test]
fn a_ktab_actor_is_found_by_its_description_and_by_its_short_name() {
    let by_description = run(&["rank", "energy-ktab.csv", "Ministry of Energy"]);
    let by_short_name = run(&["rank", "energy-ktab.csv", "Ministry"]);
    assert_eq!(by_description, by_short_name);
    // The others are listed under their descriptions; Greens has none.
    assert!(
        by_description.contains("Industry federation"),
        "{by_description}"
    );
    assert!(by_description.contains("Greens"), "{by_description}");
    let yaml = run(&["import", "ktab", "energy-ktab.csv"]);
    assert!(
        yaml.contains(
            "id: \"ministry\"\n    name: \"Ministry of Energy\"\n    aliases: [\"Ministry\"]"
        ),
        "{yaml}"
    );
}

#[test]
fn rank_on_a_ktab_file_finds_an_actor_by_its_description() {
    let out = run(&["rank", "soe-ktab.csv", "Xi Jinping"]);
    assert!(out.contains("State-owned enterprises"), "{out}");
}

#[test]
fn an_imported_salience_is_the_decimal_written() {
    // 65.1 / 100 is 0.6509999999999999 in f64; the file means 0.651.
    let yaml = run(&["import", "ktab", "soe-ktab.csv"]);
    assert!(yaml.contains("{position: 65, salience: 0.651}"), "{yaml}");
    assert!(yaml.contains("{position: 10, salience: 0.333}"), "{yaml}");
    assert!(!yaml.contains("0.650999"), "{yaml}");
}

#[test]
fn votes_on_a_declared_zero_to_one_scale_make_yes_against_no_zero_aligned() {
    // Two resolutions, Northland and Southland voting opposite ways on each.
    let json = run(&[
        "export",
        "votes.csv",
        "--left",
        "northland",
        "--right",
        "southland",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["alignment"], serde_json::json!(0.0), "{json}");
    let yaml = run(&["import", "csv", "votes.csv"]);
    assert!(
        yaml.contains("min: 0\n") && yaml.contains("max: 1\n"),
        "{yaml}"
    );
}

/// `detente check` on a CSV written to a temporary file: exit code and stderr.
fn check_csv(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("votes.csv");
    std::fs::write(&file, text).expect("write");
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .arg("check")
        .arg(&file)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_rows_of_an_issue_must_declare_the_same_scale() {
    let (code, err) =
        check_csv("actor,issue,position,min,max\nA,Vote,1,0,1\nB,Vote,0,0,2\nC,Vote,1,,\n");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("votes.csv:3:"), "{err}");
    assert!(
        err.contains("max 2 differs from max 1 on line 2: every row of issue `Vote` must declare the same scale"),
        "{err}"
    );
    let (code, err) = check_csv("actor,issue,position,min,max\nA,Vote,2,0,1\n");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("position 2 is outside the scale of `Vote` (0..=1)"),
        "{err}"
    );
    let (code, err) = check_csv("actor,issue,position,min,max\nA,Vote,1,1,0\n");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("min must be below max"), "{err}");
}
