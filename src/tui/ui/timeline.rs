//! The Timeline view: the current issue's positions over the simulated
//! rounds (a line chart, or a table where the terminal is small), and
//! below it the exchanges of the round shown that moved the issue.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Widget, Wrap};

use crate::model::{Issue, Model};
use crate::simulate::{Exchange, Run};
use crate::text::{pad, truncate, width};
use crate::tui::app::{App, Simulation};

/// The smallest chart drawn; below it, the positions as a table.
const CHART_MIN: (u16, u16) = (40, 8);

/// One actor's (or the mean's) position in each round, 0 to the last.
struct Path {
    name: String,
    points: Vec<(f64, f64)>,
}

/// Every actor's path on one issue, and the weighted mean's.
struct Paths {
    /// (model actor index, path), for the actors holding a counted position.
    actors: Vec<(usize, Path)>,
    /// `None` where nobody holding a position has weight.
    mean: Option<Path>,
}

impl Paths {
    fn of(&self, actor: usize) -> Option<&Path> {
        self.actors
            .iter()
            .find(|(a, _)| *a == actor)
            .map(|(_, p)| p)
    }
}

/// The positions of every actor holding one on `issue`, round by round,
/// and the weighted mean's path: the mean of each round's positions,
/// weighted by salience × power (docs/design.md, "The Timeline").
fn paths(app: &App, run: &Run, issue: usize) -> Paths {
    let base: &Model = &app.timeline.base;
    let basis = app.timeline.basis;
    let mut actors: Vec<(usize, Path, f64)> = Vec::new();
    for (a, actor) in base.actors.iter().enumerate() {
        let Some(p) = actor.position_at(issue, basis) else {
            continue;
        };
        let mut points = vec![(0.0, p.value)];
        for (r, round) in run.rounds.iter().enumerate() {
            // A round lists its issues, and each issue its actors, in model
            // order: two binary searches, not two scans, per point.
            let x = round
                .issues
                .binary_search_by_key(&issue, |ir| ir.issue)
                .ok()
                .and_then(|k| {
                    let ps = &round.issues[k].positions;
                    ps.binary_search_by_key(&a, |&(b, _)| b)
                        .ok()
                        .map(|j| ps[j].1)
                })
                .unwrap_or(p.value);
            points.push(((r + 1) as f64, x));
        }
        let weight = p.salience * actor.power_on(p);
        actors.push((
            a,
            Path {
                name: base.actors[a].name.clone(),
                points,
            },
            weight,
        ));
    }
    let total: f64 = actors.iter().map(|(_, _, w)| w).sum();
    let mean = (total > 0.0).then(|| Path {
        name: "weighted mean".to_string(),
        points: (0..=run.rounds.len())
            .map(|r| {
                let sum: f64 = actors.iter().map(|(_, p, w)| w * p.points[r].1).sum();
                (r as f64, sum / total)
            })
            .collect(),
    });
    Paths {
        actors: actors.into_iter().map(|(a, p, _)| (a, p)).collect(),
        mean,
    }
}

pub fn body(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let issue = &app.model.issues[app.issue];
    let block = Block::bordered().border_style(t.focused_border());
    let run = match &app.timeline.simulation {
        Simulation::Done(run) => run,
        other => {
            let text = match other {
                Simulation::Running { done, rounds } => vec![
                    Line::from(format!(
                        "Simulating the bargaining… {done} of {rounds} rounds done"
                    )),
                    Line::from(Span::styled(
                        "q quits at once; the other views work meanwhile",
                        t.dim(),
                    )),
                ],
                // The refusal names the command line's flags: say where
                // they go, since the screen always simulates the whole model.
                Simulation::Refused(why) => vec![
                    Line::from(why.as_str()),
                    Line::default(),
                    Line::from(Span::styled(
                        "Here the whole model is simulated; to simulate a part, run `detente simulate MODEL --issues … --actors …` in a shell.",
                        t.dim(),
                    )),
                ],
                _ => vec![Line::from(
                    "No simulation yet: t runs the exchange model (10 rounds) on the model as written",
                )],
            };
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(block.title(Span::styled(" Timeline ", t.title())))
                .render(area, buf);
            return;
        }
    };
    let last = run.rounds.len();
    let round = app.timeline.round;
    let mut title = format!(" Timeline · {} · round {round} of {last}", issue.label());
    if run.stopped == crate::simulate::Stopped::NoExchange {
        title.push_str(" (no exchange left)");
    }
    title.push(' ');
    let block = block.title(Span::styled(
        truncate(&title, usize::from(area.width.saturating_sub(2))),
        t.title(),
    ));
    if let Some(note) = &run.note {
        Paragraph::new(note.as_str())
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
        return;
    }
    let paths = paths(app, run, app.issue);
    let block = block.title_bottom(legend(app, &paths));
    let inner = block.inner(area);
    if inner.width < CHART_MIN.0 || inner.height < CHART_MIN.1 {
        block.render(area, buf);
        table(app, &paths, issue, inner, buf);
    } else {
        chart(app, &paths, issue, last, block, area, buf);
    }
}

/// The colours of the pair and the mean; with `NO_COLOR` the markers tell
/// them apart instead.
fn styles(app: &App) -> [(Style, Marker); 3] {
    let t = app.theme;
    let fg = |c| {
        if t.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    };
    if t.color {
        [
            (fg(Color::Cyan), Marker::Braille),
            (fg(Color::Magenta), Marker::Braille),
            (fg(Color::Yellow), Marker::Braille),
        ]
    } else {
        [
            (Style::new(), Marker::Braille),
            (Style::new(), Marker::Dot),
            (Style::new(), Marker::Block),
        ]
    }
}

fn chart(
    app: &App,
    paths: &Paths,
    issue: &Issue,
    last: usize,
    block: Block,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = app.theme;
    let (lo, hi) = issue.range();
    let [left, right, mean_style] = styles(app);
    let mut sets: Vec<Dataset> = Vec::new();
    // Everyone else first, dim, so the pair and the mean draw on top.
    if t.color {
        for (a, p) in &paths.actors {
            if *a != app.left() && *a != app.right() {
                sets.push(
                    Dataset::default()
                        .marker(Marker::Braille)
                        .graph_type(GraphType::Line)
                        .style(t.dim())
                        .data(&p.points),
                );
            }
        }
    }
    let round = app.timeline.round as f64;
    let cursor = [(round, lo), (round, hi)];
    sets.push(
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.dim())
            .data(&cursor),
    );
    if let Some(m) = &paths.mean {
        sets.push(named(&m.points, mean_style));
    }
    for (side, style) in [(app.right(), right), (app.left(), left)] {
        if let Some(p) = paths.of(side) {
            sets.push(named(&p.points, style));
        }
    }
    let y_labels: Vec<Span> = if issue.is_numeric() {
        [lo, (lo + hi) / 2.0, hi]
            .iter()
            .map(|&v| Span::raw(issue.number(v)))
            .collect()
    } else {
        ["rejects", "opposes", "neutral", "supports", "demands"]
            .into_iter()
            .map(Span::raw)
            .collect()
    };
    let mut x_labels = vec![Span::raw("round 0")];
    if last >= 4 {
        x_labels.push(Span::raw((last / 2).to_string()));
    }
    x_labels.push(Span::raw(last.to_string()));
    Chart::new(sets)
        .block(block)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([0.0, last.max(1) as f64])
                .labels(x_labels)
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels(y_labels)
                .style(t.dim()),
        )
        .render(area, buf);
}

/// Who each line is, on the frame's bottom edge: readable at every size,
/// where the chart's own legend would hide in a small one.
fn legend(app: &App, paths: &Paths) -> Line<'static> {
    let [left, right, mean_style] = styles(app);
    let glyph = |m: Marker| match m {
        Marker::Dot => "•",
        Marker::Block => "█",
        _ => "⣀",
    };
    let mut spans = vec![Span::raw(" ")];
    for (side, (style, marker)) in [(app.left(), left), (app.right(), right)] {
        if let Some(p) = paths.of(side) {
            spans.push(Span::styled(
                format!(
                    "{}{} {} ",
                    glyph(marker),
                    glyph(marker),
                    truncate(&crate::sanitize::line(&p.name), 24)
                ),
                style,
            ));
        }
    }
    if paths.mean.is_some() {
        spans.push(Span::styled(
            format!(
                "{}{} weighted mean ",
                glyph(mean_style.1),
                glyph(mean_style.1)
            ),
            mean_style.0,
        ));
    }
    if app.theme.color && paths.actors.len() > 2 {
        spans.push(Span::styled("⣀⣀ the others ", app.theme.dim()));
    }
    Line::from(spans)
}

fn named<'a>(points: &'a [(f64, f64)], (style, marker): (Style, Marker)) -> Dataset<'a> {
    Dataset::default()
        .marker(marker)
        .graph_type(GraphType::Line)
        .style(style)
        .data(points)
}

/// Where the chart would not be legible: the pair's and the mean's
/// positions in a table, a column per round, ending at the round shown.
fn table(app: &App, paths: &Paths, issue: &Issue, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let [left, right, mean_style] = styles(app);
    let mut rows: Vec<(&Path, Style)> = Vec::new();
    for (side, (style, _)) in [(app.left(), left), (app.right(), right)] {
        if let Some(p) = paths.of(side) {
            rows.push((p, style));
        }
    }
    if let Some(m) = &paths.mean {
        rows.push((m, mean_style.0));
    }
    let name_w = 14.min(usize::from(area.width) / 3);
    let cell_w = 8;
    let fit = (usize::from(area.width).saturating_sub(name_w) / cell_w).max(1);
    let round = app.timeline.round;
    let first = (round + 1).saturating_sub(fit);
    let shown: Vec<usize> = (first..=round.max(first)).take(fit).collect();
    let mut lines = vec![Line::from(
        std::iter::once(Span::styled(pad("round", name_w), t.dim()))
            .chain(shown.iter().map(|r| {
                let style = if *r == round { t.title() } else { t.dim() };
                Span::styled(format!("{r:>w$}", w = cell_w), style)
            }))
            .collect::<Vec<_>>(),
    )];
    for (path, style) in rows {
        let mut spans = vec![Span::styled(
            pad(
                &truncate(&crate::sanitize::line(&path.name), name_w - 1),
                name_w,
            ),
            style,
        )];
        for r in &shown {
            let v = path
                .points
                .get(*r)
                .map_or(String::new(), |p| issue.number(p.1));
            spans.push(Span::raw(format!(
                "{:>w$}",
                truncate(&v, cell_w - 1),
                w = cell_w
            )));
        }
        lines.push(Line::from(spans));
    }
    if paths.actors.is_empty() {
        lines.push(Line::from(Span::styled(
            "nobody holds a counted position on this issue",
            t.dim(),
        )));
    }
    Paragraph::new(lines).render(area, buf);
}

/// The detail panel: the exchanges of the round shown that moved the
/// current issue.
pub fn detail(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let block = Block::bordered().border_style(t.border());
    let Some(run) = app.timeline.run() else {
        block.render(area, buf);
        return;
    };
    let m = &*app.model;
    let round = app.timeline.round;
    let moved = app.round_exchanges();
    let title = if round == 0 {
        " Round 0: the model as written — . steps to round 1 ".to_string()
    } else {
        let all = run.rounds[round - 1].exchanges.len();
        format!(
            " Round {round}: {} of {all} exchanges move {} (who gives way, from → to ⇄ in return) ",
            moved.len(),
            m.issues[app.issue].label()
        )
    };
    let block = block.title(Span::styled(
        truncate(&title, usize::from(area.width.saturating_sub(2))),
        t.title(),
    ));
    // The new-start rule, in as many words as the border holds.
    let room = usize::from(area.width.saturating_sub(2));
    let rule = [
        " the chart's rounds start each actor 10–50 % of the way to its last move (more the less it cares) ",
        " each round starts an actor 10–50 % of the way to its last move ",
    ]
    .into_iter()
    .find(|r| width(r) <= room)
    .map_or_else(|| truncate(" each round starts an actor 10–50 % of the way ", room), str::to_string);
    let block = block.title_bottom(Span::styled(rule, t.dim()));
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    let sel = app.timeline.exchanges;
    let lines: Vec<Line> = moved
        .iter()
        .enumerate()
        .skip(sel.offset)
        .take(usize::from(inner.height))
        .map(|(k, e)| {
            let text = truncate(&describe(m, e), w);
            let style = if k == sel.selected {
                t.selected()
            } else {
                Style::new()
            };
            Line::from(Span::styled(pad(&text, w), style))
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// One exchange in a line: each side, where it gives way from and to, ⇄
/// between them, then the gain each makes (on the 0–100 scale).
pub fn describe(m: &Model, e: &Exchange) -> String {
    let side = |mv: &crate::simulate::Move| {
        let issue = &m.issues[mv.supply];
        // A stance issue's numbers mean little alone: with their words.
        let at = |x: f64| {
            if issue.is_numeric() {
                issue.number(x)
            } else {
                issue.describe(x)
            }
        };
        format!(
            "{}: {} {} → {}",
            m.actors[mv.actor].name,
            issue.label(),
            at(mv.from),
            at(mv.to)
        )
    };
    crate::sanitize::line(&format!(
        "{} ⇄ {} · gain {:.2}",
        side(&e.i),
        side(&e.j),
        e.gain
    ))
}

/// The header's round, where a simulation has run: which round every view
/// shows.
pub fn round_label(app: &App) -> Option<String> {
    let last = app.timeline.last_round();
    app.timeline.run()?;
    Some(if app.timeline.round == 0 {
        format!("round 0 of {last} (as written)")
    } else {
        format!("round {} of {last} (simulated)", app.timeline.round)
    })
}
