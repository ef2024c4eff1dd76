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
//! highest)] unless its rows declare `min` or `max` (all that do must
//! agree). Read as a stream, one record at a time, so a million rows
//! cost their positions and nothing more.

mod row;
mod tables;

use std::io::{BufRead, BufReader, Read};

use super::build::{Report, finish, quoted};
use super::fields;
use crate::model::error::{LoadError, Origin};
use crate::model::types::Model;
use crate::model::{MAX_MODEL_BYTES, did_you_mean};
use row::Row;
use tables::Tables;

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
    Min,
    Max,
}

const COLUMNS: [(&str, Col); 14] = [
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
    ("min", Col::Min),
    ("max", Col::Max),
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
    min: Option<usize>,
    max: Option<usize>,
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
            min: at(Col::Min),
            max: at(Col::Max),
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
