//! The bad-input corpus: every file in tests/fixtures/bad must make
//! `detente check` exit 1 with a clear message, never a panic.

use std::path::Path;

use assert_cmd::Command;

/// File name, and the words its message must contain.
const CORPUS: &[(&str, &[&str])] = &[
    ("syntax-error.yaml", &[":1:8:", "unclosed"]),
    ("tab-indentation.yaml", &[":3:2:", "tabs"]),
    ("empty.yaml", &["is empty", "title"]),
    ("not-utf8.yaml", &[":2:17:", "not UTF-8", "0xE9"]),
    ("utf16.yaml", &["not UTF-8", "UTF-16"]),
    ("top-level-sequence.yaml", &["mapping", "top level"]),
    (
        "unknown-field.yaml",
        &[
            "1 problem found",
            ":12:9: actors[0] (russia).positions.de-escalation: unknown field `stnace`; did you mean `stance`?",
        ],
    ),
    (
        // The four mistakes of issue 24, all in one run: an unknown key no
        // longer stops the parse.
        "four-mistakes.yaml",
        &[
            "4 problems found",
            ":10:5: actors[0] (russia): unknown field `knd`; did you mean `kind`?",
            ":13:9: actors[0] (russia).positions.nato-non-expansion: unknown field `stanse`; did you mean `stance`?",
            ":15:7: actors[0] (russia).positions.de-escalation.stance: unknown stance `oposes`; did you mean `opposes`?",
            ":22:19: actors[1] (united-states).positions.nato-non-expansion.salience: salience 1.5 is outside 0..=1",
        ],
    ),
    (
        // Misspelt keys at every level; a required field whose key is
        // misspelt is not reported again as missing.
        "misspelt-keys.yaml",
        &[
            "6 problems found",
            ":1:1: top level: unknown field `titel`; did you mean `title`?",
            ":4:5: issues[0] (nato-non-expansion): unknown field `tite`; did you mean `title`?",
            ":7:5: actors[0] (russia): unknown field `nme`; did you mean `name`?",
            ":8:5: actors[0] (russia): unknown field `colour`; expected one of id, name, kind, affiliation, aliases, description, power, positions",
            ":13:13: actors[0] (russia).positions.nato-non-expansion.evidence[0]: unknown field `qoute`; did you mean `quote`?",
            ":14:13: actors[0] (russia).positions.nato-non-expansion.evidence[0]: unknown field `speeker`; did you mean `speaker`?",
        ],
    ),
    (
        // Text where a number belongs, with the number probably meant.
        "numbers-as-text.yaml",
        &[
            "6 problems found",
            ":11:12: actors[0] (north).power: power must be a number, 0 or more, not `1,5`; did you mean 1.5?",
            ":13:7: actors[0] (north).positions.budget: position must be a number on the scale of `budget` (0..=200), not `40%`; did you mean 80?",
            ":14:44: actors[0] (north).positions.treaty.salience: salience must be a number from 0 to 1, not `40%`; did you mean 0.4?",
            ":17:12: actors[1] (south).power: power must be a number, 0 or more, not `strong`",
            ":19:26: actors[1] (south).positions.budget.position: position must be a number on the scale of `budget` (0..=200), not `12,5`; did you mean 12.5?",
            ":19:44: actors[1] (south).positions.budget.salience: salience must be a number from 0 to 1, not `150%`",
        ],
    ),
    (
        "unknown-issue-id.yaml",
        &[
            ":11:7:",
            "actors[0] (russia).positions.nato-expansion",
            "did you mean `nato-non-expansion`?",
        ],
    ),
    (
        "duplicate-ids.yaml",
        &[":10:9:", "duplicate actor id `russia`"],
    ),
    (
        "duplicate-position-keys.yaml",
        &[":13:7:", "duplicate key `de-escalation`"],
    ),
    (
        "two-keys-one-issue.yaml",
        &[
            ":10:7:",
            "a second position of `x` on `1`; an actor takes one position per issue",
        ],
    ),
    (
        "stance-out-of-range.yaml",
        &[
            "positions.nato-non-expansion.stance",
            "stance 3 is outside -2..=2",
        ],
    ),
    ("unknown-stance-word.yaml", &["did you mean `supports`?"]),
    (
        "salience-out-of-range.yaml",
        &[":13:19:", "salience 1.5 is outside 0..=1"],
    ),
    ("bad-slug.yaml", &["`United_States` is not a slug"]),
    (
        "affiliation-cycle.yaml",
        &[
            ":10:18:",
            "affiliation cycle: lavrov -> foreign-ministry -> lavrov",
        ],
    ),
    (
        "missing-required-field.yaml",
        &[":1:1: top level: missing field `title`"],
    ),
    (
        "bad-date.yaml",
        &["evidence[0].date", "`2022-02-30` does not exist"],
    ),
    (
        "unknown-source.yaml",
        &[
            "unknown source id `hellenbroch-2022`",
            "did you mean `hellenbroich-2022`?",
        ],
    ),
    (
        "unknown-kind.yaml",
        &[
            ":10:11: actors[0] (russia).kind: unknown kind `country`; expected state, organization, person or group",
        ],
    ),
    (
        "numeric-errors.yaml",
        &[
            "11 problems found",
            ":5:18: issues[0] (finance).scale: min 100 is not below max 0",
            ":5:45: issues[0] (finance).scale.labels[0].at: label at 200 is outside the scale",
            ":5:74: issues[0] (finance).scale.status_quo: status quo NaN is not a finite number",
            ":6:14: issues[0] (finance).outcome: outcome `supports` is not a number",
            ":9:14: issues[1] (legal).outcome: outcome `7.5` is not a stance",
            ":13:12: actors[0] (usa).power: power -1 is negative",
            ":15:25: actors[0] (usa).positions.finance.stance: `stance` is for stance issues; `finance` is numeric",
            ":15:42: actors[0] (usa).positions.finance.power: power inf is not a finite number",
            ":16:25: actors[0] (usa).positions.legal.position: `position` is for numeric issues; `legal` is a stance issue",
            ":20:7: actors[1] (eu).positions.finance: position 180 is outside the scale of `finance`",
            ":21:7: actors[1] (eu).positions.legal.stance: stance `2.5` is not a stance",
        ],
    ),
    (
        // Found by the fuzzer: an id with a tab in it, suggested raw.
        "control-in-suggestion.yaml",
        &[":9:7:", "did you mean `nat- o-non-expansion`?"],
    ),
    (
        "unknown-basis.yaml",
        &[
            ":11:16: actors[0] (russia).positions.nato-non-expansion.basis: unknown basis `hearsay`; expected stated, reported or inferred",
        ],
    ),
    ("empty-required-string.yaml", &["`name` must not be empty"]),
    (
        "null-title.yaml",
        &[":1:8:", "expected text here, not an empty value"],
    ),
    (
        "null-position-key.yaml",
        &[":10:7:", "expected text here, not an empty value"],
    ),
    ("no-issues.yaml", &["at least one issue"]),
    ("wrong-type.yaml", &[":10:14:", "expected a list"]),
    ("deep-nesting.yaml", &[":5:12:", "not a list or mapping"]),
    ("alias-bomb.yaml", &["alias bomb"]),
    (
        "several-semantic-errors.yaml",
        &[
            "7 problems found",
            "`Russia` is not a slug",
            "duplicate actor id `united-states`",
            "unknown actor id `sovet-union`",
            "unknown issue id `nato-expansion`; did you mean `nato-non-expansion`?",
            "stance -3 is outside",
            "salience -0.5 is outside",
            "`name` must not be empty",
        ],
    ),
    // Decide, KTAB and long CSV files (docs/formats.md): each error kind with
    // its line (and column where the format has one).
    (
        "decide-unknown-actor.dec",
        &[".dec:3:4:", "#D actor", "unknown actor key `USS`"],
    ),
    (
        "decide-unknown-issue.dec",
        &[
            ".dec:3:8:",
            "unknown issue key `cutz`; did you mean `cuts`?",
        ],
    ),
    (
        "decide-position-outside-scale.dec",
        &[
            ".dec:5:13:",
            "position 75 is outside the scale of `cuts` (10..=60), set by its #M lines",
        ],
    ),
    (
        "decide-negative-power.dec",
        &[".dec:3:20:", "power -1 is negative"],
    ),
    (
        "decide-salience-out-of-range.dec",
        &[".dec:3:16:", "salience 50 is outside 0..=1"],
    ),
    (
        "decide-wrong-field-count.dec",
        &[".dec:3:1:", "wrong field count: 5 fields"],
    ),
    (
        "decide-not-a-number.dec",
        &[".dec:3:13:", "position `twenty` is not a number"],
    ),
    (
        "decide-several-errors.dec",
        &[
            "7 problems found",
            ".dec:5:4: #D actor: unknown actor key `USS`",
            ".dec:6:7: #D issue: unknown issue key `cutz`",
            ".dec:7:13: #D position: position 120 is outside the scale",
            ".dec:7:17: #D salience: salience 1.5 is outside 0..=1",
            ".dec:7:21: #D power: power -2 is negative",
            ".dec:8:1: #D: wrong field count: 4 fields",
            ".dec:9:1: line: `#X` is not a Decide line",
        ],
    ),
    (
        "ktab-wrong-field-count.csv",
        &[".csv:4:1:", "wrong field count: 4 fields; a row needs 5"],
    ),
    (
        "ktab-salience-out-of-range.csv",
        &[".csv:4:21: salience on `Subsidy`: salience 150 is outside 0..=100"],
    ),
    (
        "ktab-negative-capability.csv",
        &[".csv:3:13:", "capability -100 is negative"],
    ),
    (
        "ktab-actor-count.csv",
        &[
            ".csv:1:1:",
            "line 1 says 3 actors, but the file has 2 actor rows",
        ],
    ),
    (
        "csv-not-a-number.csv",
        &[".csv:3: position:", "position `lots` is not a number"],
    ),
    (
        "csv-stance-on-numeric-issue.csv",
        &[
            ".csv:3: position:",
            "`supports` is a stance, but issue `Water share` is numeric (a number on line 2)",
        ],
    ),
    (
        "csv-unknown-column.csv",
        &[
            ".csv:1: header:",
            "unknown column `salince`; did you mean `salience`?",
        ],
    ),
    (
        "csv-several-errors.csv",
        &[
            "7 problems found",
            ".csv:2: salience: salience 1.5 is outside 0..=1",
            ".csv:2: power: power -1 is negative",
            ".csv:3: basis: unknown basis `hearsay`",
            ".csv:3: red_line: red_line `maybe` is not true or false",
            ".csv:3: date: date `2023-02-30`",
            ".csv:4: row: wrong field count: 4 fields, the header has 9",
            ".csv:5: issue: the issue is empty",
        ],
    ),
    // A scale whose span max - min overflows: every format that builds one.
    (
        "scale-span-overflow.yaml",
        &[
            ":5:18: issues[0] (spending).scale: the scale of `spending` (-1e308..=1e308) is too wide: max - min is not a finite number",
        ],
    ),
    (
        "decide-scale-span-overflow.dec",
        &[
            ".dec:4:13: #M position: the scale of `spending` (-1e308..=1e308) is too wide: max - min is not a finite number",
        ],
    ),
    (
        "csv-scale-span-overflow.csv",
        &[
            ".csv:3: position: the scale of `Spending` (-1e308..=1e308) is too wide: max - min is not a finite number",
        ],
    ),
    (
        "not-a-model.txt",
        &[
            "is not a model detente reads",
            "not a Decide file",
            "not a KTAB CSV",
            "not a long CSV",
            "not a YAML model",
        ],
    ),
];

fn check(path: &Path) -> (i32, String, String) {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .arg("check")
        .arg(path)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_bad_file_exits_1_with_its_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    for (file, words) in CORPUS {
        let (code, stdout, stderr) = check(&dir.join(file));
        assert_eq!(code, 1, "{file}: exit code; stderr: {stderr}");
        assert!(stdout.is_empty(), "{file}: nothing on stdout");
        assert!(stderr.starts_with("detente: "), "{file}: {stderr}");
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
        for w in *words {
            assert!(stderr.contains(w), "{file}: expected {w:?} in:\n{stderr}");
        }
        assert!(
            !stderr.contains("Error {")
                && !stderr.contains("Budget")
                && !stderr.contains("Options"),
            "{file}: a debug dump or library jargon leaked:\n{stderr}"
        );
        assert!(
            !stderr.chars().any(|c| c.is_control() && c != '\n'),
            "{file}: a control character reached the terminal:\n{stderr:?}"
        );
    }
}

/// Issue 24: four mistakes in one file came back one or two at a time
/// across four runs. One run now lists all four, in file order, each with
/// its line and column.
#[test]
fn four_mistakes_come_back_in_one_run() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/four-mistakes.yaml");
    let (code, _, stderr) = check(&file);
    assert_eq!(code, 1);
    let f = file.display();
    assert_eq!(
        stderr,
        format!(
            "detente: {f} is not a valid model: 4 problems found\n\
             {f}:10:5: actors[0] (russia): unknown field `knd`; did you mean `kind`?\n\
             {f}:13:9: actors[0] (russia).positions.nato-non-expansion: unknown field `stanse`; did you mean `stance`?\n\
             {f}:15:7: actors[0] (russia).positions.de-escalation.stance: unknown stance `oposes`; did you mean `opposes`?\n\
             {f}:22:19: actors[1] (united-states).positions.nato-non-expansion.salience: salience 1.5 is outside 0..=1\n"
        )
    );
}

#[test]
fn the_corpus_lists_every_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(listed.len() >= 15);
}

#[test]
fn a_file_over_64_mib_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.yaml");
    let f = std::fs::File::create(&path).expect("create");
    // Sparse: 65 MiB on paper, nothing on disk.
    f.set_len(65 * 1024 * 1024).expect("set_len");
    let (code, _, stderr) = check(&path);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("is 68157440 bytes, over the limit of 64 MiB"),
        "{stderr}"
    );
}

#[test]
fn unreadable_paths_get_one_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, stderr) = check(&dir.path().join("missing.yaml"));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("cannot read") && stderr.contains("missing.yaml"),
        "{stderr}"
    );
    let (code, _, stderr) = check(dir.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("is not a regular file"), "{stderr}");
}
