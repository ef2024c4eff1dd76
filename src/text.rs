//! Display-width aware wrapping and truncation, shared by the exports and the
//! screen. Widths are terminal columns (`unicode-width`), so CJK and emoji
//! count double and combining marks count zero.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Wraps `s` into lines of at most `max` columns, at spaces where possible and
/// inside a word where it is longer than a line. Keeps paragraph breaks
/// (`\n`). Never returns an empty list; with `max == 0`, returns `[""]`.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if max == 0 {
        return vec![String::new()];
    }
    for paragraph in s.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = width(word);
            let gap = usize::from(line_w > 0);
            if line_w + gap + w <= max {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += gap + w;
                continue;
            }
            if line_w > 0 {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if w <= max {
                line.push_str(word);
                line_w = w;
                continue;
            }
            // A word longer than a line: break it between characters.
            for c in word.chars() {
                let cw = char_width(c);
                if line_w + cw > max && line_w > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                if cw > max {
                    // Wider than the whole column (a CJK char in 1 column).
                    line.push('?');
                    line_w += 1;
                } else {
                    line.push(c);
                    line_w += cw;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Cuts `s` to at most `max` columns, ending in `…` when anything was cut.
/// Line breaks become spaces.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max && !s.contains('\n') {
        return s.to_string();
    }
    let flat = s.replace('\n', " ");
    if width(&flat) <= max {
        return flat;
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in flat.chars() {
        let cw = char_width(c);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Cuts `s` to at most `max` columns from the start, keeping its end (where
/// the user is typing) behind a `…`.
pub fn truncate_start(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = char_width(c);
        if w + cw > max - 1 {
            break;
        }
        kept.push(c);
        w += cw;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Pads `s` with spaces to exactly `cols` columns (it must not be wider).
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(width(s))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_inside_long_words() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn wide_characters_count_double() {
        let lines = wrap("拉夫罗夫拉夫罗夫", 5);
        assert!(lines.iter().all(|l| width(l) <= 5), "{lines:?}");
        assert_eq!(lines.concat(), "拉夫罗夫拉夫罗夫");
        assert_eq!(wrap("拉", 1), ["?"]);
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("hello", 8), "hello");
        assert_eq!(truncate("拉夫罗夫", 5), "拉夫…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
