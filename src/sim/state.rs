//! ECS state of a game: party and issue entities with their components, the resources, and
//! the snapshot that history, undo and saves are made of.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::board::{Board, Choice, Delta, Stand};
use super::rng::{GameRng, RngState};
use crate::ai::{Decision, Policy};
use crate::scenario::{IssueIx, Level, Modifier, PartyIx, Scenario};

/// When present, the turn skips what only a reader needs: the AI's written explanations and
/// the log lines of moves (`simulate` uses it; outcomes are unchanged).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct Quiet;

/// The scenario being played.
#[derive(Resource, Debug, Clone)]
pub struct Rules(pub Arc<Scenario>);

/// The week: 0 before the first turn.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week(pub u32);

/// Tension (0–100) and this week's itemised causes.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tension {
    pub value: f64,
    pub causes: Vec<Cause>,
}

/// One cause of a change of tension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    pub label: String,
    pub delta: f64,
}

/// Agreement (0–100).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Agreement(pub f64);

/// The single negotiating text, versioned.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub levels: Vec<Level>,
    pub banked: Vec<bool>,
    /// Weeks each clause has stood unchanged.
    pub unchanged: Vec<u32>,
    /// Bumped on every change.
    pub version: u32,
    /// This week's changes: (issue, from, to, by whom).
    pub changes: Vec<(IssueIx, Level, Level, PartyIx)>,
}

/// What the parties chose this week, with the reasons of those the AI played.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Decisions {
    pub moves: Vec<(PartyIx, Choice)>,
    pub explained: Vec<Decision>,
}

/// Moves the human players have chosen for the coming week.
#[derive(Resource, Debug, Clone, Default)]
pub struct Orders(pub BTreeMap<PartyIx, Choice>);

/// Whose hidden preferences each party has seen: (viewer, target).
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Revealed(pub BTreeSet<(PartyIx, PartyIx)>);

/// Event cooldowns and the once-only events that have fired.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deck {
    pub cooldown: Vec<u32>,
    pub fired: Vec<bool>,
}

/// Actions waiting for the resolution phase, in the order they happen.
#[derive(Resource, Debug, Clone, Default)]
pub struct Pending(pub Vec<Action>);

/// A move or event reduced to concrete deltas.
#[derive(Debug, Clone)]
pub struct Action {
    pub actor: Option<PartyIx>,
    /// Names the cause in trust ledgers and tension causes.
    pub label: String,
    pub deltas: Vec<Delta>,
}

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

/// The game log: one line per happening, byte-identical for the same seed and moves.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GameLog(pub Vec<String>);

/// How the game ended.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ending(pub Option<Outcome>);

/// An outcome with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub week: u32,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum OutcomeKind {
    Deal,
    War,
    Collapse,
    Stalemate,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 4] = [
        OutcomeKind::Deal,
        OutcomeKind::War,
        OutcomeKind::Collapse,
        OutcomeKind::Stalemate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            OutcomeKind::Deal => "deal",
            OutcomeKind::War => "war",
            OutcomeKind::Collapse => "collapse",
            OutcomeKind::Stalemate => "stalemate",
        }
    }
}

/// A full snapshot of every week, oldest first; entry 0 is the start.
#[derive(Resource, Debug, Clone, Default)]
pub struct History(pub Vec<Snapshot>);

/// Marks a party entity.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartyTag(pub PartyIx);

/// Marks an issue entity.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IssueTag(pub IssueIx);

/// Domestic audiences: support now and where pressure is pushing it.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Domestic {
    pub hardliners: f64,
    pub moderates: f64,
    pub hardliners_target: f64,
    pub moderates_target: f64,
}

/// Troops in the theatre.
#[derive(Component, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Forces {
    pub troops: i64,
}

/// This party's trust toward every party, as itemised ledgers.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustLedgers(pub Vec<TrustLedger>);

/// Trust toward one party: a lasting base plus fading modifiers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustLedger {
    pub base: f64,
    pub modifiers: Vec<Modifier>,
}

impl TrustLedger {
    /// Trust now, 0–100.
    pub fn value(&self) -> f64 {
        (self.base + self.modifiers.iter().map(|m| m.value).sum::<f64>()).clamp(0.0, 100.0)
    }

    /// Fades every modifier toward zero by its decay; drops the spent ones.
    pub fn decay(&mut self) {
        for m in &mut self.modifiers {
            if m.value > 0.0 {
                m.value = (m.value - m.decay).max(0.0);
            } else {
                m.value = (m.value + m.decay).min(0.0);
            }
        }
        self.modifiers.retain(|m| m.value != 0.0 || m.decay == 0.0);
    }
}

/// At the table or away.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub present: bool,
    pub absent_weeks: u32,
}

/// Whether the party has accepted the current text.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance(pub bool);

/// How a negotiator stands toward the draft (updated in scoring).
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing(pub Option<Stand>);

/// Who plays the party.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Controller {
    Human,
    Ai(Policy),
}

/// Per issue: each negotiator's red lines on it, kept or broken (updated in scoring).
#[derive(Component, Debug, Clone, Default, PartialEq)]
pub struct ClauseStatus {
    /// (party, red line index, kept).
    pub red_lines: Vec<(PartyIx, usize, bool)>,
}

/// Everything that changes during a game, at the end of one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub week: Week,
    pub tension: Tension,
    pub agreement: Agreement,
    pub draft: Draft,
    pub deck: Deck,
    pub revealed: Revealed,
    pub decisions: Decisions,
    pub ending: Ending,
    pub rng: RngState,
    pub parties: Vec<PartySnapshot>,
    pub news_len: usize,
    pub log_len: usize,
}

/// One party's part of a [`Snapshot`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartySnapshot {
    pub domestic: Domestic,
    pub forces: Forces,
    pub trust: TrustLedgers,
    pub presence: Presence,
    pub accepted: Acceptance,
    pub standing: Standing,
}

/// The components of a party entity, read-only.
pub type PartyRead = (
    &'static PartyTag,
    &'static Domestic,
    &'static Forces,
    &'static TrustLedgers,
    &'static Presence,
    &'static Acceptance,
);

/// Builds the compact board from the ECS state.
pub fn gather<'a>(
    s: &Scenario,
    week: u32,
    tension: f64,
    agreement: f64,
    draft: &Draft,
    parties: impl Iterator<
        Item = (
            &'a PartyTag,
            &'a Domestic,
            &'a Forces,
            &'a TrustLedgers,
            &'a Presence,
            &'a Acceptance,
        ),
    >,
) -> Board {
    let n = s.parties.len();
    let mut b = Board {
        week,
        tension,
        agreement,
        draft: draft.levels.clone(),
        banked: draft.banked.clone(),
        trust: vec![vec![0.0; n]; n],
        hardliners: vec![0.0; n],
        moderates: vec![0.0; n],
        troops: vec![0; n],
        present: vec![true; n],
        accepted: vec![false; n],
    };
    for (tag, dom, forces, trust, presence, acc) in parties {
        let p = tag.0;
        b.trust[p] = trust.0.iter().map(TrustLedger::value).collect();
        b.hardliners[p] = dom.hardliners;
        b.moderates[p] = dom.moderates;
        b.troops[p] = forces.troops;
        b.present[p] = presence.present;
        b.accepted[p] = acc.0;
    }
    b
}

/// Removes any game from the world and sets up a new one from the scenario.
pub fn install(world: &mut World, scenario: Arc<Scenario>, seed: u64, controllers: &[Controller]) {
    clear(world);
    let s = scenario.clone();
    for (p, party) in s.parties.iter().enumerate() {
        let ledgers = s.trust[p]
            .iter()
            .map(|l| TrustLedger {
                base: l.base,
                modifiers: l.modifiers.clone(),
            })
            .collect();
        let controller = controllers
            .get(p)
            .copied()
            .unwrap_or(Controller::Ai(Policy::Ai));
        world.spawn((
            PartyTag(p),
            Domestic {
                hardliners: party.domestic.hardliners.support,
                moderates: party.domestic.moderates.support,
                hardliners_target: party.domestic.hardliners.support,
                moderates_target: party.domestic.moderates.support,
            },
            Forces {
                troops: party.theatre_troops(),
            },
            TrustLedgers(ledgers),
            Presence {
                present: true,
                absent_weeks: 0,
            },
            Acceptance(false),
            Standing(None),
            controller,
            Name::new(party.name.clone()),
        ));
    }
    for (i, issue) in s.issues.iter().enumerate() {
        world.spawn((
            IssueTag(i),
            ClauseStatus::default(),
            Name::new(issue.name.clone()),
        ));
    }
    world.insert_resource(Week(0));
    world.insert_resource(Tension {
        value: s.tension.start,
        causes: Vec::new(),
    });
    world.insert_resource(Agreement(0.0));
    world.insert_resource(Draft {
        levels: s.draft.clone(),
        banked: s.banked.clone(),
        unchanged: vec![0; s.issues.len()],
        version: 0,
        changes: Vec::new(),
    });
    world.insert_resource(Deck {
        cooldown: vec![0; s.events.len()],
        fired: vec![false; s.events.len()],
    });
    world.insert_resource(Revealed::default());
    world.insert_resource(Decisions::default());
    world.insert_resource(Orders::default());
    world.insert_resource(Pending::default());
    world.insert_resource(NewsFeed::default());
    world.insert_resource(GameLog::default());
    world.insert_resource(Ending::default());
    world.insert_resource(GameRng::new(seed));
    world.insert_resource(Rules(scenario));
    world.insert_resource(History::default());
    super::turn::score_world(world);
    let snap = snapshot(world);
    world.resource_mut::<History>().0.push(snap);
    let title = world.resource::<Rules>().0.title.clone();
    world
        .resource_mut::<GameLog>()
        .0
        .push(format!("game: {title}, seed {seed}"));
}

/// Despawns every party and issue entity.
pub fn clear(world: &mut World) {
    let ents: Vec<Entity> = world
        .query_filtered::<Entity, Or<(With<PartyTag>, With<IssueTag>)>>()
        .iter(world)
        .collect();
    for e in ents {
        world.despawn(e);
    }
}

/// Captures everything that changes during a game.
pub fn snapshot(world: &mut World) -> Snapshot {
    let mut rows: Vec<(PartyIx, PartySnapshot)> = world
        .query::<(
            &PartyTag,
            &Domestic,
            &Forces,
            &TrustLedgers,
            &Presence,
            &Acceptance,
            &Standing,
        )>()
        .iter(world)
        .map(|(t, d, f, tr, p, a, st)| {
            (
                t.0,
                PartySnapshot {
                    domestic: d.clone(),
                    forces: *f,
                    trust: tr.clone(),
                    presence: *p,
                    accepted: *a,
                    standing: st.clone(),
                },
            )
        })
        .collect();
    rows.sort_by_key(|r| r.0);
    Snapshot {
        week: *world.resource::<Week>(),
        tension: world.resource::<Tension>().clone(),
        agreement: *world.resource::<Agreement>(),
        draft: world.resource::<Draft>().clone(),
        deck: world.resource::<Deck>().clone(),
        revealed: world.resource::<Revealed>().clone(),
        decisions: world.resource::<Decisions>().clone(),
        ending: world.resource::<Ending>().clone(),
        rng: world.resource::<GameRng>().state(),
        parties: rows.into_iter().map(|r| r.1).collect(),
        news_len: world.resource::<NewsFeed>().0.len(),
        log_len: world.resource::<GameLog>().0.len(),
    }
}

/// Puts a snapshot back into the world (the entities must exist).
pub fn restore(world: &mut World, snap: &Snapshot) {
    world.insert_resource(snap.week);
    world.insert_resource(snap.tension.clone());
    world.insert_resource(snap.agreement);
    world.insert_resource(snap.draft.clone());
    world.insert_resource(snap.deck.clone());
    world.insert_resource(snap.revealed.clone());
    world.insert_resource(snap.decisions.clone());
    world.insert_resource(snap.ending.clone());
    world.insert_resource(GameRng::from_state(snap.rng));
    world.resource_mut::<NewsFeed>().0.truncate(snap.news_len);
    world.resource_mut::<GameLog>().0.truncate(snap.log_len);
    let mut q = world.query::<(
        &PartyTag,
        &mut Domestic,
        &mut Forces,
        &mut TrustLedgers,
        &mut Presence,
        &mut Acceptance,
        &mut Standing,
    )>();
    for (t, mut d, mut f, mut tr, mut p, mut a, mut st) in q.iter_mut(world) {
        if let Some(ps) = snap.parties.get(t.0) {
            *d = ps.domestic.clone();
            *f = ps.forces;
            *tr = ps.trust.clone();
            *p = ps.presence;
            *a = ps.accepted;
            *st = ps.standing.clone();
        }
    }
}
