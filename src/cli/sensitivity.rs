//! `detente sensitivity`: who can move each issue's forecasts, and what
//! would resolve a pair's cruxes (docs/cli.md, "detente sensitivity").

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{
    CliError, Counting, Output, TableFormat, WhatIf, load_model, not_itself, resolve, table_format,
};
use crate::analysis::sensitivity::{self, Steps};
use crate::compare::Comparison;
use crate::export::sensitivity::{Cruxes, SensReport, render};
use crate::model::Model;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model: YAML, Decide, KTAB or long CSV (`-`: standard input); the built-in model when omitted
    model: Option<PathBuf>,
    /// Only this issue (its id)
    #[arg(long, value_name = "ID")]
    issue: Option<String>,
    /// With --right: also the smallest change that would turn each crux of this pair into agreement
    #[arg(long, value_name = "ACTOR", requires = "right")]
    left: Option<String>,
    /// With --left: the other actor of the pair
    #[arg(long, value_name = "ACTOR", requires = "left")]
    right: Option<String>,
    /// Also the simulated end point of each change: one run of the exchange
    /// model per change, estimated before starting
    #[arg(long)]
    simulate: bool,
    /// The output format [default: from the extension of PATH (.txt, .md,
    /// .csv, .json), else text]
    #[arg(long, value_enum)]
    format: Option<TableFormat>,
    #[command(flatten)]
    counting: Counting,
    #[command(flatten)]
    what_if: WhatIf,
    #[command(flatten)]
    to: Output,
}

pub fn run(args: Args) -> Result<(), CliError> {
    use crate::export::forecast::TableFormat as T;
    args.to.check(args.model.as_deref())?;
    let format = table_format(args.format, args.to.output.as_deref());
    let pair = args.left.is_some();
    if pair && format == T::Csv {
        return Err(CliError::Usage(
            "--format csv holds one table, the changes; for the cruxes of --left and --right, \
             use text, markdown or json"
                .into(),
        ));
    }
    let (m, _) = args.what_if.apply(load_model(args.model.as_deref())?)?;
    let min = args.counting.min_basis.into();
    let issues = match &args.issue {
        Some(id) => vec![issue_by_id(&m, id)?],
        None => (0..m.issues.len()).collect(),
    };
    let pair = match (&args.left, &args.right) {
        (Some(l), Some(r)) => {
            let (l, r) = (resolve(&m, "left", l)?, resolve(&m, "right", r)?);
            not_itself(&m, l, r)?;
            Some((l, r))
        }
        _ => None,
    };
    let mut sens = sensitivity::all(&m, &issues, min);
    let rounds = args.simulate.then_some(crate::simulate::DEFAULT_ROUNDS);
    if let Some(rounds) = rounds {
        let (_, seconds) =
            sensitivity::affordable(&m, min, rounds, &sens).map_err(CliError::Usage)?;
        let mut shown = Progress::new(seconds);
        sensitivity::simulate_all(&m, min, rounds, &mut sens, &mut |done, all| {
            shown.update(done, all)
        });
        shown.finish();
    }
    let fixes = pair.map(|(l, r)| {
        let c = Comparison::at(&m, l, r, min);
        let mut fixes = sensitivity::crux_fixes(&c);
        fixes.retain(|f| issues.contains(&f.issue));
        (l, r, fixes)
    });
    let report = SensReport {
        model: &m,
        min,
        steps: Steps::of(&m, min),
        issues: &sens,
        rounds,
        cruxes: fixes.as_ref().map(|(left, right, fixes)| Cruxes {
            left: *left,
            right: *right,
            fixes,
        }),
    };
    args.to.write(&render(&report, format))
}

/// The issue with id `id`, or an error naming the closest id.
fn issue_by_id(m: &Model, id: &str) -> Result<usize, CliError> {
    let id = id.trim();
    m.issues.iter().position(|i| i.id == id).ok_or_else(|| {
        let known = m.issues.iter().map(|i| i.id.as_str());
        let hint = crate::model::did_you_mean(id, known)
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        CliError::Usage(format!(
            "--issue: no issue has the id `{}`{hint}",
            crate::sanitize::line(id)
        ))
    })
}

/// "simulating: 340 of 1171 changes" on standard error, redrawn at most
/// ten times a second, when it is a terminal and the work is estimated to
/// take more than a second or has taken that long.
struct Progress {
    start: Instant,
    estimated: f64,
    last: Option<Instant>,
    terminal: bool,
}

impl Progress {
    fn new(estimated: f64) -> Progress {
        Progress {
            start: Instant::now(),
            estimated,
            last: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn update(&mut self, done: usize, all: usize) {
        let long = self.estimated > 1.0 || self.start.elapsed() > Duration::from_secs(1);
        if !self.terminal || !long {
            return;
        }
        if self
            .last
            .is_some_and(|t| t.elapsed() < Duration::from_millis(100))
            && done < all
        {
            return;
        }
        self.last = Some(Instant::now());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\rsimulating: {done} of {all} runs");
        let _ = err.flush();
    }

    /// Clears the progress line, if one was drawn.
    fn finish(&self) {
        if self.last.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}
