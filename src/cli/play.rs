//! `redline play --text`: the game in a terminal, interactive or from piped moves; and
//! `redline replay`.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Failure, Outcome, emit, party_arg, say, scenario_arg, text};
use crate::ai;
use crate::rules::Choice;
use crate::scenario::{PartyIx, Scenario};
use crate::sim::{self, Game, save};

#[derive(Debug, Args)]
pub struct PlayArgs {
    /// Play in the terminal (the window is `redline` with no subcommand).
    #[arg(long)]
    pub text: bool,
    /// Scenario file (default: the embedded Geneva scenario).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Party to play, or `none` to watch an all-AI game.
    #[arg(long)]
    pub party: Option<String>,
    /// Seed (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Write a replay of the game to FILE when it ends.
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Continue a saved game.
    #[arg(long, value_name = "FILE")]
    pub load: Option<PathBuf>,
}

/// The longest command line read (longer lines are skipped without being held in memory).
const MAX_LINE: u64 = 4096;

const HELP: &str = "\
Commands:
  N          play move number N (each move keeps its number for the whole game)
  KEY        play the move with that key (e.g. a = accept); a key with several
             targets lists them with their numbers
  why N      explain move N: what it does and how it scores
  pass       make no move this {turn}
  undo       take back the last {turn}
  save FILE  save the game (continue with `play --text --load FILE`)
  briefing   who you are, what you want, who else is here, how it ends and scores
  help       this list
  quit       leave the game (`q` is a move's key in some scenarios)";

/// Runs the terminal game on stdin and stdout.
pub fn run(args: PlayArgs) -> Outcome {
    if !args.text {
        return Err(Failure::usage(
            "`redline play` needs --text; run `redline` with no subcommand for the window",
        ));
    }
    if args.load.is_some() && (args.party.is_some() || args.seed.is_some()) {
        return Err(Failure::usage(
            "--load continues a saved game: its party and seed come from the save, so leave out \
             --party and --seed",
        ));
    }
    if let Some(path) = &args.record {
        // Refuse a device or folder now, not after the whole game.
        save::check_target(path)?;
    }
    let s = scenario_arg(args.scenario.as_ref())?;
    let me = party_arg(&s, args.party.as_deref())?;
    let mut game = match &args.load {
        Some(path) => save::load(s.clone(), path)?,
        None => Game::new(
            s.clone(),
            args.seed.unwrap_or(s.seed),
            &sim::seat(&s, me, &[]),
        ),
    };
    let me = match &args.load {
        Some(path) => {
            let seats = sim::controllers(&game.world);
            let humans = seats
                .iter()
                .filter(|c| **c == sim::Controller::Human)
                .count();
            if humans > 1 {
                return Err(Failure::input(format!(
                    "{}: {humans} parties are played by people; the terminal plays one",
                    path.display()
                )));
            }
            seats.iter().position(|c| *c == sim::Controller::Human)
        }
        None => me,
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let code = session(&mut game, me, &mut stdin.lock(), &mut stdout.lock())?;
    if let Some(path) = &args.record {
        save::write_record(&mut game, path)?;
        say(&format!("replay written to {}", path.display()));
    }
    Ok(code)
}

/// Plays a session: reads commands from `input`, writes the screens to `out`.
pub fn session(
    game: &mut Game,
    me: Option<PartyIx>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let s = game.scenario();
    writeln!(out, "{}\n{}", s.title, s.summary)?;
    let Some(me) = me else {
        // Observe mode: every party is AI.
        while game.outcome().is_none() && game.step() {
            write!(out, "{}", text::week_screen(game, None))?;
            write!(out, "{}", text::answers(game, None))?;
        }
        write!(out, "{}", text::end_screen(game, None))?;
        return Ok(ExitCode::SUCCESS);
    };
    if game.week() == 0 {
        write!(
            out,
            "{}",
            text::briefing(&s, &crate::read::briefing(&s, game.state(), me))
        )?;
    }
    writeln!(
        out,
        "You are {}. Type `help` for commands, `briefing` to read your brief again.",
        s.parties[me].name
    )?;
    // Every move keeps its number for the whole game.
    let numbers = text::catalogue(&s, me);
    let mut bytes = Vec::new();
    let mut show = true;
    while game.outcome().is_none() {
        let scored = game.options(me);
        if show {
            write!(out, "{}", text::week_screen(game, Some(me)))?;
            write!(out, "{}", text::moves_list(&s, &scored, &numbers))?;
            show = false;
        }
        write!(out, "> ")?;
        out.flush()?;
        bytes.clear();
        let read = std::io::Read::take(&mut *input, MAX_LINE).read_until(b'\n', &mut bytes)?;
        if bytes.len() as u64 >= MAX_LINE && bytes.last() != Some(&b'\n') {
            // Too long for a command: skip the rest of the line without holding it.
            let mut sink = Vec::new();
            while {
                sink.clear();
                std::io::Read::take(&mut *input, MAX_LINE).read_until(b'\n', &mut sink)? > 0
                    && sink.last() != Some(&b'\n')
            } {}
            writeln!(out, "That line is too long for a command; it was skipped.")?;
            continue;
        }
        if read == 0 {
            writeln!(
                out,
                "\ninput ended after {} {}; the game is left unfinished",
                s.turn.one,
                game.week()
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        let Ok(line) = std::str::from_utf8(&bytes) else {
            writeln!(
                out,
                "That line is not readable text (not UTF-8); it was skipped."
            )?;
            continue;
        };
        let cmd = line.trim();
        let mut words = cmd.split_whitespace();
        match (words.next(), words.next()) {
            (None, _) => {}
            (Some("briefing"), None) => write!(
                out,
                "{}",
                text::briefing(&s, &crate::read::briefing(&s, game.state(), me))
            )?,
            (Some("help" | "?"), _) => writeln!(out, "{}", HELP.replace("{turn}", &s.turn.one))?,
            (Some("quit"), _) => {
                writeln!(
                    out,
                    "You leave the talks after {} {}.",
                    s.turn.one,
                    game.week()
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            (Some("undo"), _) => {
                if game.undo() {
                    writeln!(out, "Back to the end of {} {}.", s.turn.one, game.week())?;
                    autosave(game, out)?;
                    show = true;
                } else {
                    writeln!(out, "Nothing to undo.")?;
                }
            }
            (Some("save"), Some(_)) => {
                // The file name is the rest of the line, spaces and all.
                let path = cmd["save".len()..].trim();
                match save::save(game, std::path::Path::new(path)) {
                    Ok(()) => writeln!(out, "Saved to {path}.")?,
                    Err(e) => writeln!(out, "Could not save: {e}")?,
                }
            }
            (Some("save"), None) => writeln!(out, "save needs a file name: save FILE")?,
            (Some("why"), Some(n)) => match pick(n, &scored, &numbers) {
                Some(i) => write!(out, "{}", text::why(&s, &scored[i]))?,
                None => match catalogued(n, &numbers) {
                    Some(c) => writeln!(out, "{}", text::closed(&s, game.state(), me, c.mv))?,
                    None => writeln!(out, "No move {n}; pick a number from the list.")?,
                },
            },
            (Some("pass"), _) => {
                play_week(game, me, None, out)?;
                show = true;
            }
            (Some(w), None) => {
                match pick(w, &scored, &numbers).map_or_else(|| by_key(&s, w, &scored), Key::One) {
                    Key::One(i) => {
                        play_week(game, me, Some(scored[i].choice), out)?;
                        show = true;
                    }
                    Key::Several(hits) => {
                        writeln!(
                            out,
                            "`{w}` has several targets this {}; type the number:",
                            s.turn.one
                        )?;
                        for i in hits {
                            writeln!(
                                out,
                                "  {:>3} {}",
                                text::number(&numbers, &scored[i].choice),
                                ai::choice_label(&s, &scored[i].choice)
                            )?;
                        }
                    }
                    Key::None => match catalogued(w, &numbers)
                        .map(|c| c.mv)
                        .or_else(|| keyed(&s, me, w))
                    {
                        Some(mv) => writeln!(out, "{}", text::closed(&s, game.state(), me, mv))?,
                        None => writeln!(out, "`{cmd}` is not a move or command; type `help`.")?,
                    },
                }
            }
            _ => writeln!(out, "`{cmd}` is not a move or command; type `help`.")?,
        }
    }
    write!(out, "{}", text::end_screen(game, Some(me)))?;
    Ok(ExitCode::SUCCESS)
}

/// The option (index into this week's `scored`) with the given stable number.
fn pick(word: &str, scored: &[ai::Scored], numbers: &[Choice]) -> Option<usize> {
    let c = catalogued(word, numbers)?;
    scored.iter().position(|x| x.choice == c)
}

/// The choice with the given stable number, open this week or not.
fn catalogued(word: &str, numbers: &[Choice]) -> Option<Choice> {
    let n = word.parse::<usize>().ok()?;
    numbers.get(n.checked_sub(1)?).copied()
}

/// The move of the party's with this key, open this week or not.
fn keyed(s: &Scenario, me: PartyIx, word: &str) -> Option<usize> {
    let k = key_of(word)?;
    // One of the party's own moves first; else another party's, to say whose it is.
    s.moves
        .iter()
        .position(|m| m.key == Some(k) && m.usable_by(me, s.parties[me].role))
        .or_else(|| s.moves.iter().position(|m| m.key == Some(k)))
}

/// The key a one-character word types, lowercased.
fn key_of(word: &str) -> Option<char> {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(k), None) => Some(k.to_ascii_lowercase()),
        _ => None,
    }
}

/// What a typed key names among this week's options.
enum Key {
    One(usize),
    Several(Vec<usize>),
    None,
}

fn by_key(s: &Scenario, word: &str, scored: &[ai::Scored]) -> Key {
    let Some(k) = key_of(word) else {
        return Key::None;
    };
    let hits: Vec<usize> = (0..scored.len())
        .filter(|&i| s.moves[scored[i].choice.mv].key == Some(k))
        .collect();
    match hits.len() {
        0 => Key::None,
        1 => Key::One(hits[0]),
        _ => Key::Several(hits),
    }
}

fn play_week(
    game: &mut Game,
    me: PartyIx,
    choice: Option<Choice>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if let Some(c) = choice {
        game.order(me, c);
    }
    game.step();
    write!(out, "{}", text::answers(game, Some(me)))?;
    autosave(game, out)
}

/// The folder autosaves go to: `saves/` in the current folder.
pub const SAVES: &str = "saves";

/// Saves the game after a week or an undo; a failure is said once and play goes on.
fn autosave(game: &mut Game, out: &mut dyn Write) -> Result<(), Failure> {
    if let Err(e) = save::autosave(&mut game.world, std::path::Path::new(SAVES))
        && game.world.get_resource::<AutosaveFailed>().is_none()
    {
        game.world.insert_resource(AutosaveFailed);
        writeln!(
            out,
            "(Could not autosave: {e}. Use `save FILE` to keep the game.)"
        )?;
    }
    Ok(())
}

/// Marks a game whose autosave failed once (so the warning is not repeated every week).
#[derive(bevy::prelude::Resource)]
struct AutosaveFailed;

/// `redline replay FILE`.
pub fn replay(file: &std::path::Path, scenario: Option<&PathBuf>, show_log: bool) -> Outcome {
    let rec = save::read_record(file)?;
    let s = scenario_arg(scenario)?;
    let (game, ok) = save::replay(s, &rec, file)?;
    if show_log {
        emit(
            &game
                .log()
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>(),
        )?;
    }
    let me = rec
        .controllers
        .iter()
        .position(|c| *c == sim::Controller::Human);
    emit(&text::end_screen(&game, me))?;
    if ok {
        emit(&format!(
            "replay matches the recorded game ({} weeks)\n",
            game.week()
        ))?;
        Ok(ExitCode::SUCCESS)
    } else {
        Err(Failure::input(format!(
            "{}: the replay did not reproduce the recorded game",
            file.display()
        )))
    }
}
