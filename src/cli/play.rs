//! `redline play --text`: the game in a terminal, interactive or from piped moves; and
//! `redline replay`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Failure, Outcome, emit, found_scenario, say, scenario_arg, text};
use crate::ai;
use crate::launch::parties_arg;
use crate::rules::Choice;
use crate::scenario::{PartyIx, Scenario};
use crate::sim::{self, Game, save};

#[derive(Debug, Args)]
pub struct PlayArgs {
    /// Play in the terminal (the window is `redline` with no subcommand).
    #[arg(long)]
    pub text: bool,
    /// Scenario file (default: the embedded Geneva scenario; with --load, the one the save
    /// names, found in assets/scenarios).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Party to play: a negotiator's or the mediator's id (the other parties are the AI's; in
    /// the default scenario iran, united_states or oman), `none` to watch an all-AI game, or several separated by
    /// commas for a hot seat (`iran,united_states`: people take turns at this terminal).
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

/// The commands of every seat, at the terminal or over the network (`{turn}`: the scenario's
/// word for a turn).
pub const MOVE_HELP: &str = "\
Commands:
  N          play move number N (each move keeps its number for the whole game;
             a number the list leaves out is a move not open this {turn})
  KEY        play the move with that key (e.g. a = accept); a key with several
             targets lists them with their numbers
  KEY TARGET play the move with that key on a target named (e.g. `p missiles`,
             `b iran`: the start of a party's or an issue's name or id will do)
  why N      explain move N (or a key, or a key and a target): what it does and
             how it scores, or why it is not open
  pass       make no move this {turn}
  moves      your moves again (and, when you may accept, what signing gives you)
  draft      the draft again, clause by clause, with the wordings each clause
             can take
  trust      the parties again, every trust figure with every item of it (the
             {turn}'s screen shows the three largest of five or more)
  answers    why the others moved, their answers to \"would you sign?\" and every
             warning in full, again
  briefing   who you are, what you want, who else is here, how it ends and scores
  short      a shorter screen each {turn}: the text, the trust a deal needs,
             your capital, the answers and your moves in a line each (`full`:
             the whole screen again)
  help       this list";

/// How to read the screens, after every seat's commands in `help`.
const READING: &str = "\
Reading the screen:
  move list  (capital the move spends - or brings +), then what it does by the end
             of the {turn}, taken alone: T tension, A agreement, U your utility
  the draft  * banked, + banks at the {turn}'s end unless changed, ! contested,
             ~ changed this {turn}, ✓ keeps or ✗ breaks a party's red line
  contested  a clause whose last change undid another party's; it stays contested
             until a change that does not undo another's in turn";

/// The terminal game's own commands, after [`MOVE_HELP`].
// (Written from the first column: a `\` line continuation would eat the indent.)
const HELP: &str = "  undo       take back the last {turn}
  save FILE  save the game (continue with `play --text --load FILE`)
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
    let s = match &args.load {
        Some(path) => found_scenario(path, args.scenario.as_ref(), || save::made_with(path))?,
        None => scenario_arg(args.scenario.as_ref())?,
    };
    let seats = parties_arg(&s, args.party.as_deref())?;
    let mut game = match &args.load {
        Some(path) => save::load(s.clone(), path)?,
        None => Game::new(
            s.clone(),
            args.seed.unwrap_or(s.seed),
            &sim::seats(&s, &seats, &[]),
        ),
    };
    // A loaded game is played by the people its save names.
    let seats: Vec<PartyIx> = match &args.load {
        Some(_) => sim::controllers(&game.world)
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == sim::Controller::Human)
            .map(|(p, _)| p)
            .collect(),
        None => seats,
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let clear = stdout.is_terminal();
    let code = session(
        &mut game,
        &seats,
        &mut stdin.lock(),
        &mut text::Fit::terminal(stdout.lock()),
        Terminal {
            clear,
            pause: clear && stdin.is_terminal(),
            rows: text::terminal_rows(),
        },
    )?;
    if let Some(path) = &args.record {
        save::write_record(&mut game, path)?;
        say(&format!("replay written to {}", path.display()));
    }
    Ok(code)
}

/// What a session knows of the terminal it plays in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminal {
    /// The output is a terminal: a hot seat's hand-over clears the screen.
    pub clear: bool,
    /// Input and output are both a terminal: a seat's first brief waits for Enter before the
    /// first week's screen (a tester in a 40-line terminal saw only the moves list of the week
    /// the brief had scrolled away under).
    pub pause: bool,
    /// How many lines the terminal shows, where the output is one ([`turns_short`]).
    pub rows: Option<usize>,
}

/// Plays a session: reads commands from `input`, writes the screens to `out`. `seats` are the
/// parties people play (none: watch an all-AI game); with several (a hot seat) they choose in
/// turn, the terminal passed between them behind a hand-over line (and, when `term.clear`, a
/// cleared screen), and the moves are played together.
pub fn session(
    game: &mut Game,
    seats: &[PartyIx],
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    term: Terminal,
) -> Result<ExitCode, Failure> {
    let Terminal { clear, pause, rows } = term;
    let s = game.scenario();
    follow_width(out)?;
    writeln!(out, "{}\n{}", s.title, s.summary)?;
    let Some(&first) = seats.first() else {
        // Observe mode: every party is AI. The opening screen first; then each week, waiting
        // for Enter between weeks while there is input to read (piped-in input that has ended
        // plays on without waiting).
        write!(out, "{}", text::week_screen(game, None))?;
        let mut wait = true;
        let mut bytes = Vec::new();
        while game.outcome().is_none() {
            if wait {
                write!(
                    out,
                    "(Enter: the next {}; quit: stop watching) ",
                    s.turn.one
                )?;
                out.flush()?;
                wait = read_typed(input, &mut bytes, out)? != super::Read::End;
                if !wait {
                    writeln!(out)?;
                } else if bytes.trim_ascii() == b"quit" {
                    writeln!(
                        out,
                        "You stop watching after {}.",
                        s.turn.count(game.week())
                    )?;
                    return Ok(ExitCode::SUCCESS);
                } else if !bytes.trim_ascii().is_empty() {
                    // Only Enter plays on: a command typed while watching is answered, and the
                    // week waits (a play-tester's `help` and `why 1` each played a week).
                    let typed = String::from_utf8_lossy(bytes.trim_ascii());
                    let typed: String =
                        typed.chars().filter(|c| !c.is_control()).take(40).collect();
                    writeln!(
                        out,
                        "{}You are watching: every party is played by the AI. Enter plays the \
                         next {}; quit stops watching.",
                        if typed == "help" {
                            String::new()
                        } else {
                            format!("`{typed}` is not a command here. ")
                        },
                        s.turn.one
                    )?;
                    continue;
                }
            }
            if !game.step() {
                break;
            }
            write!(out, "{}", text::week_screen(game, None))?;
            write!(out, "{}", text::answers(game, None))?;
        }
        write!(out, "{}", text::end_screen(game, None))?;
        return Ok(ExitCode::SUCCESS);
    };
    let hot = seats.len() > 1;
    if hot {
        let names: Vec<&str> = seats.iter().map(|&p| s.parties[p].name.as_str()).collect();
        writeln!(
            out,
            "Hot seat: {} play at this terminal and choose in turn each {}; the AI plays the rest.",
            names.join(", "),
            s.turn.one
        )?;
    }
    // Every move keeps its number for the whole game (each seat has its own list).
    let catalogues: Vec<Vec<Choice>> = seats
        .iter()
        .map(|&p| crate::read::catalogue(&s, p))
        .collect();
    let mut briefed: Vec<PartyIx> = if game.week() == 0 {
        Vec::new()
    } else {
        seats.to_vec()
    };
    let mut seat = 0usize;
    let mut me = first;
    let mut handover = true;
    let mut bytes = Vec::new();
    let mut show = true;
    // The shorter screen (`short`), until `full`: for every seat of the terminal. Chosen by the
    // player, or once by the game, where the whole screen runs longer than the terminal shows
    // (a tester in a 45-line terminal scrolled back 75 lines a week), from the first turn: a
    // tester in a 40-line one scrolled back past the first turn's 90 lines for the tension and
    // the draft, which the shorter screen keeps.
    let mut short = false;
    let mut settled = false;
    // Why the screen turned short, and the seats told so (a hot seat's hand-over clears the
    // screen the first was told on).
    let mut why_short: Option<String> = None;
    let mut told = vec![false; seats.len()];
    // In a hot seat, what each seat is told when it next takes the terminal: an undo by another
    // player (the hand-over clears the screen it was said on).
    let mut pending: Vec<Option<String>> = vec![None; seats.len()];
    loop {
        while game.outcome().is_none() {
            if handover {
                handover = false;
                me = seats[seat];
                if hot {
                    // The last player's view goes first (screen and scrollback), so the next one
                    // does not read it while taking the seat.
                    if clear {
                        write!(out, "\x1b[2J\x1b[3J\x1b[H")?;
                        // Written alone: the lines after it are fitted to the width.
                        out.flush()?;
                    }
                    writeln!(
                        out,
                        "\n=== Pass the terminal to {} ===\nPress Enter when only they can see the screen.",
                        s.parties[me].name
                    )?;
                    if !wait_for_enter(input, &mut bytes, out, "handed the terminal over")? {
                        return Ok(ExitCode::SUCCESS);
                    }
                    // The screen and its scrollback: the last player's view is gone.
                    if clear {
                        write!(out, "\x1b[2J\x1b[3J\x1b[H")?;
                        // Written alone: the lines after it are fitted to the width.
                        out.flush()?;
                    }
                }
                let fresh = !briefed.contains(&me);
                if fresh {
                    briefed.push(me);
                    write!(
                        out,
                        "{}",
                        text::briefing(&s, &crate::read::briefing(&s, game.state(), me))
                    )?;
                }
                writeln!(out, "{}", you_are(&s, me))?;
                if pause && fresh {
                    write!(
                        out,
                        "(Enter: to the table for {} {}. The brief stays above this line; \
                         `briefing` shows it again.) ",
                        s.turn.one,
                        game.week() + 1
                    )?;
                    if !wait_for_enter(input, &mut bytes, out, "closed the brief")? {
                        return Ok(ExitCode::SUCCESS);
                    }
                }
                if let Some(note) = pending[seat].take() {
                    writeln!(out, "{note}")?;
                }
                show = true;
            }
            let numbers = &catalogues[seat];
            let scored = game.options(me);
            // The whole screen: the week, the answers under its header (as this party hears
            // them: in a hot seat, after its hand-over, never the last player's view; in the
            // first week too, for why nobody would sign yet: a play-tester found them only by
            // `answers`), the hints, the moves and the signing card; or the shorter one.
            let screen = |game: &Game, short: bool| {
                let week = if short {
                    text::week_screen_short(game, Some(me))
                } else {
                    text::week_screen(game, Some(me)) + &text::answers(game, Some(me))
                };
                [
                    week,
                    text::hints(&s, game.state(), me),
                    text::moves_list(
                        &s,
                        game.state(),
                        me,
                        &scored,
                        numbers,
                        short,
                        &crate::seen::Ahead::of(&game.world, Some(me)),
                    ),
                    text::signing(game, me, &scored, numbers),
                ]
                .concat()
            };
            if show {
                let mut page = screen(game, short);
                let lines = page.lines().count();
                if let Some(r) = turns_short(rows, lines).filter(|_| !short && !settled) {
                    short = true;
                    settled = true;
                    page = screen(game, true);
                    why_short = Some(format!(
                        "(The whole screen runs to {lines} lines and your terminal shows {r}: \
                         this is the shorter one, from now on; `full` gives the whole screen each \
                         {}.)\n",
                        s.turn.one,
                    ));
                }
                write!(out, "{page}")?;
                if let Some(why) = why_short.as_ref().filter(|_| short && !told[seat]) {
                    write!(out, "{why}")?;
                    told[seat] = true;
                }
                // The first weeks' full screens end on the way to a shorter one (a tester
                // scrolled back 150 lines a week and never found `short`, offered once in the
                // brief).
                if !short && game.week() < 3 && game.outcome().is_none() {
                    writeln!(
                        out,
                        "(`short` gives a shorter screen each {}, `why N` a move's reasons, \
                         `help` every command.)",
                        s.turn.one
                    )?;
                }
                show = false;
            }
            write!(out, "> ")?;
            out.flush()?;
            let read = read_typed(input, &mut bytes, out)?;
            if read == super::Read::TooLong {
                writeln!(out, "{}", super::TOO_LONG)?;
                continue;
            }
            if read == super::Read::End {
                writeln!(
                    out,
                    "\ninput ended {}; the game is left unfinished",
                    played(&s, game.week())
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
            // The screen's length, for the rest of the game (and the screen again in it).
            if let Some(wants) = screen_length(cmd) {
                short = wants;
                settled = true;
                show = true;
                continue;
            }
            match interpret(game, me, numbers, &scored, cmd, HELP, out)? {
                Said::Shown => {}
                Said::Quit => {
                    writeln!(out, "You leave the talks {}.", played(&s, game.week()))?;
                    return Ok(ExitCode::SUCCESS);
                }
                Said::Undo => {
                    if took_back(game, seats, Some(me), &mut pending, out)? {
                        seat = 0;
                        handover = hot;
                        me = seats[0];
                        show = true;
                    }
                }
                Said::Save(path) => save_to(game, path, out)?,
                Said::Choose(choice) => {
                    seat = chosen(game, seats, seat, choice, out)?;
                    handover = hot || seat > 0;
                    show = true;
                }
            }
        }
        // Every player of a hot seat: its own score and review of the deal.
        write!(out, "{}", text::end_screen_for(game, seats))?;
        // The last week can be taken back, as the window's end screen offers (a tester whose game
        // ended in war could only start again).
        loop {
            write!(
                out,
                "The game is over: `undo` takes back the last {}, `save FILE` saves it, `trust` \
                 lists every item of trust; Enter or `quit` leaves.\n> ",
                s.turn.one
            )?;
            out.flush()?;
            let read = read_typed(input, &mut bytes, out)?;
            // An over-long or unreadable line is refused, not taken for Enter.
            if read == super::Read::TooLong {
                writeln!(out, "{}", super::TOO_LONG)?;
                continue;
            }
            if std::str::from_utf8(&bytes).is_err() {
                writeln!(
                    out,
                    "That line is not readable text (not UTF-8); it was skipped."
                )?;
                continue;
            }
            let typed = String::from_utf8_lossy(bytes.trim_ascii()).to_ascii_lowercase();
            if read == super::Read::End || typed.is_empty() || typed == "quit" {
                writeln!(out)?;
                return Ok(ExitCode::SUCCESS);
            }
            // A finished game saved loads to this prompt again (its last week may be taken
            // back then).
            let line = String::from_utf8_lossy(bytes.trim_ascii()).into_owned();
            if let Some(name) = line
                .split_once(char::is_whitespace)
                .filter(|(w, _)| w.eq_ignore_ascii_case("save"))
                .map(|(_, name)| name.trim())
            {
                save_to(game, name, out)?;
                continue;
            }
            if typed == "save" {
                writeln!(out, "save needs a file name: save FILE")?;
                continue;
            }
            // The game's commands are over; the prompt, written again, names the ones left.
            if typed == "help" {
                continue;
            }
            // The last screen's folded trust ledgers, in full.
            if typed == "trust" {
                write!(out, "{}", trust_table(game, me))?;
                continue;
            }
            if typed == "undo" {
                if took_back(game, seats, None, &mut pending, out)? {
                    // A tester undid a war, chose the same move and met the same roll.
                    let note = format!(
                        "(The game's seed draws the same events and rolls for the same moves: \
                         choose differently to play out differently, and if no move can, `undo` \
                         again to take back the {} before.)",
                        s.turn.one
                    );
                    let note = note.as_str();
                    if hot {
                        // The hand-over clears the screen: each player reads it on taking the
                        // terminal, under the note of the undo.
                        for p in pending.iter_mut() {
                            *p = Some(p.take().map_or_else(|| note.into(), |n| n + "\n" + note));
                        }
                    } else {
                        writeln!(out, "{note}")?;
                    }
                    seat = 0;
                    me = seats[0];
                    handover = hot;
                    show = true;
                    break;
                }
                continue;
            }
            let typed: String = typed.chars().filter(|c| !c.is_control()).take(40).collect();
            writeln!(out, "`{typed}` is not a command here.")?;
        }
    }
}

/// Saves the game to `path` and says so, and whether it replaced a file there (a tester saved
/// twice to one name unawares).
fn save_to(game: &mut Game, path: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let over = std::path::Path::new(path).exists();
    match save::save(game, std::path::Path::new(path)) {
        Ok(()) if over => writeln!(out, "Saved to {path} (it replaces the file there).")?,
        Ok(()) => writeln!(out, "Saved to {path}.")?,
        Err(e) => writeln!(out, "Could not save: {e}")?,
    }
    Ok(())
}

/// Takes back the last turn, if there is one, and says so: where the game is now, the orders
/// dropped and, in a hot seat, who chooses first, with a note for each other player for when
/// they next take the terminal (`by`: the player who took it back, `None` once the game is
/// over). Whether a turn was taken back.
fn took_back(
    game: &mut Game,
    seats: &[PartyIx],
    by: Option<PartyIx>,
    pending: &mut [Option<String>],
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    // Orders of seats that chose already this turn are dropped with it (the undo clears them),
    // and said so.
    let dropped: Vec<PartyIx> = (game.world.resource::<sim::Orders>().0.keys().copied()).collect();
    let chosen = game.week() + 1;
    if !game.undo() {
        writeln!(out, "Nothing to undo.")?;
        return Ok(false);
    }
    let s = game.scenario();
    writeln!(out, "{}", back_to(&s, game.week()))?;
    autosave(game, out)?;
    for p in &dropped {
        writeln!(
            out,
            "{} choice for {} {chosen} is dropped with the undo.",
            crate::rules::describe::possessive(&s.parties[*p].name),
            s.turn.one
        )?;
    }
    if seats.len() > 1 {
        writeln!(
            out,
            "Every player's moves since then are taken back; {} chooses first.",
            s.parties[seats[0]].name
        )?;
        // The others are told when they next take the terminal.
        let who = by.map_or_else(
            || {
                format!(
                    "The last {} was taken back after the game ended.",
                    s.turn.one
                )
            },
            |p| format!("{} took back the last {}.", s.parties[p].name, s.turn.one),
        );
        let note = format!(
            "{who} {} Every player's moves since then are taken back; choose again.",
            back_to(&s, game.week())
        );
        for (k, &p) in seats.iter().enumerate() {
            // The player whose choice was dropped reads so (the hand-over clears the screen).
            let own = dropped.contains(&p).then(|| {
                format!(
                    " Your choice for {} {chosen} is dropped with the undo.",
                    s.turn.one
                )
            });
            pending[k] = (Some(p) != by).then(|| note.clone() + &own.unwrap_or_default());
        }
    }
    Ok(true)
}

/// Reads a typed line ([`super::read_command`]). A typed line brings a new screen, written for
/// the terminal's width now: it may have been resized while the player read the last one.
fn read_typed(
    input: &mut dyn BufRead,
    bytes: &mut Vec<u8>,
    out: &mut dyn Write,
) -> Result<super::Read, Failure> {
    let read = super::read_command(input, bytes)?;
    follow_width(out)?;
    Ok(read)
}

/// Reads the terminal's width again for the screens to come; a terminal narrower than they
/// allow is told so, once each time it becomes so.
fn follow_width(out: &mut dyn Write) -> Result<(), Failure> {
    use std::sync::atomic::Ordering::Relaxed;
    text::use_terminal_width();
    match text::narrow_terminal() {
        Some(n) if !NARROW_TOLD.swap(true, Relaxed) => writeln!(
            out,
            "(This terminal is {n} columns wide: the screens need {} or more, so their lines \
             break; widen it.)",
            text::NARROWEST
        )?,
        Some(_) => {}
        None => NARROW_TOLD.store(false, Relaxed),
    }
    Ok(())
}

/// Whether the player has been told the terminal is too narrow (since it last was not).
static NARROW_TOLD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// What a typed command asks of the session, once [`interpret`] has answered what it could.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said<'a> {
    /// Answered on screen (help, briefing, why, a list of targets, an error); nothing chosen.
    Shown,
    /// This seat's choice for the turn (`None`: no move).
    Choose(Option<Choice>),
    Undo,
    Save(&'a str),
    Quit,
}

/// Reads one command of the player of `me` (`numbers`: its stable move numbers; `scored`: this
/// turn's options) and writes any answer to `out`: the one interpreter of typed commands, for
/// the terminal game and for a networked seat alike.
/// Waits for Enter at a pause (a hot seat's hand-over, a first brief): false where the input
/// has ended, which it says. A line typed there only does what the Enter does (`what`), and it
/// says so.
fn wait_for_enter(
    input: &mut dyn BufRead,
    bytes: &mut Vec<u8>,
    out: &mut dyn Write,
    what: &str,
) -> Result<bool, Failure> {
    out.flush()?;
    let read = read_typed(input, bytes, out)?;
    if read == super::Read::End {
        writeln!(out, "\ninput ended; the game is left unfinished")?;
        return Ok(false);
    }
    if read == super::Read::TooLong || !bytes.trim_ascii().is_empty() {
        writeln!(
            out,
            "(That line only {what}; type commands at the > prompt.)"
        )?;
    }
    Ok(true)
}

/// The line under a seat's first brief: who it plays and the commands to start with.
pub fn you_are(s: &Scenario, me: PartyIx) -> String {
    format!(
        "You are {}. Type `help` for commands, `briefing` to read your brief again, `short` for \
         a shorter screen each {}.",
        s.parties[me].name, s.turn.one
    )
}

/// Whether the game turns to the shorter screen for a player who has chosen neither: where the
/// whole screen (`lines` long) runs longer than the terminal's `rows`; those rows, if so
/// (`None` where the output is not a terminal).
pub fn turns_short(rows: Option<usize>, lines: usize) -> Option<usize> {
    rows.filter(|&r| lines > r)
}

/// `short` (the shorter screen each turn: `Some(true)`) or `full` (`Some(false)`), in any case;
/// `None` for any other command. It holds for every seat of the terminal.
pub fn screen_length(cmd: &str) -> Option<bool> {
    match cmd.trim().to_ascii_lowercase().as_str() {
        "short" => Some(true),
        "full" => Some(false),
        _ => None,
    }
}

pub fn interpret<'a>(
    game: &Game,
    me: PartyIx,
    numbers: &[Choice],
    scored: &[ai::Scored],
    cmd: &'a str,
    help: &str,
    out: &mut dyn Write,
) -> Result<Said<'a>, Failure> {
    let s = game.scenario();
    let mut words = cmd.split_whitespace();
    // Commands in any case (`WHY 7`, `Pass`); a saved file's name is kept as typed.
    let first = words.next().map(str::to_ascii_lowercase);
    let second = words.next();
    match (first.as_deref(), second) {
        (None, _) => {}
        (Some("briefing"), None) => write!(
            out,
            "{}",
            text::briefing(&s, &crate::read::briefing(&s, game.state(), me))
        )?,
        // What the week's screen showed, again, once answers have scrolled it away.
        (Some("moves"), None) => {
            write!(out, "{}", text::hints(&s, game.state(), me))?;
            write!(
                out,
                "{}",
                text::moves_list(
                    &s,
                    game.state(),
                    me,
                    scored,
                    numbers,
                    false,
                    &crate::seen::Ahead::of(&game.world, Some(me)),
                )
            )?;
            write!(out, "{}", text::signing(game, me, scored, numbers))?;
        }
        (Some("draft"), None) => {
            write!(out, "{}", text::draft_table(&s, game.state(), true))?;
            write!(out, "{}", text::ladders(&s, game.state()))?;
        }
        (Some("trust"), None) => write!(out, "{}", trust_table(game, me))?,
        (Some("answers"), None) => write!(out, "{}", text::all_answers(game, Some(me)))?,
        (Some("help" | "?"), _) => {
            let all = format!("{MOVE_HELP}\n{help}\n{READING}");
            writeln!(out, "{}", all.replace("{turn}", &s.turn.one))?;
        }
        (Some("quit"), None) => return Ok(Said::Quit),
        // As with `pass`: a word after it is more likely a slip, and leaving is not undone.
        (Some("quit"), Some(_)) => writeln!(out, "To leave the game, type `quit` alone.")?,
        (Some("undo"), _) => return Ok(Said::Undo),
        // The file name is the rest of the line, spaces and all.
        (Some("save"), Some(_)) => {
            let name = cmd.trim_start().get("save".len()..).unwrap_or("").trim();
            return Ok(Said::Save(name));
        }
        (Some("save"), None) => writeln!(out, "save needs a file name: save FILE")?,
        (Some("why"), None) => writeln!(
            out,
            "why needs a move: `why N` by its number or `why K` by its key, e.g. `why 1`"
        )?,
        // `why K TARGET`: a key's move on a target named as a move is (`why p missiles`).
        (Some("why"), Some(n))
            if let (Some(m), Some(hits)) = (words.next(), with_target(&s, n, scored)) =>
        {
            let target = std::iter::once(m).chain(words);
            let then = "`why` and the number";
            if let Some(i) = one_target(out, &s, (n, target, then), &hits, scored, numbers)? {
                explain(out, game, me, (&scored[i], scored))?
            }
        }
        // One move at a time: `why 17 18` explained 17 and silently dropped 18.
        (Some("why"), Some(n)) if let Some(m) = cmd.split_whitespace().nth(2) => writeln!(
            out,
            "why explains one move at a time: `why {n}`, then `why {m}`."
        )?,
        // `why N` by number, or `why K` by key (a key with several targets lists them).
        (Some("why"), Some(n)) => match pick(n, scored, numbers).map_or_else(
            || match catalogued(n, numbers) {
                Some(_) => Key::None,
                None => by_key(&s, n, scored),
            },
            Key::One,
        ) {
            Key::One(i) => explain(out, game, me, (&scored[i], scored))?,
            Key::Several(hits) => {
                list_targets(out, &s, n, "`why` and the number", &hits, scored, numbers)?
            }
            Key::None => {
                if !say_closed(out, game, me, n, numbers)? {
                    writeln!(out, "No move {n}; pick a number or a key from the list.")?
                }
            }
        },
        (Some("pass"), None) => return Ok(Said::Choose(None)),
        // A word after it is more likely a slip than a pass: the week is not given away.
        (Some("pass"), Some(_)) => writeln!(
            out,
            "To make no move this {}, type `pass` alone.",
            s.turn.one
        )?,
        (Some(w), None) => {
            match pick(w, scored, numbers).map_or_else(|| by_key(&s, w, scored), Key::One) {
                Key::One(i) => return Ok(Said::Choose(Some(scored[i].choice))),
                Key::Several(hits) => {
                    list_targets(out, &s, w, "the number", &hits, scored, numbers)?
                }
                Key::None => {
                    if say_closed(out, game, me, w, numbers)? {
                    } else if w.parse::<usize>().is_ok() {
                        writeln!(out, "No move {w}; pick a number or a key from the list.")?
                    } else {
                        writeln!(out, "`{cmd}` is not a move or command; type `help`.")?
                    }
                }
            }
        }
        // A key and a target: `z iran`, `p missiles` (a tester typed the target's name after
        // a key with several targets).
        (Some(w), Some(t)) if let Some(hits) = with_target(&s, w, scored) => {
            let target = std::iter::once(t).chain(words);
            let then = "the number";
            if let Some(i) = one_target(out, &s, (w, target, then), &hits, scored, numbers)? {
                return Ok(Said::Choose(Some(scored[i].choice)));
            }
        }
        // A key whose move takes no target, with a word after it.
        (Some(w), Some(_)) if let Key::One(_) = by_key(&s, w, scored) => {
            writeln!(out, "`{w}` takes no target: type `{w}` alone.")?
        }
        // A key whose move is not open this week, with a target: why it is not.
        (Some(w), Some(_)) if key_of(w).is_some() => {
            if !say_closed(out, game, me, w, numbers)? {
                writeln!(out, "`{cmd}` is not a move or command; type `help`.")?
            }
        }
        _ => writeln!(out, "`{cmd}` is not a move or command; type `help`.")?,
    }
    Ok(Said::Shown)
}

/// The one choice among `hits` (the move keyed `key`'s) whose target the words typed after the
/// key name (one space between them however many were typed); else says that none or several
/// do and lists them, each under its number (`then`: what to type next).
fn one_target<'a>(
    out: &mut dyn Write,
    s: &Scenario,
    (key, words, then): (&str, impl Iterator<Item = &'a str>, &str),
    hits: &[usize],
    scored: &[ai::Scored],
    numbers: &[Choice],
) -> std::io::Result<Option<usize>> {
    let target = &words.collect::<Vec<_>>().join(" ");
    match targeted(s, target, hits, scored).as_slice() {
        &[i] => return Ok(Some(i)),
        [] => {
            writeln!(
                out,
                "`{target}` is not a target of `{key}` this {}.",
                s.turn.one
            )?;
            list_targets(out, s, key, then, hits, scored, numbers)?
        }
        named => list_targets(out, s, key, then, named, scored, numbers)?,
    }
    Ok(None)
}

/// The choices of the move keyed `word` that take a target (a party or an issue), when it has
/// any this week.
fn with_target(s: &Scenario, word: &str, scored: &[ai::Scored]) -> Option<Vec<usize>> {
    let aimed = |i: usize| scored[i].choice.party.is_some() || scored[i].choice.issue.is_some();
    match by_key(s, word, scored) {
        Key::Several(hits) => Some(hits),
        Key::One(i) if aimed(i) => Some(vec![i]),
        _ => None,
    }
}

/// `trust`: the parties' table with every trust ledger in full, as player `me` reads it.
fn trust_table(game: &Game, me: PartyIx) -> String {
    text::parties_table(
        &game.scenario(),
        game.state(),
        Some(me),
        true,
        game.outcome().is_none(),
        &sim::ai_played(&game.world),
    )
}

/// `why` for one of this week's options: what it does and how the advisers score it.
fn explain(
    out: &mut dyn Write,
    game: &Game,
    me: PartyIx,
    (sc, all): (&ai::Scored, &[ai::Scored]),
) -> std::io::Result<()> {
    let s = game.scenario();
    let mut preview = crate::read::previews(&s, game.state(), me, &[sc.choice]);
    let live = sim::live_next_turn(&game.world);
    preview.iter_mut().for_each(|p| p.keep_live(&live));
    let mut lines = preview.first().map(|p| p.lines(&s)).unwrap_or_default();
    // The slower way to trust it takes the player along, as the window's hover gives it.
    if let Some((_, ways)) =
        (preview.first()).and_then(|p| crate::read::way_mark(&s, game.state(), me, &sc.choice, p))
    {
        lines.extend(ways);
    }
    // A mediator's: how it moves the text's balance, as the move's line says (a tester found
    // "balance 71 → 84 %" under `moves` but not under `why N`).
    let balance = crate::read::balance_marks(&s, game.state(), me, &[sc.choice]);
    if let Some(Some(mark)) = balance.first() {
        lines.push(format!(
            "{mark} of the most balanced text's Nash product (your deal quality, were it signed)"
        ));
    }
    write!(
        out,
        "{}",
        text::why(&s, me, game.week() + 1, (sc, all), &lines)
    )
}

/// The choices among `hits` whose target (a party or an issue) `word` names: its name or id,
/// or the start of either, in any case; an exact name or id alone when there is one.
fn targeted(s: &Scenario, word: &str, hits: &[usize], scored: &[ai::Scored]) -> Vec<usize> {
    let word = word.to_lowercase();
    let names = |i: usize| -> Vec<String> {
        let c = &scored[i].choice;
        let party = c.party.map(|p| (&s.parties[p].name, &s.parties[p].id));
        let issue = c.issue.map(|k| (&s.issues[k].name, &s.issues[k].id));
        (party.into_iter().chain(issue))
            .flat_map(|(name, id)| [name.to_lowercase(), id.to_lowercase().replace('_', " ")])
            .collect()
    };
    let typed = word.replace('_', " ");
    let exact: Vec<usize> = (hits.iter().copied())
        .filter(|&i| names(i).contains(&typed))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    (hits.iter().copied())
        .filter(|&i| names(i).iter().any(|n| n.starts_with(&typed)))
        .collect()
}

/// The seat choosing now has chosen `choice` (None: no move). Before the last seat the order
/// waits and the next seat chooses; the last seat's choice plays the turn. Returns the seat
/// that chooses next.
fn chosen(
    game: &mut Game,
    seats: &[PartyIx],
    seat: usize,
    choice: Option<Choice>,
    out: &mut dyn Write,
) -> Result<usize, Failure> {
    let me = seats[seat];
    if seat + 1 < seats.len() {
        if let Some(c) = choice {
            game.order(me, c);
        }
        writeln!(
            out,
            "{} has chosen. The moves are played when every player has.",
            game.scenario().parties[me].name
        )?;
        return Ok(seat + 1);
    }
    play_week(game, me, choice, seats.len() == 1, out)?;
    Ok(0)
}

/// "after 3 weeks played", "after 1 day played", "before any week is played".
fn played(s: &Scenario, n: u32) -> String {
    match n {
        0 => format!("before any {} is played", s.turn.one),
        1 => format!("after 1 {} played", s.turn.one),
        n => format!("after {n} {} played", s.turn.many),
    }
}

/// Where an undo leaves the game: the start, or the end of the last turn still played, and the
/// turn chosen next (a tester, told "the end of week 6", stopped at a screen of week 7).
fn back_to(s: &Scenario, week: u32) -> String {
    let one = &s.turn.one;
    if week == 0 {
        "Back to the start of the talks.".into()
    } else {
        format!(
            "Back to the end of {one} {week}: {one} {} is chosen again.",
            week + 1
        )
    }
}

/// The option (index into this week's `scored`) with the given stable number.
fn pick(word: &str, scored: &[ai::Scored], numbers: &[Choice]) -> Option<usize> {
    let c = catalogued(word, numbers)?;
    scored.iter().position(|x| x.choice == c)
}

/// "`K` has several targets": the choices of `hits`, each under its number (`then`: what to
/// type next).
fn list_targets(
    out: &mut dyn Write,
    s: &Scenario,
    word: &str,
    then: &str,
    hits: &[usize],
    scored: &[ai::Scored],
    numbers: &[Choice],
) -> std::io::Result<()> {
    writeln!(
        out,
        "`{word}` has several targets this {}; type {then}:",
        s.turn.one
    )?;
    for &i in hits {
        writeln!(
            out,
            "  {:>3} {}",
            text::number(numbers, &scored[i].choice),
            ai::choice_label(s, &scored[i].choice)
        )?;
    }
    Ok(())
}

/// Says why the choice numbered, or the move keyed, `word` is not open to `me` this turn;
/// false when `word` names none.
fn say_closed(
    out: &mut dyn Write,
    game: &Game,
    me: PartyIx,
    word: &str,
    numbers: &[Choice],
) -> std::io::Result<bool> {
    let s = game.scenario();
    let said = match (catalogued(word, numbers), keyed(&s, me, word)) {
        (Some(c), _) => crate::read::closed_choice(&s, game.state(), me, c),
        (None, Some(mv)) => crate::read::closed(&s, game.state(), me, mv),
        (None, None) => return Ok(false),
    };
    writeln!(out, "{said}")?;
    Ok(true)
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

/// Plays the turn with `me`'s choice. When the turn ended the game, its screen (the news of the
/// last turn) comes before the end screen, with the last answers as `me` hears them when
/// `answers` (not in a hot seat). A game that goes on prints them under the next turn's header.
fn play_week(
    game: &mut Game,
    me: PartyIx,
    choice: Option<Choice>,
    answers: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if let Some(c) = choice {
        game.order(me, c);
    }
    game.step();
    if game.outcome().is_some() {
        write!(out, "{}", text::week_screen(game, Some(me)))?;
        if answers {
            write!(out, "{}", text::answers(game, Some(me)))?;
        }
    }
    autosave(game, out)
}

/// The folder autosaves go to: `saves/` in the current folder.
pub const SAVES: &str = "saves";

/// Saves the game after a week or an undo; a failure is said once and play goes on.
/// The first autosave says where it goes (a play-tester found a `saves` folder it was never
/// told of).
fn autosave(game: &mut Game, out: &mut dyn Write) -> Result<(), Failure> {
    match save::autosave(&mut game.world, std::path::Path::new(SAVES)) {
        Err(e) if game.world.get_resource::<AutosaveFailed>().is_none() => {
            game.world.insert_resource(AutosaveFailed);
            writeln!(
                out,
                "(Could not autosave: {e}. Use `save FILE` to keep the game.)"
            )?;
        }
        Ok(path) if game.world.get_resource::<AutosaveTold>().is_none() => {
            game.world.insert_resource(AutosaveTold);
            writeln!(
                out,
                "(The game is saved after every {} to {}; `redline play --text --load` that \
                 file goes on after a crash.)",
                game.scenario().turn.one,
                path.display()
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Marks a game whose autosave failed once (so the warning is not repeated every week).
#[derive(bevy::prelude::Resource)]
struct AutosaveFailed;

/// Marks a game whose player has been told where it is autosaved.
#[derive(bevy::prelude::Resource)]
struct AutosaveTold;

/// `redline replay FILE`.
pub fn replay(file: &std::path::Path, scenario: Option<&PathBuf>, show_log: bool) -> Outcome {
    let rec = save::read_record(file)?;
    // The replay names its scenario: no second read of the file.
    let s = found_scenario(file, scenario, || {
        Some(save::MadeWith {
            id: rec.scenario_id.clone(),
            hash: rec.scenario_hash,
            format: rec.format,
        })
    })?;
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
    // Every seat people played (a hot seat or a hosted game has several) gets its score.
    let seats: Vec<usize> = rec
        .controllers
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == sim::Controller::Human)
        .map(|(p, _)| p)
        .collect();
    emit(&text::fitted(&text::end_screen_for(&game, &seats)))?;
    if ok {
        emit(&format!(
            "replay matches the recorded game ({})\n",
            game.scenario().turn.count(game.week())
        ))?;
        Ok(ExitCode::SUCCESS)
    } else {
        Err(Failure::input(format!(
            "{}: {}",
            file.display(),
            save::mismatch(&rec, &game)
        )))
    }
}
