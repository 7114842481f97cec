//! The one function that turns bytes into a checked scenario; the asset loader, the CLI and
//! the tests all call [`parse`].

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, ScenarioError, offset_of};
use super::model::Scenario;
use super::raw::RawScenario;
use super::validate::resolve;

/// The default scenario, embedded so the game runs with no assets folder.
pub const DEFAULT_SCENARIO: &str = include_str!("../../assets/scenarios/geneva_2026.ron");
/// The name the embedded default scenario goes by in messages and menus.
pub const DEFAULT_NAME: &str = "geneva_2026.ron (embedded)";

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read (exit code 2).
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    /// The file was read but is not a valid scenario (exit code 1).
    #[error("{0}")]
    Invalid(#[from] ScenarioError),
}

/// Parses and validates scenario bytes. `file` names the source in messages.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by construction.
            let prefix = String::from_utf8_lossy(valid).into_owned();
            let d = Diagnostic::new(
                Kind::Syntax,
                "",
                format!(
                    "the file is not valid UTF-8 (bad byte at offset {})",
                    e.valid_up_to()
                ),
            )
            .at(Some(prefix.len()..prefix.len()))
            .help("save the scenario as UTF-8 text");
            return Err(ScenarioError::new(file, &prefix, vec![d]));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        let d = Diagnostic::new(Kind::Syntax, "", "the file is empty")
            .at(Some(0..0))
            .help("a scenario starts with `(` and lists id, title, weeks, tension, rules, issues, parties and moves; see docs/scenario-format.md");
        return Err(ScenarioError::new(file, text, vec![d]));
    }
    let opts =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let raw: RawScenario = opts.from_str(text).map_err(|e| {
        let start = offset_of(text, e.span.start.line, e.span.start.col);
        let end = offset_of(text, e.span.end.line, e.span.end.col).max(start);
        let d = Diagnostic::new(Kind::Syntax, "", e.code.to_string())
            .at(Some(start..end.max(start + 1)));
        ScenarioError::new(file, text, vec![d])
    })?;
    resolve(&raw, text).map_err(|d| ScenarioError::new(file, text, d))
}

/// The largest scenario file read: 16 MiB.
pub const MAX_SCENARIO_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and parses a scenario file: a regular file of at most [`MAX_SCENARIO_BYTES`].
pub fn load_file(path: &Path) -> Result<Scenario, LoadError> {
    let io = |message: String| LoadError::Io {
        path: path.display().to_string(),
        message,
    };
    // Only a regular file of a sane size is read: a FIFO or a device could block or never end.
    let meta = std::fs::metadata(path).map_err(|e| io(e.to_string()))?;
    if !meta.is_file() {
        return Err(io("not a regular file, so not a scenario".into()));
    }
    if meta.len() > MAX_SCENARIO_BYTES {
        return Err(io(format!(
            "{} bytes; a scenario file may have at most {MAX_SCENARIO_BYTES}",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| io(e.to_string()))?;
    Ok(parse(&path.display().to_string(), &bytes)?)
}

/// Loads the scenario at `path`, or the embedded default when `path` is `None`.
pub fn load_or_default(path: Option<&Path>) -> Result<Scenario, LoadError> {
    match path {
        Some(p) => load_file(p),
        None => Ok(parse(DEFAULT_NAME, DEFAULT_SCENARIO.as_bytes())?),
    }
}
