//! detente: compare negotiating positions side by side.
//!
//! Data flows one way: a model file → [`model::Model`] → analyses → the
//! screen or a report.
//!
//! - [`model`]: actors, issues (on the stance scale or a numeric one),
//!   positions with salience, power, basis and evidence, the sources and
//!   recorded outcomes; loaded from YAML or imported from Decide, KTAB and
//!   long CSV files ([`model::source`]), validated with every error's line.
//! - [`compare`]: two actors compared issue by issue — verdicts, red lines,
//!   counts, alignment — and the default pair to open with.
//! - [`analysis`]: forecasts per issue, a pair's cruxes and trades, and the
//!   actors ranked by closeness to one.
//! - [`scenario`]: what-ifs — changes to positions, saliences and powers
//!   applied to a model (`--scenario`, `--set`), and the scenario file.
//! - [`present`]: the labels, glyphs, numbers, attributions and provenance
//!   that the screen and every report share.
//! - [`export`]: reports of a comparison (text, Markdown, CSV, JSON, HTML),
//!   of the forecasts and of a ranking; pure functions to a string.
//! - [`tui`]: the terminal UI (ratatui), one more rendering of the same
//!   comparison and analyses.
//! - [`cli`]: the command line, mapping its flags onto the above.

pub mod analysis;
pub mod cli;
pub mod compare;
pub mod export;
pub mod generate;
pub mod model;
pub mod present;
pub mod sanitize;
pub mod scenario;
pub mod simulate;
pub mod text;
pub mod tui;
pub mod write;
