//! Who stands closest to an actor (docs/design.md, "Closest (rank)"): every other actor by
//! agreement, descending (ties by alignment, then model order); those resting on fewer than
//! [`MIN_SHARED`] shared issues after the others ("too few to say"); undefined last.

use crate::compare::{Comparison, Counts, MIN_SHARED};
use crate::model::{Basis, Model};

/// One other actor, its alignment with the ranked actor and the verdict
/// counts behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Index into [`Model::actors`].
    pub actor: usize,
    pub alignment: Option<f64>,
    pub agreement: Option<f64>,
    pub counts: Counts,
}

impl Ranked {
    /// Defined, but on fewer than [`MIN_SHARED`] shared issues.
    pub fn too_few(&self) -> bool {
        self.agreement.is_some() && self.counts.shared() < MIN_SHARED
    }

    /// 0: enough shared issues; 1: too few to say; 2: undefined.
    fn group(&self) -> u8 {
        match self.agreement {
            None => 2,
            Some(_) if self.too_few() => 1,
            Some(_) => 0,
        }
    }
}

/// Every actor but `actor`, closest first, counting positions at least as
/// strong as `min`.
pub fn closest(model: &Model, actor: usize, min: Basis) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = (0..model.actors.len())
        .filter(|&other| other != actor)
        .map(|other| {
            let c = Comparison::at(model, actor, other, min);
            Ranked {
                actor: other,
                alignment: c.alignment,
                agreement: c.agreement,
                counts: c.counts,
            }
        })
        .collect();
    // Stable: equal figures keep model order.
    let key = |x: Option<f64>| x.unwrap_or(f64::NEG_INFINITY);
    ranked.sort_by(|a, b| {
        a.group()
            .cmp(&b.group())
            .then_with(|| key(b.agreement).total_cmp(&key(a.agreement)))
            .then_with(|| key(b.alignment).total_cmp(&key(a.alignment)))
    });
    ranked
}

#[cfg(test)]
mod tests {
    //! Alignments worked out by hand from the formula of docs/design.md, "Alignment".

    use super::*;
    use crate::model::{Origin, from_str};

    /// Two stance issues, all saliences 1 (so every wᵢ = 1):
    ///
    /// | actor | i1     | i2 | alignment with a                      |
    /// |-------|--------|----|---------------------------------------|
    /// | a     | +2     | +2 |                                       |
    /// | b     | +2     | +1 | (1 + (1 − 1/4)) / 2 = 0.875           |
    /// | c     | -2     | -2 | (0 + 0) / 2 = 0                       |
    /// | d     | ?      | ?  | n/a                                   |
    /// | e     | +1     | +2 | 0.875 (ties b: model order)           |
    /// | f     | +2 (reported) | ? | 1 (stated only: n/a)           |
    const MODEL: &str = "
title: t
issues: [{id: i1, title: t}, {id: i2, title: t}]
actors:
  - {id: a, name: A, positions: {i1: 2, i2: 2}}
  - {id: b, name: B, positions: {i1: 2, i2: 1}}
  - {id: c, name: C, positions: {i1: -2, i2: -2}}
  - {id: d, name: D}
  - {id: e, name: E, positions: {i1: 1, i2: 2}}
  - {id: f, name: F, positions: {i1: {stance: 2, basis: reported}}}
";

    fn table(m: &Model, r: &[Ranked]) -> Vec<(String, Option<f64>)> {
        r.iter()
            .map(|r| (m.actors[r.actor].id.clone(), r.alignment))
            .collect()
    }

    #[test]
    fn by_alignment_ties_in_model_order_undefined_last() {
        let m = from_str(MODEL, Origin::BuiltIn).expect("valid");
        let r = closest(&m, 0, Basis::Inferred);
        assert_eq!(
            table(&m, &r),
            [
                ("f".into(), Some(1.0)),
                ("b".into(), Some(0.875)),
                ("e".into(), Some(0.875)),
                ("c".into(), Some(0.0)),
                ("d".into(), None),
            ]
        );
        // Counts: b agrees on both; c conflicts on both; d unknown on both;
        // f agrees on i1, unknown on i2.
        let counts: Vec<(usize, usize, usize, usize)> = r
            .iter()
            .map(|r| {
                let n = r.counts;
                (n.agree, n.partial, n.conflict, n.unknown)
            })
            .collect();
        assert_eq!(
            counts,
            [
                (1, 0, 0, 1),
                (2, 0, 0, 0),
                (2, 0, 0, 0),
                (0, 0, 2, 0),
                (0, 0, 0, 2)
            ]
        );
    }

    #[test]
    fn the_minimum_basis_hides_reported_positions() {
        let m = from_str(MODEL, Origin::BuiltIn).expect("valid");
        let r = closest(&m, 0, Basis::Stated);
        assert_eq!(
            table(&m, &r),
            [
                ("b".into(), Some(0.875)),
                ("e".into(), Some(0.875)),
                ("c".into(), Some(0.0)),
                ("d".into(), None),
                ("f".into(), None),
            ]
        );
    }

    #[test]
    fn weighted_and_numeric() {
        // x vs y: n (0..100) 20 (s 1) vs 70 (s 0.5): w = 0.75, 1 − 50/100 = 0.5;
        // i1 +2 (s 1) vs -1 (s 1): w = 1, 1 − 3/4 = 0.25.
        // (0.75·0.5 + 1·0.25) / 1.75 = 0.625 / 1.75 = 5/14.
        // x vs z: only i1, +2 vs +2 → 1. Ranking of x: z, y. Of y: x, then z
        // (y and z share i1: -1 vs +2 → 0.25 … and n? z has none) → x 5/14
        // vs z 0.25: x first.
        let m = from_str(
            "
title: t
issues:
  - {id: n, title: t, scale: {min: 0, max: 100}}
  - {id: i1, title: t}
actors:
  - {id: x, name: X, positions: {n: {position: 20, salience: 1}, i1: 2}}
  - {id: y, name: Y, positions: {n: {position: 70, salience: 0.5}, i1: -1}}
  - {id: z, name: Z, positions: {i1: 2}}
",
            Origin::BuiltIn,
        )
        .expect("valid");
        let r = closest(&m, 0, Basis::Inferred);
        assert_eq!(r[0].actor, 2);
        assert_eq!(r[0].alignment, Some(1.0));
        assert_eq!(r[1].actor, 1);
        let a = r[1].alignment.expect("defined");
        assert!((a - 5.0 / 14.0).abs() < 1e-12, "{a}");
        let r = closest(&m, 1, Basis::Inferred);
        assert_eq!(table(&m, &r)[0].0, "x");
        assert_eq!(table(&m, &r)[1], ("z".into(), Some(0.25)));
    }

    #[test]
    fn too_few_shared_issues_rank_after_the_others() {
        // Three stance issues, saliences 1. a vs b: agree, conflict, conflict on
        // 3 shared issues: agreement 1/3. a vs c: agree, agree on 2 shared
        // issues: agreement 1, but too few to say, so after b. a vs d: nothing
        // shared, last.
        let m = from_str(
            "
title: t
issues: [{id: i1, title: t}, {id: i2, title: t}, {id: i3, title: t}]
actors:
  - {id: a, name: A, positions: {i1: 2, i2: 2, i3: 2}}
  - {id: c, name: C, positions: {i1: 2, i2: 2}}
  - {id: b, name: B, positions: {i1: 2, i2: -2, i3: -2}}
  - {id: d, name: D}
",
            Origin::BuiltIn,
        )
        .expect("valid");
        let r = closest(&m, 0, Basis::Inferred);
        let ids: Vec<&str> = r.iter().map(|r| m.actors[r.actor].id.as_str()).collect();
        assert_eq!(ids, ["b", "c", "d"]);
        let b = r[0].agreement.expect("defined");
        assert!((b - 1.0 / 3.0).abs() < 1e-12, "{b}");
        assert_eq!(r[1].agreement, Some(1.0));
        assert_eq!(
            r.iter().map(|r| r.counts.shared()).collect::<Vec<_>>(),
            [3, 2, 0]
        );
        assert_eq!(
            r.iter().map(Ranked::too_few).collect::<Vec<_>>(),
            [false, true, false]
        );
    }

    #[test]
    fn a_lone_actor_has_nobody_to_rank() {
        let m = from_str(
            "title: t\nissues: [{id: i, title: t}]\nactors: [{id: a, name: A}]\n",
            Origin::BuiltIn,
        )
        .expect("valid");
        assert!(closest(&m, 0, Basis::Inferred).is_empty());
    }
}
