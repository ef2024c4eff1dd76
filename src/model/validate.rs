//! Semantic validation: turns the raw file shapes into a [`Model`], reporting
//! every problem in one pass rather than stopping at the first.

use std::collections::HashMap;

use super::error::Problem;
use super::types::{Actor, ActorKind, Basis, Evidence, Issue, Model, Position, Source, Stance};
use super::yaml::{
    BadStance, Loc, Located, RawActor, RawKind, RawModel, RawPosition, RawStance, Scalar,
};
use crate::sanitize;

/// `[a-z0-9]+(-[a-z0-9]+)*`
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).is_some(),
        [y, m] => num(y, 4).is_some() && num(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
                return false;
            };
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

/// The known id closest to `unknown`, when it is close enough to be a typo.
pub fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let unknown_lc = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&unknown_lc, k), k))
        .filter(|(d, k)| {
            *d <= (unknown_lc.chars().count().max(k.len()) / 3).max(2)
                || (unknown_lc.len() >= 3 && (k.contains(&unknown_lc) || unknown_lc.contains(k)))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn quoted(s: &str) -> String {
    format!("`{}`", sanitize::line(s))
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, loc: Loc, path: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            loc,
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// A required, non-empty single-line string.
    fn required(&mut self, value: &Located<String>, path: &str, field: &str) -> String {
        let clean = sanitize::line(&value.value);
        if clean.trim().is_empty() {
            self.report(Loc::of(value), path, format!("`{field}` must not be empty"));
        }
        clean.trim().to_string()
    }

    fn slug(&mut self, id: &Located<String>, path: &str) {
        if !is_slug(&id.value) {
            self.report(
                Loc::of(id),
                path,
                format!(
                    "id {} is not a slug: use lowercase letters, digits and single hyphens, e.g. `nato-non-expansion`",
                    quoted(&id.value)
                ),
            );
        }
    }

    fn date(&mut self, date: Option<&Located<Scalar>>, path: &str) -> Option<String> {
        let date = date?;
        if !is_date(&date.value.0) {
            // Digits in the right places, but no such month or day?
            let d = date.value.0.as_bytes();
            let digits = |r: std::ops::Range<usize>| d[r].iter().all(u8::is_ascii_digit);
            let shape_ok = match d.len() {
                4 => digits(0..4),
                7 => digits(0..4) && d[4] == b'-' && digits(5..7),
                10 => digits(0..4) && d[4] == b'-' && digits(5..7) && d[7] == b'-' && digits(8..10),
                _ => false,
            };
            let message = if shape_ok {
                format!(
                    "date {} does not exist (no such month or day)",
                    quoted(&date.value.0)
                )
            } else {
                format!(
                    "date {} is not YYYY, YYYY-MM or YYYY-MM-DD",
                    quoted(&date.value.0)
                )
            };
            self.report(Loc::of(date), path, message);
        }
        Some(sanitize::line(&date.value.0))
    }

    /// Records `id` in `seen`, reporting a duplicate; returns whether it is new.
    fn unique(
        &mut self,
        seen: &mut HashMap<String, usize>,
        id: &Located<String>,
        index: usize,
        path: &str,
        what: &str,
    ) {
        if let Some(first) = seen.get(&id.value) {
            self.report(
                Loc::of(id),
                path,
                format!(
                    "duplicate {what} id {} (first used by {what}s[{first}])",
                    quoted(&id.value)
                ),
            );
        } else {
            seen.insert(id.value.clone(), index);
        }
    }

    fn unknown_ref<S: AsRef<str>>(
        &mut self,
        id: &Located<S>,
        path: &str,
        what: &str,
        known: &HashMap<String, usize>,
    ) {
        let mut message = format!("unknown {what} id {}", quoted(id.value.as_ref()));
        let mut known_ids: Vec<&str> = known.keys().map(String::as_str).collect();
        known_ids.sort_unstable();
        if let Some(s) = did_you_mean(id.value.as_ref(), known_ids) {
            message.push_str(&format!("; did you mean `{s}`?"));
        }
        self.report(Loc::of(id), path, message);
    }
}

/// Cleans and trims text, moving it rather than copying where it can.
fn tidy(s: String) -> String {
    let s = sanitize::multiline_owned(s);
    if s.trim().len() == s.len() {
        s
    } else {
        s.trim().to_string()
    }
}

fn optional_text(s: Option<String>) -> Option<String> {
    s.map(tidy).filter(|s| !s.is_empty())
}

fn kind(k: RawKind) -> ActorKind {
    match k {
        RawKind::State => ActorKind::State,
        RawKind::Organization => ActorKind::Organization,
        RawKind::Person => ActorKind::Person,
        RawKind::Group => ActorKind::Group,
    }
}

pub(crate) fn validate(raw: RawModel) -> Result<Model, Vec<Problem>> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let title = c.required(&raw.title, "title", "title");

    // Sources.
    let mut source_ids = HashMap::new();
    let mut sources = Vec::new();
    for (i, s) in raw.sources.unwrap_or_default().into_iter().enumerate() {
        let path = format!("sources[{i}] ({})", sanitize::line(&s.id.value));
        c.slug(&s.id, &path);
        c.unique(&mut source_ids, &s.id, i, &path, "source");
        let date = c.date(s.date.as_ref(), &format!("{path}.date"));
        sources.push(Source {
            id: s.id.value.clone(),
            title: c.required(&s.title, &path, "title"),
            author: s.author.map(|a| sanitize::line(&a)),
            date,
            url: s.url.map(|u| sanitize::line(&u)),
        });
    }

    // Issues.
    if raw.issues.value.is_empty() {
        c.report(
            Loc::of(&raw.issues),
            "issues",
            "a model needs at least one issue",
        );
    }
    let mut issue_ids = HashMap::new();
    let mut issues = Vec::new();
    for (i, s) in raw.issues.value.into_iter().enumerate() {
        let path = format!("issues[{i}] ({})", sanitize::line(&s.id.value));
        c.slug(&s.id, &path);
        c.unique(&mut issue_ids, &s.id, i, &path, "issue");
        let short = s.short.as_ref().map(|v| c.required(v, &path, "short"));
        issues.push(Issue {
            id: s.id.value.clone(),
            title: c.required(&s.title, &path, "title"),
            short,
            description: optional_text(s.description),
            tags: s
                .tags
                .unwrap_or_default()
                .iter()
                .map(|t| sanitize::line(t))
                .collect(),
        });
    }

    // Actors: ids first, so affiliations can point forward.
    if raw.actors.value.is_empty() {
        c.report(
            Loc::of(&raw.actors),
            "actors",
            "a model needs at least one actor",
        );
    }
    let mut actor_ids = HashMap::new();
    for (i, a) in raw.actors.value.iter().enumerate() {
        let path = actor_path(i, a);
        c.slug(&a.id, &path);
        c.unique(&mut actor_ids, &a.id, i, &path, "actor");
    }
    // Each distinct positions key is looked up once, not once per position.
    let key_issue: Vec<Option<usize>> = raw
        .keys
        .iter()
        .map(|k| issue_ids.get(&**k).copied())
        .collect();
    let key_text = |k: super::yaml::PositionKey| raw.keys.get(k.0 as usize).map_or("", |s| &**s);
    let mut actors = Vec::new();
    let affiliation_locs: Vec<Loc> = raw
        .actors
        .value
        .iter()
        .map(|a| a.affiliation.as_ref().map(Loc::of).unwrap_or_default())
        .collect();
    for (i, a) in raw.actors.value.into_iter().enumerate() {
        let path = actor_path(i, &a);
        let affiliation = a.affiliation.as_ref().and_then(|aff| {
            let found = actor_ids.get(&aff.value).copied();
            if found.is_none() {
                c.unknown_ref(aff, &format!("{path}.affiliation"), "actor", &actor_ids);
            }
            found
        });
        let aliases = a
            .aliases
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(j, alias)| c.required(alias, &format!("{path}.aliases[{j}]"), "alias"))
            .collect();
        let mut positions: Vec<Option<Position>> = vec![None; issues.len()];
        for (key, pos) in a.positions.unwrap_or_default().0 {
            let text = key_text(key.value);
            // Built only when there is something to report.
            let ppath = || format!("{path}.positions.{}", sanitize::line(text));
            let Some(issue) = key_issue.get(key.value.0 as usize).copied().flatten() else {
                let shown = Located {
                    value: text,
                    loc: key.loc,
                };
                c.unknown_ref(&shown, &ppath(), "issue", &issue_ids);
                continue;
            };
            // Duplicate keys are refused by the parser; this guards the index.
            if let Some(p) = position(&mut c, pos, Loc::of(&key), &ppath, &source_ids) {
                positions[issue] = Some(p);
            }
        }
        actors.push(Actor {
            id: a.id.value.clone(),
            name: c.required(&a.name, &path, "name"),
            kind: a.kind.map(kind),
            affiliation,
            aliases,
            description: optional_text(a.description),
            positions,
        });
    }
    check_affiliation_cycles(&mut c, &actors, &affiliation_locs);

    if !c.problems.is_empty() {
        // In file order; problems without a place last.
        c.problems
            .sort_by_key(|p| (!p.loc.is_known(), p.loc.line, p.loc.column));
        return Err(c.problems);
    }
    Ok(Model {
        title,
        description: optional_text(raw.description),
        sources,
        issues,
        actors,
        actor_index: actor_ids,
    })
}

fn actor_path(i: usize, a: &RawActor) -> String {
    format!("actors[{i}] ({})", sanitize::line(&a.id.value))
}

fn position(
    c: &mut Checker,
    raw: RawPosition,
    key_loc: Loc,
    path: &dyn Fn() -> String,
    source_ids: &HashMap<String, usize>,
) -> Option<Position> {
    let here = key_loc;
    let stance = match &raw.stance {
        None => {
            c.report(here, &path(), "the position has no stance");
            None
        }
        Some(s) => {
            let stance = stance(&s.value);
            if stance.is_none() {
                let loc = if Loc::of(s).is_known() {
                    Loc::of(s)
                } else {
                    here
                };
                c.report(loc, &format!("{}.stance", path()), stance_message(&s.value));
            }
            stance
        }
    };
    let Some(details) = raw.details else {
        return Some(Position {
            stance: stance?,
            basis: Basis::Stated,
            salience: 1.0,
            red_line: false,
            summary: None,
            evidence: Box::default(),
        });
    };
    let details = *details;
    let salience = match &details.salience {
        None => 1.0,
        Some(s) => {
            if !(s.value.is_finite() && (0.0..=1.0).contains(&s.value)) {
                c.report(
                    Loc::of(s),
                    &format!("{}.salience", path()),
                    format!("salience {} is outside 0.0..=1.0", s.value),
                );
            }
            s.value
        }
    };
    let mut evidence = Vec::with_capacity(details.evidence.len());
    for (j, e) in details.evidence.into_iter().enumerate() {
        let epath = || format!("{}.evidence[{j}]", path());
        let quote_loc = Loc::of(&e.quote);
        let quote = tidy(e.quote.value);
        if quote.is_empty() {
            c.report(quote_loc, &epath(), "`quote` must not be empty");
        }
        let date = c.date(e.date.as_ref(), &format!("{}.date", epath()));
        let source = e.source.as_ref().and_then(|s| {
            let found = source_ids.get(&s.value).copied();
            if found.is_none() {
                c.unknown_ref(s, &format!("{}.source", epath()), "source", source_ids);
            }
            found
        });
        evidence.push(Evidence {
            quote,
            speaker: e
                .speaker
                .map(sanitize::line_owned)
                .filter(|s| !s.trim().is_empty()),
            date,
            source,
        });
    }
    Some(Position {
        stance: stance?,
        basis: details.basis,
        salience,
        red_line: details.red_line,
        summary: optional_text(details.summary).map(String::into_boxed_str),
        evidence: evidence.into_boxed_slice(),
    })
}

fn stance(raw: &RawStance) -> Option<Stance> {
    match raw {
        RawStance::Known(s) => Some(*s),
        RawStance::Bad(_) => None,
    }
}

fn stance_message(raw: &RawStance) -> String {
    const EXPECTED: &str =
        "expected demands (+2), supports (+1), neutral (0), opposes (-1) or rejects (-2)";
    match raw {
        RawStance::Known(s) => format!("stance {s} is valid"),
        RawStance::Bad(bad) => match &**bad {
            BadStance::Int(v) => format!("stance {v} is outside -2..=2; {EXPECTED}"),
            BadStance::Word(w) => {
                let words = Stance::ALL.map(Stance::word);
                match did_you_mean(w, words) {
                    Some(s) => format!("unknown stance {}; did you mean `{s}`?", quoted(w)),
                    None => format!("unknown stance {}; {EXPECTED}", quoted(w)),
                }
            }
            BadStance::Other(v) => format!("stance {} is not a stance; {EXPECTED}", quoted(v)),
        },
    }
}

/// Reports each affiliation cycle once, naming its members in order.
fn check_affiliation_cycles(c: &mut Checker, actors: &[Actor], locs: &[Loc]) {
    // 0 = unvisited, 1 = on the current chain, 2 = done.
    let mut state = vec![0u8; actors.len()];
    for start in 0..actors.len() {
        let mut chain: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&x| x == i).unwrap_or(0);
                    let mut names: Vec<String> = chain[from..]
                        .iter()
                        .map(|&x| sanitize::line(&actors[x].id))
                        .collect();
                    names.push(sanitize::line(&actors[i].id));
                    c.report(
                        locs.get(i).copied().unwrap_or_default(),
                        &format!("actors[{i}] ({}).affiliation", names[names.len() - 1]),
                        format!("affiliation cycle: {}", names.join(" -> ")),
                    );
                    break;
                }
                _ => {
                    state[i] = 1;
                    chain.push(i);
                    at = actors[i].affiliation;
                }
            }
        }
        for i in chain {
            state[i] = 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["a", "nato", "nato-non-expansion", "g7", "2022-talks"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "Nato", "nato_x", "nato x", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        for ok in ["2022", "2022-01", "2022-01-31", "2024-02-29"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "22",
            "2022-1",
            "2022-13",
            "2022-02-29",
            "2022-04-31",
            "2022-01-01-01",
            "x",
            "2022-1-19",
            "22-01-01",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        let known = [
            "nato-non-expansion",
            "de-escalation",
            "minsk-implementation",
        ];
        assert_eq!(
            did_you_mean("nato-expansion", known),
            Some("nato-non-expansion")
        );
        assert_eq!(did_you_mean("deescalation", known), Some("de-escalation"));
        assert_eq!(did_you_mean("sanctions", known), None);
        assert_eq!(
            did_you_mean("suports", Stance::ALL.map(Stance::word)),
            Some("supports")
        );
    }
}
