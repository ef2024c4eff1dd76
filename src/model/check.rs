//! The checks on a field's value that every format makes (YAML, Decide,
//! KTAB, long CSV), each with its one wording. A check returns the value,
//! or the message without its place: the caller adds the line, column and
//! path, and may add what only its format knows after the message.

use super::types::format_number;

/// A number in a message: as [`format_number`] writes it, but in
/// scientific notation when it is too large for that to be readable.
pub(crate) fn shown(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e15 {
        format!("{x:e}")
    } else {
        format_number(x)
    }
}

/// `s` in backquotes, safe to print.
pub(crate) fn quoted(s: &str) -> String {
    format!("`{}`", crate::sanitize::line(s))
}

/// `[a-z0-9]+(-[a-z0-9]+)*`
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).is_some(),
        [y, m] => num(y, 4).is_some() && num(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
                return false;
            };
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

/// The known id closest to `unknown`, when it is close enough to be a typo.
pub fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let unknown_lc = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&unknown_lc, k), k))
        .filter(|(d, k)| {
            *d <= (unknown_lc.chars().count().max(k.len()) / 3).max(2)
                || (unknown_lc.len() >= 3 && (k.contains(&unknown_lc) || unknown_lc.contains(k)))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// A date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and
/// day.
pub(crate) fn date(text: &str) -> Result<(), String> {
    if is_date(text) {
        return Ok(());
    }
    // Digits in the right places, but no such month or day?
    let d = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| d[r].iter().all(u8::is_ascii_digit);
    let shape_ok = match d.len() {
        4 => digits(0..4),
        7 => digits(0..4) && d[4] == b'-' && digits(5..7),
        10 => digits(0..4) && d[4] == b'-' && digits(5..7) && d[7] == b'-' && digits(8..10),
        _ => false,
    };
    Err(if shape_ok {
        format!(
            "date {} does not exist (no such month or day)",
            quoted(text)
        )
    } else {
        format!("date {} is not YYYY, YYYY-MM or YYYY-MM-DD", quoted(text))
    })
}

/// A number as the text formats write it (Decide, KTAB, long CSV): finite,
/// `.` as the decimal point. `what` names the field.
pub(crate) fn number(what: &str, text: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Err(format!("{what} is empty; expected a number"));
    }
    match text.parse::<f64>() {
        Ok(x) => {
            finite(what, x).map_err(|_| format!("{what} {} is not a finite number", quoted(text)))
        }
        Err(_) => Err(format!("{what} {} is not a number", quoted(text))),
    }
}

/// A finite number; `what` names the field.
pub(crate) fn finite(what: &str, x: f64) -> Result<f64, String> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(format!("{what} {} is not a finite number", shown(x)))
    }
}

/// A salience: a finite number in `0..=top` (1, or 100 where the format
/// writes percentages).
pub(crate) fn salience(x: f64, top: f64) -> Result<f64, String> {
    let x = finite("salience", x)?;
    if (0.0..=top).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "salience {} is outside 0..={}",
            shown(x),
            shown(top)
        ))
    }
}

/// A power: a finite number, 0 or more. `what` names the field (`power`,
/// or KTAB's `capability`).
pub(crate) fn power(what: &str, x: f64) -> Result<f64, String> {
    let x = finite(what, x)?;
    if x >= 0.0 {
        Ok(x)
    } else {
        Err(format!(
            "{what} {} is negative; power is 0 or more",
            shown(x)
        ))
    }
}

/// A number on the scale `min..=max` of issue `issue` (named as the file
/// names it). `what` names the field (`position`, `outcome`, `label at`).
pub(crate) fn on_scale(what: &str, x: f64, issue: &str, min: f64, max: f64) -> Result<f64, String> {
    let x = finite(what, x)?;
    if (min..=max).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "{what} {} is outside the scale of {} ({}..={})",
            shown(x),
            quoted(issue),
            shown(min),
            shown(max)
        ))
    }
}

/// A scale whose span `max - min` is a finite number, so that a position
/// can be placed on it.
pub(crate) fn span(issue: &str, min: f64, max: f64) -> Result<(), String> {
    if (max - min).is_finite() {
        Ok(())
    } else {
        Err(format!(
            "the scale of {} ({}..={}) is too wide: max - min is not a finite number",
            quoted(issue),
            shown(min),
            shown(max)
        ))
    }
}

/// An id or key used twice. `what` says which (`actor id`, `issue key`);
/// `first` where the first one is (`by actors[0]`, `on line 3`).
pub(crate) fn duplicate(what: &str, key: &str, first: &str) -> String {
    format!("duplicate {what} {} (first used {first})", quoted(key))
}

/// A reference to an id or key that is not among `known`, with the
/// closest one when it is close enough to be a typo. `what` says which
/// (`issue id`, `actor key`).
pub(crate) fn unknown<'a>(
    what: &str,
    key: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> String {
    let mut known: Vec<&str> = known.into_iter().collect();
    known.sort_unstable();
    let mut message = format!("unknown {what} {}", quoted(key));
    if let Some(s) = did_you_mean(key, known) {
        message.push_str(&format!("; did you mean {}?", quoted(s)));
    }
    message
}

/// A key that is not one of `fields`: the closest field when it is close
/// enough to be a typo (as [`unknown`] suggests ids), else every field.
pub(crate) fn unknown_field(key: &str, fields: &[&str]) -> String {
    match did_you_mean(key, fields.iter().copied()) {
        Some(f) => format!("unknown field {}; did you mean {}?", quoted(key), quoted(f)),
        None => format!(
            "unknown field {}; expected one of {}",
            quoted(key),
            fields.join(", ")
        ),
    }
}

/// A word that is not one of `words` (a `kind`, a `basis`); `what` names
/// the field. The closest word is suggested when it is close enough to be
/// a typo, else every word.
pub(crate) fn unknown_word(what: &str, word: &str, words: &[&str]) -> String {
    match did_you_mean(word, words.iter().copied()) {
        Some(w) => format!(
            "unknown {what} {}; did you mean {}?",
            quoted(word),
            quoted(w)
        ),
        None => {
            let (last, rest) = words.split_last().unwrap_or((&"", &[]));
            format!(
                "unknown {what} {}; expected {} or {last}",
                quoted(word),
                rest.join(", ")
            )
        }
    }
}

/// A required field left out.
pub(crate) fn missing_field(field: &str) -> String {
    format!("missing field `{field}`")
}

/// What a number field takes, named when something else is written there.
pub(crate) enum Wants<'a> {
    /// Any finite number (a scale's `min` and `max`).
    Any,
    /// A salience: 0 to 1.
    Salience,
    /// A power: 0 or more.
    Power,
    /// A point on the scale of issue `issue`.
    Scale { issue: &'a str, min: f64, max: f64 },
}

/// Text written where a number belongs; `what` names the field. When the
/// text is a near miss (`40%`, `0,4`, `1,000`) and what it probably means
/// is in range, that number is suggested: a percentage is that share of 1,
/// or of the way along an issue's scale.
pub(crate) fn not_a_number(what: &str, text: &str, wants: &Wants) -> String {
    let (range, guess) = match *wants {
        Wants::Any => ("a number".to_string(), meant(text, |p| p / 100.0)),
        Wants::Salience => (
            "a number from 0 to 1".to_string(),
            meant(text, |p| p / 100.0).filter(|x| (0.0..=1.0).contains(x)),
        ),
        Wants::Power => (
            "a number, 0 or more".to_string(),
            meant(text, |p| p / 100.0).filter(|x| *x >= 0.0),
        ),
        Wants::Scale { issue, min, max } => (
            format!(
                "a number on the scale of {} ({}..={})",
                quoted(issue),
                shown(min),
                shown(max)
            ),
            meant(text, |p| min + p / 100.0 * (max - min)).filter(|x| (min..=max).contains(x)),
        ),
    };
    let mut message = format!("{what} must be {range}, not {}", quoted(text));
    if let Some(x) = guess {
        message.push_str(&format!("; did you mean {}?", shown(x)));
    }
    message
}

/// The number that `text` probably stands for: a percentage (`40%`, given
/// to `percent`), a decimal comma (`0,4`), thousands separators (`1,000`),
/// or a number with spaces around it.
fn meant(text: &str, percent: impl Fn(f64) -> f64) -> Option<f64> {
    let t = text.trim();
    let x = match t.strip_suffix('%') {
        Some(p) => percent(plain(p.trim_end())?),
        None => plain(t)?,
    };
    x.is_finite().then_some(x)
}

/// A number written with digits, `.` or `,` as the decimal point, and
/// optional `,` thousands separators.
fn plain(t: &str) -> Option<f64> {
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = unsigned.split(',').collect();
    let number = match groups.as_slice() {
        [whole] => whole.to_string(),
        [first, rest @ ..]
            if digits(first)
                && first.len() <= 3
                && !first.starts_with('0')
                && rest.iter().all(|g| g.len() == 3 && digits(g)) =>
        {
            groups.concat()
        }
        [whole, fraction] if digits(whole) && digits(fraction) => format!("{whole}.{fraction}"),
        _ => return None,
    };
    let starts_well = number.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    let x: f64 = number.parse().ok().filter(|_| starts_well)?;
    Some(if t.starts_with('-') { -x } else { x })
}

/// An actor's second position on one issue.
pub(crate) fn second_position(actor: &str, issue: &str) -> String {
    format!(
        "a second position of {} on {}; an actor takes one position per issue",
        quoted(actor),
        quoted(issue)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_that_overflows_is_refused() {
        assert_eq!(span("a", 0.0, 100.0), Ok(()));
        assert_eq!(span("a", -1e308, 1e307), Ok(()));
        assert_eq!(
            span("a", -1e308, 1e308),
            Err(
                "the scale of `a` (-1e308..=1e308) is too wide: max - min is not a finite number"
                    .into()
            )
        );
        assert!(span("a", f64::MAX, f64::INFINITY).is_err());
    }

    #[test]
    fn large_numbers_are_shown_short() {
        assert_eq!(shown(12.5), "12.5");
        assert_eq!(shown(-1e308), "-1e308");
        assert_eq!(shown(f64::NAN), "NaN");
    }

    #[test]
    fn one_wording_per_check() {
        assert_eq!(salience(0.5, 1.0), Ok(0.5));
        assert_eq!(
            salience(1.5, 1.0),
            Err("salience 1.5 is outside 0..=1".into())
        );
        assert_eq!(
            salience(150.0, 100.0),
            Err("salience 150 is outside 0..=100".into())
        );
        assert_eq!(
            salience(f64::NAN, 1.0),
            Err("salience NaN is not a finite number".into())
        );
        assert_eq!(power("power", 0.0), Ok(0.0));
        assert_eq!(
            power("capability", -1.0),
            Err("capability -1 is negative; power is 0 or more".into())
        );
        assert_eq!(
            power("power", f64::INFINITY),
            Err("power inf is not a finite number".into())
        );
        assert_eq!(on_scale("position", 10.0, "a", 10.0, 60.0), Ok(10.0));
        assert_eq!(
            on_scale("position", 75.0, "cuts", 10.0, 60.0),
            Err("position 75 is outside the scale of `cuts` (10..=60)".into())
        );
        assert_eq!(
            duplicate("issue key", "cuts", "on line 2"),
            "duplicate issue key `cuts` (first used on line 2)"
        );
        assert_eq!(
            unknown("issue key", "cutz", ["cuts", "aid"]),
            "unknown issue key `cutz`; did you mean `cuts`?"
        );
        assert_eq!(
            second_position("usa", "cuts"),
            "a second position of `usa` on `cuts`; an actor takes one position per issue"
        );
    }

    #[test]
    fn unknown_fields_suggest_the_closest_or_list_them_all() {
        let fields = ["id", "name", "kind", "power"];
        assert_eq!(
            unknown_field("knd", &fields),
            "unknown field `knd`; did you mean `kind`?"
        );
        assert_eq!(
            unknown_field("Name", &fields),
            "unknown field `Name`; did you mean `name`?"
        );
        assert_eq!(
            unknown_field("colour", &fields),
            "unknown field `colour`; expected one of id, name, kind, power"
        );
        assert_eq!(missing_field("quote"), "missing field `quote`");
        let kinds = ["state", "organization", "person", "group"];
        assert_eq!(
            unknown_word("kind", "orgnization", &kinds),
            "unknown kind `orgnization`; did you mean `organization`?"
        );
        assert_eq!(
            unknown_word("kind", "country", &kinds),
            "unknown kind `country`; expected state, organization, person or group"
        );
    }

    #[test]
    fn text_for_a_number_names_the_field_its_range_and_the_number_meant() {
        assert_eq!(
            not_a_number("salience", "40%", &Wants::Salience),
            "salience must be a number from 0 to 1, not `40%`; did you mean 0.4?"
        );
        // Out of range once read: nothing to suggest.
        assert_eq!(
            not_a_number("salience", "150 %", &Wants::Salience),
            "salience must be a number from 0 to 1, not `150 %`"
        );
        assert_eq!(
            not_a_number("power", "0,5", &Wants::Power),
            "power must be a number, 0 or more, not `0,5`; did you mean 0.5?"
        );
        assert_eq!(
            not_a_number("power", "-10%", &Wants::Power),
            "power must be a number, 0 or more, not `-10%`"
        );
        // A percentage of the way along the scale.
        let scale = Wants::Scale {
            issue: "cuts",
            min: 10.0,
            max: 60.0,
        };
        assert_eq!(
            not_a_number("position", "40%", &scale),
            "position must be a number on the scale of `cuts` (10..=60), not `40%`; did you mean 30?"
        );
        assert_eq!(
            not_a_number("min", "ten", &Wants::Any),
            "min must be a number, not `ten`"
        );
    }

    #[test]
    fn near_misses_of_numbers() {
        let pct = |p: f64| p / 100.0;
        assert_eq!(meant("12,5", pct), Some(12.5));
        assert_eq!(meant("0,400", pct), Some(0.4));
        assert_eq!(meant("1,000", pct), Some(1000.0));
        assert_eq!(meant("12,500,000", pct), Some(12_500_000.0));
        assert_eq!(meant("-1,5", pct), Some(-1.5));
        assert_eq!(meant(" 7 ", pct), Some(7.0));
        assert_eq!(meant("25 %", pct), Some(0.25));
        assert_eq!(meant("1,2,3", pct), None);
        assert_eq!(meant("inf", pct), None);
        assert_eq!(meant("high", pct), None);
        assert_eq!(meant("%", pct), None);
    }

    #[test]
    fn numbers_as_text() {
        assert_eq!(number("position", "35"), Ok(35.0));
        assert_eq!(number("position", "-0.5"), Ok(-0.5));
        assert_eq!(
            number("position", "3,5"),
            Err("position `3,5` is not a number".into())
        );
        assert_eq!(
            number("salience", "inf"),
            Err("salience `inf` is not a finite number".into())
        );
        assert!(number("power", "NaN").is_err());
        assert_eq!(
            number("power", ""),
            Err("power is empty; expected a number".into())
        );
    }

    #[test]
    fn dates() {
        for ok in ["2022", "2022-01", "2022-01-31", "2024-02-29"] {
            assert!(is_date(ok), "{ok}");
            assert_eq!(date(ok), Ok(()));
        }
        for bad in [
            "22",
            "2022-1",
            "2022-01-01-01",
            "x",
            "2022-1-19",
            "22-01-01",
        ] {
            assert!(!is_date(bad), "{bad}");
            assert_eq!(
                date(bad),
                Err(format!("date `{bad}` is not YYYY, YYYY-MM or YYYY-MM-DD"))
            );
        }
        for missing in ["2022-13", "2022-02-29", "2022-04-31"] {
            assert!(!is_date(missing), "{missing}");
            assert_eq!(
                date(missing),
                Err(format!(
                    "date `{missing}` does not exist (no such month or day)"
                ))
            );
        }
    }

    #[test]
    fn slugs() {
        for ok in ["a", "nato", "nato-non-expansion", "g7", "2022-talks"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "Nato", "nato_x", "nato x", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        let known = [
            "nato-non-expansion",
            "de-escalation",
            "minsk-implementation",
        ];
        assert_eq!(
            did_you_mean("nato-expansion", known),
            Some("nato-non-expansion")
        );
        assert_eq!(did_you_mean("deescalation", known), Some("de-escalation"));
        assert_eq!(did_you_mean("sanctions", known), None);
        assert_eq!(
            did_you_mean(
                "suports",
                super::super::types::Stance::ALL.map(super::super::types::Stance::word)
            ),
            Some("supports")
        );
    }
}
