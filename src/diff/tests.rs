use super::*;
use crate::model::{Origin, from_str};

fn model(yaml: &str) -> Model {
    from_str(yaml, Origin::BuiltIn).expect("test model is valid")
}

const OLD: &str = "title: Old
issues:
  - {id: a, title: A}
  - {id: n, title: N, scale: {min: 0, max: 100}}
  - {id: gone, title: Gone}
actors:
  - id: north
    name: North
    positions:
      a: {stance: supports}
      n: {position: 20, salience: 0.8}
      gone: supports
  - id: south
    name: South
    power: 2
    positions:
      a: {stance: rejects}
      n: {position: 70}
  - id: east
    name: East
    positions:
      n: {position: 90}
";

const NEW: &str = "title: New
issues:
  - {id: a, title: A}
  - {id: n, title: N, scale: {min: 0, max: 100}}
  - {id: fresh, title: Fresh}
actors:
  - id: north
    name: North
    positions:
      a: {stance: supports, red_line: true}
      n: {position: 50, salience: 0.8}
      fresh: supports
  - id: south
    name: South
    power: 3
    positions:
      a: {stance: opposes}
      n: {position: 70, salience: 0.5}
  - id: west
    name: West
    positions:
      n: {position: 10}
";

#[test]
fn a_model_against_itself_has_no_change() {
    let m = model(OLD);
    let d = diff(&m, &m, Basis::Inferred);
    assert!(d.is_empty(), "{d:?}");
    // North, South and East: three pairs, none changed.
    assert_eq!(d.pairs_in_both, 3);
}

#[test]
fn every_kind_of_change_is_found_by_id() {
    let (old, new) = (model(OLD), model(NEW));
    let d = diff(&old, &new, Basis::Inferred);
    assert_eq!(d.actors_added, [2], "West");
    assert_eq!(d.actors_removed, [2], "East, in the old model");
    assert_eq!(d.issues_added, [2], "fresh");
    assert_eq!(d.issues_removed, [2], "gone, in the old model");
    assert!(d.rescaled.is_empty());
    assert_eq!(d.powers, [1], "South: 2 → 3");
    let red_line = Edits {
        red_line: true,
        ..Edits::default()
    };
    let moved = Edits {
        moved: true,
        ..Edits::default()
    };
    let salience = Edits {
        salience: true,
        ..Edits::default()
    };
    let at = |actor, issue, change| PositionDiff {
        actor,
        issue,
        change,
    };
    assert_eq!(
        d.positions,
        [
            at(
                0,
                0,
                Change::Edited {
                    was: 1.0,
                    what: red_line
                }
            ),
            at(
                0,
                1,
                Change::Edited {
                    was: 20.0,
                    what: moved
                }
            ),
            at(
                1,
                0,
                Change::Edited {
                    was: -2.0,
                    what: moved
                }
            ),
            at(
                1,
                1,
                Change::Edited {
                    was: 70.0,
                    what: salience
                }
            ),
        ]
    );
    assert_eq!(d.old_actor(2), None);
    assert_eq!(d.old_actor(1), Some(1));
    assert_eq!(d.old_issue(2), None);
}

#[test]
fn the_lookup_says_what_moved_and_from_where() {
    let d = diff(&model(OLD), &model(NEW), Basis::Inferred);
    assert_eq!(d.moved_from(0, 1), Some(20.0), "North on n: 20 → 50");
    assert_eq!(
        d.moved_from(1, 0),
        Some(-2.0),
        "South on a: rejects → opposes"
    );
    assert_eq!(d.moved_from(0, 0), None, "a red line set is no move");
    assert_eq!(d.moved_from(2, 1), None, "West is new");
    // Without the pairs, for a screen: the same changes.
    let marks = changes(&model(OLD), &model(NEW), Basis::Inferred);
    assert_eq!(marks.positions, d.positions);
    assert!(marks.pairs.is_empty());
    assert_eq!(marks.moved_from(0, 1), Some(20.0));
}

#[test]
fn a_move_goes_toward_or_away_from_each_other_actor_on_the_issue() {
    let new = model(NEW);
    let d = diff(&model(OLD), &new, Basis::Inferred);
    // North 20 → 50: South at 70 was 50 away, now 20; West at 10 was 10 away, now 40.
    let north = *d.position(0, 1).expect("North moved on n");
    let seen: Vec<_> = d.directions(&new, &north).collect();
    assert_eq!(seen, [(1, Direction::Toward), (2, Direction::Away)]);
    // South -2 → -1 on a: North at +1 was 3 away, now 2.
    let south = *d.position(1, 0).expect("South moved on a");
    let seen: Vec<_> = d.directions(&new, &south).collect();
    assert_eq!(seen, [(0, Direction::Toward)]);
    // Biggest move first: North 30/100 = 0.3 of the scale, South 1/4 = 0.25.
    let order: Vec<_> = d.moves(&new).iter().map(|m| (m.actor, m.issue)).collect();
    assert_eq!(order, [(0, 1), (1, 0)]);
    assert_eq!(direction(40.0, 60.0, 50.0, 100.0), Direction::Level);
}

#[test]
fn a_pair_agreement_then_and_now() {
    let d = diff(&model(OLD), &model(NEW), Basis::Inferred);
    // Then, North–South: a +1 vs -2 conflict (w 1), n 20 vs 70 conflict (w 0.9): 0 over 2.
    // Now: a +1 vs -1 conflict (w 1), n 50 vs 70 partial (w (0.8 + 0.5)/2 = 0.65):
    // 0.65 × ½ / 1.65 = 0.19697 over 2.
    assert_eq!(d.pairs.len(), 1);
    let p = d.pairs[0];
    assert_eq!((p.left, p.right), (0, 1));
    assert_eq!(p.was, Some(0.0));
    assert!(
        (p.now.expect("defined") - 0.196_969_7).abs() < 1e-6,
        "{p:?}"
    );
    assert_eq!((p.shared_was, p.shared_now), (2, 2));
    assert_eq!(d.pairs_in_both, 1);
}

#[test]
fn a_rescaled_issue_compares_positions_on_the_new_scale() {
    let old = model(
        "title: t\nissues:\n  - {id: n, title: N, scale: {min: 0, max: 100}}\nactors:\n  - {id: x, name: X, positions: {n: 50}}\n  - {id: y, name: Y, positions: {n: 20}}\n",
    );
    let new = model(
        "title: t\nissues:\n  - {id: n, title: N, scale: {min: 0, max: 1}}\nactors:\n  - {id: x, name: X, positions: {n: 0.5}}\n  - {id: y, name: Y, positions: {n: 0.3}}\n",
    );
    let d = diff(&old, &new, Basis::Inferred);
    assert_eq!(d.rescaled, [0]);
    // X: 50 on 0..100 is 0.5 on 0..1, unmoved; Y: 20 is 0.2, now 0.3.
    assert_eq!(d.moved_from(0, 0), None);
    assert_eq!(d.moved_from(1, 0), Some(0.2));
    assert_eq!(d.positions.len(), 1);
}

#[test]
fn a_stance_issue_written_as_numbers_is_rescaled_but_unmoved() {
    let old = model(
        "title: t\nissues: [{id: a, title: A}]\nactors:\n  - {id: x, name: X, positions: {a: supports}}\n",
    );
    let new = model(
        "title: t\nissues: [{id: a, title: A, scale: {min: -2, max: 2}}]\nactors:\n  - {id: x, name: X, positions: {a: 1}}\n",
    );
    let d = diff(&old, &new, Basis::Inferred);
    assert_eq!(d.rescaled, [0]);
    assert!(d.positions.is_empty(), "{:?}", d.positions);
}

#[test]
fn the_minimum_basis_leaves_weaker_positions_out_of_both() {
    let old = model(
        "title: t\nissues: [{id: a, title: A}]\nactors:\n  - {id: x, name: X, positions: {a: {stance: supports, basis: inferred}}}\n",
    );
    let new = model(
        "title: t\nissues: [{id: a, title: A}]\nactors:\n  - {id: x, name: X, positions: {a: supports}}\n",
    );
    let all = diff(&old, &new, Basis::Inferred);
    let basis = Edits {
        basis: true,
        ..Edits::default()
    };
    assert_eq!(
        all.positions[0].change,
        Change::Edited {
            was: 1.0,
            what: basis
        }
    );
    let stated = diff(&old, &new, Basis::Stated);
    assert_eq!(stated.positions[0].change, Change::New);
    let back = diff(&new, &old, Basis::Stated);
    assert_eq!(back.positions[0].change, Change::Dropped { was: 1.0 });
}

#[test]
fn power_counts_where_the_position_sets_its_own() {
    // Old: the position's own power 2 (as a Decide file gives it); new: no own power, the
    // actor's 2. The power behind the position is 2 in both: only the actor's changed.
    let old = model(
        "title: t\nissues: [{id: a, title: A}]\nactors:\n  - {id: x, name: X, positions: {a: {stance: supports, power: 2}}}\n",
    );
    let new = model(
        "title: t\nissues: [{id: a, title: A}]\nactors:\n  - {id: x, name: X, power: 2, positions: {a: supports}}\n",
    );
    let d = diff(&old, &new, Basis::Inferred);
    assert_eq!(d.powers, [0]);
    assert!(d.positions.is_empty(), "{:?}", d.positions);
    let own = model(
        "title: t\nissues: [{id: a, title: A}]\nactors:\n  - {id: x, name: X, positions: {a: {stance: supports, power: 0.5}}}\n",
    );
    let d = diff(&old, &own, Basis::Inferred);
    assert!(d.powers.is_empty());
    let power = Edits {
        power: true,
        ..Edits::default()
    };
    assert_eq!(
        d.positions[0].change,
        Change::Edited {
            was: 1.0,
            what: power
        }
    );
}

#[test]
fn pairs_beyond_the_budget_are_counted_not_compared() {
    // Every actor in both changed: North, South (3 issues then, 3 now) is the one pair, and 1 pair
    // × 6 issues is over a budget of 5.
    let (old, new) = (model(OLD), model(NEW));
    let d = diff_within(&old, &new, Basis::Inferred, 5);
    assert!(d.pairs.is_empty());
    assert_eq!(d.pairs_unchecked, 1);
    assert_eq!(diff_within(&old, &new, Basis::Inferred, 6).pairs.len(), 1);
}

#[test]
fn a_pair_agreement_is_the_comparison_agreement() {
    // The pairs' figures are merged from the positions; they must be what a comparison gives.
    use crate::generate::{Spec, yaml};
    for m in [
        model(&yaml(&Spec::new(12, 30))),
        model(&yaml(&Spec::numeric(12, 30))),
    ] {
        let mut rows = Vec::new();
        for min in [Basis::Inferred, Basis::Reported, Basis::Stated] {
            for a in 0..m.actors.len() {
                for b in a + 1..m.actors.len() {
                    let c = crate::compare::Comparison::at(&m, a, b, min);
                    let got = pairs::agreement(&m, (a, b), min, &mut rows);
                    assert_eq!(got, (c.agreement, c.counts.shared()), "{a}, {b}, {min:?}");
                }
            }
        }
    }
}
