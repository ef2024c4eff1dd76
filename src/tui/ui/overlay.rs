//! Overlays drawn over the view: the fuzzy picker, the help, the export
//! prompt and the overwrite question.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::present::{TOO_FEW, percent};
use crate::text::{truncate, truncate_start, width};
use crate::tui::app::{App, prompt_format};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout::{self, HelpBox, HelpLine, centered, inner};
use crate::tui::picker::{Field, MAX_QUERY, Picker};
use crate::tui::theme::Theme;

fn popup(app: &App, area: Rect, title: &str, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.theme.focused_border())
        .title(Span::styled(format!(" {title} "), app.theme.title()))
        .render(area, buf);
    inner(area)
}

pub fn picker(app: &App, p: &Picker, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let m = &*app.model;
    let (rect, rows) = layout::picker(area);
    let title = format!("Jump to an actor for the {} pane", app.focus.word());
    let inner = popup(app, rect, &title, buf);
    let w = usize::from(inner.width);
    if inner.height == 0 || w == 0 {
        return;
    }
    let other = match app.focus {
        crate::tui::app::Side::Left => app.right(),
        crate::tui::app::Side::Right => app.left(),
    };
    let count = if p.capped {
        format!(
            "  {} of {} · query cut at {MAX_QUERY} characters",
            p.matches.len(),
            m.actors.len()
        )
    } else {
        format!(
            "  {} of {} · agreement with {}",
            p.matches.len(),
            m.actors.len(),
            m.actors[other].name
        )
    };
    let count = truncate(&count, w.saturating_sub(12));
    let room = w.saturating_sub(3 + width(&count));
    let query = Line::from(vec![
        Span::styled("> ", t.key()),
        Span::raw(truncate_start(&p.query, room)),
        Span::styled("▏", t.key()),
        Span::styled(count, if p.capped { t.error() } else { t.dim() }),
    ]);
    buf.set_line(inner.x, inner.y, &query, inner.width);
    if inner.height > 1 {
        buf.set_stringn(inner.x, inner.y + 1, "─".repeat(w), w, t.border());
    }
    let offset = (p.selected + 1).saturating_sub(rows);
    for (k, mt) in p.matches.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + 2 + (k - offset) as u16;
        let actor = &m.actors[mt.actor];
        let align = match p.agreement.get(mt.actor) {
            _ if p.other == Some(mt.actor) => " the other pane".to_string(),
            Some(&(a, n)) => format!(
                " {:>4} on {}{}",
                percent(a),
                crate::present::shared_label(n.shared()),
                if a.is_some() && n.too_few() {
                    format!(" · {TOO_FEW}")
                } else {
                    String::new()
                }
            ),
            None => String::new(),
        };
        let avail = w.saturating_sub(width(&align));
        let hit = p.indices(m, mt);
        let mut spans: Vec<Span> = Vec::new();
        let highlight = |text: &str, on: bool| -> Vec<Span<'static>> {
            text.chars()
                .enumerate()
                .map(|(i, c)| {
                    let style = if on && hit.contains(&i) {
                        t.highlight()
                    } else {
                        ratatui::style::Style::new()
                    };
                    Span::styled(c.to_string(), style)
                })
                .collect()
        };
        spans.extend(highlight(&actor.name, mt.field == Field::Name));
        let extra = match mt.field {
            Field::Name => format!("  {}", actor.id),
            Field::Id => "  id ".to_string(),
            Field::Alias(_) => "  alias ".to_string(),
            Field::Affiliation => "  of ".to_string(),
        };
        spans.push(Span::styled(extra, t.dim()));
        match mt.field {
            Field::Name => {}
            _ => spans.extend(highlight(mt.text(m), true)),
        }
        let mut line = Line::from(spans);
        // Cut to the room left for the agreement column.
        let mut used = 0;
        line.spans.retain(|s| {
            used += width(&s.content);
            used <= avail
        });
        let used: usize = line.spans.iter().map(|s| width(&s.content)).sum();
        line.push_span(Span::raw(" ".repeat(avail.saturating_sub(used))));
        line.push_span(Span::styled(align, t.dim()));
        if k == p.selected {
            line = line.patch_style(t.selected());
        }
        buf.set_line(inner.x, y, &line, inner.width);
    }
    if p.matches.is_empty() && inner.height > 2 {
        buf.set_stringn(inner.x, inner.y + 2, "no actor matches", w, t.dim());
    }
}

/// The help's lines, styled: titles, ` keys  help` entries, dim notes.
fn help_lines(t: Theme, sections: Vec<Vec<HelpLine>>) -> Vec<Vec<Line<'static>>> {
    sections
        .into_iter()
        .map(|lines| {
            lines
                .into_iter()
                .map(|l| match l {
                    HelpLine::Title(title) => Line::from(Span::styled(title, t.title())),
                    HelpLine::Entry(keys, help) => Line::from(vec![
                        Span::styled(format!(" {keys} "), t.key()),
                        Span::raw(help),
                    ]),
                    HelpLine::Note(note) => Line::from(Span::styled(note, t.dim())),
                })
                .collect()
        })
        .collect()
}

pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let HelpBox {
        rect,
        split,
        max_scroll: max,
    } = layout::help(area);
    let mut sections = help_lines(app.theme, layout::help_sections());
    let columns: Vec<Vec<Line>> = match split {
        Some(k) => {
            let right = sections.split_off(k.min(sections.len()));
            vec![
                sections.into_iter().flatten().collect(),
                right.into_iter().flatten().collect(),
            ]
        }
        None => vec![sections.into_iter().flatten().collect()],
    };
    let scroll = app.help_scroll.min(max);
    let inner = popup(app, rect, "Keys — ? or Esc closes", buf);
    if max > 0 {
        // Say that the help goes on, and how to see the rest.
        let hint = if scroll < max {
            " ▼ more · ↓ j "
        } else {
            " ▲ ↑ k "
        };
        let y = rect.y + rect.height.saturating_sub(1);
        let x = rect.x + rect.width.saturating_sub(2 + width(hint) as u16);
        buf.set_string(x, y, hint, app.theme.key());
    }
    let cells = Layout::horizontal(vec![Constraint::Fill(1); columns.len()]).split(inner);
    for (lines, cell) in columns.into_iter().zip(cells.iter()) {
        Paragraph::new(lines).scroll((scroll, 0)).render(*cell, buf);
    }
}

pub fn prompt(app: &App, input: &str, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let rect = centered(area, 70, 7);
    let scenario = app.writing == crate::tui::app::Writing::Scenario;
    let title = if scenario {
        "Save the what-if changes"
    } else {
        "Export what is shown"
    };
    let inner = popup(app, rect, title, buf);
    let w = usize::from(inner.width.saturating_sub(4));
    let shown = if width(input) > w {
        // Keep the end of a long path in view.
        let chars: Vec<char> = input.chars().collect();
        let mut s = String::from("…");
        let mut tail = String::new();
        for c in chars.iter().rev() {
            if width(&tail) + 2 > w {
                break;
            }
            tail.insert(0, *c);
        }
        s.push_str(&tail);
        s
    } else {
        input.to_string()
    };
    let lines = vec![
        Line::from("File (in the current directory unless a path is given):"),
        Line::from(vec![
            Span::styled("> ", t.key()),
            Span::raw(shown),
            Span::styled("▏", t.key()),
        ]),
        Line::from(if scenario {
            format!(
                "A scenario (YAML): {} change{} to the model, never over it",
                app.what_if.scenario.len(),
                if app.what_if.scenario.len() == 1 {
                    ""
                } else {
                    "s"
                }
            )
        } else {
            format!(
                "Written as {} (by the extension: .txt .md .csv .json .html)",
                prompt_format(input).word()
            )
        }),
        Line::from(hint_line(app, Mode::Prompt)),
    ];
    Paragraph::new(lines).render(inner, buf);
}

pub fn confirm(app: &App, path: &Path, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 70, 6);
    let inner = popup(app, rect, "File exists", buf);
    let lines = vec![
        Line::from(format!(
            "{} already exists. Replace it?",
            crate::present::path(path)
        )),
        Line::default(),
        Line::from(hint_line(app, Mode::Confirm)),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

fn hint_line(app: &App, mode: Mode) -> Vec<Span<'static>> {
    keymap::hints(mode)
        .flat_map(|h| {
            [
                Span::styled(h.keys, app.theme.key()),
                Span::raw(format!(" {}  ", h.hint)),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The help box is measured from the text (`layout::help`); what is
    /// drawn must be exactly as wide, or a line would be cut.
    #[test]
    fn the_help_is_drawn_as_wide_as_it_was_measured() {
        let text = layout::help_sections();
        let drawn = help_lines(Theme { color: true }, text.clone());
        assert_eq!(drawn.len(), text.len());
        for (lines, measured) in drawn.iter().zip(&text) {
            let widths: Vec<usize> = lines.iter().map(Line::width).collect();
            let expected: Vec<usize> = measured.iter().map(HelpLine::width).collect();
            assert_eq!(widths, expected);
        }
    }
}
