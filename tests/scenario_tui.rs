//! `detente MODEL --scenario FILE` in a real terminal (tmux): the TUI opens
//! on the model with the scenario applied — the same screen as the model
//! edited by hand, with the header counting the changes — and says which
//! change did not apply, on the status line and once the terminal is given
//! back.

mod common;

use std::path::Path;

use common::tmux::{BIN, Tmux};

/// Runs detente with `args` in a cleared shell and returns its first
/// settled screen.
fn open(t: &Tmux, args: &str) -> String {
    t.type_text(&format!("clear; {BIN} {args}; echo EXIT=$?\n"));
    t.wait_for("Water talks")
}

fn dir_with(model: &str) -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("talks.yaml"), model).expect("write");
    std::fs::copy(
        fixtures.join("what-if.yaml"),
        dir.path().join("what-if.yaml"),
    )
    .expect("copy");
    dir
}

#[test]
fn the_tui_opens_with_the_scenario_applied() {
    let talks = include_str!("fixtures/scenario/talks.yaml");
    // what-if.yaml's changes 1 and 3, made by hand; change 2 is stale.
    let by_hand = talks
        .replace(
            "{position: 70, salience: 0.9}",
            "{position: 55, salience: 0.9}",
        )
        .replace(
            "{stance: opposes, salience: 0.6}",
            "{stance: supports, salience: 0.6}",
        );
    let (base, hand) = (dir_with(talks), dir_with(&by_hand));
    let (a, b) = (
        Tmux::start(base.path(), 100, 30),
        Tmux::start(hand.path(), 100, 30),
    );
    let applied = open(
        &a,
        "talks.yaml --scenario what-if.yaml --left northland --right southland",
    );
    let expected = open(&b, "talks.yaml --left northland --right southland");
    let plain = {
        a.type_text("q");
        a.wait_for("EXIT=0");
        open(&a, "talks.yaml --left northland --right southland")
    };
    // The same screen but for what says the changes are there: the header's
    // count beside the pair, and the status line naming what did not apply.
    let body = |screen: &str| {
        let lines: Vec<&str> = screen.lines().collect();
        let n = lines.len();
        lines
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != 1 && k + 2 < n)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        applied
            .lines()
            .nth(1)
            .unwrap_or("")
            .contains("what-if: 2 changes"),
        "{applied}"
    );
    assert!(
        applied.contains("southland:water-share:salience"),
        "{applied}"
    );
    // Each changed value shows its baseline; without those marks (and the
    // legend line that explains them) the screen is the hand-edited one's.
    assert!(applied.contains("55 ↓ was 70"), "{applied}");
    assert!(applied.contains("supports ↑ was opposes"), "{applied}");
    let unmarked = |s: &str| {
        body(s)
            .replace(" ↓ was 70", "")
            .replace(" ↑ was opposes", "")
            .lines()
            // The detail panel's notes of a change take rows the
            // hand-edited screen leaves blank: blank rows are not compared.
            .filter(|l| !l.contains("# a position on the scale") && !l.contains("what if: "))
            .map(|l| l.replace([' ', '┃', '│'], ""))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(unmarked(&applied), unmarked(&expected));
    assert_ne!(
        body(&applied),
        body(&plain),
        "the scenario shows on the screen"
    );
    a.type_text("q");
    b.type_text("q");
    b.wait_for("EXIT=0");
    // The stale change is said after the first run, once the screen is back.
    a.type_text("clear; ");
    let s = {
        a.type_text(&format!("{BIN} talks.yaml --scenario what-if.yaml\n"));
        a.wait_for("Water talks");
        a.type_text("q");
        a.wait_for("does not apply")
    };
    assert!(
        s.contains("detente: scenario what-if.yaml: change 2 (southland:water-share:salience)"),
        "{s}"
    );
}

/// What if, as a user walks it: in the Issue view `+` moves Northland's
/// water share 70 → 75 and the compromise marker with it
/// ((1.8·75 + 0.8·30 + 0.6·50) / 3.2 = 59.1, from 56.3); the header counts the change; `u`
/// restores the exact screen; `w` saves the scenario, after which `q` quits
/// at once; reopening with `--scenario` shows the same screen as before
/// quitting.
#[test]
fn what_if_moves_the_compromise_undo_restores_and_a_saved_scenario_reopens_the_same() {
    let talks = include_str!("fixtures/scenario/talks.yaml");
    let dir = dir_with(talks);
    let a = Tmux::start(dir.path(), 100, 30);
    open(&a, "talks.yaml --left northland --right southland");
    a.type_text("\r");
    let before = a.wait_for("compromise 56.3");
    // Everything but the footer (status and key hints).
    let shown = |s: &str| {
        let lines: Vec<&str> = s.lines().collect();
        lines[..lines.len().saturating_sub(2)].join("\n")
    };
    a.type_text("+");
    let moved = a.wait_for("compromise 59.1");
    assert!(moved.contains("what-if: 1 change, unsaved"), "{moved}");
    assert!(moved.contains("▲ median 75"), "{moved}");
    a.type_text("u");
    let undone = a.wait_for("undid northland:water-share:position");
    assert_eq!(shown(&undone), shown(&before));
    a.type_text("+");
    a.wait_for("compromise 59.1");
    a.type_text("w");
    a.wait_for("talks-what-if.yaml");
    a.type_text("\r");
    let saved = a.wait_for("saved the what-if changes");
    assert!(
        saved.contains("what-if: 1 change ") || saved.contains("what-if: 1 change\n"),
        "{saved}"
    );
    let file = std::fs::read_to_string(dir.path().join("talks-what-if.yaml")).expect("saved");
    assert!(
        file.contains("field: position") && file.contains("to: 75"),
        "{file}"
    );
    a.type_text("q");
    a.wait_for("EXIT=0");
    open(
        &a,
        "talks.yaml --scenario talks-what-if.yaml --left northland --right southland",
    );
    a.type_text("\r");
    let reopened = a.wait_for("compromise 59.1");
    assert_eq!(shown(&reopened), shown(&saved));
    a.type_text("q");
    a.wait_for("EXIT=0");
}
