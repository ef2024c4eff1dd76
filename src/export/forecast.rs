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
use crate::model::{Basis, Issue, Model, format_number};
use crate::text::{pad, truncate, width};

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

fn opt(issue: &Issue, x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| issue.describe(x))
}

/// A table cell: the number alone on a numeric issue (its labels are on
/// screen and in the other formats), the stance too on a stance issue.
fn cell(issue: &Issue, x: Option<f64>) -> String {
    match (x, issue.is_numeric()) {
        (Some(x), true) => issue.number(x),
        _ => opt(issue, x),
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

fn scale(issue: &Issue) -> String {
    let (min, max) = issue.range();
    if issue.is_numeric() {
        format!("{}..{}", format_number(min), format_number(max))
    } else {
        "stance".to_string()
    }
}

fn text(model: &Model, min: Basis, checked: &[Checked], mae: &Mae) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Forecasts: {}", model.title);
    let _ = writeln!(out, "{}", counting(min));
    let _ = writeln!(out);
    let head = [
        "issue",
        "scale",
        "n",
        "compromise",
        "median",
        "outcome",
        "err C",
        "err M",
    ];
    let widths = [22, 7, 3, 16, 16, 16, 5, 5];
    let row = |cells: [String; 8]| {
        let mut line = String::new();
        for (k, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let cell = truncate(cell, w);
            if k >= 6 {
                line.push_str(&" ".repeat(w - width(&cell)));
                line.push_str(&cell);
            } else {
                line.push_str(&pad(&cell, w));
            }
            line.push(' ');
        }
        line.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", row(head.map(String::from)));
    for c in checked {
        let issue = &model.issues[c.issue];
        let _ = writeln!(
            out,
            "{}",
            row([
                format!("{}. {}", c.issue + 1, issue.label()),
                scale(issue),
                c.forecast.positions.to_string(),
                cell(issue, c.forecast.compromise),
                cell(issue, c.forecast.median),
                cell(issue, c.outcome),
                error(c.error_compromise),
                error(c.error_median),
            ])
        );
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
            esc(&opt(issue, c.forecast.compromise)),
            esc(&opt(issue, c.forecast.median)),
            esc(&opt(issue, c.outcome)),
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
