//! One week as an explicit schedule: events → moves → resolution → scoring → outcome.
//!
//! The systems are chained in a fixed, declared order and the schedule treats any ambiguity
//! as an error. Each system reads or updates the one [`Talks`] resource through the rules'
//! functions; nothing here decides what a move does. Nothing reads the clock: a week runs when
//! a front end runs the schedule.

use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::state::*;
use crate::ai::{self, Planner, Workspace};
use crate::rng::GameRng;
use crate::rules::describe::joined;
use crate::rules::{self, Act, Applied, Choice, OutcomeKind, WeekEnd};
use crate::scenario::{Effect, Issue, IssueIx, Level, Scenario};

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
        (resolve_acts, close_week).chain().in_set(Phase::Resolution),
        score.in_set(Phase::Scoring),
        (check_outcome, returns, record_history)
            .chain()
            .in_set(Phase::Outcome),
    ));
    s
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
        self.news.0.push(News {
            week,
            kind,
            text,
            event: None,
            only: None,
            about: None,
        });
    }

    /// News told to party `p` alone ([`News::only`]).
    pub fn note_to(&mut self, week: u32, p: usize, text: String) {
        self.news(week, NewsKind::Move, text);
        if let Some(n) = self.news.0.last_mut() {
            n.only = Some(p);
        }
    }

    /// News about `about` (which a screen short of room may group with others of its kind).
    pub fn news_about(&mut self, week: u32, kind: NewsKind, text: String, about: About) {
        self.news(week, kind, text);
        if let Some(n) = self.news.0.last_mut() {
            n.about = Some(about);
        }
    }

    /// Event `e` comes this week, told as `text`.
    pub fn event(&mut self, week: u32, e: usize, text: String) {
        self.news.0.push(News {
            week,
            kind: NewsKind::Event,
            text,
            event: Some(e),
            only: None,
            about: None,
        });
    }
}

/// Phase 1a: starts the week ([`rules::begin_week`]) and clears last week's records.
pub fn begin_week(
    mut talks: ResMut<Talks>,
    mut decisions: ResMut<Decisions>,
    mut deck: ResMut<Deck>,
    mut log: ResMut<GameLog>,
    quiet: Option<Res<Quiet>>,
) {
    rules::begin_week(&mut talks);
    decisions.moves.clear();
    decisions.explained.clear();
    deck.open();
    if quiet.is_none() {
        log.0.push(format!("week {}", talks.week));
    }
}

/// Phase 1b: the events scheduled for this turn (in file order, if their conditions hold), then,
/// with the scenario's weekly chance, one random event whose conditions hold (and whose weight
/// is above zero).
#[expect(
    clippy::too_many_arguments,
    reason = "a system reads the resources it needs"
)]
pub fn draw_events(
    rules: Res<Rules>,
    talks: Res<Talks>,
    mut deck: ResMut<Deck>,
    mut rng: ResMut<GameRng>,
    mut pending: ResMut<Pending>,
    mut injected: ResMut<Injected>,
    mut report: Report,
    quiet: Option<Res<Quiet>>,
    mut eligible: Local<Vec<usize>>,
    mut weights: Local<Vec<f64>>,
) {
    let s = &*rules.0;
    pending.0.clear();
    // Scheduled events come on their turn, in file order, if their conditions hold.
    for (e, ev) in s.events.iter().enumerate() {
        if deck.may_come(s, &talks, e) == Coming::Certainly {
            let again = std::mem::replace(&mut deck.fired[e], true);
            pending.0.push(Act::of_event(e));
            if quiet.is_none() {
                report.event(talks.week, e, event_news(ev, again));
                report.line(format!("  event {}: {}", ev.id, ev.headline));
            }
        }
    }
    // Events a facilitator called come next, whatever their conditions (each once a turn).
    for e in std::mem::take(&mut injected.0) {
        if e >= s.events.len()
            || pending
                .0
                .iter()
                .any(|a| a.source == rules::Source::Event(e))
        {
            continue;
        }
        let told = quiet.is_none().then_some(&mut report);
        comes(
            s,
            talks.week,
            e,
            &mut deck,
            &mut pending,
            told,
            " (called by the facilitator)",
        );
    }
    // Up to `events_per_turn` random draws, each with `event_chance`; an event comes at most
    // once a turn (its cooldown starts when it comes).
    for _ in 0..s.rules.events_per_turn {
        if !rng.chance(s.rules.event_chance) {
            continue;
        }
        eligible.clear();
        eligible.extend((0..s.events.len()).filter(|&e| {
            deck.may_come(s, &talks, e) == Coming::ByChance
                && !pending
                    .0
                    .iter()
                    .any(|a| a.source == rules::Source::Event(e))
        }));
        if eligible.is_empty() {
            return;
        }
        weights.clear();
        weights.extend(eligible.iter().map(|&e| s.events[e].weight));
        let e = eligible[rng.weighted(&weights)];
        let told = quiet.is_none().then_some(&mut report);
        comes(s, talks.week, e, &mut deck, &mut pending, told, "");
    }
}

/// Event `e` comes this week, drawn or called: its cooldown starts, it counts as fired, its act
/// waits for resolution, and (unless quiet) the news and the log say so, the log line ending in
/// `why`.
fn comes(
    s: &Scenario,
    week: u32,
    e: usize,
    deck: &mut Deck,
    pending: &mut Pending,
    report: Option<&mut Report>,
    why: &str,
) {
    let ev = &s.events[e];
    deck.cooldown[e] = ev.cooldown;
    let again = std::mem::replace(&mut deck.fired[e], true);
    pending.0.push(Act::of_event(e));
    if let Some(report) = report {
        report.event(week, e, event_news(ev, again));
        report.line(format!("  event {}: {}{why}", ev.id, ev.headline));
    }
}

/// What the news says of an event coming: its headline, marked when it has come before (a
/// story that recurs, not a new one).
pub fn event_news(ev: &crate::scenario::Event, again: bool) -> String {
    if again {
        format!("{AGAIN}{}", ev.headline)
    } else {
        ev.headline.clone()
    }
}

/// A change of a clause in words: "IAEA access: No inspectors → Additional Protocol (Iran)".
pub fn clause_change(issue: &Issue, from: Level, to: Level, by: &str) -> String {
    format!(
        "{}: {} → {} ({by})",
        issue.name,
        issue.level_name(from),
        issue.level_name(to)
    )
}

/// How the news tells a change of a clause ([`clause_change`]).
pub const CHANGE: &str = "Draft: ";

/// The news line of a change of a clause.
pub fn change_news(change: &str) -> String {
    format!("{CHANGE}{change}.")
}

/// How the news marks an event that has come before.
pub const AGAIN: &str = "Again: ";

/// The event a line of the news tells of ([`event_news`]), if any: its headline as it is, or
/// after [`AGAIN`].
pub fn event_of_news(s: &Scenario, text: &str) -> Option<usize> {
    let find = |h: &str| s.events.iter().position(|e| e.headline == h);
    find(text).or_else(|| text.strip_prefix(AGAIN).and_then(find))
}

/// Phase 2: every party chooses one move against the same state: humans through their orders
/// (refused if not legal), the rest by AI.
#[expect(
    clippy::too_many_arguments,
    reason = "a system reads the resources it needs"
)]
pub fn choose_moves(
    rules: Res<Rules>,
    talks: Res<Talks>,
    seats: Res<Seats>,
    mut orders: ResMut<Orders>,
    mut rng: ResMut<GameRng>,
    mut pending: ResMut<Pending>,
    mut decisions: ResMut<Decisions>,
    mut played: ResMut<Played>,
    mut report: Report,
    quiet: Option<Res<Quiet>>,
    deck: Res<Deck>,
    mut workspace: Local<Workspace>,
) {
    let s = &*rules.0;
    let st = &talks.0;
    let quiet = quiet.is_some();
    let orders = std::mem::take(&mut orders.0);
    let mut planner = seats
        .0
        .iter()
        .any(|c| matches!(c, Controller::Ai(_)))
        .then(|| {
            // This week's events are drawn: the deck opens once more before the next week's.
            let live = super::live_within(s, &deck, 1);
            let planner = Planner::with(s, st, std::mem::take(&mut *workspace), &live);
            if quiet { planner.brief() } else { planner }
        });
    for (p, controller) in seats.0.iter().enumerate() {
        let choice = match (controller, orders.get(&p), planner.as_mut()) {
            (Controller::Human, Some(c), _) if rules::is_legal(s, st, p, *c) => Some(*c),
            (Controller::Human, Some(c), _) => {
                report.line(format!(
                    "  {}: order {} is not legal this week; holding",
                    s.parties[p].id, s.moves[c.mv].id
                ));
                None
            }
            (Controller::Human, None, _) | (Controller::Ai(_), _, None) => None,
            (Controller::Ai(policy), _, Some(planner)) => {
                let d = planner.choose(p, *policy, &mut rng);
                let c = d.as_ref().map(|d| d.chosen.choice);
                if let Some(d) = d.filter(|_| !quiet) {
                    report.line(format!("{}{}", super::save::WHY, ai::explain(s, &d)));
                    decisions.explained.push(d);
                }
                c
            }
        };
        let Some(c) = choice else {
            if st.parties[p].present && !quiet {
                report.line(format!("  {}: no move", s.parties[p].id));
            }
            continue;
        };
        decisions.moves.push((p, c));
        played.0.push((p, c));
    }
    // The moves take effect in this week's order (`rules::move_order`); `decisions.moves`
    // holds this week's, one a party. The news tells each as it takes effect (see
    // `resolve_acts`), after what the week's events did.
    for p in rules::move_order(s, st.week) {
        let Some(&(_, c)) = decisions.moves.iter().find(|m| m.0 == p) else {
            continue;
        };
        pending.0.push(Act::of_move(p, c));
        if !quiet {
            let text = fill(s, &s.moves[c.mv].text, p, c);
            report.line(format!(
                "  {} plays {}: {}",
                s.parties[p].id,
                label_ids(s, c),
                text
            ));
        }
    }
    if let Some(planner) = planner {
        *workspace = planner.into_workspace();
    }
}

/// `{actor}`, `{target}` and `{issue}` filled in with the names as written (`{actor}'s` as
/// the name's possessive: "United States'"), and each `{singular|plural}` choice resolved by
/// whether the actor is `plural`.
pub fn fill(s: &Scenario, text: &str, actor: usize, c: Choice) -> String {
    let own = |name: &str| rules::describe::possessive(name);
    let actor_name = &s.parties[actor].name;
    let mut t = text
        .replace("{actor}'s", &own(actor_name))
        .replace("{actor}", actor_name);
    if let Some(p) = c.party {
        let name = &s.parties[p].name;
        t = t
            .replace("{target}'s", &own(name))
            .replace("{target}", name);
    }
    if let Some(i) = c.issue {
        t = t.replace("{issue}", &s.issues[i].name);
    }
    agree(&t, s.parties[actor].plural)
}

/// Resolves every `{singular|plural}` in a text: the second form for a plural actor.
pub fn agree(text: &str, plural: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        out.push_str(&rest[..open]);
        match inner.split_once('|') {
            Some((one, many)) => out.push_str(if plural { many } else { one }),
            None => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

fn label_ids(s: &Scenario, c: Choice) -> String {
    let mut l = s.moves[c.mv].id.clone();
    if let Some(p) = c.party {
        l = format!("{l}({})", s.parties[p].id);
    }
    if let Some(i) = c.issue {
        l = format!("{l}({})", s.issues[i].id);
    }
    l
}

/// Phase 3a: carries out the week's acts in order (the events first, then the moves in the
/// week's order, [`rules::move_order`]) with [`rules::apply`], and tells what changed.
pub fn resolve_acts(
    rules: Res<Rules>,
    mut talks: ResMut<Talks>,
    mut pending: ResMut<Pending>,
    mut arrivals: ResMut<Arrivals>,
    mut report: Report,
    mut applied: Local<Applied>,
    quiet: Option<Res<Quiet>>,
) {
    let s = &*rules.0;
    let week = talks.week;
    arrivals.0.clear();
    let acts = pending.0.len();
    // The whole texts of the week's moves are drawn up now, as it opens.
    rules::draw_texts(s, &mut talks, &pending.0);
    for (k, act) in pending.0.drain(..).enumerate() {
        applied.clear();
        if let rules::Source::Event(e) = act.source {
            arrivals.0.push(e);
        }
        let before = talks.draft.changes.len();
        if quiet.is_some() {
            rules::apply(s, &mut talks, &act, &mut applied);
            continue;
        }
        // A move is told as it takes effect, before what it did.
        let told = report.news.0.len();
        if let rules::Source::Move { actor, mv } = act.source {
            let c = Choice {
                mv,
                party: act.target,
                issue: act.issue,
            };
            let text = fill(s, &s.moves[mv].text, actor, c);
            match s.derived.moves[mv].idle {
                true => report.news_about(week, NewsKind::Move, text, About::Idle(actor)),
                false => report.news(week, NewsKind::Move, text),
            }
        }
        let known = match act.source {
            rules::Source::Move { actor, .. } => Some((actor, talks.parties[actor].revealed)),
            _ => None,
        };
        rules::apply(s, &mut talks, &act, &mut applied);
        // The hidden priorities a move has shown its party: told to that party alone.
        if let Some((a, before)) = known {
            let learned = talks.parties[a].revealed & !before;
            for q in (0..s.parties.len()).filter(|&q| learned >> q & 1 == 1) {
                if s.parties[q].hidden_preferences {
                    report.note_to(week, a, rules::describe::priorities_learned(s, a, q));
                }
            }
        }
        // An acceptance of a text an earlier act this week changed does not take (it is of the
        // text as the week opened): the move is told as that, not as an acceptance.
        if let (true, rules::Source::Move { actor, .. }) = (applied.missed, act.source)
            && let Some(n) = report.news.0.get_mut(told)
        {
            n.text = rules::describe::acceptance_missed(s, &s.parties[actor].name);
        }
        // An acceptance that took, of a text its party would not sign as the acts before it left
        // the week (trust cut by an event, say): it counts only if that changes before the
        // week's acts are done, and the news says so rather than "it can sign".
        if let rules::Source::Move { actor, mv } = act.source
            && s.derived.moves[mv].accepts
            && talks.parties[actor].accepted
            && let Some(g) = rules::verdict(s, &talks, actor).first_refusal()
            && let Some(n) = report.news.0.get_mut(told)
        {
            use rules::describe::AfterAcceptance as After;
            // The week's last act: what the week's end does to it, worked out as the rules will.
            let then = if k + 1 < acts {
                After::ActsLeft
            } else {
                let mut ended = talks.0.clone();
                rules::end_week(s, &mut ended, &mut WeekEnd::default());
                match ended.parties[actor].accepted {
                    true => After::EndBringsBack,
                    false => After::Lapses,
                }
            };
            n.text = rules::describe::acceptance_unsigned(s, actor, g, then);
        }
        for ch in &talks.draft.changes[before..] {
            let issue = &s.issues[ch.issue];
            report.line(format!(
                "  draft {}: {} -> {}",
                issue.id,
                issue.level_name(ch.from),
                issue.level_name(ch.to)
            ));
            let change = clause_change(issue, ch.from, ch.to, &s.parties[ch.by].name);
            report.news_about(
                week,
                NewsKind::Draft,
                change_news(&change),
                About::Clause(ch.by),
            );
        }
        for &(i, by, hurt) in &applied.reopened {
            report.line(format!(
                "  {} reopens banked clause {}",
                s.parties[by].id, s.issues[i].id
            ));
            report.news(
                week,
                NewsKind::Draft,
                format!(
                    "{} reopens the banked clause on {}{}.",
                    s.parties[by].name,
                    s.issues[i].name,
                    rules::describe::reopen_price(s, by, hurt, "it")
                ),
            );
        }
        // A change that undid another party's: the clause is contested.
        for &(i, by, undid) in &applied.contested {
            let issue = &s.issues[i];
            report.line(format!(
                "  {} contests clause {} (undoes {})",
                s.parties[by].id, issue.id, s.parties[undid].id
            ));
            report.news(
                week,
                NewsKind::Draft,
                format!(
                    "{} undoes {} change to {}: the clause is contested.",
                    s.parties[by].name,
                    rules::describe::possessive(&s.parties[undid].name),
                    issue.name,
                ),
            );
        }
        let actor = match act.source {
            rules::Source::Move { actor, .. } => Some(actor),
            _ => None,
        };
        for p in &applied.left {
            report.line(format!("  {} leaves the table", s.parties[*p].id));
        }
        for p in &applied.returned {
            report.line(format!("  {} is back at the table", s.parties[*p].id));
            // A party brought back by another's move (its own return is the move's news).
            if actor != Some(*p) {
                report.news(
                    week,
                    NewsKind::Move,
                    format!("{} is back at the table.", s.parties[*p].name),
                );
            }
        }
        // An acceptance the act withdrew (by changing the text, or as an event that unsettles
        // the talks), so that a deal one acceptance away does not vanish unexplained. A party
        // that left the table has its own news.
        for p in applied.withdrawn() {
            let why = if talks.draft.changes.len() > before {
                "the text it accepted has changed".to_string()
            } else {
                act.source.cause_label(s)
            };
            report.line(format!("  {} acceptance withdrawn", s.parties[p].id));
            report.news(
                week,
                NewsKind::Move,
                format!(
                    "{} acceptance is withdrawn: {why}.",
                    rules::describe::possessive(&s.parties[p].name)
                ),
            );
        }
        // A move meant to change the text that, after the moves before it this week, changed
        // nothing: say so, or the player pays for it without seeing why.
        if let rules::Source::Move { actor, mv } = act.source
            && s.derived.moves[mv].redrafts
            && talks.draft.changes.len() == before
        {
            let why = unchanged_reason(s, &talks, mv, act.issue, actor);
            let on = act
                .issue
                .map_or_else(String::new, |i| format!(" on {}", s.issues[i].name));
            let free = if applied.refunded {
                "; it costs no capital"
            } else {
                ""
            };
            report.news(
                week,
                NewsKind::Draft,
                format!(
                    "{}{on} by {} changes nothing in the text: {why}{free}.",
                    s.moves[mv].name, s.parties[actor].name
                ),
            );
        }
    }
}

/// Why move `mv` of `actor` (aimed at `issue`), meant to change the text, changed nothing in it
/// after the acts before it this week (`st`: the state it left): nothing to bridge, a clause
/// already where it would take it, or one an earlier act left where a step would cross the
/// actor's own red line ([`rules::apply`] then takes none).
fn unchanged_reason(
    s: &Scenario,
    st: &rules::Negotiation,
    mv: usize,
    issue: Option<IssueIx>,
    actor: crate::scenario::PartyIx,
) -> &'static str {
    use rules::legal::{Blocked, draft_blocked};
    let crosses = |i: IssueIx| draft_blocked(s, st, actor, mv, i) == Some(Blocked::RedLine);
    if s.moves[mv].effects.contains(&Effect::Bridge) {
        rules::describe::nothing_to_bridge(s, st)
    } else if issue.is_some_and(crosses) {
        "after the moves before it, its step would take the clause across its own red line"
    } else if issue.is_some() {
        "the clause is already where it would take it"
    } else {
        "the text already reads as it would have it"
    }
}

/// Phase 3b: when time runs out, every negotiator the AI plays signs a final text it would sign
/// (a human must have accepted it); then what happens every week regardless of moves
/// ([`rules::end_week`]), unless the week's acts have made the deal.
pub fn close_week(
    rules: Res<Rules>,
    mut talks: ResMut<Talks>,
    seats: Res<Seats>,
    mut report: Report,
    mut out: Local<WeekEnd>,
    quiet: Option<Res<Quiet>>,
) {
    let s = &*rules.0;
    // When time runs out, the AI's negotiators sign a text they would sign: before the week's
    // end where that makes the deal then (every other consent given), else once it has come.
    let last = talks.week >= s.weeks;
    let signers = |st: &rules::Negotiation| -> Vec<crate::scenario::PartyIx> {
        s.negotiators
            .iter()
            .copied()
            .filter(|&p| {
                let ai = super::signs_at_deadline(&seats, p);
                // Only a party that has an accepting move at all, at the table, not yet accepted.
                let may = s.may_accept(p);
                let row = &st.parties[p];
                ai && may
                    && row.present
                    && !row.accepted
                    && rules::stand(s, st, p).would_sign(s.rules.min_trust)
            })
            .collect()
    };
    let mut sign = |talks: &mut Talks, who: &[crate::scenario::PartyIx]| {
        who.iter().for_each(|&p| talks.0.parties[p].accepted = true);
        if quiet.is_some() {
            return;
        }
        // A signature that does not make the deal says who still does not sign, so the news
        // does not read as a deal just before "Time runs out without a deal".
        let holdouts: Vec<&str> = (s.consenting.iter())
            .filter(|&&q| !rules::score::consents(s, &talks.0, q))
            .map(|&q| s.parties[q].name.as_str())
            .collect();
        let plural = holdouts.len() > 1
            || (s.consenting.iter()).any(|&q| {
                s.parties[q].plural && holdouts.first() == Some(&s.parties[q].name.as_str())
            });
        let but = match joined(&holdouts, "and") {
            Some(names) if !plural => format!(", but {names} does not: no deal"),
            Some(names) => format!(", but {names} do not: no deal"),
            None => String::new(),
        };
        for &p in who {
            let text = format!(
                "{} signs the final text as time runs out{but}.",
                s.parties[p].name
            );
            report.line(format!("  {} signs the final text", s.parties[p].id));
            report.news(talks.week, NewsKind::Move, text);
        }
    };
    if last {
        let now = signers(&talks);
        let mut then = talks.0.clone();
        now.iter().for_each(|&p| then.parties[p].accepted = true);
        if !now.is_empty() && rules::score::deal_reached(s, &then) {
            sign(&mut talks, &now);
        }
    }
    rules::end_week(s, &mut talks, &mut out);
    if last {
        let now = signers(&talks);
        sign(&mut talks, &now);
    }
    if quiet.is_some() {
        return;
    }
    for i in &out.banked {
        report.line(format!("  banked {}", s.issues[*i].id));
    }
    // An acceptance that lapsed: say why, in the party's words (without its hidden numbers).
    for &p in &out.lapsed {
        let verdict = rules::verdict(s, &talks, p);
        let why = verdict
            .grounds
            .iter()
            .find(|g| g.against() && !g.hidden())
            .map(|g| format!(": \u{201c}{}\u{201d}", g.text_for(s, p, false)))
            .unwrap_or_default();
        report.news(
            talks.week,
            NewsKind::Move,
            format!("{} no longer accepts the text{why}.", s.parties[p].name),
        );
    }
}

/// Phase 4: agreement.
pub fn score(rules: Res<Rules>, mut talks: ResMut<Talks>, mut stands: Local<Vec<rules::Stand>>) {
    rules::score::rescore_with(&rules.0, &mut talks, &mut stands);
}

/// Phase 5: war, deal or collapse, each with its reasons ([`rules::score::settled`]); else the
/// escalation roll; else, in the last week, stalemate.
pub fn check_outcome(
    rules: Res<Rules>,
    talks: Res<Talks>,
    mut rng: ResMut<GameRng>,
    mut ending: ResMut<Ending>,
    mut report: Report,
    quiet: Option<Res<Quiet>>,
) {
    let s = &*rules.0;
    if ending.0.is_some() {
        return;
    }
    let st = &talks.0;
    let out = rules::score::settled(s, st).or_else(|| {
        let chance = rules::escalation_chance(s, st.tension);
        if chance > 0.0 && rng.chance(chance) {
            Some(rules::score::incident(st, chance))
        } else if st.week >= s.weeks {
            Some(rules::score::stalemate(s, st))
        } else {
            None
        }
    });
    if let Some(out) = out {
        if quiet.is_some() {
            ending.0 = Some(out);
            return;
        }
        let reasons: Vec<String> = out.reasons.iter().map(|r| r.text(s)).collect();
        report.line(format!(
            "{}{} ({})",
            super::save::OUTCOME,
            out.kind.name(),
            reasons.join("; ")
        ));
        report.news(st.week, NewsKind::Outcome, headline(out.kind, s));
        ending.0 = Some(out);
    }
}

fn headline(kind: OutcomeKind, s: &Scenario) -> String {
    match kind {
        OutcomeKind::Deal => format!("Agreement signed: {}", s.title),
        OutcomeKind::War => "War breaks out across the region".into(),
        OutcomeKind::Collapse => "The talks collapse".into(),
        OutcomeKind::Stalemate => "Time runs out without a deal".into(),
    }
}

/// Phase 5b: if the game goes on, each party away from the table for a whole week (not the week
/// it left) and for fewer weeks than a collapse takes comes back with the scenario's weekly
/// chance, and agreement is rescored: the next week opens on this state, the one the players
/// choose against. A party that walks out stays out at least until the next week ends.
pub fn returns(
    rules: Res<Rules>,
    mut talks: ResMut<Talks>,
    ending: Res<Ending>,
    mut rng: ResMut<GameRng>,
    mut report: Report,
) {
    let s = &*rules.0;
    if ending.0.is_some() {
        return;
    }
    let week = talks.week;
    let mut back = false;
    for p in 0..s.parties.len() {
        let row = talks.parties[p];
        if !row.present
            && row.absent_weeks >= rules::effects::CHANCE_RETURN_AFTER
            && row.absent_weeks < s.rules.collapse_after
            && rng.chance(s.rules.return_chance)
        {
            rules::come_back(&mut talks, p);
            back = true;
            report.line(format!("  {} returns to the table", s.parties[p].id));
            report.news(
                week,
                NewsKind::Move,
                format!("{} returns to the table.", s.parties[p].name),
            );
        }
    }
    if back {
        rules::score::rescore(s, &mut talks);
    }
}

/// Phase 5c: appends this week's snapshot to the history (not in quiet mode: a simulation
/// reads the last state and the moves played).
pub fn record_history(world: &mut World) {
    if world.contains_resource::<Quiet>() {
        return;
    }
    let (week, tension, agreement) = {
        let t = world.resource::<Talks>();
        (t.week, t.tension, t.agreement)
    };
    world.resource_mut::<GameLog>().0.push(format!(
        "  end of week {week}: tension {tension:.1}, agreement {agreement:.1}"
    ));
    let snap = snapshot(world);
    world.resource_mut::<History>().0.push(snap);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::*;
    use crate::sim::{Controller, Game};
    use crate::testkit::{geneva, tutorial, wander};

    /// A scenario where nothing random happens between the choice of a move and its resolution.
    fn calm(s: &Arc<Scenario>) -> Arc<Scenario> {
        let mut s = (**s).clone();
        s.rules.event_chance = 0.0;
        s.events.retain(|e| e.at.is_none());
        s.rules.return_chance = 0.0;
        Arc::new(s)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9
    }

    /// Whether two states agree on everything a move can change, within floating tolerance.
    fn same(s: &Scenario, a: &crate::rules::Negotiation, b: &crate::rules::Negotiation) -> bool {
        let n = s.parties.len();
        a.week == b.week
            && a.flags == b.flags
            && a.deeds == b.deeds
            && a.ended == b.ended
            && close(a.tension, b.tension)
            && close(a.agreement, b.agreement)
            && a.draft == b.draft
            && (0..n * n).all(|k| close(a.trust(k / n, k % n), b.trust(k / n, k % n)))
            && a.parties.iter().zip(&b.parties).all(|(x, y)| {
                close(x.hardliners, y.hardliners)
                    && close(x.moderates, y.moderates)
                    && close(x.hardliners_target, y.hardliners_target)
                    && close(x.moderates_target, y.moderates_target)
                    && x.troops == y.troops
                    && x.present == y.present
                    && x.absent_weeks == y.absent_weeks
                    && x.accepted == y.accepted
                    && x.revealed == y.revealed
                    && close(x.capital, y.capital)
            })
            && (0..n).all(|p| {
                s.parties[p].role != crate::scenario::Role::Negotiator
                    || close(
                        rules::stand(s, a, p).reservation,
                        rules::stand(s, b, p).reservation,
                    )
            })
    }

    #[test]
    fn news_keeps_names_as_written_and_verbs_agree_with_plural_actors() {
        assert_eq!(
            agree("{actor} {makes|make} a move", false),
            "{actor} makes a move"
        );
        assert_eq!(agree("They {makes|make} a move", true), "They make a move");
        assert_eq!(agree("no braces {here", true), "no braces {here");
        let s = geneva();
        let gulf = s.party_ix("gulf_states").expect("the Gulf states");
        let wait = s.move_ix("stand_by").expect("watch and wait");
        let c = Choice {
            mv: wait,
            party: None,
            issue: None,
        };
        assert!(
            fill(&s, &s.moves[wait].text, gulf, c)
                .starts_with("Regional counterparts make no move")
        );
        let propose = s.move_ix("propose").expect("propose");
        let iaea = s.issue_ix("inspections").expect("inspections");
        let c = Choice {
            mv: propose,
            party: None,
            issue: Some(iaea),
        };
        let iran = s.party_ix("iran").expect("Iran");
        assert!(fill(&s, &s.moves[propose].text, iran, c).contains("IAEA access"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// For random legal states and every legal move of every party (so every kind of move),
        /// the effect the AI and the player see predicted is what the turn schedule then does.
        #[test]
        fn the_predicted_week_of_a_move_is_the_week_the_schedule_plays(
            seed in 0u64..1_000_000,
            weeks in 0u32..12,
            tut in any::<bool>(),
        ) {
            let s = calm(&if tut { tutorial() } else { geneva() });
            let start = wander(&s, seed, weeks);
            let next = rules::opened(&start);
            let mut scratch = rules::Scratch::default();
            let humans = vec![Controller::Human; s.parties.len()];
            let mut game = Game::new(s.clone(), seed, &humans);
            for p in 0..s.parties.len() {
                for c in rules::legal_choices(&s, &next, p) {
                    let predicted = rules::predict(&s, &next, &Act::of_move(p, c), &mut scratch);
                    crate::sim::state::install(&mut game.world, s.clone(), seed, &humans);
                    game.world.resource_mut::<Talks>().0 = start.clone();
                    game.order(p, c);
                    prop_assert!(game.step());
                    prop_assert_eq!(&game.decisions().moves, &vec![(p, c)], "the order was played");
                    prop_assert!(same(&s, predicted, game.state()),
                        "{} by {}: predicted {:?}\nplayed {:?}", s.moves[c.mv].id, s.parties[p].id, predicted, game.state());
                }
            }
        }
    }

    /// In all-AI games, every week: the game ends in a deal exactly when every negotiator has
    /// accepted and every party whose consent a deal needs (signatories too) answers "yes" to
    /// "would you sign?". Vienna has signatories, red lines over several issues and an event
    /// that can end the game.
    #[test]
    fn the_outcome_and_the_verdicts_agree_on_every_state_a_game_sees() {
        let vienna = std::sync::Arc::new(
            crate::scenario::load_file(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/assets/scenarios/vienna_2015.ron"
            )))
            .unwrap(),
        );
        for s in [geneva(), tutorial(), vienna] {
            for seed in 0..40 {
                let mut g = Game::new(s.clone(), seed, &crate::sim::seat(&s, None, &[]));
                while g.step() {
                    let st = g.state();
                    let yes = s.consenting.iter().all(|&p| {
                        (st.parties[p].accepted
                            || s.parties[p].role != crate::scenario::Role::Negotiator)
                            && rules::verdict(&s, st, p).would_sign
                    });
                    let deal = g.outcome().is_some_and(|o| o.kind == OutcomeKind::Deal);
                    if st.tension < s.tension.war_at && st.ended.is_none() {
                        assert_eq!(deal, yes, "seed {seed}, week {}", st.week);
                    }
                    if g.outcome().is_some() {
                        break;
                    }
                }
            }
        }
    }

    /// A bridging proposal that changed nothing says the text was acceptable to all only when
    /// it was.
    #[test]
    fn a_bridge_that_changed_nothing_gives_the_true_reason() {
        let s = geneva();
        let bridge = s.move_ix("bridge").unwrap();
        let mut seen = [false; 2];
        for seed in 0..40 {
            let st = wander(&s, seed, (seed % 9) as u32);
            let all = s
                .consenting
                .iter()
                .all(|&p| rules::score::text_acceptable(&s, &st, p));
            let oman = s.party_ix("oman").unwrap();
            let said = unchanged_reason(&s, &st, bridge, None, oman);
            assert_eq!(said.starts_with("every party"), all, "{said}");
            seen[usize::from(all)] = true;
        }
        assert!(seen[0] && seen[1], "both cases come up: {seen:?}");
        // A concession that an earlier move left where it would cross the United States' own red
        // line says so: the clause is not where the step would take it.
        let us = s.party_ix("united_states").unwrap();
        let concede = s.move_ix("concede").unwrap();
        let enrichment = s.issue_ix("enrichment").unwrap();
        let mut st = rules::Negotiation::start(&s);
        st.draft.levels[enrichment] = (s.issues[enrichment].options())
            .find(|&l| {
                let mut lv = st.draft.levels.clone();
                lv[enrichment] = l;
                s.allows(us, enrichment, l)
                    && !s.allows(
                        us,
                        enrichment,
                        rules::draft_step(&s, &lv, enrichment, crate::scenario::Toward::Others, us),
                    )
            })
            .expect("a level from which a concession would cross the US red line");
        let said = unchanged_reason(&s, &st, concede, Some(enrichment), us);
        assert!(said.contains("across its own red line"), "{said}");
    }
}
