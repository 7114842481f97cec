//! `--screenshot FILE [--autoplay WEEKS]`: play some weeks with the AI in the player's seat,
//! capture the window to a PNG and exit. Also reports the mean frame time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use super::view::{Session, step};
use crate::ai::Policy;
use crate::sim::{self, Controller, Seats};

/// The screenshot run.
#[derive(Resource, Debug)]
pub struct Shot {
    pub path: PathBuf,
    pub autoplay: u32,
    pub end_screen: bool,
    pub hold: Duration,
    played: u32,
    settled_frames: u32,
    ready_at: Option<Instant>,
    taken: bool,
    frame_times: Vec<f32>,
}

pub fn plugin(app: &mut App, path: PathBuf, autoplay: u32, end_screen: bool, hold: f64) {
    app.insert_resource(Shot {
        path,
        autoplay,
        end_screen,
        hold: Duration::from_secs_f64(hold.max(0.0)),
        played: 0,
        settled_frames: 0,
        ready_at: None,
        taken: false,
        frame_times: Vec::new(),
    });
    app.add_systems(Update, drive.after(super::view::refresh));
    app.add_systems(bevy_egui::EguiPrimaryContextPass, no_tooltips);
}

/// No tooltip in a screenshot: wherever the X server leaves the pointer, the screen is shown as
/// a player first sees it.
fn no_tooltips(mut contexts: bevy_egui::EguiContexts) -> Result {
    contexts
        .ctx_mut()?
        .all_styles_mut(|s| s.interaction.tooltip_delay = f32::MAX);
    Ok(())
}

fn drive(world: &mut World) {
    let dt = world.resource::<Time>().delta_secs();
    let started = world.resource::<Session>().started;
    let (autoplay, end_screen, played) = {
        let s = world.resource::<Shot>();
        (s.autoplay, s.end_screen, s.played)
    };
    if !started && (autoplay > 0 || end_screen) {
        return;
    }
    let running = sim::running(world);
    if running && (played < autoplay || end_screen) {
        autoplay_week(world);
        world.resource_mut::<Shot>().played += 1;
        world.resource_mut::<Session>().dirty = true;
        return;
    }
    // The workshop is captured once its check and balance run are done.
    if *world.resource::<State<super::Screen>>().get() == super::Screen::Workshop {
        let ws = world.resource::<super::workshop::Workshop>();
        if ws.checked.is_none() || ws.running() {
            return;
        }
    }
    let mut shot = world.resource_mut::<Shot>();
    if shot.taken {
        return;
    }
    shot.frame_times.push(dt);
    shot.settled_frames += 1;
    let hold = shot.hold;
    let ready = *shot.ready_at.get_or_insert_with(Instant::now);
    // Let egui lay out a few frames (and any hot reload arrive) before the capture.
    if shot.settled_frames < 12 || ready.elapsed() < hold {
        return;
    }
    shot.taken = true;
    let path = shot.path.clone();
    let times: Vec<f32> = shot.frame_times.iter().skip(4).copied().collect();
    if !times.is_empty() {
        let mean = times.iter().sum::<f32>() / times.len() as f32;
        eprintln!(
            "frame time on the game screen: mean {:.1} ms over {} frames",
            mean * 1000.0,
            times.len()
        );
    }
    world.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            exit.write(match save_png(&captured.image, &path) {
                Ok(()) => {
                    eprintln!("screenshot saved to {}", path.display());
                    AppExit::Success
                }
                Err(e) => {
                    eprintln!("cannot save the screenshot to {}: {e}", path.display());
                    AppExit::from_code(2)
                }
            });
        },
    );
}

/// Writes the captured window as a PNG (alpha dropped), creating the folder if needed.
fn save_png(image: &Image, path: &std::path::Path) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let dynamic = image
        .clone()
        .try_into_dynamic()
        .map_err(|e| e.to_string())?;
    dynamic.to_rgb8().save(path).map_err(|e| e.to_string())
}

/// Plays one week with the AI in the players' seats.
fn autoplay_week(world: &mut World) {
    let seats = world.resource::<Session>().seats.clone();
    let seat = |world: &mut World, c: Controller| {
        for &p in &seats {
            if let Some(slot) = world.resource_mut::<Seats>().0.get_mut(p) {
                *slot = c;
            }
        }
    };
    seat(world, Controller::Ai(Policy::Ai));
    step(world);
    seat(world, Controller::Human);
}
