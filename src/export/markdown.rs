//! The comparison as a Markdown document: a summary, a table, the cruxes
//! and trades, how it may move (a table of the simulated rounds per issue
//! shown in full), the evidence.

use std::fmt::Write;

use super::moves::{Moves, Ran, simulate};
use super::{Options, Report, full};
use crate::analysis::pair::{cruxes, trades};
use crate::compare::Comparison;
use crate::model::{Actor, Issue, Position};
use crate::present::{
    agreement_figure, attribution, basis_line, counts_line, crux_line, gives_power, position_label,
    power_label, salience_label, source_line, trade_line, trade_saliences, verdict_label,
};

/// Escapes text for a Markdown paragraph or table cell: Markdown punctuation
/// is backslash-escaped, and line breaks become `<br>` so a cell stays one row.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' => out.push_str("<br>"),
            ch => out.push(ch),
        }
    }
    out
}

/// A side's cell: its position, red line, salience, its power where the
/// model gives power (`actor` is `Some` then), and its summary.
fn cell(issue: &Issue, actor: Option<&Actor>, p: Option<&Position>) -> String {
    let mut s = match p {
        Some(_) => format!("**{}**", position_label(issue, p)),
        None => position_label(issue, p),
    };
    if p.is_some_and(|p| p.red_line) {
        s.push_str(" (red line)");
    }
    if let Some(p) = p {
        s.push_str(", ");
        s.push_str(&salience_label(p));
        if let Some(a) = actor {
            s.push_str(", ");
            s.push_str(&power_label(a, p));
        }
    }
    if let Some(summary) = p.and_then(|p| p.summary()) {
        s.push_str(": ");
        s.push_str(&esc(summary));
    }
    s
}

pub(super) fn render(report: &Report<'_, '_>, options: &Options) -> String {
    let c = report.comparison;
    let m = c.model;
    let (left, right) = (&m.actors[c.left], &m.actors[c.right]);
    let mut out = String::new();
    let _ = writeln!(out, "# {} vs {}\n", esc(&left.name), esc(&right.name));
    let _ = writeln!(out, "{}\n", esc(&m.title));
    let _ = writeln!(
        out,
        "- **Left**: {}\n- **Right**: {}\n- **Agreement**: {} ({})\n- **Verdicts**: {}\n",
        esc(&m.actor_label(c.left)),
        esc(&m.actor_label(c.right)),
        agreement_figure(c.agreement, &c.counts),
        crate::present::AGREEMENT_MEANS,
        counts_line(c)
    );
    if let Some(line) = basis_line(c) {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(out, "{}\n", esc(&report.view.line(c)));
    let _ = writeln!(out, "{}\n", esc(&report.provenance.line()));
    if let Some(since) = &options.since {
        let _ = writeln!(out, "{}\n", esc(&super::since::header(since)));
    }
    let _ = writeln!(
        out,
        "| # | Issue | {} | Verdict | {} |\n|---:|---|---|---|---|",
        esc(&left.name),
        esc(&right.name)
    );
    let powered = gives_power(m);
    for (n, r) in report.rows().enumerate() {
        let issue = &m.issues[r.issue];
        let verdict = verdict_label(r.verdict, r.red_line);
        let verdict = if r.red_line {
            format!("**{verdict}**")
        } else {
            verdict
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {verdict} | {} |",
            n + 1,
            esc(issue.label()),
            cell(issue, powered.then_some(left), r.left),
            cell(issue, powered.then_some(right), r.right)
        );
    }
    let _ = writeln!(out, "\n## Cruxes\n");
    let cruxes = cruxes(c);
    if cruxes.is_empty() {
        let _ = writeln!(out, "None: no issue in conflict.");
    }
    for (n, &issue) in cruxes.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, esc(&crux_line(c, issue)));
    }
    let _ = writeln!(out, "\n## Trades\n");
    let trades = trades(c);
    if trades.is_empty() {
        let _ = writeln!(out, "None found.");
    } else {
        let _ = writeln!(
            out,
            "The bargaining simulation's first exchanges between the two, best first: each gives \
             way where the issue weighs less for it (weight = salience × power), and both gain \
             alike, in weighted points of a 0–100 scale.\n"
        );
    }
    for (n, t) in trades.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {}  \n   {}",
            n + 1,
            esc(&trade_line(c, t)),
            esc(&trade_saliences(c, t))
        );
    }
    moves(&mut out, report, options);
    if let Some(since) = &options.since {
        since_table(&mut out, report, since);
    }
    let _ = writeln!(out, "\n## Issues and evidence");
    for (n, r) in report.rows().enumerate() {
        let issue = &m.issues[r.issue];
        let sides = [(c.left, r.left), (c.right, r.right)];
        let no_evidence = sides
            .iter()
            .all(|(_, p)| p.is_none_or(|p| p.evidence().is_empty()));
        if no_evidence && issue.description.is_none() {
            continue;
        }
        let _ = writeln!(out, "\n### {}. {}\n", n + 1, esc(&issue.title));
        if let Some(d) = &issue.description {
            let _ = writeln!(out, "{}\n", esc(d));
        }
        for (actor, p) in sides {
            let Some(p) = p.filter(|p| !p.evidence().is_empty()) else {
                continue;
            };
            let _ = writeln!(
                out,
                "**{}** ({}):\n",
                esc(&m.actors[actor].name),
                position_label(issue, Some(p))
            );
            for e in p.evidence() {
                let _ = writeln!(out, "> {}", esc(&e.quote).replace("<br>", "\n> "));
                let who = attribution(m, e);
                if !who.is_empty() {
                    let _ = writeln!(out, ">\n> — {}", esc(&who));
                }
                let _ = writeln!(out);
            }
        }
    }
    let sources = report.cited_sources();
    if !sources.is_empty() {
        let _ = writeln!(out, "## Sources\n");
    }
    for (n, &s) in sources.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, esc(&source_line(m, s)));
    }
    out
}

/// "Since OLD": what the two actors changed on the issues shown.
fn since_table(out: &mut String, report: &Report<'_, '_>, since: &super::Since) {
    let _ = writeln!(out, "\n## Since {}\n", esc(&since.name));
    let lines = super::since::lines(report, since);
    if lines.is_empty() {
        let c = report.comparison;
        let _ = writeln!(
            out,
            "Neither {} nor {} moved or took a new position on the issues shown.",
            esc(&c.model.actors[c.left].name),
            esc(&c.model.actors[c.right].name)
        );
        return;
    }
    let _ = writeln!(
        out,
        "| Issue | Actor | From → to | Toward the other side? |\n|---|---|---|---|"
    );
    for l in lines {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&l.issue),
            esc(&l.actor),
            esc(&l.change),
            esc(&l.relative)
        );
    }
}

/// "How it may move": a table of the rounds per issue shown in full, the
/// rest in one table from round 0 to the last.
fn moves(out: &mut String, report: &Report<'_, '_>, options: &Options) {
    let c = report.comparison;
    let m = c.model;
    let _ = writeln!(out, "\n## How it may move\n");
    let ran = match simulate(c, &options.simulation) {
        Moves::Not(why) => {
            let _ = writeln!(out, "{}", esc(&why));
            return;
        }
        Moves::Ran(ran) => ran,
    };
    let (left, right) = (esc(&m.actors[c.left].name), esc(&m.actors[c.right].name));
    let _ = writeln!(
        out,
        "{} Each table gives the positions of {left} and {right} (– for an actor without a \
         position on the issue) and the issue's weighted mean, round by round.",
        esc(&ran.headline())
    );
    let tables = full::drawings(
        report,
        options.all_maps,
        usize::MAX,
        |n| rounds_table(c, &ran, n, c.rows[report.view.rows[n]].issue),
        |_| 0,
    );
    if let Some(why) = full::left_out(&tables, "have a table of every round") {
        let _ = writeln!(out, "\n{}", esc(&why));
    }
    for t in tables.iter().flatten() {
        out.push_str(t);
    }
    let mut rest = report
        .view
        .rows
        .iter()
        .zip(&tables)
        .enumerate()
        .filter(|(_, (_, t))| t.is_none())
        .filter_map(|(n, (&row, _))| Some((n, c.rows.get(row)?.issue)))
        .peekable();
    if rest.peek().is_none() {
        return;
    }
    let _ = writeln!(
        out,
        "\n### The other issues, round 0 → {}\n\n| # | Issue | {left} | {right} | Weighted mean |\n\
         |---:|---|---|---|---|",
        ran.rounds()
    );
    for (n, k) in rest {
        let issue = &m.issues[k];
        let [l, r, mean] = ran.path(c, k).ends(issue);
        let cell = |s: Option<String>| s.unwrap_or_else(|| "–".into());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            n + 1,
            esc(issue.label()),
            cell(l),
            cell(r),
            cell(mean)
        );
    }
}

/// The `n`th shown issue (model index `k`), round by round.
fn rounds_table(c: &Comparison<'_>, ran: &Ran, n: usize, k: usize) -> String {
    let m = c.model;
    let issue = &m.issues[k];
    let path = ran.path(c, k);
    let mut t = format!(
        "\n### {}. {}, round by round\n\n| Round | {} | {} | Weighted mean |\n|---:|---|---|---|\n",
        n + 1,
        esc(issue.label()),
        esc(&m.actors[c.left].name),
        esc(&m.actors[c.right].name)
    );
    let at = |x: Option<f64>| x.map_or_else(|| "–".to_string(), |x| issue.describe(x));
    for (r, mean) in path.mean.iter().enumerate() {
        let side = |xs: &Option<Vec<f64>>| at(xs.as_ref().and_then(|xs| xs.get(r).copied()));
        let _ = writeln!(
            t,
            "| {r} | {} | {} | {} |",
            side(&path.left),
            side(&path.right),
            at(*mean)
        );
    }
    t
}
