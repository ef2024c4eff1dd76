//! Generating a round's candidates: the groups of each pair of issues as
//! bit sets, and big rounds cut into parts generated on every core, in
//! place, in generation order (docs/performance.md, steps 10 and 11).

use std::ops::Range;

use super::index::widened;
use super::{Buffers, CUT, Candidate, Side, Start, room};

impl Start<'_> {
    /// How many candidates each issue p generates with the issues after it
    /// (before weighing them), for the issues in `rows`.
    fn generated(&self, camps: &Camps, means: &[Option<f64>], rows: Range<usize>) -> Vec<usize> {
        rows.map(|p| {
            if means[p].is_none() {
                return 0;
            }
            (p + 1..means.len())
                .filter(|&q| means[q].is_some())
                .map(|q| {
                    let [g0, g1, g2, g3] = camps.sizes(p, q);
                    g0 * g3 + g1 * g2
                })
                .sum()
        })
        .collect()
    }

    /// The valid candidates of the issues p in `rows` with the issues after
    /// them, in generation order, written from the start of `out`; returns
    /// how many.
    fn generate(
        &self,
        camps: &Camps,
        means: &[Option<f64>],
        rows: Range<usize>,
        out: Slots,
    ) -> usize {
        let mut groups: [Vec<usize>; 4] = Default::default();
        let mut n = 0;
        for p in rows {
            if means[p].is_none() {
                continue;
            }
            for q in (p + 1..means.len()).filter(|&q| means[q].is_some()) {
                camps.group(p, q, &mut groups);
                for (ga, gb) in [(0, 3), (1, 2)] {
                    for &a in &groups[ga] {
                        for &b in &groups[gb] {
                            if let Some((c, gain, cut)) = self.candidate(a, b, p, q) {
                                out.cands[n] = c;
                                out.gains[n] = gain;
                                out.states[n] = if cut { CUT } else { 0 };
                                out.windows[n] = [0, 1].map(|x| widened(c.first_window(self, x)));
                                n += 1;
                            }
                        }
                    }
                }
            }
        }
        n
    }

    /// Every valid candidate of the round, in generation order, their gains
    /// and their first states in the realisation loop, into `buf`. A big
    /// round is generated in as many parts as there are cores, each part a
    /// run of issues p holding about as many candidates, written in place
    /// into its own stretch of the lists; the candidates found invalid
    /// leave a gap at the end of each stretch, which closes as the parts
    /// are moved down, in order.
    pub(super) fn candidates(&self, buf: &mut Buffers) {
        let n_i = self.input.issues.len();
        let means: Vec<Option<f64>> = (0..n_i).map(|k| self.mean(k)).collect();
        let camps = &Camps::new(self, &means);
        let split = buf.split;
        let per_row = self.generated(camps, &means, 0..n_i);
        let count: usize = per_row.iter().sum();
        let parts = split.parts(count);
        // Issue p's row holds candidates with every later issue: cut the
        // rows where the running count passes each part's share.
        let mut bounds = vec![0];
        let mut sum = 0;
        for (p, n) in per_row.iter().enumerate() {
            sum += n;
            if bounds.len() < parts && sum * parts >= count * bounds.len() {
                bounds.push(p + 1);
            }
        }
        if bounds.len() == 1 || bounds.last() != Some(&n_i) {
            bounds.push(n_i);
        }
        let found = &mut buf.found;
        found.room(count);
        let mut rest = Slots {
            cands: &mut found.cands,
            gains: &mut found.gains,
            states: &mut found.states,
            windows: &mut found.windows,
        };
        let mut stretches = Vec::new();
        for b in 0..bounds.len() - 1 {
            let rows = bounds[b]..bounds[b + 1];
            let (slots, after) = rest.split_at(per_row[rows.clone()].iter().sum());
            stretches.push((rows, slots));
            rest = after;
        }
        let means = &means;
        let written: Vec<usize> = std::thread::scope(|scope| {
            let mut stretches = stretches.into_iter();
            let first = stretches.next();
            let others: Vec<_> = stretches
                .map(|(rows, slots)| scope.spawn(move || self.generate(camps, means, rows, slots)))
                .collect();
            let mut written: Vec<usize> = first
                .map(|(rows, slots)| self.generate(camps, means, rows, slots))
                .into_iter()
                .collect();
            for part in others {
                written.push(part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            written
        });
        found.close_gaps(&bounds, &per_row, &written);
    }
}

/// The actors holding each issue and those among them low on it (at or
/// below its mean), as sets of bits, 64 actors to a word, so that the
/// groups of a pair of issues are a few ands.
struct Camps {
    words: usize,
    held: Vec<u64>,
    low: Vec<u64>,
}

impl Camps {
    fn new(st: &Start, means: &[Option<f64>]) -> Camps {
        let (n_a, n_i) = (st.input.actors.len(), st.input.issues.len());
        let words = n_a.div_ceil(64);
        let (mut held, mut low) = (vec![0u64; n_i * words], vec![0u64; n_i * words]);
        for (k, mean) in means.iter().enumerate() {
            for a in 0..n_a {
                if st.input.cell(a, k).held {
                    let (at, bit) = (k * words + a / 64, 1u64 << (a % 64));
                    held[at] |= bit;
                    if mean.is_some_and(|m| st.x0[a * n_i + k] <= m) {
                        low[at] |= bit;
                    }
                }
            }
        }
        Camps { words, held, low }
    }

    /// Word `w` of the four groups of the actors holding both p and q: high
    /// on both, low on p only, low on q only, low on both.
    fn masks(&self, p: usize, q: usize, w: usize) -> [u64; 4] {
        let (at_p, at_q) = (p * self.words + w, q * self.words + w);
        let both = self.held[at_p] & self.held[at_q];
        let (lp, lq) = (self.low[at_p], self.low[at_q]);
        [
            both & !lp & !lq,
            both & lp & !lq,
            both & !lp & lq,
            both & lp & lq,
        ]
    }

    /// How many actors each group of p and q holds.
    fn sizes(&self, p: usize, q: usize) -> [usize; 4] {
        let mut sizes = [0; 4];
        for w in 0..self.words {
            for (size, mask) in sizes.iter_mut().zip(self.masks(p, q, w)) {
                *size += mask.count_ones() as usize;
            }
        }
        sizes
    }

    /// Puts the actors of each group of p and q into `groups`, in order.
    fn group(&self, p: usize, q: usize, groups: &mut [Vec<usize>; 4]) {
        groups.iter_mut().for_each(Vec::clear);
        for w in 0..self.words {
            for (group, mut mask) in groups.iter_mut().zip(self.masks(p, q, w)) {
                while mask != 0 {
                    group.push(w * 64 + mask.trailing_zeros() as usize);
                    mask &= mask - 1;
                }
            }
        }
    }
}

/// How a big round's work is shared among cores: from how many candidates
/// (or pairs of issues times actors, for counting them) a part of a round
/// is done on more than one, and on how many.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    pub cores: usize,
    pub from: usize,
}

impl Split {
    /// Every core of this machine, for rounds of 100,000 candidates or more:
    /// below that, starting threads costs more than it saves.
    pub fn machine() -> Split {
        Split {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            from: 100_000,
        }
    }

    /// Into how many parts `work` is cut.
    pub(super) fn parts(self, work: usize) -> usize {
        if work < self.from {
            1
        } else {
            self.cores.max(1)
        }
    }
}

/// Candidates in generation order, their gains and states, and the windows
/// of their sides at their first weighing (for the demand lists).
#[derive(Default)]
pub(super) struct Found {
    pub(super) cands: Vec<Candidate>,
    pub(super) gains: Vec<f64>,
    pub(super) states: Vec<u8>,
    pub(super) windows: Vec<[[f32; 2]; 2]>,
}

impl Found {
    /// Gives the lists `n` places to be written over.
    fn room(&mut self, n: usize) {
        fn places<T: Clone>(v: &mut Vec<T>, n: usize, blank: T) {
            if v.capacity() < n {
                room(v, n);
            }
            // Only places never written before need a value first.
            v.truncate(n);
            v.resize(n, blank);
        }
        let blank = Side::new(0, 0, 0.0);
        places(&mut self.cands, n, Candidate::new(blank, blank));
        places(&mut self.gains, n, 0.0);
        places(&mut self.states, n, 0);
        places(&mut self.windows, n, [[0.0; 2]; 2]);
    }

    /// Moves each part's candidates down onto the end of the part before
    /// (part b was given the stretch of rows bounds[b]..bounds[b + 1], as
    /// many places as `per_row` counts there, and wrote `written[b]`), then
    /// drops the places left over.
    fn close_gaps(&mut self, bounds: &[usize], per_row: &[usize], written: &[usize]) {
        let (mut from, mut to) = (0, 0);
        for (b, &n) in written.iter().enumerate() {
            if from != to {
                self.cands.copy_within(from..from + n, to);
                self.gains.copy_within(from..from + n, to);
                self.states.copy_within(from..from + n, to);
                self.windows.copy_within(from..from + n, to);
            }
            from += per_row[bounds[b]..bounds[b + 1]].iter().sum::<usize>();
            to += n;
        }
        self.cands.truncate(to);
        self.gains.truncate(to);
        self.states.truncate(to);
        self.windows.truncate(to);
    }
}

/// Places to write candidates into, with their gains, states and windows.
struct Slots<'a> {
    cands: &'a mut [Candidate],
    gains: &'a mut [f64],
    states: &'a mut [u8],
    windows: &'a mut [[[f32; 2]; 2]],
}

impl<'a> Slots<'a> {
    /// The first `n` places, and the rest.
    fn split_at(self, n: usize) -> (Slots<'a>, Slots<'a>) {
        let (c0, c1) = self.cands.split_at_mut(n);
        let (g0, g1) = self.gains.split_at_mut(n);
        let (s0, s1) = self.states.split_at_mut(n);
        let (w0, w1) = self.windows.split_at_mut(n);
        (
            Slots {
                cands: c0,
                gains: g0,
                states: s0,
                windows: w0,
            },
            Slots {
                cands: c1,
                gains: g1,
                states: s1,
                windows: w1,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Camps, Split};
    use crate::generate::{self, Spec};
    use crate::model::{self, Basis, Origin};
    use crate::simulate::Input;
    use crate::simulate::candidate::Notes;
    use crate::simulate::round::index::widened;
    use crate::simulate::round::{Buffers, Start};

    #[test]
    fn the_groups_of_a_pair_as_bits_over_more_than_64_actors() {
        // 100 actors (two words) × 6 issues: each pair's groups, read from
        // the bits, are the actors holding both issues, split by whether
        // they stand at or below each mean, in order.
        let yaml = generate::yaml(&Spec::deu_iii(100, 6));
        let model = model::from_str(&yaml, Origin::BuiltIn).expect("generated model");
        let input = Input::new(&model, Basis::Inferred);
        let st = Start::new(&input, input.positions());
        let means: Vec<Option<f64>> = (0..6).map(|k| st.mean(k)).collect();
        let camps = Camps::new(&st, &means);
        let mut groups: [Vec<usize>; 4] = Default::default();
        for p in 0..6 {
            for q in p + 1..6 {
                let (Some(mp), Some(mq)) = (means[p], means[q]) else {
                    continue;
                };
                let mut expected: [Vec<usize>; 4] = Default::default();
                for a in 0..100 {
                    if input.cell(a, p).held && input.cell(a, q).held {
                        let low_p = st.x0(a as u32, p as u32) <= mp;
                        let low_q = st.x0(a as u32, q as u32) <= mq;
                        expected[usize::from(low_p) + 2 * usize::from(low_q)].push(a);
                    }
                }
                camps.group(p, q, &mut groups);
                assert_eq!(groups, expected, "issues {p} and {q}");
                assert_eq!(camps.sizes(p, q), expected.each_ref().map(Vec::len));
                assert!(expected.iter().any(|g| g.iter().any(|&a| a >= 64)));
            }
        }
    }

    #[test]
    fn the_first_windows_are_the_windows_of_nothing_learned() {
        // Every candidate of round 1 of a generated DEU-shaped model: the
        // short formula kept at generation gives the window itself.
        let yaml = generate::yaml(&Spec::deu_iii(10, 30));
        let model = model::from_str(&yaml, Origin::BuiltIn).expect("generated model");
        let input = Input::new(&model, Basis::Inferred);
        let st = Start::new(&input, input.positions());
        let mut buf = Buffers::new(Split::machine());
        st.candidates(&mut buf);
        let found = &buf.found;
        assert!(found.cands.len() > 1000);
        for (c, windows) in found.cands.iter().zip(&found.windows) {
            let reckoned = [0, 1].map(|x| widened(c.window(&st, &Notes::NONE, x)));
            assert_eq!(*windows, reckoned);
        }
    }
}
