//! Scenario files as Bevy assets: the loader calls the same [`super::parse`] as the CLI.

use std::sync::Arc;

use bevy::asset::{AssetLoader, LoadContext, io::Reader};
use bevy::prelude::*;

use super::diagnostic::ScenarioError;
use super::model::Scenario;

/// A loaded, validated scenario.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct ScenarioAsset(pub Arc<Scenario>);

/// Loads `*.ron` files under `scenarios/` as [`ScenarioAsset`]s.
#[derive(Default, TypePath)]
pub struct ScenarioLoader;

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioAsset;
    type Settings = ();
    type Error = ScenarioError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<ScenarioAsset, ScenarioError> {
        let name = load_context.path().to_string();
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes).await {
            let d = super::Diagnostic::new(
                super::Kind::Syntax,
                "",
                format!("cannot read the file: {e}"),
            );
            return Err(ScenarioError::new(&name, "", vec![d]));
        }
        super::parse(&name, &bytes).map(|s| ScenarioAsset(Arc::new(s)))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// Registers the scenario asset and its loader.
pub fn plugin(app: &mut App) {
    app.init_asset::<ScenarioAsset>()
        .init_asset_loader::<ScenarioLoader>();
}
