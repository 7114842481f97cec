//! `redline host`: a headless, authoritative server for a networked game (no window needed).
//! Its game is a [`Table`]; this file wires it to the network.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_replicon::prelude::*;
use bevy_replicon::shared::backend::connected_client::{NetworkId, NetworkIdMap};
use clap::Args;

use super::table::{Stage, Table, TableConfig};
use super::{Failure, Outcome, found_scenario, say, scenario_arg};
use crate::launch::host_seats_arg;
use crate::net::{self, ToClient, ToServer};
use crate::sim::save;

#[derive(Debug, Args)]
pub struct HostArgs {
    /// Scenario file (default: the embedded Geneva scenario; with --load, the one the save
    /// names, found in assets/scenarios).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// The parties people play, separated by commas (default: every negotiator); the AI plays
    /// the rest.
    #[arg(long)]
    pub seats: Option<String>,
    /// UDP port to listen on (0: any free port, printed at start).
    #[arg(long, default_value_t = net::DEFAULT_PORT)]
    pub port: u16,
    /// A password players must give to take a seat.
    #[arg(long, default_value = "")]
    pub password: String,
    /// The facilitator's own password: set it to let a teacher run the room (`redline join
    /// HOST --facilitator --password …`). Without it the game has no facilitator.
    #[arg(long, value_name = "PASSWORD")]
    pub facilitator_password: Option<String>,
    /// Seed (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Seconds a turn waits for its players; then the AI chooses for those who have not.
    #[arg(long, value_name = "SECONDS")]
    pub turn_seconds: Option<u64>,
    /// Write a replay of the game to FILE when it ends (replay it with `redline replay`).
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Continue a saved game (its seats and seed come from the save).
    #[arg(long, value_name = "FILE")]
    pub load: Option<PathBuf>,
}

/// Runs `redline host` until the game is over and every player has been told.
pub fn run(args: HostArgs) -> Outcome {
    if args.load.is_some() && (args.seats.is_some() || args.seed.is_some()) {
        return Err(Failure::usage(
            "--load continues a saved game: its seats and seed come from the save, so leave out \
             --seats and --seed",
        ));
    }
    if let Some(path) = &args.record {
        save::check_target(path)?;
    }
    let s = match &args.load {
        Some(path) => found_scenario(path, args.scenario.as_ref(), || save::made_with(path))?,
        None => scenario_arg(args.scenario.as_ref())?,
    };
    let limit = args.turn_seconds.map(Duration::from_secs);
    let table = match &args.load {
        Some(path) => Table::resume(
            save::load(s.clone(), path)?,
            args.password.clone(),
            args.facilitator_password.clone(),
            limit,
        ),
        None => {
            let seats = match args.seats.as_deref() {
                Some(list) => host_seats_arg(&s, list)?,
                None => s.negotiators.clone(),
            };
            if seats.is_empty() {
                return Err(Failure::usage(
                    "a hosted game needs at least one seat for a person (--seats PARTY,...)",
                ));
            }
            Table::new(TableConfig {
                scenario: s.clone(),
                seats,
                seed: args.seed.unwrap_or(s.seed),
                password: args.password.clone(),
                facilitator_password: args.facilitator_password.clone(),
                turn_limit: limit,
            })
        }
    };
    // After every week, in the saves folder beside the terminal game's autosaves.
    let autosave = std::path::Path::new(super::play::SAVES).join(format!("{}.hosted.ron", s.id));
    let table = table.with_autosave(autosave.clone());
    if table.seat_parties().is_empty() {
        return Err(Failure::input("the save has no seat played by a person"));
    }
    // A loaded game says so, and where it goes on.
    let resumed = args
        .load
        .as_ref()
        .map(|p| (p.display().to_string(), table.game().week()));
    let ids: Vec<String> = table
        .seat_parties()
        .iter()
        .map(|&p| s.parties[p].id.clone())
        .collect();
    let (mut app, addr) = server(table, args.port)
        .map_err(|e| Failure::usage(format!("cannot listen on UDP port {}: {e}", args.port)))?;
    say(&format!(
        "hosting {} on UDP port {}; seats: {}{}",
        s.title,
        addr.port(),
        ids.join(", "),
        if args.password.is_empty() {
            ""
        } else {
            "; a password is needed"
        }
    ));
    if let Some((path, week)) = resumed {
        say(&format!(
            "resuming the game saved in {path} after {} {week} of {}: it goes on when every \
             seat is taken and ready (or the facilitator types `start`)",
            s.turn.one, s.weeks
        ));
    }
    let pw = if args.password.is_empty() {
        ""
    } else {
        " --password …"
    };
    say(&format!(
        "the game is saved after every week to {} (`redline host --load` it to go on)",
        autosave.display()
    ));
    say(&format!(
        "players join with: redline join HOST:{} --party PARTY{pw} --text",
        addr.port()
    ));
    if args.facilitator_password.is_some() {
        say(&format!(
            "the facilitator joins with: redline join HOST:{} --facilitator --password … --text",
            addr.port()
        ));
    }
    let mut poll = super::Poll::new();
    loop {
        app.update();
        for line in app.world_mut().resource_mut::<Table>().drain_log() {
            say(&format!("host: {line}"));
        }
        if app.world().resource::<Table>().finished() {
            break;
        }
        poll.sleep(std::mem::take(
            &mut app.world_mut().resource_mut::<Traffic>().0,
        ));
    }
    // Let the last messages leave before the socket closes.
    let until = Instant::now() + Duration::from_millis(500);
    while Instant::now() < until {
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    if let Some(path) = &args.record {
        let mut table = app.world_mut().remove_resource::<Table>();
        if let Some(t) = table.as_mut() {
            save::write_record(t.game_mut(), path)?;
            say(&format!("replay written to {}", path.display()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether a message came in or went out since the host loop last looked.
#[derive(Resource, Default)]
struct Traffic(bool);

/// The server app: the table, its systems and a socket on `port` (0: any free port). Tests drive
/// it with `update()`.
pub fn server(table: Table, port: u16) -> std::io::Result<(App, std::net::SocketAddr)> {
    let mut app = App::new();
    net::protocol(&mut app);
    // Every seat, and room for players being refused or rejoining meanwhile.
    let max = table.seat_parties().len() + 8;
    app.insert_resource(table)
        .init_resource::<Farewells>()
        .init_resource::<Traffic>()
        .add_systems(PreUpdate, receive.after(ServerSystems::Receive))
        .add_systems(Update, tick)
        .add_systems(PostUpdate, send.before(ServerSystems::Send))
        .add_observer(dropped)
        .add_observer(ended);
    net::ready(&mut app);
    let addr = net::listen(&mut app, port, max)?;
    Ok((app, addr))
}

fn receive(
    mut table: ResMut<Table>,
    mut from: MessageReader<FromClient<ToServer>>,
    mut traffic: ResMut<Traffic>,
) {
    for m in from.read() {
        traffic.0 = true;
        let Some(client) = m.client_id.entity() else {
            continue;
        };
        match &m.message {
            ToServer::Hello {
                party,
                password,
                token,
                window,
            } => table.hello(client, party, password, *token, *window),
            ToServer::Facilitate { password } => table.facilitate(client, password),
            ToServer::Line(line) => table.line(client, line.clone()),
            ToServer::Play { week, choice } => table.play(client, *week, *choice),
            ToServer::Leave => table.leave_seat(client),
        }
    }
}

fn tick(mut table: ResMut<Table>, time: Res<Time<Real>>) {
    table.tick(time.elapsed());
}

/// Clients sent their last message (refused, or done), with when: a client hangs up when it
/// reads it, and one that does not is disconnected a little later, so that it holds no slot.
#[derive(Resource, Default)]
struct Farewells(Vec<(Entity, Instant)>);

/// How long a client has to read its last message and hang up itself.
const FAREWELL: Duration = Duration::from_secs(3);

fn send(
    mut table: ResMut<Table>,
    mut to: MessageWriter<ToClients<ToClient>>,
    mut farewells: ResMut<Farewells>,
    mut hang_up: MessageWriter<DisconnectRequest>,
    mut traffic: ResMut<Traffic>,
) {
    for (client, message) in table.drain() {
        traffic.0 = true;
        if matches!(message, ToClient::Refused(_) | ToClient::Over(_)) {
            farewells.0.push((client, Instant::now()));
        }
        to.write(ToClients {
            targets: SendTargets::Single(ClientId::Client(client)),
            message,
        });
    }
    farewells.0.retain(|&(client, since)| {
        let due = since.elapsed() >= FAREWELL;
        if due {
            hang_up.write(DisconnectRequest { client });
        }
        !due
    });
}

/// Why a connection the host did not let go ended, for the host's log, by the name its other
/// lines give it: one the host let go (refused, or done) was logged when it was (a refused
/// client's log once ended in a line naming it by the transport's long number).
fn ended(
    event: On<bevy_replicon_renet::RenetServerEvent>,
    ids: Res<NetworkIdMap>,
    farewells: Res<Farewells>,
    mut table: ResMut<Table>,
) {
    if let bevy_replicon_renet::renet::ServerEvent::ClientDisconnected { client_id, reason } =
        &event.0
        && let Some(&client) = ids.get(&NetworkId::new(*client_id))
        && !farewells.0.iter().any(|f| f.0 == client)
    {
        // A seat's or the facilitator's connection: why it ended (a timeout, or the client
        // hanging up), by the name the log gives it when it joined.
        let before = if table.knows(client) {
            ""
        } else {
            " before it asked for a seat"
        };
        table.log_line(format!("connection {client} ended{before}: {reason}"));
    }
}

fn dropped(gone: On<Remove, ConnectedClient>, mut table: ResMut<Table>) {
    if table.stage() != Stage::Ended {
        table.dropped(gone.entity);
    }
}
