//! The window's logic in a headless app: menu → game → end, with undo, save, load and play
//! again. Rendering is checked by the smoke test under Xvfb; this checks what the buttons do.

use bevy::prelude::*;
use redline::ui::Screen;
use redline::ui::catalog::Catalog;
use redline::ui::view::{Action, Actions, Session, View};

fn app() -> App {
    crate::headless(|app| {
        app.add_plugins(redline::ui::logic);
    })
}

/// Queues an action and lets two frames pass (the second applies a screen change).
fn act(app: &mut App, a: Action) {
    app.world_mut().resource_mut::<Actions>().0.push(a);
    app.update();
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn week(app: &App) -> u32 {
    app.world()
        .resource::<View>()
        .state
        .as_ref()
        .map_or(0, |b| b.week)
}

#[test]
fn menu_game_undo_save_load_end_and_again() {
    let dir = std::env::temp_dir().join(format!("redline-window-{}", std::process::id()));
    let mut app = app();
    app.world_mut().resource_mut::<Session>().save_dir = dir.clone();
    app.update();
    assert_eq!(screen(&app), Screen::Menu);
    let s = app.world().resource::<Catalog>().entries[0]
        .scenario
        .clone()
        .expect("the embedded default");
    assert_eq!(s.id, "geneva_2026");
    let iran = s.party_ix("iran").unwrap();

    act(
        &mut app,
        Action::Start {
            scenario: s.clone(),
            me: Some(iran),
            seed: 3,
        },
    );
    assert_eq!(screen(&app), Screen::Game);
    assert_eq!(week(&app), 0);
    let first = app.world().resource::<View>().moves[0].clone();
    assert!(first.d_tension.is_finite());

    act(&mut app, Action::Play(first.choice));
    assert_eq!(week(&app), 1);
    let view = app.world().resource::<View>();
    assert!(
        view.decisions.moves.contains(&(iran, first.choice)),
        "the player's move was played"
    );
    assert!(
        !view.decisions.explained.is_empty(),
        "the AI parties explain their moves"
    );
    assert_eq!(view.chart.len(), 2);

    act(&mut app, Action::Save);
    assert!(dir.join("geneva_2026.save.ron").exists());
    act(&mut app, Action::Pass);
    assert_eq!(week(&app), 2);
    act(&mut app, Action::Load);
    assert_eq!(week(&app), 1, "loading goes back to the saved week");
    act(&mut app, Action::Undo);
    assert_eq!(week(&app), 0);

    for _ in 0..=s.weeks {
        if screen(&app) == Screen::End {
            break;
        }
        act(&mut app, Action::Pass);
    }
    assert_eq!(screen(&app), Screen::End);
    let view = app.world().resource::<View>();
    assert!(view.ending.is_some() && view.debrief.is_some() && view.score.is_some());

    act(&mut app, Action::Again);
    assert_eq!(screen(&app), Screen::Game);
    assert_eq!(week(&app), 0);
    assert_eq!(
        app.world().resource::<Session>().seed,
        4,
        "play again takes the next seed"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Without a display the window says what to do instead, exit 2, and no panic.
#[test]
fn no_display_gives_a_clear_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_redline"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run redline");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("no display found"), "{err}");
    assert!(err.contains("play --text"), "{err}");
    // Wayland alone is no display for a build that opens X11 windows.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_redline"))
        .env_remove("DISPLAY")
        .env("WAYLAND_DISPLAY", "wayland-0")
        .output()
        .expect("run redline");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("XWayland"), "{err}");
    // A display variable that names no running X server is no display either.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_redline"))
        .env("DISPLAY", ":987")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run redline");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("no X server"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["--screenshot", "x.png", "--hold", "inf"])
        .output()
        .expect("run redline");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--hold"));
}

/// The window checks `--party` with the terminal's own code, before anything opens.
#[test]
fn the_window_refuses_a_party_the_terminal_refuses() {
    for (party, says) in [("omann", "did you mean `oman`"), ("israel", "AI only")] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_redline"))
            .args(["--party", party])
            .output()
            .expect("run redline");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{party}: {err}");
        assert!(err.contains(says), "{party}: {err}");
    }
}
