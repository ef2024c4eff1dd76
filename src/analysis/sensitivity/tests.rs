//! Every expected value here is worked out by hand from docs/design.md
//! ("Sensitivity", "Forecasts", "Verdicts") on the small model in the test;
//! none is computed by the code under test.

use super::*;
use crate::compare::{Verdict, verdict_on};
use crate::model::{Origin, Position, Stance, from_str};

fn load(y: &str) -> Model {
    from_str(y, Origin::BuiltIn).expect("test model is valid")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// One heavy actor far from three light ones: the heavy one is pivotal.
const GIANT: &str = "
title: One giant
issues:
  - {id: n, title: Amount, scale: {min: 0, max: 100}}
actors:
  - {id: a, name: A, positions: {n: {position: 20}}}
  - {id: b, name: B, positions: {n: {position: 30}}}
  - {id: c, name: C, positions: {n: {position: 40}}}
  - {id: giant, name: Giant, power: 6, positions: {n: {position: 90}}}
";

#[test]
fn the_heavy_actor_far_from_the_rest_is_named_first() {
    // Weights: A, B, C 1 each, Giant 6; Σ w = 9.
    // Compromise (20 + 30 + 40 + 6·90)/9 = 630/9 = 70. Median: half is 4.5;
    // running 1, 2, 3, 9 → 90. Power step: a tenth of the largest power, 0.6.
    //
    // Giant, position 90 → 80: compromise 570/9 = 63.333 (−6.667), median 80
    // (−10); → 100: 76.667, median 100 (+10). Reach 10.
    // Giant, salience 1 → 0.9 (w 5.4, Σ 8.4): (90 + 486)/8.4 = 68.571; 1 → 1.1
    // is clamped to 1, no change. Power 6 → 5.4: the same 68.571; → 6.6
    // (Σ 9.6): (90 + 594)/9.6 = 71.25.
    // A, power 1 → 0.4 (Σ 8.4): (8 + 70 + 540)/8.4 = 73.571 (+3.571), its
    // largest; median stays 90. Reach 3.571.
    // B, power → 0.4: (20 + 12 + 40 + 540)/8.4 = 72.857 (+2.857).
    // C, power → 0.4: (20 + 30 + 16 + 540)/8.4 = 72.143 (+2.143).
    let m = load(GIANT);
    let s = &all(&m, &[0], Basis::Inferred)[0];
    assert!(close(s.base.compromise.unwrap(), 70.0));
    assert_eq!(s.base.median, Some(90.0));
    let order: Vec<&str> = s
        .actors
        .iter()
        .map(|p| m.actors[p.actor].id.as_str())
        .collect();
    assert_eq!(order, ["giant", "a", "b", "c"]);
    let reach: Vec<f64> = s.actors.iter().map(|p| p.reach).collect();
    for (got, want) in reach.iter().zip([10.0, 3.0 / 0.84, 2.4 / 0.84, 1.8 / 0.84]) {
        assert!(close(*got, want), "{reach:?}");
    }
    let giant = &s.actors[0].moves;
    let want = [
        // (field, up, from, to, compromise, median)
        (Field::Position, false, 90.0, 80.0, 570.0 / 9.0, 80.0),
        (Field::Position, true, 90.0, 100.0, 690.0 / 9.0, 100.0),
        (Field::Salience, false, 1.0, 0.9, 576.0 / 8.4, 90.0),
        (Field::Salience, true, 1.0, 1.0, 70.0, 90.0),
        (Field::Power, false, 6.0, 5.4, 576.0 / 8.4, 90.0),
        (Field::Power, true, 6.0, 6.6, 71.25, 90.0),
    ];
    for (mv, (field, up, from, to, c, d)) in giant.iter().zip(want) {
        assert_eq!((mv.field, mv.up), (field, up));
        assert!(close(mv.from, from) && close(mv.to, to), "{mv:?}");
        assert!(close(mv.forecast.compromise.unwrap(), c), "{mv:?}");
        assert!(close(mv.forecast.median.unwrap(), d), "{mv:?}");
    }
    assert!(!giant[3].is_change());
    // The panel's function names the same actors in the same order.
    let panel: Vec<usize> = pivotal(&m, 0, Basis::Inferred)
        .iter()
        .map(|p| p.actor)
        .collect();
    assert_eq!(panel, [3, 0, 1, 2]);
    // What reaches furthest: Giant's position (the median 90 → 80, 10 % of
    // the scale); each light actor's power (A's 1 → 0.4 moves the
    // compromise 3.6 %, its position 10 → only 1.1 %).
    let levers: Vec<Field> = pivotal(&m, 0, Basis::Inferred)
        .iter()
        .map(|p| p.lever)
        .collect();
    assert_eq!(
        levers,
        [Field::Position, Field::Power, Field::Power, Field::Power]
    );
}

#[test]
fn a_stance_moves_by_one_word_and_stops_at_the_ends() {
    // North +2 (w 1), South -1 (w 1): compromise 0.5. North +2 → +3 is
    // clamped to +2 (no change); +2 → +1: compromise 0. South -1 → -2:
    // compromise 0; the median (half 1, running 1 at -1) is -1, and -2 after.
    let m = load(
        "
title: t
issues: [{id: s, title: S}]
actors:
  - {id: north, name: North, positions: {s: demands}}
  - {id: south, name: South, positions: {s: opposes}}
",
    );
    let s = &all(&m, &[0], Basis::Inferred)[0];
    assert_eq!(s.base.compromise, Some(0.5));
    let north = s.actors.iter().find(|p| p.actor == 0).unwrap();
    assert_eq!((north.moves[0].from, north.moves[0].to), (2.0, 1.0));
    assert_eq!(north.moves[0].forecast.compromise, Some(0.0));
    assert!(!north.moves[1].is_change());
    let south = s.actors.iter().find(|p| p.actor == 1).unwrap();
    assert_eq!((south.moves[0].to, south.moves[1].to), (-2.0, 0.0));
    assert_eq!(south.moves[0].forecast.median, Some(-2.0));
    // A shift of 0.5 on a stance issue is 0.5/4 = 12.5 % of the scale.
    assert_eq!(shift(&m.issues[0], Some(0.5), Some(0.0)), Some(-12.5));
}

#[test]
fn the_smallest_change_that_turns_each_crux_into_agreement() {
    // | issue       | left (s)           | right (s)         | verdict            |
    // | s           | +2 (1) red line    | -1 (1)            | conflict, red line |
    // | t           | +1 (0.5) red line  | -2 (0.5) red line | conflict, red line |
    // | n (0..100)  | 20 (0.9)           | 80 (0.3)          | conflict (0.6)     |
    // | q (0..100)  | 50                 | 55                | agree: no crux     |
    // Crux order: s (red, 2), t (red, 1), n.
    // s: Left holds a red line; Right moves -1 → +1 (two words).
    // t: both hold red lines: none within one change.
    // n: either moves 60 − 10 = 50 points; Right cares less (0.3 < 0.9), so
    // Right 80 → 30 first, then Left 20 → 70.
    let m = load(
        "
title: t
issues:
  - {id: s, title: S}
  - {id: t, title: T}
  - {id: n, title: N, scale: {min: 0, max: 100}}
  - {id: q, title: Q, scale: {min: 0, max: 100}}
actors:
  - id: left
    name: Left
    positions:
      s: {stance: 2, red_line: true}
      t: {stance: 1, salience: 0.5, red_line: true}
      n: {position: 20, salience: 0.9}
      q: {position: 50}
  - id: right
    name: Right
    positions:
      s: {stance: -1}
      t: {stance: -2, salience: 0.5, red_line: true}
      n: {position: 80, salience: 0.3}
      q: {position: 55}
",
    );
    let c = Comparison::at(&m, 0, 1, Basis::Inferred);
    let fixes = crux_fixes(&c);
    // (issue, red line, [(actor, from, to, size in % of the scale)])
    type Seen = (usize, bool, Vec<(usize, f64, f64, f64)>);
    let got: Vec<Seen> = fixes
        .iter()
        .map(|f| {
            let moves = f
                .fixes
                .iter()
                .map(|x| (x.actor, x.from, x.to, x.size))
                .collect();
            (f.issue, f.red_line, moves)
        })
        .collect();
    assert_eq!(
        got,
        [
            (0, true, vec![(1, -1.0, 1.0, 50.0)]),
            (1, true, vec![]),
            (2, false, vec![(1, 80.0, 30.0, 50.0), (0, 20.0, 70.0, 50.0)]),
        ]
    );
    // Each move does make the verdict `agree`.
    let n = &m.issues[2];
    let at = |x: f64| Position::new(x, None);
    assert_eq!(
        verdict_on(n, Some(&at(20.0)), Some(&at(30.0))),
        Verdict::Agree
    );
    assert_eq!(
        verdict_on(n, Some(&at(70.0)), Some(&at(80.0))),
        Verdict::Agree
    );
    let stance = |x: f64| Position::new(x, Some(Stance::nearest(x)));
    let s = &m.issues[0];
    assert_eq!(
        verdict_on(s, Some(&stance(2.0)), Some(&stance(1.0))),
        Verdict::Agree
    );
}

/// Two issues, two actors on opposite sides of both means, A's salience on
/// p at 1 (so its salience up is no change); `{a_p}` is A's position on p.
fn two_by_two(a_p: f64) -> Model {
    load(&format!(
        "
title: t
issues:
  - {{id: p, title: P, scale: {{min: 0, max: 100}}}}
  - {{id: q, title: Q, scale: {{min: 0, max: 100}}}}
actors:
  - {{id: a, name: A, positions: {{p: {{position: {a_p}, salience: 1}}, q: {{position: 10, salience: 0.2}}}}}}
  - {{id: b, name: B, positions: {{p: {{position: 90, salience: 0.2}}, q: {{position: 90, salience: 0.9}}}}}}
"
    ))
}

#[test]
fn each_change_is_simulated_as_the_model_edited_by_hand() {
    let m = two_by_two(10.0);
    let mut sens = all(&m, &[0, 1], Basis::Inferred);
    let (runs, _) = affordable(&m, Basis::Inferred, 3, &sens).expect("small");
    // 2 issues × 2 actors × 6 changes = 24, less A's salience on p going
    // up from 1 (no change), plus the run of the model as it stands.
    assert_eq!(runs, 24);
    let mut calls = Vec::new();
    simulate_all(&m, Basis::Inferred, 3, &mut sens, &mut |d, t| {
        calls.push((d, t))
    });
    assert_eq!(calls.last(), Some(&(24, 24)));
    let end = |m: &Model| {
        let input = crate::simulate::Input::new(m, Basis::Inferred);
        let run = crate::simulate::run(&input, 3, &mut |_| {});
        crate::simulate::summary::summarise(&input, &run).issues[0].end
    };
    let p = &sens[0];
    assert_eq!(p.simulated, end(&m));
    let a = p.actors.iter().find(|x| x.actor == 0).expect("A holds p");
    // A's position on p 10 → 0, simulated as if the file said 0.
    assert_eq!((a.moves[0].from, a.moves[0].to), (10.0, 0.0));
    assert_eq!(a.moves[0].simulated, end(&two_by_two(0.0)));
    assert_ne!(a.moves[0].simulated, p.simulated);
    // No change: the end point as the model stands, without a run.
    assert!(!a.moves[3].is_change());
    assert_eq!(a.moves[3].simulated, p.simulated);
}
