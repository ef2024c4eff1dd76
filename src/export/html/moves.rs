//! "How it may move": per issue drawn in full, an SVG line chart of the two
//! actors' positions and the weighted mean over the simulated rounds; the
//! other issues in a compact table, round 0 → the last.

use std::fmt::Write;

use super::map::{f, ticks};
use super::*;
use crate::export::moves::{Moves, Ran};

const W: f64 = 760.0;
/// The plot's edges: room on the left for the scale's words.
const XL: f64 = 118.0;
const XR: f64 = 736.0;
const PT: f64 = 34.0;
const PB: f64 = 186.0;
const H: f64 = 226.0;

/// How a line is drawn: colour, dashes, marker.
#[derive(Clone, Copy)]
enum Series {
    Left,
    Right,
    Mean,
}

impl Series {
    fn stroke(self) -> &'static str {
        match self {
            Series::Left => "stroke=\"#1d5fbf\" stroke-width=\"2.5\"",
            Series::Right => "stroke=\"#c2410c\" stroke-width=\"2.5\" stroke-dasharray=\"7 4\"",
            Series::Mean => "stroke=\"#8250df\" stroke-width=\"2\" stroke-dasharray=\"2 3\"",
        }
    }

    /// A circle, a square, a diamond: told apart without colour.
    fn marker(self, x: f64, y: f64) -> String {
        match self {
            Series::Left => format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"#1d5fbf\"/>",
                f(x),
                f(y)
            ),
            Series::Right => format!(
                "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#c2410c\"/>",
                f(x - 3.5),
                f(y - 3.5)
            ),
            Series::Mean => format!(
                "<path d=\"M{} {}l4.5 4.5-4.5 4.5-4.5-4.5z\" fill=\"#8250df\"/>",
                f(x),
                f(y - 4.5)
            ),
        }
    }
}

/// The section: why nothing is drawn, or the charts drawn (the second of
/// each shown issue's drawings, `None` for an issue not drawn in full) and
/// a table of the rest.
pub(super) fn section(
    o: &mut String,
    report: &Report<'_, '_>,
    moves: &Moves,
    drawn: &[Option<(String, String)>],
) {
    let c = report.comparison;
    let m = c.model;
    o.push_str("<h2 id=\"moves\">How it may move</h2>\n");
    let ran = match moves {
        Moves::Not(why) => {
            let _ = writeln!(o, "<p>{}</p>", esc(why));
            return;
        }
        Moves::Ran(ran) => ran,
    };
    let _ = writeln!(
        o,
        "<p class=\"why\">{} Each chart follows <b class=\"left\">{}</b> and <b class=\"right\">{}</b> \
         (an actor without a position on the issue has no line) and the issue's weighted mean, \
         the compromise of each round.</p>",
        esc(&ran.headline()),
        esc(&m.actors[c.left].name),
        esc(&m.actors[c.right].name)
    );
    for (_, chart) in drawn.iter().flatten() {
        o.push_str(chart);
    }
    let rest: Vec<(usize, usize)> = report
        .view
        .rows
        .iter()
        .zip(drawn)
        .enumerate()
        .filter(|(_, (_, d))| d.is_none())
        .filter_map(|(n, (&row, _))| Some((n, c.rows.get(row)?.issue)))
        .collect();
    if !rest.is_empty() {
        rest_table(o, c, ran, &rest);
    }
}

/// Every issue without a chart: where each actor and the mean start and end.
fn rest_table(o: &mut String, c: &Comparison<'_>, ran: &Ran, rest: &[(usize, usize)]) {
    let m = c.model;
    let last = ran.rounds();
    let _ = writeln!(
        o,
        "<h3>The other issues, round 0 → {last}</h3>\n<table class=\"compact\">\n<thead><tr><th>#</th>\
         <th>Issue</th><th class=\"left\">{}</th><th class=\"right\">{}</th><th>Weighted mean</th>\
         </tr></thead>\n<tbody>",
        esc(&m.actors[c.left].name),
        esc(&m.actors[c.right].name)
    );
    for &(n, k) in rest {
        let issue = &m.issues[k];
        let [l, r, mean] = ran.path(c, k).ends(issue);
        let cell = |s: Option<String>| s.unwrap_or_else(|| "–".into());
        let _ = writeln!(
            o,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            n + 1,
            esc(issue.label()),
            esc(&cell(l)),
            esc(&cell(r)),
            esc(&cell(mean))
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

/// The chart of the `n`th shown issue, model index `k`.
pub(super) fn chart(c: &Comparison<'_>, ran: &Ran, n: usize, k: usize) -> String {
    let m = c.model;
    let issue = &m.issues[k];
    let path = ran.path(c, k);
    let rounds = ran.rounds();
    let (min, max) = issue.range();
    let x = |r: usize| XL + r as f64 / rounds as f64 * (XR - XL);
    let y = |v: f64| {
        if max > min {
            PB - (v - min) / (max - min) * (PB - PT)
        } else {
            (PT + PB) / 2.0
        }
    };
    let (left, right) = (&m.actors[c.left].name, &m.actors[c.right].name);
    let mut o = String::with_capacity(8 * 1024);
    let _ = writeln!(
        o,
        "<figure id=\"move-{}\">\n<figcaption>{}. {} <small>{}</small></figcaption>",
        esc(&issue.id),
        n + 1,
        esc(issue.label()),
        crate::present::distinct_title(issue)
            .map(esc)
            .unwrap_or_default()
    );
    if path.left.is_none() && path.right.is_none() && path.mean.iter().all(Option::is_none) {
        let _ = writeln!(
            o,
            "<p class=\"values\">Nothing to draw: neither {} nor {} has a counted position, and \
             no counted position has weight.</p>\n</figure>",
            esc(left),
            esc(right)
        );
        return o;
    }
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" \
         font-family=\"system-ui, DejaVu Sans, sans-serif\" font-size=\"12\">\n<title>{}: the \
         positions of {} and {} and the weighted mean, rounds 0 to {rounds}</title>",
        esc(issue.label()),
        esc(left),
        esc(right)
    );
    // The scale, bottom to top, with a rule across at each tick.
    for (v, label) in ticks(issue) {
        let _ = writeln!(
            o,
            "<line x1=\"{XL}\" x2=\"{XR}\" y1=\"{ty}\" y2=\"{ty}\" stroke=\"#d0d7de\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#57606a\">{}</text>",
            f(XL - 6.0),
            f(y(v) + 4.0),
            esc(&label),
            ty = f(y(v))
        );
    }
    // The rounds.
    let _ = writeln!(
        o,
        "<line x1=\"{XL}\" x2=\"{XR}\" y1=\"{PB}\" y2=\"{PB}\" stroke=\"#57606a\" stroke-width=\"1.5\"/>"
    );
    let step = rounds.div_ceil(10).max(1);
    for r in (0..=rounds).filter(|r| r % step == 0 || *r == rounds) {
        let _ = writeln!(
            o,
            "<line x1=\"{rx}\" x2=\"{rx}\" y1=\"{PB}\" y2=\"{}\" stroke=\"#57606a\"/>\
             <text x=\"{rx}\" y=\"{}\" text-anchor=\"middle\" fill=\"#57606a\">{r}</text>",
            f(PB + 4.0),
            f(PB + 17.0),
            rx = f(x(r))
        );
    }
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#57606a\">round</text>",
        f((XL + XR) / 2.0),
        f(H - 4.0)
    );
    // The legend, above the plot.
    let series = [
        (Series::Left, left.as_str(), path.left.as_deref().map(some)),
        (
            Series::Right,
            right.as_str(),
            path.right.as_deref().map(some),
        ),
        (Series::Mean, "weighted mean", Some(path.mean.clone())),
    ];
    for (i, (s, name, _)) in series.iter().enumerate() {
        let lx = XL + 210.0 * i as f64;
        let _ = writeln!(
            o,
            "<line x1=\"{}\" x2=\"{}\" y1=\"12\" y2=\"12\" {}/>{}<text x=\"{}\" y=\"16\" fill=\"#1f2328\">{}</text>",
            f(lx),
            f(lx + 26.0),
            s.stroke(),
            s.marker(lx + 13.0, 12.0),
            f(lx + 32.0),
            esc(&crate::text::truncate(name, 28))
        );
    }
    // The lines, then a marker at each round with its value.
    for (s, name, values) in &series {
        let Some(values) = values else { continue };
        let mut d = String::new();
        let mut pen = false;
        for (r, v) in values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(d, "{}{} {}", if pen { "L" } else { "M" }, f(x(r)), f(y(*v)));
                    pen = true;
                }
                None => pen = false,
            }
        }
        if !d.is_empty() {
            let _ = writeln!(o, "<path d=\"{d}\" fill=\"none\" {}/>", s.stroke());
        }
        for (r, v) in values.iter().enumerate() {
            let Some(v) = v else { continue };
            let _ = writeln!(
                o,
                "<g><title>{}, round {r}: {}</title>{}</g>",
                esc(name),
                esc(&issue.describe(*v)),
                s.marker(x(r), y(*v))
            );
        }
    }
    o.push_str("</svg>\n");
    // The same in words: where each line starts and ends.
    let [l, r, mean] = path.ends(issue);
    let mut words = Vec::new();
    let mut missing = Vec::new();
    for (name, ends) in [(left, l), (right, r)] {
        match ends {
            Some(ends) => words.push(format!("{name}: {ends}")),
            None => missing.push(name.as_str()),
        }
    }
    words.push(mean.map_or_else(
        || "no weighted mean: no counted position has weight".into(),
        |ends| format!("weighted mean: {ends}"),
    ));
    if !missing.is_empty() {
        words.push(format!("no counted position: {}", missing.join(", ")));
    }
    let _ = writeln!(
        o,
        "<p class=\"values\">Round 0 → {rounds}: {}</p>\n</figure>",
        esc(&words.join(" · "))
    );
    o
}

fn some(xs: &[f64]) -> Vec<Option<f64>> {
    xs.iter().copied().map(Some).collect()
}
