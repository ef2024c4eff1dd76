//! Which positions count (docs/design.md, "Basis and minimum basis"): the same pair compared at each minimum
//! basis, through the real binary, against a table worked out by hand.

use assert_cmd::Command;
use serde_json::Value;

const MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/good/bases.yaml"
);

mod common;

/// `detente export` of A vs B in `format`, counting from `min_basis`.
fn args<'a>(format: &'a str, min_basis: &'a str) -> [&'a str; 10] {
    [
        "export",
        MODEL,
        "--left",
        "a",
        "--right",
        "b",
        "--format",
        format,
        "--min-basis",
        min_basis,
    ]
}

fn export(min_basis: &str) -> Value {
    common::json(&args("json", min_basis))
}

struct Expected {
    min_basis: &'static str,
    /// Per issue i1..i4: verdict and red-line flag.
    verdicts: [(&'static str, bool); 4],
    /// agree, partial, conflict, unknown, red_line.
    counts: [u64; 5],
    alignment: Option<f64>,
}

/// A: i1 demands (stated), i2 supports (reported), i3 opposes (inferred),
///    i4 neutral (stated, salience 0.5).
/// B: i1 rejects (reported, red line), i2 supports, i3 opposes (stated),
///    i4 supports (inferred).
///
/// All positions: i1 +2/-2 conflict, red line, w 1, closeness 0; i2 +1/+1
/// agree, w 1, closeness 1; i3 -1/-1 agree, w 1, closeness 1; i4 0/+1
/// partial, w 0.75, closeness 0.75. Alignment (0 + 1 + 1 + 0.5625) / 3.75.
/// Stated and reported: A's i3 and B's i4 drop out: i1 conflict (red line),
/// i2 agree, i3 and i4 unknown; alignment (0 + 1) / 2.
/// Stated only: A's i2 and B's i1 drop out too: nothing is shared.
const TABLE: [Expected; 3] = [
    Expected {
        min_basis: "inferred",
        verdicts: [
            ("conflict", true),
            ("agree", false),
            ("agree", false),
            ("partial", false),
        ],
        counts: [2, 1, 1, 0, 1],
        alignment: Some(2.5625 / 3.75),
    },
    Expected {
        min_basis: "reported",
        verdicts: [
            ("conflict", true),
            ("agree", false),
            ("unknown", false),
            ("unknown", false),
        ],
        counts: [1, 0, 1, 2, 1],
        alignment: Some(0.5),
    },
    Expected {
        min_basis: "stated",
        verdicts: [("unknown", false); 4],
        counts: [0, 0, 0, 4, 0],
        alignment: None,
    },
];

#[test]
fn verdicts_counts_and_alignment_at_each_minimum_basis() {
    for want in TABLE {
        let doc = export(want.min_basis);
        let at = want.min_basis;
        assert_eq!(doc["min_basis"], at);
        let issues = doc["issues"].as_array().expect("issues");
        for (issue, (verdict, red_line)) in issues.iter().zip(want.verdicts) {
            assert_eq!(issue["verdict"], verdict, "{at}: {}", issue["id"]);
            assert_eq!(issue["red_line"], red_line, "{at}: {}", issue["id"]);
        }
        let c = &doc["counts"];
        let got = ["agree", "partial", "conflict", "unknown", "red_line"].map(|k| c[k].as_u64());
        assert_eq!(got, want.counts.map(Some), "{at}: counts");
        match want.alignment {
            None => assert!(doc["alignment"].is_null(), "{at}: {}", doc["alignment"]),
            Some(a) => common::close(&doc["alignment"], a, at),
        }
    }
}

#[test]
fn a_side_that_does_not_count_is_null_and_a_counted_one_names_its_basis() {
    let all = export("inferred");
    let i1 = &all["issues"][0];
    assert_eq!(i1["left"]["basis"], "stated");
    assert_eq!(i1["right"]["basis"], "reported");
    assert_eq!(i1["right"]["value"], -2.0);
    let stated = export("stated");
    assert!(stated["issues"][0]["right"].is_null());
    assert_eq!(stated["issues"][0]["left"]["basis"], "stated");
}

#[test]
fn text_csv_and_markdown_mark_what_others_report() {
    let run = |format: &str, min: &str| {
        let out = Command::cargo_bin("detente")
            .expect("binary")
            .args(args(format, min))
            .output()
            .expect("run");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let text = run("text", "inferred");
    assert!(text.contains("-2 rejects (reported)"), "{text}");
    assert!(text.contains("-1 opposes (inferred)"), "{text}");
    assert!(!text.contains("Counting"), "no filter, no filter line");
    let strict = run("text", "stated");
    assert!(
        strict.contains(
            "Counting stated positions only: reported and inferred ones are unknown here."
        ),
        "{strict}"
    );
    let md = run("markdown", "reported");
    assert!(md.contains("**-2 rejects (reported)** (red line)"), "{md}");
    assert!(
        md.contains("Counting stated and reported positions only"),
        "{md}"
    );
    assert!(md.contains("| ? unknown |"), "unknown is not bold: {md}");
    let csv = run("csv", "inferred");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(common::CSV_HEADER));
    assert_eq!(
        lines.next(),
        Some("i1,One,2,-2,conflict,true,,,2,-2,stated,reported,1,1,false,true,1,1")
    );
    assert_eq!(
        lines.nth(2),
        Some("i4,Four,0,1,partial,false,,,0,1,stated,inferred,0.5,1,false,false,1,1")
    );
}

#[test]
fn an_unknown_minimum_basis_is_a_usage_error() {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args(args("text", "rumour"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stated") && err.contains("reported"), "{err}");
}
