//! Snapshots of every screen drawn into ratatui's TestBackend, driven by
//! actions as a user would, on the built-in model and on a model of long,
//! wide and hostile strings.

use std::path::Path;
use std::sync::Arc;

use detente::model::{self, Model, resolve_actor};
use detente::tui::action::Action;
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
