//! The fuzzy jump: a query, and the actors ranked by how well their name, id,
//! aliases or affiliation's name match it (fuzzy-matcher's skim algorithm).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::compare::Counts;
use crate::model::Model;

/// Which text of an actor matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Name,
    Id,
    Alias(usize),
    Affiliation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub actor: usize,
    pub score: i64,
    pub field: Field,
}

impl Match {
    /// The text that matched.
    pub fn text<'m>(&self, model: &'m Model) -> &'m str {
        let a = &model.actors[self.actor];
        match self.field {
            Field::Name => &a.name,
            Field::Id => &a.id,
            Field::Alias(i) => &a.aliases[i],
            Field::Affiliation => a.affiliation.map_or("", |i| &model.actors[i].name),
        }
    }
}

/// The longest query the jump box keeps: a longer paste is cut here, and the
/// box says so. No actor's name is anywhere near this long.
pub const MAX_QUERY: usize = 256;

pub struct Picker {
    pub query: String,
    /// Set when typing or a paste ran past [`MAX_QUERY`].
    pub capped: bool,
    pub matches: Vec<Match>,
    pub selected: usize,
    /// Agreement of every actor with the other pane's actor, and the counts
    /// it rests on, computed once when the picker opens (not per keystroke).
    pub agreement: Vec<(Option<f64>, Counts)>,
    /// The actor in the other pane: listed, marked, never picked (an actor
    /// compared with itself says nothing).
    pub other: Option<usize>,
    matcher: SkimMatcherV2,
    /// The query `matches` answers.
    searched: String,
}

/// Below this many actors one thread scores them faster than several.
const PARALLEL_FROM: usize = 20_000;

/// The best-scoring of an actor's texts (name, id, aliases, affiliation's
/// name) for the query, if any matches.
fn best_match(
    model: &Model,
    matcher: &SkimMatcherV2,
    actor: usize,
    q: &str,
    needle: &[char],
) -> Option<Match> {
    let a = &model.actors[actor];
    let fields = std::iter::once((Field::Name, a.name.as_str()))
        .chain(std::iter::once((Field::Id, a.id.as_str())))
        .chain(
            a.aliases
                .iter()
                .enumerate()
                .map(|(i, s)| (Field::Alias(i), s.as_str())),
        )
        .chain(
            a.affiliation
                .map(|i| (Field::Affiliation, model.actors[i].name.as_str())),
        );
    let mut best: Option<Match> = None;
    for (field, text) in fields {
        // A cheap in-order test first: most texts fail it, and only the rest
        // pay for the scoring.
        if !contains_in_order(text, needle) {
            continue;
        }
        if let Some(score) = matcher.fuzzy_match(text, q) {
            // Own names beat the affiliation's name.
            let score = if field == Field::Affiliation {
                score / 2
            } else {
                score
            };
            if best.as_ref().is_none_or(|b| score > b.score) {
                best = Some(Match {
                    actor,
                    score,
                    field,
                });
            }
        }
    }
    best
}

/// Whether `needle` (lowercase) occurs in `hay` in order, ignoring case:
/// necessary for any fuzzy match, and far cheaper than scoring one.
fn contains_in_order(hay: &str, needle: &[char]) -> bool {
    if hay.is_ascii() && needle.iter().all(char::is_ascii) {
        let mut want = needle.iter().map(|&c| c as u8);
        let Some(mut next) = want.next() else {
            return true;
        };
        for b in hay.bytes() {
            if b.to_ascii_lowercase() == next {
                match want.next() {
                    Some(n) => next = n,
                    None => return true,
                }
            }
        }
        return false;
    }
    let mut want = needle.iter();
    let Some(mut next) = want.next() else {
        return true;
    };
    for c in hay.chars().flat_map(char::to_lowercase) {
        if c == *next {
            match want.next() {
                Some(n) => next = n,
                None => return true,
            }
        }
    }
    false
}

impl Picker {
    pub fn new(model: &Model, agreement: Vec<(Option<f64>, Counts)>) -> Picker {
        let mut p = Picker {
            query: String::new(),
            capped: false,
            matches: Vec::new(),
            selected: 0,
            agreement,
            other: None,
            matcher: SkimMatcherV2::default().ignore_case(),
            searched: String::new(),
        };
        p.refresh(model, false);
        p
    }

    pub fn push(&mut self, model: &Model, c: char) {
        self.type_text(model, c.encode_utf8(&mut [0; 4]));
    }

    /// Types `text` at the end of the query as one edit (one search, however
    /// long the paste), up to [`MAX_QUERY`] characters. Line breaks and tabs
    /// become spaces; other control characters are dropped.
    pub fn type_text(&mut self, model: &Model, text: &str) {
        let clean = crate::sanitize::line(text);
        let room = MAX_QUERY.saturating_sub(self.query.chars().count());
        let mut taken = 0;
        for c in clean.chars() {
            if taken == room {
                self.capped = true;
                break;
            }
            self.query.push(c);
            taken += 1;
        }
        if taken > 0 {
            self.refresh(model, true);
        }
    }

    pub fn pop(&mut self, model: &Model) {
        self.query.pop();
        self.capped = false;
        self.refresh(model, false);
    }

    /// Replaces the query and searches every actor again.
    pub fn set_query(&mut self, model: &Model, query: &str) {
        self.query.clear();
        self.query.push_str(query);
        self.refresh(model, false);
    }

    /// Reaches `query` as a user would: backspacing to the common prefix,
    /// then typing on (each step narrows or widens the last result).
    pub fn set_query_by_typing(&mut self, model: &Model, query: &str) {
        while !query.starts_with(self.query.as_str()) {
            self.pop(model);
        }
        let rest: Vec<char> = query[self.query.len()..].chars().collect();
        for c in rest {
            self.push(model, c);
        }
    }

    pub fn clear(&mut self, model: &Model) {
        self.query.clear();
        self.capped = false;
        self.refresh(model, false);
    }

    pub fn selected_actor(&self) -> Option<usize> {
        self.matches.get(self.selected).map(|m| m.actor)
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.matches.len();
        if n > 0 {
            self.selected = self.selected.saturating_add_signed(delta).min(n - 1);
        }
    }

    /// Ranks every actor against the query: best score first, then model order.
    /// With `narrow`, a query that extends the last one searches only the
    /// last result: a fuzzy match of "lav" is also one of "la".
    fn refresh(&mut self, model: &Model, narrow: bool) {
        self.selected = 0;
        let q = self.query.trim().to_string();
        let narrowing =
            narrow && !self.searched.is_empty() && q.starts_with(self.searched.as_str());
        let candidates: Vec<usize> = if narrowing {
            let mut c: Vec<usize> = self.matches.iter().map(|m| m.actor).collect();
            c.sort_unstable();
            c
        } else {
            Vec::new()
        };
        self.searched.clone_from(&q);
        let q = q.as_str();
        if q.is_empty() {
            self.matches = (0..model.actors.len())
                .map(|actor| Match {
                    actor,
                    score: 0,
                    field: Field::Name,
                })
                .collect();
            return;
        }
        let needle: Vec<char> = q.chars().flat_map(char::to_lowercase).collect();
        let pool: Vec<usize> = if narrowing {
            candidates
        } else {
            (0..model.actors.len()).collect()
        };
        let matcher = &self.matcher;
        let best_of = |actor: usize| best_match(model, matcher, actor, q, &needle);
        // Scoring is the cost; on a big pool, share it among the cores.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let mut matches: Vec<Match> = if pool.len() >= PARALLEL_FROM && threads > 1 {
            let chunk = pool.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let workers: Vec<_> = pool
                    .chunks(chunk)
                    .map(|part| {
                        scope.spawn(move || {
                            part.iter().filter_map(|&a| best_of(a)).collect::<Vec<_>>()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    // A worker's panic is the user's to see, not a silent
                    // loss of matches: carry it on, and the TUI's panic hook
                    // restores the terminal before it is printed.
                    .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        } else {
            pool.iter().filter_map(|&a| best_of(a)).collect()
        };
        matches.sort_by(|a, b| b.score.cmp(&a.score).then(a.actor.cmp(&b.actor)));
        self.matches = matches;
    }

    /// The matched character positions of a match, for highlighting; computed
    /// only for the rows on screen.
    pub fn indices(&self, model: &Model, m: &Match) -> Vec<usize> {
        self.matcher
            .fuzzy_indices(m.text(model), self.query.trim())
            .map(|(_, i)| i)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &Picker, m: &Model) -> Vec<String> {
        p.matches
            .iter()
            .map(|x| m.actors[x.actor].id.clone())
            .collect()
    }

    #[test]
    fn lav_finds_russia_through_lavrov_first() {
        let m = crate::model::builtin().expect("model");
        let mut p = Picker::new(&m, vec![(None, Counts::default()); m.actors.len()]);
        assert_eq!(p.matches.len(), m.actors.len(), "empty query lists all");
        for c in "lav".chars() {
            p.push(&m, c);
        }
        assert_eq!(names(&p, &m).first().map(String::as_str), Some("russia"));
        p.clear(&m);
        for c in "ryabakov".chars() {
            p.push(&m, c);
        }
        assert_eq!(names(&p, &m).first().map(String::as_str), Some("russia"));
        let first = &p.matches[0];
        assert_eq!(first.text(&m), "Ryabakov");
        assert_eq!(p.indices(&m, first).len(), 8);
    }

    #[test]
    fn typing_on_narrows_and_backspace_widens_to_the_same_answers() {
        let m = crate::model::builtin().expect("model");
        let mut typed = Picker::new(&m, vec![(None, Counts::default()); m.actors.len()]);
        let mut fresh = Picker::new(&m, vec![(None, Counts::default()); m.actors.len()]);
        for q in ["r", "ru", "rus", "ru", "r", "", "m", "me", "mea"] {
            typed.set_query_by_typing(&m, q);
            fresh.set_query(&m, q);
            assert_eq!(names(&typed, &m), names(&fresh, &m), "{q:?}");
        }
    }

    #[test]
    fn scoring_on_several_threads_gives_the_same_ranking() {
        let y = crate::generate::yaml(&crate::generate::Spec::new(PARALLEL_FROM + 500, 1));
        let m = crate::model::from_str(&y, crate::model::Origin::BuiltIn).expect("model");
        let mut p = Picker::new(&m, Vec::new());
        p.set_query(&m, "lav");
        let needle: Vec<char> = "lav".chars().collect();
        let mut one_thread: Vec<Match> = (0..m.actors.len())
            .filter_map(|a| best_match(&m, &p.matcher, a, "lav", &needle))
            .collect();
        one_thread.sort_by(|a, b| b.score.cmp(&a.score).then(a.actor.cmp(&b.actor)));
        assert!(!one_thread.is_empty());
        assert_eq!(p.matches, one_thread);
    }

    #[test]
    fn the_in_order_test_ignores_case() {
        let n: Vec<char> = "lav".chars().collect();
        assert!(contains_in_order("Sergey LAVROV", &n));
        assert!(contains_in_order("l-a-v", &n));
        assert!(!contains_in_order("val", &n));
        assert!(contains_in_order("anything", &[]));
    }

    #[test]
    fn selection_stays_in_range() {
        let m = crate::model::builtin().expect("model");
        let mut p = Picker::new(&m, vec![(None, Counts::default()); m.actors.len()]);
        p.move_by(-5);
        assert_eq!(p.selected, 0);
        p.move_by(100);
        assert_eq!(p.selected, m.actors.len() - 1);
        for c in "zzzzqqq".chars() {
            p.push(&m, c);
        }
        assert!(p.matches.is_empty());
        p.move_by(1);
        assert_eq!(p.selected_actor(), None);
    }
}
