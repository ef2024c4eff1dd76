//! The comparison as one self-contained HTML page (SPEC §3): inline CSS and
//! SVG, nothing fetched, no script, printable. The comparison table with
//! verdict glyphs and colours, the cruxes and trades, a position map per
//! issue, and the evidence.
//!
//! Written by hand, without a template engine: every piece of model text
//! goes through [`esc`], the one escaping function, and nothing else from
//! the model reaches the page (numbers go through `format_number`).

use std::fmt::Write;

use super::Report;
use crate::analysis::forecast::forecast;
use crate::analysis::pair::{cruxes, trades};
use crate::compare::{Comparison, Row, Verdict};
use crate::model::{Basis, Issue, Position, format_number};
use crate::present::{
    attribution, basis_line, counts_line, crux_line, percent, position_label, salience_label,
    source_line, trade_line, trade_saliences, verdict_label,
};

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            ch => out.push(ch),
        }
    }
    out
}

/// Text with its line breaks kept.
fn esc_br(s: &str) -> String {
    esc(s).replace('\n', "<br>")
}

const CSS: &str = r#"
:root { --left: #1d5fbf; --right: #c2410c; --agree: #1a7f37; --partial: #9a6700;
        --conflict: #cf222e; --unknown: #6e7781; --ink: #1f2328; --rule: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       color: var(--ink); margin: 0 auto; padding: 24px 28px 48px; max-width: 1080px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 2px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 4px; }
.model { color: #57606a; margin: 0 0 10px; }
.summary { margin: 0; padding: 0; list-style: none; }
.summary li { display: inline-block; margin-right: 18px; }
.left { color: var(--left); } .right { color: var(--right); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
td.n { text-align: right; color: #57606a; width: 2em; }
td.issue small { color: #57606a; display: block; }
td.issue small.desc { font-size: 12px; margin-top: 2px; }
td.verdict { white-space: nowrap; font-weight: 600; }
.glyph { display: inline-block; min-width: 2.2em; font-family: "DejaVu Sans Mono", monospace; }
.v-agree { color: var(--agree); } .v-partial { color: var(--partial); }
.v-conflict { color: var(--conflict); } .v-unknown { color: var(--unknown); }
tr.redline td.verdict { background: #ffebe9; }
.pos { font-weight: 600; white-space: nowrap; }
.s2 { color: #116329; } .s1 { color: #1a7f37; } .s0 { color: #9a6700; }
.s-1 { color: #cf222e; } .s-2 { color: #a40e26; } .snum { color: #0550ae; } .sunk { color: var(--unknown); }
.flag { font-size: 12px; font-weight: 700; color: #fff; background: var(--conflict);
        border-radius: 3px; padding: 0 4px; margin-left: 4px; }
.basis { font-size: 12px; color: #57606a; }
ol li { margin: 3px 0; }
.why { color: #57606a; font-size: 13px; }
figure { margin: 14px 0 22px; break-inside: avoid; }
figcaption { font-weight: 600; }
figcaption small { font-weight: 400; color: #57606a; }
svg { width: 100%; height: auto; display: block; }
svg text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.values { font-size: 13px; color: #57606a; margin: 2px 0 0; }
.legend { font-size: 13px; color: #57606a; }
.legend svg { display: inline; width: auto; vertical-align: middle; }
blockquote { margin: 6px 0 2px 16px; padding-left: 10px; border-left: 3px solid var(--rule); }
.who { margin: 0 0 8px 30px; color: #57606a; font-size: 13px; }
footer { margin-top: 40px; color: #8c959f; font-size: 12px; }
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, figure, blockquote { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

/// Renders the whole page.
pub(super) fn render(report: &Report<'_, '_>) -> String {
    let c = report.comparison;
    let m = c.model;
    let (l, r) = (&m.actors[c.left], &m.actors[c.right]);
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} vs {} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(&l.name),
        esc(&r.name),
        esc(&m.title)
    );
    let _ = writeln!(
        o,
        "<header>\n<h1><span class=\"left\">{}</span> vs <span class=\"right\">{}</span></h1>\n\
         <p class=\"model\">{}</p>\n<ul class=\"summary\">\n<li><b>Left</b>: {}</li>\n\
         <li><b>Right</b>: {}</li>\n<li><b>Alignment</b>: {}</li>\n<li><b>Verdicts</b>: {}</li>\n</ul>",
        esc(&l.name),
        esc(&r.name),
        esc(&m.title),
        esc(&m.actor_label(c.left)),
        esc(&m.actor_label(c.right)),
        percent(c.alignment),
        esc(&counts_line(c))
    );
    if let Some(line) = basis_line(c) {
        let _ = writeln!(o, "<p class=\"basis\">{}</p>", esc(&line));
    }
    let _ = writeln!(
        o,
        "<p class=\"basis\">{}<br>{}</p>",
        esc(&report.view.line(c)),
        esc(&report.provenance.line())
    );
    o.push_str("</header>\n");
    table(&mut o, report);
    analysis(&mut o, c);
    maps(&mut o, report);
    evidence(&mut o, report);
    sources(&mut o, report);
    let _ = writeln!(
        o,
        "<footer>Written by detente {} from the model “{}”.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        esc(&m.title)
    );
    o
}

/// The verdict gutter's glyph, as on screen.
fn glyph(v: Verdict, red_line: bool) -> &'static str {
    crate::present::verdict_glyph(v, red_line).trim()
}

/// The CSS class for a position's value: its stance, or one class for
/// every number (low and high are not for and against).
fn value_class(issue: &Issue, p: Option<&Position>) -> String {
    match (p, issue.is_numeric()) {
        (None, _) => "sunk".into(),
        (Some(_), true) => "snum".into(),
        (Some(p), false) => format!("s{}", p.value as i64),
    }
}

fn side_cell(issue: &Issue, p: Option<&Position>) -> String {
    let mut s = format!(
        "<td><span class=\"pos {}\">{}</span>",
        value_class(issue, p),
        esc(&position_label(issue, p))
    );
    if p.is_some_and(|p| p.red_line) {
        s.push_str("<span class=\"flag\">red line</span>");
    }
    if let Some(p) = p {
        let _ = write!(
            s,
            " <span class=\"basis\">{}</span>",
            esc(&salience_label(p))
        );
    }
    if let Some(summary) = p.and_then(|p| p.summary()) {
        let _ = write!(s, "<br>{}", esc_br(summary));
    }
    s.push_str("</td>");
    s
}

fn table(o: &mut String, report: &Report<'_, '_>) {
    let c = report.comparison;
    let m = c.model;
    let _ = writeln!(
        o,
        "<h2 id=\"comparison\">Comparison</h2>\n<table>\n<thead><tr><th>#</th><th>Issue</th>\
         <th class=\"left\">{}</th><th>Verdict</th><th class=\"right\">{}</th></tr></thead>\n<tbody>",
        esc(&m.actors[c.left].name),
        esc(&m.actors[c.right].name)
    );
    for (n, row) in report.rows().enumerate() {
        let issue = &m.issues[row.issue];
        let mut title = if issue.short.is_some() {
            format!("<small>{}</small>", esc(&issue.title))
        } else {
            String::new()
        };
        if let Some(d) = &issue.description {
            let _ = write!(title, "<small class=\"desc\">{}</small>", esc_br(d));
        }
        let _ = writeln!(
            o,
            "<tr id=\"row-{}\"{}><td class=\"n\">{}</td><td class=\"issue\"><b>{}</b>{title}</td>\
             {}<td class=\"verdict v-{}\"><span class=\"glyph\">{}</span>{}</td>{}</tr>",
            esc(&issue.id),
            if row.red_line {
                " class=\"redline\""
            } else {
                ""
            },
            n + 1,
            esc(issue.label()),
            side_cell(issue, row.left),
            row.verdict.word(),
            glyph(row.verdict, row.red_line),
            esc(&verdict_label(row.verdict, row.red_line)),
            side_cell(issue, row.right)
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

fn analysis(o: &mut String, c: &Comparison<'_>) {
    o.push_str("<h2 id=\"cruxes\">Cruxes</h2>\n");
    let cruxes = cruxes(c);
    if cruxes.is_empty() {
        o.push_str("<p>None: no issue in conflict.</p>\n");
    } else {
        o.push_str(
            "<p class=\"why\">The issues in conflict: red lines first, then by how much they \
             matter to both.</p>\n<ol>\n",
        );
        for issue in cruxes {
            let red = c.rows[issue].red_line;
            let _ = writeln!(
                o,
                "<li><span class=\"v-conflict\">{}</span> {}</li>",
                glyph(Verdict::Conflict, red),
                esc(&crux_line(c, issue))
            );
        }
        o.push_str("</ol>\n");
    }
    o.push_str("<h2 id=\"trades\">Trades</h2>\n");
    let trades = trades(c);
    if trades.is_empty() {
        o.push_str("<p>None found.</p>\n");
        return;
    }
    o.push_str(
        "<p class=\"why\">Each side gives way on an issue that matters less to it than to the \
         other; the score is the smaller of the two gains in salience.</p>\n<ol>\n",
    );
    for t in &trades {
        let _ = writeln!(
            o,
            "<li>{}<br><span class=\"why\">{}</span></li>",
            esc(&trade_line(c, t)),
            esc(&trade_saliences(c, t))
        );
    }
    o.push_str("</ol>\n");
}

// ---- position maps ----

const W: f64 = 760.0;
const X0: f64 = 24.0;
const X1: f64 = 736.0;
const LANE: f64 = 17.0;
/// Above this many placed actors, one strip of dots with only the pair named.
const MAX_LANES: usize = 24;

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

/// A coordinate with at most one decimal.
fn f(x: f64) -> String {
    format_number((x * 10.0).round() / 10.0)
}

fn legend(o: &mut String) {
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
    o.push_str("<b>!</b> red line</p>\n");
}

fn maps(o: &mut String, report: &Report<'_, '_>) {
    let c = report.comparison;
    o.push_str("<h2 id=\"maps\">Positions, issue by issue</h2>\n");
    legend(o);
    for (n, row) in report.rows().enumerate() {
        map(o, c, n, row);
    }
}

/// One issue's map: every actor with a counted position on its own lane
/// (or, for many actors, on one strip), the pair highlighted, and the
/// forecasts, status quo and outcome marked.
fn map(o: &mut String, c: &Comparison<'_>, n: usize, row: &Row<'_>) {
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
        if issue.short.is_some() {
            esc(&issue.title)
        } else {
            String::new()
        }
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
    let ticks: Vec<(f64, String)> = match &issue.scale {
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
    };
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
        let (fill, weight) = if *a == c.left {
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
        let name = format!(
            "{}{}{}",
            actor.name,
            p.basis.mark(),
            if p.red_line { " !" } else { "" }
        );
        let _ = write!(
            o,
            "<g><title>{}: {}</title><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{fill}\" stroke-width=\"2\"/>",
            esc(&actor.name),
            esc(&position_label(issue, Some(p))),
            f(px),
            f(py),
            if lanes { 5 } else { 3 },
            if hollow { "#fff" } else { fill }
        );
        let pair = *a == c.left || *a == c.right;
        if lanes || pair {
            let right_side = px < (X0 + X1) / 2.0;
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
                "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{fill}\" font-weight=\"{weight}\">{}</text>",
                f(tx),
                f(ty),
                esc(&crate::text::truncate(&name, 60))
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
}

fn evidence(o: &mut String, report: &Report<'_, '_>) {
    let c = report.comparison;
    let m = c.model;
    let mut any = false;
    for (n, row) in report.rows().enumerate() {
        let issue = &m.issues[row.issue];
        let sides = [(c.left, row.left), (c.right, row.right)];
        if sides
            .iter()
            .all(|(_, p)| p.is_none_or(|p| p.evidence().is_empty()))
        {
            continue;
        }
        if !any {
            o.push_str("<h2 id=\"evidence\">Evidence</h2>\n");
            any = true;
        }
        let _ = writeln!(o, "<h3>{}. {}</h3>", n + 1, esc(&issue.title));
        for (actor, p) in sides {
            let Some(p) = p.filter(|p| !p.evidence().is_empty()) else {
                continue;
            };
            let class = if actor == c.left { "left" } else { "right" };
            let _ = writeln!(
                o,
                "<p><b class=\"{class}\">{}</b> ({}):</p>",
                esc(&m.actors[actor].name),
                esc(&position_label(issue, Some(p)))
            );
            for e in p.evidence() {
                let _ = writeln!(o, "<blockquote>“{}”</blockquote>", esc_br(&e.quote));
                let who = attribution(m, e);
                if !who.is_empty() {
                    let _ = writeln!(o, "<p class=\"who\">— {}</p>", esc(&who));
                }
            }
        }
    }
}

/// The sources the shown evidence cites: title, author, date, URL.
fn sources(o: &mut String, report: &Report<'_, '_>) {
    let m = report.comparison.model;
    let cited = report.cited_sources();
    if cited.is_empty() {
        return;
    }
    o.push_str("<h2 id=\"sources\">Sources</h2>\n<ol>\n");
    for s in cited {
        let _ = writeln!(o, "<li>{}</li>", esc(&source_line(m, s)));
    }
    o.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            esc(r#"</td><script>alert("x" & 'y')</script>"#),
            "&lt;/td&gt;&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(esc("Lavrov — «да»"), "Lavrov — «да»");
    }
}
