//! One week as an explicit schedule: events → moves → resolution → scoring → outcome.
//!
//! The systems are chained in a fixed, declared order and the schedule treats any ambiguity
//! as an error. Nothing here reads the clock: a week runs when a front end runs the schedule.

use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::board::{self, Delta};
use super::rng::GameRng;
use super::state::*;
use crate::ai;
use crate::scenario::{Camp, Scenario};

/// The schedule that plays one week.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct TurnSchedule;

/// The phases of a week, in order.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum Phase {
    Events,
    Moves,
    Resolution,
    Scoring,
    Outcome,
}

/// Builds the turn schedule.
pub fn turn_schedule() -> Schedule {
    let mut s = Schedule::new(TurnSchedule);
    s.set_executor(SingleThreadedExecutor::new());
    s.set_build_settings(ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..default()
    });
    s.configure_sets(
        (
            Phase::Events,
            Phase::Moves,
            Phase::Resolution,
            Phase::Scoring,
            Phase::Outcome,
        )
            .chain(),
    );
    s.add_systems((
        (begin_week, draw_events).chain().in_set(Phase::Events),
        choose_moves.in_set(Phase::Moves),
        (resolve_actions, weekly_update)
            .chain()
            .in_set(Phase::Resolution),
        score.in_set(Phase::Scoring),
        (check_outcome, record_history)
            .chain()
            .in_set(Phase::Outcome),
    ));
    s
}

/// The week's state, read-only: what most phases start from.
#[derive(SystemParam)]
pub struct Table<'w, 's> {
    pub rules: Res<'w, Rules>,
    pub week: Res<'w, Week>,
    pub tension: Res<'w, Tension>,
    pub agreement: Res<'w, Agreement>,
    pub draft: Res<'w, Draft>,
    pub parties: Query<'w, 's, PartyRead>,
}

impl Table<'_, '_> {
    /// The compact board of this week.
    pub fn board(&self) -> board::Board {
        gather(
            &self.rules.0,
            self.week.0,
            self.tension.value,
            self.agreement.0,
            &self.draft,
            self.parties.iter(),
        )
    }
}

/// Where the phases write what happened: the news feed and the game log.
#[derive(SystemParam)]
pub struct Report<'w> {
    pub news: ResMut<'w, NewsFeed>,
    pub log: ResMut<'w, GameLog>,
}

impl Report<'_> {
    pub fn line(&mut self, line: String) {
        self.log.0.push(line);
    }

    pub fn news(&mut self, week: u32, kind: NewsKind, text: String) {
        self.news.0.push(News { week, kind, text });
    }
}

type PartyMut = (
    &'static PartyTag,
    &'static mut Domestic,
    &'static mut Forces,
    &'static mut TrustLedgers,
    &'static mut Presence,
    &'static mut Acceptance,
);

/// Starts the week: advances the counter and clears last week's per-week records.
pub fn begin_week(
    mut week: ResMut<Week>,
    mut tension: ResMut<Tension>,
    mut draft: ResMut<Draft>,
    mut decisions: ResMut<Decisions>,
    mut deck: ResMut<Deck>,
    mut log: ResMut<GameLog>,
) {
    week.0 += 1;
    tension.causes.clear();
    draft.changes.clear();
    *decisions = Decisions::default();
    deck.cooldown
        .iter_mut()
        .for_each(|c| *c = c.saturating_sub(1));
    log.0.push(format!("week {}", week.0));
}

/// Phase 1: with the scenario's weekly chance, draws one event whose conditions hold.
pub fn draw_events(
    table: Table,
    mut deck: ResMut<Deck>,
    mut rng: ResMut<GameRng>,
    mut pending: ResMut<Pending>,
    mut report: Report,
) {
    let s = &*table.rules.0;
    pending.0.clear();
    if !rng.chance(s.rules.event_chance) {
        return;
    }
    let b = table.board();
    let eligible: Vec<usize> = (0..s.events.len())
        .filter(|&e| {
            let ev = &s.events[e];
            deck.cooldown[e] == 0
                && !(ev.once && deck.fired[e])
                && ev
                    .conditions
                    .iter()
                    .all(|c| board::holds(s, &b, c, ev.actor, None))
        })
        .collect();
    if eligible.is_empty() {
        return;
    }
    let weights: Vec<f64> = eligible.iter().map(|&e| s.events[e].weight).collect();
    let e = eligible[rng.weighted(&weights)];
    let ev = &s.events[e];
    deck.cooldown[e] = ev.cooldown;
    deck.fired[e] = true;
    pending.0.push(Action {
        actor: ev.actor,
        label: ev.headline.clone(),
        deltas: board::expand(s, &ev.effects, ev.actor, None, None),
    });
    report.news(table.week.0, NewsKind::Event, ev.headline.clone());
    report.line(format!("  event {}: {}", ev.id, ev.headline));
}

/// Phase 2: every party chooses one move: humans through their orders, the rest by AI.
#[expect(
    clippy::too_many_arguments,
    reason = "a system reads the resources it needs"
)]
pub fn choose_moves(
    table: Table,
    controllers: Query<(&PartyTag, &Controller)>,
    mut orders: ResMut<Orders>,
    mut rng: ResMut<GameRng>,
    mut pending: ResMut<Pending>,
    mut decisions: ResMut<Decisions>,
    mut report: Report,
    quiet: Option<Res<Quiet>>,
) {
    let s = &*table.rules.0;
    let week = &table.week;
    let quiet = quiet.is_some();
    let b = table.board();
    let mut controllers: Vec<(usize, Controller)> =
        controllers.iter().map(|(t, c)| (t.0, *c)).collect();
    controllers.sort_by_key(|c| c.0);
    let orders = std::mem::take(&mut orders.0);
    for (p, controller) in controllers {
        let legal = board::legal_choices(s, &b, p);
        let choice = match (controller, orders.get(&p)) {
            (Controller::Human, Some(c)) if legal.contains(c) => Some(*c),
            (Controller::Human, Some(c)) => {
                report.line(format!(
                    "  {}: order {} is not legal this week; holding",
                    s.parties[p].id, s.moves[c.mv].id
                ));
                None
            }
            (Controller::Human, None) => None,
            (Controller::Ai(policy), _) => {
                let d = ai::choose(s, &b, p, policy, &mut rng);
                let c = d.as_ref().map(|d| d.chosen.choice);
                if let Some(d) = d.filter(|_| !quiet) {
                    report.line(format!("  why: {}", ai::explain(s, &d)));
                    decisions.explained.push(d);
                }
                c
            }
        };
        let Some(c) = choice else {
            if b.present[p] && !quiet {
                report.line(format!("  {}: no move", s.parties[p].id));
            }
            continue;
        };
        let m = &s.moves[c.mv];
        decisions.moves.push((p, c));
        pending.0.push(Action {
            actor: Some(p),
            label: format!("{}: {}", s.parties[p].name, m.name),
            deltas: board::expand(s, &m.effects, Some(p), c.party, c.issue),
        });
        if !quiet {
            let text = fill(s, &m.text, p, c);
            report.line(format!(
                "  {} plays {}: {}",
                s.parties[p].id,
                label_ids(s, c),
                text
            ));
            report.news(week.0, NewsKind::Move, text);
        }
    }
}

/// `{actor}`, `{target}` and `{issue}` filled in.
pub fn fill(s: &Scenario, text: &str, actor: usize, c: board::Choice) -> String {
    let mut t = text.replace("{actor}", &s.parties[actor].name);
    if let Some(p) = c.party {
        t = t.replace("{target}", &s.parties[p].name);
    }
    if let Some(i) = c.issue {
        t = t.replace("{issue}", &s.issues[i].name.to_lowercase());
    }
    t
}

fn label_ids(s: &Scenario, c: board::Choice) -> String {
    let mut l = s.moves[c.mv].id.clone();
    if let Some(p) = c.party {
        l = format!("{l}({})", s.parties[p].id);
    }
    if let Some(i) = c.issue {
        l = format!("{l}({})", s.issues[i].id);
    }
    l
}

/// Phase 3a: applies the week's actions in order: events first, then moves in party order.
#[expect(
    clippy::too_many_arguments,
    reason = "a system reads the resources it needs"
)]
pub fn resolve_actions(
    rules: Res<Rules>,
    week: Res<Week>,
    mut tension: ResMut<Tension>,
    agreement: Res<Agreement>,
    mut draft: ResMut<Draft>,
    mut pending: ResMut<Pending>,
    mut revealed: ResMut<Revealed>,
    mut parties: Query<PartyMut>,
    mut news: ResMut<NewsFeed>,
    mut log: ResMut<GameLog>,
) {
    let s = &*rules.0;
    let mut b = gather(
        s,
        week.0,
        tension.value,
        agreement.0,
        &draft,
        parties.iter(),
    );
    let mut ledgers: Vec<Vec<(usize, crate::scenario::Modifier)>> =
        vec![Vec::new(); s.parties.len()];
    let mut pushes: Vec<(usize, Camp, f64)> = Vec::new();
    for action in std::mem::take(&mut pending.0) {
        for d in &action.deltas {
            match d {
                Delta::Tension(v) if *v != 0.0 => {
                    tension.causes.push(Cause {
                        label: action.label.clone(),
                        delta: *v,
                    });
                }
                Delta::Trust {
                    from,
                    to,
                    value,
                    decay,
                } => ledgers[*from].push((
                    *to,
                    crate::scenario::Modifier {
                        label: action.label.clone(),
                        value: *value,
                        decay: *decay,
                    },
                )),
                Delta::Domestic { party, camp, value } => pushes.push((*party, *camp, *value)),
                _ => {}
            }
        }
        let applied = board::apply(s, &mut b, &action.deltas);
        for (i, from, to, by) in &applied.clauses {
            draft.changes.push((*i, *from, *to, *by));
            let issue = &s.issues[*i];
            let text = format!(
                "Draft: {} {} → {} ({}).",
                issue.name,
                issue.level_name(*from),
                issue.level_name(*to),
                s.parties[*by].name
            );
            log.0.push(format!(
                "  draft {}: {} -> {}",
                issue.id,
                issue.level_name(*from),
                issue.level_name(*to)
            ));
            news.0.push(News {
                week: week.0,
                kind: NewsKind::Draft,
                text,
            });
        }
        for (i, by) in &applied.reopened {
            for q in board::reopen_losers(s, *by) {
                ledgers[q].push((
                    *by,
                    crate::scenario::Modifier {
                        label: format!(
                            "Reopened the banked clause on {}",
                            s.issues[*i].name.to_lowercase()
                        ),
                        value: -s.rules.reopen_cost,
                        decay: s.rules.reopen_decay,
                    },
                ));
            }
            log.0.push(format!(
                "  {} reopens banked clause {}",
                s.parties[*by].id, s.issues[*i].id
            ));
        }
        revealed.0.extend(applied.reveals.iter().copied());
    }
    // Tension from the board, trust as ledger entries, domestic pressure as targets.
    tension.value = b.tension;
    if !draft.changes.is_empty() {
        draft.version += 1;
    }
    draft.levels = b.draft.clone();
    draft.banked = b.banked.clone();
    for (tag, mut dom, mut forces, mut trust, mut presence, mut acc) in &mut parties {
        let p = tag.0;
        for (to, m) in ledgers[p].drain(..) {
            trust.0[to].modifiers.push(m);
        }
        for (_, camp, v) in pushes.iter().filter(|x| x.0 == p) {
            match camp {
                Camp::Hardliners => {
                    dom.hardliners_target = (dom.hardliners_target + v).clamp(0.0, 100.0)
                }
                Camp::Moderates => {
                    dom.moderates_target = (dom.moderates_target + v).clamp(0.0, 100.0)
                }
            }
        }
        forces.troops = b.troops[p];
        if presence.present && !b.present[p] {
            log.0
                .push(format!("  {} leaves the table", s.parties[p].id));
        }
        if !presence.present && b.present[p] {
            presence.absent_weeks = 0;
            log.0
                .push(format!("  {} is back at the table", s.parties[p].id));
        }
        presence.present = b.present[p];
        acc.0 = b.accepted[p];
    }
}

/// Phase 3b: what happens every week regardless of moves: trust fades, audiences move with
/// inertia, tension drifts and feels the troops, absent parties may return, clauses bank.
#[expect(
    clippy::too_many_arguments,
    reason = "a system reads the resources it needs"
)]
pub fn weekly_update(
    rules: Res<Rules>,
    mut tension: ResMut<Tension>,
    mut draft: ResMut<Draft>,
    mut rng: ResMut<GameRng>,
    mut parties: Query<PartyMut>,
    mut log: ResMut<GameLog>,
    mut news: ResMut<NewsFeed>,
    week: Res<Week>,
) {
    let s = &*rules.0;
    let mut rows: Vec<_> = parties.iter_mut().collect();
    rows.sort_by_key(|r| r.0.0);
    let mut troops = 0;
    for (tag, dom, forces, trust, presence, _) in &mut rows {
        for l in &mut trust.0 {
            l.decay();
        }
        let d = &s.parties[tag.0].domestic;
        dom.hardliners += (dom.hardliners_target - dom.hardliners) * (1.0 - d.hardliners.inertia);
        dom.moderates += (dom.moderates_target - dom.moderates) * (1.0 - d.moderates.inertia);
        troops += forces.troops;
        if !presence.present {
            presence.absent_weeks += 1;
            if presence.absent_weeks < s.rules.collapse_after && rng.chance(s.rules.return_chance) {
                presence.present = true;
                presence.absent_weeks = 0;
                log.0
                    .push(format!("  {} returns to the table", s.parties[tag.0].id));
                news.0.push(News {
                    week: week.0,
                    kind: NewsKind::Move,
                    text: format!("{} returns to the table.", s.parties[tag.0].name),
                });
            }
        }
    }
    let t = &s.tension;
    let drift = (t.rest - tension.value).clamp(-t.drift, t.drift);
    if drift.abs() > 1e-9 {
        tension.causes.push(Cause {
            label: "Time passes".into(),
            delta: drift,
        });
    }
    let excess = (troops - i64::from(t.troop_baseline)).max(0) as f64;
    let pressure = t.per_10k_troops * excess / 10_000.0;
    if pressure.abs() > 1e-9 {
        tension.causes.push(Cause {
            label: format!("{} troops above the usual presence", excess as i64),
            delta: pressure,
        });
    }
    tension.value = (tension.value + drift + pressure).clamp(0.0, 100.0);
    // Banking: unchanged clauses that keep every negotiator's red lines.
    let changed: Vec<usize> = draft.changes.iter().map(|c| c.0).collect();
    for i in 0..s.issues.len() {
        if changed.contains(&i) {
            draft.unchanged[i] = 0;
            continue;
        }
        draft.unchanged[i] += 1;
        let level = draft.levels[i];
        if level.is_some()
            && s.negotiators_allow(i, level)
            && !draft.banked[i]
            && draft.unchanged[i] >= s.rules.bank_after
        {
            draft.banked[i] = true;
            log.0.push(format!("  banked {}", s.issues[i].id));
        }
    }
}

/// Phase 4: utilities, reservation values, red lines and agreement.
pub fn score(
    rules: Res<Rules>,
    week: Res<Week>,
    tension: Res<Tension>,
    mut agreement: ResMut<Agreement>,
    draft: Res<Draft>,
    mut parties: Query<(PartyRead, &mut Standing)>,
    mut issues: Query<(&IssueTag, &mut ClauseStatus)>,
) {
    let s = &*rules.0;
    let b = gather(
        s,
        week.0,
        tension.value,
        agreement.0,
        &draft,
        parties.iter().map(|(p, _)| p),
    );
    agreement.0 = board::agreement(s, &b);
    for ((tag, ..), mut standing) in &mut parties {
        let st = (s.parties[tag.0].role == crate::scenario::Role::Negotiator)
            .then(|| board::stand(s, &b, tag.0));
        if standing.0 != st {
            standing.0 = st;
        }
    }
    for (tag, mut status) in &mut issues {
        let i = tag.0;
        let lines: Vec<(usize, usize, bool)> = s
            .parties
            .iter()
            .enumerate()
            .flat_map(|(p, party)| {
                party
                    .red_lines
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.issue == i)
                    .map(move |(k, r)| (p, k, r))
            })
            .map(|(p, k, r)| (p, k, r.rule.allows(b.draft[i])))
            .collect();
        if status.red_lines != lines {
            status.red_lines = lines;
        }
    }
}

/// Scores the world outside the schedule (at install and after a restore).
pub fn score_world(world: &mut World) {
    if let Err(e) = world.run_system_cached(score) {
        error!("scoring failed: {e}");
    }
}

/// Phase 5: deal, war, collapse or stalemate, each with its reasons; else the escalation roll.
pub fn check_outcome(
    table: Table,
    mut rng: ResMut<GameRng>,
    mut ending: ResMut<Ending>,
    mut report: Report,
) {
    let s = &*table.rules.0;
    let (week, tension, parties) = (&table.week, &table.tension, &table.parties);
    if ending.0.is_some() {
        return;
    }
    let b = table.board();
    let mut out = None;
    if b.tension >= s.tension.war_at {
        let mut reasons = vec![format!(
            "tension reached {:.0}, the point of war",
            b.tension
        )];
        reasons.extend(top_causes(&tension.causes));
        out = Some((OutcomeKind::War, reasons));
    } else if board::deal_reached(s, &b) {
        let mut reasons = vec![
            "every negotiator accepted the same text, and it keeps all their red lines".to_string(),
        ];
        for &p in &s.negotiators {
            let st = board::stand(s, &b, p);
            reasons.push(format!(
                "{}: worth {:.2} (reservation {:.2})",
                s.parties[p].name, st.utility, st.reservation
            ));
        }
        out = Some((OutcomeKind::Deal, reasons));
    } else if let Some((tag, presence)) =
        parties
            .iter()
            .map(|(t, _, _, _, p, _)| (t, p))
            .find(|(t, p)| {
                s.parties[t.0].role == crate::scenario::Role::Negotiator
                    && !p.present
                    && p.absent_weeks >= s.rules.collapse_after
            })
    {
        let reasons = vec![format!(
            "{} stayed away from the table for {} weeks",
            s.parties[tag.0].name, presence.absent_weeks
        )];
        out = Some((OutcomeKind::Collapse, reasons));
    } else {
        let chance = board::escalation_chance(s, b.tension);
        if chance > 0.0 && rng.chance(chance) {
            let mut reasons = vec![format!(
                "an incident at tension {:.0} spiralled out of control ({:.0} % chance this week)",
                b.tension,
                chance * 100.0
            )];
            reasons.extend(top_causes(&tension.causes));
            out = Some((OutcomeKind::War, reasons));
        } else if week.0 >= s.weeks {
            let mut reasons = vec![format!("{} weeks passed without a signed text", s.weeks)];
            for &p in &s.negotiators {
                let v = ai::verdict(s, &b, p);
                if !v.would_sign {
                    let against: Vec<&String> = v
                        .reasons
                        .iter()
                        .filter(|r| {
                            r.starts_with("breaks") || r.contains("below") || r.contains("short of")
                        })
                        .collect();
                    if let Some(r) = against.first() {
                        reasons.push(format!("{}: {}", s.parties[p].name, r));
                    }
                }
            }
            out = Some((OutcomeKind::Stalemate, reasons));
        }
    }
    if let Some((kind, reasons)) = out {
        report.line(format!(
            "  outcome: {} ({})",
            kind.name(),
            reasons.join("; ")
        ));
        report.news(week.0, NewsKind::Outcome, headline(kind, s));
        ending.0 = Some(Outcome {
            kind,
            week: week.0,
            reasons,
        });
    }
}

fn top_causes(causes: &[Cause]) -> Vec<String> {
    let mut c: Vec<&Cause> = causes.iter().filter(|c| c.delta > 0.0).collect();
    c.sort_by(|a, b| b.delta.total_cmp(&a.delta));
    c.iter()
        .take(3)
        .map(|c| format!("{} (+{:.0})", c.label, c.delta))
        .collect()
}

fn headline(kind: OutcomeKind, s: &Scenario) -> String {
    match kind {
        OutcomeKind::Deal => format!("Agreement signed: {}", s.title),
        OutcomeKind::War => "War breaks out across the region".into(),
        OutcomeKind::Collapse => "The talks collapse".into(),
        OutcomeKind::Stalemate => "Time runs out without a deal".into(),
    }
}

/// Phase 5b: appends this week's snapshot to the history.
pub fn record_history(world: &mut World) {
    let line = format!(
        "  end of week {}: tension {:.1}, agreement {:.1}",
        world.resource::<Week>().0,
        world.resource::<Tension>().value,
        world.resource::<Agreement>().0
    );
    world.resource_mut::<GameLog>().0.push(line);
    let snap = snapshot(world);
    world.resource_mut::<History>().0.push(snap);
}
