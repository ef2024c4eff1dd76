//! A tmux server of the tests' own, with one shell in one pane: the real
//! binary in a real terminal, driven by keys and read from the screen.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_detente");

/// A tmux server of our own (its own socket), with one shell in one pane.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A missing tmux fails the test rather than skipping it: a test that
    /// passes without running proves nothing (`.ci/run` installs tmux).
    pub fn start(dir: &Path, width: u16, height: u16) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "the end-to-end tests need tmux: apt-get install tmux (.ci/run does)"
        );
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "detente-e2e-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux { socket };
        let status = Command::new("tmux")
            .args([
                "-L",
                &t.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "e2e",
            ])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg("-c")
            .arg(dir)
            .args([
                "env",
                "-u",
                "NO_COLOR",
                "PS1=$ ",
                "TERM=xterm-256color",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status()
            .expect("tmux runs");
        assert!(status.success());
        t
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// Presses named keys (`Enter`, `Escape`, `C-c`).
    pub fn press(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "e2e", key]);
        // A lone Escape followed at once by a key reads as Alt-key.
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits until the screen shows `what`, and returns it.
    /// Waits until the screen shows `what` and has stopped changing (a
    /// frame can arrive in several writes), and returns it.
    pub fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "never saw {what:?} on a settled screen; screen:\n{s}"
            );
            if s.contains(what) {
                std::thread::sleep(Duration::from_millis(40));
                let again = self.screen();
                if again == s {
                    return s;
                }
                continue;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs detente in the shell and waits for its first screen.
    pub fn run_detente(&self, args: &str) -> String {
        self.type_text(&format!("{BIN} {args}; echo EXIT=$?"));
        self.press("Enter");
        self.wait_for(" detente ")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
