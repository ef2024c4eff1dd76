//! What-if keys driven as actions. Expected numbers are worked by hand
//! from the worked example's model (tests/fixtures/exchange/worked-example.yaml):
//! budget on 0–200, weights salience × power North 0.9, South 0.32, East
//! 0.35, West 0.18 (Σ 1.75).

use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::model::{self, Stance, resolve_actor};
use crate::tui::action::Action;
use crate::tui::app::{Context, Simulation};

use crate::tui::app::timeline::tests::{app, simulate_now, worked};

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

fn status(app: &App) -> (&str, bool) {
    app.status
        .as_ref()
        .map(|s| (s.text.as_str(), s.error))
        .expect("a status")
}

/// South (left pane, focused) on the budget, first row of Compare.
fn south_on_budget() -> App {
    let m = worked();
    let a = app(&m, "south", "west");
    assert_eq!(a.selected_row(), Some(0));
    a
}

#[test]
fn plus_moves_the_focused_position_a_twentieth_of_the_scale_and_everything_follows() {
    let mut a = south_on_budget();
    let effects = a.update(Action::Nudge { up: true });
    assert!(effects.is_empty(), "no simulation had run: {effects:?}");
    // 180 + 200/20.
    assert_eq!(value(&a, "south", "budget"), 190.0);
    assert_eq!(
        status(&a),
        (
            "what if: South's position on Budget 180 → 190 (u undoes)",
            false
        )
    );
    // The model as read is untouched; the change is counted.
    assert_eq!(
        a.what_if.written.actors[1].position(0).expect("held").value,
        180.0
    );
    assert_eq!(a.what_if.scenario.len(), 1);
    assert!(a.what_if.unsaved());
    assert_eq!(a.what_if_baseline(1, 0, Field::Position), Some(180.0));
    // The compromise follows: (0.9·40 + 0.32·190 + 0.35·120 + 0.18·160) / 1.75
    // = 167.6 / 1.75 = 95.7714…; it was 164.4 / 1.75 = 93.9428….
    a.update(Action::Open);
    let c = a.forecast.compromise.expect("compromise");
    assert!((c - 95.771_428_571).abs() < 1e-6, "{c}");
    // Down twice from the Issue view's selection (South is selected: the
    // focused actor) then undo twice: back to the model as read.
    a.update(Action::Nudge { up: false });
    a.update(Action::Nudge { up: false });
    assert_eq!(value(&a, "south", "budget"), 170.0);
    a.update(Action::Undo);
    a.update(Action::Undo);
    assert_eq!(value(&a, "south", "budget"), 190.0);
    a.update(Action::Undo);
    assert_eq!(*a.model, *a.what_if.written);
    assert_eq!(a.what_if_baseline(1, 0, Field::Position), None);
    a.update(Action::Undo);
    assert_eq!(status(&a), ("no what-if change to undo", true));
}

#[test]
fn positions_stop_at_the_ends_of_their_scale() {
    let mut a = south_on_budget();
    a.update(Action::Nudge { up: true });
    a.update(Action::Nudge { up: true });
    assert_eq!(value(&a, "south", "budget"), 200.0);
    a.update(Action::Nudge { up: true });
    assert_eq!(status(&a), ("already at the top of its range", true));
    assert_eq!(a.what_if.scenario.len(), 2);
}

#[test]
fn p_switches_to_salience_then_power() {
    let mut a = south_on_budget();
    a.update(Action::CycleField);
    assert_eq!(status(&a), ("+ and - now change the salience", false));
    a.update(Action::Nudge { up: true });
    let south = a.model.actor_by_id("south").expect("south");
    let p = a.model.actors[south].position(0).expect("held");
    // 0.4 + 0.1, and the position stays.
    assert_eq!((p.salience, p.value), (0.5, 180.0));
    a.update(Action::CycleField);
    a.update(Action::Nudge { up: false });
    // South's power 0.8, less a tenth of the largest power (1.0, North's).
    let p = a.model.actors[south].position(0).expect("held");
    assert!((a.model.actors[south].power_on(p) - 0.7).abs() < 1e-12);
    // Only this position's power: South's other positions keep 0.8.
    let deadline = a.model.actors[south].position(1).expect("held");
    assert_eq!(a.model.actors[south].power_on(deadline), 0.8);
    a.update(Action::ResetWhatIf);
    assert_eq!(*a.model, *a.what_if.written);
    assert_eq!(status(&a), ("reset 2 what-if changes", false));
}

#[test]
fn a_stance_moves_one_word_at_a_time() {
    let m = model::builtin().expect("built-in");
    let mut a = app(&m, "russia", "united-states");
    // NATO non-expansion, the first row: Russia demands it.
    let russia = a.left();
    assert_eq!(
        a.model.actors[russia].position(0).expect("held").stance,
        Some(Stance::Demands)
    );
    a.update(Action::Nudge { up: true });
    assert_eq!(status(&a), ("already at the top of its range", true));
    a.update(Action::Nudge { up: false });
    let p = a.model.actors[russia].position(0).expect("held");
    assert_eq!((p.stance, p.value), (Some(Stance::Supports), 1.0));
}

#[test]
fn no_target_and_no_position_are_said() {
    let m = worked();
    let mut a = app(&m, "south", "west");
    a.update(Action::ShowAnalysis);
    a.update(Action::Nudge { up: true });
    assert_eq!(
        status(&a),
        (
            "what if: select an actor on an issue in Compare, Issue or Matrix",
            true
        )
    );
    assert!(a.what_if.scenario.is_empty());
}

#[test]
fn a_change_runs_the_simulation_again_and_is_refused_past_round_0() {
    let mut a = south_on_budget();
    let effects = a.update(Action::ShowTimeline);
    simulate_now(&mut a, effects);
    a.update(Action::ShowCompare);
    a.update(Action::NextRound);
    a.update(Action::Nudge { up: true });
    assert_eq!(
        status(&a),
        (
            "what-if changes apply to the model as written: , back to round 0 first",
            true
        )
    );
    a.update(Action::PrevRound);
    let effects = a.update(Action::Nudge { up: true });
    // The old rounds are set aside; the new simulation is pending.
    assert!(matches!(effects.as_slice(), [Effect::Simulate { .. }]));
    assert!(matches!(
        a.timeline.simulation,
        Simulation::Running { done: 0, .. }
    ));
    assert_eq!(
        a.timeline.base.actors[1].position(0).expect("held").value,
        190.0
    );
}

#[test]
fn a_reload_keeps_the_changes_and_drops_one_that_no_longer_applies() {
    let mut a = south_on_budget();
    a.update(Action::Nudge { up: true });
    a.update(Action::Down);
    a.update(Action::Nudge { up: true });
    assert_eq!(value(&a, "south", "deadline"), 95.0);
    // The file is saved with South's deadline at 80: that change no longer
    // applies (it was made from 90); the budget change still does.
    let mut edited = worked();
    let south = edited.actor_by_id("south").expect("south");
    edited.actors[south].position_mut(1).expect("held").value = 80.0;
    a.update(Action::Reloaded(Ok(Arc::new(edited))));
    assert_eq!(value(&a, "south", "budget"), 190.0);
    assert_eq!(value(&a, "south", "deadline"), 80.0);
    assert_eq!(a.what_if.scenario.len(), 1);
    assert_eq!(
        status(&a),
        (
            "1 what-if change no longer applies and was dropped: south:deadline:position",
            true
        )
    );
}

#[test]
fn the_saved_scenario_reads_back_as_the_same_changes() {
    let mut a = south_on_budget().with_context(Context::file(
        "talks.yaml".into(),
        std::path::PathBuf::from("."),
    ));
    a.update(Action::Nudge { up: true });
    a.update(Action::CycleField);
    a.update(Action::Nudge { up: false });
    let text = a.scenario_text();
    assert!(
        text.contains("model: \"talks.yaml\"") || text.contains("model: talks.yaml"),
        "{text}"
    );
    let back = Scenario::from_str(&text, Path::new("s.yaml")).expect("reads back");
    assert_eq!(back.changes(), a.what_if.scenario.changes());
    let (applied, stale) = back.apply((*a.what_if.written).clone());
    assert!(stale.is_empty());
    assert_eq!(applied, *a.model);
    assert_eq!(back.base_differs(&a.what_if.written), None);
}

#[test]
fn w_asks_for_a_name_and_saves_the_scenario_beside_never_over_the_model() {
    let mut a = south_on_budget().with_context(Context::file(
        "talks.yaml".into(),
        std::path::PathBuf::from("/work/out"),
    ));
    a.update(Action::SaveScenario);
    assert_eq!(
        status(&a),
        ("no what-if changes to save: + and - make them", true)
    );
    a.update(Action::Nudge { up: true });
    a.update(Action::SaveScenario);
    assert!(matches!(&a.overlay, crate::tui::app::Overlay::Prompt(n) if n == "talks-what-if.yaml"));
    let effects = a.update(Action::Accept);
    let [
        Effect::WriteScenario {
            path,
            contents,
            overwrite,
            model,
        },
    ] = effects.as_slice()
    else {
        panic!("expected a scenario to write, got {effects:?}");
    };
    assert_eq!(
        path,
        &std::path::PathBuf::from("/work/out/talks-what-if.yaml")
    );
    assert_eq!((contents, *overwrite), (&a.scenario_text(), false));
    assert_eq!(model.as_deref(), Some(Path::new("talks.yaml")));
    assert!(a.what_if.unsaved());
    a.update(Action::Exported(Ok(path.clone())));
    assert!(!a.what_if.unsaved());
    assert_eq!(
        status(&a).0,
        "saved the what-if changes to /work/out/talks-what-if.yaml (detente MODEL --scenario /work/out/talks-what-if.yaml opens them)"
    );
}

#[test]
fn quitting_with_unsaved_changes_says_how_to_keep_them_and_a_second_q_quits() {
    let mut a = south_on_budget();
    a.update(Action::Quit);
    assert!(a.quit, "nothing unsaved: q quits at once");
    let mut a = south_on_budget();
    a.update(Action::Nudge { up: true });
    a.update(Action::Quit);
    assert!(!a.quit);
    assert_eq!(
        status(&a),
        (
            "1 what-if change not saved: w saves them as a scenario; q again quits without them",
            true
        )
    );
    // Any other key in between asks again.
    a.update(Action::Down);
    a.update(Action::Quit);
    assert!(!a.quit);
    a.update(Action::Quit);
    assert!(a.quit);
}

#[test]
fn opening_with_a_scenario_starts_from_its_changes() {
    let m = worked();
    let south = resolve_actor(&m, "south").expect("south");
    let change = Change::of(&m, south, 0, Field::Position, 100.0).expect("held");
    let mut s = Scenario::new(Base::of(&m, None));
    s.push(change);
    let a = app(&m, "south", "west").with_scenario(s, false, &[]);
    assert_eq!(value(&a, "south", "budget"), 100.0);
    assert_eq!(a.what_if.scenario.len(), 1);
    assert!(
        !a.what_if.unsaved(),
        "opened from a file: nothing new to save"
    );
    assert_eq!(a.what_if_baseline(south, 0, Field::Position), Some(180.0));
}
