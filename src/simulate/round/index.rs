//! The lists of a round's candidates by (actor, issue), where each side
//! supplies and where it demands, and their walks when an exchange is
//! realised (docs/performance.md, steps 1, 7 and 8).

use super::tree::MaxTree;
use super::{CUT, DEAD, MATCHES, STALE, SUPPLIES, SUPPLY_I, SUPPLY_J, Side, Split, Start, room};
use crate::simulate::candidate::{self, Candidate};

/// What a demand match learned, for the visit of its demand list: the
/// demander and issue, the list's V now (see [`Candidate::window`]) and the
/// issue's Σ w.
pub(super) struct Learning {
    pub(super) demander: u32,
    pub(super) issue: u32,
    pub(super) v: f64,
    pub(super) sum_w: f64,
    pub(super) mark: u8,
}

/// The candidates by (actor, issue): where each side supplies, and where it
/// demands. Entries are candidate · 2 + side; dead candidates are dropped
/// from a list as it is walked.
pub(super) struct Index {
    n_issues: usize,
    pub(super) supply: Lists<Supply>,
    pub(super) demand: Lists<Demand>,
}

/// A supply entry, with where its side is headed: `toward` is the other
/// side's actor, whose start on the issue is the target, · 2, + 1 if the
/// target lies above. A side's moves all go the same way (the move check),
/// so that never changes while the candidate lives.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Supply {
    entry: u32,
    toward: u32,
}

/// A demand entry, with the window of its candidate's other side (see
/// [`Candidate::window`]), widened to the nearest single-precision numbers
/// outside it: the window only ever settles a check when V is clear of
/// it, so a wider one only settles fewer.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Demand {
    entry: u32,
    pub(super) window: [f32; 2],
}

/// `window` widened to single precision.
pub(super) fn widened([lo, hi]: [f64; 2]) -> [f32; 2] {
    let (l, h) = (lo as f32, hi as f32);
    [
        if f64::from(l) > lo { l.next_down() } else { l },
        if f64::from(h) < hi { h.next_up() } else { h },
    ]
}

/// Lists packed in one array: list k is entries[start[k]..start[k] + len[k]].
pub(super) struct Lists<T> {
    start: Vec<u32>,
    len: Vec<u32>,
    pub(super) entries: Vec<T>,
}

impl<T: Copy + Default> Lists<T> {
    /// The entries `make(candidate, side)` of every candidate side, listed
    /// under `key(candidate, side)` of `keys`, in candidate order, into
    /// `entries` (reused).
    fn new(
        cands: &[Candidate],
        keys: usize,
        key: impl Fn(&Candidate, usize) -> usize,
        make: impl Fn(usize, &Candidate, usize) -> T,
        mut entries: Vec<T>,
    ) -> Lists<T> {
        let mut start = vec![0u32; keys + 1];
        for c in cands {
            for s in 0..2 {
                start[key(c, s) + 1] += 1;
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut len = vec![0u32; keys];
        let size = cands.len() * 2;
        room(&mut entries, size);
        entries.resize(size, T::default());
        for (n, c) in cands.iter().enumerate() {
            for s in 0..2 {
                let k = key(c, s);
                entries[(start[k] + len[k]) as usize] = make(n, c, s);
                len[k] += 1;
            }
        }
        Lists {
            start,
            len,
            entries,
        }
    }
}

impl Index {
    /// The lists of `cands` (with the `windows` of their first weighing),
    /// their entries in `supply` and `demand` (reused); a big round builds
    /// the two at once on two cores.
    pub(super) fn new(
        st: &Start,
        cands: &[Candidate],
        windows: &[[[f32; 2]; 2]],
        (supply, demand): (Vec<Supply>, Vec<Demand>),
        split: Split,
    ) -> Index {
        let n_issues = st.input.issues.len();
        let keys = st.input.actors.len() * n_issues;
        let key = |a: u32, k: u32| a as usize * n_issues + k as usize;
        let supplies = move || {
            Lists::new(
                cands,
                keys,
                |c, s| key(c.sides[s].actor, c.sides[s].supply),
                |n, c, s| Supply {
                    entry: (n * 2 + s) as u32,
                    toward: c.sides[1 - s].actor * 2 + u32::from(c.sides[s].m > 0.0),
                },
                supply,
            )
        };
        let demands = move || {
            Lists::new(
                cands,
                keys,
                |c, s| key(c.sides[s].actor, c.demand(s)),
                |n, _, s| Demand {
                    entry: (n * 2 + s) as u32,
                    window: windows[n][1 - s],
                },
                demand,
            )
        };
        let (supply, demand) = if split.parts(cands.len()) > 1 {
            std::thread::scope(|scope| {
                let supply = scope.spawn(supplies);
                let demand = demands();
                let supply = supply
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (supply, demand)
            })
        } else {
            (supplies(), demands())
        };
        Index {
            n_issues,
            supply,
            demand,
        }
    }

    /// Walks the supply list of `z`'s actor and issue, now that `z` moved
    /// it to y, dropping dead entries. A side whose target is not beyond y
    /// has turned: its next move would go back or be nothing, which the
    /// move check refuses, so its candidate dies here, without being
    /// fetched (its gain stays in its leaf: see [`MaxTree::died`]). Every
    /// other live entry is marked as a supply match of its side, its
    /// candidate added to `touched` (once). Returns how many died.
    pub(super) fn visit_supply(
        &mut self,
        st: &Start,
        z: Side,
        state: &mut [u8],
        tree: &mut MaxTree,
        touched: &mut Vec<usize>,
    ) -> usize {
        let y = z.y();
        let lists = &mut self.supply;
        let key = z.actor as usize * self.n_issues + z.supply as usize;
        let from = lists.start[key] as usize;
        let list = &mut lists.entries[from..from + lists.len[key] as usize];
        let (mut kept, mut died) = (0, 0);
        for i in 0..list.len() {
            let e = list[i];
            let (c, s) = ((e.entry / 2) as usize, (e.entry % 2) as usize);
            if state[c] & DEAD != 0 {
                continue;
            }
            let target = st.x0(e.toward / 2, z.supply);
            let up = e.toward % 2 == 1;
            if (up && target <= y) || (!up && target >= y) {
                state[c] = DEAD;
                tree.died(c);
                died += 1;
                continue;
            }
            list[kept] = e;
            kept += 1;
            if state[c] & MATCHES == 0 {
                touched.push(c);
            }
            state[c] |= [SUPPLY_I, SUPPLY_J][s];
        }
        lists.len[key] = kept as u32;
        died
    }

    /// Walks the demand list of what `l` learned, dropping dead entries.
    /// An entry whose check the list's V settles (its window up to date and
    /// V clear of it) is left alone: the check would say no cut, as it did
    /// before. So is one whose candidate R's move matched as a supply: it
    /// is weighed again whatever it learned (this covers every entry whose
    /// own learned term R changed, the supplier of R's issue being R's).
    /// Every other live entry is marked with `l.mark`, its candidate added
    /// to `touched` (once) and the entry to `recheck`, for its window to be
    /// reckoned again.
    pub(super) fn visit_demand(
        &mut self,
        l: &Learning,
        state: &mut [u8],
        touched: &mut Vec<usize>,
        recheck: &mut Vec<(usize, u32)>,
    ) {
        let lists = &mut self.demand;
        let key = l.demander as usize * self.n_issues + l.issue as usize;
        let from = lists.start[key] as usize;
        let list = &mut lists.entries[from..from + lists.len[key] as usize];
        let mut kept = 0;
        for i in 0..list.len() {
            let d = list[i];
            let (c, s) = ((d.entry / 2) as usize, (d.entry % 2) as usize);
            if state[c] & DEAD != 0 {
                continue;
            }
            list[kept] = d;
            kept += 1;
            let window = d.window.map(f64::from);
            let settled = state[c] & SUPPLIES != 0
                || state[c] & (CUT | STALE[s]) == 0 && candidate::clear_of(window, l.v, l.sum_w);
            if !settled {
                if state[c] & MATCHES == 0 {
                    touched.push(c);
                }
                state[c] |= l.mark;
                recheck.push((from + kept - 1, d.entry));
            }
        }
        lists.len[key] = kept as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::widened;

    #[test]
    fn a_window_widens_outward_to_single_precision() {
        // 0.1 has no exact f32: the nearest, 0.100000001490116…, lies above
        // it, so the low end steps down to 0.099999994039535… and the high
        // end keeps it.
        assert_eq!(widened([0.1, 0.1]), [0.099_999_994, 0.1]);
        // Numbers an f32 holds exactly stay as they are.
        assert_eq!(widened([-2.5, 1024.0]), [-2.5, 1024.0]);
    }
}
