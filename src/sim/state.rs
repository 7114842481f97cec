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
/// [`CHANCE_STATES`] cases; then by a close estimate ([`rough_chances`]), and the second
/// value is false (the screens say "about").
pub fn event_chances(s: &Scenario, may_come: &[Coming]) -> (Vec<f64>, bool) {
    let mut out: Vec<f64> = may_come
        .iter()
        .map(|c| f64::from(u8::from(*c == Coming::Certainly)))
        .collect();
    let pool: Vec<usize> = (0..may_come.len())
        .filter(|&e| may_come[e] == Coming::ByChance && s.events[e].weight > 0.0)
        .collect();
    let w: Vec<f64> = pool.iter().map(|&e| s.events[e].weight).collect();
    let (p, exact) = chances_of(s, &w);
    for (&e, p) in pool.iter().zip(p) {
        out[e] = p;
    }
    (out, exact)
}

/// The chance that at least one of the events `set` comes in the coming turn (as
/// [`event_chances`] counts, and whether exactly): 1 if one of them is scheduled. Until a draw
/// takes one of them, the draws go as if they were one event of their weights together, so that
/// is the chance of such an event.
pub fn chance_any(s: &Scenario, may_come: &[Coming], set: &[usize]) -> (f64, bool) {
    if set.iter().any(|&e| may_come[e] == Coming::Certainly) {
        return (1.0, true);
    }
    let drawn = |e: usize| may_come[e] == Coming::ByChance && s.events[e].weight > 0.0;
    let together: f64 = set
        .iter()
        .filter(|&&e| drawn(e))
        .map(|&e| s.events[e].weight)
        .sum();
    if together <= 0.0 {
        return (0.0, true);
    }
    let mut w = vec![together];
    w.extend(
        (0..may_come.len())
            .filter(|&e| drawn(e) && !set.contains(&e))
            .map(|e| s.events[e].weight),
    );
    let (p, exact) = chances_of(s, &w);
    (p[0], exact)
}

/// The chance that each event of weights `w` (those that may come by chance) is drawn in the
/// coming turn, and whether it is exact ([`event_chances`]).
fn chances_of(s: &Scenario, w: &[f64]) -> (Vec<f64>, bool) {
    let (c, k) = (s.rules.event_chance, s.rules.events_per_turn as usize);
    if w.is_empty() || c <= 0.0 || k == 0 {
        return (vec![0.0; w.len()], true);
    }
    if k == 1 {
        // One draw: each event with its share of the weight, whatever the deck's size.
        let total: f64 = w.iter().sum();
        return (w.iter().map(|x| c * x / total).collect(), true);
    }
    let exact = w.len() <= 64 && chance_cases(w.len(), k) <= CHANCE_STATES;
    if exact {
        (drawn_chances(w, c, 0, k, &mut BTreeMap::new()), true)
    } else {
        (rough_chances(w, c, k), false)
    }
}

/// The most cases [`event_chances`] goes through to count exactly ([`chance_cases`]).
pub const CHANCE_STATES: f64 = 20_000.0;

/// The cases the exact count of [`event_chances`] goes through for `n` events and `k` draws:
/// one for each number of draws left (1 to `k`) and set of events the draws before it may have
/// taken (at most one each), each case weighing every event.
fn chance_cases(n: usize, k: usize) -> f64 {
    let mut cases = 0.0;
    for left in 1..=k {
        // The sets of at most k − left events.
        let mut choose = 1.0;
        for j in 0..=(k - left).min(n) {
            cases += choose;
            choose *= (n - j) as f64 / (j + 1) as f64;
        }
    }
    cases
}

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

/// [`drawn_chances`] estimated, for decks too large to count: of `k` draws, each made with
/// chance `c`, `m` take an event (binomially); `m` events drawn one after another by weight
/// without replacement include event `i` with chance close to 1 − e^(−wᵢ·t), where `t` makes
/// those chances add up to `m` (the usual estimate for drawing by weight without replacement).
fn rough_chances(w: &[f64], c: f64, k: usize) -> Vec<f64> {
    let n = w.len();
    let mut p = vec![0.0; n];
    // `choose` is k choose m: exactly m of the k draws take an event with chance `of_m`.
    let mut choose = 1.0;
    for m in 1..=k {
        choose *= (k - m + 1) as f64 / m as f64;
        let of_m = choose * libm::pow(c, m as f64) * libm::pow(1.0 - c, (k - m) as f64);
        if of_m == 0.0 {
            continue;
        }
        if m >= n {
            p.iter_mut().for_each(|x| *x += of_m);
            continue;
        }
        // `t` by Newton's steps from 0: the sum of 1 − e^(−wᵢ·t) is increasing and concave in
        // `t`, so each step lands short of the root and they climb to it (no halving's 60
        // passes over the deck).
        let goal = m as f64;
        let mut t = 0.0;
        for _ in 0..200 {
            let (mut f, mut slope) = (-goal, 0.0);
            for x in w {
                let e = libm::exp(-x * t);
                f += 1.0 - e;
                slope += x * e;
            }
            if f >= -1e-12 * goal || slope <= 0.0 {
                break;
            }
            let next = t - f / slope;
            if next <= t {
                break;
            }
            t = next;
        }
        for (x, wi) in p.iter_mut().zip(w) {
            *x += of_m * (1.0 - libm::exp(-wi * t));
        }
    }
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
    /// The event an event's item tells of, which the window colours by whether it calms or
    /// stirs ([`crate::read::event_tone`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<usize>,
    /// The one party whose seat is told it (what its own move showed it of another side's
    /// hidden priorities: [`crate::rules::describe::priorities_learned`]); every seat when
    /// `None`. An observer reads every item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only: Option<usize>,
    /// What the item tells, where a screen short of room groups it with others of its kind
    /// (the terminal's shorter screen: a tester's week of news ran to 13 lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<About>,
}

/// What a news item tells, for the screens that group items (see [`News::about`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum About {
    /// A change of a clause of the text, by this party.
    Clause(usize),
    /// This party's move that does nothing (a party watching the talks).
    Idle(usize),
}

impl News {
    /// Whether the seat of party `me` reads this item: every seat reads what every seat is told,
    /// and its own notes; an observer (`None`) reads everything.
    pub fn told_to(&self, me: Option<usize>) -> bool {
        self.only.is_none_or(|q| me.is_none_or(|p| p == q))
    }

    /// Whether a screen that the players of `seats` read together shows this item (a hot seat's
    /// end screen): with one seat, as [`News::told_to`] it; with several, only what every seat
    /// is told; with none (an onlooker), everything.
    pub fn told_to_all(&self, seats: &[usize]) -> bool {
        match seats {
            [] => true,
            [one] => self.told_to(Some(*one)),
            _ => self.only.is_none(),
        }
    }
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

/// The version of the save format whose words the game's log is in, when not this one's: a game
/// continued from an older version's save keeps writing its files in that version's words
/// (`sim::save::as_written`), so its log reads one way throughout and its replay checks out.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wording(pub Option<u32>);

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
    world.insert_resource(Wording::default());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(w: &[f64], c: f64, k: usize) -> Vec<f64> {
        drawn_chances(w, c, 0, k, &mut BTreeMap::new())
    }

    fn close(a: &[f64], b: &[f64], tolerance: f64) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance)
    }

    /// Worked by hand. One draw with chance 1/2 between two events of equal weight: each comes
    /// with 1/2 · 1/2. Two sure draws from two events: both come. Two draws with chance 1/2
    /// from weights 1 and 3: the first draw takes event 0 (1/8), event 1 (3/8) or nothing
    /// (1/2); then the second takes event 0 with 1/8 after nothing, 1/2 after event 1; so
    /// event 0 comes with 1/8 + 1/2 · 1/8 + 3/8 · 1/2 = 3/8 (counted with replacement, as if
    /// each draw took from the whole deck, it would be 1 − (7/8)² ≈ 0.234), event 1 with 5/8.
    #[test]
    fn drawn_chances_count_draws_without_replacement() {
        assert!(close(&exact(&[1.0, 1.0], 0.5, 1), &[0.25, 0.25], 1e-12));
        assert!(close(&exact(&[1.0, 3.0], 1.0, 2), &[1.0, 1.0], 1e-12));
        assert!(close(&exact(&[1.0, 3.0], 0.5, 2), &[0.375, 0.625], 1e-12));
        // More draws than events: every event may come, none twice.
        let p = exact(&[1.0, 2.0, 5.0], 0.9, 6);
        assert!(p.iter().all(|&x| x > 0.9 && x < 1.0), "{p:?}");
        // The expected number of events is the expected number of draws that take one.
        let p = exact(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.3, 3);
        assert!((p.iter().sum::<f64>() - 0.9).abs() < 1e-12, "{p:?}");
    }

    /// The chance that none of `set` is drawn in `left` more draws, counted draw by draw.
    fn none_of(w: &[f64], set: &[usize], c: f64, taken: u64, left: usize) -> f64 {
        let free = |i: usize| taken >> i & 1 == 0;
        let total: f64 = (0..w.len()).filter(|&i| free(i)).map(|i| w[i]).sum();
        if left == 0 || total <= 0.0 {
            return 1.0;
        }
        let mut p = (1.0 - c) * none_of(w, set, c, taken, left - 1);
        for f in (0..w.len()).filter(|&f| free(f) && !set.contains(&f)) {
            p += c * w[f] / total * none_of(w, set, c, taken | 1 << f, left - 1);
        }
        p
    }

    /// The chance that one of several events comes is that of one event of their weights
    /// together (the draws go alike until one of them is taken): against a count draw by draw,
    /// with one draw (where it is the sum of their chances) and with several.
    #[test]
    fn the_chance_of_any_of_several_events_counts_them_as_one() {
        let mut s = (*crate::testkit::geneva()).clone();
        let n = s.events.len();
        let coming = vec![Coming::ByChance; n];
        let w: Vec<f64> = s.events.iter().map(|e| e.weight).collect();
        let set = [0, 2, 5];
        for draws in [1, 2, 4] {
            s.rules.events_per_turn = draws;
            let (p, exact) = chance_any(&s, &coming, &set);
            assert!(exact);
            let c = s.rules.event_chance;
            let counted = 1.0 - none_of(&w, &set, c, 0, draws as usize);
            assert!(
                (p - counted).abs() < 1e-12,
                "{draws}: {p} against {counted}"
            );
            let (each, _) = event_chances(&s, &coming);
            let sum: f64 = set.iter().map(|&e| each[e]).sum();
            if draws == 1 {
                assert!((p - sum).abs() < 1e-12, "{p} {sum}");
            } else {
                assert!(p < sum, "{p} {sum}");
            }
        }
        // One of them scheduled: certain; none that may come: none.
        let mut sure = coming.clone();
        sure[2] = Coming::Certainly;
        assert_eq!(chance_any(&s, &sure, &set), (1.0, true));
        let none = vec![Coming::No; n];
        assert_eq!(chance_any(&s, &none, &set), (0.0, true));
    }

    /// The count of cases is the memo's: (left, set taken by the draws before) pairs.
    #[test]
    fn chance_cases_counts_the_memos_entries() {
        for (n, k) in [(1, 1), (3, 1), (4, 2), (5, 3), (6, 6), (3, 5)] {
            let w: Vec<f64> = (1..=n).map(f64::from).collect();
            let mut memo = BTreeMap::new();
            drawn_chances(&w, 0.5, 0, k, &mut memo);
            assert_eq!(
                chance_cases(n as usize, k),
                memo.len() as f64,
                "{n} events, {k}"
            );
        }
    }

    /// Past [`CHANCE_STATES`], the estimate stays close to the exact count, for few draws and
    /// for many, and `event_chances` says it is rough.
    #[test]
    fn rough_chances_are_close_to_the_exact_count() {
        let w: Vec<f64> = (0..16).map(|i| 0.5 + f64::from(i % 5)).collect();
        for (c, k) in [(0.7, 1), (0.3, 2), (0.7, 6), (1.0, 8), (0.9, 12)] {
            let (a, b) = (exact(&w, c, k), rough_chances(&w, c, k));
            assert!(close(&a, &b, 0.03), "{c} × {k}: {a:?} against {b:?}");
            // Each draw's `t` is found to the full: the chances add up to the draws expected.
            let sum: f64 = b.iter().sum();
            assert!((sum - c * k as f64).abs() < 1e-9, "{c} × {k}: {sum}");
        }
        // Very skewed weights: `t` is still found (the steps climb a steep curve, then a flat one).
        let skewed: Vec<f64> = (0..400)
            .map(|i| if i == 0 { 1000.0 } else { 1e-3 * f64::from(i) })
            .collect();
        for k in [2, 5, 40] {
            let sum: f64 = rough_chances(&skewed, 0.8, k).iter().sum();
            assert!((sum - 0.8 * k as f64).abs() < 1e-9, "{k}: {sum}");
        }
        // Geneva's deck, grown past the count: every event may come, with eight draws a turn.
        let mut s = (*crate::testkit::geneva()).clone();
        while s.events.len() < 16 {
            let again = s.events[s.events.len() % 5].clone();
            s.events.push(again);
        }
        s.rules.events_per_turn = 8;
        assert!(chance_cases(s.events.len(), 8) > CHANCE_STATES);
        let coming = vec![Coming::ByChance; s.events.len()];
        let (p, exact_count) = event_chances(&s, &coming);
        assert!(!exact_count);
        let w: Vec<f64> = s.events.iter().map(|e| e.weight).collect();
        let a = exact(&w, s.rules.event_chance, 8);
        assert!(close(&a, &p, 0.03), "{a:?} against {p:?}");
        // And under it, the count is exact.
        s.rules.events_per_turn = 2;
        let (p, exact_count) = event_chances(&s, &coming);
        assert!(exact_count);
        assert!(close(&exact(&w, s.rules.event_chance, 2), &p, 1e-12));
    }
}
