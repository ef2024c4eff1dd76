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
use crate::tui::action::Action;
use crate::tui::app::{App, Side, View};
use crate::tui::keymap;
use crate::tui::layout;

/// The views' tabs: key and name.
const TABS: [(View, &str, &str); 5] = [
    (View::Compare, "c", "Compare"),
    (View::Matrix, "m", "Matrix"),
    (View::Issue, "Enter", "Issue"),
    (View::Analysis, "a", "Analysis"),
    (View::Timeline, "t", "Timeline"),
];

/// Columns of a run of spans.
fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// Three rows: the model's title and the views; the pair; the agreement,
/// the counts and what the marks mean. Where a row is too narrow it gives
/// up the least useful part first (docs/design.md, "The screen at 80×24").
pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let m = &*app.model;
    let w = usize::from(area.width);
    let tab = |v: View, label: String| {
        let style = if v == app.view {
            t.selected().patch(t.title())
        } else {
            t.dim()
        };
        [Span::styled(format!(" {label} "), style), Span::raw(" ")]
    };
    let all_tabs: Vec<Span> = TABS
        .iter()
        .flat_map(|&(v, key, name)| tab(v, format!("{key} {name}")))
        .collect();
    // Every tab where the title fits beside them, cut to 24 columns if
    // need be; else the current view's name alone (the keys to the others
    // are in the footer).
    let title_w = width(&m.title).min(24) + width(" detente  ");
    let tabs = if title_w + spans_width(&all_tabs) <= w {
        all_tabs
    } else {
        let (v, _, name) = TABS
            .iter()
            .find(|(v, _, _)| *v == app.view)
            .unwrap_or(&TABS[0]);
        tab(*v, (*name).to_string()).to_vec()
    };
    let tabs_w = spans_width(&tabs);
    let title = truncate(&m.title, w.saturating_sub(tabs_w + 10));
    let mut first = vec![
        Span::styled(" detente ", t.key()),
        Span::styled(title, t.title()),
    ];
    first.push(Span::raw(
        " ".repeat(w.saturating_sub(spans_width(&first) + tabs_w)),
    ));
    first.extend(tabs);

    let c = &app.comparison;
    let marker = |side: Side| if app.focus == side { "▶ " } else { "  " };
    // What the views show beyond the model as read: the what-if changes
    // and the simulated round, beside the pair.
    let state = state(app);
    let half = w.saturating_sub(12 + spans_width(&state)) / 2;
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
    second.extend(state);
    let mut third = vec![Span::raw("  ")];
    third.extend(figure_and_counts(app, w.saturating_sub(2)));
    // What is counted and what the marks mean: after the counts where they
    // fit, else at the end of the pair's row.
    let mut extras = Vec::new();
    if app.min_basis() != Basis::Inferred {
        extras.push(Span::styled(
            format!("  counting {}", app.min_basis().counting()),
            t.focused_border(),
        ));
    }
    if c.counts.reported + c.counts.inferred > 0 {
        extras.push(Span::styled("  ʳ reported ⁱ inferred", t.dim()));
    }
    let mut on_second = Vec::new();
    for extra in extras {
        let ew = width(&extra.content);
        if spans_width(&third) + ew <= w {
            third.push(extra);
        } else if spans_width(&second) + spans_width(&on_second) + ew <= w {
            on_second.push(extra);
        }
    }
    if !on_second.is_empty() {
        let gap = w.saturating_sub(spans_width(&second) + spans_width(&on_second));
        second.push(Span::raw(" ".repeat(gap)));
        second.extend(on_second);
    }
    Paragraph::new(vec![
        Line::from(first),
        Line::from(second),
        Line::from(third),
    ])
    .render(area, buf);
}

/// `  since talks-1.yaml  what-if: 2 changes  round 3 of 10 (simulated)`:
/// what the views show beyond the model as read, each where it applies.
fn state(app: &App) -> Vec<Span<'static>> {
    let t = app.theme;
    let mut spans = Vec::new();
    if let Some(s) = &app.since {
        spans.push(Span::styled(format!("  since {}", s.name), t.moved()));
    }
    let n = app.what_if.scenario.len();
    if n > 0 {
        let unsaved = if app.what_if.unsaved() {
            ", unsaved"
        } else {
            ""
        };
        spans.push(Span::styled(
            format!(
                "  what-if: {n} change{}{unsaved}",
                if n == 1 { "" } else { "s" }
            ),
            t.highlight(),
        ));
    }
    if let Some(round) = super::timeline::round_label(app) {
        let style = if app.timeline.round > 0 {
            t.highlight()
        } else {
            t.dim()
        };
        spans.push(Span::styled(format!("  {round}"), style));
    }
    spans
}

/// `agreement 27% over 11 shared issues  3 agree · 0 partial · 8 conflict
/// (1 red line) · 9 unknown` in at most `w` columns: the long figure and
/// every count where they fit; else the short figure; else the short
/// figure without the unknowns (the issues the figure does not rest on).
fn figure_and_counts(app: &App, w: usize) -> Vec<Span<'static>> {
    let t = app.theme;
    let c = &app.comparison;
    let n = &c.counts;
    let forms = [
        (agreement_figure(c.agreement, n), true),
        (agreement_short(c.agreement, n), true),
        (agreement_short(c.agreement, n), false),
    ];
    let line = |(figure, unknowns): &(String, bool)| {
        let mut spans = vec![
            Span::raw("agreement "),
            Span::styled(figure.clone(), t.title()),
            Span::raw("  "),
        ];
        for v in Verdict::ALL {
            if v == Verdict::Unknown && !unknowns {
                continue;
            }
            spans.push(Span::styled(
                format!("{} {}", n.of(v), v.word()),
                t.verdict(v, false),
            ));
            if v == Verdict::Conflict && n.red_line > 0 {
                spans.push(Span::styled(
                    format!(" ({} red line)", n.red_line),
                    t.verdict(v, true),
                ));
            }
            spans.push(Span::raw(" · "));
        }
        spans.pop();
        spans
    };
    forms
        .iter()
        .map(line)
        .find(|spans| spans_width(spans) <= w)
        .unwrap_or_else(|| line(&forms[2]))
}

fn pane_style(app: &App, side: Side) -> Style {
    if app.focus == side {
        app.theme.focused_border()
    } else {
        app.theme.title()
    }
}

/// The status (if any), then the key hints, flowing over the footer's rows
/// ([`layout::footer_rows`]); help, quit, close and back are always shown,
/// after the others, whatever the width. Hints that do not fit are dropped
/// from the end of the list, which puts the most useful first.
pub fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let w = usize::from(area.width);
    let rows = usize::from(area.height).max(1);
    let own = own_view_key(app);
    let (essential, other): (Vec<_>, Vec<_>) = keymap::hints(app.mode())
        .filter(|h| Some(&h.keys) != own.as_ref() || h.essential)
        .partition(|h| h.essential);
    let hint_spans = |h: &keymap::Hint| {
        vec![
            Span::styled(h.keys.clone(), t.key()),
            Span::raw(format!(" {}  ", h.hint)),
        ]
    };
    // Each row: its pieces (spans, width).
    let mut lines: Vec<Vec<(Vec<Span>, usize)>> = vec![Vec::new(); rows];
    let used = |line: &Vec<(Vec<Span>, usize)>| line.iter().map(|(_, w)| w).sum::<usize>();
    let tail_w: usize = essential.iter().map(layout::hint_width).sum();
    if let Some(s) = &app.status {
        let style = if s.error { t.error() } else { t.ok() };
        let cap = if rows == 1 {
            w.saturating_sub(tail_w).min(w * 3 / 4)
        } else {
            w
        };
        let text = truncate(&s.text, cap.saturating_sub(3));
        let sw = width(&text) + 3;
        lines[0].push((
            vec![Span::styled(text, style), Span::styled(" │ ", t.dim())],
            sw,
        ));
    }
    let mut k = 0;
    for h in &other {
        let hw = layout::hint_width(h);
        if used(&lines[k]) + hw > w {
            if k + 1 == rows {
                break;
            }
            k += 1;
        }
        lines[k].push((hint_spans(h), hw));
    }
    // The essential hints after the last, on the next row if need be, or
    // in place of the last others.
    while used(&lines[k]) + tail_w > w {
        if k + 1 < rows {
            k += 1;
        } else if lines[k].len() > usize::from(k == 0 && app.status.is_some()) {
            lines[k].pop();
        } else {
            break;
        }
    }
    lines[k].extend(essential.iter().map(|h| (hint_spans(h), 0)));
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(l.into_iter().flat_map(|(s, _)| s).collect::<Vec<_>>()))
        .collect();
    Paragraph::new(lines)
        .alignment(Alignment::Left)
        .render(area, buf);
}

/// The footer's key for the view already on screen (`c` in Compare): it
/// does nothing there, so the footer leaves it out for the others' room.
fn own_view_key(app: &App) -> Option<String> {
    let action = match app.view {
        View::Compare => Action::ShowCompare,
        View::Matrix => Action::ShowMatrix,
        View::Analysis => Action::ShowAnalysis,
        View::Timeline => Action::ShowTimeline,
        View::Issue => return None,
    };
    let mode = app.mode();
    keymap::BINDINGS
        .iter()
        .position(|b| b.action == action && b.footer && b.modes.contains(&mode))
        .map(keymap::short_label)
}
