//! The long CSV (RFC 4180): a header naming the columns in any order and
//! case, then one row per position.
//!
//! ```text
//! actor,issue,position,salience,power,basis,red_line,summary,quote,speaker,date,source
//! ```
//!
//! `actor`, `issue` and `position` are required; an empty cell is the same
//! as an absent column. An issue whose positions are all stance words is a
//! stance issue; otherwise it is numeric, on [min(0, lowest), max(100,
//! highest)]. Read as a stream, one record at a time, so a million rows
//! cost their positions and nothing more.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use super::build::{Ids, Report, actor, finish, one_line, quoted, text};
use super::fields;
use crate::model::error::{LoadError, Origin};
use crate::model::types::{
    Basis, Evidence, Issue, Model, Position, Scale, Source, Stance, format_number,
};
use crate::model::{MAX_MODEL_BYTES, did_you_mean, is_date};
use crate::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Actor,
    Issue,
    Position,
    Salience,
    Power,
    Basis,
    RedLine,
    Summary,
    Quote,
    Speaker,
    Date,
    Source,
}

const COLUMNS: [(&str, Col); 12] = [
    ("actor", Col::Actor),
    ("issue", Col::Issue),
    ("position", Col::Position),
    ("salience", Col::Salience),
    ("power", Col::Power),
    ("basis", Col::Basis),
    ("red_line", Col::RedLine),
    ("summary", Col::Summary),
    ("quote", Col::Quote),
    ("speaker", Col::Speaker),
    ("date", Col::Date),
    ("source", Col::Source),
];

/// A header cell as a column name: any case, spaces and `-` as `_`.
fn normal(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

fn column(name: &str) -> Option<Col> {
    let n = normal(name);
    COLUMNS.iter().find(|(c, _)| *c == n).map(|&(_, c)| c)
}

/// The separator of a header line that names `actor`, `issue` and
/// `position`: `,`, or `;` or a tab as some spreadsheets write.
fn header_separator(line: &str) -> Option<char> {
    [',', ';', '\t'].into_iter().find(|&sep| {
        fields::split(line, sep).is_ok_and(|f| {
            let cols: Vec<Option<Col>> = f.iter().map(|f| column(&f.text)).collect();
            [Col::Actor, Col::Issue, Col::Position]
                .iter()
                .all(|c| cols.contains(&Some(*c)))
        })
    })
}

pub(super) fn is_header(line: &str) -> bool {
    header_separator(line).is_some()
}

/// What an issue's positions were, to decide its kind at the end.
#[derive(Default)]
struct Seen {
    /// The line of the first number, if any.
    number_line: Option<u64>,
    lowest: f64,
    highest: f64,
    /// The lines of stance words (an error once a number is seen).
    words: Vec<(u64, Stance)>,
}

fn flag(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

pub(super) fn read(reader: impl Read, origin: &Origin, title: &str) -> Result<Model, LoadError> {
    let io = |source| LoadError::Io {
        origin: origin.clone(),
        source,
    };
    let mut input = BufReader::with_capacity(256 * 1024, reader.take(MAX_MODEL_BYTES + 1));
    let mut first = Vec::new();
    input.read_until(b'\n', &mut first).map_err(io)?;
    let first_text =
        String::from_utf8_lossy(first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&first)).into_owned();
    let mut report = Report::default();
    let sep = header_separator(&first_text).unwrap_or(',');
    let body = std::io::Cursor::new(first).chain(input);
    let mut csv = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .delimiter(sep as u8)
        .buffer_capacity(256 * 1024)
        .from_reader(body);

    let mut record = ::csv::ByteRecord::new();
    let read = |csv: &mut ::csv::Reader<_>, record: &mut ::csv::ByteRecord| {
        csv.read_byte_record(record)
            .map_err(|e| match e.into_kind() {
                ::csv::ErrorKind::Io(source) => io(source),
                _ => LoadError::Io {
                    origin: origin.clone(),
                    source: std::io::Error::other("the CSV could not be read"),
                },
            })
    };

    // The header.
    if !read(&mut csv, &mut record)? {
        return Err(LoadError::Empty {
            origin: origin.clone(),
        });
    }
    let mut cols: Vec<Option<Col>> = Vec::with_capacity(record.len());
    for cell in record.iter() {
        let cell = String::from_utf8_lossy(cell);
        let cell = cell.trim_start_matches('\u{feff}');
        let col = column(cell);
        match col {
            None if cell.trim().is_empty() => {}
            None => {
                let names = COLUMNS.map(|(n, _)| n);
                let hint = did_you_mean(&normal(cell), names)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("; the columns are {}", names.join(", ")));
                report.add(
                    1,
                    0,
                    "header",
                    format!("unknown column {}{hint}", quoted(cell)),
                );
            }
            Some(c) if cols.contains(&Some(c)) => {
                report.add(
                    1,
                    0,
                    "header",
                    format!("column {} appears twice", quoted(cell)),
                );
            }
            Some(_) => {}
        }
        cols.push(col);
    }
    let index = |c: Col| cols.iter().position(|&x| x == Some(c));
    let [actor_col, issue_col, position_col] = [Col::Actor, Col::Issue, Col::Position].map(index);
    let (Some(actor_col), Some(issue_col), Some(position_col)) =
        (actor_col, issue_col, position_col)
    else {
        report.add(
            1,
            0,
            "header",
            "the header needs `actor`, `issue` and `position` columns",
        );
        return finish(origin, report, String::new(), None, vec![], vec![], vec![]);
    };
    let at = |c: Col| index(c);
    let (salience_col, power_col, basis_col, red_col) = (
        at(Col::Salience),
        at(Col::Power),
        at(Col::Basis),
        at(Col::RedLine),
    );
    let (summary_col, quote_col, speaker_col, date_col, source_col) = (
        at(Col::Summary),
        at(Col::Quote),
        at(Col::Speaker),
        at(Col::Date),
        at(Col::Source),
    );
    let width = cols.len();

    let mut actor_ids = Ids::default();
    let mut issue_ids = Ids::default();
    let mut source_ids = Ids::default();
    let mut actor_keys: HashMap<String, usize> = HashMap::new();
    let mut issue_keys: HashMap<String, usize> = HashMap::new();
    let mut source_keys: HashMap<String, usize> = HashMap::new();
    let mut actors = Vec::new();
    // One position slot per actor and issue, while the rows come in.
    let mut slots: Vec<Vec<Option<Position>>> = Vec::new();
    let mut issues: Vec<Issue> = Vec::new();
    let mut seen: Vec<Seen> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    // Rows usually come grouped by actor: skip the lookup for a repeat.
    let mut last_actor: Option<(Vec<u8>, usize)> = None;

    while read(&mut csv, &mut record)? {
        let line = record.position().map_or(0, ::csv::Position::line);
        let line_no = usize::try_from(line).unwrap_or(usize::MAX);
        if record.iter().all(<[u8]>::is_empty) {
            continue;
        }
        let extra = record.iter().skip(width).any(|f| !f.is_empty());
        if record.len() < width || extra {
            report.add(
                line_no,
                0,
                "row",
                format!(
                    "wrong field count: {} fields, the header has {width}",
                    record.len()
                ),
            );
            continue;
        }
        let mut cells: Vec<&str> = Vec::with_capacity(width);
        let mut bad_utf8 = false;
        for (i, f) in record.iter().take(width).enumerate() {
            match std::str::from_utf8(f) {
                Ok(s) => cells.push(s),
                Err(e) => {
                    let name = cols[i].map_or("column", |c| COLUMNS[c as usize].0);
                    report.add(
                        line_no,
                        0,
                        name,
                        format!(
                            "not UTF-8 text (byte 0x{:02X}); save the file as UTF-8",
                            f.get(e.valid_up_to()).copied().unwrap_or(0)
                        ),
                    );
                    bad_utf8 = true;
                    cells.push("");
                }
            }
        }
        if bad_utf8 {
            continue;
        }
        let cell = |c: Option<usize>| c.map_or("", |i| cells[i]);
        let mut ok = true;

        // Actor and issue: new keys make new actors and issues.
        let actor_key = cells[actor_col];
        let issue_key = cells[issue_col];
        if one_line(actor_key).is_empty() {
            report.add(line_no, 0, "actor", "the actor is empty");
            ok = false;
        }
        if one_line(issue_key).is_empty() {
            report.add(line_no, 0, "issue", "the issue is empty");
            ok = false;
        }
        if !ok {
            continue;
        }
        let a = match &last_actor {
            Some((k, a)) if k.as_slice() == actor_key.as_bytes() => *a,
            _ => {
                let a = match actor_keys.get(actor_key) {
                    Some(&a) => a,
                    None => {
                        let a = actors.len();
                        actors.push(actor(
                            actor_ids.id(actor_key, "actor"),
                            actor_key,
                            actor_key,
                            None,
                        ));
                        actor_keys.insert(actor_key.to_string(), a);
                        a
                    }
                };
                last_actor = Some((actor_key.as_bytes().to_vec(), a));
                a
            }
        };
        let i = match issue_keys.get(issue_key) {
            Some(&i) => i,
            None => {
                let i = issues.len();
                let title = one_line(issue_key);
                issues.push(Issue {
                    id: issue_ids.id(issue_key, "issue"),
                    title,
                    short: None,
                    description: None,
                    tags: Vec::new(),
                    scale: None,
                    outcome: None,
                });
                seen.push(Seen::default());
                issue_keys.insert(issue_key.to_string(), i);
                i
            }
        };

        // The position: a number, or a stance word.
        let raw = cells[position_col];
        let word = raw
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            .then(|| Stance::from_word(&raw.to_ascii_lowercase()))
            .flatten();
        let (value, stance) = if let Some(s) = word {
            seen[i].words.push((line, s));
            (f64::from(s.value()), Some(s))
        } else {
            match fields::number(raw) {
                Ok(x) => {
                    let s = &mut seen[i];
                    if s.number_line.is_none() {
                        s.number_line = Some(line);
                        (s.lowest, s.highest) = (x, x);
                    }
                    s.lowest = s.lowest.min(x);
                    s.highest = s.highest.max(x);
                    (x, None)
                }
                Err(e) => {
                    let words = Stance::ALL.map(Stance::word);
                    let hint = did_you_mean(raw, words)
                        .map(|w| format!("; did you mean `{w}`?"))
                        .unwrap_or_else(|| {
                            "; expected a number or a stance (demands, supports, neutral, opposes, rejects)".into()
                        });
                    report.add(line_no, 0, "position", format!("position {e}{hint}"));
                    ok = false;
                    (0.0, None)
                }
            }
        };
        let salience = match cell(salience_col) {
            "" => 1.0,
            s => match fields::number(s) {
                Ok(s) if (0.0..=1.0).contains(&s) => s,
                Ok(s) => {
                    report.add(
                        line_no,
                        0,
                        "salience",
                        format!("salience {} is outside 0..=1", format_number(s)),
                    );
                    ok = false;
                    0.0
                }
                Err(e) => {
                    report.add(line_no, 0, "salience", format!("salience {e}"));
                    ok = false;
                    0.0
                }
            },
        };
        let power = match cell(power_col) {
            "" => None,
            p => match fields::number(p) {
                Ok(p) if p >= 0.0 => Some(p),
                Ok(p) => {
                    report.add(
                        line_no,
                        0,
                        "power",
                        format!("power {} is negative; power is 0 or more", format_number(p)),
                    );
                    ok = false;
                    None
                }
                Err(e) => {
                    report.add(line_no, 0, "power", format!("power {e}"));
                    ok = false;
                    None
                }
            },
        };
        let basis = match cell(basis_col) {
            "" => Basis::Stated,
            b => match Basis::from_word(&b.to_ascii_lowercase()) {
                Some(b) => b,
                None => {
                    report.add(
                        line_no,
                        0,
                        "basis",
                        format!(
                            "unknown basis {}; expected stated, reported or inferred",
                            quoted(b)
                        ),
                    );
                    ok = false;
                    Basis::Stated
                }
            },
        };
        let red_line = match cell(red_col) {
            "" => false,
            r => flag(r).unwrap_or_else(|| {
                report.add(
                    line_no,
                    0,
                    "red_line",
                    format!(
                        "red_line {} is not true or false (or yes/no, 1/0)",
                        quoted(r)
                    ),
                );
                ok = false;
                false
            }),
        };
        // Most rows have no quote: no allocation for the empty cells.
        let quote = Some(cell(quote_col))
            .filter(|q| !q.is_empty())
            .and_then(text);
        let speaker = Some(cell(speaker_col))
            .filter(|s| !s.is_empty())
            .map(sanitize::line)
            .filter(|s| !s.trim().is_empty());
        let date = Some(cell(date_col)).filter(|d| !d.is_empty());
        let source_key = cell(source_col);
        if !source_key.is_empty() && one_line(source_key).is_empty() {
            report.add(line_no, 0, "source", "the source has no printable text");
            ok = false;
        }
        if quote.is_none() && (speaker.is_some() || date.is_some() || !source_key.is_empty()) {
            report.add(
                line_no,
                0,
                "quote",
                "`speaker`, `date` and `source` describe a quote: the row has no `quote`",
            );
            ok = false;
        }
        if let Some(d) = date
            && !is_date(d)
        {
            report.add(
                line_no,
                0,
                "date",
                format!(
                    "date {} is not YYYY, YYYY-MM or YYYY-MM-DD (or no such day)",
                    quoted(d)
                ),
            );
            ok = false;
        }
        if !ok {
            continue;
        }
        let source = (!source_key.is_empty()).then(|| match source_keys.get(source_key) {
            Some(&s) => s,
            None => {
                let s = sources.len();
                sources.push(Source {
                    id: source_ids.id(source_key, "source"),
                    title: one_line(source_key),
                    author: None,
                    date: None,
                    url: None,
                });
                source_keys.insert(source_key.to_string(), s);
                s
            }
        });
        let evidence: Box<[Evidence]> = match quote {
            Some(quote) => Box::new([Evidence {
                quote,
                speaker,
                date: date.map(sanitize::line),
                source,
            }]),
            None => Box::default(),
        };
        if slots.len() <= a {
            slots.resize_with(a + 1, Vec::new);
        }
        let positions = &mut slots[a];
        if positions.len() <= i {
            positions.resize(i + 1, None);
        }
        if positions[i].is_some() {
            report.add(
                line_no,
                0,
                "row",
                format!(
                    "a second position of {} on {}: one row per actor and issue",
                    quoted(actor_key),
                    quoted(issue_key)
                ),
            );
            continue;
        }
        let summary = Some(cell(summary_col))
            .filter(|s| !s.is_empty())
            .and_then(text)
            .map(String::into_boxed_str);
        let mut p = Position::new(value, stance).with_notes(power, summary, evidence);
        p.basis = basis;
        p.red_line = red_line;
        p.salience = salience;
        positions[i] = Some(p);
    }

    // Each issue's kind, now that all its positions are in.
    for (issue, s) in issues.iter_mut().zip(&seen) {
        let Some(number_line) = s.number_line else {
            continue; // all stance words: a stance issue
        };
        let (min, max) = (s.lowest.min(0.0), s.highest.max(100.0));
        if !(max - min).is_finite() {
            // Both ends are finite, the width between them is not
            // (-1e308 to 1e308): every distance on it would be NaN.
            report.add(
                usize::try_from(number_line).unwrap_or(usize::MAX),
                0,
                "position",
                format!(
                    "the positions on issue {} run from {:e} to {:e}, a width too large to compute with",
                    quoted(&issue.title),
                    min,
                    max
                ),
            );
        }
        issue.scale = Some(Scale {
            min,
            max,
            labels: Vec::new(),
            status_quo: None,
        });
        for &(line, word) in &s.words {
            report.add(
                usize::try_from(line).unwrap_or(usize::MAX),
                0,
                "position",
                format!(
                    "position `{word}` is a stance, but issue {} is numeric (a number on line {number_line}): write a number",
                    quoted(&issue.title)
                ),
            );
        }
    }
    for (a, slots) in actors.iter_mut().zip(slots) {
        a.set_positions(slots);
    }
    finish(
        origin,
        report,
        title.to_string(),
        None,
        sources,
        issues,
        actors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_any_order_case_and_separator() {
        assert!(is_header("actor,issue,position"));
        assert!(is_header("Position;ISSUE;Actor;Red line"));
        assert!(is_header("\"actor\"\t\"issue\"\t\"position\""));
        assert!(!is_header("actor,issue,stance"));
        assert_eq!(column("Red-Line"), Some(Col::RedLine));
    }
}
