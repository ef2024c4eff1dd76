//! The App driven by actions, without a terminal. Beside this file:
//! `trail` (Esc and the way back) and `status` (how long a status message
//! stays).

mod status;
mod trail;

use super::*;
use crate::compare::{Comparison, Verdict};
use crate::export::Format;
use crate::model::{self, resolve_actor};
use crate::tui::action::ExportFailed;
use crate::tui::theme::Theme;
use std::sync::Arc;

/// Russia vs the United States at 120×40, no colour: shared with the
/// Analysis view's tests.
pub(in crate::tui) fn app(m: &Model) -> App {
    let l = resolve_actor(m, "russia").expect("russia");
    let r = resolve_actor(m, "united-states").expect("us");
    App::new(
        Arc::new(m.clone()),
        l,
        r,
        Theme { color: false },
        Rect::new(0, 0, 120, 40),
    )
}

pub(super) fn id(app: &App, actor: usize) -> String {
    app.model.actors[actor].id.clone()
}

/// The export `effects` ask the event loop to write: path, contents and
/// whether it may replace a file.
fn export_of(effects: Vec<Effect>) -> (std::path::PathBuf, String, bool) {
    match effects.as_slice() {
        [
            Effect::WriteExport {
                path,
                contents,
                overwrite,
            },
        ] => (path.clone(), contents.clone(), *overwrite),
        other => panic!("expected one export, got {other:?}"),
    }
}

pub(in crate::tui) fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Type(c.to_string()));
    }
}

#[test]
fn moving_selects_rows_and_the_current_issue() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    assert_eq!(a.list.selected, 0);
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(a.list.selected, 2);
    assert_eq!(a.issue, 2);
    a.update(Action::Bottom);
    assert_eq!(a.list.selected, m.issues.len() - 1);
    a.update(Action::Down);
    assert_eq!(a.list.selected, m.issues.len() - 1, "stays on the last row");
    a.update(Action::Top);
    assert_eq!(a.list.selected, 0);
    a.update(Action::Up);
    assert_eq!(a.list.selected, 0, "stays on the first row");
    a.update(Action::PageDown);
    assert!(a.list.selected > 0);
}

#[test]
fn scrolling_keeps_the_selection_on_screen() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let page = layout::compare_rows(a.screen().body);
    assert!(page < m.issues.len(), "the test needs scrolling");
    for _ in 0..m.issues.len() {
        a.update(Action::Down);
        assert!(a.list.selected >= a.list.offset && a.list.selected < a.list.offset + page);
    }
    a.update(Action::Resize {
        width: 80,
        height: 16,
    });
    let page = layout::compare_rows(a.screen().body);
    assert!(
        a.list.selected < a.list.offset + page,
        "resize keeps it visible"
    );
}

#[test]
fn swap_and_cycle_actors() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Swap);
    assert_eq!(
        (id(&a, a.left()), id(&a, a.right())),
        ("united-states".into(), "russia".into())
    );
    a.update(Action::Swap);
    a.update(Action::NextActor);
    assert_eq!(
        id(&a, a.left()),
        "nato",
        "] moves the focused (left) pane past the right pane's United States"
    );
    a.update(Action::ToggleFocus);
    a.update(Action::PrevActor);
    assert_eq!(id(&a, a.right()), "russia");
    a.update(Action::Left);
    assert_eq!(a.focus, Side::Left);
    a.update(Action::PrevActor);
    a.update(Action::PrevActor);
    assert_eq!(
        id(&a, a.left()),
        m.actors[m.actors.len() - 1].id,
        "wraps around"
    );
}

#[test]
fn fuzzy_jump_sets_the_focused_pane() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Right);
    a.update(Action::OpenPicker);
    assert_eq!(a.mode(), Mode::Picker);
    type_text(&mut a, "rifk");
    a.update(Action::Accept);
    assert_eq!(a.mode(), Mode::Compare);
    assert_eq!(id(&a, a.right()), "rifkind");
    assert_eq!(id(&a, a.left()), "russia");
    // Esc cancels without a change.
    a.update(Action::OpenPicker);
    type_text(&mut a, "nato");
    a.update(Action::Close);
    assert_eq!(id(&a, a.right()), "rifkind");
    // "lav" finds Russia through Lavrov; the left pane takes it.
    a.update(Action::Left);
    a.update(Action::OpenPicker);
    type_text(&mut a, "mears");
    a.update(Action::Accept);
    assert_eq!(id(&a, a.left()), "mearsheimer");
    a.update(Action::OpenPicker);
    type_text(&mut a, "lav");
    a.update(Action::Accept);
    assert_eq!(id(&a, a.left()), "russia");
    assert_eq!(id(&a, a.right()), "rifkind");
}

#[test]
fn the_picker_shows_agreement_with_the_other_pane() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::OpenPicker);
    let Overlay::Picker(p) = &a.overlay else {
        panic!("picker open")
    };
    let us = a.right();
    let russia = a.left();
    let c = Comparison::new(&m, russia, us);
    assert_eq!(p.agreement[russia], (c.agreement, c.counts));
    assert_eq!(p.agreement.len(), m.actors.len());
}

#[test]
fn filter_and_order_change_the_rows_and_say_so() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    let conflicts = a.comparison.counts.conflict;
    a.update(Action::CycleFilter);
    assert_eq!(a.filter, Filter::Conflicts);
    assert_eq!(a.rows.len(), conflicts);
    assert!(
        a.rows
            .iter()
            .all(|&r| a.comparison.rows[r].verdict == Verdict::Conflict)
    );
    assert!(
        a.status
            .as_ref()
            .is_some_and(|s| s.text.contains("conflicts"))
    );
    a.update(Action::CycleFilter);
    assert_eq!(a.rows.len(), a.comparison.counts.agree);
    a.update(Action::CycleFilter);
    assert_eq!(a.rows.len(), a.comparison.counts.unknown);
    a.update(Action::CycleFilter);
    assert_eq!(a.rows.len(), m.issues.len());

    a.update(Action::CycleOrder);
    assert_eq!(a.order, Order::ConflictsFirst);
    let verdicts: Vec<Verdict> = a
        .rows
        .iter()
        .map(|&r| a.comparison.rows[r].verdict)
        .collect();
    assert!(
        verdicts[..conflicts]
            .iter()
            .all(|&v| v == Verdict::Conflict)
    );
    assert_eq!(*verdicts.last().expect("rows"), Verdict::Unknown);
    a.update(Action::CycleOrder);
    assert_eq!(a.order, Order::Salience);
    let w = |r: usize| a.row(r).weight();
    let known: Vec<f64> = a.rows.iter().filter_map(|&r| w(r)).collect();
    assert!(known.windows(2).all(|p| p[0] >= p[1]), "{known:?}");
    a.update(Action::CycleOrder);
    assert_eq!(a.order, Order::Model);
}

#[test]
fn an_empty_filter_leaves_nothing_selected_and_nothing_breaks() {
    let m = model::builtin().expect("model");
    let l = resolve_actor(&m, "kennan").expect("kennan");
    let mut a = App::new(
        Arc::new(m.clone()),
        l,
        0,
        Theme { color: false },
        Rect::new(0, 0, 80, 24),
    );
    a.update(Action::CycleFilter); // conflicts: Kennan has none with Russia
    assert!(a.rows.is_empty());
    assert_eq!(a.selected_row(), None);
    for action in [
        Action::Down,
        Action::Up,
        Action::Bottom,
        Action::Open,
        Action::PageDown,
    ] {
        a.update(action);
    }
    assert_eq!(a.view, View::Compare, "Enter on nothing does nothing");
}

#[test]
fn views_switch_and_enter_opens_what_is_selected() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.view, View::Issue);
    assert_eq!(a.issue, 1);
    a.update(Action::Right);
    assert_eq!(a.issue, 2, "→ is the next issue here");
    a.update(Action::ShowMatrix);
    assert_eq!(a.view, View::Matrix);
    assert_eq!(a.matrix_col.selected, 2);
    // Move to Rifkind's row and open it in the focused (left) pane.
    let rifkind = resolve_actor(&m, "rifkind").expect("rifkind");
    a.update(Action::Top);
    for _ in 0..rifkind {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    assert_eq!(a.view, View::Compare);
    assert_eq!(a.left(), rifkind);
    assert_eq!(a.issue, 2, "the cell's issue is selected");
    a.update(Action::ShowCompare);
    assert_eq!(a.view, View::Compare);
}

#[test]
fn enter_in_the_issue_view_compares_the_selected_actor() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Open);
    let chosen = a.spectrum[0];
    a.update(Action::Top);
    a.update(Action::Open);
    assert_eq!(a.view, View::Compare);
    assert_eq!(a.left(), chosen);
}

#[test]
fn clicks_select_rows_cells_and_panes() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    let panes = layout::compare_panes(a.screen().body);
    let right = layout::inner(panes.right);
    a.update(Action::Click {
        column: right.x + 2,
        row: right.y + 3,
    });
    assert_eq!(a.focus, Side::Right);
    assert_eq!(a.list.selected, 3);
    a.update(Action::ScrollDown);
    assert_eq!(a.list.selected, 4);

    a.update(Action::ShowMatrix);
    let grid = layout::matrix_grid(a.screen().body, m.issues.len());
    a.update(Action::Click {
        column: grid.cells.x + grid.cell_w * 2 + 1,
        row: grid.cells.y + 4,
    });
    assert_eq!((a.matrix_row.selected, a.issue), (4, 2));
    // A click outside anything does nothing.
    a.update(Action::Click { column: 0, row: 0 });
    assert_eq!((a.matrix_row.selected, a.issue), (4, 2));
}

#[test]
fn quit_help_and_overlays() {
    let m = model::builtin().expect("model");
    let mut a = App::new(
        Arc::new(m),
        0,
        1,
        Theme { color: false },
        Rect::new(0, 0, 80, 24),
    );
    a.update(Action::Help);
    assert_eq!(a.mode(), Mode::Help);
    let top = drawn(&a);
    assert!(
        top.contains("▼ more · ↓ j"),
        "the keys do not fit 80x24:\n{top}"
    );
    a.update(Action::Down);
    assert_eq!(a.help_scroll, 1, "↓ scrolls the help");
    assert_eq!(a.list.selected, 0, "and moves nothing under it");
    for _ in 0..100 {
        a.update(Action::Down);
    }
    // At its end: the last line shows, and the hint says only ↑ is left.
    let end = drawn(&a);
    assert!(end.contains("Mouse: wheel scrolls, click selects"), "{end}");
    assert!(end.contains("▲ ↑ k") && !end.contains("▼ more"), "{end}");
    let last = a.help_scroll;
    a.update(Action::Down);
    assert_eq!(a.help_scroll, last, "no further than its last line");
    a.update(Action::Up);
    assert_eq!(a.help_scroll, last - 1);
    assert!(
        drawn(&a).contains("▼ more · ↓ j"),
        "one line back is not the end"
    );
    // At 200x60 the help fits whole: a scroll made at 80x24 goes back to 0
    // (the property test found it past the new end after a resize).
    a.update(Action::Resize {
        width: 200,
        height: 60,
    });
    assert_eq!(a.help_scroll, 0);
    a.update(Action::Close);
    assert_eq!(a.mode(), Mode::Compare);
    assert!(!a.quit);
    a.update(Action::Quit);
    assert!(a.quit);
}

#[test]
fn b_cycles_which_positions_count_in_every_view() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    let nne = m
        .issues
        .iter()
        .position(|i| i.id == "nato-non-expansion")
        .expect("issue");
    let us = a.right();
    assert_eq!(a.min_basis(), Basis::Inferred);
    assert_eq!(a.comparison.rows[nne].verdict, Verdict::Conflict);
    a.update(Action::CycleBasis);
    assert_eq!(a.min_basis(), Basis::Reported);
    assert_eq!(
        a.comparison.rows[nne].verdict,
        Verdict::Conflict,
        "reported counts"
    );
    a.update(Action::CycleBasis);
    assert_eq!(a.min_basis(), Basis::Stated);
    assert_eq!(a.comparison.rows[nne].verdict, Verdict::Unknown);
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("counting stated only")
    );
    // The Issue view puts the US with the unknowns while only stated count.
    a.update(Action::Open);
    assert_eq!(a.view, View::Issue);
    assert!(
        a.spectrum_group(5).contains(&us),
        "{:?}",
        a.spectrum_group(5)
    );
    a.update(Action::CycleBasis);
    assert_eq!(a.min_basis(), Basis::Inferred);
    assert!(a.spectrum_group(1).contains(&us), "opposes again");
}

/// The starter model with a new issue and a new actor in front of the old
/// ones, and Downland renamed: every old index moves by one.
fn starter_edited() -> Model {
    let yaml = model::STARTER_YAML
        .replacen(
            "issues:",
            "issues:\n  - id: new-issue\n    title: A new first issue\n",
            1,
        )
        .replacen(
            "actors:",
            "actors:\n  - id: newcomer\n    name: Newcomer\n    positions:\n      new-issue: supports\n",
            1,
        )
        .replace("Kingdom of Downland", "Kingdom of Lowland");
    model::from_str(&yaml, model::Origin::BuiltIn).expect("edited starter")
}

fn starter_app() -> App {
    let m = model::from_str(model::STARTER_YAML, model::Origin::BuiltIn).expect("starter");
    let l = resolve_actor(&m, "downland").expect("downland");
    let r = resolve_actor(&m, "upstate").expect("upstate");
    App::new(
        Arc::new(m),
        l,
        r,
        Theme { color: false },
        Rect::new(0, 0, 120, 40),
    )
    .with_context(Context::file("talks.yaml".into(), ".".into()))
}

#[test]
fn a_reload_keeps_actors_issue_order_filter_and_basis_by_id() {
    let mut a = starter_app();
    a.update(Action::Down);
    a.update(Action::CycleOrder);
    a.update(Action::CycleBasis);
    a.update(Action::ToggleFocus);
    a.update(Action::DetailDown);
    a.update(Action::ShowMatrix);
    let issue = a.model.issues[a.issue].id.clone();
    let before = (
        a.order,
        a.min_basis(),
        a.filter,
        a.focus,
        a.view,
        a.detail_scroll,
    );

    a.update(Action::Reloaded(Ok(Arc::new(starter_edited()))));
    assert_eq!(a.model.actors[0].id, "newcomer", "the new model is in");
    assert_eq!(id(&a, a.left()), "downland");
    assert_eq!(id(&a, a.right()), "upstate");
    assert_eq!(a.model.actors[a.left()].name, "Kingdom of Lowland");
    assert_eq!(
        a.model.issues[a.issue].id, issue,
        "the same issue, moved down one"
    );
    assert_eq!(
        (
            a.order,
            a.min_basis(),
            a.filter,
            a.focus,
            a.view,
            a.detail_scroll
        ),
        before
    );
    assert_eq!(id(&a, a.matrix_row.selected), "downland");
    assert_eq!(a.comparison.rows.len(), 5, "compared over the new issues");
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("reloaded the model file")
    );
}

#[test]
fn a_failed_reload_keeps_the_model_and_shows_the_banner_until_one_succeeds() {
    let mut a = starter_app();
    a.update(Action::Down);
    a.update(Action::Reload);
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("reloading the model file…"),
        "said at once"
    );
    let old = Arc::clone(&a.model);
    a.update(Action::Reloaded(
        Err("talks.yaml:3:5: unknown field".into()),
    ));
    assert!(Arc::ptr_eq(&a.model, &old), "the last good model stays");
    assert_eq!(a.banner.as_deref(), Some("talks.yaml:3:5: unknown field"));
    assert_eq!(a.status, None, "no stale \"reloading\"");
    assert_eq!(a.list.selected, 1, "nothing moved");

    a.update(Action::Reloaded(Ok(Arc::new(starter_edited()))));
    assert_eq!(a.banner, None, "a good load clears the banner");
}

#[test]
fn the_built_in_model_has_nothing_to_reload() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Reload);
    assert_eq!(
        a.status.as_ref().map(|s| (s.text.as_str(), s.error)),
        Some(("the built-in model has no file to reload", true))
    );
}

#[test]
fn a_reload_closes_an_open_picker_whose_rows_were_the_old_models() {
    let mut a = starter_app();
    a.update(Action::OpenPicker);
    assert_eq!(a.mode(), Mode::Picker);
    a.update(Action::Reloaded(Ok(Arc::new(starter_edited()))));
    assert!(matches!(a.overlay, Overlay::None));
}

/// The screen as text, drawn as the event loop draws it (which records the
/// layout facts the next action reads).
fn drawn(app: &App) -> String {
    let (w, h) = (app.viewport.width, app.viewport.height);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| f.render_widget(app, f.area())).expect("draw");
    format!("{}", t.backend())
}

#[test]
fn j_scrolls_the_detail_panel_no_further_than_its_last_line() {
    let m = model::builtin().expect("model");
    let mut a = App::new(
        Arc::new(m),
        0,
        1,
        Theme { color: false },
        Rect::new(0, 0, 80, 24),
    );
    assert!(
        drawn(&a).contains("more lines · J"),
        "NATO non-expansion's evidence is longer than the panel"
    );
    for _ in 0..100 {
        a.update(Action::DetailDown);
    }
    let max = a.detail_scroll;
    assert!(max > 3, "{max}");
    let end = drawn(&a);
    assert!(end.contains("▲ K") && !end.contains("more line"), "{end}");
    a.update(Action::DetailDown);
    assert_eq!(a.detail_scroll, max, "no further than the last line");
    // Stopped exactly at the last line: one K shows 3 lines below again.
    a.update(Action::DetailUp);
    assert_eq!(a.detail_scroll, max - 3);
    assert!(drawn(&a).contains("▼ 3 more lines · J"));
}

#[test]
fn export_writes_the_rows_shown_in_their_order_and_says_so() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::CycleFilter); // conflicts
    a.update(Action::CycleOrder); // conflicts first
    a.update(Action::Export);
    a.update(Action::ClearInput);
    type_text(&mut a, "shown.txt");
    let (path, text, overwrite) = export_of(a.update(Action::Accept));
    assert_eq!(path, std::path::Path::new("./shown.txt"));
    assert!(!overwrite, "never replaces a file unasked");
    assert!(
        text.lines().any(|l| l
            == "Issues shown: 8 of 20 (filter: conflicts; order: conflicts first); counting all positions."),
        "{text}"
    );
    let model_line = text
        .lines()
        .find(|l| l.starts_with("Model: "))
        .expect("provenance line");
    assert!(
        model_line.starts_with("Model: built-in, detente "),
        "{model_line}"
    );
    // The red-line conflict first, then the other conflicts in model order;
    // nothing else (numbered row headings only).
    let rows: Vec<&str> = text
        .split("Cruxes")
        .next()
        .expect("table")
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .collect();
    assert_eq!(
        rows,
        [
            "1. NATO non-expansion",
            "2. Ukraine in NATO",
            "3. Arms for Ukraine",
            "4. Free alliance choice",
            "5. Monroe for Russia",
            "6. NATO reinforcement",
            "7. De-escalation",
            "8. West to blame",
        ]
    );
}

#[test]
fn the_prompt_format_follows_the_extension_and_tab_cycles_it() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::Export);
    let name = |a: &App| match &a.overlay {
        Overlay::Prompt(s) => s.clone(),
        _ => panic!("prompt"),
    };
    let mut seen = vec![name(&a)];
    for _ in 0..5 {
        a.update(Action::CycleFormat);
        seen.push(name(&a));
    }
    assert_eq!(
        seen,
        [
            "russia-vs-united-states.txt",
            "russia-vs-united-states.md",
            "russia-vs-united-states.csv",
            "russia-vs-united-states.json",
            "russia-vs-united-states.html",
            "russia-vs-united-states.txt",
        ]
    );
    assert_eq!(super::prompt_format("a/b.MD"), Format::Markdown);
    assert_eq!(super::prompt_format("notes.pdf"), Format::Text);
    assert_eq!(super::prompt_format("no-extension"), Format::Text);
    // An unknown extension is kept; Tab adds one.
    a.update(Action::ClearInput);
    type_text(&mut a, "v1.2/notes.pdf");
    a.update(Action::CycleFormat);
    assert_eq!(name(&a), "v1.2/notes.pdf.md");
    // Typing .md writes Markdown.
    a.update(Action::ClearInput);
    type_text(&mut a, "report.md");
    let (path, md, _) = export_of(a.update(Action::Accept));
    assert_eq!(path, std::path::Path::new("./report.md"));
    assert!(
        md.starts_with("# Russian Federation vs United States\n"),
        "{md}"
    );
}

#[test]
fn the_issue_view_steps_through_the_issues_the_filter_shows() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::CycleFilter); // conflicts: issues 1, 4, 5, 9, 10, 11, 12, 19
    a.update(Action::Open);
    assert_eq!(a.view, View::Issue);
    let ids = |a: &App| a.model.issues[a.issue].id.clone();
    assert_eq!(ids(&a), "nato-non-expansion");
    a.update(Action::Right);
    assert_eq!(
        ids(&a),
        "ukraine-nato-membership",
        "neither 1997 (no US position) nor no-strike-weapons is a conflict"
    );
    a.update(Action::Right);
    assert_eq!(ids(&a), "arms-for-ukraine");
    a.update(Action::Left);
    a.update(Action::Left);
    a.update(Action::Left);
    assert_eq!(ids(&a), "nato-non-expansion", "stops at the first shown");
}

#[test]
fn enter_in_the_matrix_says_who_is_now_compared() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::ShowMatrix);
    a.update(Action::Down);
    a.update(Action::Down); // NATO
    a.update(Action::Open);
    assert_eq!(a.view, View::Compare);
    assert_eq!(id(&a, a.left()), "nato");
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("NATO in the left pane")
    );
}

#[test]
fn the_help_scrolls_where_it_does_not_fit_and_stops_at_its_end() {
    let m = model::builtin().expect("model");
    let mut a = App::new(
        Arc::new(m),
        0,
        1,
        Theme { color: false },
        Rect::new(0, 0, 80, 24),
    );
    a.update(Action::Help);
    let max = layout::help(a.viewport).max_scroll;
    assert!(max > 0, "the keys do not fit 80x24");
    for _ in 0..100 {
        a.update(Action::Down);
    }
    assert_eq!(a.help_scroll, max);
    a.update(Action::Up);
    assert_eq!(a.help_scroll, max - 1);
    a.update(Action::Close);
    a.update(Action::Help);
    assert_eq!(a.help_scroll, 0, "opened again from the top");
    assert_eq!(
        layout::help(Rect::new(0, 0, 200, 60)).max_scroll,
        0,
        "all of it fits at 200x60"
    );
}

#[test]
fn a_reload_keeps_the_file_the_model_came_from() {
    let mut a = starter_app().with_context(Context::file("m.yaml".into(), "/tmp/out".into()));
    let exported = |a: &mut App| {
        a.update(Action::Export);
        let (path, text, _) = export_of(a.update(Action::Accept));
        let line = text
            .lines()
            .find(|l| l.starts_with("Model: "))
            .map(str::to_string);
        (path, line.unwrap_or_default())
    };
    let (path, line) = exported(&mut a);
    assert!(line.starts_with("Model: m.yaml, detente "), "{line}");
    assert_eq!(
        path,
        std::path::Path::new("/tmp/out/downland-vs-upstate.txt")
    );

    a.update(Action::Reloaded(Ok(Arc::new(starter_edited()))));
    let (path, line) = exported(&mut a);
    assert!(line.starts_with("Model: m.yaml, detente "), "{line}");
    assert_eq!(
        path,
        std::path::Path::new("/tmp/out/downland-vs-upstate.txt"),
        "exports still go where they went"
    );
    assert_eq!(
        a.update(Action::Reload),
        [Effect::Reload],
        "r still reloads"
    );
}

#[test]
fn an_export_is_asked_of_the_event_loop_and_its_answer_said() {
    let m = model::builtin().expect("model");
    let mut a = app(&m).with_context(Context {
        export_dir: "/out".into(),
        ..Context::built_in()
    });
    a.update(Action::Export);
    let (path, text, overwrite) = export_of(a.update(Action::Accept));
    assert_eq!(
        path,
        std::path::Path::new("/out/russia-vs-united-states.txt")
    );
    assert_eq!(text, a.export_text(Format::Text));
    assert!(!overwrite);
    assert_eq!(a.mode(), Mode::Compare, "the prompt closes at once");

    // The file is there: the App asks; "n" keeps it and asks for nothing.
    let asked = Action::Exported(Err(ExportFailed::Exists(path.clone())));
    assert_eq!(a.update(asked.clone()), []);
    assert_eq!(a.mode(), Mode::Confirm);
    assert_eq!(a.update(Action::No), []);
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("not exported: kept the existing /out/russia-vs-united-states.txt")
    );
    // "y" asks for the same file, replacing.
    a.update(asked);
    let (again, _, overwrite) = export_of(a.update(Action::Yes));
    assert_eq!((again, overwrite), (path, true));
    a.update(Action::Exported(Ok("/real/out.txt".into())));
    assert_eq!(
        a.status.as_ref().map(|s| (s.text.as_str(), s.error)),
        Some(("exported to /real/out.txt", false))
    );
    a.update(Action::Exported(Err(ExportFailed::Other(
        "disk full".into(),
    ))));
    assert_eq!(
        a.status.as_ref().map(|s| (s.text.as_str(), s.error)),
        Some(("not exported: disk full", true))
    );
}

#[test]
fn suspend_and_reload_are_asked_of_the_event_loop() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    assert_eq!(a.update(Action::Suspend), [Effect::Suspend]);
    assert_eq!(
        a.update(Action::Reload),
        [],
        "the built-in model has no file"
    );
    assert_eq!(starter_app().update(Action::Reload), [Effect::Reload]);
    assert_eq!(a.update(Action::Down), []);
}

/// The jump box lists the other pane's actor, marked, and never puts it on
/// both sides: Enter on it says so and keeps the box open.
#[test]
fn the_jump_box_never_compares_an_actor_with_itself() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::OpenPicker);
    type_text(&mut a, "united");
    a.update(Action::Accept);
    assert!(matches!(a.overlay, Overlay::Picker(_)), "still open");
    assert_eq!(id(&a, a.left()), "russia", "nothing changed");
    let status = a
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert_eq!(
        status,
        "United States is in the other pane: pick another (s swaps)"
    );
    let screen = drawn(&a);
    assert!(
        screen.contains("United States") && screen.contains("the other pane"),
        "{screen}"
    );
}
