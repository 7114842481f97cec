//! The AI: scores every legal move by what it does to the party's own prospects, picks one with
//! seeded randomness, and explains both its choices and its answer to "would you sign?".
//!
//! Pure functions over the rules' [`Negotiation`]; no ECS, no rendering. A move is scored by
//! predicting its week with [`rules::predict`] — the function the turn itself resolves moves
//! with — so the effects the AI weighs and the player sees are the effects the move has.

use serde::{Deserialize, Serialize};

use crate::rng::GameRng;
use crate::rules::{self, Act, Choice, Negotiation, Scratch, Stand, score};
use crate::scenario::{Effect, IssueIx, PartyIx, Role, Scenario, Tone};

/// How a party nobody controls picks its moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub enum Policy {
    /// Scores every legal move and picks with seeded randomness (the default).
    #[default]
    Ai,
    /// Scripted dove: the best-scored conciliatory move (back channels, concessions, acceptance).
    Dove,
    /// Scripted hawk: the best-scored hawkish move, or a proposal in its own favour.
    Hawk,
    /// Any legal move, uniformly at random.
    Random,
    /// Scripted: accepts the text whenever it may, and otherwise makes no move.
    Accept,
    /// Scripted: accepts whenever it may, and otherwise plays as the scripted dove.
    DoveAccept,
    /// Scripted: always the move with this key (its first legal target in catalogue order), or
    /// no move when it is not legal.
    Key(char),
}

impl std::str::FromStr for Policy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "ai" => Ok(Policy::Ai),
            "dove" => Ok(Policy::Dove),
            "hawk" => Ok(Policy::Hawk),
            "random" => Ok(Policy::Random),
            "accept" => Ok(Policy::Accept),
            "dove-accept" => Ok(Policy::DoveAccept),
            _ => match s.strip_prefix("key:").map(|k| {
                let mut c = k.chars();
                (c.next(), c.next())
            }) {
                Some((Some(k), None)) if k.is_ascii_alphanumeric() => {
                    Ok(Policy::Key(k.to_ascii_lowercase()))
                }
                _ => Err(format!(
                    "unknown policy `{s}` (expected ai, dove, hawk, random, accept, dove-accept \
                     or key:K for a move's key, e.g. key:b)"
                )),
            },
        }
    }
}

impl std::fmt::Display for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Policy::Ai => f.write_str("ai"),
            Policy::Dove => f.write_str("dove"),
            Policy::Hawk => f.write_str("hawk"),
            Policy::Random => f.write_str("random"),
            Policy::Accept => f.write_str("accept"),
            Policy::DoveAccept => f.write_str("dove-accept"),
            Policy::Key(k) => write!(f, "key:{k}"),
        }
    }
}

/// The parts of a party's value of a state, and of a move's score, in this order.
pub const PARTS: [&str; 6] = [
    "draft in our favour",
    // The chance of a deal times its stake, which is negative for a party a deal hurts (a
    // spoiler): its moves against a deal score here too.
    "the odds of a deal for us",
    // Up when the move lowers the risk of war: every part counts in the party's favour.
    "less risk of war",
    "support at home",
    "political capital",
    "suits our temperament",
];

/// A legal move with its score and the parts of that score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub choice: Choice,
    pub score: f64,
    /// The change of each part of [`PARTS`]; they add up to `score`. Each counts the events
    /// the move lets come the turn after, or keeps away, by their chance
    /// ([`Workspace::foresee`]).
    pub parts: [f64; 6],
    /// How much of `score` those events are (in the parts already): what the move's
    /// explanation says of them.
    #[serde(default)]
    pub foreseen: f64,
    /// What the move does this week against making no move (both predicted to the end of the
    /// week): tension, agreement, and the party's own utility.
    pub d_tension: f64,
    pub d_agreement: f64,
    pub d_utility: f64,
    /// The party's stake in a deal on the text, in the week with no move, is below zero
    /// ([`deal_stake`]: decided where its walk-away value and personality are known): its
    /// reasons name the odds of a deal as the odds against one ([`Scored::terms`]).
    #[serde(default)]
    pub odds_against: bool,
    /// The move turns that stake across zero: below zero after it where it was not, or the
    /// other way ([`NOW_FOR_A_DEAL`], [`NOW_AGAINST_A_DEAL`]).
    #[serde(default)]
    pub turned: bool,
}

/// The name of the second part of [`PARTS`] for a party whose stake in a deal on the text is
/// below zero ([`deal_stake`]): its moves against a deal score there, so "the odds of a deal for
/// us" would read backwards.
pub const AGAINST_A_DEAL: &str = "the odds against a deal";

/// The name of the second part of [`PARTS`] for a move that turns its party's stake in a deal
/// on the text from below zero to above it (a text it tables that it wants, where it was against
/// the text of the week with no move): "the odds against a deal +0.188" read as if the move had
/// made a deal less likely.
pub const NOW_FOR_A_DEAL: &str = "a deal now in our interest";

/// [`NOW_FOR_A_DEAL`] the other way: a move that turns its party's stake in a deal on the text
/// from above zero to below it.
pub const NOW_AGAINST_A_DEAL: &str = "a deal now against our interest";

/// What a deal on a text worth `utility` to it is worth to spoiler `p`: negative by its
/// `spoiler` share, the text's worth counting for the rest.
fn spoiler_stake(s: &Scenario, p: PartyIx, utility: f64) -> f64 {
    let sp = s.parties[p].personality.spoiler;
    -sp + (1.0 - sp) * utility
}

/// Part `k` of [`PARTS`] named as it weighed: in the party's favour (`up`) or against it
/// ("more risk of war", not "less risk of war" with a minus sign), the odds of a deal as the
/// odds against one where the party's stake is below zero (`against`), and as a deal now in
/// (or against) its interest where the move turns that stake across zero (`turned`: a turn up
/// only weighs in its favour, a turn down only against it).
fn part_name(k: usize, against: bool, turned: bool, up: bool) -> &'static str {
    const DOWN: [&str; 6] = [
        "a draft less in our favour",
        "worse odds of a deal for us",
        "more risk of war",
        "less support at home",
        "political capital spent",
        "against our temperament",
    ];
    match (k, against, up) {
        (1, _, _) if turned => turned_name(against),
        (1, true, true) => AGAINST_A_DEAL,
        (1, true, false) => "better odds of a deal",
        (_, _, true) => PARTS[k],
        (_, _, false) => DOWN[k],
    }
}

/// The name of the odds of a deal for a move that turns its party's stake in a deal across
/// zero, from below (`against` in the week with no move) or from above.
fn turned_name(against: bool) -> &'static str {
    if against {
        NOW_FOR_A_DEAL
    } else {
        NOW_AGAINST_A_DEAL
    }
}

impl Scored {
    /// The named parts of the score, as the party weighs them: where its stake in a deal on the
    /// text is below zero, the odds of a deal are the odds against one (a spoiler's sabotage
    /// read "the odds of a deal for us +0.066"); where the move turns that stake across zero, a
    /// deal now in (or against) its interest.
    pub fn terms(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        PARTS
            .iter()
            .copied()
            .zip(self.parts.iter().copied())
            .map(|(name, v)| {
                let deal = name == PARTS[1];
                let name = match (self.turned, self.odds_against) {
                    (true, against) if deal => turned_name(against),
                    (false, true) if deal => AGAINST_A_DEAL,
                    _ => name,
                };
                (name, v)
            })
    }
}

impl Scored {
    /// [`Scored::terms`] each named by which way it weighed ([`part_name`]): "more risk of war
    /// -0.005", not "less risk of war -0.005" (a tester read the second as a move calming the
    /// talks). For the tables of a move's reasons; the log keeps [`Scored::terms`].
    pub fn directed_terms(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        (self.parts.iter().enumerate())
            .map(|(k, &v)| (part_name(k, self.odds_against, self.turned, v >= 0.0), v))
    }
}

/// A party's choice for the week, with the alternatives it weighed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub party: PartyIx,
    pub policy: Policy,
    pub chosen: Scored,
    /// The best-scored alternatives, best first (the chosen move excluded).
    pub alternatives: Vec<Scored>,
    /// The rule that settled the choice before any scoring, if one did.
    #[serde(default)]
    pub settled: Option<Settled>,
}

/// A rule that settles a choice before the moves are scored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Settled {
    /// A scripted strategy (`accept`, `key:K`).
    Strategy,
    /// The last week: a text it would sign is signed.
    Deadline,
    /// The text is worth at least what it asks for this week (its aspiration).
    Worth { worth: f64, asks: f64 },
}

/// Value of a state to a party, in the first five parts of [`PARTS`], given the stand in it of
/// each party whose consent a deal needs (in the order of [`Scenario::consenting`], as
/// [`rules::predict`] leaves them).
pub fn value(s: &Scenario, st: &Negotiation, p: PartyIx, stands: &[Stand]) -> [f64; 5] {
    valued(s, st, p, stands).0
}

/// [`value`], the party's stake in a deal on the text ([`deal_stake`]), and whether the game is
/// over in `st` (a deal, or an ending without one: [`score::settled`] would say so).
fn valued(s: &Scenario, st: &Negotiation, p: PartyIx, stands: &[Stand]) -> ([f64; 5], f64, bool) {
    let party = &s.parties[p];
    let w = &s.ai;
    let negs = s.consenting.len().max(1) as f64;
    // One pass over the consenting parties: who has accepted (a signatory need not), who is
    // ready to sign (the text acceptable, trust enough), and whether it is a deal (everyone
    // accepted and would sign).
    let (mut accepted, mut ready, mut deal) = (0usize, 0.0, true);
    let mut own = None;
    let (need, focus) = (s.rules.min_trust, w.trust_focus);
    // A mediator, who cannot sign, counts a side that could not sign the text yet as ready by
    // `ai.mediator_nearness` of how near the text is to one it could (`Stand::nearness`: red
    // lines kept, worth): otherwise its advisers saw no gain in a bridge or in trust between
    // the sides until a side could sign ("+0.000" beside a bridge worth 20 points of agreement).
    let reach = match party.role {
        Role::Mediator => w.mediator_nearness,
        _ => 0.0,
    };
    for (&q, sd) in s.consenting.iter().zip(stands) {
        let acc = st.parties[q].accepted || s.parties[q].role != Role::Negotiator;
        accepted += usize::from(acc);
        // Ready as far as the text is acceptable to it and, by `ai.trust_focus`, as far as it
        // trusts the others enough to sign.
        let trusts = if need > 0.0 {
            (sd.min_trust / need).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let near = match sd.text_acceptable() {
            true => 1.0,
            false => reach * sd.nearness(),
        };
        ready += near * (1.0 - focus + focus * trusts);
        deal &= acc && sd.would_sign(s.rules.min_trust);
        if q == p {
            own = Some(*sd);
        }
    }
    // A game over without a deal (an event ended it, war, a collapse: `score::ended`) has no
    // deal to come and, at war, the whole cost of war; a deal is certain; otherwise agreement
    // and acceptances say how near one is, and every negotiator who could not sign the text
    // pushes it much further away.
    let over = score::ended(s, st);
    let p_deal = if over.is_some() {
        0.0
    } else if deal {
        1.0
    } else {
        let ready = ready / negs;
        st.agreement / 100.0 * (0.5 + 0.5 * accepted as f64 / negs) * ready * ready
    };
    let utility = own.map_or_else(|| s.utility(p, &st.draft.levels), |sd| sd.utility);
    let position = match (party.role, own) {
        (Role::Negotiator, Some(_)) => w.position * utility,
        _ => 0.0,
    };
    let stake = stake_of(s, p, utility, own);
    let span = (s.tension.war_at - s.tension.rest).max(1.0);
    let r = match over {
        Some(rules::OutcomeKind::War) => 1.0,
        _ => ((st.tension - s.tension.rest) / span).clamp(0.0, 1.0),
    };
    let parts = [
        position,
        w.deal * p_deal * stake,
        -party.personality.cautious * w.war_cost * r * r,
        w.domestic * (st.support(s, p) - 50.0) / 100.0,
        if s.capital.max > 0.0 {
            w.capital * st.parties[p].capital / s.capital.max
        } else {
            0.0
        },
    ];
    (parts, stake, deal || over.is_some())
}

/// What a deal on the text is worth to party `p`, of utility `utility` in it and (when it is a
/// party whose consent a deal needs) standing `own` toward it: a negotiator's surplus over its
/// walk-away value, a regional state's half and half its utility, a spoiler's
/// [`spoiler_stake`], the mediator's 1. Negative for a party a deal on the text hurts.
///
/// A negotiator's is measured from its walk-away value as it stands, which decides whether it
/// would sign; the end screen's quality is measured from the one as the talks opened
/// ([`crate::rules::score::opening_walk_away`]). The AI bargains by the first on purpose.
fn stake_of(s: &Scenario, p: PartyIx, utility: f64, own: Option<Stand>) -> f64 {
    match (s.parties[p].role, own) {
        (Role::Negotiator, Some(sd)) => utility - sd.reservation,
        (Role::Negotiator | Role::Mediator, _) => 1.0,
        (Role::Regional, _) => 0.5 + 0.5 * utility,
        (Role::Spoiler, _) => spoiler_stake(s, p, utility),
    }
}

/// [`stake_of`] in a state whose consenting parties stand as `stands` (in the order of
/// [`Scenario::consenting`]).
pub fn deal_stake(s: &Scenario, st: &Negotiation, p: PartyIx, stands: &[Stand]) -> f64 {
    stake_of(s, p, utility_in(s, st, p, stands), own_stand(s, p, stands))
}

/// Party `p`'s stand among `stands` (in the order of [`Scenario::consenting`]), when it is a
/// party whose consent a deal needs.
fn own_stand(s: &Scenario, p: PartyIx, stands: &[Stand]) -> Option<Stand> {
    (s.consenting.iter().zip(stands))
        .find(|(q, _)| **q == p)
        .map(|(_, sd)| *sd)
}

/// A party's hawkishness this week: its personality, raised by distrust of the other negotiators
/// (`ai.reciprocity`), so hostility breeds hostility and goodwill is returned.
pub fn hawkishness(s: &Scenario, st: &Negotiation, p: PartyIx) -> f64 {
    let base = s.parties[p].personality.hawkish;
    if s.parties[p].role != Role::Negotiator {
        return base;
    }
    let min_trust = score::min_trust(s, st, p);
    (base + s.ai.reciprocity * (50.0 - min_trust) / 100.0).clamp(0.0, 1.0)
}

/// Party `p`'s utility of the text in a state whose consenting parties stand as `stands` (in
/// the order of [`Scenario::consenting`]): its own stand's, when it has one.
fn utility_in(s: &Scenario, st: &Negotiation, p: PartyIx, stands: &[Stand]) -> f64 {
    own_stand(s, p, stands).map_or_else(|| s.utility(p, &st.draft.levels), |sd| sd.utility)
}

/// What a party's moves are measured against: the week with no move.
struct Baseline {
    value: [f64; 5],
    utility: f64,
    /// Its stake in a deal on the text is below zero.
    against: bool,
}

/// The buffers a [`Planner`] reuses, kept between weeks by the turn schedule so that choosing
/// moves allocates nothing in the steady state.
#[derive(Debug, Default)]
pub struct Workspace {
    scratch: Scratch,
    idle: Negotiation,
    idle_stands: Vec<Stand>,
    choices: Vec<Choice>,
    scored: Vec<Scored>,
    weights: Vec<f64>,
    /// The events the deck lets come the turn after, whatever their conditions (empty: all).
    live: Vec<bool>,
    /// The events that may come the turn after the week with no move, and after the move
    /// weighed ([`rules::events_open_after`]): all false after a week that ends the game;
    /// `idle_open` empty in the last week, which no turn follows.
    idle_open: Vec<bool>,
    open: Vec<bool>,
    /// The turn after, opened with an event ([`rules::predict_event`]).
    ahead: Scratch,
    /// What an event the week with no move lets come is worth to a party as it comes: (party,
    /// event, value), worked out once a planner.
    idle_ahead: Vec<(PartyIx, usize, [f64; 5])>,
}

impl Workspace {
    /// What the events a move lets come the turn after, or keeps away, are worth to party `p`
    /// in each of the first five parts of [`PARTS`]: for each event that may come after the
    /// move (the state in `scratch`, worth `v`, `over` where it ends the game) and not after
    /// the week with no move (worth `idle_v`), its chance ([`rules::event_chance_after`]) times
    /// what it changes as it comes; for each the other way round, minus the same after the
    /// week with no move. Events that
    /// may come either way are left out, as a move's card leaves them out: the AI weighs what
    /// the card marks ("risks Israeli strike … next week"). A week that ends the game lets none
    /// come: a move that ends it keeps away every event the week with no move lets come (the
    /// card marks none then). Nothing in the last week (`idle_open` is then empty).
    fn foresee(
        &mut self,
        s: &Scenario,
        p: PartyIx,
        (v, over): (&[f64; 5], bool),
        idle_v: &[f64; 5],
    ) -> [f64; 5] {
        let mut out = [0.0; 5];
        if self.idle_open.is_empty() {
            return out;
        }
        if over {
            self.open.clear();
            self.open.resize(s.events.len(), false);
        } else {
            rules::events_open_after(s, &mut self.scratch.state, &self.live, &mut self.open);
        }
        if self.open == self.idle_open {
            return out;
        }
        for e in 0..s.events.len() {
            let (w, open, base, sign) = match (self.open[e], self.idle_open[e]) {
                (true, false) => {
                    rules::predict_event(s, &self.scratch.state, e, &mut self.ahead);
                    let w = value(s, &self.ahead.state, p, &self.ahead.stands);
                    (w, &self.open, v, 1.0)
                }
                (false, true) => {
                    let known = self.idle_ahead.iter().find(|x| (x.0, x.1) == (p, e));
                    let w = match known {
                        Some(x) => x.2,
                        None => {
                            rules::predict_event(s, &self.idle, e, &mut self.ahead);
                            let w = value(s, &self.ahead.state, p, &self.ahead.stands);
                            self.idle_ahead.push((p, e, w));
                            w
                        }
                    };
                    (w, &self.idle_open, idle_v, -1.0)
                }
                _ => continue,
            };
            let chance = rules::event_chance_after(s, open, e);
            for k in 0..5 {
                out[k] += sign * chance * (w[k] - base[k]);
            }
        }
        out
    }
}

/// Scores the moves of any party against one state: the week with no move is predicted once,
/// and every option is predicted into reused buffers.
pub struct Planner<'a> {
    s: &'a Scenario,
    st: &'a Negotiation,
    ws: Workspace,
    /// Leave out the alternatives of each decision (bulk simulation reads only the choice).
    brief: bool,
}

impl<'a> Planner<'a> {
    /// A planner that takes every event as one the deck lets come the turn after (whatever
    /// their conditions; [`Planner::with`] says which the deck lets come).
    pub fn new(s: &'a Scenario, st: &'a Negotiation) -> Self {
        Self::with(s, st, Workspace::default(), &[])
    }

    /// A planner that reuses the buffers of an earlier one, with `live[e]` false for each event
    /// `e` the deck keeps from coming the turn after whatever its conditions (a cooldown, a
    /// `once` event that has come; empty: none): what the AI foresees of the events its moves
    /// let come or keep away ([`Workspace::foresee`]).
    pub fn with(s: &'a Scenario, st: &'a Negotiation, mut ws: Workspace, live: &[bool]) -> Self {
        rules::predict_idle(s, st, &mut ws.scratch);
        ws.idle.clone_from(&ws.scratch.state);
        ws.idle_stands.clone_from(&ws.scratch.stands);
        ws.live.clear();
        ws.live.extend_from_slice(live);
        ws.idle_open.clear();
        ws.idle_ahead.clear();
        // The turn after comes unless this is the last; a week with no move that ends the game
        // lets no event come.
        if st.week < s.weeks {
            if score::settled(s, &ws.idle).is_some() {
                ws.idle_open.resize(s.events.len(), false);
            } else {
                rules::events_open_after(s, &mut ws.idle, live, &mut ws.idle_open);
            }
        }
        Self {
            s,
            st,
            ws,
            brief: false,
        }
    }

    /// Decisions without their alternatives, for bulk simulation: the choices are the same.
    pub fn brief(mut self) -> Self {
        self.brief = true;
        self
    }

    /// Gives the buffers back for the next planner.
    pub fn into_workspace(self) -> Workspace {
        self.ws
    }

    /// The week with no move for party `p`: its value, and the party's utility of the text.
    fn idle(&self, p: PartyIx) -> Baseline {
        let (s, ws) = (self.s, &self.ws);
        Baseline {
            value: value(s, &ws.idle, p, &ws.idle_stands),
            utility: utility_in(s, &ws.idle, p, &ws.idle_stands),
            against: deal_stake(s, &ws.idle, p, &ws.idle_stands) < 0.0,
        }
    }

    /// Scores one legal choice of party `p` with hawkishness `h`.
    fn score_with(&mut self, p: PartyIx, c: Choice, idle: &Baseline, h: f64) -> Scored {
        let s = self.s;
        let ws = &mut self.ws;
        rules::predict(s, self.st, &Act::of_move(p, c), &mut ws.scratch);
        let (v, stake, over) = valued(s, &ws.scratch.state, p, &ws.scratch.stands);
        let before = &idle.value;
        let ahead = ws.foresee(s, p, (&v, over), before);
        let after = &ws.scratch.state;
        let taste = match s.moves[c.mv].tone {
            Tone::Hawkish => 2.0 * (h - 0.5),
            Tone::Conciliatory => 2.0 * (0.5 - h),
            Tone::Neutral => 0.0,
        };
        let parts = [
            v[0] - before[0] + ahead[0],
            v[1] - before[1] + ahead[1],
            v[2] - before[2] + ahead[2],
            v[3] - before[3] + ahead[3],
            v[4] - before[4] + ahead[4],
            s.ai.tone * taste,
        ];
        Scored {
            choice: c,
            score: parts.iter().sum(),
            parts,
            foreseen: ahead.iter().sum(),
            d_tension: after.tension - ws.idle.tension,
            d_agreement: after.agreement - ws.idle.agreement,
            d_utility: utility_in(s, after, p, &ws.scratch.stands) - idle.utility,
            odds_against: idle.against,
            turned: (stake < 0.0) != idle.against,
        }
    }

    /// Every legal choice of a party, scored, in catalogue order.
    pub fn score_all(&mut self, p: PartyIx) -> Vec<Scored> {
        let h = hawkishness(self.s, self.st, p);
        let mut out = Vec::new();
        self.score_into(p, h, |_| true, &mut out);
        out
    }

    /// The legal choices of `p` that pass `keep`, scored, into `out` (cleared first).
    fn score_into(
        &mut self,
        p: PartyIx,
        h: f64,
        keep: impl Fn(&Choice) -> bool,
        out: &mut Vec<Scored>,
    ) {
        out.clear();
        let idle = self.idle(p);
        let mut choices = std::mem::take(&mut self.ws.choices);
        rules::legal_choices_into(self.s, self.st, p, &mut choices);
        choices.retain(keep);
        for &c in &choices {
            let sc = self.score_with(p, c, &idle, h);
            out.push(sc);
        }
        self.ws.choices = choices;
    }

    /// The first legal choice of `p` (in catalogue order) whose move passes `keep`.
    fn first_legal(&mut self, p: PartyIx, keep: impl Fn(usize) -> bool) -> Option<Choice> {
        let mut choices = std::mem::take(&mut self.ws.choices);
        rules::legal_choices_where(self.s, self.st, p, keep, &mut choices);
        let pick = choices.first().copied();
        self.ws.choices = choices;
        pick
    }

    /// One choice, scored (the player's "why" and tests).
    pub fn score_one(&mut self, p: PartyIx, c: Choice) -> Scored {
        let idle = self.idle(p);
        let h = hawkishness(self.s, self.st, p);
        self.score_with(p, c, &idle, h)
    }

    /// Picks a move for a party that nobody controls.
    pub fn choose(&mut self, p: PartyIx, policy: Policy, rng: &mut GameRng) -> Option<Decision> {
        let s = self.s;
        let st = self.st;
        let accepts = |mx: usize| s.derived.moves[mx].accepts;
        let last_week = st.week >= s.weeks;
        // The AI's bargaining: what the text is worth to it against what it asks for now.
        let bargaining = policy == Policy::Ai && s.parties[p].role == Role::Negotiator;
        let (worth, asks) = if bargaining {
            bargain(s, st, p)
        } else {
            (0.0, 0.0)
        };
        let settle = |why: Settled, c: Option<Choice>| c.map(|c| (why, c));
        // The fixed strategies (accept when they may; a single key), and the rules that settle
        // the AI's choice before any scoring: in the last week a text it would sign is signed
        // (no deal means a stalemate); a text worth what it asks for is accepted.
        let fixed = match policy {
            Policy::Accept | Policy::DoveAccept => {
                Some(settle(Settled::Strategy, self.first_legal(p, accepts)))
            }
            Policy::Key(k) => Some(settle(
                Settled::Strategy,
                self.first_legal(p, |mx| {
                    s.moves[mx].key.is_some_and(|m| m.eq_ignore_ascii_case(&k))
                }),
            )),
            Policy::Ai | Policy::Dove | Policy::Hawk if last_week && !st.parties[p].accepted => {
                settle(Settled::Deadline, self.first_legal(p, accepts)).map(Some)
            }
            Policy::Ai if bargaining && !st.parties[p].accepted && worth_accepting(worth, asks) => {
                settle(Settled::Worth { worth, asks }, self.first_legal(p, accepts)).map(Some)
            }
            _ => None,
        };
        match (fixed, policy) {
            (Some(Some((why, c))), _) => {
                return Some(Decision {
                    party: p,
                    policy,
                    chosen: self.score_one(p, c),
                    alternatives: Vec::new(),
                    settled: Some(why),
                });
            }
            (Some(None), Policy::DoveAccept) => {}
            (Some(None), _) => return None,
            (None, _) => {}
        }
        if policy == Policy::Random {
            // Any legal move, uniformly: only the one picked is scored (for its explanation).
            let mut choices = std::mem::take(&mut self.ws.choices);
            rules::legal_choices_into(s, self.st, p, &mut choices);
            let pick = (!choices.is_empty()).then(|| choices[rng.below(choices.len())]);
            self.ws.choices = choices;
            return pick.map(|c| Decision {
                party: p,
                policy,
                chosen: self.score_one(p, c),
                alternatives: Vec::new(),
                settled: None,
            });
        }
        let mut scored = std::mem::take(&mut self.ws.scored);
        let h = hawkishness(s, self.st, p);
        // A scripted dove never makes a hawkish move and scores as a pure dove; a scripted hawk
        // never makes a conciliatory one (but will sign) and scores as a pure hawk. Either plays
        // as the AI does when the legal moves leave it nothing else.
        match policy {
            Policy::Dove | Policy::DoveAccept | Policy::Hawk => {
                let (h, banned) = if policy != Policy::Hawk {
                    (0.0, Tone::Hawkish)
                } else {
                    (1.0, Tone::Conciliatory)
                };
                let allowed = |c: &Choice| {
                    let m = &s.moves[c.mv];
                    m.tone != banned || m.effects.contains(&Effect::Accept)
                };
                self.score_into(p, h, allowed, &mut scored);
                if scored.is_empty() {
                    self.score_into(p, h, |_| true, &mut scored);
                }
            }
            Policy::Ai if bargaining => {
                // It accepts only a text worth what it asks for (settled above); while its
                // acceptance of a text it would sign stands it does not change the text itself;
                // and it does not keep pulling a contested clause its own way (`holds_back`).
                let standing =
                    st.parties[p].accepted && rules::stand(s, st, p).would_sign(s.rules.min_trust);
                let allowed = |c: &Choice| {
                    let t = s.derived.moves[c.mv];
                    !(t.accepts || standing && t.redrafts || holds_back(s, st, c))
                };
                // Nothing else to do: it waits for the others' answer.
                self.score_into(p, h, allowed, &mut scored);
            }
            Policy::Ai if s.parties[p].role == Role::Mediator => {
                // A mediator leaves alone a text that every party whose consent a deal needs
                // would sign: the deal waits only for their acceptances.
                let ready = s
                    .consenting
                    .iter()
                    .all(|&q| rules::stand(s, st, q).would_sign(s.rules.min_trust));
                self.score_into(
                    p,
                    h,
                    |c: &Choice| !(ready && s.derived.moves[c.mv].redrafts),
                    &mut scored,
                );
            }
            _ => self.score_into(p, h, |_| true, &mut scored),
        }
        let decision = (!scored.is_empty()).then(|| {
            let pick = softmax_pick(s, p, &scored, rng, &mut self.ws.weights);
            let chosen = scored.swap_remove(pick);
            Decision {
                party: p,
                policy,
                chosen,
                alternatives: if self.brief {
                    Vec::new()
                } else {
                    best_three(&mut scored)
                },
                settled: None,
            }
        });
        self.ws.scored = scored;
        decision
    }
}

/// What an AI negotiator bargains by this turn (`st` as it opens): what the text is worth to it,
/// and what it asks for ([`rules::bargain::aspiration`]).
pub fn bargain(s: &Scenario, st: &Negotiation, p: PartyIx) -> (f64, f64) {
    (
        s.utility(p, &st.draft.levels),
        rules::bargain::aspiration(s, st, p),
    )
}

/// Whether a text worth `worth` to an AI negotiator that asks for `asks` is one it accepts.
fn worth_accepting(worth: f64, asks: f64) -> bool {
    worth >= asks - 1e-9
}

/// Whether party `p`, played by the AI by its own judgement (policy `ai`), leaves the text alone
/// this turn (`st` as it opens), by the rules [`Planner::choose`] settles and filters its choice
/// by: a negotiator standing by its acceptance of a text it would sign changes nothing of it,
/// and one that accepts this turn (a text worth what it asks for, or any it would sign in the
/// last turn) makes no other move; the mediator leaves alone a text every party whose consent a
/// deal needs would sign. The notes on who may change the text after the player leave such a
/// party out (a note warned that a side standing by its acceptance could change the text).
pub fn leaves_text(s: &Scenario, st: &Negotiation, p: PartyIx) -> bool {
    let min = s.rules.min_trust;
    match s.parties[p].role {
        Role::Negotiator => {
            let accepted = st.parties[p].accepted;
            let standing = accepted && rules::stand(s, st, p).would_sign(min);
            // It plays its first legal accept (as `choose` does), which must not change the text
            // itself (a scenario may pair `Accept` with a clause).
            let accepts_now = !accepted && {
                let (worth, asks) = bargain(s, st, p);
                (st.week >= s.weeks || worth_accepting(worth, asks)) && {
                    let mut accepts = Vec::new();
                    let accept = |mx: usize| s.derived.moves[mx].accepts;
                    rules::legal_choices_where(s, st, p, accept, &mut accepts);
                    (accepts.first()).is_some_and(|c| !s.derived.moves[c.mv].redrafts)
                }
            };
            standing || accepts_now
        }
        Role::Mediator => (s.consenting.iter()).all(|&q| rules::stand(s, st, q).would_sign(min)),
        _ => false,
    }
}

/// Whether an AI negotiator (policy `ai`) that would sign the text but has not accepted it holds
/// out for more this turn (`st` as it opens): before the last turn it accepts only a text worth
/// what it asks for, the test [`Planner::choose`] settles its choice by; in the last turn it
/// signs any text it would sign. What the answers to "would you sign?" add for such a party (a
/// play-tester accepted a text the other side "would sign", and it pulled the text its way).
pub fn holds_out(s: &Scenario, st: &Negotiation, p: PartyIx) -> bool {
    s.parties[p].role == Role::Negotiator
        && !st.parties[p].accepted
        && st.week < s.weeks
        && rules::stand(s, st, p).would_sign(s.rules.min_trust)
        && {
            let (worth, asks) = bargain(s, st, p);
            !worth_accepting(worth, asks)
        }
}

/// The weeks an AI negotiator still leaves contested clause `i` alone: `ai.patience` less the
/// weeks it has stood since the change that contested it; 0 when it is not contested.
pub fn patience_left(s: &Scenario, d: &rules::Draft, i: IssueIx) -> u32 {
    if d.is_contested(i) {
        s.ai.patience.saturating_sub(d.unchanged[i])
    } else {
        0
    }
}

/// Whether an AI negotiator holds back from choice `c` because it would pull a contested clause
/// its own way (`Draft(Actor)`) while [`patience_left`] is above 0: the clause is left to a
/// concession, a bridge or a full text.
pub fn holds_back(s: &Scenario, st: &Negotiation, c: &Choice) -> bool {
    s.derived.moves[c.mv].pushes && c.issue.is_some_and(|i| patience_left(s, &st.draft, i) > 0)
}

/// The three best-scored of `scored` (reordered in place), best first; ties by choice.
fn best_three(scored: &mut [Scored]) -> Vec<Scored> {
    let order = |a: &Scored, b: &Scored| b.score.total_cmp(&a.score).then(a.choice.cmp(&b.choice));
    if scored.len() > 3 {
        scored.select_nth_unstable_by(2, order);
    }
    let n = scored.len().min(3);
    let top = &mut scored[..n];
    top.sort_by(order);
    top.to_vec()
}

/// Draws a move with probability ∝ exp(score / temperature).
fn softmax_pick(
    s: &Scenario,
    p: PartyIx,
    scored: &[Scored],
    rng: &mut GameRng,
    weights: &mut Vec<f64>,
) -> usize {
    let t = (s.parties[p].personality.temperature * s.ai.temperature).max(1e-6);
    let max = scored
        .iter()
        .map(|x| x.score)
        .fold(f64::NEG_INFINITY, f64::max);
    weights.clear();
    weights.extend(scored.iter().map(|x| libm::exp((x.score - max) / t)));
    rng.weighted(weights)
}

/// One line that explains a decision: the move, its score, its largest reasons, and the best
/// alternative (saying so when chance picked a move that scored lower).
pub fn explain(s: &Scenario, d: &Decision) -> String {
    explain_for(s, d, true)
}

/// [`explain`] as another party hears it: unless `exact` (it knows the party's priorities), the
/// reasons are named without their numbers, and so is the score, which come from what the
/// party hides.
pub fn explain_for(s: &Scenario, d: &Decision, exact: bool) -> String {
    if !exact {
        // The two largest parts, each named as the way it weighed (a tester read "less risk of
        // war" among the reasons for a move that raised tension).
        let mut order: Vec<usize> = (0..PARTS.len())
            .filter(|&k| d.chosen.parts[k].abs() >= 0.0005)
            .collect();
        order.sort_by(|&a, &b| d.chosen.parts[b].abs().total_cmp(&d.chosen.parts[a].abs()));
        order.truncate(2);
        let side = |up: bool| -> Vec<&str> {
            (order.iter())
                .filter(|&&k| (d.chosen.parts[k] > 0.0) == up)
                .map(|&k| part_name(k, d.chosen.odds_against, d.chosen.turned, up))
                .collect()
        };
        let (pros, cons) = (side(true), side(false));
        let why = match (pros.is_empty(), cons.is_empty()) {
            _ if d.settled.is_some() => String::new(),
            (true, true) => String::new(),
            (false, true) => format!(" (in its favour: {})", pros.join(", ")),
            (true, false) => format!(" (against it: {})", cons.join(", ")),
            (false, false) => format!(
                " (in its favour: {}; against it: {})",
                pros.join(", "),
                cons.join(", ")
            ),
        };
        let policy = if d.policy == Policy::Ai {
            String::new()
        } else {
            format!(" [{}]", d.policy)
        };
        return format!(
            "{}{policy}: {}{why}",
            s.parties[d.party].name,
            choice_label(s, &d.chosen.choice),
        );
    }
    let mut terms: Vec<(&str, f64)> = d.chosen.terms().filter(|t| t.1.abs() >= 0.0005).collect();
    terms.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let why: Vec<String> = terms
        .iter()
        .take(3)
        .map(|(l, v)| format!("{l} {v:+.3}"))
        .collect();
    let alt = d
        .alternatives
        .first()
        .map(|a| {
            // Scores are shown to three decimals: scores that read the same are a tie.
            let shown = |x: f64| (x * 1000.0).round();
            let lead = if shown(a.score) > shown(d.chosen.score) {
                "picked by chance over the better-scored"
            } else {
                "next best:"
            };
            format!("; {lead} {} ({:+.3})", choice_label(s, &a.choice), a.score)
        })
        .unwrap_or_default();
    let policy = if d.policy == Policy::Ai {
        String::new()
    } else {
        format!(" [{}]", d.policy)
    };
    let rule = match d.settled {
        Some(Settled::Deadline) => {
            return format!(
                "{}{policy}: {}: time is up, and we would sign this text",
                s.parties[d.party].name,
                choice_label(s, &d.chosen.choice)
            );
        }
        // The numbers are the party's own hidden ones: the explanation does not give them.
        Some(Settled::Worth { .. }) => {
            return format!(
                "{}{policy}: {}: the text is worth what we ask for this {}",
                s.parties[d.party].name,
                choice_label(s, &d.chosen.choice),
                s.turn.one
            );
        }
        Some(Settled::Strategy) => " (its fixed strategy)",
        None => "",
    };
    format!(
        "{}{}: {}{rule} (score {:+.3}: {}){}",
        s.parties[d.party].name,
        policy,
        choice_label(s, &d.chosen.choice),
        d.chosen.score,
        if why.is_empty() {
            "no effect on our prospects".to_string()
        } else {
            why.join(", ")
        },
        alt
    )
}

/// "Propose an amendment: Missile programme" and the like.
pub fn choice_label(s: &Scenario, c: &Choice) -> String {
    let m = &s.moves[c.mv];
    match (c.party, c.issue) {
        (Some(p), _) => format!("{} → {}", m.name, s.parties[p].name),
        (_, Some(i)) => format!("{}: {}", m.name, s.issues[i].name),
        _ => m.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Ending;
    use crate::testkit::{geneva, wander};

    /// A party the AI plays that [`leaves_text`] says leaves the text alone never picks a move
    /// that changes it, whatever the draw; and such states come up.
    #[test]
    fn a_party_said_to_leave_the_text_alone_does() {
        let s = geneva();
        let mut told = 0;
        for seed in 0..300 {
            let mut st = rules::opened(&wander(&s, seed, (seed % 13) as u32));
            // Acceptances, to see the negotiators standing by them.
            if seed % 2 == 0 {
                for &q in &s.negotiators {
                    st.parties[q].accepted = rules::stand(&s, &st, q).would_sign(s.rules.min_trust);
                }
            }
            for p in 0..s.parties.len() {
                if !leaves_text(&s, &st, p) {
                    continue;
                }
                told += 1;
                for draw in 0..6 {
                    let d = Planner::new(&s, &st).choose(p, Policy::Ai, &mut GameRng::new(draw));
                    if let Some(d) = d {
                        let mv = d.chosen.choice.mv;
                        assert!(
                            !s.derived.moves[mv].redrafts,
                            "seed {seed}: {} plays {}",
                            s.parties[p].id, s.moves[mv].id
                        );
                    }
                }
            }
        }
        assert!(told > 10, "{told}");
    }

    /// Before either side could sign the text, a mediator's advisers still see a deal come
    /// nearer (a tester's advisers ranked a call for restraint above every bridge and every
    /// move for trust, their odds of a deal "+0.000"): a move that leaves every side's text at
    /// least as near (red lines kept, worth) and its trust in the other side no lower, and
    /// raises agreement, raises the mediator's odds of a deal; a negotiator's odds in the same
    /// state, where it could not sign either way, stay at nothing.
    #[test]
    fn a_mediator_sees_a_deal_come_nearer_before_either_side_could_sign() {
        let s = geneva();
        let med = (0..s.parties.len())
            .find(|&p| s.parties[p].role == Role::Mediator)
            .unwrap();
        let unready = |t: &Negotiation| {
            (s.consenting.iter()).all(|&q| !rules::stand(&s, t, q).text_acceptable())
        };
        let (mut rose, mut still) = (0, 0);
        for seed in 0..40 {
            let st = rules::opened(&wander(&s, seed, (seed % 9) as u32));
            let mut scratch = Scratch::default();
            let idle = rules::predict_idle(&s, &st, &mut scratch).clone();
            if !unready(&idle) {
                continue;
            }
            let mut planner = Planner::new(&s, &st);
            for sc in planner.score_all(med) {
                let after = rules::predict(&s, &st, &Act::of_move(med, sc.choice), &mut scratch);
                let nearer = s.consenting.iter().all(|&q| {
                    let (a, b) = (rules::stand(&s, after, q), rules::stand(&s, &idle, q));
                    a.nearness() >= b.nearness() - 1e-12 && a.min_trust >= b.min_trust - 1e-12
                });
                let accepted = |t: &Negotiation| -> Vec<bool> {
                    (s.consenting.iter())
                        .map(|&q| t.parties[q].accepted)
                        .collect()
                };
                if nearer && sc.d_agreement > 0.05 && accepted(after) == accepted(&idle) {
                    assert!(sc.parts[1] > 0.0, "seed {seed}: {sc:?}");
                    rose += 1;
                }
            }
            for &q in &s.negotiators {
                for sc in planner.score_all(q) {
                    let after = rules::predict(&s, &st, &Act::of_move(q, sc.choice), &mut scratch);
                    if unready(after) {
                        assert_eq!(sc.parts[1], 0.0, "seed {seed}: {sc:?}");
                        still += 1;
                    }
                }
            }
        }
        assert!(rose > 20 && still > 20, "{rose} {still}");
    }

    /// A game over without a deal has no odds of one, and a war the whole cost of war: the value
    /// of a state an event ended (a reviewer found an event whose only effect ends the talks
    /// worth next to nothing to the AI, though its card marks it as a risk).
    #[test]
    fn a_game_over_without_a_deal_has_no_odds_of_one_and_a_war_its_whole_cost() {
        let s = geneva();
        let mut moved = 0;
        for seed in 0..10 {
            let st = rules::predict_idle(&s, &wander(&s, seed, 3), &mut Scratch::default()).clone();
            let stands: Vec<Stand> = (s.consenting.iter())
                .map(|&q| rules::stand(&s, &st, q))
                .collect();
            for p in (0..s.parties.len()).filter(|&p| s.parties[p].role.playable()) {
                let v = value(&s, &st, p, &stands);
                let at = |end| {
                    let mut over = st.clone();
                    over.ended = Some((end, 0));
                    value(&s, &over, p, &stands)
                };
                let (collapse, war) = (at(Ending::Collapse), at(Ending::War));
                assert_eq!((collapse[1], war[1]), (0.0, 0.0), "seed {seed}");
                assert_eq!(collapse[2], v[2]);
                let whole = -s.parties[p].personality.cautious * s.ai.war_cost;
                assert!((war[2] - whole).abs() < 1e-12, "seed {seed}: {war:?}");
                assert_eq!([collapse[0], collapse[3], collapse[4]], [v[0], v[3], v[4]]);
                moved += usize::from(v[1].abs() > 1e-6);
            }
        }
        assert!(moved > 5, "{moved}");
    }

    /// A move's reasons in a table are named by which way each weighed, with the values of
    /// [`Scored::terms`]: a move raising the risk of war weighs "more risk of war" below zero,
    /// one easing it "less risk of war" above.
    #[test]
    fn the_reasons_of_a_table_are_named_by_which_way_they_weighed() {
        let s = geneva();
        let (mut more, mut less) = (0, 0);
        for seed in 0..10 {
            let st = rules::opened(&wander(&s, seed, (seed % 7) as u32));
            let mut planner = Planner::new(&s, &st);
            for p in 0..s.parties.len() {
                for sc in planner.score_all(p) {
                    let directed: Vec<(&str, f64)> = sc.directed_terms().collect();
                    let plain: Vec<f64> = sc.terms().map(|t| t.1).collect();
                    assert_eq!(directed.iter().map(|t| t.1).collect::<Vec<_>>(), plain);
                    let (war, v) = directed[2];
                    match v {
                        v if v < 0.0 => {
                            assert_eq!(war, "more risk of war");
                            more += 1;
                        }
                        v if v > 0.0 => {
                            assert_eq!(war, "less risk of war");
                            less += 1;
                        }
                        _ => {}
                    }
                    let (capital, v) = directed[4];
                    assert_eq!(
                        capital == "political capital spent",
                        v < 0.0,
                        "{capital} {v}"
                    );
                }
            }
        }
        assert!(more > 0 && less > 0, "{more} {less}");
    }

    #[test]
    fn a_score_is_the_sum_of_its_parts_and_its_effects_are_the_predicted_week() {
        let s = geneva();
        let mut scratch = Scratch::default();
        let mut foreseen = 0;
        for seed in 0..15 {
            let st = rules::opened(&wander(&s, seed, (seed % 7) as u32));
            let idle = rules::predict_idle(&s, &st, &mut scratch).clone();
            let mut planner = Planner::new(&s, &st);
            for p in 0..s.parties.len() {
                let all = planner.score_all(p);
                assert_eq!(
                    all.iter().map(|x| x.choice).collect::<Vec<_>>(),
                    rules::legal_choices(&s, &st, p),
                    "the AI weighs exactly the legal moves"
                );
                for sc in &all {
                    let sum: f64 = sc.parts.iter().sum();
                    assert!((sum - sc.score).abs() < 1e-12);
                    let after = rules::predict(&s, &st, &Act::of_move(p, sc.choice), &mut scratch);
                    assert!((sc.d_tension - (after.tension - idle.tension)).abs() < 1e-12);
                    assert!((sc.d_agreement - (after.agreement - idle.agreement)).abs() < 1e-12);
                    let d_utility =
                        s.utility(p, &after.draft.levels) - s.utility(p, &idle.draft.levels);
                    assert_eq!(sc.d_utility.to_bits(), d_utility.to_bits());
                    let stands = |x: &Negotiation| -> Vec<Stand> {
                        s.consenting
                            .iter()
                            .map(|&q| rules::stand(&s, x, q))
                            .collect()
                    };
                    let before = value(&s, &idle, p, &stands(&idle));
                    let v = value(&s, after, p, &stands(after));
                    // Each part is the predicted week's change of value, and the events of
                    // the turn after it lets come or keeps away (`foreseen`, all of them).
                    let ahead: f64 = (0..5).map(|k| sc.parts[k] - (v[k] - before[k])).sum();
                    assert!((ahead - sc.foreseen).abs() < 1e-9, "{sc:?}");
                    // Those events as the docs count them, worked out afresh: each that may
                    // come after one week and not the other, by its chance, what it changes as
                    // it comes (none after a week that ends the game).
                    let after = after.clone();
                    let open = |x: &Negotiation| -> Vec<bool> {
                        let mut out = vec![false; s.events.len()];
                        if rules::score::settled(&s, x).is_none() {
                            rules::events_open_after(&s, &mut x.clone(), &[], &mut out);
                        }
                        out
                    };
                    let (o_after, o_idle) = (open(&after), open(&idle));
                    let mut expected = 0.0;
                    for e in (0..s.events.len()).filter(|&e| o_after[e] != o_idle[e]) {
                        let (from, o, base, sign) = match o_after[e] {
                            true => (&after, &o_after, &v, 1.0),
                            false => (&idle, &o_idle, &before, -1.0),
                        };
                        let chance = rules::event_chance_after(&s, o, e);
                        let came = rules::predict_event(&s, from, e, &mut scratch).clone();
                        let w = value(&s, &came, p, &stands(&came));
                        expected += sign * chance * (0..5).map(|k| w[k] - base[k]).sum::<f64>();
                    }
                    let expected = if st.week < s.weeks { expected } else { 0.0 };
                    assert!((expected - sc.foreseen).abs() < 1e-9, "{expected} {sc:?}");
                    if sc.foreseen == 0.0 {
                        assert!((0..5).all(|k| (sc.parts[k] - (v[k] - before[k])).abs() < 1e-12));
                    }
                    foreseen += usize::from(sc.foreseen != 0.0);
                    assert_eq!(planner.score_one(p, sc.choice), *sc);
                }
            }
        }
        assert!(
            foreseen > 5,
            "some moves let an event come or keep one away: {foreseen}"
        );
    }

    #[test]
    fn a_dove_never_plays_a_hawkish_move_and_a_hawk_never_a_conciliatory_one_but_accept() {
        let s = geneva();
        let mut rng = GameRng::new(3);
        for seed in 0..25 {
            let st = rules::opened(&wander(&s, seed, (seed % 8) as u32));
            let mut planner = Planner::new(&s, &st);
            for &p in &s.negotiators {
                // Each keeps to its line whenever the legal moves leave it one.
                let legal = rules::legal_choices(&s, &st, p);
                let dovish = |m: &crate::scenario::Move| m.tone != Tone::Hawkish;
                let hawkish = |m: &crate::scenario::Move| {
                    m.tone != Tone::Conciliatory || m.effects.contains(&Effect::Accept)
                };
                if let Some(d) = planner.choose(p, Policy::Dove, &mut rng) {
                    let can = legal.iter().any(|c| dovish(&s.moves[c.mv]));
                    assert!(!can || dovish(&s.moves[d.chosen.choice.mv]));
                }
                if let Some(d) = planner.choose(p, Policy::Hawk, &mut rng) {
                    let can = legal.iter().any(|c| hawkish(&s.moves[c.mv]));
                    assert!(!can || hawkish(&s.moves[d.chosen.choice.mv]));
                }
            }
        }
    }

    #[test]
    fn explanations_name_the_move_its_reasons_and_a_better_scored_alternative() {
        let s = geneva();
        let st = rules::opened(&rules::Negotiation::start(&s));
        let mut planner = Planner::new(&s, &st);
        let iran = s.party_ix("iran").expect("Iran negotiates");
        let mut all = planner.score_all(iran);
        all.sort_by(|a, b| b.score.total_cmp(&a.score));
        let worst = all.pop().expect("Iran has moves");
        let d = Decision {
            party: iran,
            policy: Policy::Ai,
            chosen: worst.clone(),
            alternatives: all.iter().take(3).cloned().collect(),
            settled: None,
        };
        let text = explain(&s, &d);
        assert!(text.contains(&choice_label(&s, &worst.choice)), "{text}");
        assert!(
            text.contains("picked by chance over the better-scored"),
            "{text}"
        );
        assert!(text.contains(&choice_label(&s, &all[0].choice)), "{text}");
        let best = Decision {
            party: iran,
            policy: Policy::Ai,
            chosen: all[0].clone(),
            alternatives: all[1..].iter().take(3).cloned().collect(),
            settled: None,
        };
        assert!(explain(&s, &best).contains("next best"));
    }

    /// Told without numbers (the party's priorities are hidden), the two reasons that weighed
    /// most say which way each weighed: a move that raised the risk of war listed "less risk of
    /// war" among its reasons.
    #[test]
    fn reasons_told_without_numbers_say_which_way_they_weighed() {
        let s = geneva();
        let st = rules::opened(&rules::Negotiation::start(&s));
        let us = s.party_ix("united_states").expect("the US negotiates");
        let mut d = Planner::new(&s, &st)
            .choose(us, Policy::Ai, &mut GameRng::new(2))
            .expect("the US moves");
        d.settled = None;
        let label = choice_label(&s, &d.chosen.choice);
        d.chosen.turned = false;
        let mut said = |parts: [f64; 6]| {
            d.chosen.parts = parts;
            d.chosen.odds_against = false;
            explain_for(&s, &d, false)
        };
        assert_eq!(
            said([0.0, 0.1, -0.2, 0.0, 0.0, 0.01]),
            format!(
                "United States: {label} (in its favour: the odds of a deal for us; against it: \
                 more risk of war)"
            )
        );
        assert_eq!(
            said([0.3, 0.0, 0.0, 0.0, 0.02, 0.01]),
            format!(
                "United States: {label} (in its favour: draft in our favour, political \
                 capital)"
            )
        );
        assert_eq!(
            said([0.0, 0.0, -0.01, 0.0, -0.02, 0.0]),
            format!(
                "United States: {label} (against it: political capital spent, more risk of \
                 war)"
            )
        );
        assert_eq!(said([0.0; 6]), format!("United States: {label}"));
        // A party a deal would hurt: the odds against a deal, and better odds of one against it.
        d.chosen.odds_against = true;
        d.chosen.parts = [0.0, -0.1, 0.0, 0.0, 0.05, 0.0];
        assert_eq!(
            explain_for(&s, &d, false),
            format!(
                "United States: {label} (in its favour: political capital; against it: better \
                 odds of a deal)"
            )
        );
        d.chosen.parts = [0.0, 0.1, 0.0, 0.0, 0.0, 0.0];
        assert_eq!(
            explain_for(&s, &d, false),
            format!("United States: {label} (in its favour: the odds against a deal)")
        );
        // A move that turns its stake up (a text it wants, where it was against the text).
        d.chosen.turned = true;
        assert_eq!(
            explain_for(&s, &d, false),
            format!("United States: {label} (in its favour: a deal now in our interest)")
        );
        (d.chosen.odds_against, d.chosen.parts[1]) = (false, -0.1);
        assert_eq!(
            explain_for(&s, &d, false),
            format!("United States: {label} (against it: a deal now against our interest)")
        );
    }

    /// A party whose stake in a deal on the text is below zero gains as the odds of a deal fall,
    /// and its reasons say so: Geneva's Israel read "the odds of a deal for us +0.066" for a
    /// sabotage. The name follows the stake in the week with no move, for every party: Israel
    /// (spoiler 0.8) always, a milder spoiler (0.3) only on a text it dislikes, a negotiator on a
    /// text below its walk-away value.
    #[test]
    fn a_party_a_deal_would_hurt_weighs_the_odds_against_a_deal() {
        let s = geneva();
        let israel = s.party_ix("israel").expect("Israel spoils");
        let mut mild = (*s).clone();
        mild.parties[israel].personality.spoiler = 0.3;
        let mild = std::sync::Arc::new(mild);
        let (mut against, mut not, mut found) = (0, 0, false);
        let mut turned = [0, 0];
        for (k, sc) in [&s, &mild].into_iter().enumerate() {
            for seed in 0..40 {
                let st = rules::opened(&wander(sc, seed, (seed % 8) as u32));
                let mut scratch = rules::Scratch::default();
                rules::predict_idle(sc, &st, &mut scratch);
                let mut planner = Planner::new(sc, &st);
                for p in 0..sc.parties.len() {
                    let below = deal_stake(sc, &scratch.state, p, &scratch.stands) < 0.0;
                    if k == 0 && p == israel {
                        assert!(below, "every text hurts Israel");
                    }
                    if k == 1 && p == israel {
                        against += usize::from(below);
                        not += usize::from(!below);
                    }
                    for m in planner.score_all(p) {
                        assert_eq!(m.odds_against, below);
                        // Whether the move turns the stake across zero, from its own prediction.
                        let act = rules::Act::of_move(p, m.choice);
                        let after = rules::predict(sc, &st, &act, &mut scratch).clone();
                        let now = deal_stake(sc, &after, p, &scratch.stands) < 0.0;
                        rules::predict_idle(sc, &st, &mut scratch);
                        assert_eq!(m.turned, now != below);
                        let name = m.terms().nth(1).expect("six parts").0;
                        let expected = match (m.turned, below) {
                            (true, true) => NOW_FOR_A_DEAL,
                            (true, false) => NOW_AGAINST_A_DEAL,
                            (false, true) => AGAINST_A_DEAL,
                            (false, false) => PARTS[1],
                        };
                        assert_eq!(name, expected);
                        // A turn up weighs only in the party's favour, a turn down only against.
                        if m.turned {
                            let (v, up) = (m.parts[1], below);
                            assert!(if up { v >= 0.0 } else { v <= 0.0 }, "{name} {v}");
                            turned[usize::from(up)] += 1;
                        }
                        // Its moves against a deal score there as a gain, and its explanation
                        // (when that is its largest reason) reads so.
                        let largest = m.parts.iter().all(|x| x.abs() <= m.parts[1]);
                        if below && m.parts[1] > 0.0005 && m.d_agreement < 0.0 && largest {
                            let d = Decision {
                                party: p,
                                policy: Policy::Ai,
                                chosen: m.clone(),
                                alternatives: Vec::new(),
                                settled: None,
                            };
                            let text = explain(sc, &d);
                            assert!(text.contains("the odds against a deal +"), "{text}");
                            assert!(!text.contains(PARTS[1]), "{text}");
                            found = true;
                        }
                    }
                }
            }
        }
        assert!(found, "no move against a deal was explained");
        assert!(against > 0 && not > 0, "the mild spoiler: {against} {not}");
        assert!(turned[1] > 0, "no move turned a stake up: {turned:?}");
        assert!(turned[0] > 0, "no move turned a stake down: {turned:?}");
    }

    #[test]
    fn the_same_state_and_seed_give_the_same_choice() {
        let s = geneva();
        let st = rules::opened(&wander(&s, 5, 4));
        for p in 0..s.parties.len() {
            let a = Planner::new(&s, &st).choose(p, Policy::Ai, &mut GameRng::new(9));
            let b = Planner::new(&s, &st).choose(p, Policy::Ai, &mut GameRng::new(9));
            assert_eq!(a, b);
        }
    }

    #[test]
    fn an_ai_negotiator_leaves_a_contested_clause_alone_for_its_patience() {
        let s = geneva();
        assert!(s.ai.patience >= 2, "Geneva's AI is patient");
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let i = s.issue_ix("stockpile").unwrap();
        let propose = s.moves.iter().position(|m| m.id == "propose").unwrap();
        let pull = Choice {
            mv: propose,
            party: None,
            issue: Some(i),
        };
        // The United States pulls the clause its way, Iran pulls it back: contested.
        let mut st = rules::opened(&Negotiation::start(&s));
        st.draft.levels[i] = Some(1);
        let mut out = rules::Applied::default();
        rules::apply(&s, &mut st, &Act::of_move(us, pull), &mut out);
        rules::apply(&s, &mut st, &Act::of_move(iran, pull), &mut out);
        assert_eq!(st.draft.contested, 1 << i);
        // Whether the AI weighs the pull in a state: among its choice or the alternatives it names.
        let weighs = |s: &Scenario, st: &Negotiation, seed: u64| {
            let mut rng = GameRng::new(seed);
            (0..40).any(|_| {
                let d = Planner::new(s, st)
                    .choose(us, Policy::Ai, &mut rng)
                    .unwrap();
                std::iter::once(&d.chosen)
                    .chain(&d.alternatives)
                    .any(|x| x.choice == pull)
            })
        };
        let mut weeks = 0;
        let mut fresh = None;
        loop {
            rules::end_week(&s, &mut st, &mut rules::WeekEnd::default());
            rules::begin_week(&mut st);
            fresh.get_or_insert_with(|| st.clone());
            assert!(rules::is_legal(&s, &st, us, pull), "the pull stays legal");
            // The United States' AI would weigh it: it is among its best-scored moves.
            let mut all = Planner::new(&s, &st).score_all(us);
            all.sort_by(|a, b| b.score.total_cmp(&a.score));
            let rank = all.iter().position(|x| x.choice == pull).unwrap();
            assert!(rank < 3, "week {weeks}: the pull ranks {rank}");
            // It waits `patience` weeks, banked or not.
            let left = patience_left(&s, &st.draft, i);
            let expect = s.ai.patience - weeks;
            assert_eq!(left, expect, "week {weeks}");
            assert_eq!(holds_back(&s, &st, &pull), left > 0);
            assert_eq!(
                weighs(&s, &st, u64::from(weeks)),
                left == 0,
                "week {weeks}: the AI weighs the pull only once it has waited"
            );
            if left == 0 {
                break;
            }
            weeks += 1;
        }
        assert!(weeks >= 1, "it waited");
        // Without patience it weighs the pull at once.
        let fresh = fresh.unwrap();
        let mut impatient = (*s).clone();
        impatient.ai.patience = 0;
        assert!(!holds_back(&impatient, &fresh, &pull));
        assert!(weighs(&impatient, &fresh, 0));
    }
}
