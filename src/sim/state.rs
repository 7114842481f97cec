//! The ECS state of a game: resources only.
//!
//! The negotiation itself is one resource, [`Talks`], holding the rules' [`Negotiation`]. Parties
//! are not entities: the AI predicts every option by copying the whole negotiation and running
//! the rules on the copy, thousands of times a week, so the state must be one plain value that
//! the systems update in place — never gathered from components and copied back. The party
//! order is the scenario's, fixed at load; every per-party vector follows it.

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ai::{Decision, Policy};
use crate::rng::{GameRng, RngState};
use crate::rules::{Act, Choice, Negotiation, Outcome};
use crate::scenario::{PartyIx, Scenario};

/// When present, the turn skips what only a reader needs: the AI's written explanations and
/// the log lines of moves (`simulate` uses it; outcomes are unchanged).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct Quiet;

/// The scenario being played.
#[derive(Resource, Debug, Clone)]
pub struct Rules(pub Arc<Scenario>);

/// The negotiation: the rules' whole state.
#[derive(Resource, Debug, Clone, Default, PartialEq, Deref, DerefMut)]
pub struct Talks(pub Negotiation);

/// Who plays each party, in party order.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Seats(pub Vec<Controller>);

/// Who plays a party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Controller {
    Human,
    Ai(Policy),
}

/// What the parties chose this week, with the reasons of those the AI played.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Decisions {
    pub moves: Vec<(PartyIx, Choice)>,
    pub explained: Vec<Decision>,
}

/// The events that came in the week last resolved, in the order they took effect (what
/// `simulate` counts; an undo clears it).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Arrivals(pub Vec<usize>);

/// Every move played so far, in order: (party, choice).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Played(pub Vec<(PartyIx, Choice)>);

/// Moves the human players have chosen for the coming week.
#[derive(Resource, Debug, Clone, Default)]
pub struct Orders(pub BTreeMap<PartyIx, Choice>);

/// Event cooldowns and the once-only events that have fired.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deck {
    pub cooldown: Vec<u32>,
    pub fired: Vec<bool>,
}

impl Deck {
    /// A week opens: every cooldown runs down by one.
    pub fn open(&mut self) {
        self.cooldown
            .iter_mut()
            .for_each(|c| *c = c.saturating_sub(1));
    }

    /// How event `e` may come in the week `st` has opened (its counter already counts it), as
    /// the draw sees it: scheduled on its turn, whatever its cooldown; by chance while its
    /// cooldown is over, it is not a `once` event that has come and the scenario draws at all;
    /// either way only while its conditions hold. The one test the draw
    /// ([`super::turn::draw_events`]) and the danger line ([`super::may_come`]) both use.
    pub fn may_come(&self, s: &Scenario, st: &Negotiation, e: usize) -> Coming {
        let ev = &s.events[e];
        let holds = || {
            ev.conditions
                .iter()
                .all(|c| crate::rules::holds(s, st, c, ev.actor, None))
        };
        let draws = s.rules.event_chance > 0.0 && s.rules.events_per_turn > 0;
        match ev.at {
            Some(w) if w == st.week && holds() => Coming::Certainly,
            None if draws
                && ev.weight > 0.0
                && self.cooldown[e] == 0
                && !(ev.once && self.fired[e])
                && holds() =>
            {
                Coming::ByChance
            }
            _ => Coming::No,
        }
    }
}

/// The chance that each event comes in the coming turn, as [`super::turn::draw_events`] draws
/// them, from how each may come (`may_come`, [`super::may_come`]): 1 for a scheduled event, 0
/// for one that cannot come, and for one that may come by chance the chance that one of the
/// turn's `rules.events_per_turn` draws picks it (each draw made with `rules.event_chance`,
/// among the events that may come and have not come this turn, by weight). Worked out exactly
/// (over the events each earlier draw may have taken) unless that would take more than
/// [`CHANCE_STATES`] cases; then each draw is counted as if it took from the whole deck, and
/// the second value is false (the screens say "about").
pub fn event_chances(s: &Scenario, may_come: &[Coming]) -> (Vec<f64>, bool) {
    let mut out: Vec<f64> = may_come
        .iter()
        .map(|c| f64::from(u8::from(*c == Coming::Certainly)))
        .collect();
    let pool: Vec<usize> = (0..may_come.len())
        .filter(|&e| may_come[e] == Coming::ByChance && s.events[e].weight > 0.0)
        .collect();
    let (c, k) = (s.rules.event_chance, s.rules.events_per_turn as usize);
    if pool.is_empty() || c <= 0.0 || k == 0 {
        return (out, true);
    }
    let w: Vec<f64> = pool.iter().map(|&e| s.events[e].weight).collect();
    // The cases an exact count goes through: the sets of at most k − 1 events drawn before.
    let mut cases = 0.0;
    let mut choose = 1.0;
    for j in 0..k.min(pool.len()) {
        cases += choose;
        choose *= (pool.len() - j) as f64 / (j + 1) as f64;
    }
    let exact = pool.len() <= 64 && cases <= CHANCE_STATES;
    let p = if exact {
        let mut memo = BTreeMap::new();
        drawn_chances(&w, c, 0, k, &mut memo)
    } else {
        let total: f64 = w.iter().sum();
        (w.iter())
            .map(|x| 1.0 - libm::pow(1.0 - c * x / total, k as f64))
            .collect()
    };
    for (&e, p) in pool.iter().zip(p) {
        out[e] = p;
    }
    (out, exact)
}

/// The most cases [`event_chances`] goes through to count exactly.
pub const CHANCE_STATES: f64 = 20_000.0;

/// The chance that each of the events of weights `w` is drawn in `left` more draws, each made
/// with chance `c` among those not yet drawn (`taken`, a bit set), by weight.
fn drawn_chances(
    w: &[f64],
    c: f64,
    taken: u64,
    left: usize,
    memo: &mut BTreeMap<(u64, usize), Vec<f64>>,
) -> Vec<f64> {
    if left == 0 {
        return vec![0.0; w.len()];
    }
    if let Some(p) = memo.get(&(taken, left)) {
        return p.clone();
    }
    let free = |i: usize| taken >> i & 1 == 0;
    let total: f64 = (0..w.len()).filter(|&i| free(i)).map(|i| w[i]).sum();
    let mut p = vec![0.0; w.len()];
    if total > 0.0 {
        // No draw this time: the same chances with one draw fewer.
        let idle = drawn_chances(w, c, taken, left - 1, memo);
        for (x, y) in p.iter_mut().zip(&idle) {
            *x += (1.0 - c) * y;
        }
        // A draw that takes event `f`.
        for f in (0..w.len()).filter(|&f| free(f)) {
            let pick = c * w[f] / total;
            let then = drawn_chances(w, c, taken | 1 << f, left - 1, memo);
            for (i, (x, y)) in p.iter_mut().zip(&then).enumerate() {
                *x += pick * if i == f { 1.0 } else { *y };
            }
        }
    }
    memo.insert((taken, left), p.clone());
    p
}

/// How an event may come in the coming turn ([`Deck::may_come`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Coming {
    No,
    /// It may be drawn.
    ByChance,
    /// It is scheduled for the turn and its conditions hold.
    Certainly,
}

/// This week's acts waiting for resolution, in the order they happen.
#[derive(Resource, Debug, Clone, Default)]
pub struct Pending(pub Vec<Act>);

/// The news feed.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewsFeed(pub Vec<News>);

/// One news item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct News {
    pub week: u32,
    pub kind: NewsKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NewsKind {
    Event,
    Move,
    Draft,
    Outcome,
}

/// What a facilitator did to the game, in order: kept in saves and replays, so that a game run
/// by a teacher plays back exactly.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Interventions(pub Vec<Intervention>);

/// One act of a facilitator, and the week it takes effect in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intervention {
    pub week: u32,
    pub act: Called,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Called {
    /// This event (by id) comes in that week, whatever its conditions and chance.
    Event(String),
    /// The talks end after that week (before any is played, if 0).
    End,
}

/// Events a facilitator called for the coming week (event indices), drawn before the others.
#[derive(Resource, Debug, Clone, Default)]
pub struct Injected(pub Vec<usize>);

/// Seats of people whose moves the AI plays for now (a networked seat with no player yet, or
/// with none connected, or given to the AI by the facilitator), set by the table that seats
/// them: the answers tell the AI's bargaining for them as for the AI's own parties.
#[derive(Resource, Debug, Clone, Default)]
pub struct StandIns(pub Vec<PartyIx>);

/// The game log: one line per happening, byte-identical for the same seed and moves.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GameLog(pub Vec<String>);

/// How the game ended.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ending(pub Option<Outcome>);

/// A full snapshot of every week, oldest first; entry 0 is the start.
#[derive(Resource, Debug, Clone, Default)]
pub struct History(pub Vec<Snapshot>);

/// Everything that changes during a game, at the end of one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub talks: Negotiation,
    pub deck: Deck,
    pub decisions: Decisions,
    pub ending: Ending,
    pub rng: RngState,
    pub news_len: usize,
    pub log_len: usize,
}

/// Removes any game from the world and sets up a new one from the scenario.
pub fn install(world: &mut World, scenario: Arc<Scenario>, seed: u64, controllers: &[Controller]) {
    let s = scenario.clone();
    let seats = (0..s.parties.len())
        .map(|p| {
            controllers
                .get(p)
                .copied()
                .unwrap_or(Controller::Ai(Policy::Ai))
        })
        .collect();
    world.insert_resource(Seats(seats));
    world.insert_resource(Talks(Negotiation::start(&s)));
    world.insert_resource(Deck {
        cooldown: vec![0; s.events.len()],
        fired: vec![false; s.events.len()],
    });
    world.insert_resource(Decisions::default());
    world.insert_resource(Played::default());
    world.insert_resource(Arrivals::default());
    world.insert_resource(Orders::default());
    world.insert_resource(Pending::default());
    world.insert_resource(NewsFeed::default());
    world.insert_resource(GameLog(vec![format!("game: {}, seed {seed}", s.title)]));
    world.insert_resource(Ending::default());
    world.insert_resource(Interventions::default());
    world.insert_resource(Injected::default());
    world.insert_resource(StandIns::default());
    world.insert_resource(GameRng::new(seed));
    world.insert_resource(Rules(scenario));
    let snap = snapshot(world);
    world.insert_resource(History(vec![snap]));
}

/// Captures everything that changes during a game.
pub fn snapshot(world: &World) -> Snapshot {
    Snapshot {
        talks: world.resource::<Talks>().0.clone(),
        deck: world.resource::<Deck>().clone(),
        decisions: world.resource::<Decisions>().clone(),
        ending: world.resource::<Ending>().clone(),
        rng: world.resource::<GameRng>().state(),
        news_len: world.resource::<NewsFeed>().0.len(),
        log_len: world.resource::<GameLog>().0.len(),
    }
}

/// Puts a snapshot back into the world.
pub fn restore(world: &mut World, snap: &Snapshot) {
    world.insert_resource(Talks(snap.talks.clone()));
    world.insert_resource(snap.deck.clone());
    world.insert_resource(snap.decisions.clone());
    world.insert_resource(snap.ending.clone());
    world.insert_resource(GameRng::from_state(snap.rng));
    world.resource_mut::<NewsFeed>().0.truncate(snap.news_len);
    world.resource_mut::<GameLog>().0.truncate(snap.log_len);
    world.resource_mut::<Orders>().0.clear();
    world.resource_mut::<Pending>().0.clear();
    world.resource_mut::<Arrivals>().0.clear();
}

/// Rebuilds the moves played from the history (after an undo or a load).
pub fn recount_played(world: &mut World) {
    let played = world
        .resource::<History>()
        .0
        .iter()
        .skip(1)
        .flat_map(|h| h.decisions.moves.iter().copied())
        .collect();
    world.insert_resource(Played(played));
}
