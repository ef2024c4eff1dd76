//! The terminal UI (docs/design.md, "The terminal UI"): state in `app`, input in `keymap`, drawing in
//! `ui`. This module owns the terminal: set-up, restore on every exit path,
//! signals, suspend, and the event loop.

pub mod action;
pub mod app;
mod effect;
pub mod keymap;
pub mod layout;
mod loader;
pub mod picker;
pub mod theme;
mod ui;

use std::collections::VecDeque;
use std::io::{self, Stdout, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
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

use action::{Action, Effect};
use app::{App, Context};
use theme::Theme;

use crate::model::{LoadError, Model};
use ui::Loading;

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

/// Why the TUI stopped before the user could quit it.
#[derive(Debug)]
pub enum Error<E> {
    Terminal(io::Error),
    /// The model did not load; printed once the terminal is restored.
    Load(LoadError),
    /// The loaded model could not open as asked (e.g. an unknown actor).
    Open(E),
}

impl<E> From<io::Error> for Error<E> {
    fn from(e: io::Error) -> Self {
        Error::Terminal(e)
    }
}

/// Runs the TUI until the user quits, or SIGTERM/SIGHUP arrive (then it
/// returns that signal's number). It takes the terminal and draws a loading
/// screen at once, loads the model (`path`, or the built-in one) on another
/// thread, asks `open` for the first pair and `what_if` for the changes to
/// start from (a scenario, whether it is unsaved, and what did not apply),
/// which the App keeps applied through every reload. With a `path`, the
/// file is watched and reloaded when it is saved. With `since` (OLD's file
/// name and model), every view marks what moved since it.
pub fn run<E>(
    path: Option<PathBuf>,
    since: Option<(String, Model)>,
    what_if: impl FnOnce(&Model) -> (crate::scenario::Scenario, bool, Vec<String>),
    open: impl FnOnce(&Model) -> Result<(usize, usize), E>,
) -> Result<Option<i32>, Error<E>> {
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
    let mut loading = Loading {
        name: path.as_deref().map_or_else(
            || "the built-in model".to_string(),
            |p| crate::sanitize::line(&p.file_name().unwrap_or(p.as_os_str()).to_string_lossy()),
        ),
        size: path
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| m.len()),
        parsed: 0,
        elapsed: Duration::ZERO,
    };
    let context = match &path {
        Some(p) => Context::file(
            p.clone(),
            std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        ),
        None => Context {
            export_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            ..Context::built_in()
        },
    };
    let loader = loader::Loader::start(path);
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
    let model = match wait_for_model(&mut terminal, &loader, &stop, &mut loading)? {
        Some(Ok(model)) => model,
        Some(Err(e)) => return Err(Error::Load(e)),
        None => return Ok(stopped_by(&stop)),
    };
    let (left, right) = open(&model).map_err(Error::Open)?;
    let size = terminal.size()?;
    let viewport = Rect::new(0, 0, size.width, size.height);
    let (scenario, unsaved, notes) = what_if(&model);
    let mut app =
        App::new(Arc::new(model), left, right, Theme::from_env(), viewport).with_context(context);
    if let Some((name, old)) = since {
        app = app.with_since(name, Arc::new(old));
    }
    let mut app = app.with_scenario(scenario, unsaved, &notes);
    event_loop(&mut terminal, &mut app, &stop, &loader)?;
    Ok(stopped_by(&stop))
}

/// The signal that stopped the TUI, if one did.
fn stopped_by(stop: &AtomicUsize) -> Option<i32> {
    let signal = stop.load(Ordering::Relaxed);
    (signal != 0).then_some(signal as i32)
}

/// How often the loading screen is drawn again (its spinner and seconds).
const LOADING_FRAME: Duration = Duration::from_millis(100);

/// Shows the loading screen until the first load ends, handling the keys
/// that still mean something: `q`, `Esc` or `Ctrl-C` quit at once (`None`;
/// the loading thread dies with the process), and a resize redraws.
fn wait_for_model(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    loader: &loader::Loader,
    stop: &AtomicUsize,
    screen: &mut Loading,
) -> io::Result<Option<Result<Model, LoadError>>> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let started = Instant::now();
    let mut next_frame = started;
    while stop.load(Ordering::Relaxed) == 0 {
        while let Some(report) = loader.try_recv() {
            if let loader::Report::Done(result) = report {
                return Ok(Some(result));
            }
        }
        if Instant::now() >= next_frame {
            screen.parsed = loader.parsed();
            screen.elapsed = started.elapsed();
            terminal.draw(|f| f.render_widget(&*screen, f.area()))?;
            next_frame = Instant::now() + LOADING_FRAME;
        }
        // Short polls: the first screen follows the load within 20 ms.
        if !event::poll(Duration::from_millis(20))? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let ctrl_c =
                    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl_c || matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) {
                    return Ok(None);
                }
            }
            Event::Resize(..) => {
                terminal.autoresize()?;
                next_frame = Instant::now();
            }
            _ => {}
        }
    }
    Ok(None)
}

/// The longest a burst of input is handled before the screen is drawn again:
/// a held key or an endless paste still shows progress.
const BATCH_BUDGET: Duration = Duration::from_millis(50);

/// What the event loop hands work to: the loader (reloads) and the
/// simulation threads, which answer on `answers`.
struct Workers<'a> {
    loader: &'a loader::Loader,
    answers: Sender<Action>,
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    stop: &AtomicUsize,
    loader: &loader::Loader,
) -> io::Result<()> {
    let (answers, answered): (Sender<Action>, Receiver<Action>) = mpsc::channel();
    let workers = Workers { loader, answers };
    let mut dirty = true;
    while !app.quit && stop.load(Ordering::Relaxed) == 0 {
        while let Some(report) = workers.loader.try_recv() {
            let action = match report {
                loader::Report::Started => Action::Reloading,
                loader::Report::Done(result) => {
                    Action::Reloaded(result.map(Arc::new).map_err(|e| e.to_string()))
                }
            };
            apply(terminal, app, action, &workers)?;
            dirty = true;
        }
        while let Ok(action) = answered.try_recv() {
            apply(terminal, app, action, &workers)?;
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
                        let text = Action::Type(std::mem::take(&mut typed));
                        apply(terminal, app, text, &workers)?;
                    }
                    apply(terminal, app, action, &workers)?;
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
            apply(terminal, app, Action::Type(typed), &workers)?;
        }
        dirty = true;
    }
    Ok(())
}

/// Hands one action to the app and carries out the effects it asks for
/// (the terminal and the loader are the event loop's), handing each answer
/// back to the app in turn.
fn apply(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    action: Action,
    workers: &Workers,
) -> io::Result<()> {
    if let Action::Resize { .. } = action {
        terminal.autoresize()?;
    }
    let mut pending = VecDeque::from([action]);
    while let Some(action) = pending.pop_front() {
        for effect in app.update(action) {
            match effect {
                Effect::Suspend => suspend(terminal)?,
                Effect::Reload => workers.loader.request(),
                Effect::Simulate {
                    ticket,
                    model,
                    basis,
                    rounds,
                } => effect::simulate(ticket, model, basis, rounds, workers.answers.clone()),
                Effect::WriteExport {
                    path,
                    contents,
                    overwrite,
                } => pending.push_back(effect::write_export(path, &contents, overwrite)),
                Effect::WriteScenario {
                    path,
                    contents,
                    overwrite,
                    model,
                } => pending.push_back(effect::write_scenario(
                    path,
                    &contents,
                    overwrite,
                    model.as_deref(),
                )),
            }
        }
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
