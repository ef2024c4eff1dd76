//! The shipped Geneva 2022 model: every quote is an exact excerpt of the
//! article it cites (kept in tests/fixtures/article), and the model keeps the
//! ids, aliases and coverage the product promises.

use detente::model::{self, resolve_actor};

const ARTICLE: &str = include_str!("fixtures/article/geneva-talks-jan-2022.txt");

/// Whitespace runs collapse to one space; typographic quote marks and
/// apostrophes become ASCII. Nothing else is forgiven.
fn normalise(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' | 'ʼ' => '\'',
            '“' | '”' | '„' => '"',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_quote_is_an_exact_excerpt_of_the_article() {
    let m = model::builtin().expect("built-in model");
    let article = normalise(ARTICLE);
    let mut checked = 0;
    for a in &m.actors {
        for p in a.positions() {
            let where_ = format!("{} on {}", a.id, m.issues[p.issue()].id);
            assert!(p.summary().is_some(), "{where_}: no summary");
            assert!(!p.evidence().is_empty(), "{where_}: no evidence");
            for e in p.evidence() {
                assert!(
                    article.contains(&normalise(&e.quote)),
                    "{where_}: not in the article: {:?}",
                    e.quote
                );
                assert!(e.speaker.is_some(), "{where_}: no speaker");
                assert_eq!(
                    e.source.map(|s| m.sources[s].id.as_str()),
                    Some("hellenbroich-2022"),
                    "{where_}: source"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "only {checked} quotes");
}

#[test]
fn the_check_itself_catches_a_quote_that_is_not_in_the_article() {
    let article = normalise(ARTICLE);
    assert!(article.contains(&normalise(
        "We need legally binding guarantees against NATO expansion."
    )));
    assert!(!article.contains(&normalise(
        "We need legally binding guarantees against NATO enlargement."
    )));
}

#[test]
fn the_promised_actors_and_issues_exist() {
    let m = model::builtin().expect("built-in model");
    for id in [
        "russia",
        "united-states",
        "nato",
        "united-kingdom",
        "mearsheimer",
        "rifkind",
    ] {
        assert!(m.actor_by_id(id).is_some(), "actor {id}");
    }
    for id in [
        "nato-non-expansion",
        "minsk-implementation",
        "de-escalation",
    ] {
        assert!(m.issues.iter().any(|i| i.id == id), "issue {id}");
    }
    assert!(m.issues.len() >= 10);
}

#[test]
fn people_are_found_by_the_names_readers_know() {
    let m = model::builtin().expect("built-in model");
    let id = |q: &str| resolve_actor(&m, q).map(|i| m.actors[i].id.as_str());
    for (query, actor) in [
        ("lavrov", "russia"),
        ("Sergey Lavrov", "russia"),
        ("Ryabkov", "russia"),
        ("ryabakov", "russia"),
        ("blinken", "united-states"),
        ("Antony Blinken", "united-states"),
        ("Rifkind", "rifkind"),
        ("Mearsheimer", "mearsheimer"),
    ] {
        assert_eq!(id(query), Ok(actor), "{query}");
    }
}

/// The centre of the article: Russia's red line on NATO non-expansion meets a
/// US position the article gives only through others (Lavrov, Mearsheimer).
#[test]
fn nato_non_expansion_is_a_red_line_conflict_that_rests_on_reports() {
    use detente::compare::{Comparison, Verdict};
    use detente::model::Basis;
    let m = model::builtin().expect("built-in model");
    let id = |q: &str| resolve_actor(&m, q).expect(q);
    let (ru, us) = (id("russia"), id("united-states"));
    let issue = m
        .issues
        .iter()
        .position(|i| i.id == "nato-non-expansion")
        .expect("issue");
    let us_position = m.actors[us]
        .position(issue)
        .expect("the US position is recorded");
    assert_eq!(us_position.basis, Basis::Reported);
    let all = Comparison::new(&m, ru, us);
    assert_eq!(all.rows[issue].verdict, Verdict::Conflict);
    assert!(all.rows[issue].red_line);
    let strict = Comparison::at(&m, ru, us, Basis::Stated);
    assert_eq!(strict.rows[issue].verdict, Verdict::Unknown);
    assert!(!strict.rows[issue].red_line);
}
