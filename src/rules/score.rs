//! The scores: where each negotiator stands toward the text, its answer to "would you sign?"
//! (the very test the deal outcome uses), agreement, the escalation chance, and the outcome
//! check with typed reasons.

use serde::{Deserialize, Serialize};

use super::state::{Cause, Negotiation};
use crate::scenario::{
    Ending, IssueIx, Level, Package, PartyIx, Role, Scenario, analyse_with, best_for, nash_product,
};

/// How one negotiator stands toward the current text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stand {
    pub utility: f64,
    pub reservation: f64,
    /// Red lines kept, and in all.
    pub kept: usize,
    pub red_lines: usize,
    /// Lowest trust toward another negotiator.
    pub min_trust: f64,
    pub present: bool,
}

impl Stand {
    /// Every red line kept and at least the reservation value: the text itself is acceptable.
    pub fn text_acceptable(&self) -> bool {
        self.kept == self.red_lines && self.utility >= self.reservation - 1e-9
    }

    /// How near the text itself is to one the party could sign (0–1): half the share of its red
    /// lines kept, half its worth as a share of its reservation value (whole where the worth is
    /// enough). 1 exactly where [`Stand::text_acceptable`] says so: agreement's measure of the
    /// text, and how ready a mediator's advisers see each side ([`crate::ai::value`]).
    pub fn nearness(&self) -> f64 {
        let lines = if self.red_lines == 0 {
            1.0
        } else {
            self.kept as f64 / self.red_lines as f64
        };
        // Full marks exactly where `Stand::text_acceptable` says the worth is enough.
        let util = if self.utility >= self.reservation - 1e-9 {
            1.0
        } else {
            (self.utility / self.reservation).clamp(0.0, 1.0)
        };
        0.5 * lines + 0.5 * util
    }

    /// The text is acceptable, the party is at the table and trusts the others enough.
    pub fn would_sign(&self, min_trust: f64) -> bool {
        self.present && self.text_acceptable() && self.min_trust >= min_trust
    }
}

/// A party's lowest trust in another negotiator (100 if there is none).
pub fn min_trust(s: &Scenario, st: &Negotiation, p: PartyIx) -> f64 {
    s.negotiators
        .iter()
        .filter(|&&q| q != p)
        .map(|&q| st.trust(p, q))
        .fold(100.0, f64::min)
}

/// How a party stands toward the draft. A signatory is not at the table: only the text counts
/// for it (its trust reads as full and it is always present).
pub fn stand(s: &Scenario, st: &Negotiation, p: PartyIx) -> Stand {
    let party = &s.parties[p];
    let levels = &st.draft.levels;
    let at_table = party.role == Role::Negotiator;
    Stand {
        utility: s.utility(p, levels),
        reservation: party.reservation.at(st.tension, st.parties[p].hardliners),
        kept: s.red_lines_kept(p, levels),
        red_lines: party.red_lines.len(),
        min_trust: if at_table { min_trust(s, st, p) } else { 100.0 },
        present: st.parties[p].present || !at_table,
    }
}

/// Whether the text itself (trust and presence aside) is one the party could sign.
pub fn text_acceptable(s: &Scenario, st: &Negotiation, p: PartyIx) -> bool {
    stand(s, st, p).text_acceptable()
}

/// One reason in an answer to "would you sign?".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Ground {
    /// The party is away from the table.
    Absent,
    /// Red line `k` of the party's list, kept or broken; `parts` has bit `j` set when its
    /// `j`-th part is kept (a red line over several issues shows each).
    RedLine {
        k: usize,
        kept: bool,
        #[serde(default)]
        parts: u16,
    },
    /// The text's worth against the reservation value.
    Worth { utility: f64, reservation: f64 },
    /// The clause that costs the party most, at its level in the text (when the text is worth
    /// too little).
    Costliest { issue: IssueIx, level: Level },
    /// Trust in another negotiator against the trust needed to sign.
    Trust {
        other: PartyIx,
        trust: f64,
        enough: bool,
    },
}

impl Ground {
    /// The reason as a party that does not know this party's priorities may hear it: `None`
    /// for one that gives them away ([`Ground::hidden`]); the worth against the walk-away value
    /// only as enough (1 against 0.5) or too little (0 against 0.5), so that no hidden number
    /// leaves the party (over the network too).
    pub fn heard(self) -> Option<Ground> {
        match self {
            g if g.hidden() => None,
            Ground::Worth {
                utility,
                reservation,
            } => Some(Ground::Worth {
                utility: if utility >= reservation - 1e-9 {
                    1.0
                } else {
                    0.0
                },
                reservation: 0.5,
            }),
            g => Some(g),
        }
    }

    /// Whether this reason stands against signing.
    pub fn against(&self) -> bool {
        match *self {
            Ground::Absent => true,
            Ground::RedLine { kept, .. } => !kept,
            Ground::Worth {
                utility,
                reservation,
            } => utility < reservation - 1e-9,
            Ground::Costliest { .. } => true,
            Ground::Trust { enough, .. } => !enough,
        }
    }
}

/// A party's answer to "would you sign this text now?". The deal outcome uses the same answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub party: PartyIx,
    pub would_sign: bool,
    pub stand: Stand,
    /// Every reason, for and against, in a fixed order: presence, red lines, worth, trust.
    pub grounds: Vec<Ground>,
}

impl Verdict {
    /// The first reason against signing, if any.
    pub fn first_refusal(&self) -> Option<Ground> {
        self.grounds.iter().copied().find(Ground::against)
    }
}

/// "Would you sign this text now?" for a party, with every reason.
pub fn verdict(s: &Scenario, st: &Negotiation, p: PartyIx) -> Verdict {
    let party = &s.parties[p];
    let stand = stand(s, st, p);
    let levels = &st.draft.levels;
    let at_table = party.role == Role::Negotiator;
    let mut grounds = Vec::new();
    if !stand.present {
        grounds.push(Ground::Absent);
    }
    for (k, r) in party.red_lines.iter().enumerate() {
        grounds.push(Ground::RedLine {
            k,
            kept: r.keeps(levels),
            parts: r
                .parts
                .iter()
                .enumerate()
                .filter(|(_, part)| part.rule.allows(levels[part.issue]))
                .fold(0, |m, (j, _)| m | 1 << j),
        });
    }
    grounds.push(Ground::Worth {
        utility: stand.utility,
        reservation: stand.reservation,
    });
    if stand.utility < stand.reservation - 1e-9 {
        let loss = |i: usize| {
            let pref = &party.prefs[i];
            let best = s.issues[i]
                .options()
                .map(|o| pref.value(o))
                .fold(0.0, f64::max);
            pref.weight * (best - pref.value(levels[i]))
        };
        let worst = (0..s.issues.len())
            .map(|i| (loss(i), i))
            .filter(|(l, _)| *l > 1e-9)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, i)) = worst {
            grounds.push(Ground::Costliest {
                issue: i,
                level: levels[i],
            });
        }
    }
    for &q in s.negotiators.iter().filter(|&&q| q != p && at_table) {
        let trust = st.trust(p, q);
        grounds.push(Ground::Trust {
            other: q,
            trust,
            enough: trust >= s.rules.min_trust,
        });
    }
    Verdict {
        party: p,
        would_sign: stand.would_sign(s.rules.min_trust),
        stand,
        grounds,
    }
}

/// Whether a deal is made: every negotiator has accepted the current text and would sign it
/// now, and every signatory consents to it (would sign: the text keeps its red lines and is
/// worth its walk-away value).
pub fn deal_reached(s: &Scenario, st: &Negotiation) -> bool {
    s.consenting.iter().all(|&p| consents(s, st, p))
}

/// Whether party `p`, one whose consent a deal needs, gives it to the text now: a negotiator
/// has accepted it and would sign it; a signatory would sign it.
pub fn consents(s: &Scenario, st: &Negotiation, p: PartyIx) -> bool {
    (st.parties[p].accepted || s.parties[p].role != Role::Negotiator)
        && stand(s, st, p).would_sign(s.rules.min_trust)
}

/// Agreement (0–100) from the stand of each party whose consent a deal needs, in the order of
/// [`Scenario::consenting`].
///
/// Each negotiator's closeness is the mean of its share of red lines kept and its utility as a
/// share of its reservation value, scaled by its trust as a share of the trust needed to sign
/// (trust counts for 40 %) and halved while it is away. Agreement is the mean of the average
/// and the lowest closeness, so one side far away holds it down. It is 100 exactly when every
/// one of them would sign.
pub fn agreement_of(s: &Scenario, stands: impl Iterator<Item = Stand>) -> f64 {
    let mut sum = 0.0;
    let mut min = f64::INFINITY;
    let mut n = 0usize;
    for sd in stands {
        n += 1;
        let trust = if s.rules.min_trust <= 0.0 {
            1.0
        } else {
            (sd.min_trust / s.rules.min_trust).clamp(0.0, 1.0)
        };
        let presence = if sd.present { 1.0 } else { 0.5 };
        let a = sd.nearness() * (0.6 + 0.4 * trust) * presence;
        sum += a;
        min = min.min(a);
    }
    let n = n.max(1) as f64;
    (100.0 * (0.5 * sum / n + 0.5 * min.min(1.0))).clamp(0.0, 100.0)
}

/// Agreement (0–100); see [`agreement_of`].
pub fn agreement(s: &Scenario, st: &Negotiation) -> f64 {
    agreement_of(s, s.consenting.iter().map(|&p| stand(s, st, p)))
}

/// Recomputes the scores the state caches (agreement).
pub fn rescore(s: &Scenario, st: &mut Negotiation) {
    st.agreement = agreement(s, st);
}

/// [`rescore`], leaving the stands (in the order of [`Scenario::consenting`]: the negotiators
/// first) in `stands` for reuse.
pub fn rescore_with(s: &Scenario, st: &mut Negotiation, stands: &mut Vec<Stand>) {
    stands.clear();
    stands.extend(s.consenting.iter().map(|&p| stand(s, st, p)));
    st.agreement = agreement_of(s, stands.iter().copied());
}

/// How good a text is, measured against what was possible: the utility in it of every party
/// whose consent a deal needs with its walk-away value as the talks opened, the Nash package
/// (the text that maximises the product of the gains over the walk-away values) and, for one
/// negotiator, the best text for it that every other would have signed, both over each party's
/// [`review_floor`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The text reviewed.
    pub text: Vec<Level>,
    /// (party, utility, reservation) in the text for every party whose consent a deal needs, in
    /// the order of [`Scenario::consenting`]: the reservation as the talks opened
    /// ([`opening_walk_away`]), which the quality, the balance and the texts beside it are
    /// measured from.
    pub stands: Vec<(PartyIx, f64, f64)>,
    pub nash: Option<Package>,
    /// The best text for the party the review is for, when it is scored by its own gain: among
    /// the texts worth at least its [`review_floor`] to every party whose consent a deal needs.
    pub best: Option<Package>,
    /// The text's Nash product as a share of the Nash package's (0–1).
    pub balance: f64,
    /// The deal's quality for the party the review is for (0–1): the balance for the mediator;
    /// for any other party its surplus over its walk-away value as the talks opened as a
    /// share of the surplus of its best text over that value (1 when it could have had no more).
    pub quality: f64,
    /// For a party outside the consent (a spoiler, a regional state): (party, utility,
    /// reservation) in the text, as `stands` has them for the parties inside it.
    #[serde(default)]
    pub outside: Option<(PartyIx, f64, f64)>,
    /// Whether the text was signed: a game that ends without a deal has the text left on the
    /// table reviewed too (it scores nothing).
    #[serde(default = "signed")]
    pub signed: bool,
}

fn signed() -> bool {
    true
}

impl Review {
    /// What the columns of [`Review::columns`] and the worth rows under them mean, in words.
    pub fn legend(&self) -> String {
        let mut out = Vec::new();
        if self.nash.is_some() {
            out.push(
                "The Nash package is the text that makes the product of every side's gain over \
                 its walk-away value largest: the most even split a deal allows.",
            );
        }
        if self.best.is_some() {
            out.push(
                "\"Best for you\" is the best text for you that keeps every red line and is worth \
                 to every party whose consent a deal needs at least its walk-away value, at the \
                 start of the talks or on the day of signing, whichever is lower.",
            );
        }
        out.push(
            "The rows under the texts say what each is worth (0–1) to each party; in brackets, its \
             walk-away value at the start of the talks, which a deal's quality is measured from \
             (whatever tension was on the day it was signed).",
        );
        out.join(" ")
    }

    /// The texts the end screen sets side by side, each with its heading: the signed text (or
    /// the one left on the table), the Nash package and, for a party scored by its own gain, its
    /// best text.
    pub fn columns(&self) -> Vec<(&'static str, &[Level])> {
        let own = if self.signed { "Signed" } else { "Final text" };
        let mut columns: Vec<(&'static str, &[Level])> = vec![(own, &self.text)];
        if let Some(n) = &self.nash {
            columns.push(("Nash package", &n.levels));
        }
        if let Some(b) = &self.best {
            columns.push(("Best for you", &b.levels));
        }
        columns
    }
}

/// Reviews the text of `st` (as signed, or as it stands) for party `me`: its quality from
/// `me`'s walk-away value as the talks opened ([`opening_walk_away`]), against what was possible
/// with every party's [`review_floor`]. The deal-quality score and the end screen's comparison
/// come from here.
pub fn review(s: &Scenario, st: &Negotiation, me: PartyIx) -> Review {
    let (stands, floors, nash) = review_base(s, st);
    review_for(s, st, me, stands, &floors, nash)
}

/// [`review`] for every party, in party order (the Nash package is found once).
pub fn reviews(s: &Scenario, st: &Negotiation) -> Vec<Review> {
    let (stands, floors, nash) = review_base(s, st);
    (0..s.parties.len())
        .map(|p| review_for(s, st, p, stands.clone(), &floors, nash.clone()))
        .collect()
}

type Stands = Vec<(PartyIx, f64, f64)>;

/// Party `p`'s walk-away value as the talks opened (at the scenario's starting tension and its
/// hardliners' starting support): what a deal's quality is measured from, so that the tension
/// and the mood at home on the day of signing do not move the score. (Measured from the
/// walk-away value at signing, a deal signed after a calm week scored less: a tester's forecast
/// of 209 became 173 as tension fell 8 points, and escalating before signing paid.)
pub fn opening_walk_away(s: &Scenario, p: PartyIx) -> f64 {
    let party = &s.parties[p];
    (party.reservation).at(s.tension.start, party.domestic.hardliners.support)
}

/// The walk-away value a review measures what was possible with, for party `p`: the lower of
/// its value as the talks opened and its value in `st`. A text the sides sign is worth at least
/// the day's value to each, so it is always among the texts they "would have signed"; and a
/// calmer day, which raises the day's value, changes nothing (a review's reviewer found a text
/// signed under pressure, below a side's opening value, left out of the texts it was measured
/// against).
pub fn review_floor(s: &Scenario, st: &Negotiation, p: PartyIx) -> f64 {
    let party = &s.parties[p];
    let day = party.reservation.at(st.tension, st.parties[p].hardliners);
    opening_walk_away(s, p).min(day)
}

/// The (utility, reservation as the talks opened) in the text of every party whose consent a
/// deal needs (the negotiators, then the signatories), each one's [`review_floor`], and the
/// Nash package among them (over those floors).
fn review_base(s: &Scenario, st: &Negotiation) -> (Stands, Vec<(PartyIx, f64)>, Option<Package>) {
    let stands: Stands = s
        .consenting
        .iter()
        .map(|&p| (p, s.utility(p, &st.draft.levels), opening_walk_away(s, p)))
        .collect();
    let floors: Vec<(PartyIx, f64)> = (s.consenting.iter())
        .map(|&p| (p, review_floor(s, st, p)))
        .collect();
    let nash = analyse_with(s, &floors).best;
    (stands, floors, nash)
}

fn review_for(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    stands: Stands,
    res: &[(PartyIx, f64)],
    nash: Option<Package>,
) -> Review {
    let text = st.draft.levels.clone();
    let own = nash_product(s, res, &text);
    let balance = match &nash {
        Some(n) if n.nash > 1e-12 => (own / n.nash).clamp(0.0, 1.0),
        // Nothing better was possible: a text that keeps every walk-away value is balanced.
        _ => f64::from(u8::from(
            (stands.iter().zip(res)).all(|(&(_, u, _), &(_, r))| u >= r - 1e-9),
        )),
    };
    // A party outside the consent, other than the mediator, is scored by its own gain too.
    let outside =
        (!s.consenting.contains(&me) && s.parties[me].role != Role::Mediator).then(|| {
            (
                me,
                s.utility(me, &st.draft.levels),
                opening_walk_away(s, me),
            )
        });
    let mine = stands.iter().find(|x| x.0 == me).copied().or(outside);
    let best = match outside {
        Some(_) => crate::scenario::feasibility::best_outside(s, res, me),
        None => mine.and_then(|_| best_for(s, res, me)),
    };
    let quality = match (mine, &best) {
        (Some((_, u, r)), Some(b)) => {
            let top = s.utility(me, &b.levels) - r;
            if top > 1e-9 {
                ((u - r) / top).clamp(0.0, 1.0)
            } else {
                f64::from(u8::from(u >= r - 1e-9))
            }
        }
        (Some((_, u, r)), None) => f64::from(u8::from(u >= r - 1e-9)),
        (None, _) => balance,
    };
    Review {
        text,
        stands,
        nash,
        best,
        balance,
        quality,
        outside,
        signed: true,
    }
}

/// The chance of war this week's escalation roll carries at a given tension.
pub fn escalation_chance(s: &Scenario, tension: f64) -> f64 {
    ((tension - s.tension.escalation_threshold).max(0.0) * s.tension.escalation_per_point)
        .clamp(0.0, 1.0)
}

/// The chance of war as a week that leaves `st` ends, as the outcome check decides it: certain
/// where tension has reached war outright, none rolled where a deal or a collapse settles the
/// game first (`None`), else the escalation roll's at its tension.
pub fn war_at_end(s: &Scenario, st: &Negotiation) -> Option<f64> {
    match settled(s, st) {
        Some(o) if o.kind == OutcomeKind::War => Some(1.0),
        Some(_) => None,
        None => Some(escalation_chance(s, st.tension)),
    }
}

/// How a game ended.
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

/// One reason of an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    /// Tension reached the point of war.
    WarTension(f64),
    /// One of this week's largest rises of tension.
    Cause(Cause),
    /// Every negotiator accepted the same text and would sign it (and every signatory consents).
    AllAccepted,
    /// What the signed text is worth to a negotiator.
    Worth {
        party: PartyIx,
        utility: f64,
        reservation: f64,
    },
    /// A negotiator stayed away too long.
    StayedAway { party: PartyIx, weeks: u32 },
    /// The escalation roll failed.
    Incident { tension: f64, chance: f64 },
    /// The last week passed.
    TimeUp(u32),
    /// Why a negotiator would not sign the final text.
    Refused { party: PartyIx, ground: Ground },
    /// A negotiator would have signed the final text but had not accepted it in time.
    NotAccepted { party: PartyIx },
    /// An event ended the game.
    Ended(usize),
    /// The facilitator of a networked game ended the talks.
    Called,
}

/// An outcome with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub week: u32,
    pub reasons: Vec<Reason>,
}

/// This week's three largest rises of tension.
fn top_causes(st: &Negotiation) -> impl Iterator<Item = Reason> {
    let mut c: Vec<Cause> = st
        .causes
        .iter()
        .copied()
        .filter(|c| c.delta > 0.0)
        .collect();
    c.sort_by(|a, b| b.delta.total_cmp(&a.delta));
    c.into_iter().take(3).map(Reason::Cause)
}

/// How the game has ended in `st` other than by a deal, as [`settled`] finds it: an event that
/// ended it, war at the top of the scale, or a negotiator away too long (a state cannot be both
/// a deal and a collapse: a negotiator away cannot sign). What the AI values a state by where
/// no deal can come any more ([`crate::ai::value`]); no allocation.
pub fn ended(s: &Scenario, st: &Negotiation) -> Option<OutcomeKind> {
    match st.ended {
        Some((end, _)) => Some(ending_kind(end)),
        None if st.tension >= s.tension.war_at => Some(OutcomeKind::War),
        None => stayed_away(s, st).map(|_| OutcomeKind::Collapse),
    }
}

/// The outcome an `End` effect's ending is.
fn ending_kind(end: Ending) -> OutcomeKind {
    match end {
        Ending::War => OutcomeKind::War,
        Ending::Collapse => OutcomeKind::Collapse,
        Ending::Stalemate => OutcomeKind::Stalemate,
    }
}

/// The first negotiator away from the table `rules.collapse_after` weeks or more.
fn stayed_away(s: &Scenario, st: &Negotiation) -> Option<PartyIx> {
    (s.negotiators.iter().copied())
        .find(|&p| !st.parties[p].present && st.parties[p].absent_weeks >= s.rules.collapse_after)
}

/// The outcome check, before the escalation roll: war at the top of the scale, a deal or a
/// collapse. `None` means the roll comes next, and then, in the last week, a stalemate.
pub fn settled(s: &Scenario, st: &Negotiation) -> Option<Outcome> {
    let week = st.week;
    // An event that ends the game says how, before anything else is weighed.
    if let Some((end, e)) = st.ended {
        let kind = ending_kind(end);
        return Some(Outcome {
            kind,
            week,
            reasons: vec![Reason::Ended(e)],
        });
    }
    if st.tension >= s.tension.war_at {
        let mut reasons = vec![Reason::WarTension(st.tension)];
        reasons.extend(top_causes(st));
        return Some(Outcome {
            kind: OutcomeKind::War,
            week,
            reasons,
        });
    }
    if deal_reached(s, st) {
        let mut reasons = vec![Reason::AllAccepted];
        for &p in &s.consenting {
            let sd = stand(s, st, p);
            reasons.push(Reason::Worth {
                party: p,
                utility: sd.utility,
                reservation: sd.reservation,
            });
        }
        return Some(Outcome {
            kind: OutcomeKind::Deal,
            week,
            reasons,
        });
    }
    if let Some(p) = stayed_away(s, st) {
        return Some(Outcome {
            kind: OutcomeKind::Collapse,
            week,
            reasons: vec![Reason::StayedAway {
                party: p,
                weeks: st.parties[p].absent_weeks,
            }],
        });
    }
    None
}

/// The war an escalation roll starts, with its reasons.
pub fn incident(st: &Negotiation, chance: f64) -> Outcome {
    let mut reasons = vec![Reason::Incident {
        tension: st.tension,
        chance,
    }];
    reasons.extend(top_causes(st));
    Outcome {
        kind: OutcomeKind::War,
        week: st.week,
        reasons,
    }
}

/// The stalemate when time runs out: each negotiator's first reason not to sign.
pub fn stalemate(s: &Scenario, st: &Negotiation) -> Outcome {
    let mut reasons = vec![Reason::TimeUp(s.weeks)];
    for &p in &s.consenting {
        match verdict(s, st, p).first_refusal() {
            Some(ground) => reasons.push(Reason::Refused { party: p, ground }),
            None if !st.parties[p].accepted && s.parties[p].role == Role::Negotiator => {
                reasons.push(Reason::NotAccepted { party: p })
            }
            None => {}
        }
    }
    Outcome {
        kind: OutcomeKind::Stalemate,
        week: st.week,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::analyse;
    use crate::testkit::{geneva, tutorial, wander};

    fn all_sign(s: &Scenario, st: &Negotiation) -> bool {
        s.negotiators.iter().all(|&p| verdict(s, st, p).would_sign)
    }

    /// A deal's review measures its party's gain from its walk-away value as the talks opened,
    /// so a calmer day of signing does not lower it (a tester's calm last week cut a forecast of
    /// 209 to 173): in Geneva, where calm raises every walk-away value, the same text reviews
    /// alike at any tension up to the opening one. And the text the sides would sign is always
    /// among those it is measured against: "best for you" is worth at least as much to its
    /// party, and the Nash package's product is at least the text's.
    #[test]
    fn a_deals_review_is_measured_from_the_opening_walk_away_values() {
        let s = geneva();
        assert!(
            s.consenting
                .iter()
                .all(|&p| s.parties[p].reservation.tension <= 0.0)
        );
        let start = Negotiation::start(&s);
        let (mut signable, mut moved) = (0, 0);
        for seed in 0..16 {
            let mut st = wander(&s, seed, (seed % 9) as u32);
            for (row, begun) in st.parties.iter_mut().zip(&start.parties) {
                row.hardliners = begun.hardliners;
            }
            let mut calmer = st.clone();
            st.tension = start.tension;
            calmer.tension = (start.tension - 20.0).max(0.0);
            let (a, b) = (reviews(&s, &st), reviews(&s, &calmer));
            for (p, (x, y)) in a.iter().zip(&b).enumerate() {
                assert_eq!(x, y, "seed {seed}, party {p}");
            }
            for &(p, _, r) in &a[0].stands {
                assert!((r - stand(&s, &start, p).reservation).abs() < 1e-12);
                moved += usize::from((stand(&s, &calmer, p).reservation - r).abs() > 1e-6);
            }
            // Under pressure (tension well above the opening), with a text every side would
            // sign that day.
            let mut tense = st.clone();
            tense.tension = (start.tension + 30.0).min(100.0);
            if !s
                .consenting
                .iter()
                .all(|&p| stand(&s, &tense, p).text_acceptable())
            {
                continue;
            }
            signable += 1;
            for (p, r) in reviews(&s, &tense).iter().enumerate() {
                if let (Some(best), Some(&(_, u, _))) =
                    (&r.best, r.stands.iter().find(|x| x.0 == p))
                {
                    assert!(
                        s.utility(p, &best.levels) >= u - 1e-9,
                        "seed {seed}, party {p}"
                    );
                }
                let floors: Vec<(PartyIx, f64)> = (s.consenting.iter())
                    .map(|&q| (q, review_floor(&s, &tense, q)))
                    .collect();
                let own = crate::scenario::feasibility::nash_product(&s, &floors, &r.text);
                assert!(own > 0.0 || r.nash.is_none(), "seed {seed}");
                if let Some(n) = &r.nash {
                    assert!(n.nash >= own - 1e-12, "seed {seed}");
                }
            }
        }
        assert!(
            moved > 0,
            "the day's walk-away values differ from the opening ones"
        );
        assert!(signable > 0, "no text every side would sign under pressure");
    }

    /// A reason as a side that does not know the party's priorities hears it keeps only
    /// whether the text is worth enough, and nothing of what it gives away.
    #[test]
    fn a_reason_heard_without_the_priorities_keeps_no_hidden_number() {
        let worth = |utility, reservation| Ground::Worth {
            utility,
            reservation,
        };
        assert_eq!(worth(0.41, 0.47).heard(), Some(worth(0.0, 0.5)));
        assert_eq!(worth(0.62, 0.47).heard(), Some(worth(1.0, 0.5)));
        for g in [worth(0.41, 0.47), worth(0.62, 0.47)] {
            assert_eq!(g.heard().unwrap().against(), g.against());
        }
        assert_eq!(
            Ground::Costliest {
                issue: 0,
                level: Some(1)
            }
            .heard(),
            None
        );
        let trust = Ground::Trust {
            other: 1,
            trust: 40.0,
            enough: false,
        };
        assert_eq!(trust.heard(), Some(trust));
    }

    #[test]
    fn agreement_is_100_exactly_when_every_negotiator_would_sign() {
        for s in [geneva(), tutorial()] {
            for seed in 0..80 {
                let st = wander(&s, seed, (seed % 12) as u32);
                let a = agreement(&s, &st);
                assert!((0.0..=100.0).contains(&a));
                assert_eq!(
                    a >= 100.0 - 1e-9,
                    all_sign(&s, &st),
                    "seed {seed}: agreement {a}"
                );
            }
            // The feasibility analysis's package with full trust: everyone signs, agreement 100.
            let best = analyse(&s)
                .best
                .expect("the scenario has a feasible package");
            let mut st = Negotiation::start(&s);
            st.draft.levels = best.levels.clone();
            for &p in &s.negotiators {
                for &q in &s.negotiators {
                    if p != q {
                        st.trust.push(crate::rules::TrustMod {
                            from: p,
                            to: q,
                            source: crate::rules::Source::Drift,
                            value: 100.0,
                            decay: 0.0,
                            born: 0,
                        });
                    }
                }
            }
            assert!(
                all_sign(&s, &st),
                "the best package is signable with full trust"
            );
            assert!((agreement(&s, &st) - 100.0).abs() < 1e-9);
        }
    }

    #[test]
    fn the_deal_check_is_the_verdict() {
        let s = geneva();
        for seed in 0..120 {
            let mut st = wander(&s, seed, (seed % 10) as u32);
            // Everyone accepts whatever the text is: a deal exactly when each would sign.
            for &p in &s.negotiators {
                st.parties[p].accepted = true;
            }
            assert_eq!(deal_reached(&s, &st), all_sign(&s, &st));
            let settled = settled(&s, &st).map(|o| o.kind);
            if st.tension < s.tension.war_at {
                assert_eq!(settled == Some(OutcomeKind::Deal), all_sign(&s, &st));
            }
            // And a stalemate names, for each negotiator who would not sign, its first reason.
            let stale = stalemate(&s, &st);
            for &p in &s.negotiators {
                let v = verdict(&s, &st, p);
                let named = stale
                    .reasons
                    .iter()
                    .any(|r| matches!(r, Reason::Refused { party, .. } if *party == p));
                assert_eq!(named, !v.would_sign);
                // One who would sign but had not accepted is named as such.
                let late = stale
                    .reasons
                    .iter()
                    .any(|r| matches!(r, Reason::NotAccepted { party } if *party == p));
                assert_eq!(late, v.would_sign && !st.parties[p].accepted);
                assert_eq!(v.first_refusal().is_some(), !v.would_sign);
            }
        }
    }

    /// A deal's quality for each party: the mediator's is the deal's balance; a negotiator's,
    /// and a spoiler's or a regional state's, its own gain over its walk-away value against the
    /// best text the negotiators would have signed, which no signable text beats.
    #[test]
    fn a_deal_is_scored_by_each_party_s_own_gain_but_the_mediator_s_balance() {
        let s = geneva();
        let [oman, israel, qatar] = ["oman", "israel", "qatar"].map(|p| s.party_ix(p).unwrap());
        let (mut israel_nothing, mut qatar_gains) = (0, 0);
        for seed in 0..60 {
            let st = wander(&s, seed, (seed % 12) as u32);
            let signable = s
                .consenting
                .iter()
                .all(|&q| stand(&s, &st, q).text_acceptable());
            let all = reviews(&s, &st);
            assert_eq!(all[oman].quality, all[oman].balance);
            assert!(all[oman].best.is_none() && all[oman].outside.is_none());
            for p in [israel, qatar] {
                let r = &all[p];
                let (q, u, res) = r.outside.expect("a party outside the consent");
                assert_eq!(q, p);
                assert!((u - s.utility(p, &st.draft.levels)).abs() < 1e-12);
                assert!(
                    (res - s.parties[p]
                        .reservation
                        .at(st.tension, st.parties[p].hardliners))
                    .abs()
                        < 1e-12
                );
                let best = r.best.as_ref().expect("Geneva has a signable text");
                let top = s.utility(p, &best.levels);
                if signable {
                    assert!(
                        u <= top + 1e-9,
                        "seed {seed}: no signable text beats the best"
                    );
                }
                let want = if top - res > 1e-9 {
                    ((u - res) / (top - res)).clamp(0.0, 1.0)
                } else {
                    f64::from(u8::from(u >= res - 1e-9))
                };
                assert!((r.quality - want).abs() < 1e-12, "seed {seed}");
                assert_eq!(r.columns().last().map(|c| c.0), Some("Best for you"));
                let counts = if p == israel {
                    &mut israel_nothing
                } else {
                    &mut qatar_gains
                };
                *counts += usize::from((p == israel) == (r.quality == 0.0));
            }
        }
        // Israel gains only from a tough deal: some texts are worth no more than its walk-away;
        // Qatar, with no walk-away value, gains from some.
        assert!(israel_nothing > 0 && qatar_gains > 0);
    }

    #[test]
    fn escalation_starts_at_the_threshold_and_rises_linearly_to_certainty() {
        let s = geneva();
        let t = &s.tension;
        assert_eq!(escalation_chance(&s, t.escalation_threshold), 0.0);
        assert_eq!(escalation_chance(&s, t.escalation_threshold - 10.0), 0.0);
        let one = escalation_chance(&s, t.escalation_threshold + 1.0);
        assert!((one - t.escalation_per_point).abs() < 1e-12);
        let five = escalation_chance(&s, t.escalation_threshold + 5.0);
        assert!((five - 5.0 * t.escalation_per_point).abs() < 1e-12);
        assert_eq!(escalation_chance(&s, 1e9), 1.0);
    }

    #[test]
    fn a_verdict_gives_every_red_line_the_worth_and_the_trust() {
        let s = geneva();
        let st = Negotiation::start(&s);
        for &p in &s.negotiators {
            let v = verdict(&s, &st, p);
            let lines = v
                .grounds
                .iter()
                .filter(|g| matches!(g, Ground::RedLine { .. }))
                .count();
            assert_eq!(lines, s.parties[p].red_lines.len());
            assert!(v.grounds.iter().any(|g| matches!(g, Ground::Worth { .. })));
            assert_eq!(
                v.grounds
                    .iter()
                    .filter(|g| matches!(g, Ground::Trust { .. }))
                    .count(),
                s.negotiators.len() - 1
            );
            assert_eq!(v.reasons(&s).len(), v.grounds.len());
        }
    }
}
