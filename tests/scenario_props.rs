//! Whatever a scenario file or a `--set` holds, detente answers with a
//! message, never a panic, and its messages carry no raw control character.

use std::path::Path;

use detente::scenario::{Scenario, SetArg};
use proptest::prelude::*;

const WHAT_IF: &str = include_str!("fixtures/scenario/what-if.yaml");
const TALKS: &str = include_str!("fixtures/scenario/talks.yaml");

fn clean(message: &str) -> bool {
    !message
        .chars()
        .any(|c| c.is_control() && c != '\n' || ('\u{80}'..='\u{9f}').contains(&c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A byte of what-if.yaml replaced by an arbitrary character.
    #[test]
    fn a_mutated_scenario_reads_or_says_why(at in 0usize..WHAT_IF.len(), c in any::<char>()) {
        let mut text: Vec<char> = WHAT_IF.chars().collect();
        let at = at.min(text.len() - 1);
        text[at] = c;
        let text: String = text.into_iter().collect();
        let model = detente::model::from_str(TALKS, detente::model::Origin::BuiltIn).expect("loads");
        match Scenario::from_str(&text, Path::new("s.yaml")) {
            Ok(s) => {
                let _ = s.base_differs(&model);
                let (_, stale) = s.apply(model);
                for st in stale {
                    prop_assert!(clean(&st.to_string()), "{st}");
                }
            }
            Err(e) => prop_assert!(clean(&e.to_string()), "{e}"),
        }
    }

    /// Any text after `--set`.
    #[test]
    fn any_set_parses_or_says_why(text in "\\PC{0,40}|[a-z:=.0-9\u{1b}\u{9b}-]{0,30}") {
        let model = detente::model::from_str(TALKS, detente::model::Origin::BuiltIn).expect("loads");
        match text.parse::<SetArg>() {
            Ok(set) => {
                prop_assert!(clean(&set.to_string()), "{set}");
                if let Err(reason) = set.change(&model) {
                    prop_assert!(clean(&detente::sanitize::line(&reason)));
                }
            }
            Err(e) => prop_assert!(clean(&e.to_string()), "{e}"),
        }
    }
}
