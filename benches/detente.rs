//! criterion benchmarks on generated models: loading (against the parser's
//! own floor), comparing, drawing a frame of each view, and one fuzzy-jump
//! keystroke (against `fzf --filter` when it is installed), and the
//! analyses: a pair's cruxes and trades, the ranking of every actor.

use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use detente::compare::Comparison;
use detente::generate::{Spec, yaml};
use detente::model::{self, Basis, Model, Origin};
use detente::tui::action::Action;
use detente::tui::app::App;
use detente::tui::picker::Picker;
use detente::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

fn model_of(actors: usize, issues: usize) -> Model {
    model::from_str(&yaml(&Spec::new(actors, issues)), Origin::BuiltIn).expect("generated model")
}

/// serde-saphyr's options with the node budget detente raises for big
/// models (the default refuses a 1,000-actor model).
fn big_model_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 16_000_000;
    budget.max_events = 40_000_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    for (a, i) in [(100, 20), (1_000, 100), (10_000, 100)] {
        let bytes = yaml(&Spec::new(a, i)).into_bytes();
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        let size = format!("{a}x{i}");
        // serde-saphyr reading the text and building nothing.
        g.bench_with_input(
            BenchmarkId::new("parse_floor", &size),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    serde_saphyr::from_slice_with_options::<serde::de::IgnoredAny>(
                        black_box(bytes),
                        big_model_options(),
                    )
                    .expect("parses")
                })
            },
        );
        // What issue 9 measures against: serde-saphyr reading the same text
        // into a plain serde_json::Value, no shapes of ours at all.
        g.bench_with_input(
            BenchmarkId::new("value_floor", &size),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    serde_saphyr::from_slice_with_options::<serde_json::Value>(
                        black_box(bytes),
                        big_model_options(),
                    )
                    .expect("parses")
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("load_validate", &size),
            &bytes,
            |b, bytes| {
                b.iter(|| model::from_bytes(black_box(bytes), Origin::BuiltIn).expect("valid"))
            },
        );
        // What `detente check FILE` does: read, check, stream-parse, validate.
        let file = std::env::temp_dir().join(format!("detente-bench-{size}.yaml"));
        std::fs::write(&file, &bytes).expect("write the model");
        g.bench_with_input(BenchmarkId::new("load_file", &size), &file, |b, file| {
            b.iter(|| model::load(black_box(file)).expect("valid"))
        });
    }
    g.finish();
}

fn compare(c: &mut Criterion) {
    let mut g = c.benchmark_group("compare");
    for issues in [100, 1_000, 10_000] {
        let m = model_of(2, issues);
        g.bench_function(BenchmarkId::new("two_actors", issues), |b| {
            b.iter(|| Comparison::new(black_box(&m), 0, 1).alignment)
        });
    }
    let m = model_of(100, 100);
    g.bench_function("all_pairs/100x100", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for l in 0..m.actors.len() {
                for r in l + 1..m.actors.len() {
                    sum += Comparison::new(&m, l, r).alignment.unwrap_or(0.0);
                }
            }
            sum
        })
    });
    g.finish();
}

fn frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame_200x60");
    let area = Rect::new(0, 0, 200, 60);
    for actors in [100, 1_000, 10_000] {
        let m = model_of(actors, 100);
        for (view, actions) in [
            ("compare", vec![Action::Down]),
            ("matrix", vec![Action::ShowMatrix, Action::Down]),
            ("issue", vec![Action::Open]),
            ("analysis", vec![Action::ShowAnalysis, Action::Down]),
        ] {
            let mut app = App::new(Arc::new(m.clone()), 0, 1, Theme { color: true }, area);
            for a in actions {
                app.update(a);
            }
            let mut buf = Buffer::empty(area);
            g.bench_function(BenchmarkId::new(view, actors), |b| {
                b.iter(|| {
                    buf.reset();
                    (&app).render(area, &mut buf);
                })
            });
        }
    }
    g.finish();
}

fn fuzzy(c: &mut Criterion) {
    let mut g = c.benchmark_group("fuzzy_keystroke");
    g.sample_size(20);
    let fzf = Command::new("fzf").arg("--version").output().is_ok();
    for actors in [1_000, 10_000, 100_000] {
        let m = model_of(actors, 1);
        // One keystroke: "la" is typed, then "v".
        g.bench_function(BenchmarkId::new("detente_keystroke", actors), |b| {
            b.iter_batched_ref(
                || {
                    let mut p = Picker::new(&m, Vec::new());
                    p.set_query(&m, "la");
                    p
                },
                |p| {
                    p.push(&m, black_box('v'));
                    p.matches.len()
                },
                BatchSize::LargeInput,
            )
        });
        // The whole query at once (a paste, or the first keystroke's worst case).
        let mut p = Picker::new(&m, Vec::new());
        g.bench_function(BenchmarkId::new("detente_whole_query", actors), |b| {
            b.iter(|| {
                p.set_query(&m, black_box("lav"));
                p.matches.len()
            })
        });
        if fzf {
            // The same texts fzf would search: name, id, aliases, affiliation.
            let mut lines = String::new();
            for a in &m.actors {
                let aff = a.affiliation.map_or("", |i| m.actors[i].name.as_str());
                lines.push_str(&format!(
                    "{} {} {} {aff}\n",
                    a.name,
                    a.id,
                    a.aliases.join(" ")
                ));
            }
            g.bench_function(BenchmarkId::new("fzf_filter", actors), |b| {
                b.iter(|| {
                    let mut child = Command::new("fzf")
                        .args(["--filter", "lav"])
                        .stdin(Stdio::piped())
                        .stdout(Stdio::piped())
                        .spawn()
                        .expect("fzf");
                    if let Some(mut stdin) = child.stdin.take() {
                        let _ = stdin.write_all(lines.as_bytes());
                    }
                    child.wait_with_output().expect("fzf output").stdout.len()
                })
            });
        }
    }
    g.finish();
}

/// Forecasts of every issue (compromise, median, errors, MAE): 30 × 400 is
/// the size of the EU decision-making datasets.
fn forecast(c: &mut Criterion) {
    let mut g = c.benchmark_group("forecast");
    for (a, i) in [(30, 400), (1_000, 1_000)] {
        let m = model::from_str(&yaml(&Spec::numeric(a, i)), Origin::BuiltIn).expect("model");
        g.bench_function(BenchmarkId::new("all_issues", format!("{a}x{i}")), |b| {
            b.iter(|| detente::analysis::forecast::check_all(black_box(&m), Basis::Inferred))
        });
    }
    g.finish();
}

fn analysis(c: &mut Criterion) {
    use detente::analysis::{pair, rank};
    let mut g = c.benchmark_group("analysis");
    for issues in [100, 1_000] {
        let m = model_of(2, issues);
        g.bench_function(BenchmarkId::new("pair_cruxes_trades", issues), |b| {
            b.iter(|| {
                let c = Comparison::new(black_box(&m), 0, 1);
                (pair::cruxes(&c).len(), pair::trades(&c).len())
            })
        });
    }
    let m = model_of(1_000, 100);
    g.bench_function("rank/1000x100", |b| {
        b.iter(|| rank::closest(black_box(&m), 0, Basis::Inferred).len())
    });
    // The size of the `detente rank` budget (a million positions), without
    // the loading.
    let m = model_of(200, 6_000);
    g.sample_size(10);
    g.bench_function("rank/200x6000", |b| {
        b.iter(|| rank::closest(black_box(&m), 0, Basis::Inferred).len())
    });
    g.finish();
}

/// A long CSV of `actors` × `issues` rows, shaped like a spreadsheet export.
fn long_csv(actors: usize, issues: usize) -> Vec<u8> {
    let mut out = String::from("actor,issue,position,salience,power\n");
    for a in 0..actors {
        for i in 0..issues {
            let x = (a * 7919 + i * 104_729) % 10_001;
            out.push_str(&format!(
                "Actor {a:04},Issue {i:04},{}.{:02},0.{:02},{}\n",
                x / 100,
                x % 100,
                (a + i) % 100,
                1 + (a * i) % 9
            ));
        }
    }
    out.into_bytes()
}

/// A Decide file of `actors` × `issues` positions, every issue on 0–100.
fn decide_file(actors: usize, issues: usize) -> Vec<u8> {
    let mut out = String::new();
    for a in 0..actors {
        out.push_str(&format!("#A;'A{a}';'Actor number {a}'\n"));
    }
    for i in 0..issues {
        out.push_str(&format!(
            "#P;'P{i}';'Issue number {i}'\n#M;'P{i}';0;'none'\n#M;'P{i}';100;'all'\n"
        ));
    }
    for a in 0..actors {
        for i in 0..issues {
            let x = (a * 31 + i * 17) % 101;
            out.push_str(&format!(
                "#D;'A{a}';'P{i}';{x};0.{:02};{}\n",
                (a + i) % 100,
                1 + i % 9
            ));
        }
    }
    out.into_bytes()
}

fn import(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    let csv = long_csv(1_000, 1_000);
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("long_csv/1000x1000", |b| {
        b.iter(|| model::from_any_bytes(black_box(&csv), Origin::BuiltIn).expect("valid"))
    });
    let dec = decide_file(30, 400);
    g.throughput(Throughput::Bytes(dec.len() as u64));
    g.bench_function("decide_and_forecast/30x400", |b| {
        b.iter(|| {
            let m = model::from_any_bytes(black_box(&dec), Origin::BuiltIn).expect("valid");
            detente::analysis::forecast::check_all(&m, model::Basis::Inferred)
                .0
                .len()
        })
    });
    g.finish();
}

/// The exchange model: the 15 × 13 climate-talks fixture (10 rounds, as
/// its reference needs about 50 s for), and generated numeric models.
fn simulate(c: &mut Criterion) {
    use detente::simulate::{Input, run};
    let mut g = c.benchmark_group("simulate");
    g.sample_size(10);
    let cop = model::load(std::path::Path::new(
        "tests/fixtures/exchange/cop21-like.csv",
    ))
    .expect("fixture");
    let input = Input::new(&cop, Basis::Inferred);
    g.bench_function("cop21_like_15x13_10_rounds", |b| {
        b.iter(|| run(black_box(&input), 10, &mut |_| {}).rounds.len())
    });
    // Dense (positions spread evenly: the stress case) and shaped like the
    // DEU III data set (docs/performance.md).
    for (name, spec, rounds) in [
        ("generated", Spec::numeric(30, 60), 10),
        ("generated", Spec::numeric(30, 150), 1),
        ("deu_iii_shaped", Spec::deu_iii(30, 364), 10),
    ] {
        let m = model::from_str(&yaml(&spec), Origin::BuiltIn).expect("model");
        let input = Input::new(&m, Basis::Inferred);
        let (a, i) = (spec.actors, spec.issues);
        g.bench_function(
            BenchmarkId::new(name, format!("{a}x{i}_{rounds}_rounds")),
            |b| b.iter(|| run(black_box(&input), rounds, &mut |_| {}).rounds.len()),
        );
    }
    g.finish();
}

/// `detente sensitivity` without the loading: the budgets are 50 ms at
/// 15 × 13 and 2 s at 30 × 364 for the static forecasts, and 15 s at
/// 15 × 13 with every change simulated (1,171 runs, on every core).
fn sensitivity(c: &mut Criterion) {
    use detente::analysis::sensitivity::{Steps, all, simulate_all};
    use detente::export::forecast::TableFormat;
    use detente::export::sensitivity::{SensReport, render};
    let report = |m: &Model, simulate: bool| {
        let issues: Vec<usize> = (0..m.issues.len()).collect();
        let mut sens = all(m, &issues, Basis::Inferred);
        if simulate {
            simulate_all(m, Basis::Inferred, 10, &mut sens, &mut |_, _| {});
        }
        let r = SensReport {
            model: m,
            min: Basis::Inferred,
            steps: Steps::of(m, Basis::Inferred),
            issues: &sens,
            rounds: simulate.then_some(10),
            cruxes: None,
        };
        render(&r, TableFormat::Text).len()
    };
    let mut g = c.benchmark_group("sensitivity");
    g.sample_size(10);
    let cop = model::load(std::path::Path::new(
        "tests/fixtures/exchange/cop21-like.csv",
    ))
    .expect("fixture");
    g.bench_function("cop21_like_15x13", |b| {
        b.iter(|| report(black_box(&cop), false))
    });
    let m = model::from_str(&yaml(&Spec::numeric(30, 364)), Origin::BuiltIn).expect("model");
    g.bench_function("generated_30x364", |b| {
        b.iter(|| report(black_box(&m), false))
    });
    g.bench_function("cop21_like_15x13_simulated", |b| {
        b.iter(|| report(black_box(&cop), true))
    });
    g.finish();
}

/// What if, on a DEU-III-sized model (30 × 364, numeric, with power): one
/// keystroke that moves a position (then one that undoes it), each
/// followed by the frame it draws — every static figure (verdicts,
/// agreement, forecasts, the spectrum) recomputed. Per iteration: two
/// keystrokes and two frames.
fn what_if(c: &mut Criterion) {
    let mut g = c.benchmark_group("what_if");
    let area = Rect::new(0, 0, 200, 60);
    let m = model::from_str(&yaml(&Spec::numeric(30, 364)), Origin::BuiltIn).expect("model");
    for (view, actions) in [
        ("issue", vec![Action::Open]),
        ("compare", vec![Action::Down]),
    ] {
        let mut app = App::new(Arc::new(m.clone()), 0, 1, Theme { color: true }, area);
        for a in actions {
            app.update(a);
        }
        let mut buf = Buffer::empty(area);
        g.bench_function(
            BenchmarkId::new("nudge_undo_and_frames_30x364", view),
            |b| {
                b.iter(|| {
                    app.update(Action::Nudge { up: true });
                    buf.reset();
                    (&app).render(area, &mut buf);
                    app.update(Action::Undo);
                    buf.reset();
                    (&app).render(area, &mut buf);
                })
            },
        );
    }
    g.finish();
}

criterion_group!(
    benches,
    load,
    compare,
    frame,
    fuzzy,
    forecast,
    analysis,
    import,
    simulate,
    sensitivity,
    what_if
);
criterion_main!(benches);
