//! The `redline` binary: parse the command line, run the chosen command, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = redline::cli::Cli::parse();
    redline::cli::run(cli, window)
}

#[cfg(feature = "window")]
fn window(args: redline::launch::WindowArgs) -> Result<(), redline::launch::Failure> {
    redline::ui::run(args)
}

#[cfg(not(feature = "window"))]
fn window(_: redline::launch::WindowArgs) -> Result<(), redline::launch::Failure> {
    Err(redline::launch::Failure::usage(
        "this build of redline has no window (it was built without the `window` feature); \
         play in the terminal with `redline play --text`, or rebuild with default features",
    ))
}
