//! Snapshots of every screen drawn into ratatui's TestBackend, driven by
//! actions as a user would, on the built-in model and on a model of long,
//! wide and hostile strings.

use std::path::Path;
use std::sync::Arc;

use detente::model::{self, Model, resolve_actor};
use detente::tui::action::{Action, ExportFailed};
use detente::tui::app::{App, Context};
use detente::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Color;

fn builtin() -> Model {
    model::builtin().expect("built-in model")
}

fn hostile() -> Model {
    model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/hostile.yaml"))
        .expect("hostile fixture")
}

fn numeric() -> Model {
    model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/numeric.yaml"))
        .expect("numeric fixture")
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| f.render_widget(app, f.area())).expect("draw");
    t
}

/// The screens a user reaches, each as the actions that lead there.
fn screens() -> Vec<(&'static str, Vec<Action>)> {
    let typed = |s: &str| {
        s.chars()
            .map(|c| Action::Type(c.to_string()))
            .collect::<Vec<_>>()
    };
    vec![
        ("compare", vec![Action::Down, Action::Down]),
        (
            "matrix",
            vec![Action::ShowMatrix, Action::Down, Action::Right],
        ),
        ("issue", vec![Action::Open]),
        (
            "issue_third",
            vec![Action::Open, Action::Right, Action::Right, Action::Down],
        ),
        ("picker", [vec![Action::OpenPicker], typed("lav")].concat()),
        ("help", vec![Action::Help]),
        ("export_prompt", vec![Action::Export]),
        ("filtered_conflicts", vec![Action::CycleFilter]),
        ("analysis", vec![Action::ShowAnalysis, Action::Down]),
        (
            "analysis_closest",
            vec![Action::ShowAnalysis, Action::Right, Action::Down],
        ),
        (
            "stated_only",
            vec![Action::CycleBasis, Action::CycleBasis, Action::Down],
        ),
        (
            "confirm_replace",
            vec![
                Action::Export,
                Action::Accept,
                Action::Exported(Err(ExportFailed::Exists("talks-export.txt".into()))),
            ],
        ),
    ]
}

/// The sizes every screen is drawn at; the built-in model also at 200×60,
/// where room to spare must be used, not left blank.
const SIZES: &[(u16, u16)] = &[(80, 24), (120, 40)];

fn snapshot_all(name: &str, m: &Model, left: &str, right: &str) {
    snapshot_at(name, m, left, right, SIZES);
}

fn snapshot_at(name: &str, m: &Model, left: &str, right: &str, sizes: &[(u16, u16)]) {
    let l = resolve_actor(m, left).expect("left");
    let r = resolve_actor(m, right).expect("right");
    for &(w, h) in sizes {
        for (screen, actions) in screens() {
            let mut app = App::new(
                Arc::new(m.clone()),
                l,
                r,
                Theme { color: true },
                Rect::new(0, 0, w, h),
            );
            for a in actions {
                app.update(a);
            }
            let t = draw(&app, w, h);
            insta::assert_snapshot!(format!("{name}_{screen}_{w}x{h}"), t.backend());
        }
    }
}

#[test]
fn builtin_screens() {
    snapshot_at(
        "builtin",
        &builtin(),
        "russia",
        "united-states",
        &[(80, 24), (120, 40), (200, 60)],
    );
}

#[test]
fn hostile_screens() {
    snapshot_all("hostile", &hostile(), "a", "b");
}

#[test]
fn numeric_screens() {
    snapshot_all("numeric", &numeric(), "a", "c");
}

#[test]
fn too_small() {
    let m = builtin();
    let app = App::new(
        Arc::new(m.clone()),
        0,
        1,
        Theme { color: true },
        Rect::new(0, 0, 40, 10),
    );
    insta::assert_snapshot!("too_small_40x10", draw(&app, 40, 10).backend());
}

#[test]
fn no_color_means_no_colour_anywhere() {
    let m = builtin();
    for (_, actions) in screens() {
        let mut app = App::new(
            Arc::new(m.clone()),
            0,
            1,
            Theme { color: false },
            Rect::new(0, 0, 120, 40),
        );
        for a in actions {
            app.update(a);
        }
        let t = draw(&app, 120, 40);
        for cell in t.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset, "{:?}", cell);
            assert_eq!(cell.bg, Color::Reset, "{:?}", cell);
        }
    }
}

#[test]
fn the_screen_says_which_view_actors_and_issue() {
    let m = builtin();
    let app = App::new(
        Arc::new(m.clone()),
        0,
        1,
        Theme { color: true },
        Rect::new(0, 0, 120, 40),
    );
    let text = format!("{}", draw(&app, 120, 40).backend());
    assert!(text.contains("Russian Federation") && text.contains("United States"));
    assert!(text.contains("Issue 1/20 · NATO non-expansion"));
    assert!(text.contains("agreement 27% over 11 shared issues"));
    assert!(text.contains("? help"), "a key hint line");
}

/// The starter model, as if read from `talks.yaml`.
fn starter(yaml: &str) -> Result<Model, model::LoadError> {
    model::from_str(yaml, model::Origin::File("talks.yaml".into()))
}

/// Reloads reach the App as actions, so their screens are snapshots too: a
/// save that loads (renamed actor, same row, "reloaded"), and one that
/// fails (the banner over the last good model).
#[test]
fn reload_screens() {
    let m = starter(model::STARTER_YAML).expect("starter");
    let l = resolve_actor(&m, "downland").expect("downland");
    let r = resolve_actor(&m, "upstate").expect("upstate");
    let mut app = App::new(
        Arc::new(m),
        l,
        r,
        Theme { color: true },
        Rect::new(0, 0, 80, 24),
    )
    .with_context(Context::file("talks.yaml".into(), ".".into()));
    app.update(Action::Down);

    let broken = model::STARTER_YAML.replace("stance: rejects", "stnace: rejects");
    let error = starter(&broken).expect_err("a broken save");
    app.update(Action::Reloaded(Err(error.to_string())));
    insta::assert_snapshot!("reload_failed_80x24", draw(&app, 80, 24).backend());

    let renamed = model::STARTER_YAML.replace("Kingdom of Downland", "Kingdom of Lowland");
    let renamed = starter(&renamed).expect("a good save");
    app.update(Action::Reloaded(Ok(Arc::new(renamed))));
    insta::assert_snapshot!("reload_succeeded_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn a_jump_row_keeps_name_and_matched_id_apart_and_says_what_the_percent_is() {
    let m = builtin();
    let mut app = App::new(
        Arc::new(m.clone()),
        0,
        1,
        Theme { color: false },
        Rect::new(0, 0, 120, 40),
    );
    app.update(Action::OpenPicker);
    for c in "rifkind".chars() {
        app.update(Action::Type(c.to_string()));
    }
    let text = format!("{}", draw(&app, 120, 40).backend());
    assert!(!text.contains("Rifkindrifkind"), "{text}");
    assert!(text.contains("Malcolm Rifkind"), "{text}");
    assert!(text.contains("agreement with United States"), "{text}");
    assert!(text.contains("60% on 4 shared issues"), "{text}");
}

/// The screen at `w`×`h` after `actions`, as text, one string per row.
fn rows_after(m: &Model, actions: &[Action], w: u16, h: u16) -> Vec<String> {
    let l = resolve_actor(m, "russia").expect("left");
    let r = resolve_actor(m, "united-states").expect("right");
    let mut app = App::new(
        Arc::new(m.clone()),
        l,
        r,
        Theme { color: false },
        Rect::new(0, 0, w, h),
    );
    for a in actions {
        app.update(a.clone());
    }
    let t = draw(&app, w, h);
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

/// Issue 24: at 80 columns the Issue view cuts "United States" but keeps
/// its reported mark, and Russia's name but not its red line.
#[test]
fn a_cut_name_keeps_its_mark_at_80_columns() {
    let text = rows_after(&builtin(), &[Action::Open], 80, 24).join("\n");
    assert!(text.contains("United Sta…ʳ"), "{text}");
    assert!(text.contains("Russian F… !"), "{text}");
    assert!(text.contains("John Mears…ⁱ"), "{text}");
}

/// Issue 24: the Matrix headers break between words: "Ukraine" over "in
/// NATO", never "Ukrain" over "e in …", at every size.
#[test]
fn matrix_headers_break_between_words() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let rows = rows_after(&builtin(), &[Action::ShowMatrix], w, h);
        let text = rows.join("\n");
        assert!(!text.contains("Ukrain "), "{w}×{h}\n{text}");
        assert!(!text.contains("Bilater "), "{w}×{h}\n{text}");
        let ukraine = rows
            .iter()
            .position(|r| r.contains("Ukraine in") || r.contains("Ukraine "));
        assert!(ukraine.is_some(), "{w}×{h}\n{text}");
    }
}

/// Issue 24: every view's footer offers export and the keys to the other
/// views (not its own, which does nothing there), at 80×24 and 120×40.
#[test]
fn the_footer_keeps_every_view_key_and_export() {
    let views = [
        (vec![], vec!["m matrix", "a analysis"], "c compare"),
        (
            vec![Action::ShowMatrix],
            vec!["c compare", "a analysis"],
            "m matrix",
        ),
        (
            vec![Action::Open],
            vec!["c compare", "m matrix", "a analysis"],
            "Enter Issue",
        ),
        (
            vec![Action::ShowAnalysis],
            vec!["c compare", "m matrix"],
            "a analysis",
        ),
    ];
    for (w, h) in [(80, 24), (120, 40)] {
        for (actions, others, own) in &views {
            let rows = rows_after(&builtin(), actions, w, h);
            let footer = rows[rows.len() - 2..].join(" ");
            for hint in others
                .iter()
                .chain(&["e export", "s swap", "? help", "q quit"])
            {
                assert!(footer.contains(hint), "{w}×{h} {actions:?}: {footer}");
            }
            assert!(!footer.contains(own), "{w}×{h} {actions:?}: {footer}");
        }
    }
}

/// Issue 24: the Analysis view names its numbers: the cruxes' saliences,
/// the trades' gains, the ranking's agreement and what it rests on.
#[test]
fn analysis_numbers_say_what_they_are_at_80_columns() {
    let rows = rows_after(&builtin(), &[Action::ShowAnalysis], 80, 24);
    let text = rows.join("\n");
    assert!(text.contains("salience L + R"), "{text}");
    assert!(text.contains("1 + 0.5"), "{text}");
    assert!(text.contains(" agreement "), "{text}");
    assert!(text.contains("27% over 11"), "{text}");
    assert!(text.contains("= agree  ~ partial  ✗ conflict"), "{text}");
    assert!(text.contains("▼ 10 trades below"), "{text}");
    // Down to the first trade: its gain sits under "gain".
    let mut to_trade = vec![Action::ShowAnalysis];
    to_trade.extend(std::iter::repeat_n(Action::Down, 8));
    let rows = rows_after(&builtin(), &to_trade, 80, 24);
    let head = rows
        .iter()
        .find(|r| r.contains(" gain "))
        .expect("the trades' heading");
    let first = rows
        .iter()
        .find(|r| r.contains("25.8"))
        .expect("the first trade");
    assert_eq!(
        head.find("gain").map(|k| k + 4),
        first.find("25.8").map(|k| k + 4)
    );
}

/// A click under a spectrum column's two-row heading selects the column's
/// first actor (the heading's second row is not an actor).
#[test]
fn a_click_in_a_spectrum_column_selects_the_actor_under_it() {
    let m = builtin();
    let l = resolve_actor(&m, "russia").expect("left");
    let r = resolve_actor(&m, "united-states").expect("right");
    let mut app = App::new(
        Arc::new(m.clone()),
        l,
        r,
        Theme { color: false },
        Rect::new(0, 0, 80, 24),
    );
    app.update(Action::Open);
    let rows = rows_after(&m, &[Action::Open], 80, 24);
    let y = rows
        .iter()
        .position(|r| r.contains("United Sta…ʳ"))
        .expect("the US row");
    let x = rows[y].chars().position(|c| c == 'U').expect("its column");
    let before = app.spectrum[app.spectrum_selected];
    assert_ne!(before, r, "the US is not selected at first");
    app.update(Action::Click {
        column: x as u16,
        row: y as u16,
    });
    assert_eq!(app.spectrum[app.spectrum_selected], r);
    // The heading's second row ("1 actor") selects nothing new.
    app.update(Action::Click {
        column: x as u16,
        row: (y - 1) as u16,
    });
    assert_eq!(app.spectrum[app.spectrum_selected], r);
}

/// The Issue view's screen, as text, on `yaml` between actors `a` and `b`,
/// after `actions` from Compare.
fn issue_rows(yaml: &str, actions: &[Action], w: u16, h: u16) -> Vec<String> {
    let m = model::from_str(yaml, model::Origin::BuiltIn).expect("model");
    let mut app = App::new(
        Arc::new(m),
        0,
        1,
        Theme { color: false },
        Rect::new(0, 0, w, h),
    );
    for a in actions {
        app.update(a.clone());
    }
    let t = draw(&app, w, h);
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

/// The row of `rows` holding `what`, inside the panel's borders, trimmed.
fn row_with(rows: &[String], what: &str) -> Option<String> {
    let row = rows.iter().find(|r| r.contains(what))?;
    Some(row.trim_matches(|c| c == '│' || c == ' ').to_string())
}

/// One heavy actor (power 6) far from three light ones, on 0..100: Σ w =
/// 9, compromise 630/9 = 70, median 90 (the running weight reaches 4.5 only
/// at Giant's 90); the power step is 0.6, a tenth of the largest power.
const GIANT: &str = "title: One giant
issues:
  - {id: amount, title: Amount, scale: {min: 0, max: 100}}
actors:
  - {id: a, name: A, positions: {amount: {position: 20}}}
  - {id: b, name: B, positions: {amount: {position: 30}}}
  - {id: c, name: C, positions: {amount: {position: 40}}}
  - {id: giant, name: Giant, power: 6, positions: {amount: {position: 90}}}
";

#[test]
fn the_issue_view_names_who_can_move_the_outcome_the_heavy_actor_first() {
    // Giant 90 → 80 moves the median to 80: 10 % of the scale. A light
    // actor's power 1 → 0.4 (Σ w 8.4) moves the compromise most: A (8 + 30
    // + 40 + 540)/8.4 = 73.571, 3.6 %; B 612/8.4 = 72.857, 2.9 %; C
    // 606/8.4 = 72.143, 2.1 %. A position step moves it only 10/9 = 1.1 %.
    let rows = issue_rows(GIANT, &[Action::Open], 120, 30);
    assert_eq!(
        row_with(&rows, "Who can move").as_deref(),
        Some(
            "Who can move this outcome: Giant 10% (position) · A 3.6% (power) · B 2.9% (power) \
             · C 2.1% (power)"
        ),
        "{rows:#?}"
    );
    assert_eq!(
        row_with(&rows, "one step of").as_deref(),
        Some("one step of position, salience or power moves ◆ or ▲ by this % of the scale")
    );
    // Compare has no such panel.
    let rows = issue_rows(GIANT, &[], 120, 30);
    assert_eq!(row_with(&rows, "Who can move"), None);
}

#[test]
fn the_issue_view_follows_a_what_if_change_and_its_undo() {
    // A (selected first: the left actor) moves up a twentieth of the scale,
    // 20 → 25: compromise 635/9 = 70.556. A's power 1 → 0.4: (10 + 30 + 40
    // + 540)/8.4 = 73.810, 3.3 %; B's: 617/8.4 = 73.452, 2.9 %; C's:
    // 611/8.4 = 72.738, 2.2 %. Giant still moves the median 10 %.
    let nudged = [Action::Open, Action::Nudge { up: true }];
    let rows = issue_rows(GIANT, &nudged, 120, 30);
    assert_eq!(
        row_with(&rows, "Who can move").as_deref(),
        Some(
            "Who can move this outcome: Giant 10% (position) · A 3.3% (power) · B 2.9% (power) \
             · C 2.2% (power)"
        ),
        "{rows:#?}"
    );
    let undone = [Action::Open, Action::Nudge { up: true }, Action::Undo];
    let rows = issue_rows(GIANT, &undone, 120, 30);
    assert_eq!(
        row_with(&rows, "Who can move").as_deref(),
        Some(
            "Who can move this outcome: Giant 10% (position) · A 3.6% (power) · B 2.9% (power) \
             · C 2.1% (power)"
        ),
        "{rows:#?}"
    );
}

#[test]
fn an_issue_with_too_many_positions_says_where_to_see_who_can_move_it() {
    let mut yaml = String::from(
        "title: Crowd\nissues:\n  - {id: amount, title: Amount, scale: {min: 0, max: 100}}\nactors:\n",
    );
    for k in 0..301 {
        yaml.push_str(&format!(
            "  - {{id: a{k}, name: A{k}, positions: {{amount: {{position: {}}}}}}}\n",
            k % 101
        ));
    }
    let rows = issue_rows(&yaml, &[Action::Open], 160, 40);
    assert_eq!(
        row_with(&rows, "Who can move").as_deref(),
        Some(
            "Who can move this outcome: not worked out here for 301 positions (more than 300); \
             `detente sensitivity --issue amount` lists them"
        ),
        "{rows:#?}"
    );
}
