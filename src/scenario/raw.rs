//! The scenario file as written by hand: serde types that mirror the RON text one to one.
//!
//! Nothing outside `scenario` reads these; [`super::resolve`] turns them into the checked
//! [`super::Scenario`] once. Every struct denies unknown fields, so a typo is an error.

use serde::{Deserialize, Serialize};

/// A whole scenario file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Short snake_case id of the scenario, e.g. `geneva_2026`.
    pub id: String,
    /// Title shown in menus.
    pub title: String,
    /// One paragraph that sets the scene.
    #[serde(default)]
    pub summary: String,
    /// Where the talks are held.
    #[serde(default)]
    pub venue: Option<RawVenue>,
    /// The seed used when none is given on the command line.
    #[serde(default)]
    pub seed: u64,
    /// The game ends in stalemate after this many weeks.
    pub weeks: u32,
    /// Headline score settings: tension, escalation and war.
    pub tension: RawTension,
    /// Rules that shape the negotiation (banking, walk-outs, signing).
    pub rules: RawRules,
    /// How the end screen scores the player.
    #[serde(default)]
    pub scoring: RawScoring,
    /// Political capital: each party's budget for moves.
    #[serde(default)]
    pub capital: RawCapital,
    /// What one turn is called: `(one: "day", many: "days")`.
    #[serde(default)]
    pub turn: RawTurn,
    /// Named facts of the story that events and moves set and clear, and conditions read.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Weights of the AI's move scoring.
    #[serde(default)]
    pub ai: RawAi,
    /// The agenda.
    pub issues: Vec<RawIssue>,
    /// Everyone at (or around) the table.
    pub parties: Vec<RawParty>,
    /// Directed trust between parties; pairs not listed start at `rules.default_trust`.
    #[serde(default)]
    pub relations: Vec<RawRelation>,
    /// The negotiating text at week 0: one entry per addressed issue.
    #[serde(default)]
    pub draft: Vec<RawClause>,
    /// The move catalogue.
    pub moves: Vec<RawMove>,
    /// The event deck.
    #[serde(default)]
    pub events: Vec<RawEvent>,
    /// Free facts for the debrief (mood, press), each with its source.
    #[serde(default)]
    pub facts: Vec<RawFact>,
    /// Advice shown to a player in the weeks its conditions hold (a tutorial's coaching).
    #[serde(default)]
    pub hints: Vec<RawHint>,
}

/// The venue of the talks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawVenue {
    pub name: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// Tension settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTension {
    /// Tension at week 0 (0–100).
    pub start: f64,
    /// Tension at or above this is war (0–100).
    pub war_at: f64,
    /// Each week tension moves this many points toward `rest`.
    pub drift: f64,
    /// The level tension drifts toward when nothing happens (0–100).
    pub rest: f64,
    /// Above this tension an escalation roll is made each week (0–100).
    pub escalation_threshold: f64,
    /// Chance of war per point of tension above the threshold (0–1).
    pub escalation_per_point: f64,
    /// Tension added each week per 10,000 troops deployed in the region by any party.
    #[serde(default)]
    pub per_10k_troops: f64,
    /// Troops (summed over parties) that count as the normal presence; only troops above it add tension.
    #[serde(default)]
    pub troop_baseline: u32,
}

/// Rules of the negotiation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    /// Trust between pairs not listed in `relations` (0–100).
    pub default_trust: f64,
    /// Trust lost toward a party that changes a banked clause, by each negotiator the change hurts.
    pub reopen_cost: f64,
    /// How fast that loss fades, points per week.
    pub reopen_decay: f64,
    /// A clause is banked when unchanged this many weeks and every negotiator's red lines on it hold.
    pub bank_after: u32,
    /// A negotiator absent from the table this many weeks in a row means collapse.
    pub collapse_after: u32,
    /// Chance each week that an absent party returns by itself (0–1).
    pub return_chance: f64,
    /// A party signs only with `trust >= min_trust` toward every other negotiator (0–100).
    pub min_trust: f64,
    /// Chance that an event fires in a week (0–1), for each of up to `events_per_turn` draws.
    pub event_chance: f64,
    /// The most random events a turn may bring (1–16).
    #[serde(default = "one_event")]
    pub events_per_turn: u32,
}

fn one_event() -> u32 {
    1
}

/// Political capital: every party starts with `start`, earns `income` a week plus `support`
/// per 50 points of support at home above 50 (less below) and `troops` per 10,000 of its
/// troops in the theatre, and never holds more than `max`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawCapital {
    pub start: f64,
    pub max: f64,
    pub income: f64,
    pub support: f64,
    pub troops: f64,
}

impl Default for RawCapital {
    fn default() -> Self {
        Self {
            start: 6.0,
            max: 12.0,
            income: 2.0,
            support: 1.0,
            troops: 0.0,
        }
    }
}

/// The name of a turn, singular and plural (both given, or the block left out).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTurn {
    pub one: String,
    pub many: String,
}

impl Default for RawTurn {
    fn default() -> Self {
        Self {
            one: "week".into(),
            many: "weeks".into(),
        }
    }
}

/// End-screen scoring.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawScoring {
    pub deal: f64,
    pub stalemate: f64,
    pub collapse: f64,
    pub war: f64,
    /// Points for the quality of a signed deal (0–1): the share of the surplus over the
    /// walk-away value that was possible (the balance of the deal, for non-negotiators).
    pub surplus: f64,
    /// Points per point of tension below `war_at`, averaged over the weeks.
    pub calm: f64,
}

impl Default for RawScoring {
    fn default() -> Self {
        Self {
            deal: 250.0,
            stalemate: 150.0,
            collapse: 50.0,
            war: 0.0,
            surplus: 450.0,
            calm: 2.0,
        }
    }
}

/// Weights the AI uses to score moves (see docs/scenario-format.md, "How the AI plays"). Any
/// weight left out keeps its default.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawAi {
    /// Value of the draft's content itself, per unit of utility.
    pub position: f64,
    /// Cost of certain war, scaled by each party's `cautious`.
    pub war_cost: f64,
    /// Value of domestic support, per 100 points.
    pub domestic: f64,
    /// Bonus for a move whose tone suits the personality (hawkish or conciliatory).
    pub tone: f64,
    /// Softmax temperature, scaled by each party's `temperature`.
    pub temperature: f64,
    /// Weight of the expected gain from a deal (the chance of a deal times what it gains the
    /// party, negative for a party a deal hurts): "the odds of a deal for us" in a move's reasons,
    /// "the odds against a deal" for a spoiler that every text hurts.
    pub deal: f64,
    /// How much low trust makes a party hawkish: its hawkishness rises by this times
    /// (50 − its lowest trust in another negotiator) / 100.
    pub reciprocity: f64,
    /// Value of political capital in hand, per `capital.max`.
    pub capital: f64,
    /// Weeks an AI negotiator leaves a contested clause (its latest change undid another
    /// party's) before it pulls the clause its own way again.
    pub patience: u32,
    /// How much the trust each negotiator still lacks to sign counts in how near the AI sees a
    /// deal (0–1): 0, not at all (only the text); 1, a negotiator with no trust counts as far
    /// from signing as one that cannot accept the text.
    pub trust_focus: f64,
    /// How ready a mediator's AI counts a side that could not sign the text yet (0–1): this
    /// share of how near the text is to one it could sign (red lines kept, worth); 0, not at
    /// all, as a negotiator's AI counts it.
    pub mediator_nearness: f64,
}

impl Default for RawAi {
    fn default() -> Self {
        Self {
            position: 1.0,
            war_cost: 1.0,
            domestic: 0.3,
            tone: 0.05,
            temperature: 0.05,
            deal: 1.0,
            reciprocity: 0.0,
            capital: 0.2,
            patience: 0,
            trust_focus: 0.0,
            mediator_nearness: super::model::MEDIATOR_NEARNESS,
        }
    }
}

/// One issue on the agenda.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawIssue {
    pub id: String,
    pub name: String,
    /// Ordered levels, from least to most restrictive.
    pub levels: Vec<RawLevel>,
    /// Whether the draft may leave the issue out ("not addressed").
    #[serde(default = "yes")]
    pub may_be_unaddressed: bool,
    /// Whether the levels have a natural order. Without one (a list of options), a draft step
    /// may jump to any level, and `AtMost`/`AtLeast` red lines are refused.
    #[serde(default = "yes")]
    pub ordered: bool,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub source: Option<String>,
}

fn yes() -> bool {
    true
}

/// One named level of an issue.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub id: String,
    pub name: String,
}

/// The role a party plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Role {
    Negotiator,
    Mediator,
    Spoiler,
    Regional,
}

impl Role {
    /// Whether a person may play a party of this role: a negotiator or the mediator (spoilers
    /// and regional states are the AI's).
    pub fn playable(self) -> bool {
        matches!(self, Role::Negotiator | Role::Mediator)
    }
}

/// One party.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// One line on where the party stands.
    #[serde(default)]
    pub stance: String,
    #[serde(default)]
    pub figures: Vec<RawFigure>,
    #[serde(default)]
    pub forces: Vec<RawForce>,
    pub domestic: RawDomestic,
    /// Issue preferences; issues not listed weigh nothing for this party.
    #[serde(default)]
    pub preferences: Vec<RawPreference>,
    /// When true the player sees only estimates until a back channel reveals them.
    #[serde(default)]
    pub hidden_preferences: bool,
    #[serde(default)]
    pub red_lines: Vec<RawRedLine>,
    /// Reservation value: the utility below which no deal is better.
    #[serde(default)]
    pub reservation: RawReservation,
    /// The party's weekly income of political capital (default: `capital.income`).
    #[serde(default)]
    pub income: Option<f64>,
    /// Whether its name takes a plural verb in the news ("Regional counterparts urge...").
    #[serde(default)]
    pub plural: bool,
    /// A party away from the table whose consent a deal needs: its red lines and walk-away
    /// value bind the text (not for negotiators, whose consent is needed anyway).
    #[serde(default)]
    pub signatory: bool,
    pub personality: RawPersonality,
    #[serde(default)]
    pub source: Option<String>,
}

/// A named person.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// Troops at one place.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawForce {
    pub location: String,
    pub troops: i64,
    /// Whether these troops count toward tension as deployed in the theatre.
    #[serde(default = "yes")]
    pub in_theatre: bool,
    #[serde(default)]
    pub source: Option<String>,
}

/// Domestic audiences.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDomestic {
    pub hardliners: RawAudience,
    pub moderates: RawAudience,
    /// Concessions are refused while hardliner support is below this (0–100): the leader cannot afford to lose them further.
    pub concession_floor: f64,
}

/// One domestic audience.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAudience {
    /// Support for the leadership, 0–100.
    pub support: f64,
    /// Share of the audience in the leader's overall support (0–1); the two shares are normalised.
    pub share: f64,
    /// 0 = follows pressure at once, 0.9 = barely moves; each week support closes `1 - inertia` of the gap.
    pub inertia: f64,
}

/// A party's preference over one issue.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPreference {
    pub issue: String,
    /// Relative weight (≥ 0); weights are normalised over the party's issues.
    pub weight: f64,
    /// Either an ideal level or explicit utilities.
    pub shape: RawShape,
    /// Utility (0–1) of leaving the issue out of the deal.
    pub unaddressed: f64,
}

/// How utility falls over the levels of an issue.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawShape {
    /// Utility 1 at this level, falling by 1/(levels − 1) a level of distance (0 only at the
    /// opposite end of the scale); 1 at it and 0 elsewhere on an issue whose levels have no order.
    Ideal(String),
    /// One utility (0–1) per level, in level order.
    Utilities(Vec<f64>),
}

/// A hard constraint on a package.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRedLine {
    /// A red line on one issue: `issue` and `rule`. ...
    #[serde(default)]
    pub issue: Option<String>,
    #[serde(default)]
    pub rule: Option<RawRule>,
    /// ... or over several: every part kept (`all`) or at least one (`any`).
    #[serde(default)]
    pub all: Option<Vec<RawPart>>,
    #[serde(default)]
    pub any: Option<Vec<RawPart>>,
    /// How the party states it.
    pub text: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// One issue's part of a red line over several issues.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    pub issue: String,
    pub rule: RawRule,
}

/// The rule of a red line.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawRule {
    /// The issue must be in the deal.
    Addressed,
    /// The issue must stay out of the deal.
    NotAddressed,
    /// If addressed, the level is at most this one (not addressed also keeps it).
    AtMost(String),
    /// The issue is addressed at this level or a more restrictive one.
    AtLeast(String),
    /// The issue is addressed at one of these levels.
    OneOf(Vec<String>),
}

/// Reservation value and what moves it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawReservation {
    /// Reservation utility at tension 50 and hardliner support 50 (0–1).
    pub base: f64,
    /// Change per 100 points of tension above 50 (negative: war looks worse, so a weaker deal will do).
    pub tension: f64,
    /// Change per 100 points of hardliner support above 50.
    pub hardliners: f64,
}

impl Default for RawReservation {
    fn default() -> Self {
        Self {
            base: 0.0,
            tension: 0.0,
            hardliners: 0.0,
        }
    }
}

/// How the AI plays a party.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPersonality {
    /// Appetite for hawkish moves (0–1).
    pub hawkish: f64,
    /// Aversion to rising tension and war (0–1).
    pub cautious: f64,
    /// Pleasure in a failing negotiation (0–1): spoilers score a falling agreement.
    #[serde(default)]
    pub spoiler: f64,
    /// Randomness of choices (0 = always the best-scored move; 1 = very loose).
    pub temperature: f64,
    /// How the AI's demands fall over the game: 1 linearly; below 1 tough until late; above 1
    /// soft early.
    #[serde(default = "one")]
    pub concession: f64,
}

fn one() -> f64 {
    1.0
}

/// Starting trust from one party toward another, with itemised modifiers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelation {
    pub from: String,
    pub to: String,
    /// The lasting part of trust (0–100).
    pub base: f64,
    #[serde(default)]
    pub modifiers: Vec<RawModifier>,
}

/// One itemised, fading modifier of trust.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawModifier {
    pub label: String,
    pub value: f64,
    /// Points per week by which the modifier fades toward 0 (0 = permanent).
    pub decay: f64,
    #[serde(default)]
    pub source: Option<String>,
}

/// One clause of the starting draft.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawClause {
    pub issue: String,
    pub level: String,
    #[serde(default)]
    pub banked: bool,
}

/// Who may use a move.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawWho {
    Role(Role),
    Party(String),
    Anyone,
}

/// What a move is aimed at; each possible target becomes one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
pub enum TargetKind {
    /// No target.
    #[default]
    None,
    /// Any issue.
    Issue,
    /// An issue the draft addresses.
    AddressedIssue,
    /// An issue the draft leaves out.
    OpenIssue,
    /// Another party that is a negotiator.
    Negotiator,
    /// Any other party.
    Party,
}

/// The mood of a move, used by personalities and the news.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
pub enum Tone {
    Hawkish,
    #[default]
    Neutral,
    Conciliatory,
}

/// A move in the catalogue.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawMove {
    pub id: String,
    pub name: String,
    /// Who may use it.
    pub by: Vec<RawWho>,
    #[serde(default)]
    pub target: TargetKind,
    /// The issues an issue-targeting move may aim at (default: every issue its target kind
    /// allows).
    #[serde(default)]
    pub issues: Vec<String>,
    #[serde(default)]
    pub tone: Tone,
    /// All must hold for the move to be legal.
    #[serde(default)]
    pub conditions: Vec<RawCondition>,
    pub effects: Vec<RawEffect>,
    /// Key shown in the window and terminal, e.g. 'c'. Optional.
    #[serde(default)]
    pub key: Option<char>,
    /// Political capital the move costs (negative: it earns capital).
    #[serde(default)]
    pub cost: f64,
    /// News line; `{actor}`, `{target}` and `{issue}` are filled in.
    pub text: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// A party named in a condition or effect.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawSubject {
    /// The party making the move (or the event's actor).
    Actor,
    /// The party the move targets.
    Target,
    /// A party by id.
    Party(String),
    /// Every party with this role.
    Role(Role),
    /// Every party except the actor.
    Others,
    /// Every negotiator except the actor.
    OtherNegotiators,
    /// Every party.
    All,
}

/// A condition on a move or an event.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawCondition {
    TensionAbove(f64),
    TensionBelow(f64),
    AgreementAbove(f64),
    AgreementBelow(f64),
    WeekAtLeast(u32),
    WeekAtMost(u32),
    /// Trust of the first party toward the second is below the value.
    TrustBelow(RawSubject, RawSubject, f64),
    TrustAbove(RawSubject, RawSubject, f64),
    HardlinersBelow(RawSubject, f64),
    HardlinersAbove(RawSubject, f64),
    TroopsAbove(RawSubject, i64),
    TroopsBelow(RawSubject, i64),
    /// The party is at the table.
    Present(RawSubject),
    /// The party has walked out.
    Absent(RawSubject),
    Addressed(String),
    NotAddressed(String),
    /// The draft keeps every red line of the party.
    DraftKeeps(RawSubject),
    /// Some clause of the draft is banked.
    AnyBanked,
    /// The flag is set.
    Flag(String),
    /// The flag is not set.
    NotFlag(String),
    /// The party took the move (by id) on some earlier turn (or this one, once taken).
    Did(RawSubject, String),
    /// The party took the move on the turn before this one.
    DidLast(RawSubject, String),
    /// The party took the move on turn N.
    DidOn(RawSubject, String, u32),
}

/// Which domestic audience an effect moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Camp {
    Hardliners,
    Moderates,
}

/// Which way a draft step moves a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Toward {
    /// Toward the actor's ideal.
    Actor,
    /// Toward what the other negotiators want.
    Others,
    /// To the level that is fairest for all negotiators (highest lowest utility).
    Middle,
}

/// One effect of a move or event.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawEffect {
    /// Add to tension.
    Tension(f64),
    /// Add a trust modifier: (who trusts, toward whom, value, decay per week).
    Trust(RawSubject, RawSubject, f64, f64),
    /// Push a domestic audience's support (the audience moves there with its inertia).
    Domestic(RawSubject, Camp, f64),
    /// Add troops in the theatre (negative withdraws).
    Troops(RawSubject, i64),
    /// Move the target issue one level (or put an open issue on the table).
    Draft(Toward),
    /// The mediator's bridging text: the issue the sides are furthest apart on moves to its
    /// fairest level.
    Bridge,
    /// The actor accepts the current draft.
    Accept,
    /// The subject leaves the table.
    WalkOut(RawSubject),
    /// The subject comes back to the table.
    Return(RawSubject),
    /// The actor learns the subject's hidden preferences.
    Reveal(RawSubject),
    /// Every acceptance of the draft is withdrawn (a leak, a shift between rounds).
    Unsettle,
    /// Sets a flag.
    SetFlag(String),
    /// Clears a flag.
    ClearFlag(String),
    /// The actor tables a whole text: the one it asks for now (its aspiration), as good as it
    /// can make it for the others by what it believes they want; it stands by it (accepts it)
    /// if it would sign it now.
    Offer,
    /// The clause on an issue is set to a level, or left out with `None` (by the actor).
    Clause(String, Option<String>),
    /// The game ends now with this outcome (events only).
    End(RawEnding),
}

/// How an event may end the game (a deal needs the parties' signatures, not an event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum RawEnding {
    War,
    Collapse,
    Stalemate,
}

/// A card of the event deck.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: String,
    pub headline: String,
    /// Relative chance among the events whose conditions hold (random events).
    #[serde(default)]
    pub weight: Option<f64>,
    /// The turn a scheduled event comes on (if its conditions hold), beside the random deck.
    #[serde(default)]
    pub at: Option<u32>,
    /// Weeks before it can fire again.
    #[serde(default)]
    pub cooldown: u32,
    /// Fires at most once per game.
    #[serde(default)]
    pub once: bool,
    /// The party behind it, used as `Actor` in effects.
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub conditions: Vec<RawCondition>,
    pub effects: Vec<RawEffect>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Advice for a player: shown above the moves in every week its conditions hold.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawHint {
    /// The advice, one or two sentences.
    pub text: String,
    /// Conditions that must all hold, read as the week opens; `Actor` is the player's party.
    #[serde(default)]
    pub when: Vec<RawCondition>,
    /// Only the players of these parties see it (by id); empty: every player.
    #[serde(default)]
    pub parties: Vec<String>,
}

/// A fact for the debrief that is not a rule.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub source: Option<String>,
}
