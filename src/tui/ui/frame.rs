//! The header (model, view, actors, agreement, counts) and the
//! footer (status and key hints from the key table).

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::compare::Verdict;
use crate::model::Basis;
use crate::present::{agreement_figure, agreement_short};
use crate::text::{truncate, width};
use crate::tui::app::{App, Side, View};
use crate::tui::keymap;

pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let m = &*app.model;
    let w = usize::from(area.width);
    let tabs: Vec<Span> = [
        (View::Compare, "c Compare"),
        (View::Matrix, "m Matrix"),
        (View::Issue, "Enter Issue"),
        (View::Analysis, "a Analysis"),
        (View::Timeline, "t Timeline"),
    ]
    .into_iter()
    .flat_map(|(v, label)| {
        let style = if v == app.view {
            t.selected().patch(t.title())
        } else {
            t.dim()
        };
        [Span::styled(format!(" {label} "), style), Span::raw(" ")]
    })
    .collect();
    let tabs_w: usize = tabs.iter().map(|s| width(&s.content)).sum();
    let title = truncate(&m.title, w.saturating_sub(tabs_w + 10));
    let mut first = vec![
        Span::styled(" detente ", t.key()),
        Span::styled(title, t.title()),
    ];
    let used: usize = first.iter().map(|s| width(&s.content)).sum();
    first.push(Span::raw(" ".repeat(w.saturating_sub(used + tabs_w))));
    first.extend(tabs);

    let c = &app.comparison;
    let marker = |side: Side| if app.focus == side { "▶ " } else { "  " };
    let round = super::timeline::round_label(app);
    let half = w.saturating_sub(12 + round.as_deref().map_or(0, |r| width(r) + 2)) / 2;
    let mut second = vec![
        Span::raw(marker(Side::Left)),
        Span::styled(
            truncate(&m.actor_label(c.left), half),
            pane_style(app, Side::Left),
        ),
        Span::styled("  vs  ", t.dim()),
        Span::raw(marker(Side::Right)),
        Span::styled(
            truncate(&m.actor_label(c.right), half),
            pane_style(app, Side::Right),
        ),
    ];
    // Which round of the simulation every view shows, once one has run.
    if let Some(round) = round {
        let style = if app.timeline.round > 0 {
            t.highlight()
        } else {
            t.dim()
        };
        second.push(Span::styled(format!("  {round}"), style));
    }
    let second = Line::from(second);
    let n = &c.counts;
    // The long figure and every count where they fit; else the short
    // figure; else the short figure without the unknowns (the issues the
    // figure does not rest on).
    let full = 2 + width(&agreement_figure(c.agreement, n)) + 2 + "agreement ".len();
    let counts_w: usize = Verdict::ALL
        .iter()
        .map(|&v| width(&format!("{} {} · ", n.of(v), v.word())))
        .sum::<usize>()
        + if n.red_line > 0 {
            width(&format!(" ({} red line)", n.red_line))
        } else {
            0
        };
    let short = 2 + width(&agreement_short(c.agreement, n)) + 2 + "agreement ".len();
    let (figure, unknowns) = if full + counts_w <= w + 3 {
        (agreement_figure(c.agreement, n), true)
    } else if short + counts_w <= w + 3 {
        (agreement_short(c.agreement, n), true)
    } else {
        (agreement_short(c.agreement, n), false)
    };
    let mut third = vec![
        Span::raw("  agreement "),
        Span::styled(figure, t.title()),
        Span::raw("  "),
    ];
    for v in Verdict::ALL {
        if v == Verdict::Unknown && !unknowns {
            continue;
        }
        third.push(Span::styled(
            format!("{} {}", n.of(v), v.word()),
            t.verdict(v, false),
        ));
        if v == Verdict::Conflict && n.red_line > 0 {
            third.push(Span::styled(
                format!(" ({} red line)", n.red_line),
                t.verdict(v, true),
            ));
        }
        third.push(Span::raw(" · "));
    }
    third.pop();
    if app.min_basis() != Basis::Inferred {
        third.push(Span::styled(
            format!("  counting {}", app.min_basis().counting()),
            t.focused_border(),
        ));
    }
    if n.reported + n.inferred > 0 {
        third.push(Span::styled("  ʳ reported ⁱ inferred", t.dim()));
    }
    Paragraph::new(vec![Line::from(first), second, Line::from(third)]).render(area, buf);
}

fn pane_style(app: &App, side: Side) -> Style {
    if app.focus == side {
        app.theme.focused_border()
    } else {
        app.theme.title()
    }
}

/// The status (if any), then the key hints that fit; help, quit, close and
/// back are always shown, at the right end, whatever the width.
pub fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let w = usize::from(area.width);
    let (essential, other): (Vec<_>, Vec<_>) = keymap::hints(app.mode()).partition(|h| h.essential);
    let hint_spans = |h: &keymap::Hint| {
        [
            Span::styled(h.keys.clone(), t.key()),
            Span::raw(format!(" {}  ", h.hint)),
        ]
    };
    let spans_width = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let tail: Vec<Span> = essential.iter().flat_map(hint_spans).collect();
    let room = w.saturating_sub(spans_width(&tail));
    let mut spans = Vec::new();
    if let Some(s) = &app.status {
        let style = if s.error { t.error() } else { t.ok() };
        spans.push(Span::styled(
            truncate(&s.text, room.saturating_sub(3).min(w * 3 / 4)),
            style,
        ));
        spans.push(Span::styled(" │ ", t.dim()));
    }
    for h in &other {
        let next = hint_spans(h);
        if spans_width(&spans) + spans_width(&next) > room {
            break;
        }
        spans.extend(next);
    }
    spans.extend(tail);
    Paragraph::new(Line::from(spans))
        .alignment(Alignment::Left)
        .render(area, buf);
}
