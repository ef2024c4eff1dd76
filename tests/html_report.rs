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

/// The elements the report writes, and no other.
const ALLOWED: &[&str] = &[
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
    for t in tags(&page) {
        assert!(ALLOWED.contains(&t.as_str()), "unexpected element <{t}>");
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
    // A position map and a chart per issue, cruxes, trades, the evidence.
    assert_eq!(page.matches("<figure id=\"map-").count(), m.issues.len());
    assert_eq!(page.matches("<figure").count(), 2 * m.issues.len());
    for id in [
        "comparison",
        "cruxes",
        "trades",
        "maps",
        "moves",
        "evidence",
    ] {
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

/// How the tests run Chromium: headless, quiet, nothing fetched.
const FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

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
    let flags = FLAGS;
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

fn worked_example() -> Model {
    model::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange/worked-example.yaml"),
    )
    .expect("the worked example is valid")
}

/// The `<figure id="ID">` of `page`, whole.
fn figure<'p>(page: &'p str, id: &str) -> &'p str {
    let start = page
        .find(&format!("<figure id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no figure {id}"));
    let len = page[start..].find("</figure>").expect("closed");
    &page[start..start + len]
}

/// The charts of "How it may move" against the worked example of the
/// exchange model (docs/design.md and EXCHANGE.md §8), North vs South: the
/// values of rounds 1 and 2 are those of the reference table there, shown
/// as `Issue::number` rounds them (three significant places of the scale).
#[test]
fn charts_show_the_worked_example_round_by_round() {
    let page = html(&worked_example(), "north", "south");
    assert!(page.contains("<h2 id=\"moves\">How it may move</h2>"));
    assert!(page.contains("over 10 rounds"), "the default rounds");
    let budget = figure(&page, "move-budget");
    for point in [
        "North, round 0: 40<",
        "South, round 0: 180<",
        // 132.4 and 100.984 on 0–200.
        "South, round 1: 132.4<",
        "South, round 2: 101<",
        // mean_start of rounds 1 and 2: 93.942857 and 82.283302.
        "weighted mean, round 0: 93.9<",
        "weighted mean, round 1: 82.3<",
    ] {
        assert!(budget.contains(point), "{point}:\n{budget}");
    }
    let deadline = figure(&page, "move-deadline");
    for point in [
        "North, round 1: 46.6<",
        "North, round 2: 63.1<",
        "South, round 1: 90<",
        "weighted mean, round 1: 59.7<",
    ] {
        assert!(deadline.contains(point), "{point}:\n{deadline}");
    }
    let oversight = figure(&page, "move-oversight");
    for point in [
        "North, round 1: 63.5<",
        "North, round 2: 57<",
        "South, round 2: 10<",
        "weighted mean, round 1: 40.2<",
    ] {
        assert!(oversight.contains(point), "{point}:\n{oversight}");
    }
    // Where South's budget line is drawn. The plot runs x 118–736 over 10
    // rounds (61.8 a round) and y 186 (0) up to 34 (200), 0.76 a unit:
    // round 0, 180 → (118, 186 − 136.8 = 49.2); round 1, 132.4 →
    // (179.8, 186 − 100.624 = 85.4). Its square marker is 7 wide, centred.
    assert!(
        budget.contains("<path d=\"M118 49.2L179.8 85.4L"),
        "{budget}"
    );
    assert!(
        budget.contains("South, round 1: 132.4</title><rect x=\"176.3\" y=\"81.9\""),
        "{budget}"
    );
    // The axes: the scale's numbers, the rounds, and a legend.
    for label in [
        ">0</text>",
        ">100</text>",
        ">200</text>",
        ">10</text>",
        ">round</text>",
    ] {
        assert!(budget.contains(label), "{label}");
    }
    for name in [">North</text>", ">South</text>", ">weighted mean</text>"] {
        assert!(budget.contains(name), "{name}");
    }
    // And in words, first and last round.
    assert!(budget.contains("Round 0 → 10: North: 40 → "), "{budget}");
}

/// On a stance issue the scale is the stance words; an actor without a
/// position has no line, and the words say so.
#[test]
fn stance_charts_and_missing_positions() {
    let m = model::builtin().expect("built-in model");
    let page = html(&m, "russia", "united-states");
    assert_eq!(page.matches("<figure id=\"move-").count(), m.issues.len());
    let first = figure(&page, &format!("move-{}", m.issues[0].id));
    for word in [
        "+2 demands",
        "+1 supports",
        "0 neutral",
        "-1 opposes",
        "-2 rejects",
    ] {
        assert!(first.contains(&format!(">{word}</text>")), "{word}");
    }
    // The United States takes no position on NATO's return to 1997.
    let issue = m
        .issues
        .iter()
        .position(|i| i.label() == "NATO back to 1997")
        .expect("the issue");
    let us = m.actors.iter().position(|a| a.id == "united-states");
    assert!(m.actors[us.expect("the US")].position(issue).is_none());
    let chart = figure(&page, &format!("move-{}", m.issues[issue].id));
    assert!(!chart.contains("<g><title>United States, round"), "{chart}");
    assert!(chart.contains("<g><title>Russian Federation, round 10: "));
    assert!(
        chart.contains("no counted position: United States</p>"),
        "{chart}"
    );
}

/// Where the simulation cannot move anyone, or would take too long, the
/// section says so in one sentence and draws nothing.
#[test]
fn no_charts_when_nothing_can_move() {
    let one_issue = model::from_str(
        "title: One issue
issues: [{id: i, title: Only}]
actors:
  - {id: a, name: A, positions: {i: demands}}
  - {id: b, name: B, positions: {i: rejects}}
",
        Origin::BuiltIn,
    )
    .expect("valid");
    let page = html(&one_issue, "a", "b");
    assert!(
        page.contains(
            "<h2 id=\"moves\">How it may move</h2>\n<p>Nothing moves in the simulation (no \
             exchange possible: it has fewer than two issues).</p>\n"
        ),
        "{page}"
    );
    assert!(!page.contains("<figure id=\"move-"));
    let md = common::report(&one_issue, "a", "b", Format::Markdown, 100);
    assert!(md.contains(
        "## How it may move\n\nNothing moves in the simulation (no exchange possible: it has \
         fewer than two issues).\n"
    ));
}

/// The size bound: a report draws the maps and charts of at most 40
/// issues, the cruxes first, and lists the rest in a compact table, so its
/// size grows with the issues by a table row, not by a map. Measured on a
/// generated 200 × 150 model (loaded in a second in a debug build) and
/// projected to 200 × 6,000; docs/performance.md gives the report of a
/// generated 200 × 6,000 model as measured.
#[test]
fn a_big_model_gives_a_small_report() {
    use detente::compare::Comparison;
    use detente::export::{Options, Report, render_with};
    let spec = detente::generate::Spec::new(200, 150);
    let m = model::from_str(&detente::generate::yaml(&spec), Origin::BuiltIn).expect("valid");
    let c = Comparison::new(&m, 0, 1);
    let report = Report::all(&c, common::fixed_provenance());
    let page = render_with(&report, Format::Html, 100, &Options::default());
    // 200 × 150 is far too big to simulate: the estimate refuses it.
    assert!(page.contains(
        "<p>Not simulated: this model is too big to simulate in reasonable time (200 actors × \
         150 issues give about "
    ));
    let maps: Vec<&str> = page
        .split("<figure id=\"map-")
        .skip(1)
        .map(|s| &s[..s.find("</figure>").expect("closed")])
        .collect();
    assert_eq!(maps.len(), 40);
    assert!(page.contains(
        "40 of the 150 issues shown have a map and a chart (the cruxes first, then in the order \
         shown), to keep the report small; the other 110 are in a compact table, and detente \
         export --all-maps gives every one in full."
    ));
    // The compact table: a header and a row for each of the other 110.
    let compact = &page[page.find("<table class=\"compact\">").expect("the table")..];
    let compact = &compact[..compact.find("</table>").expect("closed")];
    assert_eq!(compact.matches("<tr>").count(), 1 + 110);
    // The cruxes come first.
    let cruxes = detente::analysis::pair::cruxes(&c);
    for &issue in cruxes.iter().take(40) {
        let id = &m.issues[issue].id;
        assert!(page.contains(&format!("<figure id=\"map-{id}\">")), "{id}");
    }
    // The projection: what is not a map grows with the issues; the maps
    // stay at 40 of at most 4 MB together.
    let map_bytes: usize = maps.iter().map(|s| s.len()).sum();
    assert!(map_bytes < 4_000_000);
    let per_issue = (page.len() - map_bytes) as f64 / 150.0;
    let projected = per_issue * 6000.0 + 4_000_000.0;
    assert!(projected < 10e6, "{per_issue} bytes an issue: {projected}");
    // --all-maps draws every one.
    let all = render_with(
        &report,
        Format::Html,
        100,
        &Options {
            all_maps: true,
            ..Default::default()
        },
    );
    assert_eq!(all.matches("<figure id=\"map-").count(), 150);
    assert!(!all.contains("table class=\"compact\""));
}

/// The charts as Chromium lays them out: a measuring script is added to a
/// copy of the page (the report has none), and it writes, for each chart,
/// its size on the page, its lines and their drawn length.
#[test]
fn a_real_browser_draws_the_charts() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Chromium is missing: .ci/run installs it"
        );
        eprintln!("skipped: no chromium (install it, or set CI to make this fail)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let measure = r#"<script>
const rows = [...document.querySelectorAll('figure[id^="move-"] svg')].map(svg => {
  const box = svg.getBoundingClientRect();
  const lines = [...svg.querySelectorAll('path[fill="none"]')];
  const length = lines.reduce((sum, l) => sum + l.getTotalLength(), 0);
  return `${svg.parentElement.id} ${Math.round(box.width)} ${Math.round(box.height)} ${lines.length} ${Math.round(length)}`;
});
const out = document.createElement('pre');
out.id = 'measured';
out.textContent = rows.join('\n');
document.body.append(out);
</script>"#;
    let page =
        html(&worked_example(), "north", "south").replace("</body>", &format!("{measure}</body>"));
    let file = dir.path().join("report.html");
    std::fs::write(&file, page).expect("write");
    let out = Command::new(browser)
        .args(FLAGS)
        .arg("--window-size=1100,1400")
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .args(["--dump-dom", &format!("file://{}", file.display())])
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let measured = dom
        .split("<pre id=\"measured\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("nothing measured: {}", String::from_utf8_lossy(&out.stderr)));
    let rows: Vec<Vec<&str>> = measured.lines().map(|l| l.split(' ').collect()).collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(ids, ["move-budget", "move-deadline", "move-oversight"]);
    for row in &rows {
        let n = |i: usize| row[i].parse::<f64>().expect("a number");
        // The page is 1080 px at most, less its padding; the chart keeps
        // its 760 × 226 proportions.
        assert!(n(1) > 600.0 && n(1) < 1080.0, "width: {row:?}");
        assert!((n(2) - n(1) * 226.0 / 760.0).abs() < 2.0, "height: {row:?}");
        // Three lines: North, South and the mean, each across 10 rounds,
        // so together at least three widths of the plot (618 units).
        assert_eq!(n(3), 3.0, "lines: {row:?}");
        assert!(n(4) >= 3.0 * 618.0, "length: {row:?}");
    }
}

/// The charts and their tables carry model text too: the actors' names in
/// the legend and on every point, the issues' names in the captions. The
/// worked example, renamed with [`SCRIPT`], so that the simulation runs.
#[test]
fn chart_text_is_escaped() {
    let q = |s: &str| serde_json::to_string(&format!("{s} {SCRIPT}")).expect("json string");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange/worked-example.yaml"),
    )
    .expect("read")
    .replace("name: North", &format!("name: {}", q("North")))
    .replace("name: South", &format!("name: {}", q("South")))
    .replace("title: Budget", &format!("title: {}", q("Budget")));
    let m = model::from_str(&text, Origin::BuiltIn).expect("valid");
    let page = html(&m, "north", "south");
    let lower = page.to_ascii_lowercase();
    assert!(!lower.contains("<script") && !lower.contains("<img"));
    let chart = figure(&page, "move-budget");
    let shown = "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;";
    assert!(
        chart.contains(&format!("<figcaption>1. Budget {shown}")),
        "{chart}"
    );
    assert!(chart.contains(&format!("<g><title>South {shown}, round 1: 132.4</title>")));
    assert!(chart.contains(&format!("Round 0 → 10: North {shown}: 40 → ")));
    for t in tags(&page) {
        assert!(ALLOWED.contains(&t.as_str()), "unexpected element <{t}>");
    }
    let md = common::report(&m, "north", "south", Format::Markdown, 100);
    assert!(
        !md.replace("\\<", "").contains("<script"),
        "Markdown escapes the names too"
    );
    assert!(md.contains("| Round | North \\</td\\>\\<script\\>"), "{md}");
}

/// `--since OLD` in a real browser: the talks fixtures of tests/diff.rs, China against the EU.
/// China moved twice (cuts 10 → 30, the review −1 → +1), so the maps hold two hollow rings, at
/// x 95.2 on the cuts map and 202 on the review map (worked out in tests/export_since.rs), each
/// with an arrow pointing right, and the "Since" table has those two rows.
#[test]
fn a_real_browser_draws_what_moved_since() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Chromium is missing: .ci/run installs it"
        );
        eprintln!("skipped: no chromium (install it, or set CI to make this fail)");
        return;
    };
    let talks = |name: &str| {
        model::load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/diff")
                .join(name),
        )
        .expect("fixture is valid")
    };
    let (old, new) = (talks("talks-1.yaml"), talks("talks-2.yaml"));
    let (l, r) = (
        model::resolve_actor(&new, "china").expect("china"),
        model::resolve_actor(&new, "eu").expect("eu"),
    );
    let c = detente::compare::Comparison::new(&new, l, r);
    let options = detente::export::Options {
        since: Some(detente::export::Since {
            name: "talks-1.yaml".into(),
            diff: detente::diff::changes(&old, &new, c.min_basis),
        }),
        ..Default::default()
    };
    let report = detente::export::Report::all(&c, common::fixed_provenance());
    let measure = r#"<script>
const rings = [...document.querySelectorAll('circle[stroke-dasharray="1.5 2"]')]
  .filter(ring => ring.closest('figure'))
  .map(ring => {
    const box = ring.getBBox();
    const arrow = ring.nextElementSibling.getBBox();
    return `${ring.closest('figure').id} ${Math.round(box.x + box.width / 2)} ${Math.round(arrow.x)} ${Math.round(arrow.x + arrow.width)}`;
  });
const rows = document.querySelectorAll('#since + table tbody tr').length;
const out = document.createElement('pre');
out.id = 'measured';
out.textContent = rings.join('\n') + '\nrows ' + rows;
document.body.append(out);
</script>"#;
    let page = detente::export::render_with(&report, Format::Html, 100, &options)
        .replace("</body>", &format!("{measure}</body>"));
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.html");
    std::fs::write(&file, page).expect("write");
    let out = Command::new(browser)
        .args(FLAGS)
        .arg("--window-size=1100,1400")
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .args(["--dump-dom", &format!("file://{}", file.display())])
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let measured = dom
        .split("<pre id=\"measured\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("nothing measured: {}", String::from_utf8_lossy(&out.stderr)));
    // Each ring's centre, then its arrow's shaft: from the ring's edge to the arrowhead's base,
    // 6.5 short of the new dot's edge. Cuts: radius 6.5 (the heaviest weight, 1.05), 95.2 + 6.5 =
    // 101.7 to 237.6 − 13 = 224.6. The review: weight 1.5 × 0.5 = 0.75, radius
    // 6.5 × √(0.75 / 1.05) = 5.49, so 202 + 5.49 = 207.5 to 558 − 11.99 = 546.
    assert_eq!(
        measured,
        "map-cuts 95 102 225\nmap-review 202 208 546\nrows 2"
    );
}
