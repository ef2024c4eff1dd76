//! One CSV row per issue (RFC 4180 quoting).

use crate::compare::Comparison;
use crate::model::Position;

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn stance(p: Option<&Position>) -> String {
    p.map(|p| p.stance.value().to_string()).unwrap_or_default()
}

fn summary(p: Option<&Position>) -> String {
    field(p.and_then(|p| p.summary.as_deref()).unwrap_or(""))
}

pub(super) fn render(c: &Comparison<'_>) -> String {
    let mut out = String::from(
        "issue_id,issue,left_stance,right_stance,verdict,red_line,left_summary,right_summary\r\n",
    );
    for r in &c.rows {
        let issue = &c.model.issues[r.issue];
        let cols = [
            field(&issue.id),
            field(&issue.title),
            stance(r.left),
            stance(r.right),
            r.verdict.word().to_string(),
            r.red_line.to_string(),
            summary(r.left),
            summary(r.right),
        ];
        out.push_str(&cols.join(","));
        out.push_str("\r\n");
    }
    out
}
