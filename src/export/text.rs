//! The plain-text comparison: a header, one three-column row per issue, then
//! the evidence. No ANSI codes and no line wider than the requested width.

use std::fmt::Write;

use super::Report;
use crate::analysis::pair::{cruxes, trades};
use crate::compare::Comparison;
use crate::present::{
    agreement_figure, attribution, basis_line, counts_line, crux_line, gives_power, position_label,
    power_label, salience_label, source_line, trade_line, trade_saliences, verdict_label,
};
use crate::text::{pad, wrap};

const VERDICT_COLS: usize = 10;
const SEP: &str = " | ";

pub(super) fn render(report: &Report<'_, '_>, width: usize) -> String {
    let c = report.comparison;
    let m = c.model;
    let side = width.saturating_sub(VERDICT_COLS + 2 * SEP.len());
    let (left_cols, right_cols) = (side / 2, side - side / 2);
    let mut out = String::new();
    let para = |out: &mut String, s: &str, indent: usize| {
        for line in wrap(s, width - indent) {
            let _ = writeln!(out, "{}{line}", " ".repeat(indent));
        }
    };

    para(&mut out, &m.title, 0);
    para(
        &mut out,
        &format!("{} vs {}", m.actor_label(c.left), m.actor_label(c.right)),
        0,
    );
    para(
        &mut out,
        &format!(
            "Agreement {} · {}",
            agreement_figure(c.agreement, &c.counts),
            counts_line(c)
        ),
        0,
    );
    if let Some(line) = basis_line(c) {
        para(&mut out, &line, 0);
    }
    para(&mut out, &report.view.line(c), 0);
    para(&mut out, &report.provenance.line(), 0);
    let rule = |ch: &str| ch.repeat(width);
    let _ = writeln!(out, "{}", rule("="));

    let row = |out: &mut String, l: &[String], v: &[String], r: &[String]| {
        let n = l.len().max(v.len()).max(r.len());
        for i in 0..n {
            let cell = |cells: &[String], cols| pad(cells.get(i).map_or("", String::as_str), cols);
            let line = format!(
                "{}{SEP}{}{SEP}{}",
                cell(l, left_cols),
                cell(v, VERDICT_COLS),
                cell(r, right_cols)
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    };
    row(
        &mut out,
        &wrap(&m.actors[c.left].name, left_cols),
        &["verdict".to_string()],
        &wrap(&m.actors[c.right].name, right_cols),
    );

    let powered = gives_power(m);
    for (n, r) in report.rows().enumerate() {
        let issue = &m.issues[r.issue];
        let _ = writeln!(out, "{}", rule("-"));
        para(&mut out, &format!("{}. {}", n + 1, issue.label()), 0);
        if let Some(title) = crate::present::distinct_title(issue) {
            para(&mut out, title, 3);
        }
        if let Some(d) = &issue.description {
            para(&mut out, d, 3);
        }
        let side_cells = |actor: usize, p: Option<&crate::model::Position>, cols| {
            let mut cells = wrap(&position_label(issue, p), cols);
            if let Some(p) = p {
                cells.extend(wrap(&salience_label(p), cols));
                if powered {
                    cells.extend(wrap(&power_label(&m.actors[actor], p), cols));
                }
            }
            if p.is_some_and(|p| p.red_line) {
                cells.extend(wrap("[red line]", cols));
            }
            if let Some(s) = p.and_then(|p| p.summary()) {
                cells.extend(wrap(s, cols));
            }
            cells
        };
        let verdict = wrap(&verdict_label(r.verdict, r.red_line), VERDICT_COLS);
        row(
            &mut out,
            &side_cells(c.left, r.left, left_cols),
            &verdict,
            &side_cells(c.right, r.right, right_cols),
        );
    }
    let _ = writeln!(out, "{}", rule("="));
    analysis(&mut out, c, width);

    let any_evidence = report.rows().any(|r| {
        [r.left, r.right]
            .into_iter()
            .flatten()
            .any(|p| !p.evidence().is_empty())
    });
    if any_evidence {
        let _ = writeln!(out, "Evidence");
    }
    for (n, r) in report.rows().enumerate() {
        let sides = [(c.left, r.left), (c.right, r.right)];
        if sides
            .iter()
            .all(|(_, p)| p.is_none_or(|p| p.evidence().is_empty()))
        {
            continue;
        }
        let _ = writeln!(out);
        para(
            &mut out,
            &format!("{}. {}", n + 1, m.issues[r.issue].label()),
            0,
        );
        for (actor, p) in sides {
            let Some(p) = p.filter(|p| !p.evidence().is_empty()) else {
                continue;
            };
            para(
                &mut out,
                &format!(
                    "{} ({}):",
                    m.actors[actor].name,
                    position_label(&m.issues[r.issue], Some(p))
                ),
                3,
            );
            for e in p.evidence() {
                para(&mut out, &format!("“{}”", e.quote), 6);
                let who = attribution(m, e);
                if !who.is_empty() {
                    para(&mut out, &format!("— {who}"), 8);
                }
            }
        }
    }
    let sources = report.cited_sources();
    if !sources.is_empty() {
        let _ = writeln!(out, "\nSources");
    }
    for (n, &s) in sources.iter().enumerate() {
        let _ = writeln!(out);
        para(&mut out, &format!("{}. {}", n + 1, source_line(m, s)), 0);
    }
    out
}

/// The cruxes and trades, after the table (docs/design.md, "Cruxes" and "Trades").
fn analysis(out: &mut String, c: &Comparison<'_>, width: usize) {
    let para = |out: &mut String, s: &str, indent: usize| {
        for line in wrap(s, width - indent) {
            let _ = writeln!(out, "{}{line}", " ".repeat(indent));
        }
    };
    // "N. " then the text, its later lines under the text.
    let item = |out: &mut String, n: usize, s: &str| {
        let prefix = format!("{n}. ");
        let indent = prefix.len();
        for (k, line) in wrap(s, width - indent).into_iter().enumerate() {
            let lead = if k == 0 {
                prefix.clone()
            } else {
                " ".repeat(indent)
            };
            let _ = writeln!(out, "{lead}{line}");
        }
    };
    let cruxes = cruxes(c);
    if cruxes.is_empty() {
        para(out, "Cruxes: none (no issue in conflict)", 0);
    } else {
        para(
            out,
            "Cruxes (conflicts: red lines first, then by salience)",
            0,
        );
    }
    for (n, &issue) in cruxes.iter().enumerate() {
        item(out, n + 1, &crux_line(c, issue));
    }
    let _ = writeln!(out);
    let trades = trades(c);
    if trades.is_empty() {
        para(out, "Trades: none found", 0);
    } else {
        para(
            out,
            "Trades (the bargaining simulation's first exchanges between the two, best first: \
             each gives way where the issue weighs less for it, weight = salience × power, and \
             both gain alike, in weighted points of a 0–100 scale)",
            0,
        );
    }
    for (n, t) in trades.iter().enumerate() {
        item(out, n + 1, &trade_line(c, t));
        para(out, &trade_saliences(c, t), (n + 1).to_string().len() + 2);
    }
    let _ = writeln!(out, "{}", "=".repeat(width));
}
