//! `detente MODEL --scenario FILE` in a real terminal (tmux): the TUI opens
//! on the model with the scenario applied — the same screen as the model
//! edited by hand, with the header counting the changes — and says which
//! change did not apply, on the status line and once the terminal is given
//! back.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_detente");

/// A tmux server of our own, one shell in `dir`; killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(dir: &Path, name: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "the end-to-end tests need tmux: apt-get install tmux (.ci/run does)"
        );
        let t = Tmux {
            socket: format!("detente-scenario-{}-{name}", std::process::id()),
        };
        let status = Command::new("tmux")
            .args(["-L", &t.socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-s", "e2e", "-x", "100", "-y", "30", "-c"])
            .arg(dir)
            .args(["env", "-u", "NO_COLOR", "PS1=$ ", "TERM=xterm-256color"])
            .args(["bash", "--norc", "--noprofile"])
            .status()
            .expect("tmux runs");
        assert!(status.success());
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// The screen once it shows `what` and has stopped changing.
    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.tmux(&["capture-pane", "-p", "-t", "e2e"]);
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "never saw {what:?}; screen:\n{s}"
            );
            if s.contains(what) {
                std::thread::sleep(Duration::from_millis(100));
                if self.tmux(&["capture-pane", "-p", "-t", "e2e"]) == s {
                    return s;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs detente with `args` and returns its first settled screen.
    fn open(&self, args: &str) -> String {
        self.send(&format!("clear; {BIN} {args}; echo EXIT=$?\n"));
        self.wait_for("Water talks")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

fn dir_with(model: &str) -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("talks.yaml"), model).expect("write");
    std::fs::copy(
        fixtures.join("what-if.yaml"),
        dir.path().join("what-if.yaml"),
    )
    .expect("copy");
    dir
}

#[test]
fn the_tui_opens_with_the_scenario_applied() {
    let talks = include_str!("fixtures/scenario/talks.yaml");
    // what-if.yaml's changes 1 and 3, made by hand; change 2 is stale.
    let by_hand = talks
        .replace(
            "{position: 70, salience: 0.9}",
            "{position: 55, salience: 0.9}",
        )
        .replace(
            "{stance: opposes, salience: 0.6}",
            "{stance: supports, salience: 0.6}",
        );
    let (base, hand) = (dir_with(talks), dir_with(&by_hand));
    let (a, b) = (Tmux::start(base.path(), "a"), Tmux::start(hand.path(), "b"));
    let applied = a.open("talks.yaml --scenario what-if.yaml --left northland --right southland");
    let expected = b.open("talks.yaml --left northland --right southland");
    let plain = {
        a.send("q");
        a.wait_for("EXIT=0");
        a.open("talks.yaml --left northland --right southland")
    };
    // The same screen but for what says the changes are there: the header's
    // count beside the pair, and the status line naming what did not apply.
    let body = |screen: &str| {
        let lines: Vec<&str> = screen.lines().collect();
        let n = lines.len();
        lines
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != 1 && k + 2 < n)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        applied
            .lines()
            .nth(1)
            .unwrap_or("")
            .contains("what-if: 2 changes"),
        "{applied}"
    );
    assert!(
        applied.contains("southland:water-share:salience"),
        "{applied}"
    );
    // Each changed value shows its baseline; without those marks (and the
    // legend line that explains them) the screen is the hand-edited one's.
    assert!(applied.contains("55 ↓ was 70"), "{applied}");
    assert!(applied.contains("supports ↑ was opposes"), "{applied}");
    let unmarked = |s: &str| {
        body(s)
            .replace(" ↓ was 70", "")
            .replace(" ↑ was opposes", "")
            .lines()
            // The detail panel's notes of a change take rows the
            // hand-edited screen leaves blank: blank rows are not compared.
            .filter(|l| !l.contains("# a position on the scale") && !l.contains("what if: "))
            .map(|l| l.replace([' ', '┃', '│'], ""))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(unmarked(&applied), unmarked(&expected));
    assert_ne!(
        body(&applied),
        body(&plain),
        "the scenario shows on the screen"
    );
    a.send("q");
    b.send("q");
    b.wait_for("EXIT=0");
    // The stale change is said after the first run, once the screen is back.
    a.send("clear; ");
    let s = {
        a.send(&format!("{BIN} talks.yaml --scenario what-if.yaml\n"));
        a.wait_for("Water talks");
        a.send("q");
        a.wait_for("does not apply")
    };
    assert!(
        s.contains("detente: scenario what-if.yaml: change 2 (southland:water-share:salience)"),
        "{s}"
    );
}

/// What if, as a user walks it: in the Issue view `+` moves Northland's
/// water share 70 → 75 and the compromise marker with it
/// ((1.8·75 + 0.8·30 + 0.6·50) / 3.2 = 59.1, from 56.3); the header counts the change; `u`
/// restores the exact screen; `w` saves the scenario, after which `q` quits
/// at once; reopening with `--scenario` shows the same screen as before
/// quitting.
#[test]
fn what_if_moves_the_compromise_undo_restores_and_a_saved_scenario_reopens_the_same() {
    let talks = include_str!("fixtures/scenario/talks.yaml");
    let dir = dir_with(talks);
    let a = Tmux::start(dir.path(), "w");
    a.open("talks.yaml --left northland --right southland");
    a.send("\r");
    let before = a.wait_for("compromise 56.3");
    // Everything but the footer (status and key hints).
    let shown = |s: &str| {
        let lines: Vec<&str> = s.lines().collect();
        lines[..lines.len().saturating_sub(2)].join("\n")
    };
    a.send("+");
    let moved = a.wait_for("compromise 59.1");
    assert!(moved.contains("what-if: 1 change, unsaved"), "{moved}");
    assert!(moved.contains("▲ median 75"), "{moved}");
    a.send("u");
    let undone = a.wait_for("undid northland:water-share:position");
    assert_eq!(shown(&undone), shown(&before));
    a.send("+");
    a.wait_for("compromise 59.1");
    a.send("w");
    a.wait_for("talks-what-if.yaml");
    a.send("\r");
    let saved = a.wait_for("saved the what-if changes");
    assert!(
        saved.contains("what-if: 1 change ") || saved.contains("what-if: 1 change\n"),
        "{saved}"
    );
    let file = std::fs::read_to_string(dir.path().join("talks-what-if.yaml")).expect("saved");
    assert!(
        file.contains("field: position") && file.contains("to: 75"),
        "{file}"
    );
    a.send("q");
    a.wait_for("EXIT=0");
    a.open("talks.yaml --scenario talks-what-if.yaml --left northland --right southland");
    a.send("\r");
    let reopened = a.wait_for("compromise 59.1");
    assert_eq!(shown(&reopened), shown(&saved));
    a.send("q");
    a.wait_for("EXIT=0");
}
