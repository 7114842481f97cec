//! What the screens show, rebuilt from the game only when it changes, and the player's actions
//! applied to the game between frames.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use super::Screen;
use super::catalog::{Catalog, asset_root};
use crate::launch::{Failure, WindowArgs, parties_arg, scenario_arg};
use crate::scenario::{PartyIx, Scenario, load_file};
use crate::sim::{self, Choice, Controller};

/// A game to start at once (from the command line), skipping the menu.
#[derive(Resource, Debug, Clone, Default)]
pub struct StartRequest {
    pub scenario: Option<Arc<Scenario>>,
    pub party: Option<String>,
    pub seed: Option<u64>,
    pub skip_menu: bool,
    /// Show the briefing before the table (not when a screenshot plays turns first).
    pub brief: bool,
    /// Open the workshop instead of a game, on this file if one is given.
    pub workshop: bool,
    pub workshop_file: Option<PathBuf>,
}

impl StartRequest {
    pub fn from_args(args: &WindowArgs) -> Result<Self, Failure> {
        if args.workshop {
            // The workshop opens a file with errors too: it shows them.
            return Ok(Self {
                workshop: true,
                workshop_file: args.scenario.clone(),
                ..Self::default()
            });
        }
        let scenario = match &args.scenario {
            Some(p) => Some(Arc::new(load_file(p)?)),
            None => None,
        };
        // The same check as `play --text`: an unknown party or one only the AI plays is an error.
        if args.party.is_some() {
            let s = match &scenario {
                Some(s) => s.clone(),
                None => scenario_arg(None)?,
            };
            parties_arg(&s, args.party.as_deref())?;
        }
        Ok(Self {
            scenario,
            party: args.party.clone(),
            seed: args.seed,
            // A screenshot of the menu: --screenshot with no party, no autoplay and no end screen.
            skip_menu: !args.workshop
                && (args.party.is_some()
                    || args.scenario.is_some()
                    || (args.screenshot.is_some() && (args.autoplay > 0 || args.end_screen))),
            brief: args.autoplay == 0 && !args.end_screen,
            workshop: false,
            workshop_file: None,
        })
    }
}

/// The menu's choices and the running session.
#[derive(Resource, Debug)]
pub struct Session {
    /// Menu: which catalog entry, which party (None = observe), which seed.
    pub pick_scenario: usize,
    pub pick_party: Option<PartyIx>,
    /// Menu: the player chose to watch (otherwise the first negotiator is preselected).
    pub observe: bool,
    pub seed_text: String,
    /// Menu: several people play on this machine (hot seat), and the parties they picked.
    pub hot_seat: bool,
    pub pick_seats: Vec<PartyIx>,
    /// The game: the scenario it runs, the party whose view is up (the one choosing now).
    pub scenario: Option<Arc<Scenario>>,
    pub me: Option<PartyIx>,
    /// The parties people play, in party order (one: a single player; none: observe). Each
    /// turn they choose in this order, the device passed between them.
    pub seats: Vec<PartyIx>,
    /// The seat choosing now (an index in `seats`).
    pub seat: usize,
    /// Seats that have read their brief.
    pub briefed: Vec<PartyIx>,
    pub seed: u64,
    pub dirty: bool,
    /// A message for the status line: (text, is an error).
    pub status: Option<(String, bool)>,
    /// Observe mode: play a week every `auto_every` seconds.
    pub auto: bool,
    /// Move key that filters the move list.
    pub key_filter: Option<char>,
    /// The move a click has picked, with the turn (the week played before it) and the seat it
    /// was picked in: a second click on it, or Enter, plays it (a tester's first click, meant to
    /// pick a card, played the week). A pick from another turn or seat is no pick.
    pub picked: Option<(u32, crate::scenario::PartyIx, crate::rules::Choice)>,
    pub started: bool,
    /// Where saves go.
    pub save_dir: PathBuf,
    /// The turn whose text the draft's history shows (None: the text as it stands).
    pub history_pick: Option<usize>,
    /// A seat of a hosted game played in this window (`redline join ADDR --party P`).
    pub online: Option<Online>,
}

/// A seat of a hosted game played in this window: the game lives on the host, which sends this
/// party's view ([`crate::seen::Seen`]) after every change and takes its moves.
#[derive(Debug, Clone, Default)]
pub struct Online {
    /// The host's address.
    pub host: String,
    /// The game has a password (the rejoin line says so).
    pub password: bool,
    /// The seat once the host gave it: (party id, party name, the token that takes it back).
    pub seat: Option<(String, String, u64)>,
    pub lobby: Option<crate::net::Lobby>,
    /// This seat said it is ready (the lobby's button).
    pub ready: bool,
    /// The host waits for this seat's move.
    pub choosing: bool,
    /// The facilitator gave the seat to its AI for now (its player watches).
    pub held: bool,
    /// The move this seat sent for the turn being played, in words.
    pub chosen: Option<String>,
    /// The seats the turn still waits for, by name.
    pub waiting: Vec<String>,
    /// What the host said (who joined, chose, left; time limits), newest last.
    pub notices: Vec<String>,
    /// The first of `notices` that came after the view now shown.
    pub fresh: usize,
    /// The connection ended, and why (refused, the host gone, the seat given up).
    pub closed: Option<String>,
}

impl Online {
    /// The command that takes the seat back after a drop, once the host gave it.
    pub fn rejoin(&self) -> Option<String> {
        let (party, _, token) = self.seat.as_ref()?;
        let password = if self.password { " --password …" } else { "" };
        Some(format!(
            "redline join {} --party {party}{password} --token {token}",
            self.host
        ))
    }
}

impl Default for Session {
    fn default() -> Self {
        Self {
            pick_scenario: 0,
            pick_party: None,
            observe: false,
            seed_text: String::new(),
            hot_seat: false,
            pick_seats: Vec::new(),
            scenario: None,
            me: None,
            seats: Vec::new(),
            seat: 0,
            briefed: Vec::new(),
            seed: 0,
            dirty: true,
            status: None,
            auto: false,
            key_filter: None,
            picked: None,
            started: false,
            save_dir: default_save_dir(),
            history_pick: None,
            online: None,
        }
    }
}

/// The folder the window saves in: `saves/` beside `assets/`.
pub fn default_save_dir() -> PathBuf {
    asset_root()
        .parent()
        .map_or_else(|| PathBuf::from("saves"), |p| p.join("saves"))
}

impl Session {
    /// Where the window saves a game of this scenario.
    pub fn save_path(&self, s: &Scenario) -> PathBuf {
        self.save_dir.join(format!("{}.save.ron", s.id))
    }
}

/// What the player asked for this frame.
#[derive(Debug, Clone)]
pub enum Action {
    Start {
        scenario: Arc<Scenario>,
        /// The parties people play (none: observe; several: hot seat).
        seats: Vec<PartyIx>,
        seed: u64,
    },
    /// From the hand-over screen or the briefing to the table (through the seat's brief
    /// before its first turn).
    Begin,
    /// Back to the briefing from the table.
    Brief,
    /// The workshop, looking at a catalog entry.
    Workshop(usize),
    Play(Choice),
    Pass,
    Undo,
    Save,
    Load,
    Menu,
    Again,
    /// Back from the menu to the game in progress.
    Resume,
    /// A hosted game's lobby: this seat is ready.
    Ready,
    /// Leave a hosted game's seat (its AI plays it; the token takes it back).
    Leave,
}

/// Actions queued by the screens.
#[derive(Resource, Debug, Default)]
pub struct Actions(pub Vec<Action>);

pub use crate::seen::{Signing, View};

/// Observe mode with "Play on": a week every 1.2 seconds.
pub fn observe(
    mut session: ResMut<Session>,
    screen: Res<State<Screen>>,
    mut actions: ResMut<Actions>,
    time: Res<Time>,
    mut since: Local<f32>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    if !session.auto || *screen.get() != Screen::Table {
        *since = 0.0;
        if *screen.get() != Screen::Table {
            session.auto = false;
        }
        return;
    }
    redraw.write(bevy::window::RequestRedraw);
    *since += time.delta_secs();
    if *since >= 1.2 {
        *since = 0.0;
        actions.0.push(Action::Pass);
    }
}

/// Applies the queued actions to the game in this world.
pub fn apply_actions(world: &mut World) {
    let actions = std::mem::take(&mut world.resource_mut::<Actions>().0);
    let start = world.remove_resource::<StartRequest>();
    if let Some(req) = start {
        if req.workshop {
            let mut ws = world.resource_mut::<super::workshop::Workshop>();
            ws.external = req.workshop_file.clone();
            ws.pick = if req.workshop_file.is_some() {
                usize::MAX
            } else {
                0
            };
            world
                .resource_mut::<NextState<Screen>>()
                .set(Screen::Workshop);
        } else if req.skip_menu {
            start_from_request(world, req);
        }
    }
    for a in actions {
        match a {
            Action::Start {
                scenario,
                seats,
                seed,
            } => start_game(world, scenario, seats, seed, true),
            Action::Begin => begin(world),
            Action::Brief => {
                if world.resource::<View>().briefing.is_some() {
                    world
                        .resource_mut::<NextState<Screen>>()
                        .set(Screen::Briefing);
                }
            }
            Action::Workshop(pick) => {
                world.resource_mut::<super::workshop::Workshop>().pick = pick;
                world
                    .resource_mut::<NextState<Screen>>()
                    .set(Screen::Workshop);
            }
            Action::Play(c) => {
                if let Some(me) = world.resource::<Session>().me {
                    sim::order(world, me, c);
                }
                chosen(world);
            }
            Action::Pass => chosen(world),
            Action::Undo => {
                if sim::undo(world) {
                    let dir = world.resource::<Session>().save_dir.clone();
                    let _ = sim::save::autosave(world, &dir);
                    status(world, "Took back the last turn.", false);
                    first_seat(world);
                }
            }
            Action::Save => {
                let Some(s) = world.resource::<Session>().scenario.clone() else {
                    continue;
                };
                let path = world.resource::<Session>().save_path(&s);
                if let Some(dir) = path.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                match sim::save::save_world(world, &path) {
                    Ok(()) => status(world, &format!("Saved to {}.", path.display()), false),
                    Err(e) => status(world, &format!("Could not save: {e}"), true),
                }
            }
            Action::Load => {
                let Some(s) = world.resource::<Session>().scenario.clone() else {
                    continue;
                };
                let path = world.resource::<Session>().save_path(&s);
                match sim::save::read_save(&s, &path) {
                    Ok(file) => {
                        sim::save::apply_save(world, s, file);
                        let seats: Vec<PartyIx> = sim::controllers(world)
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| **c == Controller::Human)
                            .map(|(p, _)| p)
                            .collect();
                        {
                            let mut ses = world.resource_mut::<Session>();
                            ses.briefed = seats.clone();
                            ses.seats = seats;
                        }
                        first_seat(world);
                        if world.resource::<sim::Ending>().0.is_some() {
                            world.resource_mut::<NextState<Screen>>().set(Screen::End);
                        }
                        status(world, &format!("Loaded {}.", path.display()), false);
                    }
                    Err(e) => status(world, &format!("Could not load: {e}"), true),
                }
            }
            // A hosted game's: sent to the host (`ui::remote`), never played here.
            Action::Ready | Action::Leave => {}
            Action::Resume => {
                if sim::running(world) {
                    first_seat(world);
                }
            }
            Action::Menu => {
                world.resource_mut::<NextState<Screen>>().set(Screen::Menu);
                world.resource_mut::<Session>().auto = false;
            }
            Action::Again => {
                let (s, seats, seed) = {
                    let ses = world.resource::<Session>();
                    (
                        ses.scenario.clone(),
                        ses.seats.clone(),
                        ses.seed.wrapping_add(1),
                    )
                };
                if let Some(s) = s {
                    start_game(world, s, seats, seed, false);
                }
            }
        }
        world.resource_mut::<Session>().dirty = true;
    }
}

fn status(world: &mut World, text: &str, error: bool) {
    world.resource_mut::<Session>().status = Some((text.to_string(), error));
}

fn start_from_request(world: &mut World, req: StartRequest) {
    let scenario = req.scenario.clone().or_else(|| {
        world
            .get_resource::<Catalog>()
            .and_then(|c| c.entries.first().and_then(|e| e.scenario.clone()))
    });
    let Some(s) = scenario else { return };
    // Checked when the request was made; the same function resolves it.
    let seats = parties_arg(&s, req.party.as_deref()).unwrap_or_default();
    let seed = req.seed.unwrap_or(s.seed);
    start_game(world, s, seats, seed, req.brief);
}

/// Starts a new game in this world with people in `seats` (AI in every other): on the
/// hand-over screen for a hot seat, else on the brief when `brief` asks for it, else at the
/// table.
pub fn start_game(
    world: &mut World,
    s: Arc<Scenario>,
    seats: Vec<PartyIx>,
    seed: u64,
    brief: bool,
) {
    let mut seats: Vec<PartyIx> = seats
        .into_iter()
        .filter(|&p| p < s.parties.len() && s.parties[p].role.playable())
        .collect();
    seats.sort_unstable();
    seats.dedup();
    sim::state::install(world, s.clone(), seed, &sim::seats(&s, &seats, &[]));
    let mut ses = world.resource_mut::<Session>();
    ses.scenario = Some(s);
    ses.briefed = if brief { Vec::new() } else { seats.clone() };
    ses.seats = seats;
    ses.seed = seed;
    ses.started = true;
    ses.dirty = true;
    ses.status = None;
    ses.key_filter = None;
    ses.picked = None;
    ses.history_pick = None;
    first_seat(world);
}

/// Hands the turn to the first seat: the hand-over screen for a hot seat, the seat's brief
/// before its first turn, else the table. Orders not yet played are dropped.
fn first_seat(world: &mut World) {
    let dropped = std::mem::take(&mut world.resource_mut::<sim::Orders>().0);
    if let Some(s) = world.resource::<Session>().scenario.clone()
        && !dropped.is_empty()
    {
        let names: Vec<&str> = dropped
            .keys()
            .map(|&p| s.parties[p].name.as_str())
            .collect();
        status(
            world,
            &format!(
                "Discarded the choice of {} for the turn being chosen.",
                names.join(", ")
            ),
            false,
        );
    }
    let mut ses = world.resource_mut::<Session>();
    ses.seat = 0;
    ses.me = ses.seats.first().copied();
    ses.dirty = true;
    let hot = ses.seats.len() > 1;
    let unbriefed = ses.me.is_some_and(|p| !ses.briefed.contains(&p));
    let next = if hot {
        Screen::Handover
    } else if unbriefed {
        Screen::Briefing
    } else {
        Screen::Table
    };
    world.resource_mut::<NextState<Screen>>().set(next);
}

/// The seat choosing now has chosen (its order, if any, is in): the next seat takes the device,
/// or, after the last, the turn is played.
fn chosen(world: &mut World) {
    let (next, seats) = {
        let ses = world.resource::<Session>();
        (ses.seat + 1, ses.seats.len())
    };
    if next < seats {
        let mut ses = world.resource_mut::<Session>();
        ses.seat = next;
        ses.me = Some(ses.seats[next]);
        ses.key_filter = None;
        ses.picked = None;
        ses.history_pick = None;
        world
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Handover);
        return;
    }
    step(world);
    let over = world.resource::<sim::Ending>().0.is_some();
    if !over {
        first_seat(world);
    } else {
        let mut ses = world.resource_mut::<Session>();
        ses.seat = 0;
        ses.me = ses.seats.first().copied();
    }
}

/// From the hand-over screen or the brief: the seat's brief before its first turn, else the
/// table.
fn begin(world: &mut World) {
    let screen = *world.resource::<State<Screen>>().get();
    let mut ses = world.resource_mut::<Session>();
    let me = ses.me;
    let next = match (screen, me) {
        (Screen::Handover, Some(p)) if !ses.briefed.contains(&p) => Screen::Briefing,
        (_, Some(p)) => {
            if !ses.briefed.contains(&p) {
                ses.briefed.push(p);
            }
            Screen::Table
        }
        (_, None) => Screen::Table,
    };
    world.resource_mut::<NextState<Screen>>().set(next);
}

/// Plays one week (and autosaves it); goes to the end screen when the game ends. The last
/// status ("Saved to …") goes with the week it was said in.
pub fn step(world: &mut World) {
    world.resource_mut::<Session>().status = None;
    sim::advance(world);
    let dir = world.resource::<Session>().save_dir.clone();
    if let Err(e) = sim::save::autosave(world, &dir) {
        status(world, &format!("Could not autosave: {e}"), true);
    }
    if world
        .get_resource::<sim::Ending>()
        .is_some_and(|e| e.0.is_some())
    {
        world.resource_mut::<NextState<Screen>>().set(Screen::End);
    }
    let mut ses = world.resource_mut::<Session>();
    ses.key_filter = None;
    ses.picked = None;
    ses.history_pick = None;
}

/// Rebuilds the view when the game changed.
pub fn refresh(world: &mut World) {
    if !world.resource::<Session>().dirty {
        return;
    }
    world.resource_mut::<Session>().dirty = false;
    if !world.contains_resource::<sim::Rules>() {
        return;
    }
    let ses = world.resource::<Session>();
    let view = crate::seen::build(world, ses.me, &ses.seats, ses.seed);
    *world.resource_mut::<View>() = view;
}
