//! KTAB's SMP CSV (KAPSARC's Toolkit for Agent-Based modelling):
//!
//! ```text
//! scenario, description, number of actors, number of dimensions
//! Actor, Description, Capability, <dimension 1>, <salience 1>[, <dimension 2>, <salience 2> …]
//! name, description, capability, position, salience[, position, salience …]
//! ```
//!
//! Dimensions become numeric issues on 0–100, named by the header's
//! position columns; an actor is named by its description (its short name
//! when the description is empty), with the short name as id and alias;
//! capability is the actor's power; salience, 0–100 in the file, is
//! divided by 100.

use super::build::{Ids, Report, actor, finish, one_line, quoted, text};
use super::fields::{self, Field, is_empty_row};
use crate::model::check;
use crate::model::error::{LoadError, Origin};
use crate::model::types::{Actor, Issue, Model, Position, Scale};

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

/// Reads line 1, then the header that names the dimensions, then one row
/// per actor.
pub(super) fn read(input: &str, origin: &Origin, file_title: &str) -> Result<Model, LoadError> {
    let mut report = Report::default();
    let mut lines = input
        .split('\n')
        .enumerate()
        .map(|(n, l)| (n + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !is_empty_row(l));
    let fail = |report: Report| finish(origin, report, String::new(), None, vec![], vec![], vec![]);
    let Some(first) = first_line(lines.next(), file_title, &mut report) else {
        return fail(report);
    };
    let Some(issues) = dimensions(lines.next(), &first, &mut report) else {
        return fail(report);
    };
    let mut actor_ids = Ids::default();
    let mut actors = Vec::new();
    let mut rows = 0;
    for (line, raw) in lines {
        rows += 1;
        if let Some(a) = row(line, raw, &issues, &mut actor_ids, &mut report) {
            actors.push(a);
        }
    }
    if rows != first.actors {
        let message = format!(
            "line 1 says {} actors, but the file has {rows} actor rows",
            first.actors
        );
        report.add(first.line, 1, "line 1", message);
    }
    let (title, description) = (first.title, first.description);
    finish(origin, report, title, description, vec![], issues, actors)
}

/// A line split at its commas; an unclosed quote is reported.
fn split(report: &mut Report, line: usize, raw: &str) -> Option<Vec<Field>> {
    match fields::split(raw, ',') {
        Ok(f) => Some(f),
        Err((column, message)) => {
            report.add(line, column, "line", message);
            None
        }
    }
}

/// What line 1 says.
struct First {
    line: usize,
    title: String,
    description: Option<String>,
    actors: usize,
    dimensions: usize,
}

/// Line 1: scenario, description, actors, dimensions.
fn first_line(next: Option<(usize, &str)>, file_title: &str, report: &mut Report) -> Option<First> {
    let Some((line, raw)) = next else {
        report.add(1, 1, "line 1", "the file is empty");
        return None;
    };
    let first = split(report, line, raw)?;
    let counts = (first.len() == 4)
        .then(|| Some((integer(&first[2].text)?, integer(&first[3].text)?)))
        .flatten();
    let Some((actors, dimensions)) = counts.filter(|&(_, d)| (1..=MAX_DIMENSIONS).contains(&d))
    else {
        let message = format!(
            "wrong first line: expected `scenario, description, number of actors, number of dimensions` (1 to {MAX_DIMENSIONS} dimensions), found {} fields",
            first.len()
        );
        report.add(line, 1, "line 1", message);
        return None;
    };
    let title = match one_line(&first[0].text) {
        t if t.is_empty() => file_title.to_string(),
        t => t,
    };
    Some(First {
        line,
        title,
        description: text(&first[1].text),
        actors,
        dimensions,
    })
}

/// Line 2: the header, whose position columns name the dimensions; each
/// dimension is a numeric issue on 0..=100.
fn dimensions(
    next: Option<(usize, &str)>,
    first: &First,
    report: &mut Report,
) -> Option<Vec<Issue>> {
    let Some((line, raw)) = next else {
        report.add(first.line + 1, 1, "header", "the header line is missing");
        return None;
    };
    let header = split(report, line, raw)?;
    let n_dims = first.dimensions;
    let width = 3 + 2 * n_dims;
    if header.len() < width {
        let message = format!(
            "wrong field count: {} fields; the header of {n_dims} dimension{} needs {width} (name, description, capability, and a position and salience column per dimension)",
            header.len(),
            if n_dims == 1 { "" } else { "s" }
        );
        report.add(line, 1, "header", message);
        return None;
    }
    let mut ids = Ids::default();
    let issues = (0..n_dims)
        .map(|d| {
            let title = match one_line(&header[3 + 2 * d].text) {
                t if t.is_empty() => format!("Dimension {}", d + 1),
                t => t,
            };
            Issue {
                id: ids.id(&title, "dimension"),
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
    Some(issues)
}

/// `x / 100` as the decimal a person would write: 65.1 gives 0.651, not
/// the 0.6509999999999999 that `65.1 / 100.0` rounds to. The decimal
/// point of `x`'s shortest text is moved two places, then read.
fn hundredths(x: f64) -> f64 {
    format!("{x}e-2").parse().unwrap_or(x / 100.0)
}

/// One actor's row: name, description, capability, then a position and a
/// salience (0–100) per dimension. `None` when the row has the wrong
/// width; otherwise the actor with its valid positions.
fn row(
    line: usize,
    raw: &str,
    issues: &[Issue],
    ids: &mut Ids,
    report: &mut Report,
) -> Option<Actor> {
    let f = split(report, line, raw)?;
    let n_dims = issues.len();
    let width = 3 + 2 * n_dims;
    if f.len() != width {
        let message = format!(
            "wrong field count: {} fields; a row needs {width}: name, description, capability, and a position and salience for each of the {n_dims} dimension{}",
            f.len(),
            if n_dims == 1 { "" } else { "s" }
        );
        report.add(line, 1, "row", message);
        return None;
    }
    let name = &f[0].text;
    if one_line(name).is_empty() {
        report.add(line, f[0].column, "name", "the actor's name is empty");
    }
    // The description column holds the name people know ("Xi Jinping");
    // the short name becomes the id and an alias.
    let mut a = actor(ids.id(name, "actor"), name, &f[1].text, None);
    let capability = &f[2];
    match check::number("capability", &capability.text).and_then(|p| check::power("capability", p))
    {
        Ok(p) => a.power = p,
        Err(message) => report.add(line, capability.column, "capability", message),
    }
    let slots = issues
        .iter()
        .enumerate()
        .map(|(d, issue)| {
            let (pos, sal) = (&f[3 + 2 * d], &f[4 + 2 * d]);
            let on = format!("on {}", quoted(&issue.title));
            let value = check::number("position", &pos.text)
                .and_then(|x| check::on_scale("position", x, &issue.title, 0.0, 100.0))
                .map_err(|message| report.add(line, pos.column, &format!("position {on}"), message))
                .ok();
            let salience = check::number("salience", &sal.text)
                .and_then(|s| check::salience(s, 100.0))
                .map_err(|message| report.add(line, sal.column, &format!("salience {on}"), message))
                .ok();
            let mut p = Position::new(value?, None);
            p.salience = hundredths(salience?);
            Some(p)
        })
        .collect();
    a.set_positions(slots);
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::hundredths;

    #[test]
    fn hundredths_are_the_decimals_written() {
        assert_eq!(65.1 / 100.0, 0.6509999999999999);
        assert_eq!(hundredths(65.1), 0.651);
        assert_eq!(hundredths(7.0), 0.07);
        assert_eq!(hundredths(100.0), 1.0);
        assert_eq!(hundredths(0.0), 0.0);
        assert_eq!(hundredths(33.3), 0.333);
    }
}
