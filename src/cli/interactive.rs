//! Bare `detente [MODEL]`: the terminal UI, with `--left`/`--right`,
//! `--since OLD` and the what-if flags, or a clear word where there is no
//! terminal.

use std::path::Path;

use clap::CommandFactory;

use super::{Cli, CliError, load_model, open_pair};
use crate::model::{self, Model};

/// Opens the TUI as the command line asks.
pub fn run(cli: Cli) -> Result<(), CliError> {
    if cli.model.as_deref() == Some(Path::new("-")) {
        return Err(CliError::Usage(
            "the interactive view reads keys from standard input, so it cannot read the model from it too; give a file, or use `detente check -` / `detente export -`".into(),
        ));
    }
    if let Some(path) = &cli.model {
        mistyped_subcommand(path)?;
    }
    use std::io::IsTerminal;
    let since = cli.since.as_deref().map(since_model).transpose()?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // Without a terminal, a broken model or an unknown actor
        // still says so first, as before the TUI loaded by itself.
        let (m, _) = cli.what_if.apply(load_model(cli.model.as_deref())?)?;
        open_pair(&m, cli.left.as_deref(), cli.right.as_deref())?;
        return Err(CliError::Usage(
            "the interactive view needs a terminal; to print a comparison, use `detente export --left A --right B`".into(),
        ));
    }
    let (left, right) = (cli.left.as_deref(), cli.right.as_deref());
    let (what_if, notes) = cli.what_if.prepare()?.for_the_tui();
    let outcome = crate::tui::run(cli.model.clone(), since, what_if, |m| {
        open_pair(m, left, right)
    });
    notes.say();
    match outcome {
        Ok(None) => Ok(()),
        Ok(Some(signal)) => Err(CliError::Signal(signal)),
        Err(crate::tui::Error::Terminal(e)) => Err(CliError::Terminal(e)),
        Err(crate::tui::Error::Load(e)) => Err(CliError::Load(e)),
        Err(crate::tui::Error::Open(e)) => Err(e),
    }
}

/// `--since OLD`: OLD's file name and the model, or an error naming it
/// as the old model.
fn since_model(path: &Path) -> Result<(String, Model), CliError> {
    if path == Path::new("-") {
        return Err(CliError::Usage(
            "the interactive view reads keys from standard input, so --since cannot read the old model from it; give a file".into(),
        ));
    }
    let name = crate::sanitize::line(
        &path
            .file_name()
            .unwrap_or(path.as_os_str())
            .to_string_lossy(),
    );
    model::load(path)
        .map(|m| (name, m))
        .map_err(|source| CliError::Side {
            side: "old",
            source,
        })
}

/// `detente chek`: not a file, but close to a subcommand's name.
fn mistyped_subcommand(path: &Path) -> Result<(), CliError> {
    let typed = path.to_string_lossy();
    if path.exists() || typed.contains(['/', '.']) {
        return Ok(());
    }
    let cmd = Cli::command();
    let names = cmd.get_subcommands().map(|c| c.get_name());
    match model::did_you_mean(&typed, names) {
        Some(name) => Err(CliError::Usage(format!(
            "there is no file `{}`; did you mean `detente {name}`?",
            crate::sanitize::line(&typed)
        ))),
        None => Ok(()),
    }
}
