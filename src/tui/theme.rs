//! Colours and text attributes. With `NO_COLOR` every style drops its colour
//! but keeps its modifiers, and every meaning is still carried by a glyph
//! or a word.

use ratatui::style::{Color, Modifier, Style};

use crate::compare::Verdict;
use crate::model::{Issue, Position, Stance};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn stance(self, s: Option<Stance>) -> Style {
        match s {
            Some(Stance::Demands) => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Some(Stance::Supports) => self.fg(Color::Green),
            Some(Stance::Neutral) => self.fg(Color::Yellow),
            Some(Stance::Opposes) => self.fg(Color::Red),
            Some(Stance::Rejects) => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            None => self.fg(Color::DarkGray),
        }
    }

    /// A position's style on its issue: the stance colours on a stance
    /// issue; on a numeric one low and high are not for and against, so one
    /// colour for every known value.
    pub fn position(self, issue: &Issue, p: Option<&Position>) -> Style {
        match (issue.is_numeric(), p) {
            (false, p) => self.stance(p.and_then(|p| p.stance)),
            (true, Some(_)) => self.fg(Color::Cyan),
            (true, None) => self.fg(Color::DarkGray),
        }
    }

    pub fn verdict(self, v: Verdict, red_line: bool) -> Style {
        match v {
            Verdict::Agree => self.fg(Color::Green),
            Verdict::Partial => self.fg(Color::Yellow),
            Verdict::Conflict if red_line => self
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Verdict::Conflict => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Verdict::Unknown => self.fg(Color::DarkGray),
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn focused_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn highlight(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A mark of what moved (since OLD, or by a what-if change).
    pub fn moved(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }
}
