//! The screen shown while the model loads: drawn before the first byte is
//! parsed, so a big model never leaves the terminal blank.
//!
//! ```text
//!
//!            ⠹ loading m10k.yaml: 23.1 of 56.0 MB parsed (41%) · 3.2 s
//!                                q quits
//! ```

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// What the loading screen says; the event loop refreshes `parsed` and
/// `elapsed` before each frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    /// The file's name, made safe to show.
    pub name: String,
    /// The file's size, when known (not for the built-in model).
    pub size: Option<u64>,
    pub parsed: u64,
    pub elapsed: Duration,
}

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

impl Loading {
    /// The status line: what is read, how far, how long.
    pub fn line(&self) -> String {
        let tick = (self.elapsed.as_millis() / 100) as usize % SPINNER.len();
        let secs = self.elapsed.as_secs_f64();
        let progress = match self.size {
            Some(size) if size > 0 && self.parsed >= size => {
                format!(": {} parsed, checking", megabytes(size))
            }
            Some(size) if size > 0 => format!(
                ": {:.1} of {} parsed ({}%)",
                self.parsed as f64 / 1_000_000.0,
                megabytes(size),
                self.parsed.saturating_mul(100) / size
            ),
            _ => String::new(),
        };
        format!(
            "{} loading {}{progress} · {secs:.1} s",
            SPINNER[tick], self.name
        )
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

impl Widget for &Loading {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [_, middle, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(area);
        Paragraph::new(vec![Line::from(self.line()), Line::from("q quits")])
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(middle, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loading(parsed: u64, size: Option<u64>, ms: u64) -> Loading {
        Loading {
            name: "m10k.yaml".into(),
            size,
            parsed,
            elapsed: Duration::from_millis(ms),
        }
    }

    #[test]
    fn the_line_says_how_far_the_parse_got() {
        assert_eq!(
            loading(23_100_000, Some(56_000_000), 3_240).line(),
            "⠹ loading m10k.yaml: 23.1 of 56.0 MB parsed (41%) · 3.2 s"
        );
        assert_eq!(
            loading(56_000_000, Some(56_000_000), 7_000).line(),
            "⠋ loading m10k.yaml: 56.0 MB parsed, checking · 7.0 s"
        );
        assert_eq!(loading(0, None, 60).line(), "⠋ loading m10k.yaml · 0.1 s");
    }

    #[test]
    fn it_is_drawn_in_the_middle() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 5));
        (&loading(0, None, 0)).render(buf.area, &mut buf);
        let rows: Vec<String> = (0..5)
            .map(|y| (0..40).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        assert_eq!(rows[0].trim(), "");
        assert_eq!(rows[2].trim(), "⠋ loading m10k.yaml · 0.0 s");
        assert_eq!(rows[3].trim(), "q quits");
    }
}
