//! Warnings: a valid scenario that will not play as its author meant. `check` prints them
//! beside the summary (exit 0; `--deny-warnings` makes them fail).

use serde::Serialize;

use super::legal::draft_step;
use crate::scenario::{Condition, Effect, Level, PartyIx, Scenario, TargetKind, Toward};

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
    for (p, party) in s.parties.iter().enumerate() {
        for (k, r) in party.red_lines.iter().enumerate() {
            let issue = &s.issues[r.issue];
            if !issue.options().into_iter().any(|o| r.rule.allows(o)) {
                warn(
                    format!("parties[{p}].red_lines[{k}]"),
                    format!(
                        "no level of `{}` keeps this red line of `{}`",
                        issue.id, party.id
                    ),
                );
            } else if !issue.options().into_iter().any(|o| s.allows(p, r.issue, o)) {
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
        conditions(s, &m.conditions, &path, &mut warn);
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
        conditions(s, &ev.conditions, &path, &mut warn);
    }
    out
}

/// Conditions that repeat, or that no game can meet.
fn conditions(s: &Scenario, cs: &[Condition], path: &str, warn: &mut impl FnMut(String, String)) {
    for (k, c) in cs.iter().enumerate() {
        if cs[..k].contains(c) {
            warn(
                format!("{path}.conditions[{k}]"),
                "the same condition twice".into(),
            );
        }
        let never = match *c {
            Condition::WeekAtLeast(w) => w > s.weeks,
            Condition::TensionAbove(v) => v >= s.tension.war_at.min(100.0),
            Condition::TensionBelow(v) => v <= 0.0,
            Condition::AgreementAbove(v) => v >= 100.0,
            Condition::AgreementBelow(v) => v <= 0.0,
            Condition::TrustAbove(_, _, v) | Condition::HardlinersAbove(_, v) => v >= 100.0,
            Condition::TrustBelow(_, _, v) | Condition::HardlinersBelow(_, v) => v <= 0.0,
            Condition::TroopsBelow(_, n) => n <= 0,
            _ => false,
        };
        if never {
            warn(
                format!("{path}.conditions[{k}]"),
                "this condition can never hold in a game".into(),
            );
        }
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
        let starts = s.issues[i]
            .options()
            .into_iter()
            .filter(|cur| match m.target {
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
