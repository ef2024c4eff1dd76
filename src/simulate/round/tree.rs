//! The gains of a round's live candidates: the highest, and the earliest
//! candidate at or above a threshold.

/// Leaves per block: 64 gains, eight cache lines.
const BLOCK: usize = 64;

/// The gains, and the highest gain of each block of [`BLOCK`] candidates
/// under a segment tree. Most updates drop or lower a gain that is not its
/// block's highest: they write one leaf and compare it with its block's
/// maximum, and the tree (a few hundred KB) stays in cache. A removed
/// candidate has gain −∞.
pub struct MaxTree {
    leaves: Vec<f64>,
    blocks: Levels,
}

impl MaxTree {
    pub fn new(gains: Vec<f64>) -> MaxTree {
        let maxima = gains
            .chunks(BLOCK)
            .map(|b| b.iter().copied().fold(f64::NEG_INFINITY, f64::max));
        let blocks = Levels::new(maxima.collect::<Vec<_>>().into_iter());
        MaxTree {
            leaves: gains,
            blocks,
        }
    }

    pub fn get(&self, i: usize) -> f64 {
        self.leaves[i]
    }

    /// The gains, for their memory to serve the next round.
    pub fn into_leaves(self) -> Vec<f64> {
        self.leaves
    }

    pub fn max(&self) -> Option<f64> {
        self.blocks.max()
    }

    pub fn set(&mut self, i: usize, gain: f64) {
        let old = self.leaves[i];
        self.leaves[i] = gain;
        let b = i / BLOCK;
        let top = self.blocks.get(b);
        if gain > top {
            self.blocks.set(b, gain);
        } else if old == top && gain < old {
            let from = b * BLOCK;
            let to = (from + BLOCK).min(self.leaves.len());
            let max = self.leaves[from..to]
                .iter()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max);
            self.blocks.set(b, max);
        }
    }

    pub fn first_at_least(&self, threshold: f64) -> Option<usize> {
        let b = self.blocks.first_at_least(threshold)?;
        let from = b * BLOCK;
        let to = (from + BLOCK).min(self.leaves.len());
        (from..to).find(|&i| self.leaves[i] >= threshold)
    }
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
        // at 140, 4 at 70.
        let mut gains = vec![1.0; 150];
        gains[10] = 5.0;
        gains[70] = 4.0;
        gains[140] = 5.0;
        let mut t = MaxTree::new(gains);
        assert_eq!(t.max(), Some(5.0));
        assert_eq!(t.first_at_least(5.0), Some(10));
        assert_eq!(t.first_at_least(4.5), Some(10));
        // Candidate 10 realised: the first block's top is now 1.
        t.set(10, f64::NEG_INFINITY);
        assert_eq!(t.first_at_least(5.0), Some(140));
        assert_eq!(t.first_at_least(3.0), Some(70));
        // Lowered below its block's top, then raised above everything.
        t.set(71, 0.5);
        assert_eq!(t.first_at_least(1.0), Some(0));
        t.set(71, 9.0);
        assert_eq!((t.max(), t.first_at_least(9.0)), (Some(9.0), Some(71)));
        assert_eq!(t.get(71), 9.0);
        // Everything removed: no maximum, nothing found.
        for i in 0..150 {
            t.set(i, f64::NEG_INFINITY);
        }
        assert_eq!((t.max(), t.first_at_least(0.0)), (None, None));
    }
}
