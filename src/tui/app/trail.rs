//! Going to a view, and `Esc` back: the trail of views behind the one on
//! screen (see [`App::trail`]). A view key or an `Enter` that opens a view
//! goes to it; `Esc` goes back one step, restoring what was selected there.

use super::{App, View, Visit};

impl App {
    /// Shows `view`, with the issue and actors of now. The view left goes
    /// on the trail, as it is now; a view already on the trail is gone
    /// back to instead, and what was above it is forgotten, so the trail
    /// never holds a view twice and never grows past the number of views.
    pub(super) fn go_to(&mut self, view: View) {
        if self.step_to(view) {
            self.arrive();
        }
    }

    /// The Issue view, on `issue`.
    pub(super) fn open_issue(&mut self, issue: usize) {
        self.step_to(View::Issue);
        // In the Issue view, `set_issue` builds the spectrum.
        self.set_issue(issue);
    }

    /// `Esc`: back to the view below on the trail, on the issue and actor it
    /// had when it was left (the pair, basis, order and filter stay as they
    /// are now); in the first view, quit.
    pub(super) fn back(&mut self) {
        let Some(visit) = self.trail.pop() else {
            self.request_quit();
            return;
        };
        self.view = visit.view;
        self.detail_scroll = 0;
        self.set_issue(visit.issue);
        match (visit.view, visit.actor) {
            (View::Matrix, Some(actor)) => self.matrix_row.selected = actor,
            (View::Issue, Some(actor)) => {
                if let Some(k) = self.spectrum.iter().position(|&a| a == actor) {
                    self.spectrum_selected = k;
                }
            }
            _ => {}
        }
        // The Issue view's spectrum was built by `set_issue`.
        if visit.view != View::Issue {
            self.arrive();
        }
    }

    /// Keeps the trail for a move to `view` and makes it the view on
    /// screen, leaving [`App::arrive`] to the caller; false if it already
    /// was.
    pub(super) fn step_to(&mut self, view: View) -> bool {
        if view == self.view {
            return false;
        }
        match self.trail.iter().position(|v| v.view == view) {
            Some(k) => self.trail.truncate(k),
            None => {
                let here = self.visit();
                self.trail.push(here);
            }
        }
        self.view = view;
        self.detail_scroll = 0;
        true
    }

    /// The view on screen as it would be left now.
    fn visit(&self) -> Visit {
        let actor = match self.view {
            View::Matrix => Some(self.matrix_row.selected),
            View::Issue => self.spectrum.get(self.spectrum_selected).copied(),
            View::Compare | View::Analysis | View::Timeline => None,
        };
        Visit {
            view: self.view,
            issue: self.issue,
            actor,
        }
    }

    /// Brings what the view on screen shows up to date: what is only kept
    /// while a view is open is rebuilt when it opens.
    pub(super) fn arrive(&mut self) {
        match self.view {
            // The issue is the selected row's, where the filter hides the
            // one another view was on: `Enter` opens what is highlighted.
            View::Compare => {
                if let Some(r) = self.selected_row() {
                    let issue = self.comparison.rows[r].issue;
                    if !self
                        .rows
                        .iter()
                        .any(|&k| self.comparison.rows[k].issue == self.issue)
                    {
                        self.set_issue(issue);
                    }
                }
            }
            View::Matrix => self.sync_matrix(),
            View::Issue => self.rebuild_spectrum(),
            View::Analysis => self.rebuild_analysis(),
            View::Timeline => {}
        }
    }

    /// The trail after a reload onto a model that may have lost or moved
    /// issues and actors: each visit's, found again by id, or the issue on
    /// screen now and no actor cursor where they are gone.
    pub(super) fn restore_trail(&mut self, trail: &[(View, String, Option<String>)]) {
        let m = &self.model;
        self.trail = trail
            .iter()
            .map(|(view, issue, actor)| Visit {
                view: *view,
                issue: m
                    .issues
                    .iter()
                    .position(|i| i.id == *issue)
                    .unwrap_or(self.issue),
                actor: actor.as_deref().and_then(|a| m.actor_by_id(a)),
            })
            .collect();
    }

    /// The trail by id, for a reload.
    pub(super) fn trail_ids(&self) -> Vec<(View, String, Option<String>)> {
        let m = &self.model;
        self.trail
            .iter()
            .map(|v| {
                (
                    v.view,
                    m.issues[v.issue].id.clone(),
                    v.actor.map(|a| m.actors[a].id.clone()),
                )
            })
            .collect()
    }
}
