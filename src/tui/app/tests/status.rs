//! A status message belongs to the action that said it: the user's next
//! action ends it; news from the event loop leaves it; a reload's
//! "reloading…" stays until the reload answers.

use super::*;

fn status(a: &App) -> Option<&str> {
    a.status.as_ref().map(|s| s.text.as_str())
}

/// The two cases: "swapped sides" after `]`, and "exported to …"
/// beside the "replace it?" question.
#[test]
fn swapped_sides_is_gone_after_the_next_key() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Swap);
    assert_eq!(status(&a), Some("swapped sides"));
    a.update(Action::NextActor);
    assert_eq!(status(&a), None);
}

#[test]
fn an_old_export_message_is_not_beside_the_replace_question() {
    let m = model::builtin().expect("model");
    let mut a = app(&m).with_context(Context {
        export_dir: "/out".into(),
        ..Context::built_in()
    });
    a.update(Action::Export);
    a.update(Action::Accept);
    a.update(Action::Exported(Ok(
        "/out/russia-vs-united-states.txt".into()
    )));
    assert_eq!(
        status(&a),
        Some("exported to /out/russia-vs-united-states.txt")
    );
    a.update(Action::Export);
    assert_eq!(a.mode(), Mode::Prompt);
    assert_eq!(status(&a), None, "the prompt is a new question");
    a.update(Action::Accept);
    a.update(Action::Exported(Err(ExportFailed::Exists(
        "/out/russia-vs-united-states.txt".into(),
    ))));
    assert_eq!(a.mode(), Mode::Confirm);
    assert_eq!(status(&a), None);

    // Even when the answer comes with no key between (the event loop's
    // news does not end a message, but a question does).
    a.update(Action::No);
    assert_eq!(
        status(&a),
        Some("not exported: kept the existing /out/russia-vs-united-states.txt")
    );
    a.update(Action::Exported(Err(ExportFailed::Exists(
        "/out/russia-vs-united-states.txt".into(),
    ))));
    assert_eq!(status(&a), None);
}

/// Every message the App says, each from its own action, and the next key
/// (here `j`, or Backspace in a text box) ends it.
#[test]
fn every_message_ends_with_the_next_key() {
    let m = model::builtin().expect("model");
    let cases: Vec<(Vec<Action>, &str)> = vec![
        (vec![Action::Swap], "swapped sides"),
        (vec![Action::CycleOrder], "order: conflicts first"),
        (vec![Action::CycleFilter], "filter: conflicts (8 shown)"),
        (vec![Action::CycleBasis], "counting stated and reported"),
        (
            vec![Action::Type("x".into())],
            "nothing to type into here: / jumps to an actor",
        ),
        (
            vec![Action::Reload],
            "the built-in model has no file to reload",
        ),
        (
            vec![
                Action::OpenPicker,
                Action::Type("rifk".into()),
                Action::Accept,
            ],
            "Malcolm Rifkind in the left pane",
        ),
        (
            vec![
                Action::OpenPicker,
                Action::Type("united".into()),
                Action::Accept,
            ],
            "United States is in the other pane: pick another (s swaps)",
        ),
        (vec![Action::Export, Action::Close], "export cancelled"),
        (
            vec![Action::Export, Action::ClearInput, Action::Accept],
            "type a file name, or Esc to cancel",
        ),
        (
            vec![Action::Export, Action::Type("p".repeat(2000))],
            "a path is at most 1024 characters",
        ),
        (
            vec![Action::Exported(Err(ExportFailed::Other(
                "disk full".into(),
            )))],
            "not exported: disk full",
        ),
        (
            vec![Action::ShowAnalysis, Action::ToggleFocus],
            "closest to United States",
        ),
        (
            vec![Action::ShowMatrix, Action::Open],
            "Russian Federation in the left pane",
        ),
        (
            vec![Action::Open, Action::Open],
            "Russian Federation in the left pane",
        ),
    ];
    for (actions, said) in cases {
        let mut a = app(&m);
        for action in &actions {
            a.update(action.clone());
        }
        assert_eq!(status(&a), Some(said), "{actions:?}");
        let next = match a.mode() {
            Mode::Picker | Mode::Prompt => Action::Backspace,
            _ => Action::Down,
        };
        a.update(next);
        assert_eq!(status(&a), None, "{actions:?} then a key");
    }
}

/// A resize and the event loop's news leave the message; a click and the
/// wheel are the user's, and end it.
#[test]
fn a_resize_keeps_the_message_and_a_click_ends_it() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Swap);
    a.update(Action::Resize {
        width: 100,
        height: 30,
    });
    assert_eq!(status(&a), Some("swapped sides"));
    a.update(Action::ScrollDown);
    assert_eq!(status(&a), None);
    a.update(Action::Swap);
    a.update(Action::Click { column: 0, row: 0 });
    assert_eq!(status(&a), None);
}

/// "reloading…" tells of work still running: it stays through the user's
/// keys until the reload answers, or another message replaces it.
#[test]
fn reloading_stays_until_the_reload_answers() {
    let mut a = starter_app();
    a.update(Action::Reload);
    a.update(Action::Down);
    a.update(Action::ShowMatrix);
    assert_eq!(status(&a), Some("reloading the model file…"));
    a.update(Action::Reloaded(Ok(Arc::new(starter_edited()))));
    assert_eq!(status(&a), Some("reloaded the model file"));
    a.update(Action::Down);
    assert_eq!(status(&a), None, "an answer is a message like any other");

    // A save seen by the loader: the same, ended by a failed load too.
    a.update(Action::Reloading);
    a.update(Action::Up);
    assert_eq!(status(&a), Some("reloading the model file…"));
    a.update(Action::Reloaded(Err("talks.yaml:1:1: broken".into())));
    assert_eq!(status(&a), None, "the banner says it");

    // Another message replaces it, and ends like any other.
    a.update(Action::Reload);
    a.update(Action::Swap);
    assert_eq!(status(&a), Some("swapped sides"));
    a.update(Action::Down);
    assert_eq!(status(&a), None);
}
