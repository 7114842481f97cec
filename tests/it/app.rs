//! The rules inside a Bevy app built from MinimalPlugins: assets load through the loader, and
//! `sim::advance` runs the turn schedule (updates alone never do).

use std::time::{Duration, Instant};

use bevy::asset::LoadState;
use bevy::prelude::*;
use redline::scenario::ScenarioAsset;
use redline::sim::{self, Talks};

fn headless() -> App {
    crate::headless(|_| {})
}

#[test]
fn the_asset_loader_uses_the_same_validation() {
    let mut app = headless();
    let good: Handle<ScenarioAsset> = app
        .world()
        .resource::<AssetServer>()
        .load("scenarios/tutorial.ron");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        app.update();
        match app.world().resource::<AssetServer>().load_state(good.id()) {
            LoadState::Loaded => break,
            LoadState::Failed(e) => panic!("{e}"),
            _ if Instant::now() > deadline => panic!("timed out"),
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    let s = app
        .world()
        .resource::<Assets<ScenarioAsset>>()
        .get(&good)
        .unwrap()
        .0
        .clone();
    assert_eq!(s.id, "river_treaty");

    // A week is played only when a front end advances the game.
    let seats = sim::seat(&s, None, &[]);
    sim::state::install(app.world_mut(), s, 1, &seats);
    app.update();
    assert_eq!(
        app.world().resource::<Talks>().week,
        0,
        "no week without a request"
    );
    assert!(sim::advance(app.world_mut()));
    app.update();
    assert_eq!(app.world().resource::<Talks>().week, 1);
}

#[test]
fn the_turn_schedule_has_no_ambiguity() {
    let mut world = World::new();
    let mut schedule = sim::turn_schedule();
    let s = crate::tutorial();
    sim::state::install(&mut world, s.clone(), 1, &sim::seat(&s, None, &[]));
    // Ambiguity detection is set to error: initialising the schedule fails on any ambiguity.
    schedule
        .initialize(&mut world)
        .expect("no ambiguous system order");
    schedule.run(&mut world);
    assert_eq!(world.resource::<Talks>().week, 1);
}

/// A hot reload reads at most the scenario size limit (plus one byte) of a file.
#[test]
fn the_asset_loader_refuses_a_file_over_the_limit_without_reading_it_whole() {
    use bevy::asset::io::VecReader;
    use redline::scenario::asset::read_at_most;
    let read = |n: usize, limit: u64| {
        let mut r = VecReader::new(vec![b' '; n]);
        bevy::tasks::block_on(read_at_most(&mut r, limit))
    };
    assert_eq!(read(100, 100).map(|b| b.len()), Ok(100));
    let err = read(101, 100).expect_err("one byte too many");
    assert!(err.contains("larger than 100 bytes"), "{err}");
}
