//! Splitting a line of a Decide or KTAB file into fields: one separator per
//! file, each field optionally quoted with `'` or `"` (a doubled quote
//! inside stands for one), spaces around it trimmed, empty fields at the
//! end of the line dropped. Spreadsheets write all of these.

/// One field and the column (1-based, in characters) where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Field {
    pub text: String,
    pub column: usize,
}

/// Splits `line` at `sep`. An unclosed quote is an error with its column.
/// The separator and the quotes are ASCII, so the line is scanned as bytes
/// and cut only at their boundaries.
pub(super) fn split(line: &str, sep: char) -> Result<Vec<Field>, (usize, String)> {
    let bytes = line.as_bytes();
    let sep = u8::try_from(sep).unwrap_or(b',');
    let column = |at: usize| line[..at].chars().count() + 1;
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i] != sep && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        let text = if i < bytes.len() && (bytes[i] == b'\'' || bytes[i] == b'"') {
            let quote = bytes[i];
            let mut text = String::new();
            i += 1;
            let mut from = i;
            loop {
                match bytes.get(i) {
                    None => {
                        return Err((
                            column(start),
                            format!(
                                "the quote {} opened here is never closed",
                                char::from(quote)
                            ),
                        ));
                    }
                    Some(&b) if b == quote => {
                        text.push_str(&line[from..i]);
                        if bytes.get(i + 1) == Some(&quote) {
                            text.push(char::from(quote));
                            i += 2;
                            from = i;
                        } else {
                            i += 1;
                            break;
                        }
                    }
                    Some(_) => i += 1,
                }
            }
            // Anything between the closing quote and the separator is kept.
            let rest = i;
            while i < bytes.len() && bytes[i] != sep {
                i += 1;
            }
            text.push_str(line[rest..i].trim_end());
            text
        } else {
            while i < bytes.len() && bytes[i] != sep {
                i += 1;
            }
            line[start..i].trim().to_string()
        };
        out.push(Field {
            text,
            column: column(start),
        });
        if i >= bytes.len() {
            break;
        }
        i += 1; // the separator
    }
    while out.last().is_some_and(|f| f.text.is_empty()) {
        out.pop();
    }
    Ok(out)
}

/// A line of nothing but separators and spaces (a spreadsheet's empty row).
pub(crate) fn is_empty_row(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || c == ',' || c == ';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str, sep: char) -> Vec<String> {
        split(line, sep)
            .expect("splits")
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn quotes_padding_and_trailing_fields() {
        assert_eq!(
            texts("#A; 'usa' ;\"United States\";;", ';'),
            ["#A", "usa", "United States"]
        );
        assert_eq!(texts("'People''s Party', x", ','), ["People's Party", "x"]);
        assert_eq!(texts("a\t b \t\t", '\t'), ["a", "b"]);
        assert_eq!(texts("'a, b',c", ','), ["a, b", "c"]);
        assert_eq!(texts("", ','), Vec::<String>::new());
        let cols: Vec<usize> = split("#D; usa;x", ';')
            .expect("splits")
            .iter()
            .map(|f| f.column)
            .collect();
        assert_eq!(cols, [1, 5, 9]);
        assert_eq!(split("a,'b", ',').map_err(|e| e.0), Err(3));
    }
}
