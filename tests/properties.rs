//! Property tests of the foundation: the sanitiser, loading and comparing
//! random valid models (checked against the rules of docs/design.md computed here
//! independently), and random mutations of valid files.

use assert_cmd::Command;
use detente::compare::{Comparison, Verdict};
use detente::export::{Format, Report};
use detente::model::{self, Origin};
use detente::present::{Date, Provenance};
use detente::sanitize;
use proptest::prelude::*;

/// Every issue, in model order, as `detente export` writes it (on a fixed day).
fn render(c: &Comparison<'_>, format: Format, width: usize) -> String {
    let provenance = Provenance::on(&Origin::BuiltIn, Date::from_days(0));
    detente::export::render(&Report::all(c, provenance), format, width)
}

fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sanitised_text_has_no_control_or_bidi_characters(s in any::<String>()) {
        let m = sanitize::multiline(&s);
        prop_assert!(!m.chars().any(forbidden), "{m:?}");
        let l = sanitize::line(&s);
        prop_assert!(!l.chars().any(|c| forbidden(c) || c == '\n'), "{l:?}");
        // Cleaning is idempotent, and clean text is left alone.
        prop_assert_eq!(sanitize::multiline(&m), m.clone());
        prop_assert_eq!(sanitize::line(&l), l.clone());
        prop_assert_eq!(sanitize::multiline_owned(s.clone()), m);
        prop_assert_eq!(sanitize::line_owned(s), l);
    }
}

/// (stance or unknown, salience, red line) for actors a and b on each issue.
type Pair = (Option<i8>, f64, bool);

fn side() -> impl Strategy<Value = Pair> {
    (
        prop::option::weighted(0.75, -2i8..=2),
        0.0f64..=1.0,
        any::<bool>(),
    )
}

fn yaml_for(issues: &[(Pair, Pair)]) -> String {
    let mut y = String::from("title: random\nissues:\n");
    for i in 0..issues.len() {
        y += &format!("  - {{id: i{i}, title: issue {i}}}\n");
    }
    y += "actors:\n";
    for (k, name) in ["a", "b"].iter().enumerate() {
        y += &format!("  - id: {name}\n    name: {name}\n    positions:\n");
        for (i, pair) in issues.iter().enumerate() {
            let (stance, salience, red) = if k == 0 { pair.0 } else { pair.1 };
            if let Some(s) = stance {
                y += &format!(
                    "      i{i}: {{stance: {s}, salience: {salience}, red_line: {red}}}\n"
                );
            }
        }
    }
    y
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_models_compare_by_the_spec_rules(issues in prop::collection::vec((side(), side()), 1..20)) {
        let m = model::from_str(&yaml_for(&issues), Origin::BuiltIn).expect("valid model");
        let c = Comparison::new(&m, 0, 1);
        let (mut num, mut den) = (0.0, 0.0);
        for (row, ((a, sa, ra), (b, sb, rb))) in c.rows.iter().zip(&issues) {
            let want = match (a, b) {
                (Some(a), Some(b)) if a.signum() == b.signum() => Verdict::Agree,
                (Some(a), Some(b)) if *a == 0 || *b == 0 => Verdict::Partial,
                (Some(_), Some(_)) => Verdict::Conflict,
                _ => Verdict::Unknown,
            };
            prop_assert_eq!(row.verdict, want);
            prop_assert_eq!(row.red_line, want == Verdict::Conflict && (*ra || *rb));
            if let (Some(a), Some(b)) = (a, b) {
                let w = (sa + sb) / 2.0;
                num += w * (1.0 - f64::from((a - b).abs()) / 4.0);
                den += w;
            }
        }
        match c.alignment {
            None => prop_assert!(den == 0.0),
            Some(x) => {
                prop_assert!(den > 0.0 && (0.0..=1.0).contains(&x));
                prop_assert!((x - num / den).abs() < 1e-9, "{x} vs {}", num / den);
            }
        }
        // Every export carries every issue and the same verdicts.
        let n = issues.len();
        let json: serde_json::Value = serde_json::from_str(&render(&c, Format::Json, 60))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(json["issues"].as_array().map(Vec::len), Some(n));
        for (k, row) in c.rows.iter().enumerate() {
            prop_assert_eq!(json["issues"][k]["verdict"].as_str(), Some(row.verdict.word()));
        }
        let csv = render(&c, Format::Csv, 60);
        prop_assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), n + 1);
        let text = render(&c, Format::Text, 60);
        prop_assert!(text.lines().all(|l| detente::text::width(l) <= 60));
        prop_assert_eq!(text.lines().filter(|l| l.starts_with(&"-".repeat(60))).count(), n);
        let md = render(&c, Format::Markdown, 60);
        // The comparison table, before the cruxes (the tables of rounds
        // come after).
        let table = md.split("\n## Cruxes").next().unwrap_or_default();
        let rows = table.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| #")).count();
        prop_assert_eq!(rows, n);
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceValue(usize, &'static str),
    InsertBytes(usize, Vec<u8>),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "[]",
                "{}",
                "~",
                "7",
                "-3",
                "1.5",
                "\"\"",
                "&a x",
                "*a",
                "!!binary x",
                "[a, [b]]"
            ])
        )
            .prop_map(|(l, v)| Mutation::ReplaceValue(l, v)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Mutation::InsertBytes(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, muts: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
    for m in muts {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::ReplaceValue(i, v) if !lines.is_empty() => {
                let l = &mut lines[i % n];
                if let Some(p) = l.iter().position(|&b| b == b':') {
                    l.truncate(p + 1);
                    l.push(b' ');
                    l.extend_from_slice(v.as_bytes());
                }
            }
            Mutation::InsertBytes(at, bytes) if !lines.is_empty() => {
                let l = &mut lines[at % n];
                let p = at % (l.len() + 1);
                l.splice(p..p, bytes.iter().copied());
            }
            Mutation::Truncate(i) => lines.truncate(i % (n + 1)),
            _ => {}
        }
    }
    lines.join(&b'\n')
}

proptest! {
    // Each case runs the binary: bounded so the suite stays quick.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_files_never_panic_and_invalid_ones_exit_1_with_a_message(
        muts in prop::collection::vec(mutation(), 1..4)
    ) {
        let bytes = apply(detente::model::STARTER_YAML, &muts);
        // In process: never a panic.
        let in_process = model::from_bytes(&bytes, Origin::BuiltIn);
        // The real binary: exit 0 with a summary, or 1 with one clear message.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("m.yaml");
        std::fs::write(&path, &bytes).expect("write");
        let out = Command::cargo_bin("detente").expect("binary").arg("check").arg(&path).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        match in_process {
            Ok(_) => prop_assert_eq!(out.status.code(), Some(0), "{}", stderr),
            Err(_) => {
                prop_assert_eq!(out.status.code(), Some(1), "{}", stderr);
                prop_assert!(stderr.starts_with("detente: ") && stderr.len() > 20, "{}", stderr);
                prop_assert!(!stderr.contains("panicked") && !stderr.contains("Error {"), "{}", stderr);
                prop_assert!(!stderr.chars().any(|c| c.is_control() && c != '\n'), "{:?}", stderr);
            }
        }
    }
}

/// One numeric issue: its scale, and each of two actors' position as a
/// fraction of the way along it (or unknown), salience and power.
type NumericIssue = ((f64, f64), [(Option<f64>, f64, f64); 2]);

fn numeric_issue() -> impl Strategy<Value = NumericIssue> {
    let side = (
        prop::option::weighted(0.8, 0.0f64..=1.0),
        0.0f64..=1.0,
        0.0f64..=5.0,
    );
    ((-1e6f64..1e6, 1e-3f64..1e6), [side.clone(), side])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Numbers written to YAML come back unchanged through loading and the
    /// JSON export: scales, positions, saliences and powers.
    #[test]
    fn numeric_models_survive_yaml_load_and_json(issues in prop::collection::vec(numeric_issue(), 1..6)) {
        let mut y = String::from("title: numbers\nissues:\n");
        let mut values = Vec::new();
        for (i, ((min, width), sides)) in issues.iter().enumerate() {
            let max = min + width;
            y += &format!("  - {{id: i{i}, title: issue {i}, scale: {{min: {min:?}, max: {max:?}}}}}\n");
            values.push(sides.map(|(at, s, p)| at.map(|f| ((min + f * width).clamp(*min, max), s, p))));
        }
        y += "actors:\n";
        for (k, id) in ["a", "b"].iter().enumerate() {
            y += &format!("  - id: {id}\n    name: {id}\n    positions:\n");
            for (i, v) in values.iter().enumerate() {
                if let Some((x, s, p)) = v[k] {
                    y += &format!("      i{i}: {{position: {x:?}, salience: {s:?}, power: {p:?}}}\n");
                }
            }
        }
        let m = model::from_str(&y, Origin::BuiltIn).map_err(|e| TestCaseError::fail(format!("{e}\n{y}")))?;
        let doc: serde_json::Value = serde_json::from_str(&render(&Comparison::new(&m, 0, 1), Format::Json, 100))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (i, ((min, width), _)) in issues.iter().enumerate() {
            let issue = &doc["issues"][i];
            for (k, side) in ["left", "right"].iter().enumerate() {
                match values[i][k] {
                    None => prop_assert!(issue[side].is_null()),
                    Some((x, s, p)) => {
                        prop_assert_eq!(issue[side]["value"].as_f64(), Some(x));
                        prop_assert_eq!(issue[side]["salience"].as_f64(), Some(s));
                        prop_assert_eq!(issue[side]["power"].as_f64(), Some(p));
                    }
                }
            }
            let scale = &m.issues[i].scale;
            prop_assert_eq!(scale.as_ref().map(|s| (s.min, s.max)), Some((*min, min + width)));
        }
    }
}
