//! The bargaining simulation: the Equal Gain exchange model of Stokman and
//! Van Oosten (1994), the model behind Decide, round by round. Actors trade
//! support across issues: each gives way on the issue it cares less about
//! in return for a move on the one it cares more about, the most profitable
//! exchanges first, until none is left; then the next round starts from
//! where the exchanges left everyone. Every step is defined in
//! docs/design.md ("Simulation"), where it can be checked by hand.
//!
//! Pure: a [`Model`] in, a [`Run`] out, every number on its issue's own
//! scale. The CLI, the reports and the pair trades all read this one result.

mod candidate;
mod input;
mod round;
pub mod summary;
#[cfg(test)]
mod tests;

pub use input::{Cell, Input, internal};

use crate::model::{Basis, Model};
use round::{Buffers, Played, Split, Start};

/// The rounds run when none is asked for.
pub const DEFAULT_ROUNDS: usize = 10;

/// One side of an exchange: the actor gives way on `supply` (moving from
/// `from` to `to`) in return for the other side's move on `demand`. Indices
/// are the model's; positions are on the supply issue's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move {
    pub actor: usize,
    pub supply: usize,
    pub demand: usize,
    pub from: f64,
    pub to: f64,
}

/// A realised exchange. `i` demands the earlier issue of the two (in model
/// order) and supplies the later; `j` the other way round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exchange {
    /// What each side gains, on the internal 0–100 scale.
    pub gain: f64,
    pub i: Move,
    pub j: Move,
}

/// One issue in one round.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueRound {
    /// The model index of the issue.
    pub issue: usize,
    /// The weighted mean of the round's start positions; `None` where
    /// nobody has weight on the issue.
    pub mean_start: Option<f64>,
    /// The weighted mean once every exchange of the round is voted.
    pub mean_voting: Option<f64>,
    /// Where each actor starts the next round: (model actor index,
    /// position), for every actor holding a position on the issue.
    pub positions: Vec<(usize, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// 1-based.
    pub number: usize,
    /// In the order realised.
    pub exchanges: Vec<Exchange>,
    /// Every issue taking part, in model order.
    pub issues: Vec<IssueRound>,
}

/// Why the run stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every round asked for was played.
    Rounds,
    /// A round realised no exchange (it is the last one in the run).
    NoExchange,
}

impl Stopped {
    pub fn word(self) -> &'static str {
        match self {
            Stopped::Rounds => "rounds",
            Stopped::NoExchange => "no exchange",
        }
    }
}

/// A whole simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub rounds: Vec<Round>,
    pub stopped: Stopped,
    /// Why no exchange was possible at all, when round 1 realised none.
    pub note: Option<String>,
}

/// Runs up to `rounds` rounds (at least one), calling `progress` with the
/// number of rounds done after each.
pub fn run(input: &Input, rounds: usize, progress: &mut dyn FnMut(usize)) -> Run {
    run_split(input, rounds, Split::machine(), progress)
}

/// [`run`], its big rounds shared among cores as `split` says.
fn run_split(input: &Input, rounds: usize, split: Split, progress: &mut dyn FnMut(usize)) -> Run {
    let mut x0 = input.positions();
    let mut out = Vec::new();
    let mut stopped = Stopped::Rounds;
    let mut buf = Buffers::new(split);
    for number in 1..=rounds.max(1) {
        let st = Start::new(input, x0);
        let played = round::play(&st, &mut buf);
        let empty = played.exchanges.is_empty();
        x0 = played.next.clone();
        out.push(report(input, number, played));
        progress(number);
        if empty {
            stopped = Stopped::NoExchange;
            break;
        }
    }
    let note = out
        .first()
        .filter(|r| r.exchanges.is_empty())
        .map(|_| no_exchange(input));
    Run {
        rounds: out,
        stopped,
        note,
    }
}

/// A round's numbers on each issue's own scale, with model indices.
fn report(input: &Input, number: usize, played: Played) -> Round {
    let n_i = input.issues.len();
    let exchanges = played
        .exchanges
        .iter()
        .map(|e| {
            let side = |s: usize| {
                let (a, k, from, to) = e.sides[s];
                let (_, demand, _, _) = e.sides[1 - s];
                let k = k as usize;
                Move {
                    actor: input.actors[a as usize],
                    supply: input.issues[k],
                    demand: input.issues[demand as usize],
                    from: input.external(k, from),
                    to: input.external(k, to),
                }
            };
            Exchange {
                gain: e.gain,
                i: side(0),
                j: side(1),
            }
        })
        .collect();
    let issues = (0..n_i)
        .map(|k| IssueRound {
            issue: input.issues[k],
            mean_start: played.mean_start[k].map(|m| input.external(k, m)),
            mean_voting: played.mean_voting[k].map(|m| input.external(k, m)),
            positions: (0..input.actors.len())
                .filter(|&a| input.cell(a, k).held)
                .map(|a| (input.actors[a], input.external(k, played.next[a * n_i + k])))
                .collect(),
        })
        .collect();
    Round {
        number,
        exchanges,
        issues,
    }
}

/// Why a model offers no exchange at all, in a few words.
fn no_exchange(input: &Input) -> String {
    let why = if input.actors.len() < 2 {
        "it has fewer than two actors".to_string()
    } else if input.issues.len() < 2 {
        "it has fewer than two issues".to_string()
    } else {
        let holders = input.holders();
        let weighted = (0..input.issues.len())
            .filter(|&k| (0..input.actors.len()).any(|a| input.cell(a, k).weight > 0.0))
            .count();
        if holders.iter().filter(|&&n| n >= 2).count() < 2 {
            "fewer than two issues are held by two actors or more".to_string()
        } else if weighted < 2 {
            "fewer than two issues have an actor with both salience and power above 0".to_string()
        } else {
            "no two actors stand on opposite sides of the means of two issues with a move to gain"
                .to_string()
        }
    };
    format!("no exchange possible: {why}")
}

/// How many candidate exchanges round 1 would weigh, estimated from how
/// many actors hold each issue (as if holdings were independent and the
/// actors split evenly around each mean): Σ over issue pairs of n_pq²/8,
/// with n_pq ≈ n_p·n_q/n_actors.
pub fn estimate_candidates(input: &Input) -> f64 {
    let n_a = input.actors.len() as f64;
    if n_a == 0.0 {
        return 0.0;
    }
    let (mut sum2, mut sum4) = (0.0, 0.0);
    for n in input.holders() {
        let n2 = (n as f64) * (n as f64);
        sum2 += n2;
        sum4 += n2 * n2;
    }
    (sum2 * sum2 - sum4) / (16.0 * n_a * n_a)
}

/// What one candidate costs in one round, in nanoseconds, all its
/// re-weighings included: measured on generated 30 × 364 models on two
/// cores, 0.27–0.36 µs shaped like DEU III and 0.30 µs dense
/// (docs/performance.md), and kept well above that for a one-core machine
/// under load (the load of a shared machine alone moves it by half).
const NANOS_PER_CANDIDATE: f64 = 1_000.0;
/// The longest run started without narrowing: about a minute.
pub const BUDGET_SECONDS: f64 = 60.0;

/// How long a run of `rounds` rounds is estimated to take, in seconds, on
/// one core: [`estimate_candidates`] × rounds × the measured cost of a
/// candidate.
pub fn estimate_seconds(input: &Input, rounds: usize) -> f64 {
    estimate_candidates(input) * rounds as f64 * NANOS_PER_CANDIDATE * 1e-9
}

/// A time estimate in words: "3 minutes", "2 hours".
pub fn minutes_or_hours(seconds: f64) -> String {
    if seconds < 3600.0 {
        format!("{:.0} minutes", seconds / 60.0)
    } else {
        format!("{:.0} hours", seconds / 3600.0)
    }
}

/// Refuses, before any work, a run estimated to take much longer than a
/// minute, with the estimate and how to narrow it.
pub fn affordable(input: &Input, rounds: usize) -> Result<(), String> {
    let candidates = estimate_candidates(input);
    let seconds = estimate_seconds(input, rounds);
    if seconds <= BUDGET_SECONDS {
        return Ok(());
    }
    let time = minutes_or_hours(seconds);
    Err(format!(
        "this model is too big to simulate in reasonable time: {} actors × {} issues give \
         about {:.1e} candidate exchanges a round, about {time} for {rounds} round{}. Narrow \
         it with --issues ID,… or --actors ACTOR,… (the work grows with the square of both), \
         or ask for fewer --rounds",
        input.actors.len(),
        input.issues.len(),
        candidates,
        if rounds == 1 { "" } else { "s" }
    ))
}

/// What one actor gives way on in a trade: the issue (model index) and the
/// move, on its scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Give {
    pub issue: usize,
    pub from: f64,
    pub to: f64,
}

/// A candidate exchange between two actors in round 1, seen from the pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairTrade {
    /// Each side's gain (equal by the model's rule), internal scale.
    pub gain: f64,
    pub left: Give,
    pub right: Give,
}

/// The model's round-1 candidates between actors `left` and `right` (model
/// indices) that are valid when first weighed, best gain first (ties in
/// generation order), at most `limit`. Costs one pass over the positions
/// (for the means) and one over the pairs of issues.
pub fn pair_trades(
    model: &Model,
    min: Basis,
    left: usize,
    right: usize,
    limit: usize,
) -> Vec<PairTrade> {
    if left == right {
        return Vec::new();
    }
    let (lo_actor, hi_actor) = (left.min(right), left.max(right));
    let input = Input::subset(
        model,
        min,
        (0..model.issues.len()).collect(),
        vec![lo_actor, hi_actor],
    );
    let (weights, totals) = input::sums(model, min);
    let st = Start::with_sums(&input, input.positions(), weights, totals);
    let n_i = input.issues.len();
    let means: Vec<Option<f64>> = (0..n_i).map(|k| st.mean(k)).collect();
    let mut found: Vec<PairTrade> = Vec::new();
    for p in 0..n_i {
        let Some(mp) = means[p] else { continue };
        for (q, mq) in means.iter().enumerate().skip(p + 1) {
            let Some(mq) = *mq else { continue };
            let held = |a: usize| input.cell(a, p).held && input.cell(a, q).held;
            if !held(0) || !held(1) {
                continue;
            }
            let group = |a: usize| {
                usize::from(input.cell(a, p).x <= mp) + 2 * usize::from(input.cell(a, q).x <= mq)
            };
            let (g0, g1) = (group(0), group(1));
            if g0 + g1 != 3 {
                continue;
            }
            // The actor of group 0 or 1 comes first, as in generation order.
            let (a, b) = if g0 < g1 { (0, 1) } else { (1, 0) };
            let Some((c, gain, _)) = st.candidate(a, b, p, q) else {
                continue;
            };
            let give = |s: usize| {
                let x = c.sides[s];
                let k = x.supply as usize;
                Give {
                    issue: k,
                    from: input.external(k, x.x),
                    to: input.external(k, x.y()),
                }
            };
            let i_is_left = input.actors[c.sides[0].actor as usize] == left;
            let (l, r) = if i_is_left { (0, 1) } else { (1, 0) };
            found.push(PairTrade {
                gain,
                left: give(l),
                right: give(r),
            });
        }
    }
    // A stable sort keeps generation order among equal gains.
    found.sort_by(|x, y| y.gain.total_cmp(&x.gain));
    found.truncate(limit);
    found
}
