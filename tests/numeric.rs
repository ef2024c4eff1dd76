//! Numeric issues (docs/design.md, "Numeric rule" and "Forecasts") through the real binary: verdicts and
//! alignment on every scale, forecasts and their errors, checked against
//! arithmetic written out here from tests/fixtures/good/numeric.yaml.

use assert_cmd::Command;
use serde_json::Value;

const MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/good/numeric.yaml"
);

mod common;
use common::{close, json as run};

/// The verdicts of a JSON export, in issue order.
fn verdicts(doc: &Value) -> Vec<&str> {
    doc["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| i["verdict"].as_str().expect("verdict"))
        .collect()
}

/// A vs B. budget: 20 vs 30 on 0..100, d = 0.1: agree (the boundary
/// counts), closeness 0.9, w = (0.5 + 1)/2 = 0.75. troops: -50 vs 0 on
/// -50..50, d = 0.5: conflict (the boundary counts), closeness 0.5, w = 1.
/// treaty: +2 vs -1: conflict, closeness 1 - 3/4 = 0.25, w = 1. unheard:
/// unknown. Alignment (0.75·0.9 + 0.5 + 0.25) / 2.75 = 1.425 / 2.75.
#[test]
fn verdicts_and_alignment_on_every_scale() {
    let doc = run(&[
        "export", MODEL, "--left", "a", "--right", "b", "--format", "json",
    ]);
    assert_eq!(verdicts(&doc), ["agree", "conflict", "conflict", "unknown"]);
    close(&doc["alignment"], 1.425 / 2.75, "A–B alignment");
    assert_eq!(doc["issues"][0]["left"]["value"], 20.0);
    assert!(
        doc["issues"][0]["left"]["stance"].is_null(),
        "no stance on a numeric issue"
    );
    assert_eq!(doc["issues"][1]["right"]["power"], 3.0);
    assert_eq!(doc["issues"][2]["left"]["stance"], 2);

    // B vs C. budget: 30 vs 70, d = 0.4: partial, closeness 0.6, w 1.
    // troops: 0 vs 50, d = 0.5: conflict, closeness 0.5, w = 0.7. treaty:
    // -1 vs +1: conflict, closeness 0.5, w 1. (0.6 + 0.35 + 0.5) / 2.7.
    let doc = run(&[
        "export", MODEL, "--left", "b", "--right", "c", "--format", "json",
    ]);
    assert_eq!(
        verdicts(&doc),
        ["partial", "conflict", "conflict", "unknown"]
    );
    close(&doc["alignment"], 1.45 / 2.7, "B–C alignment");
}

/// Weights w = power × salience.
/// budget: A 2·0.5 = 1 at 20, B 1 at 30, C 0.5 at 70. Compromise
/// (20 + 30 + 35) / 2.5 = 34. Median: sorted 20 (1), 30 (2 ≥ 1.25): 30.
/// Outcome 40: errors |34-40|/100·100 = 6, |30-40| = 10.
/// troops: A 2 at -50, B 3 (its own power) at 0, C 0.5·0.4 = 0.2 at 50.
/// Compromise (-100 + 0 + 10) / 5.2; median: -50 (2), 0 (5 ≥ 2.6): 0.
/// Outcome 0: errors |-90/5.2| / 100 · 100 and 0.
/// treaty: A 2 at +2, B 1 at -1, C 0.5 at +1. Compromise (4 - 1 + 0.5) / 3.5
/// = 1; median: -1 (1), +1 (1.5), +2 (3.5 ≥ 1.75): 2. Outcome +1: errors 0
/// and 1/4·100 = 25. unheard: no positions, no forecast, no outcome.
#[test]
fn forecasts_and_their_errors() {
    let doc = run(&["forecast", MODEL, "--format", "json"]);
    assert_eq!(doc["min_basis"], "inferred");
    let i = &doc["issues"];
    assert_eq!(i[0]["positions"], 3);
    close(&i[0]["compromise"], 34.0, "budget compromise");
    close(&i[0]["median"], 30.0, "budget median");
    close(&i[0]["error"]["compromise"], 6.0, "budget error C");
    close(&i[0]["error"]["median"], 10.0, "budget error M");
    assert_eq!(i[0]["scale"]["min"], 0.0);
    assert_eq!(i[0]["scale"]["max"], 100.0);

    close(&i[1]["compromise"], -90.0 / 5.2, "troops compromise");
    close(&i[1]["median"], 0.0, "troops median");
    close(&i[1]["error"]["compromise"], 90.0 / 5.2, "troops error C");
    close(&i[1]["error"]["median"], 0.0, "troops error M");

    close(&i[2]["compromise"], 1.0, "treaty compromise");
    close(&i[2]["median"], 2.0, "treaty median");
    close(&i[2]["outcome"], 1.0, "treaty outcome");
    close(&i[2]["error"]["compromise"], 0.0, "treaty error C");
    close(&i[2]["error"]["median"], 25.0, "treaty error M");
    assert_eq!(i[2]["scale"]["min"], -2.0);

    assert_eq!(i[3]["positions"], 0);
    assert!(i[3]["compromise"].is_null() && i[3]["median"].is_null());
    assert!(i[3]["error"]["compromise"].is_null());

    assert_eq!(doc["mae"]["issues"], 3);
    close(
        &doc["mae"]["compromise"],
        (6.0 + 90.0 / 5.2 + 0.0) / 3.0,
        "MAE C",
    );
    close(&doc["mae"]["median"], (10.0 + 0.0 + 25.0) / 3.0, "MAE M");
}

#[test]
fn forecast_in_text_markdown_and_csv() {
    let text = |format: &str| {
        let out = Command::cargo_bin("detente")
            .expect("binary")
            .args(["forecast", MODEL, "--format", format])
            .output()
            .expect("run");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let t = text("text");
    assert!(t.contains("Forecasts: Numeric test model"), "{t}");
    assert!(
        t.contains("Mean absolute error over 3 issues: compromise 7.8, median 11.7."),
        "{t}"
    );
    assert!(
        t.contains(
            "2. Troops withdrawn           -50..50  3  -17.3        0.0         0.0                17.3     0.0"
        ),
        "{t}"
    );
    let md = text("markdown");
    assert!(
        md.contains(
            "| 1 | Size of the joint budget | 0..100 | 3 | 34.0 | 30.0 | 40.0 | 6.0 | 10.0 |"
        ),
        "{md}"
    );
    let csv = text("csv");
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "issue_id,issue,min,max,positions,compromise,median,outcome,error_compromise,error_median"
        )
    );
    assert_eq!(
        lines.next(),
        Some("budget,Size of the joint budget,0,100,3,34,30,40,6,10")
    );
}

#[test]
fn no_outcome_anywhere_gives_a_null_mae() {
    let doc = run(&["forecast", "--format", "json"]);
    assert!(doc["mae"].is_null(), "the Geneva model records no outcomes");
    assert_eq!(doc["issues"].as_array().map(Vec::len), Some(20));
}

#[test]
fn the_basis_filter_applies_to_forecasts() {
    let model = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good/bases.yaml"
    );
    // i1: A +2 stated, B -2 reported. All: (2 - 2) / 2 = 0; stated only: A alone, 2.
    let all = run(&["forecast", model, "--format", "json"]);
    close(&all["issues"][0]["compromise"], 0.0, "all");
    let stated = run(&[
        "forecast",
        model,
        "--format",
        "json",
        "--min-basis",
        "stated",
    ]);
    close(&stated["issues"][0]["compromise"], 2.0, "stated only");
    assert_eq!(stated["issues"][0]["positions"], 1);
    assert_eq!(stated["min_basis"], "stated");
}
