//! The end-of-game debrief: the weeks that turned the game, and the source of every fact.

use serde::{Deserialize, Serialize};

use super::state::{News, NewsKind, Snapshot};
use crate::rules::describe::signed_points;
use crate::rules::{Negotiation, OutcomeKind, Reason, Source, Trust};
use crate::scenario::{Effect, Level, PartyIx, Scenario};

/// A week that moved tension, agreement or the trust between the negotiators the most, or the
/// week the game ended in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurningPoint {
    pub week: u32,
    pub d_tension: f64,
    pub d_agreement: f64,
    /// The change of the lowest trust of one negotiator in another (what signing needs).
    #[serde(default)]
    pub d_trust: f64,
    /// What happened that week.
    pub happenings: Vec<String>,
}

impl TurningPoint {
    /// Its figures in words: "tension +3.5, agreement -2, the lower of the sides' trust in each
    /// other +7.5"
    /// (trust only when it moved: the lowest of the negotiators' trust in each other, what
    /// signing needs).
    pub fn figures(&self) -> String {
        // "agreement 0" read as agreement falling to 0.
        let moved = |name: &str, v: f64| {
            let p = signed_points(v);
            if p.trim_start_matches(['+', '-']) == "0" {
                format!("{name} unchanged")
            } else {
                format!("{name} {p}")
            }
        };
        let mut out = format!(
            "{}, {}",
            moved("tension", self.d_tension),
            moved("agreement", self.d_agreement)
        );
        if self.d_trust.abs() >= 0.05 {
            out.push_str(&format!(
                ", the lower of the sides' trust in each other {}",
                signed_points(self.d_trust)
            ));
        }
        out
    }
}

/// The lowest trust of one negotiator in another (100 with fewer than two negotiators).
pub fn lowest_trust(s: &Scenario, st: &Negotiation) -> f64 {
    s.negotiators
        .iter()
        .map(|&p| crate::rules::score::min_trust(s, st, p))
        .fold(100.0, f64::min)
}

/// What `src` moved in the week of `w[1]` (`w[0]` the week before): the tension it caused, and
/// the trust between the negotiators it added or took away this week (each pair's modifiers of
/// that source at the week's end against the week before's faded by one week, so that the same
/// move made in earlier weeks cancels out).
pub fn moved_by(s: &Scenario, w: &[Snapshot], src: Source) -> f64 {
    let tension: f64 = w[1]
        .talks
        .causes
        .iter()
        .filter(|k| k.source == src)
        .map(|k| k.delta)
        .sum();
    let of = |trust: &Trust, a: PartyIx, b: PartyIx| -> f64 {
        trust
            .modifiers(a, b)
            .filter(|m| m.source == src)
            .map(|m| m.value)
            .sum()
    };
    // Against the week's start as the week's end faded it (a week that ended in a deal had no
    // end: nothing faded).
    let mut before = w[0].talks.trust.clone();
    if w[1].talks.trust.clock() > before.clock() {
        before.fade();
    }
    let trust: f64 = s
        .negotiators
        .iter()
        .flat_map(|&a| s.negotiators.iter().map(move |&b| (a, b)))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (of(&w[1].talks.trust, a, b) - of(&before, a, b)).abs())
        .sum();
    tension.abs() + trust
}

/// The debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    /// What happened, in a few sentences built from the game's own record: how tension and
    /// agreement went, the turns that drove them and why, and how it ended.
    pub story: Vec<String>,
    pub turning_points: Vec<TurningPoint>,
    /// (what the fact backs, the source sentence).
    pub sources: Vec<(String, String)>,
}

/// How many turning points the debrief names: the last week, the two rises of tension, the
/// closest week and a deal that slipped away, which the story names, fit.
pub const TURNING_POINTS: usize = 5;
/// How many happenings it names for each (a last line then says how many more there were).
pub const HAPPENINGS: usize = 5;

/// The week tension stood highest at its end (the first such).
fn peak_week(history: &[Snapshot]) -> Option<&Snapshot> {
    history.iter().max_by(|a, b| {
        a.talks
            .tension
            .total_cmp(&b.talks.tension)
            .then(b.talks.week.cmp(&a.talks.week))
    })
}

/// The peak week the story names: when tension rose clearly above where it opened and ended.
fn told_peak(history: &[Snapshot]) -> Option<u32> {
    let (first, last) = (history.first()?, history.last()?);
    let peak = peak_week(history)?;
    let (t0, t1) = (first.talks.tension, last.talks.tension);
    (peak.talks.tension > t1.max(t0) + 0.5).then_some(peak.talks.week)
}

/// Builds the debrief from a game's history and news.
pub fn debrief(s: &Scenario, history: &[Snapshot], news: &[News]) -> Debrief {
    let mut weeks: Vec<TurningPoint> = history
        .windows(2)
        .map(|w| {
            let (d_tension, d_agreement) = (
                w[1].talks.tension - w[0].talks.tension,
                w[1].talks.agreement - w[0].talks.agreement,
            );
            TurningPoint {
                week: w[1].talks.week,
                d_tension,
                d_agreement,
                d_trust: lowest_trust(s, &w[1].talks) - lowest_trust(s, &w[0].talks),
                happenings: happenings(s, w, news),
            }
        })
        .collect();
    // The week the game ended in is always one: it decided the game. So are the weeks the
    // story names (those that raised tension most, the one that did most to bring the sides
    // together), so that the story and the timeline tell the same game.
    let last = history
        .last()
        .filter(|h| h.ending.0.is_some())
        .map(|h| h.talks.week);
    let told: Vec<u32> = rises(history)
        .iter()
        .map(|r| r.0)
        .chain(closest(history).map(|(w, _)| w[1].talks.week))
        .chain(slipped(s, history).map(|(w, _)| w[1].talks.week))
        .collect();
    // The week the story says tension peaked in too, after those (a tester found it missing
    // from the timeline).
    let peak = told_peak(history);
    let rank = |w: &TurningPoint| {
        (
            Some(w.week) == last,
            told.contains(&w.week),
            Some(w.week) == peak,
        )
    };
    weeks.sort_by(|a, b| {
        let ma = a.d_tension.abs() + a.d_agreement.abs() + a.d_trust.abs();
        let mb = b.d_tension.abs() + b.d_agreement.abs() + b.d_trust.abs();
        rank(b)
            .cmp(&rank(a))
            .then(mb.total_cmp(&ma))
            .then(a.week.cmp(&b.week))
    });
    weeks.truncate(TURNING_POINTS);
    weeks.sort_by_key(|w| w.week);
    Debrief {
        story: story(s, history),
        turning_points: weeks,
        sources: s.sources(),
    }
}

/// What a turn did to the text, clause by clause: from where the turn found it to where it
/// left it, by the party that changed it ("IAEA access: No inspectors → Additional Protocol
/// (Iran)"), or, where several did that turn, each party's step in their order ("Stockpile: not
/// addressed → Diluted (Iran) → Shipped abroad (United States)": a player missed its own change
/// in a clause another party moved on the same turn, and then read "(Iran, then United States)"
/// as Iran's offer of the last level). A clause changed and changed back is not among them.
pub fn net_changes(s: &Scenario, before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let (a, b) = (&before.talks.draft, &after.talks.draft);
    (0..s.issues.len())
        .filter_map(|i| {
            let (from, to) = (*a.levels.get(i)?, *b.levels.get(i)?);
            if from == to {
                return None;
            }
            // Each party's step in turn, where it left the clause (a party's steps in a row
            // count as one); a step that left the clause where it found it is none.
            let mut steps: Vec<(Level, &str)> = Vec::new();
            for c in b.changes.iter().filter(|c| c.issue == i) {
                let name = s.parties.get(c.by)?.name.as_str();
                match steps.last_mut() {
                    Some(last) if last.1 == name => last.0 = c.to,
                    _ => steps.push((c.to, name)),
                }
                let before = steps.len().checked_sub(2).map_or(from, |k| steps[k].0);
                if steps.last().is_some_and(|last| last.0 == before) {
                    steps.pop();
                }
            }
            let issue = &s.issues[i];
            if steps.len() < 2 {
                let by = match steps.first() {
                    Some(&(_, name)) => name,
                    None => {
                        let by = b.last.get(i).copied().flatten().map(|c| c.by)?;
                        &s.parties.get(by)?.name
                    }
                };
                return Some(super::turn::clause_change(issue, from, to, by));
            }
            let path: Vec<String> = (steps.iter())
                .map(|&(l, by)| format!(" → {} ({by})", issue.level_name(l)))
                .collect();
            Some(format!(
                "{}: {}{}",
                issue.name,
                issue.level_name(from),
                path.concat()
            ))
        })
        .collect()
}

/// What turned the week of `w[1]` (`w[0]` the week before), most telling first, at most
/// [`HAPPENINGS`] lines and then one that says how many more there were.
///
/// - In the week the game ended other than in war, what the acts brought about (an acceptance,
///   a walk-out, a lapse) comes first: it decided the game. (A war is decided by what moved
///   tension, which comes first as in any week.)
/// - Where agreement moved more than tension, the changes to the text come next, each clause
///   once as the week left it ([`net_changes`]); otherwise the events and moves, those that
///   moved tension and the negotiators' trust most first ([`moved_by`]; an event before a move
///   that moved them as much), then the text.
/// - Then what the acts brought about (outside the last week; a reopened or contested clause
///   among it), in the order of the news; a move that did nothing at all (a party watching the
///   talks) is left out.
fn happenings(s: &Scenario, w: &[Snapshot], news: &[News]) -> Vec<String> {
    let week = &w[1];
    let text_led = (week.talks.agreement - w[0].talks.agreement).abs()
        > (week.talks.tension - w[0].talks.tension).abs();
    let decisive = week
        .ending
        .0
        .as_ref()
        .is_some_and(|o| o.kind != OutcomeKind::War);
    let moved = |src: Source| moved_by(s, w, src);
    // What each line is: the text, what moved tension or the negotiators' trust (with how
    // much), what the acts brought about, or a move that did nothing.
    #[derive(Clone, Copy, PartialEq)]
    enum Line {
        Text,
        Pressure(f64),
        Consequence,
        Idle,
    }
    let announced: Vec<(String, Line)> = week
        .decisions
        .moves
        .iter()
        // Only choices that fit the scenario (`fill` reads the move, its party and its issue).
        .filter(|(p, c)| {
            *p < s.parties.len()
                && c.mv < s.moves.len()
                && c.party.is_none_or(|q| q < s.parties.len())
                && c.issue.is_none_or(|i| i < s.issues.len())
        })
        .map(|&(p, c)| {
            let m = &s.moves[c.mv];
            let weight = moved(Source::Move { actor: p, mv: c.mv });
            let decides = m
                .effects
                .iter()
                .any(|e| matches!(e, Effect::Accept | Effect::WalkOut(_)));
            let line = if decides {
                Line::Consequence
            } else if s.derived.moves[c.mv].idle {
                Line::Idle
            } else {
                Line::Pressure(weight)
            };
            (super::turn::fill(s, &m.text, p, c), line)
        })
        .collect();
    let line = |n: &News| -> Line {
        match n.kind {
            // The week's changes are told once each, as the week left them (below); a reopened
            // clause weighs by the trust it cost, a contested one is a consequence.
            NewsKind::Draft if n.text.starts_with(super::turn::CHANGE) => Line::Idle,
            NewsKind::Draft => (0..s.issues.len())
                .filter(|&i| {
                    let said = format!("reopens the banked clause on {}", s.issues[i].name);
                    n.text.contains(&said)
                })
                // The longest name that fits, should one issue's name begin another's.
                .max_by_key(|&i| s.issues[i].name.len())
                .map_or(Line::Consequence, |i| {
                    let cost = moved(Source::Reopen(i));
                    if cost > 0.0 {
                        Line::Pressure(cost + 1e-6)
                    } else {
                        Line::Consequence
                    }
                }),
            // An event is told by its headline.
            NewsKind::Event => Line::Pressure(
                super::turn::event_of_news(s, &n.text).map_or(0.0, |e| moved(Source::Event(e)))
                    + 1e-6,
            ),
            _ => announced
                .iter()
                .find(|a| a.0 == n.text)
                .map_or(Line::Consequence, |a| a.1),
        }
    };
    let order = |l: Line| -> (u8, f64) {
        match l {
            Line::Consequence if decisive => (0, 0.0),
            Line::Text => (1 + u8::from(!text_led), 0.0),
            Line::Pressure(t) => (1 + u8::from(text_led), -t),
            Line::Consequence => (3, 0.0),
            Line::Idle => (4, 0.0),
        }
    };
    let changes: Vec<String> = net_changes(s, &w[0], week)
        .into_iter()
        .map(|c| super::turn::change_news(&c))
        .collect();
    let mut v: Vec<((u8, f64), &str)> = news
        .iter()
        // A note to one party (what its move showed it) is not something that happened.
        .filter(|n| n.week == week.talks.week && n.kind != NewsKind::Outcome && n.only.is_none())
        .map(|n| (line(n), n.text.as_str()))
        .chain(changes.iter().map(|c| (Line::Text, c.as_str())))
        .filter(|(l, _)| *l != Line::Idle)
        .map(|(l, t)| (order(l), t))
        .collect();
    v.sort_by(|a, b| a.0.0.cmp(&b.0.0).then(a.0.1.total_cmp(&b.0.1)));
    let more = v.len().saturating_sub(HAPPENINGS);
    let mut out: Vec<String> = v
        .into_iter()
        .take(HAPPENINGS)
        .map(|(_, t)| t.to_string())
        .collect();
    if more > 0 {
        out.push(format!("… and {more} more"));
    }
    out
}

/// A turn that raised tension: (the turn, the rise, its two largest causes).
type Rise = (u32, f64, Vec<(Source, f64)>);

/// The turns (at most [`RISES`]) that raised tension most, by 3 points or more, in turn order,
/// each with its two largest causes: the story names them and the turning points include them.
fn rises(history: &[Snapshot]) -> Vec<Rise> {
    let mut rises: Vec<Rise> = history
        .windows(2)
        .map(|w| {
            let mut causes: Vec<(Source, f64)> = w[1]
                .talks
                .causes
                .iter()
                .filter(|c| c.delta > 0.0 && c.source != Source::Drift)
                .map(|c| (c.source, c.delta))
                .collect();
            causes.sort_by(|a, b| b.1.total_cmp(&a.1));
            causes.truncate(2);
            (
                w[1].talks.week,
                w[1].talks.tension - w[0].talks.tension,
                causes,
            )
        })
        .filter(|r| r.1 >= 3.0 && !r.2.is_empty())
        .collect();
    rises.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    rises.truncate(RISES);
    rises.sort_by_key(|r| r.0);
    rises
}

/// The turn that did most to bring the sides together (agreement up 5 or more), with the turns
/// before and after it and the rise of agreement: the story names it and the turning points
/// include it.
fn closest(history: &[Snapshot]) -> Option<(&[Snapshot], f64)> {
    history
        .windows(2)
        .map(|w| (w, w[1].talks.agreement - w[0].talks.agreement))
        .filter(|g| g.1 >= 5.0)
        .max_by(|a, b| {
            a.1.total_cmp(&b.1)
                .then(b.0[1].talks.week.cmp(&a.0[1].talks.week))
        })
}

/// The last turn a deal slipped away in: every party whose consent a deal needs would have
/// signed the text as the turn opened, and the turn did not end in the deal; with the parties
/// that would no longer sign at its end (none when they all still would). A play-tester's
/// debrief left out the week both sides said yes and an event took the deal away.
fn slipped<'a>(s: &Scenario, history: &'a [Snapshot]) -> Option<(&'a [Snapshot], Vec<PartyIx>)> {
    let willing = |st: &Negotiation, q: PartyIx| {
        crate::rules::score::stand(s, st, q).would_sign(s.rules.min_trust)
    };
    history.windows(2).rev().find_map(|w| {
        let all = s.consenting.iter().all(|&q| willing(&w[0].talks, q));
        let deal = w[1]
            .ending
            .0
            .as_ref()
            .is_some_and(|o| o.kind == OutcomeKind::Deal);
        let gone: Vec<PartyIx> = (s.consenting.iter().copied())
            .filter(|&q| !willing(&w[1].talks, q))
            .collect();
        (all && !deal && !gone.is_empty()).then_some((w, gone))
    })
}

/// How many of its clause changes the story names for the turn that did most to bring the sides
/// together.
pub const CLOSEST_CHANGES: usize = 3;

/// How many rises of tension the story names.
pub const RISES: usize = 2;

/// What moved `a`'s trust in `b` from state `first` to `last`, largest share first: each
/// source's modifiers as they stand at the end less as they stood at the start (a move made
/// several times counts once, summed; a modifier of the starting ledger counts by what its fading
/// gave back, all of it once spent; one added and spent within the game counts nothing). Unless
/// trust met 0 or 100, they add up to the change.
pub fn trust_shares(
    s: &Scenario,
    first: &Negotiation,
    last: &Negotiation,
    a: PartyIx,
    b: PartyIx,
) -> Vec<(String, f64)> {
    let mut shares: Vec<(Source, f64)> = Vec::new();
    let mut add = |src: Source, d: f64| match shares.iter_mut().find(|x| x.0 == src) {
        Some(x) => x.1 += d,
        None => shares.push((src, d)),
    };
    first
        .trust
        .modifiers(a, b)
        .for_each(|m| add(m.source, -m.value));
    last.trust
        .modifiers(a, b)
        .for_each(|m| add(m.source, m.value));
    let mut out: Vec<(String, f64)> = shares
        .into_iter()
        .filter(|x| x.1.abs() >= 1e-9)
        .map(|(src, d)| {
            let label = src.label(s, a, b);
            match src {
                // An old grievance fading raises trust: "the fading of Regime-change remarks +8"
                // (a tester read "Regime-change remarks (fading) +8" as the remarks' gift).
                Source::Start(_) => (format!("the fading of {label}"), d),
                _ => (label, d),
            }
        })
        .collect();
    out.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()).then(x.0.cmp(&y.0)));
    out
}

/// The story of a game from its history: where tension and agreement began and ended, the turns
/// that raised tension most and their largest causes, and how and when the game ended.
pub fn story(s: &Scenario, history: &[Snapshot]) -> Vec<String> {
    let (Some(first), Some(last)) = (history.first(), history.last()) else {
        return Vec::new();
    };
    let (one, title) = (&s.turn.one, s.turn.title());
    let (t0, t1) = (first.talks.tension, last.talks.tension);
    let peak = peak_week(history).unwrap_or(last);
    // The figures as the gauges showed them (tension with a decimal near the danger line: a
    // tester read "peaked at 59" of a 59.7 the danger above 59 applied to); a week's figure is
    // the one at its end.
    let gauge = crate::rules::describe::gauge;
    let tension = |t: f64| crate::rules::describe::tension_gauge(s, t);
    let mut out = vec![format!(
        "Tension opened at {}{} and stood at {} at the end (war is certain at {:.0} and a risk \
         every {one} above {:.0}); agreement went from {} to {}.",
        tension(t0),
        if told_peak(history).is_some() {
            format!(
                ", peaked at {} at the end of {one} {}",
                tension(peak.talks.tension),
                peak.talks.week
            )
        } else {
            String::new()
        },
        tension(t1),
        s.tension.war_at,
        s.tension.escalation_threshold,
        gauge(first.talks.agreement),
        gauge(last.talks.agreement)
    )];
    // Trust between the negotiators, which signing needs, from the first week to the last, and
    // what moved it most (a tester could not tell who had raised or cut it).
    let need = s.rules.min_trust;
    for &a in &s.negotiators {
        for &b in s.negotiators.iter().filter(|&&b| b != a) {
            let figure =
                |st: &Negotiation| crate::rules::describe::trust_figure(st.trust(a, b), need);
            let (from, to) = (figure(&first.talks), figure(&last.talks));
            let whose = crate::rules::describe::possessive(&s.parties[a].name);
            let went = if from == to {
                format!("ended where it began, at {to}")
            } else {
                format!("went from {from} to {to}")
            };
            let all = trust_shares(s, &first.talks, &last.talks, a, b);
            // Trust stops at 0 and 100: the shares then add up to more than the change.
            let sum: f64 = all.iter().map(|x| x.1).sum();
            let change = last.talks.trust(a, b) - first.talks.trust(a, b);
            let stopped = if (sum - change).abs() >= 0.5 {
                " (trust stops at 0 and 100, so these add up to more than the change)"
            } else {
                ""
            };
            let shares: Vec<String> = all
                .iter()
                .filter(|x| x.1.abs() >= 0.5)
                .take(3)
                .map(|(label, d)| format!("{label} {}", signed_points(*d)))
                .collect();
            let shares = if shares.is_empty() {
                String::new()
            } else {
                format!(". What moved it most: {}{stopped}", shares.join("; "))
            };
            out.push(format!(
                "{whose} trust in {} {went} (signing needs {}){shares}.",
                s.parties[b].name,
                crate::rules::describe::gauge(need),
            ));
        }
    }
    for (week, d, causes) in &rises(history) {
        let mut why: Vec<String> = causes
            .iter()
            .map(|(src, x)| {
                format!(
                    "{} ({})",
                    src.cause_label(s),
                    crate::rules::describe::signed_points(*x)
                )
            })
            .collect();
        // The rest of the week (calming moves, drift, smaller causes), so that the parts add
        // up to the rise.
        let rest = d - causes.iter().map(|c| c.1).sum::<f64>();
        if rest.abs() >= 0.05 {
            why.push(format!(
                "the rest of the {one} {}",
                crate::rules::describe::signed_points(rest)
            ));
        }
        out.push(format!(
            "{title} {week} raised tension by {}: {}.",
            crate::rules::describe::points(*d),
            why.join("; ")
        ));
    }
    // The turn that did most to bring the sides together, with what it changed in the text: each clause
    // from where the turn found it to where it left it, by each party's step ([`net_changes`]).
    if let Some((w, d)) = closest(history) {
        let week = w[1].talks.week;
        let mut changes = net_changes(s, &w[0], &w[1]);
        let more = changes.len().saturating_sub(CLOSEST_CHANGES);
        changes.truncate(CLOSEST_CHANGES);
        out.push(if changes.is_empty() {
            format!(
                "{title} {week} did most to bring the sides together (agreement {}).",
                crate::rules::describe::signed_points(d)
            )
        } else {
            format!(
                "{title} {week} did most to bring the sides together (agreement {}): {}{}.",
                crate::rules::describe::signed_points(d),
                changes.join("; "),
                match more {
                    0 => String::new(),
                    1 => "; and 1 more clause".into(),
                    n => format!("; and {n} more clauses"),
                }
            )
        });
    }
    if let Some((w, gone)) = slipped(s, history) {
        let names: Vec<&str> = gone.iter().map(|&q| s.parties[q].name.as_str()).collect();
        out.push(format!(
            "{title} {} let a deal slip: every side would have signed the text as it opened, \
             but by its end {} would not.",
            w[1].talks.week,
            names.join(" and ")
        ));
    }
    if let Some(end) = &last.ending.0 {
        let what = match end.kind {
            OutcomeKind::Deal => "the text was signed",
            OutcomeKind::War => "it ended in war",
            OutcomeKind::Collapse => "the talks collapsed",
            OutcomeKind::Stalemate if end.reasons.contains(&Reason::Called) => {
                "the facilitator ended the talks without a deal"
            }
            OutcomeKind::Stalemate => "time ran out without a deal",
        };
        // Why it ended is the outcome's own reasons, shown beside the story; a war's incident
        // is told here too, for it decided the game.
        let incident = end
            .reasons
            .iter()
            .find(|r| matches!(r, Reason::Incident { .. }))
            .map(|r| format!(": {}", r.text(s)))
            .unwrap_or_default();
        out.push(format!("{title} {}: {what}{incident}.", end.week));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Change;
    use crate::sim::{Game, seat};
    use crate::testkit::geneva;

    /// A clause moved by two parties in one week reads as each party's step, and a party's
    /// steps that left the clause where they found it are none: written out by hand.
    #[test]
    fn a_clause_moved_by_several_reads_step_by_step() {
        let s = geneva();
        let mut g = Game::new(s.clone(), 1, &seat(&s, None, &[]));
        g.step();
        let (mut a, mut b) = (g.history()[0].clone(), g.history()[1].clone());
        b.talks.draft.levels.clone_from(&a.talks.draft.levels);
        let i = s.issue_ix("stockpile").expect("Geneva has a stockpile");
        let at = |id: &str| s.issues[i].levels.iter().position(|l| l.id == id);
        let (diluted, shipped) = (at("diluted"), at("shipped"));
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let step = |from, to, by| Change {
            issue: i,
            from,
            to,
            by,
        };
        a.talks.draft.levels[i] = None;
        b.talks.draft.levels[i] = shipped;
        b.talks.draft.changes = vec![step(None, diluted, iran), step(diluted, shipped, us)];
        assert_eq!(
            net_changes(&s, &a, &b),
            [
                "Highly enriched stockpile: not addressed → Diluted under IAEA watch (Iran) → \
              Shipped abroad (United States)"
            ]
        );
        // Iran's step there and back is none: the United States' alone is told.
        b.talks.draft.changes = vec![
            step(None, diluted, iran),
            step(diluted, None, iran),
            step(None, shipped, us),
        ];
        assert_eq!(
            net_changes(&s, &a, &b),
            ["Highly enriched stockpile: not addressed → Shipped abroad (United States)"]
        );
    }
}
