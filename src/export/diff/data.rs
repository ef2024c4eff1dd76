//! `detente diff` as data: CSV, one row per change, and JSON (docs/cli.md, "detente diff").
//! Both carry every change, full numbers and ids; nothing is cut short.

use serde::Serialize;
use serde_json::{Value, json};

use super::DiffReport;
use crate::diff::{Change, Direction, Part, PositionDiff};
use crate::export::forecast::scale;
use crate::model::Model;

/// One change: what, who and where, from what to what, and for a move the other actors it
/// went toward and away from.
struct Row<'a> {
    change: &'static str,
    actor: &'a str,
    other: &'a str,
    issue: &'a str,
    from: Value,
    to: Value,
    toward: Vec<&'a str>,
    away: Vec<&'a str>,
}

impl<'a> Row<'a> {
    fn new(change: &'static str, from: Value, to: Value) -> Row<'a> {
        Row {
            change,
            actor: "",
            other: "",
            issue: "",
            from,
            to,
            toward: Vec::new(),
            away: Vec::new(),
        }
    }
}

/// The changes to positions, per actor and issue in the new model's order; a position edited
/// in several parts gives a row per part, its move first.
fn position_rows<'a>(r: &DiffReport<'a>, p: &PositionDiff) -> Vec<Row<'a>> {
    let (new, d) = (r.new, r.diff);
    let now = new.actors[p.actor].position(p.issue);
    let then = d
        .old_actor(p.actor)
        .zip(d.old_issue(p.issue))
        .and_then(|(a, i)| Some((&r.old.actors[a], r.old.actors[a].position(i)?)));
    let mut rows = Vec::new();
    match p.change {
        Change::New => rows.push(Row::new("new", Value::Null, json!(now.map(|n| n.value)))),
        Change::Dropped { .. } => rows.push(Row::new(
            "dropped",
            json!(then.map(|(_, q)| q.value)),
            Value::Null,
        )),
        Change::Edited { what, .. } => {
            let (Some((was_actor, q)), Some(n)) = (then, now) else {
                return rows;
            };
            if what.moved {
                let mut row = Row::new("moved", json!(q.value), json!(n.value));
                for (b, dir) in d.directions(new, p) {
                    match dir {
                        Direction::Toward => row.toward.push(new.actors[b].id.as_str()),
                        Direction::Away => row.away.push(new.actors[b].id.as_str()),
                        Direction::Level => {}
                    }
                }
                rows.push(row);
            }
            for part in Part::ALL.into_iter().filter(|part| part.in_edits(what)) {
                let (from, to) = match part {
                    Part::Salience => (json!(q.salience), json!(n.salience)),
                    Part::Power => (
                        json!(was_actor.power_on(q)),
                        json!(new.actors[p.actor].power_on(n)),
                    ),
                    Part::Basis => (json!(q.basis.word()), json!(n.basis.word())),
                    Part::RedLine => (json!(q.red_line), json!(n.red_line)),
                    Part::Summary => (json!(q.summary()), json!(n.summary())),
                };
                rows.push(Row::new(part.word(), from, to));
            }
        }
    }
    for row in &mut rows {
        row.actor = &new.actors[p.actor].id;
        row.issue = &new.issues[p.issue].id;
    }
    rows
}

/// Every change as rows, in the order of the CSV.
fn rows<'a>(r: &DiffReport<'a>) -> Vec<Row<'a>> {
    let (old, new, d) = (r.old, r.new, r.diff);
    let mut rows = Vec::new();
    let actor = |change, id: &'a str| Row {
        actor: id,
        ..Row::new(change, Value::Null, Value::Null)
    };
    let issue = |change, id: &'a str| Row {
        issue: id,
        ..Row::new(change, Value::Null, Value::Null)
    };
    rows.extend(
        d.actors_added
            .iter()
            .map(|&a| actor("actor_added", &new.actors[a].id)),
    );
    rows.extend(
        d.actors_removed
            .iter()
            .map(|&a| actor("actor_removed", &old.actors[a].id)),
    );
    rows.extend(
        d.issues_added
            .iter()
            .map(|&i| issue("issue_added", &new.issues[i].id)),
    );
    rows.extend(
        d.issues_removed
            .iter()
            .map(|&i| issue("issue_removed", &old.issues[i].id)),
    );
    for &i in &d.rescaled {
        let was = d.old_issue(i).map(|o| scale(&old.issues[o]));
        rows.push(Row {
            issue: &new.issues[i].id,
            ..Row::new("scale", json!(was), json!(scale(&new.issues[i])))
        });
    }
    for &a in &d.powers {
        let was = d.old_actor(a).map(|o| old.actors[o].power);
        rows.push(Row {
            actor: &new.actors[a].id,
            ..Row::new("actor_power", json!(was), json!(new.actors[a].power))
        });
    }
    for p in &d.positions {
        rows.extend(position_rows(r, p));
    }
    for p in &d.pairs {
        rows.push(Row {
            actor: &new.actors[p.left].id,
            other: &new.actors[p.right].id,
            ..Row::new("agreement", json!(p.was), json!(p.now))
        });
    }
    rows
}

/// A CSV cell for a value: a number in full, `true`/`false`, or quoted text.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => crate::export::csv::field(s),
        other => other.to_string(),
    }
}

/// The CSV's header, as docs/cli.md lists it.
const CSV_HEADER: &str = "change,actor,other,issue,from,to,toward,away";

pub(super) fn csv(r: &DiffReport<'_>) -> String {
    let mut out = format!("{CSV_HEADER}\n");
    for row in rows(r) {
        let line = [
            row.change.to_string(),
            crate::export::csv::field(row.actor),
            crate::export::csv::field(row.other),
            crate::export::csv::field(row.issue),
            cell(&row.from),
            cell(&row.to),
            row.toward.join(" "),
            row.away.join(" "),
        ];
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct Doc<'a> {
    old: Side<'a>,
    new: Side<'a>,
    min_basis: &'static str,
    /// Nothing at all changed.
    unchanged: bool,
    actors: Lists<Named<'a>>,
    issues: Issues<'a>,
    power: Vec<Span<'a>>,
    positions: Vec<PositionEntry<'a>>,
    pairs: Vec<PairEntry<'a>>,
    pairs_in_both: usize,
    pairs_unchecked: usize,
}

#[derive(Serialize)]
struct Side<'a> {
    origin: String,
    /// NEW's what-if changes, `1 --set change`; absent without any.
    #[serde(skip_serializing_if = "Option::is_none")]
    what_if: Option<String>,
    title: &'a str,
}

#[derive(Serialize)]
struct Lists<T> {
    added: Vec<T>,
    removed: Vec<T>,
}

#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Titled<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Issues<'a> {
    added: Vec<Titled<'a>>,
    removed: Vec<Titled<'a>>,
    rescaled: Vec<Span<'a>>,
}

/// An actor's power or an issue's scale, from → to.
#[derive(Serialize)]
struct Span<'a> {
    id: &'a str,
    from: Value,
    to: Value,
}

#[derive(Serialize)]
struct PositionEntry<'a> {
    actor: &'a str,
    issue: &'a str,
    change: &'static str,
    from: Value,
    to: Value,
    toward: Vec<&'a str>,
    away: Vec<&'a str>,
}

#[derive(Serialize)]
struct PairEntry<'a> {
    left: &'a str,
    right: &'a str,
    from: Option<f64>,
    to: Option<f64>,
    shared_from: usize,
    shared_to: usize,
}

pub(super) fn json<'a>(r: &DiffReport<'a>) -> String {
    let (old, new, d) = (r.old, r.new, r.diff);
    let side = |m: &'a Model, o, what_if| Side {
        origin: crate::present::origin(o),
        what_if,
        title: &m.title,
    };
    let actors = |m: &'a Model, v: &[usize]| -> Vec<Named<'a>> {
        v.iter()
            .map(|&a| Named {
                id: &m.actors[a].id,
                name: &m.actors[a].name,
            })
            .collect()
    };
    let issues = |m: &'a Model, v: &[usize]| -> Vec<Titled<'a>> {
        v.iter()
            .map(|&i| Titled {
                id: &m.issues[i].id,
                title: &m.issues[i].title,
            })
            .collect()
    };
    let (mut rescaled, mut power, mut positions) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows(r) {
        match row.change {
            "scale" => rescaled.push(Span {
                id: row.issue,
                from: row.from,
                to: row.to,
            }),
            "actor_power" => power.push(Span {
                id: row.actor,
                from: row.from,
                to: row.to,
            }),
            _ if !row.actor.is_empty() && !row.issue.is_empty() => positions.push(PositionEntry {
                actor: row.actor,
                issue: row.issue,
                change: row.change,
                from: row.from,
                to: row.to,
                toward: row.toward,
                away: row.away,
            }),
            _ => {}
        }
    }
    let doc = Doc {
        old: side(old, r.old_origin, None),
        new: side(new, r.new_origin, r.new_what_if.phrase()),
        min_basis: d.min_basis.word(),
        unchanged: d.is_empty(),
        actors: Lists {
            added: actors(new, &d.actors_added),
            removed: actors(old, &d.actors_removed),
        },
        issues: Issues {
            added: issues(new, &d.issues_added),
            removed: issues(old, &d.issues_removed),
            rescaled,
        },
        power,
        positions,
        pairs: d
            .pairs
            .iter()
            .map(|p| PairEntry {
                left: &new.actors[p.left].id,
                right: &new.actors[p.right].id,
                from: p.was,
                to: p.now,
                shared_from: p.shared_was,
                shared_to: p.shared_now,
            })
            .collect(),
        pairs_in_both: d.pairs_in_both,
        pairs_unchecked: d.pairs_unchecked,
    };
    // Plain structs and values always serialise; the fallback is unreachable.
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
