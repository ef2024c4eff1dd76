//! Display-width aware wrapping and truncation, shared by the exports and the
//! screen. Text is cut only between grapheme clusters (`unicode-segmentation`):
//! an emoji ZWJ sequence (👩‍👩‍👧‍👦), a flag (two regional indicators) or a
//! letter with its combining marks is never split. Widths are terminal
//! columns (`unicode-width`) counted per cluster, as the terminal and ratatui
//! draw them: CJK and emoji count double, combining marks nothing.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The columns `s` takes: the sum of its clusters' widths.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        // One cluster per character (but `\r\n`, which has no width).
        return UnicodeWidthStr::width(s);
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The words of a paragraph: the runs between clusters that are a plain
/// space. A space that carries a combining mark is one cluster, part of a
/// word, and not a place to break.
fn words(paragraph: &str) -> impl Iterator<Item = &str> {
    let mut rest = paragraph;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let end = rest
                .grapheme_indices(true)
                .find(|&(_, g)| g == " ")
                .map_or(rest.len(), |(i, _)| i);
            let word = &rest[..end];
            rest = rest.get(end + 1..).unwrap_or("");
            if !word.is_empty() {
                return Some(word);
            }
        }
    })
}

/// Wraps `s` into lines of at most `max` columns, at spaces where possible and
/// between clusters inside a word where it is longer than a line. Keeps
/// paragraph breaks (`\n`). A cluster wider than the whole line (a CJK
/// character or an emoji when `max` is 1) is shown as one `?`, so no line is
/// ever wider than `max`. Never returns an empty list; with `max == 0`,
/// returns `[""]`.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if max == 0 {
        return vec![String::new()];
    }
    for paragraph in s.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in words(paragraph) {
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
            // A word longer than a line: break it between clusters.
            for g in word.graphemes(true) {
                let gw = UnicodeWidthStr::width(g);
                if line_w + gw > max && line_w > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                if gw > max {
                    line.push('?');
                    line_w += 1;
                } else {
                    line.push_str(g);
                    line_w += gw;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Where a word may break inside: after a hyphen, a dash or a slash
/// (`non-` `expansion`, `US–` `Russia`).
const BREAK_AFTER: [&str; 4] = ["-", "–", "—", "/"];

/// The byte ranges of the pieces a line may break between: the words, the
/// parts of a word after each [`BREAK_AFTER`] mark, and each wide (CJK)
/// character, as Chinese and Japanese text breaks between any two.
fn pieces(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, g) in s.grapheme_indices(true) {
        if g == " " {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
            continue;
        }
        if UnicodeWidthStr::width(g) == 2 {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
            out.push((i, i + g.len()));
            continue;
        }
        let st = *start.get_or_insert(i);
        let end = i + g.len();
        if BREAK_AFTER.contains(&g) && st < i && end < s.len() && !s[end..].starts_with(' ') {
            out.push((st, end));
            start = None;
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// Wraps `s` into at most `rows` lines of at most `max` columns, breaking
/// only between words (or after a hyphen or dash in one), never inside a
/// word: a word longer than a line is cut with `…` instead, and so is the
/// last line when text is left over. For labels in narrow columns, where
/// "Ukrain / e in …" would read as two wrong words.
pub fn wrap_words(s: &str, max: usize, rows: usize) -> Vec<String> {
    if max == 0 || rows == 0 {
        return Vec::new();
    }
    let flat = s.replace('\n', " ");
    let pieces = pieces(&flat);
    let mut lines = Vec::new();
    let mut k = 0;
    while k < pieces.len() {
        let start = pieces[k].0;
        if lines.len() + 1 == rows {
            lines.push(truncate(flat[start..].trim_end(), max));
            return lines;
        }
        let mut end = pieces[k].1;
        k += 1;
        while k < pieces.len() && width(&flat[start..pieces[k].1]) <= max {
            end = pieces[k].1;
            k += 1;
        }
        lines.push(truncate(&flat[start..end], max));
    }
    lines
}

/// The longest run of whole clusters from the start of `clusters` that fits
/// in `room` columns, and its end in bytes.
fn fitting<'a>(clusters: impl Iterator<Item = &'a str>, room: usize) -> usize {
    let mut w = 0;
    let mut bytes = 0;
    for g in clusters {
        w += UnicodeWidthStr::width(g);
        if w > room {
            break;
        }
        bytes += g.len();
    }
    bytes
}

/// Cuts `s` to at most `max` columns between clusters, ending in `…` when
/// anything was cut (just `…` when even the first cluster does not fit
/// before it). Line breaks become spaces.
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
    let end = fitting(flat.graphemes(true), max - 1);
    format!("{}…", &flat[..end])
}

/// `name` and its `mark` (a basis mark, a red line `!`) in at most `max`
/// columns: the name is cut, never the mark, so `United Statesʳ` in 12
/// columns is `United Sta…ʳ`. Only where even the mark does not fit is it
/// cut too.
pub fn truncate_marked(name: &str, mark: &str, max: usize) -> String {
    let mark_w = width(mark);
    if mark_w >= max {
        return truncate(&format!("{name}{mark}"), max);
    }
    format!("{}{mark}", truncate(name, max - mark_w))
}

/// Cuts `s` to at most `max` columns from the start, between clusters,
/// keeping its end (where the user is typing) behind a `…`.
pub fn truncate_start(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let kept = fitting(s.graphemes(true).rev(), max - 1);
    format!("…{}", &s[s.len() - kept..])
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

    #[test]
    fn labels_wrap_between_words_and_cut_what_is_too_long() {
        assert_eq!(wrap_words("Ukraine in NATO", 7, 3), ["Ukraine", "in NATO"]);
        assert_eq!(
            wrap_words("Bilateral US–Russia", 7, 3),
            ["Bilate…", "US–", "Russia"]
        );
        assert_eq!(
            wrap_words("NATO non-expansion", 10, 3),
            ["NATO non-", "expansion"]
        );
        assert_eq!(wrap_words("NATO back to 1997", 7, 2), ["NATO", "back t…"]);
        assert_eq!(
            wrap_words("Minsk implementation", 7, 3),
            ["Minsk", "implem…"]
        );
        assert_eq!(
            wrap_words("Continue dialogue", 7, 3),
            ["Contin…", "dialog…"]
        );
        assert_eq!(wrap_words("-2 stays whole", 7, 3), ["-2", "stays", "whole"]);
        assert_eq!(wrap_words("拉夫罗夫 拉夫", 5, 2), ["拉夫", "罗夫…"]);
        assert_eq!(wrap_words("国家安全保障", 6, 3), ["国家安", "全保障"]);
        assert_eq!(wrap_words("", 7, 3), Vec::<String>::new());
        assert_eq!(wrap_words("anything", 0, 3), Vec::<String>::new());
    }

    #[test]
    fn a_cut_name_keeps_its_mark() {
        assert_eq!(truncate_marked("United States", "ʳ", 12), "United Sta…ʳ");
        assert_eq!(
            truncate_marked("Russian Federation", " !", 14),
            "Russian Fed… !"
        );
        assert_eq!(truncate_marked("NATO", "ⁱ", 12), "NATOⁱ");
        assert_eq!(truncate_marked("拉夫罗夫", "ʳ!", 6), "拉…ʳ!");
        // No room for the name: the mark is what is left, then cut itself.
        assert_eq!(truncate_marked("Actor", "ʳ!", 2), "A…");
    }
}
