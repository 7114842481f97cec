//! The one integration-test binary (each test binary links Bevy, so there is only one).

mod app;
mod bargain;
mod cli;
mod feasibility;
mod net;
mod scenario;
mod sim;
#[cfg(feature = "window")]
mod window;

use std::path::PathBuf;
use std::sync::Arc;

use redline::scenario::{Scenario, parse};

/// A Bevy app with no window: MinimalPlugins, assets (not watched), states, the scenario and
/// sim plugins, plus `extra`; finished and ready to update.
pub fn headless(extra: impl FnOnce(&mut bevy::prelude::App)) -> bevy::prelude::App {
    use bevy::prelude::*;
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        AssetPlugin {
            watch_for_changes_override: Some(false),
            ..default()
        },
        bevy::state::app::StatesPlugin,
    ));
    app.add_plugins((redline::scenario::plugin, redline::sim::plugin));
    extra(&mut app);
    app.finish();
    app.cleanup();
    app
}

/// Path of a file in the project.
pub fn project(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The default scenario.
pub fn geneva() -> Arc<Scenario> {
    Arc::new(
        parse("geneva", redline::scenario::DEFAULT_SCENARIO.as_bytes())
            .expect("the default scenario is valid"),
    )
}

/// The tutorial scenario.
pub fn tutorial() -> Arc<Scenario> {
    let bytes = std::fs::read(project("assets/scenarios/tutorial.ron")).expect("tutorial exists");
    Arc::new(parse("tutorial.ron", &bytes).expect("the tutorial is valid"))
}
