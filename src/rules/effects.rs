//! The one interpreter of change: [`apply`] carries out a move or an event on the state, and
//! [`end_week`] does what every week does regardless (trust fades, audiences move with inertia,
//! tension drifts and feels the troops, clauses bank). The turn schedule calls them for the
//! real week; [`predict`] calls the very same functions, in the same order, on a copy, for the
//! AI's scoring and the player's expected effects.

use super::bargain;
use super::legal::{self, Choice, bits, mask, pairs};
use super::score::{self, Stand};
use super::state::{Cause, Change, Deed, Draft, Negotiation, Source, TrustMod};
use crate::scenario::{Camp, Effect, IssueIx, Level, PartyIx, Scenario};

/// A move or an event to carry out: where it comes from (which fixes its actor and effects) and
/// its targets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Act {
    pub source: Source,
    pub target: Option<PartyIx>,
    pub issue: Option<IssueIx>,
}

impl Act {
    /// A party's move.
    pub fn of_move(actor: PartyIx, c: Choice) -> Self {
        Self {
            source: Source::Move { actor, mv: c.mv },
            target: c.party,
            issue: c.issue,
        }
    }

    /// An event of the scenario.
    pub fn of_event(e: usize) -> Self {
        Self {
            source: Source::Event(e),
            target: None,
            issue: None,
        }
    }

    /// The acting party and the effects, from the scenario.
    pub fn parts<'a>(&self, s: &'a Scenario) -> (Option<PartyIx>, &'a [Effect]) {
        match self.source {
            Source::Move { actor, mv } => (Some(actor), &s.moves[mv].effects),
            Source::Event(e) => (s.events[e].actor, &s.events[e].effects),
            _ => (None, &[]),
        }
    }
}

/// What applying an act did that the log and the news tell (the state holds the rest).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Banked clauses that were reopened: (issue, by whom, the negotiators who trust it less for
    /// it as a bit mask: see [`resenters`]).
    pub reopened: Vec<(IssueIx, PartyIx, u32)>,
    /// Clauses that became contested: (issue, by whom, whose change it undid).
    pub contested: Vec<(IssueIx, PartyIx, PartyIx)>,
    /// Parties that left the table, and that came back.
    pub left: Vec<PartyIx>,
    pub returned: Vec<PartyIx>,
    /// The move's price was given back: a proposal, concession or bridge that found nothing to
    /// change after the acts before it this week.
    pub refunded: bool,
    /// The move's acceptance did not take: an earlier act this week changed the text.
    pub missed: bool,
    /// Parties whose acceptance the act withdrew and did not give again (by changing the text,
    /// or unsettling the talks), as a bit mask ([`Applied::withdrawn`]); a party that left the
    /// table is in `left` instead.
    withdrew: u32,
}

impl Applied {
    pub fn clear(&mut self) {
        self.reopened.clear();
        self.contested.clear();
        self.left.clear();
        self.returned.clear();
        self.refunded = false;
        self.missed = false;
        self.withdrew = 0;
    }

    /// The parties whose acceptance the act withdrew and did not give again (by changing the
    /// text, or unsettling the talks), in party order; a party that left the table is in `left`
    /// instead.
    pub fn withdrawn(&self) -> impl Iterator<Item = PartyIx> + Clone {
        bits(self.withdrew)
    }
}

/// Carries out one act, effect by effect in the order the scenario lists them. Clause changes
/// are recorded in `st.draft.changes`; the rest of what is worth telling goes to `out`.
pub fn apply(s: &Scenario, st: &mut Negotiation, act: &Act, out: &mut Applied) {
    let (actor, effects) = act.parts(s);
    let target = act.target;
    let changes = st.draft.changes.len();
    // A move's steps on its clause never take it across the actor's own red line: legality
    // reads the text as the week opened, and an act before this one may have moved the clause
    // so that a step would now cross it (a tester's concession, after Oman had pulled the clause
    // back, broke its own red line). Judged by legality's own test on the text as it stands now
    // ([`legal::draft_blocked`]): then none is taken, and the move changes nothing.
    let crosses = match (act.source, act.issue) {
        (Source::Move { actor, mv }, Some(i)) => {
            legal::draft_blocked(s, st, actor, mv, i) == Some(legal::Blocked::RedLine)
        }
        _ => false,
    };
    if let Source::Move { actor, mv } = act.source {
        let c = &mut st.parties[actor].capital;
        *c = (*c - s.moves[mv].cost).clamp(0.0, s.capital.max);
        // Parties and moves are bounded by validation (16 parties; moves fit in u16).
        st.deeds.push(Deed {
            week: st.week,
            party: actor as u8,
            mv: mv as u16,
        });
    }
    for e in effects {
        match e {
            Effect::Tension(v) => {
                st.tension = (st.tension + v).clamp(0.0, 100.0);
                if *v != 0.0 {
                    st.causes.push(Cause {
                        source: act.source,
                        delta: *v,
                    });
                }
            }
            Effect::Trust(x, y, v, d) => {
                for (from, to) in pairs(s, x, y, actor, target) {
                    st.trust.push(TrustMod {
                        from,
                        to,
                        source: act.source,
                        value: *v,
                        decay: *d,
                        born: 0,
                    });
                }
            }
            Effect::Domestic(x, camp, v) => {
                for p in bits(mask(s, x, actor, target)) {
                    let row = &mut st.parties[p];
                    let t = match camp {
                        Camp::Hardliners => &mut row.hardliners_target,
                        Camp::Moderates => &mut row.moderates_target,
                    };
                    *t = (*t + v).clamp(0.0, 100.0);
                }
            }
            Effect::Troops(x, v) => {
                for p in bits(mask(s, x, actor, target)) {
                    let t = &mut st.parties[p].troops;
                    *t = t.saturating_add(*v).max(0);
                }
            }
            Effect::Draft(toward) => {
                if let (Some(i), Some(a)) = (act.issue, actor)
                    && !crosses
                {
                    let to = legal::draft_step(s, &st.draft.levels, i, *toward, a);
                    set_clause(s, st, out, i, to, a);
                }
            }
            Effect::Bridge => {
                if let Some(a) = actor
                    && let Some((i, l)) = legal::bridge_target(s, st)
                {
                    set_clause(s, st, out, i, l, a);
                }
            }
            Effect::Accept => {
                // An acceptance is of the text as the week opened: if another party's act has
                // changed it this week, it does not take.
                if let Some(a) = actor {
                    let changed = !st.draft.changes.is_empty();
                    out.missed |= st.parties[a].present && changed;
                    st.parties[a].accepted = st.parties[a].present && !changed;
                }
            }
            Effect::Offer => {
                if let Some(a) = actor {
                    let was = st.parties[a].accepted;
                    // The text drawn up as the week opened ([`draw_texts`]); one taken alone
                    // (a prediction) is drawn up now, which is then.
                    let text = match st.drawn.iter().position(|d| d.0 == a) {
                        Some(k) => {
                            (st.drawn.swap_remove(k).1).unwrap_or_else(|| st.draft.levels.clone())
                        }
                        None => bargain::offer(s, st, a),
                    };
                    for (i, &to) in text.iter().enumerate() {
                        set_clause(s, st, out, i, to, a);
                    }
                    // It stands by its text only if it would sign it now (trust and all): an
                    // acceptance it gave before, of a text it changed nothing of, may go too.
                    st.parties[a].accepted = score::stand(s, st, a).would_sign(s.rules.min_trust);
                    if was && !st.parties[a].accepted {
                        out.withdrew |= 1 << a;
                    }
                }
            }
            Effect::WalkOut(x) => {
                for p in bits(mask(s, x, actor, target)) {
                    let row = &mut st.parties[p];
                    if row.present {
                        out.left.push(p);
                    }
                    row.present = false;
                    row.accepted = false;
                }
            }
            Effect::Return(x) => {
                // A walk-out holds for the week it is made: a party that left this week (away,
                // and no week's end yet) is not brought back before the next.
                for p in bits(mask(s, x, actor, target)) {
                    let row = st.parties[p];
                    let left_now = !row.present && row.absent_weeks == 0;
                    if !left_now && come_back(st, p) {
                        out.returned.push(p);
                    }
                }
            }
            Effect::Reveal(x) => {
                if let Some(a) = actor {
                    let seen = mask(s, x, actor, target) & !(1 << a);
                    st.parties[a].revealed |= seen;
                }
            }
            Effect::Unsettle => withdraw_all(st, out),
            Effect::SetFlag(k) => st.flags |= 1 << k,
            Effect::ClearFlag(k) => st.flags &= !(1u64 << k),
            Effect::Clause(i, l) => {
                if let Some(a) = actor {
                    set_clause(s, st, out, *i, *l, a);
                }
            }
            Effect::End(kind) => {
                if let Source::Event(e) = act.source
                    && st.ended.is_none()
                {
                    st.ended = Some((*kind, e));
                }
            }
        }
    }
    // A proposal, concession or bridge (a one-clause step, which is offered only while it would
    // change the text) that, after the acts before it this week, finds nothing to change costs
    // no capital: its price is given back (its other effects stand). A whole text (`Offer`) or
    // a fixed `Clause` may be chosen on a text it would not change, and pays.
    if let Source::Move { actor, mv } = act.source
        && s.moves[mv].cost > 0.0
        && st.draft.changes.len() == changes
        && s.derived.moves[mv].steps
    {
        let c = &mut st.parties[actor].capital;
        *c = (*c + s.moves[mv].cost).min(s.capital.max);
        out.refunded = true;
    }
    // An acceptance the act gave again (a whole text its author would sign) was not withdrawn,
    // and a party that left is told as leaving. (Worked out only when some acceptance was
    // withdrawn: the AI applies every move it weighs.)
    if out.withdrew != 0 {
        out.withdrew &= !accepted_mask(st);
        for &p in &out.left {
            out.withdrew &= !(1 << p);
        }
    }
}

/// The parties that have accepted the text, as a bit mask.
fn accepted_mask(st: &Negotiation) -> u32 {
    (st.parties.iter().enumerate()).fold(0, |m, (p, row)| m | u32::from(row.accepted) << p)
}

/// Withdraws every acceptance, recording whose in `out`.
fn withdraw_all(st: &mut Negotiation, out: &mut Applied) {
    out.withdrew |= accepted_mask(st);
    st.parties.iter_mut().for_each(|p| p.accepted = false);
}

/// How many weeks' ends a party away from the table must have seen before it may come back by
/// chance: two, so never in the week it left (that week's end is its first).
pub const CHANCE_RETURN_AFTER: u32 = 2;

/// A party away from the table comes back (by a move, or by chance at the end of a week).
/// Returns whether it was away.
pub fn come_back(st: &mut Negotiation, p: PartyIx) -> bool {
    let row = &mut st.parties[p];
    let away = !row.present;
    row.present = true;
    row.absent_weeks = 0;
    away
}

/// Changes one clause. Any change withdraws every acceptance; reopening a banked clause costs
/// the actor trust with each other negotiator the change hurts ([`resenters`]); undoing another party's latest change of the
/// clause ([`undoes`]) makes the clause contested, and any other change makes it uncontested.
fn set_clause(
    s: &Scenario,
    st: &mut Negotiation,
    out: &mut Applied,
    issue: IssueIx,
    to: Level,
    actor: PartyIx,
) {
    let from = st.draft.levels[issue];
    if from == to {
        return;
    }
    if st.draft.banked[issue] {
        let hurt = resenters(s, issue, from, to, actor);
        out.reopened.push((issue, actor, hurt));
        st.draft.banked[issue] = false;
        for q in bits(hurt) {
            st.trust.push(TrustMod {
                from: q,
                to: actor,
                source: Source::Reopen(issue),
                value: -s.rules.reopen_cost,
                decay: s.rules.reopen_decay,
                born: 0,
            });
        }
    }
    // What the others read the actor's priorities from (see `bargain::believed_weights`).
    let pref = &s.parties[actor].prefs[issue];
    let row = &mut st.parties[actor];
    if let Some(n) = if pref.value(to) > pref.value(from) {
        row.pushed.get_mut(issue)
    } else {
        row.gave.get_mut(issue)
    } {
        *n = n.saturating_add(1);
    }
    let change = Change {
        issue,
        from,
        to,
        by: actor,
    };
    let d = &mut st.draft;
    let undone = d.last[issue].filter(|&last| undoes(&change, last));
    d.contested &= !(1 << issue);
    if let Some(c) = undone {
        d.contested |= 1 << issue;
        d.pulled_back = d.pulled_back.saturating_add(1);
        out.contested.push((issue, actor, c.by));
    }
    d.last[issue] = Some(change);
    d.levels[issue] = to;
    d.changes.push(change);
    withdraw_all(st, out);
}

/// The negotiators (as a bit mask) who trust `actor` less for reopening banked clause `issue`
/// by changing it from `from` to `to`: each negotiator other than the actor whose utility the
/// change lowers (it values `to` below `from`, on an issue it gives weight). A reopening that
/// takes nothing from a negotiator (a concession to it, or a change it does not care about)
/// costs no trust with it.
pub fn resenters(s: &Scenario, issue: IssueIx, from: Level, to: Level, actor: PartyIx) -> u32 {
    s.negotiators
        .iter()
        .filter(|&&q| {
            q != actor && {
                let pref = &s.parties[q].prefs[issue];
                pref.weight * (pref.value(from) - pref.value(to)) > 1e-12
            }
        })
        .fold(0, |m, &q| m | 1 << q)
}

/// Whether a change of a clause undoes `last`, the clause's latest change before it: it takes
/// the clause back to where another party's change took it from. Such a change contests the
/// clause.
pub fn undoes(change: &Change, last: Change) -> bool {
    last.by != change.by && last.from == change.to && last.to == change.from
}

/// Opens the next week: the counter goes up and last week's causes and changes are cleared.
/// Moves are chosen, legal or not, and predicted against an opened week.
pub fn begin_week(st: &mut Negotiation) {
    st.week = st.week.saturating_add(1);
    st.trust.settle();
    st.causes.clear();
    st.draft.changes.clear();
}

/// A copy of the state as the coming week opens (what the player chooses against).
pub fn opened(st: &Negotiation) -> Negotiation {
    let mut next = st.clone();
    begin_week(&mut next);
    next
}

/// Whether clause `i` of draft `d` banks at a week's end where it has stood unchanged for
/// `weeks` weeks: it is in the text, not banked yet, unchanged for `rules.bank_after` weeks and
/// keeps the red lines of every party whose consent a deal needs. The end of the week banks by
/// it; [`banks_this_week`] tells it in advance.
pub fn banks(s: &Scenario, d: &Draft, i: IssueIx, weeks: u32) -> bool {
    let level = d.levels[i];
    level.is_some() && !d.banked[i] && weeks >= s.rules.bank_after && s.consenting_allow(i, level)
}

/// The clauses that bank at the end of the coming week unless some act changes them (`st` is
/// the state the week is chosen against): reopening one afterwards costs trust.
pub fn banks_this_week(s: &Scenario, st: &Negotiation) -> Vec<IssueIx> {
    let d = &st.draft;
    (0..s.issues.len())
        .filter(|&i| banks(s, d, i, d.unchanged[i].saturating_add(1)))
        .collect()
}

/// What happened at the end of the week that the log tells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeekEnd {
    pub banked: Vec<IssueIx>,
    /// Negotiators whose acceptance lapsed (they would no longer sign).
    pub lapsed: Vec<PartyIx>,
}

/// The end of every week, after all acts: trust modifiers fade; each party earns its political
/// capital ([`income`], from its support before the audiences move); each audience moves toward
/// its target by (1 − inertia) of the gap; absent parties count another week away; tension
/// drifts toward its resting level (at most `drift`) and rises with the troops above the
/// baseline; unchanged clauses that keep every negotiator's red lines bank after `bank_after`
/// weeks; the text's version goes up if it changed; an acceptance lapses if its party would no
/// longer sign. A week whose acts made the deal ([`score::deal_reached`]) has no end: it ends in
/// the signing, so the state stays as the acts left it. (Agreement is rescored after this, in
/// the scoring phase: see [`score::rescore`].)
pub fn end_week(s: &Scenario, st: &mut Negotiation, out: &mut WeekEnd) {
    out.banked.clear();
    out.lapsed.clear();
    st.drawn.clear();
    // A week whose acts leave every party whose consent a deal needs consenting (each
    // negotiator has accepted and would sign, each signatory would sign) ends in the deal:
    // its end does not come, so no trust fades and no acceptance lapses before the signing.
    // (Unless the outcome is not the deal: an event ended the talks, or tension is at war.)
    if st.ended.is_none() && st.tension < s.tension.war_at && score::deal_reached(s, st) {
        return;
    }
    st.trust.fade();
    let mut troops: i64 = 0;
    for p in 0..st.parties.len() {
        // A party's income reads only its own row, from before its audiences move.
        let gain = income(s, st, p);
        let d = &s.parties[p].domestic;
        let row = &mut st.parties[p];
        row.capital = (row.capital + gain).clamp(0.0, s.capital.max);
        row.hardliners += (row.hardliners_target - row.hardliners) * (1.0 - d.hardliners.inertia);
        row.moderates += (row.moderates_target - row.moderates) * (1.0 - d.moderates.inertia);
        troops = troops.saturating_add(row.troops);
        if !row.present {
            row.absent_weeks = row.absent_weeks.saturating_add(1);
        }
    }
    let t = &s.tension;
    let drift = (t.rest - st.tension).clamp(-t.drift, t.drift);
    if drift.abs() > 1e-9 {
        st.causes.push(Cause {
            source: Source::Drift,
            delta: drift,
        });
    }
    let excess = troops.saturating_sub(i64::from(t.troop_baseline)).max(0);
    let pressure = t.per_10k_troops * excess as f64 / 10_000.0;
    if pressure.abs() > 1e-9 {
        st.causes.push(Cause {
            source: Source::Troops(excess),
            delta: pressure,
        });
    }
    st.tension = (st.tension + drift + pressure).clamp(0.0, 100.0);
    let d = &mut st.draft;
    let changed = d.changes.iter().fold(0u32, |m, c| m | 1 << c.issue);
    for i in 0..s.issues.len() {
        if changed >> i & 1 == 1 {
            d.unchanged[i] = 0;
            continue;
        }
        d.unchanged[i] = d.unchanged[i].saturating_add(1);
        if banks(s, d, i, d.unchanged[i]) {
            d.banked[i] = true;
            out.banked.push(i);
        }
    }
    if !d.changes.is_empty() {
        d.version = d.version.saturating_add(1);
    }
    // An acceptance lapses when the week leaves its party unwilling to sign (trust fell, the
    // walk-away rose): "accepts the text" always means "would sign it now".
    for &p in &s.negotiators {
        if st.parties[p].accepted && !score::stand(s, st, p).would_sign(s.rules.min_trust) {
            st.parties[p].accepted = false;
            out.lapsed.push(p);
        }
    }
}

/// A party's income of political capital at the end of this week: its `income`, plus
/// `capital.support` per 50 points of support at home above 50 (less below), plus
/// `capital.troops` per 10,000 of its troops in the theatre.
pub fn income(s: &Scenario, st: &Negotiation, p: PartyIx) -> f64 {
    s.parties[p].income
        + s.capital.support * (st.support(s, p) - 50.0) / 50.0
        + s.capital.troops * st.parties[p].troops as f64 / 10_000.0
}

/// Reused buffers for predicting many acts from one state.
#[derive(Debug, Default)]
pub struct Scratch {
    pub state: Negotiation,
    /// Each negotiator's stand in the predicted state, in negotiator order.
    pub stands: Vec<Stand>,
    applied: Applied,
    week_end: WeekEnd,
}

impl Scratch {
    /// What the act of the latest [`predict`] did that the state does not hold.
    pub fn applied(&self) -> &Applied {
        &self.applied
    }
}

/// Draws up, as the week opens (`st`, before its acts), the whole text of each `Offer` move
/// among `acts`: a party tables the text its move showed, whatever the events and moves before
/// it do to tension, its hardliners or what it reads of the others (two testers tabled texts
/// redrawn after an earlier move and lost clauses they had been shown). [`apply`] tables it.
pub fn draw_texts(s: &Scenario, st: &mut Negotiation, acts: &[Act]) {
    st.drawn.clear();
    for act in acts {
        if let Source::Move { actor, mv } = act.source
            && s.moves[mv].effects.contains(&Effect::Offer)
            && !st.drawn.iter().any(|d| d.0 == actor)
        {
            let text = bargain::drawn_text(s, st, actor);
            st.drawn.push((actor, text));
        }
    }
}

/// The state at the end of this week if `act` were the week's only act: [`apply`], [`end_week`]
/// and [`score::rescore`] on a copy, exactly as the turn resolves and scores it. The result
/// lives in `scratch`.
pub fn predict<'a>(
    s: &Scenario,
    st: &Negotiation,
    act: &Act,
    scratch: &'a mut Scratch,
) -> &'a Negotiation {
    scratch.state.clone_from(st);
    scratch.applied.clear();
    apply(s, &mut scratch.state, act, &mut scratch.applied);
    end_week(s, &mut scratch.state, &mut scratch.week_end);
    score::rescore_with(s, &mut scratch.state, &mut scratch.stands);
    &scratch.state
}

/// For each event, whether it may come in the turn after `st` (a state at a turn's end) as far
/// as its conditions go, as the draw judges it (`Deck::may_come` in the game): one scheduled for
/// that turn, or one drawn by chance (a weight, and a scenario that draws), and its conditions
/// hold as that turn opens. Cooldowns and `once` are the deck's, which the rules do not keep:
/// `live[e]` false leaves event `e` out (an empty `live` leaves none out). Into `out`.
///
/// The conditions are read on `st` with the week counted on by one, as [`begin_week`] opens
/// it: nothing else it does changes what a condition reads (settling trust keeps every figure),
/// so no copy of the state is made (the AI asks this of every move it weighs).
pub fn events_open_after(s: &Scenario, st: &mut Negotiation, live: &[bool], out: &mut Vec<bool>) {
    let draws = s.rules.event_chance > 0.0 && s.rules.events_per_turn > 0;
    st.week = st.week.saturating_add(1);
    out.clear();
    out.extend(s.events.iter().enumerate().map(|(e, ev)| {
        live.get(e).copied().unwrap_or(true)
            && ev.at.map_or(draws && ev.weight > 0.0, |w| w == st.week)
            && (ev.conditions.iter()).all(|c| super::holds(s, st, c, ev.actor, None))
    }));
    st.week -= 1;
}

/// The chance that event `e`, one of those `open` ([`events_open_after`]), comes in the turn
/// after: 1 for one scheduled then; for one drawn by chance, that one of the turn's
/// `rules.events_per_turn` draws (each made with `rules.event_chance`, by weight among the
/// open events drawn by chance) picks it, counted as if each draw were made from them all,
/// `1 − (1 − chance × weight / their weight together)^draws` (exact for one draw a turn; the
/// game's screens count the draws without replacement).
pub fn event_chance_after(s: &Scenario, open: &[bool], e: usize) -> f64 {
    if s.events[e].at.is_some() {
        return 1.0;
    }
    let together: f64 = (s.events.iter().zip(open))
        .filter(|(ev, o)| **o && ev.at.is_none())
        .map(|(ev, _)| ev.weight)
        .sum();
    if together <= 0.0 {
        return 0.0;
    }
    let miss = 1.0 - s.rules.event_chance * s.events[e].weight / together;
    let mut all_miss = 1.0;
    for _ in 0..s.rules.events_per_turn {
        all_miss *= miss;
    }
    (1.0 - all_miss).clamp(0.0, 1.0)
}

/// The state as the turn after `st` (a state at a turn's end) opens with event `e`, before
/// anything else that turn: [`begin_week`], the event's effects ([`apply`]) and
/// [`score::rescore`], on a copy in `scratch`. What the AI weighs an event it lets come by.
pub fn predict_event<'a>(
    s: &Scenario,
    st: &Negotiation,
    e: usize,
    scratch: &'a mut Scratch,
) -> &'a Negotiation {
    scratch.state.clone_from(st);
    scratch.applied.clear();
    begin_week(&mut scratch.state);
    apply(
        s,
        &mut scratch.state,
        &Act::of_event(e),
        &mut scratch.applied,
    );
    score::rescore_with(s, &mut scratch.state, &mut scratch.stands);
    &scratch.state
}

/// The state at the end of this week if nobody acted (the baseline moves are measured against).
pub fn predict_idle<'a>(
    s: &Scenario,
    st: &Negotiation,
    scratch: &'a mut Scratch,
) -> &'a Negotiation {
    scratch.state.clone_from(st);
    end_week(s, &mut scratch.state, &mut scratch.week_end);
    score::rescore_with(s, &mut scratch.state, &mut scratch.stands);
    &scratch.state
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Draft;
    use crate::testkit::{geneva, wander};

    /// A whole text is the one drawn up as the week opened (what its preview showed), whatever
    /// the events and moves before it do to tension, hardliners or what its party reads of the
    /// others; a week without them tables the same text as a prediction of the move alone.
    #[test]
    fn a_whole_text_is_the_one_drawn_up_as_the_week_opened() {
        let s = geneva();
        let table = (s.moves.iter())
            .position(|m| m.effects.contains(&Effect::Offer))
            .expect("Geneva has a move that tables a whole text");
        let mut scratch = Scratch::default();
        let (mut checked, mut would_differ) = (0, 0);
        for seed in 0..12 {
            let st = opened(&wander(&s, seed, (seed % 7) as u32));
            for &a in &s.negotiators {
                let offer = Act::of_move(
                    a,
                    Choice {
                        mv: table,
                        party: None,
                        issue: None,
                    },
                );
                let drawn = bargain::drawn_text(&s, &st, a);
                let alone = predict(&s, &st, &offer, &mut scratch).draft.levels.clone();
                for e in 0..s.events.len() {
                    let first = Act::of_event(e);
                    let mut week = st.clone();
                    draw_texts(&s, &mut week, &[first, offer]);
                    apply(&s, &mut week, &first, &mut Applied::default());
                    let now = bargain::drawn_text(&s, &week, a);
                    would_differ += usize::from(now != drawn);
                    let found = week.draft.levels.clone();
                    apply(&s, &mut week, &offer, &mut Applied::default());
                    let text = drawn.clone().unwrap_or(found);
                    assert_eq!(week.draft.levels, text, "seed {seed}, event {e}");
                    assert!(week.drawn.is_empty(), "a text is tabled once");
                    checked += 1;
                }
                let mut quiet = st.clone();
                draw_texts(&s, &mut quiet, &[offer]);
                apply(&s, &mut quiet, &offer, &mut Applied::default());
                assert_eq!(quiet.draft.levels, alone, "seed {seed}");
            }
        }
        assert!(checked > 0 && would_differ > 0, "{checked} {would_differ}");
    }

    /// The clauses said to bank this week unless changed are exactly those a week with no move
    /// banks, on states of every kind.
    #[test]
    fn the_banking_forecast_is_what_a_quiet_week_banks() {
        let s = geneva();
        let mut told = 0;
        for seed in 0..60 {
            let st = wander(&s, seed, (seed % 9) as u32);
            let forecast = banks_this_week(&s, &st);
            let mut scratch = Scratch::default();
            let after = predict_idle(&s, &opened(&st), &mut scratch);
            let banked: Vec<IssueIx> = (0..s.issues.len())
                .filter(|&i| after.draft.banked[i] && !st.draft.banked[i])
                .collect();
            assert_eq!(forecast, banked, "seed {seed}");
            told += forecast.len();
        }
        assert!(told > 0, "some clause banks");
    }

    #[test]
    fn trust_modifiers_fade_by_their_decay_and_then_go() {
        let s = geneva();
        let mut st = Negotiation::start(&s);
        let before = st.trust(0, 1);
        st.trust.push(TrustMod {
            from: 0,
            to: 1,
            source: Source::Drift,
            value: -3.0,
            decay: 1.5,
            born: 0,
        });
        assert!((st.trust(0, 1) - (before - 3.0).clamp(0.0, 100.0)).abs() < 1e-9);
        st.trust.fade();
        let lasting: Vec<_> = st
            .trust
            .modifiers(0, 1)
            .filter(|m| m.source == Source::Drift)
            .collect();
        assert_eq!(lasting.len(), 1);
        assert!((lasting[0].value + 1.5).abs() < 1e-12);
        st.trust.fade();
        assert_eq!(
            st.trust
                .modifiers(0, 1)
                .filter(|m| m.source == Source::Drift)
                .count(),
            0
        );
    }

    /// The end of a week withdraws the acceptance of every negotiator who would no longer sign,
    /// and names exactly those.
    #[test]
    fn the_end_of_a_week_names_the_acceptances_it_lets_lapse() {
        let s = geneva();
        let mut lapsed = 0;
        for seed in 0..40 {
            let mut st = wander(&s, seed, (seed % 9) as u32);
            for &p in &s.negotiators {
                st.parties[p].accepted = true;
            }
            let mut out = WeekEnd::default();
            end_week(&s, &mut st, &mut out);
            let dropped: Vec<PartyIx> = s
                .negotiators
                .iter()
                .copied()
                .filter(|&p| !st.parties[p].accepted)
                .collect();
            assert_eq!(out.lapsed, dropped);
            for &p in &s.negotiators {
                let signs = score::stand(&s, &st, p).would_sign(s.rules.min_trust);
                assert_eq!(st.parties[p].accepted, signs);
            }
            lapsed += dropped.len();
        }
        assert!(lapsed > 0);
    }

    #[test]
    fn opening_a_week_settles_trust_without_changing_any_value() {
        let s = geneva();
        let n = s.parties.len();
        for seed in 0..40 {
            let st = wander(&s, seed, (seed % 9) as u32);
            let next = opened(&st);
            for k in 0..n * n {
                let (a, b) = (k / n, k % n);
                assert_eq!(st.trust(a, b).to_bits(), next.trust(a, b).to_bits());
            }
        }
    }

    #[test]
    fn audiences_move_a_share_of_the_gap_each_week() {
        let s = geneva();
        let p = s.negotiators[0];
        let mut st = Negotiation::start(&s);
        let start = st.parties[p].hardliners;
        st.parties[p].hardliners_target = start + 10.0;
        end_week(&s, &mut st, &mut WeekEnd::default());
        let inertia = s.parties[p].domestic.hardliners.inertia;
        assert!((st.parties[p].hardliners - (start + 10.0 * (1.0 - inertia))).abs() < 1e-9);
    }

    /// A step on the text never moves a clause across its actor's own red line, whatever the
    /// clause stands at when it comes (an act before it may have moved it since the week
    /// opened): it then changes nothing and gives its price back.
    #[test]
    fn a_step_never_crosses_its_actor_s_own_red_line() {
        let s = geneva();
        let (mut held, mut moved) = (0, 0);
        for &p in &s.negotiators {
            for (mv, m) in s.moves.iter().enumerate() {
                let toward = m.effects.iter().find_map(|e| match e {
                    Effect::Draft(t) => Some(*t),
                    _ => None,
                });
                let Some(toward) =
                    toward.filter(|_| m.usable_by(p, crate::scenario::Role::Negotiator))
                else {
                    continue;
                };
                for i in 0..s.issues.len() {
                    for l in s.issues[i].options() {
                        let mut st = Negotiation::start(&s);
                        st.draft.levels[i] = l;
                        st.parties[p].capital = s.capital.max / 2.0;
                        let step = legal::draft_step(&s, &st.draft.levels, i, toward, p);
                        let act = Act::of_move(
                            p,
                            Choice {
                                mv,
                                party: None,
                                issue: Some(i),
                            },
                        );
                        apply(&s, &mut st, &act, &mut Applied::default());
                        let to = st.draft.levels[i];
                        let what = format!("{} {} on {}", s.parties[p].id, m.id, s.issues[i].id);
                        if s.allows(p, i, step) {
                            assert_eq!(to, step, "{what}");
                            moved += usize::from(step != l);
                        } else {
                            assert_eq!(to, l, "{what}: across its own red line");
                            assert_eq!(st.parties[p].capital, s.capital.max / 2.0, "{what}");
                            // Held back where the step would have moved it.
                            held += usize::from(step != l);
                        }
                    }
                }
            }
        }
        assert!(held > 0 && moved > 0, "{held} {moved}");
    }

    #[test]
    fn troop_counts_saturate_instead_of_wrapping() {
        let mut s = (*geneva()).clone();
        let deploy = s.move_ix("deploy").expect("Geneva has deploy");
        s.moves[deploy].effects = vec![Effect::Troops(crate::scenario::Subject::Actor, i64::MAX)];
        let us = s.party_ix("united_states").expect("the US is a party");
        let mut st = Negotiation::start(&s);
        let act = Act::of_move(
            us,
            Choice {
                mv: deploy,
                party: None,
                issue: None,
            },
        );
        apply(&s, &mut st, &act, &mut Applied::default());
        assert_eq!(st.parties[us].troops, i64::MAX);
        end_week(&s, &mut st, &mut WeekEnd::default());
        assert!(st.tension <= 100.0);
    }

    #[test]
    fn a_change_of_the_text_withdraws_every_acceptance_and_counts_one_version() {
        let s = geneva();
        for seed in 0..30 {
            let mut st = wander(&s, seed, 3);
            begin_week(&mut st);
            st.parties.iter_mut().for_each(|p| p.accepted = true);
            let version = st.draft.version;
            let Some(bridge) = s.move_ix("bridge") else {
                return;
            };
            let oman = s.party_ix("oman").expect("Oman mediates");
            apply(
                &s,
                &mut st,
                &Act::of_move(
                    oman,
                    Choice {
                        mv: bridge,
                        party: None,
                        issue: None,
                    },
                ),
                &mut Applied::default(),
            );
            let changed = !st.draft.changes.is_empty();
            assert_eq!(st.parties.iter().all(|p| !p.accepted), changed);
            end_week(&s, &mut st, &mut WeekEnd::default());
            assert_eq!(st.draft.version, version + u32::from(changed));
        }
    }

    #[test]
    fn prediction_is_apply_then_end_week_then_scoring() {
        let s = geneva();
        let mut scratch = Scratch::default();
        for seed in 0..20 {
            let st = opened(&wander(&s, seed, (seed % 6) as u32));
            for p in 0..s.parties.len() {
                for c in crate::rules::legal_choices(&s, &st, p) {
                    let act = Act::of_move(p, c);
                    let mut by_hand = st.clone();
                    apply(&s, &mut by_hand, &act, &mut Applied::default());
                    end_week(&s, &mut by_hand, &mut WeekEnd::default());
                    score::rescore(&s, &mut by_hand);
                    assert_eq!(predict(&s, &st, &act, &mut scratch), &by_hand);
                }
            }
        }
    }

    /// Geneva opened at week 1 with the armed-groups clause at its second level, and a push on
    /// that clause by a party (`propose`: `Draft(Actor)`) or a concession (`concede`).
    fn armed_groups() -> (
        std::sync::Arc<Scenario>,
        Negotiation,
        IssueIx,
        impl Fn(PartyIx, &str) -> Act,
    ) {
        let s = geneva();
        let mut st = opened(&Negotiation::start(&s));
        let i = s.issue_ix("armed_groups").unwrap();
        st.draft.levels[i] = Some(1);
        let moves: Vec<String> = s.moves.iter().map(|m| m.id.clone()).collect();
        let act = move |p: PartyIx, id: &str| {
            let mv = moves.iter().position(|m| m == id).unwrap();
            Act::of_move(
                p,
                Choice {
                    mv,
                    party: None,
                    issue: Some(i),
                },
            )
        };
        (s, st, i, act)
    }

    #[test]
    fn undoing_another_partys_change_contests_the_clause_until_some_other_change() {
        let (s, mut st, i, act) = armed_groups();
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let mut out = Applied::default();
        apply(&s, &mut st, &act(iran, "propose"), &mut out);
        assert_eq!(st.draft.levels[i], Some(0), "Iran pulls it its way");
        assert_eq!((st.draft.contested, out.contested.len()), (0, 0));
        out.clear();
        apply(&s, &mut st, &act(us, "propose"), &mut out);
        assert_eq!(
            st.draft.levels[i],
            Some(1),
            "the United States pulls it back"
        );
        assert_eq!(st.draft.contested, 1 << i);
        assert_eq!(out.contested, vec![(i, us, iran)]);
        // It stays contested across the end of the week and the next opening.
        end_week(&s, &mut st, &mut WeekEnd::default());
        begin_week(&mut st);
        assert_eq!(st.draft.contested, 1 << i);
        assert_eq!(st.draft.unchanged[i], 0);
        // A concession moves it somewhere new: no longer contested.
        let mut conceded = st.clone();
        out.clear();
        apply(&s, &mut conceded, &act(iran, "concede"), &mut out);
        assert_eq!(conceded.draft.levels[i], Some(2));
        assert_eq!((conceded.draft.contested, out.contested.len()), (0, 0));
        // Left alone, it banks (its level keeps every red line) and stays contested: the AI's
        // patience runs from the contest, banked or not.
        assert!(s.consenting_allow(i, st.draft.levels[i]));
        while !st.draft.banked[i] {
            assert!(st.draft.is_contested(i));
            end_week(&s, &mut st, &mut WeekEnd::default());
            begin_week(&mut st);
        }
        assert!(st.draft.is_contested(i));
        assert_eq!(st.draft.pulled_back, 1, "one change undid another's");
    }

    #[test]
    fn a_record_of_contested_clauses_that_does_not_fit_the_text_is_a_fault() {
        let (s, mut st, i, act) = armed_groups();
        // Iran pulls the clause its way, the United States pulls it back.
        for p in ["iran", "united_states"] {
            let p = s.party_ix(p).unwrap();
            apply(&s, &mut st, &act(p, "propose"), &mut Applied::default());
        }
        assert!(st.draft.is_contested(i));
        assert_eq!(st.draft.contest_fault(&s), None);
        let spoilt: [fn(&mut Draft, IssueIx); 6] = [
            |d, _| d.contested |= 1 << 15,
            |d, i| d.contested |= 1 << (i + 1),
            |d, i| d.last[i].as_mut().unwrap().issue = i + 1,
            |d, i| d.last[i].as_mut().unwrap().by = 99,
            |d, i| d.last[i].as_mut().unwrap().to = Some(0),
            |d, _| {
                d.last.pop();
            },
        ];
        for (k, spoil) in spoilt.iter().enumerate() {
            let mut d = st.draft.clone();
            spoil(&mut d, i);
            assert!(d.contest_fault(&s).is_some(), "fault {k} found");
        }
    }

    #[test]
    fn a_party_taking_back_its_own_change_contests_nothing() {
        let (s, mut st, i, act) = armed_groups();
        let iran = s.party_ix("iran").unwrap();
        let mut out = Applied::default();
        apply(&s, &mut st, &act(iran, "propose"), &mut out);
        apply(&s, &mut st, &act(iran, "concede"), &mut out);
        assert_eq!(st.draft.levels[i], Some(1), "back where it began");
        assert_eq!((st.draft.contested, out.contested.len()), (0, 0));
        let last = st.draft.last[i].unwrap();
        assert_eq!((last.by, last.from, last.to), (iran, Some(0), Some(1)));
    }
}
