//! The one integration-test binary (each test binary links Bevy, so there is only one).

mod app;
mod cli;
mod feasibility;
mod scenario;
mod sim;
mod window;

use std::path::PathBuf;
use std::sync::Arc;

use redline::scenario::{Scenario, parse};

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
