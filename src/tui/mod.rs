//! The terminal UI (SPEC §4): state in `app`, input in `keymap`, drawing in
//! `ui`. This module owns the terminal: set-up, restore on every exit path,
//! signals, suspend, and the event loop.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod picker;
mod reload;
pub mod theme;
mod ui;

use std::io::{self, Stdout, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;

use action::Action;
use app::App;
use theme::Theme;

use crate::model::{Model, Origin};

/// Puts the terminal back as it was: raw mode off, main screen, cursor shown,
/// mouse capture off. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
}

fn setup_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Restores the terminal when dropped: on return, on `?`, and on unwinding.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// How one run of the event loop ended.
enum Outcome {
    Quit,
    /// The model file changed and loaded: start again on the new model.
    Reloaded(Model),
}

/// Runs the TUI until the user quits, or SIGTERM/SIGHUP arrive (then it
/// returns that signal's number). With a `path`, the model file is watched
/// and reloaded when it is saved.
pub fn run(
    model: Model,
    path: Option<PathBuf>,
    left: usize,
    right: usize,
) -> io::Result<Option<i32>> {
    // A panic restores the terminal before its message is printed.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    // The number of the signal that asks us to stop, or 0.
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    let origin = path.clone().map_or(Origin::BuiltIn, Origin::of_path);
    let reloader = path.map(reload::Reloader::start);
    exit_on_hangup();

    setup_terminal()?;
    let _guard = Guard;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    // Tests of the panic path only: debug builds, never the shipped release.
    #[cfg(debug_assertions)]
    if std::env::var_os("DETENTE_TEST_PANIC").is_some() {
        terminal.draw(|f| {
            f.render_widget(ratatui::widgets::Paragraph::new("about to panic"), f.area())
        })?;
        std::thread::sleep(Duration::from_millis(300));
        panic!("injected panic (DETENTE_TEST_PANIC, debug builds only)");
    }
    let theme = Theme::from_env();
    let export_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut model = model;
    let mut snapshot = None;
    loop {
        let size = terminal.size()?;
        let viewport = Rect::new(0, 0, size.width, size.height);
        let mut app = match &snapshot {
            Some(s) => App::restored(&model, s, theme, viewport),
            None => App::new(&model, left, right, theme, viewport),
        };
        app.export_dir = export_dir.clone();
        app.origin = origin.clone();
        if snapshot.is_some() {
            app.status = Some(app::Status {
                text: "reloaded the model file".into(),
                error: false,
            });
        }
        match event_loop(&mut terminal, &mut app, &stop, reloader.as_ref())? {
            Outcome::Quit => {
                let signal = stop.load(Ordering::Relaxed);
                return Ok((signal != 0).then_some(signal as i32));
            }
            Outcome::Reloaded(new) => {
                snapshot = Some(app.snapshot());
                drop(app);
                model = new;
            }
        }
    }
}

/// The longest a burst of input is handled before the screen is drawn again:
/// a held key or an endless paste still shows progress.
const BATCH_BUDGET: Duration = Duration::from_millis(50);

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    stop: &AtomicUsize,
    reloader: Option<&reload::Reloader>,
) -> io::Result<Outcome> {
    let mut dirty = true;
    while !app.quit && stop.load(Ordering::Relaxed) == 0 {
        if let Some(result) = reloader.and_then(reload::Reloader::try_recv) {
            match result {
                Ok(model) => return Ok(Outcome::Reloaded(model)),
                Err(e) => {
                    app.banner = Some(e.to_string());
                    // The banner says what happened; an older "reloaded" must not.
                    app.status = None;
                }
            }
            dirty = true;
        }
        if dirty {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
            dirty = false;
        }
        // Wake up now and then to notice signals and reloads.
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        // Everything already waiting is handled before the next frame, so a
        // burst of keys or a paste costs one frame, not one per key; typed
        // characters in a row reach the jump box as one edit (one search).
        let started = Instant::now();
        let mut typed = String::new();
        loop {
            match to_action(app, event::read()?) {
                Some(Action::Type(text)) => typed.push_str(&text),
                Some(action) => {
                    if !typed.is_empty() {
                        app.update(Action::Type(std::mem::take(&mut typed)));
                    }
                    apply(terminal, app, action, reloader)?;
                }
                None => {}
            }
            // A zero timeout would not look at the terminal at all with
            // crossterm's `use-dev-tty` source; one millisecond does.
            if app.quit
                || started.elapsed() >= BATCH_BUDGET
                || !event::poll(Duration::from_millis(1))?
            {
                break;
            }
        }
        if !typed.is_empty() && !app.quit {
            app.update(Action::Type(typed));
        }
        dirty = true;
    }
    Ok(Outcome::Quit)
}

/// Carries out one action; the few that need the terminal or the model file
/// are done here, the rest by the app.
fn apply(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    action: Action,
    reloader: Option<&reload::Reloader>,
) -> io::Result<()> {
    match action {
        Action::Suspend => suspend(terminal)?,
        Action::Reload => match reloader {
            Some(r) => r.request(),
            None => {
                app.status = Some(app::Status {
                    text: "the built-in model has no file to reload".into(),
                    error: true,
                })
            }
        },
        Action::Resize { .. } => {
            terminal.autoresize()?;
            app.update(action);
        }
        _ => app.update(action),
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
        // Bracketed paste: the text arrives whole, never as keys (a newline
        // in it is not Enter).
        Event::Paste(text) => Some(Action::Type(text)),
        _ => None,
    }
}

/// Ends the process when the terminal goes away (a closed window, a killed
/// tmux): crossterm's reader loops forever on a hung-up terminal (it never
/// leaves its read loop on end-of-file), so the event loop would never see
/// SIGHUP's flag. There is nothing left to restore; exit as SIGHUP would.
fn exit_on_hangup() {
    use rustix::event::{PollFd, PollFlags, poll};
    std::thread::spawn(|| {
        let stdin = std::io::stdin();
        loop {
            let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
            match poll(&mut fds, None) {
                Ok(_) => {
                    let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
                    if fds[0].revents().intersects(gone) {
                        std::process::exit(129);
                    }
                }
                Err(rustix::io::Errno::INTR) => {}
                Err(_) => return,
            }
        }
    });
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
