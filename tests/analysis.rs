//! `detente rank` and the cruxes and trades in the exports, through the real
//! binary, on tests/fixtures/good/analysis.yaml. Every expected number is
//! worked out by hand below from the rules of docs/design.md.

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
//
// Agreement (docs/design.md, "Agreement"), Σ w·s / Σ w with s = 1 agree, ½ partial, 0 conflict,
// which orders them (all on 3 shared issues):
// | china | conflict (d .6)  | conflict (+1 vs −1) | agree (d 0)      | .55 / 1.6 = .34375 → 34% |
// | eu    | partial (d .4)   | conflict            | conflict (d 5/9) | .375 / 1.6 = .234375     |
// | aosis | conflict         | conflict            | conflict (d 8/9) | 0                        |
// With --min-basis stated, AOSIS shares 2 issues with each: too few to say, all of them.
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
    close(&closest[0]["agreement"], 0.55 / 1.6);
    close(&closest[1]["agreement"], 0.375 / 1.6);
    close(&closest[2]["agreement"], 0.0);
    for c in closest {
        assert_eq!(c["shared"], 3);
        assert_eq!(c["too_few"], false);
    }
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
    close(&usa["agreement"], 0.0);
    assert_eq!(usa["shared"], 2);
    assert_eq!(usa["too_few"], true);
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
        rows[0].contains("34%") && rows[0].contains("China (china)"),
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
//
// Trades: the exchange model's first round (docs/design.md, "Trades"), on
// internal 0–100 scales (stance x = (s + 2)·25, review x = (y − 1)·100/9),
// weights w = salience × power (aosis has power .3):
//   finance  usa 20 (w .9), eu 60 (.6), china 80 (.5), aosis 100 (.21):
//            D 2.21, mean 115/2.21 = 52.04: usa low, aosis high;
//   loss     usa 25 (.4), eu 75 (.5), china 75 (.3), aosis 100 (.3):
//            D 1.5, mean 100/1.5 = 66.67: usa low, aosis high;
//   review   usa 100 (.3), eu 44.44 (.5), china 100 (.8), aosis 11.11 (.18):
//            D 1.78, mean 134.22/1.78 = 75.41: usa high, aosis low.
// (finance, loss): aosis .7·.4 < usa .9·1, so usa demands finance and gives
//   way on loss. aosis moves 80 on finance: Δp = 80·.21/2.21 = 7.6018,
//   Δq = 7.6018·1.6/1.4 = 8.6878, usa moves 8.6878·1.5/.4 = 32.579 < 75:
//   usa 25 → 57.579 (stance +0.303), aosis 100 → 20; gain
//   7.6018·.9 − 8.6878·.4 = 3.366516. No mean passes its target.
// (finance, review): usa .9·.6 ≥ aosis .7·.3: usa demands finance, gives
//   way on review: Δq = 7.6018·1.6/.9 = 13.5143, usa moves 13.5143·1.78/.3
//   = 80.185 < 88.89: 100 → 19.815 (2.783 on 1–10); gain 7.6018·.9 −
//   13.5143·.3 = 2.787330.
// (loss, review): usa .4·.6 < aosis 1·.3: aosis demands loss and gives way
//   on review (its red line is on loss, which it demands). usa moves 75:
//   Δp = 20, Δq = 20·1.4/.9 = 31.11, aosis would move 307.6 > 88.89:
//   capped, Δq = 88.89·.18/1.78 = 8.9888, Δp = 8.9888·.9/1.4 = 5.7785,
//   usa moves 5.7785·1.5/.4 = 21.669: 25 → 46.669 (−0.133); aosis 2 → 10;
//   gain 5.7785 − 8.9888·.6 = 0.385233.
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
    let want = [
        (
            3.366516,
            "loss-damage",
            -1.0,
            0.303167,
            "finance",
            100.0,
            20.0,
        ),
        (
            2.787330,
            "review-years",
            10.0,
            2.783348,
            "finance",
            100.0,
            20.0,
        ),
        (
            0.385233,
            "loss-damage",
            -1.0,
            -0.133226,
            "review-years",
            2.0,
            10.0,
        ),
    ];
    assert_eq!(trades.len(), want.len(), "{trades:?}");
    for (t, w) in trades.iter().zip(want) {
        let near =
            |v: &Value, x: f64| assert!((v.as_f64().expect("number") - x).abs() < 1e-6, "{t}");
        near(&t["gain"], w.0);
        assert_eq!(t["left"]["gives"], w.1);
        near(&t["left"]["from"], w.2);
        near(&t["left"]["to"], w.3);
        assert_eq!(t["right"]["gives"], w.4);
        near(&t["right"]["from"], w.5);
        near(&t["right"]["to"], w.6);
    }

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
            "1. United States gives way on Loss and damage fund (-1 → +0.303), Alliance of Small Island States on Climate finance (100 → 20)"
        ),
        "{text}"
    );
}
