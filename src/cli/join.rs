//! `redline join ADDR --party P --text`: plays a seat of a hosted game in the terminal. The
//! client holds no game: it sends the lines its player types and prints what the server sends.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

use bevy::prelude::*;
use bevy_replicon_renet::RenetClient;
use bevy_replicon_renet::netcode::NetcodeClientTransport;
use clap::Args;

use super::{Failure, Outcome};
use crate::net::{self, ToClient, ToServer};

#[derive(Debug, Args)]
pub struct JoinArgs {
    /// The host's address: a name or an IP address, with `:PORT` unless it is the default
    /// port (5170).
    pub addr: String,
    /// The party whose seat to take (its id, as `redline host` lists the seats).
    #[arg(
        long,
        required_unless_present = "facilitator",
        conflicts_with = "facilitator"
    )]
    pub party: Option<String>,
    /// Join as the facilitator (the teacher): see everything, pause, call events, end the
    /// game. Needs the facilitator's own password (`host --facilitator-password`), not the
    /// seats'.
    #[arg(long)]
    pub facilitator: bool,
    /// Play in the terminal (without it the seat opens in the window).
    #[arg(long)]
    pub text: bool,
    /// The game's password, if the host set one.
    #[arg(long, default_value = "")]
    pub password: String,
    /// Take your seat back after a drop, with the token you were given when you joined.
    #[arg(long)]
    pub token: Option<u64>,
    /// The window's size, e.g. 1280x720.
    #[arg(long, default_value = "1280x720", conflicts_with = "text")]
    pub size: String,
    /// The window: say ready at once and go to the table without the brief.
    #[arg(long, hide = true, conflicts_with = "text")]
    pub ready: bool,
    /// The window: save a PNG of it to FILE and exit (after --hold seconds).
    #[arg(long, hide = true, value_name = "FILE", conflicts_with = "text")]
    pub screenshot: Option<std::path::PathBuf>,
    #[arg(long, hide = true, default_value_t = 3.0, requires = "screenshot")]
    pub hold: f64,
}

/// A line typed, or the end of the input.
pub enum Input {
    Line(String),
    /// A line too long for a command, skipped ([`super::read_command`]).
    TooLong,
    End,
}

/// The client's terminal: lines typed, and where the server's text goes.
#[derive(Resource)]
pub struct Terminal {
    input: Mutex<Receiver<Input>>,
    out: Mutex<Box<dyn Write + Send>>,
    dial: net::Dial,
    seated: bool,
    input_ended: bool,
    /// Lines typed and not yet sent (one goes at each prompt).
    typed: std::collections::VecDeque<Input>,
    /// The last thing shown is the prompt (a message arriving now starts on a line of its own).
    at_prompt: bool,
    /// The exit code once the client is done.
    pub done: Option<u8>,
    /// A message came in or a line was typed since [`drive`] last looked.
    busy: bool,
}

impl Terminal {
    fn say(&self, text: &str) {
        if let Ok(mut o) = self.out.lock() {
            let _ = o.write_all(text.as_bytes());
            let _ = o.flush();
        }
    }
}

/// Runs `redline join`.
pub fn run(args: JoinArgs) -> Outcome {
    let addr = net::address(&args.addr).map_err(Failure::usage)?;
    if !args.text {
        return window(args, addr);
    }
    let (tx, rx) = channel();
    std::thread::spawn(move || read_stdin(&tx));
    let hello = match &args.party {
        Some(party) if !args.facilitator => ToServer::Hello {
            party: party.clone(),
            password: args.password.clone(),
            token: args.token,
            window: false,
        },
        _ => ToServer::Facilitate {
            password: args.password.clone(),
        },
    };
    let mut app = client(
        addr,
        hello,
        rx,
        Box::new(super::text::Fit::terminal(std::io::stdout())),
    )
    .map_err(|e| Failure::usage(e.to_string()))?;
    let code = drive(&mut app);
    Ok(ExitCode::from(code))
}

/// The seat in the window.
#[cfg(feature = "window")]
fn window(args: JoinArgs, addr: SocketAddr) -> Outcome {
    if args.facilitator {
        return Err(Failure::usage(
            "the facilitator's seat is in the terminal: add --text",
        ));
    }
    if !(args.hold.is_finite() && (0.0..=3600.0).contains(&args.hold)) {
        return Err(Failure::usage("--hold: a number of seconds from 0 to 3600"));
    }
    crate::ui::remote::run(crate::ui::remote::JoinWindow {
        addr,
        host: args.addr.clone(),
        hello: ToServer::Hello {
            party: args.party.clone().unwrap_or_default(),
            password: args.password.clone(),
            token: args.token,
            window: true,
        },
        size: args.size.clone(),
        ready: args.ready,
        screenshot: args.screenshot.clone(),
        hold: args.hold,
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "window"))]
fn window(_: JoinArgs, _: SocketAddr) -> Outcome {
    Err(Failure::usage(
        "this build has no window (built without the `window` feature): add --text to play \
         the seat in the terminal",
    ))
}

/// Updates the client until it is done; returns its exit code. Disconnects politely. It polls
/// quickly while messages come and lines are typed, and backs off while nothing happens
/// ([`super::Poll`]: a turn-based seat waits most of the time).
pub fn drive(app: &mut App) -> u8 {
    let mut poll = super::Poll::new();
    loop {
        app.update();
        let mut term = app.world_mut().resource_mut::<Terminal>();
        if let Some(code) = term.done {
            hang_up(app);
            return code;
        }
        poll.sleep(std::mem::take(&mut term.busy));
    }
}

/// Closes the connection at once (the host hears of it without waiting for a time-out).
pub fn hang_up(app: &mut App) {
    if let Some(mut t) = app.world_mut().get_resource_mut::<NetcodeClientTransport>() {
        t.disconnect();
    }
}

/// The client app for a seat at `addr`, reading typed lines from `input` and writing to `out`.
/// Tests drive it with `update()` (see [`drive`]).
pub fn client(
    addr: SocketAddr,
    hello: ToServer,
    input: Receiver<Input>,
    out: Box<dyn Write + Send>,
) -> std::io::Result<App> {
    let mut app = App::new();
    net::protocol(&mut app);
    app.insert_resource(Terminal {
        input: Mutex::new(input),
        out: Mutex::new(out),
        dial: net::Dial::new(hello, addr),
        seated: false,
        input_ended: false,
        at_prompt: false,
        typed: std::collections::VecDeque::new(),
        done: None,
        busy: false,
    })
    .add_systems(Update, (receive, watch, forward).chain());
    net::ready(&mut app);
    net::connect(&mut app, addr)?;
    Ok(app)
}

/// Reads stdin line by line into `tx` (a line longer than [`net::MAX_LINE`] skipped), then says
/// it ended.
pub fn read_stdin(tx: &Sender<Input>) {
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let mut bytes = Vec::new();
    loop {
        let input = match super::read_command(&mut lock, &mut bytes) {
            Ok(super::Read::End) | Err(_) => break,
            Ok(super::Read::TooLong) => Input::TooLong,
            Ok(super::Read::Line) => {
                Input::Line(String::from_utf8_lossy(&bytes).trim_end().to_string())
            }
        };
        if tx.send(input).is_err() {
            return;
        }
    }
    let _ = tx.send(Input::End);
}

/// Connection: say hello once connected (again every two seconds until answered, in case the
/// server was not listening to it yet); give up on a host that does not answer or goes away.
fn watch(
    mut term: ResMut<Terminal>,
    client: Option<Res<RenetClient>>,
    mut to: MessageWriter<ToServer>,
) {
    if term.done.is_some() {
        return;
    }
    let seated = term.seated;
    match term.dial.poll(client.as_deref(), seated) {
        net::Dialing::Wait => {}
        net::Dialing::Hello(hello) => {
            to.write(hello);
        }
        net::Dialing::Gone => {
            term.say("\nThe host closed the connection.\n");
            term.done = Some(2);
        }
        net::Dialing::Unreachable(why) => {
            term.say(&format!("{why}\n"));
            term.done = Some(2);
        }
    }
}

fn receive(mut term: ResMut<Terminal>, mut from: MessageReader<ToClient>) {
    for m in from.read() {
        term.busy = true;
        if term.done.is_some() {
            return;
        }
        match m {
            ToClient::Welcome { name, .. }
                if matches!(term.dial.hello(), ToServer::Facilitate { .. }) =>
            {
                term.seated = true;
                term.say(&format!("You are {name}.\n"));
            }
            ToClient::Welcome { party, name, token } => {
                term.seated = true;
                let addr = term.dial.addr();
                let pw = match term.dial.hello() {
                    ToServer::Hello { password, .. } if !password.is_empty() => " --password …",
                    _ => "",
                };
                term.say(&format!(
                    "You have the seat of {name}. If you drop, take it back with:\n  \
                     redline join {addr} --party {party}{pw} --text --token {token}\n"
                ));
            }
            ToClient::Refused(why) => {
                term.say(&format!("The host refused the seat: {why}\n"));
                term.done = Some(1);
            }
            ToClient::Text(t) => {
                // News that arrives at the prompt goes above a fresh one.
                let (before, after) = if term.at_prompt {
                    ("\n", "> ")
                } else {
                    ("", "")
                };
                let nl = if t.ends_with('\n') { "" } else { "\n" };
                term.say(&format!("{before}{t}{nl}{after}"));
            }
            ToClient::Prompt => {
                // A prompt already showing (news arriving at it re-drew it) stays one prompt.
                if !term.at_prompt {
                    term.at_prompt = true;
                    term.say("> ");
                }
            }
            ToClient::Over(t) => {
                let before = if term.at_prompt { "\n" } else { "" };
                let nl = if t.ends_with('\n') { "" } else { "\n" };
                term.say(&format!("{before}{t}{nl}"));
                term.done = Some(0);
            }
            // A terminal client is sent text only.
            ToClient::Seen(_) | ToClient::Lobby(_) | ToClient::Turn { .. } => {}
        }
    }
}

/// Sends what the player typed, one line for each prompt (as the terminal game reads it):
/// what is typed before the server asks waits here. The end of the input leaves the seat.
fn forward(mut term: ResMut<Terminal>, mut to: MessageWriter<ToServer>) {
    let mut typed = Vec::new();
    if let Ok(rx) = term.input.lock() {
        while let Ok(i) = rx.try_recv() {
            typed.push(i);
        }
    }
    // Lines already waiting were typed before this prompt: shown after it when they are sent.
    let waiting = term.typed.len();
    term.busy |= !typed.is_empty();
    term.typed.extend(typed);
    if !term.seated || term.done.is_some() || term.input_ended || !term.at_prompt {
        return;
    }
    match term.typed.pop_front() {
        Some(Input::Line(mut l)) => {
            net::clip(&mut l, net::MAX_LINE);
            if waiting > 0 {
                term.say(&format!("{l}\n"));
            }
            to.write(ToServer::Line(l));
            // The player answered the prompt; the server's reply starts where they typed.
            term.at_prompt = false;
        }
        Some(Input::TooLong) => term.say(&format!("{}\n> ", super::TOO_LONG)),
        Some(Input::End) => {
            term.input_ended = true;
            term.at_prompt = false;
            to.write(ToServer::Line("quit".into()));
        }
        None => {}
    }
}
