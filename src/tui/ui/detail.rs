//! The detail panel: the full text behind the selection, wrapped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::export::{attribution, position_label, verdict_label};
use crate::tui::app::App;
use crate::tui::theme::value_glyph;

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
    let p = a.position_at(issue, app.min_basis);
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
                app.min_basis.counting()
            ),
            t.dim(),
        )),
        (None, None) => head.push(Span::styled("  (no position in the model)", t.dim())),
        (Some(p), _) => {
            head.push(Span::styled(
                format!("  salience {:.1}", p.salience),
                t.dim(),
            ));
            if let Some(power) = p.power {
                head.push(Span::styled(
                    format!("  power {}", crate::model::format_number(power)),
                    t.dim(),
                ));
            }
            if p.red_line {
                head.push(Span::styled("  RED LINE", t.error()));
            }
        }
    }
    out.push(Line::from(head));
    let Some(p) = p else { return };
    if let Some(s) = &p.summary {
        for l in capped(s).lines() {
            out.push(Line::from(format!("  {l}")));
        }
    }
    for e in &p.evidence {
        for (i, l) in capped(&e.quote).lines().enumerate() {
            let open = if i == 0 { "  “" } else { "   " };
            out.push(Line::from(Span::styled(
                format!("{open}{l}"),
                t.highlight().remove_modifier(
                    ratatui::style::Modifier::UNDERLINED | ratatui::style::Modifier::BOLD,
                ),
            )));
        }
        if let Some(last) = out.last_mut() {
            last.push_span(Span::raw("”"));
        }
        let who = attribution(m, e);
        if !who.is_empty() {
            out.push(Line::from(Span::styled(format!("      — {who}"), t.dim())));
        }
    }
}

pub(super) fn panel(app: &App, title: String, lines: Vec<Line>, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((app.detail_scroll, 0))
        .block(
            Block::bordered()
                .border_style(app.theme.border())
                .title(Span::styled(title, app.theme.title())),
        )
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
    let Some(r) = app.selected_row() else {
        let msg = format!(
            "No issue matches the filter “{}”. Press f to change it.",
            app.filter.word()
        );
        panel(app, " Detail ".into(), vec![Line::from(msg)], area, buf);
        return;
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
    panel(app, title, lines, area, buf);
}

pub fn matrix(app: &App, area: Rect, buf: &mut Buffer) {
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
    panel(app, title, lines, area, buf);
}

pub fn issue(app: &App, area: Rect, buf: &mut Buffer) {
    let mut lines = Vec::new();
    let title = match app.spectrum.get(app.spectrum_selected) {
        Some(&actor) => {
            position_lines(app, actor, app.issue, &mut lines);
            format!(" {} ", app.model.actor_label(actor))
        }
        None => " Detail ".to_string(),
    };
    panel(app, title, lines, area, buf);
}
