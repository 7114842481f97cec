//! `redline join ADDR --party P`: a seat of a hosted game, in the window. The window holds no
//! game: the host sends this party's view ([`crate::seen::Seen`]) after every change, and the
//! screens draw it as they draw a game played here; the player's move goes to the host, which
//! checks it. Before the game, the lobby shows the seats and the ready button.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_replicon_renet::RenetClient;
use bevy_replicon_renet::netcode::NetcodeClientTransport;

use super::Screen;
use super::view::{Action, Actions, Online, Session, View};
use crate::launch::Failure;
use crate::net::{self, ToClient, ToServer};
use crate::seen::Seen;

/// How the window joins.
#[derive(Debug, Clone)]
pub struct JoinWindow {
    pub addr: SocketAddr,
    /// The address as typed, for the screens and the rejoin line.
    pub host: String,
    pub hello: ToServer,
    pub size: String,
    /// Say ready at once and go to the table without the brief (screenshots).
    pub ready: bool,
    pub screenshot: Option<std::path::PathBuf>,
    pub hold: f64,
}

/// The connection: when hello was last said, and whether the player is leaving.
#[derive(Resource, Debug)]
struct Link {
    dial: net::Dial,
    /// The host said the end: its closing the connection is no news.
    over: bool,
    /// The player left: the window closes at this time (the last message is out by then).
    leaving: Option<Instant>,
    auto_ready: bool,
}

/// Opens the window on a seat of the game hosted at `j.addr`, until the player closes it.
pub fn run(j: JoinWindow) -> Result<(), Failure> {
    let (w, h) = super::parse_size(&j.size)?;
    super::display_check("`redline join ADDR --party P --text`")?;
    let mut app = super::window_app(w, h, j.screenshot.is_some());
    // Messages arrive without input events: the window wakes for them.
    let wake = Duration::from_millis(50);
    if j.screenshot.is_none() {
        app.insert_resource(WinitSettings {
            focused_mode: UpdateMode::reactive(wake),
            unfocused_mode: UpdateMode::reactive_low_power(wake),
        });
    }
    app.add_plugins((crate::scenario::plugin, super::logic));
    plugin(&mut app, &j);
    net::messages(&mut app);
    if let Some(path) = j.screenshot.clone() {
        super::shot::plugin(&mut app, path, 0, false, j.hold);
    }
    net::ready(&mut app);
    net::connect(&mut app, j.addr).map_err(|e| Failure::usage(e.to_string()))?;
    let exit = app.run();
    // The way back to the seat, where the terminal that started the window shows it.
    let over = app
        .world()
        .get_resource::<View>()
        .is_some_and(|v| v.ending.is_some());
    if let Some(online) = app
        .world()
        .get_resource::<Session>()
        .and_then(|s| s.online.clone())
        && !over
    {
        if let Some(why) = &online.closed {
            println!("{why}");
        }
        if let (Some((_, name, _)), Some(r)) = (&online.seat, online.rejoin()) {
            println!("You left the seat of {name}. To take it back: {r}");
        }
    }
    match exit {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => Err(Failure {
            code: code.get(),
            message: "the window closed with an error".into(),
        }),
    }
}

/// The client's side of the window: the connection, the host's messages into the view and the
/// lobby, and the player's actions out to the host. Goes after [`super::logic`].
pub fn plugin(app: &mut App, j: &JoinWindow) {
    app.insert_resource(Link {
        dial: net::Dial::new(j.hello.clone(), j.addr),
        over: false,
        leaving: None,
        auto_ready: j.ready,
    });
    // The window opens on the lobby (its logic must be in the app already).
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Lobby);
    app.world_mut().resource_mut::<Session>().online = Some(Online {
        host: j.host.clone(),
        password: matches!(&j.hello, ToServer::Hello { password, .. } if !password.is_empty()),
        ..Online::default()
    });
    app.add_systems(
        Update,
        // The player's actions first, against the view they were made on; then the host's news.
        (watch, act, receive)
            .chain()
            .before(super::view::apply_actions),
    );
}

fn online(ses: &mut Session) -> &mut Online {
    ses.online.get_or_insert_with(Online::default)
}

/// Says hello once connected (again every two seconds until answered); gives up on a host that
/// does not answer or goes away; closes the window once the player has left.
fn watch(
    mut link: ResMut<Link>,
    mut ses: ResMut<Session>,
    client: Option<Res<RenetClient>>,
    mut transport: Option<ResMut<NetcodeClientTransport>>,
    mut to: MessageWriter<ToServer>,
    mut exit: MessageWriter<AppExit>,
) {
    if let Some(at) = link.leaving
        && Instant::now() >= at
    {
        if let Some(t) = transport.as_deref_mut() {
            t.disconnect();
        }
        exit.write(AppExit::Success);
        return;
    }
    if online(&mut ses).closed.is_some() || link.over {
        return;
    }
    let seated = online(&mut ses).seat.is_some();
    match link.dial.poll(client.as_deref(), seated) {
        net::Dialing::Wait => {}
        net::Dialing::Hello(hello) => {
            to.write(hello);
        }
        net::Dialing::Gone => {
            let why = transport
                .as_deref()
                .and_then(|t| t.disconnect_reason())
                .map_or(String::new(), |r| format!(" ({r})"));
            online(&mut ses).closed = Some(format!("The connection to the host ended{why}."));
        }
        net::Dialing::Unreachable(why) => online(&mut ses).closed = Some(why),
    }
}

/// The most notices kept.
const NOTICES: usize = 200;

/// The host's messages: the seat, the lobby, the view after every change, the end.
fn receive(
    mut from: MessageReader<ToClient>,
    mut link: ResMut<Link>,
    mut ses: ResMut<Session>,
    mut view: ResMut<View>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut to: MessageWriter<ToServer>,
) {
    for m in from.read() {
        if online(&mut ses).closed.is_some() {
            // Refused, unreadable, or gone: what follows is not drawn.
            continue;
        }
        match m {
            ToClient::Welcome { party, name, token } => {
                let o = online(&mut ses);
                o.seat = Some((party.clone(), name.clone(), *token));
                if link.auto_ready && !o.ready {
                    o.ready = true;
                    to.write(ToServer::Line("ready".into()));
                }
            }
            ToClient::Refused(why) => {
                online(&mut ses).closed = Some(format!("The host refused the seat: {why}"));
            }
            ToClient::Text(t) => {
                let o = online(&mut ses);
                o.notices
                    .extend(t.lines().filter(|l| !l.trim().is_empty()).map(String::from));
                let extra = o.notices.len().saturating_sub(NOTICES);
                o.notices.drain(..extra);
                o.fresh = o.fresh.saturating_sub(extra);
            }
            ToClient::Prompt => {}
            ToClient::Lobby(l) => online(&mut ses).lobby = Some(l.clone()),
            ToClient::Turn {
                choosing,
                held,
                waiting,
            } => {
                let o = online(&mut ses);
                if *choosing {
                    o.chosen = None;
                }
                o.choosing = *choosing;
                o.held = *held;
                o.waiting.clone_from(waiting);
            }
            ToClient::Seen(text) => match Seen::decode(text) {
                Ok(seen) => show(seen, &mut ses, &mut view, *screen.get(), &mut next, &link),
                Err(e) => {
                    // The seat cannot be played from here: its AI takes it (the token brings
                    // it back), rather than the table waiting for it.
                    online(&mut ses).closed = Some(format!(
                        "Could not read the host's view ({e}); you have left the seat."
                    ));
                    to.write(ToServer::Leave);
                }
            },
            ToClient::Over(t) => {
                link.over = true;
                if view.ending.is_none() {
                    // The seat was given up, not the game ended.
                    online(&mut ses).closed = Some(t.lines().next().unwrap_or_default().into());
                }
            }
        }
    }
}

/// Installs the host's view of this seat, and moves from the lobby to the brief (or the table),
/// and to the end when the game ends.
fn show(
    seen: Seen,
    ses: &mut Session,
    view: &mut View,
    screen: Screen,
    next: &mut NextState<Screen>,
    link: &Link,
) {
    let mut v = seen.view;
    v.scenario = Some(Arc::new(seen.scenario));
    v.online = true;
    ses.scenario = v.scenario.clone();
    ses.me = v.me;
    ses.seats = v.me.into_iter().collect();
    ses.seed = v.seed;
    ses.started = true;
    ses.dirty = false;
    let o = online(ses);
    if seen.choosing {
        o.chosen = None;
    }
    o.choosing = seen.choosing;
    o.held = seen.held;
    o.fresh = o.notices.len();
    o.waiting = seen.waiting;
    let ended = v.ending.is_some();
    *view = v;
    if ended {
        next.set(Screen::End);
    } else if screen == Screen::Lobby {
        next.set(if link.auto_ready {
            Screen::Table
        } else {
            Screen::Briefing
        });
    }
}

/// The player's actions: a move, ready and leave go to the host; the brief and the table are
/// this window's; undo, save, load, the menu and "play again" are not a hosted seat's.
fn act(
    mut actions: ResMut<Actions>,
    mut ses: ResMut<Session>,
    mut link: ResMut<Link>,
    view: Res<View>,
    mut to: MessageWriter<ToServer>,
) {
    let mut keep = Vec::new();
    for a in std::mem::take(&mut actions.0) {
        let scenario = ses.scenario.clone();
        let o = online(&mut ses);
        let open = o.seat.is_some() && o.closed.is_none() && !link.over;
        match a {
            Action::Play(_) | Action::Pass if open && o.choosing => {
                let choice = match a {
                    Action::Play(c) => Some(c),
                    _ => None,
                };
                o.choosing = false;
                o.waiting.clear();
                // Named when it is one of the moves shown (the host checks it either way).
                o.chosen = Some(match (choice, &scenario) {
                    (Some(c), Some(s)) if view.moves.iter().any(|m| m.choice == c) => {
                        crate::ai::choice_label(s, &c)
                    }
                    (Some(_), _) => "a move".into(),
                    (None, _) => "no move".into(),
                });
                let week = view.state.as_ref().map_or(0, |b| b.week);
                to.write(ToServer::Play { week, choice });
            }
            Action::Play(_) | Action::Pass => {}
            Action::Ready if open && !o.ready => {
                o.ready = true;
                to.write(ToServer::Line("ready".into()));
            }
            Action::Ready => {}
            Action::Leave => {
                if open {
                    to.write(ToServer::Leave);
                }
                link.leaving = Some(Instant::now() + Duration::from_millis(300));
            }
            Action::Begin | Action::Brief => keep.push(a),
            _ => {
                ses.status = Some((
                    "The game is hosted: saving, undo and the menu are the host's.".into(),
                    false,
                ));
            }
        }
    }
    actions.0 = keep;
}
