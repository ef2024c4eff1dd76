//! The README cannot rot: its model example loads, and its pasted output is
//! what the binary prints.

use assert_cmd::Command;

/// 2026-11-28T23:59:59Z: the provenance line's date in the README's outputs.
const FIXED_DAY: &str = "1795910399";

const README: &str = include_str!("../README.md");
const MODEL_GUIDE: &str = include_str!("../docs/model.md");

/// The fenced blocks of the README whose info string is `lang`.
fn blocks(lang: &str) -> Vec<String> {
    blocks_in(README, lang)
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
    for block in blocks("console") {
        let mut lines = block.lines().peekable();
        while let Some(line) = lines.next() {
            let cmd = line
                .strip_prefix("$ cargo run --release -- ")
                .expect("a command line");
            // `| head -n N` keeps the first N lines, as the shell would.
            let (cmd, head) = match cmd.split_once(" | head -n ") {
                Some((c, n)) => (c, Some(n.parse::<usize>().expect("a line count"))),
                None => (cmd, None),
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
            let mut got = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
            .replace("\r\n", "\n");
            if let Some(n) = head {
                got = got.lines().take(n).map(|l| format!("{l}\n")).collect();
            }
            assert_eq!(got, expected, "{cmd}");
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
    let excerpt = blocks("")
        .into_iter()
        .find(|b| b.starts_with("Geneva talks"))
        .expect("the export excerpt");
    for part in excerpt.split("…\n").filter(|p| !p.trim().is_empty()) {
        assert!(text.contains(part), "README excerpt is stale:\n{part}");
    }
}

#[test]
fn the_model_guide_examples_are_valid_models() {
    let models: Vec<String> = blocks_in(MODEL_GUIDE, "yaml")
        .into_iter()
        .filter(|b| b.contains("actors:") && b.contains("title:"))
        .collect();
    assert!(!models.is_empty());
    for y in models {
        detente::model::from_str(&y, detente::model::Origin::BuiltIn)
            .expect("docs/model.md example loads");
    }
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
