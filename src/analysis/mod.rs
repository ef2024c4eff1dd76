//! Analyses over the model (SPEC §2 v2), beside the pairwise comparison:
//! per-issue forecasts checked against outcomes. Pure functions; the TUI and
//! every export call them and never re-derive them.

pub mod forecast;
