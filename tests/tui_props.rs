//! Property tests: random models with hostile text, rendered at every size
//! from 0×0 to 300×100 after random actions: no panic, and no control or
//! bidi-override character ever reaches the screen buffer.

use detente::model::{self, Origin};
use detente::tui::action::Action;
use detente::tui::app::App;
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

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::PageDown),
        Just(Action::Bottom),
        Just(Action::Left),
        Just(Action::Right),
        Just(Action::ToggleFocus),
        Just(Action::Swap),
        Just(Action::NextActor),
        Just(Action::PrevActor),
        Just(Action::CycleOrder),
        Just(Action::CycleFilter),
        Just(Action::CycleBasis),
        Just(Action::DetailUp),
        Just(Action::Open),
        Just(Action::ShowMatrix),
        Just(Action::ShowAnalysis),
        Just(Action::ShowCompare),
        Just(Action::Help),
        Just(Action::Close),
        Just(Action::OpenPicker),
        Just(Action::Export),
        Just(Action::DetailDown),
        prop::sample::select(PIECES).prop_map(|p| Action::Type(p.to_string())),
        (0u16..300, 0u16..100).prop_map(|(column, row)| Action::Click { column, row }),
    ]
}

fn is_unsafe(c: char) -> bool {
    (c.is_control()) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_model_any_size_any_keys_never_panics_nor_leaks_control_characters(
        yaml in model_yaml(),
        actions in prop::collection::vec(action(), 0..25),
        (w, h) in (0u16..=300, 0u16..=100),
    ) {
        let m = model::from_str(&yaml, Origin::BuiltIn).expect("generated models are valid");
        let (l, r) = detente::compare::default_pair(&m);
        let mut app = App::new(Arc::new(m.clone()), l, r, Theme { color: true }, Rect::new(0, 0, w, h));
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        for a in actions {
            // Never write export files from a property test.
            if a == Action::Export { continue; }
            app.update(a);
            t.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        }
        t.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        for cell in t.backend().buffer().content() {
            prop_assert!(!cell.symbol().chars().any(is_unsafe), "{:?}", cell.symbol());
        }
    }
}
