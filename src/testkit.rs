//! Helpers for the unit tests: the shipped scenarios, and random legal states reached by
//! playing random legal moves and events through the rules alone.

use std::sync::Arc;

use crate::rng::GameRng;
use crate::rules::{self, Act, Applied, Negotiation, WeekEnd};
use crate::scenario::{DEFAULT_SCENARIO, Scenario, parse};

/// The default scenario.
pub fn geneva() -> Arc<Scenario> {
    Arc::new(parse("geneva", DEFAULT_SCENARIO.as_bytes()).expect("the default scenario is valid"))
}

/// The tutorial scenario.
pub fn tutorial() -> Arc<Scenario> {
    let text = include_str!("../assets/scenarios/tutorial.ron");
    Arc::new(parse("tutorial.ron", text.as_bytes()).expect("the tutorial is valid"))
}

/// The Vienna 2015 scenario (signatories, and red lines over several issues).
pub fn vienna() -> Arc<Scenario> {
    let text = include_str!("../assets/scenarios/vienna_2015.ron");
    Arc::new(parse("vienna_2015.ron", text.as_bytes()).expect("the Vienna scenario is valid"))
}

/// A state reached from the start by `weeks` weeks of random legal moves (every party moves,
/// chosen against the same opened week) and, now and then, a random event.
pub fn wander(s: &Scenario, seed: u64, weeks: u32) -> Negotiation {
    let mut rng = GameRng::new(seed);
    let mut st = Negotiation::start(s);
    let (mut applied, mut end) = (Applied::default(), WeekEnd::default());
    for _ in 0..weeks {
        rules::begin_week(&mut st);
        let mut acts = Vec::new();
        if !s.events.is_empty() && rng.chance(0.3) {
            acts.push(Act::of_event(rng.below(s.events.len())));
        }
        for p in 0..s.parties.len() {
            let legal = rules::legal_choices(s, &st, p);
            if !legal.is_empty() && rng.chance(0.9) {
                acts.push(Act::of_move(p, legal[rng.below(legal.len())]));
            }
        }
        for act in &acts {
            rules::apply(s, &mut st, act, &mut applied);
        }
        rules::end_week(s, &mut st, &mut end);
        rules::score::rescore(s, &mut st);
    }
    st
}
