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

/// One side of a candidate: the actor, the issue it supplies (gives way
/// on), where it stands on it now and the signed move it would make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    /// The current supply position (internal scale).
    pub x: f64,
    /// The signed move; the voting position is x + m.
    pub m: f64,
    /// The sum of the side's earlier moves in this candidate (its move
    /// history but the last entry). A live candidate's history never mixes
    /// signs (a move of the other sign fails the check), and no entry is 0,
    /// so this sum also says whether the entries are all positive (> 0),
    /// all negative (< 0) or none (= 0).
    earlier: f64,
    pub actor: u32,
    pub supply: u32,
}

impl Side {
    pub fn new(actor: usize, supply: usize, x: f64) -> Side {
        Side {
            x,
            m: 0.0,
            earlier: 0.0,
            actor: actor as u32,
            supply: supply as u32,
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
        if self.earlier + m > 100.0 {
            return false;
        }
        (self.earlier >= 0.0 && m > 0.0) || (self.earlier <= 0.0 && m < 0.0)
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
    /// Each candidate's first chunk, plus one (0: none).
    heads: Vec<u32>,
    chunks: Vec<Chunk>,
}

impl Notes {
    /// For a first weighing, before anything was learned.
    pub const NONE: Notes = Notes {
        heads: Vec::new(),
        chunks: Vec::new(),
    };

    /// For `n` candidates that have learned nothing yet.
    pub fn new(n: usize) -> Notes {
        Notes {
            heads: vec![0; n],
            chunks: Vec::new(),
        }
    }

    fn head(&self, c: usize) -> u32 {
        self.heads.get(c).copied().unwrap_or(0)
    }

    /// Fetches candidate `c`'s first chunk ahead of its weighing.
    pub fn warm(&self, c: usize) -> u32 {
        let head = self.head(c);
        match head.checked_sub(1) {
            Some(i) => self.chunks.get(i as usize).map_or(0, |ch| ch.len),
            None => 0,
        }
    }

    /// What candidate `c` has learned of `actor` on `issue`.
    fn learned(&self, c: usize, issue: u32, actor: u32) -> Option<f64> {
        self.list(self.head(c))
            .find(|l| l.issue == issue && l.actor == actor)
            .map(|l| l.x)
    }

    /// Records for candidate `c` a moved position of `actor` on `issue`,
    /// from a realised exchange: `y` where it now votes, `x0` where it
    /// started the round. An actor that keeps moving the same way keeps its
    /// first record.
    pub fn learn(&mut self, c: usize, issue: u32, actor: u32, y: f64, x0: f64) {
        let first = self.heads[c];
        let mut at = first;
        while let Some(i) = at.checked_sub(1) {
            let ch = &mut self.chunks[i as usize];
            let len = ch.len as usize;
            if let Some(l) = ch.entries[..len]
                .iter_mut()
                .find(|l| l.issue == issue && l.actor == actor)
            {
                l.x = if x0 <= l.x { l.x.min(y) } else { l.x.max(y) };
                return;
            }
            at = ch.next;
        }
        let entry = Learned { issue, actor, x: y };
        if let Some(head) = first.checked_sub(1) {
            let ch = &mut self.chunks[head as usize];
            if (ch.len as usize) < CHUNK {
                ch.entries[ch.len as usize] = entry;
                ch.len += 1;
                return;
            }
        }
        self.chunks.push(Chunk {
            entries: [entry; CHUNK],
            len: 1,
            next: first,
        });
        // A round holds far fewer than 2^32 chunks: its candidates are
        // refused long before (see `affordable`).
        self.heads[c] = u32::try_from(self.chunks.len()).unwrap_or(u32::MAX);
    }

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
/// supplies the issue J demands. One cache line: its gain is kept by the
/// realisation loop, its learned positions in the round's [`Notes`].
#[derive(Debug, Clone, PartialEq)]
#[repr(align(64))]
pub struct Candidate {
    pub sides: [Side; 2],
}

impl Candidate {
    pub fn new(i: Side, j: Side) -> Candidate {
        Candidate { sides: [i, j] }
    }

    /// The issue side `s` demands: what the other side supplies.
    pub fn demand(&self, s: usize) -> u32 {
        self.sides[1 - s].supply
    }

    /// Σ w·u over issue `k` with side `x`'s actor left out, where u is the
    /// recorded position if this candidate learned one, else the start.
    fn others_sum(st: &Start, notes: &Notes, c: usize, k: u32, x_actor: u32) -> f64 {
        let mut sum = st.total(k) - st.weighted(x_actor, k);
        for l in notes.list(notes.head(c)) {
            if l.issue == k && l.actor != x_actor {
                sum += st.weight(l.actor, k) * (l.x - st.x0(l.actor, k));
            }
        }
        sum
    }

    /// Evaluates (or re-evaluates) candidate `c` from its sides' current
    /// positions; `append[s]` says whether side s's move is a new history
    /// entry (else it replaces the last). Returns its gain if it is valid,
    /// and whether a move was cut.
    pub fn evaluate(
        &mut self,
        st: &Start,
        notes: &Notes,
        c: usize,
        append: [bool; 2],
    ) -> Option<(f64, bool)> {
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
            // The first weighing appends to an empty history: m is 0.
            if append[s] {
                entry.earlier += entry.m;
            }
            entry.m = if side.x > t { -m } else { m };
        }
        let mut gain = (dp * s_ip - dq * s_iq).abs();
        if !(self.sides[0].passes() && self.sides[1].passes() && gain >= FLOOR) {
            return None;
        }
        let mut was_cut = false;
        for (x, d) in [(0, t_i), (1, t_j)] {
            if let Some(cut) = self.cut(st, notes, c, x, d) {
                gain = cut;
                was_cut = true;
            }
        }
        (self.sides[0].passes() && self.sides[1].passes()).then_some((gain, was_cut))
    }

    /// Side `s`'s target: where the other side's actor started the round
    /// on the issue `s` supplies.
    fn target(&self, st: &Start, s: usize) -> f64 {
        st.x0(self.sides[1 - s].actor, self.sides[s].supply)
    }

    /// Whether side `s`, just moved to a new current position by a supply
    /// match, now stands on or past its target: its next move would be
    /// nothing or go the other way from its last, which fails the move
    /// check, so the candidate is no longer valid.
    pub fn turned(&self, st: &Start, s: usize) -> bool {
        let side = self.sides[s];
        (self.target(st, s) - side.x) * side.m <= 0.0
    }

    /// For a candidate whose last weighing cut nothing and that has since
    /// only learned of a moved position on `issue`: whether weighing it
    /// again would still cut nothing. Then it would come out exactly as it
    /// is (the same positions give the same moves), so it needs no weighing.
    pub fn stays_uncut(&self, st: &Start, notes: &Notes, c: usize, issue: u32) -> bool {
        (0..2).all(|x| {
            self.sides[x].supply != issue
                || self.crossing(st, notes, c, x, self.target(st, x)).is_none()
        })
    }

    /// Σ w·u of the others on side `x`'s supply issue (see
    /// [`Candidate::others_sum`]) if side x's move would carry the mean
    /// past `d`; `None` if it stops short of d or the mean is on d already.
    fn crossing(&self, st: &Start, notes: &Notes, c: usize, x: usize, d: f64) -> Option<f64> {
        let sx = self.sides[x];
        let k = sx.supply;
        let big_k = st.denominator(k);
        let w_xk = st.weight(sx.actor, k);
        let others = Candidate::others_sum(st, notes, c, k, sx.actor);
        let n0 = (others + w_xk * sx.x) / big_k;
        if (d - n0).abs() <= ON_TARGET {
            return None;
        }
        let n1 = (others + w_xk * sx.y()) / big_k;
        if (d >= n0 && d >= n1) || (d <= n0 && d <= n1) {
            return None;
        }
        Some(others)
    }

    /// Cuts side `x`'s move (and the other side's with it) where it would
    /// carry the mean of its supply issue past `d`, its target; returns the
    /// new gain if it did.
    fn cut(&mut self, st: &Start, notes: &Notes, c: usize, x: usize, d: f64) -> Option<f64> {
        let o = 1 - x;
        let (sx, so) = (self.sides[x], self.sides[o]);
        let (k, ko) = (sx.supply, so.supply);
        let big_k = st.denominator(k);
        let w_xk = st.weight(sx.actor, k);
        let others = self.crossing(st, notes, c, x, d)?;
        // Land the mean exactly on d. Only here does a recorded position of
        // X's own stand in for its current one.
        let own = notes.learned(c, k, sx.actor).unwrap_or(sx.x);
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
        Some((dk * s_ok - d_o * s_oo).abs())
    }
}

#[cfg(test)]
mod tests {
    use super::Side;

    fn side(x: f64, m: f64, earlier: f64) -> Side {
        Side {
            m,
            earlier,
            ..Side::new(0, 0, x)
        }
    }

    #[test]
    fn the_move_check_reads_the_history_from_its_sum() {
        // Earlier moves 40 + 20 (sum 60), now 30 more the same way: 90 in all.
        assert!(side(20.0, 30.0, 60.0).passes());
        // 60 + 45 = 105: more than 100 in all.
        assert!(!side(20.0, 45.0, 60.0).passes());
        // Earlier moves up, now down: the history would mix signs.
        assert!(!side(20.0, -5.0, 60.0).passes());
        // Earlier moves down, now down again.
        assert!(side(20.0, -5.0, -10.0).passes());
        // No earlier move: either way.
        assert!(side(20.0, -5.0, 0.0).passes() && side(20.0, 5.0, 0.0).passes());
        // Too small a move, and a move off the scale (95 + 6 = 101).
        assert!(!side(20.0, 1e-11, 0.0).passes());
        assert!(!side(95.0, 6.0, 0.0).passes());
        // A full move to 100 passes.
        assert!(side(95.0, 5.0, 0.0).passes());
    }
}
