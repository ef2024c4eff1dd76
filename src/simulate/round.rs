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

    /// Whether actor `a` is low on issue `k` (at or below the mean).
    fn low(&self, a: usize, k: usize, mean: f64) -> bool {
        self.x0[a * self.input.issues.len() + k] <= mean
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

    /// Puts the actors holding both p and q into their groups (0–3).
    fn group(&self, p: usize, q: usize, mp: f64, mq: f64, groups: &mut [Vec<usize>; 4]) {
        groups.iter_mut().for_each(Vec::clear);
        for a in 0..self.input.actors.len() {
            if self.input.cell(a, p).held && self.input.cell(a, q).held {
                let g = usize::from(self.low(a, p, mp)) + 2 * usize::from(self.low(a, q, mq));
                groups[g].push(a);
            }
        }
    }

    /// How many candidates each issue p generates with the issues after it
    /// (before weighing them), for the issues in `rows`.
    fn generated(&self, means: &[Option<f64>], rows: Range<usize>) -> Vec<usize> {
        let mut groups: [Vec<usize>; 4] = Default::default();
        rows.map(|p| {
            let Some(mp) = means[p] else { return 0 };
            let mut count = 0;
            for (q, mq) in means.iter().enumerate().skip(p + 1) {
                let Some(mq) = *mq else { continue };
                self.group(p, q, mp, mq, &mut groups);
                count += groups[0].len() * groups[3].len() + groups[1].len() * groups[2].len();
            }
            count
        })
        .collect()
    }

    /// The valid candidates of the issues p in `rows` with the issues after
    /// them, in generation order, onto `out`.
    fn generate(&self, means: &[Option<f64>], rows: Range<usize>, out: &mut Found) {
        let mut groups: [Vec<usize>; 4] = Default::default();
        for p in rows {
            let Some(mp) = means[p] else { continue };
            for (q, mq) in means.iter().enumerate().skip(p + 1) {
                let Some(mq) = *mq else { continue };
                self.group(p, q, mp, mq, &mut groups);
                for (ga, gb) in [(0, 3), (1, 2)] {
                    for &a in &groups[ga] {
                        for &b in &groups[gb] {
                            if let Some((c, gain, cut)) = self.candidate(a, b, p, q) {
                                out.cands.push(c);
                                out.gains.push(gain);
                                out.states.push(if cut { CUT } else { 0 });
                            }
                        }
                    }
                }
            }
        }
    }

    /// Every valid candidate of the round, in generation order, their gains
    /// and their first states in the realisation loop, into `buf`. A big
    /// round is generated in as many parts as there are cores, each part a
    /// run of issues p holding about as many candidates; the parts are then
    /// put end to end, in order.
    fn candidates(&self, buf: &mut Buffers) {
        let n_i = self.input.issues.len();
        let means: Vec<Option<f64>> = (0..n_i).map(|k| self.mean(k)).collect();
        let split = buf.split;
        // The rows before about 29% of the issues hold half of the pairs.
        let cut = n_i * 293 / 1000;
        let pairs = n_i * n_i.saturating_sub(1) / 2;
        let per_row: Vec<usize> = if split.parts(pairs * self.input.actors.len()) > 1 {
            std::thread::scope(|scope| {
                let later = scope.spawn(|| self.generated(&means, cut..n_i));
                let mut rows = self.generated(&means, 0..cut);
                rows.extend(
                    later
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                );
                rows
            })
        } else {
            self.generated(&means, 0..n_i)
        };
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
        let share = |b: usize| per_row[bounds[b]..bounds[b + 1]].iter().sum::<usize>();
        let Buffers { found, more, .. } = buf;
        found.room(count);
        more.resize_with(bounds.len().saturating_sub(2), Found::default);
        for (b, part) in more.iter_mut().enumerate() {
            part.room(share(b + 1));
        }
        std::thread::scope(|scope| {
            for (b, part) in more.iter_mut().enumerate() {
                let rows = bounds[b + 1]..bounds[b + 2];
                let means = &means;
                scope.spawn(move || self.generate(means, rows, part));
            }
            self.generate(&means, bounds[0]..bounds[1], found);
        });
        for part in more.iter() {
            found.cands.extend_from_slice(&part.cands);
            found.gains.extend_from_slice(&part.gains);
            found.states.extend_from_slice(&part.states);
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
/// not grown: growing would copy it (whole, when over-aligned).
fn room<T>(v: &mut Vec<T>, n: usize) {
    v.clear();
    if v.capacity() < n {
        *v = Vec::new();
        v.reserve_exact(n);
    }
}

/// Candidates in generation order, their gains and states.
#[derive(Default)]
struct Found {
    cands: Vec<Candidate>,
    gains: Vec<f64>,
    states: Vec<u8>,
}

impl Found {
    /// Empties the lists and gives them room for `n` candidates.
    fn room(&mut self, n: usize) {
        room(&mut self.cands, n);
        room(&mut self.gains, n);
        room(&mut self.states, n);
    }
}

/// The big lists of a round, kept from one round to the next: their memory
/// is reused rather than given back to the system and faulted in again.
pub struct Buffers {
    split: Split,
    found: Found,
    /// The parts generated on other cores, before they join `found`.
    more: Vec<Found>,
    /// The entries of the supply and demand lists (see `Index`).
    supply: Vec<Supply>,
    demand: Vec<Demand>,
}

impl Buffers {
    pub fn new(split: Split) -> Buffers {
        Buffers {
            split,
            found: Found::default(),
            more: Vec::new(),
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
        found: Found {
            cands,
            gains,
            states: state,
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
    let mut index = Index::new(st, &notes, cands, lists, *split);
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
                let change = notes.learn(demander.actor, k, moved, t);
                Learning {
                    demander: demander.actor,
                    issue: k,
                    actor: a,
                    change,
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
            left -= index.visit_supply(z, state, &mut touched);
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
                index.demand.entries[at].window = cands[c].window(st, &notes, 1 - s);
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
    let best = tree.max(live)?;
    tree.first_at_least(best * (1.0 - TIE_WINDOW), live)
}

/// What a demand match learned, for the visit of its demand list: the
/// demander and issue, the actor whose move it learned and how much that
/// changed its learned term, the list's V now (see [`Candidate::window`])
/// and the issue's Σ w.
struct Learning {
    demander: u32,
    issue: u32,
    actor: u32,
    change: f64,
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

/// A supply entry, with where its side is headed: the target and whether
/// it lies above. A side's moves all go the same way (the move check), so
/// that never changes while the candidate lives.
#[derive(Debug, Clone, Copy, Default)]
struct Supply {
    entry: u32,
    up: bool,
    target: f64,
}

/// A demand entry, with the window of its candidate's other side (see
/// [`Candidate::window`]) and that side's actor.
#[derive(Debug, Clone, Copy, Default)]
struct Demand {
    entry: u32,
    supplier: u32,
    window: [f64; 2],
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
    /// The lists of `cands`, their entries in `supply` and `demand`
    /// (reused); a big round builds the two at once on two cores.
    fn new(
        st: &Start,
        notes: &Notes,
        cands: &[Candidate],
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
                    up: c.sides[s].m > 0.0,
                    target: c.target(st, s),
                },
                supply,
            )
        };
        let demands = move || {
            Lists::new(
                cands,
                keys,
                |c, s| key(c.sides[s].actor, c.demand(s)),
                |n, c, s| Demand {
                    entry: (n * 2 + s) as u32,
                    supplier: c.sides[1 - s].actor,
                    window: c.window(st, notes, 1 - s),
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
    /// fetched (its gain stays in the tree until [`pick`] meets it). Every
    /// other live entry is marked as a supply match of its side, its
    /// candidate added to `touched` (once). Returns how many died.
    fn visit_supply(&mut self, z: Side, state: &mut [u8], touched: &mut Vec<usize>) -> usize {
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
            if (e.up && e.target <= y) || (!e.up && e.target >= y) {
                state[c] = DEAD;
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
    /// before. Every other live entry is marked with `l.mark`, its candidate
    /// added to `touched` (once) and the entry to `recheck`, for its window
    /// to be reckoned again.
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
            let mut d = list[i];
            let (c, s) = ((d.entry / 2) as usize, (d.entry % 2) as usize);
            if state[c] & DEAD != 0 {
                continue;
            }
            if d.supplier == l.actor {
                // Its own learned term moved, and V with it.
                d.window = d.window.map(|end| end + l.change);
            }
            list[kept] = d;
            kept += 1;
            let settled =
                state[c] & (CUT | STALE[s]) == 0 && candidate::clear_of(d.window, l.v, l.sum_w);
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
