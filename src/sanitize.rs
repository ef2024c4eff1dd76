//! The one place that makes untrusted text safe to show or write.
//!
//! Model text is cleaned once, when the model is loaded, so every renderer
//! (screen or export) receives text that cannot move the cursor, retitle the
//! window, clear the screen or reorder what follows it.

/// Bidirectional embeddings, overrides, isolates and marks: invisible, and able
/// to make text display in another order than it is stored.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// C0 and C1 control characters and DEL.
fn is_control(c: char) -> bool {
    c.is_control()
}

/// Cleans text that may span several lines (summaries, quotes, descriptions):
/// keeps `\n`, turns tabs into a space and `\r\n`/`\r` into `\n`, and drops
/// every other control and bidi control character.
pub fn multiline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push(' '),
            c if is_control(c) || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Cleans text meant for one line (names, titles, ids, labels): like
/// [`multiline`], and line breaks become a space too.
pub fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_control(c) || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`multiline`] for an owned string: returned as it is when already clean,
/// so loading a clean model copies no text.
pub fn multiline_owned(s: String) -> String {
    if is_clean(&s) && !s.contains('\r') && !s.contains('\t') {
        s
    } else {
        multiline(&s)
    }
}

/// [`line`] for an owned string, without a copy when already clean.
pub fn line_owned(s: String) -> String {
    if is_clean(&s) && !s.contains(['\n', '\r', '\t']) {
        s
    } else {
        line(&s)
    }
}

/// True when `s` holds nothing [`multiline`] would remove or change.
pub fn is_clean(s: &str) -> bool {
    !s.chars()
        .any(|c| (is_control(c) && c != '\n') || is_bidi_control(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_escape_sequences_lose_their_control_bytes() {
        assert_eq!(line("\u{1b}]0;title\u{7}"), "]0;title");
        assert_eq!(line("a\u{1b}[2Jb"), "a[2Jb");
        assert_eq!(line("x\u{9b}31my"), "x31my");
        assert_eq!(line("abc\u{202e}def"), "abcdef");
        assert_eq!(line("\u{2066}iso\u{2069}"), "iso");
        assert_eq!(line("del\u{7f}"), "del");
    }

    #[test]
    fn tabs_and_newlines() {
        assert_eq!(line("a\tb"), "a b");
        assert_eq!(line("a\r\nb"), "a b");
        assert_eq!(multiline("a\r\nb\rc\td"), "a\nb\nc d");
    }

    #[test]
    fn clean_text_is_unchanged() {
        let s = "Лавров — 拉夫罗夫 🇷🇺 שלום ‘quotes’";
        assert_eq!(line(s), s);
        assert_eq!(multiline(s), s);
        assert!(is_clean(s));
        assert!(!is_clean("a\u{1b}b"));
        assert_eq!(line_owned(s.to_string()), s);
        assert_eq!(line_owned("a\tb\nc".to_string()), "a b c");
        assert_eq!(multiline_owned("a\r\nb\u{1b}".to_string()), "a\nb");
    }
}
