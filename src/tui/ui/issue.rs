//! The Issue view: one issue, every actor placed on its scale. A stance
//! issue is a spectrum, actors in columns from rejects to demands plus one
//! for those with no position; a numeric issue is an axis from min to max
//! with its labels and one row per actor at its position. Both mark the
//! compromise forecast, the weighted median, the status quo and the outcome.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::model::{Issue, Stance, format_number};
use crate::present::stance_glyph;
use crate::text::{pad, truncate, truncate_marked, width};
use crate::tui::app::{App, Filter, Mark, arrow};
use crate::tui::layout;
use crate::tui::theme::Theme;

/// The forecast and reference markers, in drawing order (later ones win a
/// shared column): glyph, name.
const COMPROMISE: (&str, &str) = ("◆", "compromise");
const MEDIAN: (&str, &str) = ("▲", "median");
const STATUS_QUO: (&str, &str) = ("■", "status quo");
const OUTCOME: (&str, &str) = ("★", "outcome");

/// The markers this issue has: glyph, name, value.
fn markers(app: &App, issue: &Issue) -> Vec<(&'static str, &'static str, f64)> {
    let f = &app.forecast;
    [
        (COMPROMISE, f.compromise),
        (MEDIAN, f.median),
        (STATUS_QUO, issue.scale.as_ref().and_then(|s| s.status_quo)),
        (OUTCOME, issue.outcome),
    ]
    .into_iter()
    .filter_map(|((glyph, name), x)| Some((glyph, name, x?)))
    .collect()
}

/// `◆ compromise 54.9 · ▲ median 80 · ★ outcome 65`, or what is missing.
fn legend(app: &App, issue: &Issue) -> Line<'static> {
    let t = app.theme;
    let marks = markers(app, issue);
    let mut spans = Vec::new();
    if app.forecast.compromise.is_none() {
        // Positions with power or salience 0 are counted but weigh nothing
        // (the Geneva model's power 0 where an actor has no say).
        let why = if app.forecast.positions == 0 {
            "no forecast: nobody has a counted position  "
        } else {
            "no forecast: no counted position has weight (power × salience is 0)  "
        };
        spans.push(Span::styled(why, t.dim()));
    }
    for (k, (glyph, name, x)) in marks.into_iter().enumerate() {
        if k > 0 {
            spans.push(Span::styled(" · ", t.dim()));
        }
        spans.push(Span::styled(glyph, t.key()));
        // The number alone on a numeric scale (its labels are on the axis
        // above), the stance too on a stance issue.
        let shown = if issue.is_numeric() {
            issue.number(x)
        } else {
            issue.describe(x)
        };
        spans.push(Span::raw(format!(" {name} {shown}")));
    }
    if app.marks_shown() {
        let what = if issue.is_numeric() {
            "  ○ was  ↑↓ moved  * new"
        } else {
            "  ↑was -: moved  * new"
        };
        spans.push(Span::styled(what, t.moved()));
    }
    Line::from(spans)
}

pub fn body(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let m = &*app.model;
    let issue = &m.issues[app.issue];
    let scale = match &issue.scale {
        Some(s) => format!(
            " · scale {}..{}",
            format_number(s.min),
            format_number(s.max)
        ),
        None => String::new(),
    };
    // Where this issue is among those the Compare rows show (order, filter).
    let at = app
        .rows
        .iter()
        .position(|&r| app.comparison.rows[r].issue == app.issue);
    let counter = match (at, app.filter) {
        (Some(k), Filter::All) => format!("{}/{}", k + 1, app.rows.len()),
        (Some(k), f) => format!("{}/{} {}", k + 1, app.rows.len(), f.word()),
        (None, _) => format!("{}/{}", app.issue + 1, m.issues.len()),
    };
    let title = format!(" Issue {counter}: {}{scale} ", issue.title);
    Block::bordered()
        .border_style(t.border())
        .title(Span::styled(
            truncate(&title, usize::from(area.width.saturating_sub(2))),
            t.title(),
        ))
        .render(area, buf);
    if issue.is_numeric() {
        number_line(app, issue, area, buf);
    } else {
        spectrum(app, issue, area, buf);
    }
}

/// The actor's name with its basis mark and red line, as the views show it,
/// in at most `w` columns: the name gives way, never the marks. On the
/// spectrum (`moved`), a stance that moved says where from (`↑was -`), a
/// new one `*`.
fn marked_name(app: &App, actor: usize, w: usize, moved: bool) -> String {
    let a = &app.model.actors[actor];
    let mut mark = String::new();
    if let Some(p) = a.position_at(app.issue, app.min_basis()) {
        mark.push_str(p.basis.mark());
        if p.red_line {
            mark.push_str(" !");
        }
        match app.position_mark(actor, app.issue) {
            Some(Mark::Moved { was, .. }) if moved => mark.push_str(&format!(
                " {}was {}",
                arrow(was, p.value),
                stance_glyph(Some(Stance::nearest(was)))
            )),
            Some(Mark::New) if moved => mark.push_str(" *"),
            _ => {}
        }
    }
    truncate_marked(&a.name, &mark, w)
}

fn spectrum(app: &App, issue: &Issue, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let (cols, height) = layout::spectrum_columns(area);
    let stances: [Option<Stance>; 6] = [
        Some(Stance::Rejects),
        Some(Stance::Opposes),
        Some(Stance::Neutral),
        Some(Stance::Supports),
        Some(Stance::Demands),
        None,
    ];
    let marks = markers(app, issue);
    let selected = app.spectrum.get(app.spectrum_selected).copied();
    for (group, (rect, stance)) in cols.iter().zip(stances).enumerate() {
        let w = usize::from(rect.width.saturating_sub(1));
        if w == 0 {
            continue;
        }
        let members = app.spectrum_group(group);
        let word = stance.map_or("unknown", |s| s.word());
        // The markers whose value is nearest this column's stance.
        let here: String = marks
            .iter()
            .filter(|(_, _, x)| stance == Some(Stance::nearest(*x)))
            .map(|(glyph, _, _)| *glyph)
            .collect();
        // The stance, how many stand there, and the forecast markers near
        // it: on one row where it fits, else the stance above the rest. A
        // cut takes the words, never the markers.
        let stance_head = format!("{} {word}", stance_glyph(stance));
        let count = format!(
            "{} actor{}",
            members.len(),
            if members.len() == 1 { "" } else { "s" }
        );
        let here = if here.is_empty() {
            here
        } else {
            format!(" {here}")
        };
        let head_rows = layout::spectrum_head_rows(rect.width);
        let heads = if head_rows == 1 {
            vec![truncate_marked(
                &format!("{stance_head} · {count}"),
                &here,
                w,
            )]
        } else {
            vec![truncate(&stance_head, w), truncate_marked(&count, &here, w)]
        };
        for (k, head) in heads.iter().enumerate() {
            buf.set_stringn(
                rect.x,
                rect.y + k as u16,
                pad(head, w),
                w,
                t.stance(stance).patch(t.title()),
            );
        }
        let offset = app.spectrum_offset(group, height);
        for (k, &actor) in members.iter().skip(offset).take(height).enumerate() {
            let mut style = t.stance(stance);
            if Some(actor) == selected {
                style = style.patch(t.selected());
            }
            buf.set_stringn(
                rect.x,
                rect.y + head_rows + k as u16,
                pad(&marked_name(app, actor, w, true), w),
                w,
                style,
            );
        }
    }
    let inner = layout::inner(area);
    if inner.height > 2 {
        let y = inner.y + inner.height - 1;
        buf.set_line(inner.x, y, &legend(app, issue), inner.width);
    }
}

/// The column of `x` on a track of `w` cells from `min` to `max`.
fn column(x: f64, min: f64, max: f64, w: u16) -> u16 {
    if w < 2 {
        return 0;
    }
    let f = ((x - min) / (max - min)).clamp(0.0, 1.0);
    (f * f64::from(w - 1)).round() as u16
}

fn number_line(app: &App, issue: &Issue, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let m = &*app.model;
    let nl = layout::number_line(area);
    let (min, max) = issue.range();
    let axis = nl.axis;
    let w = axis.width;
    if w < 2 || axis.height < layout::AXIS_ROWS {
        return;
    }
    // Row 0: the markers; row 1: the axis; row 2: its numbers; row 3: labels.
    for (glyph, _, x) in markers(app, issue) {
        buf.set_string(axis.x + column(x, min, max, w), axis.y, glyph, t.key());
    }
    let ticks: Vec<f64> = (0..=4)
        .map(|k| min + (max - min) * f64::from(k) / 4.0)
        .collect();
    let line: String = (0..w)
        .map(|c| {
            if c == 0 {
                '├'
            } else if c == w - 1 {
                '┤'
            } else if ticks.iter().any(|&x| column(x, min, max, w) == c) {
                '┼'
            } else {
                '─'
            }
        })
        .collect();
    buf.set_string(axis.x, axis.y + 1, line, t.border());
    place_texts(
        buf,
        axis,
        axis.y + 2,
        ticks
            .iter()
            .map(|&x| (column(x, min, max, w), format_number(x))),
        t.dim(),
    );
    if let Some(scale) = &issue.scale {
        place_texts(
            buf,
            axis,
            axis.y + 3,
            scale
                .labels
                .iter()
                .map(|l| (column(l.at, min, max, w), l.label.clone())),
            t.title(),
        );
    }
    buf.set_line(
        nl.legend.x,
        nl.legend.y,
        &legend(app, issue),
        nl.legend.width,
    );
    // What the right-hand numbers are, level with the axis's numbers.
    let vw = usize::from(nl.values.width);
    let head = truncate("position", vw);
    buf.set_stringn(
        nl.values.x + nl.values.width.saturating_sub(width(&head) as u16),
        axis.y + 2,
        head,
        vw,
        t.dim(),
    );

    // One row per actor, in the order of their positions, the unknown last.
    let height = usize::from(nl.track.height);
    let offset = (app.spectrum_selected + 1).saturating_sub(height);
    let selected = app.spectrum.get(app.spectrum_selected).copied();
    let nw = usize::from(nl.names.width.saturating_sub(1));
    for (k, &actor) in app.spectrum.iter().skip(offset).take(height).enumerate() {
        let y = nl.track.y + k as u16;
        let p = m.actors[actor].position_at(app.issue, app.min_basis());
        // The compared pair stands out from the other actors.
        let mut name_style = if actor == app.left() || actor == app.right() {
            t.focused_border()
        } else {
            t.title()
        };
        if Some(actor) == selected {
            name_style = name_style.patch(t.selected());
        }
        buf.set_stringn(
            nl.names.x,
            y,
            pad(&marked_name(app, actor, nw, false), nw),
            nw,
            name_style,
        );
        let mark = p.and(app.position_mark(actor, app.issue));
        // Where the position was, as a hollow mark the position covers
        // where they share a column.
        let was = match mark {
            Some(Mark::Moved { was, .. }) => Some(column(was, min, max, nl.track.width)),
            _ => None,
        };
        let track: String = match p {
            Some(p) => {
                let at = column(p.value, min, max, nl.track.width);
                (0..nl.track.width)
                    .map(|c| if c == at { '●' } else { '·' })
                    .collect()
            }
            None => " ".repeat(usize::from(nl.track.width)),
        };
        let style = track_style(t, p.is_some());
        buf.set_string(nl.track.x, y, track, style);
        if let (Some(c), Some(p)) = (was, p)
            && c != column(p.value, min, max, nl.track.width)
        {
            buf.set_string(nl.track.x + c, y, "○", t.moved());
        }
        let value = match (p, mark) {
            (None, _) => "unknown".to_string(),
            (Some(p), Some(Mark::Moved { was, .. })) => {
                format!("{}{}", arrow(was, p.value), format_number(p.value))
            }
            (Some(p), Some(Mark::New)) => format!("*{}", format_number(p.value)),
            (Some(p), None) => format_number(p.value),
        };
        let shown = truncate(&value, vw.saturating_sub(1));
        buf.set_stringn(
            nl.values.x + nl.values.width.saturating_sub(width(&shown) as u16),
            y,
            shown,
            vw,
            t.position(issue, p),
        );
    }
}

fn track_style(t: Theme, known: bool) -> Style {
    if known { t.dim() } else { Style::new() }
}

/// Writes each text starting at its column (centred on it where there is
/// room), skipping any that would overlap the one before.
fn place_texts(
    buf: &mut Buffer,
    axis: Rect,
    y: u16,
    texts: impl Iterator<Item = (u16, String)>,
    style: Style,
) {
    let mut free_from = 0u16;
    for (col, text) in texts {
        let tw = width(&text) as u16;
        let start = col
            .saturating_sub(tw / 2)
            .min(axis.width.saturating_sub(tw));
        if start < free_from && free_from > 0 {
            continue;
        }
        let room = usize::from(axis.width.saturating_sub(start));
        buf.set_stringn(axis.x + start, y, truncate(&text, room), room, style);
        free_from = start + tw + 1;
    }
}
