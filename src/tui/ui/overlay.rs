//! Overlays drawn over the view: the fuzzy picker, the help, the export
//! prompt and the overwrite question.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::present::percent;
use crate::text::{pad, truncate, truncate_start, width};
use crate::tui::app::{App, prompt_format};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout::{self, centered, inner};
use crate::tui::picker::{Field, MAX_QUERY, Picker};

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
            "  {} of {} · % = alignment with {}",
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
        let align = format!(
            " {:>4}",
            percent(p.alignment.get(mt.actor).copied().flatten())
        );
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
        // Cut to the room left for the alignment column.
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

/// The help's sections of lines, the marks and mouse notes last.
fn help_sections(app: &App) -> Vec<Vec<Line<'static>>> {
    let t = app.theme;
    let mut sections: Vec<Vec<Line>> = keymap::help_sections()
        .into_iter()
        .map(|(title, entries)| {
            // The keys column is as wide as the section's widest label.
            let keys_w = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
            let mut lines = vec![Line::from(Span::styled(title, t.title()))];
            lines.extend(entries.into_iter().map(|(keys, help)| {
                Line::from(vec![
                    Span::styled(format!(" {} ", pad(&keys, keys_w)), t.key()),
                    Span::raw(help),
                ])
            }));
            lines
        })
        .collect();
    sections.push(vec![
        Line::from(Span::styled(
            "Marks: ʳ reported, ⁱ inferred, ! red line",
            t.dim(),
        )),
        Line::from(Span::styled("Mouse: wheel scrolls, click selects", t.dim())),
    ]);
    sections
}

/// The help laid out on a screen of `area`: its box, and its lines in one
/// column, or in two where one column does not fit the height and two fit
/// side by side without cutting a line (split between sections where the
/// columns balance best). The box is as wide as the columns need.
struct HelpLayout {
    rect: Rect,
    columns: Vec<Vec<Line<'static>>>,
    /// The furthest it scrolls: the longest column's last line at the bottom.
    max_scroll: u16,
}

fn help_layout(app: &App, area: Rect) -> HelpLayout {
    let mut sections = help_sections(app);
    let widest = sections
        .iter()
        .flatten()
        .map(Line::width)
        .max()
        .unwrap_or(0);
    let total: usize = sections.iter().map(Vec::len).sum();
    let one = u16::try_from(widest + 2).unwrap_or(u16::MAX);
    let two = u16::try_from(2 * widest + 3).unwrap_or(u16::MAX);
    let tall = total > usize::from(area.height.saturating_sub(2));
    let side_by_side = tall && area.width >= two;
    let rect = centered(area, if side_by_side { two } else { one }, area.height);
    let columns = if side_by_side {
        let mut best = (usize::MAX, 0);
        let mut acc = 0;
        for (k, sec) in sections.iter().enumerate() {
            acc += sec.len();
            let worst = acc.max(total - acc);
            if worst < best.0 {
                best = (worst, k + 1);
            }
        }
        let right: Vec<Line> = sections.split_off(best.1).into_iter().flatten().collect();
        let left: Vec<Line> = sections.into_iter().flatten().collect();
        vec![left, right]
    } else {
        vec![sections.into_iter().flatten().collect()]
    };
    let longest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let inner = layout::inner(rect);
    let max_scroll =
        u16::try_from(longest.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    HelpLayout {
        rect,
        columns,
        max_scroll,
    }
}

/// The furthest the help can scroll on a screen of `area`.
pub(in crate::tui) fn help_max_scroll(app: &App, area: Rect) -> u16 {
    help_layout(app, area).max_scroll
}

pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let HelpLayout {
        rect,
        columns,
        max_scroll: max,
    } = help_layout(app, area);
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
    let inner = popup(app, rect, "Export what is shown", buf);
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
        Line::from(format!(
            "Written as {} (by the extension: .txt .md .csv .json .html)",
            prompt_format(input).word()
        )),
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
