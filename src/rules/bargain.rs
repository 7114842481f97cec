//! Bargaining: what a party believes the others want, what it asks for as the weeks pass, and
//! the whole text it tables (`Offer`).
//!
//! What a party wants on each issue (the value of each level, its stance) is public; how much
//! each issue weighs to it and its walk-away value are hidden when the scenario says so, until
//! a back channel reveals them. Until then the others read its priorities from what it does:
//! each time it moves a clause its own way the issue counts more, each time it gives ground
//! on it the issue counts less.

use super::state::Negotiation;
use crate::scenario::{IssueIx, Level, PartyIx, Scenario, best_package};

/// Whether `observer` knows `q`'s true weights: its own, public ones, or revealed ones.
pub fn knows(s: &Scenario, st: &Negotiation, observer: PartyIx, q: PartyIx) -> bool {
    observer == q || !s.parties[q].hidden_preferences || st.has_revealed(observer, q)
}

/// The weight `observer` believes `q` gives issue `i`, with the others' summing to 1: the true
/// weight when it [`knows`] it; otherwise an even prior times (1 + the times `q` pushed the
/// issue its own way) / (1 + the times it gave ground on it), normalised.
pub fn believed_weights(s: &Scenario, st: &Negotiation, observer: PartyIx, q: PartyIx) -> Vec<f64> {
    let prefs = &s.parties[q].prefs;
    if knows(s, st, observer, q) {
        return prefs.iter().map(|p| p.weight).collect();
    }
    let row = &st.parties[q];
    let raw: Vec<f64> = (0..prefs.len())
        .map(|i| {
            let (pushed, gave) = (
                row.pushed.get(i).copied().unwrap_or(0),
                row.gave.get(i).copied().unwrap_or(0),
            );
            (1.0 + f64::from(pushed)) / (1.0 + f64::from(gave))
        })
        .collect();
    let total: f64 = raw.iter().sum();
    raw.into_iter().map(|w| w / total.max(1e-12)).collect()
}

/// The most party `p` can get from a text that keeps every negotiator's red lines (worked out
/// once when the scenario is loaded).
pub fn best_utility(s: &Scenario, p: PartyIx) -> f64 {
    s.derived
        .best
        .get(p)
        .copied()
        .unwrap_or_else(|| crate::scenario::feasibility::best_utility(s, p))
}

/// What party `p` asks for this week: its walk-away value plus the share of its room above it
/// that is left, falling over the game at its personality's `concession`:
/// `r + (best − r) × (1 − (week / weeks)^(1 / concession))`.
pub fn aspiration(s: &Scenario, st: &Negotiation, p: PartyIx) -> f64 {
    let party = &s.parties[p];
    let r = party.reservation.at(st.tension, st.parties[p].hardliners);
    let best = best_utility(s, p).max(r);
    let t = (f64::from(st.week) / f64::from(s.weeks.max(1))).clamp(0.0, 1.0);
    let left = 1.0 - libm::pow(t, 1.0 / party.personality.concession);
    r + (best - r) * left
}

/// The text `p` tables: [`drawn_text`], or the current text when no text reaches its
/// aspiration.
pub fn offer(s: &Scenario, st: &Negotiation, p: PartyIx) -> Vec<Level> {
    drawn_text(s, st, p).unwrap_or_else(|| st.draft.levels.clone())
}

/// The text `p` draws up: among the texts that keep every negotiator's red lines and are worth at
/// least its [`aspiration`] to it, the one the other negotiators value most as `p` believes
/// them to ([`believed_weights`]), ties going to `p`'s own gain. `None` when no text reaches
/// its aspiration.
pub fn drawn_text(s: &Scenario, st: &Negotiation, p: PartyIx) -> Option<Vec<Level>> {
    let others: Vec<PartyIx> = s.negotiators.iter().copied().filter(|&q| q != p).collect();
    let beliefs: Vec<Vec<f64>> = others
        .iter()
        .map(|&q| believed_weights(s, st, p, q))
        .collect();
    let own = &s.parties[p].prefs;
    let value = |k: usize, i: IssueIx, l: Level| -> f64 {
        if k == 0 {
            own[i].weight * own[i].value(l)
        } else {
            beliefs[k - 1][i] * s.parties[others[k - 1]].prefs[i].value(l)
        }
    };
    let mut floors = vec![0.0; others.len() + 1];
    floors[0] = aspiration(s, st, p) - 1e-9;
    let mut weights = vec![1.0; others.len() + 1];
    weights[0] = 1e-3;
    best_package(s, value, &floors, &weights)
}
