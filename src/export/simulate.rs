//! `detente simulate`: a run of the exchange model as text, Markdown, CSV
//! or JSON. Pure: the model, the run and its summary in, a string out.
//! The JSON has the shape the field's comparers read (docs/design.md,
//! "Simulation output").

use std::fmt::Write;

use serde::Serialize;
use serde::ser::SerializeMap;

use super::forecast::TableFormat;
use crate::analysis::forecast::forecast;
use crate::model::{Basis, Model};
use crate::simulate::summary::Summary;
use crate::simulate::{Exchange, Move, Run, Stopped};

/// How many movers and exchanges the summary lists.
const TOP: usize = 5;

/// Everything a simulation report shows.
pub struct SimReport<'a> {
    pub model: &'a Model,
    pub min: Basis,
    pub asked: usize,
    pub run: &'a Run,
    pub summary: &'a Summary,
}

pub fn render(r: &SimReport<'_>, format: TableFormat) -> String {
    match format {
        TableFormat::Text => text(r),
        TableFormat::Markdown => markdown(r),
        TableFormat::Csv => csv(r),
        TableFormat::Json => json(r),
    }
}

fn actor(m: &Model, a: usize) -> &str {
    &m.actors[a].name
}

/// A number on a numeric issue; on a stance issue with the nearest stance
/// word ("+1 supports", "0.982 ≈ supports").
fn at(m: &Model, issue: usize, x: f64) -> String {
    let i = &m.issues[issue];
    if i.is_numeric() {
        i.number(x)
    } else {
        i.describe(x)
    }
}

fn opt_at(m: &Model, issue: usize, x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| at(m, issue, x))
}

fn gain(g: f64) -> String {
    format!("{g:.3}")
}

/// "North gives way on Deadline from 20 to 90; South on Budget from 180 to
/// 70.8; gain 5.445"
fn sentence(m: &Model, e: &Exchange) -> String {
    let side = |s: &Move| {
        format!(
            "on {} from {} to {}",
            m.issues[s.supply].label(),
            at(m, s.supply, s.from),
            at(m, s.supply, s.to)
        )
    };
    format!(
        "{} gives way {}; {} {}; gain {}",
        actor(m, e.i.actor),
        side(&e.i),
        actor(m, e.j.actor),
        side(&e.j),
        gain(e.gain)
    )
}

fn headline(r: &SimReport<'_>) -> String {
    let played = r.run.rounds.len();
    let how = match r.run.stopped {
        Stopped::Rounds => format!("{played} round{}", plural(played)),
        Stopped::NoExchange => format!(
            "{played} of {} rounds: round {played} realised no exchange, so the run stopped",
            r.asked
        ),
    };
    format!(
        "Equal Gain exchange model, {how}. Counting {} (minimum basis: {}).",
        r.min.counting(),
        r.min
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "Budget: North 40, South 132, …"
fn positions(m: &Model, issue: usize, list: &[(usize, f64)]) -> String {
    let shown: Vec<String> = list
        .iter()
        .map(|&(a, x)| format!("{} {}", actor(m, a), at(m, issue, x)))
        .collect();
    format!("{}: {}", m.issues[issue].label(), shown.join(", "))
}

fn text(r: &SimReport<'_>) -> String {
    let m = r.model;
    let mut out = String::new();
    let _ = writeln!(out, "Simulation: {}", m.title);
    let _ = writeln!(out, "{}", headline(r));
    if let Some(note) = &r.run.note {
        let _ = writeln!(out, "{note}.");
    }
    for round in &r.run.rounds {
        let _ = writeln!(out, "\nRound {}", round.number);
        if round.exchanges.is_empty() {
            let _ = writeln!(out, "  No exchange.");
        }
        for (n, e) in round.exchanges.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", n + 1, sentence(m, e));
        }
        let _ = writeln!(out, "  Weighted means (at the start → after voting):");
        for ir in &round.issues {
            let _ = writeln!(
                out,
                "    {}: {} → {}",
                m.issues[ir.issue].label(),
                opt_at(m, ir.issue, ir.mean_start),
                opt_at(m, ir.issue, ir.mean_voting)
            );
        }
        let _ = writeln!(out, "  Positions for round {}:", round.number + 1);
        for ir in &round.issues {
            let _ = writeln!(out, "    {}", positions(m, ir.issue, &ir.positions));
        }
    }
    let _ = writeln!(out, "\nSummary");
    let _ = writeln!(
        out,
        "  Each issue's weighted mean before round 1 and after the last round, beside the \
         static forecasts (the compromise is the mean before round 1):"
    );
    for e in &r.summary.issues {
        let f = forecast(m, e.issue, r.min);
        let _ = writeln!(
            out,
            "    {}: {} → {} (static compromise {}, median {})",
            m.issues[e.issue].label(),
            opt_at(m, e.issue, e.start),
            opt_at(m, e.issue, e.end),
            opt_at(m, e.issue, f.compromise),
            opt_at(m, e.issue, f.median)
        );
    }
    let _ = writeln!(
        out,
        "  Who moved most (the distance moved, summed over issues, in % of each scale):"
    );
    if r.summary.movers.is_empty() {
        let _ = writeln!(out, "    Nobody moved.");
    }
    for mv in r.summary.movers.iter().take(TOP) {
        let _ = writeln!(out, "    {}: {:.1} %", actor(m, mv.actor), mv.moved);
    }
    let _ = writeln!(
        out,
        "  The exchanges that moved the means most (in % of each scale, both issues summed):"
    );
    if r.summary.shifts.is_empty() {
        let _ = writeln!(out, "    None.");
    }
    for s in r.summary.shifts.iter().take(TOP) {
        let e = &r.run.rounds[s.round - 1].exchanges[s.index];
        let _ = writeln!(
            out,
            "    Round {}, exchange {}: {} ({:.1} %)",
            s.round,
            s.index + 1,
            sentence(m, e),
            s.shift
        );
    }
    out
}

fn markdown(r: &SimReport<'_>) -> String {
    let esc = super::markdown::esc;
    let m = r.model;
    let mut out = String::new();
    let _ = writeln!(out, "# Simulation: {}\n", esc(&m.title));
    let _ = writeln!(out, "{}\n", headline(r));
    if let Some(note) = &r.run.note {
        let _ = writeln!(out, "{}.\n", esc(note));
    }
    for round in &r.run.rounds {
        let _ = writeln!(out, "## Round {}\n", round.number);
        if round.exchanges.is_empty() {
            let _ = writeln!(out, "No exchange.\n");
        } else {
            let _ = writeln!(
                out,
                "| # | Gives way | On | From | To | In return, gives way | On | From | To | Gain |\n\
                 |---:|---|---|---:|---:|---|---|---:|---:|---:|"
            );
            for (n, e) in round.exchanges.iter().enumerate() {
                let cells = |s: &Move| {
                    format!(
                        "{} | {} | {} | {}",
                        esc(actor(m, s.actor)),
                        esc(m.issues[s.supply].label()),
                        at(m, s.supply, s.from),
                        at(m, s.supply, s.to)
                    )
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    n + 1,
                    cells(&e.i),
                    cells(&e.j),
                    gain(e.gain)
                );
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "| Issue | Mean at the start | Mean after voting | Positions for round {} |\n|---|---:|---:|---|",
            round.number + 1
        );
        for ir in &round.issues {
            let list: Vec<String> = ir
                .positions
                .iter()
                .map(|&(a, x)| format!("{} {}", esc(actor(m, a)), at(m, ir.issue, x)))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                esc(m.issues[ir.issue].label()),
                opt_at(m, ir.issue, ir.mean_start),
                opt_at(m, ir.issue, ir.mean_voting),
                list.join(", ")
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(
        out,
        "| Issue | Mean before round 1 | Mean after the last round | Static compromise | Static median |\n\
         |---|---:|---:|---:|---:|"
    );
    for e in &r.summary.issues {
        let f = forecast(m, e.issue, r.min);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            esc(m.issues[e.issue].label()),
            opt_at(m, e.issue, e.start),
            opt_at(m, e.issue, e.end),
            opt_at(m, e.issue, f.compromise),
            opt_at(m, e.issue, f.median)
        );
    }
    let _ = writeln!(
        out,
        "\nWho moved most (the distance moved, summed over issues, in % of each scale):\n"
    );
    for mv in r.summary.movers.iter().take(TOP) {
        let _ = writeln!(out, "- {}: {:.1} %", esc(actor(m, mv.actor)), mv.moved);
    }
    let _ = writeln!(
        out,
        "\nThe exchanges that moved the means most (in % of each scale, both issues summed):\n"
    );
    for s in r.summary.shifts.iter().take(TOP) {
        let e = &r.run.rounds[s.round - 1].exchanges[s.index];
        let _ = writeln!(
            out,
            "- Round {}, exchange {}: {} ({:.1} %)",
            s.round,
            s.index + 1,
            esc(&sentence(m, e)),
            s.shift
        );
    }
    out
}

/// One row per actor × issue × round: where the actor stands after the
/// round (round 0: the model as written), and the issue's means in it.
fn csv(r: &SimReport<'_>) -> String {
    let field = super::csv::field;
    let m = r.model;
    let num = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    let mut out = String::from("round,issue,actor,position,mean_start,mean_voting\r\n");
    if let Some(first) = r.run.rounds.first() {
        for ir in &first.issues {
            for &(a, _) in &ir.positions {
                let Some(p) = m.actors[a].position(ir.issue) else {
                    continue;
                };
                let _ = write!(
                    out,
                    "0,{},{},{},,\r\n",
                    field(&m.issues[ir.issue].id),
                    field(&m.actors[a].id),
                    p.value
                );
            }
        }
    }
    for round in &r.run.rounds {
        for ir in &round.issues {
            for &(a, x) in &ir.positions {
                let _ = write!(
                    out,
                    "{},{},{},{x},{},{}\r\n",
                    round.number,
                    field(&m.issues[ir.issue].id),
                    field(&m.actors[a].id),
                    num(ir.mean_start),
                    num(ir.mean_voting)
                );
            }
        }
    }
    out
}

#[derive(Serialize)]
struct Doc<'a> {
    model: &'static str,
    rounds: Vec<RoundOut<'a>>,
    stopped: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct RoundOut<'a> {
    round: usize,
    exchanges: Vec<ExchangeOut<'a>>,
    issues: Ordered<'a, IssueOut<'a>>,
}

#[derive(Serialize)]
struct ExchangeOut<'a> {
    gain: f64,
    i: SideOut<'a>,
    j: SideOut<'a>,
}

#[derive(Serialize)]
struct SideOut<'a> {
    actor: &'a str,
    supply: &'a str,
    demand: &'a str,
    from: f64,
    to: f64,
}

#[derive(Serialize)]
struct IssueOut<'a> {
    mean_start: Option<f64>,
    mean_voting: Option<f64>,
    positions: Ordered<'a, f64>,
}

/// A JSON object whose keys keep the model's order.
struct Ordered<'a, V>(Vec<(&'a str, V)>);

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn json(r: &SimReport<'_>) -> String {
    let m = r.model;
    let side = |s: &Move| SideOut {
        actor: &m.actors[s.actor].id,
        supply: &m.issues[s.supply].id,
        demand: &m.issues[s.demand].id,
        from: s.from,
        to: s.to,
    };
    let doc = Doc {
        model: "equal-gain",
        rounds: r
            .run
            .rounds
            .iter()
            .map(|round| RoundOut {
                round: round.number,
                exchanges: round
                    .exchanges
                    .iter()
                    .map(|e| ExchangeOut {
                        gain: e.gain,
                        i: side(&e.i),
                        j: side(&e.j),
                    })
                    .collect(),
                issues: Ordered(
                    round
                        .issues
                        .iter()
                        .map(|ir| {
                            (
                                m.issues[ir.issue].id.as_str(),
                                IssueOut {
                                    mean_start: ir.mean_start,
                                    mean_voting: ir.mean_voting,
                                    positions: Ordered(
                                        ir.positions
                                            .iter()
                                            .map(|&(a, x)| (m.actors[a].id.as_str(), x))
                                            .collect(),
                                    ),
                                },
                            )
                        })
                        .collect(),
                ),
            })
            .collect(),
        stopped: r.run.stopped.word(),
        note: r.run.note.as_deref(),
    };
    super::json::to_json(&doc)
}
