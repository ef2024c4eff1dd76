//! What every importer target checks, whatever the bytes: no panic; a
//! failed import's message holds no raw control character; a model that
//! imports keeps the model's invariants (finite numbers, scales with a
//! finite, positive span, positions on them), compares and exports with
//! clean output, and writes YAML that loads back into the same model.

use detente::compare::{Comparison, default_pair};
use detente::export::{self, Report};
use detente::model::source::{Format, import};
use detente::model::{Model, Origin, from_str, to_yaml};
use detente::present::{Date, Provenance};

fn clean(s: &str, allowed: &[char]) -> bool {
    !s.chars().any(|c| c.is_control() && !allowed.contains(&c))
}

fn invariants(model: &Model) {
    for issue in &model.issues {
        let span = issue.span();
        assert!(span.is_finite() && span > 0.0, "{}: span {span}", issue.id);
        if let Some(s) = &issue.scale {
            assert!(s.min.is_finite() && s.max.is_finite(), "{}", issue.id);
            for l in &s.labels {
                assert!(
                    (s.min..=s.max).contains(&l.at),
                    "{}: label {}",
                    issue.id,
                    l.at
                );
            }
        }
    }
    for actor in &model.actors {
        assert!(
            actor.power.is_finite() && actor.power >= 0.0,
            "{}",
            actor.id
        );
        for p in actor.positions() {
            let issue = &model.issues[p.issue()];
            assert!(p.value.is_finite(), "{}: {}", actor.id, p.value);
            if let Some(s) = &issue.scale {
                assert!(
                    (s.min..=s.max).contains(&p.value),
                    "{}: {}",
                    actor.id,
                    p.value
                );
            }
            assert!((0.0..=1.0).contains(&p.salience), "{}", actor.id);
            assert!(p.power().is_none_or(|w| w.is_finite() && w >= 0.0));
        }
    }
}

fn exports(model: &Model) {
    let (l, r) = default_pair(model);
    for (l, r) in [(l, r), (0, model.actors.len() - 1)] {
        let c = Comparison::new(model, l, r);
        assert!(
            c.alignment.is_none_or(|a| (0.0..=1.0).contains(&a)),
            "alignment {:?}",
            c.alignment
        );
        let report = Report::all(&c, Provenance::on(&Origin::BuiltIn, Date::from_days(0)));
        for format in [export::Format::Text, export::Format::Json] {
            let out = export::render(&report, format, 40);
            assert!(clean(&out, &['\n', '\r']), "{format:?}");
        }
    }
}

pub fn check(format: Format, data: &[u8]) {
    match import(format, data, &Origin::BuiltIn) {
        Err(e) => {
            let message = e.to_string();
            assert!(clean(&message, &['\n']), "{message:?}");
        }
        Ok(model) => {
            invariants(&model);
            exports(&model);
            let yaml = to_yaml(&model, "fuzz");
            let back = from_str(&yaml, Origin::BuiltIn);
            assert_eq!(back.as_ref().ok(), Some(&model), "{yaml}");
        }
    }
}
