//! The balance batch: many all-AI games played in parallel and added up into a report. The same
//! seed gives the same report whatever the number of threads: game `i` always gets the seed
//! `game_seed(seed, i)`, and results are gathered in game order. `simulate` prints it; the
//! window's workshop shows it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::{Game, OutcomeKind};
use crate::ai::Policy;
use crate::launch::Failure;
use crate::rng::game_seed;
use crate::scenario::{Level, PartyIx, Scenario, pareto_optimal};
use crate::sim;

/// What one game came to.
#[derive(Debug, Clone, PartialEq)]
pub struct GameResult {
    pub outcome: OutcomeKind,
    pub weeks: u32,
    pub tension: f64,
    pub agreement: f64,
    pub package: Option<Vec<Level>>,
    /// (party, move index) of every move played.
    pub moves: Vec<(PartyIx, usize)>,
    /// Every party's end-screen score, in party order.
    pub scores: Vec<f64>,
    /// For a deal: whether its text is Pareto-optimal, and its Nash product as a share of the
    /// Nash package's.
    pub pareto: Option<bool>,
    pub nash_share: Option<f64>,
    /// A stalemate although every negotiator would have signed the final text.
    pub willing: bool,
    /// Changes of a clause that undid another party's change of it (see
    /// [`crate::rules::undoes`]): text moves that fought each other.
    pub undone: u32,
    /// Every event that came, in order (an event that came twice is here twice).
    pub events: Vec<usize>,
    /// The highest tension of the game: at its start or at the end of a week played; and
    /// whether it went above the danger line (`tension.escalation_threshold`, where war is
    /// rolled).
    pub peak: f64,
    pub above_danger: bool,
}

/// Plays one all-AI game to its end.
pub fn play_one(
    game: &mut Game,
    s: &Arc<Scenario>,
    seed: u64,
    policies: &[(PartyIx, Policy)],
) -> GameResult {
    game.reset(s.clone(), seed, &sim::seat(s, None, policies));
    let mut tension = 0.0;
    let mut played = 0u32;
    let mut events = Vec::new();
    let mut peak = game.tension();
    while played <= s.weeks && game.step() {
        tension += game.tension();
        peak = peak.max(game.tension());
        played += 1;
        events.extend_from_slice(&game.world.resource::<sim::Arrivals>().0);
    }
    let mean_tension = if played == 0 {
        s.tension.start
    } else {
        tension / f64::from(played)
    };
    let outcome = game.outcome().map_or(OutcomeKind::Stalemate, |o| o.kind);
    let st = game.state();
    let scores = sim::scores(s, st, mean_tension, game.outcome());
    let deal = outcome == OutcomeKind::Deal;
    let nash_share = scores
        .iter()
        .find_map(|x| x.review.as_ref())
        .map(|r| r.balance);
    let willing =
        outcome == OutcomeKind::Stalemate && sim::verdicts(s, st).iter().all(|v| v.would_sign);
    let moves = game
        .world
        .resource::<sim::Played>()
        .0
        .iter()
        .map(|(p, c)| (*p, c.mv))
        .collect();
    GameResult {
        outcome,
        weeks: game.week(),
        tension: game.tension(),
        agreement: game.agreement(),
        package: deal.then(|| st.draft.levels.clone()),
        moves,
        scores: scores.iter().map(|x| x.total).collect(),
        pareto: deal.then(|| pareto_optimal(s, &st.draft.levels)),
        nash_share,
        willing,
        undone: st.draft.pulled_back,
        events,
        peak,
        above_danger: peak > s.tension.escalation_threshold,
    }
}

/// Plays `games` games from `seed` on `jobs` threads; results in game order.
pub fn batch(
    s: &Arc<Scenario>,
    games: u64,
    seed: u64,
    jobs: usize,
    policies: &[(PartyIx, Policy)],
) -> Result<Vec<GameResult>, Failure> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| Failure::usage(format!("cannot start {jobs} threads: {e}")))?;
    Ok(pool.install(|| {
        (0..games)
            .into_par_iter()
            .map_init(
                || Game::new(s.clone(), seed, &sim::seat(s, None, policies)).quiet(),
                |g, i| play_one(g, s, game_seed(seed, i), policies),
            )
            .collect()
    }))
}

/// Share of each outcome with a 95 % interval, and the rest of the balance report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub games: u64,
    pub seed: u64,
    pub outcomes: BTreeMap<String, Share>,
    pub mean_weeks: f64,
    pub mean_tension: f64,
    /// The mean of each game's highest tension, and the share of games whose tension went
    /// above the danger line (where war is rolled), with the line.
    pub mean_peak_tension: f64,
    pub above_danger: f64,
    pub danger_line: f64,
    pub mean_agreement: f64,
    /// The most frequent deal package: (issue id → level id), and how many deals used it.
    pub top_package: Option<(BTreeMap<String, String>, u64)>,
    /// How many different texts were signed.
    pub distinct_deals: usize,
    /// Per party: its three most used moves with counts.
    pub top_moves: BTreeMap<String, Vec<(String, u64)>>,
    /// Per party: the moves it may make (its `by`) that no game played, in catalogue order
    /// (parties that played every move of theirs are left out).
    pub unused_moves: BTreeMap<String, Vec<String>>,
    pub policies: BTreeMap<String, String>,
    /// Each party's mean end-screen score (as if it were the player's seat).
    pub mean_scores: BTreeMap<String, f64>,
    /// Each party's name by its id (the report names parties by id, as `--policy` does).
    pub names: BTreeMap<String, String>,
    /// Share of the deals whose text is Pareto-optimal.
    pub pareto_share: f64,
    /// Mean share of the Nash package's product the deals reached.
    pub nash_share: f64,
    /// Games by the week they ended (week → games).
    pub ending_weeks: BTreeMap<u32, u64>,
    /// What a turn is called in the scenario (singular, plural).
    pub turn: String,
    pub turns: String,
    /// Share of all games that ended in stalemate although every negotiator would have signed.
    pub willing_stalemates: f64,
    /// Mean number of clause changes per game that undid another party's change of the clause.
    pub undone: f64,
    /// Every event of the scenario, in file order: how often it came.
    pub events: Vec<EventShare>,
}

/// How often one event came in a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventShare {
    pub id: String,
    /// Share of the games in which it came at least once.
    pub games: f64,
    /// Mean times it came per game.
    pub per_game: f64,
}

/// An outcome's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub count: u64,
    pub share: f64,
    /// Wilson 95 % interval.
    pub low: f64,
    pub high: f64,
}

fn wilson(k: u64, n: u64) -> Share {
    if n == 0 {
        return Share {
            count: 0,
            share: 0.0,
            low: 0.0,
            high: 0.0,
        };
    }
    let (k, nf) = (k as f64, n as f64);
    let p = k / nf;
    let z = 1.96f64;
    let d = 1.0 + z * z / nf;
    let c = (p + z * z / (2.0 * nf)) / d;
    let h = z * (p * (1.0 - p) / nf + z * z / (4.0 * nf * nf)).sqrt() / d;
    Share {
        count: k as u64,
        share: p,
        low: (c - h).max(0.0),
        high: (c + h).min(1.0),
    }
}

/// What a batch adds up to, accumulated game by game in game order: memory that does not grow
/// with the number of games (only with the number of distinct deals and moves).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub games: u64,
    pub outcomes: BTreeMap<OutcomeKind, u64>,
    pub weeks: f64,
    pub tension: f64,
    pub agreement: f64,
    pub packages: BTreeMap<Vec<Level>, u64>,
    pub moves: BTreeMap<(PartyIx, usize), u64>,
    /// Sum of each party's score, in party order.
    pub scores: Vec<f64>,
    /// Deals whose text is Pareto-optimal, and the sum of the deals' shares of the Nash
    /// package's product.
    pub pareto: u64,
    pub nash_share: f64,
    /// Games by the week they ended.
    pub ending_weeks: BTreeMap<u32, u64>,
    /// Stalemates in which every negotiator would have signed the final text.
    pub willing: u64,
    /// Clause changes that undid another party's.
    pub undone: u64,
    /// By event: the games in which it came, and the times it came in all.
    pub events: BTreeMap<usize, (u64, u64)>,
    /// Sum of the games' peak tension, and the games whose tension went above the danger line
    /// (`tension.escalation_threshold`, where war is rolled).
    pub peak: f64,
    pub over_danger: u64,
}

impl Tally {
    /// Adds one game.
    pub fn add(&mut self, r: &GameResult) {
        self.games += 1;
        *self.outcomes.entry(r.outcome).or_default() += 1;
        self.weeks += f64::from(r.weeks);
        self.peak += r.peak;
        self.over_danger += u64::from(r.above_danger);
        self.tension += r.tension;
        self.agreement += r.agreement;
        if let Some(p) = &r.package {
            *self.packages.entry(p.clone()).or_default() += 1;
        }
        for m in &r.moves {
            *self.moves.entry(*m).or_default() += 1;
        }
        if self.scores.len() < r.scores.len() {
            self.scores.resize(r.scores.len(), 0.0);
        }
        for (sum, x) in self.scores.iter_mut().zip(&r.scores) {
            *sum += x;
        }
        self.pareto += u64::from(r.pareto == Some(true));
        self.nash_share += r.nash_share.unwrap_or(0.0);
        *self.ending_weeks.entry(r.weeks).or_default() += 1;
        self.willing += u64::from(r.willing);
        self.undone += u64::from(r.undone);
        for (k, &e) in r.events.iter().enumerate() {
            let (games, times) = self.events.entry(e).or_default();
            *games += u64::from(!r.events[..k].contains(&e));
            *times += 1;
        }
    }

    /// The tally of some results, in their order.
    pub fn of(results: &[GameResult]) -> Self {
        let mut t = Self::default();
        results.iter().for_each(|r| t.add(r));
        t
    }
}

/// Games played at once before their results are added up: the memory a batch holds.
const CHUNK: u64 = 4096;

/// Plays `games` games from `seed` on `jobs` threads, a chunk at a time, adding each chunk's
/// results to the tally in game order (so the tally is the same for any `jobs`). `progress` is
/// told how many games are done after each chunk.
pub fn stream(
    s: &Arc<Scenario>,
    games: u64,
    seed: u64,
    jobs: usize,
    policies: &[(PartyIx, Policy)],
    mut progress: impl FnMut(u64),
) -> Result<Tally, Failure> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| Failure::usage(format!("cannot start {jobs} threads: {e}")))?;
    let mut tally = Tally::default();
    let mut start = 0;
    while start < games {
        let end = games.min(start + CHUNK);
        let results: Vec<GameResult> = pool.install(|| {
            (start..end)
                .into_par_iter()
                .map_init(
                    || Game::new(s.clone(), seed, &sim::seat(s, None, policies)).quiet(),
                    |g, i| play_one(g, s, game_seed(seed, i), policies),
                )
                .collect()
        });
        results.iter().for_each(|r| tally.add(r));
        start = end;
        progress(start);
    }
    Ok(tally)
}

/// Builds the report from a tally.
pub fn report(s: &Scenario, tally: &Tally, seed: u64, policies: &[(PartyIx, Policy)]) -> Report {
    let n = tally.games;
    let mut outcomes = BTreeMap::new();
    for k in OutcomeKind::ALL {
        let c = tally.outcomes.get(&k).copied().unwrap_or(0);
        outcomes.insert(k.name().to_string(), wilson(c, n));
    }
    let mean = |sum: f64| if n == 0 { 0.0 } else { sum / n as f64 };
    let packages = &tally.packages;
    let top_package = packages
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(p, c)| {
            let m = p
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    (
                        s.issues[i].id.clone(),
                        l.map_or("not_addressed".to_string(), |l| {
                            s.issues[i].levels[l].id.clone()
                        }),
                    )
                })
                .collect();
            (m, *c)
        });
    let counts = &tally.moves;
    let mut top_moves = BTreeMap::new();
    for (p, party) in s.parties.iter().enumerate() {
        let mut v: Vec<(String, u64)> = counts
            .iter()
            .filter(|((q, _), _)| *q == p)
            .map(|((_, m), c)| (s.moves[*m].id.clone(), *c))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(3);
        top_moves.insert(party.id.clone(), v);
    }
    let unused_moves = (s.parties.iter().enumerate())
        .filter_map(|(p, party)| {
            let never: Vec<String> = (s.moves.iter().enumerate())
                .filter(|(mx, m)| m.usable_by(p, party.role) && !counts.contains_key(&(p, *mx)))
                .map(|(_, m)| m.id.clone())
                .collect();
            (!never.is_empty()).then(|| (party.id.clone(), never))
        })
        .collect();
    let deals = tally.outcomes.get(&OutcomeKind::Deal).copied().unwrap_or(0);
    let per_deal = |x: f64| if deals == 0 { 0.0 } else { x / deals as f64 };
    Report {
        names: s
            .parties
            .iter()
            .map(|party| (party.id.clone(), party.name.clone()))
            .collect(),
        mean_scores: s
            .parties
            .iter()
            .zip(tally.scores.iter().chain(std::iter::repeat(&0.0)))
            .map(|(party, sum)| (party.id.clone(), mean(*sum)))
            .collect(),
        pareto_share: per_deal(tally.pareto as f64),
        nash_share: per_deal(tally.nash_share),
        ending_weeks: tally.ending_weeks.clone(),
        turn: s.turn.one.clone(),
        turns: s.turn.many.clone(),
        willing_stalemates: mean(tally.willing as f64),
        undone: mean(tally.undone as f64),
        events: s
            .events
            .iter()
            .enumerate()
            .map(|(e, ev)| {
                let (games, times) = tally.events.get(&e).copied().unwrap_or_default();
                EventShare {
                    id: ev.id.clone(),
                    games: mean(games as f64),
                    per_game: mean(times as f64),
                }
            })
            .collect(),
        games: n,
        seed,
        outcomes,
        mean_weeks: mean(tally.weeks),
        mean_tension: mean(tally.tension),
        mean_peak_tension: mean(tally.peak),
        above_danger: mean(tally.over_danger as f64),
        danger_line: s.tension.escalation_threshold,
        mean_agreement: mean(tally.agreement),
        top_package,
        distinct_deals: tally.packages.len(),
        top_moves,
        unused_moves,
        policies: (0..s.parties.len())
            .map(|p| {
                let pol = policies
                    .iter()
                    .find(|x| x.0 == p)
                    .map_or(Policy::Ai, |x| x.1);
                (s.parties[p].id.clone(), pol.to_string())
            })
            .collect(),
    }
}

/// The report as a table.
pub fn report_text(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} games from seed {}", r.games, r.seed);
    let pol: Vec<String> = r.policies.iter().map(|(p, x)| format!("{p}={x}")).collect();
    let _ = writeln!(o, "policies: {}", pol.join(" "));
    let _ = writeln!(
        o,
        "{:<10} {:>6} {:>7}   95% interval",
        "outcome", "games", "share"
    );
    for (k, s) in &r.outcomes {
        let _ = writeln!(
            o,
            "{:<10} {:>6} {:>6.1}%   {:.1}–{:.1}%",
            k,
            s.count,
            s.share * 100.0,
            s.low * 100.0,
            s.high * 100.0
        );
    }
    let _ = writeln!(
        o,
        "mean {} {:.1}, mean final tension {:.1}, mean final agreement {:.1}",
        r.turns, r.mean_weeks, r.mean_tension, r.mean_agreement
    );
    // How high tension went (a modder could not tell why an event on high tension never came).
    let _ = writeln!(
        o,
        "peak tension: mean {:.1}; {:.1}% of games went above the danger line ({})",
        r.mean_peak_tension,
        r.above_danger * 100.0,
        r.danger_line
    );
    if r.distinct_deals > 0 {
        let _ = writeln!(o, "different texts signed: {}", r.distinct_deals);
    }
    if let Some((pkg, c)) = &r.top_package {
        let _ = writeln!(o, "most frequent deal ({c} games):");
        for (i, l) in pkg {
            let _ = writeln!(o, "  {i:<16} {l}");
        }
    }
    // (With no deal there is no text to rate.)
    let deals = if r.distinct_deals == 0 {
        "deals: none to rate".to_string()
    } else {
        format!(
            "deals: {:.1}% Pareto-optimal, {:.1}% of the Nash product on average",
            100.0 * r.pareto_share,
            100.0 * r.nash_share
        )
    };
    let _ = writeln!(
        o,
        "{deals}; stalemates where every negotiator would have signed: {:.1}% of games",
        100.0 * r.willing_stalemates
    );
    let _ = writeln!(
        o,
        "clauses pulled back (a change that undid another party's, contesting the clause): \
         {:.2} per game",
        r.undone
    );
    let weeks: Vec<String> = r
        .ending_weeks
        .iter()
        .map(|(w, c)| format!("{w}:{c}"))
        .collect();
    let _ = writeln!(o, "games by ending {}: {}", r.turn, weeks.join(" "));
    let _ = writeln!(o, "mean score by seat (the party's policy in brackets):");
    for (p, sc) in &r.mean_scores {
        let pol = r.policies.get(p).map_or("ai", String::as_str);
        let name = r.names.get(p).map_or("", String::as_str);
        let _ = writeln!(o, "  {p:<14} {sc:>7.1}  [{pol}]  {name}");
    }
    let _ = writeln!(o, "most used moves:");
    for (p, v) in &r.top_moves {
        let m: Vec<String> = v.iter().map(|(m, c)| format!("{m} ({c})")).collect();
        let _ = writeln!(o, "  {p:<14} {}", m.join(", "));
    }
    if !r.unused_moves.is_empty() {
        // A move no game played is the one to look at, as an event that never came is.
        let _ = writeln!(o, "moves never played (a party's moves no game used):");
        for (p, v) in &r.unused_moves {
            let _ = writeln!(o, "  {p:<14} {}", v.join(", "));
        }
    }
    if !r.events.is_empty() {
        // Every event, the ones that never came too: those are the ones to look at.
        let _ = writeln!(
            o,
            "events (share of games in which each came; times per game):"
        );
        let w = r
            .events
            .iter()
            .map(|e| e.id.len())
            .max()
            .unwrap_or(0)
            .max(14);
        for e in &r.events {
            let never = if e.games == 0.0 { "  never came" } else { "" };
            let _ = writeln!(
                o,
                "  {:<w$} {:>5.1}%  {:.2}{never}",
                e.id,
                100.0 * e.games,
                e.per_game
            );
        }
    }
    o
}
