//! Property tests: random models with hostile text, rendered at every size
//! from 0×0 to 300×100 after random actions (every action a key, the mouse,
//! the terminal or the event loop can send, and reloads of a changed or
//! broken save): no panic, no control or bidi-override character ever
//! reaches the screen buffer, the state stays consistent with its model,
//! and `update` asks only for the effects the action calls for.

use detente::model::{self, Origin};
use detente::simulate::{self, Input};
use detente::tui::action::{Action, Effect, ExportFailed, Simulated};
use detente::tui::app::{App, Context, Pair, View};
use detente::tui::keymap::Mode;
use detente::tui::layout;
use detente::tui::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::sync::Arc;

const PIECES: &[&str] = &[
    "Lavrov",
    "NATO",
    " ",
    "  ",
    "拉夫罗夫",
    "国家安全",
    "🇷🇺",
    "👩‍👩‍👧‍👦",
    "👍🏽",
    "e\u{301}",
    "Z̷̢̛a̸l̴",
    "שלום",
    "عربي",
    "\t",
    "\n",
    "\r\n",
    "\u{1b}[2J",
    "\u{1b}]0;title\u{7}",
    "\u{9b}31m",
    "\u{202e}",
    "\u{2066}",
    "\u{7f}",
    "\u{0}",
    "a-very-long-word-without-any-space-to-break-it-anywhere",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

fn stance() -> impl Strategy<Value = Option<i8>> {
    prop_oneof![1 => Just(None), 3 => (-2i8..=2).prop_map(Some)]
}

/// A position before its issue's kind is known: a stance, or where on a
/// numeric scale (a fraction of the way), with the rest of its fields.
type RawPos = (
    Option<i8>,
    f64,
    f64,
    bool,
    String,
    Vec<(String, String)>,
    usize,
    Option<f64>,
);

fn position() -> impl Strategy<Value = RawPos> {
    (
        stance(),
        0.0f64..=1.0,
        0.0f64..=1.0,
        any::<bool>(),
        text(),
        prop::collection::vec((text(), text()), 0..3),
        0usize..3,
        prop::option::of(0.0f64..=5.0),
    )
}

/// The position as a stance issue's or a numeric issue's (`scale`: min and
/// width), or none when the stance is unknown.
fn position_json(p: RawPos, scale: Option<(f64, f64)>) -> Option<serde_json::Value> {
    let (stance, at, salience, red_line, summary, evidence, basis, power) = p;
    let s = stance?;
    let basis = ["stated", "reported", "inferred"][basis];
    let mut v = serde_json::json!({
        "salience": salience,
        "red_line": red_line,
        "basis": basis,
        "summary": summary,
        "evidence": evidence.into_iter().map(|(q, sp)| serde_json::json!({
            "quote": format!("q{q}"), "speaker": sp
        })).collect::<Vec<_>>(),
    });
    match scale {
        Some((min, width)) => v["position"] = (min + at * width).clamp(min, min + width).into(),
        None => v["stance"] = s.into(),
    }
    if let Some(power) = power {
        v["power"] = power.into();
    }
    Some(v)
}

/// An issue's scale, if numeric: min, width, labels (fraction, text), and
/// where its status quo and outcome lie (fractions).
type RawScale = Option<(f64, f64, Vec<(f64, String)>, Option<f64>, Option<f64>)>;

fn scale() -> impl Strategy<Value = RawScale> {
    prop::option::of((
        -1e6f64..1e6,
        1e-3f64..1e6,
        prop::collection::vec((0.0f64..=1.0, text()), 0..4),
        prop::option::of(0.0f64..=1.0),
        prop::option::of(0.0f64..=1.0),
    ))
}

/// A model as YAML text (JSON is YAML), with `actors` × `issues` of random text.
fn model_yaml() -> impl Strategy<Value = String> {
    (1usize..6, 1usize..9).prop_flat_map(|(n_actors, n_issues)| {
        (
            text(),
            prop::collection::vec((text(), prop::option::of(text()), scale()), n_issues),
            prop::collection::vec(
                (text(), prop::collection::vec(text(), 0..3), prop::collection::vec(position(), n_issues)),
                n_actors,
            ),
        )
            .prop_map(|(title, issues, actors)| {
                let scales: Vec<Option<(f64, f64)>> = issues
                    .iter()
                    .map(|(_, _, sc)| sc.as_ref().map(|(min, width, ..)| (*min, *width)))
                    .collect();
                let issues: Vec<_> = issues
                    .into_iter()
                    .enumerate()
                    .map(|(i, (t, short, sc))| {
                        let mut v = serde_json::json!({"id": format!("i{i}"), "title": format!("t{t}")});
                        if let Some(s) = short {
                            v["short"] = format!("s{s}").into();
                        }
                        if let Some((min, width, labels, sq, outcome)) = sc {
                            let at = |f: f64| (min + f * width).clamp(min, min + width);
                            v["scale"] = serde_json::json!({
                                "min": min,
                                "max": min + width,
                                "labels": labels.into_iter().map(|(f, l)| serde_json::json!({"at": at(f), "label": format!("l{l}")})).collect::<Vec<_>>(),
                            });
                            if let Some(q) = sq {
                                v["scale"]["status_quo"] = at(q).into();
                            }
                            if let Some(o) = outcome {
                                v["outcome"] = at(o).into();
                            }
                        }
                        v
                    })
                    .collect();
                let actors: Vec<_> = actors
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, aliases, positions))| {
                        let positions: serde_json::Map<_, _> = positions
                            .into_iter()
                            .enumerate()
                            .filter_map(|(k, p)| position_json(p, scales[k]).map(|p| (format!("i{k}"), p)))
                            .collect();
                        serde_json::json!({
                            "id": format!("a{i}"),
                            "name": format!("n{name}"),
                            "aliases": aliases.into_iter().map(|a| format!("x{a}")).collect::<Vec<_>>(),
                            "affiliation": if i > 0 { Some("a0") } else { None },
                            "positions": positions,
                        })
                    })
                    .collect();
                yaml_safe(&serde_json::json!({"title": format!("T{title}"), "issues": issues, "actors": actors}).to_string())
            })
    })
}

/// JSON leaves characters raw that YAML only accepts escaped (DEL, C1
/// controls, U+FFFE/F); all of them are inside JSON strings here.
fn yaml_safe(json: &str) -> String {
    json.chars()
        .map(|c| match c {
            '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => {
                format!("\\u{:04x}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

/// Every action, the export's more often: it takes three in a row (`e`,
/// Enter, an answer) to reach its effects and the overwrite question.
fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => Just(Action::Up),
        1 => Just(Action::Down),
        1 => Just(Action::PageUp),
        1 => Just(Action::PageDown),
        1 => Just(Action::Top),
        1 => Just(Action::Bottom),
        1 => Just(Action::Left),
        1 => Just(Action::Right),
        1 => Just(Action::ScrollUp),
        1 => Just(Action::ScrollDown),
        1 => Just(Action::ToggleFocus),
        1 => Just(Action::Swap),
        1 => Just(Action::NextActor),
        1 => Just(Action::PrevActor),
        1 => Just(Action::CycleOrder),
        1 => Just(Action::CycleFilter),
        1 => Just(Action::CycleBasis),
        1 => Just(Action::DetailUp),
        1 => Just(Action::DetailDown),
        1 => Just(Action::Open),
        1 => Just(Action::ShowMatrix),
        1 => Just(Action::ShowAnalysis),
        1 => Just(Action::ShowCompare),
        1 => Just(Action::ShowTimeline),
        2 => prop_oneof![Just(Action::Nudge { up: true }), Just(Action::Nudge { up: false })],
        1 => Just(Action::CycleField),
        1 => Just(Action::Undo),
        1 => Just(Action::ResetWhatIf),
        1 => Just(Action::SaveScenario),
        2 => Just(Action::NextRound),
        1 => Just(Action::PrevRound),
        2 => Just(Action::Back),
        1 => Just(Action::Help),
        1 => Just(Action::Close),
        3 => Just(Action::Accept),
        1 => Just(Action::OpenPicker),
        // Safe now: `update` only asks for the file; nothing here writes it.
        3 => Just(Action::Export),
        1 => Just(Action::CycleFormat),
        1 => Just(Action::Backspace),
        1 => Just(Action::ClearInput),
        2 => Just(Action::Yes),
        1 => Just(Action::No),
        1 => Just(Action::Reload),
        1 => Just(Action::Reloading),
        1 => Just(Action::Suspend),
        // The event loop's answers to an export.
        2 => Just(Action::Exported(Err(ExportFailed::Exists("/out/taken.txt".into())))),
        1 => Just(Action::Exported(Err(ExportFailed::Other("disk full".into())))),
        1 => Just(Action::Exported(Ok("/out/written.txt".into()))),
        1 => prop::sample::select(PIECES).prop_map(|p| Action::Type(p.to_string())),
        1 => (0u16..300, 0u16..100).prop_map(|(column, row)| Action::Click { column, row }),
        1 => (0u16..=300, 0u16..=100).prop_map(|(width, height)| Action::Resize { width, height }),
    ]
}

/// A saved model file, as a reload reads it: the model with one actor
/// dropped, its actors in reverse order, or a save that does not load.
#[derive(Debug, Clone)]
enum Save {
    Drop(usize),
    Reverse,
    Broken,
}

#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Reloaded(Save),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => action().prop_map(Step::Act),
        1 => prop_oneof![
            (0usize..6).prop_map(Save::Drop),
            Just(Save::Reverse),
            Just(Save::Broken),
        ]
        .prop_map(Step::Reloaded),
    ]
}

/// What the loader would hand the App for `save` of the model in `yaml`.
fn reloaded(yaml: &str, save: &Save) -> Action {
    let mut doc: serde_json::Value = serde_json::from_str(yaml).expect("generated YAML is JSON");
    let actors = doc["actors"].as_array_mut().expect("actors");
    match save {
        Save::Drop(k) => {
            let k = k % actors.len();
            actors.remove(k);
        }
        Save::Reverse => actors.reverse(),
        Save::Broken => return Action::Reloaded(Err("m.yaml:3:5: unknown field `stnace`".into())),
    }
    let yaml = yaml_safe(&doc.to_string());
    Action::Reloaded(
        model::from_str(&yaml, Origin::File("m.yaml".into()))
            .map(Arc::new)
            .map_err(|e| e.to_string()),
    )
}

/// What must hold after every action, whatever the model and the keys.
fn check(app: &App, context: &Context) -> Result<(), TestCaseError> {
    let m = &*app.model;
    let (actors, issues) = (m.actors.len(), m.issues.len());
    prop_assert_eq!(
        app.context(),
        context,
        "the context never changes, reloads included"
    );
    prop_assert!(app.left() < actors && app.right() < actors);
    prop_assert!(app.issue < issues);
    prop_assert!(app.matrix_row.selected < actors);
    // The verdicts are the current pair's, at the current basis, on the
    // current model (never the model before a reload).
    prop_assert_eq!(
        &app.comparison,
        &Pair::new(m, app.left(), app.right(), app.min_basis())
    );
    prop_assert!(app.rows.iter().all(|&r| r < issues));
    prop_assert!(app.list.selected < app.rows.len().max(1));
    prop_assert!(app.list.offset <= app.list.selected);
    // Every actor once in the spectrum.
    let mut spectrum = app.spectrum.clone();
    spectrum.sort_unstable();
    prop_assert_eq!(spectrum, (0..actors).collect::<Vec<_>>());
    prop_assert!(app.help_scroll <= layout::help(app.viewport).max_scroll);
    // The round shown is one the simulation has; round 0 is the model as
    // written, whose actors and issues every round keeps.
    prop_assert!(app.timeline.round <= app.timeline.last_round());
    let base = &app.timeline.base;
    prop_assert!(app.timeline.round > 0 || Arc::ptr_eq(&app.model, base));
    prop_assert_eq!((base.actors.len(), base.issues.len()), (actors, issues));
    // The way back: Compare first, each view at most once and never the
    // one on screen, every index in the current model (reloads included).
    let trail: Vec<View> = app.trail().iter().map(|v| v.view).collect();
    if let Some(first) = trail.first() {
        prop_assert_eq!(*first, View::Compare);
    } else {
        prop_assert_eq!(app.view, View::Compare, "an empty trail: the first view");
    }
    prop_assert!(!trail.contains(&app.view), "{:?} on {:?}", trail, app.view);
    for (k, v) in trail.iter().enumerate() {
        prop_assert!(!trail[k + 1..].contains(v), "{:?} twice", v);
    }
    for v in app.trail() {
        prop_assert!(
            v.issue < issues && v.actor.is_none_or(|a| a < actors),
            "{:?}",
            v
        );
    }
    Ok(())
}

/// The effects `action` may ask for, and nothing else: an export only from
/// the prompt's Enter (never replacing) or the question's `y` (replacing),
/// in the export directory.
fn check_effects(
    action: &Action,
    before: Mode,
    effects: &[Effect],
    context: &Context,
) -> Result<(), TestCaseError> {
    for e in effects {
        match e {
            Effect::WriteExport {
                path, overwrite, ..
            } => {
                prop_assert!(path.starts_with(&context.export_dir), "{path:?}");
                let from = (before, action);
                prop_assert!(
                    matches!(from, (Mode::Prompt, Action::Accept) if !overwrite)
                        || matches!(from, (Mode::Confirm, Action::Yes) if *overwrite),
                    "{from:?} asked to write {path:?}"
                );
            }
            Effect::Reload => prop_assert_eq!(action, &Action::Reload),
            Effect::Suspend => prop_assert_eq!(action, &Action::Suspend),
            // The Timeline asks; a what-if change asks again for a run it
            // set aside.
            Effect::Simulate { .. } => prop_assert!(
                matches!(
                    action,
                    Action::ShowTimeline
                        | Action::Nudge { .. }
                        | Action::Undo
                        | Action::ResetWhatIf
                ),
                "{action:?} asked for a simulation"
            ),
            Effect::WriteScenario { path, model, .. } => {
                prop_assert!(path.starts_with(&context.export_dir), "{path:?}");
                prop_assert!(model.is_none() || context.reloadable);
                let from = (before, action);
                prop_assert!(
                    matches!(
                        from,
                        (Mode::Prompt, Action::Accept) | (Mode::Confirm, Action::Yes)
                    ),
                    "{from:?} asked to save a scenario"
                );
            }
        }
    }
    prop_assert!(effects.len() <= 1);
    Ok(())
}

fn is_unsafe(c: char) -> bool {
    (c.is_control()) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_model_any_size_any_keys_never_panics_nor_leaks_control_characters(
        yaml in model_yaml(),
        steps in prop::collection::vec(step(), 0..25),
        (w, h) in (0u16..=300, 0u16..=100),
    ) {
        let m = model::from_str(&yaml, Origin::BuiltIn).expect("generated models are valid");
        let (l, r) = detente::compare::default_pair(&m);
        let context = Context::file("m.yaml".into(), "/out".into());
        let mut app = App::new(Arc::new(m.clone()), l, r, Theme { color: true }, Rect::new(0, 0, w, h))
            .with_context(context.clone());
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        check(&app, &context)?;
        for step in steps {
            let a = match step {
                Step::Act(a) => a,
                Step::Reloaded(save) => reloaded(&yaml, &save),
            };
            // By id: a reload keeps the actors the panes showed, where the
            // new model still has them.
            let ids = |app: &App| [app.left(), app.right()].map(|k| app.model.actors[k].id.clone());
            let shown = ids(&app);
            let before = app.mode();
            if let Action::Resize { width, height } = a {
                t.backend_mut().resize(width, height);
            }
            let effects = app.update(a.clone());
            check_effects(&a, before, &effects, &context)?;
            // The event loop's simulation thread, here at once.
            for effect in effects {
                if let Effect::Simulate { ticket, model, basis, rounds } = effect {
                    let run = simulate::run(&Input::new(&model, basis), rounds, &mut |_| {});
                    app.update(Action::Simulated {
                        ticket,
                        answer: Simulated::Done(Ok(Arc::new(run))),
                    });
                }
            }
            if let Action::Reloaded(Ok(new)) = &a {
                let now = ids(&app);
                for side in 0..2 {
                    if shown[side] != shown[1 - side] && new.actor_by_id(&shown[side]).is_some() {
                        prop_assert_eq!(&now[side], &shown[side], "a reload keeps a pane's actor by id");
                    }
                }
            }
            check(&app, &context)?;
            t.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        }
        t.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        for cell in t.backend().buffer().content() {
            prop_assert!(!cell.symbol().chars().any(is_unsafe), "{:?}", cell.symbol());
        }
    }
}
