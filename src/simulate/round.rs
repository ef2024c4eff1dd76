//! One round of the exchange model: the sides of the means, every
//! candidate in generation order, the realisation loop, and the positions
//! the next round starts from (docs/design.md, "One round").

use super::candidate::{self, Candidate, Moved, Notes, Side};
use super::input::Input;
use std::ops::Range;
use tree::MaxTree;

mod tree;

/// Two gains within this relative window tie; the earlier candidate wins.
const TIE_WINDOW: f64 = 1e-10;
/// The new-start rule: the share of a supplier's move it keeps is
/// FIXED + SALIENCE·(1 − salience).
const FIXED_SHARE: f64 = 0.1;
const SALIENCE_SHARE: f64 = 0.4;

/// What a candidate's weighing reads of one actor on one issue, in one
/// place.
#[derive(Debug, Clone, Copy)]
struct Spot {
    x0: f64,
    salience: f64,
    weight: f64,
}

/// Every actor's spot on every issue (actor by actor).
fn spots(input: &Input, x0: &[f64]) -> Vec<Spot> {
    let n = input.issues.len();
    (0..x0.len())
        .map(|at| {
            let c = input.cell(at / n, at % n);
            Spot {
                x0: x0[at],
                salience: c.salience,
                weight: c.weight,
            }
        })
        .collect()
}

/// Where a round starts: every position (internal scale) and the sums the
/// means are made of.
pub struct Start<'a> {
    input: &'a Input,
    x0: Vec<f64>,
    spots: Vec<Spot>,
    /// D_k: Σ w over the holders of k.
    denominators: Vec<f64>,
    /// Σ w·x0 over the holders of k.
    totals: Vec<f64>,
}

impl<'a> Start<'a> {
    /// A round whose sums come from elsewhere (every actor of the model,
    /// where `input` holds only some): see [`super::input::sums`].
    pub fn with_sums(
        input: &'a Input,
        x0: Vec<f64>,
        denominators: Vec<f64>,
        totals: Vec<f64>,
    ) -> Start<'a> {
        Start {
            input,
            spots: spots(input, &x0),
            x0,
            denominators,
            totals,
        }
    }

    pub fn new(input: &'a Input, x0: Vec<f64>) -> Start<'a> {
        let n = input.issues.len();
        let (mut denominators, mut totals) = (vec![0.0; n], vec![0.0; n]);
        for a in 0..input.actors.len() {
            for k in 0..n {
                let c = input.cell(a, k);
                if c.held {
                    denominators[k] += c.weight;
                    totals[k] += c.weight * x0[a * n + k];
                }
            }
        }
        Start::with_sums(input, x0, denominators, totals)
    }

    fn spot(&self, a: u32, k: u32) -> &Spot {
        &self.spots[a as usize * self.input.issues.len() + k as usize]
    }
    pub fn x0(&self, a: u32, k: u32) -> f64 {
        self.spot(a, k).x0
    }
    pub fn salience(&self, a: u32, k: u32) -> f64 {
        self.spot(a, k).salience
    }
    pub fn weight(&self, a: u32, k: u32) -> f64 {
        self.spot(a, k).weight
    }
    pub fn weighted(&self, a: u32, k: u32) -> f64 {
        self.weight(a, k) * self.x0(a, k)
    }
    pub fn denominator(&self, k: u32) -> f64 {
        self.denominators[k as usize]
    }
    pub fn total(&self, k: u32) -> f64 {
        self.totals[k as usize]
    }

    /// The weighted mean of issue k (internal scale); `None` where nobody
    /// has weight on it.
    pub fn mean(&self, k: usize) -> Option<f64> {
        (self.denominators[k] > 0.0).then(|| self.totals[k] / self.denominators[k])
    }

    /// The candidate between `a` (low on neither or only on p) and `b` (on
    /// the other side of both means) on issues p < q, evaluated once;
    /// `None` where it is skipped (a supplier without weight, a red line)
    /// or not valid; else the candidate, its gain and whether a move was
    /// cut.
    pub fn candidate(
        &self,
        a: usize,
        b: usize,
        p: usize,
        q: usize,
    ) -> Option<(Candidate, f64, bool)> {
        let (a, b, p, q) = (a as u32, b as u32, p as u32, q as u32);
        // b cares relatively more about p: b demands p.
        let (i, j) = if self.salience(a, p) * self.salience(b, q)
            < self.salience(b, p) * self.salience(a, q)
        {
            (b, a)
        } else {
            (a, b)
        };
        let cells = |x: u32, k: u32| self.input.cell(x as usize, k as usize);
        if cells(i, q).weight == 0.0 || cells(j, p).weight == 0.0 {
            return None;
        }
        if cells(i, q).red_line || cells(j, p).red_line {
            return None;
        }
        let mut c = Candidate::new(
            Side::new(i as usize, q as usize, self.x0(i, q)),
            Side::new(j as usize, p as usize, self.x0(j, p)),
        );
        let (gain, cut) = c.evaluate(self, &Notes::NONE, [true, true])?;
        Some((c, gain, cut))
    }

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
    fn candidates(&self, buf: &mut Buffers) {
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
    fn parts(self, work: usize) -> usize {
        if work < self.from {
            1
        } else {
            self.cores.max(1)
        }
    }
}

/// Empties `v` and gives it room for `n`. A list too small is replaced,
/// not grown (growing would copy it), with an eighth more room than asked:
/// a round often has a few more candidates than the one before, and new
/// memory costs a page fault for every 4 KB of it.
fn room<T>(v: &mut Vec<T>, n: usize) {
    v.clear();
    if v.capacity() < n {
        *v = Vec::new();
        v.reserve_exact(n + n / 8);
    }
}

/// Candidates in generation order, their gains and states, and the windows
/// of their sides at their first weighing (for the demand lists).
#[derive(Default)]
struct Found {
    cands: Vec<Candidate>,
    gains: Vec<f64>,
    states: Vec<u8>,
    windows: Vec<[[f32; 2]; 2]>,
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

/// The big lists of a round, kept from one round to the next: their memory
/// is reused rather than given back to the system and faulted in again.
pub struct Buffers {
    split: Split,
    found: Found,
    /// The entries of the supply and demand lists (see `Index`).
    supply: Vec<Supply>,
    demand: Vec<Demand>,
}

impl Buffers {
    pub fn new(split: Split) -> Buffers {
        Buffers {
            split,
            found: Found::default(),
            supply: Vec::new(),
            demand: Vec::new(),
        }
    }
}

/// A realised exchange, on the internal scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Realised {
    pub gain: f64,
    /// (actor, supply issue, from, to) for I then J.
    pub sides: [(u32, u32, f64, f64); 2],
}

/// What a round did, on the internal scale.
pub struct Played {
    pub exchanges: Vec<Realised>,
    pub mean_start: Vec<Option<f64>>,
    pub mean_voting: Vec<Option<f64>>,
    /// Where every actor starts the next round (actor by actor).
    pub next: Vec<f64>,
}

/// Plays one round from `st`, its lists in `buf`.
pub fn play(st: &Start, buf: &mut Buffers) -> Played {
    st.candidates(buf);
    let exchanges = realise(st, buf);
    let (n_a, n_i) = (st.input.actors.len(), st.input.issues.len());
    let mut vote = st.x0.clone();
    for e in &exchanges {
        for (a, k, _, y) in e.sides {
            vote[a as usize * n_i + k as usize] = y;
        }
    }
    let mut next = st.x0.clone();
    for e in &exchanges {
        for (a, k, _, _) in e.sides {
            let at = a as usize * n_i + k as usize;
            let share = FIXED_SHARE + SALIENCE_SHARE * (1.0 - st.salience(a, k));
            next[at] = st.x0[at] + share * (vote[at] - st.x0[at]);
        }
    }
    let mean_start = (0..n_i).map(|k| st.mean(k)).collect();
    let mean_voting = (0..n_i)
        .map(|k| {
            st.mean(k)?;
            let sum: f64 = (0..n_a)
                .filter(|&a| st.input.cell(a, k).held)
                .map(|a| st.input.cell(a, k).weight * vote[a * n_i + k])
                .sum();
            Some(sum / st.denominators[k])
        })
        .collect();
    Played {
        exchanges,
        mean_start,
        mean_voting,
        next,
    }
}

/// A candidate's state in the realisation loop, one byte each: realised or
/// dropped, and what the exchange being realised matched in it.
const DEAD: u8 = 0x80;
const SUPPLY_I: u8 = 1;
const SUPPLY_J: u8 = 2;
/// R's J-actor demands what R's I-actor supplied, and the other way round.
const LEARN_I: u8 = 4;
const LEARN_J: u8 = 8;
const MATCHES: u8 = 0x0f;
const SUPPLIES: u8 = SUPPLY_I | SUPPLY_J;
/// The candidate's last weighing cut a move.
const CUT: u8 = 0x40;
/// The window kept with the candidate's demand entry of side 0 (1) is out
/// of date: the candidate was weighed again since it was reckoned.
const STALE: [u8; 2] = [0x10, 0x20];
/// The realisation loop: the best gain first (the earliest within the tie
/// window), then every candidate it touches is brought up to date.
fn realise(st: &Start, buf: &mut Buffers) -> Vec<Realised> {
    let Buffers {
        found:
            Found {
                cands,
                gains,
                states: state,
                windows,
            },
        supply,
        demand,
        split,
        ..
    } = buf;
    let n = cands.len();
    let mut tree = MaxTree::new(std::mem::take(gains));
    let (n_a, n_i) = (st.input.actors.len(), st.input.issues.len());
    let mut notes = Notes::new(n_a, n_i);
    let lists = (std::mem::take(supply), std::mem::take(demand));
    let mut index = Index::new(st, cands, windows, lists, *split);
    let mut left = n;
    let mut touched: Vec<usize> = Vec::new();
    let mut recheck: Vec<(usize, u32)> = Vec::new();
    let mut done = Vec::new();
    while left > 0 {
        let Some(pick) = pick(&mut tree, state) else {
            break;
        };
        state[pick] = DEAD;
        left -= 1;
        let gain = tree.get(pick);
        tree.set(pick, f64::NEG_INFINITY, |c| state[c] & DEAD == 0);
        let [ri, rj] = cands[pick].sides;
        done.push(Realised {
            gain,
            sides: [
                (ri.actor, ri.supply, ri.x, ri.y()),
                (rj.actor, rj.supply, rj.x, rj.y()),
            ],
        });
        // A demand match learns where R's supplier now votes: every live
        // candidate of the demander on that issue at once (see `Notes`).
        let time = 2 * done.len() as u32;
        let learned = [(rj, ri, time, LEARN_I), (ri, rj, time + 1, LEARN_J)].map(
            |(demander, supplier, t, mark)| {
                let (a, k) = (supplier.actor, supplier.supply);
                let moved = Moved {
                    actor: a,
                    y: supplier.y(),
                    x0: st.x0(a, k),
                    w: st.weight(a, k),
                };
                notes.learn(demander.actor, k, moved, t);
                Learning {
                    demander: demander.actor,
                    issue: k,
                    v: candidate::v(st, &notes, demander.actor, k),
                    sum_w: st.denominator(k),
                    mark,
                }
            },
        );
        // First only find what R touches (the lists and the state bytes are
        // small), so that the candidates themselves, spread over the whole
        // list, are then fetched together rather than one miss at a time.
        // Supply matches: the same actor giving way on the same issue.
        for z in [ri, rj] {
            left -= index.visit_supply(st, z, state, &mut tree, &mut touched);
        }
        // Demand matches: a side that demands what it demanded in R, where
        // the check of its other side's move could now say otherwise.
        for l in &learned {
            index.visit_demand(l, state, &mut touched, &mut recheck);
        }
        let mut warm = 0u32;
        for &c in &touched {
            warm ^= cands[c].sides[0].actor ^ (tree.get(c) as u32);
        }
        std::hint::black_box(warm);
        for c in touched.drain(..) {
            // Turned by one supply match after another marked it.
            if state[c] & DEAD != 0 {
                continue;
            }
            let m = state[c] & MATCHES;
            state[c] &= !MATCHES;
            let cand = &mut cands[c];
            // A supply match now stands where R left it (short of its
            // target: the visit dropped those that turned).
            for (s, bit) in [(0, SUPPLY_I), (1, SUPPLY_J)] {
                if m & bit != 0 {
                    let side = cand.sides[s];
                    let z = if (side.actor, side.supply) == (ri.actor, ri.supply) {
                        ri
                    } else {
                        rj
                    };
                    cand.sides[s].x = z.y();
                }
            }
            // Only learned, and nothing was or will be cut: unchanged.
            if m & SUPPLIES == 0
                && state[c] & CUT == 0
                && [(ri, LEARN_I), (rj, LEARN_J)]
                    .iter()
                    .all(|&(supplier, bit)| {
                        m & bit == 0 || cand.stays_uncut(st, &notes, supplier.supply)
                    })
            {
                continue;
            }
            let weighed = cand.evaluate(st, &notes, [m & SUPPLY_I != 0, m & SUPPLY_J != 0]);
            if let Some((gain, cut)) = weighed {
                tree.set(c, gain, |c| state[c] & DEAD == 0);
                state[c] = (state[c] & !CUT) | STALE[0] | STALE[1];
                if cut {
                    state[c] |= CUT;
                }
            } else {
                state[c] = DEAD;
                left -= 1;
                tree.set(c, f64::NEG_INFINITY, |c| state[c] & DEAD == 0);
            }
        }
        // The demand entries just checked get their windows reckoned again,
        // from where their candidates now stand.
        for (at, entry) in recheck.drain(..) {
            let (c, s) = ((entry / 2) as usize, (entry % 2) as usize);
            if state[c] & DEAD == 0 {
                index.demand.entries[at].window = widened(cands[c].window(st, &notes, 1 - s));
                state[c] &= !STALE[s];
            }
        }
    }
    *gains = tree.into_leaves();
    (*supply, *demand) = (index.supply.entries, index.demand.entries);
    done
}

/// The candidate to realise next: the earliest live one whose gain is
/// within the tie window of the highest live gain.
fn pick(tree: &mut MaxTree, state: &[u8]) -> Option<usize> {
    let live = |c: usize| state[c] & DEAD == 0;
    tree.settle(live);
    let best = tree.max()?;
    tree.first_at_least(best * (1.0 - TIE_WINDOW), live)
}

/// What a demand match learned, for the visit of its demand list: the
/// demander and issue, the list's V now (see [`Candidate::window`]) and the
/// issue's Σ w.
struct Learning {
    demander: u32,
    issue: u32,
    v: f64,
    sum_w: f64,
    mark: u8,
}

/// The candidates by (actor, issue): where each side supplies, and where it
/// demands. Entries are candidate · 2 + side; dead candidates are dropped
/// from a list as it is walked.
struct Index {
    n_issues: usize,
    supply: Lists<Supply>,
    demand: Lists<Demand>,
}

/// A supply entry, with where its side is headed: `toward` is the other
/// side's actor, whose start on the issue is the target, · 2, + 1 if the
/// target lies above. A side's moves all go the same way (the move check),
/// so that never changes while the candidate lives.
#[derive(Debug, Clone, Copy, Default)]
struct Supply {
    entry: u32,
    toward: u32,
}

/// A demand entry, with the window of its candidate's other side (see
/// [`Candidate::window`]), widened to the nearest single-precision numbers
/// outside it: the window only ever settles a check when V is clear of
/// it, so a wider one only settles fewer.
#[derive(Debug, Clone, Copy, Default)]
struct Demand {
    entry: u32,
    window: [f32; 2],
}

/// `window` widened to single precision.
fn widened([lo, hi]: [f64; 2]) -> [f32; 2] {
    let (l, h) = (lo as f32, hi as f32);
    [
        if f64::from(l) > lo { l.next_down() } else { l },
        if f64::from(h) < hi { h.next_up() } else { h },
    ]
}

/// Lists packed in one array: list k is entries[start[k]..start[k] + len[k]].
struct Lists<T> {
    start: Vec<u32>,
    len: Vec<u32>,
    entries: Vec<T>,
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
    fn new(
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
    fn visit_supply(
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
    fn visit_demand(
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
    use super::{Buffers, Camps, Notes, Split, Start, widened};
    use crate::generate::{self, Spec};
    use crate::model::{self, Basis, Origin};
    use crate::simulate::Input;

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
