//! The pure rules: a compact copy of one week's state (the [`Board`]), conditions, the
//! expansion of effects into concrete deltas, their application, and the scores.
//!
//! The ECS systems gather a `Board` from components and resources, use these functions, and
//! write results back; the AI applies the same deltas to a copy of the board to predict a move.

use crate::scenario::{
    Camp, Condition, Effect, IssueIx, Level, PartyIx, Scenario, Subject, TargetKind, Toward,
};

/// One week's state in compact form.
#[derive(Debug, PartialEq)]
pub struct Board {
    pub week: u32,
    pub tension: f64,
    pub agreement: f64,
    pub draft: Vec<Level>,
    pub banked: Vec<bool>,
    /// `trust[from][to]`, 0–100.
    pub trust: Vec<Vec<f64>>,
    pub hardliners: Vec<f64>,
    pub moderates: Vec<f64>,
    /// Theatre troops per party.
    pub troops: Vec<i64>,
    pub present: Vec<bool>,
    pub accepted: Vec<bool>,
}

impl Clone for Board {
    fn clone(&self) -> Self {
        Self {
            week: self.week,
            tension: self.tension,
            agreement: self.agreement,
            draft: self.draft.clone(),
            banked: self.banked.clone(),
            trust: self.trust.clone(),
            hardliners: self.hardliners.clone(),
            moderates: self.moderates.clone(),
            troops: self.troops.clone(),
            present: self.present.clone(),
            accepted: self.accepted.clone(),
        }
    }

    /// Field by field, reusing this board's allocations: the AI copies a board once per option.
    fn clone_from(&mut self, source: &Self) {
        self.week = source.week;
        self.tension = source.tension;
        self.agreement = source.agreement;
        self.draft.clone_from(&source.draft);
        self.banked.clone_from(&source.banked);
        self.trust.clone_from(&source.trust);
        self.hardliners.clone_from(&source.hardliners);
        self.moderates.clone_from(&source.moderates);
        self.troops.clone_from(&source.troops);
        self.present.clone_from(&source.present);
        self.accepted.clone_from(&source.accepted);
    }
}

/// A chosen move: the move's index and its target, if any.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Choice {
    pub mv: usize,
    pub party: Option<PartyIx>,
    pub issue: Option<IssueIx>,
}

/// A concrete change, with every subject resolved to parties.
#[derive(Debug, Clone, PartialEq)]
pub enum Delta {
    Tension(f64),
    Trust {
        from: PartyIx,
        to: PartyIx,
        value: f64,
        decay: f64,
    },
    Domestic {
        party: PartyIx,
        camp: Camp,
        value: f64,
    },
    Troops {
        party: PartyIx,
        value: i64,
    },
    Draft {
        issue: IssueIx,
        toward: Toward,
        actor: PartyIx,
    },
    Bridge {
        actor: PartyIx,
    },
    Accept {
        party: PartyIx,
    },
    WalkOut {
        party: PartyIx,
    },
    Return {
        party: PartyIx,
    },
    Reveal {
        viewer: PartyIx,
        target: PartyIx,
    },
    Unsettle,
}

/// The parties a subject names, as a bit set (scenarios have at most 16 parties).
/// `actor`/`target` may be absent (events without an actor).
pub fn mask(s: &Scenario, subj: &Subject, actor: Option<PartyIx>, target: Option<PartyIx>) -> u32 {
    let bit = |p: Option<PartyIx>| p.map_or(0, |p| 1u32 << p);
    let all = (1u32 << s.parties.len()) - 1;
    match subj {
        Subject::Actor => bit(actor),
        Subject::Target => bit(target),
        Subject::Party(p) => 1 << p,
        Subject::Role(r) => s
            .parties
            .iter()
            .enumerate()
            .filter(|(_, p)| p.role == *r)
            .fold(0, |m, (i, _)| m | 1 << i),
        Subject::Others => all & !bit(actor),
        Subject::OtherNegotiators => s.negotiators.iter().fold(0, |m, &p| m | 1 << p) & !bit(actor),
        Subject::All => all,
    }
}

/// The parties of a bit set, in ascending order.
pub fn bits(m: u32) -> impl Iterator<Item = PartyIx> + Clone {
    (0..32).filter(move |i| (m >> i) & 1 == 1)
}

/// Resolves a subject to parties, in party order.
pub fn subjects(
    s: &Scenario,
    subj: &Subject,
    actor: Option<PartyIx>,
    target: Option<PartyIx>,
) -> Vec<PartyIx> {
    bits(mask(s, subj, actor, target)).collect()
}

/// Whether a condition holds. Conditions on several parties hold when they hold for every one.
pub fn holds(
    s: &Scenario,
    b: &Board,
    c: &Condition,
    actor: Option<PartyIx>,
    target: Option<PartyIx>,
) -> bool {
    let all =
        |subj: &Subject, f: &dyn Fn(PartyIx) -> bool| bits(mask(s, subj, actor, target)).all(f);
    match c {
        Condition::TensionAbove(v) => b.tension > *v,
        Condition::TensionBelow(v) => b.tension < *v,
        Condition::AgreementAbove(v) => b.agreement > *v,
        Condition::AgreementBelow(v) => b.agreement < *v,
        Condition::WeekAtLeast(w) => b.week >= *w,
        Condition::WeekAtMost(w) => b.week <= *w,
        Condition::TrustBelow(x, y, v) => {
            pairs(s, x, y, actor, target).all(|(f, t)| b.trust[f][t] < *v)
        }
        Condition::TrustAbove(x, y, v) => {
            pairs(s, x, y, actor, target).all(|(f, t)| b.trust[f][t] > *v)
        }
        Condition::HardlinersBelow(x, v) => all(x, &|p| b.hardliners[p] < *v),
        Condition::HardlinersAbove(x, v) => all(x, &|p| b.hardliners[p] > *v),
        Condition::TroopsAbove(x, v) => all(x, &|p| b.troops[p] > *v),
        Condition::TroopsBelow(x, v) => all(x, &|p| b.troops[p] < *v),
        Condition::Present(x) => all(x, &|p| b.present[p]),
        Condition::Absent(x) => all(x, &|p| !b.present[p]),
        Condition::Addressed(i) => b.draft[*i].is_some(),
        Condition::NotAddressed(i) => b.draft[*i].is_none(),
        Condition::DraftKeeps(x) => all(x, &|p| s.parties[p].keeps_red_lines(&b.draft)),
        Condition::AnyBanked => b.banked.iter().any(|&x| x),
    }
}

fn pairs(
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

/// Expands effects into deltas for a move or an event.
pub fn expand(
    s: &Scenario,
    effects: &[crate::scenario::Effect],
    actor: Option<PartyIx>,
    target: Option<PartyIx>,
    issue: Option<IssueIx>,
) -> Vec<Delta> {
    let mut out = Vec::new();
    expand_into(s, effects, actor, target, issue, &mut out);
    out
}

/// [`expand`] into a buffer that is cleared first (the AI reuses one for every option).
pub fn expand_into(
    s: &Scenario,
    effects: &[crate::scenario::Effect],
    actor: Option<PartyIx>,
    target: Option<PartyIx>,
    issue: Option<IssueIx>,
    out: &mut Vec<Delta>,
) {
    out.clear();
    for e in effects {
        match e {
            Effect::Tension(v) => out.push(Delta::Tension(*v)),
            Effect::Trust(x, y, v, d) => {
                for (from, to) in pairs(s, x, y, actor, target) {
                    out.push(Delta::Trust {
                        from,
                        to,
                        value: *v,
                        decay: *d,
                    });
                }
            }
            Effect::Domestic(x, camp, v) => {
                for p in bits(mask(s, x, actor, target)) {
                    out.push(Delta::Domestic {
                        party: p,
                        camp: *camp,
                        value: *v,
                    });
                }
            }
            Effect::Troops(x, v) => {
                for p in bits(mask(s, x, actor, target)) {
                    out.push(Delta::Troops {
                        party: p,
                        value: *v,
                    });
                }
            }
            Effect::Draft(t) => {
                if let (Some(i), Some(a)) = (issue, actor) {
                    out.push(Delta::Draft {
                        issue: i,
                        toward: *t,
                        actor: a,
                    });
                }
            }
            Effect::Bridge => {
                if let Some(a) = actor {
                    out.push(Delta::Bridge { actor: a });
                }
            }
            Effect::Accept => {
                if let Some(a) = actor {
                    out.push(Delta::Accept { party: a });
                }
            }
            Effect::WalkOut(x) => {
                out.extend(bits(mask(s, x, actor, target)).map(|p| Delta::WalkOut { party: p }))
            }
            Effect::Return(x) => {
                out.extend(bits(mask(s, x, actor, target)).map(|p| Delta::Return { party: p }))
            }
            Effect::Reveal(x) => {
                if let Some(a) = actor {
                    out.extend(
                        bits(mask(s, x, actor, target))
                            .filter(|&p| p != a)
                            .map(|p| Delta::Reveal {
                                viewer: a,
                                target: p,
                            }),
                    );
                }
            }
            Effect::Unsettle => out.push(Delta::Unsettle),
        }
    }
}

/// Position of an option on the issue's line: "not addressed" sits one step below the first level.
fn pos(level: Level) -> i64 {
    level.map_or(-1, |l| l as i64)
}

fn from_pos(p: i64) -> Level {
    usize::try_from(p).ok()
}

/// The option that a one-step move of `issue` toward `toward` reaches, from the current draft:
/// the nearest option on the way to the goal that the side it favours values more than the
/// current one (so a concession always gives something and a proposal always gains), or the
/// goal itself.
pub fn draft_step(
    s: &Scenario,
    draft: &[Level],
    issue: IssueIx,
    toward: Toward,
    actor: PartyIx,
) -> Level {
    let cur = draft[issue];
    let goal = match toward {
        Toward::Actor => s.derived.ideal[actor][issue],
        Toward::Others => s.derived.joint[actor][issue],
        Toward::Middle => fairest_option(s, issue).unwrap_or(None),
    };
    let worth = |o: Level| -> f64 {
        let v = |p: PartyIx| s.parties[p].prefs[issue].value(o);
        match toward {
            Toward::Actor => v(actor),
            Toward::Others => s
                .negotiators
                .iter()
                .filter(|&&p| p != actor)
                .map(|&p| v(p))
                .sum(),
            Toward::Middle => s
                .negotiators
                .iter()
                .map(|&p| v(p))
                .fold(f64::INFINITY, f64::min),
        }
    };
    let (c, g) = (pos(cur), pos(goal));
    let step = (g - c).signum();
    let here = worth(cur);
    let mut p = c;
    while p != g {
        p += step;
        if p < 0 && !s.issues[issue].may_be_unaddressed {
            continue;
        }
        if worth(from_pos(p)) > here + 1e-9 {
            return from_pos(p);
        }
    }
    goal
}

/// The option of an issue that keeps every negotiator's red lines and maximises the lowest
/// per-issue utility among negotiators (ties: the highest sum). `None` if no option keeps them.
pub fn fairest_option(s: &Scenario, issue: IssueIx) -> Option<Level> {
    s.derived.fairest[issue]
}

/// The clause a bridging proposal changes and where it puts it: first a clause that breaks a
/// negotiator's red line, else the unbanked clause whose fair level gains the most for the
/// worse-off side.
pub fn bridge_target(s: &Scenario, b: &Board) -> Option<(IssueIx, Level)> {
    // A text every negotiator could sign needs no bridge.
    let signable = s.negotiators.iter().all(|&p| {
        let st = stand(s, b, p);
        st.kept == st.red_lines && st.utility >= st.reservation - 1e-9
    });
    if signable {
        return None;
    }
    for i in 0..s.issues.len() {
        if !s.negotiators_allow(i, b.draft[i])
            && let Some(f) = fairest_option(s, i)
        {
            return Some((i, f));
        }
    }
    let mut best: Option<(f64, IssueIx, Level)> = None;
    for i in 0..s.issues.len() {
        if b.banked[i] {
            continue;
        }
        let Some(f) = fairest_option(s, i) else {
            continue;
        };
        if f == b.draft[i] {
            continue;
        }
        // Gain in the lowest weighted utility among negotiators.
        let low = |l: Level| {
            s.negotiators
                .iter()
                .map(|&p| s.parties[p].prefs[i].weight * s.parties[p].prefs[i].value(l))
                .fold(f64::INFINITY, f64::min)
        };
        let gain = low(f) - low(b.draft[i]);
        let spread = |l: Level| {
            let v: Vec<f64> = s
                .negotiators
                .iter()
                .map(|&p| s.parties[p].prefs[i].weight * s.parties[p].prefs[i].value(l))
                .collect();
            v.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                - v.iter().copied().fold(f64::INFINITY, f64::min)
        };
        let score = gain + 0.5 * (spread(b.draft[i]) - spread(f));
        if score > 1e-9 && best.is_none_or(|(bs, _, _)| score > bs + 1e-12) {
            best = Some((score, i, f));
        }
    }
    best.map(|(_, i, l)| (i, l))
}

/// The move options of a party this week: each legal (move, target) pair, in catalogue order.
/// `human` relaxes the AI's own rule that it accepts only what it would sign.
pub fn legal_choices(s: &Scenario, b: &Board, party: PartyIx) -> Vec<Choice> {
    let role = s.parties[party].role;
    let mut out = Vec::new();
    for (mx, m) in s.moves.iter().enumerate() {
        if !m.usable_by(party, role) {
            continue;
        }
        let needs_absent = m
            .conditions
            .iter()
            .any(|c| matches!(c, Condition::Absent(Subject::Actor)));
        if needs_absent == b.present[party] {
            // Absent parties may only use moves made for the absent, and present ones never.
            continue;
        }
        let concedes = m
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Draft(Toward::Others)));
        if concedes && b.hardliners[party] < s.parties[party].domestic.concession_floor {
            continue;
        }
        let targets: Vec<(Option<PartyIx>, Option<IssueIx>)> = match m.target {
            TargetKind::None => vec![(None, None)],
            TargetKind::Issue => (0..s.issues.len()).map(|i| (None, Some(i))).collect(),
            TargetKind::AddressedIssue => (0..s.issues.len())
                .filter(|&i| b.draft[i].is_some())
                .map(|i| (None, Some(i)))
                .collect(),
            TargetKind::OpenIssue => (0..s.issues.len())
                .filter(|&i| b.draft[i].is_none())
                .map(|i| (None, Some(i)))
                .collect(),
            TargetKind::Negotiator => s
                .negotiators
                .iter()
                .filter(|&&p| p != party)
                .map(|&p| (Some(p), None))
                .collect(),
            TargetKind::Party => (0..s.parties.len())
                .filter(|&p| p != party)
                .map(|p| (Some(p), None))
                .collect(),
        };
        for (tp, ti) in targets {
            if !m.conditions.iter().all(|c| holds(s, b, c, Some(party), tp)) {
                continue;
            }
            // A draft move must change its clause, and a party never moves a clause across
            // its own red line.
            if let Some(i) = ti {
                let mut has_draft = false;
                let mut ok = false;
                for e in &m.effects {
                    if let Effect::Draft(t) = e {
                        has_draft = true;
                        let to = draft_step(s, &b.draft, i, *t, party);
                        let own_lines_kept = s.parties[party]
                            .red_lines
                            .iter()
                            .filter(|r| r.issue == i)
                            .all(|r| r.rule.allows(to));
                        ok |= to != b.draft[i] && own_lines_kept;
                    }
                }
                if has_draft && !ok {
                    continue;
                }
            }
            out.push(Choice {
                mv: mx,
                party: tp,
                issue: ti,
            });
        }
    }
    out
}

/// What applying deltas did, for the log and the trust ledgers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Clauses that changed: (issue, from, to, who changed it).
    pub clauses: Vec<(IssueIx, Level, Level, PartyIx)>,
    /// Banked clauses that were reopened: (issue, by whom).
    pub reopened: Vec<(IssueIx, PartyIx)>,
    pub reveals: Vec<(PartyIx, PartyIx)>,
}

/// Applies deltas to a board. Trust deltas change trust values directly (the ECS keeps the
/// itemised ledger; the board holds sums). Returns what changed.
pub fn apply(s: &Scenario, b: &mut Board, deltas: &[Delta]) -> Applied {
    let mut applied = Applied::default();
    for d in deltas {
        match d {
            Delta::Tension(v) => b.tension = (b.tension + v).clamp(0.0, 100.0),
            Delta::Trust {
                from, to, value, ..
            } => {
                b.trust[*from][*to] = (b.trust[*from][*to] + value).clamp(0.0, 100.0);
            }
            Delta::Domestic { party, camp, value } => {
                let v = match camp {
                    Camp::Hardliners => &mut b.hardliners[*party],
                    Camp::Moderates => &mut b.moderates[*party],
                };
                *v = (*v + value).clamp(0.0, 100.0);
            }
            Delta::Troops { party, value } => b.troops[*party] = (b.troops[*party] + value).max(0),
            Delta::Draft {
                issue,
                toward,
                actor,
            } => {
                let to = draft_step(s, &b.draft, *issue, *toward, *actor);
                set_clause(s, b, &mut applied, *issue, to, *actor);
            }
            Delta::Bridge { actor } => {
                if let Some((i, l)) = bridge_target(s, b) {
                    set_clause(s, b, &mut applied, i, l, *actor);
                }
            }
            Delta::Accept { party } => b.accepted[*party] = b.present[*party],
            Delta::WalkOut { party } => {
                b.present[*party] = false;
                b.accepted[*party] = false;
            }
            Delta::Return { party } => b.present[*party] = true,
            Delta::Reveal { viewer, target } => applied.reveals.push((*viewer, *target)),
            Delta::Unsettle => {
                b.accepted.iter_mut().for_each(|a| *a = false);
            }
        }
    }
    applied
}

/// Changes one clause; reopening a banked clause costs the actor trust with the other negotiators.
fn set_clause(
    s: &Scenario,
    b: &mut Board,
    applied: &mut Applied,
    issue: IssueIx,
    to: Level,
    actor: PartyIx,
) {
    let from = b.draft[issue];
    if from == to {
        return;
    }
    if b.banked[issue] {
        applied.reopened.push((issue, actor));
        b.banked[issue] = false;
        for q in reopen_losers(s, actor) {
            b.trust[q][actor] = (b.trust[q][actor] - s.rules.reopen_cost).clamp(0.0, 100.0);
        }
    }
    b.draft[issue] = to;
    b.accepted.iter_mut().for_each(|a| *a = false);
    applied.clauses.push((issue, from, to, actor));
}

/// The parties whose trust in `actor` falls when it reopens a banked clause: the other negotiators.
pub fn reopen_losers(s: &Scenario, actor: PartyIx) -> impl Iterator<Item = PartyIx> + '_ {
    s.negotiators.iter().copied().filter(move |&q| q != actor)
}

/// How one negotiator stands toward the current draft.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
    pub fn would_sign(&self, min_trust: f64) -> bool {
        self.present
            && self.kept == self.red_lines
            && self.utility >= self.reservation - 1e-9
            && self.min_trust >= min_trust
    }
}

/// A party's lowest trust in another negotiator (100 if there is none).
pub fn min_trust(s: &Scenario, b: &Board, p: PartyIx) -> f64 {
    s.negotiators
        .iter()
        .filter(|&&q| q != p)
        .map(|&q| b.trust[p][q])
        .fold(100.0, f64::min)
}

/// How a party stands toward the draft.
pub fn stand(s: &Scenario, b: &Board, p: PartyIx) -> Stand {
    let party = &s.parties[p];
    let kept = party
        .red_lines
        .iter()
        .filter(|r| r.rule.allows(b.draft[r.issue]))
        .count();
    Stand {
        utility: party.utility(&b.draft),
        reservation: party.reservation.at(b.tension, b.hardliners[p]),
        kept,
        red_lines: party.red_lines.len(),
        min_trust: min_trust(s, b, p),
        present: b.present[p],
    }
}

/// Agreement (0–100): how close the negotiators are to a text every one of them can sign.
///
/// Each negotiator's closeness is the mean of its share of red lines kept and its utility as a
/// share of its reservation value, scaled by its trust as a share of the trust needed to sign
/// (trust counts for 40 %). Agreement is the mean of the average and the lowest closeness, so
/// one side far away holds it down. It is 100 exactly when every negotiator would sign.
pub fn agreement(s: &Scenario, b: &Board) -> f64 {
    let mut sum = 0.0;
    let mut min = f64::INFINITY;
    for &p in &s.negotiators {
        let st = stand(s, b, p);
        let lines = if st.red_lines == 0 {
            1.0
        } else {
            st.kept as f64 / st.red_lines as f64
        };
        let util = if st.reservation <= 0.0 {
            1.0
        } else {
            (st.utility / st.reservation).clamp(0.0, 1.0)
        };
        let trust = if s.rules.min_trust <= 0.0 {
            1.0
        } else {
            (st.min_trust / s.rules.min_trust).clamp(0.0, 1.0)
        };
        let presence = if st.present { 1.0 } else { 0.5 };
        let a = (0.5 * lines + 0.5 * util) * (0.6 + 0.4 * trust) * presence;
        sum += a;
        min = min.min(a);
    }
    let n = s.negotiators.len().max(1) as f64;
    (100.0 * (0.5 * sum / n + 0.5 * min.min(1.0))).clamp(0.0, 100.0)
}

/// The chance of war this week's escalation roll carries at a given tension.
pub fn escalation_chance(s: &Scenario, tension: f64) -> f64 {
    ((tension - s.tension.escalation_threshold).max(0.0) * s.tension.escalation_per_point)
        .clamp(0.0, 1.0)
}

/// Domestic support of a party (0–100): its audiences weighted by their shares.
pub fn support(s: &Scenario, b: &Board, p: PartyIx) -> f64 {
    let d = &s.parties[p].domestic;
    d.hardliners.share * b.hardliners[p] + d.moderates.share * b.moderates[p]
}

/// Whether every negotiator has accepted the current text and it keeps all their red lines.
pub fn deal_reached(s: &Scenario, b: &Board) -> bool {
    s.negotiators
        .iter()
        .all(|&p| b.accepted[p] && b.present[p] && s.parties[p].keeps_red_lines(&b.draft))
}
