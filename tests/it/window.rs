//! The window's logic in a headless app: menu → briefing → table → end → workshop, with undo,
//! save, load and play again. Rendering is checked by the smoke test under Xvfb (which takes a
//! screenshot of every screen); this checks what the buttons do.

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

/// The menu's first scenario: the embedded default.
fn default_scenario(app: &App) -> std::sync::Arc<redline::scenario::Scenario> {
    app.world().resource::<Catalog>().entries[0]
        .scenario
        .clone()
        .expect("the embedded default")
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
            seats: vec![iran],
            seed: 3,
        },
    );
    assert_eq!(
        screen(&app),
        Screen::Briefing,
        "a new game opens on the brief"
    );
    {
        let view = app.world().resource::<View>();
        let b = view
            .briefing
            .as_ref()
            .expect("the brief of the player's party");
        assert_eq!(b.party, iran);
        assert_eq!(b.red_lines.len(), s.parties[iran].red_lines.len());
    }
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::Table);
    assert_eq!(week(&app), 0);
    act(&mut app, Action::Brief);
    assert_eq!(
        screen(&app),
        Screen::Briefing,
        "the brief can be read again"
    );
    act(&mut app, Action::Begin);
    let first = app.world().resource::<View>().moves[0].clone();
    {
        let view = app.world().resource::<View>();
        assert_eq!(
            view.previews.len(),
            view.moves.len(),
            "every move has its preview"
        );
    }
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
    assert!(view.ending.is_some() && view.score.is_some());
    let d = view.debrief.as_ref().expect("a debrief");
    assert!(
        d.story.last().is_some_and(|l| l.starts_with(&format!(
            "{} {}: ",
            s.turn.title(),
            view.ending.as_ref().unwrap().week
        ))),
        "the story ends with how and when the game ended: {:?}",
        d.story
    );
    assert_eq!(
        view.drafts.len(),
        view.chart.len(),
        "the text of every turn is kept"
    );

    act(&mut app, Action::Again);
    assert_eq!(
        screen(&app),
        Screen::Table,
        "play again goes straight to the table"
    );
    assert_eq!(week(&app), 0);
    assert_eq!(
        app.world().resource::<Session>().seed,
        4,
        "play again takes the next seed"
    );

    act(&mut app, Action::Workshop(0));
    assert_eq!(screen(&app), Screen::Workshop);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A hot seat: two people at one machine choose in turn behind a hand-over screen that shows
/// neither view; each reads its own brief before its first turn; the turn is played when the
/// last has chosen, with both their moves; the AI plays every other party.
#[test]
fn a_hot_seat_passes_the_device_and_plays_both_moves_together() {
    use redline::sim::{Controller, Seats};
    let mut app = app();
    app.update();
    let s = default_scenario(&app);
    let iran = s.party_ix("iran").unwrap();
    let us = s.party_ix("united_states").unwrap();
    let me = |app: &App| app.world().resource::<Session>().me;
    act(
        &mut app,
        Action::Start {
            scenario: s.clone(),
            seats: vec![us, iran],
            seed: 9,
        },
    );
    let seats = app.world().resource::<Seats>().0.clone();
    for (p, c) in seats.iter().enumerate() {
        let human = p == iran || p == us;
        assert_eq!(*c == Controller::Human, human, "{}", s.parties[p].id);
    }
    // Seats choose in party order: Iran first.
    assert_eq!(screen(&app), Screen::Handover);
    assert_eq!(me(&app), Some(iran));
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::Briefing, "Iran reads its brief first");
    assert_eq!(
        app.world()
            .resource::<View>()
            .briefing
            .as_ref()
            .unwrap()
            .party,
        iran
    );
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::Table);
    assert_eq!(
        app.world().resource::<View>().me,
        Some(iran),
        "the table shows Iran's view"
    );
    let iran_move = app.world().resource::<View>().moves[0].choice;
    act(&mut app, Action::Play(iran_move));
    assert_eq!(
        week(&app),
        0,
        "nothing is played until every seat has chosen"
    );
    assert_eq!(screen(&app), Screen::Handover);
    assert_eq!(me(&app), Some(us));
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::Briefing);
    act(&mut app, Action::Begin);
    let view = app.world().resource::<View>();
    assert_eq!(
        view.me,
        Some(us),
        "the table now shows the United States' view"
    );
    let us_move = view.moves[0].choice;
    act(&mut app, Action::Play(us_move));
    assert_eq!(week(&app), 1);
    let view = app.world().resource::<View>();
    assert!(view.decisions.moves.contains(&(iran, iran_move)));
    assert!(view.decisions.moves.contains(&(us, us_move)));
    // The next turn starts with Iran again, behind the hand-over screen, without a brief.
    assert_eq!(screen(&app), Screen::Handover);
    assert_eq!(me(&app), Some(iran));
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::Table);
    // Undo after Iran has chosen drops its order and goes back to Iran.
    act(&mut app, Action::Pass);
    assert_eq!(me(&app), Some(us));
    act(&mut app, Action::Undo);
    assert_eq!(week(&app), 0);
    assert_eq!(me(&app), Some(iran));
    assert!(app.world().resource::<redline::sim::Orders>().0.is_empty());
}

/// The accept move, when legal, comes with what signing would give the player: the same score
/// the end screen gives a deal on that text.
#[test]
fn signing_shows_what_a_deal_would_score() {
    let mut app = app();
    app.update();
    let s = default_scenario(&app);
    let iran = s.party_ix("iran").unwrap();
    act(
        &mut app,
        Action::Start {
            scenario: s.clone(),
            seats: vec![iran],
            seed: 5,
        },
    );
    act(&mut app, Action::Begin);
    let mut seen = false;
    for _ in 0..s.weeks {
        if screen(&app) != Screen::Table {
            break;
        }
        let view = app.world().resource::<View>();
        if let Some(sg) = &view.signing {
            let b = view.state.as_ref().unwrap();
            let stand = redline::rules::stand(&s, b, iran);
            assert_eq!(sg.utility, stand.utility);
            assert_eq!(sg.reservation, stand.reservation);
            assert!(s.derived.moves[sg.choice.mv].accepts);
            // The deal's quality is in the score only when Iran knows what the others hide.
            assert_eq!(sg.score.review.is_some(), sg.quality_known);
            assert!(sg.quality_known || sg.score.surplus == 0.0);
            assert_eq!(
                sg.score.total,
                sg.score.outcome + sg.score.surplus + sg.score.calm
            );
            seen = true;
            break;
        }
        act(&mut app, Action::Pass);
    }
    assert!(seen, "accepting became legal at some turn");
}

/// The workshop checks the picked file with `check`'s own functions and plays a balance run
/// in the background; a change to the file reruns both; a broken file shows its errors.
#[test]
fn the_workshop_checks_balances_and_reruns_on_a_change() {
    use redline::ui::workshop::{Checked, Workshop};
    let dir = std::env::temp_dir().join(format!("redline-workshop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mine.ron");
    std::fs::write(&file, redline::scenario::DEFAULT_SCENARIO).unwrap();
    let mut app = app();
    app.update();
    {
        let mut ws = app.world_mut().resource_mut::<Workshop>();
        ws.external = Some(file.clone());
        ws.games = 40;
    }
    act(&mut app, Action::Workshop(usize::MAX));
    assert_eq!(screen(&app), Screen::Workshop);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !app.world().resource::<Workshop>().finished() {
        assert!(
            std::time::Instant::now() < deadline,
            "the balance run finishes"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.update();
    }
    {
        let ws = app.world().resource::<Workshop>();
        let Some(Checked::Valid {
            summary, warnings, ..
        }) = &ws.checked
        else {
            panic!("the default scenario is valid");
        };
        assert!(summary.contains(": ok"), "{summary}");
        assert!(warnings.is_empty());
        let r = ws.balance.as_ref().unwrap();
        assert_eq!(r.games, 40);
        assert_eq!(r.outcomes.values().map(|o| o.count).sum::<u64>(), 40);
        // The same games as `simulate --games 40 --seed 1`.
        let s = std::sync::Arc::new(
            redline::scenario::parse("x", redline::scenario::DEFAULT_SCENARIO.as_bytes()).unwrap(),
        );
        let t = redline::sim::balance::stream(&s, 40, 1, 1, &[], |_| {}).unwrap();
        let expected = redline::sim::balance::report(&s, &t, 1, &[]);
        assert_eq!(r.outcomes, expected.outcomes);
        assert!(!ws.closest_empty());
    }
    // Break the file: the workshop shows the error, located, and plays nothing.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&file, "(\n  id: \"x\",\n  title: 12,\n").unwrap();
    app.update();
    app.update();
    let ws = app.world().resource::<Workshop>();
    match &ws.checked {
        Some(Checked::Invalid(e)) => assert!(e.contains("mine.ron:3:"), "{e}"),
        other => panic!("the broken file is reported: {other:?}"),
    }
    assert!(ws.balance.is_none() && !ws.running());
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

/// Leaving for the menu keeps the game: Resume goes back to it, at the same turn.
#[test]
fn the_menu_resumes_a_game_in_progress() {
    let mut app = app();
    app.update();
    let s = default_scenario(&app);
    let iran = s.party_ix("iran").unwrap();
    act(
        &mut app,
        Action::Start {
            scenario: s.clone(),
            seats: vec![iran],
            seed: 2,
        },
    );
    act(&mut app, Action::Begin);
    act(&mut app, Action::Pass);
    assert_eq!(week(&app), 1);
    act(&mut app, Action::Menu);
    assert_eq!(screen(&app), Screen::Menu);
    act(&mut app, Action::Resume);
    assert_eq!(screen(&app), Screen::Table);
    assert_eq!(week(&app), 1, "the game goes on where it was left");
}
