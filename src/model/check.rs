//! The checks on a field's value that every format makes (YAML, Decide,
//! KTAB, long CSV), each with its one wording. A check returns the value
//! or the message; the caller adds the place (line, column, path).

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

/// A scale whose span `max - min` is a finite number, so that a position
/// can be placed on it. `issue` names the issue as the file does.
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
}
