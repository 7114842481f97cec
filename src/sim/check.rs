//! The meaning of a loaded save: every index in range, every number finite and in its range,
//! every week where it belongs. A save that passes can be shown and played on without a panic;
//! one that fails is refused with what is wrong and where.

use crate::rules::{Cause, Choice, Ground, Negotiation, Outcome, OutcomeKind, Reason, Source};
use crate::scenario::{Effect, Level, Scenario};

use super::state::Snapshot;

/// Checks one week of a save against the scenario; `at` is its place in the history (week 0
/// first). The error names the field.
pub fn snapshot(s: &Scenario, h: &Snapshot, at: usize) -> Result<(), String> {
    let t = &h.talks;
    let week = usize::try_from(t.week).unwrap_or(usize::MAX);
    if week != at || t.week > s.weeks {
        return Err(format!(
            "week {} stands in place {at} of the history (the game has {} weeks)",
            t.week, s.weeks
        ));
    }
    share("tension", t.tension)?;
    share("agreement", t.agreement)?;
    for (k, c) in t.causes.iter().enumerate() {
        cause(s, c).map_err(|e| format!("tension cause {k}: {e}"))?;
    }
    negotiation(s, t)?;
    if h.deck.cooldown.len() != s.events.len() || h.deck.fired.len() != s.events.len() {
        return Err(format!(
            "the event deck does not hold {} events",
            s.events.len()
        ));
    }
    for (e, &c) in h.deck.cooldown.iter().enumerate() {
        if c > s.events[e].cooldown {
            return Err(format!(
                "event {}: cooldown {c} is longer than the event's",
                s.events[e].id
            ));
        }
    }
    for (p, c) in &h.decisions.moves {
        choice(s, *p, c)?;
        if !s.moves[c.mv].usable_by(*p, s.parties[*p].role) {
            return Err(format!(
                "{} played `{}`, a move it may not use",
                s.parties[*p].id, s.moves[c.mv].id
            ));
        }
    }
    for d in &h.decisions.explained {
        for sc in std::iter::once(&d.chosen).chain(&d.alternatives) {
            choice(s, d.party, &sc.choice)?;
            let numbers = [sc.score, sc.d_tension, sc.d_agreement, sc.d_utility];
            if !numbers.iter().chain(&sc.parts).all(|v| v.is_finite()) {
                return Err("an AI explanation holds a number that is not finite".into());
            }
        }
    }
    if let Some(o) = &h.ending.0 {
        if o.week != t.week {
            return Err(format!(
                "the game ended in week {} but the week is {}",
                o.week, t.week
            ));
        }
        for r in &o.reasons {
            reason(s, r)?;
        }
    }
    outcome(s, h)?;
    acceptances(s, t)
}

/// The week's outcome is the one the rules give ([`crate::rules::score::settled`], the test the
/// turn's outcome check makes): a week the rules end has that ending, and a week they do not
/// end goes on, or ends only by the escalation roll (at a tension that risks it), by time
/// running out, or by the facilitator. (A hand-edited save once loaded a deal nobody signed.)
fn outcome(s: &Scenario, h: &Snapshot) -> Result<(), String> {
    let t = &h.talks;
    // The facilitator's end is a stalemate, for that reason alone (`sim::call_end`).
    let called = |o: &Outcome| o.kind == OutcomeKind::Stalemate && o.reasons == [Reason::Called];
    match (&h.ending.0, crate::rules::score::settled(s, t)) {
        (None, Some(x)) => Err(format!(
            "the rules end the game in week {} ({}), but it goes on",
            t.week,
            x.kind.name()
        )),
        (Some(o), Some(x)) if o.kind != x.kind && !called(o) => Err(format!(
            "it says the game ended in {} in week {}, where the rules end it in {}",
            o.kind.name(),
            t.week,
            x.kind.name()
        )),
        (Some(o), None) => {
            let rolled = o.kind == OutcomeKind::War
                && o.reasons
                    .iter()
                    .any(|r| matches!(r, Reason::Incident { .. }))
                && crate::rules::escalation_chance(s, t.tension) > 0.0;
            let time_up = o.kind == OutcomeKind::Stalemate && t.week >= s.weeks;
            if rolled || time_up || called(o) {
                Ok(())
            } else {
                Err(format!(
                    "it says the game ended in {} in week {}, which nothing in the rules brings \
                     about there",
                    o.kind.name(),
                    t.week
                ))
            }
        }
        (None, None) if t.week >= s.weeks => Err(format!(
            "the game goes on after its last week ({})",
            s.weeks
        )),
        _ => Ok(()),
    }
}

/// Every acceptance is one its negotiator would still sign (an acceptance lapses otherwise),
/// taken by a move of its own (one that accepts, or tables a text it stands by) since the text
/// last changed, or in the last week, when the AI signs when time runs out: a hand-edited save
/// once accepted for a player who never had.
fn acceptances(s: &Scenario, t: &Negotiation) -> Result<(), String> {
    // The week the text last changed (0: never). A week that ended in the deal had no end, so
    // its clauses count weeks from the week before.
    let ended_early = !t.trust.fits(s.parties.len(), t.week);
    let counted = t.week.saturating_sub(u32::from(ended_early));
    let changed = if !t.draft.changes.is_empty() {
        t.week
    } else {
        counted.saturating_sub(t.draft.unchanged.iter().copied().min().unwrap_or(counted))
    };
    for &p in &s.negotiators {
        if !t.parties[p].accepted {
            continue;
        }
        let id = &s.parties[p].id;
        if !crate::rules::score::stand(s, t, p).would_sign(s.rules.min_trust) {
            return Err(format!(
                "{id} accepts a text it would not sign (its acceptance would have lapsed)"
            ));
        }
        // An acceptance in the week the text changed either came before the change (which
        // withdrew it) or after it (and did not take); a full text tabled is the change.
        // (Every deed's move exists: `negotiation` checked them first.)
        let took = t.deeds.iter().any(|d| {
            let mv = usize::from(d.mv);
            usize::from(d.party) == p
                && (d.week > changed && s.derived.moves[mv].accepts
                    || d.week >= changed && s.moves[mv].effects.contains(&Effect::Offer))
        });
        // In the last week an AI negotiator signs a text it would sign without a move.
        if !took && t.week < s.weeks {
            return Err(format!(
                "{id} accepts the text, but made no move that accepts it since it last changed \
                 (week {changed})"
            ));
        }
    }
    Ok(())
}

fn share(what: &str, v: f64) -> Result<(), String> {
    if v.is_finite() && (0.0..=100.0).contains(&v) {
        Ok(())
    } else {
        Err(format!("{what} is {v}, outside 0–100"))
    }
}

fn level(s: &Scenario, issue: usize, l: Level) -> Result<(), String> {
    match (s.issues.get(issue), l) {
        (None, _) => Err(format!("issue {issue} does not exist")),
        (Some(i), Some(l)) if l >= i.levels.len() => {
            Err(format!("issue `{}` has no level {l}", i.id))
        }
        _ => Ok(()),
    }
}

fn party(s: &Scenario, p: usize) -> Result<(), String> {
    if p < s.parties.len() {
        Ok(())
    } else {
        Err(format!("party {p} does not exist"))
    }
}

fn source(s: &Scenario, src: &Source) -> Result<(), String> {
    match *src {
        Source::Move { actor, mv } if actor >= s.parties.len() || mv >= s.moves.len() => {
            Err(format!("move {mv} of party {actor} does not exist"))
        }
        Source::Event(e) if e >= s.events.len() => Err(format!("event {e} does not exist")),
        Source::Reopen(i) if i >= s.issues.len() => Err(format!("issue {i} does not exist")),
        Source::Troops(x) if x < 0 => Err(format!("{x} troops")),
        _ => Ok(()),
    }
}

fn cause(s: &Scenario, c: &Cause) -> Result<(), String> {
    if !c.delta.is_finite() {
        return Err("a change of tension is not finite".into());
    }
    source(s, &c.source)
}

fn choice(s: &Scenario, p: usize, c: &Choice) -> Result<(), String> {
    party(s, p)?;
    if c.mv >= s.moves.len() {
        return Err(format!("move {} does not exist", c.mv));
    }
    if let Some(q) = c.party {
        party(s, q)?;
    }
    if let Some(i) = c.issue {
        level(s, i, None)?;
    }
    Ok(())
}

fn negotiation(s: &Scenario, t: &Negotiation) -> Result<(), String> {
    let n = s.parties.len();
    let issues = s.issues.len();
    let d = &t.draft;
    if d.levels.len() != issues || d.banked.len() != issues || d.unchanged.len() != issues {
        return Err(format!("the draft does not hold {issues} clauses"));
    }
    for (i, &l) in d.levels.iter().enumerate() {
        level(s, i, l)?;
    }
    if let Some(fault) = d.contest_fault(s) {
        return Err(fault);
    }
    if d.version > t.week || d.unchanged.iter().any(|&u| u > t.week) {
        return Err("the draft counts more weeks than have passed".into());
    }
    for c in &d.changes {
        level(s, c.issue, c.from)?;
        level(s, c.issue, c.to)?;
        party(s, c.by)?;
    }
    // A week that ended in the deal had no end: its trust has seen one week's end fewer.
    let seen = |weeks: u32| t.trust.fits(n, weeks);
    if t.parties.len() != n
        || !(seen(t.week)
            || t.week > 0 && seen(t.week - 1) && crate::rules::score::deal_reached(s, t))
    {
        return Err(format!(
            "it does not hold {n} parties, or its trust has not seen the same weeks end"
        ));
    }
    if s.flags.len() < 64 && t.flags >> s.flags.len() != 0 {
        return Err("it sets a flag the scenario does not have".into());
    }
    for d in &t.deeds {
        let (p, mv) = (usize::from(d.party), usize::from(d.mv));
        if p >= n
            || mv >= s.moves.len()
            || d.week > t.week
            || !s.moves[mv].usable_by(p, s.parties[p].role)
        {
            return Err(format!(
                "a move on week {} by party {} (move {}) cannot have been taken",
                d.week, d.party, d.mv
            ));
        }
    }
    if let Some((_, e)) = t.ended
        && e >= s.events.len()
    {
        return Err(format!("event {e}, said to end the game, does not exist"));
    }
    for (p, row) in t.parties.iter().enumerate() {
        let id = &s.parties[p].id;
        for (what, v) in [
            ("hardliners", row.hardliners),
            ("moderates", row.moderates),
            ("hardliners' target", row.hardliners_target),
            ("moderates' target", row.moderates_target),
        ] {
            share(&format!("{id}: support among {what}"), v)?;
        }
        // No game can go below zero or past a full game of the largest deployments.
        let most = crate::scenario::MAX_TROOPS.saturating_mul(i64::from(s.weeks) + 1);
        if !(0..=most).contains(&row.troops) {
            return Err(format!("{id}: {} troops", row.troops));
        }
        if !(0.0..=s.capital.max).contains(&row.capital) {
            return Err(format!(
                "{id}: {} political capital (0 to {})",
                row.capital, s.capital.max
            ));
        }
        if row.absent_weeks > t.week || row.revealed >> n != 0 {
            return Err(format!(
                "{id}: its presence or what it has seen does not fit"
            ));
        }
    }
    for from in 0..n {
        for to in 0..n {
            let base = t.trust.base(from, to);
            if !(base.is_finite() && (0.0..=100.0).contains(&base)) {
                return Err(format!(
                    "{}'s lasting trust in {} is {base}, outside 0–100",
                    s.parties[from].id, s.parties[to].id
                ));
            }
            for m in t.trust.modifiers(from, to) {
                if !(m.value.is_finite() && m.decay.is_finite()) {
                    return Err("a trust modifier holds a number that is not finite".into());
                }
                source(s, &m.source).map_err(|e| format!("a trust modifier: {e}"))?;
            }
        }
    }
    Ok(())
}

fn reason(s: &Scenario, r: &Reason) -> Result<(), String> {
    match r {
        Reason::WarTension(v) | Reason::Incident { tension: v, .. } if !v.is_finite() => {
            Err("an outcome's tension is not finite".into())
        }
        Reason::Cause(c) => cause(s, c),
        Reason::Ended(e) if *e >= s.events.len() => Err(format!("event {e} does not exist")),
        Reason::Worth { party: p, .. }
        | Reason::StayedAway { party: p, .. }
        | Reason::NotAccepted { party: p } => party(s, *p),
        Reason::Refused { party: p, ground } => {
            party(s, *p)?;
            match *ground {
                Ground::RedLine { k, .. } if k >= s.parties[*p].red_lines.len() => {
                    Err(format!("red line {k} does not exist"))
                }
                Ground::Costliest { issue, level: l } => level(s, issue, l),
                Ground::Trust { other, .. } => party(s, other),
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::score::settled;
    use crate::sim::{Game, seat};
    use crate::testkit::{geneva, tutorial, vienna};

    /// Every week of every all-AI game passes (deals made before the week's end, full texts
    /// tabled and stood by, wars, stalemates and collapses among them), and the checks refuse
    /// the hand edits a tester made: a deal nobody signed, an acceptance nobody gave, a war at
    /// low tension, lasting trust past 100, a move its party may not use.
    #[test]
    fn real_games_pass_and_forged_weeks_are_refused() {
        let mut kinds = std::collections::BTreeSet::new();
        let (mut forged_deal, mut forged_accept) = (0, 0);
        for s in [geneva(), tutorial(), vienna()] {
            for seed in 0..40 {
                let mut g = Game::new(s.clone(), seed, &seat(&s, None, &[]));
                g.run_to_end(600);
                for (at, h) in g.history().iter().enumerate() {
                    snapshot(&s, h, at).unwrap_or_else(|e| {
                        panic!("{} seed {seed} week {at}: {e}", s.id);
                    });
                }
                let last = g.history().last().unwrap().clone();
                kinds.insert(last.ending.0.as_ref().unwrap().kind.name());
                // The week before the end, said to end in a deal.
                let n = g.history().len();
                if n >= 3 {
                    let mut h = g.history()[n - 2].clone();
                    if crate::rules::score::settled(&s, &h.talks).is_none() {
                        h.ending.0 = Some(crate::rules::score::Outcome {
                            kind: OutcomeKind::Deal,
                            week: h.talks.week,
                            reasons: vec![Reason::AllAccepted],
                        });
                        let err = snapshot(&s, &h, n - 2).unwrap_err();
                        assert!(err.contains("ended in deal"), "{} seed {seed}: {err}", s.id);
                        forged_deal += 1;
                    }
                }
                // A negotiator that has not accepted, said to accept.
                let mut h = g.history()[1].clone();
                if let Some(&p) = s
                    .negotiators
                    .iter()
                    .find(|&&p| !h.talks.parties[p].accepted)
                {
                    h.talks.parties[p].accepted = true;
                    if h.ending.0.is_none() && settled(&s, &h.talks).is_none() {
                        let err = snapshot(&s, &h, 1).unwrap_err();
                        assert!(
                            err.contains("would not sign") || err.contains("made no move"),
                            "{} seed {seed}: {err}",
                            s.id
                        );
                        forged_accept += 1;
                    }
                }
            }
        }
        assert!(kinds.len() >= 3, "{kinds:?}");
        assert!(
            forged_deal > 20 && forged_accept > 20,
            "{forged_deal} {forged_accept}"
        );
        // War at the opening tension, with no roll to bring it.
        let s = geneva();
        let mut g = Game::new(s.clone(), 1, &seat(&s, None, &[]));
        g.step();
        let mut h = g.history()[1].clone();
        h.talks.tension = 10.0;
        h.ending.0 = Some(crate::rules::score::incident(&h.talks, 0.1));
        let err = snapshot(&s, &h, 1).unwrap_err();
        assert!(err.contains("nothing in the rules"), "{err}");
        // A move the party may not use, among its deeds.
        let mut h = g.history()[1].clone();
        let bridge = s.moves.iter().position(|m| m.id == "bridge").unwrap();
        let iran = s.party_ix("iran").unwrap();
        h.talks.deeds.push(crate::rules::state::Deed {
            week: 1,
            party: iran as u8,
            mv: bridge as u16,
        });
        assert!(snapshot(&s, &h, 1).is_err());
        // A war said to be the facilitator's call (the facilitator only ever calls a stalemate).
        let mut h = g.history()[1].clone();
        h.ending.0 = Some(crate::rules::score::Outcome {
            kind: OutcomeKind::War,
            week: 1,
            reasons: vec![Reason::Called],
        });
        assert!(snapshot(&s, &h, 1).is_err());
        // The facilitator's real call passes.
        let mut g = Game::new(s.clone(), 2, &seat(&s, None, &[]));
        g.step();
        assert!(g.call_end());
        let last = g.history().last().unwrap();
        snapshot(&s, last, g.history().len() - 1).unwrap();
        // A game that goes on after its last week.
        let mut g = Game::new(s.clone(), 3, &seat(&s, None, &[]));
        g.run_to_end(100);
        let mut h = g.history().last().unwrap().clone();
        if h.talks.week == s.weeks {
            h.ending.0 = None;
            if settled(&s, &h.talks).is_none() {
                let err = snapshot(&s, &h, s.weeks as usize).unwrap_err();
                assert!(err.contains("after its last week"), "{err}");
            }
        }
    }

    /// An acceptance a negotiator would sign but never gave is refused for that reason, and a
    /// human's acceptances, given by its own moves, pass: every week of games in which Iran is
    /// played by orders that accept whenever they may.
    #[test]
    fn an_acceptance_needs_the_move_that_gave_it() {
        use crate::sim::Controller;
        let s = geneva();
        let iran = s.party_ix("iran").unwrap();
        let (mut never_given, mut human_accepts) = (0, 0);
        for seed in 0..30 {
            let mut ctrl = seat(&s, None, &[]);
            ctrl[iran] = Controller::Human;
            let mut g = Game::new(s.clone(), seed, &ctrl);
            while g.outcome().is_none() {
                if let Some(&c) = g.legal(iran).iter().find(|c| s.derived.moves[c.mv].accepts) {
                    g.order(iran, c);
                    human_accepts += 1;
                }
                g.step();
            }
            for (at, h) in g.history().iter().enumerate() {
                snapshot(&s, h, at).unwrap_or_else(|e| panic!("seed {seed} week {at}: {e}"));
                // A negotiator that would sign but has not accepted, said to accept.
                let t = &h.talks;
                for &p in &s.negotiators {
                    // (One that accepted earlier and lost it to an event or a lapse has a move
                    // that gave an acceptance on record: the check cannot tell, so none here.)
                    let gave = t.deeds.iter().any(|d| {
                        usize::from(d.party) == p
                            && s.moves[usize::from(d.mv)]
                                .effects
                                .iter()
                                .any(|e| matches!(e, Effect::Accept | Effect::Offer))
                    });
                    if t.parties[p].accepted
                        || gave
                        || h.ending.0.is_some()
                        || !crate::rules::score::stand(&s, t, p).would_sign(s.rules.min_trust)
                    {
                        continue;
                    }
                    let mut forged = h.clone();
                    forged.talks.parties[p].accepted = true;
                    if settled(&s, &forged.talks).is_none() {
                        let err = snapshot(&s, &forged, at).unwrap_err();
                        assert!(err.contains("made no move that accepts it"), "{err}");
                        never_given += 1;
                    }
                }
            }
        }
        assert!(
            never_given > 10 && human_accepts > 10,
            "{never_given} {human_accepts}"
        );
    }
}
