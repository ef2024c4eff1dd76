//! Drawing. Every function here only reads the [`App`]; one module per region
//! or view.
//!
//! ```text
//! ┌ header: model title · view tabs ─────────────────────────────────────────┐
//! │ left actor  vs  right actor · alignment · counts · order · filter         │
//! ├ body: the view (compare panes | matrix | spectrum) ───────────────────────┤
//! ├ detail: the selected issue / cell / actor, wrapped ───────────────────────┤
//! └ footer: status · key hints (from the key table) ──────────────────────────┘
//! ```

mod compare;
mod detail;
mod frame;
mod issue;
mod matrix;
mod overlay;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Overlay, View};
use super::layout;

impl Widget for &App<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if layout::too_small(area) {
            too_small(area, buf);
            return;
        }
        let screen = layout::screen(area);
        frame::header(self, screen.header, buf);
        match self.view {
            View::Compare => {
                compare::body(self, screen.body, buf);
                detail::compare(self, screen.detail, buf);
            }
            View::Matrix => {
                matrix::body(self, screen.body, buf);
                detail::matrix(self, screen.detail, buf);
            }
            View::Issue => {
                issue::body(self, screen.body, buf);
                detail::issue(self, screen.detail, buf);
            }
        }
        frame::footer(self, screen.footer, buf);
        match &self.overlay {
            Overlay::None => {}
            Overlay::Picker(p) => overlay::picker(self, p, area, buf),
            Overlay::Help => overlay::help(self, area, buf),
            Overlay::Prompt(input) => overlay::prompt(self, input, area, buf),
            Overlay::Confirm(path) => overlay::confirm(self, path, area, buf),
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let text = vec![
        Line::from("terminal too small"),
        Line::from(format!(
            "{}×{}, need {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        )),
        Line::from("q quits"),
    ];
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
