//! Deterministic synthetic models, for benchmarks and tests: N actors × M
//! issues with realistic name lengths, aliases, affiliations, summaries and
//! evidence, and a share of unknown positions. The same seed always gives
//! the same YAML.

use std::fmt::Write;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub actors: usize,
    pub issues: usize,
    pub seed: u64,
    /// The share of actor × issue pairs with no stated position.
    pub unknown: f64,
    /// The share of issues on a 0–100 scale (with a status quo and an
    /// outcome), as in the EU decision-making datasets; the rest are stance
    /// issues. Numeric models also give actors a power.
    pub numeric: f64,
    /// Numeric positions shaped like the DEU III data set ([`Spec::deu_iii`])
    /// rather than spread evenly over the scale.
    pub clustered: bool,
}

impl Spec {
    pub fn new(actors: usize, issues: usize) -> Spec {
        Spec {
            actors,
            issues,
            seed: 2022,
            unknown: 0.4,
            numeric: 0.0,
            clustered: false,
        }
    }

    /// Every issue numeric: the shape of the field's datasets.
    pub fn numeric(actors: usize, issues: usize) -> Spec {
        Spec {
            numeric: 1.0,
            unknown: 0.1,
            ..Spec::new(actors, issues)
        }
    }

    /// Numeric issues shaped like the DEU III data set of EU legislative
    /// proposals (docs/performance.md says what is assumed): on each issue
    /// the actors cluster on a few reference points (the status quo, the
    /// Commission's proposal, the two ends of the scale, a compromise),
    /// saliences vary in steps of 10, powers are the EU's weighted votes,
    /// and each issue leaves its own share of the actors without a position
    /// (`unknown` on average).
    pub fn deu_iii(actors: usize, issues: usize) -> Spec {
        Spec {
            clustered: true,
            unknown: DEU_UNKNOWN,
            ..Spec::numeric(actors, issues)
        }
    }
}

/// The average share of actors without a position on a DEU-III-shaped
/// issue: it gives a 30 × 364 model about 1.4 million candidate exchanges
/// in round 1, the figure of the real data set.
const DEU_UNKNOWN: f64 = 0.35;

/// The weighted votes of the 27 member states in the Council (Nice
/// treaty), powers of a DEU-III-shaped model's actors in turn.
const COUNCIL_VOTES: [u32; 27] = [
    29, 29, 29, 29, 27, 27, 14, 13, 12, 12, 12, 12, 12, 10, 10, 10, 7, 7, 7, 7, 7, 4, 4, 4, 4, 4, 3,
];

/// One DEU-III-shaped issue: its reference points, and the share of the
/// actors stating no position on it.
struct Clustered {
    status_quo: usize,
    proposal: usize,
    compromise: usize,
    unknown: f64,
}

impl Clustered {
    fn new(rng: &mut Rng, unknown: f64) -> Clustered {
        // The status quo mostly at an end of the scale (no legislation
        // yet), the proposal somewhere towards the other end.
        let status_quo = if rng.chance(0.6) {
            0
        } else {
            10 * rng.below(6)
        };
        let proposal = (status_quo + 30 + 10 * rng.below(8)).min(100);
        Clustered {
            status_quo,
            proposal,
            compromise: (status_quo + proposal) / 2,
            unknown: (2.0 * unknown * rng.below(101) as f64 / 100.0).min(0.95),
        }
    }

    /// Where one actor stands: on a reference point, rarely in between.
    fn position(&self, rng: &mut Rng) -> usize {
        let roll = rng.below(100);
        match roll {
            0..35 => self.proposal,
            35..60 => self.status_quo,
            60..75 => 100,
            75..80 => 0,
            80..95 => self.compromise,
            _ => rng.below(101),
        }
    }
}

/// SplitMix64: small, fast and good enough to vary the text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "vi", "lan", "mer", "tos", "bel", "dra", "ni", "quo", "sen", "tal", "vor", "ze",
    "ash", "ul", "pri", "gon", "mi", "ster",
];
const WORDS: &[&str] = &[
    "security",
    "guarantees",
    "troops",
    "border",
    "treaty",
    "sanctions",
    "dialogue",
    "alliance",
    "withdrawal",
    "ceasefire",
    "monitoring",
    "sovereignty",
    "trade",
    "access",
    "water",
    "quota",
    "elections",
    "autonomy",
    "refugees",
    "inspections",
    "weapons",
    "bases",
    "corridor",
    "aid",
];
const KINDS: &[&str] = &["state", "organization", "person", "group"];
const STANCES: &[&str] = &["demands", "supports", "neutral", "opposes", "rejects"];

fn name(rng: &mut Rng, syllables: usize) -> String {
    let mut s = String::new();
    for i in 0..syllables {
        let syl = rng.pick(SYLLABLES);
        if i == 0 {
            let mut c = syl.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(syl);
        }
    }
    s
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::from("The");
    for _ in 0..words {
        s.push(' ');
        s.push_str(rng.pick(WORDS));
    }
    s.push('.');
    s
}

/// The model as YAML text.
pub fn yaml(spec: &Spec) -> String {
    let mut rng = Rng(spec.seed);
    let mut y = String::with_capacity(spec.actors * spec.issues * 48 + 4096);
    let _ = writeln!(
        y,
        "title: Generated model, {} actors x {} issues",
        spec.actors, spec.issues
    );
    y.push_str("sources:\n  - id: minutes\n    title: Generated minutes\n    date: 2024-03\n");
    y.push_str("issues:\n");
    let mut numeric = vec![false; spec.issues];
    let mut clustered = Vec::new();
    for (i, is_numeric) in numeric.iter_mut().enumerate() {
        let topic = rng.pick(WORDS);
        let _ = writeln!(
            y,
            "  - id: issue-{i}\n    title: \"The parties agree on {topic} and {} for round {i}\"\n    short: \"{topic} {i}\"",
            rng.pick(WORDS)
        );
        if spec.numeric > 0.0 && rng.chance(spec.numeric) {
            *is_numeric = true;
            let (status_quo, outcome) = if spec.clustered {
                let c = Clustered::new(&mut rng, spec.unknown);
                let points = (c.status_quo, c.compromise);
                clustered.push(c);
                points
            } else {
                (rng.below(101), rng.below(101))
            };
            let _ = writeln!(
                y,
                "    scale:\n      min: 0\n      max: 100\n      labels:\n        - {{at: 0, label: No {topic}}}\n        - {{at: 100, label: Full {topic}}}\n      status_quo: {status_quo}\n    outcome: {outcome}"
            );
        }
    }
    y.push_str("actors:\n");
    for a in 0..spec.actors {
        let n = 2 + rng.below(4);
        let _ = writeln!(
            y,
            "  - id: actor-{a}\n    name: \"{} {} {a}\"\n    kind: {}",
            name(&mut rng, n),
            name(&mut rng, 2),
            rng.pick(KINDS)
        );
        if a > 0 && rng.chance(0.1) {
            let _ = writeln!(y, "    affiliation: actor-{}", rng.below(a));
        }
        let aliases = rng.below(3);
        if aliases > 0 {
            y.push_str("    aliases: [");
            for k in 0..aliases {
                if k > 0 {
                    y.push_str(", ");
                }
                let n = 2 + rng.below(2);
                let _ = write!(y, "\"{}{a}\"", name(&mut rng, n));
            }
            y.push_str("]\n");
        }
        if spec.clustered {
            let votes = COUNCIL_VOTES[a % COUNCIL_VOTES.len()];
            let _ = writeln!(y, "    power: {}", f64::from(votes) / 10.0);
        } else if spec.numeric > 0.0 {
            let _ = writeln!(y, "    power: {:.2}", 0.1 + rng.below(100) as f64 / 50.0);
        }
        y.push_str("    positions:\n");
        let mut clusters = clustered.iter();
        for (i, &is_numeric) in numeric.iter().enumerate() {
            let cluster = if is_numeric { clusters.next() } else { None };
            if let Some(c) = cluster {
                if rng.chance(c.unknown) {
                    continue;
                }
                let _ = writeln!(
                    y,
                    "      issue-{i}: {{position: {}, salience: {:.1}}}",
                    c.position(&mut rng),
                    0.1 * (3 + rng.below(8)) as f64
                );
                continue;
            }
            if rng.chance(spec.unknown) {
                continue;
            }
            if is_numeric {
                let _ = writeln!(
                    y,
                    "      issue-{i}: {{position: {}, salience: {:.2}}}",
                    rng.below(101),
                    0.1 + 0.9 * (rng.below(100) as f64 / 100.0)
                );
                continue;
            }
            let stance = rng.pick(STANCES);
            if rng.chance(0.7) {
                let _ = writeln!(y, "      issue-{i}: {stance}");
                continue;
            }
            let _ = writeln!(
                y,
                "      issue-{i}:\n        stance: {stance}\n        salience: {:.2}\n        summary: \"{}\"",
                0.2 + 0.8 * (rng.below(100) as f64 / 100.0),
                sentence(&mut rng, 6)
            );
            if rng.chance(0.05) {
                y.push_str("        red_line: true\n");
            }
            if rng.chance(0.5) {
                let _ = writeln!(
                    y,
                    "        evidence:\n          - quote: \"{}\"\n            speaker: \"{}\"\n            date: 2024-03-{:02}\n            source: minutes",
                    sentence(&mut rng, 10),
                    name(&mut rng, 3),
                    1 + rng.below(28)
                );
            }
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, from_str};

    #[test]
    fn generated_models_are_valid_deterministic_and_sized() {
        let spec = Spec::new(50, 12);
        let y = yaml(&spec);
        assert_eq!(y, yaml(&spec), "deterministic");
        let m = from_str(&y, Origin::BuiltIn).expect("valid");
        assert_eq!((m.actors.len(), m.issues.len()), (50, 12));
        let known = m.position_count() as f64 / (50.0 * 12.0);
        assert!(
            (0.45..0.75).contains(&known),
            "share of known positions {known}"
        );
        assert!(m.actors.iter().any(|a| a.affiliation.is_some()));
        assert!(m.actors.iter().any(|a| !a.aliases.is_empty()));
        let other = yaml(&Spec { seed: 7, ..spec });
        assert_ne!(y, other, "the seed matters");
    }

    #[test]
    fn numeric_models_have_scales_outcomes_and_power() {
        let m = from_str(&yaml(&Spec::numeric(30, 40)), Origin::BuiltIn).expect("valid");
        assert!(
            m.issues
                .iter()
                .all(|i| i.is_numeric() && i.outcome.is_some())
        );
        assert!(m.actors.iter().any(|a| a.power != 1.0));
        let known = m.position_count() as f64 / (30.0 * 40.0);
        assert!(
            (0.8..0.97).contains(&known),
            "share of known positions {known}"
        );
    }

    #[test]
    fn deu_iii_models_cluster_on_reference_points() {
        let spec = Spec::deu_iii(30, 40);
        let y = yaml(&spec);
        assert_eq!(y, yaml(&spec), "deterministic");
        let m = from_str(&y, Origin::BuiltIn).expect("valid");
        // Powers are the Council's votes, in turn: 2.9 for the first actor,
        // 0.3 for the 27th, 2.9 again for the 28th.
        let powers: Vec<f64> = m.actors.iter().map(|a| a.power).collect();
        assert_eq!((powers[0], powers[26], powers[27]), (2.9, 0.3, 2.9));
        let known = m.position_count() as f64 / (30.0 * 40.0);
        assert!(
            (0.5..0.8).contains(&known),
            "share of known positions {known}"
        );
        // Many actors share a position: on average an issue's holders
        // stand on at most 6 distinct points (5 reference points and the
        // odd actor in between).
        let mut distinct = 0;
        for k in 0..m.issues.len() {
            let mut at: Vec<u64> = m
                .actors
                .iter()
                .flat_map(|a| a.positions())
                .filter(|p| p.issue() == k)
                .map(|p| p.value.to_bits())
                .collect();
            at.sort_unstable();
            at.dedup();
            distinct += at.len();
        }
        assert!(
            distinct <= 6 * m.issues.len(),
            "{distinct} distinct positions"
        );
        let saliences: std::collections::BTreeSet<u64> = m
            .actors
            .iter()
            .flat_map(|a| a.positions())
            .map(|p| (p.salience * 10.0).round() as u64)
            .collect();
        assert_eq!(
            saliences.into_iter().collect::<Vec<_>>(),
            (3..=10).collect::<Vec<_>>()
        );
    }
}
