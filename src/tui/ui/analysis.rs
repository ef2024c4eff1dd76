//! The Analysis view: the pair's cruxes and trades on the left, every other
//! actor ranked by closeness to the focused one on the right, and the
//! selected line explained in the detail panel. Only the rows on screen are
//! built.
//!
//! ```text
//! ┌ Cruxes 8 · Trades 10 ─────────────────┐┌ Closest to ▶ Russian Federation ┐
//! │Cruxes, red lines first  salience L + R││ agreement   actor      =  ~  ✗ │
//! │!✗! NATO non-expansion          1 + 0.5││100% over 6   John Mear…  6  0  0│
//! │ ✗  Arms for Ukraine          0.8 + 0.9││ 45% over 4   Malcolm R…  1  1  2│
//! │                                       ││                                 │
//! │ gain  Trades: Russian… gives ⇄ Unit…  ││                                 │
//! │ 25.8  De-escalation ⇄ NATO non-exp…   ││                                 │
//! └───────────────────────────────────────┘└ = agree  ~ partial  ✗ conflict ┘
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
use crate::text::{pad, truncate, truncate_marked, width};
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
    let i = inner(area);
    let (w, h) = (usize::from(i.width), usize::from(i.height));
    let selected_line = a.point_line(a.point);
    let first = first_shown(selected_line, h);
    // Say what the list holds below the pane, and how to get there.
    let below = |from: usize, n: usize| {
        (from..from + n)
            .filter(|&k| a.point_line(k) >= first + h)
            .count()
    };
    let more: Vec<String> = [
        (below(0, a.cruxes.len()), "crux", "cruxes"),
        (below(a.cruxes.len(), a.trades.len()), "trade", "trades"),
    ]
    .into_iter()
    .filter(|&(n, _, _)| n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    let mut b = block(app, title, focused, area.width);
    if !more.is_empty() {
        b = b.title_bottom(Span::styled(
            format!(" ▼ {} below · ↓ ", more.join(", ")),
            t.key(),
        ));
    }
    b.render(area, buf);
    if w == 0 || h == 0 {
        return;
    }
    let cruxes_end = 1 + a.cruxes.len().max(1);
    let sal =
        |p: Option<&crate::model::Position>| p.map_or("?".into(), |p| format_number(p.salience));
    for row in 0..h {
        let line = first + row;
        let y = i.y + row as u16;
        let point = a.point_at(line);
        let mut style = Style::new();
        let text = if line == 0 {
            // The numbers' column: each side's salience on the issue.
            style = t.title();
            let (long, short) = ("salience left + right", "salience L + R");
            let label = "Cruxes, red lines first";
            let sal = if w >= width(label) + 2 + width(long) {
                long
            } else {
                short
            };
            let label = if w >= width(label) + 2 + width(sal) {
                label
            } else {
                "Cruxes"
            };
            format!("{}{sal}", pad(label, w.saturating_sub(width(sal))))
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
            // Over the gains' column, then who gives what: "Trades:" where
            // the names fit whole after it, else the names alone, cut alike.
            style = t.title();
            let (l, r) = (&m.actors[c.left].name, &m.actors[c.right].name);
            let fixed = width(" gain  ") + 2 * width(" gives") + width(" ⇄ ");
            let names = width(l) + width(r);
            let (lead, room) = if fixed + width("Trades: ") + names <= w {
                ("Trades: ", names)
            } else {
                ("", w.saturating_sub(fixed))
            };
            let l_w = width(l).min((room / 2).max(room.saturating_sub(width(r))));
            format!(
                " gain  {lead}{} gives ⇄ {} gives",
                truncate(l, l_w),
                truncate(r, room.saturating_sub(l_w))
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

/// Below this many columns inside, the ranking reads `27% over 11` and
/// leaves out the rank and the unknowns.
const NARROW_RANKING: usize = 50;

fn closest_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let a = &app.analysis;
    let m = &*app.model;
    let focused = a.pane == AnalysisPane::Closest;
    let title = format!(" Closest to ▶ {} ", m.actors[a.ranked].name);
    let i = inner(area);
    let (w, h) = (usize::from(i.width), usize::from(i.height));
    // `  #   agreement   actor   =  ~  ✗  ?`, each row `100% over 6` (of
    // the shared issues); narrow, without the rank and the unknowns. The
    // verdict glyphs are spelt out on the bottom border.
    let narrow = w < NARROW_RANKING;
    let verdicts: &[&str] = if narrow {
        &["= agree", "~ partial", "✗ conflict"]
    } else {
        &["= agree", "~ partial", "✗ conflict", "? unknown"]
    };
    let counts_w = 3 * verdicts.len();
    let lead_w = if narrow { 13 } else { 18 };
    let name_w = w.saturating_sub(lead_w + counts_w);
    let mut legend = String::from(" ");
    for v in verdicts {
        if width(&legend) + width(v) + 2 > w {
            break;
        }
        legend.push_str(v);
        legend.push_str("  ");
    }
    legend.pop();
    block(app, title, focused, area.width)
        .title_bottom(Span::styled(legend, t.dim()))
        .render(area, buf);
    if w == 0 || h == 0 {
        return;
    }
    let glyphs = ["=", "~", "✗", "?"];
    let mut head = if narrow {
        format!(" agreement   {}", pad("actor", name_w))
    } else {
        format!("  #   agreement   {}", pad("actor", name_w))
    };
    for g in &glyphs[..verdicts.len()] {
        let _ = write!(head, "{g:>3}");
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
            name = truncate_marked(&name, &mark, name_w);
        }
        let name = pad(&truncate(&name, name_w), name_w);
        let figure = format!("{:>4} over {:<2} {name}", percent(r.agreement), n.shared());
        let mut text = if narrow {
            figure
        } else {
            format!("{:>3}  {figure}", k + 1)
        };
        for c in [n.agree, n.partial, n.conflict, n.unknown]
            .iter()
            .take(verdicts.len())
        {
            let _ = write!(text, "{c:>3}");
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
