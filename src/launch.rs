//! What the command line and the window share: the window's launch options and the error that
//! ends the program with an exit code (0 ok, 1 bad input, 2 usage or I/O error).

use std::path::PathBuf;

use clap::Args;

use crate::scenario::LoadError;
use crate::sim::save::SaveError;

/// Options of the window (no subcommand).
#[derive(Debug, Clone, Args, Default)]
pub struct WindowArgs {
    /// Save a PNG of the window to FILE and exit.
    #[arg(long, value_name = "FILE")]
    pub screenshot: Option<PathBuf>,
    /// With --screenshot: play this many weeks first, the AI in the player's seat.
    #[arg(long, value_name = "WEEKS", default_value_t = 0)]
    pub autoplay: u32,
    /// Party to play (an id, or `none` to watch); skips the menu.
    #[arg(long)]
    pub party: Option<String>,
    /// Seed of the game.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Scenario file (default: the embedded Geneva scenario).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// With --screenshot: show the end screen (play the game to its end first).
    #[arg(long)]
    pub end_screen: bool,
    /// With --screenshot: wait this many seconds before the capture (hot-reload tests).
    #[arg(long, value_name = "SECONDS", default_value_t = 0.0)]
    pub hold: f64,
    /// Window size, e.g. 1280x720.
    #[arg(long, default_value = "1280x720")]
    pub size: String,
}

/// An error that ends the program with an exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Io { .. } => Failure::usage(e.to_string()),
            LoadError::Invalid(inner) => Failure::input(inner.render()),
        }
    }
}

impl From<SaveError> for Failure {
    fn from(e: SaveError) -> Self {
        match e {
            SaveError::Io { .. } => Failure::usage(e.to_string()),
            _ => Failure::input(e.to_string()),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::usage(e.to_string())
    }
}
