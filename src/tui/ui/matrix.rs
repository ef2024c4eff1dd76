//! The Matrix view: every actor × every issue, each cell the stance glyph in
//! its colour, scrolled in both directions. Only the cells on screen are
//! built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};

use crate::present::value_glyph;
use crate::text::{pad, truncate, wrap_words};
use crate::tui::app::{App, Mark, arrow};
use crate::tui::layout;

pub fn body(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let m = &*app.model;
    let grid = layout::matrix_grid(area, m.issues.len());
    let shown = |offset: usize, fit: usize, total: usize| {
        let end = (offset + fit).min(total);
        if end > offset {
            format!("{}–{} of {total}", offset + 1, end)
        } else {
            format!("0 of {total}")
        }
    };
    // The selected column's and row's full names, which the cells cannot hold.
    let title = format!(
        " Matrix · actors {} · issues {} · {} × {}. {} ",
        shown(app.matrix_row.offset, grid.rows, m.actors.len()),
        shown(app.matrix_col.offset, grid.cols, m.issues.len()),
        m.actors[app.matrix_row.selected].name,
        app.issue + 1,
        m.issues[app.issue].label()
    );
    // The marks' legend goes in the corner above the actors' names where
    // the header has three rows, so the stances' fits the border below.
    let marks = ["! red line", "ʳ reported", "ⁱ inferred"];
    let nw = usize::from(grid.names.width);
    let in_corner = grid.header.height >= 3 && nw > 10;
    let mut legend =
        String::from(" ++ demands  + supports  0 neutral  - opposes  -- rejects  · unknown ");
    if m.issues.iter().any(|i| i.is_numeric()) {
        legend.push_str(" 20 a position on the issue's scale ");
    }
    if app.marks_shown() {
        legend.push_str(" ↑↓ moved  * new ");
    }
    if in_corner {
        for (k, mark) in marks.iter().enumerate() {
            buf.set_stringn(grid.names.x, grid.header.y + k as u16, mark, nw, t.dim());
        }
    } else {
        legend.push_str(&format!(" {} ", marks.join("  ")));
    }
    let max = usize::from(area.width.saturating_sub(2));
    Block::bordered()
        .border_style(t.border())
        .title(Span::styled(truncate(&title, max), t.title()))
        .title_bottom(Span::styled(truncate(&legend, max), t.dim()))
        .render(area, buf);
    let cw = usize::from(grid.cell_w);
    let issues = app.matrix_col.offset..(app.matrix_col.offset + grid.cols).min(m.issues.len());
    for (k, issue) in issues.clone().enumerate() {
        let x = grid.header.x + (k * cw) as u16;
        let style = if issue == app.issue {
            t.selected().patch(t.title())
        } else {
            t.title()
        };
        // The label on as many lines as the header has, broken between
        // words only ("Ukraine / in NATO", never "Ukrain / e in …"), a word
        // or the last line cut with `…` where it is too long. Numbered
        // where the column has room for it.
        let label = if cw > 10 {
            format!("{}. {}", issue + 1, m.issues[issue].label())
        } else {
            m.issues[issue].label().to_string()
        };
        let lines = wrap_words(&label, cw - 1, usize::from(grid.header.height));
        for (row, line) in lines.iter().enumerate() {
            buf.set_stringn(
                x,
                grid.header.y + row as u16,
                pad(line, cw - 1),
                cw - 1,
                style,
            );
        }
    }
    let actors = app.matrix_row.offset..(app.matrix_row.offset + grid.rows).min(m.actors.len());
    for (k, actor) in actors.enumerate() {
        let y = grid.names.y + k as u16;
        let row_selected = actor == app.matrix_row.selected;
        let style = if row_selected {
            t.selected().patch(t.title())
        } else {
            t.title()
        };
        let name = pad(
            &truncate(&m.actors[actor].name, nw.saturating_sub(1)),
            nw.saturating_sub(1),
        );
        buf.set_stringn(grid.names.x, y, name, nw, style);
        for (j, issue) in issues.clone().enumerate() {
            let x = grid.cells.x + (j * cw) as u16;
            let p = m.actors[actor].position_at(issue, app.min_basis());
            let numeric = m.issues[issue].is_numeric();
            let mut glyph = value_glyph(&m.issues[issue], p);
            if let Some(p) = p {
                glyph.push_str(p.basis.mark());
                if p.red_line {
                    glyph.push('!');
                }
                match app.position_mark(actor, issue) {
                    Some(Mark::Moved { was, .. }) => glyph.push_str(arrow(was, p.value)),
                    Some(Mark::New) => glyph.push('*'),
                    None => {}
                }
            }
            let mut style = t.position(&m.issues[issue], p);
            if row_selected && issue == app.issue {
                style = style.patch(t.selected());
            }
            // Numbers take the room the stance glyphs leave as margin.
            let text = if numeric && p.is_some() {
                format!("{glyph:>5}")
            } else {
                format!("  {glyph}")
            };
            buf.set_stringn(x, y, pad(&text, cw - 1), cw - 1, style);
        }
    }
}
