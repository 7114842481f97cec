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
        match read_at_most(reader, super::load::MAX_SCENARIO_BYTES).await {
            Ok(bytes) => super::parse(&name, &bytes).map(|s| ScenarioAsset(Arc::new(s))),
            Err(msg) => {
                let d = super::Diagnostic::new(super::Kind::Syntax, "", msg);
                Err(ScenarioError::new(&name, "", vec![d]))
            }
        }
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// Reads a file of at most `limit` bytes: at most one byte past the limit is read, so a larger
/// file is refused without being read whole (the same limit as the command line's).
pub async fn read_at_most(reader: &mut dyn Reader, limit: u64) -> Result<Vec<u8>, String> {
    use bevy::tasks::futures_lite::AsyncReadExt;
    let mut bytes = Vec::new();
    (&mut *reader)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "the file is larger than {limit} bytes, the most a scenario file may have"
        ));
    }
    Ok(bytes)
}

/// Registers the scenario asset and its loader.
pub fn plugin(app: &mut App) {
    app.init_asset::<ScenarioAsset>()
        .init_asset_loader::<ScenarioLoader>();
}
