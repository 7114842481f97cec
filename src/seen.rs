//! What one viewer sees of a game, as one value: the [`View`] every screen of the window draws,
//! built from a game's world for a party (or an observer) by [`build`].
//!
//! A networked window seat is sent its [`Seen`]: its view and the scenario as its party knows
//! them, with everything it may not know taken out on the server ([`Seen::for_seat`]). Its
//! screens then draw the table exactly as in single play, from data that never held another
//! party's hidden weights, walk-away value, costliest clause, AI reasoning or back-channel
//! reveals.

use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ai::{Scored, Settled};
use crate::read::{self, Briefing, Preview};
use crate::rules::{self, Ground, Negotiation, Reason, Source, Verdict, bargain};
use crate::scenario::{Level, PartyIx, Reservation, Scenario};
use crate::sim::{self, Choice, Decisions, News, Outcome, Score};

/// Everything the game screens show.
#[derive(Resource, Debug, Default, Clone, Serialize, Deserialize)]
pub struct View {
    /// The scenario (sent apart from the view: see [`Seen`]).
    #[serde(skip)]
    pub scenario: Option<Arc<Scenario>>,
    /// The negotiation as it stands.
    pub state: Option<Negotiation>,
    pub me: Option<PartyIx>,
    /// Last week's text, for the change column.
    pub previous: Vec<Level>,
    pub moves: Vec<Scored>,
    /// What each of `moves` would do, in words (the same prediction as its numbers).
    pub previews: Vec<Preview>,
    /// Signing the text now, when the player may accept it.
    pub signing: Option<Signing>,
    /// The scenario's hints for the player this turn ([`read::hints`]).
    #[serde(default)]
    pub hints: Vec<String>,
    /// The danger of war in the coming turn (none once the game is over).
    #[serde(default)]
    pub danger: Option<read::Danger>,
    /// Trust a deal needs that the coming turn's event or another party's move could carry
    /// below what signing takes ([`read::TrustRisk::of`]).
    #[serde(default)]
    pub trust_risks: Vec<read::TrustRisk>,
    /// Walk-away values the coming turn's event or another party's move could carry above the
    /// text's worth, by moving tension ([`read::WalkAwayRisk::of`]).
    #[serde(default)]
    pub walk_away_risks: Vec<read::WalkAwayRisk>,
    /// An event that may come this turn and withdraw a standing acceptance, for a player with
    /// no acceptance to give ([`read::unsettle_warning`]; a negotiator has it on its card).
    #[serde(default)]
    pub unsettled: Option<String>,
    /// Who moves before and after the player this turn and could change the text, over its
    /// moves ([`read::redraft_order_note`]).
    #[serde(default)]
    pub order_note: Option<String>,
    /// How balanced the text is, for the mediator ([`read::balance_note`]), worked out once a
    /// turn.
    #[serde(default)]
    pub balance: Option<String>,
    /// How each of `moves` moves that balance, where it does ([`read::balance_marks`]).
    #[serde(default)]
    pub balance_marks: Vec<Option<String>>,
    /// The slower way to trust each of `moves` takes the player along, where it does: the card's
    /// mark and the ways for its hover ([`read::way_mark`]), worked out once a turn.
    #[serde(default)]
    pub way_marks: Vec<Option<(String, Vec<String>)>>,
    pub briefing: Option<Briefing>,
    /// The text as it stood at the end of each turn played: (turn, text).
    pub drafts: Vec<(u32, Vec<Level>)>,
    pub verdicts: Vec<Verdict>,
    /// The negotiators the AI plays that would sign the text but hold out for more this turn
    /// ([`sim::holding_out`]).
    #[serde(default)]
    pub holding_out: Vec<PartyIx>,
    /// The parties the AI plays by its own judgement ([`sim::ai_played`]): how it returns
    /// goodwill is told of them ([`read::goodwill_note`]).
    #[serde(default)]
    pub ai_played: Vec<PartyIx>,
    /// The answers the end of the coming turn turns if nobody moves ([`read::outlook`]).
    #[serde(default)]
    pub outlook: Vec<Verdict>,
    pub decisions: Decisions,
    pub news: Vec<News>,
    /// (week, tension, agreement).
    pub chart: Vec<[f64; 3]>,
    pub ending: Option<Outcome>,
    pub score: Option<Score>,
    /// A hot seat's other players and their scores (the end screen shows each).
    pub other_scores: Vec<(PartyIx, Score)>,
    pub debrief: Option<sim::debrief::Debrief>,
    pub support: Vec<f64>,
    pub can_undo: bool,
    pub seed: u64,
    /// The game is hosted elsewhere (a networked seat): undo, save, menu and "play again" are
    /// not this window's.
    #[serde(skip)]
    pub online: bool,
}

/// What the coming turn may bring before the player's move, as the game's world knows it: the
/// signing card and the notes over the moves read it.
#[derive(Debug, Clone, Default)]
pub struct Ahead {
    /// Whether each event may come this turn, as the player is told ([`sim::may_come`]).
    pub coming: Vec<sim::Coming>,
    /// The negotiators whose acceptance the last turn's close gives ([`sim::resigning`]).
    pub resigning: Vec<PartyIx>,
    /// The negotiators the AI plays that would sign but hold out for more ([`sim::holding_out`]).
    pub holding: Vec<PartyIx>,
    /// The parties whose moves this turn the AI decides ([`sim::ai_decided`]).
    pub ai: Vec<PartyIx>,
    /// Whether the deck lets each event come the turn after ([`sim::live_next_turn`]).
    pub live: Vec<bool>,
}

impl Ahead {
    /// What the coming turn of the game in `world` may bring, as party `me` is told it.
    pub fn of(world: &World, me: Option<PartyIx>) -> Self {
        Self {
            coming: sim::may_come(world, me),
            resigning: sim::resigning(world),
            holding: sim::holding_out(world),
            ai: sim::ai_decided(world),
            live: sim::live_next_turn(world),
        }
    }
}

/// One thing on the signing card that could keep the player's acceptance from making the deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Caution {
    /// No deal on the text as it stands (rather than a risk to one).
    pub blocks: bool,
    /// One or more sentences, each ending in a full stop.
    pub text: String,
}

impl Caution {
    fn new(blocks: bool, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        if !text.ends_with('.') {
            text.push('.');
        }
        Self { blocks, text }
    }

    /// The text with its mark: ✗ for what blocks the deal, ⚠ for a risk to it.
    pub fn marked(&self) -> String {
        format!("{} {}", if self.blocks { "✗" } else { "⚠" }, self.text)
    }
}

/// What signing the text now would give the player.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Signing {
    /// The accept move.
    pub choice: Choice,
    /// The player's utility in the text and its walk-away value.
    pub utility: f64,
    pub reservation: f64,
    /// Its walk-away value as the talks opened, which a deal's quality is measured from
    /// ([`rules::score::opening_walk_away`]).
    #[serde(default)]
    pub opening: f64,
    /// The score a deal on this text would earn this week, as the week's acts leave it
    /// ([`signed_this_week`]).
    pub score: Score,
    /// Whether the player would sign it (red lines, worth, trust): accepting a text one would
    /// not sign makes no deal.
    pub would_sign: bool,
    /// The others a deal still needs ([`read::still_needed`]).
    pub waiting: Vec<PartyIx>,
    /// Accepting, taken alone, lapses at the end of the turn: by then the player would no
    /// longer sign (the accept move's [`read::Preview::lapses`]).
    #[serde(default)]
    pub lapses: bool,
    /// The player accepts the text already: accepting again renews the acceptance, should an
    /// event of the turn withdraw it before the moves.
    #[serde(default)]
    pub accepted: bool,
    /// How likely it is, and whether exactly, that an event withdraws every acceptance before
    /// the moves this turn: all that accepting again guards against ([`read::renew_note`]).
    #[serde(default)]
    pub withdrawn: (f64, bool),
    /// A party moving before the player could withdraw every acceptance with a move
    /// ([`read::unsettled_first`]).
    #[serde(default)]
    pub withdrawn_by_move: bool,
    /// The player knows the priorities and walk-away value of every other party whose consent
    /// a deal needs, so the deal's quality (measured against what they would have signed) is
    /// in the score; otherwise the score leaves it out, for it would tell what they hide.
    #[serde(default)]
    pub quality_known: bool,
    /// Who may change the text before the player's move this turn, in words
    /// ([`read::accept_order_note`]): an acceptance of a text changed first does not take.
    #[serde(default)]
    pub order: Option<String>,
    /// An event that may come this turn and withdraw the acceptance of another negotiator the
    /// deal rests on, in words ([`read::unsettle_note`]).
    #[serde(default)]
    pub unsettled: Option<String>,
    /// The others whose consent a deal needs who would not sign the text as it stands (their
    /// answers to "would you sign?" are public): no deal until they would.
    #[serde(default)]
    pub refusing: Vec<PartyIx>,
    /// What could keep the acceptance from making the deal, most pressing first: the window's
    /// card and the terminal's signing line both show these, in this order ([`Signing::of`]).
    #[serde(default)]
    pub cautions: Vec<Caution>,
}

impl Signing {
    /// What signing the text now would give `p`, when its options (`moves`, this week's scored
    /// choices) include accepting it; `mean_tension` so far, for the score. The score is a deal
    /// this week's, as the accept move taken alone leaves the week's acts
    /// ([`signed_this_week`]): the tension and the text the deal is then scored at.
    /// `ahead` is what the turn may bring before the move.
    pub fn of(
        s: &Scenario,
        b: &Negotiation,
        mean_tension: f64,
        p: PartyIx,
        moves: &[Scored],
        ahead: &Ahead,
    ) -> Option<Self> {
        let m = moves
            .iter()
            .find(|m| s.derived.moves[m.choice.mv].accepts)?;
        let stand = rules::stand(s, b, p);
        let quality_known = s
            .consenting
            .iter()
            .all(|&q| q == p || bargain::knows(s, b, p, q));
        let mut score = signed_this_week(s, b, mean_tension, p, m.choice);
        if !quality_known {
            // Added up again, as the score adds its parts (taking the surplus away leaves a
            // rounding error in the last place).
            score.surplus = 0.0;
            score.total = score.outcome + score.surplus + score.calm;
            score.review = None;
        }
        let mut sg = Signing {
            choice: m.choice,
            utility: stand.utility,
            reservation: stand.reservation,
            opening: rules::score::opening_walk_away(s, p),
            score,
            would_sign: rules::verdict(s, b, p).would_sign,
            waiting: read::still_needed(s, b, p),
            refusing: s
                .consenting
                .iter()
                .copied()
                .filter(|&q| q != p && !rules::verdict(s, b, q).would_sign)
                .collect(),
            lapses: read::previews(s, b, p, &[m.choice])
                .first()
                .is_some_and(|x| x.lapses),
            accepted: b.parties[p].accepted,
            withdrawn: sim::chance_any(s, &ahead.coming, &read::unsettling(s)),
            withdrawn_by_move: read::unsettled_first(s, b, p),
            quality_known,
            order: read::accept_order_note(s, b, p, &ahead.ai),
            unsettled: read::unsettle_note(s, b, &ahead.coming, Some(p), &ahead.resigning),
            cautions: Vec::new(),
        };
        let trust_risks = read::TrustRisk::of(s, b, &ahead.coming, Some(p));
        sg.cautions = sg.cautions_of(s, b, &trust_risks, &ahead.holding);
        Some(sg)
    }

    /// What could keep the acceptance from making the deal, most pressing first: the player
    /// would not sign; another would not; the acceptance lapses by the turn's end; the last
    /// turn; an event may withdraw the other side's acceptance; an event or move may cut trust;
    /// the AI holds out. The lapse, the withdrawing event and the cut of trust count only where
    /// the player would sign.
    fn cautions_of(
        &self,
        s: &Scenario,
        b: &Negotiation,
        trust_risks: &[read::TrustRisk],
        holding: &[PartyIx],
    ) -> Vec<Caution> {
        let sign = self.would_sign;
        let blocking = [
            (!sign).then(|| read::not_signing_note().to_string()),
            read::refusing_note(s, &self.refusing),
        ];
        let risks = [
            (sign && self.lapses).then(|| read::lapse_warning(s)),
            read::last_turn_note(s, b, self.accepted),
            self.unsettled.clone().filter(|_| sign),
            (sign && !trust_risks.is_empty()).then(|| read::trust_risk_note(s, trust_risks)),
            read::holding_note(s, &self.waiting, holding),
        ];
        let blocks = blocking
            .into_iter()
            .flatten()
            .map(|t| Caution::new(true, t));
        blocks
            .chain(risks.into_iter().flatten().map(|t| Caution::new(false, t)))
            .collect()
    }

    /// How an acceptance stands, when it does: renewed if the player accepts already, else
    /// standing in later turns (an acceptance that lapses at the turn's end does not stand).
    pub fn standing_note(&self, s: &Scenario) -> Option<String> {
        if self.accepted {
            Some(read::renew_note(s, self.withdrawn, self.withdrawn_by_move))
        } else {
            (self.would_sign && !self.lapses).then(|| read::stands_note(s))
        }
    }

    /// The score a deal on the text this week would earn, in words: its parts, or, where the
    /// deal's quality rests on what others hide, the rest and how much the quality may add.
    pub fn score_text(&self, s: &Scenario) -> String {
        let sc = &self.score;
        let one = &s.turn.one;
        if self.quality_known {
            format!(
                "{:.0} ({}, {})",
                sc.total,
                read::score_parts(s, sc),
                alone_caveat(s)
            )
        } else {
            format!(
                "{:.0} (outcome {:.0} + calm {:.0}, as your acceptance alone leaves the {one}) \
                 and a deal quality of up to {:.0} more, {HIDDEN_QUALITY}",
                sc.total, sc.outcome, sc.calm, s.scoring.surplus,
            )
        }
    }

    /// How the card begins the sentence of the score: "A deal on it this week would score";
    /// where something below could keep the acceptance from making the deal (a caution, or
    /// others who change the text before the player's move), "If nothing below stops it, …" (a
    /// play-tester read the score as a promise, accepted, and an event the card's folded
    /// warning named took the deal away); and where something below keeps the deal off this
    /// text as it stands (a ✗ caution), "If what is marked ✗ below changes, …".
    pub fn would_score(&self, s: &Scenario) -> String {
        let lead = if self.cautions.iter().any(|c| c.blocks) {
            "If what is marked ✗ below changes, a"
        } else if self.cautions.is_empty() && self.order.is_none() {
            "A"
        } else {
            "If nothing below stops it, a"
        };
        format!("{lead} deal on it this {} would score", s.turn.one)
    }

    /// "The text is worth 0.47 to you; you walk away below 0.45", and where it differs, the
    /// walk-away value as the talks opened that a deal's quality is measured from (a reviewer
    /// saw a text above the day's walk-away value score a quality of 0 with nothing to say why).
    pub fn worth_text(&self) -> String {
        let opened = if (self.opening - self.reservation).abs() >= 0.005 {
            format!(
                " (a deal's quality is measured from {:.2}, your walk-away value as the talks \
                 opened)",
                self.opening
            )
        } else {
            String::new()
        };
        format!(
            "The text is worth {:.2} to you; you walk away below {:.2}{opened}.",
            self.utility, self.reservation
        )
    }

    /// [`Signing::score_text`] without the caveat ([`alone_caveat`]), for a card that shows it
    /// on hover.
    pub fn score_short(&self, s: &Scenario) -> String {
        let sc = &self.score;
        if self.quality_known {
            format!("{:.0}: {}", sc.total, read::score_parts(s, sc))
        } else {
            format!(
                "{:.0} (outcome {:.0} + calm {:.0}) and up to {:.0} more for the deal's quality, \
                 {HIDDEN_QUALITY}",
                sc.total, sc.outcome, sc.calm, s.scoring.surplus,
            )
        }
    }
}

/// Why a deal's quality is not counted in advance: the others hide their walk-away values.
const HIDDEN_QUALITY: &str = "which rests on walk-away values the others hide";

/// What the score of a deal this turn takes for granted: the player's acceptance is the turn's
/// only act.
pub fn alone_caveat(s: &Scenario) -> String {
    format!(
        "as your acceptance alone leaves the {one}: this {one}'s events and the others' moves \
         can move tension, and with it the points for calm (the deal's quality rests on its text \
         alone)",
        one = s.turn.one
    )
}

/// The score `p` would have if the text were signed this week, its acceptance (`accept`) taken
/// alone: a deal is made as the week's acts leave it, before the week's end, so the state the
/// rules' [`rules::apply`] leaves after the acceptance is what it is scored on (as the end
/// screen scores a deal), with the mean tension of the weeks played and this one.
pub fn signed_this_week(
    s: &Scenario,
    b: &Negotiation,
    mean_tension: f64,
    p: PartyIx,
    accept: Choice,
) -> Score {
    let mut after = rules::opened(b);
    let mut applied = rules::Applied::default();
    rules::apply(s, &mut after, &rules::Act::of_move(p, accept), &mut applied);
    rules::score::rescore(s, &mut after);
    let weeks = f64::from(b.week);
    let mean = (mean_tension * weeks + after.tension) / (weeks + 1.0);
    sim::score_if_signed(s, &after, mean, p)
}

/// The view of the game in `world` for `me` (None: an observer) in a game where people play
/// `seats`.
pub fn build(world: &World, me: Option<PartyIx>, seats: &[PartyIx], seed: u64) -> View {
    let s = world.resource::<sim::Rules>().0.clone();
    let b = world.resource::<sim::Talks>().0.clone();
    let ahead = Ahead::of(world, me);
    let moves = match me {
        Some(p) => sim::options(&s, &b, p, &ahead.live),
        None => Vec::new(),
    };
    let choices: Vec<Choice> = moves.iter().map(|m| m.choice).collect();
    let mut previews = me.map_or_else(Vec::new, |p| read::previews(&s, &b, p, &choices));
    previews.iter_mut().for_each(|p| p.keep_live(&ahead.live));
    let way_marks = me.map_or_else(Vec::new, |p| {
        (choices.iter().zip(&previews))
            .map(|(c, pv)| read::way_mark(&s, &b, p, c, pv))
            .collect()
    });
    let verdicts = sim::verdicts(&s, &b);
    let history = &world.resource::<sim::History>().0;
    let previous = history.len().checked_sub(2).map_or_else(
        || b.draft.levels.clone(),
        |i| history[i].talks.draft.levels.clone(),
    );
    let chart = history
        .iter()
        .map(|h| [f64::from(h.talks.week), h.talks.tension, h.talks.agreement])
        .collect();
    // Each seat gets the news every seat is told and its own (an observer, all of it).
    let news: Vec<sim::News> = (world.resource::<sim::NewsFeed>().0.iter())
        .filter(|n| n.told_to(me))
        .cloned()
        .collect();
    let ending = world.resource::<sim::Ending>().0.clone();
    let outlook = if ending.is_none() {
        read::outlook(&s, &b)
    } else {
        Vec::new()
    };
    let support = (0..s.parties.len()).map(|p| b.support(&s, p)).collect();
    let mean = sim::mean_tension(&s, history);
    // At the end, every party's score at once (the deal reviewed once): the player's, and a
    // hot seat's other players'.
    let all = ending
        .as_ref()
        .map(|e| sim::end_scores(&s, &b, mean, e))
        .unwrap_or_default();
    let score = me.and_then(|p| all.get(p).cloned());
    let other_scores = seats
        .iter()
        .filter(|&&p| Some(p) != me)
        .filter_map(|&p| all.get(p).map(|sc| (p, sc.clone())))
        .collect();
    // The debrief of a hot seat's end screen, read by every seat together, tells only what
    // every seat was told (as the terminal's): of the seat's news, what all of them read.
    let debrief = ending.is_some().then(|| {
        let told: Vec<sim::News> = (news.iter())
            .filter(|n| seats.len() < 2 || n.told_to_all(seats))
            .cloned()
            .collect();
        sim::debrief::debrief(&s, history, &told)
    });
    let coming = &ahead.coming;
    let signing = me
        .filter(|_| ending.is_none())
        .and_then(|p| Signing::of(&s, &b, mean, p, &moves, &ahead));
    let danger = ending
        .is_none()
        .then(|| read::Danger::of(&s, &b, coming, me));
    let unsettled = ending
        .is_none()
        .then(|| read::unsettle_warning(&s, &b, coming, me, &ahead.resigning))
        .flatten();
    let order_note = me
        .filter(|_| ending.is_none())
        .and_then(|p| read::redraft_order_note(&s, &b, p, &ahead.ai));
    let (trust_risks, walk_away_risks) = if ending.is_none() {
        (
            read::TrustRisk::of(&s, &b, coming, me),
            read::WalkAwayRisk::of(&s, &b, coming, me),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let hints = me
        .filter(|_| ending.is_none())
        .map(|p| {
            read::hints(&s, &b, p)
                .into_iter()
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    // The brief as things stand: the walk-away value now, and what has been revealed.
    let briefing = me.map(|p| read::briefing(&s, &b, p));
    let drafts = history
        .iter()
        .map(|h| (h.talks.week, h.talks.draft.levels.clone()))
        .collect();
    View {
        scenario: Some(s.clone()),
        me,
        previous,
        moves,
        previews,
        signing,
        hints,
        danger,
        trust_risks,
        walk_away_risks,
        unsettled,
        order_note,
        balance: me.and_then(|p| read::balance_note(&s, &b, p)),
        balance_marks: me.map_or_else(Vec::new, |p| read::balance_marks(&s, &b, p, &choices)),
        way_marks,
        briefing,
        drafts,
        verdicts,
        holding_out: if ending.is_none() {
            ahead.holding.clone()
        } else {
            Vec::new()
        },
        ai_played: sim::ai_played(world),
        outlook,
        decisions: world.resource::<Decisions>().clone(),
        news,
        chart,
        ending,
        score,
        other_scores,
        debrief,
        support,
        can_undo: history.len() > 1,
        seed,
        state: Some(b),
        online: false,
    }
}

/// What a networked seat is sent after every change: the scenario as its party knows it, its
/// view of the game, and where the turn stands.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Seen {
    pub scenario: Scenario,
    pub view: View,
    /// The seat's move is awaited now.
    pub choosing: bool,
    /// The facilitator gave the seat to its AI for now (its player watches).
    pub held: bool,
    /// The seats the turn still waits for, by name.
    pub waiting: Vec<String>,
}

impl Seen {
    /// The view of party `me` in a game where people play `seats`, with what `me` may not know
    /// taken out (see [`redact`]).
    pub fn for_seat(world: &World, me: PartyIx, seats: &[PartyIx]) -> Self {
        let mut view = build(world, Some(me), seats, sim::seed_of(world));
        view.scenario = None;
        let s = world.resource::<sim::Rules>().0.clone();
        let scenario = redact(&s, &mut view, me);
        Self {
            scenario,
            view,
            choosing: false,
            held: false,
            waiting: Vec::new(),
        }
    }

    /// The message text (RON).
    pub fn encode(&self) -> String {
        ron::to_string(self).unwrap_or_default()
    }

    /// Reads a message; the scenario's derived tables are computed again here. A view whose
    /// parts do not fit together (a party, issue or move out of range) is refused, so a
    /// broken host cannot crash the screens.
    pub fn decode(text: &str) -> Result<Self, String> {
        let mut seen: Self = ron::from_str(text).map_err(|e| e.to_string())?;
        seen.fits()?;
        let s = &seen.scenario;
        seen.scenario.derived = std::panic::catch_unwind(|| crate::scenario::Derived::of(s))
            .map_err(|_| "its scenario does not hold together".to_string())?;
        Ok(seen)
    }

    /// Whether every index in the view points into its scenario (what the screens index).
    fn fits(&self) -> Result<(), String> {
        if Shape(&self.scenario).seen(self) {
            Ok(())
        } else {
            Err("its parts do not fit together (another version of Red Lines?)".into())
        }
    }
}

/// The checks of [`Seen::fits`], against one scenario.
struct Shape<'a>(&'a Scenario);

impl Shape<'_> {
    fn party(&self, p: PartyIx) -> bool {
        p < self.0.parties.len()
    }

    /// A set of parties as a bit mask: no bit beyond the last party.
    fn parties(&self, mask: u32) -> bool {
        u64::from(mask) >> self.0.parties.len() == 0
    }

    fn issue(&self, i: usize) -> bool {
        i < self.0.issues.len()
    }

    fn level(&self, i: usize, l: Level) -> bool {
        self.issue(i) && l.is_none_or(|l| l < self.0.issues[i].levels.len())
    }

    fn levels(&self, l: &[Level]) -> bool {
        l.len() == self.0.issues.len() && l.iter().enumerate().all(|(i, &x)| self.level(i, x))
    }

    fn choice(&self, c: &Choice) -> bool {
        c.mv < self.0.moves.len()
            && c.party.is_none_or(|p| self.party(p))
            && c.issue.is_none_or(|i| self.issue(i))
    }

    fn scored(&self, m: &Scored) -> bool {
        self.choice(&m.choice)
    }

    /// A source of tension (`pair`: None) or of trust between a pair of parties.
    fn source(&self, src: &Source, pair: Option<(PartyIx, PartyIx)>) -> bool {
        let s = self.0;
        match *src {
            Source::Start(k) => pair.is_some_and(|(a, z)| k < s.trust[a][z].modifiers.len()),
            Source::Move { actor, mv } => self.party(actor) && mv < s.moves.len(),
            Source::Event(e) => e < s.events.len(),
            Source::Reopen(i) => self.issue(i),
            Source::Drift | Source::Troops(_) => true,
        }
    }

    fn ground(&self, p: PartyIx, g: &Ground) -> bool {
        match *g {
            Ground::RedLine { k, .. } => k < self.0.parties[p].red_lines.len(),
            Ground::Costliest { issue, level } => self.level(issue, level),
            Ground::Trust { other, .. } => self.party(other),
            Ground::Absent | Ground::Worth { .. } => true,
        }
    }

    fn verdict(&self, v: &Verdict) -> bool {
        self.party(v.party) && v.grounds.iter().all(|g| self.ground(v.party, g))
    }

    fn package(&self, p: &crate::scenario::Package) -> bool {
        self.levels(&p.levels) && p.utilities.iter().all(|(q, _)| self.party(*q))
    }

    fn score(&self, sc: &Score) -> bool {
        sc.review.as_ref().is_none_or(|r| {
            self.levels(&r.text)
                && r.stands
                    .iter()
                    .chain(&r.outside)
                    .all(|(p, _, _)| self.party(*p))
                && r.nash.iter().chain(&r.best).all(|p| self.package(p))
        })
    }

    fn reason(&self, r: &Reason) -> bool {
        match *r {
            Reason::Cause(c) => self.source(&c.source, None),
            Reason::Worth { party, .. }
            | Reason::StayedAway { party, .. }
            | Reason::NotAccepted { party } => self.party(party),
            Reason::Refused { party, ground } => self.party(party) && self.ground(party, &ground),
            Reason::Ended(e) => e < self.0.events.len(),
            Reason::WarTension(_)
            | Reason::AllAccepted
            | Reason::Incident { .. }
            | Reason::TimeUp(_)
            | Reason::Called => true,
        }
    }

    fn state(&self, b: &Negotiation) -> bool {
        let n = self.0.parties.len();
        b.parties.len() == n
            && b.trust.parties() == n
            && self.levels(&b.draft.levels)
            && b.draft.banked.len() == self.0.issues.len()
            && b.draft.unchanged.len() == self.0.issues.len()
            && b.draft.contest_fault(self.0).is_none()
            && b.causes.iter().all(|c| self.source(&c.source, None))
            && (0..n).all(|a| {
                (0..n).all(|z| {
                    a == z
                        || b.trust.modifiers(a, z).all(|m| {
                            self.party(m.from)
                                && self.party(m.to)
                                && self.source(&m.source, Some((m.from, m.to)))
                        })
                })
            })
            && b.deeds
                .iter()
                .all(|d| self.party(usize::from(d.party)) && usize::from(d.mv) < self.0.moves.len())
    }

    fn scenario(&self) -> bool {
        let s = self.0;
        let n = s.parties.len();
        (1..=16).contains(&n)
            && s.issues.len() <= 16
            && s.issues.iter().all(|i| i.levels.len() <= 63)
            && s.parties.iter().all(|p| {
                p.prefs.len() == s.issues.len()
                    && p.prefs
                        .iter()
                        .zip(&s.issues)
                        .all(|(f, i)| f.levels.len() == i.levels.len())
                    && p.red_lines
                        .iter()
                        .flat_map(|r| &r.parts)
                        .all(|x| self.issue(x.issue))
            })
            && s.trust.len() == n
            && s.trust.iter().all(|row| row.len() == n)
            && self.levels(&s.draft)
            && s.banked.len() == s.issues.len()
            && s.negotiators
                .iter()
                .chain(&s.consenting)
                .all(|&p| self.party(p))
    }

    fn seen(&self, seen: &Seen) -> bool {
        let v = &seen.view;
        self.scenario()
            && v.me.is_none_or(|p| self.party(p))
            && v.state.as_ref().is_some_and(|b| self.state(b))
            && self.levels(&v.previous)
            && v.drafts.iter().all(|(_, l)| self.levels(l))
            && v.moves.iter().all(|m| self.scored(m))
            && v.previews.iter().all(|p| {
                p.clauses
                    .iter()
                    .all(|&(i, a, z)| self.level(i, a) && self.level(i, z))
                    && p.trust.iter().all(|(q, _)| self.party(*q))
                    && p.links
                        .iter()
                        .all(|&(a, z, _)| self.party(a) && self.party(z))
                    && p.signs.iter().all(|(q, _, _)| self.party(*q))
                    && p.own_reason.is_none_or(|g| {
                        p.mover.is_some_and(|m| self.party(m) && self.ground(m, &g))
                    })
                    && (p.reasons.iter()).all(|(q, g, _)| self.party(*q) && self.ground(*q, g))
                    && p.hardliners.iter().all(|(q, _, _)| self.party(*q))
                    && p.troops.iter().all(|(q, _)| self.party(*q))
                    && p.worth.iter().all(|w| self.party(w.0))
                    && p.red_lines.iter().all(|r| self.party(r.0))
                    && p.fades.iter().all(|f| self.party(f.0) && self.party(f.1))
                    && p.reopens
                        .iter()
                        .all(|&(i, hurt)| self.issue(i) && self.parties(hurt))
                    && p.contests
                        .iter()
                        .all(|&(i, q)| self.issue(i) && self.party(q))
                    && p.uncontests.iter().all(|&i| self.issue(i))
                    && p.withdrawn.iter().all(|&q| self.party(q))
                    && p.reveals.iter().all(|r| self.party(r.0))
                    && p.walk_away.iter().all(|w| self.party(w.0))
                    && p.guessed.iter().all(|&q| self.party(q))
                    && (p.opens.iter().chain(&p.shuts)).all(|&e| e < self.0.events.len())
                    && p.mover.is_none_or(|q| self.party(q))
            })
            && v.signing.as_ref().is_none_or(|g| {
                self.choice(&g.choice)
                    && g.waiting.iter().all(|&q| self.party(q))
                    && self.score(&g.score)
            })
            && v.verdicts.iter().all(|x| self.verdict(x))
            && v.outlook.iter().all(|x| self.verdict(x))
            && (v.news.iter()).all(|n| match n.about {
                Some(sim::About::Clause(p) | sim::About::Idle(p)) => self.party(p),
                None => true,
            })
            && v.trust_risks
                .iter()
                .all(|r| self.party(r.from) && self.party(r.to))
            && v.walk_away_risks.iter().all(|r| self.party(r.party))
            && v.decisions.explained.iter().all(|d| {
                self.party(d.party)
                    && self.scored(&d.chosen)
                    && d.alternatives.iter().all(|a| self.scored(a))
            })
            && v.decisions
                .moves
                .iter()
                .all(|(p, c)| self.party(*p) && self.choice(c))
            && v.support.len() == self.0.parties.len()
            && v.ending
                .as_ref()
                .is_none_or(|e| e.reasons.iter().all(|r| self.reason(r)))
            && v.score.as_ref().is_none_or(|sc| self.score(sc))
            && v.other_scores
                .iter()
                .all(|(p, sc)| self.party(*p) && self.score(sc))
            && v.briefing.as_ref().is_none_or(|b| {
                self.party(b.party)
                    && b.aims.iter().all(|a| self.level(a.issue, a.want))
                    && b.counterparts.iter().all(|c| {
                        self.party(c.party)
                            && c.priorities.iter().flatten().all(|(i, _)| self.issue(*i))
                    })
            })
    }
}

/// Takes out of `view` what party `me` may not know, and returns the scenario as `me` knows it:
/// another party's hidden weights become the weights `me` believes it gives each issue, its
/// walk-away value is blanked (an issue it gives no weight stays public), another party's verdict keeps only what it says aloud (it would
/// sign or not, and why, without its numbers or its costliest clause), the AI's reasoning for
/// such a party only the names of the two things it weighed most, and whom the others' back
/// channels revealed is dropped, and so are the others' AI tuning, the seed and the review of a
/// deal signed now (every party's walk-away value). Each party's answer to "would you sign?" and
/// whether the AI holds out for more this turn ([`View::holding_out`]) stay, without numbers:
/// they are what the party says at the table. When the talks have ended everything is shown, as
/// every end screen shows it.
pub fn redact(s: &Scenario, view: &mut View, me: PartyIx) -> Scenario {
    let mut out = s.clone();
    // The seat is sent the hints meant for it, worked out here; the others' stay here.
    out.hints.clear();
    let Some(st) = view.state.as_mut() else {
        return out;
    };
    if view.ending.is_some() {
        return out;
    }
    let hidden: Vec<bool> = (0..s.parties.len())
        .map(|p| !bargain::knows(s, st, me, p))
        .collect();
    for (p, _) in hidden.iter().enumerate().filter(|(_, h)| **h) {
        let believed = bargain::believed_weights(s, st, me, p);
        for (pref, w) in out.parties[p].prefs.iter_mut().zip(believed) {
            // An issue a party gives no weight is public (its stance says so).
            if pref.weight > 0.0 {
                pref.weight = w;
            }
        }
        out.parties[p].reservation = Reservation {
            base: 0.0,
            tension: 0.0,
            hardliners: 0.0,
        };
    }
    for (q, row) in st.parties.iter_mut().enumerate() {
        if q != me {
            row.revealed = 0;
            // The AI's tuning of the others is theirs.
            let p = &mut out.parties[q].personality;
            (
                p.hawkish,
                p.cautious,
                p.spoiler,
                p.temperature,
                p.concession,
            ) = (0.0, 0.0, 0.0, 0.0, 0.0);
        }
    }
    // The seed would tell what chance holds; the end screen shows it.
    view.seed = 0;
    out.seed = 0;
    // A deal's score is shown; its review holds every party's walk-away value.
    if let Some(g) = view.signing.as_mut() {
        g.score.review = None;
    }
    for v in view
        .verdicts
        .iter_mut()
        .chain(&mut view.outlook)
        .filter(|v| hidden[v.party])
    {
        // Only whether it is worth enough is said aloud.
        v.grounds = v.grounds.iter().filter_map(|g| g.heard()).collect();
        v.stand.utility = 0.0;
        v.stand.reservation = 0.0;
    }
    for d in view
        .decisions
        .explained
        .iter_mut()
        .filter(|d| hidden[d.party])
    {
        d.alternatives.clear();
        if let Some(Settled::Worth { worth, asks }) = &mut d.settled {
            *worth = 0.0;
            *asks = 0.0;
        }
        blur(&mut d.chosen);
    }
    out
}

/// Keeps of a score only which two parts weighed most, and their signs.
fn blur(sc: &mut Scored) {
    let mut order: Vec<usize> = (0..sc.parts.len())
        .filter(|&k| sc.parts[k].abs() >= 0.0005)
        .collect();
    order.sort_by(|&a, &b| sc.parts[b].abs().total_cmp(&sc.parts[a].abs()));
    let mut parts = [0.0; 6];
    for (rank, &k) in order.iter().take(2).enumerate() {
        parts[k] = sc.parts[k].signum() * (2 - rank) as f64;
    }
    sc.parts = parts;
    sc.score = 0.0;
    sc.d_tension = 0.0;
    sc.d_agreement = 0.0;
    sc.d_utility = 0.0;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Consent;
    use crate::sim::Game;
    use crate::testkit::geneva;

    /// A networked seat is sent the hints meant for its party (worked out by the host), never
    /// another party's, and a scenario without any; its view says who moves before it, and the
    /// danger, as single play does.
    #[test]
    fn a_seat_is_sent_its_own_hints_and_not_the_scenarios() {
        let s = crate::testkit::tutorial();
        let ix = |id: &str| s.party_ix(id).unwrap();
        let game = Game::new(s.clone(), 1, &sim::seats(&s, &[], &[]));
        for (me, own, other) in [
            (
                ix("belmar"),
                "Your red lines: at least a third",
                "You keep the text",
            ),
            (ix("commission"), "You keep the text", "Your red line"),
        ] {
            let sent = Seen::for_seat(&game.world, me, &[me]);
            let got = Seen::decode(&sent.encode()).expect("the view decodes");
            assert!(
                got.scenario.hints.is_empty(),
                "the scenario's hints stay home"
            );
            let hints = &got.view.hints;
            assert!(hints.iter().any(|h| h.starts_with(own)), "{hints:?}");
            assert!(!hints.iter().any(|h| h.starts_with(other)), "{hints:?}");
            let full = build(&game.world, Some(me), &[me], 1);
            assert_eq!(hints, &full.hints);
            assert_eq!(got.view.danger, full.danger);
            assert!(got.view.danger.is_some());
        }
    }

    /// A networked seat's screens read, from the redacted view it is sent (through the wire's
    /// encoding), exactly what they read from the whole game for its party: every want, verdict,
    /// consent and explanation, its own moves, previews and brief. And the hidden numbers are
    /// not in what it is sent, until the end, when everything is shown.
    #[test]
    fn a_seat_reads_from_its_redacted_view_what_single_play_shows_it() {
        let s = geneva();
        let us = s.party_ix("united_states").unwrap();
        assert!(s.parties[us].hidden_preferences);
        let (mut hidden_seen, mut outlooks) = (0, 0);
        for seed in 0..3 {
            let mut game = Game::new(s.clone(), seed, &sim::seats(&s, &[], &[]));
            loop {
                for &me in &s.negotiators {
                    let full = build(&game.world, Some(me), &[me], seed);
                    let sent = Seen::for_seat(&game.world, me, &[me]);
                    let got = Seen::decode(&sent.encode()).expect("the view decodes");
                    let mut broken = got.clone();
                    broken.view.me = Some(s.parties.len());
                    assert!(
                        Seen::decode(&broken.encode()).is_err(),
                        "a party out of range"
                    );
                    // The same in a move's preview (its lines name parties and issues).
                    let n = s.parties.len();
                    let spoil: [fn(&mut read::Preview, usize); 18] = [
                        |p, n| {
                            p.own_reason = Some(Ground::Trust {
                                other: n,
                                trust: 10.0,
                                enough: false,
                            })
                        },
                        |p, _| {
                            p.own_reason = Some(Ground::RedLine {
                                k: 99,
                                kept: false,
                                parts: 0,
                            })
                        },
                        |p, n| p.troops.push((n, 5_000)),
                        |p, n| p.hardliners.push((n, 1.0, 1.0)),
                        |p, n| p.links.push((0, n, 1.0)),
                        |p, n| p.signs.push((n, false, true)),
                        |p, n| p.worth.push((n, 0.5, 0.6, false)),
                        |p, n| p.red_lines.push((n, 2, 1)),
                        |p, n| p.fades.push((0, n, 1.0)),
                        |p, n| p.mover = Some(n),
                        |p, _| p.reopens.push((usize::MAX, 0)),
                        |p, n| p.reopens.push((0, 1 << n)),
                        |p, n| p.contests.push((0, n)),
                        |p, _| p.contests.push((usize::MAX, 0)),
                        |p, n| p.withdrawn.push(n),
                        |p, n| p.reveals.push((n, true)),
                        |p, n| p.walk_away.push((n, 0.4, 0.5)),
                        |p, n| p.guessed.push(n),
                    ];
                    for spoil in spoil.iter().filter(|_| !got.view.previews.is_empty()) {
                        let mut broken = got.clone();
                        spoil(&mut broken.view.previews[0], n);
                        assert!(
                            Seen::decode(&broken.encode()).is_err(),
                            "a preview out of range"
                        );
                    }
                    // And in the trust at risk.
                    let mut broken = got.clone();
                    broken.view.trust_risks.push(read::TrustRisk {
                        from: 0,
                        to: n,
                        trust: 50.0,
                        event: None,
                        also: Vec::new(),
                        push: None,
                        also_moves: Vec::new(),
                    });
                    assert!(
                        Seen::decode(&broken.encode()).is_err(),
                        "a trust at risk out of range"
                    );
                    // And in the walk-away values at risk.
                    let mut broken = got.clone();
                    broken.view.walk_away_risks.push(read::WalkAwayRisk {
                        party: n,
                        worth: 0.5,
                        walk_away: 0.4,
                        event: None,
                        push: None,
                    });
                    assert!(
                        Seen::decode(&broken.encode()).is_err(),
                        "a walk-away at risk out of range"
                    );
                    // And in the outlook of the answers.
                    let mut broken = got.clone();
                    let mut v = crate::rules::verdict(&s, game.state(), me);
                    v.party = n;
                    broken.view.outlook.push(v);
                    assert!(
                        Seen::decode(&broken.encode()).is_err(),
                        "an outlook out of range"
                    );
                    // And in a score's review: a party outside the consent out of range.
                    let mut broken = got.clone();
                    let mut sc = sim::score_if_signed(&s, game.state(), 50.0, me);
                    if let Some(r) = sc.review.as_mut() {
                        r.outside = Some((n, 0.5, 0.5));
                    }
                    broken.view.score = Some(sc);
                    assert!(
                        Seen::decode(&broken.encode()).is_err(),
                        "a review out of range"
                    );
                    let (rs, rv) = (&got.scenario, &got.view);
                    let st = full.state.as_ref().unwrap();
                    let rst = rv.state.as_ref().unwrap();
                    for i in 0..s.issues.len() {
                        assert_eq!(
                            read::wants(&s, st, Some(me), i),
                            read::wants(rs, rst, Some(me), i)
                        );
                    }
                    for p in 0..s.parties.len() {
                        let knows = read::knows(&s, st, Some(me), p);
                        assert_eq!(knows, read::knows(rs, rst, Some(me), p));
                        assert_eq!(
                            Consent::with(&s, st, p, &full.verdicts),
                            Consent::with(rs, rst, p, &rv.verdicts)
                        );
                        if !knows && full.ending.is_none() && p != me {
                            hidden_seen += 1;
                            assert_eq!(rs.parties[p].reservation.base, 0.0);
                            let true_w: Vec<f64> =
                                s.parties[p].prefs.iter().map(|x| x.weight).collect();
                            let sent_w: Vec<f64> =
                                rs.parties[p].prefs.iter().map(|x| x.weight).collect();
                            assert_ne!(true_w, sent_w, "{}'s weights were sent", s.parties[p].id);
                        }
                    }
                    // The outlook reads the same from the redacted view, in the same words.
                    assert_eq!(full.outlook.len(), rv.outlook.len());
                    for (v, r) in full.outlook.iter().zip(&rv.outlook) {
                        let exact = read::knows(&s, st, Some(me), v.party);
                        assert_eq!(
                            read::outlook_line(&s, v, exact),
                            read::outlook_line(rs, r, exact)
                        );
                        outlooks += 1;
                    }
                    for (v, r) in full.verdicts.iter().zip(&rv.verdicts) {
                        let exact = read::knows(&s, st, Some(me), v.party);
                        assert_eq!(v.would_sign, r.would_sign);
                        assert_eq!(v.summary_for(&s, exact), r.summary_for(rs, exact));
                        if !exact && full.ending.is_none() {
                            assert!(!r.grounds.iter().any(Ground::hidden));
                            assert_eq!((r.stand.utility, r.stand.reservation), (0.0, 0.0));
                        }
                    }
                    for (d, r) in full.decisions.explained.iter().zip(&rv.decisions.explained) {
                        let exact = read::knows(&s, st, Some(me), d.party);
                        assert_eq!(
                            crate::ai::explain_for(&s, d, exact),
                            crate::ai::explain_for(rs, r, exact)
                        );
                        if !exact && full.ending.is_none() {
                            assert!(r.alternatives.is_empty());
                        }
                    }
                    for (q, row) in rst.parties.iter().enumerate() {
                        if q != me && full.ending.is_none() {
                            assert_eq!(row.revealed, 0);
                        }
                    }
                    if full.ending.is_none() {
                        assert_eq!((rv.seed, rs.seed), (0, 0), "the seed is not sent");
                        assert!(rv.signing.as_ref().is_none_or(|g| g.score.review.is_none()));
                        for q in (0..s.parties.len()).filter(|&q| q != me) {
                            assert_eq!(rs.parties[q].personality.concession, 0.0);
                        }
                    }
                    assert_eq!(full.moves, rv.moves);
                    assert_eq!(full.previews, rv.previews);
                    assert_eq!(full.briefing, rv.briefing);
                    assert_eq!(full.news, rv.news);
                    if full.ending.is_some() {
                        assert_eq!(full.verdicts, rv.verdicts);
                        assert_eq!(full.score, rv.score);
                        assert_eq!(full.debrief, rv.debrief);
                    }
                }
                if game.outcome().is_some() {
                    // The whole game's view at its end is one message of modest size.
                    let bytes = Seen::for_seat(&game.world, s.negotiators[0], &[])
                        .encode()
                        .len();
                    println!("the last view of game {seed}: {bytes} bytes");
                    assert!(bytes < 512 * 1024, "{bytes} bytes");
                    break;
                }
                game.step();
            }
        }
        assert!(hidden_seen > 0, "some hidden party was checked");
        assert!(outlooks > 0, "some outlook was checked");
    }
}
