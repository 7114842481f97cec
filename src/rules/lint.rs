//! Warnings: a valid scenario that will not play as its author meant. `check` prints them
//! beside the summary (exit 0; `--deny-warnings` makes them fail).

use serde::Serialize;

use super::legal::draft_step;
use crate::scenario::{
    Condition, Effect, Level, PartyIx, Role, Scenario, Subject, TargetKind, Toward, opt,
};

/// One warning: where, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The field path, e.g. `moves[3]`.
    pub path: String,
    pub message: String,
}

/// Every warning for a scenario, in file order of what they concern.
pub fn lint(s: &Scenario) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut warn = |path: String, message: String| out.push(Warning { path, message });
    if s.rules.bank_after >= s.weeks {
        warn(
            "rules.bank_after".into(),
            format!(
                "bank_after is {} but the game lasts {} {}: no clause can ever bank",
                s.rules.bank_after, s.weeks, s.turn.many
            ),
        );
    }
    if s.rules.return_chance > 0.0 && s.rules.collapse_after <= super::effects::CHANCE_RETURN_AFTER
    {
        warn(
            "rules.return_chance".into(),
            format!(
                "return_chance has no effect: a party comes back by chance only after a whole {} \
                 away (its second), and collapse_after is {}",
                s.turn.one, s.rules.collapse_after
            ),
        );
    }
    for (p, party) in s.parties.iter().enumerate() {
        for (k, r) in party.red_lines.iter().enumerate() {
            let keepable = |part: &crate::scenario::Part| {
                s.issues[part.issue].options().any(|o| part.rule.allows(o))
            };
            let never = if r.any {
                !r.parts.iter().any(keepable)
            } else {
                !r.parts.iter().all(keepable)
            };
            if never {
                warn(
                    format!("parties[{p}].red_lines[{k}]"),
                    format!("no package keeps this red line of `{}`", party.id),
                );
            } else if let Some(issue) = r
                .parts
                .iter()
                .filter(|_| r.binds_each_issue())
                .find(|part| {
                    let options = s.issues[part.issue].options();
                    !options.into_iter().any(|o| s.allows(p, part.issue, o))
                })
                .map(|part| &s.issues[part.issue])
            {
                warn(
                    format!("parties[{p}].red_lines[{k}]"),
                    format!(
                        "`{}`'s red lines on `{}` together rule out every level",
                        party.id, issue.id
                    ),
                );
            }
        }
    }
    for (mx, m) in s.moves.iter().enumerate() {
        let path = format!("moves[{mx}]");
        conditions(
            s,
            &m.conditions,
            &format!("{path}.conditions"),
            None,
            &mut warn,
        );
        // A move nobody may make, or one that costs more than capital can ever reach.
        if !(s.parties.iter().enumerate()).any(|(p, party)| m.usable_by(p, party.role)) {
            warn(
                format!("{path}.by"),
                format!(
                    "move `{}` can be made by no party: its `by` names none",
                    m.id
                ),
            );
        } else if m.cost > s.capital.max {
            warn(
                format!("{path}.cost"),
                format!(
                    "move `{}` costs {} but political capital stops at capital.max ({}): it can \
                     never be played",
                    m.id, m.cost, s.capital.max
                ),
            );
        }
        for (p, party) in s.parties.iter().enumerate() {
            if m.usable_by(p, party.role)
                && let Some(why) = never_steps(s, mx, p)
            {
                warn(
                    path.clone(),
                    format!(
                        "move `{}` can never be legal for `{}`: {why}",
                        m.id, party.id
                    ),
                );
            }
        }
    }
    for (e, ev) in s.events.iter().enumerate() {
        let path = format!("events[{e}]");
        if ev.weight <= 0.0 && ev.at.is_none() {
            warn(
                path.clone(),
                format!("event `{}` has weight 0: it is never drawn", ev.id),
            );
        }
        conditions(
            s,
            &ev.conditions,
            &format!("{path}.conditions"),
            ev.at,
            &mut warn,
        );
    }
    for (k, h) in s.hints.iter().enumerate() {
        conditions(s, &h.when, &format!("hints[{k}].when"), None, &mut warn);
        // Only people read hints, and people play only the negotiators and the mediator.
        if !h.parties.is_empty() && !h.parties.iter().any(|&p| s.parties[p].role.playable()) {
            warn(
                format!("hints[{k}].parties"),
                "no player ever reads this hint: the parties it names are played by the AI only \
                 (people play the negotiators and the mediator)"
                    .into(),
            );
        }
    }
    // A spoiler with no walk-away value is scored against 0: any deal counts as a gain to it.
    for (p, party) in s.parties.iter().enumerate() {
        let r = &party.reservation;
        if party.role == Role::Spoiler && (r.base, r.tension, r.hardliners) == (0.0, 0.0, 0.0) {
            warn(
                format!("parties[{p}].reservation"),
                format!(
                    "spoiler `{}` has no walk-away value, so its score counts any deal as a gain \
                     over 0 and it scores well when the talks succeed; give it a `reservation` \
                     above what a deal would give it (Geneva's Israel: 0.4)",
                    party.id
                ),
            );
        }
    }
    unreachable_levels(s, &mut warn);
    // A flag nothing reads changes nothing when it is set.
    let conds = || {
        s.moves
            .iter()
            .flat_map(|m| &m.conditions)
            .chain(s.events.iter().flat_map(|e| &e.conditions))
            .chain(s.hints.iter().flat_map(|h| &h.when))
    };
    for (f, name) in s.flags.iter().enumerate() {
        if !conds().any(|c| matches!(*c, Condition::Flag(g) | Condition::NotFlag(g) if g == f)) {
            warn(
                format!("flags[{f}]"),
                format!(
                    "no condition reads the flag `{name}` (no `Flag` or `NotFlag` names it), so \
                     setting it changes nothing"
                ),
            );
        }
    }
    no_deal(s, &mut warn);
    out
}

/// A scenario in which no game can end in a deal: the red lines of the parties whose consent a
/// deal needs leave no text they all keep, or, even with each reservation value at its lowest
/// (at the tension below war and the support of hardliners that lower it most), some party can
/// get no text worth it. (`check`'s summary says whether a deal is possible as the game opens;
/// a reservation value moves with tension and hardliners during a game.)
fn no_deal(s: &Scenario, warn: &mut impl FnMut(String, String)) {
    use crate::scenario::feasibility::analyse_with;
    if s.consenting.is_empty() {
        return;
    }
    let corners = [
        (0.0, 0.0),
        (0.0, 100.0),
        (s.tension.war_at, 0.0),
        (s.tension.war_at, 100.0),
    ];
    let lowest: Vec<(PartyIx, f64, (f64, f64))> = s
        .consenting
        .iter()
        .map(|&p| {
            let r = &s.parties[p].reservation;
            let (t, h) = corners
                .into_iter()
                .min_by(|a, b| r.at(a.0, a.1).total_cmp(&r.at(b.0, b.1)))
                .unwrap_or_default();
            (p, r.at(t, h), (t, h))
        })
        .collect();
    let floors: Vec<(PartyIx, f64)> = lowest.iter().map(|&(p, r, _)| (p, r)).collect();
    let a = analyse_with(s, &floors);
    let id = |p: PartyIx| format!("`{}`", s.parties[p].id);
    let and = |mut xs: Vec<String>| {
        let last = xs.pop().unwrap_or_default();
        match xs.is_empty() {
            true => last,
            false => format!("{} and {last}", xs.join(", ")),
        }
    };
    // A clash of one party's own red lines on one issue is warned of above, with them.
    let joint = |c: &&crate::scenario::feasibility::Clash| {
        c.red_lines
            .iter()
            .any(|&(p, k)| !s.parties[p].red_lines[k].binds_each_issue())
    };
    let alone = |c: &&crate::scenario::feasibility::Clash| {
        !joint(c) && c.red_lines.iter().all(|r| r.0 == c.red_lines[0].0)
    };
    if !a.clashes.is_empty() {
        let Some(c) = a.clashes.iter().find(|c| !alone(c)) else {
            return;
        };
        let mut who: Vec<PartyIx> = Vec::new();
        for &(p, _) in &c.red_lines {
            if !who.contains(&p) {
                who.push(p);
            }
        }
        // A red line kept by any of several parts clashes over all the issues they name.
        let on = if joint(&c) {
            let mut issues: Vec<usize> = Vec::new();
            for &(p, k) in &c.red_lines {
                for part in &s.parties[p].red_lines[k].parts {
                    if !issues.contains(&part.issue) {
                        issues.push(part.issue);
                    }
                }
            }
            issues.sort_unstable();
            format!(
                "leave no text that keeps them all (on {})",
                and(issues
                    .iter()
                    .map(|&i| format!("`{}`", s.issues[i].id))
                    .collect())
            )
        } else {
            format!(
                "leave no level of `{}` that keeps them all",
                s.issues[c.issue].id
            )
        };
        let (p, k) = c.red_lines.first().copied().unwrap_or((s.consenting[0], 0));
        warn(
            format!("parties[{p}].red_lines[{k}]"),
            format!(
                "no deal is possible: the red lines of {} {on}",
                and(who.into_iter().map(id).collect())
            ),
        );
    } else if let Some(&(p, most, r)) = a.short.iter().find(|x| x.1 < x.2 - 1e-12) {
        let (t, h) = lowest.iter().find(|l| l.0 == p).map_or((0.0, 0.0), |l| l.2);
        // Where it is lowest, named only by what moves it.
        let res = &s.parties[p].reservation;
        let mut at = Vec::new();
        if res.tension != 0.0 {
            at.push(if t >= s.tension.war_at {
                format!("tension near war ({:.0})", s.tension.war_at)
            } else {
                format!("tension {t:.0}")
            });
        }
        if res.hardliners != 0.0 {
            at.push(format!("hardliners' support {h:.0}"));
        }
        let at = if at.is_empty() {
            String::new()
        } else {
            format!(", at {}", and(at))
        };
        warn(
            format!("parties[{p}].reservation"),
            format!(
                "no deal is possible: under the red lines {} can get at most {most:.3}, below \
                 its reservation value even at its lowest ({r:.3}{at})",
                id(p)
            ),
        );
    } else if a.best.is_none() && a.exact {
        warn(
            "parties".into(),
            "no deal is possible: no text that keeps the red lines is worth its reservation \
             value to every party whose consent a deal needs at once, even with each value at \
             its lowest"
                .into(),
        );
    }
}

/// Levels no move or event can ever put into the text: when no move may table a whole text
/// (`Offer`), on an issue no `Draft` move may aim at only the starting level, the bridge's
/// level (if some move bridges) and the levels `Clause` effects name can be reached.
fn unreachable_levels(s: &Scenario, warn: &mut impl FnMut(String, String)) {
    let effects = || {
        s.moves
            .iter()
            .flat_map(|m| &m.effects)
            .chain(s.events.iter().flat_map(|e| &e.effects))
    };
    let bridges = effects().any(|e| matches!(e, Effect::Bridge));
    if effects().any(|e| matches!(e, Effect::Offer)) {
        return;
    }
    for (i, issue) in s.issues.iter().enumerate() {
        let drafted = s
            .moves
            .iter()
            .any(|m| m.aims_at(i) && m.effects.iter().any(|e| matches!(e, Effect::Draft(_))));
        if drafted {
            continue;
        }
        let mut reach = vec![false; issue.levels.len() + 1];
        reach[opt(s.draft[i])] = true;
        if bridges && let Some(l) = s.derived.fairest[i] {
            reach[opt(l)] = true;
        }
        for e in effects() {
            if let Effect::Clause(ix, l) = e
                && *ix == i
            {
                reach[opt(*l)] = true;
            }
        }
        for (k, level) in issue.levels.iter().enumerate() {
            if !reach[k + 1] {
                warn(
                    format!("issues[{i}].levels[{k}]"),
                    format!(
                        "no move or event can ever put `{}` of `{}` into the text",
                        level.id, issue.id
                    ),
                );
            }
        }
    }
}

/// Conditions (the list at path `list`) that repeat, or that no game can meet; `at` is a
/// scheduled event's turn.
fn conditions(
    s: &Scenario,
    cs: &[Condition],
    list: &str,
    at: Option<u32>,
    warn: &mut impl FnMut(String, String),
) {
    for (k, c) in cs.iter().enumerate() {
        if cs[..k].contains(c) {
            warn(format!("{list}[{k}]"), "the same condition twice".into());
        }
        // Conditions on a subject that names no party hold vacuously ("every spoiler is
        // present" in a scenario without spoilers).
        if crate::scenario::condition_subjects(c)
            .into_iter()
            .any(|x| fixed(s, x).is_some_and(|ps| ps.is_empty()))
        {
            warn(
                format!("{list}[{k}]"),
                "its subject names no party of this scenario, so it always holds".into(),
            );
        }
        if let Some(why) = never(s, c, at) {
            warn(
                format!("{list}[{k}]"),
                format!("this condition can never hold in a game: {why}"),
            );
        }
        // Two conditions that can each hold, but not together (`TensionAbove(65)` with
        // `TensionBelow(60)`): told once, at the later of the two.
        if never(s, c, at).is_none()
            && let Some((j, why)) = cs[..k]
                .iter()
                .enumerate()
                .filter(|(_, b)| never(s, b, at).is_none())
                .find_map(|(j, b)| clash(s, b, c).map(|why| (j, why)))
        {
            warn(
                format!("{list}[{k}]"),
                format!(
                    "this condition and condition {j} of the list can never hold together: {why}"
                ),
            );
        }
        if let Condition::NotFlag(f) = *c
            && !flag_set(s, f)
        {
            warn(
                format!("{list}[{k}]"),
                format!(
                    "nothing sets the flag `{}` (no `SetFlag` names it), so this always holds",
                    s.flags[f]
                ),
            );
        }
    }
}

/// Why conditions `a` and `b` of one list can never hold together, if they cannot: a value
/// above one number and below a lower (or the same) one, a turn from one on and up to an
/// earlier one, a flag set and unset, a clause addressed and not, a party present and absent.
fn clash(s: &Scenario, a: &Condition, b: &Condition) -> Option<String> {
    use Condition as C;
    let one = &s.turn.one;
    // A subject that names no party makes its condition hold vacuously (warned of apart).
    let some = |x: &Subject| fixed(s, x).is_none_or(|ps| !ps.is_empty());
    let some_pair = |x: &Subject, y: &Subject| match (fixed(s, x), fixed(s, y)) {
        (Some(xs), Some(ys)) => xs.iter().any(|f| ys.iter().any(|t| f != t)),
        // One party's trust in itself is no pair (`TrustAbove(Actor, Actor, …)` holds vacuously).
        _ if x == y => false,
        _ => some(x) && some(y),
    };
    // (what, low, high): the value must be above `low` and below `high`.
    let range = |what: &str, low: f64, high: f64| {
        (high <= low).then(|| format!("{what} must be above {low} and below {high}"))
    };
    let pair = |x: &Condition, y: &Condition| -> Option<String> {
        match (x, y) {
            (C::TensionAbove(l), C::TensionBelow(h)) => range("tension", *l, *h),
            (C::AgreementAbove(l), C::AgreementBelow(h)) => range("agreement", *l, *h),
            (C::TrustAbove(f, t, l), C::TrustBelow(f2, t2, h))
                if f == f2 && t == t2 && some_pair(f, t) =>
            {
                range("the trust", *l, *h)
            }
            (C::HardlinersAbove(x, l), C::HardlinersBelow(x2, h)) if x == x2 && some(x) => {
                range("the hardliners' support", *l, *h)
            }
            // Whole troops: above `l` and below `h` needs `h` ≥ `l` + 2.
            (C::TroopsAbove(x, l), C::TroopsBelow(x2, h))
                if x == x2 && some(x) && *h <= l.saturating_add(1) =>
            {
                Some(format!("the troops must be above {l} and below {h}"))
            }
            (C::WeekAtLeast(l), C::WeekAtMost(h)) if h < l => {
                Some(format!("the {one} must be {l} or later and {h} or earlier"))
            }
            (C::Flag(f), C::NotFlag(g)) if f == g => Some(format!(
                "the flag `{}` must be set and not set",
                s.flags[*f]
            )),
            (C::Addressed(i), C::NotAddressed(j)) if i == j => Some(format!(
                "`{}` must be in the text and left out of it",
                s.issues[*i].id
            )),
            (C::Present(x), C::Absent(y)) if x == y && some(x) => {
                Some("the same parties must be at the table and away from it".into())
            }
            _ => None,
        }
    };
    pair(a, b).or_else(|| pair(b, a))
}

/// Whether some move or event sets flag `f` (every flag starts unset).
fn flag_set(s: &Scenario, f: usize) -> bool {
    s.moves
        .iter()
        .flat_map(|m| &m.effects)
        .chain(s.events.iter().flat_map(|e| &e.effects))
        .any(|e| *e == Effect::SetFlag(f))
}

/// Why condition `c` can hold in no game, if it cannot; `at` is a scheduled event's turn.
fn never(s: &Scenario, c: &Condition, at: Option<u32>) -> Option<String> {
    let (one, last) = (&s.turn.one, s.weeks);
    // What was done on turn n is seen from turn n + 1; a scheduled event sees the turns before
    // its own.
    let seen_by = at.unwrap_or(last);
    // The last turn whose conditions are read: the scheduled event's, or the game's.
    let limit = || match at {
        Some(t) => format!("the event comes on {one} {t}"),
        None => format!("the game's last {one} is {last}"),
    };
    let by = |p: PartyIx| &s.parties[p].id;
    Some(match *c {
        Condition::WeekAtLeast(w) if w > seen_by => match at {
            Some(t) => format!("the event is scheduled for {one} {t}, before {one} {w}"),
            None => format!("the game's last {one} is {last}"),
        },
        Condition::WeekAtMost(0) => format!("the first {one} is 1"),
        Condition::WeekAtMost(w) if at.is_some_and(|t| w < t) => format!(
            "the event is scheduled for {one} {}, after {one} {w}",
            at.unwrap_or(0)
        ),
        // A party that may never take the move never did ("every x" did: each of them).
        Condition::Did(ref x, mv)
        | Condition::DidLast(ref x, mv)
        | Condition::DidOn(ref x, mv, _)
            if let Some(p) = fixed(s, x).and_then(|ps| {
                ps.into_iter()
                    .find(|&p| !s.moves[mv].usable_by(p, s.parties[p].role))
            }) =>
        {
            format!("`{}` may never take the move `{}`", by(p), s.moves[mv].id)
        }
        Condition::Did(..) | Condition::DidLast(..) if seen_by <= 1 => format!(
            "what is done on a {one} is seen only from the next, and {}",
            limit()
        ),
        Condition::DidOn(_, _, 0) => format!("the first {one} is 1"),
        Condition::DidOn(_, _, n) if n >= seen_by => format!(
            "what is done on {one} {n} is seen only from {one} {}, and {}",
            n + 1,
            limit()
        ),
        Condition::TensionAbove(v) if v < 100.0 && v >= s.tension.war_at => format!(
            "tension at {} or more is war, which ends the game",
            s.tension.war_at
        ),
        Condition::TensionAbove(v)
        | Condition::AgreementAbove(v)
        | Condition::TrustAbove(_, _, v)
        | Condition::HardlinersAbove(_, v)
            if v >= 100.0 =>
        {
            "it can never go above 100".into()
        }
        Condition::TensionBelow(v)
        | Condition::AgreementBelow(v)
        | Condition::TrustBelow(_, _, v)
        | Condition::HardlinersBelow(_, v)
            if v <= 0.0 =>
        {
            "it can never go below 0".into()
        }
        Condition::TroopsBelow(_, n) if n <= 0 => "troops are never fewer than 0".into(),
        Condition::Flag(f) if !flag_set(s, f) => format!(
            "nothing sets the flag `{}` (no move or event has `SetFlag(\"{}\")`), and every flag starts unset",
            s.flags[f], s.flags[f]
        ),
        _ => return None,
    })
}

/// The parties a subject names when that does not depend on who acts (`Party`, `Role`, `All`).
fn fixed(s: &Scenario, x: &Subject) -> Option<Vec<PartyIx>> {
    match x {
        Subject::Party(p) => Some(vec![*p]),
        Subject::Role(r) => Some(
            (0..s.parties.len())
                .filter(|&p| s.parties[p].role == *r)
                .collect(),
        ),
        Subject::All => Some((0..s.parties.len()).collect()),
        _ => None,
    }
}

/// Why a move with a `Draft` effect can never be legal for party `p` (the red-line step trap):
/// on every issue it may aim at, from every level, its step either changes nothing or crosses
/// one of `p`'s own red lines.
fn never_steps(s: &Scenario, mx: usize, p: PartyIx) -> Option<String> {
    let m = &s.moves[mx];
    let toward = m.effects.iter().find_map(|e| match e {
        Effect::Draft(t) => Some(*t),
        _ => None,
    })?;
    if m.target == TargetKind::None {
        return None;
    }
    let mut draft: Vec<Level> = vec![None; s.issues.len()];
    let open = (0..s.issues.len()).filter(|&i| m.aims_at(i)).any(|i| {
        // The levels the move can start from: an open issue's move only from "not addressed",
        // an addressed issue's only from a level.
        let starts = s.issues[i].options().filter(|cur| match m.target {
            TargetKind::OpenIssue => cur.is_none(),
            TargetKind::AddressedIssue => cur.is_some(),
            _ => true,
        });
        starts.into_iter().any(|cur| {
            draft[i] = cur;
            let to = draft_step(s, &draft, i, toward, p);
            to != cur && s.allows(p, i, to)
        })
    });
    (!open).then(|| match toward {
        Toward::Actor => "no clause can move its way without crossing its own red lines".into(),
        Toward::Others => "every concession it could make would cross its own red lines".into(),
        Toward::Middle => "every step to the middle would cross its own red lines".into(),
    })
}
