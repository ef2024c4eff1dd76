//! What several test files need: the real binary's output as JSON, and a
//! float compared with a tolerance.

use assert_cmd::Command;
use serde_json::Value;

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
