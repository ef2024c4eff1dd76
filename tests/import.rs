//! Decide, KTAB and long CSV files (docs/formats.md): the YAML `detente import`
//! writes (snapshots), forecasts on each imported fixture with the
//! arithmetic written out, the round trip import → YAML → load, and the
//! `import` command's output rules.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use detente::analysis::forecast::forecast;
use detente::model::{self, Basis, Model, Origin, Stance};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn detente() -> Command {
    Command::cargo_bin("detente").expect("binary")
}

/// `detente import FORMAT FILE` in the fixtures directory: its stdout.
fn import(format: &str, file: &str) -> String {
    let out = detente()
        .current_dir(fixtures())
        .args(["import", format, file])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The fixture loaded directly, and the YAML that `import` wrote loaded
/// back: the same model.
fn both(format: &str, file: &str) -> (Model, Model) {
    let direct = model::load(&fixtures().join(file)).expect("fixture loads");
    let yaml = import(format, file);
    let back = model::from_str(&yaml, Origin::BuiltIn).expect("the written YAML passes check");
    (direct, back)
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a forecast");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn decide_golden_yaml_and_forecasts() {
    let (m, back) = both("decide", "climate.dec");
    insta::assert_snapshot!("climate_dec", import("decide", "climate.dec"));
    assert_eq!(m, back, "import → YAML → load gives back the same model");

    assert_eq!(m.title, "climate");
    let ids: Vec<&str> = m.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["usa", "eu", "chn", "aosis"]);
    assert_eq!(m.actors[0].name, "United States");
    assert_eq!(m.actors[0].aliases, ["USA"]);
    assert_eq!(
        m.actors[3].description.as_deref(),
        Some("Says \"1.5 to stay alive\"")
    );
    let finance = &m.issues[0];
    assert_eq!(
        (finance.id.as_str(), finance.title.as_str()),
        ("finance", "Climate finance")
    );
    let scale = finance.scale.as_ref().expect("numeric");
    assert_eq!((scale.min, scale.max), (0.0, 100.0));
    assert_eq!(scale.labels[1].label, "$50bn a year");
    let cuts = m.issues[1].scale.as_ref().expect("numeric");
    assert_eq!(
        (cuts.min, cuts.max),
        (10.0, 60.0),
        "from the lowest to the highest #M"
    );
    let usa = m.actors[0].position(0).expect("USA on finance");
    assert_eq!(
        (usa.value, usa.salience, usa.power()),
        (20.0, 0.8, Some(1.0))
    );
    assert_eq!(usa.summary(), Some("Wants private money to count"));

    // finance, w = #D power × salience:
    //   USA   20: 1.0 × 0.8 = 0.8     EU    50: 0.8 × 0.6 = 0.48
    //   CHN   40: 1.2 × 0.4 = 0.48    AOSIS 100: 0.2 × 1.0 = 0.2
    //   Σw = 1.96; Σw·x = 16 + 24 + 19.2 + 20 = 79.2; compromise = 79.2 / 1.96
    //   median: 20 (0.8) < 0.98, 40 (1.28) ≥ 0.98 → 40
    for model in [&m, &back] {
        let f = forecast(model, 0, Basis::Inferred);
        assert_eq!(f.positions, 4);
        close(f.compromise, 79.2 / 1.96);
        close(f.median, 40.0);
        // cuts: USA 20: 1.0 × 0.5 = 0.5; EU 55: 0.8 × 0.9 = 0.72;
        //   CHN 10: 1.2 × 0.7 = 0.84; AOSIS 60: 0.2 × 1 = 0.2
        //   Σw = 2.26; Σw·x = 10 + 39.6 + 8.4 + 12 = 70; compromise = 70 / 2.26
        //   median: 10 (0.84) < 1.13, 20 (1.34) ≥ 1.13 → 20
        let f = forecast(model, 1, Basis::Inferred);
        close(f.compromise, 70.0 / 2.26);
        close(f.median, 20.0);
    }
}

#[test]
fn ktab_golden_yaml_and_forecasts() {
    let (m, back) = both("ktab", "energy-ktab.csv");
    insta::assert_snapshot!("energy_ktab", import("ktab", "energy-ktab.csv"));
    assert_eq!(m, back);

    assert_eq!(m.title, "Energy reform");
    assert_eq!(
        m.description.as_deref(),
        Some("A made-up scenario for detente tests")
    );
    let issues: Vec<(&str, &str)> = m
        .issues
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(
        issues,
        [
            ("subsidy-position", "Subsidy Position"),
            ("carbon-tax-position", "Carbon Tax Position")
        ]
    );
    let powers: Vec<f64> = m.actors.iter().map(|a| a.power).collect();
    assert_eq!(
        powers,
        [100.0, 60.0, 20.0],
        "capability is the actor's power"
    );
    assert_eq!(m.actors[2].description, None, "an empty description");
    let greens = m.actors[2].position(1).expect("Greens on the carbon tax");
    assert_eq!(
        (greens.value, greens.salience),
        (100.0, 1.0),
        "salience 100 / 100"
    );

    // subsidy, w = capability × salience / 100:
    //   Ministry 20: 100 × 0.8 = 80; Industry 10: 60 × 0.9 = 54; Greens 80: 20 × 0.4 = 8
    //   Σw = 142; Σw·x = 1600 + 540 + 640 = 2780; compromise = 2780 / 142
    //   median: 10 (54) < 71, 20 (134) ≥ 71 → 20
    // carbon tax: Ministry 30: 100 × 0.5 = 50; Industry 0: 60 × 0.7 = 42; Greens 100: 20 × 1 = 20
    //   Σw = 112; Σw·x = 1500 + 0 + 2000 = 3500; compromise = 31.25
    //   median: 0 (42) < 56, 30 (92) ≥ 56 → 30
    for model in [&m, &back] {
        let f = forecast(model, 0, Basis::Inferred);
        close(f.compromise, 2780.0 / 142.0);
        close(f.median, 20.0);
        let f = forecast(model, 1, Basis::Inferred);
        close(f.compromise, 31.25);
        close(f.median, 30.0);
    }
}

#[test]
fn long_csv_golden_yaml_and_forecasts() {
    let (m, back) = both("csv", "positions.csv");
    insta::assert_snapshot!("positions_csv", import("csv", "positions.csv"));
    assert_eq!(m, back);

    let ids: Vec<&str> = m.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "northland",
            "southland",
            "eastland",
            "westland-the-republic"
        ]
    );
    assert_eq!(m.actors[3].name, "Westland, the Republic");
    let treaty = &m.issues[0];
    assert_eq!(treaty.id, "border-treaty");
    assert!(!treaty.is_numeric(), "all stance words: a stance issue");
    let water = m.issues[1].scale.as_ref().expect("numeric");
    assert_eq!(
        (water.min, water.max),
        (0.0, 120.0),
        "[min(0, 30), max(100, 120)]"
    );
    let north = m.actors[0].position(0).expect("Northland on the treaty");
    assert_eq!(north.stance, Some(Stance::Demands));
    assert!(north.red_line);
    assert_eq!(north.power(), Some(2.0));
    assert_eq!(north.summary(), Some("Wants it signed, and soon"));
    let e = &north.evidence()[0];
    assert_eq!(e.quote, "\"No treaty, no talks,\" the envoy said.");
    assert_eq!(e.speaker.as_deref(), Some("Envoy Ana Berg"));
    assert_eq!(e.date.as_deref(), Some("2023-05-02"));
    assert_eq!(m.sources[0].id, "daily-ledger");
    let south = m.actors[1].position(0).expect("Southland");
    assert_eq!(
        (south.stance, south.basis),
        (Some(Stance::Rejects), Basis::Reported)
    );

    // border treaty (stance issue), w = power (position's, else the actor's 1) × salience:
    //   Northland +2: 2 × 1 = 2; Southland -2: 1 × 0.8 = 0.8; Eastland 0: 1 × 0.5 = 0.5
    //   Σw = 3.3; Σw·x = 4 − 1.6 + 0 = 2.4; compromise = 2.4 / 3.3
    //   median: -2 (0.8) < 1.65, 0 (1.3) < 1.65, +2 (3.3) → 2
    // water share: Northland 60: 2 × 0.9 = 1.8; Southland 30: 1 × 1 = 1;
    //   Eastland 45: 1 × 0.4 = 0.4; Westland 120: 0.5 × 0.2 = 0.1
    //   Σw = 3.3; Σw·x = 108 + 30 + 18 + 12 = 168; compromise = 168 / 3.3
    //   median: 30 (1) < 1.65, 45 (1.4) < 1.65, 60 (3.2) → 60
    for model in [&m, &back] {
        let f = forecast(model, 0, Basis::Inferred);
        close(f.compromise, 2.4 / 3.3);
        close(f.median, 2.0);
        let f = forecast(model, 1, Basis::Inferred);
        close(f.compromise, 168.0 / 3.3);
        close(f.median, 60.0);
        // Stated only: Southland (reported) and Eastland (inferred) drop out.
        let f = forecast(model, 0, Basis::Stated);
        assert_eq!(f.positions, 1);
        close(f.compromise, 2.0);
    }
}

#[test]
fn every_command_takes_every_format_and_stdin() {
    for file in ["climate.dec", "energy-ktab.csv", "positions.csv"] {
        let out = detente()
            .current_dir(fixtures())
            .args(["check", file])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{file}");
        // `-` reads the same bytes from standard input.
        let bytes = fs::read(fixtures().join(file)).expect("fixture");
        let out = detente()
            .args(["check", "-"])
            .write_stdin(bytes)
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{file} on stdin");
        assert!(stdout.starts_with("<standard input>: ok: "), "{stdout}");
    }
    let out = detente()
        .current_dir(fixtures())
        .args(["export", "climate.dec", "--left", "usa", "--right", "China"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("United States") && text.contains("China"),
        "{text}"
    );
}

#[test]
fn import_writes_atomically_and_never_clobbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("climate.yaml");
    let src = fixtures().join("climate.dec");
    let run = |extra: &[&str]| {
        detente()
            .arg("import")
            .arg("decide")
            .arg(&src)
            .arg("-o")
            .arg(&out)
            .args(extra)
            .output()
            .expect("runs")
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let written = fs::read_to_string(&out).expect("written");
    assert!(
        written.starts_with("# Imported by detente from "),
        "{written}"
    );
    assert!(model::load(&out).is_ok(), "the written file passes check");

    fs::write(&out, "mine").expect("overwrite by hand");
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(2), "refuses to overwrite");
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    assert_eq!(fs::read_to_string(&out).expect("kept"), "mine");

    assert_eq!(run(&["--force"]).status.code(), Some(0));
    assert_eq!(fs::read_to_string(&out).expect("replaced"), written);

    // Never over the file it reads.
    let same = detente()
        .args(["import", "decide"])
        .arg(&src)
        .arg("-o")
        .arg(&src)
        .arg("--force")
        .output()
        .expect("runs");
    assert_eq!(same.status.code(), Some(2));

    // A bad file: exit 1, every problem, nothing written.
    let bad_out = dir.path().join("bad.yaml");
    let bad = detente()
        .args(["import", "decide"])
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/bad/decide-several-errors.dec"),
        )
        .arg("-o")
        .arg(&bad_out)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("7 problems found"));
    assert!(!bad_out.exists());
}

#[test]
fn import_reads_standard_input_and_writes_standard_output() {
    let bytes = fs::read(fixtures().join("positions.csv")).expect("fixture");
    let out = detente()
        .args(["import", "csv", "-"])
        .write_stdin(bytes)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let yaml = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(yaml.starts_with("# Imported by detente from standard input (long CSV)."));
    let m = model::from_str(&yaml, Origin::BuiltIn).expect("valid");
    assert_eq!(m.title, "Imported model");
    assert_eq!(m.actors.len(), 4);
}

#[test]
fn the_interactive_view_refuses_a_model_on_standard_input() {
    let out = detente()
        .arg("-")
        .write_stdin("actor,issue,position\na,b,1\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input"));
}

#[test]
fn hostile_names_survive_the_round_trip() {
    let mut csv = ::csv::Writer::from_writer(Vec::new());
    csv.write_record([
        "actor", "issue", "position", "summary", "quote", "speaker", "source",
    ])
    .expect("header");
    let hostile = [
        "O'Brien \"the Hammer\"",
        "key: value # not a comment",
        "- leading dash",
        "line one\nline two",
        "Ünïcödé ☃ 日本 🙂",
        "back\\slash\ttab",
        "&anchor *alias !tag |literal >folded",
        "null",
        "true",
        "0x1A",
        "1e5",
        "@at `tick` %percent",
        "{flow: [map]}",
    ];
    for (i, name) in hostile.iter().enumerate() {
        csv.write_record([
            *name,
            hostile[(i + 3) % hostile.len()],
            &format!("{}", i * 7),
            name,
            name,
            name,
            name,
        ])
        .expect("row");
    }
    let bytes = csv.into_inner().expect("bytes");
    let m = model::from_any_bytes(&bytes, Origin::BuiltIn).expect("imports");
    let yaml = model::to_yaml(&m, "hostile\nnames: # here");
    let back = model::from_str(&yaml, Origin::BuiltIn).expect("reloads");
    assert_eq!(m, back, "{yaml}");
    assert_eq!(m.actors[3].name, "line one line two");
    let issue = m
        .issues
        .iter()
        .position(|i| i.title == "line one line two")
        .expect("the issue of row 1, on one line");
    let p = m.actors[0].position(issue).expect("position");
    assert_eq!(p.evidence()[0].quote, "O'Brien \"the Hammer\"");
    assert_eq!(m.sources[0].title, "O'Brien \"the Hammer\"");
}

mod round_trip {
    use super::*;
    use proptest::prelude::*;

    /// A value as generated: a number on a numeric issue, a stance on a
    /// stance issue.
    #[derive(Debug, Clone)]
    struct Row {
        number: f64,
        stance: Stance,
        salience: f64,
        power: Option<f64>,
        basis: Basis,
        red_line: bool,
    }

    fn row() -> impl Strategy<Value = Row> {
        (
            -1e6f64..1e6,
            0usize..5,
            0f64..=1.0,
            proptest::option::of(0f64..1e6),
            0usize..3,
            any::<bool>(),
        )
            .prop_map(|(number, s, salience, power, b, red_line)| Row {
                number,
                stance: Stance::ALL[s],
                salience,
                power,
                basis: Basis::ALL[b],
                red_line,
            })
    }

    /// Names with the characters that break naive writers.
    fn name() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 '\":#\\-\\\\\n\t☃é,;{}\\[\\]&*!|>%@`]{0,12}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn long_csv_import_to_yaml_and_back_keeps_every_number_and_name(
            actors in proptest::collection::vec(name(), 1..5),
            issues in proptest::collection::vec((name(), any::<bool>()), 1..4),
            rows in proptest::collection::vec(row(), 16),
        ) {
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["Actor", "Issue", "Position", "Salience", "Power", "Basis", "Red_Line", "Summary"]).expect("header");
            let actor_key = |a: usize| format!("A{a}|{}", actors[a]);
            let issue_key = |i: usize| format!("I{i}|{}", issues[i].0);
            for a in 0..actors.len() {
                for (i, (_, numeric)) in issues.iter().enumerate() {
                    let r = &rows[(a * issues.len() + i) % rows.len()];
                    let position = if *numeric { r.number.to_string() } else { r.stance.word().to_string() };
                    w.write_record([
                        actor_key(a),
                        issue_key(i),
                        position,
                        r.salience.to_string(),
                        r.power.map_or(String::new(), |p| p.to_string()),
                        r.basis.word().to_string(),
                        r.red_line.to_string(),
                        actors[a].clone(),
                    ]).expect("row");
                }
            }
            let bytes = w.into_inner().expect("bytes");
            let m = model::from_any_bytes(&bytes, Origin::BuiltIn).expect("imports");
            let yaml = model::to_yaml(&m, "round trip");
            let back = model::from_str(&yaml, Origin::BuiltIn).expect("the YAML loads");
            prop_assert_eq!(&m, &back);

            // The numbers are the ones written in the CSV.
            for a in 0..actors.len() {
                let clean = |s: &str| detente::sanitize::line(s).trim().to_string();
                prop_assert_eq!(&back.actors[a].name, &clean(&actor_key(a)));
                for (i, (_, numeric)) in issues.iter().enumerate() {
                    prop_assert_eq!(&back.issues[i].title, &clean(&issue_key(i)));
                    let r = &rows[(a * issues.len() + i) % rows.len()];
                    let p = back.actors[a].position(i).expect("dense");
                    let want = if *numeric { r.number } else { f64::from(r.stance.value()) };
                    prop_assert_eq!(p.value, want);
                    prop_assert_eq!(p.salience, r.salience);
                    prop_assert_eq!(p.power(), r.power);
                    prop_assert_eq!(p.basis, r.basis);
                    prop_assert_eq!(p.red_line, r.red_line);
                }
            }
        }

        #[test]
        fn decide_import_to_yaml_and_back_keeps_every_number(
            points in proptest::collection::vec(-1e4f64..1e4, 2..5),
            rows in proptest::collection::vec((0f64..=1.0, 0f64..=1.0, 0f64..1e4), 1..6),
            label in "[a-zA-Z0-9 :#\\-☃é]{0,12}",
        ) {
            let lo = points.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = points.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assume!(lo < hi);
            let mut text = String::from("\u{feff}#/ generated\r\n#P;'x';'The issue'\r\n");
            for p in &points {
                text.push_str(&format!("#M;'x';{p};'{label}'\r\n"));
            }
            for (a, (t, salience, power)) in rows.iter().enumerate() {
                let value = (lo + t * (hi - lo)).clamp(lo, hi);
                text.push_str(&format!("#A;'k{a}';'Actor {a} {label}';;\r\n"));
                text.push_str(&format!("#D;'k{a}';'x';{value};{salience};{power};\r\n"));
            }
            let m = model::from_any_bytes(text.as_bytes(), Origin::BuiltIn).expect("imports");
            let back = model::from_str(&model::to_yaml(&m, ""), Origin::BuiltIn).expect("loads");
            prop_assert_eq!(&m, &back);
            let scale = back.issues[0].scale.as_ref().expect("numeric");
            prop_assert_eq!((scale.min, scale.max), (lo, hi));
            // A description without a letter sets the scale but is no label.
            let labelled = if label.chars().any(char::is_alphabetic) { points.len() } else { 0 };
            prop_assert_eq!(scale.labels.len(), labelled);
            for (a, (t, salience, power)) in rows.iter().enumerate() {
                let p = back.actors[a].position(0).expect("position");
                prop_assert_eq!(p.value, (lo + t * (hi - lo)).clamp(lo, hi));
                prop_assert_eq!((p.salience, p.power()), (*salience, Some(*power)));
            }
        }
    }
}

#[test]
fn the_format_guide_examples_of_each_format_load() {
    let guide = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats.md"))
        .expect("docs/formats.md");
    let section = guide
        .split("## Opening Decide, KTAB and CSV files")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the section");
    let blocks: Vec<&str> = section
        .split("```text\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .collect();
    assert_eq!(blocks.len(), 3, "one example per format");
    for (block, want) in blocks.iter().zip(["#A", "Energy reform", "actor,issue"]) {
        assert_eq!(block.lines().count(), 3, "three lines:\n{block}");
        assert!(block.starts_with(want), "{block}");
        let m = model::from_any_bytes(block.as_bytes(), Origin::BuiltIn)
            .unwrap_or_else(|e| panic!("{e}\n{block}"));
        assert!(m.position_count() >= 1);
    }
}
