//! The closed vocabularies of a model: stances, bases and kinds of actor.

use std::fmt;

/// A stance on the -2..=2 scale (docs/design.md, "Stance scale").
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

    /// The stance closest to `x` on the -2..=2 scale (a forecast between two).
    pub fn nearest(x: f64) -> Stance {
        let v = x.round().clamp(-2.0, 2.0) as i64;
        Stance::from_value(v).unwrap_or(Stance::Neutral)
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

/// Where a position comes from (`basis`; docs/design.md, "Basis and minimum basis"). Ordered from the weakest
/// to the strongest, so `p.basis >= min` says whether a position counts
/// under a minimum basis (docs/design.md, "Basis and minimum basis").
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
    pub const ALL: [ActorKind; 4] = [
        ActorKind::State,
        ActorKind::Organization,
        ActorKind::Person,
        ActorKind::Group,
    ];

    pub fn from_word(word: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.word() == word)
    }

    pub fn word(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
        }
    }
}
