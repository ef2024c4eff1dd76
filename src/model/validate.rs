//! Semantic validation: turns the raw file shapes into a [`Model`] while the
//! file is parsed ([`Builder`]), reporting every problem in one pass rather
//! than stopping at the first.

use std::collections::HashMap;

use super::check;
use super::error::Problem;
use super::types::{Actor, ActorKind, Issue, Model, Position, Source};
use super::yaml::{Keys, Loc, Located, PositionKey, RawActor, RawIssue, RawSource, key_text};
use crate::sanitize;

mod checker;
mod position;
mod value;

use checker::{Checker, check_affiliation_cycles, optional_text};
use position::{Sources, position};
use value::IssueKind;

/// Builds a [`Model`] while the file is parsed. Sources and issues are
/// checked as soon as they have been read, and each actor as soon as its
/// mapping ends, so only one actor's raw shape is in memory at a time: the
/// parse never holds the whole file twice, as raw shapes and as the model.
/// A file that lists its actors before its issues still loads; its actors
/// wait, raw, until the issues are known. Every problem is collected and
/// reported at the end, in file order.
pub(crate) struct Builder {
    c: Checker,
    title: String,
    description: Option<String>,
    /// `None` until the `sources` key has been read.
    sources: Option<Table<Source>>,
    /// `None` until the `issues` key has been read.
    issues: Option<Table<Issue>>,
    actors: Vec<Actor>,
    actor_ids: HashMap<String, usize>,
    /// Each actor's affiliation as written, resolved once every id is known
    /// (an affiliation may point forward).
    affiliations: Vec<Option<Located<String>>>,
    /// Actors read before the issues.
    waiting: Vec<RawActor>,
    /// Evidence sources cited before the `sources` key was read.
    cited: Vec<Citation>,
    /// The issue of each interned `positions` key, filled as keys appear.
    key_issue: Vec<Option<usize>>,
}

/// Checked items and the index of each id.
struct Table<T> {
    items: Vec<T>,
    ids: HashMap<String, usize>,
}

/// A `source:` read before the sources it names, and where it belongs.
struct Citation {
    actor: usize,
    issue: usize,
    evidence: usize,
    id: Located<String>,
    path: String,
}

impl Builder {
    pub(crate) fn new() -> Builder {
        Builder {
            c: Checker {
                problems: Vec::new(),
            },
            title: String::new(),
            description: None,
            sources: None,
            issues: None,
            actors: Vec::new(),
            actor_ids: HashMap::new(),
            affiliations: Vec::new(),
            waiting: Vec::new(),
            cited: Vec::new(),
            key_issue: Vec::new(),
        }
    }

    pub(crate) fn title(&mut self, title: &Located<String>) {
        self.title = self.c.required(title, &Keys::default(), "title", "title");
    }

    /// The top level's unknown keys, and the required ones left out.
    pub(crate) fn top_level<'a>(&mut self, keys: &Keys, missing: impl Iterator<Item = &'a str>) {
        self.c.keys(keys, TOP_LEVEL);
        for field in missing {
            self.c
                .present(&Located::<()>::default(), keys, TOP_LEVEL, field);
        }
    }

    pub(crate) fn description(&mut self, description: Option<String>) {
        self.description = optional_text(description);
    }

    pub(crate) fn sources(&mut self, raw: Vec<RawSource>) {
        let c = &mut self.c;
        let mut ids = HashMap::new();
        let mut items = Vec::new();
        for (i, s) in raw.into_iter().enumerate() {
            let path = format!("sources[{i}] ({})", sanitize::line(&s.id.value));
            c.keys(&s.keys, &path);
            if c.slug(&s.id, &s.keys, &path) {
                c.unique(&mut ids, &s.id, i, &path, "source");
            }
            let date = c.date(s.date.as_ref(), &|| format!("{path}.date"));
            items.push(Source {
                id: s.id.value.clone(),
                title: c.required(&s.title, &s.keys, &path, "title"),
                author: s.author.map(|a| sanitize::line(&a)),
                date,
                url: s.url.map(|u| sanitize::line(&u)),
            });
        }
        self.sources = Some(Table { items, ids });
    }

    pub(crate) fn issues(&mut self, raw: Located<Vec<RawIssue>>) {
        let c = &mut self.c;
        if raw.value.is_empty() {
            c.report(Loc::of(&raw), "issues", "a model needs at least one issue");
        }
        let mut ids = HashMap::new();
        let mut items = Vec::new();
        for (i, s) in raw.value.into_iter().enumerate() {
            let path = format!("issues[{i}] ({})", sanitize::line(&s.id.value));
            c.keys(&s.keys, &path);
            if c.slug(&s.id, &s.keys, &path) {
                c.unique(&mut ids, &s.id, i, &path, "issue");
            }
            let short = s
                .short
                .as_ref()
                .map(|v| c.required(v, &Keys::default(), &path, "short"));
            let scale = s.scale.map(|raw| c.scale(raw, &s.id.value, &path));
            let outcome = s.outcome.as_ref().and_then(|o| {
                let kind = IssueKind::of(scale.as_ref(), s.id.value.as_str());
                c.value(
                    &o.value,
                    Loc::of(o),
                    &|| format!("{path}.outcome"),
                    "outcome",
                    &kind,
                )
            });
            items.push(Issue {
                id: s.id.value.clone(),
                title: c.required(&s.title, &s.keys, &path, "title"),
                short,
                description: optional_text(s.description),
                tags: s
                    .tags
                    .unwrap_or_default()
                    .iter()
                    .map(|t| sanitize::line(t))
                    .collect(),
                scale,
                outcome,
            });
        }
        self.issues = Some(Table { items, ids });
        for actor in std::mem::take(&mut self.waiting) {
            self.actor(actor);
        }
    }

    /// Checks one actor and adds it, or keeps it until the issues are read.
    pub(crate) fn actor(&mut self, a: RawActor) {
        let Some(issues) = &self.issues else {
            self.waiting.push(a);
            return;
        };
        let c = &mut self.c;
        let i = self.actors.len();
        let path = actor_path(i, &a);
        c.keys(&a.keys, &path);
        if c.slug(&a.id, &a.keys, &path) {
            c.unique(&mut self.actor_ids, &a.id, i, &path, "actor");
        }
        let aliases = a
            .aliases
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(j, alias)| {
                c.required(
                    alias,
                    &Keys::default(),
                    &format!("{path}.aliases[{j}]"),
                    "alias",
                )
            })
            .collect();
        let mut positions: Vec<Option<Position>> = vec![None; issues.items.len()];
        // The issues given a position, valid or not.
        let mut given = vec![false; issues.items.len()];
        for (key, pos) in a.positions.unwrap_or_default().0 {
            // Each distinct key is looked up once, not once per position.
            let k = key.value.0 as usize;
            while self.key_issue.len() <= k {
                let text = key_text(PositionKey(self.key_issue.len() as u32));
                self.key_issue.push(issues.ids.get(&*text).copied());
            }
            // Built only when there is something to report.
            let ppath = || format!("{path}.positions.{}", sanitize::line(&key_text(key.value)));
            let Some(issue) = self.key_issue[k] else {
                let shown = Located {
                    value: key_text(key.value),
                    loc: key.loc,
                };
                c.unknown_ref(&shown, &ppath(), "issue", &issues.ids);
                continue;
            };
            // The parser refuses a key written twice, but `1` and `"1"` are
            // two keys naming one issue.
            if std::mem::replace(&mut given[issue], true) {
                c.report(
                    key.loc,
                    &ppath(),
                    check::second_position(&a.id.value, &issues.items[issue].id),
                );
                continue;
            }
            let kind = IssueKind::of(issues.items[issue].scale.as_ref(), &issues.items[issue].id);
            let sources = match &self.sources {
                Some(known) => Sources::Known(&known.ids),
                None => Sources::Later {
                    cited: &mut self.cited,
                    actor: i,
                    issue,
                },
            };
            if let Some(p) = position(c, pos, Loc::of(&key), &ppath, &kind, sources) {
                positions[issue] = Some(p);
            }
        }
        let power = a
            .power
            .as_ref()
            .and_then(|p| c.power(p, &|| format!("{path}.power")))
            .unwrap_or(1.0);
        let kind = a.kind.as_ref().and_then(|k| {
            let found = ActorKind::from_word(&k.value);
            if found.is_none() {
                let words = ActorKind::ALL.map(ActorKind::word);
                c.report(
                    k.loc,
                    &format!("{path}.kind"),
                    check::unknown_word("kind", &k.value, &words),
                );
            }
            found
        });
        let mut actor = Actor::new(
            a.id.value.clone(),
            c.required(&a.name, &a.keys, &path, "name"),
            kind,
            None,
            aliases,
            optional_text(a.description),
            power,
        );
        actor.set_positions(positions);
        self.actors.push(actor);
        self.affiliations.push(a.affiliation);
    }

    /// Resolves what could only be resolved at the end (affiliations, early
    /// citations) and returns the model, or every problem in file order.
    /// In a file without `issues` (reported as missing), the actors that
    /// waited for them are left unchecked: their positions name nothing.
    /// `actors` is where the `actors` key is, for the report of an empty
    /// list; `None` when it is missing (already reported).
    pub(crate) fn finish(mut self, actors: Option<Loc>) -> Result<Model, Vec<Problem>> {
        let c = &mut self.c;
        if let Some(at) = actors.filter(|_| self.actors.is_empty() && self.waiting.is_empty()) {
            c.report(at, "actors", "a model needs at least one actor");
        }
        let mut affiliation_locs = Vec::with_capacity(self.affiliations.len());
        for (i, aff) in self.affiliations.iter().enumerate() {
            affiliation_locs.push(aff.as_ref().map(Loc::of).unwrap_or_default());
            let Some(aff) = aff else { continue };
            let found = self.actor_ids.get(&aff.value).copied();
            if found.is_none() {
                let path = format!("actors[{i}] ({})", sanitize::line(&self.actors[i].id));
                c.unknown_ref(
                    aff,
                    &format!("{path}.affiliation"),
                    "actor",
                    &self.actor_ids,
                );
            }
            self.actors[i].affiliation = found;
        }
        check_affiliation_cycles(c, &self.actors, &affiliation_locs);
        let sources = self.sources.unwrap_or_else(|| Table {
            items: Vec::new(),
            ids: HashMap::new(),
        });
        for cite in self.cited {
            let found = sources.ids.get(&cite.id.value).copied();
            if found.is_none() {
                c.unknown_ref(&cite.id, &cite.path, "source", &sources.ids);
            }
            let evidence = self.actors[cite.actor]
                .position_mut(cite.issue)
                .and_then(|p| p.evidence_mut().get_mut(cite.evidence));
            if let Some(e) = evidence {
                e.source = found;
            }
        }
        if !c.problems.is_empty() {
            // In file order; problems without a place last.
            c.problems
                .sort_by_key(|p| (!p.loc.is_known(), p.loc.line, p.loc.column));
            return Err(self.c.problems);
        }
        Ok(Model {
            title: self.title,
            description: self.description,
            sources: sources.items,
            issues: self.issues.map(|t| t.items).unwrap_or_default(),
            actors: self.actors,
            actor_index: self.actor_ids,
        })
    }
}

/// The path of a problem with the top-level mapping itself.
const TOP_LEVEL: &str = "top level";

fn actor_path(i: usize, a: &RawActor) -> String {
    format!("actors[{i}] ({})", sanitize::line(&a.id.value))
}
