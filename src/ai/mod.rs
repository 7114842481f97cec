//! The AI: scores every legal move by what it does to the party's own prospects, picks one with
//! seeded randomness, and explains both its choices and its answer to "would you sign?".
//!
//! Pure functions over a [`Board`]; no ECS, no rendering.

use serde::{Deserialize, Serialize};

use crate::scenario::{PartyIx, Role, Scenario, Tone};
use crate::sim::board::{self, Board, Choice};
use crate::sim::rng::GameRng;

/// How a party nobody controls picks its moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub enum Policy {
    /// Scores every legal move and picks with seeded randomness (the default).
    #[default]
    Ai,
    /// Scripted dove: the best-scored conciliatory move (back channels, concessions, acceptance).
    Dove,
    /// Scripted hawk: the best-scored hawkish move, or a proposal in its own favour.
    Hawk,
    /// Any legal move, uniformly at random.
    Random,
}

impl std::str::FromStr for Policy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "ai" => Ok(Policy::Ai),
            "dove" => Ok(Policy::Dove),
            "hawk" => Ok(Policy::Hawk),
            "random" => Ok(Policy::Random),
            _ => Err(format!(
                "unknown policy `{s}` (expected ai, dove, hawk or random)"
            )),
        }
    }
}

impl std::fmt::Display for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Policy::Ai => "ai",
            Policy::Dove => "dove",
            Policy::Hawk => "hawk",
            Policy::Random => "random",
        })
    }
}

/// The parts of a party's value of a board, and of a move's score, in this order.
pub const PARTS: [&str; 5] = [
    "draft in our favour",
    "prospects of a deal",
    "risk of war",
    "support at home",
    "suits our temperament",
];

/// A legal move with its score and the parts of that score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub choice: Choice,
    pub score: f64,
    /// The change of each part of [`PARTS`]; they add up to `score`.
    pub parts: [f64; 5],
    /// Predicted change of tension and agreement, and of the party's own utility.
    pub d_tension: f64,
    pub d_agreement: f64,
    pub d_utility: f64,
}

/// A party's choice for the week, with the alternatives it weighed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub party: PartyIx,
    pub policy: Policy,
    pub chosen: Scored,
    /// The best-scored alternatives, best first (the chosen move excluded).
    pub alternatives: Vec<Scored>,
}

/// A party's answer to "would you sign this draft?".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub party: PartyIx,
    pub would_sign: bool,
    pub utility: f64,
    pub reservation: f64,
    /// Every reason, for and against.
    pub reasons: Vec<String>,
}

impl Scored {
    /// The named parts of the score.
    pub fn terms(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        PARTS.iter().copied().zip(self.parts.iter().copied())
    }
}

/// Value of a board to a party, in the first four parts of [`PARTS`].
pub fn value(s: &Scenario, b: &Board, p: PartyIx) -> [f64; 4] {
    let party = &s.parties[p];
    let w = &s.ai;
    let agreement = b.agreement / 100.0;
    let accepted = s.negotiators.iter().filter(|&&q| b.accepted[q]).count() as f64
        / s.negotiators.len().max(1) as f64;
    // A text every negotiator has accepted is a deal; otherwise agreement and acceptances say
    // how near one is, and every negotiator who could not sign it (a broken red line, or less
    // than its reservation value) pushes it much further away.
    let p_deal = if board::deal_reached(s, b) {
        1.0
    } else {
        let ready = s
            .negotiators
            .iter()
            .filter(|&&q| {
                let st = board::stand(s, b, q);
                st.kept == st.red_lines && st.utility >= st.reservation - 1e-9
            })
            .count() as f64
            / s.negotiators.len().max(1) as f64;
        agreement * (0.5 + 0.5 * accepted) * ready * ready
    };
    let utility = party.utility(&b.draft);
    let mut position = 0.0;
    let stake = match party.role {
        Role::Negotiator => {
            let st = board::stand(s, b, p);
            position = w.position * utility;
            utility - st.reservation
        }
        Role::Mediator => 1.0,
        Role::Regional => 0.5 + 0.5 * utility,
        Role::Spoiler => -party.personality.spoiler + (1.0 - party.personality.spoiler) * utility,
    };
    let span = (s.tension.war_at - s.tension.rest).max(1.0);
    let risk = ((b.tension - s.tension.rest) / span)
        .clamp(0.0, 1.0)
        .powi(2);
    [
        position,
        w.deal * p_deal * stake,
        -party.personality.cautious * w.war_cost * risk,
        w.domestic * (board::support(s, b, p) - 50.0) / 100.0,
    ]
}

/// Scores one legal choice for a party: the change in its value, plus its personality's taste
/// for the move's tone.
pub fn score(s: &Scenario, b: &Board, p: PartyIx, choice: Choice) -> Scored {
    let before = value(s, b, p);
    let mut scratch = Scratch {
        board: b.clone(),
        deltas: Vec::new(),
    };
    score_with(s, b, p, choice, &before, hawkishness(s, b, p), &mut scratch)
}

/// Reused buffers for scoring many options.
struct Scratch {
    board: Board,
    deltas: Vec<board::Delta>,
}

/// [`score`] with the party's value and hawkishness before the move already known, and a scratch
/// board to simulate the move on (its allocations are reused).
fn score_with(
    s: &Scenario,
    b: &Board,
    p: PartyIx,
    choice: Choice,
    before: &[f64; 4],
    h: f64,
    scratch: &mut Scratch,
) -> Scored {
    let Scratch {
        board: after_board,
        deltas,
    } = scratch;
    after_board.clone_from(b);
    let m = &s.moves[choice.mv];
    board::expand_into(s, &m.effects, Some(p), choice.party, choice.issue, deltas);
    board::apply(s, after_board, deltas);
    after_board.agreement = board::agreement(s, after_board);
    let after = value(s, after_board, p);
    let taste = match m.tone {
        Tone::Hawkish => 2.0 * (h - 0.5),
        Tone::Conciliatory => 2.0 * (0.5 - h),
        Tone::Neutral => 0.0,
    };
    let parts = [
        after[0] - before[0],
        after[1] - before[1],
        after[2] - before[2],
        after[3] - before[3],
        s.ai.tone * taste,
    ];
    let score = parts.iter().sum();
    Scored {
        choice,
        score,
        parts,
        d_tension: after_board.tension - b.tension,
        d_agreement: after_board.agreement - b.agreement,
        d_utility: s.parties[p].utility(&after_board.draft) - s.parties[p].utility(&b.draft),
    }
}

/// Every legal choice of a party, scored, in catalogue order.
pub fn score_all(s: &Scenario, b: &Board, p: PartyIx) -> Vec<Scored> {
    let before = value(s, b, p);
    let h = hawkishness(s, b, p);
    let mut scratch = Scratch {
        board: b.clone(),
        deltas: Vec::new(),
    };
    ai_choices(s, b, p)
        .into_iter()
        .map(|c| score_with(s, b, p, c, &before, h, &mut scratch))
        .collect()
}

/// A party's hawkishness this week: its personality, raised by distrust of the other negotiators
/// (`ai.reciprocity`), so hostility breeds hostility and goodwill is returned.
pub fn hawkishness(s: &Scenario, b: &Board, p: PartyIx) -> f64 {
    let min_trust = board::min_trust(s, b, p);
    let base = s.parties[p].personality.hawkish;
    if s.parties[p].role != Role::Negotiator {
        return base;
    }
    (base + s.ai.reciprocity * (50.0 - min_trust) / 100.0).clamp(0.0, 1.0)
}

/// The legal choices an AI considers: all legal ones, except that it accepts only a text it
/// would sign.
pub fn ai_choices(s: &Scenario, b: &Board, p: PartyIx) -> Vec<Choice> {
    let signs = board::stand(s, b, p).would_sign(s.rules.min_trust);
    board::legal_choices(s, b, p)
        .into_iter()
        .filter(|c| {
            signs
                || !s.moves[c.mv]
                    .effects
                    .contains(&crate::scenario::Effect::Accept)
        })
        .collect()
}

/// Picks a move for a party that nobody controls.
pub fn choose(
    s: &Scenario,
    b: &Board,
    p: PartyIx,
    policy: Policy,
    rng: &mut GameRng,
) -> Option<Decision> {
    let mut scored = score_all(s, b, p);
    if scored.is_empty() {
        return None;
    }
    let pick = match policy {
        Policy::Random => rng.below(scored.len()),
        Policy::Ai => softmax_pick(s, p, &scored, rng),
        Policy::Dove | Policy::Hawk => {
            // A scripted dove never makes a hawkish move and scores as a pure dove; a scripted
            // hawk never makes a conciliatory one (but will sign) and scores as a pure hawk.
            let (h, banned) = if policy == Policy::Dove {
                (0.0, Tone::Hawkish)
            } else {
                (1.0, Tone::Conciliatory)
            };
            let before = value(s, b, p);
            let mut scratch = Scratch {
                board: b.clone(),
                deltas: Vec::new(),
            };
            let pool: Vec<Scored> = ai_choices(s, b, p)
                .into_iter()
                .filter(|c| {
                    let m = &s.moves[c.mv];
                    m.tone != banned || m.effects.contains(&crate::scenario::Effect::Accept)
                })
                .map(|c| score_with(s, b, p, c, &before, h, &mut scratch))
                .collect();
            if !pool.is_empty() {
                scored = pool;
            }
            softmax_pick(s, p, &scored, rng)
        }
    };
    let chosen = scored.remove(pick);
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.choice.cmp(&b.choice)));
    scored.truncate(3);
    Some(Decision {
        party: p,
        policy,
        chosen,
        alternatives: scored,
    })
}

/// Draws a move with probability ∝ exp(score / temperature).
fn softmax_pick(s: &Scenario, p: PartyIx, scored: &[Scored], rng: &mut GameRng) -> usize {
    let t = (s.parties[p].personality.temperature * s.ai.temperature).max(1e-6);
    let max = scored
        .iter()
        .map(|x| x.score)
        .fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = scored.iter().map(|x| ((x.score - max) / t).exp()).collect();
    rng.weighted(&weights)
}

/// A party's answer to "would you sign this draft?", with every reason.
pub fn verdict(s: &Scenario, b: &Board, p: PartyIx) -> Verdict {
    let party = &s.parties[p];
    let st = board::stand(s, b, p);
    let mut reasons = Vec::new();
    if !st.present {
        reasons.push("we are not at the table".to_string());
    }
    for r in &party.red_lines {
        let issue = &s.issues[r.issue];
        let level = b.draft[r.issue];
        if r.rule.allows(level) {
            reasons.push(format!(
                "keeps our red line \"{}\" ({})",
                r.text,
                r.rule.describe(issue)
            ));
        } else {
            reasons.push(format!(
                "breaks our red line \"{}\": {} (the draft says {})",
                r.text,
                r.rule.describe(issue),
                issue.level_name(level)
            ));
        }
    }
    if st.utility >= st.reservation - 1e-9 {
        reasons.push(format!(
            "it is worth {:.2} to us, above the {:.2} we can get without a deal",
            st.utility, st.reservation
        ));
    } else {
        reasons.push(format!(
            "it is worth {:.2} to us, below the {:.2} we can get without a deal",
            st.utility, st.reservation
        ));
        // The clauses that cost the most.
        let mut losses: Vec<(f64, usize)> = (0..s.issues.len())
            .map(|i| {
                let pref = &party.prefs[i];
                let best = s.issues[i]
                    .options()
                    .into_iter()
                    .map(|o| pref.value(o))
                    .fold(0.0, f64::max);
                (pref.weight * (best - pref.value(b.draft[i])), i)
            })
            .filter(|(l, _)| *l > 1e-9)
            .collect();
        losses.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        if let Some((_, i)) = losses.first() {
            reasons.push(format!(
                "the clause that costs us most: {} ({})",
                s.issues[*i].name,
                s.issues[*i].level_name(b.draft[*i])
            ));
        }
    }
    for &q in &s.negotiators {
        if q == p {
            continue;
        }
        let t = b.trust[p][q];
        if t < s.rules.min_trust {
            reasons.push(format!(
                "we trust {} at {:.0}, short of the {:.0} we need to sign",
                s.parties[q].name, t, s.rules.min_trust
            ));
        } else {
            reasons.push(format!("we trust {} enough ({:.0})", s.parties[q].name, t));
        }
    }
    Verdict {
        party: p,
        would_sign: st.would_sign(s.rules.min_trust),
        utility: st.utility,
        reservation: st.reservation,
        reasons,
    }
}

/// One line that explains a decision: the move, its score, and its largest reasons.
pub fn explain(s: &Scenario, d: &Decision) -> String {
    let mut terms: Vec<(&str, f64)> = d.chosen.terms().filter(|t| t.1.abs() >= 0.0005).collect();
    terms.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let why: Vec<String> = terms
        .iter()
        .take(3)
        .map(|(l, v)| format!("{l} {v:+.3}"))
        .collect();
    let alt = d
        .alternatives
        .first()
        .map(|a| {
            format!(
                "; next best: {} ({:+.3})",
                choice_label(s, &a.choice),
                a.score
            )
        })
        .unwrap_or_default();
    let policy = if d.policy == Policy::Ai {
        String::new()
    } else {
        format!(" [{}]", d.policy)
    };
    format!(
        "{}{}: {} (score {:+.3}: {}){}",
        s.parties[d.party].name,
        policy,
        choice_label(s, &d.chosen.choice),
        d.chosen.score,
        if why.is_empty() {
            "no effect on our prospects".to_string()
        } else {
            why.join(", ")
        },
        alt
    )
}

/// "Propose an amendment: Missile programme" and the like.
pub fn choice_label(s: &Scenario, c: &Choice) -> String {
    let m = &s.moves[c.mv];
    match (c.party, c.issue) {
        (Some(p), _) => format!("{} → {}", m.name, s.parties[p].name),
        (_, Some(i)) => format!("{}: {}", m.name, s.issues[i].name),
        _ => m.name.clone(),
    }
}
