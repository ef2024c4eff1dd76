//! Bytes → the Decide importer, seeded with files shaped like real ones
//! (`fuzz/seeds/decide`). See `common.rs` for what is checked.
#![no_main]

mod common;

use detente::model::source::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::check(Format::Decide, data));
