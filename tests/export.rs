//! Export goldens (insta) and the guarantees every export keeps.

use std::path::Path;

use detente::export::Format;
use detente::model::{self, Model};

mod common;

fn builtin() -> Model {
    model::builtin().expect("built-in model")
}

fn hostile() -> Model {
    model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/hostile.yaml"))
        .expect("hostile fixture is valid")
}

fn export(m: &Model, left: &str, right: &str, format: Format, width: usize) -> String {
    common::report(m, left, right, format, width)
}

#[test]
fn golden_builtin_russia_vs_united_states() {
    let m = builtin();
    for (name, format) in [
        ("text", Format::Text),
        ("markdown", Format::Markdown),
        ("csv", Format::Csv),
        ("json", Format::Json),
    ] {
        insta::assert_snapshot!(
            format!("builtin_{name}"),
            export(&m, "russia", "united-states", format, 100)
        );
    }
}

#[test]
fn golden_hostile_strings() {
    let m = hostile();
    insta::assert_snapshot!("hostile_text_40", export(&m, "a", "b", Format::Text, 40));
    insta::assert_snapshot!(
        "hostile_markdown",
        export(&m, "a", "b", Format::Markdown, 100)
    );
    insta::assert_snapshot!("hostile_csv", export(&m, "a", "b", Format::Csv, 100));
    insta::assert_snapshot!("hostile_json", export(&m, "a", "b", Format::Json, 100));
}

#[test]
fn json_has_the_spec_shape() {
    let m = builtin();
    let v: serde_json::Value =
        serde_json::from_str(&export(&m, "russia", "united-states", Format::Json, 100))
            .expect("valid JSON");
    assert_eq!(v["model"], m.title.as_str());
    assert_eq!(v["left"]["id"], "russia");
    assert_eq!(v["left"]["name"], "Russian Federation");
    assert_eq!(v["right"]["id"], "united-states");
    let alignment = v["alignment"].as_f64().expect("alignment is a number here");
    assert!((0.0..=1.0).contains(&alignment));
    let counts = &v["counts"];
    let issues = v["issues"].as_array().expect("issues array");
    assert_eq!(issues.len(), m.issues.len());
    let total: u64 = ["agree", "partial", "conflict", "unknown"]
        .iter()
        .map(|k| counts[k].as_u64().expect("count"))
        .sum();
    assert_eq!(total as usize, issues.len());
    for (issue, model_issue) in issues.iter().zip(&m.issues) {
        assert_eq!(issue["id"], model_issue.id.as_str(), "model order");
        assert_eq!(issue["title"], model_issue.title.as_str());
        let verdict = issue["verdict"].as_str().expect("verdict");
        assert!(["agree", "partial", "conflict", "unknown"].contains(&verdict));
        assert!(issue["red_line"].is_boolean());
        for side in ["left", "right"] {
            let s = &issue[side];
            if s.is_null() {
                assert_eq!(verdict, "unknown");
                continue;
            }
            let stance = s["stance"].as_i64().expect("stance");
            assert!((-2..=2).contains(&stance));
            assert!(s["salience"].as_f64().is_some());
            assert!(s["summary"].is_string() || s["summary"].is_null());
        }
    }
}

#[test]
fn json_alignment_is_null_when_undefined() {
    let m = builtin();
    // Kennan speaks only to NATO's expansion, on which Russia says nothing.
    let v: serde_json::Value =
        serde_json::from_str(&export(&m, "kennan", "russia", Format::Json, 100))
            .expect("valid JSON");
    assert!(v["alignment"].is_null());
    assert!(v["issues"][0]["left"].is_null());
}

#[test]
fn text_never_exceeds_the_width_and_carries_no_control_characters() {
    for m in [builtin(), hostile()] {
        let ids: Vec<String> = m.actors.iter().map(|a| a.id.clone()).collect();
        for width in [40, 41, 57, 80, 100, 133, 200] {
            for l in &ids {
                for r in &ids {
                    let text = export(&m, l, r, Format::Text, width);
                    for line in text.lines() {
                        assert!(
                            detente::text::width(line) <= width,
                            "{l} vs {r} at {width}: {line:?}"
                        );
                    }
                    assert!(
                        !text.chars().any(|c| c.is_control() && c != '\n'),
                        "{l} vs {r}"
                    );
                }
            }
        }
    }
}

#[test]
fn no_export_emits_a_raw_control_byte() {
    let m = hostile();
    for format in [Format::Text, Format::Markdown, Format::Csv, Format::Json] {
        let out = export(&m, "a", "b", format, 80);
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n' && c != '\r') || ('\u{202A}'..='\u{202E}').contains(&c)
            })
            .collect();
        assert!(bad.is_empty(), "{format:?}: {bad:?}");
    }
}

#[test]
fn csv_rows_are_rfc4180() {
    let m = hostile();
    let csv = export(&m, "a", "b", Format::Csv, 100);
    let mut lines = csv.split("\r\n");
    assert_eq!(lines.next(), Some(common::CSV_HEADER));
    assert!(csv.contains("long,"), "{csv}");
    assert!(csv.contains(",2,-2,conflict,true,"), "{csv}");
}

fn powered() -> Model {
    model::from_str(common::POWERED, model::Origin::BuiltIn).expect("valid")
}

fn powerless() -> Model {
    let y = common::POWERED
        .replace("    power: 2\n", "")
        .replace("    power: 0\n", "")
        .replace(", power: 0}", "}")
        .replace(", power: 0.5}", "}");
    model::from_str(&y, model::Origin::BuiltIn).expect("valid")
}

#[test]
fn power_shows_in_every_export_where_the_model_gives_it() {
    let m = powered();
    // By hand: i1 is A 2 (the actor's), B 0.5 (its own); i2 is A 0 (its
    // own), B 1 (the actor's, the default).
    let text = export(&m, "a", "b", Format::Text, 100);
    let first = text
        .lines()
        .find(|l| l.starts_with("salience 0.5"))
        .expect("i1 row");
    assert!(first.ends_with("salience 0.8"), "{first}");
    for (left, right) in [
        ("power 2 (the actor's)", "power 0.5 (its own)"),
        ("power 0 (its own)", "power 1 (the actor's)"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(left) && l.ends_with(right)),
            "{left} | {right} in\n{text}"
        );
    }

    let md = export(&m, "a", "b", Format::Markdown, 100);
    assert!(
        md.contains(
            "| 1 | First | **+1 supports**, salience 0.5, power 2 (the actor's) | agree | \
         **+2 demands**, salience 0.8, power 0.5 (its own) |"
        ),
        "{md}"
    );
    assert!(
        md.contains("**-1 opposes**, salience 1, power 0 (its own) |"),
        "{md}"
    );
    assert!(
        md.contains("**+1 supports**, salience 0.4, power 1 (the actor's) |"),
        "{md}"
    );

    let csv = export(&m, "a", "b", Format::Csv, 100);
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0][16..], ["left_power", "right_power"]);
    assert_eq!(rows[1][16..], ["2", "0.5"]);
    assert_eq!(rows[2][16..], ["0", "1"]);
    // C's actor power 0 shows on its position.
    let csv = export(&m, "c", "b", Format::Csv, 100);
    assert_eq!(csv.lines().nth(1).unwrap().rsplit(',').nth(1), Some("0"));
    assert_eq!(csv.lines().nth(2).unwrap().rsplit(',').nth(1), Some(""));

    let doc: serde_json::Value =
        serde_json::from_str(&export(&m, "a", "b", Format::Json, 100)).unwrap();
    let power = |i: usize, side: &str| doc["issues"][i][side]["power"].as_f64();
    assert_eq!(
        [
            power(0, "left"),
            power(0, "right"),
            power(1, "left"),
            power(1, "right")
        ],
        [Some(2.0), Some(0.5), Some(0.0), Some(1.0)]
    );
}

#[test]
fn a_model_without_power_shows_none_in_the_reports_for_reading() {
    let m = powerless();
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let out = export(&m, "a", "b", format, 100);
        assert!(!out.contains("power 1"), "{format:?}:\n{out}");
    }
    assert!(
        !export(&m, "a", "b", Format::Html, 100).contains("power ×"),
        "the map legend says salience alone"
    );
    // The machine-readable ones always carry it: 1 everywhere.
    let csv = export(&m, "a", "b", Format::Csv, 100);
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",1,1")), "{csv}");
    let doc: serde_json::Value =
        serde_json::from_str(&export(&m, "a", "b", Format::Json, 100)).unwrap();
    assert_eq!(doc["issues"][1]["left"]["power"], 1.0);
}

/// A text cell a spreadsheet would take for a formula opens as text: it
/// gets a leading `'` (OWASP's advice against CSV injection); numbers,
/// negative ones included, stay numbers.
#[test]
fn csv_cells_that_look_like_formulas_open_as_text() {
    let m = detente::model::from_str(
        r#"
title: t
issues:
  - {id: i1, title: "+cmd|' /C calc'!A0"}
  - {id: i2, title: "@SUM(1+1)"}
actors:
  - id: a
    name: A
    positions:
      i1: {stance: -2, summary: '=HYPERLINK("http://example.com","click")'}
      i2: {stance: 1, summary: "-2+3"}
  - {id: b, name: B, positions: {i1: 1, i2: -1}}
"#,
        detente::model::Origin::BuiltIn,
    )
    .expect("valid");
    let csv = common::report(&m, "a", "b", Format::Csv, 80);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[1],
        r#"i1,'+cmd|' /C calc'!A0,-2,1,conflict,false,"'=HYPERLINK(""http://example.com"",""click"")",,-2,1,stated,stated,1,1,false,false,1,1"#
    );
    assert_eq!(
        rows[2],
        "i2,'@SUM(1+1),1,-1,conflict,false,'-2+3,,1,-1,stated,stated,1,1,false,false,1,1"
    );
}

/// An issue whose short label is its title (a Decide key equal to its
/// name but for case) is named once, not "Differentiation / differentiation".
#[test]
fn an_issue_named_twice_the_same_way_is_named_once() {
    let m = detente::model::from_str(
        "
title: t
issues:
  - {id: differentiation, title: differentiation, short: Differentiation}
  - {id: finance, title: Volume of climate finance, short: Finance}
actors:
  - {id: a, name: A, positions: {differentiation: 1, finance: 1}}
  - {id: b, name: B, positions: {differentiation: -1, finance: -1}}
",
        detente::model::Origin::BuiltIn,
    )
    .expect("valid");
    let text = common::report(&m, "a", "b", Format::Text, 80);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "1. Differentiation")
        .expect("the issue's row");
    assert!(!lines[at + 1].contains("differentiation"), "{text}");
    // A title that says more than the label is still shown under it.
    let fin = lines.iter().position(|l| *l == "2. Finance").expect("row");
    assert_eq!(lines[fin + 1], "   Volume of climate finance");
    let html = common::report(&m, "a", "b", Format::Html, 80);
    assert!(!html.contains("<small>differentiation</small>"), "{html}");
    assert!(html.contains("<small>Volume of climate finance</small>"));
}

fn worked_example() -> Model {
    model::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange/worked-example.yaml"),
    )
    .expect("the worked example is valid")
}

/// Markdown's "How it may move": a table of the rounds per issue, whose
/// rounds 0–2 are the reference numbers of the worked example
/// (docs/design.md, EXCHANGE.md §8), rounded as `Issue::number` shows them.
#[test]
fn markdown_tables_the_rounds_of_the_worked_example() {
    let md = export(&worked_example(), "north", "south", Format::Markdown, 100);
    for rows in [
        // Budget, 0–200: South 180 → 132.4 → 100.984; the mean 93.942857
        // → 82.283302 (round 2's mean_start).
        "### 1. Budget, round by round\n\n| Round | North | South | Weighted mean |\n\
         |---:|---|---|---|\n| 0 | 40 | 180 | 93.9 |\n| 1 | 40 | 132.4 | 82.3 |\n| 2 | 40 | 101 | ",
        // Deadline: North 20 → 46.6 → 63.092; the mean 54.943820 → 59.726112.
        "| 0 | 20 | 90 | 54.9 |\n| 1 | 46.6 | 90 | 59.7 |\n| 2 | 63.1 | 90 | ",
        // Oversight: North 70 → 63.523569 → 56.969703; the mean 43.589744 → 40.167811.
        "| 0 | 70 | 10 | 43.6 |\n| 1 | 63.5 | 10 | 40.2 |\n| 2 | 57 | 10 | ",
    ] {
        assert!(md.contains(rows), "{rows}\n{md}");
    }
    assert!(md.contains("over 10 rounds"));
    assert_eq!(
        md.matches("\n| 10 | ").count(),
        3,
        "rounds 0 to 10, per issue"
    );
}

/// `--all-maps` from the command line: every issue drawn in full, where by
/// default a 60-issue model has 40 drawn and the rest in a compact table.
#[test]
fn all_maps_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("m.yaml");
    std::fs::write(
        &file,
        detente::generate::yaml(&detente::generate::Spec::new(6, 60)),
    )
    .expect("write");
    let run = |extra: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("detente")
            .expect("binary")
            .args(["export", "--left", "actor-0", "--right", "actor-1"])
            .arg(&file)
            .args(extra)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let page = run(&["--format", "html"]);
    assert_eq!(page.matches("<figure id=\"map-").count(), 40);
    assert!(page.contains("the other 20 are in a compact table"));
    let page = run(&["--format", "html", "--all-maps"]);
    assert_eq!(page.matches("<figure id=\"map-").count(), 60);
    assert!(!page.contains("compact table"));
    let md = run(&["--format", "markdown"]);
    assert_eq!(md.matches(", round by round\n").count(), 40, "{md}");
    assert!(md.contains("### The other issues, round 0 → "));
    let md = run(&["--format", "markdown", "--all-maps"]);
    assert_eq!(md.matches(", round by round\n").count(), 60);
}
