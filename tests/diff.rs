//! `detente diff OLD NEW`, the real binary, on tests/fixtures/diff: talks-2.yaml is talks-1.yaml
//! after a round of talks (its header lists the edits), talks-1.dec is talks-1.yaml as a Decide
//! file. Every expected value is worked out by hand in the comments.

mod common;

use assert_cmd::Command;
use common::{Run, finish};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diff");

fn run(args: &[&str]) -> Run {
    finish(
        Command::cargo_bin("detente")
            .expect("binary")
            .current_dir(DIR)
            .args(args),
    )
}

fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "detente {args:?}: {}", r.stderr);
    r.stdout
}

#[test]
fn a_model_against_itself_says_nothing_changed_in_one_line() {
    assert_eq!(
        ok(&["diff", "talks-1.yaml", "talks-1.yaml"]),
        "Nothing changed from talks-1.yaml to talks-1.yaml: the same 5 actors, 4 issues and 15 positions.\n"
    );
    let json: Value = serde_json::from_str(&ok(&[
        "diff",
        "talks-1.yaml",
        "talks-1.yaml",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(json["unchanged"], true);
    assert_eq!(json["positions"], serde_json::json!([]));
    // 5 actors: 5 × 4 / 2 = 10 pairs, none changed.
    assert_eq!(json["pairs_in_both"], 10);
    assert_eq!(
        ok(&["diff", "talks-1.yaml", "talks-1.yaml", "--format", "csv"]),
        "change,actor,other,issue,from,to,toward,away\n"
    );
}

/// The edits of talks-2.yaml, and each pair's agreement worked out by hand from
/// docs/design.md ("Agreement"): wᵢ the mean salience, sᵢ 1 agree, ½ partial, 0 conflict.
///
/// - China–Islands, then: finance 40/100 conflict (w .7), cuts 10/60 conflict (w .85): 0 over
///   2. Now: cuts 30/60 partial (.85), review +1/+1 agree (.6): (.425 + .6) / 2.15 = 48% over 3.
/// - EU–China, then: finance agree (.5), cuts 55/10 partial (.8), review +2/−1 conflict (.65):
///   .9 / 1.95 = 46%. Now: cuts 55/30 partial (.65), review +2/+1 agree (.65): 1.475 / 1.8 = 82%.
/// - US–China, then: finance partial (.6), cuts 20/10 agree (.6), review conflict (.55):
///   .9 / 1.75 = 51% over 3. Now the US has no review position: .9 / 1.2 = 75% over 2.
/// - US–EU, then: finance, cuts partial, review agree, each w .7: 1.4 / 2.1 = 67% over 3.
///   Now: finance partial (.7), cuts partial (.55): .625 / 1.25 = 50% over 2.
/// - EU–Islands, then: finance conflict (.8), cuts agree (.95), loss 0/+2 partial (.7):
///   1.3 / 2.45 = 53%. Now: cuts agree (.8), review +2/+1 agree (.75): 1.55 / 2.35 = 66%.
/// - US–Islands: finance conflict (.9), cuts partial (.75) then and now: unchanged.
#[test]
fn an_edited_copy_lists_exactly_the_edits() {
    let expected = "\
Changes from talks-1.yaml to talks-2.yaml
Old: “Climate talks, round 1”: 5 actors, 4 issues, 15 positions
New: “Climate talks, round 2”: 5 actors, 4 issues, 16 positions

Actors: 1 added, 1 removed
  added: India (india)
  removed: Brazil (brazil)

Issues: 1 added, 1 removed, 0 rescaled
  added: Share of finance for adaptation (adaptation)
  removed: A loss and damage fund (loss)

Power: 1 actor
  China: power 1 → 1.5

Moved: 2 positions (biggest move first, as a share of the scale)
  China on A five-year review of pledges: -1 opposes → +1 supports; toward European Union, Small Island States; away from India
  China on Emission cuts by 2030: 10 → 30; toward European Union, Small Island States; away from India

New positions: 1
  Small Island States on A five-year review of pledges: +1 supports

Dropped positions: 1
  United States on A five-year review of pledges: was +1 supports

Salience: 1 position
  European Union on Emission cuts by 2030: 0.9 → 0.6

Agreement: 5 of 6 pairs changed (biggest change first)
  China – Small Island States: 0% → 48% (+47.7 points), over 2 → 3 shared issues
  European Union – China: 46% → 82% (+35.8 points), over 3 shared issues
  United States – China: 51% → 75% (+23.6 points), over 3 → 2 shared issues
  United States – European Union: 67% → 50% (-16.7 points), over 3 → 2 shared issues
  European Union – Small Island States: 53% → 66% (+12.9 points), over 3 shared issues
";
    assert_eq!(ok(&["diff", "talks-1.yaml", "talks-2.yaml"]), expected);
}

#[test]
fn the_csv_has_one_row_per_change() {
    let csv = ok(&["diff", "talks-1.yaml", "talks-2.yaml", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    // China's review move (-1 → +1): EU at +2 was 3 away, now 1; the islands at +1 were 2
    // away, now 0; India at -1 was level, now 2 away. On cuts (10 → 30): the EU at 55 and the
    // islands at 60 are nearer, India at 15 farther, the US at 20 as far (10) as before.
    assert_eq!(
        lines[..11],
        [
            "change,actor,other,issue,from,to,toward,away",
            "actor_added,india,,,,,,",
            "actor_removed,brazil,,,,,,",
            "issue_added,,,adaptation,,,,",
            "issue_removed,,,loss,,,,",
            "actor_power,china,,,1.0,1.5,,",
            "dropped,usa,,review,1.0,,,",
            "salience,eu,,cuts,0.9,0.6,,",
            "moved,china,,cuts,10.0,30.0,eu aosis,india",
            "moved,china,,review,-1.0,1.0,eu aosis,india",
            "new,aosis,,review,,1.0,,",
        ]
    );
    let pairs: Vec<&str> = lines[11..]
        .iter()
        .map(|l| l.rsplitn(5, ',').last().expect("row"))
        .collect();
    assert_eq!(
        pairs,
        [
            "agreement,china,aosis,",
            "agreement,eu,china,",
            "agreement,usa,china,",
            "agreement,usa,eu,",
            "agreement,eu,aosis,"
        ]
    );
    assert!(
        lines[14].starts_with("agreement,usa,eu,,0.66666"),
        "{}",
        lines[14]
    );
    assert!(lines[14].ends_with(",0.5,,"), "{}", lines[14]);
}

#[test]
fn the_json_has_the_documented_shape() {
    let doc: Value = serde_json::from_str(&ok(&[
        "diff",
        "talks-1.yaml",
        "talks-2.yaml",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(doc["old"]["title"], "Climate talks, round 1");
    assert_eq!(doc["new"]["origin"], "talks-2.yaml");
    assert_eq!(doc["min_basis"], "inferred");
    assert_eq!(doc["unchanged"], false);
    assert_eq!(doc["actors"]["added"][0]["id"], "india");
    assert_eq!(doc["actors"]["removed"][0]["name"], "Brazil");
    assert_eq!(doc["issues"]["added"][0]["id"], "adaptation");
    assert_eq!(
        doc["issues"]["removed"][0]["title"],
        "A loss and damage fund"
    );
    assert_eq!(doc["power"][0]["id"], "china");
    assert_eq!(doc["power"][0]["to"], 1.5);
    let review = &doc["positions"][3];
    assert_eq!(review["actor"], "china");
    assert_eq!(review["issue"], "review");
    assert_eq!(review["change"], "moved");
    assert_eq!(
        (review["from"].as_f64(), review["to"].as_f64()),
        (Some(-1.0), Some(1.0))
    );
    assert_eq!(review["toward"], serde_json::json!(["eu", "aosis"]));
    assert_eq!(review["away"], serde_json::json!(["india"]));
    let first = &doc["pairs"][0];
    assert_eq!(
        (&first["left"], &first["right"]),
        (&"china".into(), &"aosis".into())
    );
    assert_eq!(first["from"], 0.0);
    // (.425 + .6) / 2.15
    assert!((first["to"].as_f64().expect("number") - 0.476_744).abs() < 1e-6);
    assert_eq!(
        (&first["shared_from"], &first["shared_to"]),
        (&2.into(), &3.into())
    );
    assert_eq!(doc["pairs_in_both"], 6);
}

/// talks-1.dec holds the same numbers as talks-1.yaml, but Decide has no stance issues: review
/// and loss are scales from -2 to 2 there. No position moved; the two issues are rescaled, and
/// on them the numeric rule (docs/design.md) gives other verdicts than the stance rule: +1
/// against +2 is 1/4 apart, partial instead of agree; 0 against +2 is 2/4, a conflict instead of
/// partial. So three pairs change:
/// - EU–Brazil: finance 50/60 agree (w .55), review +2/0 (w .55) partial then, conflict now:
///   .825 / 1.1 = 75% → .55 / 1.1 = 50%.
/// - US–EU: finance, cuts partial, review +1/+2 agree then, partial now, each w .7:
///   1.4 / 2.1 = 67% → 1.05 / 2.1 = 50%.
/// - EU–Islands: finance conflict (.8), cuts agree (.95), loss 0/+2 (.7) partial then, conflict
///   now: 1.3 / 2.45 = 53% → .95 / 2.45 = 39%.
#[test]
fn a_yaml_model_against_its_decide_file() {
    let expected = "\
Changes from talks-1.yaml to talks-1.dec
Old: “Climate talks, round 1”: 5 actors, 4 issues, 15 positions
New: “talks-1”: 5 actors, 4 issues, 15 positions

Issues: 0 added, 0 removed, 2 rescaled
  rescaled: review (review), from stance to -2..2 (positions compared on the new scale)
  rescaled: loss (loss), from stance to -2..2 (positions compared on the new scale)

Agreement: 3 of 10 pairs changed (biggest change first)
  European Union – Brazil: 75% → 50% (-25 points), over 2 shared issues
  United States – European Union: 67% → 50% (-16.7 points), over 3 shared issues
  European Union – Small Island States: 53% → 39% (-14.3 points), over 3 shared issues
";
    assert_eq!(ok(&["diff", "talks-1.yaml", "talks-1.dec"]), expected);
}

#[test]
fn markdown_has_a_heading_per_group() {
    let md = ok(&[
        "diff",
        "talks-1.yaml",
        "talks-2.yaml",
        "--format",
        "markdown",
    ]);
    assert!(
        md.starts_with("# Changes from talks-1.yaml to talks-2.yaml\n\n- Old: "),
        "{md}"
    );
    assert!(
        md.contains("\n## Power: 1 actor\n\n- China: power 1 → 1.5\n"),
        "{md}"
    );
    assert!(
        md.contains("\n## Dropped positions: 1\n\n- United States on A five-year review of pledges: was +1 supports\n"),
        "{md}"
    );
}

#[test]
fn a_file_that_fails_to_load_is_named_as_old_or_new() {
    let missing = run(&["diff", "no-such.yaml", "talks-1.yaml"]);
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        "detente: the old model: cannot read no-such.yaml: No such file or directory (os error 2)\n"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "title: [unclosed\n").expect("write");
    let broken = broken.to_string_lossy().into_owned();
    let r = run(&["diff", "talks-1.yaml", &broken]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with(&format!("detente: the new model: {broken}:1:")),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    let both = run(&["diff", "-", "-"]);
    assert_eq!(both.code, 2, "{}", both.stderr);
}

#[test]
fn it_writes_like_the_other_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("changes.csv");
    let out = out.to_string_lossy().into_owned();
    ok(&["diff", "talks-1.yaml", "talks-2.yaml", "-o", &out]);
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(
        written.starts_with("change,actor,other,issue,"),
        "the extension picks CSV"
    );
    let again = run(&["diff", "talks-1.yaml", "talks-2.yaml", "-o", &out]);
    assert_eq!(again.code, 2, "never over a file without --force");
    ok(&[
        "diff",
        "talks-1.yaml",
        "talks-2.yaml",
        "-o",
        &out,
        "--force",
        "--format",
        "text",
    ]);
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .starts_with("Changes from")
    );
    let model = run(&[
        "diff",
        "talks-1.yaml",
        "talks-2.yaml",
        "-o",
        "talks-1.yaml",
        "--force",
    ]);
    assert_eq!(model.code, 2, "never over a model");
    assert!(
        model.stderr.contains("is the model file"),
        "{}",
        model.stderr
    );
}

#[test]
fn the_minimum_basis_applies_to_both_models() {
    // Every position in both files is stated, so `--min-basis stated` changes nothing.
    assert_eq!(
        ok(&[
            "diff",
            "talks-1.yaml",
            "talks-2.yaml",
            "--min-basis",
            "stated"
        ])
        .lines()
        .nth(3),
        Some("Counting stated positions only: reported and inferred ones are unknown here.")
    );
}

#[test]
fn long_lists_are_cut_after_25_lines_and_counted() {
    // 30 actors, each moving from neutral to supports on the one issue.
    let model = |stance: &str| {
        let mut y = String::from("title: t\nissues: [{id: i, title: I}]\nactors:\n");
        for n in 0..30 {
            y += &format!("  - {{id: a{n}, name: A{n}, positions: {{i: {stance}}}}}\n");
        }
        y
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, model("neutral")).expect("write");
    std::fs::write(&new, model("supports")).expect("write");
    let text = ok(&["diff", &old.to_string_lossy(), &new.to_string_lossy()]);
    let moved: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Moved: 30 positions"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(moved.len(), 26, "{text}");
    assert_eq!(
        moved[25],
        "  … and 5 more (`--format csv` or `--format json` lists every change)"
    );
    // Every other actor now supports, where A0 moved to: toward all 29, five of them named.
    assert_eq!(
        moved[0],
        "  A0 on I: 0 neutral → +1 supports; toward A1, A2, A3, A4, A5, 24 more"
    );
    let csv = ok(&[
        "diff",
        &old.to_string_lossy(),
        &new.to_string_lossy(),
        "--format",
        "csv",
    ]);
    assert_eq!(csv.lines().filter(|l| l.starts_with("moved,")).count(), 30);
}

/// `detente NEW --since OLD` (the TUI) loads OLD first: a bad one is named
/// as the old model before the TUI would start, and standard input is the
/// keys', never OLD's.
#[test]
fn the_tui_names_a_bad_since_as_the_old_model() {
    let missing = run(&["talks-2.yaml", "--since", "no-such.yaml"]);
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        "detente: the old model: cannot read no-such.yaml: No such file or directory (os error 2)\n"
    );
    let stdin = run(&["talks-2.yaml", "--since", "-"]);
    assert_eq!(stdin.code, 2, "{}", stdin.stderr);
    assert!(stdin.stderr.contains("--since"), "{}", stdin.stderr);
    // A good OLD goes on to the next check: the TUI needs a terminal.
    let good = run(&["talks-2.yaml", "--since", "talks-1.yaml"]);
    assert_eq!(good.code, 2, "{}", good.stderr);
    assert!(good.stderr.contains("needs a terminal"), "{}", good.stderr);
}
