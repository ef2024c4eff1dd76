//! The Issue view: one issue's spectrum, every actor placed in a column from
//! rejects to demands, plus a column for those with no stated position.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};

use crate::model::Stance;
use crate::text::{pad, truncate};
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::theme::stance_glyph;

pub fn body(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let m = app.model;
    let issue = &m.issues[app.issue];
    let title = format!(
        " Issue {}/{}: {} ",
        app.issue + 1,
        m.issues.len(),
        issue.title
    );
    Block::bordered()
        .border_style(t.border())
        .title(Span::styled(
            truncate(&title, usize::from(area.width.saturating_sub(2))),
            t.title(),
        ))
        .render(area, buf);
    let (cols, height) = layout::spectrum_columns(area);
    let stances: [Option<Stance>; 6] = [
        Some(Stance::Rejects),
        Some(Stance::Opposes),
        Some(Stance::Neutral),
        Some(Stance::Supports),
        Some(Stance::Demands),
        None,
    ];
    let selected = app.spectrum.get(app.spectrum_selected).copied();
    for (group, (rect, stance)) in cols.iter().zip(stances).enumerate() {
        let w = usize::from(rect.width.saturating_sub(1));
        if w == 0 {
            continue;
        }
        let members = app.spectrum_group(group);
        let word = stance.map_or("unknown", |s| s.word());
        let head = format!("{} {word} ({})", stance_glyph(stance), members.len());
        buf.set_stringn(
            rect.x,
            rect.y,
            pad(&truncate(&head, w), w),
            w,
            t.stance(stance).patch(t.title()),
        );
        let offset = app.spectrum_offset(group, height);
        for (k, &actor) in members.iter().skip(offset).take(height).enumerate() {
            let mut name = m.actors[actor].name.clone();
            if let Some(p) = m.actors[actor].position_at(app.issue, app.min_basis) {
                name.push_str(p.basis.mark());
                if p.red_line {
                    name.push_str(" !");
                }
            }
            let mut style = t.stance(stance);
            if Some(actor) == selected {
                style = style.patch(t.selected());
            }
            buf.set_stringn(
                rect.x,
                rect.y + 1 + k as u16,
                pad(&truncate(&name, w), w),
                w,
                style,
            );
        }
    }
}
