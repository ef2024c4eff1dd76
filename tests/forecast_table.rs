//! `detente forecast` through the real binary on
//! tests/fixtures/good/forecast-names.yaml, its table written out here by
//! hand: names cut at a word and given whole under the table, an issue whose
//! short label is its title shown once, error columns headed in words, and
//! every number with its issue's decimals (58.0 beside 49.4, not 58).

use assert_cmd::Command;

const MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/good/forecast-names.yaml"
);

fn forecast(format: &str) -> String {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args(["forecast", MODEL, "--format", format])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// binding (0..100, one decimal): compromise (40 + 50.8 + 57.4) / 3 = 49.4,
/// median 50.8, outcome 57.97 → 58.0; errors 8.57 → 8.6 and 7.17 → 7.2.
/// differentiation (stance, three decimals): (1 − 1 + 2) / 3 = 0.667, median
/// +1, outcome +1; errors |0.667 − 1| / 4 = 8.3 % and 0. nato (0..10, two
/// decimals): 5.00, 4.00, outcome 3.00; errors 2 / 10 = 20.0 and 10.0. Mean
/// absolute errors (8.57 + 8.33 + 20) / 3 = 12.3 and (7.17 + 0 + 10) / 3 = 5.7.
/// The issue column is 32 wide: "1. Whether the parties agree to" (31) and
/// "3. NATO non-expansion" are cut after a word.
#[test]
fn the_text_table_by_hand() {
    let expected = [
        "Forecasts: Forecast names test model",
        "Counting all positions (minimum basis: inferred).",
        "",
        "                                                                                              error   error",
        "issue                             scale   n  compromise        median       outcome      compromise  median",
        "1. Whether the parties agree to…  0..100  3  49.4              50.8         58.0                8.6     7.2",
        "2. differentiation                stance  3  0.667 ≈ supports  +1 supports  +1 supports         8.3     0.0",
        "3. NATO non-expansion…            0..10   3  5.00              4.00         3.00               20.0    10.0",
        "",
        "Issues in full:",
        "  1. Whether the parties agree to a binding commitment on emissions",
        "  3. NATO non-expansion guarantees in writing for Eastern Europe — The alliance puts in writing that",
        "     it will not expand eastward",
        "",
        "Mean absolute error over 3 issues: compromise 12.3, median 5.7.",
        "Errors are |forecast − outcome| as a percentage of the issue's scale (0 = exact); the mean absolute",
        "error is over the issues with both an outcome and a forecast.",
    ];
    let out = forecast("text");
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
    // Nothing cut mid-word, and no "err C" abbreviations left.
    assert!(!out.contains("err C") && !out.contains("err M"));
}

/// The Markdown table has room for whole names and the same decimals, with
/// the issue whose short label is its title shown once.
#[test]
fn the_markdown_table_by_hand() {
    let out = forecast("markdown");
    for row in [
        "| 1 | Whether the parties agree to a binding commitment on emissions | 0..100 | 3 | 49.4 | 50.8 | 58.0 | 8.6 | 7.2 |",
        "| 2 | differentiation | stance | 3 | 0.667 ≈ supports | +1 supports | +1 supports | 8.3 | 0.0 |",
        "| 3 | NATO non-expansion guarantees in writing for Eastern Europe | 0..10 | 3 | 5.00 | 4.00 | 3.00 | 20.0 | 10.0 |",
    ] {
        assert!(out.lines().any(|l| l == row), "no row {row:?} in\n{out}");
    }
    assert!(!out.contains("Differentiation"), "{out}");
}
