//! The Analysis view driven by actions. The lists themselves are the pure
//! functions of `crate::analysis` (tested against hand-worked tables there);
//! here: that the view shows them for the right pair, focus and basis.

use super::*;
use crate::compare::Comparison;
use crate::model::{self, Basis, resolve_actor};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use std::sync::Arc;

use crate::tui::app::View;
use crate::tui::app::tests::{app, id};

#[test]
fn a_opens_it_for_the_pair_and_the_focused_actor() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::ShowAnalysis);
    assert_eq!(a.view, View::Analysis);
    assert_eq!(a.mode(), crate::tui::keymap::Mode::Analysis);
    assert_eq!(
        a.analysis.cruxes,
        cruxes(&a.comparison.comparison(&a.model))
    );
    assert_eq!(
        a.analysis.trades,
        trades(&a.comparison.comparison(&a.model))
    );
    assert_eq!(id(&a, a.analysis.ranked), "russia");
    assert_eq!(a.analysis.closest.len(), m.actors.len() - 1);
    // The red-line conflict on NATO non-expansion comes first.
    assert_eq!(m.issues[a.analysis.cruxes[0]].id, "nato-non-expansion");
    assert_eq!(a.analysis.selected(), Selected::Crux(a.analysis.cruxes[0]));
}

#[test]
fn enter_on_a_ranked_actor_makes_it_the_other_side() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::ShowAnalysis);
    a.update(Action::Right);
    assert_eq!(a.analysis.pane, AnalysisPane::Closest);
    let Selected::Actor(first) = a.analysis.selected() else {
        panic!("an actor is selected")
    };
    a.update(Action::Open);
    assert_eq!(a.view, View::Analysis, "stays in the view");
    assert_eq!(a.left(), resolve_actor(&m, "russia").expect("russia"));
    assert_eq!(a.right(), first.actor);
    assert_eq!(
        a.analysis.cruxes,
        cruxes(&a.comparison.comparison(&a.model)),
        "for the new pair"
    );
    assert_eq!(id(&a, a.analysis.ranked), "russia", "the ranking stays");
    // Tab: ranked for the other actor now; Enter replaces the left side.
    a.update(Action::ToggleFocus);
    assert_eq!(a.analysis.ranked, first.actor);
    a.update(Action::Down);
    let Selected::Actor(second) = a.analysis.selected() else {
        panic!("an actor is selected")
    };
    a.update(Action::Open);
    assert_eq!((a.left(), a.right()), (second.actor, first.actor));
}

#[test]
fn it_follows_swap_jump_and_basis() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::ShowAnalysis);
    a.update(Action::Swap);
    assert_eq!(id(&a, a.analysis.ranked), "united-states");
    assert_eq!(
        a.analysis.cruxes,
        cruxes(&a.comparison.comparison(&a.model))
    );
    // The United States (now left) and Russia: the best trade has the US
    // give way on NATO non-expansion and Russia on de-escalation, each on
    // what is its own to decide (the model's power rule).
    let best = a.analysis.trades.first().expect("the pair has trades");
    assert_eq!(
        (
            m.issues[best.left.issue].id.as_str(),
            m.issues[best.right.issue].id.as_str()
        ),
        ("nato-non-expansion", "de-escalation")
    );
    a.update(Action::OpenPicker);
    for c in "rifk".chars() {
        a.update(Action::Type(c.to_string()));
    }
    a.update(Action::Accept);
    assert_eq!(id(&a, a.analysis.ranked), "rifkind");
    // An analyst has no say on any issue (power 0): nothing to give way on,
    // so no trade, where the pair before had ten.
    assert!(a.analysis.trades.is_empty(), "{:?}", a.analysis.trades);
    assert_eq!(
        a.analysis.trades,
        trades(&a.comparison.comparison(&a.model))
    );
    for _ in 0..2 {
        a.update(Action::CycleBasis);
    }
    assert_eq!(a.min_basis(), Basis::Stated);
    let stated = Comparison::at(&m, a.left(), a.right(), Basis::Stated);
    assert_eq!(a.analysis.cruxes, cruxes(&stated));
    assert_eq!(
        a.analysis.closest,
        closest(&m, a.focused_actor(), Basis::Stated)
    );
}

#[test]
fn a_reload_keeps_the_view() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::ShowAnalysis);
    let snap = a.snapshot();
    let b = App::restored(
        Arc::new(m.clone()),
        &snap,
        Theme { color: false },
        Rect::new(0, 0, 120, 40),
    );
    assert_eq!(b.view, View::Analysis);
    assert_eq!(b.analysis.cruxes, a.analysis.cruxes);
    assert_eq!(b.analysis.closest, a.analysis.closest);
}

#[test]
fn moving_clicking_and_opening_a_crux() {
    let m = model::builtin().expect("model");
    let mut a = app(&m);
    a.update(Action::ShowAnalysis);
    a.update(Action::Bottom);
    let n = a.analysis.points();
    assert_eq!(a.analysis.point, n - 1);
    assert!(matches!(a.analysis.selected(), Selected::Trade(_)));
    a.update(Action::Top);
    // Click the third line of the left list: the second crux (line 0 is
    // the heading).
    let [points, near] = layout::analysis_panes(a.screen().body);
    let inner = layout::inner(points);
    a.update(Action::Click {
        column: inner.x + 2,
        row: inner.y + 2,
    });
    assert_eq!(a.analysis.point, 1);
    let crux = a.analysis.cruxes[1];
    // A click on the ranking's third row selects the third actor.
    let inner = layout::inner(near);
    a.update(Action::Click {
        column: inner.x + 2,
        row: inner.y + 3,
    });
    assert_eq!(
        (a.analysis.pane, a.analysis.near),
        (AnalysisPane::Closest, 2)
    );
    a.update(Action::Left);
    a.update(Action::Open);
    assert_eq!(a.view, View::Issue);
    assert_eq!(a.issue, crux);
}

#[test]
fn nothing_to_show_breaks_nothing() {
    let m = crate::model::from_str(
        "title: t\nissues: [{id: i, title: t}]\nactors: [{id: a, name: A}, {id: b, name: B}]\n",
        crate::model::Origin::BuiltIn,
    )
    .expect("valid");
    let mut a = App::new(
        Arc::new(m.clone()),
        0,
        1,
        Theme { color: true },
        Rect::new(0, 0, 80, 24),
    );
    a.update(Action::ShowAnalysis);
    for action in [
        Action::Down,
        Action::Bottom,
        Action::Open,
        Action::Right,
        Action::Open,
    ] {
        a.update(action);
    }
    assert_eq!(a.analysis.points(), 0);
    assert_eq!(a.view, View::Analysis);
    assert_eq!(
        a.right(),
        1,
        "b is the only other actor, already the other side"
    );
    let mut buf = ratatui::buffer::Buffer::empty(a.viewport);
    ratatui::widgets::Widget::render(&a, a.viewport, &mut buf);
}
