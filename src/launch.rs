//! What the command line and the window share: the window's launch options and the error that
//! ends the program with an exit code (0 ok, 1 bad input, 2 usage or I/O error).

use std::path::PathBuf;

use clap::Args;

use std::sync::Arc;

use crate::scenario::{LoadError, Scenario, load_file, load_or_default};
use crate::sim::save::SaveError;

/// Options of the window (no subcommand).
#[derive(Debug, Clone, Args, Default)]
pub struct WindowArgs {
    /// Save a PNG of the window to FILE and exit.
    #[arg(long, value_name = "FILE")]
    pub screenshot: Option<PathBuf>,
    /// With --screenshot: play this many weeks first, the AI in the player's seat.
    #[arg(
        long,
        value_name = "WEEKS",
        default_value_t = 0,
        requires = "screenshot"
    )]
    pub autoplay: u32,
    /// Party to play: a negotiator's or the mediator's id (the others are the AI's), `none` to
    /// watch, or several ids separated by commas for a hot seat; skips the menu.
    #[arg(long)]
    pub party: Option<String>,
    /// Seed of the game.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Scenario file (default: the embedded Geneva scenario).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// With --screenshot: show the end screen (play the game to its end first).
    #[arg(long, requires = "screenshot")]
    pub end_screen: bool,
    /// With --screenshot: wait this many seconds before the capture (0 to 3600; hot-reload
    /// tests).
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 0.0,
        requires = "screenshot"
    )]
    pub hold: f64,
    /// Window size, e.g. 1280x720.
    #[arg(long, default_value = "1280x720")]
    pub size: String,
    /// Open the scenario workshop (on the --scenario file, which may have errors, or the
    /// menu's first scenario): `check`, the feasibility analysis and a balance run, rerun on
    /// every save.
    #[arg(long, conflicts_with_all = ["party", "autoplay", "end_screen"])]
    pub workshop: bool,
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

/// Loads the scenario given on the command line, or the embedded default.
pub fn scenario_arg(path: Option<&PathBuf>) -> Result<Arc<Scenario>, Failure> {
    Ok(Arc::new(load_or_default(path.map(PathBuf::as_path))?))
}

/// Where the game's assets are: `BEVY_ASSET_ROOT`, else the crate folder under `cargo run`,
/// else the executable's folder.
pub fn asset_root() -> PathBuf {
    if let Ok(root) = std::env::var("BEVY_ASSET_ROOT") {
        return PathBuf::from(root).join("assets");
    }
    if let Ok(dir) = std::env::var("CARGO_MANIFEST_DIR") {
        return PathBuf::from(dir).join("assets");
    }
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("assets")))
        .unwrap_or_else(|| PathBuf::from("assets"))
}

/// The scenario to continue or replay a save or replay with: the `--scenario` given; else the
/// embedded default when the file was made with it (`made`: the id and hash it names, asked for
/// only without `--scenario`); else the scenario file whose id and hash are the file's, found in `assets/scenarios` beside the game ([`asset_root`]) or under
/// the current folder (with its path, for the player to be told). When no file's hash matches,
/// the first with the id, without its path (loading the file then says the scenario has changed
/// since), else the default (loading the file then says which scenario it needs).
pub fn scenario_for(
    given: Option<&PathBuf>,
    made: impl FnOnce() -> Option<crate::sim::save::MadeWith>,
) -> Result<(Arc<Scenario>, Option<PathBuf>), Failure> {
    let default = scenario_arg(given)?;
    let Some(made) = given.is_none().then(made).flatten() else {
        return Ok((default, None));
    };
    if made.is(&default) {
        return Ok((default, None));
    }
    let mut folders = vec![
        asset_root().join("scenarios"),
        PathBuf::from("assets/scenarios"),
    ];
    folders.dedup_by(|a, b| {
        a.canonicalize()
            .ok()
            .is_some_and(|a| b.canonicalize().ok() == Some(a))
    });
    let mut same_id = None;
    for dir in folders {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        for path in files {
            match load_file(&path) {
                Ok(s) if made.is(&s) => return Ok((Arc::new(s), Some(path))),
                Ok(s) if s.id == made.id && same_id.is_none() => same_id = Some(Arc::new(s)),
                _ => {}
            }
        }
    }
    Ok((same_id.unwrap_or(default), None))
}

/// Resolves a `--party` value for the terminal and the window alike: `none` means no human
/// seat (watch an all-AI game); no value means the scenario's first negotiator.
pub fn party_arg(s: &Scenario, party: Option<&str>) -> Result<Option<usize>, Failure> {
    seat_arg(s, party, Watch::Allowed)
}

/// Whether `none` (no person plays: an all-AI game is watched) may be given for the seats.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Watch {
    Allowed,
    /// A hosted game: it needs at least one seat for a person.
    Not,
}

/// [`party_arg`], where `none` may or may not be given.
fn seat_arg(s: &Scenario, party: Option<&str>, watch: Watch) -> Result<Option<usize>, Failure> {
    let or_watch = if watch == Watch::Allowed {
        ", or `none` to watch"
    } else {
        ""
    };
    match party {
        None => Ok(s.negotiators.first().copied()),
        Some("none") if watch == Watch::Allowed => Ok(None),
        Some("none") => Err(Failure::usage(format!(
            "`none` is no seat: a hosted game needs at least one seat for a person (you can \
             seat {})",
            playable(s)
        ))),
        Some(id) => match s.party_ix(id) {
            Some(p) if s.parties[p].role.playable() => Ok(Some(p)),
            Some(q) => Err(Failure::usage(format!(
                "`{id}` (a {}) is played by the AI only; you can play {}{or_watch}",
                crate::read::role_label(s.parties[q].role),
                playable(s)
            ))),
            None => Err(Failure::usage(format!(
                "unknown party `{id}`{}",
                seat_hint(s, id, or_watch)
            ))),
        },
    }
}

/// `--party iran` or, for a hot seat, `--party iran,united_states`: each checked as
/// [`party_arg`] checks one (`none` observes). In party order, without repeats.
pub fn parties_arg(s: &Scenario, arg: Option<&str>) -> Result<Vec<usize>, Failure> {
    seats_of(s, arg, Watch::Allowed)
}

/// The seats of a hosted game (`--seats iran,united_states`), checked as [`parties_arg`]
/// checks them, but `none` is not one of them.
pub fn host_seats_arg(s: &Scenario, list: &str) -> Result<Vec<usize>, Failure> {
    seats_of(s, Some(list), Watch::Not)
}

fn seats_of(s: &Scenario, arg: Option<&str>, watch: Watch) -> Result<Vec<usize>, Failure> {
    let mut seats = Vec::new();
    match arg {
        None => seats.extend(seat_arg(s, None, watch)?),
        Some(list) => {
            let ids: Vec<&str> = list.split(',').map(str::trim).collect();
            if watch == Watch::Allowed && ids.len() > 1 && ids.contains(&"none") {
                return Err(Failure::usage(format!(
                    "`{list}`: `none` (watch an all-AI game) cannot be given with parties"
                )));
            }
            for id in ids {
                seats.extend(seat_arg(s, Some(id), watch)?);
            }
        }
    }
    seats.sort_unstable();
    seats.dedup();
    Ok(seats)
}

/// Writes to standard output. A closed pipe (`redline ... | head`: the reader has what it
/// wanted) ends the command quietly, with exit code 0; any other failure to write is an error.
pub fn emit(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => Failure {
                code: 0,
                message: String::new(),
            },
            _ => Failure::usage(format!("cannot write the output: {e}")),
        })
}

/// Writes a line to standard error, ignoring a closed pipe (there is nowhere left to say so).
pub fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// The ids a person may play, "`iran`, `united_states` or `oman`": the negotiators and the
/// mediator (the other parties are the AI's).
fn playable(s: &Scenario) -> String {
    let ids: Vec<String> = (s.parties.iter())
        .filter(|p| p.role.playable())
        .map(|p| format!("`{}`", p.id))
        .collect();
    match ids.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => "no party".into(),
    }
}

/// What follows "unknown party `id`": the id it was likely meant to be, or the parties' ids.
pub fn party_hint(s: &Scenario, id: &str) -> String {
    let ids: Vec<&str> = s.parties.iter().map(|p| p.id.as_str()).collect();
    crate::scenario::diagnostic::suggest(id, ids.iter().copied())
        .map(|x| format!(", did you mean `{x}`?"))
        .unwrap_or_else(|| format!(" (parties: {})", ids.join(", ")))
}

/// [`party_hint`] for a seat a person takes: only a party a person may play is suggested
/// (`isreal` was told "did you mean `israel`?", which the AI plays).
fn seat_hint(s: &Scenario, id: &str, or_watch: &str) -> String {
    let ids = (s.parties.iter())
        .filter(|p| p.role.playable())
        .map(|p| p.id.as_str());
    crate::scenario::diagnostic::suggest(id, ids)
        .map(|x| format!(", did you mean `{x}`?"))
        .unwrap_or_else(|| format!(" (you can play {}{or_watch})", playable(s)))
}
