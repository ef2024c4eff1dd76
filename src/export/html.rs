//! The comparison as one self-contained HTML page (docs/cli.md, "detente export"): inline CSS and
//! SVG, nothing fetched, no script, printable. The comparison table with
//! verdict glyphs and colours, the cruxes and trades, a position map and a
//! chart of how it may move per issue drawn in full (the rest in compact
//! tables), and the evidence.
//!
//! Written by hand, without a template engine: every piece of model text
//! goes through [`esc`], the one escaping function, and nothing else from
//! the model reaches the page (numbers go through `format_number`).

mod map;
mod moves;

use std::fmt::Write;

use super::moves::{Moves, simulate};
use super::{Options, Report, full};
use crate::analysis::forecast::forecast;
use crate::analysis::pair::{cruxes, trades};
use crate::compare::{Comparison, Row, Verdict};
use crate::model::{Actor, Basis, Issue, Position, format_number};
use crate::present::{
    agreement_figure, attribution, basis_line, counts_line, crux_line, gives_power, position_label,
    power_label, salience_label, source_line, trade_line, trade_saliences, verdict_label,
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

/// The stylesheet, inlined in the page.
const CSS: &str = include_str!("report.css");

/// Renders the whole page.
pub(super) fn render(report: &Report<'_, '_>, options: &Options) -> String {
    let c = report.comparison;
    let m = c.model;
    let (l, r) = (&m.actors[c.left], &m.actors[c.right]);
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} vs {} — {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        esc(&l.name),
        esc(&r.name),
        esc(&m.title)
    );
    let _ = writeln!(
        o,
        "<header>\n<h1><span class=\"left\">{}</span> vs <span class=\"right\">{}</span></h1>\n\
         <p class=\"model\">{}</p>\n<ul class=\"summary\">\n<li><b>Left</b>: {}</li>\n\
         <li><b>Right</b>: {}</li>\n<li><b>Agreement</b>: {} <span class=\"why\">({})</span></li>\n<li><b>Verdicts</b>: {}</li>\n</ul>",
        esc(&l.name),
        esc(&r.name),
        esc(&m.title),
        esc(&m.actor_label(c.left)),
        esc(&m.actor_label(c.right)),
        esc(&agreement_figure(c.agreement, &c.counts)),
        esc(crate::present::AGREEMENT_MEANS),
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
    if let Some(since) = &options.since {
        let _ = writeln!(
            o,
            "<p class=\"basis\">{}</p>",
            esc(&super::since::header(since))
        );
    }
    o.push_str("</header>\n");
    table(&mut o, report);
    if let Some(since) = &options.since {
        since_section(&mut o, report, since);
    }
    analysis(&mut o, c);
    // Each shown issue's map and chart, or `None` for the compact tables.
    let sim = simulate(c, &options.simulation);
    let heaviest = map::max_weight(c);
    let powered = gives_power(m);
    let drawn = full::drawings(
        report,
        options.all_maps,
        full::MAX_BYTES,
        |n| {
            let row = &c.rows[report.view.rows[n]];
            let chart = match &sim {
                Moves::Ran(ran) => moves::chart(c, ran, n, row.issue),
                Moves::Not(_) => String::new(),
            };
            (
                map::map(c, n, row, heaviest, powered, options.since.as_ref()),
                chart,
            )
        },
        |(map, chart)| map.len() + chart.len(),
    );
    map::maps(&mut o, report, &drawn, options.since.as_ref());
    moves::section(&mut o, report, &sim, &drawn);
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

/// "Since OLD": what the two actors changed on the issues shown, as a table.
fn since_section(o: &mut String, report: &Report<'_, '_>, since: &super::Since) {
    let _ = writeln!(o, "<h2 id=\"since\">Since {}</h2>", esc(&since.name));
    let lines = super::since::lines(report, since);
    let c = report.comparison;
    if lines.is_empty() {
        let _ = writeln!(
            o,
            "<p>Neither {} nor {} moved or took a new position on the issues shown.</p>",
            esc(&c.model.actors[c.left].name),
            esc(&c.model.actors[c.right].name)
        );
        return;
    }
    o.push_str(
        "<table class=\"compact\">\n<thead><tr><th>Issue</th><th>Actor</th><th>From → to</th>\
         <th>Toward the other side?</th></tr></thead>\n<tbody>\n",
    );
    for l in lines {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&l.issue),
            esc(&l.actor),
            esc(&l.change),
            esc(&l.relative)
        );
    }
    o.push_str("</tbody>\n</table>\n");
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

/// A side's cell; `actor` is `Some` where the model gives power, and its
/// power on the position shows beside the salience.
fn side_cell(issue: &Issue, actor: Option<&Actor>, p: Option<&Position>) -> String {
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
        if let Some(a) = actor {
            let _ = write!(
                s,
                " <span class=\"basis\">{}</span>",
                esc(&power_label(a, p))
            );
        }
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
    let powered = gives_power(m);
    let (left, right) = (
        powered.then_some(&m.actors[c.left]),
        powered.then_some(&m.actors[c.right]),
    );
    for (n, row) in report.rows().enumerate() {
        let issue = &m.issues[row.issue];
        let mut title = if let Some(full) = crate::present::distinct_title(issue) {
            format!("<small>{}</small>", esc(full))
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
            side_cell(issue, left, row.left),
            row.verdict.word(),
            glyph(row.verdict, row.red_line),
            esc(&verdict_label(row.verdict, row.red_line)),
            side_cell(issue, right, row.right)
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
        "<p class=\"why\">The exchanges the bargaining simulation would weigh first between the \
         two: each gives way on the issue that weighs less for it (salience × power) in return for \
         a move on the one that weighs more, by equal gains; the best gain first.</p>\n<ol>\n",
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
