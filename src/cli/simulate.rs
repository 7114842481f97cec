//! `redline simulate`: many all-AI games in parallel and a balance report ([`crate::sim::balance`]
//! plays and adds them up; this is the command line around it).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::{Failure, Format, Outcome, emit, scenario_arg};
use crate::ai::Policy;
use crate::rng::game_seed;
use crate::scenario::{PartyIx, Scenario};
use crate::sim::balance::{play_one, report, report_text, stream};
use crate::sim::{self, Game};

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Number of games (1 to 1,000,000,000; memory does not grow with it).
    #[arg(long, default_value_t = 1000)]
    pub games: u64,
    /// Seed of the batch.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads, 1 to 64 (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// A scripted policy for a party, e.g. `iran=dove`: ai, dove, hawk, random, accept (accept
    /// whenever possible, else no move), dove-accept (accept whenever possible, else the
    /// dove), key:K (always the move with key K). Repeatable.
    #[arg(long = "policy", value_name = "PARTY=POLICY")]
    pub policies: Vec<String>,
    /// Scenario file (default: the embedded Geneva scenario).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Measure single-threaded throughput (games per second) instead of the balance report.
    #[arg(long)]
    pub bench: bool,
}

/// Parses `--policy party=policy` values.
/// A party given twice, or a `key:K` no move of the party has, is refused (a tester's second
/// policy for a party was silently ignored, and a key no move has made a party that never moves).
pub fn parse_policies(s: &Scenario, raw: &[String]) -> Result<Vec<(PartyIx, Policy)>, Failure> {
    let mut out: Vec<(PartyIx, Policy)> = Vec::new();
    for r in raw {
        let (p, pol) = r
            .split_once('=')
            .ok_or_else(|| Failure::usage(format!("`{r}`: expected PARTY=POLICY")))?;
        let ix = s.party_ix(p).ok_or_else(|| {
            Failure::usage(format!(
                "--policy: unknown party `{p}`{}",
                crate::launch::party_hint(s, p)
            ))
        })?;
        let pol: Policy = pol.parse().map_err(Failure::usage)?;
        if out.iter().any(|&(q, _)| q == ix) {
            return Err(Failure::usage(format!(
                "--policy: `{p}` is given a policy twice; give each party one"
            )));
        }
        if let Policy::Key(k) = pol {
            let role = s.parties[ix].role;
            let keys: Vec<char> = s
                .moves
                .iter()
                .filter(|m| m.usable_by(ix, role))
                .filter_map(|m| m.key)
                .collect();
            if !keys.contains(&k) {
                let list: Vec<String> = keys.iter().map(char::to_string).collect();
                return Err(Failure::usage(format!(
                    "--policy: no move of `{p}` has the key `{k}` (its keys: {})",
                    if list.is_empty() {
                        "none".to_string()
                    } else {
                        list.join(", ")
                    }
                )));
            }
        }
        // `accept` plays nothing but acceptances: a party with no move that accepts would pass
        // every week (a modder scripted the mediator so and read the result as the mediator's).
        if pol == Policy::Accept && !s.may_accept(ix) {
            return Err(Failure::usage(format!(
                "--policy: `{p}` has no move that accepts the text, so `accept` would pass every \
                 {}; give it `ai`, `dove`, `hawk`, `random` or `key:K`",
                s.turn.one
            )));
        }
        out.push((ix, pol));
    }
    Ok(out)
}

/// The load average over the last minute, where the system tells it (Linux).
fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next().map(str::to_string)
}

/// The most games one `simulate` plays.
pub const MAX_GAMES: u64 = 1_000_000_000;
/// The most worker threads.
pub const MAX_JOBS: usize = 64;

pub fn run(args: SimArgs) -> Outcome {
    if !(1..=MAX_GAMES).contains(&args.games) {
        return Err(Failure::usage(format!(
            "--games {}: from 1 to {MAX_GAMES}",
            args.games
        )));
    }
    if args.jobs.is_some_and(|j| !(1..=MAX_JOBS).contains(&j)) {
        return Err(Failure::usage(format!(
            "--jobs {}: from 1 to {MAX_JOBS}",
            args.jobs.unwrap_or(0)
        )));
    }
    let s = scenario_arg(args.scenario.as_ref())?;
    let policies = parse_policies(&s, &args.policies)?;
    if args.bench {
        let games = args.games.max(1);
        let mut g = Game::new(s.clone(), args.seed, &sim::seat(&s, None, &policies)).quiet();
        // Warm up, then measure on one thread.
        for i in 0..games.min(20) {
            play_one(&mut g, &s, game_seed(args.seed, i), &policies);
        }
        let start = Instant::now();
        let mut weeks = 0u64;
        for i in 0..games {
            weeks += u64::from(play_one(&mut g, &s, game_seed(args.seed, i), &policies).weeks);
        }
        let secs = start.elapsed().as_secs_f64();
        // The machine's load says how far the figure can be trusted on a shared machine.
        let load = load_average()
            .map(|l| format!(" (load average {l})"))
            .unwrap_or_default();
        emit(&format!(
            "{} games ({} weeks) in {:.3} s on one thread: {:.0} games/s, {:.0} weeks/s{load}\n",
            games,
            weeks,
            secs,
            games as f64 / secs,
            weeks as f64 / secs
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let begun = Instant::now();
    let shown = std::io::stderr().is_terminal();
    let tally = stream(&s, args.games, args.seed, jobs, &policies, |done| {
        // A progress line on a terminal, once the batch has run for a second.
        if shown && begun.elapsed().as_secs_f64() > 1.0 {
            use std::io::Write as _;
            let end = if done == args.games { "\n" } else { "" };
            let _ = write!(std::io::stderr(), "\r{done} of {} games{end}", args.games);
        }
    })?;
    let r = report(&s, &tally, args.seed, &policies);
    match args.format {
        Format::Text => emit(&report_text(&r))?,
        Format::Json => emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&r).map_err(|e| Failure::usage(e.to_string()))?
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}
