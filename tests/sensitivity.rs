//! `detente sensitivity`, the real binary: its four formats on a model
//! built by hand, the cruxes of a pair, `--issue`, and `--simulate`'s
//! refusal of a model too big. Expected values are worked out by hand in
//! the comments (docs/design.md, "Sensitivity").

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use assert_cmd::Command;
use common::{Run, finish};
use serde_json::Value;

fn run(args: &[&str]) -> Run {
    finish(Command::cargo_bin("detente").expect("binary").args(args))
}

/// One heavy actor (power 6) far from three light ones (power 1), one
/// issue on 0..100: Σ w = 9, compromise 630/9 = 70, median 90 (the running
/// weight reaches half, 4.5, only at Giant's 90). The power step is a tenth
/// of the largest power: 0.6.
const GIANT: &str = "title: One giant
issues:
  - {id: amount, title: Amount, scale: {min: 0, max: 100}}
  - {id: treaty, title: A treaty}
actors:
  - {id: a, name: A, positions: {amount: {position: 20}, treaty: {stance: 2, red_line: true}}}
  - {id: b, name: B, positions: {amount: {position: 30}, treaty: {stance: -1, salience: 0.5}}}
  - {id: c, name: C, positions: {amount: {position: 40}}}
  - {id: giant, name: Giant, power: 6, positions: {amount: {position: 90}}}
";

fn giant(dir: &Path) -> PathBuf {
    let p = dir.join("giant.yaml");
    fs::write(&p, GIANT).expect("write");
    p
}

/// Lines with each run of spaces made one, for comparing table rows.
fn squeezed(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn the_heavy_actor_is_named_first_with_its_shifts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = giant(dir.path());
    let r = run(&["sensitivity", model.to_str().unwrap(), "--issue", "amount"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Giant 90 → 80: compromise 570/9 = 63.333, −6.7 % of the scale (90 → 100
    // gives +6.7; the first of equal shifts is shown); median 80, −10.
    // A's power 1 → 0.4 (Σ w 8.4): (8 + 30 + 40 + 540)/8.4 = 73.571, +3.6;
    // B's: (20 + 12 + 40 + 540)/8.4 = 72.857, +2.9; C's: 606/8.4 = 72.143,
    // +2.1. No light actor moves the median.
    let lines = squeezed(&r.stdout);
    let at = lines
        .iter()
        .position(|l| l == "1. Amount (0..100): compromise 70, median 90")
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert_eq!(
        lines[at + 1..at + 6],
        [
            "# actor compromise median",
            "1 Giant -6.7 (position 90→80) -10.0 (position 90→80)",
            "2 A +3.6 (power 1→0.4) 0.0",
            "3 B +2.9 (power 1→0.4) 0.0",
            "4 C +2.1 (power 1→0.4) 0.0",
        ]
    );
    assert!(r.stdout.contains("the power by 0.6"), "{}", r.stdout);
    assert!(!r.stdout.contains("A treaty"), "--issue shows one issue");
}

#[test]
fn json_csv_and_markdown_carry_the_same_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = giant(dir.path());
    let m = model.to_str().unwrap();
    let j = run(&["sensitivity", m, "--issue", "amount", "--format", "json"]);
    assert_eq!(j.code, 0, "{}", j.stderr);
    let v: Value = serde_json::from_str(&j.stdout).expect("JSON");
    assert_eq!(v["steps"]["power"], 0.6);
    assert_eq!(v["simulated_rounds"], Value::Null);
    let amount = &v["issues"][0];
    assert_eq!(amount["id"], "amount");
    assert_eq!(amount["median"], 90.0);
    let first = &amount["actors"][0];
    assert_eq!(first["id"], "giant");
    assert_eq!(first["reach"], 10.0);
    let down = &first["changes"][0];
    assert_eq!(
        (down["field"].as_str(), down["to"].as_f64()),
        (Some("position"), Some(80.0))
    );
    assert_eq!(down["median_shift"], -10.0);
    assert!((down["compromise"].as_f64().unwrap() - 570.0 / 9.0).abs() < 1e-9);

    let c = run(&["sensitivity", m, "--format", "csv"]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    let rows: Vec<&str> = c.stdout.lines().collect();
    assert_eq!(
        rows[0],
        "issue,actor,rank,field,from,to,compromise_before,compromise,compromise_shift,\
         median_before,median,median_shift,simulated_before,simulated,simulated_shift"
    );
    // Six changes for each of the 4 actors on amount and the 2 on treaty.
    assert_eq!(rows.len(), 1 + 6 * 6);
    assert!(
        rows[1].starts_with("amount,giant,1,position,90,80,70,"),
        "{}",
        rows[1]
    );

    let md = run(&[
        "sensitivity",
        m,
        "--issue",
        "amount",
        "--format",
        "markdown",
    ]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout
            .contains("| 1 | Giant | -6.7 (position 90→80) | -10.0 (position 90→80) |"),
        "{}",
        md.stdout
    );
}

#[test]
fn the_cruxes_of_a_pair_and_the_change_that_resolves_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = giant(dir.path());
    let r = run(&[
        "sensitivity",
        model.to_str().unwrap(),
        "--left",
        "a",
        "--right",
        "b",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // amount: 20 against 30 is a tenth of the scale apart, agree: no crux.
    // treaty: A +2 (red line) against B −1, conflict. A holds a red line, so
    // B moves, to the nearest stance of A's sign, +1: two words. The line
    // wraps at 100 columns, under the text.
    assert!(
        r.stdout.contains(
            "Cruxes of A and B, and the smallest single change that would turn each into agreement:\n  \
             1. A treaty (red line): B from -1 opposes to +1 supports (2 stance words); A holds it \
             as a red\n     line\n"
        ),
        "{}",
        r.stdout
    );
    let csv = run(&[
        "sensitivity",
        model.to_str().unwrap(),
        "--left",
        "a",
        "--right",
        "b",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.code, 2);
    assert!(
        csv.stderr.contains("--format csv holds one table"),
        "{}",
        csv.stderr
    );
    let alone = run(&["sensitivity", model.to_str().unwrap(), "--left", "a"]);
    assert_eq!(alone.code, 2, "--left needs --right");
}

#[test]
fn an_unknown_issue_names_the_closest_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = giant(dir.path());
    let r = run(&["sensitivity", model.to_str().unwrap(), "--issue", "amont"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "detente: --issue: no issue has the id `amont`; did you mean `amount`?\n"
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn simulate_adds_the_end_point_on_a_small_model() {
    let root = env!("CARGO_MANIFEST_DIR");
    let model = format!("{root}/tests/fixtures/exchange/worked-example.yaml");
    let r = run(&["sensitivity", &model, "--issue", "budget", "--simulate"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The simulated figures themselves are checked against a model edited
    // by hand in the library's tests (analysis::sensitivity).
    assert!(r.stdout.contains("simulated end"), "{}", r.stdout);
    assert!(r.stdout.contains("(at most 10 rounds)"), "{}", r.stdout);
    assert!(
        r.stderr.is_empty(),
        "no progress when stderr is not a terminal: {}",
        r.stderr
    );
}

/// A Decide file of `actors` × `issues`, every actor on every issue.
fn decide(dir: &Path, actors: usize, issues: usize) -> PathBuf {
    let mut s = String::new();
    for a in 0..actors {
        s.push_str(&format!("#A;a{a};Actor {a}\n"));
    }
    for i in 0..issues {
        s.push_str(&format!(
            "#P;p{i};Issue {i}\n#M;p{i};0;none\n#M;p{i};100;all\n"
        ));
    }
    for a in 0..actors {
        for i in 0..issues {
            let x = (a * 31 + i * 17) % 101;
            s.push_str(&format!("#D;a{a};p{i};{x};0.{:02};1\n", 10 + (a + i) % 80));
        }
    }
    let p = dir.join("big.txt");
    fs::write(&p, s).expect("write");
    p
}

#[test]
fn simulate_refuses_a_model_too_big_before_starting_and_names_issue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = decide(dir.path(), 30, 40);
    let r = run(&["sensitivity", model.to_str().unwrap(), "--simulate"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr
            .starts_with("detente: --simulate would run the exchange model "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Narrow it with --issue ID"),
        "{}",
        r.stderr
    );
    // One issue of it is still too much, and the message does not send
    // the user back to --issue.
    let one = run(&[
        "sensitivity",
        model.to_str().unwrap(),
        "--simulate",
        "--issue",
        "p0",
    ]);
    assert_eq!(one.code, 2, "{}", one.stderr);
    assert!(
        one.stderr.contains("Even one issue is too much"),
        "{}",
        one.stderr
    );
    // Without --simulate the same model is answered at once.
    let fast = run(&["sensitivity", model.to_str().unwrap(), "--issue", "p0"]);
    assert_eq!(fast.code, 0, "{}", fast.stderr);
}
