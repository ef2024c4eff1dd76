//! Drawing. Every function here only reads the [`App`], but for recording
//! what it measured for the next action ([`super::app::LayoutFacts`]); one
//! module per region or view.
//!
//! ```text
//! ┌ header: model title · view tabs ─────────────────────────────────────────┐
//! │ left actor  vs  right actor · agreement · counts · order · filter         │
//! ├ body: the view (compare panes | matrix | spectrum) ───────────────────────┤
//! ├ detail: the selected issue / cell / actor, wrapped ───────────────────────┤
//! └ footer: status · key hints (from the key table), two rows when narrow ────┘
//! ```

mod analysis;
mod compare;
pub(super) mod detail;
mod frame;
mod issue;
mod loading;
mod matrix;
pub(super) mod overlay;
mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Overlay, View};
use super::layout;
pub use loading::Loading;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if layout::too_small(area) {
            too_small(area, buf);
            return;
        }
        let screen = layout::screen(area, self.body_rows());
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
            View::Analysis => {
                analysis::body(self, screen.body, buf);
                analysis::detail(self, screen.detail, buf);
            }
            View::Timeline => {
                timeline::body(self, screen.body, buf);
                timeline::detail(self, screen.detail, buf);
            }
        }
        frame::footer(self, screen.footer, buf);
        if let Some(error) = &self.banner {
            banner(self, error, screen.detail, buf);
        }
        match &self.overlay {
            Overlay::None => {}
            Overlay::Picker(p) => overlay::picker(self, p, area, buf),
            Overlay::Help => overlay::help(self, area, buf),
            Overlay::Prompt(input) => overlay::prompt(self, input, area, buf),
            Overlay::Confirm(path) => overlay::confirm(self, path, area, buf),
        }
    }
}

/// The reload error, over the bottom of the detail panel, until the file
/// loads again.
fn banner(app: &App, error: &str, detail: Rect, buf: &mut Buffer) {
    // As tall as the wrapped error, borders included, and no taller.
    let w = usize::from(detail.width.saturating_sub(2)).max(1);
    let lines: usize = error
        .lines()
        .map(|l| crate::text::wrap(l, w).len().max(1))
        .sum();
    let h = detail
        .height
        .min(u16::try_from(lines + 2).unwrap_or(u16::MAX));
    let area = Rect {
        y: detail.bottom().saturating_sub(h),
        height: h,
        ..detail
    };
    Clear.render(area, buf);
    Paragraph::new(error.lines().map(Line::from).collect::<Vec<_>>())
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .border_style(app.theme.error())
                .title(Span::styled(
                    " The model file has an error — showing the last good model (r retries) ",
                    app.theme.error(),
                )),
        )
        .render(area, buf);
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
