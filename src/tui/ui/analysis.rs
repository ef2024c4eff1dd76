//! The Analysis view: the pair's cruxes and trades on the left, every other
//! actor ranked by closeness to the focused one on the right, and the
//! selected line explained in the detail panel. Only the rows on screen are
//! built.
//!
//! ```text
//! ┌ Cruxes 9 · Trades 10 ─────────────────┐┌ Closest to ▶ Russian Federation ┐
//! │Cruxes (red lines first)               ││   #  align  actor     =  ~  ✗  ? │
//! │!✗! NATO non-expansion      1 + 0.8    ││   1    81%  John M…   5  0  1 14 │
//! │ ✗  Arms for Ukraine        0.8 + 0.9  ││   2    74%  Malcol…   2  1  1 16 │
//! │                                       ││                                  │
//! │Trades  Russian Fed… gives ⇄ United …  ││                                  │
//! │0.4  Severe consequences ⇄ NATO back…  ││                                  │
//! └───────────────────────────────────────┘└──────────────────────────────────┘
//! ```

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::detail::{issue_head, panel, position_lines};
use crate::analysis::pair::Trade;
use crate::compare::Verdict;
use crate::model::format_number;
use crate::present::{TOO_FEW, agreement_figure, percent, verdict_glyph, verdict_label};
use crate::text::{pad, truncate, width};
use crate::tui::app::{AnalysisPane, App, Selected, first_shown};
use crate::tui::layout::{self, inner};

fn block<'a>(app: &App, title: String, focused: bool, w: u16) -> Block<'a> {
    let t = app.theme;
    Block::bordered()
        .border_style(if focused {
            t.focused_border()
        } else {
            t.border()
        })
        .title(Span::styled(
            truncate(&title, usize::from(w.saturating_sub(2))),
            t.title(),
        ))
}

pub fn body(app: &App, area: Rect, buf: &mut Buffer) {
    let [points, near] = layout::analysis_panes(area);
    points_pane(app, points, buf);
    closest_pane(app, near, buf);
}

/// One list row: `text` cut to `w` columns, padded, in `style`.
fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, w: usize, style: Style) {
    buf.set_stringn(x, y, pad(&truncate(text, w), w), w, style);
}

fn points_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let a = &app.analysis;
    let m = &*app.model;
    let c = &app.comparison;
    let focused = a.pane == AnalysisPane::Points;
    let title = format!(" Cruxes {} · Trades {} ", a.cruxes.len(), a.trades.len());
    block(app, title, focused, area.width).render(area, buf);
    let i = inner(area);
    let (w, h) = (usize::from(i.width), usize::from(i.height));
    if w == 0 || h == 0 {
        return;
    }
    let selected_line = a.point_line(a.point);
    let first = first_shown(selected_line, h);
    let cruxes_end = 1 + a.cruxes.len().max(1);
    let sal =
        |p: Option<&crate::model::Position>| p.map_or("?".into(), |p| format_number(p.salience));
    for row in 0..h {
        let line = first + row;
        let y = i.y + row as u16;
        let point = a.point_at(line);
        let mut style = Style::new();
        let text = if line == 0 {
            style = t.title();
            "Cruxes (red lines first, then salience)".to_string()
        } else if line < cruxes_end {
            match point.and_then(|k| a.cruxes.get(k)) {
                Some(&issue) => {
                    let r = app.row(issue);
                    style = t.verdict(Verdict::Conflict, r.red_line);
                    let s = format!("{} + {}", sal(r.left), sal(r.right));
                    let label_w = w.saturating_sub(width(&s) + 6);
                    format!(
                        "{} {}  {s}",
                        verdict_glyph(Verdict::Conflict, r.red_line),
                        pad(&truncate(m.issues[issue].label(), label_w), label_w)
                    )
                }
                None => {
                    style = t.dim();
                    "  none: no issue in conflict".to_string()
                }
            }
        } else if line == cruxes_end + 1 {
            style = t.title();
            format!(
                "Trades  gain  {} gives ⇄ {} gives",
                m.actors[c.left].name, m.actors[c.right].name
            )
        } else if line > cruxes_end + 1 {
            match point
                .and_then(|k| k.checked_sub(a.cruxes.len()))
                .and_then(|k| a.trades.get(k))
            {
                Some(tr) => format!(
                    "{:>5}  {} ⇄ {}",
                    crate::present::format_gain(tr.gain),
                    m.issues[tr.left.issue].label(),
                    m.issues[tr.right.issue].label()
                ),
                None if line == cruxes_end + 2 && a.trades.is_empty() => {
                    style = t.dim();
                    "  none found".to_string()
                }
                None => String::new(),
            }
        } else {
            String::new()
        };
        if point.is_some() && point == Some(a.point) && line == selected_line {
            style = if focused {
                style.patch(t.selected())
            } else {
                style
                    .patch(t.dim())
                    .add_modifier(ratatui::style::Modifier::UNDERLINED)
            };
        }
        put(buf, i.x, y, &text, w, style);
    }
}

fn closest_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let a = &app.analysis;
    let m = &*app.model;
    let focused = a.pane == AnalysisPane::Closest;
    let title = format!(" Closest to ▶ {} ", m.actors[a.ranked].name);
    block(app, title, focused, area.width).render(area, buf);
    let i = inner(area);
    let (w, h) = (usize::from(i.width), usize::from(i.height));
    if w == 0 || h == 0 {
        return;
    }
    // The counts need room; below it they are in the detail panel only.
    let counts = w >= 48;
    let name_w = w.saturating_sub(if counts { 17 + 20 } else { 17 });
    let mut head = format!(
        "{:>4}  {:>5} {:>3}  {}",
        "#",
        "agree",
        "on",
        pad("actor", name_w)
    );
    if counts {
        head.push_str("    =    ~    ✗    ?");
    }
    put(buf, i.x, i.y, &head, w, t.title());
    let rows = h - 1;
    if a.closest.is_empty() {
        put(buf, i.x, i.y + 1, "  nobody else in the model", w, t.dim());
        return;
    }
    let first = first_shown(a.near, rows);
    let other = match app.focus {
        crate::tui::app::Side::Left => app.right(),
        crate::tui::app::Side::Right => app.left(),
    };
    for (k, r) in a.closest.iter().enumerate().skip(first).take(rows) {
        let n = &r.counts;
        let mut name = m.actors[r.actor].name.clone();
        if r.actor == other {
            name = format!("◀ {name}");
        }
        if r.too_few() {
            // The mark stays whole; the name gives way to it.
            let mark = if name_w >= 24 {
                format!(" · {TOO_FEW}")
            } else {
                " · too few".to_string()
            };
            let room = name_w.saturating_sub(width(&mark)).max(1);
            name = format!("{}{mark}", truncate(&name, room));
        }
        let mut text = format!(
            "{:>4}  {:>5} {:>3}  {}",
            k + 1,
            percent(r.agreement),
            n.shared(),
            pad(&truncate(&name, name_w), name_w)
        );
        if counts {
            let _ = write!(
                text,
                " {:>4} {:>4} {:>4} {:>4}",
                n.agree, n.partial, n.conflict, n.unknown
            );
        }
        let mut style = if r.agreement.is_none() || r.too_few() {
            t.dim()
        } else {
            Style::new()
        };
        if k == a.near {
            style = if focused {
                style.patch(t.selected())
            } else {
                style.add_modifier(ratatui::style::Modifier::UNDERLINED)
            };
        }
        put(buf, i.x, i.y + 1 + (k - first) as u16, &text, w, style);
    }
}

/// The detail panel: what the selected line means.
pub fn detail(app: &App, area: Rect, buf: &mut Buffer) {
    let (title, lines) = detail_content(app);
    panel(app, title, lines, area, buf);
}

/// The detail panel's title and lines, before wrapping.
fn detail_content<'a>(app: &'a App) -> (String, Vec<Line<'a>>) {
    let t = app.theme;
    let m = &*app.model;
    let c = &app.comparison;
    let mut lines: Vec<Line> = Vec::new();
    let title = match app.analysis.selected() {
        Selected::Crux(issue) => {
            let r = app.row(issue);
            issue_head(app, issue, &mut lines);
            lines.push(Line::from(Span::styled(
                format!(
                    "verdict: {} — a crux: the two conflict here{}",
                    verdict_label(r.verdict, r.red_line),
                    if r.red_line {
                        ", and one of them calls it a red line"
                    } else {
                        ""
                    }
                ),
                t.verdict(r.verdict, r.red_line),
            )));
            lines.push(Line::default());
            position_lines(app, c.left, issue, &mut lines);
            lines.push(Line::default());
            position_lines(app, c.right, issue, &mut lines);
            format!(" Crux · {} ", m.issues[issue].label())
        }
        Selected::Trade(tr) => {
            trade_detail(app, &tr, &mut lines);
            format!(" Trade · gain {} ", crate::present::format_gain(tr.gain))
        }
        Selected::Actor(r) => {
            let ranked = &m.actors[app.analysis.ranked];
            let other = &m.actors[r.actor];
            let n = &r.counts;
            lines.push(Line::from(Span::styled(m.actor_label(r.actor), t.title())));
            if let Some(d) = &other.description {
                lines.push(Line::from(Span::styled(d.as_str(), t.dim())));
            }
            lines.push(Line::from(format!(
                "Agreement with {}: {}, the issues both have a counted position on.",
                ranked.name,
                agreement_figure(r.agreement, &r.counts)
            )));
            lines.push(Line::from(format!(
                "{} agree · {} partial · {} conflict{} · {} unknown",
                n.agree,
                n.partial,
                n.conflict,
                if n.red_line > 0 {
                    format!(" ({} red line)", n.red_line)
                } else {
                    String::new()
                },
                n.unknown
            )));
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!("Enter compares {} with {}.", ranked.name, other.name),
                t.dim(),
            )));
            format!(" {} ", other.name)
        }
        Selected::Nothing => {
            lines.push(Line::from(match app.analysis.pane {
                AnalysisPane::Points => "Nothing in conflict and no trade for this pair.",
                AnalysisPane::Closest => "Nobody else in the model.",
            }));
            " Detail ".to_string()
        }
    };
    (title, lines)
}

fn trade_detail<'a>(app: &'a App, tr: &Trade, lines: &mut Vec<Line<'a>>) {
    let t = app.theme;
    let c = &app.comparison;
    let a = &app.analysis;
    if let Some((line, saliences)) = a
        .trades
        .iter()
        .position(|x| x == tr)
        .and_then(|k| a.trade_text.get(k))
    {
        lines.push(Line::from(Span::styled(line.as_str(), t.title())));
        lines.push(Line::from(saliences.as_str()));
    }
    lines.push(Line::from(Span::styled(
        "A first exchange of the bargaining simulation: each side gives way where the \
         issue weighs less for it (salience × power), by equal gains.",
        t.dim(),
    )));
    for (issue, who) in [(tr.left.issue, c.left), (tr.right.issue, c.right)] {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                "{} gives way on: {}",
                app.model.actors[who].name,
                app.model.issues[issue].label()
            ),
            t.key(),
        )));
        position_lines(app, c.left, issue, lines);
        position_lines(app, c.right, issue, lines);
    }
}
