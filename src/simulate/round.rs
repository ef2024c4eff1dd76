//! One round of the exchange model: the sides of the means, every
//! candidate in generation order, the realisation loop, and the positions
//! the next round starts from (docs/design.md, "One round").

use super::candidate::{self, Candidate, Moved, Notes, Side};
use super::input::Input;
use generate::Found;
pub use generate::Split;
use index::{Demand, Index, Learning, Supply, widened};
use tree::MaxTree;

mod generate;
mod index;
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
