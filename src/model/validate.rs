//! Semantic validation: turns the raw file shapes into a [`Model`] while the
//! file is parsed ([`Builder`]), reporting every problem in one pass rather
//! than stopping at the first.

use std::collections::HashMap;

use super::check::{self, did_you_mean, is_slug, quoted};
use super::error::Problem;
use super::types::{
    Actor, ActorKind, Evidence, Issue, Model, Position, Scale, ScaleLabel, Source, Stance,
    format_number,
};
use super::yaml::{
    BadStance, Loc, Located, PositionKey, RawActor, RawIssue, RawKind, RawPosition, RawScale,
    RawSource, RawStance, Scalar, key_text,
};
use crate::sanitize;

/// A problem's path, built only when there is a problem to report: most
/// values are fine, and a path is a few allocations.
type Path<'a> = &'a dyn Fn() -> String;

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, loc: Loc, path: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            loc,
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// A required, non-empty single-line string.
    fn required(&mut self, value: &Located<String>, path: &str, field: &str) -> String {
        let clean = sanitize::line(&value.value);
        if clean.trim().is_empty() {
            self.report(Loc::of(value), path, format!("`{field}` must not be empty"));
        }
        clean.trim().to_string()
    }

    fn slug(&mut self, id: &Located<String>, path: &str) {
        if !is_slug(&id.value) {
            self.report(
                Loc::of(id),
                path,
                format!(
                    "id {} is not a slug: use lowercase letters, digits and single hyphens, e.g. `nato-non-expansion`",
                    quoted(&id.value)
                ),
            );
        }
    }

    fn date(&mut self, date: Option<&Located<Scalar>>, path: Path) -> Option<String> {
        let date = date?;
        if let Err(message) = check::date(&date.value.0) {
            self.report(Loc::of(date), &path(), message);
        }
        Some(sanitize::line(&date.value.0))
    }

    /// Records `id` in `seen`, reporting a duplicate; returns whether it is new.
    fn unique(
        &mut self,
        seen: &mut HashMap<String, usize>,
        id: &Located<String>,
        index: usize,
        path: &str,
        what: &str,
    ) {
        if let Some(first) = seen.get(&id.value) {
            self.report(
                Loc::of(id),
                path,
                check::duplicate(
                    &format!("{what} id"),
                    &id.value,
                    &format!("by {what}s[{first}]"),
                ),
            );
        } else {
            seen.insert(id.value.clone(), index);
        }
    }

    fn unknown_ref<S: AsRef<str>>(
        &mut self,
        id: &Located<S>,
        path: &str,
        what: &str,
        known: &HashMap<String, usize>,
    ) {
        let message = check::unknown(
            &format!("{what} id"),
            id.value.as_ref(),
            known.keys().map(String::as_str),
        );
        self.report(Loc::of(id), path, message);
    }
}

/// Cleans and trims text, moving it rather than copying where it can.
fn tidy(s: String) -> String {
    let s = sanitize::multiline_owned(s);
    if s.trim().len() == s.len() {
        s
    } else {
        s.trim().to_string()
    }
}

fn optional_text(s: Option<String>) -> Option<String> {
    s.map(tidy).filter(|s| !s.is_empty())
}

fn kind(k: RawKind) -> ActorKind {
    match k {
        RawKind::State => ActorKind::State,
        RawKind::Organization => ActorKind::Organization,
        RawKind::Person => ActorKind::Person,
        RawKind::Group => ActorKind::Group,
    }
}

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
        self.title = self.c.required(title, "title", "title");
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
            c.slug(&s.id, &path);
            c.unique(&mut ids, &s.id, i, &path, "source");
            let date = c.date(s.date.as_ref(), &|| format!("{path}.date"));
            items.push(Source {
                id: s.id.value.clone(),
                title: c.required(&s.title, &path, "title"),
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
            c.slug(&s.id, &path);
            c.unique(&mut ids, &s.id, i, &path, "issue");
            let short = s.short.as_ref().map(|v| c.required(v, &path, "short"));
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
                title: c.required(&s.title, &path, "title"),
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
        c.slug(&a.id, &path);
        c.unique(&mut self.actor_ids, &a.id, i, &path, "actor");
        let aliases = a
            .aliases
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(j, alias)| c.required(alias, &format!("{path}.aliases[{j}]"), "alias"))
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
            .map_or(1.0, |p| c.power(p, &|| format!("{path}.power")));
        let mut actor = Actor::new(
            a.id.value.clone(),
            c.required(&a.name, &path, "name"),
            a.kind.map(kind),
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
    /// Called once the issues are read: the top-level visitor refuses a
    /// file without them before it gets here.
    /// `actors` is where the `actors` key is, for the report of an empty list.
    pub(crate) fn finish(mut self, actors: Loc) -> Result<Model, Vec<Problem>> {
        let c = &mut self.c;
        if self.actors.is_empty() {
            c.report(actors, "actors", "a model needs at least one actor");
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

/// Where an evidence `source:` is looked up: the sources already read, or,
/// when the file lists them later, a note to look it up at the end.
enum Sources<'a> {
    Known(&'a HashMap<String, usize>),
    Later {
        cited: &'a mut Vec<Citation>,
        actor: usize,
        issue: usize,
    },
}

fn actor_path(i: usize, a: &RawActor) -> String {
    format!("actors[{i}] ({})", sanitize::line(&a.id.value))
}

fn position(
    c: &mut Checker,
    raw: RawPosition,
    key_loc: Loc,
    path: &dyn Fn() -> String,
    kind: &IssueKind,
    mut sources: Sources,
) -> Option<Position> {
    let here = key_loc;
    let loc_or_here = |loc: Loc| if loc.is_known() { loc } else { here };
    let position = raw.details.as_ref().and_then(|d| d.position.as_ref());
    // The value: `stance` (or the shorthand) on a stance issue, `position`
    // (or a number in shorthand) on a numeric one.
    let value = match (&raw.stance, position, kind.scale) {
        (Some(s), _, None) => {
            let at = || format!("{}.stance", path());
            c.value(&s.value, loc_or_here(Loc::of(s)), &at, "stance", kind)
        }
        (None, Some(p), None) => {
            c.report(
                Loc::of(p),
                &format!("{}.position", path()),
                format!(
                    "`position` is for numeric issues; {} is a stance issue: use `stance`",
                    quoted(kind.id)
                ),
            );
            None
        }
        (None, None, None) => {
            c.report(here, &path(), "the position has no stance");
            None
        }
        (Some(s), None, Some(_)) if raw.details.is_none() => {
            // Shorthand on a numeric issue: the number itself.
            c.value(&s.value, loc_or_here(Loc::of(s)), path, "position", kind)
        }
        (Some(s), _, Some(scale)) => {
            c.report(
                loc_or_here(Loc::of(s)),
                &format!("{}.stance", path()),
                format!(
                    "`stance` is for stance issues; {} is numeric (scale {}..={}): use `position`",
                    quoted(kind.id),
                    format_number(scale.min),
                    format_number(scale.max)
                ),
            );
            None
        }
        (None, Some(p), Some(_)) => {
            c.number_on(p, &|| format!("{}.position", path()), "position", kind)
        }
        (None, None, Some(_)) => {
            c.report(
                here,
                &path(),
                "the position has no `position` (a number on the issue's scale)",
            );
            None
        }
    };
    let stance = match kind.scale {
        None => value.and_then(|v| Stance::from_value(v as i64)),
        Some(_) => None,
    };
    let Some(details) = raw.details else {
        return Some(Position::new(value?, stance));
    };
    let details = *details;
    let power = details
        .power
        .as_ref()
        .map(|p| c.power(p, &|| format!("{}.power", path())));
    let salience = match &details.salience {
        None => 1.0,
        Some(s) => {
            if let Err(message) = check::salience(s.value, 1.0) {
                c.report(Loc::of(s), &format!("{}.salience", path()), message);
            }
            s.value
        }
    };
    let mut evidence = Vec::with_capacity(details.evidence.len());
    for (j, e) in details.evidence.into_iter().enumerate() {
        let epath = || format!("{}.evidence[{j}]", path());
        let quote_loc = Loc::of(&e.quote);
        let quote = tidy(e.quote.value);
        if quote.is_empty() {
            c.report(quote_loc, &epath(), "`quote` must not be empty");
        }
        let date = c.date(e.date.as_ref(), &|| format!("{}.date", epath()));
        let source = e.source.and_then(|s| match &mut sources {
            Sources::Known(ids) => {
                let found = ids.get(&s.value).copied();
                if found.is_none() {
                    c.unknown_ref(&s, &format!("{}.source", epath()), "source", ids);
                }
                found
            }
            Sources::Later {
                cited,
                actor,
                issue,
            } => {
                cited.push(Citation {
                    actor: *actor,
                    issue: *issue,
                    evidence: j,
                    path: format!("{}.source", epath()),
                    id: s,
                });
                None
            }
        });
        evidence.push(Evidence {
            quote,
            speaker: e
                .speaker
                .map(sanitize::line_owned)
                .filter(|s| !s.trim().is_empty()),
            date,
            source,
        });
    }
    let summary = optional_text(details.summary).map(String::into_boxed_str);
    let mut p =
        Position::new(value?, stance).with_notes(power, summary, evidence.into_boxed_slice());
    p.basis = details.basis;
    p.salience = salience;
    p.red_line = details.red_line;
    Some(p)
}

/// What an issue takes as a value, for the position and outcome checks.
struct IssueKind<'a> {
    id: &'a str,
    scale: Option<&'a Scale>,
}

impl<'a> IssueKind<'a> {
    fn of(scale: Option<&'a Scale>, id: &'a str) -> IssueKind<'a> {
        IssueKind { id, scale }
    }
}

impl Checker {
    /// A finite number >= 0.
    fn power(&mut self, p: &Located<f64>, path: Path) -> f64 {
        if let Err(message) = check::power("power", p.value) {
            self.report(Loc::of(p), &path(), message);
        }
        p.value
    }

    /// A finite number, reported with `what` when it is not.
    fn finite(&mut self, x: f64, loc: Loc, path: Path, what: &str) -> Option<f64> {
        check::finite(what, x)
            .map_err(|message| self.report(loc, &path(), message))
            .ok()
    }

    fn scale(&mut self, raw: RawScale, issue: &str, path: &str) -> Scale {
        let spath = format!("{path}.scale");
        let min = self.finite(
            raw.min.value,
            Loc::of(&raw.min),
            &|| format!("{spath}.min"),
            "min",
        );
        let max = self.finite(
            raw.max.value,
            Loc::of(&raw.max),
            &|| format!("{spath}.max"),
            "max",
        );
        let (min, max) = match (min, max) {
            (Some(min), Some(max)) if min < max => {
                if let Err(message) = super::check::span(issue, min, max) {
                    self.report(Loc::of(&raw.min), &spath, message);
                }
                (min, max)
            }
            (Some(min), Some(max)) => {
                self.report(
                    Loc::of(&raw.min),
                    &spath,
                    format!(
                        "min {} is not below max {}",
                        format_number(min),
                        format_number(max)
                    ),
                );
                (min, max)
            }
            _ => (0.0, 100.0),
        };
        let inside = |c: &mut Checker, x: f64, loc: Loc, at: &str, what: &str| {
            match check::on_scale(what, x, issue, min, max) {
                Ok(x) => Some(x),
                Err(message) => {
                    c.report(loc, at, message);
                    // Kept when finite, so that the labels are all reported.
                    x.is_finite().then_some(x)
                }
            }
        };
        let mut labels = Vec::new();
        for (j, l) in raw.labels.unwrap_or_default().into_iter().enumerate() {
            let at = format!("{spath}.labels[{j}]");
            let label = self.required(&l.label, &at, "label");
            if let Some(x) = inside(
                self,
                l.at.value,
                Loc::of(&l.at),
                &format!("{at}.at"),
                "label at",
            ) {
                labels.push(ScaleLabel { at: x, label });
            }
        }
        labels.sort_by(|a, b| a.at.total_cmp(&b.at));
        let status_quo = raw.status_quo.as_ref().and_then(|q| {
            inside(
                self,
                q.value,
                Loc::of(q),
                &format!("{spath}.status_quo"),
                "status quo",
            )
        });
        Scale {
            min,
            max,
            labels,
            status_quo,
        }
    }

    /// A number on a numeric issue's scale; `what` names the field.
    fn number_on(
        &mut self,
        p: &Located<f64>,
        path: Path,
        what: &str,
        kind: &IssueKind,
    ) -> Option<f64> {
        let scale = kind.scale?;
        check::on_scale(what, p.value, kind.id, scale.min, scale.max)
            .map_err(|message| self.report(Loc::of(p), &path(), message))
            .ok()
    }

    /// A stance or number as written, checked against the issue's kind: a
    /// stance on a stance issue, a number within the scale on a numeric one.
    fn value(
        &mut self,
        raw: &RawStance,
        loc: Loc,
        path: Path,
        what: &str,
        kind: &IssueKind,
    ) -> Option<f64> {
        match (kind.scale, raw) {
            (None, RawStance::Word(s)) => Some(f64::from(s.value())),
            (None, RawStance::Int(v)) => match Stance::from_value(*v) {
                Some(s) => Some(f64::from(s.value())),
                None => {
                    self.report(loc, &path(), stance_message(raw, what));
                    None
                }
            },
            (None, _) => {
                self.report(loc, &path(), stance_message(raw, what));
                None
            }
            (Some(_), RawStance::Int(_) | RawStance::Number(_)) => {
                let x = match raw {
                    RawStance::Int(v) => *v as f64,
                    RawStance::Number(x) => *x,
                    _ => return None,
                };
                self.number_on(&Located { value: x, loc }, path, what, kind)
            }
            (Some(scale), _) => {
                let shown = match raw {
                    RawStance::Word(s) => quoted(s.word()),
                    RawStance::Bad(b) => match &**b {
                        BadStance::Word(w) | BadStance::Other(w) => quoted(w),
                    },
                    _ => String::new(),
                };
                self.report(
                    loc,
                    &path(),
                    format!(
                        "{what} {shown} is not a number; {} is numeric (scale {}..={})",
                        quoted(kind.id),
                        format_number(scale.min),
                        format_number(scale.max)
                    ),
                );
                None
            }
        }
    }
}

/// Why `raw` is not a stance; `what` names the field (`stance`, `outcome`).
fn stance_message(raw: &RawStance, what: &str) -> String {
    const EXPECTED: &str =
        "expected demands (+2), supports (+1), neutral (0), opposes (-1) or rejects (-2)";
    match raw {
        RawStance::Word(s) => format!("{what} {s} is valid"),
        RawStance::Int(v) => format!("{what} {v} is outside -2..=2; {EXPECTED}"),
        RawStance::Number(v) => format!(
            "{what} {} is not a stance; {EXPECTED}",
            quoted(&format!("{v:?}"))
        ),
        RawStance::Bad(bad) => match &**bad {
            BadStance::Word(w) => {
                let words = Stance::ALL.map(Stance::word);
                match did_you_mean(w, words) {
                    Some(s) => format!("unknown {what} {}; did you mean `{s}`?", quoted(w)),
                    None => format!("unknown {what} {}; {EXPECTED}", quoted(w)),
                }
            }
            BadStance::Other(v) => format!("{what} {} is not a stance; {EXPECTED}", quoted(v)),
        },
    }
}

/// Reports each affiliation cycle once, naming its members in order.
fn check_affiliation_cycles(c: &mut Checker, actors: &[Actor], locs: &[Loc]) {
    // 0 = unvisited, 1 = on the current chain, 2 = done.
    let mut state = vec![0u8; actors.len()];
    for start in 0..actors.len() {
        let mut chain: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&x| x == i).unwrap_or(0);
                    let mut names: Vec<String> = chain[from..]
                        .iter()
                        .map(|&x| sanitize::line(&actors[x].id))
                        .collect();
                    names.push(sanitize::line(&actors[i].id));
                    c.report(
                        locs.get(i).copied().unwrap_or_default(),
                        &format!("actors[{i}] ({}).affiliation", names[names.len() - 1]),
                        format!("affiliation cycle: {}", names.join(" -> ")),
                    );
                    break;
                }
                _ => {
                    state[i] = 1;
                    chain.push(i);
                    at = actors[i].affiliation;
                }
            }
        }
        for i in chain {
            state[i] = 2;
        }
    }
}
