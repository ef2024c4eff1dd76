//! Live reload: a watcher on the model file's directory (editors often save
//! by writing a new file and renaming it over the old one), and a thread
//! that debounces the events and loads the model off the UI thread, so a
//! large model never freezes the screen.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::model::{self, LoadError, Model};

pub struct Reloader {
    requests: Sender<()>,
    results: Receiver<Result<Model, LoadError>>,
    // Kept alive for as long as the reloader: dropping it stops watching.
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Reloader {
    pub fn start(path: PathBuf) -> Reloader {
        let (requests, incoming) = mpsc::channel::<()>();
        let (send_result, results) = mpsc::channel();
        let watcher = watch(&path, requests.clone());
        std::thread::spawn(move || {
            while incoming.recv().is_ok() {
                // Let a burst of events (write, rename, chmod) settle.
                std::thread::sleep(Duration::from_millis(60));
                while incoming.try_recv().is_ok() {}
                if send_result.send(model::load(&path)).is_err() {
                    return;
                }
            }
        });
        Reloader {
            requests,
            results,
            _watcher: watcher,
        }
    }

    /// Reload now (the `r` key).
    pub fn request(&self) {
        let _ = self.requests.send(());
    }

    /// The newest finished load, if any.
    pub fn try_recv(&self) -> Option<Result<Model, LoadError>> {
        let mut last = None;
        while let Ok(r) = self.results.try_recv() {
            last = Some(r);
        }
        last
    }
}

/// Watches the directory of `path` for changes to that file. Without a
/// watcher (no inotify), `r` still reloads by hand.
fn watch(path: &Path, requests: Sender<()>) -> Option<notify::RecommendedWatcher> {
    let name = path.file_name()?.to_os_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        if event
            .paths
            .iter()
            .any(|p| p.file_name() == Some(name.as_os_str()))
        {
            let _ = requests.send(());
        }
    })
    .ok()?;
    watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}
