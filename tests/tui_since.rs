//! Snapshots of what moved: `detente talks-2.yaml --since talks-1.yaml`
//! (tests/fixtures/diff: China moved on cuts 10 → 30 and on the review
//! opposes → supports, the islands took a review position, India and the
//! adaptation issue are new), and a what-if change (China's cuts 30 → 35),
//! in Compare, Matrix and Issue at 80×24, 120×40 and 200×60.

use std::path::Path;
use std::sync::Arc;

use detente::model::{self, Model, resolve_actor};
use detente::tui::action::Action;
use detente::tui::app::App;
use detente::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn talks(n: u8) -> Model {
    let p = format!("tests/fixtures/diff/talks-{n}.yaml");
    model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).expect("talks fixture")
}

const SIZES: &[(u16, u16)] = &[(80, 24), (120, 40), (200, 60)];

/// China (left, focused) and the EU on talks-2, since talks-1 if asked.
fn app(since: bool, w: u16, h: u16) -> App {
    let m = talks(2);
    let l = resolve_actor(&m, "china").expect("china");
    let r = resolve_actor(&m, "eu").expect("eu");
    let app = App::new(
        Arc::new(m),
        l,
        r,
        Theme { color: true },
        Rect::new(0, 0, w, h),
    );
    if since {
        app.with_since("talks-1.yaml".into(), Arc::new(talks(1)))
    } else {
        app
    }
}

fn snapshot(name: &str, since: bool, actions: &[Action]) {
    for &(w, h) in SIZES {
        let mut app = app(since, w, h);
        for a in actions {
            app.update(a.clone());
        }
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        t.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn since_screens() {
    // The cuts row: China ↑ was 10.
    snapshot("since_compare", true, &[Action::Down]);
    snapshot("since_matrix", true, &[Action::ShowMatrix]);
    // The number line of cuts: China at 30, a hollow mark at 10.
    snapshot("since_issue_cuts", true, &[Action::Down, Action::Open]);
    // The review's spectrum: China supports, was opposes; the islands new.
    snapshot(
        "since_issue_review",
        true,
        &[Action::Down, Action::Down, Action::Open],
    );
}

#[test]
fn what_if_screens() {
    let nudged = [Action::Down, Action::Nudge { up: true }];
    snapshot("whatif_compare", false, &nudged);
    snapshot(
        "whatif_matrix",
        false,
        &[&nudged[..], &[Action::ShowMatrix]].concat(),
    );
    snapshot(
        "whatif_issue_cuts",
        false,
        &[&nudged[..], &[Action::Open]].concat(),
    );
    // Both: the what-if baseline (30) wins over talks-1's (10).
    snapshot("both_compare", true, &nudged);
}
