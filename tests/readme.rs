//! The README and the guides in docs/ cannot rot: their model examples load,
//! their pasted output is what the binary prints, and their links lead
//! somewhere.

use assert_cmd::Command;

/// 2026-11-28T23:59:59Z: the provenance line's date in the README's outputs.
const FIXED_DAY: &str = "1795910399";

const README: &str = include_str!("../README.md");
const MODEL_GUIDE: &str = include_str!("../docs/model.md");

/// Every Markdown file a reader is sent to, by its path from the repository
/// root. `every_guide_in_docs_is_checked` keeps this list whole.
const DOCS: [(&str, &str); 7] = [
    ("README.md", README),
    ("docs/model.md", MODEL_GUIDE),
    ("docs/cli.md", include_str!("../docs/cli.md")),
    ("docs/design.md", include_str!("../docs/design.md")),
    ("docs/formats.md", include_str!("../docs/formats.md")),
    (
        "docs/performance.md",
        include_str!("../docs/performance.md"),
    ),
    (
        "docs/development.md",
        include_str!("../docs/development.md"),
    ),
];

/// The fenced blocks of the README whose info string is `lang`.
fn blocks(lang: &str) -> Vec<String> {
    blocks_in(README, lang)
}

/// The fenced blocks of every document whose info string is `lang`, each
/// with the document it is in.
fn all_blocks(lang: &str) -> Vec<(&'static str, String)> {
    DOCS.iter()
        .flat_map(|&(name, doc)| blocks_in(doc, lang).into_iter().map(move |b| (name, b)))
        .collect()
}

fn blocks_in(doc: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in doc.lines() {
        match &mut current {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    current = Some((info.trim().to_string(), String::new()));
                }
            }
            Some((info, block)) => {
                if line.starts_with("```") {
                    if info == lang {
                        out.push(std::mem::take(block));
                    }
                    current = None;
                } else {
                    block.push_str(line);
                    block.push('\n');
                }
            }
        }
    }
    out
}

#[test]
fn the_model_example_is_a_valid_model() {
    let yaml = blocks("yaml");
    assert!(!yaml.is_empty());
    for y in yaml {
        detente::model::from_str(&y, detente::model::Origin::BuiltIn).expect("README model loads");
    }
}

#[test]
fn pasted_console_output_matches_the_binary() {
    let consoles = all_blocks("console");
    assert!(consoles.iter().any(|(doc, _)| *doc == "README.md"));
    assert!(consoles.iter().any(|(doc, _)| *doc == "docs/cli.md"));
    for (doc, block) in consoles {
        let mut lines = block.lines().peekable();
        while let Some(line) = lines.next() {
            let cmd = line
                .strip_prefix("$ cargo run --release -- ")
                .unwrap_or_else(|| panic!("{doc}: not a command line: {line}"));
            // `| head -n N` keeps the first N lines of standard output, as
            // the shell would; with `2>&1` before it, of both outputs.
            let (cmd, head) = match cmd.split_once(" | head -n ") {
                Some((c, n)) => (c, Some(n.parse::<usize>().expect("a line count"))),
                None => (cmd, None),
            };
            let (cmd, merged) = match cmd.strip_suffix(" 2>&1") {
                Some(c) => (c, true),
                None => (cmd, false),
            };
            let mut expected = String::new();
            while let Some(l) = lines.next_if(|l| !l.starts_with("$ ")) {
                expected.push_str(l);
                expected.push('\n');
            }
            let out = Command::cargo_bin("detente")
                .expect("binary")
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                // The day the README's reports were "written" (2026-11-28).
                .env("SOURCE_DATE_EPOCH", FIXED_DAY)
                .args(cmd.split_whitespace())
                .output()
                .expect("runs");
            let stdout = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
            let stderr = String::from_utf8_lossy(&out.stderr).replace("\r\n", "\n");
            let first = |text: &str, n: usize| -> String {
                text.lines().take(n).map(|l| format!("{l}\n")).collect()
            };
            let got = match head {
                Some(n) if merged => first(&format!("{stdout}{stderr}"), n),
                // The pipe takes standard output only: every line of
                // standard error still reaches the terminal.
                Some(n) => format!("{}{stderr}", first(&stdout, n)),
                None => format!("{stdout}{stderr}"),
            };
            assert_eq!(got, expected, "{doc}: {cmd}");
        }
    }
}

#[test]
fn pasted_export_excerpt_matches_the_binary() {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .env("SOURCE_DATE_EPOCH", FIXED_DAY)
        .args(["export", "--left", "russia", "--right", "united-states"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let (doc, excerpt) = all_blocks("")
        .into_iter()
        .find(|(_, b)| b.starts_with("Geneva talks"))
        .expect("the export excerpt");
    for part in excerpt.split("…\n").filter(|p| !p.trim().is_empty()) {
        assert!(text.contains(part), "{doc}: the excerpt is stale:\n{part}");
    }
}

#[test]
fn the_guides_examples_are_valid_models() {
    // The guides also show parts of a model; a whole one has a title and actors.
    let models: Vec<(&str, String)> = all_blocks("yaml")
        .into_iter()
        .filter(|(doc, b)| *doc != "README.md" && b.contains("actors:") && b.contains("title:"))
        .collect();
    for guide in ["docs/model.md", "docs/cli.md", "docs/design.md"] {
        assert!(models.iter().any(|(doc, _)| *doc == guide), "{guide}");
    }
    for (doc, y) in models {
        if let Err(e) = detente::model::from_str(&y, detente::model::Origin::BuiltIn) {
            panic!("{doc}: an example does not load: {e}\n{y}");
        }
    }
}

/// A model block whose first line names a file (`# docs/worked-example.yaml`)
/// is that file, byte for byte: the outputs pasted under it were made from
/// the file.
#[test]
fn a_model_shown_with_its_file_name_is_that_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut named = 0;
    for (doc, block) in all_blocks("yaml") {
        let Some(path) = block.lines().next().and_then(|l| l.strip_prefix("# ")) else {
            continue;
        };
        if !path.ends_with(".yaml") || path.contains(' ') {
            continue;
        }
        let file = std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("{doc}: {path}: {e}"));
        assert_eq!(block, file, "{doc}: the block differs from {path}");
        named += 1;
    }
    assert!(named >= 1, "docs/design.md shows its worked example");
}

#[test]
fn every_guide_in_docs_is_checked() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    for entry in std::fs::read_dir(dir).expect("docs/") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".md") {
            let path = format!("docs/{name}");
            assert!(
                DOCS.iter().any(|&(d, _)| d == path),
                "{path} is not in tests/readme.rs's DOCS"
            );
        }
    }
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces
/// to hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a document's headings (outside fenced blocks).
fn anchors(doc: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in doc.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            let text = line.trim_start_matches('#');
            if text.starts_with(' ') {
                out.push(anchor(text));
            }
        }
    }
    out
}

#[test]
fn every_relative_link_leads_to_a_file_and_heading() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for &(name, doc) in &DOCS {
        let here = root.join(name);
        let dir = here.parent().expect("a directory");
        for (k, _) in doc.match_indices("](") {
            let rest = &doc[k + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = &rest[..end];
            if target.contains("://") || target.contains(' ') || target.is_empty() {
                continue;
            }
            let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
            let file = if path.is_empty() {
                here.clone()
            } else {
                dir.join(path)
            };
            assert!(file.exists(), "{name}: no file for the link {target}");
            if !fragment.is_empty() {
                let text = std::fs::read_to_string(&file).expect("a text file");
                assert!(
                    anchors(&text).iter().any(|a| a == fragment),
                    "{name}: no heading for the link {target}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} links checked");
}

#[test]
fn the_model_guide_quotes_the_real_messages_of_the_bad_corpus() {
    // Each corpus message the guide quotes must still be what check prints.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if !MODEL_GUIDE.contains(&name) {
            continue;
        }
        let out = Command::cargo_bin("detente")
            .expect("binary")
            .arg("check")
            .arg(&path)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // The guide shows messages for a file called model.yaml; compare what follows the path.
        let last = stderr.lines().last().unwrap_or_default();
        let message = last.rsplit(": ").next().unwrap_or_default();
        if message.len() > 12 && !message.contains("/tmp") {
            assert!(
                MODEL_GUIDE.contains(message),
                "{name}: docs/model.md does not quote {message:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} messages checked");
}
