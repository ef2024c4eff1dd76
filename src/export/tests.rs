//! The small pieces every export shares, on a model written here, against
//! the words SPEC §3 and the README promise.

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
    assert_eq!(position_label(n, a.position(1)), "95 (All) (reported)");
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
    let evidence = &m.actors[0].positions[0]
        .as_ref()
        .expect("position")
        .evidence;
    assert_eq!(
        attribution(&m, &evidence[0]),
        "Minister A, 2024-03-01, The minutes"
    );
    assert_eq!(attribution(&m, &evidence[1]), "");
}
