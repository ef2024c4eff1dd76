//! Snapshots of the Timeline view and of the other views as of a simulated
//! round, drawn into ratatui's TestBackend. The simulation runs here in
//! place of the event loop's thread.

use std::path::Path;
use std::sync::Arc;

use detente::model::{self, Model, resolve_actor};
use detente::simulate::{self, Input};
use detente::tui::action::{Action, Effect, Simulated};
use detente::tui::app::App;
use detente::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn fixture(name: &str) -> Model {
    model::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("fixture")
}

fn app(m: &Model, left: &str, right: &str, w: u16, h: u16) -> App {
    let l = resolve_actor(m, left).expect("left");
    let r = resolve_actor(m, right).expect("right");
    App::new(
        Arc::new(m.clone()),
        l,
        r,
        Theme { color: true },
        Rect::new(0, 0, w, h),
    )
}

/// Carries out the App's request as the event loop would, at once.
fn update(app: &mut App, action: Action) {
    for effect in app.update(action) {
        if let Effect::Simulate {
            ticket,
            model,
            basis,
            rounds,
        } = effect
        {
            let run = simulate::run(&Input::new(&model, basis), rounds, &mut |_| {});
            app.update(Action::Simulated {
                ticket,
                answer: Simulated::Done(Ok(Arc::new(run))),
            });
        }
    }
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| f.render_widget(app, f.area())).expect("draw");
    t
}

fn screen(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let w = usize::from(buf.area.width);
    buf.content
        .chunks(w)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

const SIZES: &[(u16, u16)] = &[(80, 24), (120, 40), (200, 60)];

#[test]
fn timeline_screens() {
    let worked = fixture("exchange/worked-example.yaml");
    let cop = fixture("exchange/cop21-like.csv");
    let geneva = model::builtin().expect("built-in");
    let cases: Vec<(&str, &Model, &str, &str, Vec<Action>)> = vec![
        (
            "worked_round0",
            &worked,
            "south",
            "west",
            vec![Action::ShowTimeline],
        ),
        (
            "worked_round1",
            &worked,
            "south",
            "west",
            vec![Action::ShowTimeline, Action::NextRound, Action::Down],
        ),
        (
            "cop21_round3_mitigation",
            &cop,
            "usa",
            "china",
            vec![
                Action::ShowTimeline,
                Action::Right,
                Action::NextRound,
                Action::NextRound,
                Action::NextRound,
            ],
        ),
        (
            "cop21_compare_round2",
            &cop,
            "usa",
            "china",
            vec![
                Action::ShowTimeline,
                Action::NextRound,
                Action::NextRound,
                Action::ShowCompare,
            ],
        ),
        (
            "geneva_stances",
            &geneva,
            "russia",
            "united-states",
            vec![Action::ShowTimeline, Action::NextRound],
        ),
    ];
    for &(w, h) in SIZES {
        for (name, m, left, right, actions) in &cases {
            let mut a = app(m, left, right, w, h);
            for action in actions {
                update(&mut a, action.clone());
            }
            insta::assert_snapshot!(format!("timeline_{name}_{w}x{h}"), draw(&a, w, h).backend());
        }
    }
}

#[test]
fn before_the_answer_the_view_says_it_is_simulating() {
    let m = fixture("exchange/worked-example.yaml");
    let mut a = app(&m, "south", "west", 80, 24);
    let effects = a.update(Action::ShowTimeline);
    assert_eq!(effects.len(), 1);
    let text = screen(&draw(&a, 80, 24));
    assert!(
        text.contains("Simulating the bargaining… 0 of 10 rounds done"),
        "{text}"
    );
    let Effect::Simulate { ticket, .. } = &effects[0] else {
        panic!("expected a simulation request");
    };
    a.update(Action::Simulated {
        ticket: *ticket,
        answer: Simulated::Done(Err(
            "this model is too big to simulate in reasonable time".into()
        )),
    });
    let text = screen(&draw(&a, 80, 24));
    assert!(
        text.contains("this model is too big to simulate in reasonable time"),
        "{text}"
    );
    assert!(
        text.contains("to simulate a part, run `detente simulate"),
        "{text}"
    );
}

/// Where the chart would not be legible, a table: the worked example's
/// budget, South against West, and the weighted mean, rounds 0 and 1 —
/// numbers from docs/design.md's worked example: the mean starts at
/// 93.9 and round 1 starts from 82.3; South gives way from 180 to 132.4,
/// West from 160 to 131.3.
#[test]
fn a_small_terminal_gets_a_table_with_the_worked_example_numbers() {
    let m = fixture("exchange/worked-example.yaml");
    let mut a = app(&m, "south", "west", 60, 16);
    update(&mut a, Action::ShowTimeline);
    update(&mut a, Action::NextRound);
    let text = screen(&draw(&a, 60, 16));
    let row = |name: &str| {
        let numbers = |l: &str| {
            l.split(|c: char| c.is_whitespace() || c == '│')
                .filter(|w| w.parse::<f64>().is_ok())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        text.lines()
            .filter(|l| l.trim_start_matches('│').starts_with(name))
            .map(numbers)
            .find(|n| !n.is_empty())
            .unwrap_or_else(|| panic!("no row {name} in\n{text}"))
    };
    assert_eq!(row("South"), ["180", "132.4"]);
    assert_eq!(row("West"), ["160", "131.3"]);
    assert_eq!(row("weighted mean"), ["93.9", "82.3"]);
}
