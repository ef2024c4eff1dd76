//! `--since` and what-if marks, driven as actions. Expected values read
//! by hand from tests/fixtures/diff/talks-1.yaml → talks-2.yaml: China
//! moved on cuts 10 → 30 and on the review opposes → supports; the islands
//! took a review position; India joined; adaptation is a new issue; the
//! EU's salience on cuts changed but not its position; the US dropped its
//! review position.

use std::path::Path;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::*;
use crate::model::{self, Basis, resolve_actor};
use crate::tui::action::Action;
use crate::tui::theme::Theme;

fn talks(n: u8) -> Model {
    let p = format!("tests/fixtures/diff/talks-{n}.yaml");
    model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).expect("talks fixture")
}

/// China (left, focused) and the EU on talks-2, since talks-1.
fn since_app() -> App {
    let m = talks(2);
    let l = resolve_actor(&m, "china").expect("china");
    let r = resolve_actor(&m, "eu").expect("eu");
    App::new(
        Arc::new(m),
        l,
        r,
        Theme { color: false },
        Rect::new(0, 0, 120, 40),
    )
    .with_since("talks-1.yaml".into(), Arc::new(talks(1)))
}

// talks-2: actors usa 0, eu 1, china 2, aosis 3, india 4; issues finance 0,
// cuts 1, review 2, adaptation 3.
const USA: usize = 0;
const EU: usize = 1;
const CHINA: usize = 2;
const AOSIS: usize = 3;
const INDIA: usize = 4;
const FINANCE: usize = 0;
const CUTS: usize = 1;
const REVIEW: usize = 2;
const ADAPTATION: usize = 3;

fn moved_since(was: f64) -> Option<Mark> {
    Some(Mark::Moved {
        was,
        source: Source::Since,
    })
}

#[test]
fn marks_what_moved_since_the_old_model() {
    let app = since_app();
    assert_eq!(
        app.since.as_ref().map(|s| s.name.as_str()),
        Some("talks-1.yaml")
    );
    assert_eq!(app.position_mark(CHINA, CUTS), moved_since(10.0));
    assert_eq!(app.position_mark(CHINA, REVIEW), moved_since(-1.0));
    assert_eq!(app.position_mark(CHINA, FINANCE), None);
    assert_eq!(app.position_mark(AOSIS, REVIEW), Some(Mark::New));
    assert_eq!(app.position_mark(INDIA, FINANCE), Some(Mark::New));
    assert_eq!(app.position_mark(AOSIS, ADAPTATION), Some(Mark::New));
    // A salience alone did not move the position; a dropped one is not shown.
    assert_eq!(app.position_mark(EU, CUTS), None);
    assert_eq!(app.position_mark(USA, REVIEW), None);
    assert_eq!(app.change_note(CHINA, CUTS).as_deref(), Some("↑ was 10"));
    assert_eq!(
        app.change_note(CHINA, REVIEW).as_deref(),
        Some("↑ was opposes")
    );
    assert_eq!(app.change_note(AOSIS, REVIEW).as_deref(), Some("new"));
    assert!(app.marks_shown());
}

#[test]
fn a_what_if_change_wins_over_since_and_undo_gives_it_back() {
    let mut app = since_app();
    app.update(Action::Down); // the cuts row, China focused
    app.update(Action::Nudge { up: true });
    assert_eq!(
        app.model.actors[CHINA].position(CUTS).map(|p| p.value),
        Some(35.0)
    );
    assert_eq!(
        app.position_mark(CHINA, CUTS),
        Some(Mark::Moved {
            was: 30.0,
            source: Source::WhatIf
        })
    );
    assert_eq!(app.change_note(CHINA, CUTS).as_deref(), Some("↑ was 30"));
    app.update(Action::Undo);
    assert_eq!(app.position_mark(CHINA, CUTS), moved_since(10.0));
}

#[test]
fn a_salience_change_shows_its_baseline() {
    let mut app = since_app();
    app.update(Action::CycleField); // salience
    app.update(Action::Nudge { up: false }); // finance: 0.4 → 0.3
    assert_eq!(
        app.change_note(CHINA, FINANCE).as_deref(),
        Some("salience 0.3 (was 0.4)")
    );
    assert_eq!(app.position_mark(CHINA, FINANCE), None);
}

#[test]
fn a_what_if_change_is_marked_without_since() {
    let m = talks(1);
    let mut app = App::new(
        Arc::new(m),
        CHINA,
        EU,
        Theme { color: false },
        Rect::new(0, 0, 120, 40),
    );
    assert!(!app.marks_shown());
    app.update(Action::Nudge { up: false }); // China on finance: 40 → 35
    assert_eq!(app.change_note(CHINA, FINANCE).as_deref(), Some("↓ was 40"));
    assert!(app.marks_shown());
}

#[test]
fn a_simulated_round_shows_no_marks() {
    let mut app = since_app();
    app.timeline.round = 1;
    assert_eq!(app.position_mark(CHINA, CUTS), None);
    assert_eq!(app.change_note(CHINA, CUTS), None);
    assert!(!app.marks_shown());
}

#[test]
fn the_diff_follows_the_basis_and_the_reloads() {
    let mut app = since_app();
    app.update(Action::CycleBasis);
    let min = app.min_basis();
    assert_ne!(min, Basis::Inferred);
    assert_eq!(app.since.as_ref().map(|s| s.diff.min_basis), Some(min));
    // NEW saved as OLD: nothing moved since.
    app.update(Action::Reloaded(Ok(Arc::new(talks(1)))));
    assert_eq!(app.since.as_ref().map(|s| s.diff.is_empty()), Some(true));
    let china = app.model.actor_by_id("china").expect("china");
    assert_eq!(app.position_mark(china, CUTS), None);
    assert_eq!(app.change_note(china, CUTS), None);
}
