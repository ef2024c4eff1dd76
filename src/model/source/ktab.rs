//! KTAB's SMP CSV (KAPSARC's Toolkit for Agent-Based modelling):
//!
//! ```text
//! scenario, description, number of actors, number of dimensions
//! Actor, Description, Capability, <dimension 1>, <salience 1>[, <dimension 2>, <salience 2> …]
//! name, description, capability, position, salience[, position, salience …]
//! ```
//!
//! Dimensions become numeric issues on 0–100, named by the header's
//! position columns; capability is the actor's power; salience, 0–100 in
//! the file, is divided by 100.

use super::build::{Ids, Report, actor, finish, one_line, quoted, text};
use super::fields::{self, Field, is_empty_row};
use crate::model::error::{LoadError, Origin};
use crate::model::types::{Issue, Model, Position, Scale, format_number};

fn integer(s: &str) -> Option<usize> {
    s.parse::<usize>().ok()
}

/// Line 1 of a KTAB file: four fields, the last two integers.
pub(super) fn is_first_line(line: &str) -> bool {
    match fields::split(line, ',') {
        Ok(f) => f.len() == 4 && integer(&f[2].text).is_some() && integer(&f[3].text).is_some(),
        Err(_) => false,
    }
}

/// The most dimensions detente takes from line 1 (a typo such as `1e9`
/// must not allocate for a billion issues).
const MAX_DIMENSIONS: usize = 100_000;

pub(super) fn read(input: &str, origin: &Origin, file_title: &str) -> Result<Model, LoadError> {
    let mut report = Report::default();
    let mut lines = input
        .split('\n')
        .enumerate()
        .map(|(n, l)| (n + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !is_empty_row(l));
    let split = |report: &mut Report, line: usize, raw: &str| match fields::split(raw, ',') {
        Ok(f) => Some(f),
        Err((column, message)) => {
            report.add(line, column, "line", message);
            None
        }
    };
    let fail = |report: Report| finish(origin, report, String::new(), None, vec![], vec![], vec![]);

    // Line 1: scenario, description, actors, dimensions.
    let Some((first_line, raw)) = lines.next() else {
        report.add(1, 1, "line 1", "the file is empty");
        return fail(report);
    };
    let Some(first) = split(&mut report, first_line, raw) else {
        return fail(report);
    };
    let get = |f: &[Field], i: usize| f.get(i).map_or(String::new(), |f| f.text.clone());
    let counts = (first.len() == 4)
        .then(|| Some((integer(&first[2].text)?, integer(&first[3].text)?)))
        .flatten();
    let Some((n_actors, n_dims)) = counts.filter(|&(_, d)| (1..=MAX_DIMENSIONS).contains(&d))
    else {
        report.add(
            first_line,
            1,
            "line 1",
            format!(
                "wrong first line: expected `scenario, description, number of actors, number of dimensions` (1 to {MAX_DIMENSIONS} dimensions), found {} fields",
                first.len()
            ),
        );
        return fail(report);
    };
    let title = match one_line(&get(&first, 0)) {
        t if t.is_empty() => file_title.to_string(),
        t => t,
    };
    let description = text(&get(&first, 1));
    let width = 3 + 2 * n_dims;

    // Line 2: the header, whose position columns name the dimensions.
    let Some((header_line, raw)) = lines.next() else {
        report.add(first_line + 1, 1, "header", "the header line is missing");
        return fail(report);
    };
    let Some(header) = split(&mut report, header_line, raw) else {
        return fail(report);
    };
    if header.len() < width {
        report.add(
            header_line,
            1,
            "header",
            format!(
                "wrong field count: {} fields; the header of {n_dims} dimension{} needs {width} (name, description, capability, and a position and salience column per dimension)",
                header.len(),
                if n_dims == 1 { "" } else { "s" }
            ),
        );
        return fail(report);
    }
    let mut issue_ids = Ids::default();
    let issues: Vec<Issue> = (0..n_dims)
        .map(|d| {
            let title = match one_line(&header[3 + 2 * d].text) {
                t if t.is_empty() => format!("Dimension {}", d + 1),
                t => t,
            };
            Issue {
                id: issue_ids.id(&title, "dimension"),
                title,
                short: None,
                description: None,
                tags: Vec::new(),
                scale: Some(Scale {
                    min: 0.0,
                    max: 100.0,
                    labels: Vec::new(),
                    status_quo: None,
                }),
                outcome: None,
            }
        })
        .collect();

    // One row per actor.
    let mut actor_ids = Ids::default();
    let mut actors = Vec::new();
    let mut rows = 0;
    for (line, raw) in lines {
        rows += 1;
        let Some(f) = split(&mut report, line, raw) else {
            continue;
        };
        if f.len() != width {
            report.add(
                line,
                1,
                "row",
                format!(
                    "wrong field count: {} fields; a row needs {width}: name, description, capability, and a position and salience for each of the {n_dims} dimension{}",
                    f.len(),
                    if n_dims == 1 { "" } else { "s" }
                ),
            );
            continue;
        }
        let name = &f[0].text;
        if one_line(name).is_empty() {
            report.add(line, f[0].column, "name", "the actor's name is empty");
        }
        let mut a = actor(actor_ids.id(name, "actor"), name, name, text(&f[1].text));
        match fields::number(&f[2].text) {
            Ok(p) if p >= 0.0 => a.power = p,
            Ok(p) => report.add(
                line,
                f[2].column,
                "capability",
                format!(
                    "capability {} is negative; power is 0 or more",
                    format_number(p)
                ),
            ),
            Err(e) => report.add(line, f[2].column, "capability", format!("capability {e}")),
        }
        let mut slots = vec![None; n_dims];
        for (d, slot) in slots.iter_mut().enumerate() {
            let (pos, sal) = (&f[3 + 2 * d], &f[4 + 2 * d]);
            let dim = quoted(&issues[d].title);
            let value = match fields::number(&pos.text) {
                Ok(x) if (0.0..=100.0).contains(&x) => Some(x),
                Ok(x) => {
                    report.add(
                        line,
                        pos.column,
                        "position",
                        format!(
                            "position {} on {dim} is outside the scale 0..=100",
                            format_number(x)
                        ),
                    );
                    None
                }
                Err(e) => {
                    report.add(
                        line,
                        pos.column,
                        "position",
                        format!("position on {dim} {e}"),
                    );
                    None
                }
            };
            let salience = match fields::number(&sal.text) {
                Ok(s) if (0.0..=100.0).contains(&s) => Some(s / 100.0),
                Ok(s) => {
                    report.add(
                        line,
                        sal.column,
                        "salience",
                        format!("salience {} on {dim} is outside 0..=100", format_number(s)),
                    );
                    None
                }
                Err(e) => {
                    report.add(
                        line,
                        sal.column,
                        "salience",
                        format!("salience on {dim} {e}"),
                    );
                    None
                }
            };
            if let (Some(value), Some(salience)) = (value, salience) {
                let mut p = Position::new(value, None);
                p.salience = salience;
                *slot = Some(p);
            }
        }
        a.set_positions(slots);
        actors.push(a);
    }
    if rows != n_actors {
        report.add(
            first_line,
            1,
            "line 1",
            format!("line 1 says {n_actors} actors, but the file has {rows} actor rows"),
        );
    }
    finish(
        origin,
        report,
        title,
        description,
        Vec::new(),
        issues,
        actors,
    )
}
