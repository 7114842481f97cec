//! The window's settings: the UI scale, remembered between runs. The layout is sized for the
//! window (a 1280×720 window draws at 1×, larger ones grow with their height), times the
//! player's own scale, which Ctrl + and Ctrl − change and Ctrl 0 resets.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, egui};
use serde::{Deserialize, Serialize};

/// The player's scale, from 0.6 to 2.0 (1 = fitted to the window).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct UiScale {
    pub scale: f32,
}

impl Default for UiScale {
    fn default() -> Self {
        Self { scale: 1.0 }
    }
}

pub const MIN_SCALE: f32 = 0.6;
pub const MAX_SCALE: f32 = 2.0;
const STEP: f32 = 0.1;

/// Where the settings live: `$XDG_CONFIG_HOME/redline/ui.ron`, else `~/.config/redline/ui.ron`;
/// `REDLINE_CONFIG_DIR` overrides the folder (tests and screenshots use it).
pub fn path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("REDLINE_CONFIG_DIR") {
        return Some(PathBuf::from(dir).join("ui.ron"));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("redline").join("ui.ron"))
}

impl UiScale {
    /// The saved scale, or the default when there is none or it cannot be read.
    pub fn load() -> Self {
        path()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| ron::from_str::<UiScale>(&t).ok())
            .map(|u| Self {
                scale: if u.scale.is_finite() {
                    u.scale.clamp(MIN_SCALE, MAX_SCALE)
                } else {
                    1.0
                },
            })
            .unwrap_or_default()
    }

    /// Saves the scale (written to a temporary file, then renamed over the old one).
    pub fn save(&self) -> std::io::Result<()> {
        let Some(p) = path() else { return Ok(()) };
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = p.with_extension("ron.tmp");
        std::fs::write(&tmp, format!("(scale: {:.2})\n", self.scale))?;
        std::fs::rename(tmp, p)
    }

    /// One step larger (`+1`) or smaller (`-1`), or back to 1 (`0`).
    pub fn step(&mut self, dir: i32) {
        self.scale = match dir {
            0 => 1.0,
            d => ((self.scale + STEP * d.signum() as f32) * 10.0).round() / 10.0,
        }
        .clamp(MIN_SCALE, MAX_SCALE);
    }
}

/// The zoom that fits the layout to a window of this logical size: 1 at 720 points high and
/// below, growing with the height (1.35 at 1080, 1.8 at 1440), so the screens keep their
/// proportions and their text grows with the window.
pub fn fitted(width: f32, height: f32) -> f32 {
    (height / 800.0).min(width / 1280.0).clamp(1.0, 2.5)
}

/// Applies the zoom every frame and takes Ctrl +, Ctrl − and Ctrl 0.
pub fn apply(
    mut contexts: EguiContexts,
    window: Query<&Window, With<PrimaryWindow>>,
    mut scale: ResMut<UiScale>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    let dir = ctx.input(|i| {
        if !i.modifiers.command {
            return None;
        }
        if i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals) {
            Some(1)
        } else if i.key_pressed(egui::Key::Minus) {
            Some(-1)
        } else if i.key_pressed(egui::Key::Num0) {
            Some(0)
        } else {
            None
        }
    });
    if let Some(d) = dir {
        scale.step(d);
        if let Err(e) = scale.save() {
            warn!("cannot save the UI scale: {e}");
        }
    }
    let Ok(w) = window.single() else {
        return Ok(());
    };
    let zoom = fitted(w.width(), w.height()) * scale.scale;
    if (ctx.zoom_factor() - zoom).abs() > 1e-3 {
        ctx.set_zoom_factor(zoom);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_grows_with_the_window_and_the_scale_stays_in_range() {
        assert_eq!(fitted(1280.0, 720.0), 1.0);
        assert!((fitted(1920.0, 1080.0) - 1.35).abs() < 1e-6);
        assert!((fitted(2560.0, 1440.0) - 1.8).abs() < 1e-6);
        // A wide, short window is fitted by its height; a tall, narrow one by its width.
        assert_eq!(fitted(3000.0, 800.0), 1.0);
        assert!((fitted(1600.0, 2000.0) - 1.25).abs() < 1e-6);
        let mut s = UiScale::default();
        for _ in 0..30 {
            s.step(1);
        }
        assert_eq!(s.scale, MAX_SCALE);
        for _ in 0..30 {
            s.step(-1);
        }
        assert_eq!(s.scale, MIN_SCALE);
        s.step(0);
        assert_eq!(s.scale, 1.0);
    }

    #[test]
    fn the_scale_is_remembered_between_runs() {
        let dir = std::env::temp_dir().join(format!("redline-ui-{}", std::process::id()));
        // SAFETY: this test is the only one that reads or sets the variable.
        unsafe { std::env::set_var("REDLINE_CONFIG_DIR", &dir) };
        let mut s = UiScale::default();
        s.step(1);
        s.step(1);
        s.save().unwrap();
        assert_eq!(UiScale::load().scale, 1.2);
        std::fs::write(dir.join("ui.ron"), "(scale: 99)").unwrap();
        assert_eq!(
            UiScale::load().scale,
            MAX_SCALE,
            "a hand-edited value is clamped"
        );
        std::fs::write(dir.join("ui.ron"), "garbage").unwrap();
        assert_eq!(
            UiScale::load().scale,
            1.0,
            "an unreadable file gives the default"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
