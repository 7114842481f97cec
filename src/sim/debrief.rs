//! The end-of-game debrief: the weeks that turned the game, and the source of every fact.

use serde::Serialize;

use super::state::{News, NewsKind, Snapshot};
use crate::scenario::Scenario;

/// A week that moved tension or agreement the most.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurningPoint {
    pub week: u32,
    pub d_tension: f64,
    pub d_agreement: f64,
    /// What happened that week.
    pub happenings: Vec<String>,
}

/// The debrief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
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
                // Events and changes to the text first, then moves: what turned the week.
                happenings: {
                    let mut v: Vec<&News> = news
                        .iter()
                        .filter(|n| n.week == week && n.kind != NewsKind::Outcome)
                        .collect();
                    v.sort_by_key(|n| match n.kind {
                        NewsKind::Event => 0,
                        NewsKind::Draft => 1,
                        _ => 2,
                    });
                    v.into_iter()
                        .take(HAPPENINGS)
                        .map(|n| n.text.clone())
                        .collect()
                },
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
        turning_points: weeks,
        sources: s.sources(),
    }
}
