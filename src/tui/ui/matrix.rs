//! The Matrix view: every actor × every issue, each cell the stance glyph in
//! its colour, scrolled in both directions. Only the cells on screen are
//! built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};

use crate::present::value_glyph;
use crate::text::{pad, truncate};
use crate::tui::app::App;
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
    let legend = " ++ demands  + supports  0 neutral  - opposes  -- rejects  · unknown  ! red line  ʳ reported  ⁱ inferred ";
    let max = usize::from(area.width.saturating_sub(2));
    Block::bordered()
        .border_style(t.border())
        .title(Span::styled(truncate(&title, max), t.title()))
        .title_bottom(Span::styled(truncate(legend, max), t.dim()))
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
        // The label on as many lines as the header has, the last cut with
        // `…`: "NATO / non-ex…", "NATO / back t…" tell apart what five
        // letters ("NATO …") did not.
        // Numbered where the column has room for it.
        let label = if cw > 10 {
            format!("{}. {}", issue + 1, m.issues[issue].label())
        } else {
            m.issues[issue].label().to_string()
        };
        let lines = header_lines(&label, cw - 1, usize::from(grid.header.height));
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
    let nw = usize::from(grid.names.width);
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

/// `label` wrapped into at most `rows` lines of `w` columns, the last one
/// cut with `…` when more was left.
fn header_lines(label: &str, w: usize, rows: usize) -> Vec<String> {
    if w == 0 || rows == 0 {
        return Vec::new();
    }
    let wrapped = crate::text::wrap(label, w);
    if wrapped.len() <= rows {
        return wrapped;
    }
    let mut lines: Vec<String> = wrapped[..rows - 1].to_vec();
    let rest = wrapped[rows - 1..].join(" ");
    lines.push(truncate(&rest, w));
    lines
}

#[cfg(test)]
mod tests {
    use super::header_lines;

    #[test]
    fn headers_wrap_onto_their_rows_and_cut_the_last() {
        assert_eq!(header_lines("NATO back to 1997", 6, 2), ["NATO", "back …"]);
        assert_eq!(header_lines("12. Arms", 13, 2), ["12. Arms"]);
        assert_eq!(
            header_lines("1. NATO non-expansion", 13, 2),
            ["1. NATO", "non-expansion"]
        );
        assert_eq!(header_lines("anything", 0, 2), Vec::<String>::new());
    }
}
