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

/// A moved position learned by the candidates that demand its issue with
/// one actor: an entry of their private tables U.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Learned {
    actor: u32,
    /// When it was first learned: its place among the round's learn events.
    time: u32,
    x: f64,
}

/// Every candidate's learned positions in one round. What a candidate E
/// learns on an issue k comes only from realised exchanges in which E's
/// actor demanding k demanded k of another actor (EXCHANGE.md §3.6), and
/// every live candidate of that (actor, issue) learns each of them, in the
/// same order: candidates are never added during a round. So E's table on
/// k is the table of (its actor demanding k, k), kept once for all of them
/// in a few bytes rather than per candidate.
#[derive(Debug, Default)]
pub struct Notes {
    n_issues: usize,
    /// By (demanding actor, issue): the positions learned, in the order
    /// first learned.
    lists: Vec<Vec<Learned>>,
    /// By (demanding actor, issue): Σ w·(x − x0) over its learned
    /// positions, kept as they are learned (see [`Candidate::window`]).
    sums: Vec<f64>,
}

impl Notes {
    /// For a first weighing, before anything was learned.
    pub const NONE: Notes = Notes {
        n_issues: 0,
        lists: Vec::new(),
        sums: Vec::new(),
    };

    /// For a round of `n_actors` × `n_issues` in which nothing was learned yet.
    pub fn new(n_actors: usize, n_issues: usize) -> Notes {
        Notes {
            n_issues,
            lists: vec![Vec::new(); n_actors * n_issues],
            sums: vec![0.0; n_actors * n_issues],
        }
    }

    /// Σ w·(x − x0) over what the candidates whose `demander` demands
    /// `issue` have learned, summed as it was learned.
    pub fn sum(&self, demander: u32, issue: u32) -> f64 {
        self.sums
            .get(demander as usize * self.n_issues + issue as usize)
            .copied()
            .unwrap_or(0.0)
    }

    /// What the candidates whose `demander` demands `issue` have learned.
    fn list(&self, demander: u32, issue: u32) -> &[Learned] {
        self.lists
            .get(demander as usize * self.n_issues + issue as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Records, for every candidate whose `demander` demands `issue`, a moved
    /// position of `actor` on `issue` from a realised exchange: `y` where it
    /// now votes, `x0` where it started the round; `time` orders the round's
    /// records. An actor that keeps moving the same way keeps its first
    /// record. [`Notes::sum`] follows, `moved.w` being the actor's weight
    /// on `issue`.
    pub fn learn(&mut self, demander: u32, issue: u32, moved: Moved, time: u32) {
        let at = demander as usize * self.n_issues + issue as usize;
        let list = &mut self.lists[at];
        let Moved { actor, y, x0, w } = moved;
        self.sums[at] += if let Some(l) = list.iter_mut().find(|l| l.actor == actor) {
            let was = l.x;
            l.x = if x0 <= l.x { l.x.min(y) } else { l.x.max(y) };
            w * (l.x - was)
        } else {
            list.push(Learned { actor, time, x: y });
            w * (y - x0)
        };
    }
}

/// A position moved by a realised exchange, as its demanders learn it: the
/// actor, where it now votes, where it started the round and its weight.
#[derive(Debug, Clone, Copy)]
pub struct Moved {
    pub actor: u32,
    pub y: f64,
    pub x0: f64,
    pub w: f64,
}

/// How close V may come to a window's end, as a share of the issue's Σ w,
/// before the window no longer settles the crossing check on its own. Every
/// term of V and of the window is at most 100·Σ w in size and each is a sum
/// of a few dozen terms at most, so either side's rounding is a few times
/// 1e-14 of Σ w: this margin is a million times more.
const WINDOW_MARGIN: f64 = 1e-7;

/// V of the candidates whose `demander` demands `issue`: Σ w·x0 over the
/// issue's holders plus what those candidates learned (see
/// [`Candidate::window`]).
pub fn v(st: &Start, notes: &Notes, demander: u32, issue: u32) -> f64 {
    st.total(issue) + notes.sum(demander, issue)
}

/// Whether `v` settles the crossing check of a side with `window` on an
/// issue whose Σ w is `sum_w`: V is clear of the window by more than any
/// rounding, so the move cannot carry the mean past its target.
pub fn clear_of(window: [f64; 2], v: f64, sum_w: f64) -> bool {
    let margin = WINDOW_MARGIN * sum_w;
    v <= window[0] - margin || v >= window[1] + margin
}

/// How many learned positions a chunk held when each candidate kept its own
/// table (three to a cache line). The sum over a candidate's table is added
/// in that table's order — the newest chunk first, each chunk oldest first —
/// so that every number stays the same to the last bit.
const CHUNK: usize = 3;

/// A candidate exchange: side I (index 0) demands the issue J supplies and
/// supplies the issue J demands. One cache line: its gain is kept by the
/// realisation loop, its learned positions in the round's [`Notes`].
#[derive(Debug, Clone, Copy, PartialEq)]
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

    /// Σ w·u over side `x`'s supply issue with side x's actor left out,
    /// where u is the recorded position if this candidate learned one, else
    /// the start.
    fn others_sum(&self, st: &Start, notes: &Notes, x: usize) -> f64 {
        let (sx, so) = (self.sides[x], self.sides[1 - x]);
        let k = sx.supply;
        let mut sum = st.total(k) - st.weighted(sx.actor, k);
        // Learned on k (by the other side, which demands k) and on the
        // other issue (by side x): merged by time, they are this candidate's
        // table, which was summed a chunk at a time, newest first.
        let on_k = notes.list(so.actor, k);
        let term = |l: &Learned| st.weight(l.actor, k) * (l.x - st.x0(l.actor, k));
        if on_k.iter().filter(|l| l.actor != sx.actor).count() <= 1 {
            for l in on_k.iter().filter(|l| l.actor != sx.actor) {
                sum += term(l);
            }
            return sum;
        }
        // An entry's place in the merged table: its index plus how many of
        // the other list came before it. Both lists are in time order and
        // are walked from the end, so `before` only ever goes down.
        let other = notes.list(sx.actor, so.supply);
        let mut before = other.len();
        let mut place = |i: usize| {
            while before > 0 && other[before - 1].time >= on_k[i].time {
                before -= 1;
            }
            i + before
        };
        let mut end = on_k.len();
        while end > 0 {
            let chunk = place(end - 1) / CHUNK;
            let mut start = end - 1;
            while start > 0 && place(start - 1) / CHUNK == chunk {
                start -= 1;
            }
            for l in on_k[start..end].iter().filter(|l| l.actor != sx.actor) {
                sum += term(l);
            }
            end = start;
        }
        sum
    }

    /// Evaluates (or re-evaluates) the candidate from its sides' current
    /// positions; `append[s]` says whether side s's move is a new history
    /// entry (else it replaces the last). Returns its gain if it is valid,
    /// and whether a move was cut.
    pub fn evaluate(
        &mut self,
        st: &Start,
        notes: &Notes,
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
            if let Some(cut) = self.cut(st, notes, x, d) {
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

    /// For a candidate whose last weighing cut nothing and that has since
    /// only learned of a moved position on `issue`: whether weighing it
    /// again would still cut nothing. Then it would come out exactly as it
    /// is (the same positions give the same moves), so it needs no weighing.
    pub fn stays_uncut(&self, st: &Start, notes: &Notes, issue: u32) -> bool {
        (0..2).all(|x| {
            self.sides[x].supply != issue
                || self.crossing(st, notes, x, self.target(st, x)).is_none()
        })
    }

    /// The open window of V = Σ w·x0 + [`Notes::sum`] (over the issue k side
    /// `x` supplies and the other side's actor, who demands k) inside which
    /// side x's move would carry the mean of k past its target d, so that
    /// the crossing check could say yes.
    ///
    /// The others' Σ w·u is V less side x's own w·x0 and learned term, so
    /// the mean before the move is (V + a)/D and after it (V + b)/D, with
    /// a = w·x − own and b = w·y − own: the move crosses d only if d·D lies
    /// strictly between V + a and V + b, that is if V lies strictly between
    /// d·D − max(a, b) and d·D − min(a, b). Only the others' moves change V
    /// and not a or b; a change of x's own learned term moves both ends by
    /// as much as V.
    pub fn window(&self, st: &Start, notes: &Notes, x: usize) -> [f64; 2] {
        let (sx, so) = (self.sides[x], self.sides[1 - x]);
        let k = sx.supply;
        let w = st.weight(sx.actor, k);
        let learned = notes
            .list(so.actor, k)
            .iter()
            .find(|l| l.actor == sx.actor)
            .map_or(0.0, |l| w * (l.x - st.x0(sx.actor, k)));
        let own = st.weighted(sx.actor, k) + learned;
        let (a, b) = (w * sx.x - own, w * sx.y() - own);
        let dd = self.target(st, x) * st.denominator(k);
        [dd - a.max(b), dd - a.min(b)]
    }

    /// [`Candidate::window`] at the first weighing, with side `x` at its
    /// start and nothing learned: its own term is then w·x exactly, so
    /// a = 0 and b = w·y − w·x.
    pub fn first_window(&self, st: &Start, x: usize) -> [f64; 2] {
        let sx = self.sides[x];
        let k = sx.supply;
        let w = st.weight(sx.actor, k);
        let b = w * sx.y() - w * sx.x;
        let dd = self.target(st, x) * st.denominator(k);
        [dd - b.max(0.0), dd - b.min(0.0)]
    }

    /// Σ w·u of the others on side `x`'s supply issue (see
    /// [`Candidate::others_sum`]) if side x's move would carry the mean
    /// past `d`; `None` if it stops short of d or the mean is on d already.
    fn crossing(&self, st: &Start, notes: &Notes, x: usize, d: f64) -> Option<f64> {
        let (sx, so) = (self.sides[x], self.sides[1 - x]);
        let k = sx.supply;
        let big_k = st.denominator(k);
        // Where the exact sum is a long one (two learned positions or
        // more), the window settles most checks without it.
        if notes.list(so.actor, k).len() > 1
            && clear_of(self.window(st, notes, x), v(st, notes, so.actor, k), big_k)
        {
            return None;
        }
        let w_xk = st.weight(sx.actor, k);
        let others = self.others_sum(st, notes, x);
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
    fn cut(&mut self, st: &Start, notes: &Notes, x: usize, d: f64) -> Option<f64> {
        let o = 1 - x;
        let (sx, so) = (self.sides[x], self.sides[o]);
        let (k, ko) = (sx.supply, so.supply);
        let big_k = st.denominator(k);
        let w_xk = st.weight(sx.actor, k);
        let others = self.crossing(st, notes, x, d)?;
        // Land the mean exactly on d. Only here does a recorded position of
        // X's own stand in for its current one.
        let own = notes
            .list(so.actor, k)
            .iter()
            .find(|l| l.actor == sx.actor)
            .map_or(sx.x, |l| l.x);
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
    use super::{Learned, Moved, Notes, Side};

    #[test]
    fn a_position_is_learned_once_for_its_demander_and_issue() {
        // 3 actors × 2 issues. Actor 2 gives way on issue 1 to actor 0 twice,
        // from 50 down to 40, then on down to 30: actor 0's table keeps the
        // first record. Then actor 1 moves up from 10 to 20 and on to 25.
        // Actor 2 has weight 2, actor 1 weight 0.5.
        let mut notes = Notes::new(3, 2);
        let moved = |actor, y, x0, w| Moved { actor, y, x0, w };
        // 2 · (40 − 50) = −20, then nothing: 30 is further the same way.
        notes.learn(0, 1, moved(2, 40.0, 50.0, 2.0), 0);
        assert_eq!(notes.sum(0, 1), -20.0);
        notes.learn(0, 1, moved(2, 30.0, 50.0, 2.0), 2);
        assert_eq!(notes.sum(0, 1), -20.0);
        // 0.5 · (20 − 10) = 5, then nothing: −20 + 5 = −15.
        notes.learn(0, 1, moved(1, 20.0, 10.0, 0.5), 5);
        notes.learn(0, 1, moved(1, 25.0, 10.0, 0.5), 7);
        let first = |actor, time, x| Learned { actor, time, x };
        assert_eq!(notes.list(0, 1), [first(2, 0, 40.0), first(1, 5, 20.0)]);
        assert_eq!(notes.sum(0, 1), -15.0);
        // Nobody else learned anything, and a first weighing learns nothing.
        assert!(notes.list(1, 1).is_empty() && notes.list(0, 0).is_empty());
        assert!(Notes::NONE.list(0, 1).is_empty());
        assert_eq!((notes.sum(1, 1), Notes::NONE.sum(0, 1)), (0.0, 0.0));
    }

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
