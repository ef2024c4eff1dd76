//! `detente forecast`: every issue's forecasts against its outcome, as text,
//! Markdown, CSV or JSON (docs/cli.md, "Numeric issues and detente forecast"). Pure: a model and the checked
//! forecasts in, a string out.

use std::fmt::Write;

use serde::Serialize;

/// The formats of the forecast table (no HTML page of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Text,
    Markdown,
    Csv,
    Json,
}
use crate::analysis::forecast::{Checked, Mae};
use crate::model::{Basis, Issue, Model, Stance, format_number};
use crate::present::distinct_title;
use crate::text::{pad, truncate, width, wrap};

/// Renders the forecasts of every issue in `format`.
pub fn render(
    model: &Model,
    min: Basis,
    checked: &[Checked],
    mae: &Mae,
    format: TableFormat,
) -> String {
    match format {
        TableFormat::Text => text(model, min, checked, mae),
        TableFormat::Markdown => markdown(model, min, checked, mae),
        TableFormat::Csv => csv(model, checked),
        TableFormat::Json => json(model, min, checked, mae),
    }
}

/// Decimals for every number shown on `issue`: the rule of
/// [`Issue::number`] (three significant places of the scale's width), but
/// kept when they are zeros, so 57.97 on 0..100 reads "58.0" beside "49.4"
/// and compromise, median and outcome line up.
fn decimals(issue: &Issue) -> usize {
    let magnitude = issue.span().log10().floor();
    if magnitude.is_finite() {
        (3 - magnitude as i32).clamp(0, 3) as usize
    } else {
        3
    }
}

/// `x` with the issue's decimals: `58.0`, `0.391`, never `-0.0`.
fn fixed(issue: &Issue, x: f64) -> String {
    let s = format!("{x:.*}", decimals(issue));
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => s,
    }
}

/// A forecast or outcome as people read it, with the issue's decimals:
/// `+1 supports` for a whole stance, `0.765 ≈ supports` between two;
/// `58.0`, with the scale label the value sits on when `labels` (`50.0
/// (Equal split)`, never beside 45 or 60).
fn shown(issue: &Issue, x: Option<f64>, labels: bool) -> String {
    let Some(x) = x else {
        return "–".to_string();
    };
    match &issue.scale {
        None => {
            let s = Stance::nearest(x);
            if x.fract() == 0.0 {
                format!("{} {}", s.signed(), s.word())
            } else {
                format!("{} ≈ {}", fixed(issue, x), s.word())
            }
        }
        Some(scale) => match scale.label_at(x, |v| issue.number(v)).filter(|_| labels) {
            Some(label) => format!("{} ({label})", fixed(issue, x)),
            None => fixed(issue, x),
        },
    }
}

fn error(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |e| format!("{e:.1}"))
}

fn counting(min: Basis) -> String {
    format!("Counting {} (minimum basis: {min}).", min.counting())
}

/// How to read the error columns, once, under every table.
const READING: &str = "Errors are |forecast − outcome| as a percentage of the issue's scale \
     (0 = exact); the mean absolute error is over the issues with both an outcome and a forecast.";

fn mae_line(mae: &Mae) -> String {
    match (mae.compromise, mae.median) {
        (Some(c), Some(m)) => format!(
            "Mean absolute error over {} issue{}: compromise {c:.1}, median {m:.1}.",
            mae.issues,
            if mae.issues == 1 { "" } else { "s" }
        ),
        _ => "Mean absolute error: no issue has both an outcome and a forecast.".to_string(),
    }
}

/// `stance`, or a numeric scale as `min..max` (`0..100`), as the forecast table and `diff` say it.
pub(super) fn scale(issue: &Issue) -> String {
    let (min, max) = issue.range();
    if issue.is_numeric() {
        format!("{}..{}", format_number(min), format_number(max))
    } else {
        "stance".to_string()
    }
}

/// The widest the issue column gets; longer names are cut at a word and
/// given whole under the table.
const ISSUE_MAX: usize = 32;

/// `s` in at most `max` columns, cut after a whole word with `…`; the
/// second value says whether it was cut.
fn cut_at_word(s: &str, max: usize) -> (String, bool) {
    if width(s) <= max {
        return (s.to_string(), false);
    }
    let first = wrap(s, max.saturating_sub(1))
        .into_iter()
        .next()
        .unwrap_or_default();
    let first = first.trim_end();
    if first.is_empty() || width(first) >= max {
        return (truncate(s, max), true);
    }
    (format!("{first}…"), true)
}

fn text(model: &Model, min: Basis, checked: &[Checked], mae: &Mae) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Forecasts: {}", model.title);
    let _ = writeln!(out, "{}", counting(min));
    let _ = writeln!(out);
    // Two header lines: the error columns read "error / compromise" and
    // "error / median" down the column.
    let over = ["", "", "", "", "", "", "error", "error"];
    let head = [
        "issue",
        "scale",
        "n",
        "compromise",
        "median",
        "outcome",
        "compromise",
        "median",
    ];
    let names: Vec<String> = checked
        .iter()
        .map(|c| format!("{}. {}", c.issue + 1, model.issues[c.issue].label()))
        .collect();
    let mut cut = Vec::new();
    let rows: Vec<[String; 8]> = checked
        .iter()
        .zip(&names)
        .map(|(c, name)| {
            let issue = &model.issues[c.issue];
            let (name, was_cut) = cut_at_word(name, ISSUE_MAX);
            if was_cut {
                cut.push(c.issue);
            }
            [
                name,
                scale(issue),
                c.forecast.positions.to_string(),
                shown(issue, c.forecast.compromise, false),
                shown(issue, c.forecast.median, false),
                shown(issue, c.outcome, false),
                error(c.error_compromise),
                error(c.error_median),
            ]
        })
        .collect();
    let mut widths = head.map(width);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: [&str; 8]| {
        let mut line = String::new();
        for (k, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if k >= 6 {
                line.push_str(&" ".repeat(w - width(cell)));
                line.push_str(cell);
            } else {
                line.push_str(&pad(cell, w));
            }
            line.push_str("  ");
        }
        line.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(over));
    let _ = writeln!(out, "{}", line(head));
    for r in &rows {
        let _ = writeln!(out, "{}", line(r.each_ref().map(String::as_str)));
    }
    if !cut.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Issues in full:");
        for &i in &cut {
            let issue = &model.issues[i];
            let full = match distinct_title(issue) {
                Some(title) => format!("{}. {} — {title}", i + 1, issue.label()),
                None => format!("{}. {}", i + 1, issue.label()),
            };
            for (k, l) in wrap(&full, 98).iter().enumerate() {
                let _ = writeln!(out, "{}{l}", if k == 0 { "  " } else { "     " });
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", mae_line(mae));
    for line in crate::text::wrap(READING, 100) {
        let _ = writeln!(out, "{line}");
    }
    out
}

fn markdown(model: &Model, min: Basis, checked: &[Checked], mae: &Mae) -> String {
    let esc = super::markdown::esc;
    let mut out = String::new();
    let _ = writeln!(out, "# Forecasts: {}\n", esc(&model.title));
    let _ = writeln!(out, "{}\n", counting(min));
    let _ = writeln!(
        out,
        "| # | Issue | Scale | Positions | Compromise | Median | Outcome | Error (compromise) | Error (median) |\n\
         |---:|---|---|---:|---|---|---|---:|---:|"
    );
    for c in checked {
        let issue = &model.issues[c.issue];
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.issue + 1,
            esc(issue.label()),
            scale(issue),
            c.forecast.positions,
            esc(&shown(issue, c.forecast.compromise, true)),
            esc(&shown(issue, c.forecast.median, true)),
            esc(&shown(issue, c.outcome, true)),
            error(c.error_compromise),
            error(c.error_median)
        );
    }
    let _ = writeln!(out, "\n{}\n\n{READING}", mae_line(mae));
    out
}

fn csv(model: &Model, checked: &[Checked]) -> String {
    let field = super::csv::field;
    let num = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    let mut out = String::from(
        "issue_id,issue,min,max,positions,compromise,median,outcome,error_compromise,error_median\r\n",
    );
    for c in checked {
        let issue = &model.issues[c.issue];
        let (min, max) = issue.range();
        let cols = [
            field(&issue.id),
            field(&issue.title),
            min.to_string(),
            max.to_string(),
            c.forecast.positions.to_string(),
            num(c.forecast.compromise),
            num(c.forecast.median),
            num(c.outcome),
            num(c.error_compromise),
            num(c.error_median),
        ];
        out.push_str(&cols.join(","));
        out.push_str("\r\n");
    }
    out
}

#[derive(Serialize)]
struct Doc<'a> {
    model: &'a str,
    min_basis: &'static str,
    issues: Vec<IssueOut<'a>>,
    mae: Option<MaeOut>,
}

#[derive(Serialize)]
struct IssueOut<'a> {
    id: &'a str,
    title: &'a str,
    scale: ScaleOut,
    positions: usize,
    compromise: Option<f64>,
    median: Option<f64>,
    outcome: Option<f64>,
    error: Errors,
}

#[derive(Serialize)]
struct ScaleOut {
    min: f64,
    max: f64,
}

#[derive(Serialize)]
struct Errors {
    compromise: Option<f64>,
    median: Option<f64>,
}

#[derive(Serialize)]
struct MaeOut {
    compromise: Option<f64>,
    median: Option<f64>,
    issues: usize,
}

fn json(model: &Model, min: Basis, checked: &[Checked], mae: &Mae) -> String {
    let doc = Doc {
        model: &model.title,
        min_basis: min.word(),
        issues: checked
            .iter()
            .map(|c| {
                let issue = &model.issues[c.issue];
                let (min, max) = issue.range();
                IssueOut {
                    id: &issue.id,
                    title: &issue.title,
                    scale: ScaleOut { min, max },
                    positions: c.forecast.positions,
                    compromise: c.forecast.compromise,
                    median: c.forecast.median,
                    outcome: c.outcome,
                    error: Errors {
                        compromise: c.error_compromise,
                        median: c.error_median,
                    },
                }
            })
            .collect(),
        mae: (mae.issues > 0).then_some(MaeOut {
            compromise: mae.compromise,
            median: mae.median,
            issues: mae.issues,
        }),
    };
    super::json::to_json(&doc)
}
