//! The small pieces the screen and every export share, on a model written
//! here, against the words docs/cli.md and the README promise; and the civil
//! date of the provenance line against known days.

use super::*;
use crate::model::{Origin, from_str};

const MODEL: &str = r#"
title: t
sources:
  - {id: minutes, title: The minutes}
issues:
  - {id: s, title: A stance issue}
  - id: n
    title: A numeric issue
    scale: {min: 0, max: 100, labels: [{at: 0, label: Nothing}, {at: 100, label: All}]}
actors:
  - id: a
    name: A
    positions:
      s:
        stance: demands
        red_line: true
        evidence:
          - {quote: "We insist.", speaker: Minister A, date: 2024-03-01, source: minutes}
          - {quote: "Quiet words."}
      n: {position: 95, basis: reported}
  - id: b
    name: B
    positions:
      s: {stance: rejects, basis: inferred}
      n: 40
"#;

fn model() -> Model {
    from_str(MODEL, Origin::BuiltIn).expect("valid")
}

#[test]
fn positions_are_labelled_with_their_basis_and_nearest_label() {
    let m = model();
    let (s, n) = (&m.issues[0], &m.issues[1]);
    let (a, b) = (&m.actors[0], &m.actors[1]);
    assert_eq!(position_label(s, a.position(0)), "+2 demands");
    assert_eq!(position_label(s, b.position(0)), "-2 rejects (inferred)");
    // 95 is not on the label "All" (at 100): no label.
    assert_eq!(position_label(n, a.position(1)), "95 (reported)");
    assert_eq!(position_label(n, b.position(1)), "40");
    assert_eq!(position_label(s, None), "? unknown");
}

#[test]
fn verdicts_counts_and_the_basis_line() {
    let m = model();
    assert_eq!(
        verdict_label(Verdict::Conflict, true),
        "conflict (red line)"
    );
    assert_eq!(verdict_label(Verdict::Partial, false), "partial");
    // s: +2 vs -2, a red-line conflict; n: 95 vs 40 is 0.55 apart: conflict.
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(
        counts_line(&c),
        "0 agree · 0 partial · 2 conflict (1 red line) · 0 unknown"
    );
    assert_eq!(basis_line(&c), None);
    // Stated only: B's inferred stance and A's reported number drop out.
    let strict = Comparison::at(&m, 0, 1, Basis::Stated);
    assert_eq!(
        counts_line(&strict),
        "0 agree · 0 partial · 0 conflict · 2 unknown"
    );
    assert_eq!(
        basis_line(&strict).as_deref(),
        Some("Counting stated positions only: reported and inferred ones are unknown here.")
    );
}

#[test]
fn attribution_names_speaker_date_and_source_title() {
    let m = model();
    let evidence = m.actors[0].position(0).expect("position").evidence();
    assert_eq!(
        attribution(&m, &evidence[0]),
        "Minister A, 2024-03-01, The minutes"
    );
    assert_eq!(attribution(&m, &evidence[1]), "");
}

fn ymd(year: i64, month: u32, day: u32) -> Date {
    Date { year, month, day }
}

#[test]
fn civil_dates_from_known_day_numbers() {
    // Day numbers from `date -u -d <day> +%s` divided by 86400.
    assert_eq!(Date::from_days(0), ymd(1970, 1, 1));
    assert_eq!(Date::from_days(-1), ymd(1969, 12, 31));
    assert_eq!(Date::from_days(11_016), ymd(2000, 2, 29));
    assert_eq!(Date::from_days(11_017), ymd(2000, 3, 1));
    assert_eq!(Date::from_days(20_785), ymd(2026, 11, 28));
    assert_eq!(Date::from_days(-719_468), ymd(0, 3, 1));
}

#[test]
fn civil_dates_from_unix_seconds_and_their_display() {
    assert_eq!(Date::from_unix(0).to_string(), "1970-01-01");
    assert_eq!(Date::from_unix(86_399).to_string(), "1970-01-01");
    assert_eq!(Date::from_unix(-1).to_string(), "1969-12-31");
    // 2000-02-29T12:00:00Z
    assert_eq!(Date::from_unix(951_825_600).to_string(), "2000-02-29");
    // 2026-11-28T23:59:59Z
    assert_eq!(Date::from_unix(1_795_910_399).to_string(), "2026-11-28");
}

#[test]
fn the_provenance_line() {
    let p = Provenance::on(&Origin::BuiltIn, ymd(2026, 11, 28));
    assert_eq!(
        p.line(),
        format!(
            "Model: built-in, detente {}, 2026-11-28",
            env!("CARGO_PKG_VERSION")
        )
    );
    let p = Provenance::on(
        &Origin::File("data/x\u{1b}[2J.yaml".into()),
        ymd(2000, 2, 29),
    );
    assert!(p.line().starts_with("Model: data/x[2J.yaml, detente "));
    assert!(p.line().ends_with(", 2000-02-29"));
}

#[test]
fn the_provenance_line_says_what_if_changes_applied() {
    let talks = Origin::File("talks.yaml".into());
    let line = |scenario: Option<(&str, usize)>, set: usize| {
        let what_if = WhatIfApplied {
            scenario: scenario.map(|(f, n)| (f.to_string(), n)),
            set,
        };
        Provenance::on(&talks, ymd(2026, 11, 28))
            .with_what_if(what_if)
            .line()
            .replace(env!("CARGO_PKG_VERSION"), "V")
    };
    assert_eq!(
        line(Some(("what-if.yaml", 2)), 0),
        "Model: talks.yaml, with what-if.yaml (2 changes), detente V, 2026-11-28"
    );
    assert_eq!(
        line(None, 1),
        "Model: talks.yaml, with 1 --set change, detente V, 2026-11-28"
    );
    assert_eq!(
        line(Some(("w.yaml", 1)), 3),
        "Model: talks.yaml, with w.yaml (1 change) and 3 --set changes, detente V, 2026-11-28"
    );
    // A scenario none of whose changes applied is still named; a --set
    // that did not apply changed nothing.
    assert_eq!(
        line(Some(("w.yaml", 0)), 0),
        "Model: talks.yaml, with w.yaml (0 changes), detente V, 2026-11-28"
    );
    assert_eq!(line(None, 0), "Model: talks.yaml, detente V, 2026-11-28");
}

/// Salience as the model gave it, to three decimals at most, the same on
/// screen and in every report: 0.75 and 0.85 stay apart.
#[test]
fn salience_keeps_its_precision() {
    let label = |s: f64| {
        let mut p = crate::model::Position::new(1.0, None);
        p.salience = s;
        salience_label(&p)
    };
    assert_eq!(label(0.75), "salience 0.75");
    assert_eq!(label(0.85), "salience 0.85");
    assert_eq!(label(0.125), "salience 0.125");
    assert_eq!(label(1.0), "salience 1");
}

/// A title is shown beside the short label only when it says something
/// else: not when there is no short label, nor when the two differ only in
/// case ("differentiation" / "Differentiation", as a Decide import writes).
#[test]
fn a_title_beside_its_label_only_when_it_differs() {
    let m = from_str(
        r"
title: t
issues:
  - {id: plain, title: No short label}
  - {id: differentiation, title: Differentiation, short: differentiation}
  - {id: nato, title: The alliance does not expand, short: NATO}
actors:
  - {id: a, name: A, positions: {}}
",
        Origin::BuiltIn,
    )
    .expect("model");
    assert_eq!(distinct_title(&m.issues[0]), None);
    assert_eq!(distinct_title(&m.issues[1]), None);
    assert_eq!(
        distinct_title(&m.issues[2]),
        Some("The alliance does not expand")
    );
}
