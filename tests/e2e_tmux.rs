//! End-to-end: the real binary in a real terminal (tmux), driven by keys,
//! read from the screen.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{BIN, Tmux};

fn line_with<'a>(screen: &'a str, what: &str) -> &'a str {
    screen.lines().find(|l| l.contains(what)).unwrap_or("")
}

#[test]
fn lav_jumps_to_russia_then_matrix_then_export_then_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path(), 120, 40);
    let first = t.run_detente("--left nato --right blinken");
    assert!(line_with(&first, "vs").starts_with("▶ NATO"), "{first}");

    // `/` `lav` `Enter` puts Russia in the (focused) left pane.
    t.type_text("/");
    t.wait_for("Jump to an actor for the left pane");
    t.type_text("lav");
    t.wait_for("alias Lavrov");
    t.press("Enter");
    let s = t.wait_for("▶ Russian Federation (state)  vs");
    assert!(
        s.contains("┏ ▶ Russian Federation"),
        "the left pane shows Russia:\n{s}"
    );

    // `m` shows the matrix.
    t.type_text("m");
    let s = t.wait_for("Matrix · actors");
    assert!(
        s.contains("John Mearsheimer") && s.contains("George F. Kennan"),
        "{s}"
    );
    t.type_text("c");
    t.wait_for("Issues 20");

    // `e` + `Enter` writes what `detente export` prints for the same pair.
    t.type_text("e");
    t.wait_for("russia-vs-united-states.txt");
    t.press("Enter");
    t.wait_for("exported to");
    let written = std::fs::read_to_string(dir.path().join("russia-vs-united-states.txt"))
        .expect("file written");
    let cli = Command::new(BIN)
        .args(["export", "--left", "russia", "--right", "united-states"])
        .output()
        .expect("export runs");
    assert_eq!(written, String::from_utf8_lossy(&cli.stdout));

    // `e` + `Enter` again: asks before replacing; `n` keeps the file.
    t.type_text("e");
    t.wait_for("Export what is shown");
    t.press("Enter");
    t.wait_for("already exists. Replace");
    t.type_text("n");
    t.wait_for("not exported: kept");

    // `q` quits, and the terminal is usable afterwards.
    t.type_text("q");
    t.wait_for("EXIT=0");
    t.type_text("stty -a | tr ';' '\\n' | grep -wE -- '-?(icanon|echo)'; echo STTY-DONE");
    t.press("Enter");
    let s = t.wait_for("STTY-DONE\n");
    assert!(
        !s.contains("detente Geneva"),
        "the alternate screen was left:\n{s}"
    );
    let stty: Vec<&str> = s.split_whitespace().collect();
    assert!(
        stty.contains(&"icanon") && stty.contains(&"echo"),
        "cooked mode is back:\n{s}"
    );
    assert!(
        !stty.contains(&"-icanon") && !stty.contains(&"-echo"),
        "{s}"
    );
}

#[test]
fn ctrl_c_and_escape_quit_too_and_resizing_redraws() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path(), 100, 30);
    t.run_detente("");
    t.press("C-c");
    t.wait_for("EXIT=0");
    t.press("C-l");
    t.run_detente("");
    t.tmux(&["resize-window", "-t", "e2e", "-x", "50", "-y", "12"]);
    t.wait_for("terminal too small");
    t.tmux(&["resize-window", "-t", "e2e", "-x", "110", "-y", "30"]);
    t.wait_for("Issues 20");
    t.press("Escape");
    let s = t.wait_for("EXIT=0");
    assert!(!s.contains("terminal too small"), "{s}");
}

/// `Esc` goes back the way the user came: Analysis, `Enter` on a crux, the
/// Issue view, `Esc`: Analysis again (not Compare); `Esc`: Compare; `Esc`
/// there quits, and the terminal is restored.
#[test]
fn escape_goes_back_the_way_it_came_and_quits_only_from_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path(), 100, 30);
    t.run_detente("");
    t.type_text("m");
    t.wait_for("Matrix · actors");
    t.press("Escape");
    let s = t.wait_for("Issues 20");
    assert!(
        !s.contains("EXIT="),
        "Esc in the Matrix went back, not out:\n{s}"
    );
    t.press("Enter");
    t.wait_for("Issue 1/20: NATO");
    t.press("Escape");
    t.wait_for("Issues 20");

    // Analysis; the second crux (Arms for Ukraine, the fifth issue).
    t.type_text("a");
    t.wait_for("Cruxes");
    t.type_text("j");
    t.press("Enter");
    t.wait_for("Issue 5/20: ");
    t.press("Escape");
    let s = t.wait_for("Cruxes");
    assert!(
        !s.contains("Issue 5/20: ") && !s.contains("Issues 20"),
        "Esc in an Issue view opened from Analysis goes back to Analysis:\n{s}"
    );
    t.press("Escape");
    let s = t.wait_for("Issues 20");
    assert!(!s.contains("EXIT="), "Esc in Analysis went back:\n{s}");
    t.press("Escape");
    t.wait_for("EXIT=0");
    assert_cooked(&t);
}

/// The shell's child: the detente process in the pane.
fn detente_pid(t: &Tmux) -> String {
    let shell = t.tmux(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"]);
    let out = Command::new("pgrep")
        .args(["-P", shell.trim(), "-f", "detente"])
        .output()
        .expect("pgrep runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

fn assert_cooked(t: &Tmux) {
    t.type_text("clear; stty -a | tr ';' '\\n' | grep -wE -- '-?(icanon|echo)'; echo STTY-DONE");
    t.press("Enter");
    let s = t.wait_for("STTY-DONE\n");
    assert!(
        !s.contains("detente Geneva"),
        "the alternate screen was left:\n{s}"
    );
    let words: Vec<&str> = s.split_whitespace().collect();
    assert!(words.contains(&"icanon") && words.contains(&"echo"), "{s}");
    assert!(
        !words.contains(&"-icanon") && !words.contains(&"-echo"),
        "{s}"
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path(), 100, 30);
    for (signal, code) in [("TERM", "EXIT=143"), ("HUP", "EXIT=129")] {
        t.run_detente("");
        let pid = detente_pid(&t);
        assert!(!pid.is_empty(), "detente is running");
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill");
        assert!(status.success());
        t.wait_for(code);
        assert_cooked(&t);
    }
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path(), 100, 30);
    t.type_text(BIN);
    t.press("Enter");
    t.wait_for(" detente ");
    t.press("C-z");
    let s = t.wait_for("Stopped");
    assert!(
        !s.contains(" detente Geneva"),
        "the screen was given back:\n{s}"
    );
    t.type_text("fg");
    t.press("Enter");
    t.wait_for(" detente Geneva");
    t.wait_for("Issues 20");
    t.type_text("q");
    t.type_text("echo EXIT=$?");
    t.press("Enter");
    t.wait_for("EXIT=0");
    assert_cooked(&t);
}

#[test]
fn closing_the_terminal_ends_the_process() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path(), 100, 30);
    t.run_detente("");
    let pid = detente_pid(&t);
    assert!(!pid.is_empty());
    t.tmux(&["kill-server"]);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break; // exited, not yet reaped
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "detente {pid} is still running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn saving_the_model_reloads_it_and_a_broken_save_shows_a_banner() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = dir.path().join("talks.yaml");
    std::fs::write(&model, detente::model::STARTER_YAML).expect("write");
    let t = Tmux::start(dir.path(), 120, 40);
    t.run_detente("talks.yaml --left downland");
    t.wait_for("Kingdom of Downland");
    // Select the second issue, so we can see that the row is kept.
    t.type_text("j");
    t.wait_for("Issue 2/4");

    // A broken save: the last good model stays, with the error and its place.
    let good = detente::model::STARTER_YAML;
    std::fs::write(&model, good.replace("stance: rejects", "stnace: rejects")).expect("write");
    let s = t.wait_for("The model file has an error");
    assert!(
        s.contains("unknown field `stnace`") && s.contains("talks.yaml:"),
        "{s}"
    );
    assert!(
        s.contains("Kingdom of Downland"),
        "the last good model stays:\n{s}"
    );

    // Fixed and renamed in the save: reloaded, same actors and row.
    std::fs::write(
        &model,
        good.replace("Kingdom of Downland", "Kingdom of Lowland"),
    )
    .expect("write");
    let s = t.wait_for("Kingdom of Lowland");
    assert!(!s.contains("The model file has an error"), "{s}");
    assert!(s.contains("Issue 2/4"), "the selected row is kept:\n{s}");
    assert!(s.contains("reloaded the model file"), "{s}");

    // `r` reloads by hand too.
    t.type_text("r");
    t.wait_for("reloaded the model file");
    t.type_text("q");
    t.wait_for("EXIT=0");
}

#[test]
fn a_panic_restores_the_terminal_and_says_what_happened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path(), 100, 30);
    // Debug builds only (the tests' binary): the release build has no such switch.
    t.type_text(&format!(
        "RUST_BACKTRACE=0 DETENTE_TEST_PANIC=1 {BIN}; echo EXIT=$?"
    ));
    t.press("Enter");
    let s = t.wait_for("EXIT=101");
    assert!(
        s.contains("injected panic"),
        "the panic message is shown after the restore:\n{s}"
    );
    assert!(s.contains("EXIT=101"), "{s}");
    assert_cooked(&t);
}

/// Decide, KTAB and long CSV files open in the TUI as they are
/// (docs/formats.md), and a saved edit to a CSV reloads like a YAML model.
#[test]
fn the_tui_opens_decide_ktab_and_long_csv_files() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["climate.dec", "energy-ktab.csv", "positions.csv"] {
        std::fs::copy(fixtures.join(f), dir.path().join(f)).expect("copy");
    }
    let t = Tmux::start(dir.path(), 120, 40);
    for (file, left, right) in [
        ("climate.dec", "usa", "China"),
        ("energy-ktab.csv", "ministry", "Greens"),
        ("positions.csv", "northland", "Southland"),
    ] {
        let first = t.run_detente(&format!("{file} --left {left} --right {right}"));
        let (l, r) = match file {
            "climate.dec" => ("United States", "China"),
            "energy-ktab.csv" => ("Ministry", "Greens"),
            _ => ("Northland", "Southland"),
        };
        let header = line_with(&first, "vs");
        assert!(
            header.contains(l) && header.contains(r),
            "{file}: both actors in the header:\n{first}"
        );
        if file == "climate.dec" {
            // The #M labels name the points on the scale.
            assert!(first.contains("Climate finance"), "{first}");
        }
        if file == "positions.csv" {
            // Edit the file: the reload picks up the new name.
            let path = dir.path().join(file);
            let text = std::fs::read_to_string(&path).expect("read");
            std::fs::write(&path, text.replace("Southland", "Lowland")).expect("write");
            t.wait_for("reloaded the model file");
            t.press("]");
            t.wait_for("Lowland");
        }
        t.type_text("q");
        t.wait_for("EXIT=0");
        t.type_text("clear");
        t.press("Enter");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Writes a generated model of `actors` × `issues` to `dir/name`: big
/// enough that a debug build takes a visible while to load it.
fn generated(dir: &Path, name: &str, actors: usize, issues: usize) {
    let spec = detente::generate::Spec::new(actors, issues);
    std::fs::write(dir.join(name), detente::generate::yaml(&spec)).expect("write");
}

/// A big model: the loading line comes first (name, progress, seconds),
/// then the first screen replaces it.
#[test]
fn a_big_model_shows_a_loading_line_before_the_first_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    generated(dir.path(), "big.yaml", 500, 30);
    let t = Tmux::start(dir.path(), 120, 40);
    t.type_text(&format!("{BIN} big.yaml; echo EXIT=$?"));
    t.press("Enter");
    let s = t.wait_for("loading big.yaml");
    assert!(s.contains("q quits"), "{s}");
    assert!(!s.contains(" detente "), "not yet the first screen:\n{s}");
    let s = t.wait_for(" detente ");
    assert!(s.contains("500 actors x 30 issues"), "{s}");
    assert!(!s.contains("loading big.yaml"), "{s}");
    t.type_text("q");
    t.wait_for("EXIT=0");
}

/// `q` while loading quits at once, without waiting for the load.
#[test]
fn q_while_loading_quits_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    generated(dir.path(), "bigger.yaml", 1500, 40);
    let t = Tmux::start(dir.path(), 120, 40);
    t.type_text(&format!("{BIN} bigger.yaml; echo EXIT=$?"));
    t.press("Enter");
    t.wait_for("loading bigger.yaml");
    let pressed = Instant::now();
    t.type_text("q");
    let s = t.wait_for("EXIT=0");
    assert!(
        pressed.elapsed() < Duration::from_secs(2),
        "q took {:?}",
        pressed.elapsed()
    );
    assert!(!s.contains(" detente "), "the model never showed:\n{s}");
    assert_cooked(&t);
}

/// A model that fails to load: the loading screen goes, the terminal is
/// restored, and the error is printed as `detente check` would, exit 1.
#[test]
fn a_model_that_fails_to_load_prints_its_error_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = detente::model::STARTER_YAML.replace("stance: rejects", "stnace: rejects");
    std::fs::write(dir.path().join("bad.yaml"), bad).expect("write");
    let t = Tmux::start(dir.path(), 120, 40);
    t.type_text(&format!("{BIN} bad.yaml; echo EXIT=$?"));
    t.press("Enter");
    let s = t.wait_for("EXIT=1");
    assert!(s.contains("unknown field `stnace`"), "{s}");
    assert!(s.contains("bad.yaml:"), "{s}");
    assert_cooked(&t);
}

/// The README's 30-second tour, key by key, at 80×24: each step shows what
/// the README says it shows.
#[test]
fn the_readme_tour_works_as_written_at_80x24() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path(), 80, 24);
    let first = t.run_detente("");
    assert!(
        line_with(&first, "vs").contains("Russian Federation"),
        "{first}"
    );
    assert!(line_with(&first, "vs").contains("United States"), "{first}");

    // 1. f: only the conflicts; NATO non-expansion first, a red-line
    //    conflict, the US side marked reported.
    t.type_text("f");
    let s = t.wait_for("conflicts 8/20");
    let nne = line_with(&s, "NATO non-expansi");
    // At 80 columns a pane shows the stance as its glyph: `-ʳ` is
    // "opposes, reported".
    assert!(nne.contains("!✗!") && nne.contains("│-ʳ "), "{s}");

    // 2. b twice: stated only; NATO non-expansion is no longer a conflict.
    t.type_text("b");
    t.type_text("b");
    let s = t.wait_for("counting stated only");
    assert!(
        !s.contains("NATO non-expansi"),
        "filtered out as unknown:\n{s}"
    );
    t.type_text("b");
    t.wait_for("conflicts 8/20");
    for _ in 0..3 {
        t.type_text("f");
    }
    t.wait_for("Issues 20");

    // 3. De-escalation (the twelfth issue), Enter: the Issue view.
    t.type_text("g");
    for _ in 0..11 {
        t.type_text("j");
    }
    t.wait_for("Issue 12/20 · De-escalation");
    t.press("Enter");
    let s = t.wait_for("Issue 12/20: Russia de-escalates");
    assert!(s.contains("rejects") && s.contains("demands"), "{s}");

    // 4. m: the Matrix.
    t.type_text("m");
    t.wait_for("Matrix · actors 1–7 of 7");

    // 5. c, / rifk Enter: Rifkind on the left; / lav Enter: Russia back.
    t.type_text("c");
    t.wait_for("Issues 20");
    t.type_text("/");
    t.wait_for("Jump to an actor");
    t.type_text("rifk");
    t.wait_for("Malcolm Rifkind");
    t.press("Enter");
    t.wait_for("▶ Malcolm Rifkind");
    t.type_text("/");
    t.wait_for("Jump to an actor");
    t.type_text("lav");
    t.wait_for("alias Lavrov");
    t.press("Enter");
    t.wait_for("▶ Russian Federation");

    // 6. a: the Analysis view; Esc back to Compare.
    t.type_text("a");
    let s = t.wait_for("Mearsheimer");
    assert!(s.contains("NATO non-expansion"), "the first crux:\n{s}");
    t.press("Escape");
    t.wait_for("Issues 20");

    // 7. e, Enter: the comparison in russia-vs-united-states.txt.
    t.type_text("e");
    t.wait_for("russia-vs-united-states.txt");
    t.press("Enter");
    t.wait_for("exported to");
    assert!(dir.path().join("russia-vs-united-states.txt").exists());

    // 8. ? lists the keys, ? closes the list, q quits.
    t.type_text("?");
    t.wait_for("Keys");
    t.type_text("?");
    t.wait_for("Issues 20");
    t.type_text("q");
    t.wait_for("EXIT=0");
}

/// The Timeline on the climate-talks fixture: `t` simulates and shows the
/// rounds; `.` steps to round 1 and the Compare row for mitigation shows
/// the United States where the reference puts it after round 1 (100 →
/// 59.02, tests/fixtures/exchange/cop21-like.expected.json); `,` steps back.
#[test]
fn t_shows_the_timeline_and_stepping_the_round_changes_the_compare_row() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        fixtures.join("cop21-like.csv"),
        dir.path().join("cop21-like.csv"),
    )
    .expect("copy");
    let t = Tmux::start(dir.path(), 120, 40);
    let first = t.run_detente("cop21-like.csv --left usa --right china");
    let mitigation = |s: &str| {
        line_with(s, "│mitigation")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(mitigation(&first).contains("# 100"), "{first}");
    t.type_text("t");
    let s = t.wait_for("Timeline · finance · round 0 of 10");
    assert!(
        s.contains("United States") && s.contains("weighted mean"),
        "{s}"
    );
    t.type_text("c");
    t.type_text(".");
    let s = t.wait_for("round 1 of 10 (simulated)");
    assert!(mitigation(&s).contains("# 59 "), "{s}");
    assert!(mitigation(&s).contains("# 24.1 "), "{s}");
    t.type_text(",");
    let s = t.wait_for("round 0 of 10 (as written)");
    assert!(mitigation(&s).contains("# 100"), "{s}");
    t.type_text("q");
    t.wait_for("EXIT=0");
}

/// A simulation that takes a while shows its progress, and `q` still
/// quits at once.
#[test]
fn q_quits_at_once_while_the_simulation_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = detente::generate::Spec::numeric(30, 80);
    std::fs::write(dir.path().join("big.yaml"), detente::generate::yaml(&spec)).expect("write");
    let t = Tmux::start(dir.path(), 120, 40);
    t.run_detente("big.yaml");
    t.type_text("t");
    t.wait_for("Simulating the bargaining…");
    let pressed = Instant::now();
    t.type_text("q");
    t.wait_for("EXIT=0");
    assert!(
        pressed.elapsed() < Duration::from_secs(2),
        "q took {:?}",
        pressed.elapsed()
    );
    assert_cooked(&t);
}

/// The talks fixtures of `detente diff` (tests/fixtures/diff), copied into
/// a fresh directory.
fn talks_dir() -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff");
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["talks-1.yaml", "talks-2.yaml"] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).expect("copy");
    }
    dir
}

/// China moved on emission cuts from 10 (talks-1) to 30 (talks-2).
#[test]
fn since_marks_what_moved_and_the_header_names_the_old_file() {
    let dir = talks_dir();
    let t = Tmux::start(dir.path(), 120, 40);
    let s = t.run_detente("talks-2.yaml --since talks-1.yaml --left china --right eu");
    let s = if s.contains("since talks-1.yaml") {
        s
    } else {
        t.wait_for("since talks-1.yaml")
    };
    assert!(
        line_with(&s, "│Emission cuts").contains("30 ↑ was 10"),
        "{s}"
    );
    t.type_text("q");
    t.wait_for("EXIT=0");
}

/// `+` moves China on emission cuts 30 → 35: the compromise (weights
/// salience × power: US 0.5, EU 0.6, China 1.05, islands 1, India 0.8,
/// Σ 3.95) goes from 146.5 / 3.95 = 37.1 to 151.75 / 3.95 = 38.4, one
/// column right; `u` gives back the screen as it was above the footer,
/// where the status line says what was undone.
#[test]
fn a_what_if_step_moves_the_compromise_and_undo_restores_the_screen() {
    let dir = talks_dir();
    let t = Tmux::start(dir.path(), 120, 40);
    t.run_detente("talks-2.yaml --left china --right eu");
    t.type_text("j");
    t.press("Enter");
    let before = t.wait_for("◆ compromise 37.1");
    let marker = |s: &str| {
        line_with(s, "◆")
            .chars()
            .position(|c| c == '◆')
            .expect("the compromise marker")
    };
    t.type_text("+");
    let after = t.wait_for("what-if: 1 change");
    assert!(after.contains("◆ compromise 38.4"), "{after}");
    assert_eq!(marker(&after), marker(&before) + 1, "{before}\n{after}");
    assert!(line_with(&after, "│China").contains("↑35"), "{after}");
    t.type_text("u");
    let undone = t.wait_for("undid");
    assert!(!undone.contains("what-if:"), "{undone}");
    let status = undone
        .lines()
        .position(|l| l.contains("undid"))
        .expect("the status line");
    assert!(status > 30, "the status line is in the footer:\n{undone}");
    for (k, (a, b)) in before.lines().zip(undone.lines()).take(status).enumerate() {
        assert_eq!(a, b, "row {k}:\n{before}\n{undone}");
    }
    t.type_text("q");
    t.type_text("q");
    t.wait_for("EXIT=0");
}
