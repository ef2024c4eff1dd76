//! `detente simulate` against the reference implementation of the exchange
//! model: its results on Decide files we wrote, kept as fixtures
//! (tests/fixtures/exchange/README.md says how they were made). Compared as
//! the field's comparers do: the same exchanges in the same order (actor,
//! supply and demand of each side), every from/to, mean and position to
//! 1e-6, every gain to 1e-6 relative.

mod common;

use std::collections::HashMap;

use serde_json::Value;

const DIR: &str = "tests/fixtures/exchange";

/// The Decide keys of a file's `#A` (actors) and `#P` (issues) records, in
/// order: the reference names things by these keys, detente by ids made
/// from them in the same order.
fn keys(file: &str, tag: &str) -> Vec<String> {
    std::fs::read_to_string(file)
        .expect("read")
        .lines()
        .filter_map(|l| l.strip_prefix(tag)?.strip_prefix(';'))
        .map(|rest| rest.split(';').next().unwrap_or("").trim().to_string())
        .collect()
}

struct Ids {
    actors: HashMap<String, String>,
    issues: HashMap<String, String>,
}

impl Ids {
    fn of(file: &str) -> Ids {
        let model = detente::model::load(std::path::Path::new(file)).expect("loads");
        let zip = |keys: Vec<String>, ids: Vec<String>| {
            assert_eq!(keys.len(), ids.len(), "{file}");
            keys.into_iter().zip(ids).collect()
        };
        Ids {
            actors: zip(
                keys(file, "#A"),
                model.actors.iter().map(|a| a.id.clone()).collect(),
            ),
            issues: zip(
                keys(file, "#P"),
                model.issues.iter().map(|i| i.id.clone()).collect(),
            ),
        }
    }
    fn actor(&self, key: &Value) -> &str {
        &self.actors[key.as_str().expect("actor key")]
    }
    fn issue(&self, key: &Value) -> &str {
        &self.issues[key.as_str().expect("issue key")]
    }
}

fn num(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what}: {v} is not a number"))
}

fn close(got: &Value, want: &Value, what: &str) {
    match (got.is_null(), want.is_null()) {
        (true, true) => {}
        (false, false) => {
            let (g, w) = (num(got, what), num(want, what));
            assert!((g - w).abs() <= 1e-6, "{what}: {g} != {w}");
        }
        _ => panic!("{what}: {got} != {want}"),
    }
}

/// (actor, supply, demand) of a side, in detente's ids.
fn side<'a>(ids: &'a Ids, s: &'a Value, reference: bool) -> (&'a str, &'a str, &'a str) {
    if reference {
        (
            ids.actor(&s["actor"]),
            ids.issue(&s["supply"]),
            ids.issue(&s["demand"]),
        )
    } else {
        let text = |v: &'a Value| v.as_str().expect("id");
        (text(&s["actor"]), text(&s["supply"]), text(&s["demand"]))
    }
}

fn compare(name: &str) {
    let file = format!("{DIR}/{name}.csv");
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{DIR}/{name}.expected.json")).expect("fixture"),
    )
    .expect("fixture JSON");
    let got = common::json(&["simulate", &file, "--format", "json", "--rounds", "10"]);
    let ids = Ids::of(&file);
    assert_eq!(got["model"], "equal-gain");
    assert_eq!(got["stopped"], want["stopped"], "{name}");
    let (gr, wr) = (
        got["rounds"].as_array().expect("rounds"),
        want["rounds"].as_array().expect("rounds"),
    );
    assert_eq!(gr.len(), wr.len(), "{name}: rounds");
    let mut exchanges = 0;
    for (g, w) in gr.iter().zip(wr) {
        let r = w["round"].as_u64().expect("round");
        assert_eq!(g["round"], w["round"]);
        let (ge, we) = (
            g["exchanges"].as_array().expect("exchanges"),
            w["exchanges"].as_array().expect("exchanges"),
        );
        assert_eq!(ge.len(), we.len(), "{name} round {r}: exchanges");
        for (n, (a, b)) in ge.iter().zip(we).enumerate() {
            let what = format!("{name} round {r} exchange {}", n + 1);
            // i and j may be swapped; each side's numbers go with it.
            let (bi, bj) = if side(&ids, &a["i"], false) == side(&ids, &b["i"], true) {
                (&b["i"], &b["j"])
            } else {
                (&b["j"], &b["i"])
            };
            assert_eq!(side(&ids, &a["i"], false), side(&ids, bi, true), "{what}");
            assert_eq!(side(&ids, &a["j"], false), side(&ids, bj, true), "{what}");
            for (x, y) in [(&a["i"], bi), (&a["j"], bj)] {
                close(&x["from"], &y["from"], &format!("{what} from"));
                close(&x["to"], &y["to"], &format!("{what} to"));
            }
            let (g, w) = (num(&a["gain"], &what), num(&b["gain"], &what));
            assert!((g - w).abs() <= 1e-6 * w.abs(), "{what} gain: {g} != {w}");
            exchanges += 1;
        }
        let wi = w["issues"].as_object().expect("issues");
        assert_eq!(g["issues"].as_object().map(|o| o.len()), Some(wi.len()));
        for (key, wv) in wi {
            let gv = &g["issues"][ids.issue(&Value::String(key.clone()))];
            let what = format!("{name} round {r} {key}");
            close(
                &gv["mean_start"],
                &wv["mean_start"],
                &format!("{what} mean_start"),
            );
            close(
                &gv["mean_voting"],
                &wv["mean_voting"],
                &format!("{what} mean_voting"),
            );
            let wp = wv["positions"].as_object().expect("positions");
            assert_eq!(
                gv["positions"].as_object().map(|o| o.len()),
                Some(wp.len()),
                "{what}"
            );
            for (actor, x) in wp {
                let got = &gv["positions"][ids.actor(&Value::String(actor.clone()))];
                close(got, x, &format!("{what} {actor}"));
            }
        }
    }
    assert!(
        exchanges > 0,
        "{name}: a fixture without exchanges tests nothing"
    );
}

#[test]
fn worked_example() {
    compare("worked");
}

#[test]
fn invented_8_actors_5_issues_with_missing_positions() {
    compare("invented-8x5");
}

#[test]
fn scale_from_half_to_seven() {
    compare("scale-0_5-7");
}

#[test]
fn a_move_cut_where_it_would_carry_the_mean_past_its_target() {
    compare("overshoot");
}

#[test]
fn cop21_like_15_actors_13_issues() {
    compare("cop21-like");
}
