//! Decide input files (Stokman's exchange model; its `docs/inputfiles.md`):
//!
//! ```text
//! #A;key;name[;comment]                              an actor
//! #P;key;name[;description]                          an issue
//! #M;issue;position;description                      a labelled point on the issue's scale
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
use crate::model::error::{LoadError, Origin};
use crate::model::types::{Issue, Model, Position, Scale, ScaleLabel, format_number};

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

pub(super) fn read(text_in: &str, origin: &Origin, title: &str) -> Result<Model, LoadError> {
    let mut report = Report::default();
    let mut sep = None;
    let mut records: [Vec<Record>; 4] = Default::default();
    for (n, raw) in text_in.split('\n').enumerate() {
        let line = n + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() || is_empty_row(raw) || is_comment(raw) {
            continue;
        }
        let sep = *sep.get_or_insert_with(|| separator(raw).unwrap_or(';'));
        let fields = match fields::split(raw, sep) {
            Ok(f) => f,
            Err((column, message)) => {
                report.add(line, column, "line", message);
                continue;
            }
        };
        let tag = fields.first().map_or("", |f| f.text.as_str());
        let Some(kind) = TAGS.iter().position(|t| t.eq_ignore_ascii_case(tag)) else {
            report.add(
                line,
                1,
                "line",
                format!(
                    "{} is not a Decide line: expected #A (actor), #P (issue), #M (scale point), #D (position) or a comment (#/, #0, #O), fields separated by {}",
                    quoted(tag),
                    match sep {
                        '\t' => "tabs",
                        ';' => "`;`",
                        _ => "`,`",
                    }
                ),
            );
            continue;
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
            report.add(
                line,
                1,
                TAGS[kind],
                format!("wrong field count: {} fields; {shape}", fields.len()),
            );
            continue;
        }
        records[kind].push(Record { line, fields });
    }
    let [a_recs, p_recs, m_recs, d_recs] = records;

    // Issues, with their scales from the #M points.
    let mut ids = Ids::default();
    let mut issue_keys: HashMap<String, usize> = HashMap::new();
    let mut issues = Vec::new();
    for r in &p_recs {
        let key = r.get(1);
        if one_line(key).is_empty() {
            report.add(r.line, r.column(1), "#P", "the issue key is empty");
            continue;
        }
        if let Some(&first) = issue_keys.get(key) {
            report.add(
                r.line,
                r.column(1),
                "#P",
                format!(
                    "duplicate issue key {} (first on line {})",
                    quoted(key),
                    p_recs[first].line
                ),
            );
            continue;
        }
        issue_keys.insert(key.to_string(), issues.len());
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
    let mut points: Vec<Vec<ScaleLabel>> = vec![Vec::new(); issues.len()];
    for r in &m_recs {
        let Some(&issue) = issue_keys.get(r.get(1)) else {
            report.unknown(r.line, r.column(1), "#M", "issue", r.get(1), &issue_keys);
            continue;
        };
        match fields::number(r.get(2)) {
            Ok(at) => {
                let label = match one_line(r.get(3)) {
                    l if l.is_empty() => format_number(at),
                    l => l,
                };
                points[issue].push(ScaleLabel { at, label });
            }
            Err(e) => report.add(r.line, r.column(2), "#M position", format!("position {e}")),
        }
    }
    for (n, (issue, mut labels)) in issues.iter_mut().zip(points).enumerate() {
        labels.sort_by(|a, b| a.at.total_cmp(&b.at));
        let lowest = labels.first().map_or(0.0, |l| l.at);
        let highest = labels.last().map_or(100.0, |l| l.at);
        let (min, max) = if lowest < highest {
            (lowest, highest)
        } else {
            // One point (or none) does not make a scale: 0–100 around it.
            (lowest.min(0.0), highest.max(100.0))
        };
        if !(max - min).is_finite() {
            // Both ends are finite, the width between them is not
            // (-1e308 to 1e308): every distance on it would be NaN.
            // Reported on the #M line of the highest point.
            let at = m_recs
                .iter()
                .find(|r| {
                    issue_keys.get(r.get(1)) == Some(&n) && fields::number(r.get(2)) == Ok(max)
                })
                .map_or((0, 0), |r| (r.line, r.column(2)));
            report.add(
                at.0,
                at.1,
                "#M position",
                format!(
                    "the scale of issue {} runs from {:e} to {:e}, a width too large to compute with",
                    quoted(&issue.title),
                    min,
                    max
                ),
            );
        }
        issue.scale = Some(Scale {
            min,
            max,
            labels,
            status_quo: None,
        });
    }

    // Actors.
    // Ids are unique among actors and among issues, not across both.
    let mut actor_ids = Ids::default();
    let mut actor_keys: HashMap<String, usize> = HashMap::new();
    let mut actors = Vec::new();
    // One position slot per actor and issue, while the lines come in.
    let mut slots: Vec<Vec<Option<Position>>> = Vec::new();
    for r in &a_recs {
        let key = r.get(1);
        if one_line(key).is_empty() {
            report.add(r.line, r.column(1), "#A", "the actor key is empty");
            continue;
        }
        if let Some(&first) = actor_keys.get(key) {
            report.add(
                r.line,
                r.column(1),
                "#A",
                format!(
                    "duplicate actor key {} (first on line {})",
                    quoted(key),
                    a_recs[first].line
                ),
            );
            continue;
        }
        actor_keys.insert(key.to_string(), actors.len());
        actors.push(actor(
            actor_ids.id(key, "actor"),
            key,
            r.get(2),
            text(r.get(3)),
        ));
        slots.push(vec![None; issues.len()]);
    }

    // Positions.
    let mut first_line: HashMap<(usize, usize), usize> = HashMap::new();
    for r in &d_recs {
        let actor = actor_keys.get(r.get(1)).copied();
        if actor.is_none() {
            report.unknown(
                r.line,
                r.column(1),
                "#D actor",
                "actor",
                r.get(1),
                &actor_keys,
            );
        }
        let issue = issue_keys.get(r.get(2)).copied();
        if issue.is_none() {
            report.unknown(
                r.line,
                r.column(2),
                "#D issue",
                "issue",
                r.get(2),
                &issue_keys,
            );
        }
        let value = match fields::number(r.get(3)) {
            Err(e) => {
                report.add(r.line, r.column(3), "#D position", format!("position {e}"));
                None
            }
            Ok(x) => match issue.and_then(|i| issues[i].scale.as_ref()) {
                Some(s) if !(s.min..=s.max).contains(&x) => {
                    report.add(
                        r.line,
                        r.column(3),
                        "#D position",
                        format!(
                            "position {} is outside the scale of issue {} ({}..={}{})",
                            format_number(x),
                            quoted(r.get(2)),
                            format_number(s.min),
                            format_number(s.max),
                            if s.labels.len() > 1 {
                                ", from its #M lines"
                            } else {
                                ", as it has fewer than two #M lines"
                            }
                        ),
                    );
                    None
                }
                _ => Some(x),
            },
        };
        let salience = match fields::number(r.get(4)) {
            Ok(s) if (0.0..=1.0).contains(&s) => Some(s),
            Ok(s) => {
                report.add(
                    r.line,
                    r.column(4),
                    "#D salience",
                    format!("salience {} is outside 0..=1", format_number(s)),
                );
                None
            }
            Err(e) => {
                report.add(r.line, r.column(4), "#D salience", format!("salience {e}"));
                None
            }
        };
        let power = match fields::number(r.get(5)) {
            Ok(p) if p >= 0.0 => Some(p),
            Ok(p) => {
                report.add(
                    r.line,
                    r.column(5),
                    "#D power",
                    format!("power {} is negative; power is 0 or more", format_number(p)),
                );
                None
            }
            Err(e) => {
                report.add(r.line, r.column(5), "#D power", format!("power {e}"));
                None
            }
        };
        let (Some(a), Some(i), Some(value), Some(salience), Some(power)) =
            (actor, issue, value, salience, power)
        else {
            continue;
        };
        if let Some(first) = first_line.insert((a, i), r.line) {
            report.add(
                r.line,
                1,
                "#D",
                format!(
                    "a second position of actor {} on issue {} (the first is on line {first})",
                    quoted(r.get(1)),
                    quoted(r.get(2))
                ),
            );
            continue;
        }
        let summary = text(r.get(6)).map(String::into_boxed_str);
        let mut p = Position::new(value, None).with_notes(Some(power), summary, Box::default());
        p.salience = salience;
        slots[a][i] = Some(p);
    }
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
