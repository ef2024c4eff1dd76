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
use crate::model::check;
use crate::model::error::{LoadError, Origin};
use crate::model::types::{Basis, Evidence, Issue, Model, Position, Scale, Source, Stance};
use crate::model::{MAX_MODEL_BYTES, did_you_mean};
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

fn flag(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// Reads the file: its header, then each row into the tables, which make
/// the model at the end.
pub(super) fn read(reader: impl Read, origin: &Origin, title: &str) -> Result<Model, LoadError> {
    let mut input = Input {
        csv: open(reader, origin)?,
        origin,
    };
    let mut record = ::csv::ByteRecord::new();
    if !input.next(&mut record)? {
        return Err(LoadError::Empty {
            origin: origin.clone(),
        });
    }
    let mut report = Report::default();
    let Some(header) = Header::read(&record, &mut report) else {
        return finish(origin, report, String::new(), None, vec![], vec![], vec![]);
    };
    let mut tables = Tables::default();
    while input.next(&mut record)? {
        let line = record.position().map_or(0, ::csv::Position::line);
        let Some(cells) = header.cells(&record, line, &mut report) else {
            continue;
        };
        if let Some(row) = Row::read(&cells, &header, line, &mut report) {
            tables.add(row, line, &mut report);
        }
    }
    tables.finish(origin, report, title)
}

/// The CSV reader over the file, with the separator its first line uses.
fn open(reader: impl Read, origin: &Origin) -> Result<::csv::Reader<impl Read>, LoadError> {
    let mut input = BufReader::with_capacity(256 * 1024, reader.take(MAX_MODEL_BYTES + 1));
    let mut first = Vec::new();
    input
        .read_until(b'\n', &mut first)
        .map_err(|source| io(origin, source))?;
    let first_text =
        String::from_utf8_lossy(first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&first)).into_owned();
    let sep = header_separator(&first_text).unwrap_or(',');
    let body = std::io::Cursor::new(first).chain(input);
    Ok(::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .delimiter(sep as u8)
        .buffer_capacity(256 * 1024)
        .from_reader(body))
}

/// The records of the file, and the file's name for its read errors.
struct Input<'o, R> {
    csv: ::csv::Reader<R>,
    origin: &'o Origin,
}

impl<R: Read> Input<'_, R> {
    /// The next record into `record`; false at the end of the file.
    fn next(&mut self, record: &mut ::csv::ByteRecord) -> Result<bool, LoadError> {
        self.csv
            .read_byte_record(record)
            .map_err(|e| match e.into_kind() {
                ::csv::ErrorKind::Io(source) => io(self.origin, source),
                _ => io(
                    self.origin,
                    std::io::Error::other("the CSV could not be read"),
                ),
            })
    }
}

fn io(origin: &Origin, source: std::io::Error) -> LoadError {
    LoadError::Io {
        origin: origin.clone(),
        source,
    }
}

/// The columns the header names, and where each known one is.
struct Header {
    cols: Vec<Option<Col>>,
    actor: usize,
    issue: usize,
    position: usize,
    salience: Option<usize>,
    power: Option<usize>,
    basis: Option<usize>,
    red_line: Option<usize>,
    summary: Option<usize>,
    quote: Option<usize>,
    speaker: Option<usize>,
    date: Option<usize>,
    source: Option<usize>,
}

impl Header {
    /// The header row, reporting unknown and repeated columns; `None`
    /// when a required column is missing.
    fn read(record: &::csv::ByteRecord, report: &mut Report) -> Option<Header> {
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
                    let message = format!("unknown column {}{hint}", quoted(cell));
                    report.add(1, 0, "header", message);
                }
                Some(c) if cols.contains(&Some(c)) => {
                    let message = format!("column {} appears twice", quoted(cell));
                    report.add(1, 0, "header", message);
                }
                Some(_) => {}
            }
            cols.push(col);
        }
        let at = |c: Col| cols.iter().position(|&x| x == Some(c));
        let (Some(actor), Some(issue), Some(position)) =
            (at(Col::Actor), at(Col::Issue), at(Col::Position))
        else {
            let message = "the header needs `actor`, `issue` and `position` columns";
            report.add(1, 0, "header", message);
            return None;
        };
        Some(Header {
            actor,
            issue,
            position,
            salience: at(Col::Salience),
            power: at(Col::Power),
            basis: at(Col::Basis),
            red_line: at(Col::RedLine),
            summary: at(Col::Summary),
            quote: at(Col::Quote),
            speaker: at(Col::Speaker),
            date: at(Col::Date),
            source: at(Col::Source),
            cols,
        })
    }

    /// A row's cells as text, one per column; `None` for an empty row and,
    /// reported, for a row of the wrong width or not UTF-8.
    fn cells<'r>(
        &self,
        record: &'r ::csv::ByteRecord,
        line: u64,
        report: &mut Report,
    ) -> Option<Vec<&'r str>> {
        let line_no = usize::try_from(line).unwrap_or(usize::MAX);
        let width = self.cols.len();
        if record.iter().all(<[u8]>::is_empty) {
            return None;
        }
        let extra = record.iter().skip(width).any(|f| !f.is_empty());
        if record.len() < width || extra {
            let message = format!(
                "wrong field count: {} fields, the header has {width}",
                record.len()
            );
            report.add(line_no, 0, "row", message);
            return None;
        }
        let mut cells: Vec<&str> = Vec::with_capacity(width);
        let mut bad_utf8 = false;
        for (i, f) in record.iter().take(width).enumerate() {
            match std::str::from_utf8(f) {
                Ok(s) => cells.push(s),
                Err(e) => {
                    let name = self.cols[i].map_or("column", |c| COLUMNS[c as usize].0);
                    let message = format!(
                        "not UTF-8 text (byte 0x{:02X}); save the file as UTF-8",
                        f.get(e.valid_up_to()).copied().unwrap_or(0)
                    );
                    report.add(line_no, 0, name, message);
                    bad_utf8 = true;
                    cells.push("");
                }
            }
        }
        (!bad_utf8).then_some(cells)
    }
}

/// A row as read: its actor and issue, and its position and notes where
/// they are valid (each problem is reported as it is found).
struct Row<'a> {
    actor: &'a str,
    issue: &'a str,
    value: Option<Value>,
    notes: Option<Notes<'a>>,
}

/// A position as written: a stance word or a number.
#[derive(Clone, Copy)]
enum Value {
    Word(Stance),
    Number(f64),
}

/// Everything on a row besides the actor, issue and position.
struct Notes<'a> {
    salience: f64,
    power: Option<f64>,
    basis: Basis,
    red_line: bool,
    summary: &'a str,
    quote: Option<String>,
    speaker: Option<String>,
    date: Option<&'a str>,
    source: &'a str,
}

impl<'a> Row<'a> {
    /// `None` when the actor or the issue is empty (reported).
    fn read(cells: &[&'a str], h: &Header, line: u64, report: &mut Report) -> Option<Row<'a>> {
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        let (actor, issue) = (cells[h.actor], cells[h.issue]);
        let mut ok = true;
        if one_line(actor).is_empty() {
            report.add(line, 0, "actor", "the actor is empty");
            ok = false;
        }
        if one_line(issue).is_empty() {
            report.add(line, 0, "issue", "the issue is empty");
            ok = false;
        }
        if !ok {
            return None;
        }
        let value = position(cells[h.position], line, report);
        let notes = notes(cells, h, line, report);
        Some(Row {
            actor,
            issue,
            value,
            notes,
        })
    }
}

/// The position: a stance word, or a number.
fn position(raw: &str, line: usize, report: &mut Report) -> Option<Value> {
    let word = raw
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        .then(|| Stance::from_word(&raw.to_ascii_lowercase()))
        .flatten();
    if let Some(s) = word {
        return Some(Value::Word(s));
    }
    match check::number("position", raw) {
        Ok(x) => Some(Value::Number(x)),
        Err(e) => {
            let words = Stance::ALL.map(Stance::word);
            let hint = did_you_mean(raw, words)
                .map(|w| format!("; did you mean `{w}`?"))
                .unwrap_or_else(|| {
                    "; expected a number or a stance (demands, supports, neutral, opposes, rejects)"
                        .into()
                });
            report.add(line, 0, "position", format!("{e}{hint}"));
            None
        }
    }
}

/// The row's other cells, each checked; `None` if any is invalid.
fn notes<'a>(cells: &[&'a str], h: &Header, line: usize, report: &mut Report) -> Option<Notes<'a>> {
    let cell = |c: Option<usize>| c.map_or("", |i| cells[i]);
    let mut ok = true;
    let mut checked = |result: Result<f64, String>, field: &str| {
        result
            .map_err(|message| {
                report.add(line, 0, field, message);
                ok = false;
            })
            .ok()
    };
    let salience = match cell(h.salience) {
        "" => Some(1.0),
        s => checked(
            check::number("salience", s).and_then(|s| check::salience(s, 1.0)),
            "salience",
        ),
    };
    let power = match cell(h.power) {
        "" => None,
        p => checked(
            check::number("power", p).and_then(|p| check::power("power", p)),
            "power",
        ),
    };
    let basis = match cell(h.basis) {
        "" => Basis::Stated,
        b => Basis::from_word(&b.to_ascii_lowercase()).unwrap_or_else(|| {
            let message = format!(
                "unknown basis {}; expected stated, reported or inferred",
                quoted(b)
            );
            report.add(line, 0, "basis", message);
            ok = false;
            Basis::Stated
        }),
    };
    let red_line = match cell(h.red_line) {
        "" => false,
        r => flag(r).unwrap_or_else(|| {
            let message = format!(
                "red_line {} is not true or false (or yes/no, 1/0)",
                quoted(r)
            );
            report.add(line, 0, "red_line", message);
            ok = false;
            false
        }),
    };
    // Most rows have no quote: no allocation for the empty cells.
    let quote = Some(cell(h.quote)).filter(|q| !q.is_empty()).and_then(text);
    let speaker = Some(cell(h.speaker))
        .filter(|s| !s.is_empty())
        .map(sanitize::line)
        .filter(|s| !s.trim().is_empty());
    let date = Some(cell(h.date)).filter(|d| !d.is_empty());
    let source = cell(h.source);
    if !source.is_empty() && one_line(source).is_empty() {
        report.add(line, 0, "source", "the source has no printable text");
        ok = false;
    }
    if quote.is_none() && (speaker.is_some() || date.is_some() || !source.is_empty()) {
        let message = "`speaker`, `date` and `source` describe a quote: the row has no `quote`";
        report.add(line, 0, "quote", message);
        ok = false;
    }
    if let Some(Err(message)) = date.map(check::date) {
        report.add(line, 0, "date", message);
        ok = false;
    }
    Some(Notes {
        salience: salience?,
        power,
        basis,
        red_line,
        summary: cell(h.summary),
        quote,
        speaker,
        date,
        source,
    })
    .filter(|_| ok)
}

/// What an issue's positions were, to decide its kind at the end.
#[derive(Default)]
struct Seen {
    /// The line of the first number, if any.
    number_line: Option<u64>,
    lowest: f64,
    highest: f64,
    /// The lines of the lowest and the highest number.
    lowest_line: u64,
    highest_line: u64,
    /// The lines of stance words (an error once a number is seen).
    words: Vec<(u64, Stance)>,
}

impl Seen {
    fn add(&mut self, value: Value, line: u64) {
        match value {
            Value::Word(s) => self.words.push((line, s)),
            Value::Number(x) => {
                if self.number_line.is_none() {
                    self.number_line = Some(line);
                    (self.lowest, self.highest) = (x, x);
                    (self.lowest_line, self.highest_line) = (line, line);
                }
                if x < self.lowest {
                    (self.lowest, self.lowest_line) = (x, line);
                }
                if x > self.highest {
                    (self.highest, self.highest_line) = (x, line);
                }
            }
        }
    }
}

/// The actors, issues and sources the rows have named so far, and each
/// actor's positions.
#[derive(Default)]
struct Tables {
    actor_ids: Ids,
    issue_ids: Ids,
    source_ids: Ids,
    actor_keys: HashMap<String, usize>,
    issue_keys: HashMap<String, usize>,
    source_keys: HashMap<String, usize>,
    actors: Vec<crate::model::types::Actor>,
    /// One position slot per actor and issue, while the rows come in.
    slots: Vec<Vec<Option<Position>>>,
    issues: Vec<Issue>,
    seen: Vec<Seen>,
    sources: Vec<Source>,
    /// Rows usually come grouped by actor: the lookup is skipped for a
    /// repeat.
    last_actor: Option<(Vec<u8>, usize)>,
}

impl Tables {
    /// Adds a row: its actor and issue (new keys make new ones), and its
    /// position when the row is valid.
    fn add(&mut self, row: Row<'_>, line: u64, report: &mut Report) {
        let a = self.actor(row.actor);
        let i = self.issue(row.issue);
        if let Some(value) = row.value {
            self.seen[i].add(value, line);
        }
        let (Some(value), Some(notes)) = (row.value, row.notes) else {
            return;
        };
        let source = (!notes.source.is_empty()).then(|| self.source(notes.source));
        let evidence: Box<[Evidence]> = match notes.quote {
            Some(quote) => Box::new([Evidence {
                quote,
                speaker: notes.speaker,
                date: notes.date.map(sanitize::line),
                source,
            }]),
            None => Box::default(),
        };
        if self.slots.len() <= a {
            self.slots.resize_with(a + 1, Vec::new);
        }
        let positions = &mut self.slots[a];
        if positions.len() <= i {
            positions.resize(i + 1, None);
        }
        if positions[i].is_some() {
            let line = usize::try_from(line).unwrap_or(usize::MAX);
            report.add(line, 0, "row", check::second_position(row.actor, row.issue));
            return;
        }
        let summary = Some(notes.summary)
            .filter(|s| !s.is_empty())
            .and_then(text)
            .map(String::into_boxed_str);
        let (value, stance) = match value {
            Value::Word(s) => (f64::from(s.value()), Some(s)),
            Value::Number(x) => (x, None),
        };
        let mut p = Position::new(value, stance).with_notes(notes.power, summary, evidence);
        p.basis = notes.basis;
        p.red_line = notes.red_line;
        p.salience = notes.salience;
        positions[i] = Some(p);
    }

    fn actor(&mut self, key: &str) -> usize {
        if let Some((k, a)) = &self.last_actor
            && k.as_slice() == key.as_bytes()
        {
            return *a;
        }
        let a = match self.actor_keys.get(key) {
            Some(&a) => a,
            None => {
                let a = self.actors.len();
                let id = self.actor_ids.id(key, "actor");
                self.actors.push(actor(id, key, key, None));
                self.actor_keys.insert(key.to_string(), a);
                a
            }
        };
        self.last_actor = Some((key.as_bytes().to_vec(), a));
        a
    }

    fn issue(&mut self, key: &str) -> usize {
        if let Some(&i) = self.issue_keys.get(key) {
            return i;
        }
        let i = self.issues.len();
        self.issues.push(Issue {
            id: self.issue_ids.id(key, "issue"),
            title: one_line(key),
            short: None,
            description: None,
            tags: Vec::new(),
            scale: None,
            outcome: None,
        });
        self.seen.push(Seen::default());
        self.issue_keys.insert(key.to_string(), i);
        i
    }

    fn source(&mut self, key: &str) -> usize {
        if let Some(&s) = self.source_keys.get(key) {
            return s;
        }
        let s = self.sources.len();
        self.sources.push(Source {
            id: self.source_ids.id(key, "source"),
            title: one_line(key),
            author: None,
            date: None,
            url: None,
        });
        self.source_keys.insert(key.to_string(), s);
        s
    }

    /// Each issue's kind, now that all its positions are in, and the model.
    fn finish(
        mut self,
        origin: &Origin,
        mut report: Report,
        title: &str,
    ) -> Result<Model, LoadError> {
        let line_no = |line: u64| usize::try_from(line).unwrap_or(usize::MAX);
        for (issue, s) in self.issues.iter_mut().zip(&self.seen) {
            let Some(number_line) = s.number_line else {
                continue; // all stance words: a stance issue
            };
            let (min, max) = (s.lowest.min(0.0), s.highest.max(100.0));
            if let Err(message) = check::span(&issue.title, min, max) {
                let line = s.lowest_line.max(s.highest_line);
                report.add(line_no(line), 0, "position", message);
            }
            issue.scale = Some(Scale {
                min,
                max,
                labels: Vec::new(),
                status_quo: None,
            });
            for &(line, word) in &s.words {
                let message = format!(
                    "position `{word}` is a stance, but issue {} is numeric (a number on line {number_line}): write a number",
                    quoted(&issue.title)
                );
                report.add(line_no(line), 0, "position", message);
            }
        }
        for (a, slots) in self.actors.iter_mut().zip(self.slots) {
            a.set_positions(slots);
        }
        let title = title.to_string();
        let (sources, issues, actors) = (self.sources, self.issues, self.actors);
        finish(origin, report, title, None, sources, issues, actors)
    }
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
