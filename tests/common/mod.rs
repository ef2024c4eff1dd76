//! What several test files need: the real binary's output as JSON, a float
//! compared with a tolerance, an export rendered on a fixed day, and the CSV
//! export's header as docs/cli.md lists it. Each test file uses a part of it,
//! so the rest is dead code there.
#![allow(dead_code)]

use assert_cmd::Command;
use detente::compare::Comparison;
use detente::export::{Format, Report, render};
use detente::model::{Model, Origin, resolve_actor};
use detente::present::{Date, Provenance};
use serde_json::Value;

/// The CSV export's header row (docs/cli.md), written out by hand.
pub const CSV_HEADER: &str = "issue_id,issue,left_stance,right_stance,verdict,red_line,\
    left_summary,right_summary,left_value,right_value,left_basis,right_basis,left_salience,\
    right_salience,left_red_line,right_red_line,left_power,right_power";

/// A fixed day, so the goldens do not change daily.
pub fn fixed_provenance() -> Provenance {
    let date = Date {
        year: 2026,
        month: 11,
        day: 28,
    };
    Provenance::on(&Origin::BuiltIn, date)
}

/// `left` vs `right` on `m`, every issue, in `format` at `width`, dated by
/// [`fixed_provenance`].
pub fn report(m: &Model, left: &str, right: &str, format: Format, width: usize) -> String {
    let l = resolve_actor(m, left).expect("left");
    let r = resolve_actor(m, right).expect("right");
    let c = Comparison::new(m, l, r);
    render(&Report::all(&c, fixed_provenance()), format, width)
}

/// Runs `detente ARGS`, which must succeed, and parses its standard output.
pub fn json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("detente")
        .expect("binary")
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "detente {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// `got` is a number within 1e-9 of `want`.
pub fn close(got: &Value, want: f64, what: &str) {
    let g = got
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {got} is not a number"));
    assert!((g - want).abs() < 1e-9, "{what}: {g} != {want}");
}
