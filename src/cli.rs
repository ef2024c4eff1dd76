//! The command line (docs/cli.md): arguments, and `run`, which dispatches them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::TypedValueParser as _;
use clap::{CommandFactory, Parser, Subcommand};

use crate::compare::Comparison;
use crate::export;
use crate::model::{self, LoadError, Model, ResolveError};
use crate::present::Provenance;
use crate::write::{WriteError, write_atomic};

mod diff;
mod flags;
mod interactive;
mod sensitivity;
mod what_if;
pub use flags::{Counting, ExportFormat, ImportFormat, MinBasis, Output, TableFormat};
use flags::{export_format, table_format};
use what_if::WhatIf;

#[derive(Debug, Parser)]
#[command(
    name = "detente",
    version,
    about = "Compare negotiating positions side by side",
    long_about = "Compare negotiating positions side by side.\n\n\
        Loads a YAML model of the actors in a negotiation and the positions each takes on each \
        issue, and shows where two actors conflict, where they align, and the evidence. Without \
        MODEL, the built-in model of the January 2022 Geneva talks is used.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The model: YAML, Decide, KTAB or long CSV (`-`: standard input); the built-in Geneva 2022 model when omitted
    pub model: Option<PathBuf>,
    /// The actor for the left pane (id, name, alias, or a fuzzy match)
    #[arg(long, value_name = "ACTOR")]
    pub left: Option<String>,
    /// The actor for the right pane
    #[arg(long, value_name = "ACTOR")]
    pub right: Option<String>,
    /// Mark what moved since this older model of the same talks (any format detente opens)
    #[arg(long, value_name = "OLD")]
    pub since: Option<PathBuf>,
    #[command(flatten)]
    pub what_if: WhatIf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a model: a one-line summary, or every problem found
    Check {
        /// The model: YAML, Decide, KTAB or long CSV (`-`: standard input); the built-in model when omitted
        model: Option<PathBuf>,
    },
    /// Export the comparison of two actors as text, Markdown, JSON, CSV or HTML
    Export {
        /// The model: YAML, Decide, KTAB or long CSV (`-`: standard input); the built-in model when omitted
        model: Option<PathBuf>,
        /// The left actor (id, name, alias, or a fuzzy match)
        #[arg(long, value_name = "ACTOR")]
        left: String,
        /// The right actor
        #[arg(long, value_name = "ACTOR")]
        right: String,
        /// The output format [default: from the extension of PATH (.txt, .md,
        /// .csv, .json, .html), else text]
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// The width of the text format, in columns
        #[arg(long, value_name = "N", default_value_t = export::DEFAULT_WIDTH,
              value_parser = clap::value_parser!(u16).range(export::MIN_WIDTH as i64..).map(usize::from))]
        width: usize,
        /// Draw the position map and chart (HTML) or the table of rounds
        /// (Markdown) of every issue, not only of the cruxes and the first 40
        #[arg(long)]
        all_maps: bool,
        /// An earlier model, in any format detente opens: the HTML and
        /// Markdown reports mark what moved since it
        #[arg(long, value_name = "OLD")]
        since: Option<PathBuf>,
        #[command(flatten)]
        counting: Counting,
        #[command(flatten)]
        what_if: WhatIf,
        #[command(flatten)]
        to: Output,
    },
    /// Forecast every issue (compromise model and weighted median) and check
    /// the forecasts against the recorded outcomes
    Forecast {
        /// The model: YAML, Decide, KTAB or long CSV (`-`: standard input); the built-in model when omitted
        model: Option<PathBuf>,
        /// The output format
        #[arg(long, value_enum, default_value_t = TableFormat::Text)]
        format: TableFormat,
        #[command(flatten)]
        counting: Counting,
        #[command(flatten)]
        what_if: WhatIf,
        #[command(flatten)]
        to: Output,
    },
    /// Simulate the bargaining: the Equal Gain exchange model (as in Decide),
    /// round by round, until no profitable exchange is left
    Simulate {
        /// The model: YAML, Decide, KTAB or long CSV (`-`: standard input); the built-in model when omitted
        model: Option<PathBuf>,
        /// The most rounds to run; the run stops early at a round with no exchange
        #[arg(long, value_name = "N", default_value_t = crate::simulate::DEFAULT_ROUNDS,
              value_parser = clap::value_parser!(u16).range(1..=1000).map(usize::from))]
        rounds: usize,
        /// Simulate only these issues (ids, comma-separated)
        #[arg(long, value_name = "ID,…", value_delimiter = ',')]
        issues: Vec<String>,
        /// Simulate only these actors (ids, names or aliases, comma-separated)
        #[arg(long, value_name = "ACTOR,…", value_delimiter = ',')]
        actors: Vec<String>,
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
    },
    /// What changed from OLD to NEW: positions moved, new and dropped, salience
    /// and power, actors and issues added or removed, each pair's agreement
    Diff(diff::DiffArgs),
    /// Who can move an outcome: how far each issue's forecasts move when one
    /// actor's position, salience or power moves a step, the pivotal actors first
    Sensitivity(sensitivity::Args),
    /// Convert a Decide file, a KTAB CSV or a long CSV to a YAML model
    Import {
        /// The format of FILE
        #[arg(value_enum)]
        format: ImportFormat,
        /// The file to convert; `-` reads standard input
        file: PathBuf,
        #[command(flatten)]
        to: Output,
    },
    /// Rank every other actor by agreement with ACTOR, closest first
    Rank {
        /// [MODEL] ACTOR: the model file (the built-in model when omitted) and the actor
        #[arg(value_name = "[MODEL] ACTOR", num_args = 1..=2, required = true)]
        args: Vec<String>,
        /// The output format
        #[arg(long, value_enum, default_value_t = export::rank::RankFormat::Text)]
        format: export::rank::RankFormat,
        #[command(flatten)]
        counting: Counting,
        #[command(flatten)]
        what_if: WhatIf,
    },
    /// Write a commented starter model to PATH (never over an existing file)
    New {
        /// Where to write it, e.g. my-negotiation.yaml
        path: PathBuf,
    },
    /// List the actors of a model: id, then name, one per line
    Actors {
        /// The model: YAML, Decide, KTAB or long CSV (`-`: standard input); the built-in model when omitted
        model: Option<PathBuf>,
    },
    /// Print the JSON Schema (draft 2020-12) of the model format, or of the
    /// scenario format
    Schema {
        /// The schema of the scenario format (`--scenario FILE`) instead
        #[arg(long)]
        scenario: bool,
    },
    /// Print a shell completion script
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

/// Everything that can stop a command, with its exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{side} actor: {source}")]
    Resolve {
        side: &'static str,
        source: ResolveError,
    },
    /// A model of `detente diff` failed to load: which one, and why.
    #[error("the {side} model: {source}")]
    Side {
        side: &'static str,
        source: LoadError,
    },
    #[error(transparent)]
    Scenario(#[from] crate::scenario::ScenarioError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    #[error("{0}")]
    Usage(String),
    #[error("terminal error: {0}")]
    Terminal(std::io::Error),
    /// Stopped by a signal; the terminal was restored.
    #[error("stopped by signal {0}")]
    Signal(i32),
}

impl CliError {
    /// 1: the model is invalid or unreadable, or the output could not be
    /// written; 2: a usage error (unknown actor, refusing to overwrite);
    /// 128 + N: stopped by signal N (SIGTERM 143, SIGHUP 129).
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Load(_) | CliError::Stdout(_) | CliError::Terminal(_) => 1,
            CliError::Side { .. } => 1,
            CliError::Scenario(_) => 1,
            CliError::Write(WriteError::Io { .. }) => 1,
            CliError::Resolve { .. } | CliError::Usage(_) => 2,
            // As a shell reports a process killed by that signal.
            CliError::Signal(n) => u8::try_from(128 + n).unwrap_or(1),
            CliError::Write(
                WriteError::Exists(_) | WriteError::IsDirectory(_) | WriteError::IsModel(_),
            ) => 2,
        }
    }
}

/// Loads the model at `path`, or the built-in one.
pub fn load_model(path: Option<&Path>) -> Result<Model, LoadError> {
    match path {
        Some(p) => model::load(p),
        None => model::builtin(),
    }
}

fn resolve(model: &Model, side: &'static str, query: &str) -> Result<usize, CliError> {
    model::resolve_actor(model, query).map_err(|source| CliError::Resolve { side, source })
}

fn print(s: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`detente export … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(CliError::Stdout),
    }
}

/// detente never writes to the model file, not even with `--force`.
fn refuse_model_as_output(output: &Path, model: &Path) -> Result<(), CliError> {
    if crate::write::same_file(output, model) {
        return Err(CliError::Usage(format!(
            "{} is the model file; detente never writes to it",
            crate::present::path(output)
        )));
    }
    Ok(())
}

/// One line about a valid model.
pub fn summary(model: &Model) -> String {
    let quotes: usize = model
        .actors
        .iter()
        .flat_map(|a| a.positions())
        .map(|p| p.evidence().len())
        .sum();
    let n =
        |count: usize, what: &str| format!("{count} {what}{}", if count == 1 { "" } else { "s" });
    format!(
        "ok: “{}”: {}, {}, {}, {}, {}",
        model.title,
        n(model.actors.len(), "actor"),
        n(model.issues.len(), "issue"),
        n(model.position_count(), "position"),
        n(quotes, "quote"),
        n(model.sources.len(), "source")
    )
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Some(Command::Check { model }) => {
            let m = load_model(model.as_deref())?;
            let origin = origin_of(model.as_deref()).to_string();
            print(&format!("{origin}: {}\n", summary(&m)))
        }
        Some(Command::Export {
            model,
            left,
            right,
            format,
            width,
            all_maps,
            since,
            counting,
            what_if,
            to,
        }) => {
            to.check(model.as_deref())?;
            if let Some(old) = &since {
                to.check(Some(old))?;
            }
            let (m, applied) = what_if.apply(load_model(model.as_deref())?)?;
            let since = since.map(|old| since_report(&old, &m, counting.min_basis.into()));
            let (l, r) = (resolve(&m, "left", &left)?, resolve(&m, "right", &right)?);
            not_itself(&m, l, r)?;
            let c = Comparison::at(&m, l, r, counting.min_basis.into());
            let format = export_format(format, to.output.as_deref());
            let provenance = Provenance::now(&origin_of(model.as_deref())).with_what_if(applied);
            let report = export::Report::all(&c, provenance);
            let options = export::Options {
                all_maps,
                since: since.transpose()?,
                ..Default::default()
            };
            to.write(&export::render_with(&report, format, width, &options))
        }
        Some(Command::Forecast {
            model,
            format,
            counting,
            what_if,
            to,
        }) => {
            to.check(model.as_deref())?;
            let (m, _) = what_if.apply(load_model(model.as_deref())?)?;
            let min = counting.min_basis.into();
            let (checked, mae) = crate::analysis::forecast::check_all(&m, min);
            to.write(&export::forecast::render(
                &m,
                min,
                &checked,
                &mae,
                format.into(),
            ))
        }
        Some(Command::Rank {
            mut args,
            format,
            counting,
            what_if,
        }) => {
            let actor = args.pop().unwrap_or_default();
            let (m, _) = what_if.apply(load_model(args.first().map(Path::new))?)?;
            let a = resolve(&m, "ranked", &actor)?;
            let min = counting.min_basis.into();
            let ranked = crate::analysis::rank::closest(&m, a, min);
            print(&export::rank::render(&m, a, min, &ranked, format))
        }
        Some(Command::Simulate {
            model,
            rounds,
            issues,
            actors,
            format,
            counting,
            what_if,
            to,
        }) => {
            to.check(model.as_deref())?;
            let (m, _) = what_if.apply(load_model(model.as_deref())?)?;
            let min = counting.min_basis.into();
            let input = crate::simulate::Input::filtered(&m, min, &issues, &actors)
                .map_err(CliError::Usage)?;
            crate::simulate::affordable(&input, rounds).map_err(CliError::Usage)?;
            let run = crate::simulate::run(&input, rounds, &mut |_| {});
            let summary = crate::simulate::summary::summarise(&input, &run);
            let report = export::simulate::SimReport {
                model: &m,
                min,
                asked: rounds,
                run: &run,
                summary: &summary,
            };
            let format = table_format(format, to.output.as_deref());
            to.write(&export::simulate::render(&report, format))
        }
        Some(Command::Diff(args)) => diff::run(args),
        Some(Command::Sensitivity(args)) => sensitivity::run(args),
        Some(Command::Import { format, file, to }) => {
            to.check(Some(&file))?;
            to.write(&model::source::import_to_yaml(format.into(), &file)?)
        }
        Some(Command::New { path }) => {
            write_atomic(&path, model::STARTER_YAML.as_bytes(), false).map_err(|e| match e {
                WriteError::Exists(p) => CliError::Usage(format!(
                    "{} already exists; detente new never overwrites a file",
                    crate::present::path(&p)
                )),
                other => CliError::Write(other),
            })?;
            let shown = crate::present::path(&path);
            print(&format!(
                "wrote {shown}: check it with `detente check {shown}`, open it with `detente {shown}`\n"
            ))
        }
        Some(Command::Actors { model }) => {
            let m = load_model(model.as_deref())?;
            let mut out = String::new();
            for a in &m.actors {
                out.push_str(&format!("{}\t{}\n", a.id, a.name));
            }
            print(&out)
        }
        Some(Command::Schema { scenario: false }) => print(&model::json_schema()),
        Some(Command::Schema { scenario: true }) => print(&crate::scenario::json_schema()),
        Some(Command::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "detente", &mut buf);
            print(&String::from_utf8_lossy(&buf))
        }
        Some(Command::Man) => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buf)
                .map_err(CliError::Stdout)?;
            print(&String::from_utf8_lossy(&buf))
        }
        None => interactive::run(cli),
    }
}

/// `export --since OLD`: the earlier model, named by its file name, and
/// what changed from it to `new`; a model that fails to load is "the old
/// model".
fn since_report(old: &Path, new: &Model, min: model::Basis) -> Result<export::Since, CliError> {
    let was = load_model(Some(old)).map_err(|source| CliError::Side {
        side: "old",
        source,
    })?;
    Ok(export::Since {
        name: crate::sanitize::line(&old.file_name().map_or_else(
            || old.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )),
        diff: crate::diff::changes(&was, new, min),
    })
}

/// Where the model named on the command line comes from.
fn origin_of(path: Option<&Path>) -> model::Origin {
    path.map_or(model::Origin::BuiltIn, |p| {
        model::Origin::of_path(p.to_path_buf())
    })
}

/// The first pair: the actors asked for (`--left`, `--right`), completed
/// by the default pair.
fn open_pair(
    m: &Model,
    left: Option<&str>,
    right: Option<&str>,
) -> Result<(usize, usize), CliError> {
    let left = left.map(|q| resolve(m, "left", q)).transpose()?;
    let right = right.map(|q| resolve(m, "right", q)).transpose()?;
    if let (Some(l), Some(r)) = (left, right) {
        not_itself(m, l, r)?;
    }
    Ok(pick_pair(m, left, right))
}

/// An actor compared with itself says nothing: asking for it is refused.
fn not_itself(m: &Model, left: usize, right: usize) -> Result<(), CliError> {
    if left == right {
        return Err(CliError::Usage(format!(
            "--left and --right both name {}: compare two different actors",
            crate::sanitize::line(&m.actors[left].name)
        )));
    }
    Ok(())
}

/// The actors to open with: those asked for, completed by the default pair.
fn pick_pair(m: &Model, left: Option<usize>, right: Option<usize>) -> (usize, usize) {
    let (dl, dr) = crate::compare::default_pair(m);
    match (left, right) {
        (Some(l), Some(r)) => (l, r),
        (Some(l), None) => (l, if dl != l { dl } else { dr }),
        (None, Some(r)) => (if dl != r { dl } else { dr }, r),
        (None, None) => (dl, dr),
    }
}

/// Runs the command line and turns the outcome into an exit code, printing
/// any error on standard error.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("detente: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
