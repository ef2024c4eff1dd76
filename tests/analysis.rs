//! `detente rank` and the cruxes and trades in the exports, through the real
//! binary, on tests/fixtures/good/analysis.yaml. Every expected number is
//! worked out by hand below from SPEC §2.

use assert_cmd::Command;
use serde_json::Value;

const MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/good/analysis.yaml"
);

mod common;
use common::json;

fn close(v: &Value, want: f64) {
    common::close(v, want, "value");
}

// Alignment of usa with each actor, Σ w·(1 − |a − b|/R) / Σ w:
//
// | other | finance (R 100)          | loss-damage (R 4)      | review (R 9)               | alignment          |
// | eu    | w .75, 1 − 40/100 = .6   | w .45, 1 − 2/4 = .5    | w .4, 1 − 5/9 = 4/9        | .852778 / 1.6      |
// | china | w .7,  1 − 60/100 = .4   | w .35, .5              | w .55, 1                   | 1.005 / 1.6        |
// | aosis | w .8,  1 − 80/100 = .2   | w .7, 1 − 3/4 = .25    | w .45, 1 − 8/9 = 1/9       | .385 / 1.95        |
//
// With --min-basis stated, aosis's reported review position is unknown:
// aosis = (.16 + .175) / 1.5.
#[test]
fn rank_json_is_closest_first_with_counts() {
    let v = json(&["rank", MODEL, "usa", "--format", "json"]);
    assert_eq!(v["actor"]["id"], "usa");
    assert_eq!(v["actor"]["name"], "United States");
    assert_eq!(v["min_basis"], "inferred");
    let closest = v["closest"].as_array().expect("array");
    let ids: Vec<&str> = closest
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["china", "eu", "aosis"]);
    close(&closest[0]["alignment"], 1.005 / 1.6);
    close(
        &closest[1]["alignment"],
        (0.45 + 0.225 + 0.4 * 4.0 / 9.0) / 1.6,
    );
    close(&closest[2]["alignment"], (0.16 + 0.175 + 0.45 / 9.0) / 1.95);
    // china: finance d = .6 conflict, loss-damage -1/+1 conflict, review agree.
    let c = &closest[0]["counts"];
    assert_eq!(
        (&c["agree"], &c["partial"], &c["conflict"], &c["unknown"]),
        (
            &Value::from(1),
            &Value::from(0),
            &Value::from(2),
            &Value::from(0)
        )
    );
    assert_eq!(closest[2]["name"], "Alliance of Small Island States");
    assert_eq!(closest[2]["counts"]["red_line"], 1);

    let v = json(&[
        "rank",
        MODEL,
        "AOSIS",
        "--format",
        "json",
        "--min-basis",
        "stated",
    ]);
    assert_eq!(v["min_basis"], "stated");
    let usa = &v["closest"].as_array().expect("array")[2];
    assert_eq!(usa["id"], "usa");
    close(&usa["alignment"], (0.16 + 0.175) / 1.5);
}

#[test]
fn rank_text_and_errors() {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args(["rank", MODEL, "usa"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Closest to United States (state)"), "{text}");
    let rows: Vec<&str> = text.lines().skip(3).collect();
    assert!(
        rows[0].contains("63%") && rows[0].contains("China (china)"),
        "{text}"
    );
    assert!(
        rows[2].ends_with("Alliance of Small Island States (aosis)"),
        "{text}"
    );
    // The built-in model when MODEL is left out; an unknown actor exits 2.
    let v = json(&["rank", "russia", "--format", "json"]);
    assert_eq!(v["actor"]["id"], "russia");
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args(["rank", MODEL, "nobody"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

// usa (left) vs aosis (right): every issue conflicts (finance d = .8,
// loss-damage -1 vs +2 with aosis's red line, review d = 8/9).
// Cruxes: the red line first, then s sums finance .9 + .7 = 1.6, review .3 + .6.
// Trades (A = usa, B = aosis; B has a red line on loss-damage so i ≠ it):
//   i = finance (A .9, B .7), j = loss-damage (A .4, B 1.0): .9 > .4, 1 > .7
//     → min(.5, .3) = .3;
//   i = finance, j = review (A .3, B .6): .6 > .7 fails;
//   i = review (A .3): no j with a lower A salience.
#[test]
fn export_json_and_text_carry_cruxes_and_trades() {
    let v = json(&[
        "export", MODEL, "--left", "usa", "--right", "aosis", "--format", "json",
    ]);
    assert_eq!(
        v["cruxes"],
        serde_json::json!(["loss-damage", "finance", "review-years"])
    );
    let trades = v["trades"].as_array().expect("trades");
    assert_eq!(trades.len(), 1);
    assert_eq!(trades[0]["left_gives"], "loss-damage");
    assert_eq!(trades[0]["right_gives"], "finance");
    close(&trades[0]["score"], 0.3);

    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args([
            "export", MODEL, "--left", "usa", "--right", "aosis", "--width", "200",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let cruxes = text.find("Cruxes").expect("a cruxes section");
    assert!(
        cruxes < text.find("Evidence").expect("evidence"),
        "after the table"
    );
    assert!(
        text.contains("1. Loss and damage fund — red line — salience 0.4 + 1"),
        "{text}"
    );
    assert!(
        text.contains(
            "1. United States gives way on Loss and damage fund, Alliance of Small Island States on Climate finance"
        ),
        "{text}"
    );
}
