//! The terminal UI (SPEC §4): state in `app`, input in `keymap`, drawing in
//! `ui`. This module owns the terminal: set-up, restore on every exit path,
//! signals, suspend, and the event loop.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod picker;
pub mod theme;
mod ui;

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;

use action::Action;
use app::App;
use theme::Theme;

use crate::model::Model;

/// Puts the terminal back as it was: raw mode off, main screen, cursor shown,
/// mouse capture off. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
}

fn setup_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Restores the terminal when dropped: on return, on `?`, and on unwinding.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Runs the TUI until the user quits, or SIGTERM/SIGHUP arrive.
pub fn run(model: &Model, left: usize, right: usize) -> io::Result<()> {
    // A panic restores the terminal before its message is printed.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }

    setup_terminal()?;
    let _guard = Guard;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    let size = terminal.size()?;
    let mut app = App::new(
        model,
        left,
        right,
        Theme::from_env(),
        Rect::new(0, 0, size.width, size.height),
    );
    if let Ok(dir) = std::env::current_dir() {
        app.export_dir = dir;
    }
    event_loop(&mut terminal, &mut app, &stop)
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    stop: &AtomicBool,
) -> io::Result<()> {
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
            dirty = false;
        }
        // Wake up now and then to notice signals.
        if !event::poll(Duration::from_millis(200))? {
            continue;
        }
        let Some(action) = to_action(app, event::read()?) else {
            continue;
        };
        if action == Action::Suspend {
            suspend(terminal)?;
        } else {
            if let Action::Resize { .. } = action {
                terminal.autoresize()?;
            }
            app.update(action);
        }
        dirty = true;
    }
    Ok(())
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap::action_for(app.mode(), key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::Down(_) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// `Ctrl-Z`: give the terminal back, stop, and take it again on `fg`.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    restore_terminal();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Here after SIGCONT.
    setup_terminal()?;
    terminal.clear()?;
    Ok(())
}
