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

/// What [`read_command`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// The input ended.
    End,
    /// A line longer than [`crate::net::MAX_LINE`] bytes, skipped to its end without being held.
    TooLong,
    /// A line (in the buffer, with its newline if it had one).
    Line,
}

/// Reads one command line from `input` into `bytes` (cleared first), at most
/// [`crate::net::MAX_LINE`] bytes: a longer line is skipped whole, never cut into commands (the
/// terminal game and `join --text` alike; a tester's 4,096 `y` then `9` played move 9).
pub fn read_command(
    input: &mut dyn std::io::BufRead,
    bytes: &mut Vec<u8>,
) -> std::io::Result<Read> {
    use std::io::{BufRead, Read as _};
    let max = crate::net::MAX_LINE as u64;
    bytes.clear();
    if input.take(max).read_until(b'\n', bytes)? == 0 {
        return Ok(Read::End);
    }
    if bytes.len() as u64 >= max && bytes.last() != Some(&b'\n') {
        let mut sink = Vec::new();
        while {
            sink.clear();
            input.take(max).read_until(b'\n', &mut sink)? > 0 && sink.last() != Some(&b'\n')
        } {}
        bytes.clear();
        return Ok(Read::TooLong);
    }
    Ok(Read::Line)
}

/// What the terminal says of a line [`read_command`] skipped.
pub const TOO_LONG: &str = "That line is too long for a command; it was skipped.";

/// The scenario to continue or replay `file` with ([`crate::launch::scenario_for`]; `made`: the
/// id and hash the file names), saying which file it found when it was not given.
pub fn found_scenario(
    file: &std::path::Path,
    given: Option<&std::path::PathBuf>,
    made: impl FnOnce() -> Option<crate::sim::save::MadeWith>,
) -> Result<std::sync::Arc<crate::scenario::Scenario>, Failure> {
    let (s, found) = crate::launch::scenario_for(given, made)?;
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

/// Where the help points a first-time player (a tester found the tutorial only in the README).
const FIRST_TIME: &str = "First time? The River Treaty is six coached turns: `redline play --text \
     --scenario assets/scenarios/tutorial.ron`, or pick \"The River Treaty (tutorial)\" in the \
     window's menu.";

/// Red Lines: a turn-based diplomatic-negotiation game.
#[derive(Debug, Parser)]
#[command(
    name = "redline",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = FIRST_TIME
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
    #[command(after_help = FIRST_TIME)]
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
            // (A closed output pipe stops a command with nothing to say.)
            if !f.message.is_empty() {
                crate::launch::say(f.message.trim_end());
            }
            ExitCode::from(f.code)
        }
    }
}

/// The process exit code when the command succeeded.
pub type Outcome = Result<ExitCode, Failure>;

#[cfg(test)]
mod tests {
    use super::*;

    /// A line longer than a command may be is skipped whole: the bytes past the limit are not
    /// read as commands of their own (4,096 `y` then `9` once played move 9 over the network).
    #[test]
    fn a_line_too_long_is_skipped_whole_not_cut_into_commands() {
        let long = format!(
            "{}9\npass\n{}",
            "y".repeat(crate::net::MAX_LINE),
            "x".repeat(10)
        );
        let mut input = std::io::Cursor::new(long.into_bytes());
        let mut bytes = Vec::new();
        assert_eq!(read_command(&mut input, &mut bytes).unwrap(), Read::TooLong);
        assert!(bytes.is_empty());
        assert_eq!(read_command(&mut input, &mut bytes).unwrap(), Read::Line);
        assert_eq!(bytes, b"pass\n");
        // The last line, without its newline, is a line; then the input ends.
        assert_eq!(read_command(&mut input, &mut bytes).unwrap(), Read::Line);
        assert_eq!(bytes, b"xxxxxxxxxx");
        assert_eq!(read_command(&mut input, &mut bytes).unwrap(), Read::End);
        // A line that fits the limit with its newline is a line.
        let exact = format!("{}\n", "z".repeat(crate::net::MAX_LINE - 1));
        let mut input = std::io::Cursor::new(exact.into_bytes());
        assert_eq!(read_command(&mut input, &mut bytes).unwrap(), Read::Line);
    }
}
