//! The JSON shape of docs/cli.md ("The JSON shape"). Keys may be added, never removed or renamed.

use serde::Serialize;

use super::Report;
use crate::analysis::pair::{cruxes, trades};
use crate::model::{Model, Position, Stance};
use crate::present::attribution;

#[derive(Serialize)]
struct Doc<'a> {
    model: &'a str,
    /// The weakest basis that counts: `inferred` (all), `reported`, `stated`.
    min_basis: &'static str,
    left: ActorRef<'a>,
    right: ActorRef<'a>,
    alignment: Option<f64>,
    /// The index of agreement (docs/design.md, "Agreement"), in [0, 1] or null.
    agreement: Option<f64>,
    /// The issues both positions are known on: what the figures rest on.
    shared: usize,
    counts: Counts,
    /// The issues shown, in the order shown (all, in model order, from
    /// `detente export`).
    issues: Vec<IssueOut<'a>>,
    /// Which issues `issues` holds and in which order.
    shown: Shown<'a>,
    /// The sources the evidence cites.
    sources: Vec<SourceOut<'a>>,
    provenance: ProvenanceOut<'a>,
    /// Issue ids in conflict: red lines first, then by salience.
    cruxes: Vec<&'a str>,
    trades: Vec<TradeOut<'a>>,
}

#[derive(Serialize)]
struct TradeOut<'a> {
    gain: f64,
    left: GiveOut<'a>,
    right: GiveOut<'a>,
}

/// What one side gives way on in a trade, from where to where.
#[derive(Serialize)]
struct GiveOut<'a> {
    gives: &'a str,
    from: f64,
    to: f64,
}

#[derive(Serialize)]
struct Shown<'a> {
    filter: &'a str,
    order: &'a str,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ProvenanceOut<'a> {
    /// The model file as given, `built-in` or `standard input`.
    model: &'a str,
    /// The what-if changes applied to the model; absent without any.
    #[serde(skip_serializing_if = "Option::is_none")]
    what_if: Option<WhatIfOut<'a>>,
    detente: &'a str,
    /// The day the report was written, `YYYY-MM-DD`.
    date: String,
}

#[derive(Serialize)]
struct WhatIfOut<'a> {
    /// The scenario file as given (`--scenario`), if one was.
    scenario: Option<&'a str>,
    /// How many of its changes applied.
    scenario_changes: usize,
    /// How many `--set` changes applied.
    set_changes: usize,
}

#[derive(Serialize)]
struct ActorRef<'a> {
    id: &'a str,
    name: &'a str,
}

/// A pair's counts per verdict, as the comparison and the ranking write them.
#[derive(Serialize)]
pub(super) struct Counts {
    agree: usize,
    partial: usize,
    conflict: usize,
    unknown: usize,
    red_line: usize,
}

impl From<&crate::compare::Counts> for Counts {
    fn from(n: &crate::compare::Counts) -> Counts {
        Counts {
            agree: n.agree,
            partial: n.partial,
            conflict: n.conflict,
            unknown: n.unknown,
            red_line: n.red_line,
        }
    }
}

#[derive(Serialize)]
struct IssueOut<'a> {
    id: &'a str,
    title: &'a str,
    short: Option<&'a str>,
    description: Option<&'a str>,
    verdict: &'static str,
    red_line: bool,
    left: Option<Side<'a>>,
    right: Option<Side<'a>>,
}

#[derive(Serialize)]
struct Side<'a> {
    /// The stance on a stance issue; `null` on a numeric one.
    stance: Option<i8>,
    /// The position on the issue's scale (for a stance issue, the stance).
    value: f64,
    basis: &'static str,
    /// The power behind the position: its own, else the actor's (always
    /// written, whether or not the model gives power).
    power: f64,
    salience: f64,
    summary: Option<&'a str>,
    red_line: bool,
    evidence: Vec<EvidenceOut<'a>>,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    quote: &'a str,
    speaker: Option<&'a str>,
    date: Option<&'a str>,
    source: Option<&'a str>,
    attribution: String,
}

pub(super) fn render(report: &Report<'_, '_>) -> String {
    let c = report.comparison;
    let m = c.model;
    let actor = |i: usize| ActorRef {
        id: &m.actors[i].id,
        name: &m.actors[i].name,
    };
    let side = |a, p| side(m, a, p);
    let doc = Doc {
        model: &m.title,
        min_basis: c.min_basis.word(),
        left: actor(c.left),
        right: actor(c.right),
        alignment: c.alignment,
        agreement: c.agreement,
        shared: c.counts.shared(),
        counts: Counts::from(&c.counts),
        issues: report
            .rows()
            .map(|r| {
                let issue = &m.issues[r.issue];
                IssueOut {
                    id: &issue.id,
                    title: &issue.title,
                    short: issue.short.as_deref(),
                    description: issue.description.as_deref(),
                    verdict: r.verdict.word(),
                    red_line: r.red_line,
                    left: side(c.left, r.left),
                    right: side(c.right, r.right),
                }
            })
            .collect(),
        shown: Shown {
            filter: &report.view.filter,
            order: &report.view.order,
        },
        sources: report
            .cited_sources()
            .into_iter()
            .map(|i| {
                let s = &m.sources[i];
                SourceOut {
                    id: &s.id,
                    title: &s.title,
                    author: s.author.as_deref(),
                    date: s.date.as_deref(),
                    url: s.url.as_deref(),
                }
            })
            .collect(),
        provenance: ProvenanceOut {
            model: &report.provenance.model,
            what_if: {
                let w = &report.provenance.what_if;
                w.phrase().map(|_| WhatIfOut {
                    scenario: w.scenario.as_ref().map(|(f, _)| f.as_str()),
                    scenario_changes: w.scenario.as_ref().map_or(0, |(_, n)| *n),
                    set_changes: w.set,
                })
            },
            detente: report.provenance.version,
            date: report.provenance.date.to_string(),
        },
        cruxes: cruxes(c)
            .into_iter()
            .map(|i| m.issues[i].id.as_str())
            .collect(),
        trades: trades(c)
            .into_iter()
            .map(|t| {
                let give = |g: &crate::analysis::pair::Give| GiveOut {
                    gives: &m.issues[g.issue].id,
                    from: g.from,
                    to: g.to,
                };
                TradeOut {
                    gain: t.gain,
                    left: give(&t.left),
                    right: give(&t.right),
                }
            })
            .collect(),
    };
    to_json(&doc)
}

/// Pretty JSON and a final newline. Serialising plain structs of strings and
/// numbers does not fail (serde_json writes a non-finite number as `null`);
/// if it ever did, the output says so rather than being empty.
pub(super) fn to_json(doc: &impl Serialize) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("detente could not write JSON: {e}") }).to_string()
    });
    s.push('\n');
    s
}

fn side<'a>(m: &'a Model, actor: usize, p: Option<&'a Position>) -> Option<Side<'a>> {
    p.map(|p| Side {
        stance: p.stance.map(Stance::value),
        value: p.value,
        power: m.actors[actor].power_on(p),
        basis: p.basis.word(),
        salience: p.salience,
        summary: p.summary(),
        red_line: p.red_line,
        evidence: p
            .evidence()
            .iter()
            .map(|e| EvidenceOut {
                quote: &e.quote,
                speaker: e.speaker.as_deref(),
                date: e.date.as_deref(),
                source: e.source.map(|s| m.sources[s].id.as_str()),
                attribution: attribution(m, e),
            })
            .collect(),
    })
}
