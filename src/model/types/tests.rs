//! Positions stored small and found by their issue.

use super::*;

/// A big model holds millions of positions, so their size is most of
/// the model's memory (the issue index lives in what would be padding).
#[test]
fn a_position_is_small() {
    assert!(std::mem::size_of::<Position>() <= 40);
}

#[test]
fn only_the_positions_taken_are_stored_and_each_is_found_by_its_issue() {
    let mut a = Actor::new("a".into(), "A".into(), None, None, Vec::new(), None, 1.0);
    a.set_positions(vec![
        None,
        Some(Position::new(2.0, Some(Stance::Demands))),
        None,
        None,
        Some(Position::new(-1.0, Some(Stance::Opposes))),
    ]);
    assert_eq!(a.positions().len(), 2);
    assert_eq!(a.positions()[1].issue(), 4);
    assert_eq!(a.position(1).map(|p| p.value), Some(2.0));
    assert_eq!(a.position(4).map(|p| p.value), Some(-1.0));
    for unknown in [0, 2, 3, 5, usize::MAX] {
        assert!(a.position(unknown).is_none(), "{unknown}");
    }
    let walked: Vec<Option<f64>> = a.by_issue(6).map(|p| p.map(|p| p.value)).collect();
    assert_eq!(walked, [None, Some(2.0), None, None, Some(-1.0), None]);
}

#[test]
fn a_walk_stops_at_the_issues_asked_for_and_knows_its_length() {
    let mut a = Actor::new("a".into(), "A".into(), None, None, Vec::new(), None, 1.0);
    assert_eq!(a.by_issue(3).collect::<Vec<_>>(), [None, None, None]);
    a.set_positions(vec![Some(Position::new(1.0, None)), None, None]);
    a.set_positions(vec![
        None,
        Some(Position::new(2.0, None)),
        None,
        Some(Position::new(3.0, None)),
    ]);
    assert_eq!(a.positions().len(), 2, "set anew, not added to");
    assert!(a.position(0).is_none());
    let mut walk = a.by_issue(2);
    assert_eq!(walk.len(), 2);
    assert!(walk.next().expect("issue 0").is_none());
    assert_eq!(walk.len(), 1);
    assert_eq!(walk.next().flatten().map(|p| p.value), Some(2.0));
    assert!(walk.next().is_none(), "issue 3 is past the two asked for");
    assert_eq!(a.by_issue(0).count(), 0);
}

#[test]
fn notes_are_boxed_only_when_present() {
    let bare = Position::new(2.0, Some(Stance::Demands)).with_notes(None, None, Box::default());
    assert!(bare.notes.is_none());
    assert_eq!(
        (bare.power(), bare.summary(), bare.evidence()),
        (None, None, &[][..])
    );
    let powered = Position::new(0.5, None).with_notes(Some(2.0), None, Box::default());
    assert_eq!(powered.power(), Some(2.0));
    assert!(powered.notes.is_none(), "power is inline");
    assert_eq!(
        powered,
        powered.clone(),
        "a position without power equals itself"
    );
    assert_ne!(powered, Position::new(0.5, None));
    let noted = Position::new(0.5, None).with_notes(None, Some("why".into()), Box::default());
    assert_eq!(noted.summary(), Some("why"));
    assert!(noted.notes.is_some());
    let quote = Evidence {
        quote: "q".into(),
        speaker: None,
        date: None,
        source: None,
    };
    let mut cited = Position::new(1.0, None).with_notes(None, None, Box::new([quote]));
    cited.evidence_mut()[0].source = Some(3);
    assert_eq!(cited.evidence()[0].source, Some(3));
    let mut bare = bare;
    assert!(bare.evidence_mut().is_empty());
}

fn water() -> Issue {
    let label = |at: f64, label: &str| ScaleLabel {
        at,
        label: label.into(),
    };
    Issue {
        id: "share".into(),
        title: "Water share".into(),
        short: None,
        description: None,
        tags: Vec::new(),
        scale: Some(Scale {
            min: 0.0,
            max: 100.0,
            labels: vec![
                label(0.0, "None"),
                label(50.0, "Equal split"),
                label(90.0, "90"),
            ],
            status_quo: None,
        }),
        outcome: None,
    }
}

#[test]
fn a_label_is_shown_only_where_the_value_sits_on_it_and_only_if_it_has_words() {
    let i = water();
    assert_eq!(i.describe(50.0), "50 (Equal split)");
    // 0..100 shows one decimal: 50.04 is shown as 50, so it sits on the label.
    assert_eq!(i.describe(50.04), "50 (Equal split)");
    assert_eq!(i.describe(50.1), "50.1");
    assert_eq!(i.describe(45.0), "45");
    assert_eq!(i.describe(60.0), "60");
    assert_eq!(i.describe(0.0), "0 (None)");
    // A bare number says nothing the value does not.
    assert_eq!(i.describe(90.0), "90");
}
