//! Networked play on loopback (127.0.0.1), in one process: a `redline host` server app and
//! `redline join --text` client apps, stepped in turn over real UDP sockets.

use std::io::Write;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bevy::prelude::App;
use redline::cli::join::{self, Input, Terminal};
use redline::cli::table::{Stage, Table, TableConfig};
use redline::net::ToServer;
use redline::sim::save;

use crate::geneva;

/// What a client printed.
#[derive(Clone, Default)]
struct Screen(Arc<Mutex<Vec<u8>>>);

impl Write for Screen {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Screen {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

struct Player {
    app: App,
    screen: Screen,
    keys: Sender<Input>,
}

impl Player {
    fn join(port: u16, party: &str, token: Option<u64>) -> Self {
        let (keys, rx) = channel();
        let screen = Screen::default();
        let hello = ToServer::Hello {
            party: party.into(),
            password: "pw".into(),
            token,
            window: false,
        };
        let addr = format!("127.0.0.1:{port}").parse().unwrap();
        let app = join::client(addr, hello, rx, Box::new(screen.clone())).expect("client starts");
        Self { app, screen, keys }
    }

    fn type_lines(&self, lines: &[&str]) {
        for l in lines {
            self.keys.send(Input::Line((*l).into())).unwrap();
        }
    }

    /// Closes the connection as a quitting client does, and is gone.
    fn hang_up(mut self, server: &mut App) {
        join::hang_up(&mut self.app);
        for _ in 0..5 {
            server.update();
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn done(&self) -> Option<u8> {
        self.app.world().resource::<Terminal>().done
    }
}

/// A Geneva table with these seats.
fn table(
    seats: &[&str],
    seed: u64,
    password: &str,
    facilitator_password: Option<&str>,
    turn_limit: Option<Duration>,
) -> Table {
    let s = geneva();
    let seats = seats.iter().map(|id| s.party_ix(id).unwrap()).collect();
    Table::new(TableConfig {
        scenario: s,
        seats,
        seed,
        password: password.into(),
        facilitator_password: facilitator_password.map(String::from),
        turn_limit,
    })
}

/// The texts the table has sent client `to` since it was last drained (it is drained of
/// everything).
fn texts_to(table: &mut Table, to: bevy::prelude::Entity) -> Vec<String> {
    table
        .drain()
        .into_iter()
        .filter(|(c, _)| *c == to)
        .filter_map(|(_, m)| match m {
            redline::net::ToClient::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn host(seats: &[&str], seed: u64) -> (App, u16) {
    let table = table(seats, seed, "pw", Some("teach"), None);
    let (app, addr) = redline::cli::host::server(table, 0).expect("the server listens");
    (app, addr.port())
}

/// Steps the server and the players until `until` holds (or fails after 60 s).
fn run(
    server: &mut App,
    players: &mut [&mut Player],
    until: impl Fn(&App, &[&mut Player]) -> bool,
) {
    let start = Instant::now();
    while !until(server, players) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the loopback game did not get there in 60 s; screens:\n{}",
            players
                .iter()
                .map(|p| p.screen.text())
                .collect::<Vec<_>>()
                .join("\n-----\n")
        );
        server.update();
        for p in players.iter_mut() {
            p.app.update();
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn stage(server: &App) -> Stage {
    server.world().resource::<Table>().stage()
}

/// Two people play a whole game over loopback with scripted lines: it ends, each is shown its
/// own end screen, and the server's record replays locally to the same log hash. Along the way
/// the United States opens a back channel to Iran: it learns Iran's priorities, and Iran's
/// client never receives the United States' hidden numbers.
#[test]
fn two_clients_play_a_networked_game_to_the_end_and_it_replays() {
    let (mut server, port) = host(&["iran", "united_states"], 11);
    let mut iran = Player::join(port, "iran", None);
    let mut us = Player::join(port, "united_states", None);
    // Iran: help and a closed move first (answered, nothing chosen), then conciliatory
    // statements; the United States: the back channel to Iran, then statements and passes.
    iran.type_lines(&["ready", "help", "why 1", "n", "n", "pass"]);
    us.type_lines(&["ready", "b", "n", "pass"]);
    let script = ["n", "m", "pass", "a", "17", "f"];
    for _ in 0..4 {
        iran.type_lines(&script);
        us.type_lines(&script);
    }
    run(&mut server, &mut [&mut iran, &mut us], |_, ps| {
        ps.iter().all(|p| p.done().is_some())
    });
    assert_eq!(iran.done(), Some(0));
    assert_eq!(us.done(), Some(0));
    assert_eq!(stage(&server), Stage::Ended);
    let (i, u) = (iran.screen.text(), us.screen.text());
    for (who, out) in [("Iran", &i), ("United States", &u)] {
        assert!(
            out.contains(&format!("You have the seat of {who}")),
            "{out}"
        );
        assert!(out.contains(&format!("=== Your brief: {who}")), "{out}");
        assert!(out.contains(&format!("Your score as {who}")), "{out}");
        assert!(out.contains("#####"), "the end screen: {out}");
    }
    assert!(i.contains("Commands:"), "help is answered: {i}");
    assert!(
        i.contains("score (as the AI sees it)"),
        "why is answered: {i}"
    );
    // The back channel revealed Iran to the United States, and only to it.
    assert!(u.contains("Iran cares most about (revealed)"), "{u}");
    assert!(
        !i.contains("United States cares most about (revealed)"),
        "{i}"
    );
    // Iran never reads the United States' walk-away value or costliest clause in the answers,
    // nor its brief; the United States reads its own.
    for line in i.lines() {
        if line.starts_with("  United States: ") {
            assert!(
                !line.contains("we can get without a deal") && !line.contains("costs us most"),
                "Iran received a hidden number of the United States: {line}"
            );
        }
    }
    assert!(!i.contains("=== Your brief: United States"));
    assert!(
        u.contains("we can get without a deal") || u.contains("walk-away"),
        "{u}"
    );
    // The server's game replays locally, move for move, to the same log hash.
    let mut table = server.world_mut().remove_resource::<Table>().unwrap();
    let rec = save::record(table.game_mut());
    assert!(!rec.moves.is_empty(), "the players' moves are recorded");
    let (replayed, same) = save::replay(geneva(), &rec, std::path::Path::new("net")).unwrap();
    assert!(same, "the local replay reproduces the networked game");
    assert_eq!(replayed.log(), table.game().log());
}

/// A seat is its player's: another client asking for it is refused (with a reason logged), so
/// is a wrong password (or none), a party the AI plays and one that does not exist; a dropped player takes
/// its seat back only with its token, and meanwhile its AI holds it (said to the others).
#[test]
fn seats_cannot_be_taken_over_and_a_dropped_player_rejoins_with_its_token() {
    let (mut server, port) = host(&["iran", "united_states"], 5);
    let mut iran = Player::join(port, "iran", None);
    run(&mut server, &mut [&mut iran], |_, ps| {
        ps[0].screen.text().contains("You have the seat of Iran")
    });
    let refused = |server: &mut App, hello: ToServer, says: &str| {
        let (_keys, rx) = channel();
        let screen = Screen::default();
        let addr = format!("127.0.0.1:{port}").parse().unwrap();
        let mut p = Player {
            app: join::client(addr, hello, rx, Box::new(screen.clone())).unwrap(),
            screen,
            keys: _keys,
        };
        run(server, &mut [&mut p], |_, ps| ps[0].done().is_some());
        assert_eq!(p.done(), Some(1), "{}", p.screen.text());
        assert!(p.screen.text().contains(says), "{}", p.screen.text());
    };
    let hello = |party: &str, password: &str, token| ToServer::Hello {
        party: party.into(),
        password: password.into(),
        token,
        window: false,
    };
    refused(
        &mut server,
        hello("iran", "pw", None),
        "Iran's seat is taken",
    );
    refused(
        &mut server,
        hello("united_states", "nope", None),
        "wrong password",
    );
    refused(
        &mut server,
        hello("united_states", "", None),
        "this game needs a password",
    );
    refused(&mut server, hello("israel", "pw", None), "played by the AI");
    refused(
        &mut server,
        hello("atlantis", "pw", None),
        "no party `atlantis`",
    );
    let log = server.world_mut().resource_mut::<Table>().drain_log();
    assert!(
        log.iter()
            .any(|l| l.contains("refused") && l.contains("seat is taken")),
        "{log:?}"
    );
    // A ready seat's lines are answered in the lobby (queued, they came back as moves in the
    // first turn).
    iran.type_lines(&["ready", "ready"]);
    run(&mut server, &mut [&mut iran], |_, ps| {
        ps[0].screen.text().contains("You are ready already")
    });
    // The United States joins; both ready; Iran drops in week 1.
    let mut us = Player::join(port, "united_states", None);
    iran.type_lines(&["ready"]);
    us.type_lines(&["ready"]);
    run(&mut server, &mut [&mut iran, &mut us], |s, _| {
        stage(s) == Stage::Playing
    });
    let token: u64 = {
        let t = iran.screen.text();
        let at = t.find("--token ").unwrap() + "--token ".len();
        t[at..].split_whitespace().next().unwrap().parse().unwrap()
    };
    iran.hang_up(&mut server);
    // The United States chooses; Iran's AI holds the seat and the week is played.
    us.type_lines(&["n"]);
    run(&mut server, &mut [&mut us], |_, ps| {
        ps[0]
            .screen
            .text()
            .contains("Iran has no player connected; its AI plays")
    });
    assert!(
        us.screen
            .text()
            .contains("Iran's player has disconnected; its AI holds the seat")
    );
    // Without the token the seat stays its player's; with it, Iran is back.
    refused(
        &mut server,
        hello("iran", "pw", None),
        "take it back with the token",
    );
    let mut back = Player::join(port, "iran", Some(token));
    run(&mut server, &mut [&mut back, &mut us], |_, ps| {
        ps[0].screen.text().contains("week 2") && ps[1].screen.text().contains("is back")
    });
    assert!(
        !back.screen.text().contains("=== Your brief"),
        "briefed once already"
    );
    let mut table = server.world_mut().resource_mut::<Table>();
    // The player back at the table is told what its AI played meanwhile, as the week's
    // decisions hold it.
    let (s, iran_ix) = (geneva(), geneva().party_ix("iran").unwrap());
    let played = table
        .game()
        .history()
        .iter()
        .find(|h| h.talks.week == 1)
        .and_then(|h| h.decisions.moves.iter().find(|(q, _)| *q == iran_ix))
        .map_or("no move".to_string(), |(_, c)| {
            redline::ai::choice_label(&s, c)
        });
    let told = format!("While you were away, your AI played: week 1: {played}.");
    assert!(back.screen.text().contains(&told), "{}", back.screen.text());
    let log = table.drain_log();
    assert!(log.iter().any(|l| l.contains("iran rejoined")), "{log:?}");
    // A refused connection is logged once, by its refusal (it was logged again by the
    // transport's long number when its connection ended); a connection is named as when it
    // joined.
    let long_number = |l: &str| l.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() > 9);
    assert!(!log.iter().any(|l| long_number(l)), "{log:?}");
    assert!(log.iter().any(|l| l.contains("iran dropped")), "{log:?}");
    // The operator is told how each week ended, in the gauges' figures.
    let week1 = table.game().history().iter().find(|h| h.talks.week == 1);
    let st = week1.expect("week 1 was played").talks.clone();
    let status = format!(
        "Week 1 played: tension {}, agreement {}, ",
        redline::rules::describe::tension_gauge(&table.game().scenario(), st.tension),
        redline::rules::describe::gauge(st.agreement)
    );
    assert!(log.iter().any(|l| l.starts_with(&status)), "{log:?}");
    // A line from a connection that holds no seat is refused and logged.
    table.line(bevy::prelude::Entity::PLACEHOLDER, "1".into());
    let log = table.drain_log();
    assert!(
        log.iter().any(|l| l.contains("rejected a command")),
        "{log:?}"
    );
}

/// The facilitator: refused without the password; starts the game with a seat still open (its
/// AI plays it); calls an event into the turn being played; pauses (no turn is played though every
/// player chose) and resumes; gives a seat to the AI and plays the turn; ends the talks, and
/// every client gets the debrief. The called event and the end are in the replay.
#[test]
fn a_facilitator_runs_the_room_and_its_acts_replay() {
    let (mut server, port) = host(&["iran", "united_states"], 8);
    let connect = |hello: ToServer| {
        let (keys, rx) = channel();
        let screen = Screen::default();
        let addr = format!("127.0.0.1:{port}").parse().unwrap();
        Player {
            app: join::client(addr, hello, rx, Box::new(screen.clone())).unwrap(),
            screen,
            keys,
        }
    };
    // The seat password is not the facilitator's.
    let mut intruder = connect(ToServer::Facilitate {
        password: "pw".into(),
    });
    run(&mut server, &mut [&mut intruder], |_, ps| {
        ps[0].done().is_some()
    });
    assert_eq!(intruder.done(), Some(1));
    assert!(
        intruder
            .screen
            .text()
            .contains("wrong facilitator password")
    );
    let mut teacher = connect(ToServer::Facilitate {
        password: "teach".into(),
    });
    let mut iran = Player::join(port, "iran", None);
    run(&mut server, &mut [&mut teacher, &mut iran], |_, ps| {
        ps[0].screen.text().contains("You are the facilitator")
            && ps[1].screen.text().contains("You have the seat of Iran")
    });
    let week = |server: &App| server.world().resource::<Table>().game().week();
    teacher.type_lines(&["start", "inject drone_incident"]);
    run(&mut server, &mut [&mut teacher, &mut iran], |s, ps| {
        stage(s) == Stage::Playing
            && ps[0]
                .screen
                .text()
                .contains("comes this week, when the turn is played")
    });
    // The facilitator is shown the danger with the call in it (the players are not told).
    let told = (teacher.screen.text().split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        told.contains("players are not told until it comes")
            && told.contains("an event adds +7 (Drone incident near a US warship in the Gulf)"),
        "{told}"
    );
    iran.type_lines(&["n"]);
    run(&mut server, &mut [&mut teacher, &mut iran], |s, _| {
        week(s) == 1
    });
    assert!(
        iran.screen
            .text()
            .contains("United States has no player yet; its AI plays"),
        "an open seat is played by its AI"
    );
    // Paused: Iran chooses, and nothing is played until the facilitator resumes.
    teacher.type_lines(&["pause"]);
    run(&mut server, &mut [&mut teacher, &mut iran], |_, ps| {
        ps[1].screen.text().contains("has paused the game")
    });
    iran.type_lines(&["n"]);
    for _ in 0..200 {
        server.update();
        teacher.app.update();
        iran.app.update();
    }
    assert_eq!(week(&server), 1, "no turn is played while paused");
    assert!(
        iran.screen
            .text()
            .contains("The game is paused: the moves are played when the facilitator resumes it"),
        "a choice made while paused is confirmed"
    );
    teacher.type_lines(&["resume"]);
    run(&mut server, &mut [&mut teacher, &mut iran], |s, _| {
        week(s) == 2
    });
    // Iran's seat to the AI; the facilitator plays the turn; then ends the talks.
    teacher.type_lines(&["ai iran", "next"]);
    run(&mut server, &mut [&mut teacher, &mut iran], |s, _| {
        week(s) == 3
    });
    assert!(iran.screen.text().contains("gives Iran's seat to the AI"));
    assert!(
        iran.screen
            .text()
            .contains("Iran is played by the AI for now")
    );
    // What the held seat types is answered at once, not kept for later; the seat given back
    // is told so.
    iran.type_lines(&["n", "n"]);
    run(&mut server, &mut [&mut teacher, &mut iran], |_, ps| {
        ps[1]
            .screen
            .text()
            .matches("What you type is not kept")
            .count()
            == 2
    });
    teacher.type_lines(&["human iran"]);
    run(&mut server, &mut [&mut teacher, &mut iran], |_, ps| {
        ps[1].screen.text().contains("the move is yours again")
    });
    for _ in 0..200 {
        server.update();
        teacher.app.update();
        iran.app.update();
    }
    assert_eq!(week(&server), 3, "no line typed while held was played");
    teacher.type_lines(&["end"]);
    run(&mut server, &mut [&mut teacher, &mut iran], |_, ps| {
        ps.iter().all(|p| p.done().is_some())
    });
    let (t, i) = (teacher.screen.text(), iran.screen.text());
    assert!(i.contains("the facilitator ended the talks"), "{i}");
    assert!(i.contains("##### STALEMATE after week 3 #####"), "{i}");
    assert!(i.contains("Your score as Iran"), "{i}");
    assert!(
        t.contains("Score of Iran") && t.contains("Score of United States"),
        "{t}"
    );
    assert!(
        t.contains("host: the facilitator calls event drone_incident"),
        "{t}"
    );
    let mut table = server.world_mut().remove_resource::<Table>().unwrap();
    assert!(
        table
            .game()
            .log()
            .iter()
            .any(|l| l.contains("event drone_incident") && l.contains("called by the facilitator")),
        "the called event came"
    );
    let rec = save::record(table.game_mut());
    assert_eq!(rec.interventions.len(), 2, "{:?}", rec.interventions);
    let (replayed, same) = save::replay(geneva(), &rec, std::path::Path::new("net")).unwrap();
    assert!(same, "the facilitator's acts replay");
    assert_eq!(replayed.outcome(), table.game().outcome());
}

/// A turn past its time limit resolves: the AI chooses for the seats that have not.
#[test]
fn a_turn_past_its_time_limit_is_played_with_the_ai_for_the_late() {
    let mut table = table(
        &["iran", "united_states"],
        2,
        "",
        None,
        Some(Duration::from_secs(30)),
    )
    .with_autosave(
        std::env::temp_dir().join(format!("redline-net-{}/hosted.ron", std::process::id())),
    );
    let mut world = bevy::prelude::World::new();
    let (a, b) = (world.spawn_empty().id(), world.spawn_empty().id());
    table.hello(a, "iran", "", None, false);
    table.hello(b, "united_states", "", None, false);
    table.line(a, "ready".into());
    table.line(b, "ready".into());
    assert_eq!(table.stage(), Stage::Playing);
    table.line(a, "n".into());
    table.tick(Duration::from_secs(29));
    assert_eq!(table.game().week(), 0, "still within the limit");
    table.tick(Duration::from_secs(31));
    assert_eq!(table.game().week(), 1, "the turn was played at its limit");
    // The host saved the week it played, and the save goes on from there.
    let dir = std::env::temp_dir().join(format!("redline-net-{}", std::process::id()));
    let saved = save::load(geneva(), &dir.join("hosted.ron")).expect("the host's autosave loads");
    assert_eq!(saved.week(), 1);
    assert_eq!(saved.log(), table.game().log());
    let _ = std::fs::remove_dir_all(&dir);
    let sent = texts_to(&mut table, b);
    assert!(
        sent.iter()
            .any(|t| t.contains("Time is up") && t.contains("United States")),
        "{sent:?}"
    );
    assert!(
        sent.iter()
            .any(|t| t.contains("United States ran out of time")),
        "{sent:?}"
    );
}

/// Counts the turn screens a client was shown (and throws the rest of its text away).
#[derive(Clone, Default)]
struct Counter(Arc<std::sync::atomic::AtomicUsize>);

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let n = String::from_utf8_lossy(b).matches(" of 200 ===").count();
        self.0.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Counter {
    fn get(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The tutorial widened to 16 parties (15 negotiators and the mediator, every one a seat) and
/// 200 weeks.
fn sixteen_seats() -> Arc<redline::scenario::Scenario> {
    use redline::scenario::raw::RawScenario;
    let text = std::fs::read_to_string(crate::project("assets/scenarios/tutorial.ron")).unwrap();
    let ron =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut raw: RawScenario = ron.from_str(&text).unwrap();
    raw.weeks = 200;
    for k in 0..13 {
        let mut p = raw.parties[k % 2].clone();
        p.id = format!("delegation_{k}");
        p.name = format!("Delegation {k}");
        p.red_lines.clear();
        p.figures.clear();
        raw.parties.push(p);
    }
    let text = ron.to_string(&raw).unwrap();
    Arc::new(redline::scenario::parse("sixteen.ron", text.as_bytes()).expect("valid"))
}

fn resident_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    pages * 4
}

/// The load benchmark (not a test: run it with
/// `cargo test --release --no-default-features load_benchmark -- --ignored --nocapture`):
/// 16 clients, one per seat of a 16-party scenario, and a facilitator play 200 turns on
/// loopback, each client passing every turn. Prints the turn latency (every choice sent → every
/// client shown the next turn), the server's own time per turn (its updates, on one thread) and
/// the process's memory at turns 20 and 200.
#[test]
#[ignore = "a benchmark: run it by name with --ignored"]
fn load_benchmark_16_clients_and_a_facilitator_200_turns() {
    let s = sixteen_seats();
    let seats: Vec<usize> = (0..s.parties.len()).collect();
    let ids: Vec<String> = s.parties.iter().map(|p| p.id.clone()).collect();
    let table = Table::new(TableConfig {
        scenario: s,
        seats,
        seed: 1,
        password: String::new(),
        facilitator_password: Some(String::new()),
        turn_limit: None,
    });
    let (mut server, addr) = redline::cli::host::server(table, 0).unwrap();
    let mut clients = Vec::new();
    for id in ids.iter().map(|id| Some(id.clone())).chain([None]) {
        let (keys, rx) = channel();
        let count = Counter::default();
        let hello = match id {
            Some(party) => ToServer::Hello {
                party,
                password: String::new(),
                token: None,
                window: false,
            },
            None => ToServer::Facilitate {
                password: String::new(),
            },
        };
        let to = format!("127.0.0.1:{}", addr.port()).parse().unwrap();
        let app = join::client(to, hello, rx, Box::new(count.clone())).unwrap();
        clients.push((app, keys, count));
    }
    let facilitator = clients.len() - 1;
    let server_time = std::cell::Cell::new(Duration::ZERO);
    let step = |server: &mut App, clients: &mut Vec<(App, Sender<Input>, Counter)>| {
        let t = Instant::now();
        server.update();
        server_time.set(server_time.get() + t.elapsed());
        for c in clients.iter_mut() {
            c.0.update();
        }
    };
    for (_, keys, _) in &clients[..facilitator] {
        keys.send(Input::Line("ready".into())).unwrap();
    }
    let start = Instant::now();
    while stage(&server) != Stage::Playing {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the lobby did not fill"
        );
        step(&mut server, &mut clients);
    }
    let mut latencies = Vec::new();
    let mut per_turn = Vec::new();
    let mut memory = Vec::new();
    for turn in 1..=200usize {
        // Every seat has been shown this turn's screen: send every choice at once.
        while clients[..facilitator].iter().any(|c| c.2.get() < turn) {
            step(&mut server, &mut clients);
        }
        let before = server_time.get();
        let t0 = Instant::now();
        for (_, keys, _) in &clients[..facilitator] {
            keys.send(Input::Line("pass".into())).unwrap();
        }
        if turn == 200 {
            break;
        }
        while clients[..facilitator].iter().any(|c| c.2.get() < turn + 1) {
            assert!(
                t0.elapsed() < Duration::from_secs(60),
                "turn {turn} was not played"
            );
            step(&mut server, &mut clients);
        }
        latencies.push(t0.elapsed());
        per_turn.push(server_time.get() - before);
        if turn == 20 || turn == 199 {
            memory.push(resident_kib());
        }
    }
    while stage(&server) != Stage::Ended {
        step(&mut server, &mut clients);
    }
    assert_eq!(server.world().resource::<Table>().game().week(), 200);
    latencies.sort();
    per_turn.sort();
    let at = |v: &[Duration], q: f64| v[((v.len() - 1) as f64 * q) as usize];
    println!(
        "16 clients + facilitator, 200 turns on loopback: turn latency median {:?}, 95th {:?}, \
         max {:?}; server time per turn median {:?}, 95th {:?}; resident memory {} KiB at turn \
         20, {} KiB at turn 199",
        at(&latencies, 0.5),
        at(&latencies, 0.95),
        latencies[latencies.len() - 1],
        at(&per_turn, 0.5),
        at(&per_turn, 0.95),
        memory[0],
        memory[1]
    );
}

/// From the review of the first version: a client's repeated hello (it says hello until it hears
/// back) keeps its seat; a seat dropped in the lobby opens again; the facilitator saves only
/// into the host's saves folder, and `extend` cannot overflow the clock.
/// A terminal seat's `short` gives it the shorter screen each week, as at the local terminal,
/// until `full`; the other seat's screens stay whole.
#[test]
fn a_terminal_seat_asks_for_the_shorter_screen() {
    let mut table = table(&["iran", "united_states"], 3, "", None, None);
    let mut world = bevy::prelude::World::new();
    let [a, b] = [(); 2].map(|()| world.spawn_empty().id());
    table.hello(a, "iran", "", None, false);
    table.hello(b, "united_states", "", None, false);
    table.line(a, "ready".into());
    table.line(b, "ready".into());
    assert_eq!(table.stage(), Stage::Playing);
    let first = texts_to(&mut table, a).concat();
    assert!(
        first.contains("`short` for a shorter screen each week"),
        "{first}"
    );
    assert!(first.contains("Parties:"), "{first}");
    table.line(a, "short".into());
    let short = texts_to(&mut table, a).concat();
    assert!(
        short.contains(
            "Trust a deal needs (42 each way, at the same time): you trust United States"
        ),
        "{short}"
    );
    assert!(!short.contains("Parties:"), "{short}");
    assert!(short.contains("Your moves"), "{short}");
    // The next week too, and the other seat's screen is whole.
    table.line(a, "pass".into());
    table.line(b, "pass".into());
    let drained = table.drain();
    let to = |c| {
        (drained.iter())
            .filter(|(to, _)| *to == c)
            .filter_map(|(_, m)| match m {
                redline::net::ToClient::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect::<String>()
    };
    let (next_a, next_b) = (to(a), to(b));
    assert!(
        next_a.contains("week 2 of 16") && !next_a.contains("Parties:"),
        "{next_a}"
    );
    assert!(
        next_b.contains("week 2 of 16") && next_b.contains("Parties:"),
        "{next_b}"
    );
    table.line(a, "full".into());
    let full = texts_to(&mut table, a).concat();
    assert!(full.contains("Parties:"), "{full}");
}

#[test]
fn repeated_hellos_lobby_drops_and_the_facilitators_limits() {
    let mut table = table(
        &["iran", "united_states"],
        3,
        "",
        Some("teach"),
        Some(Duration::from_secs(60)),
    );
    let mut world = bevy::prelude::World::new();
    let [a, b, c, f] = [(); 4].map(|()| world.spawn_empty().id());
    let refused = |table: &mut Table| {
        table
            .drain()
            .into_iter()
            .filter_map(|(to, m)| match m {
                redline::net::ToClient::Refused(why) => Some((to, why)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    table.hello(a, "iran", "", None, false);
    table.hello(a, "iran", "", None, false);
    assert!(
        refused(&mut table).is_empty(),
        "a repeated hello is no refusal"
    );
    table.dropped(a);
    table.hello(b, "iran", "", None, false);
    assert!(
        refused(&mut table).is_empty(),
        "a seat dropped in the lobby is open again"
    );
    // A token for an open seat (one kept from another game) is no seat's: the player is told
    // the seat is theirs with a new one.
    table.hello(c, "united_states", "", Some(7), false);
    let told = texts_to(&mut table, c).concat();
    assert!(
        told.contains("The token you gave (7) is not one this game issued"),
        "{told}"
    );
    table.facilitate(f, "teach");
    table.line(f, "start".into());
    assert_eq!(table.stage(), Stage::Playing);
    // Each seat is told how long it has to choose.
    let shown = texts_to(&mut table, c).concat();
    assert!(
        shown.contains("You have 60 s to choose; then the AI chooses for you this week."),
        "{shown}"
    );
    let texts = |table: &mut Table| texts_to(table, f).concat();
    table.line(f, "save ../../etc/passwd".into());
    assert!(texts(&mut table).contains("save takes a file name"));
    table.line(f, "extend 18446744073709551615".into());
    assert!(texts(&mut table).contains("at most a day"));
    table.line(f, "extend 30".into());
    assert!(texts(&mut table).contains("30 more seconds (90 s left to choose)"));
    table.line(f, "seats".into());
    assert!(texts(&mut table).contains("90 s left in this week"));
    table.tick(Duration::from_secs(80));
    assert_eq!(table.game().week(), 0, "the extended turn still waits");
    table.tick(Duration::from_secs(91));
    assert_eq!(table.game().week(), 1, "and is played at its new limit");

    // A player back before the host noticed its old connection drop takes the seat over with
    // its token (the old connection is let go); a wrong token is told so.
    let [d, e] = [(); 2].map(|()| world.spawn_empty().id());
    table.drain();
    let refused_to = |table: &mut Table, client, says: &str| {
        let r = refused(table);
        assert!(
            r.iter()
                .any(|(to, why)| *to == client && why.contains(says)),
            "{r:?}"
        );
    };
    table.hello(d, "iran", "", Some(1), false);
    refused_to(
        &mut table,
        d,
        "seat is taken (and that token is not this seat's)",
    );
    let tok = table.seat_token("iran").expect("the seat has a token");
    table.hello(e, "iran", "", Some(tok), false);
    let sent = table.drain();
    assert!(
        sent.iter()
            .any(|(to, m)| *to == e && matches!(m, redline::net::ToClient::Welcome { .. })),
        "the token takes the seat over: {sent:?}"
    );
    assert!(
        sent.iter()
            .any(|(to, m)| *to == b && matches!(m, redline::net::ToClient::Over(_))),
        "the old connection is let go"
    );
    table.dropped(b);
    assert_eq!(
        table.seat_token("iran"),
        Some(tok),
        "the old connection's drop changes nothing"
    );
    table.dropped(e);
    table.hello(d, "iran", "", Some(1), false);
    refused_to(&mut table, d, "that token is not this seat's");
    assert!(
        table
            .drain_log()
            .iter()
            .any(|l| l.contains("taken back by its token"))
    );
}

/// A seat played in the window (`redline join ADDR --party P`), driven through the window's own
/// client code (`ui::remote`) against a host on loopback, beside a terminal seat: the lobby
/// shows the seats and takes the ready button; the host sends the view for Iran alone (the
/// United States' hidden weights and walk-away value are not in it); a move is sent as a choice,
/// an illegal one is refused and logged, undo is not a hosted seat's; the game plays to its end
/// screen with the debrief, and the record replays.
#[cfg(feature = "window")]
#[test]
fn a_window_seat_plays_from_the_view_its_host_sends() {
    use bevy::prelude::State;
    use redline::rules::Choice;
    use redline::ui::Screen as Up;
    use redline::ui::remote::JoinWindow;
    use redline::ui::view::{Action, Actions, Session, View};

    let (mut server, port) = host(&["iran", "united_states"], 9);
    let addr = format!("127.0.0.1:{port}").parse().unwrap();
    let join = JoinWindow {
        addr,
        host: format!("127.0.0.1:{port}"),
        hello: ToServer::Hello {
            party: "iran".into(),
            password: "pw".into(),
            token: None,
            window: true,
        },
        size: "1280x720".into(),
        ready: false,
        screenshot: None,
        hold: 0.0,
    };
    let mut app = crate::headless(|app| {
        app.add_plugins(redline::ui::logic);
        redline::ui::remote::plugin(app, &join);
        redline::net::messages(app);
    });
    redline::net::connect(&mut app, addr).unwrap();
    let mut win = Player {
        app,
        screen: Screen::default(),
        keys: channel().0,
    };
    let mut us = Player::join(port, "united_states", None);
    let screen = |p: &Player| *p.app.world().resource::<State<redline::ui::Screen>>().get();
    let online = |p: &Player| {
        p.app
            .world()
            .resource::<Session>()
            .online
            .clone()
            .expect("a hosted seat")
    };
    let push = |p: &mut Player, a: Action| p.app.world_mut().resource_mut::<Actions>().0.push(a);

    // The lobby: the seat, and both seats listed.
    run(&mut server, &mut [&mut win, &mut us], |_, ps| {
        online(ps[0])
            .lobby
            .is_some_and(|l| l.seats.iter().all(|x| x.taken))
    });
    assert_eq!(screen(&win), Up::Lobby);
    let o = online(&win);
    assert_eq!(o.seat.as_ref().map(|s| s.1.as_str()), Some("Iran"));
    let lobby = o.lobby.unwrap();
    assert_eq!(lobby.seats.len(), 2);
    assert!(lobby.ai.iter().any(|n| n == "Israel"), "{:?}", lobby.ai);
    push(&mut win, Action::Ready);
    us.type_lines(&["ready"]);
    run(&mut server, &mut [&mut win, &mut us], |_, ps| {
        screen(ps[0]) == Up::Briefing
    });

    // The view is Iran's, with the United States' hidden numbers left out.
    let s = geneva();
    let (iran, usx) = (
        s.party_ix("iran").unwrap(),
        s.party_ix("united_states").unwrap(),
    );
    {
        let view = win.app.world().resource::<View>();
        assert_eq!(view.me, Some(iran));
        assert!(view.online);
        assert_eq!(view.briefing.as_ref().map(|b| b.party), Some(iran));
        let sent = view.scenario.as_ref().unwrap();
        let true_w: Vec<f64> = s.parties[usx].prefs.iter().map(|p| p.weight).collect();
        let sent_w: Vec<f64> = sent.parties[usx].prefs.iter().map(|p| p.weight).collect();
        assert_ne!(
            true_w, sent_w,
            "the United States' weights were sent to Iran"
        );
        assert_eq!(sent.parties[usx].reservation.base, 0.0);
        let own: Vec<f64> = sent.parties[iran].prefs.iter().map(|p| p.weight).collect();
        let true_own: Vec<f64> = s.parties[iran].prefs.iter().map(|p| p.weight).collect();
        assert_eq!(own, true_own, "Iran's own weights are exact");
        let v = view.verdicts.iter().find(|v| v.party == usx).unwrap();
        assert_eq!(v.stand.reservation, 0.0);
    }
    assert!(
        !online(&win)
            .notices
            .iter()
            .any(|n| n.contains("Your brief")),
        "a window seat is sent no text screens"
    );
    push(&mut win, Action::Begin);
    run(&mut server, &mut [&mut win, &mut us], |_, ps| {
        screen(ps[0]) == Up::Table
    });
    assert!(online(&win).choosing);

    // Undo is the host's; an illegal move is refused and logged; a legal one is played.
    push(&mut win, Action::Undo);
    win.app.update();
    let status = win.app.world().resource::<Session>().status.clone();
    assert!(status.is_some_and(|(t, _)| t.contains("hosted")));
    push(
        &mut win,
        Action::Play(Choice {
            mv: 9_999,
            party: None,
            issue: None,
        }),
    );
    run(&mut server, &mut [&mut win, &mut us], |_, ps| {
        online(ps[0])
            .notices
            .iter()
            .any(|n| n.contains("Move refused"))
            && online(ps[0]).choosing
    });
    let first = win.app.world().resource::<View>().moves[0].choice;
    push(&mut win, Action::Play(first));
    run(&mut server, &mut [&mut win, &mut us], |_, ps| {
        !online(ps[0]).choosing && online(ps[0]).waiting == ["United States"]
    });
    us.type_lines(&["n"]);
    run(&mut server, &mut [&mut win, &mut us], |_, ps| {
        ps[0]
            .app
            .world()
            .resource::<View>()
            .state
            .as_ref()
            .is_some_and(|b| b.week == 1)
            && online(ps[0]).choosing
    });
    assert!(
        online(&win)
            .notices
            .iter()
            .any(|n| n.contains("United States has chosen")),
        "{:?}",
        online(&win).notices
    );
    // A move made against a turn already played (late on the wire) is refused.
    win.app.world_mut().write_message(ToServer::Play {
        week: 0,
        choice: None,
    });
    run(&mut server, &mut [&mut win, &mut us], |_, ps| {
        online(ps[0])
            .notices
            .iter()
            .any(|n| n.contains("that turn has been played"))
    });
    assert!(online(&win).choosing, "the seat still chooses this turn");

    // Both pass to the end: the end screen with the debrief and Iran's score.
    for _ in 0..s.weeks {
        us.type_lines(&["pass"]);
    }
    let start = Instant::now();
    while screen(&win) != Up::End {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{:?}",
            online(&win)
        );
        if online(&win).choosing {
            push(&mut win, Action::Pass);
        }
        server.update();
        win.app.update();
        us.app.update();
        std::thread::sleep(Duration::from_millis(1));
    }
    {
        let view = win.app.world().resource::<View>();
        assert!(view.ending.is_some() && view.debrief.is_some());
        assert!(view.score.is_some(), "Iran's score");
    }
    assert!(online(&win).closed.is_none());
    let mut table = server.world_mut().remove_resource::<Table>().unwrap();
    let log = table.drain_log().join("\n");
    assert!(log.contains("refused a move from Iran"), "{log}");
    let rec = save::record(table.game_mut());
    let (_, same) = save::replay(geneva(), &rec, std::path::Path::new("net")).unwrap();
    assert!(
        same,
        "the local replay reproduces the game a window seat played"
    );
}

/// A game loaded into a host says, in the lobby, that it goes on from where it was saved.
#[test]
fn a_resumed_game_says_where_it_goes_on() {
    use redline::sim::{self, Game};
    let s = geneva();
    let seats = [
        s.party_ix("iran").unwrap(),
        s.party_ix("united_states").unwrap(),
    ];
    let mut game = Game::new(s.clone(), 3, &sim::seats(&s, &seats, &[]));
    assert!(game.step() && game.step(), "two quiet weeks");
    let mut table = Table::resume(game, String::new(), None, None);
    let mut world = bevy::prelude::World::new();
    let a = world.spawn_empty().id();
    table.hello(a, "iran", "", None, false);
    let shown = texts_to(&mut table, a).concat();
    assert!(
        shown.contains("A saved game: it goes on after week 2 of 16."),
        "{shown}"
    );
}
