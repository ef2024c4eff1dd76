//! The detail panel: the full text behind the selection, wrapped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::present::{
    attribution, gives_power, position_label, power_label, value_glyph, verdict_label,
};
use crate::tui::app::{App, LayoutFacts, PIVOTAL_MAX_POSITIONS, Pivotal};

/// The most of one text the detail panel shows: a 10 MB quote must not
/// cost a 10 MB wrap on every frame. The exports keep the whole text.
const MAX_SHOWN: usize = 4_000;

/// `s`, or its first [`MAX_SHOWN`] characters and how much more there is.
fn capped(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_SHOWN) {
        None => s.into(),
        Some((cut, _)) => {
            let rest = s[cut..].chars().count();
            format!(
                "{}… [{rest} more characters: export to read them]",
                &s[..cut]
            )
            .into()
        }
    }
}

/// One actor's position on one issue: stance, flags, summary and evidence.
pub(super) fn position_lines<'a>(
    app: &'a App,
    actor: usize,
    issue: usize,
    out: &mut Vec<Line<'a>>,
) {
    let t = app.theme;
    let m = &*app.model;
    let a = &m.actors[actor];
    let p = a.position_at(issue, app.min_basis());
    let mut head = vec![
        Span::styled(a.name.as_str(), t.title()),
        Span::raw("  "),
        Span::styled(
            if m.issues[issue].is_numeric() {
                position_label(&m.issues[issue], p)
            } else {
                format!(
                    "{} {}",
                    value_glyph(&m.issues[issue], p),
                    position_label(&m.issues[issue], p)
                )
            },
            t.position(&m.issues[issue], p),
        ),
    ];
    match (p, a.position(issue)) {
        (None, Some(hidden)) => head.push(Span::styled(
            format!(
                "  (a {} position, not counted: {} — b to change)",
                hidden.basis,
                app.min_basis().counting()
            ),
            t.dim(),
        )),
        (None, None) => head.push(Span::styled("  (no position in the model)", t.dim())),
        (Some(p), _) => {
            head.push(Span::styled(
                format!("  {}", crate::present::salience_label(p)),
                t.dim(),
            ));
            if gives_power(m) {
                head.push(Span::styled(format!("  {}", power_label(a, p)), t.dim()));
            }
            if p.red_line {
                head.push(Span::styled("  RED LINE", t.error()));
            }
        }
    }
    out.push(Line::from(head));
    let Some(p) = p else { return };
    // A value the model as written does not hold says where it comes
    // from: the summary and quotes below are as written.
    let issue_ref = &m.issues[issue];
    let round = app.timeline.round;
    let written = app.timeline.base.actors[actor]
        .position(issue)
        .map(|w| w.value);
    if round > 0 && written.is_some_and(|w| w != p.value) {
        let was = written.map_or_else(String::new, |w| issue_ref.describe(w));
        out.push(Line::from(Span::styled(
            format!(
                "  simulated: where round {round} of the bargaining leaves it; at round 0 {was} (the words below are round 0's)"
            ),
            t.dim(),
        )));
    }
    for (field, now) in [
        (crate::scenario::Field::Position, p.value),
        (crate::scenario::Field::Salience, p.salience),
        (crate::scenario::Field::Power, a.power_on(p)),
    ] {
        if round > 0 {
            break;
        }
        if let Some(was) = app.what_if_baseline(actor, issue, field) {
            let (was, now) = match field {
                crate::scenario::Field::Position => {
                    (issue_ref.describe(was), issue_ref.describe(now))
                }
                _ => (
                    crate::model::format_number(was),
                    crate::model::format_number(now),
                ),
            };
            out.push(Line::from(Span::styled(
                format!(
                    "  what if: {} {now}, was {was} in the model (u undoes)",
                    field.word()
                ),
                t.moved(),
            )));
        }
    }
    if let Some(s) = p.summary() {
        for l in capped(s).lines() {
            out.push(Line::from(format!("  {l}")));
        }
    }
    for e in p.evidence() {
        let quote = capped(&e.quote);
        let n = quote.lines().count();
        for (i, l) in quote.lines().enumerate() {
            let open = if i == 0 { "  “" } else { "   " };
            // The closing mark in the same span, so the line wraps as one.
            let close = if i + 1 == n { "”" } else { "" };
            out.push(Line::from(Span::styled(
                format!("{open}{l}{close}"),
                t.highlight().remove_modifier(
                    ratatui::style::Modifier::UNDERLINED | ratatui::style::Modifier::BOLD,
                ),
            )));
        }
        let who = attribution(m, e);
        if !who.is_empty() {
            out.push(Line::from(Span::styled(format!("      — {who}"), t.dim())));
        }
    }
}

/// Wraps each one-span line at `width`, its continuation lines indented
/// like its first (an attribution's second line stays under the first);
/// lines of several spans are left to the paragraph, which wraps them.
fn wrap_indented(lines: Vec<Line<'_>>, width: u16) -> Vec<Line<'_>> {
    let w = usize::from(width).max(1);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.spans.len() != 1 || crate::text::width(&line.spans[0].content) <= w {
            out.push(line);
            continue;
        }
        let span = &line.spans[0];
        let text = span.content.as_ref();
        let indent = text.len() - text.trim_start_matches(' ').len();
        let room = w.saturating_sub(indent).max(w / 2).max(1);
        for (k, piece) in crate::text::wrap(text.trim_start_matches(' '), room)
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 || indent >= w / 2 {
                indent.min(w / 2)
            } else {
                indent
            };
            out.push(Line::from(Span::styled(
                format!("{}{piece}", " ".repeat(lead)),
                span.style,
            )));
        }
    }
    out
}

/// How many rows `lines` take at `width` once wrapped.
fn rows_of(lines: &[Line<'_>], width: u16) -> usize {
    let w = usize::from(width).max(1);
    lines.iter().map(|l| l.width().div_ceil(w).max(1)).sum()
}

pub(super) fn panel(app: &App, title: String, lines: Vec<Line>, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(2);
    let lines = wrap_indented(lines, width);
    let visible = usize::from(area.height.saturating_sub(2));
    let rows = rows_of(&lines, width);
    let max = rows.saturating_sub(visible);
    app.record(LayoutFacts {
        detail_max_scroll: u16::try_from(max).unwrap_or(u16::MAX),
    });
    let scroll = usize::from(app.detail_scroll).min(max);
    let below = rows.saturating_sub(scroll + visible);
    let mut block = Block::bordered()
        .border_style(app.theme.border())
        .title(Span::styled(title, app.theme.title()));
    // Say that there is more, and which key shows it.
    if below > 0 {
        block = block.title_bottom(Span::styled(
            format!(
                " ▼ {below} more line{} · J ",
                if below == 1 { "" } else { "s" }
            ),
            app.theme.key(),
        ));
    } else if scroll > 0 {
        block = block.title_bottom(Span::styled(" ▲ K ", app.theme.key()));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .block(block)
        .render(area, buf);
}

pub(super) fn issue_head<'a>(app: &'a App, issue: usize, out: &mut Vec<Line<'a>>) {
    let i = &app.model.issues[issue];
    out.push(Line::from(Span::styled(
        i.title.as_str(),
        app.theme.title(),
    )));
    if let Some(d) = &i.description {
        out.push(Line::from(Span::styled(d.as_str(), app.theme.dim())));
    }
}

pub fn compare(app: &App, area: Rect, buf: &mut Buffer) {
    let (title, lines) = compare_content(app);
    panel(app, title, lines, area, buf);
}

fn compare_content<'a>(app: &'a App) -> (String, Vec<Line<'a>>) {
    let Some(r) = app.selected_row() else {
        let msg = format!(
            "No issue matches the filter “{}”. Press f to change it.",
            app.filter.word()
        );
        return (" Detail ".into(), vec![Line::from(msg)]);
    };
    let row = app.row(r);
    let mut lines = Vec::new();
    issue_head(app, row.issue, &mut lines);
    lines.push(Line::from(Span::styled(
        format!("verdict: {}", verdict_label(row.verdict, row.red_line)),
        app.theme.verdict(row.verdict, row.red_line),
    )));
    lines.push(Line::default());
    position_lines(app, app.left(), row.issue, &mut lines);
    lines.push(Line::default());
    position_lines(app, app.right(), row.issue, &mut lines);
    let title = format!(
        " Issue {}/{} · {} ",
        app.list.selected + 1,
        app.rows.len(),
        app.model.issues[row.issue].label()
    );
    (title, lines)
}

pub fn matrix(app: &App, area: Rect, buf: &mut Buffer) {
    let (title, lines) = matrix_content(app);
    panel(app, title, lines, area, buf);
}

fn matrix_content<'a>(app: &'a App) -> (String, Vec<Line<'a>>) {
    let actor = app.matrix_row.selected;
    let mut lines = Vec::new();
    issue_head(app, app.issue, &mut lines);
    lines.push(Line::default());
    position_lines(app, actor, app.issue, &mut lines);
    let title = format!(
        " {} × {} ",
        app.model.actors[actor].name,
        app.model.issues[app.issue].label()
    );
    (title, lines)
}

pub fn issue(app: &App, area: Rect, buf: &mut Buffer) {
    let (title, lines) = issue_content(app);
    panel(app, title, lines, area, buf);
}

fn issue_content<'a>(app: &'a App) -> (String, Vec<Line<'a>>) {
    let mut lines = Vec::new();
    pivotal_lines(app, &mut lines);
    let title = match app.spectrum.get(app.spectrum_selected) {
        Some(&actor) => {
            position_lines(app, actor, app.issue, &mut lines);
            format!(" {} ", app.model.actor_label(actor))
        }
        None => " Detail ".to_string(),
    };
    (title, lines)
}

/// "Who can move this outcome: Giant 10% (position) · A 3.6% (power)", and
/// what the figures are, above the selected actor: the issue's pivotal
/// actors as [`App::pivotal`] worked them out.
fn pivotal_lines<'a>(app: &'a App, out: &mut Vec<Line<'a>>) {
    let t = app.theme;
    let mut head = vec![Span::styled("Who can move this outcome: ", t.title())];
    match &app.pivotal {
        Pivotal::NotWorkedOut => return,
        Pivotal::TooMany(n) => head.push(Span::styled(
            format!(
                "not worked out here for {n} positions (more than {PIVOTAL_MAX_POSITIONS}); \
                 `detente sensitivity --issue {}` lists them",
                app.model.issues[app.issue].id
            ),
            t.dim(),
        )),
        Pivotal::Actors(_) if app.forecast.compromise.is_none() => {
            head.push(Span::styled("there is no forecast to move", t.dim()));
        }
        Pivotal::Actors(actors) if actors.is_empty() => head.push(Span::styled(
            "no one step of one actor moves ◆ or ▲",
            t.dim(),
        )),
        Pivotal::Actors(actors) => {
            for (k, &(actor, reach, field)) in actors.iter().enumerate() {
                if k > 0 {
                    head.push(Span::styled(" · ", t.dim()));
                }
                head.push(Span::raw(app.model.actors[actor].name.as_str()));
                let shown = crate::model::format_number((reach * 10.0).round() / 10.0);
                head.push(Span::styled(format!(" {shown}%"), t.key()));
                head.push(Span::styled(format!(" ({})", field.word()), t.dim()));
            }
        }
    }
    out.push(Line::from(head));
    if matches!(&app.pivotal, Pivotal::Actors(a) if !a.is_empty()) {
        out.push(Line::from(Span::styled(
            // 77 columns: one row of an 80-column screen.
            "  one step of position, salience or power moves ◆ or ▲ by this % of the scale",
            t.dim(),
        )));
    }
    out.push(Line::default());
}
