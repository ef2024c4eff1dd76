//! Bytes → validated model → comparison → every export. Whatever the bytes:
//! no panic, and no raw control character in a message or an export.
#![no_main]

use detente::compare::Comparison;
use detente::export::{Format, render};
use detente::model::{Origin, from_bytes};
use libfuzzer_sys::fuzz_target;

fn clean(s: &str, allowed: &[char]) -> bool {
    !s.chars().any(|c| c.is_control() && !allowed.contains(&c))
}

fuzz_target!(|data: &[u8]| {
    match from_bytes(data, Origin::BuiltIn) {
        Err(e) => assert!(clean(&e.to_string(), &['\n']), "{e}"),
        Ok(model) => {
            let last = model.actors.len() - 1;
            let c = Comparison::new(&model, 0, last);
            for format in [Format::Text, Format::Markdown, Format::Csv, Format::Json] {
                let out = render(&c, format, 40);
                assert!(clean(&out, &['\n', '\r']), "{format:?}");
            }
        }
    }
});
