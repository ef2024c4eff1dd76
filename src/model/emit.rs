//! Writes a [`Model`] as a YAML model file (`detente import`): every string
//! double-quoted and escaped, every number in a form that reads back to the
//! same `f64`, so loading the output gives back the same model.

use std::fmt::Write as _;

use super::types::{Issue, Model, Position, Stance};

/// A string as a YAML double-quoted scalar: safe whatever it holds (quotes,
/// `:`, `#`, a leading `-`, line breaks, any Unicode).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // YAML's printable set, less the characters some readers take
            // for line breaks or a byte-order mark.
            '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}'
                if !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}') =>
            {
                out.push(c)
            }
            c if u32::from(c) > 0xFFFF => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// A number that reads back as the same `f64`: integers without a point,
/// others in Rust's shortest round-trip form (`0.35`, `1e-7`).
pub fn number(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x:?}")
    }
}

/// The model as YAML, after a comment line for each line of `note`.
pub fn to_yaml(model: &Model, note: &str) -> String {
    let mut y = String::new();
    for line in note.lines() {
        let _ = writeln!(y, "# {}", crate::sanitize::line(line));
    }
    let _ = writeln!(y, "title: {}", quote(&model.title));
    if let Some(d) = &model.description {
        let _ = writeln!(y, "description: {}", quote(d));
    }
    if !model.sources.is_empty() {
        y.push_str("sources:\n");
        for s in &model.sources {
            let _ = writeln!(y, "  - id: {}", quote(&s.id));
            let _ = writeln!(y, "    title: {}", quote(&s.title));
            for (key, value) in [("author", &s.author), ("date", &s.date), ("url", &s.url)] {
                if let Some(v) = value {
                    let _ = writeln!(y, "    {key}: {}", quote(v));
                }
            }
        }
    }
    y.push_str("issues:\n");
    for issue in &model.issues {
        write_issue(&mut y, issue);
    }
    y.push_str("actors:\n");
    for a in &model.actors {
        let _ = writeln!(y, "  - id: {}", quote(&a.id));
        let _ = writeln!(y, "    name: {}", quote(&a.name));
        if let Some(k) = a.kind {
            let _ = writeln!(y, "    kind: {}", k.word());
        }
        if let Some(aff) = a.affiliation.and_then(|i| model.actors.get(i)) {
            let _ = writeln!(y, "    affiliation: {}", quote(&aff.id));
        }
        if !a.aliases.is_empty() {
            let list: Vec<String> = a.aliases.iter().map(|s| quote(s)).collect();
            let _ = writeln!(y, "    aliases: [{}]", list.join(", "));
        }
        if let Some(d) = &a.description {
            let _ = writeln!(y, "    description: {}", quote(d));
        }
        if a.power != 1.0 {
            let _ = writeln!(y, "    power: {}", number(a.power));
        }
        if !a.positions().is_empty() {
            y.push_str("    positions:\n");
            for p in a.positions() {
                let issue = &model.issues[p.issue()];
                let _ = writeln!(
                    y,
                    "      {}: {}",
                    quote(&issue.id),
                    position(model, issue, p)
                );
            }
        }
    }
    y
}

fn write_issue(y: &mut String, issue: &Issue) {
    let _ = writeln!(y, "  - id: {}", quote(&issue.id));
    let _ = writeln!(y, "    title: {}", quote(&issue.title));
    if let Some(s) = &issue.short {
        let _ = writeln!(y, "    short: {}", quote(s));
    }
    if let Some(d) = &issue.description {
        let _ = writeln!(y, "    description: {}", quote(d));
    }
    if !issue.tags.is_empty() {
        let list: Vec<String> = issue.tags.iter().map(|s| quote(s)).collect();
        let _ = writeln!(y, "    tags: [{}]", list.join(", "));
    }
    if let Some(scale) = &issue.scale {
        y.push_str("    scale:\n");
        let _ = writeln!(y, "      min: {}", number(scale.min));
        let _ = writeln!(y, "      max: {}", number(scale.max));
        if !scale.labels.is_empty() {
            y.push_str("      labels:\n");
            for l in &scale.labels {
                let _ = writeln!(
                    y,
                    "        - {{at: {}, label: {}}}",
                    number(l.at),
                    quote(&l.label)
                );
            }
        }
        if let Some(q) = scale.status_quo {
            let _ = writeln!(y, "      status_quo: {}", number(q));
        }
    }
    if let Some(o) = issue.outcome {
        let _ = writeln!(y, "    outcome: {}", value(issue, o));
    }
}

/// A value on the issue's scale: a stance word, or a number.
fn value(issue: &Issue, x: f64) -> String {
    if issue.is_numeric() {
        number(x)
    } else {
        Stance::nearest(x).word().to_string()
    }
}

/// A position: just its value when everything else is the default, else a
/// flow mapping.
fn position(model: &Model, issue: &Issue, p: &Position) -> String {
    let v = value(issue, p.value);
    let plain = p.power().is_none()
        && p.basis == super::Basis::Stated
        && p.salience == 1.0
        && !p.red_line
        && p.summary().is_none()
        && p.evidence().is_empty();
    if plain {
        return v;
    }
    let mut parts = vec![if issue.is_numeric() {
        format!("position: {v}")
    } else {
        format!("stance: {v}")
    }];
    if p.salience != 1.0 {
        parts.push(format!("salience: {}", number(p.salience)));
    }
    if let Some(power) = p.power() {
        parts.push(format!("power: {}", number(power)));
    }
    if p.basis != super::Basis::Stated {
        parts.push(format!("basis: {}", p.basis.word()));
    }
    if p.red_line {
        parts.push("red_line: true".into());
    }
    if let Some(s) = p.summary() {
        parts.push(format!("summary: {}", quote(s)));
    }
    if !p.evidence().is_empty() {
        let items: Vec<String> = p
            .evidence()
            .iter()
            .map(|e| {
                let mut f = vec![format!("quote: {}", quote(&e.quote))];
                if let Some(s) = &e.speaker {
                    f.push(format!("speaker: {}", quote(s)));
                }
                if let Some(d) = &e.date {
                    f.push(format!("date: {}", quote(d)));
                }
                if let Some(src) = e.source.and_then(|i| model.sources.get(i)) {
                    f.push(format!("source: {}", quote(&src.id)));
                }
                format!("{{{}}}", f.join(", "))
            })
            .collect();
        parts.push(format!("evidence: [{}]", items.join(", ")));
    }
    format!("{{{}}}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(quote("x\ny\tz"), r#""x\ny\tz""#);
        assert_eq!(quote("\u{7}\u{2028}é"), "\"\\u0007\\u2028é\"");
        assert_eq!(quote("🙂"), "\"🙂\"");
    }

    #[test]
    fn numbers() {
        assert_eq!(number(35.0), "35");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.35), "0.35");
        assert_eq!(number(-2.0), "-2");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(1e20), "1e20");
    }
}
