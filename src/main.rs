//! The `redline` binary: parse the command line, run the chosen command, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = redline::cli::Cli::parse();
    redline::cli::run(cli, redline::ui::run)
}
