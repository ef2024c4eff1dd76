//! The machine-readable sensitivity reports: CSV (one row per change) and
//! JSON (everything, the cruxes included). Numbers in full, on each issue's
//! scale; shifts signed, in % of the scale.

use std::fmt::Write;

use serde::Serialize;

use super::SensReport;
use crate::analysis::sensitivity::{IssueSensitivity, Moved, shift};
use crate::model::Issue;

fn num(x: Option<f64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// One row per issue, actor and change, the pivotal actors first within
/// an issue (`rank`); the simulated columns are empty without `--simulate`.
pub(super) fn csv(r: &SensReport<'_>) -> String {
    let field = super::super::csv::field;
    let m = r.model;
    let mut out = String::from(
        "issue,actor,rank,field,from,to,compromise_before,compromise,compromise_shift,\
         median_before,median,median_shift,simulated_before,simulated,simulated_shift\r\n",
    );
    for s in r.issues {
        let issue = &m.issues[s.issue];
        for (k, p) in s.actors.iter().enumerate() {
            for mv in &p.moves {
                let fig = |before: Option<f64>, after: Option<f64>| {
                    format!(
                        "{},{},{}",
                        num(before),
                        num(after),
                        num(shift(issue, before, after))
                    )
                };
                let _ = write!(
                    out,
                    "{},{},{},{},{},{},{},{},{}\r\n",
                    field(&issue.id),
                    field(&m.actors[p.actor].id),
                    k + 1,
                    mv.field.word(),
                    mv.from,
                    mv.to,
                    fig(s.base.compromise, mv.forecast.compromise),
                    fig(s.base.median, mv.forecast.median),
                    fig(s.simulated, mv.simulated),
                );
            }
        }
    }
    out
}

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    min_basis: &'static str,
    steps: Steps,
    /// The rounds each simulation ran; `null` without `--simulate`.
    simulated_rounds: Option<usize>,
    issues: Vec<IssueDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cruxes: Option<CruxesDoc<'a>>,
}

#[derive(Serialize)]
struct Steps {
    position: &'static str,
    salience: f64,
    power: f64,
}

#[derive(Serialize)]
struct IssueDoc<'a> {
    id: &'a str,
    title: &'a str,
    compromise: Option<f64>,
    median: Option<f64>,
    simulated: Option<f64>,
    actors: Vec<ActorDoc<'a>>,
}

#[derive(Serialize)]
struct ActorDoc<'a> {
    id: &'a str,
    name: &'a str,
    /// The largest shift of either forecast, % of the scale.
    reach: f64,
    changes: Vec<ChangeDoc>,
}

#[derive(Serialize)]
struct ChangeDoc {
    field: &'static str,
    from: f64,
    to: f64,
    compromise: Option<f64>,
    compromise_shift: Option<f64>,
    median: Option<f64>,
    median_shift: Option<f64>,
    simulated: Option<f64>,
    simulated_shift: Option<f64>,
}

#[derive(Serialize)]
struct CruxesDoc<'a> {
    left: &'a str,
    right: &'a str,
    cruxes: Vec<CruxDoc<'a>>,
}

#[derive(Serialize)]
struct CruxDoc<'a> {
    issue: &'a str,
    red_line: bool,
    /// Each side that can move, the smallest change first; empty: none
    /// within one change.
    changes: Vec<FixDoc<'a>>,
}

#[derive(Serialize)]
struct FixDoc<'a> {
    actor: &'a str,
    field: &'static str,
    from: f64,
    to: f64,
    /// |to − from| in % of the scale.
    size: f64,
}

fn change(issue: &Issue, s: &IssueSensitivity, mv: &Moved) -> ChangeDoc {
    ChangeDoc {
        field: mv.field.word(),
        from: mv.from,
        to: mv.to,
        compromise: mv.forecast.compromise,
        compromise_shift: shift(issue, s.base.compromise, mv.forecast.compromise),
        median: mv.forecast.median,
        median_shift: shift(issue, s.base.median, mv.forecast.median),
        simulated: mv.simulated,
        simulated_shift: shift(issue, s.simulated, mv.simulated),
    }
}

pub(super) fn json(r: &SensReport<'_>) -> String {
    let m = r.model;
    let issues = r
        .issues
        .iter()
        .map(|s| {
            let issue = &m.issues[s.issue];
            IssueDoc {
                id: &issue.id,
                title: &issue.title,
                compromise: s.base.compromise,
                median: s.base.median,
                simulated: s.simulated,
                actors: s
                    .actors
                    .iter()
                    .map(|p| ActorDoc {
                        id: &m.actors[p.actor].id,
                        name: &m.actors[p.actor].name,
                        reach: p.reach,
                        changes: p.moves.iter().map(|mv| change(issue, s, mv)).collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    let cruxes = r.cruxes.as_ref().map(|c| CruxesDoc {
        left: &m.actors[c.left].id,
        right: &m.actors[c.right].id,
        cruxes: c
            .fixes
            .iter()
            .map(|f| {
                let issue = &m.issues[f.issue];
                CruxDoc {
                    issue: &issue.id,
                    red_line: f.red_line,
                    changes: f
                        .fixes
                        .iter()
                        .map(|x| FixDoc {
                            actor: &m.actors[x.actor].id,
                            field: "position",
                            from: x.from,
                            to: x.to,
                            size: x.size,
                        })
                        .collect(),
                }
            })
            .collect(),
    });
    let doc = Doc {
        title: &m.title,
        min_basis: r.min.word(),
        steps: Steps {
            position: "a tenth of the scale; one word on a stance issue",
            salience: 0.1,
            power: r.steps.power,
        },
        simulated_rounds: r.rounds,
        issues,
        cruxes,
    };
    super::super::json::to_json(&doc)
}
