//! The meaning of a loaded save: every index in range, every number finite and in its range,
//! every week where it belongs. A save that passes can be shown and played on without a panic;
//! one that fails is refused with what is wrong and where.

use crate::rules::{Cause, Choice, Ground, Negotiation, Reason, Source};
use crate::scenario::{Level, Scenario};

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
        if usize::from(d.party) >= n || usize::from(d.mv) >= s.moves.len() || d.week > t.week {
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
            for m in t.trust.modifiers(from, to) {
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
