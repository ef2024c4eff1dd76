//! The README cannot rot: its model example loads, and its pasted output is
//! what the binary prints.

use assert_cmd::Command;

const README: &str = include_str!("../README.md");

/// The fenced blocks of the README whose info string is `lang`.
fn blocks(lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in README.lines() {
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
            let mut expected = String::new();
            while let Some(l) = lines.next_if(|l| !l.starts_with("$ ")) {
                expected.push_str(l);
                expected.push('\n');
            }
            let out = Command::cargo_bin("detente")
                .expect("binary")
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(cmd.split_whitespace())
                .output()
                .expect("runs");
            let got = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(got, expected, "{cmd}");
        }
    }
}

#[test]
fn pasted_export_excerpt_matches_the_binary() {
    let out = Command::cargo_bin("detente")
        .expect("binary")
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
