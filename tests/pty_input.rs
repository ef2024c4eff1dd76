//! Input as a terminal emulator sends it: the real binary in a
//! pseudo-terminal that answers the cursor-position query (`ESC[6n`), honours
//! bracketed paste (`ESC[?2004h`) and keeps a screen (vt100) to read back.
//! tmux cannot stand in here: it paces what it sends, and these tests are
//! about bursts (a held key, a paste) arriving faster than one frame.

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

const ROWS: NonZeroU16 = NonZeroU16::new(40).unwrap();
const COLS: NonZeroU16 = NonZeroU16::new(120).unwrap();
/// What every burst must be done in, from the first byte sent to the exit.
const LIMIT: Duration = Duration::from_secs(2);

/// The binary under test: this build's, or another one named by
/// `DETENTE_PTY_BIN` (to measure a burst on an older build, before and after).
fn binary() -> String {
    std::env::var("DETENTE_PTY_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_detente").to_string())
}

struct Term {
    child: Child,
    master: File,
    screen: Arc<Mutex<vt100::Parser>>,
    /// The app asked for bracketed paste (`ESC[?2004h`) and has not turned it off.
    bracketed: Arc<AtomicBool>,
}

impl Term {
    /// Starts detente on the built-in model in a fresh pseudo-terminal, as
    /// the session leader with the terminal as its controlling one (as a
    /// terminal emulator starts a shell), and waits for its first screen.
    fn start() -> Term {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let size = Winsize {
            ws_row: ROWS.get(),
            ws_col: COLS.get(),
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&master, size).expect("window size");
        let slave = File::options()
            .read(true)
            .write(true)
            .open(name.to_str().expect("utf-8 pty name"))
            .expect("open the pty's slave");
        let child = Command::new("setsid")
            .arg("--ctty")
            .arg(binary())
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave))
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .spawn()
            .expect("start detente under setsid (util-linux)");
        let master = File::from(master);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let bracketed = Arc::new(AtomicBool::new(false));
        let reader = master.try_clone().expect("dup master");
        let answer = master.try_clone().expect("dup master");
        thread::spawn({
            let screen = Arc::clone(&screen);
            let bracketed = Arc::clone(&bracketed);
            move || emulate(reader, answer, &screen, &bracketed)
        });
        let mut t = Term {
            child,
            master,
            screen,
            bracketed,
        };
        t.wait_for("Compare", Duration::from_secs(20));
        t
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    /// Waits until the screen shows `text`; panics with the screen if it
    /// does not within `limit`.
    fn wait_for(&mut self, text: &str, limit: Duration) {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "{text:?} not on screen after {limit:?}:\n{}",
            self.contents()
        );
    }

    fn wait_until_gone(&mut self, text: &str, limit: Duration) {
        let start = Instant::now();
        while start.elapsed() < limit {
            if !self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "{text:?} still on screen after {limit:?}:\n{}",
            self.contents()
        );
    }

    /// Sends `bytes` from another thread: a write to a terminal blocks while
    /// the program does not read, and the test must go on timing it.
    fn send(&self, bytes: Vec<u8>) {
        let mut w = self.master.try_clone().expect("dup master");
        thread::spawn(move || {
            let _ = w.write_all(&bytes);
        });
    }

    /// Waits for the program to exit, up to `limit` after `since`; kills it
    /// and panics (with the screen) if it does not.
    fn expect_exit(&mut self, since: Instant, limit: Duration, what: &str) -> Duration {
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "{what}: exit status {status}");
                return since.elapsed();
            }
            if since.elapsed() > limit {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "{what}: still running {limit:?} after the input began:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The terminal emulator's side: draws everything the program writes into
/// the screen, answers the cursor-position query and follows the bracketed
/// paste switch. Ends when the program closes the terminal.
fn emulate(mut from: File, mut to: File, screen: &Mutex<vt100::Parser>, bracketed: &AtomicBool) {
    let mut buf = [0u8; 8192];
    // The last bytes of the previous read: a sequence may be split across two.
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let mut parser = screen.lock().expect("screen");
        parser.process(&buf[..n]);
        let mut seen = std::mem::take(&mut tail);
        seen.extend_from_slice(&buf[..n]);
        let queries: Vec<usize> = positions(&seen, b"\x1b[6n").collect();
        for _ in &queries {
            let (row, col) = parser.screen().cursor_position();
            let _ = write!(to, "\x1b[{};{}R", row + 1, col + 1);
        }
        if let Some(on) = last_switch(&seen) {
            bracketed.store(on, Ordering::Relaxed);
        }
        // Keep what may begin a sequence that the next read completes, but
        // nothing of a query already answered.
        let answered = queries.last().map_or(0, |&i| i + 4);
        tail = seen[seen.len().saturating_sub(7).max(answered)..].to_vec();
    }
}

fn positions<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    hay.windows(needle.len())
        .enumerate()
        .filter(move |(_, w)| *w == needle)
        .map(|(i, _)| i)
}

/// Whether the last bracketed-paste switch in `bytes` turns it on or off.
fn last_switch(bytes: &[u8]) -> Option<bool> {
    let on = positions(bytes, b"\x1b[?2004h").last();
    let off = positions(bytes, b"\x1b[?2004l").last();
    match (on, off) {
        (Some(a), Some(b)) => Some(a > b),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

fn keys_then_quit(count: usize) -> Duration {
    let mut t = Term::start();
    let mut bytes = vec![b'j'; count];
    bytes.push(b'q');
    let start = Instant::now();
    t.send(bytes);
    t.expect_exit(start, LIMIT, &format!("{count} keys then q"))
}

#[test]
fn four_thousand_keys_then_q_exit_at_once() {
    let took = keys_then_quit(4_000);
    eprintln!("4,000 keys then q: exited after {took:?}");
}

#[test]
fn twenty_thousand_keys_then_q_exit_at_once() {
    let took = keys_then_quit(20_000);
    eprintln!("20,000 keys then q: exited after {took:?}");
}

#[test]
fn a_long_paste_is_one_capped_edit_of_the_jump_box() {
    let mut t = Term::start();
    assert!(
        t.bracketed.load(Ordering::Relaxed),
        "the app did not ask for bracketed paste"
    );
    t.send(b"/".to_vec());
    t.wait_for("Jump to an actor", Duration::from_secs(5));
    // 20,000 characters whose line breaks, tab and Ctrl-C would be keys
    // (Enter picks, Ctrl-C quits) if the paste were typed: none of them may act.
    let piece = "lavrov\r\n\t\x03 ";
    let text: String = piece.chars().cycle().take(20_000).collect();
    let mut bytes = b"\x1b[200~".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(b"\x1b[201~");
    let start = Instant::now();
    t.send(bytes);
    t.wait_for("query cut at 256 characters", LIMIT);
    let screen = t.contents();
    assert!(screen.contains("Jump to an actor"), "{screen}");
    // The query keeps its end in view: "…" then the last pasted words.
    assert!(screen.contains("> …"), "{screen}");
    assert!(screen.contains("lavrov  lavrov"), "{screen}");
    t.send(b"\x1b".to_vec());
    t.wait_until_gone("Jump to an actor", LIMIT.saturating_sub(start.elapsed()));
    t.send(b"q".to_vec());
    let took = t.expect_exit(start, LIMIT, "a 20,000-character paste, Esc, q");
    eprintln!("20,000-character paste, Esc, q: exited after {took:?}");
}
