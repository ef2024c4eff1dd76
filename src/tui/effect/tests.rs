//! The export through the effect runner, as the event loop runs it: the
//! App asks, `write_export` writes and answers, the App says what happened.

use super::*;
use crate::export::{self, Format};
use crate::model;
use crate::tui::action::Effect;
use crate::tui::app::tests::{app, type_text};
use crate::tui::app::{App, Context, Overlay};
use crate::tui::keymap::Mode;

/// `action`, and every export it asks for written, its answer handed back
/// (the event loop's `apply`, without a terminal or a loader).
fn drive(a: &mut App, action: Action) {
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        for effect in a.update(action) {
            if let Effect::WriteExport {
                path,
                contents,
                overwrite,
            } = effect
            {
                pending.push(write_export(path, &contents, overwrite));
            }
        }
    }
}

#[test]
fn export_writes_the_same_text_as_the_cli_and_never_overwrites_silently() {
    let m = model::builtin().expect("model");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app(&m).with_context(Context {
        export_dir: dir.path().to_path_buf(),
        ..Context::built_in()
    });
    drive(&mut a, Action::Export);
    let Overlay::Prompt(name) = &a.overlay else {
        panic!("prompt")
    };
    assert_eq!(name, "russia-vs-united-states.txt");
    drive(&mut a, Action::Accept);
    let path = dir.path().join("russia-vs-united-states.txt");
    // All issues in model order, as `detente export` writes them (but for
    // the provenance line's date, which is today's).
    let expected = a.export_text(Format::Text);
    let all = a.comparison.comparison(&a.model);
    let cli = export::render(
        &export::Report::all(&all, crate::present::Provenance::now(&a.context().origin)),
        Format::Text,
        export::DEFAULT_WIDTH,
    );
    assert_eq!(expected, cli);
    assert_eq!(std::fs::read_to_string(&path).expect("written"), expected);
    assert!(
        a.status
            .as_ref()
            .is_some_and(|s| !s.error && s.text.contains("exported to"))
    );

    // Again: asks; "n" keeps the file.
    std::fs::write(&path, "mine").expect("write");
    drive(&mut a, Action::Export);
    drive(&mut a, Action::Accept);
    assert_eq!(a.mode(), Mode::Confirm);
    drive(&mut a, Action::No);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "mine");
    assert!(
        a.status
            .as_ref()
            .is_some_and(|s| s.text.contains("not exported: kept the existing"))
    );
    // "y" replaces it.
    drive(&mut a, Action::Export);
    drive(&mut a, Action::Accept);
    drive(&mut a, Action::Yes);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), expected);
}

#[test]
fn a_failed_export_keeps_the_tui_up_and_says_why() {
    let m = model::builtin().expect("model");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app(&m).with_context(Context {
        export_dir: dir.path().to_path_buf(),
        ..Context::built_in()
    });
    drive(&mut a, Action::Export);
    drive(&mut a, Action::ClearInput);
    type_text(&mut a, "no/such/dir/out.txt");
    drive(&mut a, Action::Accept);
    assert_eq!(a.mode(), Mode::Compare);
    assert!(!a.quit);
    let s = a.status.as_ref().expect("status");
    assert!(s.error && s.text.contains("out.txt"), "{s:?}");
    // An empty name is refused, the prompt stays.
    drive(&mut a, Action::Export);
    drive(&mut a, Action::ClearInput);
    drive(&mut a, Action::Accept);
    assert_eq!(a.mode(), Mode::Prompt);
    drive(&mut a, Action::Close);
    assert_eq!(a.mode(), Mode::Compare);
}

#[test]
fn write_export_answers_with_the_canonical_path_or_why_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.txt");
    let canonical = std::fs::canonicalize(dir.path())
        .expect("dir")
        .join("a.txt");
    assert_eq!(
        write_export(path.clone(), "one", false),
        Action::Exported(Ok(canonical.clone()))
    );
    assert_eq!(
        write_export(path.clone(), "two", false),
        Action::Exported(Err(ExportFailed::Exists(path.clone())))
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "one");
    assert_eq!(
        write_export(path.clone(), "two", true),
        Action::Exported(Ok(canonical))
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "two");
    let Action::Exported(Err(ExportFailed::Other(why))) =
        write_export(dir.path().join("no/such/dir/b.txt"), "x", false)
    else {
        panic!("a missing directory fails")
    };
    assert!(why.contains("b.txt"), "{why}");
}
