//! detente: compare negotiating positions side by side.
//!
//! Data flows one way: YAML → [`model::Model`] → [`compare::Comparison`] →
//! export (and, later, the screen).

pub mod analysis;
pub mod cli;
pub mod compare;
pub mod export;
pub mod generate;
pub mod model;
pub mod sanitize;
pub mod text;
pub mod tui;
pub mod write;
