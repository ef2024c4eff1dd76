//! One candidate exchange and its evaluation: how far each side moves, the
//! gain, the move check and the cut that keeps a mean from passing its
//! target (docs/design.md, "Evaluating a candidate").

use super::round::Start;

/// Below this a move or a gain is nothing.
const FLOOR: f64 = 1e-10;
/// Slack of the [0, 100] bounds, so that a full move to an end passes.
const BOUND_SLACK: f64 = 1e-9;
/// A mean this close to its target is on it.
const ON_TARGET: f64 = 1e-9;

/// The moves a side has made inside its candidate, kept as what the move
/// check needs: the sum and signs of every entry but the last (the last is
/// the side's current move).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct History {
    earlier_sum: f64,
    earlier_all_positive: bool,
    earlier_all_negative: bool,
    has_last: bool,
}

impl History {
    const EMPTY: History = History {
        earlier_sum: 0.0,
        earlier_all_positive: true,
        earlier_all_negative: true,
        has_last: false,
    };

    /// Makes room for a new last entry: the current last one (`last`)
    /// becomes an earlier entry.
    fn push(&mut self, last: f64) {
        if self.has_last {
            self.earlier_sum += last;
            self.earlier_all_positive &= last > 0.0;
            self.earlier_all_negative &= last < 0.0;
        }
        self.has_last = true;
    }
}

/// One side of a candidate: the actor, the issue it supplies (gives way
/// on), where it stands on it now and the signed move it would make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    pub actor: u32,
    pub supply: u32,
    /// The current supply position (internal scale).
    pub x: f64,
    /// The signed move; the voting position is x + m.
    pub m: f64,
    history: History,
}

impl Side {
    pub fn new(actor: usize, supply: usize, x: f64) -> Side {
        Side {
            actor: actor as u32,
            supply: supply as u32,
            x,
            m: 0.0,
            history: History::EMPTY,
        }
    }

    /// The voting position after the move.
    pub fn y(&self) -> f64 {
        self.x + self.m
    }

    /// The move check: a real move, inside the scale, no more than 100 in
    /// all, and always the same way within this candidate.
    fn passes(&self) -> bool {
        let (m, a) = (self.m, self.m.abs());
        if a > 100.0 || a <= FLOOR {
            return false;
        }
        let y = self.x + m;
        if !(-BOUND_SLACK..=100.0 + BOUND_SLACK).contains(&y) {
            return false;
        }
        if self.history.earlier_sum + m > 100.0 {
            return false;
        }
        (self.history.earlier_all_positive && m > 0.0)
            || (self.history.earlier_all_negative && m < 0.0)
    }
}

/// A moved position a candidate has learned of: an entry of its private
/// table U.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Learned {
    issue: u32,
    actor: u32,
    x: f64,
}

/// Up to [`CHUNK`] entries of one candidate, and where its older ones are.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    entries: [Learned; CHUNK],
    len: u32,
    /// The next chunk, plus one (0: none).
    next: u32,
}

/// Entries per chunk: a chunk fills one 64-byte cache line.
const CHUNK: usize = 3;

/// Every candidate's learned positions in one round, in one array of
/// chunks: most candidates learn nothing, one allocation serves all that
/// do, and a candidate's entries sit a few to a cache line.
#[derive(Debug, Default)]
pub struct Notes {
    chunks: Vec<Chunk>,
}

impl Notes {
    /// For a first weighing, before anything was learned.
    pub const NONE: Notes = Notes { chunks: Vec::new() };

    /// The entries of the list starting at chunk `head` (plus one; 0: none).
    fn list(&self, head: u32) -> impl Iterator<Item = &Learned> {
        let mut at = head;
        std::iter::from_fn(move || {
            let c = self.chunks.get(at.checked_sub(1)? as usize)?;
            at = c.next;
            Some(&c.entries[..c.len as usize])
        })
        .flatten()
    }
}

/// A candidate exchange: side I (index 0) demands the issue J supplies and
/// supplies the issue J demands.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub sides: [Side; 2],
    pub gain: f64,
    /// The first of its entries in the round's [`Notes`], plus one (0: none).
    learned: u32,
}

impl Candidate {
    pub fn new(i: Side, j: Side) -> Candidate {
        Candidate {
            sides: [i, j],
            gain: 0.0,
            learned: 0,
        }
    }

    /// The issue side `s` demands: what the other side supplies.
    pub fn demand(&self, s: usize) -> u32 {
        self.sides[1 - s].supply
    }

    /// What this candidate has learned of `actor` on `issue`.
    fn learned(&self, notes: &Notes, issue: u32, actor: u32) -> Option<f64> {
        notes
            .list(self.learned)
            .find(|l| l.issue == issue && l.actor == actor)
            .map(|l| l.x)
    }

    /// Records a moved position of `actor` on `issue`, from a realised
    /// exchange: `y` where it now votes, `x0` where it started the round.
    /// An actor that keeps moving the same way keeps its first record.
    pub fn learn(&mut self, notes: &mut Notes, issue: u32, actor: u32, y: f64, x0: f64) {
        let mut at = self.learned;
        while let Some(i) = at.checked_sub(1) {
            let c = &mut notes.chunks[i as usize];
            let len = c.len as usize;
            if let Some(l) = c.entries[..len]
                .iter_mut()
                .find(|l| l.issue == issue && l.actor == actor)
            {
                l.x = if x0 <= l.x { l.x.min(y) } else { l.x.max(y) };
                return;
            }
            at = c.next;
        }
        let entry = Learned { issue, actor, x: y };
        if let Some(head) = self.learned.checked_sub(1) {
            let c = &mut notes.chunks[head as usize];
            if (c.len as usize) < CHUNK {
                c.entries[c.len as usize] = entry;
                c.len += 1;
                return;
            }
        }
        notes.chunks.push(Chunk {
            entries: [entry; CHUNK],
            len: 1,
            next: self.learned,
        });
        // A round holds far fewer than 2^32 chunks: its candidates are
        // refused long before (see `affordable`).
        self.learned = u32::try_from(notes.chunks.len()).unwrap_or(u32::MAX);
    }

    /// Σ w·u over issue `k` with side `x`'s actor left out, where u is the
    /// recorded position if this candidate learned one, else the start.
    fn others_sum(&self, st: &Start, notes: &Notes, k: u32, x_actor: u32) -> f64 {
        let mut sum = st.total(k) - st.weighted(x_actor, k);
        for l in notes.list(self.learned) {
            if l.issue == k && l.actor != x_actor {
                sum += st.weight(l.actor, k) * (l.x - st.x0(l.actor, k));
            }
        }
        sum
    }

    /// Evaluates (or re-evaluates) the candidate from its sides' current
    /// positions; `append[s]` says whether side s's move is a new history
    /// entry (else it replaces the last). Returns whether it is valid.
    pub fn evaluate(&mut self, st: &Start, notes: &Notes, append: [bool; 2]) -> bool {
        let [i, j] = self.sides;
        let (p, q) = (j.supply, i.supply);
        let (t_i, t_j) = (st.x0(j.actor, q), st.x0(i.actor, p));
        let (d_i, d_j) = ((t_i - i.x).abs(), (t_j - j.x).abs());
        let (s_ip, s_iq) = (st.salience(i.actor, p), st.salience(i.actor, q));
        let (s_jp, s_jq) = (st.salience(j.actor, p), st.salience(j.actor, q));
        let (w_iq, w_jp) = (st.weight(i.actor, q), st.weight(j.actor, p));
        let (big_p, big_q) = (st.denominator(p), st.denominator(q));

        // J moves all the way; I moves what makes the gains equal.
        let mut m_j = d_j;
        let mut dp = d_j * w_jp / big_p;
        let mut dq = dp * (s_ip + s_jp) / (s_iq + s_jq);
        let mut m_i = dq * big_q / w_iq;
        if m_i > d_i {
            m_i = d_i;
            dq = d_i * w_iq / big_q;
            dp = dq * (s_iq + s_jq) / (s_ip + s_jp);
            m_j = dp * big_p / w_jp;
        }
        for (s, (side, t, m)) in [(i, t_i, m_i), (j, t_j, m_j)].into_iter().enumerate() {
            let entry = &mut self.sides[s];
            if append[s] || !entry.history.has_last {
                entry.history.push(entry.m);
            }
            entry.m = if side.x > t { -m } else { m };
        }
        self.gain = (dp * s_ip - dq * s_iq).abs();
        if !(self.sides[0].passes() && self.sides[1].passes() && self.gain >= FLOOR) {
            return false;
        }
        self.cut(st, notes, 0, t_i);
        self.cut(st, notes, 1, t_j);
        self.sides[0].passes() && self.sides[1].passes()
    }

    /// Cuts side `x`'s move (and the other side's with it) where it would
    /// carry the mean of its supply issue past `d`, its target.
    fn cut(&mut self, st: &Start, notes: &Notes, x: usize, d: f64) {
        let o = 1 - x;
        let (sx, so) = (self.sides[x], self.sides[o]);
        let (k, ko) = (sx.supply, so.supply);
        let big_k = st.denominator(k);
        let w_xk = st.weight(sx.actor, k);
        let others = self.others_sum(st, notes, k, sx.actor);
        let n0 = (others + w_xk * sx.x) / big_k;
        if (d - n0).abs() <= ON_TARGET {
            return;
        }
        let n1 = (others + w_xk * sx.y()) / big_k;
        if (d >= n0 && d >= n1) || (d <= n0 && d <= n1) {
            return;
        }
        // Land the mean exactly on d. Only here does a recorded position of
        // X's own stand in for its current one.
        let own = self.learned(notes, k, sx.actor).unwrap_or(sx.x);
        let sum = others + w_xk * own;
        let m_x = (d * big_k - sum).abs() / w_xk;
        let dk = m_x * w_xk / big_k;
        let (s_xk, s_ok) = (st.salience(sx.actor, k), st.salience(so.actor, k));
        let (s_xo, s_oo) = (st.salience(sx.actor, ko), st.salience(so.actor, ko));
        let d_o = dk * (s_xk + s_ok) / (s_xo + s_oo);
        let m_o = d_o * st.denominator(ko) / st.weight(so.actor, ko);
        let t_o = st.x0(sx.actor, ko);
        self.sides[x].m = if sx.x > d { -m_x } else { m_x };
        self.sides[o].m = if so.x > t_o { -m_o } else { m_o };
        self.gain = (dk * s_ok - d_o * s_oo).abs();
    }
}
