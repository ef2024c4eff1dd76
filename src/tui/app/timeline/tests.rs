//! The Timeline driven by actions. The simulation's numbers are checked
//! against the reference elsewhere (tests/exchange_reference.rs); here the
//! expected positions are the worked example's, as docs/design.md and the
//! reference give them for round 1.

use std::path::Path;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::*;
use crate::model::{self, resolve_actor};
use crate::simulate::{self, Input, IssueRound, Round, Stopped};
use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// The worked example of the exchange model (also the what-if tests').
pub(in crate::tui::app) fn worked() -> Model {
    model::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange/worked-example.yaml"),
    )
    .expect("worked example")
}

/// `left` vs `right` at 120×40, no colour.
pub(in crate::tui::app) fn app(m: &Model, left: &str, right: &str) -> App {
    let l = resolve_actor(m, left).expect("left");
    let r = resolve_actor(m, right).expect("right");
    App::new(
        Arc::new(m.clone()),
        l,
        r,
        Theme { color: false },
        Rect::new(0, 0, 120, 40),
    )
}

/// What the event loop would do with the App's one simulation request:
/// run it here, and answer.
pub(in crate::tui::app) fn simulate_now(app: &mut App, effects: Vec<Effect>) {
    let [
        Effect::Simulate {
            ticket,
            model,
            basis,
            rounds,
        },
    ] = effects.as_slice()
    else {
        panic!("expected one simulation request, got {effects:?}");
    };
    let run = simulate::run(&Input::new(model, *basis), *rounds, &mut |_| {});
    app.update(Action::Simulated {
        ticket: *ticket,
        answer: Simulated::Done(Ok(Arc::new(run))),
    });
}

fn value(app: &App, actor: &str, issue: &str) -> f64 {
    let a = app.model.actor_by_id(actor).expect("actor");
    let k = app
        .model
        .issues
        .iter()
        .position(|i| i.id == issue)
        .expect("issue");
    app.model.actors[a].position(k).expect("position").value
}

#[test]
fn t_asks_once_for_a_simulation_and_its_answers_fill_the_view() {
    let m = worked();
    let mut a = app(&m, "south", "west");
    let effects = a.update(Action::ShowTimeline);
    assert_eq!(a.view, View::Timeline);
    let ticket = match effects.as_slice() {
        [
            Effect::Simulate {
                ticket,
                basis,
                rounds,
                ..
            },
        ] => {
            assert_eq!((*basis, *rounds), (Basis::Inferred, 10));
            *ticket
        }
        other => panic!("expected a simulation request, got {other:?}"),
    };
    assert_eq!(
        a.timeline.simulation,
        Simulation::Running {
            done: 0,
            rounds: 10
        }
    );
    a.update(Action::Simulated {
        ticket,
        answer: Simulated::Round(3),
    });
    assert_eq!(
        a.timeline.simulation,
        Simulation::Running {
            done: 3,
            rounds: 10
        }
    );
    // An answer to another request (an older model's) changes nothing.
    a.update(Action::Simulated {
        ticket: ticket + 1000,
        answer: Simulated::Done(Err("stale".into())),
    });
    assert_eq!(
        a.timeline.simulation,
        Simulation::Running {
            done: 3,
            rounds: 10
        }
    );
    a.update(Action::Simulated {
        ticket,
        answer: Simulated::Done(Err("too big".into())),
    });
    assert_eq!(a.timeline.simulation, Simulation::Refused("too big".into()));
    // Refused stays refused: showing the view again does not ask again.
    a.update(Action::ShowCompare);
    assert!(a.update(Action::ShowTimeline).is_empty());
}

#[test]
fn stepping_the_round_shows_the_simulated_positions_in_every_view() {
    let m = worked();
    let mut a = app(&m, "south", "west");
    let effects = a.update(Action::ShowTimeline);
    simulate_now(&mut a, effects);
    assert_eq!(a.timeline.last_round(), 10);
    a.update(Action::ShowCompare);
    a.update(Action::NextRound);
    assert_eq!(a.timeline.round, 1);
    // Round 1 of the worked example: South gives way on the budget (180 →
    // 132.4) and West on the deadline (30 → 30.986…); North moves on the
    // deadline (20 → 46.6) and on oversight (70 → 63.52…).
    assert!((value(&a, "south", "budget") - 132.4).abs() < 1e-9);
    assert!((value(&a, "west", "deadline") - 30.986_071_541_627_098).abs() < 1e-9);
    assert!((value(&a, "north", "deadline") - 46.6).abs() < 1e-9);
    assert!((value(&a, "north", "oversight") - 63.523_569_356_486_21).abs() < 1e-9);
    // Who holds what is untouched; East does not move on the budget.
    assert_eq!(value(&a, "east", "budget"), 120.0);
    // The comparison is of the round shown.
    let budget = a.row(0);
    assert!((budget.left.expect("south").value - 132.4).abs() < 1e-9);
    a.update(Action::PrevRound);
    assert_eq!(a.timeline.round, 0);
    assert!(Arc::ptr_eq(&a.model, &a.timeline.base));
    assert_eq!(value(&a, "south", "budget"), 180.0);
}

#[test]
fn rounds_stop_at_both_ends_and_say_so() {
    let m = worked();
    let mut a = app(&m, "south", "west");
    a.update(Action::NextRound);
    assert_eq!(a.timeline.round, 0);
    assert_eq!(
        a.status.as_ref().map(|s| (s.text.as_str(), s.error)),
        Some(("no simulation yet: t runs it", true))
    );
    let effects = a.update(Action::ShowTimeline);
    simulate_now(&mut a, effects);
    a.update(Action::PrevRound);
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("round 0 is the model as written")
    );
    for _ in 0..25 {
        a.update(Action::NextRound);
    }
    assert_eq!(a.timeline.round, 10);
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("that is the last round simulated")
    );
}

#[test]
fn another_basis_sets_the_simulation_aside_and_shows_the_model_as_written() {
    let m = worked();
    let mut a = app(&m, "south", "west");
    let effects = a.update(Action::ShowTimeline);
    simulate_now(&mut a, effects);
    a.update(Action::NextRound);
    a.update(Action::NextRound);
    a.update(Action::CycleBasis);
    assert_eq!(a.timeline.round, 0);
    assert_eq!(a.timeline.simulation, Simulation::NotRun);
    assert_eq!(value(&a, "south", "budget"), 180.0);
    // The Timeline asks again, counting from the new basis.
    match a.update(Action::ShowTimeline).as_slice() {
        [Effect::Simulate { basis, .. }] => assert_eq!(*basis, Basis::Reported),
        other => panic!("expected a new request, got {other:?}"),
    }
}

#[test]
fn a_reload_starts_the_timeline_again_and_ignores_the_old_run() {
    let m = worked();
    let mut a = app(&m, "south", "west");
    let old = match a.update(Action::ShowTimeline).as_slice() {
        [Effect::Simulate { ticket, .. }] => *ticket,
        other => panic!("expected a request, got {other:?}"),
    };
    a.update(Action::Reloaded(Ok(Arc::new(worked()))));
    assert_eq!(a.timeline.simulation, Simulation::NotRun);
    let new = match a.update(Action::ShowTimeline).as_slice() {
        [Effect::Simulate { ticket, .. }] => *ticket,
        other => panic!("expected a request, got {other:?}"),
    };
    assert_ne!(old, new);
    a.update(Action::Simulated {
        ticket: old,
        answer: Simulated::Done(Err("the old model's".into())),
    });
    assert_eq!(
        a.timeline.simulation,
        Simulation::Running {
            done: 0,
            rounds: 10
        }
    );
}

#[test]
fn a_stance_takes_the_nearest_word_and_a_number_its_value() {
    let m = model::builtin().expect("built-in");
    let russia = resolve_actor(&m, "russia").expect("russia");
    let (stance_issue, numeric_value) = (0, 0.6);
    assert!(!m.issues[stance_issue].is_numeric());
    let before = m.actors[russia]
        .position(stance_issue)
        .expect("held")
        .stance;
    let run = Run {
        rounds: vec![Round {
            number: 1,
            exchanges: Vec::new(),
            issues: vec![IssueRound {
                issue: stance_issue,
                mean_start: None,
                mean_voting: None,
                positions: vec![(russia, numeric_value)],
            }],
        }],
        stopped: Stopped::NoExchange,
        note: None,
    };
    assert_ne!(before, Some(Stance::Supports));
    let at = model_at(&m, &run, 1);
    let p = at.actors[russia].position(stance_issue).expect("held");
    // 0.6 on the −2..+2 scale is nearest +1, supports.
    assert_eq!((p.stance, p.value), (Some(Stance::Supports), 1.0));
    // Round 0, or a round the run does not have, changes nothing.
    assert_eq!(model_at(&m, &run, 0), m);
    let w = worked();
    let run = Run {
        rounds: vec![Round {
            number: 1,
            exchanges: Vec::new(),
            issues: vec![IssueRound {
                issue: 0,
                mean_start: None,
                mean_voting: None,
                positions: vec![(1, 150.25)],
            }],
        }],
        stopped: Stopped::Rounds,
        note: None,
    };
    let at = model_at(&w, &run, 1);
    assert_eq!(at.actors[1].position(0).expect("held").value, 150.25);
    assert_eq!(at.actors[0].position(0).expect("held").value, 40.0);
}

/// The TUI's report never simulates on the screen's thread: it takes the
/// Timeline's run, or says how to get one.
#[test]
fn the_report_takes_the_timelines_run_or_says_to_run_it() {
    let m = worked();
    let mut a = app(&m, "south", "west");
    let md = a.export_text(crate::export::Format::Markdown);
    assert!(
        md.contains("Not simulated here: press t in detente to run the simulation first"),
        "{md}"
    );
    let effects = a.update(Action::ShowTimeline);
    simulate_now(&mut a, effects);
    let md = a.export_text(crate::export::Format::Markdown);
    assert!(!md.contains("Not simulated here"), "{md}");
    // South's budget in rounds 0 and 1, as the worked example gives them.
    assert!(md.contains("180") && md.contains("132.4"), "{md}");
}

/// An export from the screen says which round it shows and the what-if
/// changes behind it.
#[test]
fn an_export_says_the_round_and_the_what_if_changes() {
    let m = worked();
    let mut a = app(&m, "south", "west");
    let text = a.export_text(crate::export::Format::Text);
    assert!(!text.contains("as of round"), "{text}");
    a.update(Action::Nudge { up: true });
    let effects = a.update(Action::ShowTimeline);
    simulate_now(&mut a, effects);
    a.update(Action::NextRound);
    let text = a.export_text(crate::export::Format::Markdown);
    assert!(
        text.contains("as of round 1 of 10 of the simulation, with the what-if changes made in detente (1 change)"),
        "{text}"
    );
}
