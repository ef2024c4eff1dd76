//! `detente rank`: who stands closest to an actor, as text or JSON (docs/cli.md, "detente rank").

use std::fmt::Write;

use serde::Serialize;

use super::json::Counts;

use crate::analysis::rank::Ranked;
use crate::model::{Basis, Model};
use crate::present::{TOO_FEW, percent};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankFormat {
    Text,
    Json,
}

/// Renders the ranking of every other actor by agreement with `actor`.
pub fn render(
    m: &Model,
    actor: usize,
    min: Basis,
    ranked: &[Ranked],
    format: RankFormat,
) -> String {
    match format {
        RankFormat::Text => text(m, actor, min, ranked),
        RankFormat::Json => json(m, actor, min, ranked),
    }
}

fn text(m: &Model, actor: usize, min: Basis, ranked: &[Ranked]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", m.title);
    let _ = writeln!(out, "Closest to {}", m.actor_label(actor));
    if let Some(line) = crate::present::basis_sentence(min) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "{:>5}  {:>9}  {:>6}  {:>5}  {:>7}  {:>8}  {:>7}  actor",
        "#", "agreement", "shared", "agree", "partial", "conflict", "unknown"
    );
    for (n, r) in ranked.iter().enumerate() {
        let c = &r.counts;
        let a = &m.actors[r.actor];
        let _ = writeln!(
            out,
            "{:>5}  {:>9}  {:>6}  {:>5}  {:>7}  {:>8}  {:>7}  {} ({}){}",
            n + 1,
            percent(r.agreement),
            c.shared(),
            c.agree,
            c.partial,
            c.conflict,
            c.unknown,
            a.name,
            a.id,
            if r.too_few() {
                format!(" · {TOO_FEW}")
            } else {
                String::new()
            }
        );
    }
    if ranked.is_empty() {
        let _ = writeln!(out, "(no other actor in the model)");
    }
    out
}

#[derive(Serialize)]
struct Doc<'a> {
    actor: ActorRef<'a>,
    min_basis: &'static str,
    closest: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct ActorRef<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    name: &'a str,
    alignment: Option<f64>,
    /// The index of agreement (docs/design.md, "Agreement").
    agreement: Option<f64>,
    /// The issues both positions are known on.
    shared: usize,
    /// Fewer than 3 shared issues: ranked after the others.
    too_few: bool,
    counts: Counts,
}

fn json(m: &Model, actor: usize, min: Basis, ranked: &[Ranked]) -> String {
    let doc = Doc {
        actor: ActorRef {
            id: &m.actors[actor].id,
            name: &m.actors[actor].name,
        },
        min_basis: min.word(),
        closest: ranked
            .iter()
            .map(|r| Entry {
                id: &m.actors[r.actor].id,
                name: &m.actors[r.actor].name,
                alignment: r.alignment,
                agreement: r.agreement,
                shared: r.counts.shared(),
                too_few: r.too_few(),
                counts: Counts::from(&r.counts),
            })
            .collect(),
    };
    // Serialising these plain structs cannot fail; the fallback is unreachable.
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
