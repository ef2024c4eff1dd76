//! "Since OLD" (`detente export --since OLD`): what the two compared actors changed on the issues
//! shown since an earlier model, in words the HTML and Markdown reports share (docs/design.md,
//! "What moved since an earlier model").

use super::{Report, Since};
use crate::diff::{Change, Direction, direction};

/// One line of the "Since" table, in words.
pub(super) struct Line {
    /// The issue's label and the actor's name.
    pub issue: String,
    pub actor: String,
    /// `10 → 30`, or `new: 50` for a position the old model did not have.
    pub change: String,
    /// `toward European Union`, `away from …`, `as far from …`; `–` where the other side has no
    /// counted position or the position is new.
    pub relative: String,
}

/// The lines: per issue shown (in the report's order), the left actor's change, then the right's.
pub(super) fn lines(report: &Report<'_, '_>, since: &Since) -> Vec<Line> {
    let c = report.comparison;
    let m = c.model;
    let mut out = Vec::new();
    for row in report.rows() {
        let issue = &m.issues[row.issue];
        for (actor, other) in [(c.left, c.right), (c.right, c.left)] {
            let Some(now) = m.actors[actor].position_at(row.issue, c.min_basis) else {
                continue;
            };
            let Some(d) = since.diff.position(actor, row.issue) else {
                continue;
            };
            let change = match d.change {
                Change::New => format!("new: {}", issue.describe(now.value)),
                Change::Edited { was, what } if what.moved => {
                    format!("{} → {}", issue.describe(was), issue.describe(now.value))
                }
                _ => continue,
            };
            let other_at = m.actors[other].position_at(row.issue, c.min_basis);
            let relative = match (d.change, other_at) {
                (Change::Edited { was, .. }, Some(o)) => {
                    let name = &m.actors[other].name;
                    match direction(was, now.value, o.value, issue.span()) {
                        Direction::Toward => format!("toward {name}"),
                        Direction::Away => format!("away from {name}"),
                        Direction::Level => format!("as far from {name}"),
                    }
                }
                _ => "–".to_string(),
            };
            out.push(Line {
                issue: issue.label().to_string(),
                actor: m.actors[actor].name.clone(),
                change,
                relative,
            });
        }
    }
    out
}

/// The sentence under the header: `Marked: what moved since talks-1.yaml.`
pub(super) fn header(since: &Since) -> String {
    format!(
        "Since {}: the positions that moved or are new since that model are marked.",
        since.name
    )
}
