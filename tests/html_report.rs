//! The HTML report (`export --format html`): goldens, escaping on a hostile
//! model, and a real browser. Headless Chromium parses and renders the page
//! when it is installed; under CI (`CI` set) it must be, and `.ci/run`
//! installs it, so the browser test runs there rather than skipping.

use std::path::Path;
use std::process::Command;

use detente::export::Format;
use detente::model::{self, Model, Origin};

mod common;

fn html(m: &Model, left: &str, right: &str) -> String {
    common::report(m, left, right, Format::Html, 100)
}

fn fixture(name: &str) -> Model {
    model::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/good")
            .join(name),
    )
    .expect("fixture is valid")
}

#[test]
fn golden_reports() {
    let m = model::builtin().expect("built-in model");
    insta::assert_snapshot!("html_builtin", html(&m, "russia", "united-states"));
    insta::assert_snapshot!(
        "html_numeric",
        html(&fixture("analysis.yaml"), "usa", "aosis")
    );
}

const SCRIPT: &str = "</td><script>alert(1)</script><img src=x onerror=alert(2)>\"'&";

/// Every text a model can carry into the page holds [`SCRIPT`].
fn hostile() -> Model {
    let q = |s: &str| serde_json::to_string(&format!("{s} {SCRIPT}")).expect("json string");
    let y = format!(
        "title: {t}
sources: [{{id: s, title: {st}}}]
issues:
  - {{id: i1, title: {it}, short: {is}, description: {id}}}
  - id: i2
    title: {it}
    scale: {{min: 0, max: 10, labels: [{{at: 0, label: {lab}}}], status_quo: 3}}
    outcome: 5
actors:
  - id: a
    name: {an}
    aliases: [{al}]
    positions:
      i1:
        stance: 2
        red_line: true
        summary: {su}
        evidence: [{{quote: {qu}, speaker: {sp}, date: 2022-01-10, source: s}}]
      i2: {{position: 1, summary: {su}}}
  - {{id: b, name: {bn}, positions: {{i1: -2, i2: 9}}}}
  - {{id: c, name: {cn}, positions: {{i1: 1, i2: {{position: 4, basis: inferred}}}}}}
",
        t = q("Title"),
        st = q("Source"),
        it = q("Issue"),
        is = q("Short"),
        id = q("Description"),
        lab = q("Label"),
        an = q("Actor A"),
        al = q("Alias"),
        su = q("Summary"),
        qu = q("Quote"),
        sp = q("Speaker"),
        bn = q("Actor B"),
        cn = q("Actor C"),
    );
    model::from_str(&y, Origin::BuiltIn).expect("hostile model is valid")
}

/// The element names in `html`, in order.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|s| {
            s.trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .collect()
}

#[test]
fn model_text_is_escaped_everywhere() {
    let m = hostile();
    let page = html(&m, "a", "b");
    let lower = page.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a raw script tag");
    assert!(!lower.contains("<img"), "a raw img tag");
    // Every text shows as text: title, issue, short, description-free table,
    // label, actor, summary, quote, speaker, source.
    let shown = "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;";
    for what in [
        "Title", "Issue", "Short", "Label", "Actor A", "Actor B", "Summary", "Quote", "Speaker",
        "Source",
    ] {
        assert!(
            page.contains(&format!("{what} {shown}")),
            "{what} not escaped:\n{page}"
        );
    }
    // Only the elements the report writes.
    let allowed = [
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "ol",
        "li",
        "b",
        "span",
        "small",
        "br",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "svg",
        "g",
        "line",
        "text",
        "circle",
        "path",
        "rect",
        "blockquote",
        "footer",
    ];
    for t in tags(&page) {
        assert!(allowed.contains(&t.as_str()), "unexpected element <{t}>");
    }
    // The table keeps its shape: a header row and one row of five cells per issue.
    assert_eq!(page.matches("<tr").count(), 1 + m.issues.len());
    assert_eq!(page.matches("<td").count(), 5 * m.issues.len());
}

#[test]
fn self_contained_and_complete() {
    let m = model::builtin().expect("built-in model");
    let page = html(&m, "russia", "united-states");
    for banned in ["<script", "<link", "@import", "url(", "src=", "href="] {
        assert!(!page.contains(banned), "{banned}");
    }
    assert!(page.contains("<svg") && page.contains("<style>"));
    // A position map per issue, cruxes, trades, the evidence.
    assert_eq!(page.matches("<figure").count(), m.issues.len());
    for id in ["comparison", "cruxes", "trades", "maps", "evidence"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(page.contains("We need legally binding guarantees against NATO expansion."));
    // Forecast and outcome markers on the numeric fixture, with words beside.
    let page = html(&fixture("analysis.yaml"), "usa", "aosis");
    for mark in ["compromise", "weighted median", "status quo", "outcome"] {
        assert!(page.contains(&format!("<title>{mark}: ")), "{mark}");
    }
    // The weighted median of Climate finance: weights 0.9 (20), 0.6 (60),
    // 0.5 (80), 0.3 × 0.7 (100); half of 2.21 is reached at 60.
    assert!(page.contains("weighted median 60 "), "{page}");
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

#[test]
fn a_real_browser_renders_it_without_script() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Chromium is missing: .ci/run installs it"
        );
        eprintln!("skipped: no chromium (install it, or set CI to make this fail)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let m = hostile();
    let page = dir.path().join("report.html");
    std::fs::write(&page, html(&m, "a", "b")).expect("write");
    let url = format!("file://{}", page.display());
    let flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ];
    let profile = format!("--user-data-dir={}", dir.path().join("profile").display());
    // The DOM as the browser built it: no script element, the hostile text
    // as text, the table whole.
    let out = Command::new(browser)
        .args(flags)
        .arg(&profile)
        .args(["--dump-dom", &url])
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout).to_ascii_lowercase();
    assert!(
        dom.contains("<table"),
        "no DOM from chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !dom.contains("<script"),
        "the browser found a script element"
    );
    assert!(!dom.contains("<img"), "the browser found an img element");
    assert!(dom.contains("quote &lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_eq!(dom.matches("<tr").count(), 1 + m.issues.len());
    // And a picture of it.
    let png = dir.path().join("report.png");
    let status = Command::new(browser)
        .args(flags)
        .arg(&profile)
        .arg("--window-size=1100,1400")
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    let bytes = std::fs::read(&png).unwrap_or_default();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// The map's dots: area ∝ power × salience against the heaviest position
/// in the model, a weight of 0 dashed at the least size, and a legend.
#[test]
fn map_dots_are_sized_by_power_times_salience() {
    let m = model::from_str(common::POWERED, Origin::BuiltIn).expect("valid");
    let page = html(&m, "a", "b");
    assert!(page.contains("dot area ∝ power × salience"), "the legend");
    // The dot of `name` on issue `issue`: its <g> in that issue's map.
    let dot = |issue: &str, name: &str| -> String {
        let map = page
            .split(&format!("<figure id=\"map-{issue}\">"))
            .nth(1)
            .and_then(|s| s.split("</figure>").next())
            .expect("the map");
        map.lines()
            .find(|l| l.starts_with(&format!("<g><title>{name}: ")))
            .unwrap_or_else(|| panic!("{name} on {issue}: {map}"))
            .to_string()
    };
    // Heaviest: A on i1, 2 × 0.5 = 1, radius 6.5. B: 0.5 × 0.8 = 0.4 on
    // i1 and 1 × 0.4 on i2, radius 6.5 × √0.4 = 4.11. A on i2 (its own 0)
    // and C (the actor's 0) weigh 0: the least radius, 2.5, dashed.
    let a1 = dot("i1", "A");
    assert!(a1.contains("power 2 (the actor&#39;s) · weight 1<"), "{a1}");
    assert!(
        a1.contains(" r=\"6.5\" ") && !a1.contains("dasharray"),
        "{a1}"
    );
    for (issue, name) in [("i1", "B"), ("i2", "B")] {
        let d = dot(issue, name);
        assert!(d.contains(" r=\"4.1\" ") && !d.contains("dasharray"), "{d}");
    }
    for (issue, name, from) in [("i2", "A", "its own"), ("i1", "C", "the actor&#39;s")] {
        let d = dot(issue, name);
        assert!(d.contains(&format!("power 0 ({from}) · weight 0<")), "{d}");
        assert!(
            d.contains(" r=\"2.5\" fill=\"#fff\"") && d.contains("stroke-dasharray=\"2 2\""),
            "{d}"
        );
    }
    assert!(page.contains("weight 0: C</p>"), "in words too");
    assert!(page.contains("weight 0: A</p>"), "in words too");
}
