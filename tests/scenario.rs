//! `--set` and `--scenario` on the real binary: each command's output on
//! the model with the changes equals its output on a copy of the model
//! edited by hand the same way (the text below, not detente, edits it).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// 2026-11-28T23:59:59Z, for the export's provenance line.
const FIXED_DAY: &str = "1795910399";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenario")
        .join(name)
}

fn talks() -> String {
    fs::read_to_string(fixture("talks.yaml")).expect("talks.yaml")
}

/// `text` with each `(from, to)` replaced, each found exactly once.
fn edited(text: &str, edits: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (from, to) in edits {
        assert_eq!(out.matches(from).count(), 1, "{from:?} appears once");
        out = out.replace(from, to);
    }
    out
}

/// A directory holding `talks.yaml` with `text`, and the scenario fixtures.
fn dir_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("talks.yaml"), text).expect("write");
    for s in ["what-if.yaml", "other-model.yaml"] {
        fs::copy(fixture(s), dir.path().join(s)).expect("copy");
    }
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs detente in `dir`, so that both models are `talks.yaml` as given.
fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", FIXED_DAY)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every command that takes `--set`, on talks.yaml (`diff` has its own
/// tests below: its changes go to NEW).
const COMMANDS: [&[&str]; 8] = [
    &[
        "export",
        "talks.yaml",
        "--left",
        "northland",
        "--right",
        "southland",
    ],
    &[
        "export",
        "talks.yaml",
        "--left",
        "southland",
        "--right",
        "eastland",
        "--format",
        "json",
    ],
    &["forecast", "talks.yaml"],
    &["rank", "talks.yaml", "northland"],
    &["rank", "talks.yaml", "eastland", "--format", "json"],
    &["simulate", "talks.yaml"],
    &["sensitivity", "talks.yaml"],
    &[
        "sensitivity",
        "talks.yaml",
        "--left",
        "northland",
        "--right",
        "southland",
        "--format",
        "json",
    ],
];

/// `stdout` without what an export says of the what-if changes (its
/// provenance line, or the JSON's `provenance.what_if`), and that, so the
/// rest compares with the output on a model edited by hand.
fn without_what_if(stdout: &str) -> (String, Option<String>) {
    if stdout.starts_with('{') {
        let mut doc: serde_json::Value = serde_json::from_str(stdout).expect("JSON");
        let said = doc
            .get_mut("provenance")
            .and_then(|p| p.as_object_mut())
            .and_then(|p| p.remove("what_if"))
            .map(|w| w.to_string());
        return (doc.to_string(), said);
    }
    // "Model: talks.yaml, with …, detente" as the model edited by hand has
    // it, "Model: talks.yaml, detente".
    let mut said = None;
    let rest: Vec<String> = stdout
        .lines()
        .map(|l| {
            match (
                l.strip_prefix("Model: talks.yaml, with "),
                l.find(", detente "),
            ) {
                (Some(_), Some(at)) => {
                    said = Some(l.to_string());
                    format!("Model: talks.yaml{}", &l[at..])
                }
                _ => l.to_string(),
            }
        })
        .collect();
    (rest.join("\n"), said)
}

/// What `without_what_if` finds in an export of `command`, or `None` for
/// the commands whose output has no provenance.
fn what_if_said(command: &[&str], text: &str, json: &str) -> Option<String> {
    match (command[0], command.contains(&"json")) {
        ("export", false) => Some(text.to_string()),
        ("export", true) => Some(json.to_string()),
        _ => None,
    }
}

#[test]
fn set_equals_the_model_edited_by_hand_for_every_command() {
    let sets = [
        "northland:water-share:position=55",
        "southland:border-treaty:position=supports",
        "southland:water-share:salience=0.2",
        "eastland:water-share:power=3",
        // Northland's positions have no power of their own: it gains one.
        "northland:border-treaty:power=1",
    ];
    let by_hand = edited(
        &talks(),
        &[
            (
                "water-share: {position: 70, salience: 0.9}",
                "water-share: {position: 55, salience: 0.9}",
            ),
            (
                "border-treaty: {stance: opposes, salience: 0.6}",
                "border-treaty: {stance: supports, salience: 0.6}",
            ),
            (
                "water-share: {position: 30, salience: 0.8}",
                "water-share: {position: 30, salience: 0.2}",
            ),
            ("salience: 0.4, power: 1.5}", "salience: 0.4, power: 3}"),
            (
                "border-treaty: {stance: supports, salience: 0.5}",
                "border-treaty: {stance: supports, salience: 0.5, power: 1}",
            ),
        ],
    );
    let (base, hand) = (dir_with(&talks()), dir_with(&by_hand));
    for command in COMMANDS {
        let mut args = command.to_vec();
        for s in sets {
            args.extend(["--set", s]);
        }
        let with_set = run(base.path(), &args);
        let expected = run(hand.path(), command);
        let unchanged = run(base.path(), command);
        assert_eq!(with_set.code, 0, "{command:?}: {}", with_set.stderr);
        assert_eq!(expected.code, 0, "{command:?}: {}", expected.stderr);
        assert_eq!(with_set.stderr, "", "{command:?}");
        let (got, said) = without_what_if(&with_set.stdout);
        assert_eq!(got, without_what_if(&expected.stdout).0, "{command:?}");
        let line = format!(
            "Model: talks.yaml, with 5 --set changes, detente {}, 2026-11-28",
            env!("CARGO_PKG_VERSION")
        );
        let json = r#"{"scenario":null,"scenario_changes":0,"set_changes":5}"#;
        assert_eq!(said, what_if_said(command, &line, json), "{command:?}");
        assert_ne!(
            got,
            without_what_if(&unchanged.stdout).0,
            "{command:?}: the changes show in the output"
        );
    }
}

#[test]
fn a_stale_change_in_a_scenario_is_named_and_the_rest_apply() {
    // what-if.yaml: change 1 (Northland's share 70 → 55) and change 3
    // (Southland opposes → supports the treaty) apply; change 2 expects
    // Southland's salience 0.7, and the model has 0.8.
    let by_hand = edited(
        &talks(),
        &[
            (
                "{position: 70, salience: 0.9}",
                "{position: 55, salience: 0.9}",
            ),
            (
                "{stance: opposes, salience: 0.6}",
                "{stance: supports, salience: 0.6}",
            ),
        ],
    );
    let (base, hand) = (dir_with(&talks()), dir_with(&by_hand));
    for command in COMMANDS {
        let mut args = command.to_vec();
        args.extend(["--scenario", "what-if.yaml"]);
        let got = run(base.path(), &args);
        assert_eq!(got.code, 0, "{command:?}: {}", got.stderr);
        let (stdout, said) = without_what_if(&got.stdout);
        let expected = run(hand.path(), command).stdout;
        assert_eq!(stdout, without_what_if(&expected).0, "{command:?}");
        // Changes 1 and 3 applied, not 2.
        let line = format!(
            "Model: talks.yaml, with what-if.yaml (2 changes), detente {}, 2026-11-28",
            env!("CARGO_PKG_VERSION")
        );
        let json = r#"{"scenario":"what-if.yaml","scenario_changes":2,"set_changes":0}"#;
        assert_eq!(said, what_if_said(command, &line, json), "{command:?}");
        assert_eq!(
            got.stderr,
            "detente: scenario what-if.yaml: change 2 (southland:water-share:salience) does not \
             apply and is skipped: the model has salience 0.8 where the scenario changes it from \
             0.7 (the model was edited since)\n",
            "{command:?}"
        );
    }
}

#[test]
fn set_after_scenario_applies_on_top() {
    // The scenario moves Northland to 55; --set then moves it on to 40.
    let by_hand = edited(
        &talks(),
        &[
            (
                "{position: 70, salience: 0.9}",
                "{position: 40, salience: 0.9}",
            ),
            (
                "{stance: opposes, salience: 0.6}",
                "{stance: supports, salience: 0.6}",
            ),
        ],
    );
    let (base, hand) = (dir_with(&talks()), dir_with(&by_hand));
    let got = run(
        base.path(),
        &[
            "forecast",
            "talks.yaml",
            "--scenario",
            "what-if.yaml",
            "--set",
            "northland:water-share:position=40",
        ],
    );
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(
        got.stdout,
        run(hand.path(), &["forecast", "talks.yaml"]).stdout
    );
    assert_eq!(
        got.stderr.lines().count(),
        1,
        "only change 2: {}",
        got.stderr
    );
}

#[test]
fn a_scenario_made_on_another_model_says_so_and_applies_what_fits() {
    // other-model.yaml was made on "River talks": its Westland is not in
    // this model; Eastland's power 1.5 → 3 fits.
    let by_hand = edited(
        &talks(),
        &[("salience: 0.4, power: 1.5}", "salience: 0.4, power: 3}")],
    );
    let (base, hand) = (dir_with(&talks()), dir_with(&by_hand));
    let got = run(
        base.path(),
        &["forecast", "talks.yaml", "--scenario", "other-model.yaml"],
    );
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(
        got.stdout,
        run(hand.path(), &["forecast", "talks.yaml"]).stdout
    );
    assert_eq!(
        got.stderr,
        "detente: scenario other-model.yaml: it was made on “River talks”, not “Water talks”; \
         each change is checked against this model\n\
         detente: scenario other-model.yaml: change 1 (westland:water-share:position) does not \
         apply and is skipped: unknown actor id `westland`; did you mean `eastland`?\n"
    );
}

#[test]
fn a_set_that_does_not_fit_the_model_is_named_and_the_rest_apply() {
    let by_hand = edited(
        &talks(),
        &[(
            "{position: 70, salience: 0.9}",
            "{position: 55, salience: 0.9}",
        )],
    );
    let (base, hand) = (dir_with(&talks()), dir_with(&by_hand));
    let got = run(
        base.path(),
        &[
            "rank",
            "talks.yaml",
            "southland",
            "--set",
            "northland:water-share:position=120",
            "--set",
            "northland:water-share:position=55",
            "--set",
            "southland:border-treaty:position=60",
        ],
    );
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(
        got.stdout,
        run(hand.path(), &["rank", "talks.yaml", "southland"]).stdout
    );
    assert_eq!(
        got.stderr,
        "detente: --set northland:water-share:position=120 does not apply and is skipped: \
         position 120 is outside the scale of `water-share` (0..=100)\n\
         detente: --set southland:border-treaty:position=60 does not apply and is skipped: \
         position `60` is not a stance; `border-treaty` is a stance issue (rejects, opposes, \
         neutral, supports, demands or -2..=2)\n"
    );
}

#[test]
fn a_malformed_set_is_a_usage_error_that_says_what_is_wrong() {
    let dir = dir_with(&talks());
    let form = "expected ACTOR:ISSUE:FIELD=VALUE, e.g. russia:nato-non-expansion:position=supports";
    for (set, why) in [
        ("northland:water-share", format!("no `=`; {form}")),
        (
            "northland:position=3",
            format!("`northland:position` has 2 parts before `=`, not 3; {form}"),
        ),
        (
            "northland:water-share:postion=3",
            "unknown field `postion`; did you mean `position`? the field is position, salience or power".into(),
        ),
        (
            "northland:water-share:salience=0.5x",
            "salience `0.5x` is not a number".into(),
        ),
        (
            "northland:water-share:salience=-0.1",
            "salience -0.1 is outside 0..=1".into(),
        ),
    ] {
        let got = run(dir.path(), &["forecast", "talks.yaml", "--set", set]);
        assert_eq!(got.code, 2, "{set}");
        assert_eq!(got.stdout, "", "{set}");
        let first = got.stderr.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            format!("error: invalid value '{set}' for '--set <ACTOR:ISSUE:FIELD=VALUE>': {why}"),
        );
    }
}

#[test]
fn a_bad_scenario_file_stops_the_command_with_its_place() {
    let dir = dir_with(&talks());
    fs::write(
        dir.path().join("bad.yaml"),
        "base:\n  title: Water talks\nchanges:\n  - actor: northland\n    issue: water-share\n    field: salience\n    from: 0.9\n    to: lots\n",
    )
    .expect("write");
    let got = run(
        dir.path(),
        &["forecast", "talks.yaml", "--scenario", "bad.yaml"],
    );
    assert_eq!(got.code, 1);
    assert_eq!(got.stdout, "");
    assert_eq!(
        got.stderr,
        "detente: bad.yaml is not a valid scenario: 1 problem found\n\
         bad.yaml:8:9: changes[0].to: salience `lots` is not a number\n"
    );
    let got = run(
        dir.path(),
        &["forecast", "talks.yaml", "--scenario", "missing.yaml"],
    );
    assert_eq!(got.code, 1);
    assert_eq!(
        got.stderr,
        "detente: cannot read scenario missing.yaml: No such file or directory (os error 2)\n"
    );
}

/// `detente schema --scenario` accepts the scenario files detente reads and
/// writes, and rejects a file of the wrong shape.
#[test]
fn the_scenario_schema_fits_the_format() {
    let dir = dir_with(&talks());
    let out = run(dir.path(), &["schema", "--scenario"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let schema: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(schema["title"], "detente scenario");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("scenario.schema.json", schema)
        .expect("resource");
    let index = compiler
        .compile("scenario.schema.json", &mut schemas)
        .expect("a valid JSON Schema");
    let instance =
        |text: &str| -> serde_json::Value { serde_saphyr::from_str(text).expect("YAML") };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in [
        fixture("what-if.yaml"),
        fixture("other-model.yaml"),
        root.join("docs/what-if.yaml"),
    ] {
        let name = path.display();
        let text = fs::read_to_string(&path).expect("read");
        if let Err(e) = schemas.validate(&instance(&text), index) {
            panic!("{name}: {e}");
        }
    }
    let good = "base: {title: T}\nchanges: []\n";
    assert!(schemas.validate(&instance(good), index).is_ok());
    for bad in [
        "changes: []\n",
        "base: {title: T}\nchanges:\n  - {actor: a, issue: b, field: stance, from: 1, to: 2}\n",
        "base: {title: T}\nchanges:\n  - {actor: a, issue: b, field: position, from: 1}\n",
        "base: {title: T, fingerprint: abc}\n",
        "base: {title: T}\nextra: 1\n",
    ] {
        assert!(schemas.validate(&instance(bad), index).is_err(), "{bad}");
    }
}

/// The scenario shown in docs/formats.md reads, was made on talks.yaml as
/// it is, and applies whole; docs/what-if.yaml fits the built-in model.
#[test]
fn the_documented_scenarios_apply() {
    use detente::scenario::Scenario;
    let guide = include_str!("../docs/formats.md");
    let section = &guide[guide.find("## Scenarios").expect("the section")..];
    let start = section.find("```yaml\n").expect("an example") + "```yaml\n".len();
    let block = &section[start..start + section[start..].find("```").expect("its end")];
    let s = Scenario::from_str(block, Path::new("docs/formats.md")).expect("reads");
    let model = detente::model::load(&fixture("talks.yaml")).expect("loads");
    assert_eq!(
        s.base_differs(&model),
        None,
        "the fingerprint is talks.yaml's"
    );
    let (_, stale) = s.apply(model);
    assert!(stale.is_empty(), "{stale:?}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let s = Scenario::load(&root.join("docs/what-if.yaml")).expect("reads");
    let model = detente::model::builtin().expect("loads");
    assert_eq!(s.base_differs(&model), None);
    let (_, stale) = s.apply(model);
    assert!(stale.is_empty(), "{stale:?}");
}

/// `diff OLD NEW --set …` makes the change to NEW: against the model
/// itself, it lists exactly that change, as `diff` of the model and a copy
/// edited by hand does, and says so where it names NEW.
#[test]
fn diff_makes_the_changes_to_new_and_lists_exactly_them() {
    let dir = dir_with(&talks());
    let one = [(
        "{position: 70, salience: 0.9}",
        "{position: 55, salience: 0.9}",
    )];
    fs::write(dir.path().join("edited.yaml"), edited(&talks(), &one)).expect("write");
    let set = ["--set", "northland:water-share:position=55"];
    let got = run(
        dir.path(),
        &[&["diff", "talks.yaml", "talks.yaml"][..], &set].concat(),
    );
    let hand = run(dir.path(), &["diff", "talks.yaml", "edited.yaml"]);
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(got.stderr, "");
    let (first, rest) = got.stdout.split_once('\n').expect("lines");
    assert_eq!(
        first,
        "Changes from talks.yaml to talks.yaml with 1 --set change"
    );
    let (hand_first, hand_rest) = hand.stdout.split_once('\n').expect("lines");
    assert_eq!(hand_first, "Changes from talks.yaml to edited.yaml");
    assert_eq!(rest, hand_rest);
    assert!(
        rest.contains("Moved: 1 position ")
            && rest.contains("  Northland on Water share: 70 → 55;"),
        "{rest}"
    );
    // JSON: NEW says what was applied to it, OLD nothing.
    let got = run(
        dir.path(),
        &[
            &["diff", "talks.yaml", "talks.yaml", "--format", "json"][..],
            &set,
        ]
        .concat(),
    );
    let doc: serde_json::Value = serde_json::from_str(&got.stdout).expect("JSON");
    assert_eq!(doc["new"]["what_if"], "1 --set change");
    assert_eq!(doc["old"].get("what_if"), None);
    // A scenario: changes 1 and 3 move two positions; change 2 is stale.
    let got = run(
        dir.path(),
        &[
            "diff",
            "talks.yaml",
            "talks.yaml",
            "--scenario",
            "what-if.yaml",
        ],
    );
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert!(
        got.stdout
            .starts_with("Changes from talks.yaml to talks.yaml with what-if.yaml (2 changes)\n"),
        "{}",
        got.stdout
    );
    assert!(got.stdout.contains("Moved: 2 positions "), "{}", got.stdout);
    assert!(
        got.stdout
            .contains("  Southland on Border treaty: -1 opposes → +1 supports;"),
        "{}",
        got.stdout
    );
    assert_eq!(got.stderr.lines().count(), 1, "{}", got.stderr);
}

/// `sensitivity --scenario` works on the model with the scenario's changes.
#[test]
fn sensitivity_with_a_scenario_equals_the_model_edited_by_hand() {
    let by_hand = edited(
        &talks(),
        &[
            (
                "{position: 70, salience: 0.9}",
                "{position: 55, salience: 0.9}",
            ),
            (
                "{stance: opposes, salience: 0.6}",
                "{stance: supports, salience: 0.6}",
            ),
        ],
    );
    let (base, hand) = (dir_with(&talks()), dir_with(&by_hand));
    let command = ["sensitivity", "talks.yaml", "--issue", "water-share"];
    let got = run(
        base.path(),
        &[&command[..], &["--scenario", "what-if.yaml"]].concat(),
    );
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(got.stdout, run(hand.path(), &command).stdout);
    assert_ne!(got.stdout, run(base.path(), &command).stdout);
}
