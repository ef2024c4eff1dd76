//! One CSV row per issue (RFC 4180 quoting).

use super::Report;
use crate::model::{Actor, Position, format_number};

/// A text cell, quoted as RFC 4180 needs. A text that a spreadsheet would
/// read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, as OWASP recommends against CSV injection: a
/// hostile quote in a model never runs in the analyst's spreadsheet. Only
/// text goes through here; numbers are written as numbers.
pub(super) fn field(s: &str) -> String {
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn stance(p: Option<&Position>) -> String {
    p.and_then(|p| p.stance)
        .map(|s| s.value().to_string())
        .unwrap_or_default()
}

/// A side's value on the issue's scale (the stance for stance issues), its
/// basis, salience and red line: empty where the position is unknown.
fn details(p: Option<&Position>) -> [String; 4] {
    match p {
        None => Default::default(),
        Some(p) => [
            format_number(p.value),
            p.basis.word().to_string(),
            p.salience.to_string(),
            p.red_line.to_string(),
        ],
    }
}

/// The power behind a side's position, its own else the actor's (always
/// written, whether or not the model gives power): empty where unknown.
fn power(a: &Actor, p: Option<&Position>) -> String {
    p.map(|p| format_number(a.power_on(p))).unwrap_or_default()
}

fn summary(p: Option<&Position>) -> String {
    field(p.and_then(|p| p.summary()).unwrap_or(""))
}

pub(super) fn render(report: &Report<'_, '_>) -> String {
    let c = report.comparison;
    let mut out = String::from(
        "issue_id,issue,left_stance,right_stance,verdict,red_line,left_summary,right_summary,\
         left_value,right_value,left_basis,right_basis,left_salience,right_salience,\
         left_red_line,right_red_line,left_power,right_power\r\n",
    );
    for r in report.rows() {
        let issue = &c.model.issues[r.issue];
        let [lv, lb, ls, lr] = details(r.left);
        let [rv, rb, rs, rr] = details(r.right);
        let cols = [
            field(&issue.id),
            field(&issue.title),
            stance(r.left),
            stance(r.right),
            r.verdict.word().to_string(),
            r.red_line.to_string(),
            summary(r.left),
            summary(r.right),
            lv,
            rv,
            lb,
            rb,
            ls,
            rs,
            lr,
            rr,
            power(&c.model.actors[c.left], r.left),
            power(&c.model.actors[c.right], r.right),
        ];
        out.push_str(&cols.join(","));
        out.push_str("\r\n");
    }
    out
}
