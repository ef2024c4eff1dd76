//! How detente shows things, wherever it shows them: the labels, glyphs,
//! number formats, attributions and sentences that the terminal UI and every
//! export share, so a red line or a "reported" mark reads the same on screen
//! and in a report. Pure functions; no terminal, no file format.

use std::path::Path;

use crate::analysis::pair::Trade;
use crate::compare::{Comparison, Verdict};
use crate::model::{Actor, Basis, Evidence, Issue, Model, Origin, Position, Stance};

pub use crate::model::format_number;

// ---- numbers ----

/// An agreement (or alignment) as a whole percentage, or `n/a` when it is undefined.
pub fn percent(alignment: Option<f64>) -> String {
    alignment.map_or_else(|| "n/a".to_string(), |a| format!("{:.0}%", a * 100.0))
}

/// What a closeness figure is called wherever it is shown (docs/design.md, "Agreement").
pub const AGREEMENT: &str = "agreement";

/// The mark on a figure resting on fewer than [`MIN_SHARED`](crate::compare::MIN_SHARED)
/// shared issues.
pub const TOO_FEW: &str = "too few to say";

/// `11 shared issues`, `1 shared issue`.
pub fn shared_label(n: usize) -> String {
    format!("{n} shared issue{}", if n == 1 { "" } else { "s" })
}

/// What the agreement figure measures, in a reader's words, for the
/// reports that name it.
pub const AGREEMENT_MEANS: &str = "the share of the issues both hold a position on where they \
     agree, weighted by salience; a partial agreement (one side neutral) counts half";

/// An agreement with what it rests on: `27% over 11 shared issues`,
/// `100% over 1 shared issue (too few to say)`, `n/a (no shared issue)`.
pub fn agreement_figure(agreement: Option<f64>, counts: &crate::compare::Counts) -> String {
    let n = counts.shared();
    match agreement {
        None if n == 0 => "n/a (no shared issue)".to_string(),
        None => format!("n/a (over {}, all of salience 0)", shared_label(n)),
        Some(_) if counts.too_few() => {
            format!(
                "{} over {} ({TOO_FEW})",
                percent(agreement),
                shared_label(n)
            )
        }
        Some(_) => format!("{} over {}", percent(agreement), shared_label(n)),
    }
}

/// The same, shorter, for a narrow header: `27% over 11 shared`,
/// `100% over 1 shared, too few to say`, `n/a (no shared issue)`.
pub fn agreement_short(agreement: Option<f64>, counts: &crate::compare::Counts) -> String {
    let n = counts.shared();
    match agreement {
        None if n == 0 => "n/a (no shared issue)".to_string(),
        None => format!("n/a (over {n} shared)"),
        Some(_) if counts.too_few() => format!("{} over {n} shared, {TOO_FEW}", percent(agreement)),
        Some(_) => format!("{} over {n} shared", percent(agreement)),
    }
}

/// `35`, `2.5`, `1e6`-free: a number in at most four columns where it fits
/// (a matrix cell), else as short as it gets.
pub fn short_number(x: f64) -> String {
    let full = format_number(x);
    if full.len() <= 4 {
        return full;
    }
    for decimals in [1, 0] {
        let s = format_number((x * 10f64.powi(decimals)).round() / 10f64.powi(decimals));
        if s.len() <= 4 {
            return s;
        }
    }
    format_number(x.round())
}

// ---- glyphs ----

/// Two-column glyphs for the stance scale; unknown is visibly not neutral.
pub fn stance_glyph(s: Option<Stance>) -> &'static str {
    match s {
        Some(Stance::Demands) => "++",
        Some(Stance::Supports) => "+",
        Some(Stance::Neutral) => "0",
        Some(Stance::Opposes) => "-",
        Some(Stance::Rejects) => "--",
        None => "·",
    }
}

/// A position in a narrow cell: the stance glyph on a stance issue, the
/// number (at most four columns) on a numeric one, `·` when unknown.
pub fn value_glyph(issue: &Issue, p: Option<&Position>) -> String {
    match (issue.is_numeric(), p) {
        (false, p) => stance_glyph(p.and_then(|p| p.stance)).to_string(),
        (true, Some(p)) => short_number(p.value),
        (true, None) => "·".to_string(),
    }
}

/// The verdict gutter's glyph, three columns: `=` agree, `~` partial, `✗`
/// conflict, `!✗!` red-line conflict, `?` unknown.
pub fn verdict_glyph(v: Verdict, red_line: bool) -> &'static str {
    match v {
        Verdict::Agree => " = ",
        Verdict::Partial => " ~ ",
        Verdict::Conflict if red_line => "!✗!",
        Verdict::Conflict => " ✗ ",
        Verdict::Unknown => " ? ",
    }
}

// ---- labels ----

/// `+2 demands`, `-2 rejects (reported)`, `35 (Moderate cuts)` on a
/// numeric issue, or `? unknown` when there is no position (or none that
/// counts).
pub fn position_label(issue: &Issue, p: Option<&Position>) -> String {
    match p {
        Some(p) if p.basis == Basis::Stated => issue.describe(p.value),
        Some(p) => format!("{} ({})", issue.describe(p.value), p.basis),
        None => "? unknown".to_string(),
    }
}

/// The title to show beside an issue's label (its `short`), or `None`
/// when there is no short label or the title only repeats it, case aside:
/// an import whose key is "differentiation" and name "Differentiation"
/// shows it once, not "differentiation / Differentiation".
pub fn distinct_title(issue: &Issue) -> Option<&str> {
    let short = issue.short.as_deref()?;
    let same = short.trim().to_lowercase() == issue.title.trim().to_lowercase();
    (!same).then_some(issue.title.as_str())
}

/// `salience 0.8`: how much the issue matters to the side (it weighs the
/// issue in the alignment).
pub fn salience_label(p: &Position) -> String {
    format!("salience {}", format_number(p.salience))
}

/// Whether `m` gives power: some actor's power is not the default 1, or
/// some position sets its own. Only then do the screen and the reports
/// show power, so a model without it stays uncluttered (docs/design.md,
/// "Power").
pub fn gives_power(m: &Model) -> bool {
    m.actors
        .iter()
        .any(|a| a.power != 1.0 || a.positions().iter().any(|p| p.power().is_some()))
}

/// `power 0 (its own)` or `power 0.8 (the actor's)`: the power behind a
/// position of `a` ([`Actor::power_on`]) and where it comes from.
pub fn power_label(a: &Actor, p: &Position) -> String {
    let from = if p.power().is_some() {
        "its own"
    } else {
        "the actor's"
    };
    format!("power {} ({from})", format_number(a.power_on(p)))
}

/// `conflict`, `conflict (red line)`…
pub fn verdict_label(v: Verdict, red_line: bool) -> String {
    if red_line {
        format!("{} (red line)", v.word())
    } else {
        v.word().to_string()
    }
}

/// The counts line: `2 agree · 1 partial · 6 conflict (3 red line) · 5 unknown`.
pub fn counts_line(c: &Comparison<'_>) -> String {
    let n = &c.counts;
    let conflict = if n.red_line > 0 {
        format!("{} conflict ({} red line)", n.conflict, n.red_line)
    } else {
        format!("{} conflict", n.conflict)
    };
    format!(
        "{} agree · {} partial · {conflict} · {} unknown",
        n.agree, n.partial, n.unknown
    )
}

/// The line a report carries when a minimum basis hides some positions:
/// `Counting stated positions only: reported and inferred ones are unknown here.`
pub fn basis_line(c: &Comparison<'_>) -> Option<String> {
    basis_sentence(c.min_basis).map(str::to_string)
}

/// [`basis_line`] for any minimum basis.
pub fn basis_sentence(min: Basis) -> Option<&'static str> {
    match min {
        Basis::Inferred => None,
        Basis::Reported => {
            Some("Counting stated and reported positions only: inferred ones are unknown here.")
        }
        Basis::Stated => {
            Some("Counting stated positions only: reported and inferred ones are unknown here.")
        }
    }
}

/// Who said it, when and where: `Sergei Ryabkov, 2022-01-19, <source title>`.
pub fn attribution(model: &Model, e: &Evidence) -> String {
    let source = e.source.map(|s| model.sources[s].title.as_str());
    [e.speaker.as_deref(), e.date.as_deref(), source]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// A source as a reference: `The minutes — Ministry of Foreign Affairs,
/// 2022-01-10, https://…` (whatever of author, date and URL it has).
pub fn source_line(model: &Model, source: usize) -> String {
    let s = &model.sources[source];
    let rest: Vec<&str> = [s.author.as_deref(), s.date.as_deref(), s.url.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if rest.is_empty() {
        s.title.clone()
    } else {
        format!("{} — {}", s.title, rest.join(", "))
    }
}

/// A crux as a line: `NATO non-expansion — red line — salience 1 + 1`.
pub fn crux_line(c: &Comparison<'_>, issue: usize) -> String {
    let m = c.model;
    let row = &c.rows[issue];
    let s = |p: Option<&Position>| p.map_or_else(|| "?".into(), |p| format_number(p.salience));
    let red = if row.red_line { " — red line" } else { "" };
    format!(
        "{}{red} — salience {} + {}",
        m.issues[issue].label(),
        s(row.left),
        s(row.right)
    )
}

/// A trade as a sentence: `Russian Federation gives way on De-escalation
/// (−1 → +2), United States on NATO non-expansion (−2 → 1.35)`.
pub fn trade_line(c: &Comparison<'_>, t: &Trade) -> String {
    let m = c.model;
    let give = |g: &crate::analysis::pair::Give| {
        let issue = &m.issues[g.issue];
        format!(
            "{} ({} → {})",
            issue.label(),
            trade_value(issue, g.from),
            trade_value(issue, g.to)
        )
    };
    format!(
        "{} gives way on {}, {} on {}",
        m.actors[c.left].name,
        give(&t.left),
        m.actors[c.right].name,
        give(&t.right)
    )
}

/// A position in a trade: a number, signed on the stance scale.
fn trade_value(issue: &crate::model::Issue, x: f64) -> String {
    let shown = issue.number(x);
    if issue.is_numeric() || x <= 0.0 {
        shown
    } else {
        format!("+{shown}")
    }
}

/// Why a trade is one: what each issue weighs for each side (salience ×
/// power) and the gain (weighted points of a 0–100 scale): `De-escalation
/// weighs 0.2 for Russian Federation, 0.9 for United States; NATO
/// non-expansion 1 for United States, 1 for Russian Federation; each gains
/// 6.20`.
pub fn trade_saliences(c: &Comparison<'_>, t: &Trade) -> String {
    let m = c.model;
    let (l, r) = (&m.actors[c.left], &m.actors[c.right]);
    let weight = |a: &crate::model::Actor, issue: usize| {
        a.position_at(issue, c.min_basis)
            .map_or_else(|| "?".into(), |p| format_number(p.salience * a.power_on(p)))
    };
    format!(
        "{} weighs {} for {}, {} for {}; {} {} for {}, {} for {}; each gains {}",
        m.issues[t.left.issue].label(),
        weight(l, t.left.issue),
        l.name,
        weight(r, t.left.issue),
        r.name,
        m.issues[t.right.issue].label(),
        weight(r, t.right.issue),
        r.name,
        weight(l, t.right.issue),
        l.name,
        format_gain(t.gain)
    )
}

/// A trade's gain, to three significant places.
pub fn format_gain(g: f64) -> String {
    if g >= 100.0 {
        format!("{g:.0}")
    } else if g >= 10.0 {
        format!("{g:.1}")
    } else if g >= 1.0 {
        format!("{g:.2}")
    } else {
        format!("{g:.3}")
    }
}

// ---- paths and provenance ----

/// A path as one safe line: no control or bidi character from a file name
/// reaches the terminal or a report.
pub fn path(p: &Path) -> String {
    crate::sanitize::line(&p.display().to_string())
}

/// Where a model came from, for a report: its path as given, `built-in`, or
/// `standard input`.
pub fn origin(o: &Origin) -> String {
    match o {
        Origin::BuiltIn => "built-in".to_string(),
        Origin::File(p) => path(p),
        Origin::Stdin => "standard input".to_string(),
    }
}

/// A day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The day `days` days after 1970-01-01 (negative: before it). Howard
    /// Hinnant's `civil_from_days`, in eras of 400 years.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // [0, 11], March first
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    /// The UTC day of a time in seconds since the Unix epoch.
    pub fn from_unix(secs: i64) -> Date {
        Date::from_days(secs.div_euclid(86_400))
    }

    /// Today (UTC), or the day of `SOURCE_DATE_EPOCH` when that is set to
    /// a number of seconds: the reproducible-builds convention, which makes
    /// a report written twice byte-identical (and tests independent of the
    /// day they run).
    pub fn today() -> Date {
        if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
        {
            return Date::from_unix(secs);
        }
        let secs = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
        };
        Date::from_unix(secs)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The what-if changes a report's model was made with: a scenario file
/// (`--scenario`) and the `--set` changes, each counted as applied (a
/// change that did not fit the model is not counted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhatIfApplied {
    /// The scenario file as given, and how many of its changes applied.
    pub scenario: Option<(String, usize)>,
    /// How many `--set` changes applied.
    pub set: usize,
}

impl WhatIfApplied {
    /// `what-if.yaml (2 changes)`, `1 --set change`, or both joined by
    /// "and"; `None` without a scenario or an applied `--set`.
    pub fn phrase(&self) -> Option<String> {
        let n = |count: usize| if count == 1 { "" } else { "s" };
        let scenario = self
            .scenario
            .as_ref()
            .map(|(file, count)| format!("{file} ({count} change{})", n(*count)));
        let set = (self.set > 0).then(|| format!("{} --set change{}", self.set, n(self.set)));
        match (scenario, set) {
            (Some(a), Some(b)) => Some(format!("{a} and {b}")),
            (a, b) => a.or(b),
        }
    }
}

/// What a report says about where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The model's path as given, `built-in` or `standard input`.
    pub model: String,
    /// The what-if changes applied to the model, if any.
    pub what_if: WhatIfApplied,
    pub version: &'static str,
    pub date: Date,
}

impl Provenance {
    /// A report written now from the model at `origin`.
    pub fn now(origin: &Origin) -> Provenance {
        Provenance::on(origin, Date::today())
    }

    /// A report written on `date` (tests fix the date this way).
    pub fn on(origin: &Origin, date: Date) -> Provenance {
        Provenance {
            model: self::origin(origin),
            what_if: WhatIfApplied::default(),
            version: env!("CARGO_PKG_VERSION"),
            date,
        }
    }

    /// The same, of the model with these what-if changes.
    pub fn with_what_if(self, what_if: WhatIfApplied) -> Provenance {
        Provenance { what_if, ..self }
    }

    /// `Model: data/geneva.yaml, detente 0.3.0, 2026-11-28`, or `Model:
    /// talks.yaml, with what-if.yaml (2 changes), detente 0.3.0, 2026-11-28`.
    pub fn line(&self) -> String {
        let with = self
            .what_if
            .phrase()
            .map(|p| format!(", with {p}"))
            .unwrap_or_default();
        format!(
            "Model: {}{with}, detente {}, {}",
            self.model, self.version, self.date
        )
    }
}

#[cfg(test)]
mod tests;
