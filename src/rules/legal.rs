//! What may happen: conditions, the parties a subject names, one-step moves of a clause, the
//! bridging proposal, and the legal moves of a party.

use serde::{Deserialize, Serialize};

use super::score;
use super::state::Negotiation;
use crate::scenario::{
    Condition, Effect, IssueIx, Level, Move, PartyIx, Scenario, Subject, TargetKind, Toward,
};

/// A chosen move: the move's index and its target, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Choice {
    pub mv: usize,
    pub party: Option<PartyIx>,
    pub issue: Option<IssueIx>,
}

/// The parties a subject names, as a bit set (scenarios have at most 16 parties).
/// `actor`/`target` may be absent (events without an actor).
pub(crate) fn mask(
    s: &Scenario,
    subj: &Subject,
    actor: Option<PartyIx>,
    target: Option<PartyIx>,
) -> u32 {
    let bit = |p: Option<PartyIx>| p.map_or(0, |p| 1u32 << p);
    let all = (1u32 << s.parties.len()) - 1;
    match subj {
        Subject::Actor => bit(actor),
        Subject::Target => bit(target),
        Subject::Party(p) => 1 << p,
        Subject::Role(r) => s
            .derived
            .roles
            .iter()
            .find(|x| x.0 == *r)
            .map_or(0, |x| x.1),
        Subject::Others => all & !bit(actor),
        Subject::OtherNegotiators => s.negotiators.iter().fold(0, |m, &p| m | 1 << p) & !bit(actor),
        Subject::All => all,
    }
}

/// The parties of a bit set, in ascending order.
pub(crate) fn bits(m: u32) -> impl Iterator<Item = PartyIx> + Clone {
    let mut m = m;
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let p = m.trailing_zeros() as usize;
            m &= m - 1;
            p
        })
    })
}

/// The ordered pairs (from, to) of two subjects, without a party paired with itself.
pub(crate) fn pairs(
    s: &Scenario,
    x: &Subject,
    y: &Subject,
    actor: Option<PartyIx>,
    target: Option<PartyIx>,
) -> impl Iterator<Item = (PartyIx, PartyIx)> {
    let ys = bits(mask(s, y, actor, target));
    bits(mask(s, x, actor, target))
        .flat_map(move |f| ys.clone().map(move |t| (f, t)))
        .filter(|(f, t)| f != t)
}

/// Whether a condition holds. Conditions on several parties hold when they hold for every one.
pub fn holds(
    s: &Scenario,
    st: &Negotiation,
    c: &Condition,
    actor: Option<PartyIx>,
    target: Option<PartyIx>,
) -> bool {
    let all =
        |subj: &Subject, f: &dyn Fn(PartyIx) -> bool| bits(mask(s, subj, actor, target)).all(f);
    let ps = &st.parties;
    match c {
        Condition::TensionAbove(v) => st.tension > *v,
        Condition::TensionBelow(v) => st.tension < *v,
        Condition::AgreementAbove(v) => st.agreement > *v,
        Condition::AgreementBelow(v) => st.agreement < *v,
        Condition::WeekAtLeast(w) => st.week >= *w,
        Condition::WeekAtMost(w) => st.week <= *w,
        Condition::TrustBelow(x, y, v) => {
            pairs(s, x, y, actor, target).all(|(f, t)| st.trust(f, t) < *v)
        }
        Condition::TrustAbove(x, y, v) => {
            pairs(s, x, y, actor, target).all(|(f, t)| st.trust(f, t) > *v)
        }
        Condition::HardlinersBelow(x, v) => all(x, &|p| ps[p].hardliners < *v),
        Condition::HardlinersAbove(x, v) => all(x, &|p| ps[p].hardliners > *v),
        Condition::TroopsAbove(x, v) => all(x, &|p| ps[p].troops > *v),
        Condition::TroopsBelow(x, v) => all(x, &|p| ps[p].troops < *v),
        Condition::Present(x) => all(x, &|p| ps[p].present),
        Condition::Absent(x) => all(x, &|p| !ps[p].present),
        Condition::Addressed(i) => st.draft.levels[*i].is_some(),
        Condition::NotAddressed(i) => st.draft.levels[*i].is_none(),
        Condition::DraftKeeps(x) => all(x, &|p| s.keeps_red_lines(p, &st.draft.levels)),
        Condition::AnyBanked => st.draft.banked.iter().any(|&x| x),
        Condition::Flag(k) => st.flags >> k & 1 == 1,
        Condition::NotFlag(k) => st.flags >> k & 1 == 0,
        Condition::Did(x, mv) => all(x, &|p| st.did(p, *mv, |_| true)),
        Condition::DidLast(x, mv) => all(x, &|p| st.did(p, *mv, |w| w + 1 == st.week)),
        Condition::DidOn(x, mv, n) => all(x, &|p| st.did(p, *mv, |w| w == *n)),
    }
}

/// The option that a one-step move of `issue` toward `toward` reaches, from the current draft:
/// the nearest option on the way to the goal that the side it favours values more than the
/// current one (so a concession always gives something and a proposal always gains), and, for
/// a proposal, that keeps the actor's own red lines; or the goal itself. A step reads only the
/// clause it moves, so it is worked out once per scenario (see
/// [`crate::scenario::Derived::step`]).
pub fn draft_step(
    s: &Scenario,
    draft: &[Level],
    issue: IssueIx,
    toward: Toward,
    actor: PartyIx,
) -> Level {
    s.derived.step(actor, issue, toward, draft[issue])
}

/// The clause a bridging proposal changes and where it puts it: first a clause that breaks a
/// binding red line (a negotiator's or a signatory's), else the unbanked clause whose fair level
/// gains the most for the worse-off side. `None` when the text is one every party whose consent
/// a deal needs could sign, trust aside.
pub fn bridge_target(s: &Scenario, st: &Negotiation) -> Option<(IssueIx, Level)> {
    if s.consenting
        .iter()
        .all(|&p| score::text_acceptable(s, st, p))
    {
        return None;
    }
    let draft = &st.draft.levels;
    for (i, &level) in draft.iter().enumerate() {
        if !s.consenting_allow(i, level)
            && let Some(f) = s.derived.fairest[i]
        {
            return Some((i, f));
        }
    }
    let mut best: Option<(f64, IssueIx, Level)> = None;
    for (i, &level) in draft.iter().enumerate() {
        if st.draft.banked[i] {
            continue;
        }
        let Some(f) = s.derived.fairest[i] else {
            continue;
        };
        if f == level {
            continue;
        }
        // Gain in the lowest weighted utility among negotiators, and a narrower spread.
        let (low_f, high_f) = spread(s, i, f);
        let (low_d, high_d) = spread(s, i, level);
        let gain = low_f - low_d;
        let score = gain + 0.5 * ((high_d - low_d) - (high_f - low_f));
        if score > 1e-9 && best.is_none_or(|(bs, _, _)| score > bs + 1e-12) {
            best = Some((score, i, f));
        }
    }
    best.map(|(_, i, l)| (i, l))
}

/// The lowest and highest weighted utility among negotiators of one clause at a level.
fn spread(s: &Scenario, i: IssueIx, l: Level) -> (f64, f64) {
    s.negotiators
        .iter()
        .map(|&p| s.parties[p].prefs[i].weight * s.parties[p].prefs[i].value(l))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
}

/// Why a move is closed to a party this week, before its targets are considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// The move is not one the party may use.
    NotYours,
    /// It is made for a party away from the table and the party is at it, or the other way.
    Presence,
    /// It costs more political capital than the party has.
    Cost,
    /// It concedes, and hardliner support is below the concession floor.
    ConcessionFloor,
    /// It accepts, and the party would not sign the text (the outcome's own test).
    WouldNotSign,
    /// It bridges, and there is no clause to bridge ([`bridge_target`]): every party whose
    /// consent a deal needs could sign the text, trust aside, or no clause the bridge may move
    /// would bring the sides closer.
    NothingToBridge,
}

/// Whether a move is open to a party this week, before its targets are considered (`None`), or
/// the first reason it is not: who may use it, presence (absent parties may only use moves made
/// for the absent), its cost, the concession floor, acceptance (only of a text the party would
/// sign), and a bridge with nothing to bridge.
pub fn closed(s: &Scenario, st: &Negotiation, party: PartyIx, mx: usize) -> Option<Closed> {
    let m = &s.moves[mx];
    let traits = s.derived.moves[mx];
    let row = &st.parties[party];
    if traits.users >> party & 1 == 0 {
        Some(Closed::NotYours)
    } else if traits.for_absent == row.present {
        Some(Closed::Presence)
    } else if m.cost > 0.0 && row.capital < m.cost - 1e-9 {
        Some(Closed::Cost)
    } else if traits.concedes && row.hardliners < s.parties[party].domestic.concession_floor {
        Some(Closed::ConcessionFloor)
    } else if traits.accepts && !score::stand(s, st, party).would_sign(s.rules.min_trust) {
        Some(Closed::WouldNotSign)
    } else if traits.bridges && bridge_target(s, st).is_none() {
        Some(Closed::NothingToBridge)
    } else {
        None
    }
}

/// Why a move with draft effects may not aim at a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// A step would move the clause across the actor's own red line.
    RedLine,
    /// The clause is already where the move would take it.
    Unchanged,
    /// A concession (`Draft(Others)`) that would move the clause to a level the actor itself
    /// values more: that is a proposal, not a concession.
    NotAConcession,
}

/// Whether a move with draft effects, aimed at `issue`, changes the clause without moving it
/// across the actor's own red line and, for a concession, to a level the actor values no more
/// than the current one (a move without draft effects always passes). The draft
/// effects are taken in order, each from where the one before left the clause, as
/// [`super::apply`] takes them.
fn draft_target_ok(
    s: &Scenario,
    st: &Negotiation,
    party: PartyIx,
    mx: usize,
    issue: IssueIx,
) -> bool {
    draft_blocked(s, st, party, mx, issue).is_none()
}

/// Why move `mx` of `party` may not aim at clause `issue`, or `None` if it may (see
/// [`draft_target_ok`]).
pub fn draft_blocked(
    s: &Scenario,
    st: &Negotiation,
    party: PartyIx,
    mx: usize,
    issue: IssueIx,
) -> Option<Blocked> {
    // A copy of the text on the stack (scenarios have at most 16 issues).
    let n = st.draft.levels.len();
    let mut draft = [None; 16];
    draft[..n].copy_from_slice(&st.draft.levels);
    let mut drafts = false;
    let mut concedes = false;
    for e in &s.moves[mx].effects {
        if let Effect::Draft(t) = e {
            drafts = true;
            concedes |= *t == Toward::Others;
            let to = draft_step(s, &draft[..n], issue, *t, party);
            if !s.allows(party, issue, to) {
                return Some(Blocked::RedLine);
            }
            draft[issue] = to;
        }
    }
    let (from, to) = (st.draft.levels[issue], draft[issue]);
    if drafts && to == from {
        return Some(Blocked::Unchanged);
    }
    let own = &s.parties[party].prefs[issue];
    (concedes && own.value(to) > own.value(from) + 1e-9).then_some(Blocked::NotAConcession)
}

/// Whether move `m` may aim at clause `i` of the text `levels` by the clauses it names and the
/// kind of its target (an addressed clause, an open one, any), before any step is tried.
pub fn may_aim(m: &Move, levels: &[Level], i: IssueIx) -> bool {
    m.aims_at(i)
        && match m.target {
            TargetKind::AddressedIssue => levels[i].is_some(),
            TargetKind::OpenIssue => levels[i].is_none(),
            _ => true,
        }
}

/// The move options of a party this week: each legal (move, target) pair, in catalogue order,
/// appended to `out` after clearing it. The human and the AI choose from the same list.
pub fn legal_choices_into(s: &Scenario, st: &Negotiation, party: PartyIx, out: &mut Vec<Choice>) {
    legal_choices_where(s, st, party, |_| true, out);
}

/// [`legal_choices_into`] for the moves that pass `keep` (the others are not looked at).
pub fn legal_choices_where(
    s: &Scenario,
    st: &Negotiation,
    party: PartyIx,
    keep: impl Fn(usize) -> bool,
    out: &mut Vec<Choice>,
) {
    out.clear();
    for (mx, m) in s.moves.iter().enumerate() {
        if !keep(mx) || closed(s, st, party, mx).is_some() {
            continue;
        }
        let mut consider = |tp: Option<PartyIx>, ti: Option<IssueIx>| {
            if !m
                .conditions
                .iter()
                .all(|c| holds(s, st, c, Some(party), tp))
            {
                return;
            }
            if let Some(i) = ti
                && !draft_target_ok(s, st, party, mx, i)
            {
                return;
            }
            out.push(Choice {
                mv: mx,
                party: tp,
                issue: ti,
            });
        };
        match m.target {
            TargetKind::None => consider(None, None),
            TargetKind::Issue | TargetKind::AddressedIssue | TargetKind::OpenIssue => {
                (0..s.issues.len())
                    .filter(|&i| may_aim(m, &st.draft.levels, i))
                    .for_each(|i| consider(None, Some(i)))
            }
            TargetKind::Negotiator => s
                .negotiators
                .iter()
                .filter(|&&p| p != party)
                .for_each(|&p| consider(Some(p), None)),
            TargetKind::Party => (0..s.parties.len())
                .filter(|&p| p != party)
                .for_each(|p| consider(Some(p), None)),
        }
    }
}

/// [`legal_choices_into`] into a new vector.
pub fn legal_choices(s: &Scenario, st: &Negotiation, party: PartyIx) -> Vec<Choice> {
    let mut out = Vec::new();
    legal_choices_into(s, st, party, &mut out);
    out
}

/// The order in which the moves of week `week` take effect, after the week's event: the
/// parties' order in odd weeks and the reverse in even weeks, so that no party's move always
/// comes last (a later move acts on the text as the earlier ones left it: two full texts tabled
/// in one week leave the later one on the table).
pub fn move_order(s: &Scenario, week: u32) -> Vec<PartyIx> {
    let mut order: Vec<PartyIx> = (0..s.parties.len()).collect();
    if week.is_multiple_of(2) {
        order.reverse();
    }
    order
}

/// Whether a choice is legal for a party this week.
pub fn is_legal(s: &Scenario, st: &Negotiation, party: PartyIx, c: Choice) -> bool {
    legal_choices(s, st, party).contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{geneva, tutorial, wander};

    /// Position of an option on the issue's line: "not addressed" sits one step below the
    /// first level.
    fn position(l: Level) -> i64 {
        l.map_or(-1, |l| l as i64)
    }

    /// Between `a` and `b` on the issue's line, both ends included.
    fn between(x: Level, a: Level, b: Level) -> bool {
        let (x, a, b) = (position(x), position(a), position(b));
        a.min(b) <= x && x <= a.max(b)
    }

    #[test]
    fn a_draft_step_always_gains_for_the_side_it_favours_and_stays_on_the_way() {
        for s in [geneva(), tutorial()] {
            for seed in 0..30 {
                let st = wander(&s, seed, (seed % 9) as u32);
                let draft = &st.draft.levels;
                for &actor in &s.negotiators {
                    for i in 0..s.issues.len() {
                        for toward in [Toward::Actor, Toward::Others, Toward::Middle] {
                            let to = draft_step(&s, draft, i, toward, actor);
                            let goal = match toward {
                                Toward::Actor => s.derived.ideal[actor][i],
                                Toward::Others => s.derived.joint[actor][i],
                                Toward::Middle => s.derived.fairest[i].unwrap_or(None),
                            };
                            assert!(between(to, draft[i], goal), "{toward:?} overshoots");
                            if to.is_none() {
                                assert!(s.issues[i].may_be_unaddressed || goal.is_none());
                            }
                            let v = |p: PartyIx, l: Level| s.parties[p].prefs[i].value(l);
                            if toward == Toward::Actor && to != goal {
                                assert!(v(actor, to) > v(actor, draft[i]), "a proposal gains");
                            }
                            if toward == Toward::Others && to != goal {
                                let others = |l| {
                                    s.negotiators
                                        .iter()
                                        .filter(|&&p| p != actor)
                                        .map(|&p| v(p, l))
                                        .sum::<f64>()
                                };
                                assert!(others(to) > others(draft[i]), "a concession gives");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_bridge_fixes_a_broken_red_line_first_and_leaves_a_signable_text_alone() {
        let s = geneva();
        let mut seen_fix = false;
        for seed in 0..60 {
            let st = wander(&s, seed, (seed % 7) as u32);
            let target = bridge_target(&s, &st);
            let signable = s
                .negotiators
                .iter()
                .all(|&p| score::text_acceptable(&s, &st, p));
            if signable {
                assert_eq!(target, None);
                continue;
            }
            let broken = (0..s.issues.len()).find(|&i| {
                !s.consenting_allow(i, st.draft.levels[i]) && s.derived.fairest[i].is_some()
            });
            match (broken, target) {
                (Some(i), Some((j, l))) => {
                    seen_fix = true;
                    assert_eq!((i, Some(l)), (j, s.derived.fairest[i]));
                    assert!(s.consenting_allow(j, l), "the bridge keeps every red line");
                }
                (Some(_), None) => panic!("a broken red line with a fair level is left alone"),
                (None, Some((j, l))) => {
                    assert!(
                        !st.draft.banked[j],
                        "the bridge never reopens a banked clause"
                    );
                    assert_eq!(Some(l), s.derived.fairest[j]);
                    assert_ne!(st.draft.levels[j], l);
                }
                (None, None) => {}
            }
        }
        assert!(
            seen_fix,
            "the start of Geneva breaks a red line the bridge can fix"
        );
    }

    #[test]
    fn a_party_never_moves_a_clause_across_its_own_red_line() {
        let s = geneva();
        for seed in 0..40 {
            let st = wander(&s, seed, (seed % 8) as u32);
            for &p in &s.negotiators {
                for c in legal_choices(&s, &st, p) {
                    let Some(i) = c.issue else { continue };
                    for e in &s.moves[c.mv].effects {
                        if let Effect::Draft(t) = e {
                            let to = draft_step(&s, &st.draft.levels, i, *t, p);
                            assert!(to == st.draft.levels[i] || s.parties[p].allows(i, to));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_move_with_several_draft_steps_is_judged_by_where_they_leave_the_clause() {
        let mut s = (*geneva()).clone();
        let propose = s.move_ix("propose").expect("Geneva has propose");
        s.moves[propose].effects = vec![
            Effect::Draft(Toward::Actor),
            Effect::Draft(Toward::Others),
            Effect::Draft(Toward::Middle),
        ];
        s.derived = crate::scenario::Derived::of(&s);
        let mut offered = 0;
        for seed in 0..40 {
            let st = wander(&s, seed, (seed % 8) as u32);
            for &p in &s.negotiators {
                for c in legal_choices(&s, &st, p).iter().filter(|c| c.mv == propose) {
                    let i = c.issue.expect("propose targets an issue");
                    let mut after = st.clone();
                    super::super::apply(
                        &s,
                        &mut after,
                        &super::super::Act::of_move(p, *c),
                        &mut super::super::Applied::default(),
                    );
                    let to = after.draft.levels[i];
                    assert_ne!(
                        to, st.draft.levels[i],
                        "a legal draft move changes its clause"
                    );
                    assert!(s.allows(p, i, to), "and never across the actor's red line");
                    offered += 1;
                }
            }
        }
        assert!(offered > 0);
    }

    #[test]
    fn acceptance_is_legal_exactly_when_the_party_would_sign() {
        let s = geneva();
        let accept = s.move_ix("accept").expect("Geneva has an accept move");
        for seed in 0..60 {
            let st = wander(&s, seed, (seed % 10) as u32);
            for &p in &s.negotiators {
                let offered = legal_choices(&s, &st, p).iter().any(|c| c.mv == accept);
                let signs = score::verdict(&s, &st, p).would_sign;
                assert!(
                    !offered || signs,
                    "accept offered to a party that would not sign"
                );
                // Again too, once accepted: it renews the acceptance should an event of the
                // week withdraw it before the moves.
                if signs && st.parties[p].present {
                    assert!(offered, "a party that would sign may accept");
                }
            }
        }
    }

    #[test]
    fn a_bridge_is_offered_exactly_while_there_is_a_clause_to_bridge() {
        let s = geneva();
        let oman = s.party_ix("oman").expect("Geneva's mediator");
        let bridge = s.move_ix("bridge").expect("Geneva has a bridge");
        let (mut open, mut shut) = (0, 0);
        for seed in 0..60 {
            let mut st = wander(&s, seed, (seed % 10) as u32);
            if seed % 3 == 0 {
                // A text every consenting party could sign: nothing to bridge.
                st.draft.levels = crate::scenario::analyse(&s).best.expect("a package").levels;
            }
            st.parties[oman].capital = s.capital.max;
            let offered = legal_choices(&s, &st, oman).iter().any(|c| c.mv == bridge);
            let target = bridge_target(&s, &st);
            assert_eq!(offered, target.is_some(), "seed {seed}");
            if target.is_none() {
                assert_eq!(closed(&s, &st, oman, bridge), Some(Closed::NothingToBridge));
                // Played anyway (as a move chosen before others changed the text can be), it
                // changes nothing in the text.
                let mut after = st.clone();
                let act = super::super::Act::of_move(
                    oman,
                    Choice {
                        mv: bridge,
                        party: None,
                        issue: None,
                    },
                );
                super::super::apply(&s, &mut after, &act, &mut super::super::Applied::default());
                assert_eq!(after.draft.levels, st.draft.levels);
            }
            open += usize::from(offered);
            shut += usize::from(!offered);
        }
        assert!(open > 0 && shut > 0, "{open} {shut}");
    }

    #[test]
    fn bits_lists_the_parties_of_a_mask_in_order() {
        assert_eq!(bits(0b1011_0010).collect::<Vec<_>>(), vec![1, 4, 5, 7]);
        assert_eq!(bits(0).count(), 0);
        assert_eq!(bits(1 << 15).collect::<Vec<_>>(), vec![15]);
    }
}
