//! The position maps: one SVG strip per issue, every actor on its lane.

use std::fmt::Write;

use super::*;
use crate::diff::Change;
use crate::export::Since;

const W: f64 = 760.0;
const X0: f64 = 24.0;
const X1: f64 = 736.0;
const LANE: f64 = 17.0;
/// Above this many placed actors, one strip of dots with only the pair named.
const MAX_LANES: usize = 24;
/// A dot's radius for the heaviest position in the model, on a lane and on
/// the crowded strip, and the least radius any dot is drawn with (so a
/// weight of 0, drawn dashed, stays visible).
const R_LANE: f64 = 6.5;
const R_STRIP: f64 = 3.5;
const R_MIN: f64 = 2.5;

/// A position's weight in the forecasts: power × salience.
fn weight(a: &Actor, p: &Position) -> f64 {
    a.power_on(p) * p.salience
}

/// The heaviest counted position in the model, on any issue: dot areas
/// are proportional to weight against it, so they compare across maps.
pub(super) fn max_weight(c: &Comparison<'_>) -> f64 {
    c.model
        .actors
        .iter()
        .flat_map(|a| {
            a.positions()
                .iter()
                .filter(|p| p.basis >= c.min_basis)
                .map(move |p| weight(a, p))
        })
        .fold(0.0, f64::max)
}

/// A dot's radius: area proportional to `w` (radius to its square root),
/// `full` for the heaviest, never under [`R_MIN`].
fn radius(w: f64, heaviest: f64, full: f64) -> f64 {
    if heaviest > 0.0 && w > 0.0 {
        (full * (w / heaviest).sqrt()).max(R_MIN)
    } else {
        R_MIN
    }
}

/// A marker on the scale: a forecast, the status quo or the outcome.
#[derive(Clone, Copy)]
enum Mark {
    Compromise,
    Median,
    StatusQuo,
    Outcome,
}

impl Mark {
    fn word(self) -> &'static str {
        match self {
            Mark::Compromise => "compromise",
            Mark::Median => "weighted median",
            Mark::StatusQuo => "status quo",
            Mark::Outcome => "outcome",
        }
    }

    /// The marker's shape at (x, y), and the style of its vertical line.
    fn shape(self, x: f64, y: f64) -> String {
        match self {
            Mark::Compromise => format!(
                "<path d=\"M{} {}l6 6-6 6-6-6z\" fill=\"#8250df\"/>",
                f(x),
                f(y - 6.0)
            ),
            Mark::Median => format!(
                "<path d=\"M{} {}l6 10h-12z\" fill=\"#0a7e8c\"/>",
                f(x),
                f(y - 5.0)
            ),
            Mark::StatusQuo => format!(
                "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#fff\" stroke=\"#57606a\" stroke-width=\"2\"/>",
                f(x - 5.0),
                f(y - 5.0)
            ),
            Mark::Outcome => format!(
                "<path d=\"M{} {}l2.4 4.9 5.4.8-3.9 3.8.9 5.4-4.8-2.5-4.8 2.5.9-5.4-3.9-3.8 5.4-.8z\" fill=\"#1f2328\"/>",
                f(x),
                f(y - 7.0)
            ),
        }
    }

    fn line(self) -> &'static str {
        match self {
            Mark::Compromise => "stroke=\"#8250df\" stroke-dasharray=\"4 3\"",
            Mark::Median => "stroke=\"#0a7e8c\" stroke-dasharray=\"1 3\"",
            Mark::StatusQuo => "stroke=\"#57606a\" stroke-dasharray=\"6 3\"",
            Mark::Outcome => "stroke=\"#1f2328\"",
        }
    }
}

/// A move on a map: the old position at `from` as a hollow dotted ring of
/// the new dot's radius `r`, and an arrow from its edge to 1.5 short of the
/// new dot's edge at `to`, on the lane at `y`.
fn moved_mark(from: f64, to: f64, y: f64, r: f64, colour: &str) -> String {
    let dir = if to >= from { 1.0 } else { -1.0 };
    let (x1, tip) = (from + dir * r, to - dir * (r + 1.5));
    let ring = format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{colour}\" \
         stroke-width=\"1.5\" stroke-dasharray=\"1.5 2\"/>",
        f(from),
        f(y),
        f(r)
    );
    if (tip - x1) * dir < 6.0 {
        // Too close for an arrow: the ring says it moved.
        return ring;
    }
    format!(
        "{ring}<line x1=\"{}\" x2=\"{}\" y1=\"{y1}\" y2=\"{y1}\" stroke=\"{colour}\" \
         stroke-width=\"1.5\"/><path d=\"M{} {y1}l{} -3.5v7z\" fill=\"{colour}\"/>",
        f(x1),
        f(tip - dir * 5.0),
        f(tip),
        f(-dir * 6.0),
        y1 = f(y)
    )
}

/// Whether a dot at `px` has its name on its right: on the half of the map
/// with more room, but for a position that moved from `was` on its lane,
/// away from the arrow, where a name of `chars` characters (about 7 units
/// each) fits.
fn label_side(px: f64, was: Option<f64>, chars: usize) -> bool {
    let roomy = px < (X0 + X1) / 2.0;
    let Some(was) = was else { return roomy };
    let room = 9.0 + 7.0 * chars as f64;
    let away = was < px;
    let fits = if away {
        px + room <= W
    } else {
        px - room >= 0.0
    };
    if fits { away } else { roomy }
}

/// A coordinate with at most one decimal.
pub(super) fn f(x: f64) -> String {
    format_number((x * 10.0).round() / 10.0)
}

fn legend(o: &mut String, powered: bool, since: Option<&Since>) {
    o.push_str("<p class=\"legend\">");
    let dot = |fill: &str, stroke: &str| {
        format!(
            "<svg width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">\
             <circle cx=\"7\" cy=\"7\" r=\"5\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/></svg>"
        )
    };
    let _ = write!(
        o,
        "{} left actor · {} right actor · {} other actors · {} reported or inferred (hollow) · ",
        dot("#1d5fbf", "#1d5fbf"),
        dot("#c2410c", "#c2410c"),
        dot("#8c959f", "#8c959f"),
        dot("#fff", "#8c959f")
    );
    for mark in [
        Mark::Compromise,
        Mark::Median,
        Mark::StatusQuo,
        Mark::Outcome,
    ] {
        let _ = write!(
            o,
            "<svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">{}</svg> {} · ",
            mark.shape(8.0, 8.0),
            mark.word()
        );
    }
    o.push_str("<b>!</b> red line<br>");
    let ring = |r: f64, dash: bool| {
        format!(
            "<svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">\
             <circle cx=\"8\" cy=\"8\" r=\"{}\" fill=\"#fff\" stroke=\"#8c959f\" stroke-width=\"{}\"{}/></svg>",
            f(r),
            if dash { "1.5" } else { "2" },
            if dash {
                " stroke-dasharray=\"2 2\""
            } else {
                ""
            }
        )
    };
    let weight = if powered {
        "power × salience (its weight in the forecasts)"
    } else {
        "salience (its weight in the forecasts; the model gives no power)"
    };
    let _ = write!(
        o,
        "{} {} dot area ∝ {weight}, against the heaviest position in the model · {} weight 0 \
         (dashed, at the smallest size): counts in no forecast",
        ring(R_MIN + 1.0, false),
        ring(R_LANE, false),
        ring(R_MIN + 1.0, true)
    );
    if let Some(since) = since {
        let _ = write!(
            o,
            "<br><svg width=\"40\" height=\"14\" viewBox=\"0 0 40 14\" aria-hidden=\"true\">{}\
             <circle cx=\"33\" cy=\"7\" r=\"5\" fill=\"#8c959f\"/></svg> moved since {}: the old \
             position (hollow, dotted) and an arrow to the new one · <b>new</b> a position that {} \
             did not have",
            moved_mark(7.0, 33.0, 7.0, 5.0, "#8c959f"),
            esc(&since.name),
            esc(&since.name)
        );
    }
    o.push_str("</p>\n");
}

/// The section: the legend, the maps drawn (the first of each shown
/// issue's drawings, `None` for an issue not drawn in full), and a table
/// of the rest.
pub(super) fn maps(
    o: &mut String,
    report: &Report<'_, '_>,
    drawn: &[Option<(String, String)>],
    since: Option<&Since>,
) {
    let c = report.comparison;
    o.push_str("<h2 id=\"maps\">Positions, issue by issue</h2>\n");
    if let Some(why) = crate::export::full::left_out(drawn, "have a map and a chart") {
        let _ = writeln!(o, "<p class=\"why\">{}</p>", esc(&why));
    }
    legend(o, gives_power(c.model), since);
    for (map, _) in drawn.iter().flatten() {
        o.push_str(map);
    }
    let rest: Vec<(usize, &Row<'_>)> = report
        .view
        .rows
        .iter()
        .zip(drawn)
        .enumerate()
        .filter(|(_, (_, d))| d.is_none())
        .filter_map(|(n, (&row, _))| Some((n, c.rows.get(row)?)))
        .collect();
    if rest.is_empty() {
        return;
    }
    o.push_str(
        "<h3>The other issues</h3>\n<table class=\"compact\">\n<thead><tr><th>#</th><th>Issue</th>\
         <th>Counted positions</th><th>Compromise</th><th>Weighted median</th></tr></thead>\n<tbody>\n",
    );
    for (n, row) in rest {
        let issue = &c.model.issues[row.issue];
        let fc = forecast(c.model, row.issue, c.min_basis);
        let at = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| issue.describe(v));
        let _ = writeln!(
            o,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            n + 1,
            esc(issue.label()),
            fc.positions,
            esc(&at(fc.compromise)),
            esc(&at(fc.median))
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

/// The values marked on an issue's scale, with their words: every stance,
/// or five even steps of a numeric scale.
pub(super) fn ticks(issue: &Issue) -> Vec<(f64, String)> {
    let (min, max) = issue.range();
    match &issue.scale {
        None => crate::model::Stance::ALL
            .iter()
            .map(|s| (f64::from(s.value()), format!("{} {}", s.signed(), s.word())))
            .collect(),
        Some(_) => (0..=4)
            .map(|k| {
                let v = min + (max - min) * f64::from(k) / 4.0;
                (v, format_number(v))
            })
            .collect(),
    }
}

/// One issue's map: every actor with a counted position on its own lane
/// (or, for many actors, on one strip), the pair highlighted, and the
/// forecasts, status quo and outcome marked.
pub(super) fn map(
    c: &Comparison<'_>,
    n: usize,
    row: &Row<'_>,
    heaviest: f64,
    powered: bool,
    since: Option<&Since>,
) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let o = &mut out;
    let m = c.model;
    let issue = &m.issues[row.issue];
    let (min, max) = issue.range();
    let x = |v: f64| X0 + (v - min) / (max - min) * (X1 - X0);
    let mut placed: Vec<(usize, &Position)> = m
        .actors
        .iter()
        .enumerate()
        .filter_map(|(a, actor)| Some((a, actor.position_at(row.issue, c.min_basis)?)))
        .collect();
    placed.sort_by(|a, b| a.1.value.total_cmp(&b.1.value));
    let lanes = placed.len() <= MAX_LANES;
    let top = 26.0;
    let body = if lanes {
        placed.len().max(1) as f64 * LANE
    } else {
        60.0
    };
    let axis = top + body + 8.0;
    let labels_y = axis + 18.0;
    let scale_labels = issue.scale.as_ref().is_some_and(|s| !s.labels.is_empty());
    let h = labels_y + if scale_labels { 20.0 } else { 6.0 };
    let _ = writeln!(
        o,
        "<figure id=\"map-{}\">\n<figcaption>{}. {} <small>{}</small></figcaption>",
        esc(&issue.id),
        n + 1,
        esc(issue.label()),
        crate::present::distinct_title(issue)
            .map(esc)
            .unwrap_or_default()
    );
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {}\" role=\"img\" \
         font-family=\"system-ui, DejaVu Sans, sans-serif\" font-size=\"12\">\n<title>{}: every \
         actor's position from {} to {}</title>",
        f(h),
        esc(issue.label()),
        esc(&issue.describe(min)),
        esc(&issue.describe(max))
    );
    // The axis and its ticks.
    let _ = writeln!(
        o,
        "<line x1=\"{X0}\" x2=\"{X1}\" y1=\"{a}\" y2=\"{a}\" stroke=\"#57606a\" stroke-width=\"1.5\"/>",
        a = f(axis)
    );
    let ticks = ticks(issue);
    for (k, (v, label)) in ticks.iter().enumerate() {
        let anchor = match k {
            0 => "start",
            k if k + 1 == ticks.len() => "end",
            _ => "middle",
        };
        let _ = writeln!(
            o,
            "<line x1=\"{tx}\" x2=\"{tx}\" y1=\"{}\" y2=\"{}\" stroke=\"#57606a\"/>\
             <text x=\"{tx}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#57606a\">{}</text>",
            f(axis - 4.0),
            f(axis + 4.0),
            f(labels_y - 2.0),
            esc(label),
            tx = f(x(*v))
        );
    }
    if let Some(scale) = &issue.scale {
        for l in &scale.labels {
            let lx = x(l.at);
            let anchor = if lx < X0 + 80.0 {
                "start"
            } else if lx > X1 - 80.0 {
                "end"
            } else {
                "middle"
            };
            let _ = writeln!(
                o,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#57606a\" font-style=\"italic\">{}</text>",
                f(lx),
                f(labels_y + 15.0),
                esc(&crate::text::truncate(&l.label, 40))
            );
        }
    }
    // Markers: a line through the lanes, the shape above them (forecasts) or
    // on the axis (status quo, outcome).
    let fc = forecast(m, row.issue, c.min_basis);
    let marks = [
        (Mark::Compromise, fc.compromise),
        (Mark::Median, fc.median),
        (
            Mark::StatusQuo,
            issue.scale.as_ref().and_then(|s| s.status_quo),
        ),
        (Mark::Outcome, issue.outcome),
    ];
    for (mark, value) in marks {
        let Some(v) = value else { continue };
        let mx = x(v);
        let y = match mark {
            Mark::Compromise | Mark::Median => 12.0,
            Mark::StatusQuo | Mark::Outcome => axis,
        };
        let _ = writeln!(
            o,
            "<g><title>{}: {}</title><line x1=\"{mx}\" x2=\"{mx}\" y1=\"18\" y2=\"{}\" {} stroke-width=\"1.5\"/>{}</g>",
            mark.word(),
            esc(&issue.describe(v)),
            f(axis),
            mark.line(),
            mark.shape(mx, y),
            mx = f(mx)
        );
    }
    // The actors.
    let mut strip_heights: Vec<u8> = vec![0; 200];
    for (k, (a, p)) in placed.iter().enumerate() {
        let actor = &m.actors[*a];
        let (fill, font_weight) = if *a == c.left {
            ("#1d5fbf", "700")
        } else if *a == c.right {
            ("#c2410c", "700")
        } else {
            ("#8c959f", "400")
        };
        let px = x(p.value);
        let py = if lanes {
            top + LANE * k as f64 + LANE / 2.0
        } else {
            let bin = (((px - X0) / (X1 - X0)) * 199.0).clamp(0.0, 199.0) as usize;
            let stack = strip_heights[bin];
            strip_heights[bin] = stack.saturating_add(1);
            top + body - 5.0 - 6.0 * f64::from(stack.min(9))
        };
        let hollow = p.basis != Basis::Stated;
        let w = weight(actor, p);
        let r = radius(w, heaviest, if lanes { R_LANE } else { R_STRIP });
        let dashed = if w > 0.0 {
            ""
        } else {
            " stroke-dasharray=\"2 2\""
        };
        let mut tip = position_label(issue, Some(p));
        if powered {
            let _ = write!(
                tip,
                " · {}, {} · weight {}",
                salience_label(p),
                power_label(actor, p),
                format_number(w)
            );
        } else {
            let _ = write!(tip, " · {}", salience_label(p));
        }
        let change = since.and_then(|s| s.diff.position(*a, row.issue));
        let new = change.is_some_and(|d| d.change == Change::New);
        let was = since.and_then(|s| s.diff.moved_from(*a, row.issue));
        if let Some(was) = was {
            let _ = write!(
                tip,
                " · since {}: from {}",
                since.map_or("", |s| s.name.as_str()),
                issue.describe(was)
            );
            o.push_str(&moved_mark(x(was), px, py, r, fill));
            o.push('\n');
        } else if new {
            let _ = write!(
                tip,
                " · new since {}",
                since.map_or("", |s| s.name.as_str())
            );
        }
        let name = format!(
            "{}{}{}{}",
            actor.name,
            p.basis.mark(),
            if p.red_line { " !" } else { "" },
            if new { " (new)" } else { "" }
        );
        let _ = write!(
            o,
            "<g><title>{}: {}</title><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{fill}\" stroke-width=\"{}\"{dashed}/>",
            esc(&actor.name),
            esc(&tip),
            f(px),
            f(py),
            f(r),
            if hollow || w <= 0.0 { "#fff" } else { fill },
            if w > 0.0 { "2" } else { "1.5" }
        );
        let pair = *a == c.left || *a == c.right;
        if lanes || pair {
            let label = crate::text::truncate(&name, 60);
            let right_side = label_side(px, was.filter(|_| lanes), label.chars().count());
            let (tx, anchor) = if right_side {
                (px + 9.0, "start")
            } else {
                (px - 9.0, "end")
            };
            let ty = if lanes {
                py + 4.0
            } else {
                top - 12.0 + if *a == c.left { 0.0 } else { 14.0 }
            };
            let _ = write!(
                o,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{fill}\" font-weight=\"{font_weight}\"{}>{}</text>",
                f(tx),
                f(ty),
                if was.is_some() {
                    // Readable where the arrow still runs under it.
                    " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\""
                } else {
                    ""
                },
                esc(&label)
            );
        }
        o.push_str("</g>\n");
    }
    o.push_str("</svg>\n");
    // The same in words, so the map reads without colour or sight.
    let mut values: Vec<String> = marks
        .iter()
        .filter_map(|(mark, v)| Some(format!("{} {}", mark.word(), issue.describe((*v)?))))
        .collect();
    let unknown: Vec<&str> = m
        .actors
        .iter()
        .enumerate()
        .filter(|(a, actor)| {
            (*a == c.left || *a == c.right) && actor.position_at(row.issue, c.min_basis).is_none()
        })
        .map(|(_, actor)| actor.name.as_str())
        .collect();
    if !unknown.is_empty() {
        values.push(format!("no counted position: {}", unknown.join(", ")));
    }
    let weightless: Vec<&str> = placed
        .iter()
        .filter(|(a, p)| weight(&m.actors[*a], p) <= 0.0)
        .map(|(a, _)| m.actors[*a].name.as_str())
        .collect();
    if powered && !weightless.is_empty() && weightless.len() < placed.len() {
        values.push(format!("weight 0: {}", weightless.join(", ")));
    }
    if placed.is_empty() {
        values.insert(0, "nobody has a counted position".into());
    } else if fc.compromise.is_none() {
        // Counted positions whose power or salience is 0 (the Geneva
        // model's power 0 where an actor has no say) weigh nothing.
        values.insert(
            0,
            "no forecast: no counted position has weight (power × salience is 0)".into(),
        );
    }
    if !values.is_empty() {
        let _ = writeln!(o, "<p class=\"values\">{}</p>", esc(&values.join(" · ")));
    }
    o.push_str("</figure>\n");
    out
}
