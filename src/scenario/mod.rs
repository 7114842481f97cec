//! The scenario format: raw serde types, the checked model, validation, loading and feasibility.

pub mod asset;
pub mod diagnostic;
pub mod feasibility;
pub mod load;
pub mod model;
pub mod raw;
pub mod spans;
pub mod summary;
pub mod validate;

pub use asset::{ScenarioAsset, ScenarioLoader};
pub use diagnostic::{Diagnostic, Kind, ScenarioError};
pub use feasibility::{
    Analysis, Package, analyse, analyse_with, best_for, best_package, nash_product, pareto_optimal,
};
pub use load::{DEFAULT_NAME, DEFAULT_SCENARIO, LoadError, load_file, load_or_default, parse};
pub use model::*;
pub use spans::Spans;
pub use validate::condition_subjects;

/// Registers scenario assets.
pub fn plugin(app: &mut bevy::prelude::App) {
    asset::plugin(app);
}
