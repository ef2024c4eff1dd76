//! Loading the model off the UI thread: the first load, while the screen
//! says so, and every reload after it (`r`, or the file saved). A watcher on
//! the model file's directory (editors often save by writing a new file and
//! renaming it over the old one) asks for a reload; one thread debounces
//! the requests and loads.
//!
//! Every load runs on that one thread, so a reload reuses the memory the
//! first load's parser freed (glibc gives each thread its own arena: a
//! reload on another thread than the first load left ~all of that load's
//! peak behind and held twice the memory).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::model::{self, LoadError, Model};

/// What the loading thread reports.
#[derive(Debug)]
pub enum Report {
    /// A load began; `parsed` counts from zero again.
    Started,
    Done(Result<Model, LoadError>),
}

pub struct Loader {
    requests: Sender<()>,
    reports: Receiver<Report>,
    /// Bytes of the file the current load has parsed.
    parsed: Arc<AtomicU64>,
    // Kept alive for as long as the loader: dropping it stops watching.
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Loader {
    /// Starts loading `path` (the built-in model without one) at once, and
    /// watches the file for changes.
    pub fn start(path: Option<PathBuf>) -> Loader {
        let (requests, incoming) = mpsc::channel::<()>();
        let (report, reports) = mpsc::channel();
        let parsed = Arc::new(AtomicU64::new(0));
        let watcher = path.as_deref().and_then(|p| watch(p, requests.clone()));
        let counter = Arc::clone(&parsed);
        let load = move || {
            counter.store(0, Ordering::Relaxed);
            match &path {
                Some(p) => model::load_counting(p, &counter),
                None => model::builtin(),
            }
        };
        std::thread::spawn(move || {
            if report.send(Report::Done(load())).is_err() {
                return;
            }
            while incoming.recv().is_ok() {
                if report.send(Report::Started).is_err() {
                    return;
                }
                // Let a burst of events (write, rename, chmod) settle.
                std::thread::sleep(Duration::from_millis(60));
                while incoming.try_recv().is_ok() {}
                if report.send(Report::Done(load())).is_err() {
                    return;
                }
            }
        });
        Loader {
            requests,
            reports,
            parsed,
            _watcher: watcher,
        }
    }

    /// Reload now (the `r` key).
    pub fn request(&self) {
        let _ = self.requests.send(());
    }

    /// Bytes the current load has parsed so far.
    pub fn parsed(&self) -> u64 {
        self.parsed.load(Ordering::Relaxed)
    }

    /// The next report, if one is waiting.
    pub fn try_recv(&self) -> Option<Report> {
        self.reports.try_recv().ok()
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
