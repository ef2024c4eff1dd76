use super::*;
use crate::model::{Origin, from_str};
use crate::present::percent;

/// A model with actors `a` and `b` and one issue per given pair of stances
/// (`None` = unknown), each with the given saliences.
fn model(pairs: &[(Option<i8>, Option<i8>, f64, f64)]) -> Model {
    let mut y = String::from("title: t\nissues:\n");
    for i in 0..pairs.len() {
        y += &format!("  - {{id: i{i}, title: t{i}}}\n");
    }
    y += "actors:\n";
    for (side, name) in [(0, "a"), (1, "b")] {
        y += &format!("  - id: {name}\n    name: {name}\n    positions:\n");
        for (i, p) in pairs.iter().enumerate() {
            let (stance, salience) = if side == 0 { (p.0, p.2) } else { (p.1, p.3) };
            if let Some(s) = stance {
                y += &format!("      i{i}: {{stance: {s}, salience: {salience}}}\n");
            }
        }
    }
    from_str(&y, Origin::BuiltIn).expect("test model is valid")
}

/// The verdict table of docs/design.md ("Stance rule") written out cell by cell: rows are the left stance
/// (+2 … -2), columns the right one (+2 … -2); A agree, P partial, C
/// conflict. The alignment of one issue at equal saliences is
/// 1 − |a − b|/4, the second table, in quarters.
const VERDICTS: [&str; 5] = [
    // right: +2  +1   0  -1  -2
    "A A P C C", // left +2
    "A A P C C", // left +1
    "P P A P P", // left 0
    "C C P A A", // left -1
    "C C P A A", // left -2
];
const QUARTERS: [[u8; 5]; 5] = [
    [4, 3, 2, 1, 0],
    [3, 4, 3, 2, 1],
    [2, 3, 4, 3, 2],
    [1, 2, 3, 4, 3],
    [0, 1, 2, 3, 4],
];

#[test]
fn all_25_pairs_of_stances() {
    let stances = [2i8, 1, 0, -1, -2];
    for (row, &a) in stances.iter().enumerate() {
        let cells: Vec<&str> = VERDICTS[row].split(' ').collect();
        for (col, &b) in stances.iter().enumerate() {
            let expected = match cells[col] {
                "A" => Verdict::Agree,
                "P" => Verdict::Partial,
                _ => Verdict::Conflict,
            };
            let sa = Stance::from_value(a.into());
            let sb = Stance::from_value(b.into());
            assert_eq!(verdict(sa, sb), expected, "{a} vs {b}");
            // The same through a whole comparison.
            let m = model(&[(Some(a), Some(b), 1.0, 1.0)]);
            let c = Comparison::new(&m, 0, 1);
            assert_eq!(c.rows[0].verdict, expected, "{a} vs {b}");
            assert_eq!(c.counts.of(expected), 1);
            let want = f64::from(QUARTERS[row][col]) / 4.0;
            assert_eq!(c.alignment, Some(want), "{a} vs {b}");
        }
    }
}

#[test]
fn every_unknown_case() {
    for s in Stance::ALL {
        assert_eq!(verdict(Some(s), None), Verdict::Unknown);
        assert_eq!(verdict(None, Some(s)), Verdict::Unknown);
    }
    assert_eq!(verdict(None, None), Verdict::Unknown);
    let m = model(&[
        (Some(2), None, 1.0, 1.0),
        (None, Some(-2), 1.0, 1.0),
        (None, None, 1.0, 1.0),
    ]);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(c.counts.unknown, 3);
    assert_eq!(c.alignment, None, "nothing shared: undefined, never NaN");
    assert_eq!(percent(c.alignment), "n/a");
}

#[test]
fn alignment_weights_by_mean_salience() {
    // Issue 0: agree fully (distance 0), weight (1.0 + 0.5) / 2 = 0.75.
    // Issue 1: opposite extremes (distance 4), weight (0.25 + 0.25) / 2 = 0.25.
    // Issue 2: unknown on one side: ignored.
    let m = model(&[
        (Some(2), Some(2), 1.0, 0.5),
        (Some(-2), Some(2), 0.25, 0.25),
        (Some(1), None, 1.0, 1.0),
    ]);
    let c = Comparison::new(&m, 0, 1);
    let want = (0.75 * 1.0 + 0.25 * 0.0) / (0.75 + 0.25);
    assert!((c.alignment.expect("defined") - want).abs() < 1e-12);
    assert_eq!(percent(c.alignment), "75%");
}

#[test]
fn zero_weights_leave_alignment_undefined() {
    let m = model(&[(Some(1), Some(1), 0.0, 0.0)]);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(c.counts.agree, 1);
    assert_eq!(c.alignment, None);
}

#[test]
fn red_line_flags_only_conflicts() {
    let y = "title: t
issues: [{id: x, title: x}, {id: y, title: y}]
actors:
  - id: a
    name: a
    positions:
      x: {stance: demands, red_line: true}
      y: {stance: supports, red_line: true}
  - id: b
    name: b
    positions: {x: rejects, y: supports}
";
    let m = from_str(y, Origin::BuiltIn).expect("valid");
    let c = Comparison::new(&m, 0, 1);
    assert!(c.rows[0].red_line);
    assert_eq!(c.rows[0].verdict, Verdict::Conflict);
    assert!(
        !c.rows[1].red_line,
        "an agreement is never a red-line conflict"
    );
    assert_eq!(c.counts.red_line, 1);
}

#[test]
fn the_default_pair_has_the_most_conflicts() {
    let m = crate::model::builtin().expect("model");
    let (l, r) = default_pair(&m);
    let best = Comparison::new(&m, l, r).counts.conflict;
    for a in 0..m.actors.len() {
        for b in 0..m.actors.len() {
            assert!(Comparison::new(&m, a, b).counts.conflict <= best);
        }
    }
}

/// Red-line conflicts come first: (a, b) conflict on two issues, (a, c) on
/// one that c calls a red line, so the model opens on (a, c).
#[test]
fn the_default_pair_prefers_a_red_line_conflict() {
    let m = crate::model::from_str(
        "
title: t
issues: [{id: i1, title: t}, {id: i2, title: t}, {id: i3, title: t}]
actors:
  - {id: a, name: A, positions: {i1: 2, i2: 2, i3: 2}}
  - {id: b, name: B, positions: {i1: -2, i2: -2, i3: 2}}
  - id: c
    name: C
    positions:
      i1: {stance: -2, red_line: true}
      i2: 2
      i3: 2
",
        crate::model::Origin::BuiltIn,
    )
    .expect("valid");
    assert_eq!(default_pair(&m), (0, 2));
}

#[test]
fn a_pair_in_conflict_on_every_shared_issue_has_no_agreement() {
    // supports (+1) against opposes (−1) on three issues: alignment
    // 1 − 2/4 = 0.5 on each, so 50% — but agreement 0 (three conflicts).
    let m = model(&[
        (Some(1), Some(-1), 1.0, 1.0),
        (Some(1), Some(-1), 0.5, 0.5),
        (Some(2), Some(-1), 1.0, 0.5),
    ]);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(c.counts.conflict, 3);
    assert_eq!(c.agreement, Some(0.0));
    assert_eq!(percent(c.agreement), "0%");
    assert!(c.alignment.expect("defined") > 0.0);
    assert_eq!(c.counts.shared(), 3);
    assert!(!c.counts.too_few());
}

#[test]
fn agreement_counts_a_partial_half_weighted_by_salience() {
    // Issue 0: agree, w = (1 + 0.5) / 2 = 0.75, s = 1.
    // Issue 1: partial (+2 vs 0), w = 1, s = ½.
    // Issue 2: conflict, w = 0.25, s = 0.
    // Issue 3: unknown: ignored.
    // (0.75 + 0.5) / (0.75 + 1 + 0.25) = 1.25 / 2 = 0.625.
    let m = model(&[
        (Some(2), Some(1), 1.0, 0.5),
        (Some(2), Some(0), 1.0, 1.0),
        (Some(-2), Some(2), 0.25, 0.25),
        (Some(1), None, 1.0, 1.0),
    ]);
    let c = Comparison::new(&m, 0, 1);
    assert_eq!(c.agreement, Some(0.625));
    assert_eq!(c.counts.shared(), 3);
    // Nothing shared, or only zero weights: undefined, like the alignment.
    let m = model(&[(Some(1), None, 1.0, 1.0)]);
    assert_eq!(Comparison::new(&m, 0, 1).agreement, None);
    let m = model(&[(Some(1), Some(1), 0.0, 0.0)]);
    assert_eq!(Comparison::new(&m, 0, 1).agreement, None);
}
