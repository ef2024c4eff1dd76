//! One round of the exchange model: the sides of the means, every
//! candidate in generation order, the realisation loop, and the positions
//! the next round starts from (docs/design.md, "One round").

use super::candidate::{Candidate, Notes, Side};
use super::input::Input;
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

    /// How many candidates the round generates (before weighing them), so
    /// that their list is allocated once.
    fn generated(&self, means: &[Option<f64>], groups: &mut [Vec<usize>; 4]) -> usize {
        let mut count = 0;
        for p in 0..means.len() {
            let Some(mp) = means[p] else { continue };
            for (q, mq) in means.iter().enumerate().skip(p + 1) {
                let Some(mq) = *mq else { continue };
                self.group(p, q, mp, mq, groups);
                count += groups[0].len() * groups[3].len() + groups[1].len() * groups[2].len();
            }
        }
        count
    }

    /// Every valid candidate of the round, in generation order, their gains
    /// and their first states in the realisation loop, into `buf`.
    fn candidates(&self, buf: &mut Buffers) {
        let n_i = self.input.issues.len();
        let means: Vec<Option<f64>> = (0..n_i).map(|k| self.mean(k)).collect();
        let mut groups: [Vec<usize>; 4] = Default::default();
        let count = self.generated(&means, &mut groups);
        let Buffers {
            cands: found,
            gains,
            states,
            ..
        } = buf;
        room(found, count);
        room(gains, count);
        room(states, count);
        for p in 0..n_i {
            let Some(mp) = means[p] else { continue };
            for (q, mq) in means.iter().enumerate().skip(p + 1) {
                let Some(mq) = *mq else { continue };
                self.group(p, q, mp, mq, &mut groups);
                for (ga, gb) in [(0, 3), (1, 2)] {
                    for &a in &groups[ga] {
                        for &b in &groups[gb] {
                            if let Some((c, gain, cut)) = self.candidate(a, b, p, q) {
                                found.push(c);
                                gains.push(gain);
                                states.push(if cut { CUT } else { 0 });
                            }
                        }
                    }
                }
            }
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

/// The big lists of a round, kept from one round to the next: their memory
/// is reused rather than given back to the system and faulted in again.
#[derive(Default)]
pub struct Buffers {
    cands: Vec<Candidate>,
    gains: Vec<f64>,
    states: Vec<u8>,
    /// The entries of the supply and demand lists (see `Index`).
    supply: Vec<u32>,
    demand: Vec<u32>,
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

/// The realisation loop: the best gain first (the earliest within the tie
/// window), then every candidate it touches is brought up to date.
fn realise(st: &Start, buf: &mut Buffers) -> Vec<Realised> {
    let Buffers {
        cands,
        gains,
        states: state,
        supply,
        demand,
    } = buf;
    let n = cands.len();
    let mut tree = MaxTree::new(std::mem::take(gains));
    let (n_a, n_i) = (st.input.actors.len(), st.input.issues.len());
    let lists = [std::mem::take(supply), std::mem::take(demand)];
    let mut index = Index::new(cands, n_a, n_i, lists);
    let mut left = n;
    let mut touched: Vec<usize> = Vec::new();
    let mut notes = Notes::new(n_a, n_i);
    let mut done = Vec::new();
    while left > 0 {
        let Some(best) = tree.max() else { break };
        let Some(pick) = tree.first_at_least(best * (1.0 - TIE_WINDOW)) else {
            break;
        };
        state[pick] = DEAD;
        left -= 1;
        let gain = tree.get(pick);
        tree.set(pick, f64::NEG_INFINITY);
        let [ri, rj] = cands[pick].sides;
        done.push(Realised {
            gain,
            sides: [
                (ri.actor, ri.supply, ri.x, ri.y()),
                (rj.actor, rj.supply, rj.x, rj.y()),
            ],
        });
        // First only find what R touches (the lists and the state bytes are
        // small), so that the candidates themselves, spread over the whole
        // list, are then fetched together rather than one miss at a time.
        // Supply matches: the same actor giving way on the same issue.
        for z in [ri, rj] {
            index.visit(Role::Supply, z.actor, z.supply, state, &mut touched, |s| {
                if s == 0 { SUPPLY_I } else { SUPPLY_J }
            });
        }
        // Demand matches: a side that demands what it demanded in R.
        for (demander, supplier, mark) in [(rj, ri, LEARN_I), (ri, rj, LEARN_J)] {
            index.visit(
                Role::Demand,
                demander.actor,
                supplier.supply,
                state,
                &mut touched,
                |_| mark,
            );
        }
        // A demand match learns where R's supplier now votes: every live
        // candidate of the demander on that issue at once (see `Notes`).
        let time = 2 * done.len() as u32;
        for (demander, supplier, t) in [(rj, ri, time), (ri, rj, time + 1)] {
            let x0 = st.x0(supplier.actor, supplier.supply);
            let (a, k) = (supplier.actor, supplier.supply);
            notes.learn(demander.actor, k, a, supplier.y(), x0, t);
        }
        let mut warm = 0u32;
        for &c in &touched {
            warm ^= cands[c].sides[0].actor ^ (tree.get(c) as u32);
        }
        std::hint::black_box(warm);
        for c in touched.drain(..) {
            let m = state[c] & MATCHES;
            state[c] &= !MATCHES;
            let cand = &mut cands[c];
            // A supply match now stands where R left it; if that is on or
            // past its target, the candidate is done.
            let mut turned = false;
            for (s, bit) in [(0, SUPPLY_I), (1, SUPPLY_J)] {
                if m & bit != 0 {
                    let side = cand.sides[s];
                    let z = if (side.actor, side.supply) == (ri.actor, ri.supply) {
                        ri
                    } else {
                        rj
                    };
                    cand.sides[s].x = z.y();
                    turned |= cand.turned(st, s);
                }
            }
            if !turned {
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
            }
            let weighed = if turned {
                None
            } else {
                cand.evaluate(st, &notes, [m & SUPPLY_I != 0, m & SUPPLY_J != 0])
            };
            if let Some((gain, cut)) = weighed {
                tree.set(c, gain);
                if cut {
                    state[c] |= CUT;
                } else {
                    state[c] &= !CUT;
                }
            } else {
                state[c] = DEAD;
                left -= 1;
                tree.set(c, f64::NEG_INFINITY);
            }
        }
    }
    *gains = tree.into_leaves();
    [*supply, *demand] = [index.supply.entries, index.demand.entries];
    done
}

#[derive(Clone, Copy)]
enum Role {
    Supply,
    Demand,
}

/// The candidates by (actor, issue): where each side supplies, and where it
/// demands. Entries are candidate · 2 + side; dead candidates are dropped
/// from a list as it is walked.
struct Index {
    n_issues: usize,
    supply: Lists,
    demand: Lists,
}

/// Lists packed in one array: list k is entries[start[k]..start[k] + len[k]].
struct Lists {
    start: Vec<u32>,
    len: Vec<u32>,
    entries: Vec<u32>,
}

impl Index {
    /// The lists of `cands`, their entries in `entries` (supply, demand:
    /// reused).
    fn new(cands: &[Candidate], n_actors: usize, n_issues: usize, entries: [Vec<u32>; 2]) -> Index {
        let key = |a: u32, k: u32| a as usize * n_issues + k as usize;
        let build = |mut entries: Vec<u32>, issue_of: &dyn Fn(&Candidate, usize) -> u32| {
            let mut start = vec![0u32; n_actors * n_issues + 1];
            for c in cands {
                for s in 0..2 {
                    start[key(c.sides[s].actor, issue_of(c, s)) + 1] += 1;
                }
            }
            for i in 1..start.len() {
                start[i] += start[i - 1];
            }
            let mut len = vec![0u32; n_actors * n_issues];
            room(&mut entries, cands.len() * 2);
            entries.resize(cands.len() * 2, 0);
            for (n, c) in cands.iter().enumerate() {
                for s in 0..2 {
                    let k = key(c.sides[s].actor, issue_of(c, s));
                    entries[(start[k] + len[k]) as usize] = (n * 2 + s) as u32;
                    len[k] += 1;
                }
            }
            Lists {
                start,
                len,
                entries,
            }
        };
        let [supply, demand] = entries;
        Index {
            n_issues,
            supply: build(supply, &|c, s| c.sides[s].supply),
            demand: build(demand, &|c, s| c.demand(s)),
        }
    }

    /// Marks every live entry of (a, k) in `role` with `mark(side)` in
    /// `state`, adding the candidates not yet marked to `touched`; drops the
    /// dead entries from the list.
    fn visit(
        &mut self,
        role: Role,
        a: u32,
        k: u32,
        state: &mut [u8],
        touched: &mut Vec<usize>,
        mark: impl Fn(usize) -> u8,
    ) {
        let lists = match role {
            Role::Supply => &mut self.supply,
            Role::Demand => &mut self.demand,
        };
        let key = a as usize * self.n_issues + k as usize;
        let from = lists.start[key] as usize;
        let list = &mut lists.entries[from..from + lists.len[key] as usize];
        let mut kept = 0;
        for i in 0..list.len() {
            let e = list[i];
            let (c, s) = ((e / 2) as usize, (e % 2) as usize);
            if state[c] & DEAD == 0 {
                list[kept] = e;
                kept += 1;
                if state[c] & MATCHES == 0 {
                    touched.push(c);
                }
                state[c] |= mark(s);
            }
        }
        lists.len[key] = kept as u32;
    }
}
