//! `detente sensitivity`: who can move each issue's forecasts, and the
//! smallest change that would turn each crux of a pair into agreement, as
//! text, Markdown, CSV or JSON (docs/cli.md, "detente sensitivity"). Pure:
//! the computed sensitivities in, a string out.

use std::fmt::Write;

use super::forecast::TableFormat;
use crate::analysis::sensitivity::{
    CruxFix, Field, Fix, IssueSensitivity, Moved, Pivot, Steps, shift,
};
use crate::model::{Basis, Issue, Model, Stance, format_number};
use crate::text::{pad, width, wrap};

mod data;

/// Everything a sensitivity report shows.
pub struct SensReport<'a> {
    pub model: &'a Model,
    pub min: Basis,
    pub steps: Steps,
    /// The issues asked for, in model order.
    pub issues: &'a [IssueSensitivity],
    /// The rounds each simulation ran, with `--simulate`.
    pub rounds: Option<usize>,
    /// With `--left`/`--right`: the pair and its cruxes' fixes.
    pub cruxes: Option<Cruxes<'a>>,
}

/// A pair's cruxes and the single changes that resolve them.
pub struct Cruxes<'a> {
    pub left: usize,
    pub right: usize,
    pub fixes: &'a [CruxFix],
}

pub fn render(r: &SensReport<'_>, format: TableFormat) -> String {
    match format {
        TableFormat::Text => text(r),
        TableFormat::Markdown => markdown(r),
        TableFormat::Csv => data::csv(r),
        TableFormat::Json => data::json(r),
    }
}

/// A value on `issue`'s scale: `90`, `+1` on a stance issue.
fn value(issue: &Issue, field: Field, x: f64) -> String {
    match field {
        Field::Position if !issue.is_numeric() => Stance::nearest(x).signed(),
        Field::Position => issue.number(x),
        Field::Salience | Field::Power => format_number(x),
    }
}

/// "position 90→80"
fn change(issue: &Issue, m: &Moved) -> String {
    format!(
        "{} {}→{}",
        m.field.word(),
        value(issue, m.field, m.from),
        value(issue, m.field, m.to)
    )
}

/// A signed shift in % of the scale, one decimal: `+6.7`, `-10.0`, `0.0`.
fn signed(x: f64) -> String {
    let s = format!("{x:+.1}");
    if s == "+0.0" || s == "-0.0" {
        "0.0".to_string()
    } else {
        s
    }
}

/// Which forecast a column shows.
#[derive(Clone, Copy)]
enum Figure {
    Compromise,
    Median,
    Simulated,
}

impl Figure {
    fn of_move(self, m: &Moved) -> Option<f64> {
        match self {
            Figure::Compromise => m.forecast.compromise,
            Figure::Median => m.forecast.median,
            Figure::Simulated => m.simulated,
        }
    }

    fn of_issue(self, s: &IssueSensitivity) -> Option<f64> {
        match self {
            Figure::Compromise => s.base.compromise,
            Figure::Median => s.base.median,
            Figure::Simulated => s.simulated,
        }
    }
}

/// The figures shown: the two forecasts, and the simulated end point when
/// it was simulated.
fn figures(r: &SensReport<'_>) -> Vec<Figure> {
    let mut f = vec![Figure::Compromise, Figure::Median];
    if r.rounds.is_some() {
        f.push(Figure::Simulated);
    }
    f
}

/// An actor's largest shift of `figure` and the change that makes it
/// (the first of equal ones, equal within 1e-9 so that the rounding of
/// +6.667 and −6.667 does not choose): "-6.7 (position 90→80)", or "0.0".
fn largest(issue: &Issue, s: &IssueSensitivity, p: &Pivot, figure: Figure) -> String {
    let best = p
        .moves
        .iter()
        .filter_map(|m| Some((shift(issue, figure.of_issue(s), figure.of_move(m))?, m)))
        .fold(None::<(f64, &Moved)>, |best, (x, m)| match best {
            Some((b, _)) if b.abs() >= x.abs() - 1e-9 => best,
            _ => Some((x, m)),
        });
    match best {
        Some((x, m)) if signed(x) != "0.0" => format!("{} ({})", signed(x), change(issue, m)),
        Some(_) => "0.0".to_string(),
        None => "–".to_string(),
    }
}

fn opt(issue: &Issue, x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| issue.describe(x))
}

/// "Amount (0..100): compromise 70, median 90, simulated end 74.2"
fn issue_line(r: &SensReport<'_>, s: &IssueSensitivity) -> String {
    let issue = &r.model.issues[s.issue];
    let (lo, hi) = issue.range();
    let scale = if issue.is_numeric() {
        format!("{}..{}", format_number(lo), format_number(hi))
    } else {
        "stance".to_string()
    };
    let mut line = format!(
        "{}. {} ({scale}): compromise {}, median {}",
        s.issue + 1,
        issue.label(),
        opt(issue, s.base.compromise),
        opt(issue, s.base.median)
    );
    if r.rounds.is_some() {
        let _ = write!(line, ", simulated end {}", opt(issue, s.simulated));
    }
    line
}

/// What the steps are and how to read the shifts, for the head of a report.
fn reading(r: &SensReport<'_>) -> Vec<String> {
    let mut v = vec![format!(
        "Each actor's position, salience and power on an issue moved one step down and one up: \
         the position by a tenth of the scale (a stance by one word), the salience by 0.1, the \
         power by {} (a tenth of the largest power). Counting {} (minimum basis: {}).",
        format_number(r.steps.power),
        r.min.counting(),
        r.min
    )];
    let mut how = "For each actor, the largest shift of each forecast over its changes, in % of \
                   the issue's scale, and the change that makes it; the actors that move a \
                   forecast most first."
        .to_string();
    if let Some(rounds) = r.rounds {
        let _ = write!(
            how,
            " The simulated end is the issue's weighted mean where the exchange model's run \
             ends (at most {rounds} rounds)."
        );
    }
    v.push(how);
    v
}

fn text(r: &SensReport<'_>) -> String {
    let m = r.model;
    let mut out = String::new();
    let _ = writeln!(out, "Sensitivity: {}", m.title);
    for para in reading(r) {
        for line in wrap(&para, 100) {
            let _ = writeln!(out, "{line}");
        }
    }
    let figures = figures(r);
    for s in r.issues {
        let issue = &m.issues[s.issue];
        let _ = writeln!(out, "\n{}", issue_line(r, s));
        if s.actors.is_empty() {
            let _ = writeln!(out, "  No actor holds a counted position on it.");
            continue;
        }
        let mut head = vec!["#", "actor", "compromise", "median"];
        if r.rounds.is_some() {
            head.push("simulated end");
        }
        let rows: Vec<Vec<String>> = s
            .actors
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let mut row = vec![(k + 1).to_string(), m.actors[p.actor].name.clone()];
                row.extend(figures.iter().map(|&f| largest(issue, s, p, f)));
                row
            })
            .collect();
        let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let line = |cells: Vec<&str>| {
            let mut line = "  ".to_string();
            for (k, (cell, w)) in cells.iter().zip(&widths).enumerate() {
                if k == 0 {
                    line.push_str(&" ".repeat(w - width(cell)));
                    line.push_str(cell);
                } else {
                    line.push_str(&pad(cell, *w));
                }
                line.push_str("  ");
            }
            line.trim_end().to_string()
        };
        let _ = writeln!(out, "{}", line(head.clone()));
        for row in &rows {
            let _ = writeln!(out, "{}", line(row.iter().map(String::as_str).collect()));
        }
    }
    if let Some(c) = &r.cruxes {
        let _ = writeln!(out, "\n{}", crux_head(m, c));
        for (k, f) in c.fixes.iter().enumerate() {
            let number = format!("{}. ", k + 1);
            let indent = " ".repeat(2 + number.len());
            for (n, line) in wrap(&crux_line(m, c, f), 100 - indent.len())
                .iter()
                .enumerate()
            {
                let lead = if n == 0 {
                    format!("  {number}")
                } else {
                    indent.clone()
                };
                let _ = writeln!(out, "{lead}{line}");
            }
        }
    }
    out
}

fn crux_head(m: &Model, c: &Cruxes<'_>) -> String {
    let (l, r) = (&m.actors[c.left].name, &m.actors[c.right].name);
    if c.fixes.is_empty() {
        format!("{l} and {r} have no crux among these issues (no issue in conflict).")
    } else {
        format!(
            "Cruxes of {l} and {r}, and the smallest single change that would turn each into agreement:"
        )
    }
}

/// How far a fix moves, in words: "2 stance words", "50 % of the scale".
fn size(issue: &Issue, fix: &Fix) -> String {
    if issue.is_numeric() {
        format!("{} % of the scale", format_number(fix.size))
    } else {
        let words = (fix.to - fix.from).abs();
        format!("{words} stance word{}", if words == 1.0 { "" } else { "s" })
    }
}

/// "N: Right from 80 to 30 (50 % of the scale), or Left from 20 to 70"
fn crux_line(m: &Model, c: &Cruxes<'_>, f: &CruxFix) -> String {
    let issue = &m.issues[f.issue];
    let red = if f.red_line { " (red line)" } else { "" };
    let fix = |x: &Fix| {
        format!(
            "{} from {} to {} ({})",
            m.actors[x.actor].name,
            issue.describe(x.from),
            issue.describe(x.to),
            size(issue, x)
        )
    };
    let said = match f.fixes.as_slice() {
        [] => "none within one change: both hold it as a red line".to_string(),
        [one] => {
            let other = if one.actor == c.left { c.right } else { c.left };
            format!(
                "{}; {} holds it as a red line",
                fix(one),
                m.actors[other].name
            )
        }
        [a, b, ..] if a.size == b.size => {
            format!("{}, or {}", fix(a), fix(b))
        }
        [a, ..] => fix(a),
    };
    format!("{}{red}: {said}", issue.label())
}

fn markdown(r: &SensReport<'_>) -> String {
    let esc = super::markdown::esc;
    let m = r.model;
    let mut out = String::new();
    let _ = writeln!(out, "# Sensitivity: {}\n", esc(&m.title));
    for para in reading(r) {
        let _ = writeln!(out, "{}\n", esc(&para));
    }
    let figures = figures(r);
    for s in r.issues {
        let issue = &m.issues[s.issue];
        let _ = writeln!(out, "## {}\n", esc(&issue_line(r, s)));
        if s.actors.is_empty() {
            let _ = writeln!(out, "No actor holds a counted position on it.\n");
            continue;
        }
        let sim = if r.rounds.is_some() {
            (" Simulated end |", "---|")
        } else {
            ("", "")
        };
        let _ = writeln!(
            out,
            "| # | Actor | Compromise | Median |{}\n|---:|---|---|---|{}",
            sim.0, sim.1
        );
        for (k, p) in s.actors.iter().enumerate() {
            let cells: Vec<String> = figures
                .iter()
                .map(|&f| esc(&largest(issue, s, p, f)))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                k + 1,
                esc(&m.actors[p.actor].name),
                cells.join(" | ")
            );
        }
        let _ = writeln!(out);
    }
    if let Some(c) = &r.cruxes {
        let _ = writeln!(out, "## Cruxes\n\n{}\n", esc(&crux_head(m, c)));
        for (k, f) in c.fixes.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", k + 1, esc(&crux_line(m, c, f)));
        }
    }
    out
}
