//! The Compare view: issues | left pane | verdict gutter | right pane, one
//! row per issue. Only the rows on screen are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use crate::model::{Issue, Position};
use crate::present::{stance_glyph, verdict_glyph};
use crate::text::{pad, truncate};
use crate::tui::app::{App, Filter, Side};
use crate::tui::layout::{self, inner};

pub fn body(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let panes = layout::compare_panes(area);
    let m = &*app.model;
    let pane_block = |side: Side, actor: usize| {
        let focused = app.focus == side;
        let name = &m.actors[actor].name;
        let title = if focused {
            format!(" ▶ {name} ")
        } else {
            format!(" {name} ")
        };
        let block = Block::bordered().title(Span::styled(
            truncate(&title, usize::from(panes.left.width.saturating_sub(2))),
            if focused {
                t.focused_border()
            } else {
                t.title()
            },
        ));
        if focused {
            block
                .border_type(BorderType::Thick)
                .border_style(t.focused_border())
        } else {
            block.border_style(t.border())
        }
    };
    // What the filter and the order are, where the rows are.
    let title = match app.filter {
        Filter::All => format!(" Issues {} ", m.issues.len()),
        f => format!(" {} {}/{} ", f.word(), app.rows.len(), m.issues.len()),
    };
    let filtered = app.filter != Filter::All;
    Block::bordered()
        .border_style(if filtered {
            t.focused_border()
        } else {
            t.border()
        })
        .title(Span::styled(title, t.title()))
        .title_bottom(Span::styled(format!(" {} ", app.order.word()), t.dim()))
        .render(panes.issues, buf);
    pane_block(Side::Left, app.left()).render(panes.left, buf);
    pane_block(Side::Right, app.right()).render(panes.right, buf);

    let (issues, left, right) = (inner(panes.issues), inner(panes.left), inner(panes.right));
    let gutter = panes.gutter;
    if app.rows.is_empty() {
        let msg = format!("nothing matches “{}” — f to change", app.filter.word());
        buf.set_stringn(left.x, left.y, msg, usize::from(left.width), t.dim());
        return;
    }
    let visible = app
        .rows
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(usize::from(issues.height));
    for (screen_row, (i, &r)) in visible.enumerate() {
        let y = issues.y + screen_row as u16;
        let row = app.row(r);
        let selected = i == app.list.selected;
        let sel = |s: Style| if selected { s.patch(t.selected()) } else { s };
        let label = m.issues[row.issue].label();
        let iw = usize::from(issues.width);
        buf.set_stringn(
            issues.x,
            y,
            pad(&truncate(label, iw), iw),
            iw,
            sel(t.title()),
        );
        for (rect, p) in [(left, row.left), (right, row.right)] {
            let line = cell(app, &m.issues[row.issue], p, usize::from(rect.width));
            let line = if selected {
                line.patch_style(t.selected())
            } else {
                line
            };
            buf.set_line(rect.x, y, &line, rect.width);
        }
        if gutter.width > 0 {
            buf.set_stringn(
                gutter.x,
                y,
                verdict_glyph(row.verdict, row.red_line),
                usize::from(gutter.width),
                sel(t.verdict(row.verdict, row.red_line)),
            );
        }
    }
}

/// `++ demands  Insists on legally binding…`, padded to `w` columns; a
/// reported or inferred position carries its mark (`rejectsʳ`), a red line `!`.
fn cell<'a>(app: &App, issue: &Issue, p: Option<&'a Position>, w: usize) -> Line<'a> {
    let t = app.theme;
    let stance = p.and_then(|p| p.stance);
    let mut word = match (p, issue.is_numeric()) {
        (None, _) => "unknown".to_string(),
        (Some(_), false) => stance.map_or("", |s| s.word()).to_string(),
        // A number, and the nearest label where the scale has them.
        (Some(p), true) => truncate(&issue.describe(p.value), 16),
    };
    if let Some(p) = p {
        word.push_str(p.basis.mark());
        if p.red_line {
            word.push('!');
        }
    }
    let glyph = match (issue.is_numeric(), p) {
        (true, Some(_)) => "#",
        (true, None) => "·",
        (false, _) => stance_glyph(stance),
    };
    let cols = if issue.is_numeric() { 18 } else { 10 };
    let head = truncate(&format!("{glyph:<2} {} ", pad(&word, cols)), w);
    let rest = w.saturating_sub(crate::text::width(&head));
    let summary = p.and_then(|p| p.summary()).unwrap_or("");
    Line::from(vec![
        Span::styled(head, t.position(issue, p)),
        Span::raw(pad(&truncate(summary, rest), rest)),
    ])
}
