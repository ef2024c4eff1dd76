//! Bytes → validated model → comparison → every export. Whatever the bytes:
//! no panic, and no raw control character in a message or an export.
#![no_main]

use detente::compare::Comparison;
use detente::export::{self, Report};
use detente::model::source::{self, import};
use detente::model::{Origin, from_any_bytes, from_bytes, to_yaml};
use detente::present::{Date, Provenance};
use libfuzzer_sys::fuzz_target;

fn clean(s: &str, allowed: &[char]) -> bool {
    !s.chars().any(|c| c.is_control() && !allowed.contains(&c))
}

fuzz_target!(|data: &[u8]| {
    // Every importer on the same bytes, whatever they look like, and the
    // detection in front of them: no panic, clean messages, and a model
    // that imports writes YAML that loads back the same.
    for format in [
        source::Format::Decide,
        source::Format::Ktab,
        source::Format::Csv,
    ] {
        match import(format, data, &Origin::BuiltIn) {
            Err(e) => assert!(clean(&e.to_string(), &['\n']), "{e}"),
            Ok(model) => {
                let yaml = to_yaml(&model, "fuzz");
                let back = detente::model::from_str(&yaml, Origin::BuiltIn);
                assert_eq!(back.as_ref().ok(), Some(&model), "{yaml}");
            }
        }
    }
    if let Err(e) = from_any_bytes(data, Origin::BuiltIn) {
        assert!(clean(&e.to_string(), &['\n']), "{e}");
    }
    match from_bytes(data, Origin::BuiltIn) {
        Err(e) => assert!(clean(&e.to_string(), &['\n']), "{e}"),
        Ok(model) => {
            let last = model.actors.len() - 1;
            let c = Comparison::new(&model, 0, last);
            let report = Report::all(&c, Provenance::on(&Origin::BuiltIn, Date::from_days(0)));
            for format in [
                export::Format::Text,
                export::Format::Markdown,
                export::Format::Csv,
                export::Format::Json,
                export::Format::Html,
            ] {
                let out = export::render(&report, format, 40);
                assert!(clean(&out, &['\n', '\r']), "{format:?}");
            }
        }
    }
});
