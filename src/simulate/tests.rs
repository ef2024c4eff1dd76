//! A big round shared among cores comes out exactly as on one core: the
//! same exchanges, in the same order, to the last bit. The numbers
//! themselves are checked against the reference in
//! tests/exchange_reference.rs; here every split is held to the one-core
//! run.

use std::path::Path;

use super::{Input, Run, Split, run_split};
use crate::generate::{self, Spec};
use crate::model::{self, Basis, Model, Origin};

fn fixture(name: &str) -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange");
    model::load(&dir.join(name)).expect("fixture")
}

/// Runs `model` on one core, then split from the first candidate on two,
/// three and five; every run must equal the first.
fn same_on_every_split(model: &Model, rounds: usize) -> Run {
    let input = Input::new(model, Basis::Inferred);
    let one_core = Split {
        cores: 1,
        from: usize::MAX,
    };
    let one = run_split(&input, rounds, one_core, &mut |_| {});
    for cores in [2, 3, 5] {
        let split = run_split(&input, rounds, Split { cores, from: 0 }, &mut |_| {});
        assert_eq!(split, one, "{cores} cores");
    }
    one
}

#[test]
fn the_worked_example_and_the_cop21_like_file_on_every_split() {
    // The worked example realises four exchanges in each of its two rounds
    // (the table of EXCHANGE.md §8).
    let worked = same_on_every_split(&fixture("worked-example.yaml"), 2);
    let counts: Vec<usize> = worked.rounds.iter().map(|r| r.exchanges.len()).collect();
    assert_eq!(counts, [4, 4]);
    let cop21 = same_on_every_split(&fixture("cop21-like.csv"), 10);
    assert!(!cop21.rounds[0].exchanges.is_empty());
}

#[test]
fn a_deu_shaped_model_on_every_split() {
    // 12 actors × 40 issues: hundreds of issue pairs, each part of a split
    // holding many rows, and candidates that die in every way.
    let yaml = generate::yaml(&Spec::deu_iii(12, 40));
    let model = model::from_str(&yaml, Origin::BuiltIn).expect("generated model");
    let run = same_on_every_split(&model, 3);
    assert!(run.rounds.iter().all(|r| r.exchanges.len() > 20));
}

#[test]
fn a_model_with_fewer_issues_than_parts() {
    // Three issues cut five ways: some parts hold no row at all. (Six
    // actors on two issues, tried first, realise nothing, which would
    // hold any split to an empty run.)
    let yaml = generate::yaml(&Spec::deu_iii(16, 3));
    let model = model::from_str(&yaml, Origin::BuiltIn).expect("generated model");
    let run = same_on_every_split(&model, 2);
    assert!(!run.rounds[0].exchanges.is_empty());
}

#[test]
fn a_model_of_more_than_64_actors_on_every_split() {
    // 100 actors: the sets of actors take two words.
    let yaml = generate::yaml(&Spec::deu_iii(100, 10));
    let model = model::from_str(&yaml, Origin::BuiltIn).expect("generated model");
    let run = same_on_every_split(&model, 2);
    assert!(!run.rounds[0].exchanges.is_empty());
}
