//! Loading as a whole: the built-in and starter models, key order, problem
//! order and places, and the byte count of the loading screen.

use super::*;

#[test]
fn builtin_model_loads() {
    // Its actors, issues and quotes are checked in tests/geneva_model.rs.
    let m = builtin().expect("built-in model is valid");
    assert!(m.issues.len() >= 10);
}

#[test]
fn the_starter_model_is_valid_and_has_one_position_of_each_kind() {
    let m = from_str(STARTER_YAML, Origin::BuiltIn).expect("starter model is valid");
    assert_eq!((m.actors.len(), m.issues.len()), (2, 4));
    let share = &m.issues[3];
    assert_eq!(share.range(), (0.0, 100.0));
    assert_eq!(share.outcome, Some(40.0));
    assert_eq!(m.actors[1].power, 0.6);
    let upstate = &m.actors[0];
    let reported = upstate.position(3).expect("a numeric position");
    assert_eq!((reported.value, reported.basis), (25.0, Basis::Reported));
    assert!(
        upstate
            .positions()
            .iter()
            .any(|p| p.red_line && !p.evidence().is_empty())
    );
    assert!(
        upstate.positions().len() < m.issues.len(),
        "an unknown position"
    );
}

/// One model in four blocks, written in the usual order and with the
/// actors first and the sources they cite last (the validator then
/// checks the actors only once the issues are read, and the citations
/// at the end).
const ORDER_TITLE: &str = "title: Order\n";
const ORDER_SOURCES: &str = "sources:\n  - id: minutes\n    title: Minutes\n";
const ORDER_ISSUES: &str = "issues:\n  - id: a\n    title: A\n  - id: b\n    title: B\n";
const ORDER_ACTORS: &str = "\
actors:
  - id: x
    name: X
    affiliation: y
    positions:
      b:
        stance: supports
        evidence:
          - quote: Yes.
            source: minutes
  - id: y
    name: Y
    positions:
      a: rejects
";

fn usual_order() -> String {
    [ORDER_TITLE, ORDER_SOURCES, ORDER_ISSUES, ORDER_ACTORS].concat()
}

fn actors_first() -> String {
    [ORDER_ACTORS, ORDER_ISSUES, ORDER_SOURCES, ORDER_TITLE].concat()
}

#[test]
fn the_top_level_keys_may_come_in_any_order() {
    let usual = from_str(&usual_order(), Origin::BuiltIn).expect("valid");
    let actors_first = from_str(&actors_first(), Origin::BuiltIn).expect("valid");
    assert_eq!(usual, actors_first);
    let x = &usual.actors[0];
    assert_eq!(x.affiliation, Some(1));
    let p = x.position(1).expect("x on b");
    assert_eq!(
        (p.stance, p.evidence()[0].source),
        (Some(Stance::Supports), Some(0))
    );
    assert_eq!(usual.actors[1].position(0).map(|p| p.value), Some(-2.0));
}

#[test]
fn problems_are_found_whatever_the_order() {
    let messages = |text: &str| match from_str(text, Origin::BuiltIn) {
        Err(LoadError::Invalid { problems, .. }) => problems
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect::<Vec<_>>(),
        other => panic!("expected problems, got {other:?}"),
    };
    let typos = |text: &str| {
        text.replace("      b:\n", "      bb:\n")
            .replace("source: minutes", "source: minute")
            .replace("affiliation: y", "affiliation: z")
    };
    let want = [
        "actors[0] (x).affiliation: unknown actor id `z`; did you mean `x`?",
        "actors[0] (x).positions.bb: unknown issue id `bb`; did you mean `b`?",
    ];
    assert_eq!(messages(&typos(&usual_order())), want);
    assert_eq!(messages(&typos(&actors_first())), want);
    // A citation is checked where the source list is known: at once in
    // the usual order, at the end when the sources come last.
    let cite = |text: &str| text.replace("source: minutes", "source: minute");
    let want = [
        "actors[0] (x).positions.b.evidence[0].source: unknown source id `minute`; did you mean `minutes`?",
    ];
    assert_eq!(messages(&cite(&usual_order())), want);
    assert_eq!(messages(&cite(&actors_first())), want);
}

#[test]
fn loading_counts_every_byte_of_the_file() {
    let dir = std::env::temp_dir().join(format!("detente-count-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("order.yaml");
    std::fs::write(&file, usual_order()).expect("write");
    let parsed = AtomicU64::new(0);
    load_counting(&file, &parsed).expect("valid");
    assert_eq!(parsed.load(Ordering::Relaxed), usual_order().len() as u64);
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// Each problem as `line: path: message`, or a panic if the text loads
/// or fails in another way.
fn problems(text: &str) -> Vec<String> {
    match from_str(text, Origin::BuiltIn) {
        Err(LoadError::Invalid { problems, .. }) => problems
            .into_iter()
            .map(|p| format!("{}: {}: {}", p.loc.line, p.path, p.message))
            .collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn every_order_of_the_top_level_keys_finds_the_same_problems() {
    let title = "title: Order\n";
    let sources = "sources:\n  - id: minutes\n    title: Minutes\n";
    let issues = "\
issues:
  - id: a
    title: A
  - id: share
    title: Share
    scale: {min: 0, max: 100}
";
    let actors = "\
actors:
  - id: x
    name: X
    affiliation: y
    positions:
      a:
        stance: supports
        evidence:
          - quote: Yes.
            source: minute
      share: 150
      aa: rejects
  - id: y
    name: Y
    affiliation: x
  - id: z
    name: Z
    affiliation: w
";
    let want = [
        "actors[0] (x).affiliation: affiliation cycle: x -> y -> x",
        "actors[0] (x).positions.a.evidence[0].source: unknown source id `minute`; did you mean `minutes`?",
        "actors[0] (x).positions.share: position 150 is outside the scale of `share` (0..=100)",
        "actors[0] (x).positions.aa: unknown issue id `aa`; did you mean `a`?",
        "actors[2] (z).affiliation: unknown actor id `w`; did you mean `x`?",
    ];
    let blocks = [title, sources, issues, actors];
    for order in 0..24 {
        // The `order`-th permutation of the four blocks.
        let mut left: Vec<&str> = blocks.to_vec();
        let mut text = String::new();
        let mut n = order;
        for k in (1..=4).rev() {
            text.push_str(left.remove(n % k));
            n /= k;
        }
        let got: Vec<String> = problems(&text)
            .into_iter()
            .map(|p| p.split_once(": ").expect("line").1.to_string())
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

/// `1` and `"1"` are two YAML keys but one issue: the second position
/// is reported, not silently taken over the first (nor given the first
/// one's citations when the sources come last).
#[test]
fn two_keys_naming_one_issue_are_reported() {
    let actors = "\
actors:
  - id: x
    name: X
    positions:
      1:
        stance: supports
        evidence:
          - quote: First.
            source: s
      \"1\":
        stance: opposes
        evidence:
          - quote: Second.
";
    let rest = "title: T\nissues: [{id: \"1\", title: One}]\n";
    let sources = "sources: [{id: s, title: S}]\n";
    let why = "actors[0] (x).positions.1: a second position of `x` on `1`; an actor takes one position per issue";
    assert_eq!(
        problems(&format!("{actors}{rest}{sources}")),
        [format!("10: {why}")]
    );
    assert_eq!(
        problems(&format!("{rest}{sources}{actors}")),
        [format!("13: {why}")]
    );
}

#[test]
fn an_empty_actors_list_is_reported_with_its_place() {
    assert_eq!(
        problems("title: T\nissues: [{id: a, title: A}]\nactors: []\n"),
        ["3: actors: a model needs at least one actor"]
    );
}

/// A syntax error after problems have been found is the one error: the
/// problems before it are not reported, and nothing is left behind for
/// the next parse.
#[test]
fn a_syntax_error_among_the_actors_is_the_error() {
    let text = "\
actors:
  - id: x
    name: X
    positions: {b: supports}
  - id: y
    name: Y: Z
issues: [{id: a, title: A}]
title: T
";
    match from_str(text, Origin::BuiltIn) {
        Err(LoadError::Syntax { error, .. }) => {
            assert_eq!((error.loc.line, error.loc.column), (6, 12), "{error:?}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let m = from_str(
        &text.replace("Y: Z", "Y").replace("b:", "a:"),
        Origin::BuiltIn,
    )
    .expect("valid once fixed");
    assert_eq!(m.actors[0].position(0).map(|p| p.value), Some(1.0));
}

#[test]
fn anchors_merges_and_aliases_read_as_before() {
    let text = "\
actors:
  - &x
    id: x
    name: X
    positions: &base
      a: supports
      b: opposes
  - id: y
    name: Y
    positions:
      <<: *base
      a: rejects
  - *x
issues: [{id: a, title: A}, {id: b, title: B}]
title: T
";
    assert_eq!(
        problems(text),
        ["13: actors[2] (x): duplicate actor id `x` (first used by actors[0])"]
    );
    let m = from_str(&text.replace("  - *x\n", ""), Origin::BuiltIn).expect("valid");
    let y = &m.actors[1];
    let values: Vec<Option<f64>> = y.by_issue(2).map(|p| p.map(|p| p.value)).collect();
    assert_eq!(values, [Some(-2.0), Some(-1.0)]);
}

/// The loading screen's count ends at the file's size whatever its line
/// endings, byte order mark or layout.
#[test]
fn loading_counts_every_byte_of_odd_files() {
    let dir = std::env::temp_dir().join(format!("detente-odd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let model = "title: T\nissues:\n  - id: a\n    title: A\nactors:\n  - id: x\n    name: X\n  - {id: y, name: Y}\n";
    let flow = "{title: T, issues: [{id: a, title: A}], actors: [{id: x, name: X}]}";
    for (name, text) in [
        ("bom", format!("\u{feff}{model}")),
        ("crlf", model.replace('\n', "\r\n").trim_end().to_string()),
        ("cr", model.replace('\n', "\r")),
        ("no-final-newline", model.trim_end().to_string()),
        ("flow", flow.to_string()),
    ] {
        let file = dir.join(format!("{name}.yaml"));
        std::fs::write(&file, &text).expect("write");
        let parsed = AtomicU64::new(0);
        load_counting(&file, &parsed).expect(name);
        assert_eq!(parsed.load(Ordering::Relaxed), text.len() as u64, "{name}");
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn date_messages_say_what_is_wrong() {
    for (date, want) in [
        ("2022-1-19", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("22-01-01", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2022-02-30", "does not exist"),
        ("2022-13", "does not exist"),
    ] {
        let y = format!(
            "title: t\nsources: [{{id: s, title: s, date: {date}}}]\nissues: [{{id: i, title: i}}]\nactors: [{{id: a, name: a}}]\n"
        );
        let e = from_str(&y, Origin::BuiltIn).expect_err(date).to_string();
        assert!(e.contains(want), "{date}: {e}");
    }
}

#[test]
fn offsets_to_line_and_column() {
    assert_eq!(loc_of_offset(b"ab\ncd", 4), Loc { line: 2, column: 2 });
    assert_eq!(loc_of_offset(b"", 0), Loc { line: 1, column: 1 });
}

#[test]
fn numbers_written_as_yaml_allows_still_read() {
    let m = from_str(
        "title: T\nissues: [{id: a, title: A}]\nactors:\n  - id: x\n    name: X\n    power: \"2\"\n    positions:\n      a: {stance: supports, salience: \"0.4\", power: .5}\n",
        Origin::BuiltIn,
    )
    .expect("valid");
    let p = m.actors[0].position(0).expect("a position");
    assert_eq!(
        (m.actors[0].power, p.salience, p.power()),
        (2.0, 0.4, Some(0.5))
    );
}

/// A required field left out is reported where its mapping starts, and
/// the parse goes on; an issue key left out leaves the actors unchecked
/// rather than reporting every position as naming no issue.
#[test]
fn missing_fields_are_problems_with_the_others() {
    let text = "\
title: T
issues:
  - id: a
    title: A
    scale:
      min: 0
      labels: [{label: low}]
actors:
  - id: x
    positions:
      a:
        position: 5
        evidence: [{speaker: S}]
";
    assert_eq!(
        problems(text),
        [
            "6: issues[0] (a).scale: missing field `max`",
            "7: issues[0] (a).scale.labels[0]: missing field `at`",
            "9: actors[0] (x): missing field `name`",
            "13: actors[0] (x).positions.a.evidence[0]: missing field `quote`",
        ]
    );
    assert_eq!(
        problems(
            "title: T\nisues: [{id: a, title: A}]\nactors: [{id: x, name: X, positions: {a: 1}}]\n"
        ),
        ["2: top level: unknown field `isues`; did you mean `issues`?"]
    );
    assert_eq!(
        problems("issues: [{id: a, title: A}]\nactors: [{id: x, name: X}]\n"),
        ["1: top level: missing field `title`"]
    );
}
