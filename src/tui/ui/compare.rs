//! The Compare view: issues | left pane | verdict gutter | right pane, one
//! row per issue. Only the rows on screen are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use crate::model::{Issue, Position};
use crate::present::{stance_glyph, verdict_glyph};
use crate::text::{pad, truncate, truncate_marked, width};
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
    legend(app, &panes, buf);

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
        for (rect, p, actor) in [
            (left, row.left, app.left()),
            (right, row.right, app.right()),
        ] {
            let note = app.change_note(actor, row.issue);
            let line = cell(app, &m.issues[row.issue], p, note, usize::from(rect.width));
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

/// Below this many columns a pane shows a stance as its glyph alone.
const NARROW_PANE: usize = 36;

/// What the glyphs mean, on the bottom border under both panes: the
/// stances' where the panes show glyphs alone, then the gutter's verdicts,
/// as many whole entries as fit.
fn legend(app: &App, panes: &layout::Panes, buf: &mut Buffer) {
    let narrow = usize::from(inner(panes.left).width) < NARROW_PANE;
    let stances = [
        "++ demands",
        "+ supports",
        "0 neutral",
        "- opposes",
        "-- rejects",
        "· unknown",
    ];
    let verdicts = [
        "= agree",
        "~ partial",
        "✗ conflict",
        "!✗! red line",
        "? unknown",
    ];
    let shown = if narrow { &stances[..] } else { &[] };
    let numbers: &[&str] = if app.model.issues.iter().any(|i| i.is_numeric()) {
        &["# a position on the scale"]
    } else {
        &[]
    };
    let moved: &[&str] = if app.marks_shown() {
        &["↑↓ moved"]
    } else {
        &[]
    };
    let x = panes.left.x + 1;
    let room = usize::from(panes.right.right().saturating_sub(x + 1));
    let mut text = String::from(" ");
    for e in shown.iter().chain(numbers).chain(moved).chain(&verdicts) {
        if width(&text) + width(e) + 2 > room {
            break;
        }
        text.push_str(e);
        text.push_str("  ");
    }
    text.pop();
    if text.trim().is_empty() {
        return;
    }
    let y = panes.left.bottom().saturating_sub(1);
    buf.set_stringn(x, y, &text, room, app.theme.dim());
}

/// `++ demands  Insists on legally binding…`, padded to `w` columns; a
/// reported or inferred position carries its mark (`rejectsʳ`), a red line `!`;
/// a position that moved, its `note` (`↑ was 30`) before the summary.
fn cell<'a>(
    app: &App,
    issue: &Issue,
    p: Option<&'a Position>,
    note: Option<String>,
    w: usize,
) -> Line<'a> {
    let t = app.theme;
    let stance = p.and_then(|p| p.stance);
    let word = match (p, issue.is_numeric()) {
        (None, _) => "unknown".to_string(),
        (Some(_), false) => stance.map_or("", |s| s.word()).to_string(),
        // A number, and the nearest label where the scale has them.
        (Some(p), true) => issue.describe(p.value),
    };
    let mut mark = String::new();
    if let Some(p) = p {
        mark.push_str(p.basis.mark());
        if p.red_line {
            mark.push('!');
        }
    }
    let glyph = match (issue.is_numeric(), p) {
        (true, Some(_)) => "#",
        (true, None) => "·",
        (false, _) => stance_glyph(stance),
    };
    // A narrow pane gives the summary the stance word's room: the glyph
    // says it (the legend below the panes spells it out). It cuts the
    // word or the number's label, never the marks.
    let narrow = w < NARROW_PANE && !issue.is_numeric();
    let head = if narrow {
        format!("{} ", pad(&format!("{glyph}{mark}"), 4))
    } else {
        let cols = if issue.is_numeric() { 18 } else { 10 }.min(w.saturating_sub(3));
        let word = truncate_marked(&word, &mark, cols);
        // A note follows the word at once: it must not lose its room to
        // the padding that lines the summaries up.
        let word = if note.is_some() {
            word
        } else {
            pad(&word, cols)
        };
        truncate(&format!("{glyph:<2} {word} "), w)
    };
    let mut rest = w.saturating_sub(crate::text::width(&head));
    let mut spans = vec![Span::styled(head, t.position(issue, p))];
    // With the glyph alone, a position without a summary (or none at all)
    // still says its stance in words, before any note.
    let own = p.and_then(|p| p.summary());
    let mut summary = match own {
        Some(s) => s,
        None if narrow => stance.map_or("unknown", |s| s.word()),
        None => "",
    };
    if let Some(note) = note {
        if own.is_none() && !summary.is_empty() {
            let word = truncate(&format!("{summary} "), rest);
            rest = rest.saturating_sub(width(&word));
            spans.push(Span::raw(word));
            summary = "";
        }
        let note = truncate(&format!("{note}  "), rest);
        rest = rest.saturating_sub(width(&note));
        spans.push(Span::styled(note, t.moved()));
    }
    spans.push(Span::raw(pad(&truncate(summary, rest), rest)));
    Line::from(spans)
}
