//! Which issues a report draws in full (a position map and a chart of how
//! it may move) and which it lists in a compact table instead, so that a
//! model of thousands of issues still gives a report one can open
//! (docs/design.md, "Report size").

use super::Report;
use crate::analysis::pair::cruxes;

/// The most issues drawn in full unless every one is asked for.
pub(super) const MAX_ISSUES: usize = 40;

/// The most bytes the HTML report's drawings may take together unless
/// every one is asked for: the rest of a 200 × 6,000 report (its table,
/// evidence and compact tables) takes about 4 MB, and the whole stays
/// under 10 MB.
pub(super) const MAX_BYTES: usize = 4_000_000;

/// The shown issues drawn in full and their drawings, in view order: the
/// cruxes come first, then the other issues in view order, each drawn
/// (by `draw`, given its place in the view) while fewer than
/// [`MAX_ISSUES`] are and the drawings fit in `max_bytes` (as `size`
/// counts them); `all` draws every shown issue. `None` marks an issue left
/// to the compact table.
pub(super) fn drawings<T>(
    report: &Report<'_, '_>,
    all: bool,
    max_bytes: usize,
    mut draw: impl FnMut(usize) -> T,
    size: impl Fn(&T) -> usize,
) -> Vec<Option<T>> {
    let rows = &report.view.rows;
    let mut out: Vec<Option<T>> = rows.iter().map(|_| None).collect();
    let mut place = vec![usize::MAX; report.comparison.rows.len()];
    for (n, &row) in rows.iter().enumerate() {
        if let Some(p) = place.get_mut(row) {
            *p = n;
        }
    }
    let mut order: Vec<usize> = cruxes(report.comparison)
        .into_iter()
        .filter_map(|issue| place.get(issue).copied().filter(|&n| n != usize::MAX))
        .collect();
    let mut first = vec![false; rows.len()];
    for &n in &order {
        first[n] = true;
    }
    let exists = |n: &usize| rows[*n] < report.comparison.rows.len();
    order.extend((0..rows.len()).filter(|&n| !first[n]).filter(exists));
    let (mut drawn, mut bytes) = (0, 0);
    for n in order {
        if !all && drawn == MAX_ISSUES {
            break;
        }
        let d = draw(n);
        bytes += size(&d);
        if !all && bytes > max_bytes {
            break;
        }
        out[n] = Some(d);
        drawn += 1;
    }
    out
}

/// What a report left out of its drawings, in a sentence (the drawn
/// issues `have` what): `None` when it drew every shown issue.
pub(super) fn left_out<T>(drawn: &[Option<T>], have: &str) -> Option<String> {
    let rest = drawn.iter().filter(|d| d.is_none()).count();
    (rest > 0).then(|| {
        format!(
            "{} of the {} issues shown {have} (the cruxes first, then in the order shown), to \
             keep the report small; the other {rest} are in a compact table, and detente export \
             --all-maps gives every one in full.",
            drawn.len() - rest,
            drawn.len()
        )
    })
}
