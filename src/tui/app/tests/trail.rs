//! `Esc` goes back the way the user came, through the trail; only in the
//! first view (Compare) does it quit. Driven through the key table, as the
//! event loop does, so an overlay's `Esc` is tested too.

use super::*;
use crate::tui::keymap::action_for;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// `Esc`, as the key table reads it in the current mode.
fn esc(a: &mut App) {
    let key = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let action = action_for(a.mode(), key).expect("Esc is bound in every mode");
    a.update(action);
}

fn issue_id(a: &App) -> &str {
    &a.model.issues[a.issue].id
}

fn trail_views(a: &App) -> Vec<View> {
    a.trail().iter().map(|v| v.view).collect()
}

/// The issue's walk: Analysis, `Enter` on a crux, the Issue view, `Esc`:
/// back in Analysis on the same crux (before, Compare); `Esc` again:
/// Compare; once more: quit.
#[test]
fn esc_from_an_issue_opened_in_analysis_goes_back_to_analysis_on_the_same_crux() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::ShowAnalysis);
    a.update(Action::Open);
    assert_eq!(a.view, View::Issue);
    assert_eq!(issue_id(&a), "nato-non-expansion", "the first crux");
    esc(&mut a);
    assert_eq!(a.view, View::Analysis);
    assert_eq!(a.analysis.point, 0);

    // The second crux; in its Issue view, → steps to another issue.
    a.update(Action::Down);
    let second = a.analysis.selected();
    a.update(Action::Open);
    a.update(Action::Right);
    esc(&mut a);
    assert_eq!(a.view, View::Analysis);
    assert_eq!(a.analysis.point, 1, "the crux it was on");
    assert_eq!(a.analysis.selected(), second);
    assert!(!a.quit);

    esc(&mut a);
    assert_eq!(a.view, View::Compare);
    assert_eq!(issue_id(&a), "nato-non-expansion", "Compare's first row");
    assert!(!a.quit, "Esc went back, not out");
    esc(&mut a);
    assert!(a.quit, "Esc in the first view quits");
}

/// Each view comes back on the issue and actor it was left on, though the
/// views above it moved elsewhere; the pair stays as it is now.
#[test]
fn esc_restores_the_issue_and_actor_each_view_was_left_on() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    for _ in 0..3 {
        a.update(Action::Down);
    }
    assert_eq!(issue_id(&a), "ukraine-nato-membership");
    a.update(Action::Open);
    a.update(Action::Right);
    a.update(Action::Right);
    assert_eq!(issue_id(&a), "minsk-implementation");
    a.update(Action::Top);
    let issue_actor = a.spectrum[0];
    a.update(Action::ShowMatrix);
    // Russia's row (the left pane's), then two rows down: NATO.
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(id(&a, a.matrix_row.selected), "nato");
    a.update(Action::Right);
    assert_eq!(issue_id(&a), "written-answer");
    a.update(Action::ShowAnalysis);
    assert_eq!(
        trail_views(&a),
        [View::Compare, View::Issue, View::Matrix],
        "every view once"
    );
    // The pair changes in Analysis: Enter on the first ranked actor.
    a.update(Action::Right);
    a.update(Action::Open);
    let right = a.right();
    assert_ne!(id(&a, right), "united-states");

    esc(&mut a);
    assert_eq!(a.view, View::Matrix);
    assert_eq!(issue_id(&a), "written-answer");
    assert_eq!(id(&a, a.matrix_row.selected), "nato");
    assert_eq!(a.matrix_col.selected, 6, "the cursor's column follows");
    esc(&mut a);
    assert_eq!(a.view, View::Issue);
    assert_eq!(issue_id(&a), "minsk-implementation");
    assert_eq!(a.spectrum[a.spectrum_selected], issue_actor);
    esc(&mut a);
    assert_eq!(a.view, View::Compare);
    assert_eq!(issue_id(&a), "ukraine-nato-membership");
    assert_eq!(a.list.selected, 3, "the row it was on");
    assert_eq!(a.right(), right, "the pair is not undone");
    assert!(a.trail().is_empty());
    esc(&mut a);
    assert!(a.quit);
}

/// Going to a view already on the trail goes back to it: the trail never
/// holds a view twice, so it never grows past three, whatever the keys.
#[test]
fn a_view_already_on_the_trail_is_gone_back_to_not_stacked_again() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    for action in [Action::ShowMatrix, Action::ShowAnalysis, Action::ShowMatrix] {
        a.update(action);
    }
    assert_eq!(a.view, View::Matrix);
    assert_eq!(trail_views(&a), [View::Compare]);
    a.update(Action::ShowAnalysis);
    assert_eq!(trail_views(&a), [View::Compare, View::Matrix]);
    a.update(Action::ShowAnalysis);
    assert_eq!(
        trail_views(&a),
        [View::Compare, View::Matrix],
        "the view on screen again: nothing changes"
    );

    // Compare → Issue → Analysis → Enter on a crux: the Issue view again,
    // and the way back is the one from the first Issue view.
    a.update(Action::ShowCompare);
    assert!(a.trail().is_empty());
    a.update(Action::Open);
    a.update(Action::ShowAnalysis);
    a.update(Action::Open);
    assert_eq!(a.view, View::Issue);
    assert_eq!(trail_views(&a), [View::Compare]);

    // Enter in the Issue view compares its actor: back in Compare, the
    // first view, with nothing behind it.
    a.update(Action::Open);
    assert_eq!(a.view, View::Compare);
    assert!(a.trail().is_empty());

    let keys = [
        Action::ShowMatrix,
        Action::ShowAnalysis,
        Action::Open,
        Action::ShowMatrix,
        Action::ShowAnalysis,
        Action::Open,
        Action::Right,
        Action::Open,
        Action::ShowCompare,
        Action::Open,
    ];
    for action in keys.iter().cycle().take(200) {
        a.update(action.clone());
        assert!(a.trail().len() <= 3, "{:?}", trail_views(&a));
        assert!(!trail_views(&a).contains(&a.view));
    }
    // The view keys keep the issue on screen (Esc restores; they do not):
    // `c` from the Matrix shows Compare on the Matrix's issue.
    a.update(Action::ShowMatrix);
    a.update(Action::Right);
    let matrix_issue = a.issue;
    a.update(Action::ShowCompare);
    assert_eq!(a.issue, matrix_issue);
    assert_eq!(a.rows[a.list.selected], matrix_issue);
}

/// Overlays close on `Esc` before the view goes back; a second `Esc` goes
/// back.
#[test]
fn esc_closes_an_overlay_before_it_goes_back() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::ShowMatrix);
    for open in [Action::Help, Action::OpenPicker, Action::Export] {
        a.update(open.clone());
        assert_ne!(a.mode(), Mode::Matrix, "{open:?} opens an overlay");
        esc(&mut a);
        assert_eq!(
            a.mode(),
            Mode::Matrix,
            "{open:?}: closed, still in the Matrix"
        );
        assert_eq!(trail_views(&a), [View::Compare]);
    }
    a.update(Action::Exported(Err(ExportFailed::Exists("/x.txt".into()))));
    assert_eq!(a.mode(), Mode::Confirm);
    esc(&mut a);
    assert_eq!(a.mode(), Mode::Matrix);
    esc(&mut a);
    assert_eq!(a.mode(), Mode::Compare);
    a.update(Action::Help);
    esc(&mut a);
    assert!(!a.quit, "Esc in the help over Compare closes the help");
    esc(&mut a);
    assert!(a.quit);
}

/// A filter can hide the issue another view was on: Compare then takes
/// the highlighted row's issue, so `Enter` opens what is highlighted.
#[test]
fn compare_opens_the_highlighted_row_even_when_the_filter_hid_the_other_views_issue() {
    let mut a = small_app(SMALL);
    a.update(Action::CycleFilter);
    assert_eq!(a.rows, [0, 2], "the conflicts: One and Three");
    a.update(Action::ShowMatrix);
    a.update(Action::Right);
    assert_eq!(
        issue_id(&a),
        "i2",
        "Two, an agreement, not shown in Compare"
    );
    a.update(Action::ShowCompare);
    assert_eq!(issue_id(&a), "i1", "the highlighted row's");
    a.update(Action::Open);
    assert_eq!(issue_id(&a), "i1");
    assert_eq!(a.view, View::Issue);
}

/// Three issues and three actors: A and B conflict on One and Three and
/// agree on Two.
const SMALL: &str = "title: t
issues:
  - {id: i1, title: One}
  - {id: i2, title: Two}
  - {id: i3, title: Three}
actors:
  - {id: a, name: A, positions: {i1: supports, i2: opposes, i3: supports}}
  - {id: b, name: B, positions: {i1: opposes, i2: opposes, i3: rejects}}
  - {id: c, name: C, positions: {i1: demands, i2: neutral, i3: supports}}
";

/// The small model without issue Two and actor C.
const SMALL_CUT: &str = "title: t
issues:
  - {id: i1, title: One}
  - {id: i3, title: Three}
actors:
  - {id: a, name: A, positions: {i1: supports, i3: supports}}
  - {id: b, name: B, positions: {i1: opposes, i3: rejects}}
";

fn small_app(yaml: &str) -> App {
    let m = model::from_str(yaml, model::Origin::BuiltIn).expect("small model");
    App::new(
        Arc::new(m),
        0,
        1,
        Theme { color: false },
        Rect::new(0, 0, 120, 40),
    )
    .with_context(Context::file("small.yaml".into(), ".".into()))
}

/// A reload keeps the way back by id: visits follow their issue and actor
/// to where the new model put them.
#[test]
fn a_reload_keeps_the_trail_by_id() {
    let mut a = starter_app();
    a.update(Action::Down);
    let issue = issue_id(&a).to_string();
    a.update(Action::Open);
    a.update(Action::Bottom);
    let actor = id(&a, a.spectrum[a.spectrum_selected]);
    a.update(Action::ShowMatrix);
    a.update(Action::Reloaded(Ok(Arc::new(starter_edited()))));
    assert_eq!(a.view, View::Matrix);
    assert_eq!(trail_views(&a), [View::Compare, View::Issue]);
    esc(&mut a);
    assert_eq!(a.view, View::Issue);
    assert_eq!(issue_id(&a), issue, "the same issue, one further down");
    assert_eq!(id(&a, a.spectrum[a.spectrum_selected]), actor);
    esc(&mut a);
    assert_eq!((a.view, issue_id(&a)), (View::Compare, issue.as_str()));
    esc(&mut a);
    assert!(a.quit);
}

/// A reload onto a model that lost the visited issue and actor: no index
/// left dangling; the visits take the issue on screen and lose their actor
/// cursor, and `Esc` still goes back through them.
#[test]
fn a_reload_that_loses_an_issue_and_an_actor_leaves_the_trail_valid() {
    let mut a = small_app(SMALL);
    a.update(Action::Down);
    assert_eq!(issue_id(&a), "i2");
    a.update(Action::Open);
    // Two's spectrum: A and B oppose, C is neutral: C is last.
    a.update(Action::Bottom);
    assert_eq!(id(&a, a.spectrum[a.spectrum_selected]), "c");
    a.update(Action::ShowMatrix);
    a.update(Action::Reloaded(Ok(Arc::new(
        model::from_str(SMALL_CUT, model::Origin::BuiltIn).expect("cut"),
    ))));
    assert_eq!(issue_id(&a), "i1", "Two is gone: the first issue");
    assert_eq!(
        a.trail(),
        [
            Visit {
                view: View::Compare,
                issue: 0,
                actor: None
            },
            Visit {
                view: View::Issue,
                issue: 0,
                actor: None
            }
        ]
    );
    esc(&mut a);
    assert_eq!((a.view, issue_id(&a)), (View::Issue, "i1"));
    assert!(a.spectrum_selected < a.spectrum.len());
    esc(&mut a);
    assert_eq!(a.view, View::Compare);
    esc(&mut a);
    assert!(a.quit);
}
