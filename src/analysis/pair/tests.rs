//! Every expected value here is worked out by hand from the rules of
//! docs/design.md ("Cruxes", "Trades", "Simulation") on the small model in
//! the test; none is computed by the code under test.

use super::*;
use crate::model::{Basis, Model, Origin, from_str};

fn load(y: &str) -> Model {
    from_str(y, Origin::BuiltIn).expect("test model is valid")
}

/// Issue ids of `issues`, for readable assertions.
fn ids(m: &Model, issues: &[usize]) -> Vec<String> {
    issues.iter().map(|&i| m.issues[i].id.clone()).collect()
}

#[test]
fn cruxes_red_lines_first_then_salience_then_model_order() {
    // | issue | a (s)    | b (s)          | verdict  | s_a + s_b |
    // | c1    | +2 (0.5) | -1 (0.5)       | conflict | 1.0       |
    // | c2    | +1 (0.3) | -2 (0.3) red   | conflict | 0.6, red  |
    // | c3    | -2 (0.8) | +2 (0.7)       | conflict | 1.5       |
    // | c4    | +1 (0.6) | -1 (0.4)       | conflict | 1.0       |
    // | c5    | +2 (1.0) |  0 (1.0)       | partial  | —         |
    // | c6    | +2 (1.0) | ?              | unknown  | —         |
    // → c2, c3, c1, c4.
    let m = load(
        "
title: t
issues: [{id: c1, title: t}, {id: c2, title: t}, {id: c3, title: t}, {id: c4, title: t},
         {id: c5, title: t}, {id: c6, title: t}]
actors:
  - id: a
    name: A
    positions:
      c1: {stance: 2, salience: 0.5}
      c2: {stance: 1, salience: 0.3}
      c3: {stance: -2, salience: 0.8}
      c4: {stance: 1, salience: 0.6}
      c5: {stance: 2, salience: 1}
      c6: {stance: 2, salience: 1}
  - id: b
    name: B
    positions:
      c1: {stance: -1, salience: 0.5}
      c2: {stance: -2, salience: 0.3, red_line: true}
      c3: {stance: 2, salience: 0.7}
      c4: {stance: -1, salience: 0.4}
      c5: {stance: 0, salience: 1}
",
    );
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(ids(&m, &cruxes(&c)), ["c2", "c3", "c1", "c4"]);
    assert_eq!(
        ids(&m, &cruxes(&Comparison::new(&m, 1, 0))),
        ["c2", "c3", "c1", "c4"]
    );
}

#[test]
fn numeric_issues() {
    // | issue          | a (s)     | b (s)     | d = |a−b|/R      | verdict  |
    // | n1 (0..100)    | 10 (0.9)  | 80 (0.3)  | 70/100 = 0.7     | conflict |
    // | n2 (0..10)     |  2 (0.4)  |  5 (0.7)  | 3/10 = 0.3       | partial  |
    // | n3 (0..100)    | 50 (0.1)  | 55 (0.9)  | 0.05             | agree    |
    // Cruxes: n1.
    let m = load(
        "
title: t
issues:
  - {id: n1, title: t, scale: {min: 0, max: 100}}
  - {id: n2, title: t, scale: {min: 0, max: 10}}
  - {id: n3, title: t, scale: {min: 0, max: 100}}
actors:
  - id: a
    name: A
    positions:
      n1: {position: 10, salience: 0.9}
      n2: {position: 2, salience: 0.4}
      n3: {position: 50, salience: 0.1}
  - id: b
    name: B
    positions:
      n1: {position: 80, salience: 0.3}
      n2: {position: 5, salience: 0.7}
      n3: {position: 55, salience: 0.9}
",
    );
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(ids(&m, &cruxes(&c)), ["n1"]);
}

#[test]
fn fewer_than_two_issues_and_nothing_in_common() {
    let one = load(
        "
title: t
issues: [{id: i1, title: t}]
actors:
  - {id: a, name: A, positions: {i1: {stance: 2, salience: 1}}}
  - {id: b, name: B, positions: {i1: {stance: -2, salience: 0.1}}}
  - {id: c, name: C}
",
    );
    let c = Comparison::new(&one, 0, 1);
    assert_eq!(ids(&one, &cruxes(&c)), ["i1"]);
    assert!(trades(&c).is_empty());
    // c has no position at all: nothing in conflict, nothing to trade.
    let c = Comparison::new(&one, 0, 2);
    assert!(cruxes(&c).is_empty());
    assert!(trades(&c).is_empty());
}

#[test]
fn positions_below_the_minimum_basis_do_not_count() {
    // i1 and i2 conflict; b's position on i2 is only reported. Counting
    // everything: cruxes i2 (0.5 + 1.0 = 1.5) then i1 (1.0 + 0.2). Counting
    // stated only, i2 is unknown: crux i1, and no trade (one issue left).
    let m = load(
        "
title: t
issues: [{id: i1, title: t}, {id: i2, title: t}]
actors:
  - id: a
    name: A
    positions:
      i1: {stance: 2, salience: 1}
      i2: {stance: -1, salience: 0.5}
  - id: b
    name: B
    positions:
      i1: {stance: -2, salience: 0.2}
      i2: {stance: 1, salience: 1, basis: reported}
",
    );
    let all = Comparison::at(&m, 0, 1, Basis::Inferred);
    assert_eq!(ids(&m, &cruxes(&all)), ["i2", "i1"]);
    assert_eq!(trades(&all).len(), 1);
    let stated = Comparison::at(&m, 0, 1, Basis::Stated);
    assert_eq!(ids(&m, &cruxes(&stated)), ["i1"]);
    assert!(trades(&stated).is_empty());
}

/// Trades as (left gives, from, to, right gives, from, to, gain), numbers
/// rounded to 6 decimals.
fn moves(m: &Model, ts: &[Trade]) -> Vec<(String, f64, f64, String, f64, f64, f64)> {
    let r = |x: f64| (x * 1e6).round() / 1e6;
    ts.iter()
        .map(|t| {
            (
                m.issues[t.left.issue].id.clone(),
                r(t.left.from),
                r(t.left.to),
                m.issues[t.right.issue].id.clone(),
                r(t.right.from),
                r(t.right.to),
                r(t.gain),
            )
        })
        .collect()
}

/// Two stance issues (internal x = (stance + 2)·25):
///
/// | actor | i1 (s, power) | i2 (s)   |
/// |-------|---------------|----------|
/// | a     | +2 (0.9)      | −1 (0.3) |
/// | b     | −2 (0.2, P)   | +1 (0.8) |
/// | c     | −2 (0.5)      | −2 (0.5) |  (only with `third`)
fn two(power_b_i1: &str, red_b_i1: bool, third: bool) -> Model {
    let mut y = format!(
        "
title: t
issues: [{{id: i1, title: t}}, {{id: i2, title: t}}]
actors:
  - id: a
    name: A
    positions:
      i1: {{stance: 2, salience: 0.9}}
      i2: {{stance: -1, salience: 0.3}}
  - id: b
    name: B
    positions:
      i1: {{stance: -2, salience: 0.2, power: {power_b_i1}, red_line: {red_b_i1}}}
      i2: {{stance: 1, salience: 0.8}}
"
    );
    if third {
        y += "  - {id: c, name: C, positions: {i1: {stance: -2, salience: 0.5}, i2: {stance: -2, salience: 0.5}}}\n";
    }
    load(&y)
}

#[test]
fn a_trade_is_the_first_exchange_of_the_simulation() {
    // a and b alone. Internal: a (100, 25), b (0, 75). Means: i1 90/1.1 =
    // 81.8 (a high, b low), i2 (7.5 + 60)/1.1 = 61.4 (a low, b high): one
    // candidate. b's ratio 0.2·0.3 < a's 0.9·0.8, so a demands i1 and
    // supplies i2 (I), b supplies i1 (J). J moves all the way: Δp =
    // 100·0.2/1.1 = 18.18, Δq = 18.18·1.1/1.1, a's move 18.18·1.1/0.3 =
    // 66.7 > 50 left to b: capped at 50. Then Δq = 50·0.3/1.1 = 13.636,
    // Δp = 13.636, b's move 13.636·1.1/0.2 = 75. Gain 13.636·(0.9 − 0.3) =
    // 90/11 = 8.181818. a ends at 75 = +1 on i2, b at 75 = +1 on i1; no
    // mean passes its target.
    let m = two("1", false, false);
    let want = (
        "i2".to_string(),
        -1.0,
        1.0,
        "i1".to_string(),
        -2.0,
        1.0,
        8.181818,
    );
    assert_eq!(moves(&m, &trades(&Comparison::new(&m, 0, 1))), [want]);
    // Seen from b, the same trade with the sides swapped.
    let got = moves(&m, &trades(&Comparison::new(&m, 1, 0)));
    assert_eq!(
        got,
        [(
            "i1".to_string(),
            -2.0,
            1.0,
            "i2".to_string(),
            -1.0,
            1.0,
            8.181818
        )]
    );
}

#[test]
fn nobody_gives_way_on_what_is_not_theirs_to_give() {
    // With c, the means are i1 90/1.6 = 56.25 and i2 67.5/1.6 = 42.2: the
    // sides stay as above. b gives way on i1: Δp = 100·0.2/1.6 = 12.5, a's
    // move 12.5·1.6/0.3 = 66.7 > 50, capped: Δq = 50·0.3/1.6 = 9.375 =
    // Δp, b's move 9.375·1.6/0.2 = 75; gain 9.375·0.6 = 5.625.
    let m = two("1", false, true);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(
        moves(&m, &trades(&c)),
        [(
            "i2".to_string(),
            -1.0,
            1.0,
            "i1".to_string(),
            -2.0,
            1.0,
            5.625
        )]
    );
    // b without power on i1 has nothing to give there: no trade.
    let m = two("0", false, true);
    assert!(trades(&Comparison::new(&m, 0, 1)).is_empty());
    // Nor on its red line.
    let m = two("1", true, true);
    assert!(trades(&Comparison::new(&m, 0, 1)).is_empty());
}

#[test]
fn at_most_ten_trades_the_best_first() {
    // a and b on opposite ends of 8 stance issues with mirrored saliences:
    // every pair of issues where a cares more about one and b about the
    // other is a candidate: more than ten.
    let mut y = String::from("title: t\nissues:\n");
    for i in 0..8 {
        y += &format!("  - {{id: x{i}, title: t}}\n");
    }
    y += "actors:\n";
    for (id, stance, flip) in [("a", 2, false), ("b", -2, true)] {
        y += &format!("  - id: {id}\n    name: {id}\n    positions:\n");
        for i in 0..8 {
            let s = if (i < 4) != flip {
                0.9
            } else {
                0.2 + 0.05 * i as f64
            };
            let st = if i % 2 == 0 { stance } else { -stance };
            y += &format!("      x{i}: {{stance: {st}, salience: {s}}}\n");
        }
    }
    let m = load(&y);
    let got = trades(&Comparison::new(&m, 0, 1));
    assert_eq!(got.len(), MAX_TRADES);
    assert!(got.windows(2).all(|w| w[0].gain >= w[1].gain), "{got:?}");
    // Nobody trades with itself.
    assert!(trades(&Comparison::new(&m, 0, 0)).is_empty());
}
