//! The server's game: the seats people took, the lobby, the turn that resolves when every seat
//! has chosen, and the text each seat is sent. Plain logic over client entities, driven by the
//! host's systems (and directly by tests).
//!
//! A seat's player types commands as at the terminal; they are read one at a time, when the seat
//! is waiting for its choice, by [`interpret`] — the terminal game's own interpreter — against
//! the game as this party sees it. Everything a seat is sent is rendered for its party by the
//! terminal's screens, so it carries nothing its party may not know.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;

use super::play::{Said, interpret};
use super::text;
use crate::ai::{self, Planner, Policy};
use crate::net::{self, ToClient};
use crate::rng::{GameRng, game_seed};
use crate::rules::describe::possessive;
use crate::rules::{self, Choice};
use crate::scenario::{PartyIx, Scenario};
use crate::seen::Seen;
use crate::sim::{self, Game, save};

/// How a networked game is set up.
#[derive(Debug, Clone)]
pub struct TableConfig {
    pub scenario: Arc<Scenario>,
    /// The parties people play, in party order; the AI plays the rest.
    pub seats: Vec<PartyIx>,
    pub seed: u64,
    /// Empty: anyone who can reach the server may take a free seat.
    pub password: String,
    /// The facilitator's own password (`None`: the game has no facilitator).
    pub facilitator_password: Option<String>,
    /// After this long a turn resolves without the seats that have not chosen: their AI picks.
    pub turn_limit: Option<Duration>,
}

/// Where the game is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Seats are being taken; the game starts when every seat is taken and ready.
    Lobby,
    Playing,
    Ended,
}

#[derive(Debug)]
struct Seat {
    party: PartyIx,
    /// The connection playing it now (`None`: free, or its player is away).
    client: Option<Entity>,
    /// Given at the first join; taking the seat back after a drop needs it.
    token: Option<u64>,
    ready: bool,
    /// This turn's choice once made (`Some(None)`: no move).
    choice: Option<Option<Choice>>,
    /// Lines received and not yet read.
    queue: VecDeque<String>,
    /// The party's stable move numbers (as at the terminal).
    numbers: Vec<Choice>,
    briefed: bool,
    /// Its player asked for the shorter screen each turn (`short`, until `full`).
    short: bool,
    /// The facilitator gave the seat to its AI (its player watches).
    ai: bool,
    /// Its player is in the window: sent its view as data ([`Seen`]), not text.
    window: bool,
    /// The turns played when its player went away mid-game (the AI has held it since).
    away_since: Option<u32>,
}

impl Seat {
    /// Nothing more is awaited from this seat this turn: it chose, or nobody plays it now.
    fn settled(&self) -> bool {
        self.choice.is_some() || self.client.is_none() || self.ai
    }

    /// A person plays this seat now.
    fn active(&self) -> bool {
        self.client.is_some() && !self.ai
    }
}

/// The most lines a seat may have waiting.
const MAX_QUEUED: usize = 64;

/// A networked seat's own commands, after `play::MOVE_HELP` (undo and save are not a player's:
/// the game is shared).
const HELP: &str = "  quit       leave your seat (your AI plays it; rejoin with your token)";

const FACILITATOR_HELP: &str = "\
Facilitator commands:
  seats          who plays which seat, whose player disconnected, who has chosen
  start          start now (the AI plays open seats until someone takes them)
  pause, resume  hold the game: no turn is played until you resume
  next           play the turn now (the AI chooses for seats that have not)
  extend N       give this turn N more seconds (with a time limit)
  events         the scenario's events, with their ids
  inject EVENT   that event comes in the turn being played, whatever its conditions
  ai PARTY       the AI plays PARTY's seat (its player watches)
  human PARTY    give PARTY's seat back to its player
  end            end the talks now; everyone sees the debrief
  save NAME      save the game in the host's saves folder (`redline host --load`)
  help           this list
  quit           leave (a paused game goes on)";

const LOBBY_HELP: &str = "\
In the lobby:
  ready      you are ready; the game starts when every seat is taken and ready
  seats      who has taken which seat
  quit       give your seat up";

/// The server's game and seats.
#[derive(Resource)]
pub struct Table {
    game: Game,
    seats: Vec<Seat>,
    password: String,
    turn_limit: Option<Duration>,
    stage: Stage,
    /// The clock (the host's elapsed time) when this turn began.
    turn_began: Duration,
    now: Duration,
    /// Messages to send, in order.
    outbox: Vec<(Entity, ToClient)>,
    /// What the server did and refused, for its operator.
    log: Vec<String>,
    /// The facilitator's connection (the teacher: sees everything, runs the room).
    facilitator: Option<Entity>,
    facilitator_password: Option<String>,
    /// Where the game is saved after every week (the host's; `None` in tests).
    autosave: Option<std::path::PathBuf>,
    /// An autosave failed once already (said once, not every week).
    autosave_failed: bool,
    /// The facilitator holds the game: no turn is played.
    paused: bool,
}

impl Table {
    pub fn new(c: TableConfig) -> Self {
        let s = c.scenario.clone();
        let game = Game::new(s.clone(), c.seed, &sim::seats(&s, &c.seats, &[]));
        Self::resume(game, c.password, c.facilitator_password, c.turn_limit)
    }

    /// A table for a game already under way (a loaded save): its human seats are the seats.
    pub fn resume(
        game: Game,
        password: String,
        facilitator_password: Option<String>,
        turn_limit: Option<Duration>,
    ) -> Self {
        let s = game.scenario();
        let seats = sim::controllers(&game.world)
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == sim::Controller::Human)
            .map(|(party, _)| Seat {
                party,
                client: None,
                token: None,
                ready: false,
                choice: None,
                queue: VecDeque::new(),
                numbers: crate::read::catalogue(&s, party),
                briefed: game.week() > 0,
                short: false,
                ai: false,
                window: false,
                away_since: None,
            })
            .collect();
        Self {
            game,
            seats,
            password,
            turn_limit,
            stage: Stage::Lobby,
            turn_began: Duration::ZERO,
            now: Duration::ZERO,
            outbox: Vec::new(),
            log: Vec::new(),
            facilitator: None,
            facilitator_password,
            autosave: None,
            autosave_failed: false,
            paused: false,
        }
    }

    /// Saves the game to `path` after every week, so that a host that stops loses at most the
    /// week being chosen (`redline host --load PATH` goes on).
    pub fn with_autosave(mut self, path: std::path::PathBuf) -> Self {
        self.autosave = Some(path);
        self
    }

    /// The token of the seat of the party with this id, once someone took it.
    pub fn seat_token(&self, party: &str) -> Option<u64> {
        let s = self.game.scenario();
        self.seats
            .iter()
            .find(|x| s.parties[x.party].id == party)
            .and_then(|x| x.token)
    }

    pub fn game(&self) -> &Game {
        &self.game
    }

    pub fn game_mut(&mut self) -> &mut Game {
        &mut self.game
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The parties with seats, in party order.
    pub fn seat_parties(&self) -> Vec<PartyIx> {
        self.seats.iter().map(|x| x.party).collect()
    }

    /// The messages to send since the last call, in order.
    pub fn drain(&mut self) -> Vec<(Entity, ToClient)> {
        std::mem::take(&mut self.outbox)
    }

    /// The operator's log lines since the last call.
    pub fn drain_log(&mut self) -> Vec<String> {
        std::mem::take(&mut self.log)
    }

    /// A line for the host's log only.
    pub fn log_line(&mut self, line: String) {
        self.log.push(line);
    }

    /// A line for the operator's log, shown to the facilitator too.
    fn note(&mut self, line: String) {
        if let Some(f) = self.facilitator {
            self.send(f, ToClient::Text(format!("host: {line}")));
        }
        self.log.push(line);
    }

    fn send(&mut self, to: Entity, m: ToClient) {
        self.outbox.push((to, m));
    }

    fn text(&mut self, to: Entity, t: impl Into<String>) {
        self.send(to, ToClient::Text(t.into()));
    }

    /// Text to every connected seat but `except`, and to the facilitator.
    fn tell_others(&mut self, except: Option<usize>, t: &str) {
        let to: Vec<Entity> = (0..self.seats.len())
            .filter(|&i| Some(i) != except)
            .filter_map(|i| self.seats[i].client)
            .chain(self.facilitator)
            .collect();
        for c in to {
            self.text(c, t);
        }
    }

    fn name(&self, p: PartyIx) -> String {
        self.game.scenario().parties[p].name.clone()
    }

    /// What the others hear when party `p`'s player leaves mid-game.
    fn gone_note(&self, p: PartyIx) -> String {
        format!(
            "{} player has disconnected; its AI holds the seat until they rejoin.",
            possessive(&self.name(p))
        )
    }

    /// Whether `client` holds a seat or is the facilitator.
    pub fn knows(&self, client: Entity) -> bool {
        self.seat_of(client).is_some() || self.facilitator == Some(client)
    }

    fn seat_of(&self, client: Entity) -> Option<usize> {
        self.seats.iter().position(|x| x.client == Some(client))
    }

    fn open_seats(&self) -> String {
        let s = self.game.scenario();
        let free: Vec<&str> = self
            .seats
            .iter()
            .filter(|x| x.client.is_none() && x.token.is_none())
            .map(|x| s.parties[x.party].id.as_str())
            .collect();
        if free.is_empty() {
            "none is open".into()
        } else {
            format!("open seats: {}", free.join(", "))
        }
    }

    /// A client asks for a seat.
    pub fn hello(
        &mut self,
        client: Entity,
        party: &str,
        password: &str,
        token: Option<u64>,
        window: bool,
    ) {
        // What a client calls a party is shown to the operator: printable and short only.
        let party: String = party.chars().filter(|c| !c.is_control()).take(64).collect();
        let party = party.as_str();
        let s = self.game.scenario();
        let refuse = |t: &mut Self, why: String| {
            t.note(format!("refused {client}: {why}"));
            t.send(client, ToClient::Refused(why));
        };
        if let Some(i) = self.seat_of(client) {
            // A client says hello again until it hears back: the seat it has is its answer.
            let p = self.seats[i].party;
            if s.parties[p].id == party || s.parties[p].name.eq_ignore_ascii_case(party) {
                return;
            }
            let why = format!(
                "this connection already plays {}",
                self.name(self.seats[i].party)
            );
            return refuse(self, why);
        }
        if self.facilitator == Some(client) {
            return refuse(self, "this connection is the facilitator's".into());
        }
        if password != self.password {
            let why = if password.is_empty() {
                "this game needs a password (`--password`)"
            } else {
                "wrong password"
            };
            return refuse(self, why.into());
        }
        let Some(p) = s
            .parties
            .iter()
            .position(|x| x.id == party || x.name.eq_ignore_ascii_case(party))
        else {
            let ids: Vec<&str> = s.parties.iter().map(|x| x.id.as_str()).collect();
            let why = format!(
                "no party `{party}` in {} (its parties: {})",
                s.title,
                ids.join(", ")
            );
            return refuse(self, why);
        };
        let Some(i) = self.seats.iter().position(|x| x.party == p) else {
            let why = format!(
                "{} is played by the AI in this game; {}",
                s.parties[p].name,
                self.open_seats()
            );
            return refuse(self, why);
        };
        let owner = token.is_some() && token == self.seats[i].token;
        if let Some(old) = self.seats[i].client
            && owner
        {
            // Its player is back before the host noticed the old connection drop: the token
            // takes the seat over, and the old connection is let go.
            self.note(format!(
                "{} taken back by its token ({old} replaced by {client})",
                s.parties[p].id
            ));
            self.send(
                old,
                ToClient::Over(
                    "Your seat was taken back with its token from another connection.".into(),
                ),
            );
            self.seats[i].client = None;
        } else if self.seats[i].client.is_some() {
            let why = format!(
                "{} seat is taken{}; {}",
                possessive(&s.parties[p].name),
                if token.is_some() {
                    " (and that token is not this seat's)"
                } else {
                    ""
                },
                self.open_seats()
            );
            return refuse(self, why);
        }
        if self.seats[i].token.is_some() && !owner {
            let why = format!(
                "{} seat belongs to the player who took it; {}; {}",
                possessive(&s.parties[p].name),
                if token.is_some() {
                    "that token is not this seat's"
                } else {
                    "they take it back with the token they were given (`--token`)"
                },
                self.open_seats()
            );
            return refuse(self, why);
        }
        let back = self.seats[i].token.is_some();
        // A token given for an open seat is not its (no seat had one): most likely one kept from
        // another game. The seat is the player's with a new token, and the player is told so.
        let stray = token.filter(|_| !back);
        let token = match self.seats[i].token {
            Some(t) => t,
            None => {
                getrandom::u64().unwrap_or_else(|_| game_seed(self.now.as_nanos() as u64, p as u64))
            }
        };
        let seat = &mut self.seats[i];
        seat.token = Some(token);
        seat.client = Some(client);
        seat.window = window;
        seat.queue.clear();
        self.note(format!(
            "{} {} ({client})",
            s.parties[p].id,
            if back { "rejoined" } else { "joined" }
        ));
        self.send(
            client,
            ToClient::Welcome {
                party: s.parties[p].id.clone(),
                name: s.parties[p].name.clone(),
                token,
            },
        );
        if let Some(t) = stray {
            self.text(
                client,
                format!(
                    "The token you gave ({t}) is not one this game issued: the seat was open, so \
                     it is yours with the new token above."
                ),
            );
        }
        match self.stage {
            Stage::Lobby => self.lobby_all(),
            Stage::Playing => {
                let t = format!(
                    "{} player is back at the table.",
                    possessive(&s.parties[p].name)
                );
                self.tell_others(Some(i), &t);
                self.show(i, true);
                if let Some(t) = self.seats[i]
                    .away_since
                    .take()
                    .and_then(|w| self.while_away(p, w))
                {
                    self.text(client, t);
                }
                self.turn_all();
            }
            Stage::Ended => self.over(i),
        }
    }

    /// A client asks to be the facilitator.
    pub fn facilitate(&mut self, client: Entity, password: &str) {
        if self.facilitator == Some(client) {
            return; // a repeated hello
        }
        let why = if self.facilitator_password.is_none() {
            Some(
                "this game has no facilitator (the host gives it one with --facilitator-password)"
                    .to_string(),
            )
        } else if password.is_empty() && self.facilitator_password.as_deref() != Some("") {
            Some("the facilitator needs its password (`--password`)".to_string())
        } else if self.facilitator_password.as_deref() != Some(password) {
            Some("wrong facilitator password".to_string())
        } else if self.facilitator.is_some() {
            Some("another facilitator is connected".into())
        } else if self.seat_of(client).is_some() {
            Some("this connection plays a seat".into())
        } else {
            None
        };
        if let Some(why) = why {
            self.note(format!("refused {client} as facilitator: {why}"));
            return self.send(client, ToClient::Refused(why));
        }
        self.facilitator = Some(client);
        self.note(format!("the facilitator joined ({client})"));
        self.send(
            client,
            ToClient::Welcome {
                party: "facilitator".into(),
                name: "the facilitator".into(),
                token: 0,
            },
        );
        let mut o = format!("{FACILITATOR_HELP}\n");
        o.push_str(&self.overview());
        self.text(client, o);
        self.send(client, ToClient::Prompt);
    }

    /// A line typed at a client.
    pub fn line(&mut self, client: Entity, line: String) {
        if self.facilitator == Some(client) {
            self.facilitator_line(line.trim());
        } else {
            match self.seat_of(client) {
                Some(i) if self.seats[i].queue.len() >= MAX_QUEUED => {
                    self.note(format!(
                        "dropped a line from {client}: {MAX_QUEUED} lines already wait"
                    ));
                }
                Some(i) => {
                    let mut line: String = line.chars().filter(|c| !c.is_control()).collect();
                    net::clip(&mut line, net::MAX_LINE);
                    self.seats[i].queue.push_back(line);
                }
                None => {
                    self.note(format!(
                        "rejected a command from {client}, which plays no seat"
                    ));
                    self.text(client, "You have no seat: join one first.");
                }
            }
        }
        self.pump();
    }

    /// A client's connection ended.
    pub fn dropped(&mut self, client: Entity) {
        if self.facilitator == Some(client) {
            return self.facilitator_gone();
        }
        let Some(i) = self.seat_of(client) else {
            return;
        };
        self.seats[i].client = None;
        self.seats[i].queue.clear();
        let p = self.seats[i].party;
        self.note(format!(
            "{} dropped ({client})",
            self.game.scenario().parties[p].id
        ));
        match self.stage {
            Stage::Lobby => {
                // Nobody has played the seat yet: it is open again.
                self.seats[i].ready = false;
                self.seats[i].token = None;
                self.lobby_all();
            }
            Stage::Playing => {
                self.seats[i].away_since.get_or_insert(self.game.week());
                let t = self.gone_note(p);
                self.tell_others(Some(i), &t);
                self.turn_all();
                self.pump();
            }
            Stage::Ended => {}
        }
    }

    /// Whole seconds left to choose in this turn, when it has a time limit (none while paused:
    /// resuming gives the turn its whole time again).
    fn time_left(&self) -> Option<u64> {
        let limit = self.turn_limit.filter(|_| !self.paused)?;
        // `extend` moves the turn's start later, past now.
        Some(
            self.turn_began
                .saturating_add(limit)
                .saturating_sub(self.now)
                .as_secs(),
        )
    }

    /// "You have 42 s to choose …", when the turn has a time limit.
    fn clock_line(&self) -> String {
        self.time_left().map_or_else(String::new, |left| {
            format!(
                "You have {left} s to choose; then the AI chooses for you this {}.\n",
                self.game.scenario().turn.one
            )
        })
    }

    /// The clock moved on: a turn past its time limit resolves.
    pub fn tick(&mut self, now: Duration) {
        self.now = now;
        if self.stage == Stage::Playing
            && !self.paused
            && let Some(limit) = self.turn_limit
            && now.saturating_sub(self.turn_began) >= limit
            && self.seats.iter().any(|x| x.client.is_some())
        {
            let late = self.awaited();
            if !late.is_empty() {
                let t = format!(
                    "Time is up for this {}: the AI chooses for {}.",
                    self.game.scenario().turn.one,
                    late.join(", ")
                );
                self.log.push(t.clone());
                self.tell_others(None, &t);
            }
            self.resolve();
            self.pump();
        }
    }

    /// Reads queued lines while a seat waits for them, and plays every turn all seats chose.
    fn pump(&mut self) {
        loop {
            let mut progress = false;
            for i in 0..self.seats.len() {
                let waiting = match self.stage {
                    // A ready seat's lines are answered in the lobby too: queued, they came
                    // back as moves in the first turn.
                    Stage::Lobby => true,
                    // A seat the AI holds is answered at once (its lines are not kept).
                    Stage::Playing => self.seats[i].choice.is_none() || self.seats[i].ai,
                    Stage::Ended => false,
                };
                if waiting
                    && self.seats[i].client.is_some()
                    && let Some(line) = self.seats[i].queue.pop_front()
                {
                    progress = true;
                    match self.stage {
                        Stage::Lobby => self.lobby_line(i, &line),
                        _ => self.play_line(i, &line),
                    }
                }
            }
            if self.stage == Stage::Lobby
                && self.seats.iter().all(|x| x.client.is_some() && x.ready)
            {
                self.start();
                progress = true;
            }
            if self.stage == Stage::Playing
                && !self.paused
                && self.seats.iter().any(Seat::active)
                && self.seats.iter().all(Seat::settled)
            {
                self.resolve();
                progress = true;
            }
            if !progress {
                break;
            }
        }
    }

    /// The lobby in words: the seats, who the AI plays, and what starts the game (the
    /// facilitator is never asked to be ready: it may start the game).
    fn lobby_text(&self, facilitator: bool) -> String {
        let s = self.game.scenario();
        let mut o = format!("\n{}\n", s.title);
        if self.game.week() > 0 {
            let _ = writeln!(
                o,
                "A saved game: it goes on after {} {} of {}.",
                s.turn.one,
                self.game.week(),
                s.weeks
            );
        }
        o.push_str("Seats:\n");
        for x in &self.seats {
            let state = match (x.client, x.ready) {
                (None, _) => "open",
                (Some(_), false) => "taken",
                (Some(_), true) => "taken, ready",
            };
            let _ = writeln!(o, "  {:<16} {state}", s.parties[x.party].id);
        }
        let ai: Vec<&str> = (0..s.parties.len())
            .filter(|p| !self.seats.iter().any(|x| x.party == *p))
            .map(|p| s.parties[p].name.as_str())
            .collect();
        if !ai.is_empty() {
            let _ = writeln!(o, "The AI plays {}.", ai.join(", "));
        }
        o.push_str(if facilitator {
            "`start` starts the game now; otherwise it starts when every seat is taken and ready."
        } else {
            "Type `ready` when you are; the game starts when every seat is taken and ready."
        });
        o
    }

    /// The lobby as a window draws it.
    fn lobby(&self) -> net::Lobby {
        let s = self.game.scenario();
        net::Lobby {
            title: s.title.clone(),
            seats: self
                .seats
                .iter()
                .map(|x| net::LobbySeat {
                    party: s.parties[x.party].id.clone(),
                    name: s.parties[x.party].name.clone(),
                    taken: x.client.is_some(),
                    ready: x.ready,
                })
                .collect(),
            ai: (0..s.parties.len())
                .filter(|p| !self.seats.iter().any(|x| x.party == *p))
                .map(|p| s.parties[p].name.clone())
                .collect(),
            facilitator: self.facilitator_password.is_some(),
        }
    }

    fn lobby_all(&mut self) {
        // When every seat is ready the game starts at once: no lobby prompt, or a line typed
        // ahead would be released into the first turn as a move.
        let starting = self.seats.iter().all(|x| x.client.is_some() && x.ready);
        let t = self.lobby_text(false);
        let lobby = self.lobby();
        let to: Vec<(Entity, bool)> = self
            .seats
            .iter()
            .filter_map(|x| x.client.map(|c| (c, x.window)))
            .chain(self.facilitator.map(|f| (f, false)))
            .collect();
        let facilitator = self.facilitator;
        for (c, window) in to {
            if window {
                self.send(c, ToClient::Lobby(lobby.clone()));
            } else if Some(c) == facilitator {
                // The facilitator is never asked to be ready: it may start the game.
                let t = self.lobby_text(true);
                self.text(c, t);
            } else {
                self.text(c, t.clone());
            }
        }
        // Every seat may type in the lobby, ready or not (`seats`, `quit`): a line typed after
        // `ready` and held for the next prompt came back as a move in the first turn.
        let to: Vec<Entity> = self
            .seats
            .iter()
            .filter(|x| !starting && (!x.window || !x.ready))
            .filter_map(|x| x.client)
            .collect();
        for c in to {
            self.send(c, ToClient::Prompt);
        }
    }

    fn lobby_line(&mut self, i: usize, line: &str) {
        let Some(c) = self.seats[i].client else {
            return;
        };
        match line.trim() {
            "ready" if self.seats[i].ready => {
                self.text(
                    c,
                    "You are ready already; the game starts when every seat is taken and ready.",
                );
                self.send(c, ToClient::Prompt);
            }
            "ready" => {
                self.seats[i].ready = true;
                self.note(format!(
                    "{} is ready",
                    self.game.scenario().parties[self.seats[i].party].id
                ));
                self.lobby_all();
            }
            "" | "seats" => {
                let t = self.lobby_text(false);
                self.text(c, t);
                self.send(c, ToClient::Prompt);
            }
            "quit" => self.leave(i, true),
            _ => {
                self.text(c, LOBBY_HELP);
                self.send(c, ToClient::Prompt);
            }
        }
    }

    fn start(&mut self) {
        self.stage = Stage::Playing;
        self.turn_began = self.now;
        self.note("the game starts".into());
        if let Some(limit) = self.turn_limit {
            let t = format!(
                "Each {} waits {} s for its choices; then the AI chooses for whoever has not.",
                self.game.scenario().turn.one,
                limit.as_secs()
            );
            self.tell_others(None, &t);
        }
        for i in 0..self.seats.len() {
            self.show(i, false);
        }
        self.show_facilitator();
    }

    /// Sends seat `i` its view of the game as it stands: its brief the first time, the week,
    /// and its moves and a prompt while it has a choice to make.
    fn show(&mut self, i: usize, answers: bool) {
        let Some(c) = self.seats[i].client else {
            return;
        };
        self.sync_stand_ins();
        let s = self.game.scenario();
        let me = self.seats[i].party;
        if self.seats[i].window {
            self.seats[i].briefed = true;
            let mut seen = Seen::for_seat(&self.game.world, me, &self.seat_parties());
            seen.choosing = self.seats[i].choice.is_none() && !self.seats[i].ai;
            seen.held = self.seats[i].ai;
            seen.waiting = self.awaited();
            self.send(c, ToClient::Seen(seen.encode()));
            return;
        }
        let mut o = String::new();
        if !self.seats[i].briefed {
            self.seats[i].briefed = true;
            o.push_str(&text::briefing(
                &s,
                &crate::read::briefing(&s, self.game.state(), me),
            ));
            let _ = writeln!(o, "{}", super::play::you_are(&s, me));
        }
        // The answers under the header of the week they describe (the shorter screen gives
        // each in a line).
        if self.seats[i].short {
            o.push_str(&text::week_screen_short(&self.game, Some(me)));
        } else {
            o.push_str(&text::week_screen(&self.game, Some(me)));
            if answers && self.game.week() > 0 {
                o.push_str(&text::answers(&self.game, Some(me)));
            }
        }
        if self.seats[i].ai {
            o.push_str("The AI plays your seat for now (the facilitator's call); you watch.\n");
            self.text(c, o);
            // A prompt, so that what its player types reaches the host and is answered (the
            // terminal holds a line until it is prompted).
            self.send(c, ToClient::Prompt);
            return;
        }
        match self.seats[i].choice {
            None => {
                let scored = self.game.options(me);
                o.push_str(&text::hints(&s, self.game.state(), me));
                o.push_str(&text::moves_list(
                    &s,
                    self.game.state(),
                    me,
                    &scored,
                    &self.seats[i].numbers,
                    self.seats[i].short,
                    &crate::seen::Ahead::of(&self.game.world, Some(me)),
                ));
                o.push_str(&text::signing(
                    &self.game,
                    me,
                    &scored,
                    &self.seats[i].numbers,
                ));
                o.push_str(&self.clock_line());
                self.text(c, o);
                self.send(c, ToClient::Prompt);
            }
            Some(_) => {
                o.push_str(&self.waiting_for());
                self.text(c, o);
            }
        }
    }

    /// The names of the seats the turn still waits for.
    fn awaited(&self) -> Vec<String> {
        self.seats
            .iter()
            .filter(|x| !x.settled())
            .map(|x| self.name(x.party))
            .collect()
    }

    fn waiting_for(&self) -> String {
        let names = self.awaited();
        format!(
            "You have chosen. The moves are played when every player has; waiting for {}. \
             (What you type now is read at your next prompt.)",
            names.join(", ")
        )
    }

    fn play_line(&mut self, i: usize, line: &str) {
        let Some(c) = self.seats[i].client else {
            return;
        };
        let me = self.seats[i].party;
        if self.seats[i].ai {
            self.text(
                c,
                "The AI plays your seat for now (the facilitator's call); you watch. What you \
                 type is not kept: when the facilitator gives the seat back, choose then.",
            );
            return self.send(c, ToClient::Prompt);
        }
        // The screen's length, for the rest of the game; the screen again in it.
        if let Some(wants) = super::play::screen_length(line) {
            self.seats[i].short = wants;
            return self.show(i, true);
        }
        let scored = self.game.options(me);
        let mut out = Vec::new();
        let said = interpret(
            &self.game,
            me,
            &self.seats[i].numbers,
            &scored,
            line.trim(),
            HELP,
            &mut out,
        );
        let said = said.unwrap_or(Said::Shown);
        let shown = String::from_utf8_lossy(&out).into_owned();
        if !shown.is_empty() {
            self.text(c, shown);
        }
        match said {
            Said::Shown => self.send(c, ToClient::Prompt),
            Said::Undo | Said::Save(_) => {
                self.text(
                    c,
                    "The game is shared: undo and save are the host's (the facilitator's `save NAME`; `redline host --load` resumes a save).",
                );
                self.send(c, ToClient::Prompt);
            }
            Said::Quit => self.leave(i, false),
            Said::Choose(choice) => self.chose(i, choice),
        }
    }

    /// A window seat's move for the week (`None`: no move). A move that is not one of the
    /// seat's legal moves now is refused and logged.
    pub fn play(&mut self, client: Entity, week: u32, choice: Option<Choice>) {
        let Some(i) = self.seat_of(client) else {
            self.note(format!(
                "rejected a move from {client}, which plays no seat"
            ));
            return self.text(client, "You have no seat: join one first.");
        };
        let me = self.seats[i].party;
        let why = if self.stage != Stage::Playing {
            Some("the game is not under way")
        } else if self.seats[i].ai {
            Some("the AI plays the seat for now (the facilitator's call)")
        } else if week != self.game.week() {
            Some("that turn has been played")
        } else if self.seats[i].choice.is_some() {
            Some("the seat has chosen this turn already")
        } else if choice.is_some_and(|c| !self.game.options(me).iter().any(|m| m.choice == c)) {
            Some("that move is not one of its legal moves now")
        } else {
            None
        };
        if let Some(why) = why {
            self.note(format!(
                "refused a move from {} ({client}): {why}",
                self.name(me)
            ));
            self.text(client, format!("Move refused: {why}."));
            // Where the turn stands, not the whole view again: a refusal costs the host little.
            return self.turn_to(i);
        }
        self.chose(i, choice);
        self.pump();
    }

    /// Seat `i` has chosen: it is told whom the turn waits for, the others that it chose.
    fn chose(&mut self, i: usize, choice: Option<Choice>) {
        let Some(c) = self.seats[i].client else {
            return;
        };
        let me = self.seats[i].party;
        self.seats[i].choice = Some(choice);
        let still = self.seats.iter().any(|x| !x.settled());
        if still && !self.seats[i].window {
            let mut t = self.waiting_for();
            if self.paused {
                t.push_str(
                    " The game is paused: nothing is played until the facilitator resumes it.",
                );
            }
            self.text(c, t);
        } else if self.paused && !self.seats[i].window {
            // Every seat has chosen, but nothing is played while the game is paused.
            self.text(
                c,
                "You have chosen. The game is paused: the moves are played when the facilitator \
                 resumes it. (What you type now is read at your next prompt.)",
            );
        }
        let others = format!("{} has chosen.", self.name(me));
        self.tell_others(Some(i), &others);
        self.turn_all();
    }

    /// Tells window seat `i` where the turn stands for it.
    fn turn_to(&mut self, i: usize) {
        let x = &self.seats[i];
        let (Some(c), true) = (x.client, x.window) else {
            return;
        };
        let m = ToClient::Turn {
            choosing: self.stage == Stage::Playing && x.choice.is_none() && !x.ai,
            held: x.ai,
            waiting: self.awaited(),
        };
        self.send(c, m);
    }

    /// Tells every window seat where the turn stands (whom it waits for changed).
    fn turn_all(&mut self) {
        if self.stage == Stage::Playing {
            for i in 0..self.seats.len() {
                self.turn_to(i);
            }
        }
    }

    /// A window seat's player leaves (its Leave button): as `quit` typed at any time.
    pub fn leave_seat(&mut self, client: Entity) {
        if let Some(i) = self.seat_of(client) {
            let lobby = self.stage == Stage::Lobby;
            self.leave(i, lobby);
        }
    }

    /// Seat `i`'s player gives it up: in the lobby the seat opens again; in a game its AI holds
    /// it and the token takes it back.
    fn leave(&mut self, i: usize, lobby: bool) {
        let Some(c) = self.seats[i].client.take() else {
            return;
        };
        let p = self.seats[i].party;
        self.seats[i].queue.clear();
        self.log
            .push(format!("{} left", self.game.scenario().parties[p].id));
        if lobby {
            self.seats[i].token = None;
            self.seats[i].ready = false;
            self.send(c, ToClient::Over("You gave your seat up.".into()));
            self.lobby_all();
        } else {
            self.send(
                c,
                ToClient::Over(format!(
                    "You leave the talks; the AI plays {} from now on (rejoin with your token).",
                    self.name(p)
                )),
            );
            self.seats[i].away_since.get_or_insert(self.game.week());
            let t = self.gone_note(p);
            self.tell_others(Some(i), &t);
            self.turn_all();
        }
    }

    /// What party `p`'s AI played in the turns after turn `since`, for its player back at the
    /// table ("While you were away, your AI played: week 5: Back channel …; week 6: no move."),
    /// or nothing when no turn was played meanwhile.
    fn while_away(&self, p: PartyIx, since: u32) -> Option<String> {
        let s = self.game.scenario();
        let turns: Vec<String> = self
            .game
            .history()
            .iter()
            .filter(|h| h.talks.week > since)
            .map(|h| {
                let did = h
                    .decisions
                    .moves
                    .iter()
                    .find(|(q, _)| *q == p)
                    .map_or("no move".to_string(), |(_, c)| {
                        crate::ai::choice_label(&s, c)
                    });
                format!("{} {}: {did}", s.turn.one, h.talks.week)
            })
            .collect();
        (!turns.is_empty())
            .then(|| format!("While you were away, your AI played: {}.", turns.join("; ")))
    }

    /// Plays the turn: every seat's choice, and for a seat whose player is away (or out of
    /// time) the choice its AI makes; then every seat is shown the result.
    fn resolve(&mut self) {
        self.resolve_because(false);
    }

    /// Plays the turn; `called`: the facilitator played it before every seat had chosen.
    fn resolve_because(&mut self, called: bool) {
        let s = self.game.scenario();
        let next = rules::opened(self.game.state());
        let seed = sim::seed_of(&self.game.world);
        // The events the deck lets come the turn after, for every stand-in's AI alike.
        let live = sim::live_next_turn(&self.game.world);
        let mut stand_ins = Vec::new();
        for i in 0..self.seats.len() {
            let p = self.seats[i].party;
            let choice = match self.seats[i].choice.take() {
                Some(c) => c,
                None => {
                    // The seat's AI, with randomness of its own (the game's is untouched, so the
                    // record replays: it holds this move as the seat's order).
                    let mut rng =
                        GameRng::new(game_seed(seed, (u64::from(next.week) << 8) | p as u64));
                    let d = Planner::with(&s, &next, Default::default(), &live).choose(
                        p,
                        Policy::Ai,
                        &mut rng,
                    );
                    let why = if self.seats[i].ai {
                        "is played by the AI for now"
                    } else if self.seats[i].client.is_none() && self.seats[i].token.is_none() {
                        "has no player yet"
                    } else if self.seats[i].client.is_none() {
                        "has no player connected"
                    } else if called {
                        "was not waited for (the facilitator played the turn)"
                    } else {
                        "ran out of time"
                    };
                    stand_ins.push(format!(
                        "{} {why}; its AI plays {}.",
                        s.parties[p].name,
                        d.as_ref().map_or_else(
                            || "no move".into(),
                            |d| ai::choice_label(&s, &d.chosen.choice)
                        )
                    ));
                    d.map(|d| d.chosen.choice)
                }
            };
            if let Some(c) = choice {
                self.game.order(p, c);
            }
        }
        self.game.step();
        self.turn_began = self.now;
        // The operator's status line for the week just played.
        let st = self.game.state();
        let line = format!(
            "{} {} played: tension {}, agreement {}, {} accepted the text",
            s.turn.title(),
            st.week,
            rules::describe::tension_gauge(&s, st.tension),
            rules::describe::gauge(st.agreement),
            match s
                .negotiators
                .iter()
                .filter(|&&p| st.parties[p].accepted)
                .count()
            {
                0 => "nobody".to_string(),
                n => format!("{n} of {}", s.negotiators.len()),
            }
        );
        self.log.push(line);
        if let Some(path) = self.autosave.clone()
            && let Err(e) =
                std::fs::create_dir_all(path.parent().unwrap_or(std::path::Path::new(".")))
                    .map_err(|e| e.to_string())
                    .and_then(|()| save::save(&mut self.game, &path).map_err(|e| e.to_string()))
            && !self.autosave_failed
        {
            self.autosave_failed = true;
            self.note(format!("could not autosave to {}: {e}", path.display()));
        }
        for t in &stand_ins {
            self.log.push(t.clone());
            self.tell_others(None, t);
        }
        if self.game.outcome().is_some() {
            self.finish();
        } else {
            for i in 0..self.seats.len() {
                self.show(i, true);
            }
            self.show_facilitator();
        }
    }

    /// The game is over: every seat and the facilitator get the debrief.
    fn finish(&mut self) {
        self.stage = Stage::Ended;
        self.note("the game is over".into());
        for i in 0..self.seats.len() {
            self.over(i);
        }
        if let Some(f) = self.facilitator {
            let mut o = text::answers(&self.game, None);
            o.push_str(&text::end_screen(&self.game, None));
            o.push_str(&text::scores_of(&self.game, &self.seat_parties()));
            self.send(f, ToClient::Over(o));
        }
    }

    /// Who plays each seat now, for the facilitator.
    fn seats_text(&self) -> String {
        let s = self.game.scenario();
        let mut o = String::from("Seats:\n");
        for x in &self.seats {
            let who = match (x.client, x.ai) {
                (_, true) => "the AI (your call)",
                (Some(_), false) => "its player",
                (None, false) if x.token.is_some() => "the AI (its player disconnected)",
                (None, false) => "the AI (open seat)",
            };
            let chosen = match (self.stage, x.choice) {
                (Stage::Playing, Some(_)) => ", has chosen",
                _ => "",
            };
            let _ = writeln!(
                o,
                "  {:<24} played by {who}{chosen}",
                s.parties[x.party].name
            );
        }
        if self.paused {
            o.push_str("The game is paused (`resume` to go on).\n");
        } else if let (Stage::Playing, Some(left)) = (self.stage, self.time_left()) {
            let _ = writeln!(
                o,
                "{left} s left in this {} (`extend N` gives more).",
                s.turn.one
            );
        }
        o
    }

    /// Everything, as the facilitator sees it: the whole table, hidden numbers included.
    fn overview(&self) -> String {
        let mut o = String::new();
        if self.stage == Stage::Lobby {
            o.push_str(&self.lobby_text(true));
            o.push_str("\n(The AI plays any open seat until someone takes it.)\n");
            return o;
        }
        // The answers under the header of the week they describe, as the seats have them.
        o.push_str(&text::week_screen(&self.game, None));
        if self.game.week() > 0 {
            o.push_str(&text::answers(&self.game, None));
        }
        o.push_str(&self.seats_text());
        o
    }

    fn show_facilitator(&mut self) {
        self.sync_stand_ins();
        if let Some(f) = self.facilitator {
            let o = self.overview();
            self.text(f, o);
            self.send(f, ToClient::Prompt);
        }
    }

    /// The seat of a party named by id or name.
    fn seat_named(&self, word: &str) -> Option<usize> {
        let s = self.game.scenario();
        self.seats.iter().position(|x| {
            s.parties[x.party].id == word || s.parties[x.party].name.eq_ignore_ascii_case(word)
        })
    }

    /// The facilitator left: a paused game goes on without it.
    fn facilitator_gone(&mut self) {
        self.facilitator = None;
        self.note("the facilitator left".into());
        if self.paused {
            self.paused = false;
            self.turn_began = self.now;
            self.tell_others(None, "The facilitator has left; the game goes on.");
            self.pump();
        }
    }

    /// One command of the facilitator's. Everything it does is noted in the host's log, and
    /// what changes the game (a called event, the end) goes into the replay.
    fn facilitator_line(&mut self, cmd: &str) {
        let Some(f) = self.facilitator else {
            return;
        };
        let s = self.game.scenario();
        let (word, rest) = cmd
            .split_once(' ')
            .map_or((cmd, ""), |(w, r)| (w, r.trim()));
        let playing = self.stage == Stage::Playing;
        let reply: String = match (word, rest) {
            ("" | "seats", _) => self.overview(),
            ("help" | "?", _) => FACILITATOR_HELP.into(),
            ("start", _) if self.stage == Stage::Lobby => {
                self.note("the facilitator starts the game".into());
                self.start();
                return;
            }
            ("pause", _) if playing && !self.paused => {
                self.paused = true;
                self.note("the facilitator paused the game".into());
                self.tell_others(None, "The facilitator has paused the game.");
                return self.send(f, ToClient::Prompt);
            }
            ("resume", _) if playing && self.paused => {
                self.paused = false;
                self.turn_began = self.now;
                self.note("the facilitator resumed the game".into());
                self.tell_others(None, "The facilitator has resumed the game.");
                self.send(f, ToClient::Prompt);
                return self.pump();
            }
            ("next", _) if playing => {
                self.note(format!(
                    "the facilitator plays {} {} now",
                    s.turn.one,
                    self.game.week() + 1
                ));
                self.resolve_because(true);
                return self.pump();
            }
            ("extend", n) if playing => match (n.parse::<u64>(), self.turn_limit) {
                (Ok(n), Some(_)) if n > 0 && n <= 86_400 => {
                    self.turn_began = self.turn_began.saturating_add(Duration::from_secs(n));
                    self.note(format!("the facilitator gives this turn {n} more seconds"));
                    let t = format!(
                        "The facilitator gives this {} {n} more seconds ({} s left to choose).",
                        s.turn.one,
                        self.time_left().unwrap_or(0)
                    );
                    self.tell_others(None, &t);
                    return self.send(f, ToClient::Prompt);
                }
                (_, None) => {
                    "This game has no time limit (`redline host --turn-seconds N`).".into()
                }
                _ => "extend needs a number of seconds, at most a day: extend 60".into(),
            },
            ("events", _) => {
                let mut o =
                    String::from("Events (`inject ID` calls one into the turn being played):\n");
                for ev in &s.events {
                    let _ = writeln!(o, "  {:<28} {}", ev.id, ev.headline);
                }
                o
            }
            ("inject", id) if playing => match s.events.iter().position(|e| e.id == id) {
                Some(e) => {
                    self.game.inject(e);
                    self.note(format!("the facilitator calls event {id} into this turn"));
                    // The danger as it now stands, the call in it (the players are not told).
                    format!(
                        "\"{}\" comes this {}, when the turn is played (before the moves); the \
                         players are not told until it comes.\n{}",
                        s.events[e].headline,
                        s.turn.one,
                        text::danger_line(&self.game, None)
                    )
                }
                None => format!("No event `{id}`; `events` lists them."),
            },
            ("ai" | "human", party) if playing => match self.seat_named(party) {
                Some(i) => {
                    let ai = word == "ai";
                    let name = self.name(self.seats[i].party);
                    if self.seats[i].ai == ai {
                        format!(
                            "{name} is already played by {}.",
                            if ai { "the AI" } else { "its player" }
                        )
                    } else {
                        self.seats[i].ai = ai;
                        self.seats[i].choice = None;
                        self.seats[i].queue.clear();
                        let t = if ai {
                            format!(
                                "The facilitator gives {} seat to the AI.",
                                possessive(&name)
                            )
                        } else {
                            format!(
                                "The facilitator gives {} seat back to its player.",
                                possessive(&name)
                            )
                        };
                        self.note(t.clone());
                        self.tell_others(None, &t);
                        self.show(i, false);
                        // Its player hears it last, under its screen, in its own words.
                        if let (Some(c), false) = (self.seats[i].client, ai) {
                            self.text(
                                c,
                                "The facilitator gives your seat back to you: the move is yours again.",
                            );
                        }
                        self.turn_all();
                        self.send(f, ToClient::Prompt);
                        return self.pump();
                    }
                }
                None => format!("No seat `{party}`; `seats` lists them."),
            },
            ("end", _) if self.stage != Stage::Ended => {
                self.note("the facilitator ends the talks".into());
                self.game.call_end();
                return self.finish();
            }
            ("save", name) if !name.is_empty() => match save_name(name) {
                Some(file) => {
                    let path = std::path::Path::new(super::play::SAVES).join(file);
                    let saved = std::fs::create_dir_all(super::play::SAVES)
                        .map_err(|e| e.to_string())
                        .and_then(|()| {
                            save::save(&mut self.game, &path).map_err(|e| e.to_string())
                        });
                    match saved {
                        Ok(()) => {
                            let p = path.display();
                            self.note(format!("the facilitator saved the game to {p}"));
                            format!("Saved to {p} on the host (`redline host --load {p}`).")
                        }
                        Err(e) => format!("Could not save: {e}"),
                    }
                }
                None => "save takes a file name (letters, digits, - _ .), written to the host's \
                         saves folder: save class1.ron"
                    .into(),
            },
            ("quit", _) => {
                self.send(f, ToClient::Over("You leave the room.".into()));
                return self.facilitator_gone();
            }
            // Why each is refused now, not just that it is.
            ("start", _) if playing => "The game has started already.".into(),
            ("pause", _) if playing => "The game is paused already (`resume` to go on).".into(),
            ("resume", _) if playing => "The game is not paused.".into(),
            ("start" | "pause" | "resume" | "next" | "extend" | "inject" | "ai" | "human", _) => {
                match self.stage {
                    Stage::Lobby => {
                        format!("`{word}` works once the game is under way: `start` starts it now.")
                    }
                    _ => format!("`{word}` is not possible: the game is over."),
                }
            }
            ("ready", _) if self.stage == Stage::Lobby => {
                "The facilitator need not be ready: the game starts when every seat is taken \
                 and ready, or now with `start`."
                    .into()
            }
            _ => format!("`{cmd}` is not a facilitator command; type `help`."),
        };
        self.text(f, reply);
        self.send(f, ToClient::Prompt);
    }

    /// Tells the game which seats the AI plays for now (no player, none connected, or the
    /// facilitator's call), so that the answers tell its bargaining for them
    /// ([`sim::StandIns`]).
    fn sync_stand_ins(&mut self) {
        let now: Vec<PartyIx> = self
            .seats
            .iter()
            .filter(|x| x.ai || x.client.is_none())
            .map(|x| x.party)
            .collect();
        self.game.world.resource_mut::<sim::StandIns>().0 = now;
    }

    fn over(&mut self, i: usize) {
        let Some(c) = self.seats[i].client else {
            return;
        };
        let me = self.seats[i].party;
        // A window draws its end screen from its last view; the terminal is sent it as text.
        let o = if self.seats[i].window {
            let seen = Seen::for_seat(&self.game.world, me, &self.seat_parties());
            self.send(c, ToClient::Seen(seen.encode()));
            "The talks are over.".to_string()
        } else {
            // The last week's screen (its news) and answers, then the debrief.
            let mut o = text::week_screen(&self.game, Some(me));
            o.push_str(&text::answers(&self.game, Some(me)));
            o.push_str(&text::end_screen(&self.game, Some(me)));
            o
        };
        self.send(c, ToClient::Over(o));
    }

    /// Whether the game is over and every seat has been told.
    pub fn finished(&self) -> bool {
        self.stage == Stage::Ended && self.outbox.is_empty()
    }
}

/// A save's file name as the facilitator typed it, if it is one: no folders, no hidden files.
fn save_name(name: &str) -> Option<&str> {
    let ok = !name.starts_with('.')
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then_some(name)
}
