//! The workshop's logic: for the scenario file an author picks, what `check` says of it
//! (summary, warnings and errors with their lines, the feasibility analysis) and a balance run
//! of all-AI games in a background thread, with its progress. Saving the file reruns both.
//! Everything comes from the functions `check` and `simulate` use.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use bevy::prelude::*;

use super::Screen;
use super::catalog::{Catalog, asset_root};
use crate::rng::game_seed;
use crate::rules::lint;
use crate::scenario::summary::{Locator, summary};
use crate::scenario::{
    Analysis, DEFAULT_NAME, DEFAULT_SCENARIO, PartyIx, Scenario, analyse, parse,
};
use crate::sim::balance::{Report, Tally, play_one, report};
use crate::sim::{self, Game};

/// A warning with where it is: (line and column, message, field path).
pub type Located = (Option<(usize, usize)>, String, String);

/// What `check` says of the picked file.
#[derive(Debug, Clone)]
pub enum Checked {
    Valid {
        scenario: Arc<Scenario>,
        summary: String,
        analysis: Analysis,
        warnings: Vec<Located>,
    },
    /// The rendered errors, as `check` prints them.
    Invalid(String),
}

impl Checked {
    /// The negotiators by how near the best package comes to their walk-away value, nearest
    /// first: (party, utility there, walk-away value).
    pub fn closest(&self) -> Vec<(PartyIx, f64, f64)> {
        let Checked::Valid { analysis: a, .. } = self else {
            return Vec::new();
        };
        let Some(best) = &a.best else {
            return Vec::new();
        };
        let mut v: Vec<(PartyIx, f64, f64)> = best
            .utilities
            .iter()
            .zip(&a.reservations)
            .map(|(&(p, u), &(_, r))| (p, u, r))
            .collect();
        v.sort_by(|x, y| (x.1 - x.2).total_cmp(&(y.1 - y.2)).then(x.0.cmp(&y.0)));
        v
    }
}

/// A balance run in a background thread.
#[derive(Debug)]
struct Run {
    cancel: Arc<AtomicBool>,
    done: Arc<AtomicU64>,
    tally: Arc<Mutex<Tally>>,
}

impl Drop for Run {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The workshop.
#[derive(Resource, Debug)]
pub struct Workshop {
    /// The file looked at: a catalog entry, or (past the catalog's end) the external file.
    pub pick: usize,
    /// A file from outside the scenarios folder (`--workshop --scenario FILE`).
    pub external: Option<PathBuf>,
    /// Games in a balance run.
    pub games: u64,
    pub seed: u64,
    pub checked: Option<Checked>,
    /// What was last checked: (pick, catalog version, the file's modification time). A new
    /// one reruns everything.
    seen: Option<(usize, u64, Option<SystemTime>)>,
    run: Option<Run>,
    /// The balance so far (the report of the games played).
    pub balance: Option<Report>,
    /// Games played of `games`.
    pub played: u64,
    /// Ask for a rerun (the button, Ctrl+R).
    pub rerun: bool,
}

impl Default for Workshop {
    fn default() -> Self {
        Self {
            pick: 0,
            external: None,
            games: 500,
            seed: 1,
            checked: None,
            seen: None,
            run: None,
            balance: None,
            played: 0,
            rerun: false,
        }
    }
}

impl Workshop {
    /// Whether the balance run has finished.
    pub fn finished(&self) -> bool {
        self.balance.is_some() && self.played >= self.games
    }

    /// Whether the analysis found no package to name anyone closest to walking away.
    pub fn closest_empty(&self) -> bool {
        self.checked.as_ref().is_none_or(|c| c.closest().is_empty())
    }

    /// Whether a run is going.
    pub fn running(&self) -> bool {
        self.run.is_some()
    }
}

/// A file the workshop may look at: (name shown, its path; None for the embedded default).
pub fn files(cat: &Catalog, external: Option<&PathBuf>) -> Vec<(String, Option<PathBuf>)> {
    cat.entries
        .iter()
        .map(|e| {
            (
                e.name.clone(),
                e.path.as_ref().map(|p| asset_root().join(p)),
            )
        })
        .chain(external.map(|p| (p.display().to_string(), Some(p.clone()))))
        .collect()
}

/// The text of a file as it is on disk now (the embedded default's own text).
fn source(path: Option<&PathBuf>) -> Result<Vec<u8>, String> {
    match path {
        None => Ok(DEFAULT_SCENARIO.as_bytes().to_vec()),
        Some(p) => std::fs::read(p).map_err(|e| format!("error: cannot read {}: {e}", p.display())),
    }
}

/// `check` on one file's text: the same validation, summary, analysis and located warnings.
pub fn check(name: &str, bytes: &[u8]) -> Checked {
    match parse(name, bytes) {
        Ok(s) => {
            let a = analyse(&s);
            let text = String::from_utf8_lossy(bytes);
            let at = Locator::new(&text);
            let warnings = lint::lint(&s)
                .into_iter()
                .map(|w| (at.line_col(&w.path), w.message, w.path))
                .collect();
            Checked::Valid {
                summary: summary(name, "ok", &s, &a),
                scenario: Arc::new(s),
                analysis: a,
                warnings,
            }
        }
        Err(e) => Checked::Invalid(e.render()),
    }
}

/// Starts a balance run of `games` all-AI games of `s` from `seed` in a background thread.
fn start(s: Arc<Scenario>, games: u64, seed: u64) -> Run {
    let run = Run {
        cancel: Arc::new(AtomicBool::new(false)),
        done: Arc::new(AtomicU64::new(0)),
        tally: Arc::new(Mutex::new(Tally::default())),
    };
    let (cancel, done, tally) = (run.cancel.clone(), run.done.clone(), run.tally.clone());
    std::thread::spawn(move || {
        let mut game = Game::new(s.clone(), seed, &sim::seat(&s, None, &[])).quiet();
        for i in 0..games {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let r = play_one(&mut game, &s, game_seed(seed, i), &[]);
            if let Ok(mut t) = tally.lock() {
                t.add(&r);
            }
            done.store(i + 1, Ordering::Relaxed);
        }
    });
    run
}

/// Reruns the check and the balance when the picked file changes (or a rerun is asked for),
/// and takes in the balance run's progress. Runs only while the workshop is up.
pub fn track(
    screen: Res<State<Screen>>,
    catalog: Option<Res<Catalog>>,
    mut ws: ResMut<Workshop>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    if *screen.get() != Screen::Workshop {
        // Leaving the workshop stops its run.
        ws.run = None;
        ws.seen = None;
        return;
    }
    let Some(cat) = catalog else { return };
    let files = files(&cat, ws.external.as_ref());
    if ws.pick >= files.len() {
        // Opened on an external file, or the list shrank: the last file.
        ws.pick = files.len().saturating_sub(1);
    }
    let Some((name, path)) = files.get(ws.pick).cloned() else {
        return;
    };
    let version = cat.entries.get(ws.pick).map_or(0, |e| e.version);
    let modified = path
        .as_ref()
        .and_then(|p| std::fs::metadata(p).ok())
        .and_then(|m| m.modified().ok());
    let key = (ws.pick, version, modified);
    if ws.seen != Some(key) || ws.rerun {
        ws.rerun = false;
        ws.seen = Some(key);
        ws.run = None;
        ws.balance = None;
        ws.played = 0;
        let name = if path.is_none() {
            DEFAULT_NAME.to_string()
        } else {
            name
        };
        ws.checked = Some(match source(path.as_ref()) {
            Ok(bytes) => check(&name, &bytes),
            Err(e) => Checked::Invalid(e),
        });
        match &ws.checked {
            Some(Checked::Valid { warnings, .. }) => {
                info!(
                    "workshop: {name} checked: valid, {} warning(s)",
                    warnings.len()
                );
            }
            _ => info!("workshop: {name} checked: it has errors"),
        }
        if let Some(Checked::Valid { scenario, .. }) = &ws.checked {
            let (games, seed) = (ws.games, ws.seed);
            ws.run = Some(start(scenario.clone(), games, seed));
        }
    }
    let Some(run) = &ws.run else { return };
    let done = run.done.load(Ordering::Relaxed);
    let tally = run.tally.lock().map(|t| t.clone()).ok();
    if let (Some(t), Some(Checked::Valid { scenario, .. })) = (tally, &ws.checked)
        && (done != ws.played || ws.balance.is_none())
    {
        let r = report(scenario, &t, ws.seed, &[]);
        ws.balance = Some(r);
        ws.played = t.games;
    }
    if ws.played >= ws.games {
        ws.run = None;
    } else {
        redraw.write(bevy::window::RequestRedraw);
    }
}
