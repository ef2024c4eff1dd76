//! Scenarios: applying, skipping what no longer fits, the file format both
//! ways, saving, and `--set`. Expected values are worked out by hand from
//! `tests/fixtures/scenario/talks.yaml`.

use std::path::Path;

use super::*;
use crate::model::{Origin, Stance};

const TALKS: &str = include_str!("../../tests/fixtures/scenario/talks.yaml");

fn talks() -> Model {
    crate::model::from_str(TALKS, Origin::BuiltIn).expect("talks.yaml loads")
}

fn change(actor: &str, issue: &str, field: Field, from: Value, to: Value) -> Change {
    Change {
        actor: actor.into(),
        issue: issue.into(),
        field,
        from,
        to,
    }
}

fn on(changes: Vec<Change>) -> Scenario {
    let mut s = Scenario::new(Base {
        model: Some("talks.yaml".into()),
        title: "Water talks".into(),
        fingerprint: None,
    });
    for c in changes {
        s.push(c);
    }
    s
}

/// Actor `a`'s position on issue `i` (indices in talks.yaml).
fn position(m: &Model, a: usize, i: usize) -> &crate::model::Position {
    m.actors[a].position(i).expect("a position")
}

const N: fn(f64) -> Value = Value::Number;

#[test]
fn changes_apply_in_order_and_a_stale_one_is_named_and_skipped() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario/what-if.yaml");
    let s = Scenario::load(&path).expect("what-if.yaml loads");
    assert_eq!(s.len(), 3);
    let (m, stale) = s.apply(talks());
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(
        stale[0].to_string(),
        "change 2 (southland:water-share:salience) does not apply and is skipped: the model has \
         salience 0.8 where the scenario changes it from 0.7 (the model was edited since)"
    );
    // Change 1: Northland's water share 70 → 55.
    assert_eq!(position(&m, 0, 0).value, 55.0);
    // Change 2 skipped: Southland's salience stays 0.8.
    assert_eq!(position(&m, 1, 0).salience, 0.8);
    // Change 3: Southland opposes → supports the treaty.
    assert_eq!(position(&m, 1, 1).value, 1.0);
    assert_eq!(position(&m, 1, 1).stance, Some(Stance::Supports));
    // Nothing else moved.
    assert_eq!(position(&m, 1, 0).value, 30.0);
    assert_eq!(position(&m, 2, 0).value, 50.0);
}

#[test]
fn each_reason_a_change_does_not_apply() {
    let cases = [
        (
            change("northlnd", "water-share", Field::Position, N(70.0), N(60.0)),
            "unknown actor id `northlnd`; did you mean `northland`?",
        ),
        (
            change("northland", "water", Field::Position, N(70.0), N(60.0)),
            "unknown issue id `water`; did you mean `water-share`?",
        ),
        (
            change(
                "northland",
                "water-share",
                Field::Position,
                N(70.0),
                N(120.0),
            ),
            "position 120 is outside the scale of `water-share` (0..=100)",
        ),
        (
            change(
                "northland",
                "water-share",
                Field::Position,
                N(70.0),
                Value::Stance(Stance::Demands),
            ),
            "position `demands` is not a number; `water-share` is numeric (scale 0..=100)",
        ),
        (
            change(
                "northland",
                "border-treaty",
                Field::Position,
                N(1.0),
                N(3.0),
            ),
            "position `3` is not a stance; `border-treaty` is a stance issue (rejects, opposes, \
             neutral, supports, demands or -2..=2)",
        ),
        (
            change(
                "northland",
                "border-treaty",
                Field::Salience,
                N(0.5),
                N(1.5),
            ),
            "salience 1.5 is outside 0..=1",
        ),
        (
            change("eastland", "water-share", Field::Power, N(1.5), N(-1.0)),
            "power -1 is negative; power is 0 or more",
        ),
        (
            change(
                "southland",
                "border-treaty",
                Field::Position,
                Value::Stance(Stance::Rejects),
                N(0.0),
            ),
            "the model has position -1 opposes where the scenario changes it from -2 rejects \
             (the model was edited since)",
        ),
    ];
    for (c, reason) in cases {
        let mut m = talks();
        assert_eq!(c.apply(&mut m), Err(reason.to_string()), "{c:?}");
        assert_eq!(m, talks(), "a change that does not apply changes nothing");
    }
}

#[test]
fn an_actor_without_a_position_on_the_issue_is_said() {
    let text = TALKS.replace("      border-treaty: rejects\n", "");
    let mut m = crate::model::from_str(&text, Origin::BuiltIn).expect("loads");
    let c = change("eastland", "border-treaty", Field::Salience, N(1.0), N(0.5));
    assert_eq!(
        c.apply(&mut m),
        Err("`eastland` takes no position on `border-treaty`".into())
    );
    assert_eq!(Change::of(&m, 2, 1, Field::Salience, 0.5), None);
}

#[test]
fn power_is_the_positions_own_else_the_actors_and_a_change_sets_its_own() {
    let m = talks();
    // Northland's power is 2, and its positions give none of their own.
    let c = Change::of(&m, 0, 1, Field::Power, 3.0).expect("a position");
    assert_eq!(
        c,
        change("northland", "border-treaty", Field::Power, N(2.0), N(3.0))
    );
    let (m, stale) = on(vec![c]).apply(m);
    assert!(stale.is_empty());
    assert_eq!(position(&m, 0, 1).power(), Some(3.0));
    assert_eq!(m.actors[0].power, 2.0, "the actor's own power is untouched");
    assert_eq!(position(&m, 0, 0).power(), None);
    // Eastland's position on the water share has its own power, 1.5.
    let c = Change::of(&m, 2, 0, Field::Power, 0.0).expect("a position");
    assert_eq!(c.from, N(1.5));
}

#[test]
fn a_change_reads_the_current_value_as_the_file_writes_it() {
    let m = talks();
    assert_eq!(
        Change::of(&m, 1, 1, Field::Position, 2.0),
        Some(change(
            "southland",
            "border-treaty",
            Field::Position,
            Value::Stance(Stance::Opposes),
            Value::Stance(Stance::Demands)
        ))
    );
    assert_eq!(
        Change::of(&m, 1, 0, Field::Position, 35.0),
        Some(change(
            "southland",
            "water-share",
            Field::Position,
            N(30.0),
            N(35.0)
        ))
    );
    assert_eq!(
        Change::of(&m, 1, 1, Field::Salience, 1.0).map(|c| (c.from, c.to)),
        Some((N(0.6), N(1.0)))
    );
}

#[test]
fn changes_to_one_field_chain_and_undo_and_reset_take_them_back() {
    let mut s = on(vec![
        change(
            "northland",
            "water-share",
            Field::Position,
            N(70.0),
            N(60.0),
        ),
        change(
            "northland",
            "water-share",
            Field::Position,
            N(60.0),
            N(50.0),
        ),
    ]);
    let (m, stale) = s.apply(talks());
    assert!(stale.is_empty(), "{stale:?}");
    assert_eq!(position(&m, 0, 0).value, 50.0);
    assert_eq!(
        s.baseline("northland", "water-share", Field::Position),
        Some(N(70.0))
    );
    assert_eq!(
        s.baseline("northland", "water-share", Field::Salience),
        None
    );
    assert_eq!(
        s.baseline("southland", "water-share", Field::Position),
        None
    );
    assert_eq!(s.undo().map(|c| c.to), Some(N(50.0)));
    assert_eq!(s.len(), 1);
    assert_eq!(position(&s.apply(talks()).0, 0, 0).value, 60.0);
    s.reset();
    assert!(s.is_empty());
    assert_eq!(s.apply(talks()).0, talks());
}

#[test]
fn the_base_differs_when_the_title_or_the_content_does() {
    let m = talks();
    let s = Scenario::new(Base::of(&m, Some("talks.yaml")));
    assert_eq!(s.base_differs(&m), None);
    let fp = s.base.fingerprint.as_deref().expect("a fingerprint");
    assert!(fp.starts_with("fnv1a64:") && fp.len() == 8 + 16, "{fp}");
    // The same model laid out otherwise, with a comment more: the same.
    let relaid = format!(
        "# a comment\n{}",
        TALKS.replace("{min: 0, max: 100}", "\n      min: 0\n      max: 100")
    );
    let relaid = crate::model::from_str(&relaid, Origin::BuiltIn).expect("loads");
    assert_eq!(s.base_differs(&relaid), None);
    let edited = TALKS.replace("salience: 0.4", "salience: 0.45");
    let edited = crate::model::from_str(&edited, Origin::BuiltIn).expect("loads");
    assert_eq!(
        s.base_differs(&edited).as_deref(),
        Some("the model has been edited since it was made")
    );
    let renamed = TALKS.replace("title: Water talks", "title: River talks");
    let renamed = crate::model::from_str(&renamed, Origin::BuiltIn).expect("loads");
    assert_eq!(
        s.base_differs(&renamed).as_deref(),
        Some("it was made on “Water talks”, not “River talks”")
    );
}

#[test]
fn a_scenario_is_written_as_expected_and_reads_back_the_same() {
    let mut s = on(vec![
        change(
            "northland",
            "water-share",
            Field::Position,
            N(70.0),
            N(55.5),
        ),
        change(
            "southland",
            "border-treaty",
            Field::Position,
            Value::Stance(Stance::Opposes),
            Value::Stance(Stance::Supports),
        ),
        change(
            "southland",
            "water-share",
            Field::Salience,
            N(0.8),
            N(0.1 + 0.2),
        ),
        change("eastland", "water-share", Field::Power, N(1.5), N(1e-7)),
    ]);
    s.base.fingerprint = Some("fnv1a64:00000000000000ff".into());
    let yaml = s.to_yaml();
    assert_eq!(
        yaml,
        r#"# A detente scenario: changes to a model, applied in order (docs/formats.md).
base:
  model: "talks.yaml"
  title: "Water talks"
  fingerprint: "fnv1a64:00000000000000ff"
changes:
  - actor: "northland"
    issue: "water-share"
    field: position
    from: 70
    to: 55.5
  - actor: "southland"
    issue: "border-treaty"
    field: position
    from: opposes
    to: supports
  - actor: "southland"
    issue: "water-share"
    field: salience
    from: 0.8
    to: 0.30000000000000004
  - actor: "eastland"
    issue: "water-share"
    field: power
    from: 1.5
    to: 1e-7
"#
    );
    let back = Scenario::from_str(&yaml, Path::new("s.yaml")).expect("reads back");
    assert_eq!(back, s);
    let empty = Scenario::new(Base {
        model: None,
        title: "a \"quoted\" title: with a colon".into(),
        fingerprint: None,
    });
    let yaml = empty.to_yaml();
    assert!(yaml.ends_with("changes: []\n"), "{yaml}");
    assert_eq!(
        Scenario::from_str(&yaml, Path::new("s.yaml")).expect("reads"),
        empty
    );
}

#[test]
fn a_bad_scenario_file_says_what_and_where() {
    let at = Path::new("s.yaml");
    let base = "base:\n  title: Water talks\n";
    let err = |text: &str| {
        Scenario::from_str(text, at)
            .expect_err("refused")
            .to_string()
    };
    assert_eq!(
        err("# nothing\n"),
        "scenario s.yaml is empty: a scenario needs at least `base`"
    );
    assert_eq!(
        err(&format!(
            "{base}changes:\n  - actor: a\n    issue: b\n    field: stance\n    from: 1\n    to: 2\n"
        )),
        "s.yaml:6:12: unknown variant `stance`, expected one of position, salience, power"
    );
    assert_eq!(
        err(&format!(
            "{base}changes:\n  - actor: a\n    issue: b\n    field: salience\n    from: high\n    to: 0.5\n    form: 1\n"
        )),
        "s.yaml:9:5: unknown field `form`, expected one of actor, issue, field, from, to"
    );
    assert_eq!(
        err(&format!(
            "{base}changes:\n  - actor: a\n    issue: b\n    field: salience\n    from: high\n    to: true\n"
        )),
        "s.yaml is not a valid scenario: 2 problems found\n\
         s.yaml:7:11: changes[0].from: salience `high` is not a number\n\
         s.yaml:8:9: changes[0].to: salience `true` is not a number"
    );
    assert_eq!(err("changes: []\n"), "s.yaml:1:1: missing field `base`");
}

#[test]
fn saving_is_atomic_and_never_over_the_model_or_a_file_unasked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = dir.path().join("talks.yaml");
    std::fs::write(&model, TALKS).expect("write");
    let s = on(vec![change(
        "northland",
        "water-share",
        Field::Position,
        N(70.0),
        N(55.0),
    )]);
    let out = dir.path().join("what-if.yaml");
    s.save(&out, Some(&model), false).expect("saved");
    assert_eq!(Scenario::load(&out).expect("loads"), s);
    let err = s.save(&out, Some(&model), false).expect_err("exists");
    assert_eq!(
        err.to_string(),
        format!(
            "{} already exists; use --force to replace it",
            out.display()
        )
    );
    s.save(&out, Some(&model), true).expect("forced");
    let err = s.save(&model, Some(&model), true).expect_err("the model");
    assert!(
        err.to_string()
            .ends_with("is the model file; detente never writes to it"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&model).expect("read"), TALKS);
}

#[test]
fn set_reads_actor_issue_field_and_value_as_the_model_does() {
    let set = |s: &str| s.parse::<SetArg>();
    assert_eq!(
        set("russia:nato-non-expansion:position=supports"),
        Ok(SetArg {
            actor: "russia".into(),
            issue: "nato-non-expansion".into(),
            field: Field::Position,
            to: Value::Stance(Stance::Supports),
        })
    );
    assert_eq!(set("eu:cuts:position= 60 ").map(|s| s.to), Ok(N(60.0)));
    assert_eq!(set("eu:cuts:position=-2").map(|s| s.to), Ok(N(-2.0)));
    assert_eq!(set("eu:cuts:salience=0.25").map(|s| s.to), Ok(N(0.25)));
    assert_eq!(set("eu:cuts:power=0").map(|s| s.to), Ok(N(0.0)));
    let bad = |s: &str| set(s).expect_err("malformed").to_string();
    let form = "expected ACTOR:ISSUE:FIELD=VALUE, e.g. russia:nato-non-expansion:position=supports";
    assert_eq!(bad("eu:cuts:position"), format!("no `=`; {form}"));
    assert_eq!(
        bad("eu:position=3"),
        format!("`eu:position` has 2 parts before `=`, not 3; {form}")
    );
    assert_eq!(
        bad("a:b:c:position=3"),
        format!("`a:b:c:position` has 4 parts before `=`, not 3; {form}")
    );
    assert_eq!(
        bad(":cuts:position=3"),
        format!("the actor id is empty; {form}")
    );
    assert_eq!(
        bad("eu::position=3"),
        format!("the issue id is empty; {form}")
    );
    assert_eq!(
        bad("eu:cuts:position="),
        format!("no value after `=`; {form}")
    );
    assert_eq!(
        bad("eu:cuts:salince=3"),
        "unknown field `salince`; did you mean `salience`? the field is position, salience or power"
    );
    assert_eq!(
        bad("eu:cuts:position=suports"),
        "position `suports` is neither a number nor a stance (rejects, opposes, neutral, \
         supports, demands); did you mean `supports`?"
    );
    assert_eq!(
        bad("eu:cuts:salience=high"),
        "salience `high` is not a number"
    );
    assert_eq!(bad("eu:cuts:salience=1.5"), "salience 1.5 is outside 0..=1");
    assert_eq!(
        bad("eu:cuts:power=-1"),
        "power -1 is negative; power is 0 or more"
    );
    assert_eq!(
        bad("eu:cuts:position=inf"),
        "position inf is not a finite number"
    );
}

#[test]
fn set_changes_from_the_current_value() {
    let m = talks();
    let s: SetArg = "southland:border-treaty:position=1"
        .parse()
        .expect("parses");
    assert_eq!(
        s.change(&m),
        Ok(change(
            "southland",
            "border-treaty",
            Field::Position,
            Value::Stance(Stance::Opposes),
            N(1.0)
        ))
    );
    let s: SetArg = "westland:border-treaty:position=1".parse().expect("parses");
    assert_eq!(
        s.change(&m),
        Err("unknown actor id `westland`; did you mean `eastland`?".into())
    );
}
