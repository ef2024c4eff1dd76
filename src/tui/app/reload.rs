//! A reload as one more action: the new model replaces the old, and what
//! the user was looking at survives by id (see [`Snapshot`]); the context
//! (where the model came from, where exports go) moves over whole.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, Filter, Order, Pair, Side, View};
use crate::model::{Basis, Model};
use crate::tui::theme::Theme;

/// What survives a reload, by id: the new model may have lost or reordered
/// actors and issues.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    left: String,
    right: String,
    focus: Side,
    view: View,
    /// The way back, by id (see `App::trail`).
    trail: Vec<(View, String, Option<String>)>,
    issue: String,
    order: Order,
    filter: Filter,
    min_basis: Basis,
    matrix_actor: String,
    detail_scroll: u16,
}

impl App {
    pub fn snapshot(&self) -> Snapshot {
        let m = &self.model;
        Snapshot {
            left: m.actors[self.left()].id.clone(),
            right: m.actors[self.right()].id.clone(),
            focus: self.focus,
            view: self.view,
            trail: self.trail_ids(),
            issue: m.issues[self.issue].id.clone(),
            order: self.order,
            filter: self.filter,
            min_basis: self.min_basis(),
            matrix_actor: m.actors[self.matrix_row.selected].id.clone(),
            detail_scroll: self.detail_scroll,
        }
    }

    /// A new App on `model`, showing what `snapshot` showed where it still
    /// exists.
    pub fn restored(model: Arc<Model>, s: &Snapshot, theme: Theme, viewport: Rect) -> App {
        let (dl, dr) = crate::compare::default_pair(&model);
        let left = model.actor_by_id(&s.left).unwrap_or(dl);
        let right = model.actor_by_id(&s.right).unwrap_or(dr);
        let matrix_actor = model.actor_by_id(&s.matrix_actor);
        let issue = model.issues.iter().position(|i| i.id == s.issue);
        let mut app = App::new(model, left, right, theme, viewport);
        app.comparison = Pair::new(&app.model, left, right, s.min_basis);
        app.focus = s.focus;
        app.order = s.order;
        app.filter = s.filter;
        app.view = s.view;
        if let Some(i) = issue {
            app.issue = i;
        }
        app.rebuild_rows();
        let issue = app.issue;
        app.set_issue(issue);
        if app.view == View::Analysis {
            app.rebuild_analysis();
        }
        app.restore_trail(&s.trail);
        if let Some(a) = matrix_actor {
            app.matrix_row.selected = a;
            app.sync_matrix();
        }
        if app.model.issues[app.issue].id == s.issue {
            app.detail_scroll = s.detail_scroll;
        }
        app
    }

    /// A reload finished: on a new model, the same actors, view, issue,
    /// order, filter and basis where they still exist; on an error, the
    /// last good model stays and the banner says what is wrong.
    pub(super) fn reloaded(&mut self, result: Result<Arc<Model>, String>) {
        match result {
            Ok(model) => {
                let snapshot = self.snapshot();
                let context = std::mem::take(&mut self.context);
                let next = App::restored(Arc::clone(&model), &snapshot, self.theme, self.viewport)
                    .with_context(context);
                // The what-if changes stay, on the new model as read.
                let mut what_if =
                    std::mem::replace(&mut self.what_if, super::WhatIf::new(Arc::clone(&model)));
                what_if.written = model;
                let since = self.since.take();
                // The old model (and what was built on it) goes before the
                // caller can ask for another load.
                *self = next;
                self.what_if = what_if;
                // What moved since OLD, again, against the new model.
                self.since = since;
                self.refresh_since(true);
                self.say("reloaded the model file", false);
                self.reapply_what_if();
            }
            Err(message) => {
                self.banner = Some(message);
                // The banner says what happened; an older "reloaded" must not.
                self.status = None;
            }
        }
    }
}
