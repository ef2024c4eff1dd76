//! Analyses over the model (docs/design.md, "Definitions"), beside the pairwise comparison:
//! per-issue forecasts checked against outcomes, a pair's sticking points and
//! trades, and who stands closest to an actor. Pure functions; the TUI and
//! every export call them and never re-derive them.

pub mod forecast;
pub mod pair;
pub mod rank;
