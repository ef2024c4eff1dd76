//! Text is cut and wrapped between grapheme clusters only: an emoji ZWJ
//! sequence (👩‍👩‍👧‍👦), a flag (two regional indicators, 🇺🇦), a letter with
//! its combining marks (e + U+0301) stay whole, and widths are counted per
//! cluster, as the terminal draws them.

use std::io::Write;

use assert_cmd::Command;
use detente::text::{truncate, truncate_start, width, wrap};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const FAMILY: &str = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
const FLAG: &str = "\u{1F1FA}\u{1F1E6}";
const ACCENT: &str = "e\u{301}";

fn clusters(s: &str) -> Vec<&str> {
    s.graphemes(true).collect()
}

/// The columns a terminal gives `s`: each cluster's width, added up.
fn columns(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// What is wrong with one line of output made of whole clusters of text
/// that holds only whole flags: a cluster that starts with a joiner or a
/// combining mark or ends with a joiner (the rest of it is on another
/// line), or half a flag.
fn broken_cluster(line: &str) -> Option<&'static str> {
    let indicator = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
    for g in line.graphemes(true) {
        let first = g.chars().next()?;
        if first == '\u{200D}' || ('\u{300}'..='\u{36F}').contains(&first) {
            return Some("a cluster is cut at its start");
        }
        if g.ends_with('\u{200D}') {
            return Some("a cluster is cut after a zero-width joiner");
        }
        if g.chars().count() == 1 && indicator(first) {
            return Some("half a flag");
        }
    }
    let indicators = line.chars().filter(|&c| indicator(c)).count();
    (indicators % 2 == 1).then_some("half a flag")
}

#[test]
fn export_at_forty_columns_keeps_clusters_whole() {
    let family = FAMILY.repeat(14);
    let flags = FLAG.repeat(23);
    let accents = ACCENT.repeat(45);
    let yaml = format!(
        "title: Clusters\n\
         issues:\n\
         \x20 - {{id: fam, title: \"{family} {family}\"}}\n\
         \x20 - {{id: flags, title: \"{flags}\"}}\n\
         actors:\n\
         \x20 - id: a\n\
         \x20   name: \"{accents}\"\n\
         \x20   positions:\n\
         \x20     fam: {{stance: demands, summary: \"{family}\"}}\n\
         \x20     flags: supports\n\
         \x20 - id: b\n\
         \x20   name: \"{flags}\"\n\
         \x20   positions: {{fam: rejects, flags: opposes}}\n"
    );
    let mut file = tempfile::NamedTempFile::with_suffix(".yaml").expect("temp file");
    file.write_all(yaml.as_bytes()).expect("writes");
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args(["export", "--width", "40", "--left", "a", "--right", "b"])
        .arg(file.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for line in text.lines() {
        if let Some(what) = broken_cluster(line) {
            panic!("{what}: {line:?}\n{text}");
        }
        assert!(columns(line) <= 40, "{} columns: {line:?}", columns(line));
    }
    // The columns of the table line up: the `|` stand at the same place on
    // every row.
    let bars: Vec<Vec<usize>> = text
        .lines()
        .filter(|l| l.contains('|'))
        .map(|l| {
            l.match_indices('|')
                .map(|(i, _)| columns(&l[..i]))
                .collect()
        })
        .collect();
    assert!(bars.len() > 4, "{text}");
    assert!(bars.windows(2).all(|w| w[0] == w[1]), "{bars:?}\n{text}");
}

#[test]
fn wrap_breaks_between_clusters() {
    // Four families in 5 columns: two to a line (a family is 2 columns).
    let four = FAMILY.repeat(4);
    assert_eq!(
        wrap(&four, 5),
        [FAMILY.repeat(2), FAMILY.repeat(2)],
        "{:?}",
        wrap(&four, 5)
    );
    assert_eq!(wrap(&FLAG.repeat(3), 4), [FLAG.repeat(2), FLAG.to_string()]);
    assert_eq!(
        wrap(&ACCENT.repeat(5), 2),
        [ACCENT.repeat(2), ACCENT.repeat(2), ACCENT.to_string()]
    );
    // A combining mark after a space belongs to the space: not a break.
    assert_eq!(wrap("ab \u{301}cd", 10), ["ab \u{301}cd"]);
    // A cluster wider than the whole line is shown as one `?`.
    assert_eq!(wrap(&format!("a{FAMILY}b"), 1), ["a", "?", "b"]);
}

#[test]
fn truncation_keeps_clusters_whole() {
    assert_eq!(
        truncate(&FAMILY.repeat(3), 5),
        format!("{}…", FAMILY.repeat(2))
    );
    assert_eq!(truncate(&FLAG.repeat(3), 4), format!("{FLAG}…"));
    assert_eq!(
        truncate(&ACCENT.repeat(5), 3),
        format!("{}…", ACCENT.repeat(2))
    );
    assert_eq!(
        truncate_start(&FAMILY.repeat(3), 5),
        format!("…{}", FAMILY.repeat(2))
    );
    assert_eq!(
        truncate_start(&ACCENT.repeat(5), 3),
        format!("…{}", ACCENT.repeat(2))
    );
    assert_eq!(width(FAMILY), 2);
    assert_eq!(width(&FLAG.repeat(2)), 4);
    assert_eq!(width(ACCENT), 1);
}

/// Text of ASCII words, runs of spaces, emoji ZWJ sequences, flags, letters
/// with combining marks (and a lone mark, which joins whatever precedes it,
/// a space included), and CJK.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-z]{1,9}",
        " {1,3}",
        Just(FAMILY.to_string()),
        Just("\u{1F44D}\u{1F3FD}".to_string()),
        Just("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}".to_string()),
        Just(FLAG.to_string()),
        Just("\u{1F1EF}\u{1F1F5}".to_string()),
        Just(ACCENT.to_string()),
        Just("Z\u{337}\u{322}\u{31B}".to_string()),
        Just("\u{301}".to_string()),
        "[拉夫罗国家安全]{1,4}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// No line begins or ends inside a cluster: the lines' clusters, read
    /// in order without the spaces, are the input's clusters without its
    /// spaces (a cluster wider than the line shown as `?`). No line is
    /// wider than asked, and none begins or ends with a plain space (a space
    /// that carries a combining mark is a printable cluster).
    #[test]
    fn wrap_cuts_between_clusters_only(s in mixed_text(), max in 1usize..12) {
        let lines = wrap(&s, max);
        let want: Vec<&str> = clusters(&s)
            .into_iter()
            .filter(|g| *g != " ")
            .map(|g| if columns(g) > max { "?" } else { g })
            .collect();
        let got: Vec<&str> = lines
            .iter()
            .flat_map(|l| clusters(l))
            .filter(|g| *g != " ")
            .collect();
        prop_assert_eq!(got, want, "{:?}", lines);
        for line in &lines {
            prop_assert!(columns(line) <= max, "{} > {}: {:?}", columns(line), max, line);
            prop_assert_eq!(width(line), columns(line));
            let edges = [clusters(line).first().copied(), clusters(line).last().copied()];
            prop_assert!(!edges.contains(&Some(" ")), "{:?}", line);
        }
    }

    /// A cut keeps whole clusters from the start (or the end), then `…`,
    /// within the width.
    #[test]
    fn truncate_cuts_between_clusters_only(s in mixed_text(), max in 0usize..12) {
        let all = clusters(&s);
        let cut = truncate(&s, max);
        prop_assert!(columns(&cut) <= max, "{:?}", cut);
        let kept = cut.strip_suffix('…').unwrap_or(&cut);
        prop_assert!(all.starts_with(&clusters(kept)), "{:?} of {:?}", cut, s);
        let cut = truncate_start(&s, max);
        prop_assert!(columns(&cut) <= max, "{:?}", cut);
        let kept = cut.strip_prefix('…').unwrap_or(&cut);
        prop_assert!(all.ends_with(&clusters(kept)), "{:?} of {:?}", cut, s);
    }
}
