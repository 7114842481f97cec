//! The game: the negotiation as ECS resources, the turn schedule that plays a week by calling
//! the rules, saves, replays and the small API every front end (window, terminal, `simulate`,
//! tests) drives a game through.

pub mod balance;
mod check;
pub mod debrief;
pub mod save;
pub mod state;
pub mod turn;

use std::sync::Arc;

use bevy::prelude::*;

pub use crate::rules::{Choice, Negotiation, Outcome, OutcomeKind, Reason};
pub use state::*;
pub use turn::{Phase, TurnSchedule, turn_schedule};

use crate::ai::{Planner, Policy, Scored, Workspace};
use crate::rng::GameRng;
use crate::rules::{self, Verdict};
use crate::scenario::{PartyIx, Scenario};

/// Adds the turn schedule to an app.
pub fn plugin(app: &mut App) {
    app.add_schedule(turn_schedule());
}

/// Whether a game is installed and still running.
pub fn running(world: &World) -> bool {
    world
        .get_resource::<Ending>()
        .is_some_and(|e| e.0.is_none())
        && world.contains_resource::<Rules>()
}

/// Plays one week: the one way every front end advances a game. Returns false if there is no
/// running game.
pub fn advance(world: &mut World) -> bool {
    if !running(world) {
        return false;
    }
    if !world.resource::<Schedules>().contains(TurnSchedule) {
        world.add_schedule(turn_schedule());
    }
    world.run_schedule(TurnSchedule);
    true
}

/// Orders a move for a human-controlled party for the coming week: the one way to order a move.
pub fn order(world: &mut World, party: PartyIx, choice: Choice) {
    world.resource_mut::<Orders>().0.insert(party, choice);
}

/// A facilitator calls event `e` for the coming week (it comes whatever its conditions and
/// chance). Returns false if there is no running game or no such event.
pub fn inject(world: &mut World, e: usize) -> bool {
    let s = world.resource::<Rules>().0.clone();
    let Some(ev) = s.events.get(e) else {
        return false;
    };
    if !running(world) {
        return false;
    }
    let week = world.resource::<Talks>().0.week + 1;
    let mut injected = world.resource_mut::<Injected>();
    if !injected.0.contains(&e) {
        injected.0.push(e);
        world.resource_mut::<Interventions>().0.push(Intervention {
            week,
            act: Called::Event(ev.id.clone()),
        });
    }
    true
}

/// A facilitator ends the talks now, as a stalemate: the debrief follows. Returns false if
/// there is no running game.
pub fn call_end(world: &mut World) -> bool {
    if !running(world) {
        return false;
    }
    let s = world.resource::<Rules>().0.clone();
    let week = world.resource::<Talks>().0.week;
    let out = Outcome {
        kind: OutcomeKind::Stalemate,
        week,
        reasons: vec![Reason::Called],
    };
    world.resource_mut::<GameLog>().0.push(format!(
        "  outcome: {} ({})",
        out.kind.name(),
        Reason::Called.text(&s)
    ));
    world.resource_mut::<NewsFeed>().0.push(News {
        week,
        kind: NewsKind::Outcome,
        text: "The facilitator ends the talks.".into(),
        event: None,
        about: None,
        only: None,
    });
    world.resource_mut::<Interventions>().0.push(Intervention {
        week,
        act: Called::End,
    });
    // The last week's record ends the game too, as a week the rules end does (the debrief
    // reads it).
    if let Some(last) = world
        .resource_mut::<History>()
        .0
        .last_mut()
        .filter(|h| h.talks.week == week)
    {
        last.ending.0 = Some(out.clone());
    }
    world.resource_mut::<Ending>().0 = Some(out);
    true
}

/// Goes back one week. Returns false at week 0.
pub fn undo(world: &mut World) -> bool {
    let len = world.resource::<History>().0.len();
    if len < 2 {
        return false;
    }
    let mut history = std::mem::take(&mut world.resource_mut::<History>().0);
    history.pop();
    let Some(prev) = history.last().cloned() else {
        return false;
    };
    state::restore(world, &prev);
    world.resource_mut::<History>().0 = history;
    state::recount_played(world);
    true
}

/// Who controls each party, in party order.
pub fn controllers(world: &World) -> Vec<Controller> {
    world.resource::<Seats>().0.clone()
}

/// The controllers for a game where `human` (if any) is played by a person and the others by
/// their policies (default AI).
pub fn seat(
    s: &Scenario,
    human: Option<PartyIx>,
    policies: &[(PartyIx, Policy)],
) -> Vec<Controller> {
    seats(s, human.as_slice(), policies)
}

/// The controllers for a game where each of `humans` is played by a person (a hot seat when
/// there are several) and the others by their policies (default AI).
pub fn seats(s: &Scenario, humans: &[PartyIx], policies: &[(PartyIx, Policy)]) -> Vec<Controller> {
    (0..s.parties.len())
        .map(|p| {
            if humans.contains(&p) {
                Controller::Human
            } else {
                let policy = policies
                    .iter()
                    .find(|x| x.0 == p)
                    .map_or(Policy::Ai, |x| x.1);
                Controller::Ai(policy)
            }
        })
        .collect()
}

/// A game in a world of its own: what the terminal, `simulate`, replays and tests use.
pub struct Game {
    pub world: World,
}

impl Game {
    /// Sets up a new game.
    pub fn new(scenario: Arc<Scenario>, seed: u64, controllers: &[Controller]) -> Self {
        let mut world = World::new();
        world.add_schedule(turn_schedule());
        state::install(&mut world, scenario, seed, controllers);
        Self { world }
    }

    /// Skips the written explanations and move log lines (for bulk simulation).
    pub fn quiet(mut self) -> Self {
        self.world.insert_resource(Quiet);
        self
    }

    /// Reuses this world for a new game (saves rebuilding the schedule).
    pub fn reset(&mut self, scenario: Arc<Scenario>, seed: u64, controllers: &[Controller]) {
        state::install(&mut self.world, scenario, seed, controllers);
    }

    pub fn scenario(&self) -> Arc<Scenario> {
        self.world.resource::<Rules>().0.clone()
    }

    /// The negotiation as it stands.
    pub fn state(&self) -> &Negotiation {
        &self.world.resource::<Talks>().0
    }

    pub fn week(&self) -> u32 {
        self.state().week
    }

    pub fn tension(&self) -> f64 {
        self.state().tension
    }

    pub fn agreement(&self) -> f64 {
        self.state().agreement
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.world.resource::<Ending>().0.as_ref()
    }

    pub fn log(&self) -> &[String] {
        &self.world.resource::<GameLog>().0
    }

    pub fn news(&self) -> &[News] {
        &self.world.resource::<NewsFeed>().0
    }

    pub fn history(&self) -> &[Snapshot] {
        &self.world.resource::<History>().0
    }

    pub fn decisions(&self) -> &Decisions {
        self.world.resource::<Decisions>()
    }

    /// The legal choices of a party for the coming week.
    pub fn legal(&self, party: PartyIx) -> Vec<Choice> {
        let next = rules::opened(self.state());
        rules::legal_choices(&self.world.resource::<Rules>().0, &next, party)
    }

    /// The coming week's options of a party with their expected effects.
    pub fn options(&self, party: PartyIx) -> Vec<Scored> {
        let live = live_next_turn(&self.world);
        options(
            &self.world.resource::<Rules>().0,
            self.state(),
            party,
            &live,
        )
    }

    /// Orders a move for a human-controlled party for the coming week.
    pub fn order(&mut self, party: PartyIx, choice: Choice) {
        order(&mut self.world, party, choice);
    }

    /// Plays one week; false if the game is over.
    pub fn step(&mut self) -> bool {
        advance(&mut self.world)
    }

    pub fn undo(&mut self) -> bool {
        undo(&mut self.world)
    }

    /// A facilitator calls event `e` for the coming week; see [`inject`].
    pub fn inject(&mut self, e: usize) -> bool {
        inject(&mut self.world, e)
    }

    /// A facilitator ends the talks now; see [`call_end`].
    pub fn call_end(&mut self) -> bool {
        call_end(&mut self.world)
    }

    /// Plays with nobody's orders until the game ends (or `max` weeks pass).
    pub fn run_to_end(&mut self, max: u32) {
        for _ in 0..max {
            if !self.step() {
                break;
            }
        }
    }

    /// "Would you sign this draft?" for every negotiator.
    pub fn verdicts(&self) -> Vec<Verdict> {
        verdicts(&self.world.resource::<Rules>().0, self.state())
    }
}

/// The coming week's legal options of a party, scored with their expected effects: chosen
/// against the week as it will open, as the AI chooses and the turn checks legality, `live`
/// saying which events the deck lets come the turn after as the player chooses
/// ([`live_next_turn`]; the AI chooses once the week's own events are drawn, with the deck as
/// it then is: [`live_within`]).
pub fn options(s: &Scenario, st: &Negotiation, party: PartyIx, live: &[bool]) -> Vec<Scored> {
    let next = rules::opened(st);
    Planner::with(s, &next, Workspace::default(), live).score_all(party)
}

/// "Would you sign this draft?" for every party whose consent a deal needs: the negotiators,
/// then the signatories (whose answer is their consent).
pub fn verdicts(s: &Scenario, st: &Negotiation) -> Vec<Verdict> {
    s.consenting
        .iter()
        .map(|&p| rules::verdict(s, st, p))
        .collect()
}

/// The seed a game was started with.
pub fn seed_of(world: &World) -> u64 {
    world.resource::<GameRng>().state().seed
}

/// The end-screen score of a party.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Score {
    /// Points for the outcome (`scoring.deal`, `.stalemate`, ...).
    pub outcome: f64,
    /// Points for the deal's quality: `scoring.surplus` × quality (0 without a deal).
    pub surplus: f64,
    pub calm: f64,
    pub total: f64,
    /// The party's utility in the final text (0–1).
    pub deal_utility: f64,
    pub mean_tension: f64,
    /// The final text against what was possible: for a deal the signed text's, whose quality
    /// is scored; [`end_scores`] adds the text left on the table for other endings.
    pub review: Option<rules::Review>,
}

/// How each event may come in the coming turn ([`Deck::may_come`] on the week as it opens, the
/// deck's cooldowns run down), as the view of party `me` is told it: what
/// [`crate::read::Danger::of`] reads. A view with no party (the facilitator's, a spectator's)
/// sees an event the facilitator called ([`Injected`]) as coming for certain, and so out of the
/// turn's draw; a party's player sees the turn as the scenario draws it, for the facilitator's
/// calls are the facilitator's own (each player is told only what its party may know).
pub fn may_come(world: &World, me: Option<PartyIx>) -> Vec<Coming> {
    let s = &world.resource::<Rules>().0;
    let st = rules::opened(&world.resource::<Talks>().0);
    let mut deck = world.resource::<Deck>().clone();
    deck.open();
    let called = (world.get_resource::<Injected>())
        .filter(|_| me.is_none())
        .map_or(&[][..], |x| &x.0);
    (0..s.events.len())
        .map(|e| {
            if called.contains(&e) {
                Coming::Certainly
            } else {
                deck.may_come(s, &st, e)
            }
        })
        .collect()
}

/// For each event, whether the deck lets it come the turn after the coming one (its conditions
/// aside: see [`crate::read::chance_events_open`]): a scheduled one whatever the deck says, as
/// the draw has it ([`Deck::may_come`]); one drawn by chance with its cooldown over by then and
/// not a `once` event that has come. The coming turn opens the deck once and the next once more,
/// as [`may_come`] opens it once.
pub fn live_next_turn(world: &World) -> Vec<bool> {
    let s = &world.resource::<Rules>().0;
    live_after(s, world.resource::<Deck>())
}

/// [`live_next_turn`] of deck `deck` as the coming turn is about to open it.
pub fn live_after(s: &Scenario, deck: &Deck) -> Vec<bool> {
    live_within(s, deck, 2)
}

/// For each event, whether deck `deck` lets it come once it has opened `opens` more times:
/// [`live_after`] between turns (the coming turn and the next open it), 1 once a turn's own
/// events are drawn (the AI choosing its moves).
pub fn live_within(s: &Scenario, deck: &Deck, opens: u32) -> Vec<bool> {
    (0..s.events.len())
        .map(|e| {
            let cooled = deck.cooldown.get(e).is_none_or(|&c| c <= opens);
            let spent = s.events[e].once && deck.fired.get(e).copied().unwrap_or(false);
            s.events[e].at.is_some() || cooled && !spent
        })
        .collect()
}

/// The parties whose moves this turn the AI decides by its own judgement (policy `ai`), for
/// certain: a seat's stand-in left out, as its player may take the seat back before the turn is
/// played. What the notes on who may change the text read ([`crate::read::redraft_order_note`]).
pub fn ai_decided(world: &World) -> Vec<PartyIx> {
    let seats = &world.resource::<Seats>().0;
    (0..seats.len())
        .filter(|&p| seats[p] == Controller::Ai(Policy::Ai))
        .collect()
}

/// The parties the AI plays by its own judgement (policy `ai`), a seat's stand-in among them:
/// what the AI's habits are told of ([`holding_out`], [`crate::read::goodwill_note`]).
pub fn ai_played(world: &World) -> Vec<PartyIx> {
    let seats = &world.resource::<Seats>().0;
    let stand_ins = world.get_resource::<StandIns>().map_or(&[][..], |x| &x.0);
    (0..seats.len())
        .filter(|&p| {
            seats[p] == Controller::Ai(Policy::Ai)
                || seats[p] == Controller::Human && stand_ins.contains(&p)
        })
        .collect()
}

/// The negotiators the AI plays with its own policy (`ai`, or a person's seat it plays for now:
/// [`StandIns`]) that would sign the text as the coming turn opens, may accept it, but hold out
/// for more ([`crate::ai::holds_out`]): they will not accept it this turn.
pub fn holding_out(world: &World) -> Vec<PartyIx> {
    let s = &world.resource::<Rules>().0;
    let st = rules::opened(&world.resource::<Talks>().0);
    ai_played(world)
        .into_iter()
        .filter(|&p| s.negotiators.contains(&p))
        .filter(|&p| crate::ai::holds_out(s, &st, p))
        .filter(|&p| {
            let mut accepts = Vec::new();
            rules::legal_choices_where(s, &st, p, |mx| s.derived.moves[mx].accepts, &mut accepts);
            !accepts.is_empty()
        })
        .collect()
}

/// Whether the seat of negotiator `p` is one the AI signs for when time runs out, in the last
/// turn's close ([`turn::close_week`]): the AI and its scripted dove and hawk, not the fixed
/// strategies `simulate` tries nor a person's seat.
pub fn signs_at_deadline(seats: &Seats, p: PartyIx) -> bool {
    matches!(
        seats.0.get(p),
        Some(Controller::Ai(Policy::Ai | Policy::Dove | Policy::Hawk))
    )
}

/// The negotiators whose acceptance, withdrawn this turn by an event, the close of the turn
/// gives again without a move: in the last turn, those [`signs_at_deadline`] signs for (if they
/// would sign then). Empty before the last turn.
pub fn resigning(world: &World) -> Vec<PartyIx> {
    let s = &world.resource::<Rules>().0;
    let seats = world.resource::<Seats>();
    if world.resource::<Talks>().0.week + 1 < s.weeks {
        return Vec::new();
    }
    s.negotiators
        .iter()
        .copied()
        .filter(|&p| signs_at_deadline(seats, p))
        .collect()
}

/// The mean tension over the weeks played (the starting tension before any week is played).
pub fn mean_tension(s: &Scenario, history: &[Snapshot]) -> f64 {
    let weeks = history.len().saturating_sub(1);
    if weeks == 0 {
        return s.tension.start;
    }
    history.iter().skip(1).map(|h| h.talks.tension).sum::<f64>() / weeks as f64
}

/// Scores a finished (or running) game for one party, from its final state and the mean
/// tension over the weeks played. A deal scores `scoring.deal` plus `scoring.surplus` times
/// its quality for the party ([`rules::review`]): a negotiator's surplus over its walk-away
/// value as a share of the best it could have had, the mediator's (and any other party's)
/// balance of the deal, its Nash product as a share of the Nash package's.
pub fn score_for(
    s: &Scenario,
    last: &Negotiation,
    mean_tension: f64,
    ending: Option<&Outcome>,
    p: PartyIx,
) -> Score {
    let kind = ending.map(|e| e.kind);
    let review = (kind == Some(OutcomeKind::Deal)).then(|| rules::review(s, last, p));
    score_with(s, last, mean_tension, kind, p, review)
}

/// What party `p` would score if the text on the table were signed now, with the mean tension
/// so far: the same scoring as the end screen's for a deal.
pub fn score_if_signed(s: &Scenario, st: &Negotiation, mean_tension: f64, p: PartyIx) -> Score {
    let review = rules::review(s, st, p);
    score_with(
        s,
        st,
        mean_tension,
        Some(OutcomeKind::Deal),
        p,
        Some(review),
    )
}

/// [`score_for`] for every party, in party order (the deal is reviewed once).
pub fn scores(
    s: &Scenario,
    last: &Negotiation,
    mean_tension: f64,
    ending: Option<&Outcome>,
) -> Vec<Score> {
    let kind = ending.map(|e| e.kind);
    let reviews = (kind == Some(OutcomeKind::Deal)).then(|| rules::score::reviews(s, last));
    (0..s.parties.len())
        .map(|p| {
            let review = reviews.as_ref().map(|r| r[p].clone());
            score_with(s, last, mean_tension, kind, p, review)
        })
        .collect()
}

/// [`scores`] for the end screen: a game that ended without a deal has the text left on the
/// table reviewed against what was possible too (`signed: false`; it adds nothing to a score),
/// so a stalemate or a war tells how near a deal was and what an even one would have been.
pub fn end_scores(
    s: &Scenario,
    last: &Negotiation,
    mean_tension: f64,
    ending: &Outcome,
) -> Vec<Score> {
    let mut all = scores(s, last, mean_tension, Some(ending));
    if ending.kind != OutcomeKind::Deal {
        for (sc, r) in all.iter_mut().zip(rules::score::reviews(s, last)) {
            sc.review = Some(rules::Review { signed: false, ..r });
        }
    }
    all
}

fn score_with(
    s: &Scenario,
    last: &Negotiation,
    mean_tension: f64,
    kind: Option<OutcomeKind>,
    p: PartyIx,
    review: Option<rules::Review>,
) -> Score {
    let sc = &s.scoring;
    let outcome = match kind {
        Some(OutcomeKind::Deal) => sc.deal,
        Some(OutcomeKind::War) => sc.war,
        Some(OutcomeKind::Collapse) => sc.collapse,
        Some(OutcomeKind::Stalemate) | None => sc.stalemate,
    };
    let deal_utility = s.utility(p, &last.draft.levels);
    let surplus = review.as_ref().map_or(0.0, |r| sc.surplus * r.quality);
    let calm = sc.calm * (s.tension.war_at - mean_tension).max(0.0);
    Score {
        outcome,
        surplus,
        calm,
        total: outcome + surplus + calm,
        deal_utility,
        mean_tension,
        review,
    }
}
