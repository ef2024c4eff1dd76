//! The validated domain model. Built only by [`crate::model::load`], so every
//! invariant the validator checks (unique slugs, known references, stances in
//! range) holds for every value of these types.

use std::collections::HashMap;
use std::fmt;

/// A stance on the -2..=2 scale of SPEC §1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    Rejects,
    Opposes,
    Neutral,
    Supports,
    Demands,
}

impl Stance {
    pub const ALL: [Stance; 5] = [
        Stance::Rejects,
        Stance::Opposes,
        Stance::Neutral,
        Stance::Supports,
        Stance::Demands,
    ];

    pub fn value(self) -> i8 {
        match self {
            Stance::Rejects => -2,
            Stance::Opposes => -1,
            Stance::Neutral => 0,
            Stance::Supports => 1,
            Stance::Demands => 2,
        }
    }

    pub fn from_value(value: i64) -> Option<Stance> {
        Stance::ALL
            .into_iter()
            .find(|s| i64::from(s.value()) == value)
    }

    pub fn word(self) -> &'static str {
        match self {
            Stance::Rejects => "rejects",
            Stance::Opposes => "opposes",
            Stance::Neutral => "neutral",
            Stance::Supports => "supports",
            Stance::Demands => "demands",
        }
    }

    pub fn from_word(word: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.word() == word)
    }

    /// The value with its sign, as people write it: `+2`, `0`, `-1`.
    pub fn signed(self) -> String {
        format!("{:+}", self.value()).replace("+0", "0")
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// Where a position comes from (SPEC §1 `basis`). Ordered from the weakest
/// to the strongest, so `p.basis >= min` says whether a position counts
/// under a minimum basis (SPEC §2 "Which positions count").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// The modeller's reading of indirect evidence or behaviour.
    Inferred,
    /// A third party reports the actor's position.
    Reported,
    /// The actor, or someone speaking for it, says it.
    #[default]
    Stated,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Stated, Basis::Reported, Basis::Inferred];

    pub fn word(self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Reported => "reported",
            Basis::Inferred => "inferred",
        }
    }

    pub fn from_word(word: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.word() == word)
    }

    /// The mark after a stance wherever space is short: nothing for a stated
    /// position, `ʳ` reported, `ⁱ` inferred (explained in every legend).
    pub fn mark(self) -> &'static str {
        match self {
            Basis::Stated => "",
            Basis::Reported => "ʳ",
            Basis::Inferred => "ⁱ",
        }
    }

    /// As a minimum basis: which positions count.
    pub fn counting(self) -> &'static str {
        match self {
            Basis::Inferred => "all positions",
            Basis::Reported => "stated and reported",
            Basis::Stated => "stated only",
        }
    }

    /// The next minimum basis in the TUI's cycle: all → stated and reported
    /// → stated only → all.
    pub fn next_min(self) -> Basis {
        match self {
            Basis::Inferred => Basis::Reported,
            Basis::Reported => Basis::Stated,
            Basis::Stated => Basis::Inferred,
        }
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    State,
    Organization,
    Person,
    Group,
}

impl ActorKind {
    pub fn word(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub id: String,
    pub title: String,
    pub short: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
}

impl Issue {
    /// The label for narrow columns: `short` when given, else the title.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.title)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub quote: String,
    pub speaker: Option<String>,
    pub date: Option<String>,
    /// Index into [`Model::sources`].
    pub source: Option<usize>,
}

/// Boxed text and slices keep this small: a model has one per actor and
/// issue, stated or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub stance: Stance,
    pub basis: Basis,
    pub red_line: bool,
    pub salience: f64,
    pub summary: Option<Box<str>>,
    pub evidence: Box<[Evidence]>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: Option<ActorKind>,
    /// Index into [`Model::actors`].
    pub affiliation: Option<usize>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// One slot per issue, in the model's issue order; `None` is *unknown*.
    pub positions: Vec<Option<Position>>,
}

impl Actor {
    pub fn position(&self, issue: usize) -> Option<&Position> {
        self.positions.get(issue).and_then(Option::as_ref)
    }

    /// The position on `issue` if it counts under the minimum basis `min`;
    /// a weaker one is unknown, as if it were not in the model.
    pub fn position_at(&self, issue: usize, min: Basis) -> Option<&Position> {
        self.position(issue).filter(|p| p.basis >= min)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub title: String,
    pub description: Option<String>,
    pub sources: Vec<Source>,
    pub issues: Vec<Issue>,
    pub actors: Vec<Actor>,
    pub(crate) actor_index: HashMap<String, usize>,
}

impl Model {
    pub fn actor_by_id(&self, id: &str) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    /// The actor's name with its kind and affiliation, e.g.
    /// `Malcolm Rifkind (person, United Kingdom)`.
    pub fn actor_label(&self, actor: usize) -> String {
        let a = &self.actors[actor];
        let mut parts = Vec::new();
        if let Some(kind) = a.kind {
            parts.push(kind.word().to_string());
        }
        if let Some(aff) = a.affiliation {
            parts.push(self.actors[aff].name.clone());
        }
        if parts.is_empty() {
            a.name.clone()
        } else {
            format!("{} ({})", a.name, parts.join(", "))
        }
    }

    /// How many positions are stated in the whole model.
    pub fn position_count(&self) -> usize {
        self.actors
            .iter()
            .map(|a| a.positions.iter().flatten().count())
            .sum()
    }
}
