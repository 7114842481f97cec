//! The game window, drawn with egui on Bevy: the menu, the briefing, the negotiating table, the
//! end (the debrief) and the scenario workshop, each in its own file under [`screens`].
//!
//! The rules stay in [`crate::sim`]: the window installs a game in its world, sends the
//! player's choice as an order and runs the same turn schedule as every other front end. The
//! screens draw a [`view::View`] that is rebuilt only when the game changes, from the read
//! model ([`crate::read`]) the terminal uses too.

pub mod catalog;
pub mod remote;
pub mod screens;
pub mod settings;
pub mod shot;
pub mod theme;
pub mod view;
pub mod widgets;
pub mod workshop;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiPlugin, EguiPrimaryContextPass};

use crate::launch::{Failure, WindowArgs};

/// Which screen is up.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Menu,
    /// Hot seat: the device passes to the next player; the last player's view is hidden.
    Handover,
    /// The player's brief, before the first turn.
    Briefing,
    /// The negotiating table.
    Table,
    /// The debrief.
    End,
    /// The scenario workshop.
    Workshop,
    /// A hosted game's lobby: the seats, who took them, and the ready button.
    Lobby,
}

/// Parses `1280x720`.
fn parse_size(s: &str) -> Result<(u32, u32), Failure> {
    let (w, h) = s
        .split_once('x')
        .ok_or_else(|| Failure::usage(format!("--size {s}: expected WIDTHxHEIGHT")))?;
    let w: u32 = w
        .parse()
        .map_err(|_| Failure::usage(format!("--size {s}: bad width")))?;
    let h: u32 = h
        .parse()
        .map_err(|_| Failure::usage(format!("--size {s}: bad height")))?;
    if !(640..=7680).contains(&w) || !(480..=4320).contains(&h) {
        return Err(Failure::usage(format!(
            "--size {s}: from 640x480 to 7680x4320"
        )));
    }
    Ok((w, h))
}

/// Why there is certainly no display to open a window on (Linux, where this build talks to X11
/// only): no `DISPLAY`, or a local X display whose socket is missing. `None` when one may be
/// there.
fn no_display() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let Some(display) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) else {
        let wayland = std::env::var_os("WAYLAND_DISPLAY").is_some();
        return Some(if wayland {
            "DISPLAY is not set; this build opens X11 windows only, so on Wayland it needs \
             XWayland"
                .into()
        } else {
            "DISPLAY is not set".into()
        });
    };
    // ":N" or ":N.S" is a local display, reached through /tmp/.X11-unix/XN.
    let number = display
        .strip_prefix(':')
        .and_then(|rest| rest.split('.').next())
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))?;
    let socket = std::path::Path::new("/tmp/.X11-unix").join(format!("X{number}"));
    (!socket.exists()).then(|| format!("DISPLAY is {display}, but no X server listens there"))
}

/// Opens the window and runs the game until it is closed.
pub fn run(args: WindowArgs) -> Result<(), Failure> {
    let (w, h) = parse_size(&args.size)?;
    let start = view::StartRequest::from_args(&args)?;
    if !(args.hold.is_finite() && (0.0..=3600.0).contains(&args.hold)) {
        return Err(Failure::usage(format!(
            "--hold {}: a number of seconds from 0 to 3600",
            args.hold
        )));
    }
    display_check("`redline play --text`")?;
    let screenshot = args.screenshot.is_some();
    let mut app = window_app(w, h, screenshot);
    app.add_plugins((crate::scenario::plugin, crate::sim::plugin, logic));
    app.insert_resource(start);
    if let Some(path) = args.screenshot.clone() {
        shot::plugin(&mut app, path, args.autoplay, args.end_screen, args.hold);
    }
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => Err(Failure {
            code: code.get(),
            message: "the window closed with an error".into(),
        }),
    }
}

/// Whether the window can open here: the usage error that says why not, and to play with
/// `text` (a command) instead.
pub fn display_check(text: &str) -> Result<(), Failure> {
    match no_display() {
        Some(why) => Err(Failure::usage(format!(
            "no display found ({why}): run `redline` in a desktop session, or play in the \
             terminal with {text}"
        ))),
        None => Ok(()),
    }
}

/// The window without a game: Bevy's plugins, egui, the theme, the zoom and the screens (a
/// screenshot run draws continuously). [`run`] and [`remote::run`] add the game's side.
pub fn window_app(w: u32, h: u32, screenshot: bool) -> App {
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Red Lines".into(),
                    resolution: WindowResolution::new(w, h),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                watch_for_changes_override: Some(true),
                ..default()
            }),
    );
    app.add_plugins(EguiPlugin::default());
    app.insert_resource(if screenshot {
        WinitSettings::game()
    } else {
        WinitSettings::desktop_app()
    });
    app.insert_resource(ClearColor(theme::BACKGROUND_BEVY));
    app.init_resource::<theme::ThemeReady>();
    app.insert_resource(settings::UiScale::load());
    app.add_systems(Startup, setup_camera);
    app.add_systems(Update, wake_for_workshop);
    app.add_systems(
        EguiPrimaryContextPass,
        (theme::install, settings::apply).chain(),
    );
    app.add_plugins(screens::plugin);
    app
}

/// The window's logic without rendering: screens as states, the scenario catalog with hot
/// reload, the player's actions and the view they see. Tests add it to a headless app.
pub fn logic(app: &mut App) {
    // The window plugin registers it too; headless apps need it for observe mode.
    app.add_message::<bevy::window::RequestRedraw>();
    app.init_state::<Screen>();
    app.init_resource::<view::Session>();
    app.init_resource::<view::View>();
    app.init_resource::<view::Actions>();
    app.init_resource::<workshop::Workshop>();
    app.add_systems(Startup, catalog::setup);
    app.add_systems(
        Update,
        (
            catalog::track,
            view::observe,
            view::apply_actions,
            view::refresh,
            workshop::track,
        )
            .chain(),
    );
}

/// The window sleeps between events (a desktop app); in the workshop it wakes every half
/// second, even unfocused, so a file saved in an editor is checked again at once.
fn wake_for_workshop(
    screen: Res<State<Screen>>,
    mut settings: ResMut<WinitSettings>,
    mut usual: Local<Option<WinitSettings>>,
) {
    let workshop = *screen.get() == Screen::Workshop;
    match (workshop, usual.is_some()) {
        (true, false) => {
            *usual = Some(settings.clone());
            let wake = std::time::Duration::from_millis(500);
            settings.focused_mode = bevy::winit::UpdateMode::reactive(wake);
            settings.unfocused_mode = bevy::winit::UpdateMode::reactive_low_power(wake);
        }
        (false, true) => {
            if let Some(u) = usual.take() {
                *settings = u;
            }
        }
        _ => {}
    }
}

fn setup_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
