//! Every expected value here is worked out by hand from SPEC §2's rules on
//! the small model in the test; none is computed by the code under test.

use super::*;
use crate::model::{Basis, Model, Origin, from_str};

fn load(y: &str) -> Model {
    from_str(y, Origin::BuiltIn).expect("test model is valid")
}

/// Issue ids of `issues`, for readable assertions.
fn ids(m: &Model, issues: &[usize]) -> Vec<String> {
    issues.iter().map(|&i| m.issues[i].id.clone()).collect()
}

/// Trades as (left gives, right gives, score).
fn named(m: &Model, ts: &[Trade]) -> Vec<(String, String, f64)> {
    ts.iter()
        .map(|t| {
            (
                m.issues[t.left_gives].id.clone(),
                m.issues[t.right_gives].id.clone(),
                t.score,
            )
        })
        .collect()
}

/// Four stance issues:
///
/// | issue | a (s)    | b (s)    | verdict  |
/// |-------|----------|----------|----------|
/// | i1    | +2 (0.9) | -2 (0.2) | conflict |
/// | i2    | -1 (0.3) | +1 (0.8) | conflict |
/// | i3    | +1 (0.5) |  0 (0.6) | partial  |
/// | i4    | +1 (1.0) | +2 (1.0) | agree    |
const FOUR: &str = "
title: t
issues: [{id: i1, title: t}, {id: i2, title: t}, {id: i3, title: t}, {id: i4, title: t}]
actors:
  - id: a
    name: A
    positions:
      i1: {stance: 2, salience: 0.9 A_RED1}
      i2: {stance: -1, salience: 0.3 A_RED2}
      i3: {stance: 1, salience: 0.5}
      i4: {stance: 1, salience: 1.0}
  - id: b
    name: B
    positions:
      i1: {stance: -2, salience: 0.2 B_RED1}
      i2: {stance: 1, salience: 0.8}
      i3: {stance: 0, salience: 0.6}
      i4: {stance: 2, salience: 1.0}
";

fn four(red: &[&str]) -> Model {
    let mut y = FOUR.to_string();
    for mark in ["A_RED1", "A_RED2", "B_RED1"] {
        let with = if red.contains(&mark) {
            ", red_line: true"
        } else {
            ""
        };
        y = y.replace(&format!(" {mark}"), with);
    }
    load(&y)
}

#[test]
fn trades_on_stance_issues() {
    // Candidates (i, j) with s_a,i > s_a,j and s_b,j > s_b,i, over i1..i3
    // (i4 agrees):
    //   (i1, i2): 0.9 > 0.3, 0.8 > 0.2 → min(0.6, 0.6) = 0.6
    //   (i1, i3): 0.9 > 0.5, 0.6 > 0.2 → min(0.4, 0.4) = 0.4
    //   (i3, i2): 0.5 > 0.3, 0.8 > 0.6 → min(0.2, 0.2) = 0.2
    //   (i2, *), (i3, i1): a cares less about i than about j → none.
    let m = four(&[]);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(
        named(&m, &trades(&c)),
        [
            ("i2".into(), "i1".into(), 0.6),
            ("i3".into(), "i1".into(), 0.4),
            ("i2".into(), "i3".into(), 0.2),
        ]
    );
    // Seen from b's side, the same trades with the roles swapped.
    let c = Comparison::new(&m, 1, 0);
    assert_eq!(
        named(&m, &trades(&c)),
        [
            ("i1".into(), "i2".into(), 0.6),
            ("i1".into(), "i3".into(), 0.4),
            ("i3".into(), "i2".into(), 0.2),
        ]
    );
}

#[test]
fn red_lines_forbid_giving_way() {
    // a's red line on i2: a cannot give way on i2 → (i1, i2), (i3, i2) go.
    let m = four(&["A_RED2"]);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(named(&m, &trades(&c)), [("i3".into(), "i1".into(), 0.4)]);
    // b's red line on i1: b cannot give way on i1 → (i1, *) go.
    let m = four(&["B_RED1"]);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(named(&m, &trades(&c)), [("i2".into(), "i3".into(), 0.2)]);
    // a's red line on i1 does not stop a from trading i1 against i2: a
    // keeps i1, it gives way on i2.
    let m = four(&["A_RED1"]);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(trades(&c).len(), 3);
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
    // Cruxes: n1. Trades: (i = n1, j = n2): 0.9 > 0.4, 0.7 > 0.3 →
    // min(0.5, 0.4) = 0.4; (n2, n1): 0.4 > 0.9 no. n3 agrees: never.
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
    assert_eq!(named(&m, &trades(&c)), [("n2".into(), "n1".into(), 0.4)]);
}

/// `n` issues, all conflicts; a's salience 1.0 on the first `high` and 0.5
/// on the rest, b's the other way round.
fn halves(n: usize, high: usize) -> Model {
    let mut y = String::from("title: t\nissues:\n");
    for i in 0..n {
        y += &format!("  - {{id: x{i}, title: t}}\n");
    }
    y += "actors:\n";
    for (id, stance, hi, lo) in [("a", 2, 1.0, 0.5), ("b", -2, 0.5, 1.0)] {
        y += &format!("  - id: {id}\n    name: {id}\n    positions:\n");
        for i in 0..n {
            let s = if i < high { hi } else { lo };
            y += &format!("      x{i}: {{stance: {stance}, salience: {s}}}\n");
        }
    }
    load(&y)
}

#[test]
fn ties_in_model_order_of_i_then_j() {
    // a: 1.0 1.0 0.5 0.5, b: 0.5 0.5 1.0 1.0. Candidates: i ∈ {x0, x1},
    // j ∈ {x2, x3}, each min(0.5, 0.5) = 0.5: order (x0,x2) (x0,x3) (x1,x2) (x1,x3).
    let m = halves(4, 2);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(
        named(&m, &trades(&c)),
        [
            ("x2".into(), "x0".into(), 0.5),
            ("x3".into(), "x0".into(), 0.5),
            ("x2".into(), "x1".into(), 0.5),
            ("x3".into(), "x1".into(), 0.5),
        ]
    );
}

#[test]
fn at_most_ten_trades_the_first_in_order() {
    // 6 high × 6 low = 36 candidates, all 0.5: the first ten are i = x0
    // with j = x6..x11, then i = x1 with j = x6..x9.
    let m = halves(12, 6);
    let c = Comparison::new(&m, 0, 1);
    let got = trades(&c);
    assert_eq!(got.len(), 10);
    let pairs: Vec<(usize, usize)> = got.iter().map(|t| (t.right_gives, t.left_gives)).collect();
    assert_eq!(
        pairs,
        [
            (0, 6),
            (0, 7),
            (0, 8),
            (0, 9),
            (0, 10),
            (0, 11),
            (1, 6),
            (1, 7),
            (1, 8),
            (1, 9)
        ]
    );
}

#[test]
fn a_higher_score_displaces_the_tenth() {
    // 12 issues as above, then x12 where a cares 1.0 and b 0.0: (x12, j)
    // scores min(0.5, 1.0) = 0.5 — a tie, so it does not displace; but
    // with b at 0.0 on x12 *and* a 0.0 low issue x13 with b 1.0, (x12, x13)
    // scores min(1.0, 1.0) = 1.0 and comes first.
    let mut y = String::from("title: t\nissues:\n");
    for i in 0..14 {
        y += &format!("  - {{id: x{i}, title: t}}\n");
    }
    y += "actors:\n";
    let sal = |side: usize, i: usize| match (side, i) {
        (0, 12) => 1.0,
        (1, 12) => 0.0,
        (0, 13) => 0.0,
        (1, 13) => 1.0,
        (0, i) if i < 6 => 1.0,
        (0, _) => 0.5,
        (1, i) if i < 6 => 0.5,
        (1, _) => 1.0,
        _ => unreachable!(),
    };
    for (side, (id, stance)) in [("a", 2), ("b", -2)].into_iter().enumerate() {
        y += &format!("  - id: {id}\n    name: {id}\n    positions:\n");
        for i in 0..14 {
            y += &format!(
                "      x{i}: {{stance: {stance}, salience: {}}}\n",
                sal(side, i)
            );
        }
    }
    let m = load(&y);
    let got = trades(&Comparison::new(&m, 0, 1));
    assert_eq!(got.len(), 10);
    assert_eq!(
        (got[0].right_gives, got[0].left_gives, got[0].score),
        (12, 13, 1.0)
    );
    // Then the 0.5s in order of i then j: x0 with x6..x11, x13 (a 0.0 <
    // 1.0, b 1.0 > 0.5 → min(1.0, 0.5) = 0.5) …
    let next: Vec<(usize, usize)> = got[1..]
        .iter()
        .map(|t| (t.right_gives, t.left_gives))
        .collect();
    assert_eq!(
        next,
        [
            (0, 6),
            (0, 7),
            (0, 8),
            (0, 9),
            (0, 10),
            (0, 11),
            (0, 13),
            (1, 6),
            (1, 7)
        ]
    );
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
    // everything: cruxes i2 (0.5 + 1.0 = 1.5) then i1 (1.0 + 0.2); one trade
    // (i = i1, j = i2): a 1.0 > 0.5, b 1.0 > 0.2 → min(0.5, 0.8) = 0.5.
    // Counting stated only, i2 is unknown: crux i1, no trade.
    let m = load(
        "
title: t
issues: [{id: i1, title: t}, {id: i2, title: t}]
actors:
  - id: a
    name: A
    positions:
      i1: {stance: 2, salience: 1}
      i2: {stance: 2, salience: 0.5}
  - id: b
    name: B
    positions:
      i1: {stance: -2, salience: 0.2}
      i2: {stance: -1, salience: 1, basis: reported}
",
    );
    let all = Comparison::at(&m, 0, 1, Basis::Inferred);
    assert_eq!(ids(&m, &cruxes(&all)), ["i2", "i1"]);
    assert_eq!(named(&m, &trades(&all)), [("i2".into(), "i1".into(), 0.5)]);
    let stated = Comparison::at(&m, 0, 1, Basis::Stated);
    assert_eq!(ids(&m, &cruxes(&stated)), ["i1"]);
    assert!(trades(&stated).is_empty());
}
