//! `detente export --since OLD`: the report marks what moved since an earlier model. The talks
//! fixtures of tests/diff.rs: from talks-1.yaml to talks-2.yaml China moved on cuts (10 → 30) and
//! on the review (−1 opposes → +1 supports), and the islands took a review position (+1).

use assert_cmd::Command;

const OLD: &str = "tests/fixtures/diff/talks-1.yaml";
const NEW: &str = "tests/fixtures/diff/talks-2.yaml";

/// Runs `detente export NEW --left L --right R --since OLD --format F`; it must succeed.
fn export(left: &str, right: &str, format: &str) -> String {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args(["export", NEW, "--left", left, "--right", right])
        .args(["--since", OLD, "--format", format])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn html_draws_an_arrow_for_each_of_chinas_moves() {
    let page = export("china", "eu", "html");
    assert!(page.contains("<p class=\"basis\">Since talks-1.yaml: the positions that moved"));
    assert!(page.contains("<h2 id=\"since\">Since talks-1.yaml</h2>"));
    // Cuts, worked out by hand. The map runs from x 24 (0) to 736 (100): 10 is at 95.2, 30 at
    // 237.6. Lanes sorted by value: India 15, US 20, China 30, EU 55, islands 60; China's is the
    // third, at y 26 + 2 × 17 + 8.5 = 68.5. China's cuts weigh 1.5 × 0.7 = 1.05, the heaviest in
    // the model, so its dot has the full radius 6.5: the old ring has it too, the arrow starts at
    // its edge (95.2 + 6.5 = 101.7) and its head's tip stops 1.5 short of the new dot's edge
    // (237.6 − 8 = 229.6), the shaft running to the head's base (224.6). China is the left actor,
    // blue.
    let cuts = page
        .split("<figure id=\"map-cuts\">")
        .nth(1)
        .and_then(|s| s.split("</figure>").next())
        .expect("the cuts map");
    assert!(cuts.contains(
        "<circle cx=\"95.2\" cy=\"68.5\" r=\"6.5\" fill=\"none\" stroke=\"#1d5fbf\" \
         stroke-width=\"1.5\" stroke-dasharray=\"1.5 2\"/><line x1=\"101.7\" x2=\"224.6\" \
         y1=\"68.5\" y2=\"68.5\" stroke=\"#1d5fbf\" stroke-width=\"1.5\"/>\
         <path d=\"M229.6 68.5l-6 -3.5v7z\" fill=\"#1d5fbf\"/>"
    ));
    assert!(cuts.contains("since talks-1.yaml: from 10"));
    // The review: a stance scale from −2 to +2, so −1 is at 24 + 712/4 = 202, +1 at 558; one
    // ring, one arrow pointing right.
    let review = page
        .split("<figure id=\"map-review\">")
        .nth(1)
        .and_then(|s| s.split("</figure>").next())
        .expect("the review map");
    assert_eq!(review.matches("stroke-dasharray=\"1.5 2\"").count(), 1);
    assert!(review.contains("<circle cx=\"202\" "));
    assert!(review.contains("l-6 -3.5v7z"));
    assert!(review.contains("since talks-1.yaml: from -1 opposes"));
    // Finance did not move: no ring.
    let finance = page
        .split("<figure id=\"map-finance\">")
        .nth(1)
        .and_then(|s| s.split("</figure>").next())
        .expect("the finance map");
    assert!(!finance.contains("stroke-dasharray=\"1.5 2\""));
    // The table.
    assert!(page.contains(
        "<tr><td>Emission cuts by 2030</td><td>China</td><td>10 → 30</td>\
         <td>toward European Union</td></tr>"
    ));
    assert!(page.contains(
        "<tr><td>A five-year review of pledges</td><td>China</td>\
         <td>-1 opposes → +1 supports</td><td>toward European Union</td></tr>"
    ));
}

#[test]
fn a_new_position_is_marked_new() {
    let page = export("china", "aosis", "html");
    let review = page
        .split("<figure id=\"map-review\">")
        .nth(1)
        .and_then(|s| s.split("</figure>").next())
        .expect("the review map");
    assert!(review.contains("Small Island States (new)</text>"));
    // China moved right to +1 (x 558), in the right half of the map, where a name goes on the
    // left; the arrow comes from the left, so the name goes right, 9 past the dot, outlined.
    assert!(review.contains(
        "<text x=\"567\" y=\"55.5\" text-anchor=\"start\" fill=\"#1d5fbf\" font-weight=\"700\" \
         stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">China</text>"
    ));
    assert!(review.contains("new since talks-1.yaml"));
    assert!(page.contains(
        "<tr><td>A five-year review of pledges</td><td>Small Island States</td>\
         <td>new: +1 supports</td><td>–</td></tr>"
    ));
}

#[test]
fn markdown_has_the_same_as_a_table() {
    let md = export("china", "aosis", "markdown");
    assert!(md.contains("\nSince talks-1.yaml: the positions that moved or are new"));
    assert!(md.contains(
        "\n## Since talks-1.yaml\n\n\
         | Issue | Actor | From → to | Toward the other side? |\n\
         |---|---|---|---|\n\
         | Emission cuts by 2030 | China | 10 → 30 | toward Small Island States |\n\
         | A five-year review of pledges | China | -1 opposes → +1 supports | toward Small Island States |\n\
         | A five-year review of pledges | Small Island States | new: +1 supports | – |\n"
    ));
}

#[test]
fn a_pair_that_did_not_move_says_so() {
    let md = export("usa", "eu", "markdown");
    assert!(md.contains(
        "\n## Since talks-1.yaml\n\nNeither United States nor European Union moved or took a \
         new position on the issues shown.\n"
    ));
}

#[test]
fn text_is_unchanged_by_since() {
    let with = export("china", "eu", "text");
    let without = Command::cargo_bin("detente")
        .expect("binary")
        .args(["export", NEW, "--left", "china", "--right", "eu"])
        .args(["--format", "text"])
        .output()
        .expect("runs");
    assert_eq!(with.as_bytes(), without.stdout.as_slice());
}

#[test]
fn a_bad_old_model_is_named_as_the_old_model() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("talks-0.yaml");
    std::fs::write(
        &bad,
        "title: Talks\nissues: [{id: cuts, title: Cuts, scale: {min: 0}}]\n",
    )
    .expect("write");
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args(["export", NEW, "--left", "china", "--right", "eu", "--since"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("detente: the old model: "), "{err}");
    assert!(err.contains("talks-0.yaml"), "{err}");
    assert!(out.stdout.is_empty());
}
