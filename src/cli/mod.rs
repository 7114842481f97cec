//! The command line: argument parsing, the commands, and the mapping of errors to exit codes
//! (0 ok, 1 bad input, 2 usage or I/O error).

pub mod check;
pub mod host;
pub mod join;
pub mod play;
pub mod simulate;
pub mod table;
pub mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use crate::launch::{Failure, WindowArgs, emit, party_arg, say, scenario_arg};

/// The scenario to continue or replay `file` with ([`crate::launch::scenario_for`]), saying
/// which file it found when it was not given.
pub fn found_scenario(
    file: &std::path::Path,
    given: Option<&std::path::PathBuf>,
) -> Result<std::sync::Arc<crate::scenario::Scenario>, Failure> {
    let (s, found) = crate::launch::scenario_for(file, given)?;
    if let Some(path) = found {
        say(&format!(
            "scenario: {} (the one {} was made with)",
            path.display(),
            file.display()
        ));
    }
    Ok(s)
}

/// How long a network loop (the host, a terminal seat) sleeps between updates: a turn-based
/// table needs no fast loop, so it polls every 5 ms while messages come and go and backs off,
/// doubling, to 40 ms while nothing happens.
pub(crate) struct Poll(std::time::Duration);

impl Poll {
    const BUSY: std::time::Duration = std::time::Duration::from_millis(5);
    const IDLE: std::time::Duration = std::time::Duration::from_millis(40);

    pub(crate) fn new() -> Self {
        Self(Self::BUSY)
    }

    /// Sleeps after an update that did (`busy`) or did not pass a message on.
    pub(crate) fn sleep(&mut self, busy: bool) {
        self.0 = if busy {
            Self::BUSY
        } else {
            (self.0 * 2).min(Self::IDLE)
        };
        std::thread::sleep(self.0);
    }
}

/// Red Lines: a turn-based diplomatic-negotiation game.
#[derive(Debug, Parser)]
#[command(
    name = "redline",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub window: WindowArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and validate scenario files; print a summary and a feasibility analysis.
    Check {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit 1) on warnings too: moves that can never be legal, conditions that can
        /// never hold, red lines nobody can keep, clauses that can never bank.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Play in the terminal.
    Play(play::PlayArgs),
    /// Host a networked game (a headless server: no window needed).
    Host(host::HostArgs),
    /// Take a seat in a hosted game.
    Join(join::JoinArgs),
    /// Play many all-AI games and report the balance.
    Simulate(simulate::SimArgs),
    /// Play a recorded game again and check that it comes out the same.
    Replay {
        /// The replay file written by `play --record`.
        file: PathBuf,
        /// The scenario it was recorded with (default: the one it names, found in
        /// assets/scenarios, or the embedded Geneva scenario).
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Print the whole game log.
        #[arg(long)]
        log: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs the command line; `window` runs the windowed game when there is no subcommand.
pub fn run(cli: Cli, window: impl FnOnce(WindowArgs) -> Result<(), Failure>) -> ExitCode {
    let result = match cli.command {
        Some(Command::Check {
            files,
            format,
            deny_warnings,
        }) => check::run(&files, format, deny_warnings),
        Some(Command::Play(args)) => play::run(args),
        Some(Command::Simulate(args)) => simulate::run(args),
        Some(Command::Host(args)) => host::run(args),
        Some(Command::Join(args)) => join::run(args),
        Some(Command::Replay {
            file,
            scenario,
            log,
        }) => play::replay(&file, scenario.as_ref(), log),
        None => window(cli.window).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            crate::launch::say(f.message.trim_end());
            ExitCode::from(f.code)
        }
    }
}

/// The process exit code when the command succeeded.
pub type Outcome = Result<ExitCode, Failure>;
