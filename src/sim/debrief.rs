//! The end-of-game debrief: the weeks that turned the game, and the source of every fact.

use serde::{Deserialize, Serialize};

use super::state::{News, NewsKind, Snapshot};
use crate::rules::{OutcomeKind, Source};
use crate::scenario::{Effect, Scenario};

/// A week that moved tension or agreement the most.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurningPoint {
    pub week: u32,
    pub d_tension: f64,
    pub d_agreement: f64,
    /// What happened that week.
    pub happenings: Vec<String>,
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

/// How many turning points the debrief names.
pub const TURNING_POINTS: usize = 4;
/// How many happenings it names for each.
pub const HAPPENINGS: usize = 5;

/// Builds the debrief from a game's history and news.
pub fn debrief(s: &Scenario, history: &[Snapshot], news: &[News]) -> Debrief {
    let mut weeks: Vec<TurningPoint> = history
        .windows(2)
        .map(|w| {
            let week = w[1].talks.week;
            TurningPoint {
                week,
                d_tension: w[1].talks.tension - w[0].talks.tension,
                d_agreement: w[1].talks.agreement - w[0].talks.agreement,
                happenings: happenings(s, &w[1], news),
            }
        })
        .collect();
    weeks.sort_by(|a, b| {
        let ma = a.d_tension.abs() + a.d_agreement.abs();
        let mb = b.d_tension.abs() + b.d_agreement.abs();
        mb.total_cmp(&ma).then(a.week.cmp(&b.week))
    });
    weeks.truncate(TURNING_POINTS);
    weeks.sort_by_key(|w| w.week);
    Debrief {
        story: story(s, history, news),
        turning_points: weeks,
        sources: s.sources(),
    }
}

/// What happened in the week a snapshot closes, most telling first, at most [`HAPPENINGS`]:
/// the events; the changes to the text; what the acts brought about (a reopened clause, a
/// walk-out, a lapse) and the acceptances; then the other moves, those that moved tension most
/// first; and last the moves that changed nothing (a party watching the talks). Ties keep the
/// order of the news.
fn happenings(s: &Scenario, week: &Snapshot, news: &[News]) -> Vec<String> {
    // Each move's announcement (the very line the news printed), with its rank and what it did
    // to tension.
    let announced: Vec<(String, u8, f64)> = week
        .decisions
        .moves
        .iter()
        .filter(|(p, c)| *p < s.parties.len() && c.mv < s.moves.len())
        .map(|&(p, c)| {
            let m = &s.moves[c.mv];
            let tension: f64 = week
                .talks
                .causes
                .iter()
                .filter(|k| k.source == Source::Move { actor: p, mv: c.mv })
                .map(|k| k.delta)
                .sum();
            let idle = m
                .effects
                .iter()
                .all(|e| matches!(e, Effect::Tension(v) if *v == 0.0));
            let rank = if m.effects.contains(&Effect::Accept) {
                2
            } else if idle {
                4
            } else {
                3
            };
            (super::turn::fill(s, &m.text, p, c), rank, tension.abs())
        })
        .collect();
    let rank = |n: &News| -> (u8, f64) {
        match n.kind {
            NewsKind::Event => (0, 0.0),
            NewsKind::Draft => (1, 0.0),
            _ => announced
                .iter()
                .find(|a| a.0 == n.text)
                .map_or((2, 0.0), |&(_, rank, tension)| (rank, -tension)),
        }
    };
    let mut v: Vec<(u8, f64, &News)> = news
        .iter()
        .filter(|n| n.week == week.talks.week && n.kind != NewsKind::Outcome)
        .map(|n| {
            let (r, t) = rank(n);
            (r, t, n)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    v.into_iter()
        .take(HAPPENINGS)
        .map(|(_, _, n)| n.text.clone())
        .collect()
}

/// How many rises of tension the story names.
pub const RISES: usize = 2;

/// The story of a game from its history: where tension and agreement began and ended, the turns
/// that raised tension most and their largest causes, and how and when the game ended.
pub fn story(s: &Scenario, history: &[Snapshot], news: &[News]) -> Vec<String> {
    let (Some(first), Some(last)) = (history.first(), history.last()) else {
        return Vec::new();
    };
    let (one, title) = (&s.turn.one, s.turn.title());
    let (t0, t1) = (first.talks.tension, last.talks.tension);
    let peak = history
        .iter()
        .max_by(|a, b| {
            a.talks
                .tension
                .total_cmp(&b.talks.tension)
                .then(b.talks.week.cmp(&a.talks.week))
        })
        .unwrap_or(last);
    // The figures as the gauges showed them; a week's figure is the one at its end.
    let gauge = crate::rules::describe::gauge;
    let mut out = vec![format!(
        "Tension opened at {}{} and stood at {} at the end (war comes at {:.0}); agreement went \
         from {} to {}.",
        gauge(t0),
        if peak.talks.tension > t1.max(t0) + 0.5 {
            format!(
                ", peaked at {} at the end of {one} {}",
                gauge(peak.talks.tension),
                peak.talks.week
            )
        } else {
            String::new()
        },
        gauge(t1),
        s.tension.war_at,
        gauge(first.talks.agreement),
        gauge(last.talks.agreement)
    )];
    // The turns that raised tension most, each with its two largest causes.
    // (turn, rise of tension, its largest causes)
    type Rise = (u32, f64, Vec<(Source, f64)>);
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
    for (week, d, causes) in &rises {
        let why: Vec<String> = causes
            .iter()
            .map(|(src, x)| format!("{} (+{x:.0})", src.cause_label(s)))
            .collect();
        out.push(format!(
            "{title} {week} raised tension by {d:.0}: {}.",
            why.join("; ")
        ));
    }
    // The turn that brought the sides closest, with what changed in the text then.
    let gain = history
        .windows(2)
        .map(|w| (w[1].talks.week, w[1].talks.agreement - w[0].talks.agreement))
        .filter(|g| g.1 >= 5.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    if let Some((week, d)) = gain {
        let changes: Vec<&str> = news
            .iter()
            .filter(|n| n.week == week && n.kind == NewsKind::Draft)
            .take(2)
            .map(|n| n.text.trim_start_matches("Draft: ").trim_end_matches('.'))
            .collect();
        out.push(if changes.is_empty() {
            format!("{title} {week} brought the sides closest (agreement +{d:.0}).")
        } else {
            format!(
                "{title} {week} brought the sides closest (agreement +{d:.0}): {}.",
                changes.join("; ")
            )
        });
    }
    if let Some(end) = &last.ending.0 {
        let what = match end.kind {
            OutcomeKind::Deal => "the text was signed",
            OutcomeKind::War => "it ended in war",
            OutcomeKind::Collapse => "the talks collapsed",
            OutcomeKind::Stalemate => "time ran out without a deal",
        };
        // Why it ended is the outcome's own reasons, shown beside the story.
        out.push(format!("{title} {}: {what}.", end.week));
    }
    out
}
