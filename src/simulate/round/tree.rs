//! The gains of a round's live candidates: the highest, and the earliest
//! live candidate at or above a threshold.

/// Leaves per block: 64 gains, eight cache lines.
const BLOCK: usize = 64;

/// The gains, and the highest gain of each block of [`BLOCK`] candidates
/// (and where in the block it is) under a segment tree. Most updates drop
/// or lower a gain that is not its block's highest: they write one leaf and
/// compare it with its block's maximum, and the tree (a few hundred KB)
/// stays in cache.
///
/// A candidate may also die without its leaf being written (the caller
/// says which are alive, and tells [`MaxTree::died`]): its gain stays in
/// the leaf, which searches pass over, and only if it was its block's
/// highest is the block's maximum reckoned again over the live leaves, at
/// the next [`MaxTree::settle`]. A removed candidate has gain −∞.
pub struct MaxTree {
    leaves: Vec<f64>,
    /// Where each block's highest gain is, within the block.
    top: Vec<u8>,
    blocks: Levels,
    /// Blocks whose highest gain died unseen.
    stale: Vec<usize>,
}

impl MaxTree {
    pub fn new(gains: Vec<f64>) -> MaxTree {
        let (maxima, top): (Vec<f64>, Vec<u8>) = gains
            .chunks(BLOCK)
            .map(|b| highest(b.iter().copied()))
            .unzip();
        MaxTree {
            leaves: gains,
            top,
            blocks: Levels::new(maxima.into_iter()),
            stale: Vec::new(),
        }
    }

    pub fn get(&self, i: usize) -> f64 {
        self.leaves[i]
    }

    /// The gains, for their memory to serve the next round.
    pub fn into_leaves(self) -> Vec<f64> {
        self.leaves
    }

    /// Reckons block `b`'s maximum again, over its live leaves.
    fn refresh(&mut self, b: usize, live: impl Fn(usize) -> bool) {
        let from = b * BLOCK;
        let to = (from + BLOCK).min(self.leaves.len());
        let gains = (from..to).map(|i| {
            if live(i) {
                self.leaves[i]
            } else {
                f64::NEG_INFINITY
            }
        });
        let (max, at) = highest(gains);
        self.top[b] = at;
        self.blocks.set(b, max);
    }

    /// Sets candidate `i`'s gain; `live` must already say whether it lives.
    pub fn set(&mut self, i: usize, gain: f64, live: impl Fn(usize) -> bool) {
        let old = self.leaves[i];
        self.leaves[i] = gain;
        let b = i / BLOCK;
        if gain > self.blocks.get(b) {
            self.top[b] = (i % BLOCK) as u8;
            self.blocks.set(b, gain);
        } else if usize::from(self.top[b]) == i % BLOCK && gain < old {
            self.refresh(b, live);
        }
    }

    /// Candidate `i` died without its leaf being written.
    pub fn died(&mut self, i: usize) {
        let b = i / BLOCK;
        if usize::from(self.top[b]) == i % BLOCK {
            self.stale.push(b);
        }
    }

    /// Reckons again the maximum of every block whose highest gain died.
    pub fn settle(&mut self, live: impl Fn(usize) -> bool + Copy) {
        // Touch every line of those blocks first, so that their misses
        // overlap rather than come one block at a time.
        let mut warm = 0.0;
        for &b in &self.stale {
            let from = b * BLOCK;
            for i in (from..(from + BLOCK).min(self.leaves.len())).step_by(8) {
                warm += self.leaves[i];
            }
            warm += f64::from(u8::from(live(from)));
        }
        std::hint::black_box(warm);
        while let Some(b) = self.stale.pop() {
            // A block may be listed twice; once reckoned, its top lives.
            if !live(b * BLOCK + usize::from(self.top[b])) {
                self.refresh(b, live);
            }
        }
    }

    /// The highest gain of a live candidate, once settled.
    pub fn max(&self) -> Option<f64> {
        self.blocks.max()
    }

    /// The earliest live candidate whose gain is at least `threshold`, once
    /// settled.
    pub fn first_at_least(&self, threshold: f64, live: impl Fn(usize) -> bool) -> Option<usize> {
        let b = self.blocks.first_at_least(threshold)?;
        let from = b * BLOCK;
        let to = (from + BLOCK).min(self.leaves.len());
        (from..to).find(|&i| self.leaves[i] >= threshold && live(i))
    }
}

/// The highest of a block's gains and its place (the first, among equals),
/// without a branch per gain: gains are never NaN.
fn highest(gains: impl Iterator<Item = f64>) -> (f64, u8) {
    gains
        .enumerate()
        .fold((f64::NEG_INFINITY, 0), |(max, at), (i, g)| {
            if g > max { (g, i as u8) } else { (max, at) }
        })
}

/// A segment tree of maxima over the blocks.
struct Levels {
    size: usize,
    nodes: Vec<f64>,
}

impl Levels {
    fn new(gains: impl ExactSizeIterator<Item = f64>) -> Levels {
        let size = gains.len().next_power_of_two().max(1);
        let mut nodes = vec![f64::NEG_INFINITY; 2 * size];
        for (i, g) in gains.enumerate() {
            nodes[size + i] = g;
        }
        for i in (1..size).rev() {
            nodes[i] = nodes[2 * i].max(nodes[2 * i + 1]);
        }
        Levels { size, nodes }
    }

    fn get(&self, i: usize) -> f64 {
        self.nodes[self.size + i]
    }

    fn max(&self) -> Option<f64> {
        let top = self.nodes[1];
        (top > f64::NEG_INFINITY).then_some(top)
    }

    fn set(&mut self, i: usize, gain: f64) {
        let mut at = self.size + i;
        self.nodes[at] = gain;
        while at > 1 {
            at /= 2;
            let max = self.nodes[2 * at].max(self.nodes[2 * at + 1]);
            // Above an unchanged node nothing changes.
            if self.nodes[at] == max {
                break;
            }
            self.nodes[at] = max;
        }
    }

    fn first_at_least(&self, threshold: f64) -> Option<usize> {
        // Gains are never NaN (an invalid candidate is never stored).
        if self.nodes[1] < threshold {
            return None;
        }
        let mut at = 1;
        while at < self.size {
            at = if self.nodes[2 * at] >= threshold {
                2 * at
            } else {
                2 * at + 1
            };
        }
        Some(at - self.size)
    }
}

#[cfg(test)]
mod tests {
    use super::MaxTree;

    #[test]
    fn the_earliest_at_the_top_across_blocks() {
        // 150 candidates, three blocks: gain 1 everywhere but 5 at 10 and
        // at 140, 4 at 70. All alive.
        let all = |_| true;
        let mut gains = vec![1.0; 150];
        gains[10] = 5.0;
        gains[70] = 4.0;
        gains[140] = 5.0;
        let mut t = MaxTree::new(gains);
        assert_eq!(t.max(), Some(5.0));
        assert_eq!(t.first_at_least(5.0, all), Some(10));
        assert_eq!(t.first_at_least(4.5, all), Some(10));
        // Candidate 10 realised: the first block's top is now 1.
        t.set(10, f64::NEG_INFINITY, all);
        assert_eq!(t.first_at_least(5.0, all), Some(140));
        assert_eq!(t.first_at_least(3.0, all), Some(70));
        // Lowered below its block's top, then raised above everything.
        t.set(71, 0.5, all);
        assert_eq!(t.first_at_least(1.0, all), Some(0));
        t.set(71, 9.0, all);
        assert_eq!((t.max(), t.first_at_least(9.0, all)), (Some(9.0), Some(71)));
        assert_eq!(t.get(71), 9.0);
        // The block's top lowered below the rest: 70's 4 is its highest
        // again, before 140's 5.
        t.set(71, 0.2, all);
        assert_eq!((t.max(), t.first_at_least(4.0, all)), (Some(5.0), Some(70)));
        assert_eq!(t.first_at_least(4.5, all), Some(140));
        // Everything removed: no maximum, nothing found.
        for i in 0..150 {
            t.set(i, f64::NEG_INFINITY, all);
        }
        assert_eq!((t.max(), t.first_at_least(0.0, all)), (None, None));
    }

    #[test]
    fn candidates_that_died_unseen_are_passed_over() {
        // 150 candidates: gain 1 everywhere but 5 at 10, 4 at 20, 3 at 140.
        let mut gains = vec![1.0; 150];
        gains[10] = 5.0;
        gains[20] = 4.0;
        gains[140] = 3.0;
        let mut t = MaxTree::new(gains);
        // 0 to 10 and 20 die, without their leaves being written.
        let live = |i: usize| i > 10 && i != 20;
        for i in (0..=10).chain([20]) {
            t.died(i);
        }
        t.settle(live);
        // The highest live gain is 140's; the earliest live 1 is 11's.
        assert_eq!(t.max(), Some(3.0));
        assert_eq!(t.first_at_least(3.0, live), Some(140));
        assert_eq!(t.first_at_least(1.0, live), Some(11));
        // Nothing dead is found, even at a threshold only the dead reach.
        assert_eq!(t.first_at_least(3.5, live), None);
        // A live candidate lowered from its block's top: the block's
        // maximum is reckoned over the live ones.
        t.set(140, 0.5, live);
        assert_eq!(t.max(), Some(1.0));
        assert_eq!(t.first_at_least(0.7, live), Some(11));
        // A death that was not its block's top changes nothing.
        let live = |i: usize| i > 11 && i != 20;
        t.died(11);
        t.settle(live);
        assert_eq!(t.first_at_least(0.7, live), Some(12));
    }
}
