//! Networked play: `redline host` runs an authoritative server, `redline join` a client, on
//! `bevy_replicon`'s messages over `bevy_replicon_renet`'s UDP transport. Neither needs the
//! window feature.
//!
//! This module is the wire: the messages and the sockets. The server's game is
//! `cli::table` and its command `cli::host`; the terminal client is `cli::join`.
//!
//! The server is the only place the game lives. A client sends what its player types, one line
//! per message (a window client its chosen move), and nothing else: its seat is the one the server bound to its connection when it
//! joined, so it cannot speak for another. What it receives is text the server renders for its
//! party alone (a window client: its party's view, [`crate::seen::Seen`]), so another party's hidden priorities, private verdicts and back-channel reveals
//! never leave the server for it.

use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::time::{Duration, SystemTime};

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy_replicon::prelude::*;
use bevy_replicon_renet::netcode::{
    ClientAuthentication, NetcodeClientTransport, NetcodeServerTransport, ServerAuthentication,
    ServerConfig,
};
use bevy_replicon_renet::renet::ConnectionConfig;
use bevy_replicon_renet::{RenetChannelsExt, RepliconRenetPlugins};
use bevy_replicon_renet::{RenetClient, RenetServer};
use serde::{Deserialize, Serialize};

use crate::rules::Choice;

/// The port `host` listens on and `join` connects to when none is given.
pub const DEFAULT_PORT: u16 = 5170;

/// Netcode's protocol id: a client of another version of the protocol cannot connect. (Replicon
/// checks in addition that both sides registered the same messages.) It goes up when the rules
/// play differently (the save format, [`crate::sim::save::FORMAT`], then goes up too) and
/// whenever what a seat is sent changes; not for a change of the files' layout alone.
const PROTOCOL_ID: u64 = 0x5265_644c_696e_001b;

/// What a client says to the server.
#[derive(Message, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToServer {
    /// Take a seat: a party's id, the game's password (empty if none), and the token a
    /// previous join gave, to take the seat back after a drop.
    Hello {
        party: String,
        password: String,
        token: Option<u64>,
        /// A window client: it is sent its party's view of the game ([`ToClient::Seen`]) and
        /// the lobby ([`ToClient::Lobby`]) as data, where a terminal client is sent text.
        #[serde(default)]
        window: bool,
    },
    /// Be the facilitator (the teacher): sees everything and runs the room; needs the password.
    Facilitate { password: String },
    /// A line the player typed (a command or a move, exactly as at the terminal).
    Line(String),
    /// A window client's choice (`None`: no move) for the turn after `week` turns played (a
    /// choice made against a turn already played is refused); checked against the seat's legal
    /// moves.
    Play { week: u32, choice: Option<Choice> },
    /// A window client leaves its seat (in the lobby it opens again; in a game its AI holds it).
    Leave,
}

/// What the server says to one client.
#[derive(Message, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToClient {
    /// The seat of the party with this id and name is yours; keep the token to rejoin it.
    Welcome {
        party: String,
        name: String,
        token: u64,
    },
    /// The join was refused, and why (the client exits with code 1).
    Refused(String),
    /// Text to show (a screen, an answer, the news).
    Text(String),
    /// The seat waits for its player's command.
    Prompt,
    /// The player's part is over (the game ended, or it left its seat): show this and stop.
    Over(String),
    /// A window seat's view of the game ([`crate::seen::Seen`], as RON), after every change.
    Seen(String),
    /// The lobby, for a window seat.
    Lobby(Lobby),
    /// Where the turn stands for a window seat: its move is awaited, the facilitator gave it
    /// to the AI for now, and the seats the turn still waits for (by name).
    Turn {
        choosing: bool,
        held: bool,
        waiting: Vec<String>,
    },
}

/// The lobby as a window client draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lobby {
    pub title: String,
    pub seats: Vec<LobbySeat>,
    /// The parties the AI plays, by name.
    pub ai: Vec<String>,
    /// The game has a facilitator's seat (who may start it with seats still open).
    pub facilitator: bool,
}

/// A seat in the lobby.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LobbySeat {
    pub party: String,
    pub name: String,
    pub taken: bool,
    pub ready: bool,
}

/// How long a client waits for the host to answer.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A client's way to its host: hello once connected, said again every two seconds until the
/// host answers (in case it was not listening to the client yet); the host gone, or never
/// there. The terminal and the window client both follow it.
#[derive(Debug)]
pub struct Dial {
    hello: ToServer,
    addr: SocketAddr,
    started: std::time::Instant,
    last_hello: Option<std::time::Instant>,
    connected: bool,
}

/// What a client's connection asks of it this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialing {
    Wait,
    /// Say this hello.
    Hello(ToServer),
    /// The host went away after answering.
    Gone,
    /// No answer in [`CONNECT_TIMEOUT`]; the words for it.
    Unreachable(String),
}

impl Dial {
    pub fn new(hello: ToServer, addr: SocketAddr) -> Self {
        Self {
            hello,
            addr,
            started: std::time::Instant::now(),
            last_hello: None,
            connected: false,
        }
    }

    /// The hello this client says.
    pub fn hello(&self) -> &ToServer {
        &self.hello
    }

    /// The host's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Where the connection stands; `seated`: the host has answered the hello.
    pub fn poll(&mut self, client: Option<&RenetClient>, seated: bool) -> Dialing {
        let connected = client.is_some_and(|c| c.is_connected());
        let gone = client.is_none_or(|c| c.is_disconnected());
        if connected {
            self.connected = true;
            if !seated
                && self
                    .last_hello
                    .is_none_or(|t| t.elapsed() >= Duration::from_secs(2))
            {
                self.last_hello = Some(std::time::Instant::now());
                return Dialing::Hello(self.hello.clone());
            }
        } else if self.connected && gone {
            return Dialing::Gone;
        } else if !self.connected && self.started.elapsed() >= CONNECT_TIMEOUT {
            return Dialing::Unreachable(format!(
                "Cannot reach a Red Lines host at {} (no answer in {} s): is `redline host` \
                 running there, and is its UDP port open?",
                self.addr,
                CONNECT_TIMEOUT.as_secs()
            ));
        }
        Dialing::Wait
    }
}

/// The longest line a client sends and the server reads (longer lines are cut).
pub const MAX_LINE: usize = 4096;

/// Cuts `line` to at most `max` bytes, at a character boundary.
pub fn clip(line: &mut String, max: usize) {
    if line.len() > max {
        let mut cut = max;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        line.truncate(cut);
    }
}

/// A headless app (the host, the terminal client) with the messages.
pub fn protocol(app: &mut App) {
    app.add_plugins((MinimalPlugins, StatesPlugin));
    messages(app);
}

/// The messages, registered alike on server and client (replicon checks the two agree), on an
/// app that has Bevy's plugins already (headless, or the window's).
pub fn messages(app: &mut App) {
    app.add_plugins(RepliconPlugins.build().set(ServerPlugin {
        // Text messages only, no replicated entities: a tick every frame sends them at once.
        tick_schedule: Some(bevy::ecs::schedule::ScheduleLabel::intern(&PostUpdate)),
        ..Default::default()
    }))
    .add_plugins(RepliconRenetPlugins)
    .add_client_message::<ToServer>(Channel::Ordered)
    .add_server_message::<ToClient>(Channel::Ordered);
}

/// Finishes the plugins' set-up, as `App::run` would: the hosts and clients here are driven by
/// `update()` (a loop of their own, and tests), so they finish themselves.
pub fn ready(app: &mut App) {
    app.finish();
    app.cleanup();
}

fn connection(channels: &RepliconChannels) -> ConnectionConfig {
    ConnectionConfig {
        server_channels_config: channels.server_configs(),
        client_channels_config: channels.client_configs(),
        ..Default::default()
    }
}

fn now() -> Duration {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
}

/// Opens the server's socket on `port` (all interfaces; 0 picks a free port) and installs the
/// renet server. Returns the address it listens on.
pub fn listen(app: &mut App, port: u16, max_clients: usize) -> std::io::Result<SocketAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, port))?;
    let addr = socket.local_addr()?;
    let server = RenetServer(bevy_replicon_renet::renet::RenetServer::new(connection(
        app.world().resource::<RepliconChannels>(),
    )));
    let transport = NetcodeServerTransport::new(
        ServerConfig {
            current_time: now(),
            max_clients: max_clients.clamp(1, 64),
            protocol_id: PROTOCOL_ID,
            public_addresses: vec![addr],
            authentication: ServerAuthentication::Unsecure,
        },
        socket,
    )?;
    app.insert_resource(server).insert_resource(transport);
    Ok(addr)
}

/// Opens a client socket and starts connecting to `server`.
pub fn connect(app: &mut App, server: SocketAddr) -> std::io::Result<()> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))?;
    let local = socket.local_addr()?;
    let client = RenetClient(bevy_replicon_renet::renet::RenetClient::new(connection(
        app.world().resource::<RepliconChannels>(),
    )));
    // Unique enough among the clients of one server: the time and this socket's port.
    let client_id = (now().as_nanos() as u64) ^ (u64::from(local.port()) << 48);
    let transport = NetcodeClientTransport::new(
        now(),
        ClientAuthentication::Unsecure {
            protocol_id: PROTOCOL_ID,
            client_id,
            server_addr: server,
            user_data: None,
        },
        socket,
    )
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    app.insert_resource(client).insert_resource(transport);
    Ok(())
}

/// Resolves `ADDR` or `ADDR:PORT` (a name or an IP address) to a socket address.
pub fn address(text: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    // A port that is all digits but not a port (99999) is said to be one, not taken for part of
    // a host name that cannot be resolved. (An IPv6 address without brackets has colons too.)
    if let Some((h, p)) = text.rsplit_once(':')
        && !h.contains(':')
        && !p.is_empty()
        && p.bytes().all(|b| b.is_ascii_digit())
        && !p.parse::<u16>().is_ok_and(|n| n > 0)
    {
        return Err(format!(
            "`{p}` is not a port: a port is a number from 1 to 65535"
        ));
    }
    let with_port = if text.parse::<SocketAddr>().is_ok()
        || text
            .rsplit_once(':')
            .is_some_and(|(h, p)| !h.ends_with(':') && p.parse::<u16>().is_ok())
    {
        text.to_string()
    } else {
        format!("{text}:{DEFAULT_PORT}")
    };
    with_port
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve `{text}`: {e}"))?
        .find(SocketAddr::is_ipv4)
        .ok_or_else(|| format!("`{text}` has no IPv4 address"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An address with a port, without one (the default), and with a number that is no port
    /// (said so, not "cannot resolve").
    #[test]
    fn addresses_take_a_port_or_the_default_and_refuse_a_number_that_is_no_port() {
        assert_eq!(address("127.0.0.1:4000").unwrap().port(), 4000);
        assert_eq!(address("127.0.0.1").unwrap().port(), DEFAULT_PORT);
        let e = address("127.0.0.1:99999").unwrap_err();
        assert!(e.contains("`99999` is not a port"), "{e}");
        assert!(
            address("127.0.0.1:0")
                .unwrap_err()
                .contains("`0` is not a port")
        );
    }
}
