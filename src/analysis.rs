//! Analyses over the model (docs/design.md, "Definitions"), beside the pairwise comparison:
//! per-issue forecasts checked against outcomes, a pair's sticking points and
//! trades, who stands closest to an actor, and who can move an outcome (sensitivity).
//! Pure functions; the TUI and
//! every export call them and never re-derive them.

pub mod forecast;
pub mod pair;
pub mod rank;
pub mod sensitivity;
