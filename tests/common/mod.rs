//! What several test files need: the real binary's output as JSON or as
//! its exit code and both streams, a float
//! compared with a tolerance, an export rendered on a fixed day, and the CSV
//! export's header as docs/cli.md lists it. Each test file uses a part of it,
//! so the rest is dead code there.
#![allow(dead_code)]

pub mod tmux;

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

/// What a run of the real binary said.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` to its end, whether it succeeds or not.
pub fn finish(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `got` is a number within 1e-9 of `want`.
pub fn close(got: &Value, want: f64, what: &str) {
    let g = got
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {got} is not a number"));
    assert!((g - want).abs() < 1e-9, "{what}: {g} != {want}");
}

/// A small model with power at both levels: A's actor power 2 (on i1) and
/// its own power 0 on i2; B's default 1 (on i2) and its own 0.5 on i1; C's
/// actor power 0. tests/export.rs also reads it without the power.
pub const POWERED: &str = "title: Power
issues:
  - {id: i1, title: First}
  - {id: i2, title: Second}
actors:
  - id: a
    name: A
    power: 2
    positions:
      i1: {stance: supports, salience: 0.5}
      i2: {stance: opposes, salience: 1, power: 0}
  - id: b
    name: B
    positions:
      i1: {stance: demands, salience: 0.8, power: 0.5}
      i2: {stance: supports, salience: 0.4}
  - id: c
    name: C
    power: 0
    positions:
      i1: {stance: rejects, salience: 1}
";
