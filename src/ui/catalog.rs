//! The scenarios the menu offers: the embedded default plus every file in `assets/scenarios`,
//! loaded as Bevy assets so that editing a file reloads it. A broken edit keeps the last good
//! version and shows its error.

use std::sync::Arc;
use std::time::Duration;

use bevy::asset::AssetLoadFailedEvent;
use bevy::prelude::*;

pub use crate::launch::asset_root;
use crate::scenario::{DEFAULT_NAME, DEFAULT_SCENARIO, Scenario, ScenarioAsset, parse};

/// One scenario the menu offers.
#[derive(Debug, Clone)]
pub struct Entry {
    /// File name, or the embedded default's name.
    pub name: String,
    /// Asset path below `assets/`, for files.
    pub path: Option<String>,
    pub handle: Option<Handle<ScenarioAsset>>,
    /// The last good version.
    pub scenario: Option<Arc<Scenario>>,
    /// The error of the last (re)load, if it failed.
    pub error: Option<String>,
    /// Counts (re)loads and failed loads: the workshop reruns when it changes.
    pub version: u64,
}

/// Every scenario the menu offers, in a stable order (embedded default first, then files by name).
#[derive(Resource, Debug, Default)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    /// Messages about reloads for the banner: (text, is an error).
    pub notices: Vec<(String, bool)>,
}

fn scenario_files() -> Vec<String> {
    let dir = asset_root().join("scenarios");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Builds the catalog with the embedded default and starts loading every file.
pub fn setup(mut commands: Commands, server: Res<AssetServer>) {
    let mut cat = Catalog::default();
    let default = parse(DEFAULT_NAME, DEFAULT_SCENARIO.as_bytes())
        .ok()
        .map(Arc::new);
    cat.entries.push(Entry {
        name: DEFAULT_NAME.to_string(),
        path: None,
        handle: None,
        scenario: default,
        error: None,
        version: 0,
    });
    for name in scenario_files() {
        add_file(&mut cat, &server, name);
    }
    commands.insert_resource(cat);
}

fn add_file(cat: &mut Catalog, server: &AssetServer, name: String) {
    let path = format!("scenarios/{name}");
    let handle = server.load::<ScenarioAsset>(path.clone());
    cat.entries.push(Entry {
        name,
        path: Some(path),
        handle: Some(handle),
        scenario: None,
        error: None,
        version: 0,
    });
}

/// Takes in (re)loaded scenarios and failed loads; looks for new files every few seconds.
pub fn track(
    mut cat: ResMut<Catalog>,
    mut events: MessageReader<AssetEvent<ScenarioAsset>>,
    mut failed: MessageReader<AssetLoadFailedEvent<ScenarioAsset>>,
    assets: Res<Assets<ScenarioAsset>>,
    server: Res<AssetServer>,
    time: Res<Time>,
    mut since: Local<Duration>,
) {
    for ev in events.read() {
        let (AssetEvent::Added { id } | AssetEvent::Modified { id }) = ev else {
            continue;
        };
        let modified = matches!(ev, AssetEvent::Modified { .. });
        let Some(asset) = assets.get(*id) else {
            continue;
        };
        if let Some(e) = cat
            .entries
            .iter_mut()
            .find(|e| e.handle.as_ref().is_some_and(|h| h.id() == *id))
        {
            e.scenario = Some(asset.0.clone());
            e.error = None;
            e.version += 1;
            let name = e.name.clone();
            if modified {
                info!("scenario {name} reloaded");
                cat.notices.push((
                    format!("{name} reloaded: the change applies to the next new game."),
                    false,
                ));
            }
        }
    }
    for f in failed.read() {
        let path = f.path.path().to_string_lossy().into_owned();
        if let Some(e) = cat
            .entries
            .iter_mut()
            .find(|e| e.path.as_deref() == Some(path.as_str()))
        {
            let message = loader_message(&f.error);
            e.error = Some(message.clone());
            e.version += 1;
            let kept = if e.scenario.is_some() {
                "the last good version stays in use"
            } else {
                "there is no good version to play until it is fixed"
            };
            let name = e.name.clone();
            warn!("scenario {name} has an error; {kept}");
            cat.notices
                .push((format!("{name} has an error; {kept}.\n{message}"), true));
        }
    }
    *since += time.delta();
    if *since >= Duration::from_secs(2) {
        *since = Duration::ZERO;
        for name in scenario_files() {
            if !cat.entries.iter().any(|e| e.name == name) {
                add_file(&mut cat, &server, name.clone());
                cat.notices
                    .push((format!("New scenario {name} added to the menu."), false));
            }
        }
    }
}

/// A failed load as the scenario's own diagnostic (file, line, column and caret), without the
/// asset server's wrapping ("Failed to load asset ... with asset loader ...").
fn loader_message(e: &bevy::asset::AssetLoadError) -> String {
    if let bevy::asset::AssetLoadError::AssetLoaderError(inner) = e
        && let Some(ours) = inner
            .error()
            .downcast_ref::<crate::scenario::ScenarioError>()
    {
        return ours.to_string();
    }
    e.to_string()
}
