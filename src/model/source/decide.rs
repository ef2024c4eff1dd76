//! Decide input files (Stokman's exchange model; its `docs/inputfiles.md`):
//!
//! ```text
//! #A;key;name[;comment]                              an actor
//! #P;key;name[;description]                          an issue
//! #M;issue;position;description                      a point on the issue's scale (labelled if the description has a letter)
//! #D;actor;issue;position;salience;power[;comment]   a position
//! ```
//!
//! `#/`, `#0` and `#O` lines are comments. One separator per file (tab,
//! `;` or `,`, seen on the first record), fields optionally quoted. An
//! issue's scale runs from its lowest to its highest `#M` point (0–100
//! without any); `#D` power is the position's power, salience lies in
//! [0, 1].

use std::collections::HashMap;

use super::build::{Ids, Report, actor, finish, one_line, quoted, text};
use super::fields::{self, Field, is_empty_row};
use crate::model::check;
use crate::model::error::{LoadError, Origin};
use crate::model::types::{Actor, Issue, Model, Position, Scale, ScaleLabel};

const TAGS: [&str; 4] = ["#A", "#P", "#M", "#D"];

/// The line without a leading quote, as a record's tag may be quoted.
fn unquoted(line: &str) -> &str {
    line.trim_start()
        .trim_start_matches(['\'', '"'])
        .trim_start()
}

pub(super) fn is_comment(line: &str) -> bool {
    let l = unquoted(line);
    l.starts_with("#/") || l.starts_with("#0") || l.starts_with("#O")
}

/// The separator of a record line: the first tab, `;` or `,` after its tag.
fn separator(line: &str) -> Option<char> {
    let l = unquoted(line);
    let rest = TAGS.iter().find_map(|t| l.strip_prefix(t))?;
    let rest = rest.trim_start_matches(['\'', '"']);
    let rest = rest.trim_start_matches(' ');
    rest.chars()
        .next()
        .filter(|c| matches!(c, '\t' | ';' | ','))
}

pub(super) fn is_record(line: &str) -> bool {
    separator(line).is_some()
}

struct Record {
    line: usize,
    fields: Vec<Field>,
}

impl Record {
    fn get(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.text.as_str())
    }

    fn column(&self, i: usize) -> usize {
        self.fields
            .get(i)
            .or(self.fields.last())
            .map_or(1, |f| f.column)
    }
}

/// Reads the records, then the issues with their scales, the actors, and
/// the positions, which make the model.
pub(super) fn read(text_in: &str, origin: &Origin, title: &str) -> Result<Model, LoadError> {
    let mut report = Report::default();
    let [a_recs, p_recs, m_recs, d_recs] = records(text_in, &mut report);
    let (mut issues, issue_keys) = issues(&p_recs, &mut report);
    scales(&mut issues, &issue_keys, &m_recs, &mut report);
    let (mut actors, actor_keys) = actors(&a_recs, &mut report);
    let keys = Keys {
        actors: &actor_keys,
        issues: &issue_keys,
    };
    let mut slots = vec![vec![None; issues.len()]; actors.len()];
    positions(&d_recs, &keys, &issues, &mut slots, &mut report);
    for (a, slots) in actors.iter_mut().zip(slots) {
        a.set_positions(slots);
    }
    finish(
        origin,
        report,
        title.to_string(),
        None,
        Vec::new(),
        issues,
        actors,
    )
}

/// The records of the file by kind (#A, #P, #M, #D), each in file order;
/// the lines that are not records are reported.
fn records(text_in: &str, report: &mut Report) -> [Vec<Record>; 4] {
    let mut sep = None;
    let mut records: [Vec<Record>; 4] = Default::default();
    for (n, raw) in text_in.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() || is_empty_row(raw) || is_comment(raw) {
            continue;
        }
        let sep = *sep.get_or_insert_with(|| separator(raw).unwrap_or(';'));
        if let Some((kind, record)) = record(raw, n + 1, sep, report) {
            records[kind].push(record);
        }
    }
    records
}

/// One line as a record and its kind (an index into [`TAGS`]), or `None`
/// when it is not one (reported).
fn record(raw: &str, line: usize, sep: char, report: &mut Report) -> Option<(usize, Record)> {
    let fields = match fields::split(raw, sep) {
        Ok(f) => f,
        Err((column, message)) => {
            report.add(line, column, "line", message);
            return None;
        }
    };
    let tag = fields.first().map_or("", |f| f.text.as_str());
    let Some(kind) = TAGS.iter().position(|t| t.eq_ignore_ascii_case(tag)) else {
        let seps = match sep {
            '\t' => "tabs",
            ';' => "`;`",
            _ => "`,`",
        };
        let message = format!(
            "{} is not a Decide line: expected #A (actor), #P (issue), #M (scale point), #D (position) or a comment (#/, #0, #O), fields separated by {seps}",
            quoted(tag),
        );
        report.add(line, 1, "line", message);
        return None;
    };
    let (min, max, shape) = match kind {
        0 => (2, 4, "#A takes a key, a name and an optional comment"),
        1 => (2, 4, "#P takes a key, a name and an optional description"),
        2 => (3, 4, "#M takes an issue key, a position and a description"),
        _ => (
            6,
            7,
            "#D takes an actor key, an issue key, position, salience, power and an optional comment",
        ),
    };
    if fields.len() < min || fields.len() > max {
        let message = format!("wrong field count: {} fields; {shape}", fields.len());
        report.add(line, 1, TAGS[kind], message);
        return None;
    }
    Some((kind, Record { line, fields }))
}

/// A record's key: not empty, and not used by an earlier record of its
/// kind (both reported). `what` is `actor` or `issue`.
fn new_key<'r>(
    r: &'r Record,
    what: &str,
    keys: &HashMap<String, usize>,
    first_line: impl Fn(usize) -> usize,
    report: &mut Report,
) -> Option<&'r str> {
    let tag = if what == "issue" { "#P" } else { "#A" };
    let key = r.get(1);
    if one_line(key).is_empty() {
        report.add(r.line, r.column(1), tag, format!("the {what} key is empty"));
        return None;
    }
    if let Some(&first) = keys.get(key) {
        let first = format!("on line {}", first_line(first));
        let message = check::duplicate(&format!("{what} key"), key, &first);
        report.add(r.line, r.column(1), tag, message);
        return None;
    }
    Some(key)
}

/// The issues of the #P records, without their scales yet, and the index
/// of each key.
fn issues(p_recs: &[Record], report: &mut Report) -> (Vec<Issue>, HashMap<String, usize>) {
    let mut ids = Ids::default();
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut issues = Vec::new();
    for r in p_recs {
        let Some(key) = new_key(r, "issue", &keys, |i| p_recs[i].line, report) else {
            continue;
        };
        keys.insert(key.to_string(), issues.len());
        let title = match one_line(r.get(2)) {
            t if t.is_empty() => one_line(key),
            t => t,
        };
        let short = Some(one_line(key)).filter(|k| *k != title && !k.is_empty());
        issues.push(Issue {
            id: ids.id(key, "issue"),
            title,
            short,
            description: text(r.get(3)),
            tags: Vec::new(),
            scale: None,
            outcome: None,
        });
    }
    (issues, keys)
}

/// Each issue's scale, from its lowest to its highest #M point.
fn scales(
    issues: &mut [Issue],
    keys: &HashMap<String, usize>,
    m_recs: &[Record],
    report: &mut Report,
) {
    // Each point with the record it came from, for the span's report.
    let mut points: Vec<Vec<(ScaleLabel, &Record)>> = vec![Vec::new(); issues.len()];
    for r in m_recs {
        let Some(&issue) = keys.get(r.get(1)) else {
            report.unknown(r.line, r.column(1), "#M", "issue", r.get(1), keys);
            continue;
        };
        match check::number("position", r.get(2)) {
            Ok(at) => {
                // A description without a letter (`90`, `10%`) only repeats
                // the number: the point sets the scale but is no label.
                let label = one_line(r.get(3));
                points[issue].push((ScaleLabel { at, label }, r));
            }
            Err(message) => report.add(r.line, r.column(2), "#M position", message),
        }
    }
    for (issue, mut points) in issues.iter_mut().zip(points) {
        points.sort_by(|a, b| a.0.at.total_cmp(&b.0.at));
        let lowest = points.first().map_or(0.0, |l| l.0.at);
        let highest = points.last().map_or(100.0, |l| l.0.at);
        let (min, max) = if lowest < highest {
            (lowest, highest)
        } else {
            // One point (or none) does not make a scale: 0–100 around it.
            (lowest.min(0.0), highest.max(100.0))
        };
        // Reported at the lowest or the highest point, whichever comes later.
        let key = issue.short.as_deref().unwrap_or(&issue.title);
        if let Err(message) = check::span(key, min, max)
            && let Some(r) = [points.first(), points.last()]
                .into_iter()
                .flatten()
                .map(|p| p.1)
                .max_by_key(|r| r.line)
        {
            report.add(r.line, r.column(2), "#M position", message);
        }
        let labels = points
            .into_iter()
            .map(|p| p.0)
            .filter(|l| l.label.chars().any(char::is_alphabetic))
            .collect();
        issue.scale = Some(Scale {
            min,
            max,
            labels,
            status_quo: None,
        });
    }
}

/// The actors of the #A records, and the index of each key. Ids are unique
/// among actors and among issues, not across both.
fn actors(a_recs: &[Record], report: &mut Report) -> (Vec<Actor>, HashMap<String, usize>) {
    let mut ids = Ids::default();
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut actors = Vec::new();
    for r in a_recs {
        let Some(key) = new_key(r, "actor", &keys, |i| a_recs[i].line, report) else {
            continue;
        };
        keys.insert(key.to_string(), actors.len());
        actors.push(actor(ids.id(key, "actor"), key, r.get(2), text(r.get(3))));
    }
    (actors, keys)
}

/// The index of each actor and issue key.
struct Keys<'a> {
    actors: &'a HashMap<String, usize>,
    issues: &'a HashMap<String, usize>,
}

/// The positions of the #D records, into one slot per actor and issue.
fn positions(
    d_recs: &[Record],
    keys: &Keys<'_>,
    issues: &[Issue],
    slots: &mut [Vec<Option<Position>>],
    report: &mut Report,
) {
    let mut first_line: HashMap<(usize, usize), usize> = HashMap::new();
    for r in d_recs {
        let Some((a, i, p)) = position(r, keys, issues, report) else {
            continue;
        };
        if let Some(first) = first_line.insert((a, i), r.line) {
            let message = format!(
                "{} (the first is on line {first})",
                check::second_position(r.get(1), r.get(2))
            );
            report.add(r.line, 1, "#D", message);
            continue;
        }
        slots[a][i] = Some(p);
    }
}

/// One #D record as the actor, the issue and the position; every problem
/// in it is reported.
fn position(
    r: &Record,
    keys: &Keys<'_>,
    issues: &[Issue],
    report: &mut Report,
) -> Option<(usize, usize, Position)> {
    let actor = keys.actors.get(r.get(1)).copied();
    if actor.is_none() {
        let (line, column) = (r.line, r.column(1));
        report.unknown(line, column, "#D actor", "actor", r.get(1), keys.actors);
    }
    let issue = keys.issues.get(r.get(2)).copied();
    if issue.is_none() {
        let (line, column) = (r.line, r.column(2));
        report.unknown(line, column, "#D issue", "issue", r.get(2), keys.issues);
    }
    let value = check::number("position", r.get(3)).and_then(|x| {
        let Some(s) = issue.and_then(|i| issues[i].scale.as_ref()) else {
            return Ok(x);
        };
        check::on_scale("position", x, r.get(2), s.min, s.max).map_err(|message| {
            let whence = if s.labels.len() > 1 {
                "set by its #M lines"
            } else {
                "as it has fewer than two #M lines"
            };
            format!("{message}, {whence}")
        })
    });
    let salience = check::number("salience", r.get(4)).and_then(|s| check::salience(s, 1.0));
    let power = check::number("power", r.get(5)).and_then(|p| check::power("power", p));
    let mut checked = |result: Result<f64, String>, column: usize, path: &str| {
        let column = r.column(column);
        result
            .map_err(|message| report.add(r.line, column, path, message))
            .ok()
    };
    let value = checked(value, 3, "#D position");
    let salience = checked(salience, 4, "#D salience");
    let power = checked(power, 5, "#D power");
    let (a, i, value, salience, power) = (actor?, issue?, value?, salience?, power?);
    let summary = text(r.get(6)).map(String::into_boxed_str);
    let mut p = Position::new(value, None).with_notes(Some(power), summary, Box::default());
    p.salience = salience;
    Some((a, i, p))
}
